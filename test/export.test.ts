/**
 * `runbook export` (docs/paging.md): the final schedule as the paging tool's schedule overrides. PagerDuty's
 * requests and answers are checked against its published OpenAPI description (test/fixtures/paging); Opsgenie's
 * against its schedule override API reference (https://docs.opsgenie.com/docs/schedule-override-api: create is
 * POST /v2/schedules/{identifier}/overrides with alias, user {type, username}, startDate, endDate; update is PUT
 * …/overrides/{alias} with user, startDate, endDate; delete is DELETE …/overrides/{alias}; list answers
 * {data: [{alias, user, startDate, endDate, …}]}); incident.io's against its API reference
 * (https://docs.incident.io/api-reference/schedule-overrides-v2/create: POST /v2/schedule_overrides with
 * schedule_id, rotation_id, layer_id, start_at, end_at and user {id | email | slack_user_id}; the list,
 * GET /v2/schedule_overrides?schedule_id=…, answers {overrides: [{id, start_at, end_at, user, …}]}; an override
 * is deleted with DELETE /v2/schedule_overrides/{id}).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRequest, pagingServer, type PagingServer, type Stored } from './helpers/paging-server.js';
import { PROJECT, runInProcess } from './helpers/run.js';

const NOW = new Date('2026-12-09T12:00:00Z');
const PD_HEADERS = { accept: 'application/vnd.pagerduty+json;version=2', 'content-type': 'application/json' };

interface Requests {
  schedules: {
    pipeline: string;
    role: string;
    schedule: string | null;
    requests: { method: string; path: string; body?: unknown }[];
  }[];
}
interface Plan {
  schedules: {
    create: { start: string; person: string; user: string; alias: string }[];
    change: { from: { id: string }; to: { start: string; user: string } }[];
    delete: { id: string; start: string }[];
    kept: number;
    started: number;
  }[];
}

/** The shipped runbooks, 8 weeks published, one cover in a published week. */
async function folder() {
  const root = mkdtempSync(join(tmpdir(), 'runbook-export-'));
  cpSync(join(PROJECT, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runInProcess(['--dir', 'runbooks', ...args], { cwd: root, now: NOW, env });
  expect(
    (await run(['rotate', '--weeks', '8', '--start', '2026-11-30', '--publish', '--at', '2026-12-01T12:00:00Z'])).code,
  ).toBe(0);
  writeFileSync(
    join(root, 'runbooks', 'overrides.yaml'),
    '- { pipeline: engagement, role: primary, from: 2026-12-22, to: 2026-12-24, person: ana, reason: dentist }\n',
  );
  return { root, run };
}

/** What the tool would hold if it had every override runbook wants (ids made up), as its list answer. */
async function fullState(run: Awaited<ReturnType<typeof folder>>['run']): Promise<Stored[]> {
  const out = await run(['export', 'pagerduty', '--schedule', 'engagement=PENG']);
  expect(out.code, out.stderr).toBe(0);
  const requests = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests;
  return requests.flatMap((request) =>
    (request.body as { overrides: Omit<Stored, 'id'>[] }).overrides.map((entry, i) => ({ ...entry, id: `PD${i}` })),
  );
}

let server: PagingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('export pagerduty', () => {
  it("prints create requests that PagerDuty's API description accepts, one override per shift part, the covers included", async () => {
    const { run } = await folder();
    const out = await run([
      'export',
      'pagerduty',
      '--schedule',
      'engagement=PENG',
      '--schedule',
      'engagement/backup=PENGB',
      '--role',
      'all',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout) as Requests;
    expect(doc.schedules.map((s) => `${s.pipeline}/${s.role}=${s.schedule}`)).toEqual([
      'engagement/primary=PENG',
      'engagement/backup=PENGB',
    ]);
    const overrides = doc.schedules[0]!.requests.flatMap((request) => {
      expect(checkRequest(request.method, request.path, PD_HEADERS, request.body)).toEqual([]);
      return (request.body as { overrides: { start: string; end: string; user: { id: string } }[] }).overrides;
    });
    // The current week (from 2026-12-07 10:00) has started: it is left alone. The week of 2026-12-21 is split
    // by the dentist cover into three parts.
    expect(overrides[0]!.start).toBe('2026-12-14T10:00:00Z');
    const split = overrides.filter((entry) => entry.start >= '2026-12-21' && entry.end <= '2026-12-28T10:00:00Z');
    expect(split.map((entry) => entry.user.id)).toEqual(['PEMM05', 'PANA01', 'PEMM05']);
    expect(split[1]).toMatchObject({ start: '2026-12-22T00:00:00Z', end: '2026-12-24T00:00:00Z' });
    // Back to back, no gap and no overlap.
    for (let i = 1; i < overrides.length; i++) expect(overrides[i]!.start >= overrides[i - 1]!.end).toBe(true);
  });

  it('--plan against a saved list: deletes the stale override, creates the missing one, touches nothing that has started', async () => {
    const { root, run } = await folder();
    const full = await fullState(run);
    const missing = full[3]!;
    const state = [
      // Started ones the tool holds: left alone whatever they say.
      {
        id: 'PAST',
        start: '2026-12-07T10:00:00Z',
        end: '2026-12-14T10:00:00Z',
        user: { id: 'PANA01', type: 'user_reference' },
      },
      ...full.filter((entry) => entry !== missing),
      {
        id: 'STALE',
        start: '2027-01-06T09:00:00Z',
        end: '2027-01-06T17:00:00Z',
        user: { id: 'PBEN02', type: 'user_reference' },
      },
    ];
    writeFileSync(join(root, 'state.json'), JSON.stringify({ overrides: state, limit: 100, more: false }));
    const plan = ['export', 'pagerduty', '--schedule', 'engagement=PENG', '--state', 'state.json', '--plan'];
    const out = await run([...plan, '--json']);
    expect(out.code, out.stderr).toBe(0);
    const planned = (JSON.parse(out.stdout) as Plan).schedules[0]!;
    expect(planned.create.map((entry) => entry.start)).toEqual([missing.start]);
    expect(planned.delete.map((entry) => entry.id)).toEqual(['STALE']);
    expect(planned.change).toEqual([]);
    expect(planned.kept).toBe(full.length - 1);
    for (const entry of [...planned.create, ...planned.delete])
      expect(Date.parse(entry.start)).toBeGreaterThan(NOW.getTime());
    const table = await run(plan);
    expect(table.stdout).toMatch(/PagerDuty: 1 to create, 0 to change, 1 to delete; \d+ already as planned, 2 started/);
    expect(table.stdout).toMatch(
      /delete\s+engagement\s+primary\s+2027-01-06 09:00Z - 2027-01-06 17:00Z\s+PBEN02 \(override STALE\)/,
    );
  });

  it('a person moved to another shift is a change: the old override deleted and the new one created', async () => {
    const { root, run } = await folder();
    const full = await fullState(run);
    const moved = { ...full[1]!, user: { id: 'PLEN12', type: 'user_reference' as const } };
    writeFileSync(
      join(root, 'state.json'),
      JSON.stringify({ overrides: full.map((entry, i) => (i === 1 ? moved : entry)) }),
    );
    const out = await run(['export', 'pagerduty', '--schedule', 'PENG', '-p', 'engagement', '--state', 'state.json']);
    const requests = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests;
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'DELETE /schedules/PENG/overrides/PD1',
      'POST /schedules/PENG/overrides',
    ]);
  });

  it('--apply: every request valid by the API description, waits out a 429, and exits 1 naming the one refused item', async () => {
    const { run } = await folder();
    const full = await fullState(run);
    // The dentist cover (ana) is refused by the tool; another week's shift goes through.
    const [first, second] = [full[2]!, full[5]!];
    expect(first).toMatchObject({ start: '2026-12-22T00:00:00Z', user: { id: 'PANA01' } });
    const refused = first.user.id;
    server = await pagingServer({
      retryAfter: 1,
      refuseUser: refused,
      initial: {
        PENG: [
          ...full.filter((entry) => entry !== first && entry !== second),
          {
            id: 'STALE',
            start: '2027-01-06T09:00:00Z',
            end: '2027-01-06T17:00:00Z',
            user: { id: 'PBEN02', type: 'user_reference' },
          },
        ],
      },
    });
    {
      const env = { PAGERDUTY_TOKEN: 'test-token', RUNBOOK_PAGERDUTY_URL: server.url };
      const out = await run(['export', 'pagerduty', '--schedule', 'engagement=PENG', '--apply'], env);
      expect(server.requests.flatMap((request) => request.problems)).toEqual([]);
      expect(server.requests.map((request) => request.method)).toEqual(['GET', 'DELETE', 'POST', 'POST']);
      // The create was sent again no sooner than the Retry-After said (a lower bound: a slow machine only waits longer).
      const [limited, retried] = server.requests.filter((request) => request.method === 'POST').map((r) => r.at);
      expect(retried! - limited!).toBeGreaterThanOrEqual(1000);
      expect(out.code).toBe(1);
      expect(out.stdout).toMatch(/PagerDuty: 2 of 3 applied\./);
      expect(out.stderr).toContain(
        '2 of 3 applied; not applied: create engagement primary 2026-12-21 ana (PANA01) 2026-12-22 00:00Z to ' +
          '2026-12-24 00:00Z (HTTP 400 (User does not belong to this schedule))',
      );
      const held = server.overrides.get('PENG')!;
      expect(held.some((entry) => entry.id === 'STALE')).toBe(false);
      expect(held.some((entry) => entry.start === second.start && entry.user.id === second.user.id)).toBe(true);
      expect(held.some((entry) => entry.start === first.start)).toBe(false);
      // Run again once the tool takes that user: only the one item left is sent, then nothing.
      const again = await pagingServer({ initial: { PENG: held } });
      const retry = await run(['export', 'pagerduty', '--schedule', 'engagement=PENG', '--apply'], {
        ...env,
        RUNBOOK_PAGERDUTY_URL: again.url,
      });
      expect(retry.code, retry.stderr).toBe(0);
      expect(again.requests.map((request) => request.method)).toEqual(['GET', 'POST']);
      const done = await run(['export', 'pagerduty', '--schedule', 'engagement=PENG', '--apply'], {
        ...env,
        RUNBOOK_PAGERDUTY_URL: again.url,
      });
      expect(done.stdout).toContain('nothing to send');
      expect(again.requests.flatMap((request) => request.problems)).toEqual([]);
      await again.close();
    }
  });

  it('refuses what it cannot do with exit 2 and a reason: no token, no schedule, a person without a handle, a bad state file', async () => {
    const { root, run } = await folder();
    const noToken = await run(['export', 'pagerduty', '--schedule', 'engagement=PENG', '--apply']);
    expect([noToken.code, noToken.stderr]).toEqual([
      2,
      'runbook: --apply needs a PagerDuty API token in PAGERDUTY_TOKEN\n',
    ]);
    const plain = await run(['export', 'pagerduty', '--schedule', 'engagement=PENG', '--apply'], {
      PAGERDUTY_TOKEN: 'x',
      RUNBOOK_PAGERDUTY_URL: 'http://pagerduty.example.com',
    });
    expect([plain.code, plain.stderr]).toEqual([
      2,
      'runbook: RUNBOOK_PAGERDUTY_URL=http://pagerduty.example.com: the token is sent only to an https:// address (or to this machine over http)\n',
    ]);
    const noSchedule = await run(['export', 'pagerduty', '-p', 'engagement', '--apply'], { PAGERDUTY_TOKEN: 'x' });
    expect(noSchedule.code).toBe(2);
    expect(noSchedule.stderr).toContain('--schedule engagement=<schedule id>');
    const two = await run(['export', 'pagerduty', '--schedule', 'PENG']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/schedules are exported .*name each: --schedule aggregated=PENG/);
    writeFileSync(
      join(root, 'state.json'),
      '{\n  "overrides": [\n    { "id": "Q1", "start": "soon", "end": "2027-01-01T00:00:00Z", "user": { "id": "P1" } }\n  ]\n}\n',
    );
    const bad = await run(['export', 'pagerduty', '-p', 'engagement', '--state', 'state.json', '--plan']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^runbook: state\.json:3:\d+: error: .*start/m);
    const roster = join(root, 'runbooks', 'roster.yaml');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('      pagerduty: PDEV04\n', ''));
    const noHandle = await run(['export', 'pagerduty', '-p', 'engagement']);
    expect(noHandle.code).toBe(2);
    expect(noHandle.stderr).toContain(
      'dev has no pagerduty user in the roster: add handles: { pagerduty: <their user id> }',
    );
  });
});

