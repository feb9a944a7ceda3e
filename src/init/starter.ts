/** The starter runbooks folder `runbook init` writes: a roster and one pipeline that lint clean, to edit. */
import type { LocalDate } from '../time/local.js';

export function starterRoster(start: LocalDate): string {
  return `# yaml-language-server: $schema=../schema/roster.schema.json
# The teams that own your pipelines and the people who take on-call shifts.
# Replace the example people and team; \`runbook lint\` says what is wrong, with the line.
timezone: Europe/London             # an IANA zone: every time is read in it
workweek:
  days: [mon, tue, wed, thu, fri]
  hours: "09:00-17:00"
holidays:
  country: GB                       # public holidays are spread fairly in the rotation
  region: ENG
rotation:
  start: ${start}
  handover: monday 10:00
  pairing: junior-with-senior       # a junior primary always has a senior backup
teams:
  - name: Data Team
    contact: "#data-team"
    members: [ana, ben, cara]
  - name: Analytics Team
    contact: analytics@example.com
people:
  - { id: ana, name: Ana Example, email: ana@example.com, level: senior }
  - { id: ben, name: Ben Example, email: ben@example.com, level: senior }
  - { id: cara, name: Cara Example, email: cara@example.com, level: junior }
`;
}

export const STARTER_PIPELINE = `# yaml-language-server: $schema=../schema/pipeline.schema.json
# One pipeline's runbook: who owns it, what goes wrong and how to fix it, its SLA and its on-call.
# Copy this file for each pipeline (the file name is its id).
id: orders
name: Orders
description: Daily load of the orders table from the shop database into the warehouse.
owners:
  primary: Analytics Team
  secondary: Data Team
issues:
  - id: late-load
    title: The nightly orders load has not finished
    symptoms:
      - Dashboards show yesterday's orders missing.
    cause: The source database was slow or the load job failed.
    resolution:
      - Check the load job's last run and its error.
      - Re-run the load for the missing day.
      - Tell the Analytics Team when the data is back.
    escalate: Data Team
sla:
  - id: arrival
    kind: freshness
    within: 24h
  - id: fixes
    kind: resolution
    within: 2d
oncall:
  mode: rotation
  team: Data Team
  handover-meeting: 30m
`;
