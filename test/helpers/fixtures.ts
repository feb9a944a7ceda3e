/** Small literal runbooks for tests, and temporary folders to put them in. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Observation } from '../../src/model/observations.js';
import type { Pipeline, SlaRule } from '../../src/model/pipeline.js';
import { DEFAULT_CALENDAR } from '../../src/time/calendar.js';
import { evaluateRule } from '../../src/sla/evaluate.js';

export const PIPELINE_YAML = `id: clicks
name: Clicks
aliases: [tap]
owners:
  primary: Web Team
  secondary: [Data Team]
issues:
  - id: late-data
    title: Late click data
    symptoms: [Counts low]
    cause: Producers lag.
    resolution: [Check lag, Re-run]
sla:
  - id: arrival
    kind: freshness
    within: 48h
oncall:
  mode: rotation
  team: Data Team
`;

export const ROSTER_YAML = `timezone: Europe/London
rotation: { start: 2026-11-30 }
teams:
  - name: Data Team
    contact: "#data"
    members: [ana, ben]
  - name: Web Team
people:
  - { id: ana, name: Ana, email: ana@example.com, level: senior }
  - { id: ben, name: Ben, email: ben@example.com, level: junior }
`;

/** A fresh temporary folder holding `runbooks/` with the given files. */
export function runbooksFolder(files: Record<string, string>): { root: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'runbook-test-'));
  const dir = join(root, 'runbooks');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { root, dir };
}

/** A pipeline with just these SLA rules, and a rule evaluated against one observation, for the SLA core tests. */
export function pipelineWith(sla: SlaRule[]): Pipeline {
  return { id: 'p', name: 'P', owners: { primary: ['T'] }, issues: [], sla, oncall: { mode: 'none' } };
}

export function evaluateOne(
  rule: SlaRule,
  observation: Observation | undefined,
  at: Date,
  calendar = DEFAULT_CALENDAR,
) {
  return evaluateRule(
    pipelineWith([rule]),
    rule,
    observation === undefined ? undefined : { observation },
    at,
    calendar,
  );
}
