/**
 * A local server that answers as PagerDuty's schedule-override API is documented to (test/fixtures/paging):
 * it lists, creates (one result per override, each with its own status) and deletes overrides, answers the
 * first create with 429 and a Retry-After, and refuses the overrides of one user with a 400 inside the batch.
 * Every request it receives is checked against PagerDuty's OpenAPI description: path, method, required
 * headers and query parameters, and the body against the request schema.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

const DOCUMENT = JSON.parse(
  readFileSync(new URL('../fixtures/paging/pagerduty-overrides.openapi.json', import.meta.url), 'utf8'),
) as OpenApi;

interface Parameter {
  name: string;
  in: 'header' | 'path' | 'query';
  required?: boolean;
  schema?: { enum?: string[]; format?: string };
}
interface Operation {
  parameters?: ({ $ref: string } | Parameter)[];
  requestBody?: { content: Record<string, { schema: unknown }>; required?: boolean };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
(formats as unknown as { default: (ajv: Ajv) => void }).default(ajv);
ajv.addSchema(DOCUMENT, 'pagerduty');
const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const compiled = new Map<string, ValidateFunction>();
const validator = (...parts: string[]): ValidateFunction => {
  const ref = `pagerduty#/${pointer(...parts)}`;
  let found = compiled.get(ref);
  if (!found) compiled.set(ref, (found = ajv.compile({ $ref: ref })));
  return found;
};

/** The documented operation a request is for, with its path parameters. */
function operationOf(
  method: string,
  path: string,
): { template: string; operation: Operation; params: Record<string, string> } | undefined {
  for (const [template, operations] of Object.entries(DOCUMENT.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`,
    );
    const match = pattern.exec(path);
    const operation = operations[method.toLowerCase()];
    if (match && operation)
      return {
        template,
        operation,
        params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])),
      };
  }
  return undefined;
}

/** Why a request does not match PagerDuty's description (empty when it does). */
export function checkRequest(
  method: string,
  url: string,
  headers: Record<string, string | undefined>,
  body: unknown,
): string[] {
  const { pathname, searchParams } = new URL(url, 'http://localhost');
  const found = operationOf(method, pathname);
  if (!found) return [`${method} ${pathname}: no such operation in the API description`];
  const problems: string[] = [];
  for (const entry of found.operation.parameters ?? []) {
    const parameter = '$ref' in entry ? DOCUMENT.components.parameters[entry.$ref.split('/').pop()!]! : entry;
    const value =
      parameter.in === 'header'
        ? headers[parameter.name.toLowerCase()]
        : parameter.in === 'query'
          ? (searchParams.get(parameter.name) ?? undefined)
          : found.params[parameter.name];
    if (value === undefined) {
      if (parameter.required) problems.push(`${parameter.in} parameter ${parameter.name} is missing`);
      continue;
    }
    if (parameter.schema?.enum && !parameter.schema.enum.includes(value))
      problems.push(`${parameter.name}: ${value} is not one of ${parameter.schema.enum.join(', ')}`);
    if (parameter.schema?.format === 'date-time' && Number.isNaN(Date.parse(value)))
      problems.push(`${parameter.name}: ${value} is not a date-time`);
  }
  const accept = headers.accept;
  if (accept !== 'application/vnd.pagerduty+json;version=2') problems.push(`Accept is ${accept}`);
  if (found.operation.requestBody) {
    if (body === undefined) problems.push('the request has no body');
    else {
      const validate = validator(
        'paths',
        found.template,
        method.toLowerCase(),
        'requestBody',
        'content',
        'application/json',
        'schema',
      );
      if (!validate(body))
        problems.push(...(validate.errors ?? []).map((error) => `body${error.instancePath}: ${error.message}`));
    }
  }
  return problems;
}

/** Why an answer does not match the description of the operation's response with that status. */
export function checkAnswer(method: string, url: string, status: number, body: unknown): string[] {
  const found = operationOf(method, new URL(url, 'http://localhost').pathname)!;
  // The description documents the list's success as 201 where the API answers 200: a success is read against
  // the operation's documented success, whichever 2xx it names.
  const success = Object.keys(found.operation.responses).find((code) => code.startsWith('2'));
  const documented = found.operation.responses[String(status)] ? String(status) : status < 300 ? success : undefined;
  const response = documented === undefined ? undefined : found.operation.responses[documented];
  if (!response || documented === undefined)
    return [`${status} is not a documented answer of ${method} ${found.template}`];
  if (!response.content) return [];
  const validate = validator(
    'paths',
    found.template,
    method.toLowerCase(),
    'responses',
    documented,
    'content',
    'application/json',
    'schema',
  );
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `answer${error.instancePath}: ${error.message}`);
}

export interface Stored {
  id: string;
  start: string;
  end: string;
  user: { id: string; type: 'user_reference' };
}

export interface PagingServer {
  url: string;
  /** Each request as received (`at`: a monotonic time in ms, for the waits between), with what is wrong with it by the description. */
  requests: { method: string; url: string; body: unknown; problems: string[]; at: number }[];
  overrides: Map<string, Stored[]>;
  close(): Promise<void>;
}

export interface Behaviour {
  /** Answer the first create with 429 and this Retry-After (seconds). */
  retryAfter?: number;
  /** Refuse every override of this user (400 inside the batch answer). */
  refuseUser?: string;
  /** The overrides each schedule holds at the start. */
  initial?: Record<string, Stored[]>;
}

export async function pagingServer(behaviour: Behaviour = {}): Promise<PagingServer> {
  const overrides = new Map(Object.entries(behaviour.initial ?? {}).map(([id, list]) => [id, [...list]]));
  const requests: PagingServer['requests'] = [];
  let limited = behaviour.retryAfter !== undefined;
  let next = 1;
  const server: Server = createServer((request, response) => {
    void readBody(request).then((text) => {
      try {
        serve(text);
      } catch (error) {
        requests.push({
          method: request.method!,
          url: request.url!,
          body: text,
          problems: [String(error)],
          at: Date.now(),
        });
        response.writeHead(500);
        response.end();
      }
    });
    const serve = (text: string) => {
      const method = request.method!;
      const url = request.url!;
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
      );
      const problems = checkRequest(method, url, headers, body);
      if (headers.authorization !== 'Token token=test-token') problems.push('no token');
      requests.push({ method, url, body, problems, at: performance.now() });
      const answer = (status: number, value?: unknown, extra: Record<string, string> = {}) => {
        if (status !== 429) problems.push(...checkAnswer(method, url, status, value));
        response.writeHead(status, { 'Content-Type': 'application/json', ...extra });
        response.end(value === undefined ? '' : JSON.stringify(value));
      };
      const { pathname, searchParams } = new URL(url, 'http://localhost');
      const [, , schedule, , overrideId] = pathname.split('/').map(decodeURIComponent);
      const held = overrides.get(schedule!) ?? [];
      overrides.set(schedule!, held);
      if (problems.length)
        return answer(400, { error: { message: 'Invalid Input Provided', code: 2001, errors: problems } });
      if (method === 'GET') {
        const since = Date.parse(searchParams.get('since')!);
        const until = Date.parse(searchParams.get('until')!);
        return answer(200, {
          overrides: held.filter((entry) => Date.parse(entry.end) > since && Date.parse(entry.start) < until),
        });
      }
      if (method === 'DELETE') {
        const at = held.findIndex((entry) => entry.id === overrideId);
        if (at < 0) return answer(404, { error: { message: 'Not Found', code: 2100 } });
        held.splice(at, 1);
        return answer(204);
      }
      if (limited) {
        limited = false;
        response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(behaviour.retryAfter) });
        return response.end(JSON.stringify({ error: { message: 'Rate Limit Exceeded', code: 2020 } }));
      }
      const results = (body as { overrides: Omit<Stored, 'id'>[] }).overrides.map((entry) => {
        if (entry.user.id === behaviour.refuseUser)
          return { status: 400, errors: ['User does not belong to this schedule'], override: entry };
        const stored = { ...entry, id: `Q${String(next++).padStart(6, '0')}` };
        held.push(stored);
        return { status: 201, override: stored };
      });
      return answer(201, results);
    };
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    overrides,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
  });
}
