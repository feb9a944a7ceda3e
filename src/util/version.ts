import { readFileSync } from 'node:fs';

declare const RUNBOOK_VERSION: string | undefined;
declare const RUNBOOK_BUILD: string | undefined;

/** The package version: fixed into the bundle at build time, else read from package.json beside the sources. */
export const VERSION =
  typeof RUNBOOK_VERSION === 'string'
    ? RUNBOOK_VERSION
    : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Which build this is: a digest of the sources in the bundle, `source` when running the TypeScript directly. */
export const BUILD = typeof RUNBOOK_BUILD === 'string' ? RUNBOOK_BUILD : 'source';
