/**
 * The paging tools runbook writes overrides to (docs/paging.md): for each, the requests its public API takes to
 * list, create, change and delete schedule overrides, and how it reads the tool's list response.
 *
 * - PagerDuty REST API v2: `GET|POST /schedules/{id}/overrides`, `DELETE /schedules/{id}/overrides/{override_id}`
 *   (no update: a change is a delete and a create). Token: `Authorization: Token token=…`.
 * - incident.io API v2: `GET|POST /v2/schedule_overrides`, `DELETE /v2/schedule_overrides/{id}`; an override names
 *   the schedule, its rotation and the rotation's layer (given as schedule:rotation:layer). A change is a delete
 *   and a create. The list answers in pages (`pagination_meta.after`, sent back as `after=`), every one read.
 *   Token: `Authorization: Bearer …`.
 * - Opsgenie schedule override API: `POST /v2/schedules/{id}/overrides`, `PUT|DELETE …/overrides/{alias}`; each
 *   override named by an alias made from pipeline, role and week, so a re-run updates instead of duplicating.
 *   Token: `Authorization: GenieKey …`.
 */
import { z } from 'zod';
import { Timestamp } from '../model/fields.js';
import type { Existing, Wanted } from './plan.js';
import { utcSeconds } from '../render/time.js';

import type { ToolName } from './names.js';

export type { ToolName };

export interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** From the API's root, with the query string. */
  path: string;
  body?: unknown;
}

export interface Tool {
  name: ToolName;
  title: string;
  /** The API's root, unless the environment variable `urlVariable` names another (a region, a test server). */
  url: string;
  urlVariable: string;
  /** The environment variable holding the token. */
  tokenVariable: string;
  headers(token: string): Record<string, string>;
  /** The list response saved with `--state`, or fetched, as overrides. */
  state: z.ZodType<{ overrides: Existing[] }>;
  /** The list request; `after` is the cursor of the next page, for a tool whose list answers in pages. */
  list(schedule: string, since: Date, until: Date, after?: string): Request;
  /** The cursor of the page after a list answer, when the tool pages its list and more are left. */
  nextPage?(answer: unknown): string | undefined;
  keyOf: { wanted: (part: Wanted) => string; existing: (entry: Existing) => string };
  create(schedule: string, parts: readonly Wanted[]): Request[];
  change(schedule: string, from: Existing, to: Wanted): Request[];
  remove(schedule: string, entry: Existing): Request;
  /** Why a schedule id given with --schedule cannot be this tool's (undefined when it can). */
  refuse?(schedule: string): string | undefined;
}

const instant = Timestamp.transform((text) => new Date(text));
/** The schedule's place in a path while its id is not known (`export` without `--schedule`). */
export const UNKNOWN_SCHEDULE = '{id}';
const segment = (value: string) => (value === UNKNOWN_SCHEDULE ? value : encodeURIComponent(value));

/** How many overrides one PagerDuty create request carries. */
const PAGERDUTY_BATCH = 25;

const pagerduty: Tool = {
  name: 'pagerduty',
  title: 'PagerDuty',
  url: 'https://api.pagerduty.com',
  urlVariable: 'RUNBOOK_PAGERDUTY_URL',
  tokenVariable: 'PAGERDUTY_TOKEN',
  headers: (token) => ({
    Accept: 'application/vnd.pagerduty+json;version=2',
    'Content-Type': 'application/json',
    Authorization: `Token token=${token}`,
  }),
  state: z
    .looseObject({
      overrides: z.array(
        z.looseObject({ id: z.string(), start: instant, end: instant, user: z.looseObject({ id: z.string() }) }),
      ),
    })
    .transform(({ overrides }) => ({
      overrides: overrides.map((entry) => ({ id: entry.id, user: entry.user.id, start: entry.start, end: entry.end })),
    })),
  list: (schedule, since, until) => ({
    method: 'GET',
    path: `/schedules/${segment(schedule)}/overrides?since=${segment(utcSeconds(since))}&until=${segment(utcSeconds(until))}`,
  }),
  keyOf: {
    wanted: (part) => `${part.start.getTime()}/${part.end.getTime()}`,
    existing: (entry) => `${entry.start.getTime()}/${entry.end.getTime()}`,
  },
  create: (schedule, parts) => {
    const requests: Request[] = [];
    for (let i = 0; i < parts.length; i += PAGERDUTY_BATCH)
      requests.push({
        method: 'POST',
        path: `/schedules/${segment(schedule)}/overrides`,
        body: {
          overrides: parts.slice(i, i + PAGERDUTY_BATCH).map((part) => ({
            start: utcSeconds(part.start),
            end: utcSeconds(part.end),
            user: { id: part.user, type: 'user_reference' },
          })),
        },
      });
    return requests;
  },
  change: (schedule, from, to) => [pagerduty.remove(schedule, from), ...pagerduty.create(schedule, [to])],
  remove: (schedule, entry) => ({
    method: 'DELETE',
    path: `/schedules/${segment(schedule)}/overrides/${segment(entry.id)}`,
  }),
};

