// The floor for a YAML linter: read every file of a folder and parse it with `yaml` alone, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';

const dir = process.argv[2];
let errors = 0;
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.yaml')) continue;
  const doc = parseDocument(readFileSync(join(dir, name), 'utf8'), { lineCounter: new LineCounter() });
  errors += doc.errors.length;
  doc.toJS();
}
process.stdout.write(`${errors}\n`);
