/** Cross-file rules: one named function each, its rule id beside it. Shape is the schema's job; meaning is here. */
import type { PathSegment } from '../read/source.js';
import type { Problem, Scope } from '../model/problem.js';
import type { RuleId } from '../model/rule-ids.js';
import { durationMs } from '../model/duration.js';
import { closest } from '../util/suggest.js';
import { fileId, problemAt, teamPaths, type Rule, type RuleContext } from './context.js';
import { reviewOf } from '../lookup/review.js';

/** id-matches-file: a pipeline's id equals its file name, so `runbook show <id>` and the file agree. */
const idMatchesFile: Rule = ({ pipelines }) =>
  pipelines
    .filter((loaded) => loaded.value.id !== fileId(loaded))
    .map((loaded) =>
      problemAt(
        loaded,
        ['id'],
        'id-matches-file',
        `id "${loaded.value.id}" differs from the file name: rename the file to ${loaded.value.id}.yaml or set id: ${fileId(loaded)}`,
      ),
    );

/**
 * unique-name: ids, names and aliases are unique across pipelines, so every look-up has one answer.
 * Ids claim their names first, then names, then aliases; a clash is reported on the weaker claim.
 */
const uniqueNames: Rule = ({ pipelines }) => {
  const claims = pipelines.flatMap((loaded) => {
    const { id, name, aliases = [] } = loaded.value;
    return [
      { loaded, text: id, path: ['id'] as PathSegment[], what: 'id', rank: 0 },
      { loaded, text: name, path: ['name'] as PathSegment[], what: 'name', rank: 1 },
      ...aliases.map((alias, i) => ({
        loaded,
        text: alias,
        path: ['aliases', i] as PathSegment[],
        what: 'alias',
        rank: 2,
      })),
    ];
  });
  claims.sort((a, b) => a.rank - b.rank);
  const owner = new Map<string, string>();
  const problems: Problem[] = [];
  for (const claim of claims) {
    const key = claim.text.toLowerCase();
    const held = owner.get(key);
    if (held === undefined) owner.set(key, claim.loaded.value.id);
    else if (held !== claim.loaded.value.id) {
      problems.push(
        problemAt(
          claim.loaded,
          claim.path,
          'unique-name',
          `"${claim.text}" already names pipeline ${held}: pick another ${claim.what} so look-ups stay unambiguous`,
        ),
      );
    }
  }
  return problems;
};

/** team-exists: every team a pipeline names (owners, escalation, rotation, deadline `by`) is in the roster. */
const teamsExist: Rule = ({ pipelines, roster }) => {
  if (!roster) return [];
  const known = roster.value.teams.map((team) => team.name);
  const problems: Problem[] = [];
  for (const loaded of pipelines) {
    const pipeline = loaded.value;
    const named: [string, () => PathSegment[]][] = [
      ...teamPaths(loaded, ['owners', 'primary'], pipeline.owners.primary),
      ...teamPaths(loaded, ['owners', 'secondary'], pipeline.owners.secondary ?? []),
      ...pipeline.issues.flatMap((issue, i): [string, () => PathSegment[]][] =>
        issue.escalate ? [[issue.escalate, () => ['issues', i, 'escalate']]] : [],
      ),
      ...pipeline.sla.flatMap((rule, i): [string, () => PathSegment[]][] =>
        rule.kind === 'deadline' && rule.by ? [[rule.by, () => ['sla', i, 'by']]] : [],
      ),
      ...(pipeline.oncall.team
        ? [[pipeline.oncall.team, () => ['oncall', 'team']] as [string, () => PathSegment[]]]
        : []),
    ];
    for (const [team, path] of named) {
      if (known.includes(team)) continue;
      const guess = closest(team, known);
      const hint = guess ? `did you mean "${guess}"?` : `add it to the teams of ${roster.file}`;
      problems.push(problemAt(loaded, path(), 'team-exists', `team "${team}" is not in the roster: ${hint}`));
    }
  }
  return problems;
};