const opsgenieBody = (part: Wanted) => ({
  user: { type: 'user', username: part.user },
  startDate: utcSeconds(part.start),
  endDate: utcSeconds(part.end),
});

const opsgenie: Tool = {
  name: 'opsgenie',
  title: 'Opsgenie',
  url: 'https://api.opsgenie.com',
  urlVariable: 'RUNBOOK_OPSGENIE_URL',
  tokenVariable: 'OPSGENIE_API_KEY',
  headers: (token) => ({ 'Content-Type': 'application/json', Authorization: `GenieKey ${token}` }),
  state: z
    .looseObject({
      data: z.array(
        z.looseObject({
          alias: z.string(),
          startDate: instant,
          endDate: instant,
          user: z.looseObject({ username: z.string().optional(), id: z.string().optional() }),
        }),
      ),
    })
    .transform(({ data }) => ({
      overrides: data.map((entry) => ({
        id: entry.alias,
        user: entry.user.username ?? entry.user.id ?? '',
        start: entry.startDate,
        end: entry.endDate,
      })),
    })),
  list: (schedule) => ({ method: 'GET', path: `/v2/schedules/${segment(schedule)}/overrides` }),
  keyOf: { wanted: (part) => part.alias, existing: (entry) => entry.id },
  create: (schedule, parts) =>
    parts.map((part) => ({
      method: 'POST',
      path: `/v2/schedules/${segment(schedule)}/overrides`,
      body: { alias: part.alias, ...opsgenieBody(part) },
    })),
  change: (schedule, from, to) => [
    { method: 'PUT', path: `/v2/schedules/${segment(schedule)}/overrides/${segment(from.id)}`, body: opsgenieBody(to) },
  ],
  remove: (schedule, entry) => ({
    method: 'DELETE',
    path: `/v2/schedules/${segment(schedule)}/overrides/${segment(entry.id)}`,
  }),
};

/** incident.io's override names the schedule, a rotation of it and the rotation's layer: schedule:rotation:layer. */
const incidentTarget = (schedule: string) => {
  const [schedule_id = schedule, rotation_id = UNKNOWN_SCHEDULE, layer_id = UNKNOWN_SCHEDULE] = schedule.split(':');
  return { schedule_id, rotation_id, layer_id };
};

const incidentIo: Tool = {
  name: 'incident-io',
  title: 'incident.io',
  url: 'https://api.incident.io',
  urlVariable: 'RUNBOOK_INCIDENT_IO_URL',
  tokenVariable: 'INCIDENT_IO_API_KEY',
  headers: (token) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }),
  state: z
    .looseObject({
      overrides: z.array(
        z.looseObject({ id: z.string(), start_at: instant, end_at: instant, user: z.looseObject({ id: z.string() }) }),
      ),
    })
    .transform(({ overrides }) => ({
      overrides: overrides.map((entry) => ({
        id: entry.id,
        user: entry.user.id,
        start: entry.start_at,
        end: entry.end_at,
      })),
    })),
  list: (schedule, _since, _until, after) => {
    const { schedule_id, rotation_id } = incidentTarget(schedule);
    return {
      method: 'GET',
      path: `/v2/schedule_overrides?schedule_id=${segment(schedule_id)}&rotation_id=${segment(rotation_id)}${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`,
    };
  },
  // A list answers in pages: pagination_meta.after is the cursor of the next one, absent on the last.
  nextPage: (answer) => {
    const after = (answer as { pagination_meta?: { after?: unknown } } | undefined)?.pagination_meta?.after;
    return typeof after === 'string' && after !== '' ? after : undefined;
  },
  keyOf: pagerduty.keyOf,
  create: (schedule, parts) =>
    parts.map((part) => ({
      method: 'POST',
      path: '/v2/schedule_overrides',
      body: {
        ...incidentTarget(schedule),
        start_at: utcSeconds(part.start),
        end_at: utcSeconds(part.end),
        user: { id: part.user },
      },
    })),
  change: (schedule, from, to) => [incidentIo.remove(schedule, from), ...incidentIo.create(schedule, [to])],
  remove: (_, entry) => ({ method: 'DELETE', path: `/v2/schedule_overrides/${segment(entry.id)}` }),
  refuse: (schedule) =>
    /^[^:]+:[^:]+:[^:]+$/.test(schedule)
      ? undefined
      : `an incident.io override names the schedule, the rotation and its layer: give schedule_id:rotation_id:layer_id, not ${JSON.stringify(schedule)}`,
};

export const TOOL: Record<ToolName, Tool> = { pagerduty, opsgenie, 'incident-io': incidentIo };
