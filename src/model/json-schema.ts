/** JSON Schema generated from the zod schemas: one source of truth for the tool and for editors. */
import { z } from 'zod';
import { Observations } from './observations.js';
import { Pipeline } from './pipeline.js';
import { Roster } from './roster.js';
import { Overrides } from './overrides.js';
import { Lock } from './lock.js';

export const SCHEMAS = {
  pipeline: {
    schema: Pipeline,
    title: 'runbook pipeline',
    description: 'One data pipeline: owners, common issues, SLA rules, on-call.',
  },
  roster: {
    schema: Roster,
    title: 'runbook roster',
    description: 'Teams, people, working week, holidays and rotation settings.',
  },
  observations: {
    schema: Observations,
    title: 'runbook observations',
    description: 'Pipeline id -> SLA rule id -> what was observed.',
  },
  overrides: {
    schema: Overrides,
    title: 'runbook overrides',
    description: 'Who covers which part of a pipeline role, laid over the planned rotation.',
  },
  lock: {
    schema: Lock,
    title: 'runbook published schedule',
    description: 'The published shifts, written by runbook rotate --publish.',
  },
} as const;

export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const { schema, title, description } = SCHEMAS[name];
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}