/** rotation-team-members: a rotation's team has people to take the shifts. */
const rotationTeamHasMembers: Rule = ({ pipelines, roster }) => {
  if (!roster) return [];
  return pipelines.flatMap((loaded) => {
    const { oncall } = loaded.value;
    const team = roster.value.teams.find((candidate) => candidate.name === oncall.team);
    if (oncall.mode !== 'rotation' || !team || team.members.length > 0) return [];
    return [
      problemAt(
        loaded,
        ['oncall', 'team'],
        'rotation-team-members',
        `team "${team.name}" has no members to take shifts: list them under its members in ${roster.file}`,
      ),
    ];
  });
};

/** pairing-senior: with junior-with-senior pairing, a team with juniors has a senior to back them. */
const pairingHasSenior: Rule = ({ roster }) => {
  if (!roster || roster.value.rotation?.pairing === 'off') return [];
  const level = new Map(roster.value.people.map((person) => [person.id, person.level]));
  return roster.value.teams.flatMap((team, i) => {
    const levels = team.members.map((member) => level.get(member));
    if (!levels.includes('junior') || levels.includes('senior')) return [];
    return [
      problemAt(
        roster,
        ['teams', i, 'members'],
        'pairing-senior',
        `team "${team.name}" has juniors but no senior to back them: add a senior, or set rotation.pairing: off`,
        { scope: { team: team.name } },
      ),
    ];
  });
};

/** member-exists: every team member is one of the people. */
const membersExist: Rule = ({ roster }) => {
  if (!roster) return [];
  const ids = roster.value.people.map((person) => person.id);
  return roster.value.teams.flatMap((team, i) =>
    team.members.flatMap((member, j) => {
      if (ids.includes(member)) return [];
      const guess = closest(member, ids);
      return [
        problemAt(
          roster,
          ['teams', i, 'members', j],
          'member-exists',
          `"${member}" is not one of the people: ${guess ? `did you mean "${guess}"?` : 'add them under people'}`,
          { scope: { team: team.name } },
        ),
      ];
    }),
  );
};

/** unique-person, unique-team, unique-member: person ids, team names and each team's members are unique. */
const uniqueRosterNames: Rule = ({ roster }) => {
  if (!roster) return [];
  const duplicates = (
    values: readonly string[],
    path: (i: number) => PathSegment[],
    rule: RuleId,
    what: string,
    scope: (value: string) => Scope,
  ): Problem[] =>
    values.flatMap((value, i) =>
      values.indexOf(value) < i
        ? [
            problemAt(roster, path(i), rule, `${what} "${value}" appears twice: each must be unique`, {
              scope: scope(value),
            }),
          ]
        : [],
    );
  return [
    ...duplicates(
      roster.value.people.map((person) => person.id),
      (i) => ['people', i, 'id'],
      'unique-person',
      'person id',
      (person) => ({ person }),
    ),
    ...duplicates(
      roster.value.teams.map((team) => team.name),
      (i) => ['teams', i, 'name'],
      'unique-team',
      'team name',
      (team) => ({ team }),
    ),
    ...roster.value.teams.flatMap((team, t) =>
      duplicates(
        team.members,
        (i) => ['teams', t, 'members', i],
        'unique-member',
        `${team.name} member`,
        () => ({
          team: team.name,
        }),
      ),
    ),
  ];
};

/** away-order, joined-before-left: date ranges run forwards. */
const datesInOrder: Rule = ({ roster }) => {
  if (!roster) return [];
  return roster.value.people.flatMap((person, i) => [
    ...(person.away ?? []).flatMap((away, k) =>
      away.from > away.to
        ? [
            problemAt(
              roster,
              ['people', i, 'away', k, 'to'],
              'away-order',
              `away range ends (${away.to}) before it starts (${away.from}): swap from and to`,
              { scope: { person: person.id } },
            ),
          ]
        : [],
    ),
    ...(person.joined && person.left && person.joined > person.left
      ? [
          problemAt(
            roster,
            ['people', i, 'left'],
            'joined-before-left',
            `${person.id} left (${person.left}) before joining (${person.joined}): fix one of the dates`,
            { scope: { person: person.id } },
          ),
        ]
      : []),
  ]);
};