describe('export opsgenie', () => {
  it('names each override by an alias from pipeline, role and week, and a re-run updates by alias instead of duplicating', async () => {
    const { root, run } = await folder();
    const out = await run(['export', 'opsgenie', '--schedule', 'engagement=ops-engagement']);
    expect(out.code, out.stderr).toBe(0);
    const requests = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests;
    for (const request of requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/v2/schedules/ops-engagement/overrides');
      expect(Object.keys(request.body as object).sort()).toEqual(['alias', 'endDate', 'startDate', 'user']);
      expect((request.body as { user: object }).user).toEqual({
        type: 'user',
        username: expect.stringMatching(/@example\.com$/),
      });
    }
    const bodies = requests.map(
      (request) => request.body as { alias: string; user: { username: string }; startDate: string; endDate: string },
    );
    expect(bodies[0]!.alias).toBe('runbook-engagement-primary-2026-12-14');
    expect(
      bodies.filter((body) => body.alias.startsWith('runbook-engagement-primary-2026-12-21')).map((b) => b.alias),
    ).toEqual([
      'runbook-engagement-primary-2026-12-21-1',
      'runbook-engagement-primary-2026-12-21-2',
      'runbook-engagement-primary-2026-12-21-3',
    ]);
    // The tool's list answer with one override given to someone else: one PUT by alias, nothing created.
    const data = bodies.map((body, i) => ({
      ...body,
      user: i === 0 ? { type: 'user', username: 'lena@example.com' } : body.user,
      rotations: [],
    }));
    writeFileSync(join(root, 'list.json'), JSON.stringify({ data, took: 0.1, requestId: 'r' }));
    const rerun = await run(['export', 'opsgenie', '--schedule', 'engagement=ops-engagement', '--state', 'list.json']);
    const again = (JSON.parse(rerun.stdout) as Requests).schedules[0]!.requests;
    expect(again).toEqual([
      {
        method: 'PUT',
        path: '/v2/schedules/ops-engagement/overrides/runbook-engagement-primary-2026-12-14',
        body: { user: bodies[0]!.user, startDate: bodies[0]!.startDate, endDate: bodies[0]!.endDate },
      },
    ]);
  });
});

