// khal (Debian's package) with a calendar folder per name under `work`, UTC throughout and ISO dates, as the
// scripts that check runbook's calendars in a real client use it (khal-story.mjs, site-khal.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A khal runner over calendars `names` (the first the default): `khal('list', …)` returns stdout or throws. */
export function khalWith(work, names, env) {
  const config = join(work, 'khal.conf');
  writeFileSync(
    config,
    [
      '[calendars]',
      ...names.flatMap((name) => [`[[${name}]]`, `path = ${join(work, 'cal', name)}`]),
      '[locale]',
      'timeformat = %H:%M',
      'dateformat = %Y-%m-%d',
      'longdateformat = %Y-%m-%d',
      'datetimeformat = %Y-%m-%dT%H:%M',
      'longdatetimeformat = %Y-%m-%dT%H:%M',
      'default_timezone = UTC',
      'local_timezone = UTC',
      '[default]',
      `default_calendar = ${names[0]}`,
      '',
    ].join('\n'),
  );
  for (const name of names) mkdirSync(join(work, 'cal', name), { recursive: true });
  return (...args) => {
    const result = spawnSync('khal', ['-c', config, ...args], { encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`khal ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
}
