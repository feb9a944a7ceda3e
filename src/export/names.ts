/** The paging tools `runbook export` writes to (docs/paging.md): their names, without loading what writes them. */
export type ToolName = 'pagerduty' | 'opsgenie' | 'incident-io';
export const TOOLS: readonly ToolName[] = ['pagerduty', 'opsgenie', 'incident-io'];
