import { describe, expect, it } from 'vitest';
import { findPipeline } from '../src/lookup/match.js';
import { ownership, teamOwnership } from '../src/lookup/owners.js';
import { searchIssues } from '../src/lookup/search.js';
import type { Pipeline } from '../src/model/pipeline.js';
import { sanitize, sanitizeLine } from '../src/util/sanitize.js';
import { hours } from './helpers/values.js';

const pipeline = (
  id: string,
  name: string,
  aliases: string[] = [],
  issues: Pipeline['issues'] = [],
): { value: Pipeline } => ({
  value: {
    id,
    name,
    aliases,
    owners: { primary: ['Ops'], secondary: ['Data'] },
    issues,
    sla: [],
    oncall: { mode: 'none' },
  },
});

const catalog = [
  pipeline('engagement', 'Engagement'),
  pipeline('aggregated', 'Aggregated Data for Executives', ['exec', 'investor']),
  pipeline('growth', 'Growth'),
];

describe('findPipeline', () => {
  it.each([
    ['engagement', 'engagement'],
    ['ENGAGEMENT', 'engagement'],
    ['exec', 'aggregated'],
    ['Aggregated Data for Executives', 'aggregated'],
    ['gro', 'growth'],
    ['inv', 'aggregated'],
  ])('%j finds %s', (query, id) => expect(findPipeline(catalog, query).value.id).toBe(id));

  it('suggests the closest name on a typo', () => {
    expect(() => findPipeline(catalog, 'engagment')).toThrow(
      'unknown pipeline "engagment": did you mean "engagement"?',
    );
  });

  it('never treats a path as anything but a name', () => {
    expect(() => findPipeline(catalog, '../../etc/passwd')).toThrow(
      'unknown pipeline "../../etc/passwd": known pipelines: engagement, aggregated, growth',
    );
  });

  it('refuses an ambiguous prefix', () => {
    expect(() => findPipeline([...catalog, pipeline('grown', 'Grown')], 'grow')).toThrow(
      'pipeline "grow" is ambiguous: it matches growth, grown',
    );
  });
});

describe('searchIssues', () => {
  const issue = (id: string, title: string, symptoms: string[] = [], cause = '') => ({ id, title, symptoms, cause });
  const pipelines: Pipeline[] = [
    {
      ...pipeline('a', 'A').value,
      issues: [issue('stale', 'Stale upstream data', ['old partitions'], 'Kafka lag upstream')],
    },
    {
      ...pipeline('b', 'B').value,
      issues: [
        issue('kafka-down', 'Kafka outage', ['no events']),
        issue('dupes', 'Duplicate events', [], 'retries in Kafka'),
      ],
    },
  ];

  it('ranks a title match above cause matches, ties by pipeline', () => {
    expect(searchIssues(pipelines, ['kafka']).map((hit) => hit.issue.id)).toEqual(['kafka-down', 'stale', 'dupes']);
  });

  it('ranks issues matching every word first', () => {
    expect(searchIssues(pipelines, ['kafka', 'duplicate'])[0]?.issue.id).toBe('dupes');
  });

  it('matches word prefixes of three letters or more', () => {
    expect(searchIssues(pipelines, ['dup']).map((hit) => hit.issue.id)).toEqual(['dupes']);
    expect(searchIssues(pipelines, ['du'])).toEqual([]);
  });

  it('returns the JSON shape with scores', () => {
    expect(searchIssues(pipelines, ['outage'])).toEqual([
      { pipeline: 'b', issue: { id: 'kafka-down', title: 'Kafka outage' }, score: 5 },
    ]);
  });
});

describe('ownership', () => {
  it('lists each team with the pipelines it owns', () => {
    const all = ownership(
      catalog.map((entry) => entry.value),
      {
        timezone: 'UTC',
        workweek: { days: ['mon'], hours: hours('09:00-17:00') },
        teams: [{ name: 'Ops', contact: '#ops', members: [] }],
        people: [],
      },
    );
    expect(all).toEqual([
      { team: 'Data', primary: [], secondary: ['engagement', 'aggregated', 'growth'] },
      { team: 'Ops', contact: '#ops', primary: ['engagement', 'aggregated', 'growth'], secondary: [] },
    ]);
    expect(teamOwnership(all, 'op').team).toBe('Ops');
    expect(() => teamOwnership(all, 'Dta')).toThrow('did you mean "Data"?');
  });
});

describe('sanitize', () => {
  it('strips ANSI escapes and control characters, and shows display-changing marks', () => {
    expect(sanitize('red \x1b[31mtext\x1b[0m\x07 and \x1b]8;;http://x\x07link\x1b]8;;\x07')).toBe('red text and link');
    expect(sanitizeLine('a\nb\tc\u202e')).toBe('a b c<U+202E>');
    expect(sanitizeLine('\u200f\u061c\u2066x\u2069\u2028y\u2029\x9b2J')).toBe(
      '<U+200F><U+061C><U+2066>x<U+2069><U+2028>y<U+2029>',
    );
  });
});