describe('export incident-io', () => {
  it('names the schedule, rotation and layer in each override; a moved shift is a delete and a create', async () => {
    const { root, run } = await folder();
    const wrong = await run(['export', 'incident-io', '--schedule', 'engagement=01SCHED']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('give schedule_id:rotation_id:layer_id');
    const out = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L']);
    expect(out.code, out.stderr).toBe(0);
    const requests = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests;
    const bodies = requests.map((request) => {
      expect([request.method, request.path]).toEqual(['POST', '/v2/schedule_overrides']);
      return request.body as { start_at: string; end_at: string; user: { id: string } };
    });
    expect(Object.keys(bodies[0]!).sort()).toEqual([
      'end_at',
      'layer_id',
      'rotation_id',
      'schedule_id',
      'start_at',
      'user',
    ]);
    expect(bodies[0]).toMatchObject({
      schedule_id: '01S',
      rotation_id: '01R',
      layer_id: '01L',
      start_at: '2026-12-14T10:00:00Z',
    });
    expect(bodies[0]!.user.id).toMatch(/^01JEXAMPLE/);
    const overrides = bodies.map((body, i) => ({
      id: `01OVR${i}`,
      schedule_id: '01S',
      rotation_id: '01R',
      layer_id: '01L',
      start_at: body.start_at,
      end_at: body.end_at,
      user: i === 0 ? { id: '01SOMEONEELSE' } : body.user,
      created_at: '2026-12-01T00:00:00Z',
      updated_at: '2026-12-01T00:00:00Z',
    }));
    writeFileSync(join(root, 'list.json'), JSON.stringify({ overrides }));
    const rerun = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L', '--state', 'list.json']);
    expect(
      (JSON.parse(rerun.stdout) as Requests).schedules[0]!.requests.map(
        (request) => `${request.method} ${request.path}`,
      ),
    ).toEqual(['DELETE /v2/schedule_overrides/01OVR0', 'POST /v2/schedule_overrides']);
  });
});

/**
 * A local stand-in for Opsgenie's schedule override API as its reference page describes it: overrides kept by
 * alias per schedule, list answering {data: [...]}, create and update answering {result, data: {alias}}.
 */
async function opsgenieServer(
  initial: { alias: string; user: { type: string; username: string }; startDate: string; endDate: string }[],
) {
  const held = new Map(initial.map((entry) => [entry.alias, entry]));
  const seen: string[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const path = request.url!.replace(/\?.*$/, '');
      seen.push(`${request.method} ${path} ${request.headers.authorization}`);
      const alias = decodeURIComponent(path.split('/')[5] ?? '');
      const body = text
        ? (JSON.parse(text) as {
            alias?: string;
            user: { type: string; username: string };
            startDate: string;
            endDate: string;
          })
        : undefined;
      const answer = (status: number, value: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (!path.startsWith('/v2/schedules/ops-engagement/overrides'))
        return answer(404, { message: 'Schedule not found' });
      if (request.method === 'GET') return answer(200, { data: [...held.values()], took: 0.01, requestId: 'r' });
      if (request.method === 'DELETE')
        return held.delete(alias)
          ? answer(200, { result: 'Deleted', took: 0.01, requestId: 'r' })
          : answer(404, { message: 'not found' });
      if (!body?.user.username || body.user.type !== 'user' || !body.startDate || !body.endDate)
        return answer(422, { message: 'invalid override' });
      const key = request.method === 'PUT' ? alias : body.alias!;
      held.set(key, { alias: key, user: body.user, startDate: body.startDate, endDate: body.endDate });
      return answer(request.method === 'PUT' ? 200 : 201, {
        result: 'Created',
        data: { alias: key },
        took: 0.01,
        requestId: 'r',
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    seen,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('export opsgenie --apply', () => {
  it("reads the tool's overrides, updates a changed one by its alias, creates the missing, deletes the stale", async () => {
    const { run } = await folder();
    const out = await run(['export', 'opsgenie', '--schedule', 'engagement=ops-engagement']);
    const bodies = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests.map(
      (request) =>
        request.body as { alias: string; user: { type: string; username: string }; startDate: string; endDate: string },
    );
    const stale = {
      alias: 'runbook-engagement-primary-2027-01-11-9',
      user: { type: 'user', username: 'ben@example.com' },
      startDate: '2027-01-12T09:00:00Z',
      endDate: '2027-01-12T17:00:00Z',
    };
    const server = await opsgenieServer([
      { ...bodies[0]!, user: { type: 'user', username: 'lena@example.com' } },
      ...bodies.slice(2),
      stale,
    ]);
    try {
      const env = { OPSGENIE_API_KEY: 'key', RUNBOOK_OPSGENIE_URL: server.url };
      const applied = await run(['export', 'opsgenie', '--schedule', 'engagement=ops-engagement', '--apply'], env);
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout).toMatch(/^Opsgenie: 3 of 3 applied\./);
      expect(server.seen).toEqual([
        'GET /v2/schedules/ops-engagement/overrides GenieKey key',
        `DELETE /v2/schedules/ops-engagement/overrides/${stale.alias} GenieKey key`,
        `PUT /v2/schedules/ops-engagement/overrides/${bodies[0]!.alias} GenieKey key`,
        'POST /v2/schedules/ops-engagement/overrides GenieKey key',
      ]);
      expect([...server.held.values()].sort((x, y) => x.startDate.localeCompare(y.startDate))).toEqual(
        [...bodies].sort((x, y) => x.startDate.localeCompare(y.startDate)),
      );
    } finally {
      await server.close();
    }
  });
});

/** Starts a stand-in of incident.io's API on a free port of this machine: the environment that sends runbook there. */
async function incidentStandIn(server: Server): Promise<Record<string, string>> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    INCIDENT_IO_API_KEY: 'k',
    RUNBOOK_INCIDENT_IO_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

describe('export incident-io --apply', () => {
  it('deletes the override whose holder changed and creates the new one, with the Bearer token, on the rotation layer', async () => {
    const { run } = await folder();
    const out = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L']);
    const bodies = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests.map(
      (request) => request.body as { start_at: string; end_at: string; user: { id: string } },
    );
    const held = new Map(
      bodies.map((body, i) => [
        `01OVR${i}`,
        { ...body, id: `01OVR${i}`, user: i === 1 ? { id: '01OTHER' } : body.user },
      ]),
    );
    const seen: string[] = [];
    const server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
        const answer = (status: number, value?: unknown) => {
          response.writeHead(status, { 'Content-Type': 'application/json' });
          response.end(value === undefined ? '' : JSON.stringify(value));
        };
        if (request.method === 'GET') return answer(200, { overrides: [...held.values()] });
        if (request.method === 'DELETE') return answer(held.delete(request.url!.split('/').pop()!) ? 204 : 404);
        const body = JSON.parse(text) as { schedule_id: string; rotation_id: string; layer_id: string };
        if ([body.schedule_id, body.rotation_id, body.layer_id].join(':') !== '01S:01R:01L') return answer(422);
        const id = `01NEW${held.size}`;
        held.set(id, { ...(body as unknown as (typeof bodies)[number]), id });
        return answer(201, { override: { ...body, id } });
      });
    });
    const env = await incidentStandIn(server);
    try {
      const applied = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L', '--apply'], env);
      expect(applied.code, applied.stderr).toBe(0);
      expect(seen).toEqual([
        'GET /v2/schedule_overrides?schedule_id=01S&rotation_id=01R Bearer k',
        'DELETE /v2/schedule_overrides/01OVR1 Bearer k',
        'POST /v2/schedule_overrides Bearer k',
      ]);
      expect([...held.values()].map((entry) => entry.user.id).sort()).toEqual(
        bodies.map((body) => body.user.id).sort(),
      );
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
  it('reads every page of the list, so a stale override on a later page is deleted too; a list that never ends is refused', async () => {
    const { run } = await folder();
    const out = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L']);
    const bodies = (JSON.parse(out.stdout) as Requests).schedules[0]!.requests.map(
      (request) => request.body as { start_at: string; end_at: string; user: { id: string } },
    );
    // The tool holds what runbook wants, one override a page, and on the last page a stale one.
    const later = new Date(new Date(bodies[2]!.start_at).getTime() + 3_600_000).toISOString().replace('.000', '');
    const stale = { ...bodies[2]!, id: '01STALE', start_at: later, user: { id: '01GONE' } };
    const held = new Map([
      ...bodies.map((body, i) => [`01OVR${i}`, { ...body, id: `01OVR${i}` }] as const),
      ['01STALE', stale],
    ]);
    const seen: string[] = [];
    let loops = false;
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url}`);
      const answer = (status: number, value?: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(value === undefined ? '' : JSON.stringify(value));
      };
      if (request.method === 'DELETE') return answer(held.delete(request.url!.split('/').pop()!) ? 204 : 404);
      const url = new URL(request.url!, 'http://localhost');
      const page = Number(url.searchParams.get('after') ?? '0');
      const all = [...held.values()];
      const next = loops ? 0 : page + 1 < all.length ? page + 1 : undefined;
      return answer(200, {
        overrides: all.slice(page, page + 1),
        pagination_meta: { page_size: 1, ...(next === undefined ? {} : { after: String(next) }) },
      });
    });
    const env = await incidentStandIn(server);
    try {
      const applied = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L', '--apply'], env);
      expect(applied.code, applied.stderr).toBe(0);
      const list = '/v2/schedule_overrides?schedule_id=01S&rotation_id=01R';
      expect(seen).toEqual([
        `GET ${list}`,
        ...bodies.map((_, i) => `GET ${list}&after=${i + 1}`),
        'DELETE /v2/schedule_overrides/01STALE',
      ]);
      expect(held.has('01STALE')).toBe(false);

      loops = true;
      seen.length = 0;
      const refused = await run(['export', 'incident-io', '--schedule', 'engagement=01S:01R:01L', '--apply'], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('its list of overrides does not end');
      expect(refused.stderr).toContain('nothing was sent');
      expect(seen.every((line) => line.startsWith('GET '))).toBe(true);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
