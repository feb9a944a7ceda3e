/**
 * Reads a Markdown runbook document shaped like the seed (`## Pipeline: X`, `### Owners`, `### Common Issues`,
 * `### SLA`, `### On-call Schedule`) into pipeline runbooks. Pure: text in, runbooks and what could not be mapped out.
 */
import { Parser, type Node } from 'commonmark';
import { RESERVED_IDS } from '../model/files.js';
import { stringify } from 'yaml';
import type { Problem } from '../model/problem.js';
import { InputError } from '../model/errors.js';

export interface ImportedLink {
  title: string;
  url: string;
}

export interface ImportedIssue {
  id: string;
  title: string;
  symptoms?: string[];
  cause?: string;
  resolution?: string[];
  links?: ImportedLink[];
}

export interface ImportedRule {
  id: string;
  kind: 'freshness' | 'resolution' | 'deadline';
  description: string;
  within?: string;
  due?: string;
  every?: 'week' | 'month';
  by?: string;
}

export interface ImportedPipeline {
  id: string;
  name: string;
  owners: { primary: string[]; secondary?: string[] };
  issues: ImportedIssue[];
  sla: ImportedRule[];
  oncall: {
    mode: 'rotation' | 'business-hours' | 'none';
    team?: string;
    weeks?: 'all' | 'last-of-month';
    'handover-meeting'?: string;
    duties?: string[];
  };
  links?: ImportedLink[];
  unmapped?: string[];
}

/** How to reach a team, as the document gives it: the starter roster's team entries carry it. */
export interface TeamContact {
  contact?: string;
  phone?: string;
  chat?: string;
}

export interface ImportResult {
  pipelines: { pipeline: ImportedPipeline; line: number }[];
  /** The contacts found for each team ("Contact:", "Phone:", "Chat:" lines), the first one of each kind kept. */
  contacts: Map<string, TeamContact>;
  /** What could not be mapped, for the person running the import. */
  notes: string[];
}

interface Part {
  title: string;
  line: number;
  items: string[];
  /** The bullets nested under each item, by the item's index (an issue's "Fix:", "Cause:", steps). */
  children: Map<number, string[]>;
}

interface Section {
  name: string;
  line: number;
  parts: Map<string, Part>;
  /** What the section holds that is neither a part's list nor a heading: kept under `unmapped`, never dropped. */
  loose: string[];
}

const TRAILING = new Set([
  'a',
  'an',
  'the',
  'to',
  'of',
  'in',
  'on',
  'for',
  'by',
  'with',
  'due',
  'and',
  'or',
  'from',
  'requiring',
  'leading',
  'causing',
]);

/** A kebab-case id from text: its first words, without a dangling little word at the end. */
function slug(text: string, words = 5): string {
  const parts = text
    .slice(0, 400)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, words);
  while (parts.length > 1 && TRAILING.has(parts[parts.length - 1]!)) parts.pop();
  return parts.join('-');
}

const sentence = (text: string): string => {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};
/** Text without its trailing stops and colons (trimmed by hand: a regular expression anchored at the end would scan back). */
const clause = (text: string): string => {
  let end = text.length;
  while (end > 0 && /[.;:\s]/.test(text[end - 1]!)) end--;
  return text.slice(0, end).trim();
};
const titleCase = (text: string): string => text.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());

/**
 * The plain text of a node and what is inside it (emphasis and code as their text; breaks as spaces; a link as
 * its text and, when it points at an http(s) address, the address in brackets, so nothing is lost).
 */
