import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchema, SCHEMAS, type SchemaName } from '../src/model/json-schema.js';
import { PROJECT } from './helpers/run.js';

const committed = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(PROJECT, 'schema', `${name}.schema.json`), 'utf8'));

describe('JSON Schema', () => {
  it.each(Object.keys(SCHEMAS))(
    'schema/%s.schema.json matches the zod source (run `npm run schema` after changing src/model)',
    (name) => {
      expect(committed(name)).toEqual(jsonSchema(name as SchemaName));
    },
  );

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validatePipeline = ajv.compile(committed('pipeline'));
  const validateRoster = ajv.compile(committed('roster'));
  const runbooks = join(PROJECT, 'runbooks');

  it.each(readdirSync(runbooks).filter((file) => file.endsWith('.yaml')))('validates the shipped %s', (file) => {
    const text = readFileSync(join(runbooks, file), 'utf8');
    expect(text.split('\n')[0]).toBe(
      `# yaml-language-server: $schema=../schema/${file === 'roster.yaml' ? 'roster' : 'pipeline'}.schema.json`,
    );
    const validate = file === 'roster.yaml' ? validateRoster : validatePipeline;
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what the tool rejects: unknown keys, bad enums, bad durations', () => {
    const pipeline = parse(readFileSync(join(runbooks, 'engagement.yaml'), 'utf8')) as Record<string, unknown>;
    expect(validatePipeline({ ...pipeline, ownres: 'x' })).toBe(false);
    expect(validatePipeline({ ...pipeline, oncall: { mode: 'rota' } })).toBe(false);
    expect(validatePipeline({ ...pipeline, sla: [{ id: 'a', kind: 'freshness', within: '2 days' }] })).toBe(false);
  });
});