/** unique-issue-id, unique-sla-id: ids are unique within a file; observations and links refer to them. */
const uniqueIdsInFile: Rule = ({ pipelines }) =>
  pipelines.flatMap((loaded) => {
    const duplicates = (ids: string[], list: 'issues' | 'sla', rule: RuleId): Problem[] =>
      ids.flatMap((id, i) =>
        ids.indexOf(id) < i
          ? [
              problemAt(
                loaded,
                [list, i, 'id'],
                rule,
                `${list === 'sla' ? 'SLA rule' : 'issue'} id "${id}" appears twice in this file: rename one`,
              ),
            ]
          : [],
      );
    return [
      ...duplicates(
        loaded.value.issues.map((issue) => issue.id),
        'issues',
        'unique-issue-id',
      ),
      ...duplicates(
        loaded.value.sla.map((rule) => rule.id),
        'sla',
        'unique-sla-id',
      ),
    ];
  });

/** warn-before-within: a freshness warning comes before the breach it warns of. */
const warnShorterThanWithin: Rule = ({ pipelines }) =>
  pipelines.flatMap((loaded) =>
    loaded.value.sla.flatMap((rule, i) => {
      if (rule.kind !== 'freshness' || rule.warn === undefined) return [];
      if (durationMs(rule.warn) < durationMs(rule.within)) return [];
      return [
        problemAt(
          loaded,
          ['sla', i, 'warn'],
          'warn-before-within',
          `warn (${rule.warn}) must be shorter than within (${rule.within}), or it never warns before the breach`,
        ),
      ];
    }),
  );

/** issue-resolution (warning): an issue without steps does not help the engineer on call or a newcomer. */
const issueHasResolution: Rule = ({ pipelines }) =>
  pipelines.flatMap((loaded) =>
    loaded.value.issues.flatMap((issue, i) =>
      issue.resolution?.length
        ? []
        : [
            problemAt(
              loaded,
              ['issues', i],
              'issue-resolution',
              `issue "${issue.id}" has no resolution steps: add a resolution list an engineer could follow`,
              { severity: 'warning' },
            ),
          ],
    ),
  );

/** unmapped-text (warning): imported text still waiting to become SLA rules, duties or issues. */
const unmappedText: Rule = ({ pipelines }) =>
  pipelines.flatMap((loaded) =>
    (loaded.value.unmapped ?? []).map((text, i) =>
      problemAt(
        loaded,
        ['unmapped', i],
        'unmapped-text',
        `imported text not yet mapped: "${text}": turn it into an SLA rule, duty or issue, then remove it`,
        { severity: 'warning' },
      ),
    ),
  );

/** review-overdue (warning): a runbook not checked within its `review-every` (or the roster's) is due again. */
const reviewOverdue: Rule = ({ pipelines, roster, today }) => {
  if (!today) return [];
  return pipelines.flatMap((loaded) => {
    const review = reviewOf(loaded.value, roster?.value, today);
    if (!review.overdue) return [];
    const message =
      review.due === null
        ? `never reviewed, and runbooks are to be reviewed every ${review.every}: check the steps and contacts, then add reviewed: ${today}`
        : `review overdue since ${review.due} (reviewed ${review.reviewed}, every ${review.every}): check the steps and contacts against the pipeline, then set reviewed: ${today}`;
    return [
      problemAt(loaded, review.reviewed ? ['reviewed'] : ['id'], 'review-overdue', message, { severity: 'warning' }),
    ];
  });
};

