#!/usr/bin/env node
// CommonJS (see bin/package.json): it starts faster than an ES module, and every command pays for the start.
require('../dist/cli/boot.cjs').boot(process.argv);
