#!/usr/bin/env node
import { createRequire } from 'node:module';

const { main } = createRequire(import.meta.url)('../dist/cli/cli.cjs');
await main(process.argv);
