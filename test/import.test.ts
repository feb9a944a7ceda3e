/**
 * `runbook import` on a CommonMark parser: what Markdown means is what is imported (fenced code, setext
 * headings, nested lists), anything not understood is kept under `unmapped` (never dropped), team names come
 * from the document, and no input makes it slow.
 */
import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../src/import/markdown.js';

const HOSTILE = `Data pipelines
==============

Pipeline: Billing
-----------------

### Owners
- **Primary Owner:** Billing Team
- **Secondary Owner:** Platform Engineering Team

### Common Issues
- Invoices duplicated after a retry
  - Cause: the exporter retries without an idempotency key
  - Fix: delete the later copy
    1. Find them by invoice number.
    2. Keep the first.
- Ledger out of balance

\`\`\`sql
# count the duplicates
select invoice_id, count(*) from invoices group by 1 having count(*) > 1;
\`\`\`

### SLA
- Invoices must arrive within 6 hours.

| check | when |
|-------|------|
| ledger balanced | daily |

- Issues must be resolved within 2 days.

### On-call Schedule
- One platform engineer on a weekly rotation.
- Weekly 15-minute handover meeting.

### Notes
- Ask #billing before replaying a day.
`;

describe('import on a CommonMark parser', () => {
  it('keeps every SLA and issue of a document with fences, setext headings, nested lists and a table, or lists it under unmapped', () => {
    const { pipelines, notes } = importMarkdown(HOSTILE, 'hostile.md');
    expect(pipelines).toHaveLength(1);
    const { pipeline } = pipelines[0]!;
    // A setext heading is a heading; the "# count" line inside the fence ends nothing.
    expect(pipeline.name).toBe('Billing');
    expect(pipeline.issues.map((issue) => issue.title)).toEqual([
      'Invoices duplicated after a retry',
      'Ledger out of balance',
    ]);
    expect(pipeline.issues[0]).toMatchObject({
      cause: 'The exporter retries without an idempotency key.',
      resolution: ['Delete the later copy.', 'Find them by invoice number.', 'Keep the first.'],
    });
    expect(pipeline.sla.map((rule) => [rule.kind, rule.within])).toEqual([
      ['freshness', '6h'],
      ['resolution', '2d'],
    ]);
    // The fence, the table and the unknown part: kept as written, under unmapped, and said.
    expect(pipeline.unmapped).toEqual([
      'Common Issues: code block (sql):\n# count the duplicates\nselect invoice_id, count(*) from invoices group by 1 having count(*) > 1;',
      'SLA: table: | check | when | |-------|------| | ledger balanced | daily |',
      'Notes: Ask #billing before replaying a day.',
    ]);
    expect(notes.filter((note) => note.includes('kept under unmapped'))).toHaveLength(3);
    // The rotation's team is one the document names ("platform engineer": Platform Engineering Team).
    expect(pipeline.oncall).toMatchObject({
      mode: 'rotation',
      team: 'Platform Engineering Team',
      'handover-meeting': '15m',
    });
  });

  it.each([
    ['a 4 KB heading', `## Pipeline: ${'x '.repeat(2_000)}#\n### Owners\n- Primary: A Team\n`],
    ['an owners line of 200,000 spaces', `## Pipeline: A\n### Owners\n- Primary: A${' '.repeat(200_000)}x\n`],
    [
      'an on-call bullet with 80,000 "5 minutes"',
      `## Pipeline: A\n### Owners\n- Primary: A Team\n### On-call Schedule\n- Weekly rotation ${'5 minutes '.repeat(80_000)}\n`,
    ],
    ['a heading of 100,000 #', `## Pipeline: A ${'#'.repeat(100_000)} x\n### Owners\n- Primary: A Team\n`],
    [
      'an SLA line of 100,000 words before "team"',
      `## Pipeline: A\n### Owners\n- Primary: A Team\n### SLA\n- Monthly review by the ${'big '.repeat(100_000)}team\n`,
    ],
  ])('reads %s (no backtracking: it ends in a blink; npm run bench times it)', (_, text) => {
    // No time limit here (tests never depend on the machine's speed): a regular expression that backtracked
    // would run for hours, far past the suite's timeout. `node bench/run.mjs inputs` times each of these.
    expect(importMarkdown(text, 'slow.md').pipelines).toHaveLength(1);
  });
});

describe('import of contacts and links', () => {
  const DOCUMENT = `## Pipeline: Billing
### Owners:
- **Primary Owner:** Billing Team
  - Contact: billing@example.com
  - Phone: +44 20 7946 0200
- **Secondary Owner:** Data Engineering Team
- Chat: #data-eng

### Common Issues:
- Invoices missing for a day
  - Fix: re-run the export.
  - Dashboard: https://grafana.example.com/d/billing-export
  - See [the export logs](https://logs.example.com/billing)

### On-call Schedule:
- Weekly rotation among the billing engineers.
- DAG: https://airflow.example.com/dags/billing

### Links
- [Billing dashboard](https://grafana.example.com/d/billing)

### Contacts
- Finance Team: finance@example.com
- Ask in the channel first
`;

  it('maps "Contact:", "Phone:", "Chat:", dashboard and link lines, and keeps the rest under unmapped', () => {
    const { pipelines, contacts } = importMarkdown(DOCUMENT, 'billing.md');
    const [{ pipeline }] = pipelines as [(typeof pipelines)[number]];
    expect(Object.fromEntries(contacts)).toEqual({
      'Billing Team': { contact: 'billing@example.com', phone: '+44 20 7946 0200' },
      'Data Engineering Team': { chat: '#data-eng' },
      'Finance Team': { contact: 'finance@example.com' },
    });
    expect(pipeline.issues[0]).toMatchObject({
      resolution: ['Re-run the export.'],
      links: [
        { title: 'Dashboard', url: 'https://grafana.example.com/d/billing-export' },
        { title: 'See the export logs', url: 'https://logs.example.com/billing' },
      ],
    });
    expect(pipeline.links).toEqual([
      { title: 'Billing dashboard', url: 'https://grafana.example.com/d/billing' },
      { title: 'DAG', url: 'https://airflow.example.com/dags/billing' },
    ]);
    // Contact and link lines are not duties.
    expect(pipeline.oncall.duties).toEqual(['Weekly rotation among the billing engineers.']);
    expect(pipeline.unmapped).toEqual(['Contacts: Ask in the channel first']);
  });
});
