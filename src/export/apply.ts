/**
 * Sending a plan to the paging tool (`export --apply`, docs/paging.md): one request at a time, waiting as long
 * as a 429 answer's Retry-After says (or a growing pause without one), each item's result reported. Nothing is
 * retried after an answer that refuses it; the caller says what was and was not applied.
 */
import type { Existing, TargetPlan, Wanted } from './plan.js';
import type { Request, Tool } from './tools.js';
import { utcMinute } from '../render/time.js';

export interface Outcome {
  action: 'create' | 'change' | 'delete';
  pipeline: string;
  role: string;
  what: string;
  ok: boolean;
  /** The tool's id of what was created, or why it was refused. */
  detail: string;
}

/** How many pages of a tool's list of overrides are read before the list is taken not to end. */
const MAX_PAGES = 1000;

/** How many times one request is sent again after a 429 before its items are reported as not applied. */
const RETRIES = 5;
/** The longest wait runbook accepts from a Retry-After, in seconds. */
const LONGEST_WAIT = 120;

export function describeWanted(part: Wanted): string {
  return `${part.week} ${part.person} (${part.user}) ${utcMinute(part.start)} to ${utcMinute(part.end)}`;
}

export function describeExisting(entry: Existing): string {
  return `${entry.id}: ${entry.user} ${utcMinute(entry.start)} to ${utcMinute(entry.end)}`;
}

interface Answer {
  status: number;
  body: unknown;
  error?: string;
}

/** Sends one request, again after each 429 (up to RETRIES times). */
async function send(tool: Tool, base: string, token: string, request: Request): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(`${base.replace(/\/$/, '')}${request.path}`, {
        method: request.method,
        headers: tool.headers(token),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
    } catch (error) {
      return { status: 0, body: undefined, error: `no answer from ${base}: ${(error as Error).message}` };
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.status !== 429 || attempt >= RETRIES) return { status: response.status, body };
    const after = Number(response.headers.get('retry-after'));
    const seconds = Number.isFinite(after) && after >= 0 ? Math.min(after, LONGEST_WAIT) : 2 ** attempt;
    await new Promise((done) => setTimeout(done, seconds * 1000));
  }
}

/**
 * The overrides the tool holds on a schedule, read from its list endpoint (waiting out a 429 as every request
 * does), or why they could not be read.
 */
export async function readOverrides(
  tool: Tool,
  base: string,
  token: string,
  schedule: string,
  since: Date,
  until: Date,
): Promise<Existing[] | string> {
  const held: Existing[] = [];
  const cursors = new Set<string>();
  let after: string | undefined;
  // Every page is read: an override left unread would be left standing, stale, in the tool.
  for (;;) {
    const answer = await send(tool, base, token, tool.list(schedule, since, until, after));
    if (!ok(answer.status)) return refusal(answer);
    const parsed = tool.state.safeParse(answer.body);
    if (!parsed.success) return 'the answer is not the list the API documents';
    held.push(...parsed.data.overrides);
    after = tool.nextPage?.(answer.body);
    if (after === undefined) return held;
    if (cursors.has(after) || cursors.size >= MAX_PAGES)
      return `its list of overrides does not end (page ${cursors.size + 1} points back to one already read, or past ${MAX_PAGES} pages)`;
    cursors.add(after);
  }
}

/** Why the tool refused a request, in its own words where it gave some. */
function refusal(answer: Answer): string {
  if (answer.error) return answer.error;
  const body = answer.body as { error?: { message?: string; errors?: string[] }; message?: string } | undefined;
  const words = [body?.error?.message, ...(body?.error?.errors ?? []), body?.message].filter(Boolean).join(': ');
  return `HTTP ${answer.status}${words ? ` (${words})` : ''}`;
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * Applies the plans in order: per schedule, deletions first (so that the creations find the slots free), then
 * changes, then creations. Returns one outcome per item.
 */
export async function applyPlans(
  tool: Tool,
  base: string,
  token: string,
  plans: readonly TargetPlan[],
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const plan of plans) {
    const schedule = plan.target.schedule!;
    const { pipeline, role } = plan.target;
    const report = (action: Outcome['action'], what: string, answer: Answer, detail?: string) =>
      outcomes.push({
        action,
        pipeline,
        role,
        what,
        ok: ok(answer.status) || (action === 'delete' && answer.status === 404),
        detail: ok(answer.status)
          ? (detail ?? `HTTP ${answer.status}`)
          : action === 'delete' && answer.status === 404
            ? 'already gone'
            : refusal(answer),
      });
    for (const entry of plan.remove) {
      const answer = await send(tool, base, token, tool.remove(schedule, entry));
      report('delete', describeExisting(entry), answer);
    }
    for (const { from, to } of plan.change) {
      const what = `${describeExisting(from)} -> ${describeWanted(to)}`;
      let answer: Answer | undefined;
      for (const request of tool.change(schedule, from, to)) {
        answer = await send(tool, base, token, request);
        if (!ok(answer.status) && !(request.method === 'DELETE' && answer.status === 404)) break;
        answer = itemAnswer(answer, 0);
        if (!ok(answer.status)) break;
      }
      report('change', what, answer!, createdId(answer!));
    }
    const requests = tool.create(schedule, plan.create);
    let next = 0;
    for (const request of requests) {
      const answer = await send(tool, base, token, request);
      const carried = Array.isArray((request.body as { overrides?: unknown[] } | undefined)?.overrides)
        ? (request.body as { overrides: unknown[] }).overrides.length
        : 1;
      for (let i = 0; i < carried; i++) {
        const item = itemAnswer(answer, i);
        report('create', describeWanted(plan.create[next++]!), item, createdId(item));
      }
    }
  }
  return outcomes;
}

/**
 * One item's answer inside a batch answer: PagerDuty's create answers 201 with one entry per override, each with
 * its own status (201, or 400 with errors).
 */
function itemAnswer(answer: Answer, index: number): Answer {
  if (!ok(answer.status) || !Array.isArray(answer.body)) return answer;
  const entry = answer.body[index] as { status?: number; errors?: string[]; override?: unknown } | undefined;
  if (!entry) return { status: 502, body: undefined, error: 'the answer holds no result for this override' };
  const status = entry.status ?? answer.status;
  return ok(status)
    ? { status, body: entry }
    : {
        status,
        body: undefined,
        error: `HTTP ${status}${entry.errors?.length ? ` (${entry.errors.join('; ')})` : ''}`,
      };
}

function createdId(answer: Answer): string | undefined {
  const body = answer.body as { override?: { id?: string }; id?: string; data?: { alias?: string } } | undefined;
  const id = body?.override?.id ?? body?.id ?? body?.data?.alias;
  return id ? `created ${id}` : undefined;
}