/** contact-left (warning): a team that owns a pipeline or is escalated to is reached through someone who has left. */
const contactHasNotLeft: Rule = ({ pipelines, roster, today }) => {
  if (!today || !roster) return [];
  const gone = roster.value.people.filter((person) => person.left !== undefined && person.left < today);
  const problems: Problem[] = [];
  roster.value.teams.forEach((team, i) => {
    const contact = team.contact?.toLowerCase();
    if (!contact) return;
    const person = gone.find(
      (entry) => contact.includes(entry.email.toLowerCase()) || contact.includes(entry.name.toLowerCase()),
    );
    if (!person) return;
    const relying = pipelines
      .filter(({ value }) =>
        [
          ...value.owners.primary,
          ...(value.owners.secondary ?? []),
          ...value.issues.map((issue) => issue.escalate),
        ].includes(team.name),
      )
      .map(({ value }) => value.id);
    if (relying.length === 0) return;
    problems.push(
      problemAt(
        roster,
        ['teams', i, 'contact'],
        'contact-left',
        `${team.name}'s contact names ${person.id}, who left on ${person.left}; ${relying.join(', ')} escalate${relying.length === 1 ? 's' : ''} to this team: give a contact that reaches someone there now`,
        { severity: 'warning' },
      ),
    );
  });
  return problems;
};

/** holiday-calendar: holiday countries and regions are ones the holiday calendar knows. */
const holidayCalendarsKnown: Rule = ({ roster, holidays }) => {
  if (!roster || !holidays) return [];
  const problems: Problem[] = [];
  const check = (country: string | undefined, region: string | undefined, path: PathSegment[], scope?: Scope): void => {
    if (!country) return;
    if (!holidays.hasCountry(country)) {
      const guess = closest(country, holidays.countries());
      problems.push(
        problemAt(
          roster,
          [...path, 'country'],
          'holiday-calendar',
          `unknown holiday country "${country}": use an ISO 3166 code such as GB, US or DE${guess ? ` (did you mean ${guess}?)` : ''}`,
          { scope },
        ),
      );
    } else if (region && !holidays.hasRegion(country, region)) {
      const regions = holidays.regions(country);
      problems.push(
        problemAt(
          roster,
          [...path, 'region'],
          'holiday-calendar',
          `"${region}" is not a region of ${country}: use one of ${regions.join(', ') || '(none: remove region)'}`,
          { scope },
        ),
      );
    }
  };
  const rosterCountry = roster.value.holidays?.country;
  check(rosterCountry, roster.value.holidays?.region, ['holidays']);
  roster.value.people.forEach((person, i) =>
    check(person.country ?? (person.region ? rosterCountry : undefined), person.region, ['people', i], {
      person: person.id,
    }),
  );
  return problems;
};

const RULES: readonly Rule[] = [
  idMatchesFile,
  uniqueNames,
  uniqueIdsInFile,
  teamsExist,
  rotationTeamHasMembers,
  pairingHasSenior,
  membersExist,
  uniqueRosterNames,
  datesInOrder,
  warnShorterThanWithin,
  issueHasResolution,
  unmappedText,
  holidayCalendarsKnown,
  reviewOverdue,
  contactHasNotLeft,
];

/**
 * Rules whose problems in one file can be caused by another file: reported for a file linted only as context
 * (the roster when a pipeline is linted alone, the pipelines when the roster is), so a pre-commit run on one
 * file catches what the change breaks elsewhere.
 */
export const CROSS_FILE_RULES: ReadonlySet<string> = new Set([
  'unique-name',
  'team-exists',
  'rotation-team-members',
  'rotation-coverage',
  'review-overdue',
  'contact-left',
  'override-rule',
  'lock-entry',
  'lock-repair',
]);

export function crossFileProblems(context: RuleContext): Problem[] {
  return RULES.flatMap((rule) => rule(context));
}