function plain(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next()) {
    const { node: inner } = step;
    if (!step.entering) {
      const url = inner.type === 'link' ? (inner.destination ?? '') : '';
      if (/^https?:\/\/\S+$/.test(url) && !out.endsWith(url)) out += ` (${url})`;
      continue;
    }
    if (inner.type === 'text' || inner.type === 'code' || inner.type === 'html_inline') out += inner.literal ?? '';
    else if (inner.type === 'softbreak' || inner.type === 'linebreak') out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * A line that is a link: "Dashboard: https://…", "Dashboard (https://…)" (a Markdown link, as read above), or a
 * bare address. Found by position, not by a pattern that could scan back.
 */
function linkIn(item: string): ImportedLink | undefined {
  const text = item.trim();
  const isUrl = (value: string) => /^https?:\/\/\S+$/.test(value);
  if (isUrl(text)) return { title: new URL(text).hostname, url: text };
  const colon = text.indexOf(': ');
  if (colon > 0 && colon <= 80 && isUrl(text.slice(colon + 2).trim()))
    return { title: clause(text.slice(0, colon)), url: text.slice(colon + 2).trim() };
  if (text.endsWith(')')) {
    const open = text.lastIndexOf(' (http');
    const url = open > 0 ? text.slice(open + 2, -1) : '';
    if (isUrl(url) && clause(text.slice(0, open))) return { title: clause(text.slice(0, open)), url };
  }
  return undefined;
}

/** "Phone: +44 …", "Chat: #data-eng", "Contact: data@example.com": a way to reach a team, by kind. */
const CONTACT = /^(contact|phone|tel|telephone|mobile|chat|slack|teams|e-?mail)\s*:\s*(\S.*)$/i;
const PHONE = /^\+?[0-9][0-9 ().-]{3,30}[0-9]$/;

function contactIn(item: string): { kind: keyof TeamContact; value: string } | undefined {
  const match = CONTACT.exec(item.trim());
  if (!match) return undefined;
  const label = match[1]!.toLowerCase();
  const value = clause(match[2]!);
  if (!value) return undefined;
  if (PHONE.test(value)) return { kind: 'phone', value };
  if (['phone', 'tel', 'telephone', 'mobile'].includes(label)) return undefined;
  if (['chat', 'slack', 'teams'].includes(label) && !/\s/.test(value)) return { kind: 'chat', value };
  return { kind: 'contact', value };
}

/** Records a team's contact, the first of each kind winning; a different second one is a note. */
function addContact(
  contacts: Map<string, TeamContact>,
  notes: string[],
  team: string,
  found: { kind: keyof TeamContact; value: string },
): void {
  const known = contacts.get(team) ?? {};
  if (known[found.kind] === undefined) contacts.set(team, { ...known, [found.kind]: found.value });
  else if (known[found.kind] !== found.value)
    notes.push(`${team}: a second ${found.kind} "${found.value}" (kept "${known[found.kind]}")`);
}

/** A block the import does not map, as text for `unmapped`: a code or HTML block whole, its lines kept. */
function looseText(node: Node): string {
  if (node.type === 'code_block')
    return `code block${node.info ? ` (${node.info})` : ''}:\n${(node.literal ?? '').replace(/\s+$/, '')}`;
  if (node.type === 'html_block') return `HTML:\n${(node.literal ?? '').replace(/\s+$/, '')}`;
  if (node.type === 'thematic_break') return '';
  const text = plain(node);
  // A table is a paragraph of pipes to CommonMark: said so, rows joined.
  return text.startsWith('|') ? `table: ${text}` : text;
}

const lineOf = (node: Node): number => node.sourcepos?.[0]?.[0] ?? 1;

/** A list's items, each with the items of the lists nested in it (at any depth) as its children. */
function listItems(list: Node, part: Part): void {
  for (let item = list.firstChild; item; item = item.next) {
    const texts: string[] = [];
    const nested: string[] = [];
    for (let block = item.firstChild; block; block = block.next) {
      if (block.type === 'list') collectNested(block, nested);
      else texts.push(looseText(block));
    }
    part.items.push(texts.filter(Boolean).join(' '));
    if (nested.length) part.children.set(part.items.length - 1, nested);
  }
}

function collectNested(list: Node, into: string[]): void {
  for (let item = list.firstChild; item; item = item.next)
    for (let block = item.firstChild; block; block = block.next) {
      if (block.type === 'list') collectNested(block, into);
      else {
        const text = looseText(block);
        if (text) into.push(text);
      }
    }
}

/**
 * Splits the document into `## Pipeline:` sections and their parts (headings below, ATX or setext) with the
 * items of their lists, on a CommonMark parser: fenced code, setext headings and nested lists are read as
 * Markdown reads them, and whatever a part holds besides its lists is kept as loose text.
 */
function sections(text: string): { found: Section[]; other: string[] } {
  const document = new Parser().parse(text);
  const found: Section[] = [];
  const other: string[] = [];
  let current: Section | undefined;
  let part: Part | undefined;
  for (let block = document.firstChild; block; block = block.next) {
    if (block.type === 'heading') {
      const title = plain(block);
      const line = lineOf(block);
      if (block.level <= 2) {
        const pipeline = /^pipeline\s*:(.+)$/i.exec(title);
        current = pipeline ? { name: clause(pipeline[1]!), line, parts: new Map(), loose: [] } : undefined;
        if (current) found.push(current);
        else if (block.level === 2) other.push(clause(title));
        part = undefined;
      } else if (current) {
        part = { title: clause(title), line, items: [], children: new Map() };
        current.parts.set(clause(title).toLowerCase(), part);
      }
      continue;
    }
    if (!current || block.type === 'thematic_break') continue;
    if (block.type === 'list' && part) listItems(block, part);
    else {
      const loose = looseText(block);
      if (loose) current.loose.push(`${part ? part.title : 'Section'}: ${loose}`);
    }
  }
  return { found, other };
}

function partOf(section: Section, ...names: string[]) {
  for (const [title, part] of section.parts) if (names.some((name) => title.startsWith(name))) return part;
  return undefined;
}

/** A part's items with the bullets nested under each following it (where nesting carries no meaning). */
function itemsOf(part: Part | undefined): string[] {
  return (part?.items ?? []).flatMap((item, index) => [item, ...(part!.children.get(index) ?? [])]);
}

/** The teams a line names: "Finance Team/Risk Team", "A, B and C". */
function teamsIn(text: string): string[] {
  return text
    .split(/\/|,|&|\band\b/)
    .map(clause)
    .filter(Boolean);
}

function owners(
  section: Section,
  file: string,
  found: { contacts: Map<string, TeamContact>; notes: string[]; links: ImportedLink[] },
): ImportedPipeline['owners'] {
  const part = partOf(section, 'owner');
  const missing = (what: string, line: number): InputError =>
    new InputError([
      {
        file,
        line,
        column: 1,
        severity: 'error',
        rule: 'import',
        message: `section "Pipeline: ${section.name}" has no ${what}: add a "### Owners" list with "- **Primary Owner:** <team>"`,
      },
    ]);
  if (!part) throw missing('owners', section.line);
  let primary: string[] | undefined;
  let secondary: string[] | undefined;
  // A contact line belongs to the owner above it (nested under it, or following it).
  let current: string | undefined;
  for (const item of itemsOf(part)) {
    const match = /^(primary|secondary)(?: owners?)? *:(.+)$/i.exec(item.trim());
    if (match) {
      const teams = teamsIn(match[2]!);
      if (match[1]!.toLowerCase() === 'primary') primary = teams;
      else secondary = teams;
      current = teams[0];
      continue;
    }
    const link = linkIn(item);
    const contact = link ? undefined : contactIn(item);
    if (link) found.links.push(link);
    else if (contact && current) addContact(found.contacts, found.notes, current, contact);
  }
  if (!primary?.length) throw missing('primary owner', part.line);
  return { primary, ...(secondary?.length ? { secondary } : {}) };
}

const SYMPTOM = /^(identifiable|identified|symptoms?|shows?|visible|seen)\b/i;

/** A nested bullet that says what it is: "Fix: ...", "Cause: ...", "Symptom: ..." (emphasis is gone already). */
const LABELLED = /^(fix|fixes|steps?|resolution|cause|symptoms?) *:(.*)$/i;

function issues(section: Section): ImportedIssue[] {
  const found: ImportedIssue[] = [];
  const ids = new Set<string>();
  const part = partOf(section, 'common issue', 'issue', 'known issue');
  for (const [index, item] of (part?.items ?? []).entries()) {
    const previous = found[found.length - 1];
    if (previous && SYMPTOM.test(item)) {
      (previous.symptoms ??= []).push(sentence(item));
      continue;
    }
    const [head, ...rest] = item.split(';');
    const title = clause(head!);
    let id = slug(title) || 'issue';
    for (let n = 2; ids.has(id); n++) id = `${slug(title)}-${n}`;
    ids.add(id);
    const issue: ImportedIssue = { id, title };
    const cause = /\bdue to (.+)$/i.exec(title);
    if (cause) issue.cause = sentence(clause(cause[1]!));
    const effect = /\b(?:causing|leading to|resulting in)\s+(.+)$/i.exec(title);
    if (effect) issue.symptoms = [sentence(effect[1]!)];
    const steps = rest.map(clause).filter(Boolean).map(sentence);
    // Bullets nested under the issue: "Cause: ..." and "Symptom: ..." say so; the rest ("Fix: ...") are steps.
    for (const child of part!.children.get(index) ?? []) {
      const link = linkIn(child);
      if (link) {
        (issue.links ??= []).push(link);
        continue;
      }
      const labelled = LABELLED.exec(child);
      const label = labelled?.[1]!.toLowerCase() ?? 'fix';
      const text = labelled ? labelled[2]!.trim() : child;
      if (!text.trim()) continue;
      if (label === 'cause') issue.cause = sentence(text);
      else if (label.startsWith('symptom')) (issue.symptoms ??= []).push(sentence(text));
      else steps.push(sentence(clause(text)));
    }
    if (steps.length) issue.resolution = steps;
    found.push(issue);
  }
  return found;
}

const UNITS: Record<string, string> = { minute: 'm', hour: 'h', day: 'd', week: 'w' };

function durationIn(text: string): string | undefined {
  const match = /\bwithin\s+(\d+|an?|one)\s+(minute|hour|day|week)s?\b/i.exec(text);
  if (!match) return undefined;
  const count = /^\d+$/.test(match[1]!) ? Number(match[1]) : 1;
  const unit = UNITS[match[2]!.toLowerCase()]!;
  return unit === 'w' ? `${count * 7}d` : `${count}${unit}`;
}

function ruleFor(text: string): Omit<ImportedRule, 'id'> | undefined {
  const description = sentence(text);
  const lower = text.toLowerCase();
  const resolving = /\b(resolv|fix)/.test(lower);
  const within = durationIn(text);
  if (within)
    return resolving ? { kind: 'resolution', description, within } : { kind: 'freshness', description, within };
  // At most four words before "team": a bounded look, whatever the line holds.
  const by = /\bby (?:the )?((?:\p{L}+ ){1,4}?team)\b/iu.exec(text);
  const owner = by ? { by: titleCase(by[1]!.trim()) } : {};
  if (/\bend[- ]of[- ]month\b/.test(lower))
    return resolving
      ? { kind: 'resolution', description, due: 'end-of-month' }
      : { kind: 'deadline', description, every: 'month', due: 'end-of-month', ...owner };
  if (/\b(?:by )?the end of the week\b|\bend[- ]of[- ]week\b/.test(lower))
    return { kind: 'deadline', description, every: 'week', due: 'end-of-week', ...owner };
  if (/\bmonthly\b/.test(lower))
    return { kind: 'deadline', description, every: 'month', due: 'end-of-month', ...owner };
  if (/\bweekly\b/.test(lower)) return { kind: 'deadline', description, every: 'week', due: 'end-of-week', ...owner };
  return undefined;
}

const STOP = new Set(['the', 'a', 'an', 'to', 'be', 'by', 'of', 'must', 'data', 'issues', 'latest', 'within', 'all']);

function ruleId(rule: Omit<ImportedRule, 'id'>, taken: Set<string>): string {
  const base =
    rule.kind === 'freshness'
      ? /arriv/i.test(rule.description)
        ? 'arrival'
        : 'freshness'
      : rule.kind === 'resolution'
        ? 'resolution'
        : slug(
            rule.description
              .split(/\s+/)
              .filter((word) => !STOP.has(word.toLowerCase()))
              .slice(0, 2)
              .join(' '),
          ) || 'deadline';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * The team of the document a sentence names by its words ("one data engineer" names the Data Engineering
 * Team): every word of the team's name but "team" begins a word of the sentence (an ending may differ).
 */
function teamNamedIn(text: string, teams: readonly string[]): string | undefined {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return teams.find((team) => {
    const own = team
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word && word !== 'team');
    return (
      own.length > 0 &&
      own.every((word) => {
        const stem = word.slice(0, Math.max(4, word.length - 3));
        return words.some((candidate) => candidate.startsWith(stem));
      })
    );
  });
}

/** "Weekly 30-minute knowledge transfer meeting": the minutes of a handover meeting, sentence by sentence. */
function meetingMinutes(items: readonly string[]): string | undefined {
  for (const text of items.flatMap((item) => item.split('.'))) {
    if (!/\b(?:knowledge[- ]transfer|handover|hand-over)\b/i.test(text)) continue;
    const minutes = /\b(\d{1,4})[- ]minutes?\b/i.exec(text);
    if (minutes) return `${minutes[1]}m`;
  }
  return undefined;
}

function oncall(
  section: Section,
  owners: ImportedPipeline['owners'],
  unmapped: string[],
  teams: readonly string[],
  found: { contacts: Map<string, TeamContact>; notes: string[]; links: ImportedLink[] },
): ImportedPipeline['oncall'] {
  // Links and contact lines are not duties: the links go to the pipeline, the contacts to the on-call team.
  const reach: { kind: keyof TeamContact; value: string }[] = [];
  const items = itemsOf(partOf(section, 'on-call', 'on call', 'oncall')).filter((item) => {
    const link = linkIn(item);
    const contact = link ? undefined : contactIn(item);
    if (link) found.links.push(link);
    if (contact) reach.push(contact);
    return !link && !contact;
  });
  const result = plannedOncall(items, owners, unmapped, teams);
  const team = result.team ?? owners.primary[0]!;
  for (const contact of reach) addContact(found.contacts, found.notes, team, contact);
  return result;
}

function plannedOncall(
  items: string[],
  owners: ImportedPipeline['owners'],
  unmapped: string[],
  teams: readonly string[],
): ImportedPipeline['oncall'] {
  const text = items.join(' ').toLowerCase();
  // A rotation that is not weekly (or month-end weeks) cannot be represented: kept as text, never guessed.
  const other =
    /\bevery (?:two|2|three|3|four|4|other|second) weeks?\b|\bfortnight|\bbi-?weekly\b|\bdaily\b|\bevery day\b|\bmonthly rotation\b|\brotat\w* (?:every|each) month\b/.exec(
      text,
    );
  if (other) {
    unmapped.push(...items.map((item) => `On call: ${item}`));
    return {
      mode: 'none',
      duties: [
        sentence(`The schedule "${other[0]}" is not one runbook can plan (weekly, or month-end weeks): see unmapped`),
      ],
    };
  }
  let mode: ImportedPipeline['oncall']['mode'] = 'none';
  let weeks: 'all' | 'last-of-month' | undefined;
  if (/\bno (?:immediate )?on-?call\b|\bworking hours\b|\bbusiness hours\b/.test(text)) mode = 'business-hours';
  if (/\blast week of the month\b|\bmonth[- ]end\b/.test(text)) [mode, weeks] = ['rotation', 'last-of-month'];
  else if (/\bweekly\b|\brotation\b|\beach week\b/.test(text) && mode !== 'business-hours')
    [mode, weeks] = ['rotation', 'all'];
  if (mode === 'none' && items.length) unmapped.push(...items.map((item) => `On call: ${item}`));
  const result: ImportedPipeline['oncall'] = { mode };
  if (mode === 'rotation') {
    // "Monitored by BI in the profit team": a team of its own (Profit BI); else a team of the document the
    // text names by its words; else the pipeline's own owners.
    const within = /\bmonitored by (\p{L}+) in the (\p{L}+) team\b/iu.exec(items.join(' '));
    result.team = within
      ? `${titleCase(within[2]!)} ${within[1]}`
      : (teamNamedIn(text, teams) ?? owners.secondary?.[0] ?? owners.primary[0]!);
    result.weeks = weeks;
    const meeting = meetingMinutes(items);
    if (meeting) result['handover-meeting'] = meeting;
  }
  if (items.length) result.duties = items.map(sentence);
  return result;
}

export function importMarkdown(text: string, file: string): ImportResult {
  const { found, other } = sections(text);
  if (found.length === 0) {
    const problem: Problem = {
      file,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'import',
      message: 'no pipeline sections found: each pipeline needs a heading like "## Pipeline: Engagement"',
    };
    throw new InputError([problem]);
  }
  const notes: string[] = other
    .filter((title) => !/^overview$/i.test(title))
    .map((title) => `section "${title}" is not a pipeline: not imported`);
  // Each pipeline becomes <id>.yaml: ids are made unique, and never a state file's name, so no file overwrites another.
  const pipelineIds = new Set<string>(RESERVED_IDS);
  const contacts = new Map<string, TeamContact>();
  const links = found.map((): ImportedLink[] => []);
  const owned = found.map((section, index) => owners(section, file, { contacts, notes, links: links[index]! }));
  const teams = [...new Set(owned.flatMap((owner) => [...owner.primary, ...(owner.secondary ?? [])]))];
  const pipelines = found.map((section, index) => {
    // Nothing the section holds is dropped: what is not a list of its parts is kept as written.
    const unmapped: string[] = [...section.loose];
    const owner = owned[index]!;
    const taken = new Set<string>();
    const sla: ImportedRule[] = [];
    for (const item of itemsOf(partOf(section, 'sla'))) {
      const rule = ruleFor(item);
      if (rule) sla.push({ id: ruleId(rule, taken), ...rule });
      else unmapped.push(`SLA: ${clause(item)}`);
    }
    const pipelineLinks = links[index]!;
    // Contacts, links and dashboards: "Team: contact", "Phone: …" (the primary owner's), "Title: https://…".
    for (const [title, part] of section.parts) {
      if (!/^(contact|link|dashboard|resource)/.test(title)) continue;
      for (const item of itemsOf(part)) {
        const link = linkIn(item);
        const contact = link ? undefined : contactIn(item);
        // "Finance Team: finance@example.com": a team (named in the document or not) and a way to reach it.
        const colon = item.indexOf(': ');
        const label = colon > 0 && colon <= 80 ? clause(item.slice(0, colon)) : '';
        const team =
          teams.find((known) => known.toLowerCase() === label.toLowerCase()) ??
          (/\bteam$/i.test(label) ? label : undefined);
        const value = team && contact === undefined ? contactIn(`contact: ${item.slice(colon + 2)}`) : undefined;
        if (link) pipelineLinks.push(link);
        else if (team && value) addContact(contacts, notes, team, value);
        else if (contact) addContact(contacts, notes, owner.primary[0]!, contact);
        else unmapped.push(`${part.title}: ${item}`);
      }
    }
    // Parts the import does not know (### Notes): their items kept as written.
    for (const [title, part] of section.parts)
      if (
        ![
          'owner',
          'common issue',
          'issue',
          'known issue',
          'sla',
          'on-call',
          'on call',
          'oncall',
          'contact',
          'link',
          'dashboard',
          'resource',
        ].some((name) => title.startsWith(name))
      )
        unmapped.push(...itemsOf(part).map((item) => `${part.title}: ${item}`));
    const base = slug(section.name, 12) || 'pipeline';
    let id = base;
    for (let n = 2; pipelineIds.has(id); n++) id = `${base}-${n}`;
    pipelineIds.add(id);
    if (id !== base)
      notes.push(
        RESERVED_IDS.includes(base)
          ? `section "${section.name}" (line ${section.line}): ${base}.yaml is a state file of the runbooks folder, so it is imported as ${id}.yaml`
          : `section "${section.name}" (line ${section.line}): the id ${base} is taken, so it is imported as ${id}.yaml; rename or merge it`,
      );
    const pipeline: ImportedPipeline = {
      id,
      name: section.name,
      owners: owner,
      issues: issues(section),
      sla,
      oncall: oncall(section, owner, unmapped, teams, { contacts, notes, links: pipelineLinks }),
    };
    if (pipelineLinks.length) pipeline.links = pipelineLinks;
    if (unmapped.length) {
      pipeline.unmapped = unmapped;
      notes.push(
        ...unmapped.map(
          (entry) =>
            `${pipeline.id}: could not map ${JSON.stringify(entry.includes('\n') ? `${entry.split('\n').slice(0, 2).join(' ')} …` : entry)}; kept under unmapped`,
        ),
      );
    }
    for (const issue of pipeline.issues)
      if (!issue.resolution) notes.push(`${pipeline.id}: issue "${issue.title}" has no resolution steps; add them`);
    return { pipeline, line: section.line };
  });
  return { pipelines, contacts, notes };
}

/**
 * A starter roster for imported pipelines: every team they name, and for each team that takes a rotation two
 * example people (a senior and a junior) to replace, so `lint` and `rotate` work on the import at once.
 */
export function starterRoster(
  pipelines: readonly ImportedPipeline[],
  start: string,
  contacts: ReadonlyMap<string, TeamContact> = new Map(),
): string {
  const teams = new Set<string>();
  /** Rotation teams, with how many pipelines draw on each. */
  const rotating = new Map<string, number>();
  for (const pipeline of pipelines) {
    for (const team of [...pipeline.owners.primary, ...(pipeline.owners.secondary ?? [])]) teams.add(team);
    for (const team of contacts.keys()) teams.add(team);
    if (pipeline.oncall.team) {
      teams.add(pipeline.oncall.team);
      if (pipeline.oncall.mode === 'rotation')
        rotating.set(pipeline.oncall.team, (rotating.get(pipeline.oncall.team) ?? 0) + 1);
    }
  }
  // Enough to staff every week: a senior per pipeline the team covers and one more, and a junior to pair.
  const people = [...rotating].flatMap(([team, drawing]) => {
    const base = slug(team, 3) || 'team';
    const example = (level: 'senior' | 'junior', n: number) => ({
      id: `${base}-${level}-${n}`,
      name: `Example ${level === 'senior' ? 'Senior' : 'Junior'} ${n} (${team})`,
      email: `${base}-${level}-${n}@example.com`,
      level,
    });
    return [...Array.from({ length: drawing + 1 }, (_, i) => example('senior', i + 1)), example('junior', 1)];
  });
  const roster = {
    timezone: 'UTC',
    rotation: { start, handover: 'monday 10:00', pairing: 'junior-with-senior' },
    teams: [...teams].map((name) => {
      const members = people.filter((person) => person.name.endsWith(`(${name})`)).map((person) => person.id);
      return { name, ...contacts.get(name), ...(members.length ? { members } : {}) };
    }),
    people,
  };
  return [
    '# yaml-language-server: $schema=../schema/roster.schema.json',
    '# Starter roster written by runbook import: the teams the runbooks name. Set your time zone and holiday',
    '# country, add contacts, and replace the example people with the real ones before publishing a rotation.',
    stringify(roster, { lineWidth: 0 }),
  ].join('\n');
}

/** The runbook file for an imported pipeline. */
export function toYaml(pipeline: ImportedPipeline, source: string): string {
  return `# Imported from ${source} by runbook import: review, then add resolution steps and SLA details.\n${stringify(pipeline, { lineWidth: 0 })}`;
}
