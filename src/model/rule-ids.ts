/**
 * Every rule id a problem can carry, with a one-line description (SARIF rule metadata, docs): the one table
 * the `RuleId` type is made from, so a problem with an id not listed here does not compile.
 */
export const RULE_DESCRIPTIONS = {
  'file-unreadable': 'The file cannot be read.',
  'file-too-large': 'The file is larger than 1 MiB.',
  'file-not-regular': 'The path is a folder, FIFO or device, not a file.',
  'file-encoding': 'The file is not UTF-8 text.',
  'file-binary': 'The file holds binary data, not YAML text.',
  'file-empty': 'The file is empty.',
  'file-not-mapping': 'The file is not a mapping of keys (or, for overrides.yaml, not a list).',
  'yaml-syntax': 'The file is not valid YAML.',
  'yaml-duplicate-key': 'A key appears twice in one mapping.',
  'schema-required': 'A required key is missing.',
  'schema-type': 'A value has the wrong type.',
  'schema-unknown-key': 'A key the format does not know (often a typo).',
  'schema-enum': 'A value is not one of the allowed values.',
  'schema-value': 'A value is malformed: id, duration, date, time zone, calendar point or similar.',
  'id-matches-file': "A pipeline's id differs from its file name.",
  'unique-name': 'Two pipelines share an id, name or alias.',
  'unique-issue-id': 'Two common issues in one file share an id.',
  'unique-sla-id': 'Two SLA rules in one file share an id.',
  'team-exists': 'A pipeline names a team that is not in the roster.',
  'rotation-team-members': 'A rotation team has no members.',
  'pairing-senior': 'With junior-with-senior pairing, a team has juniors but no senior.',
  'member-exists': 'A team member is not one of the people.',
  'unique-person': 'Two people share an id.',
  'unique-team': 'Two teams share a name.',
  'unique-member': 'A team lists the same person twice.',
  'away-order': 'An away range ends before it starts.',
  'joined-before-left': 'A person left before they joined.',
  'warn-before-within': 'A freshness warning is not shorter than the limit it warns of.',
  'issue-resolution': 'A common issue has no resolution steps.',
  'unmapped-text': 'Imported text that is not yet an SLA rule, duty or issue.',
  'holiday-calendar': 'A holiday country or region is unknown.',
  'rotation-coverage': 'A rotation week from now on cannot be staffed under the hard rules.',
  'review-overdue': 'A runbook is due for review (reviewed + review-every is past), or was never reviewed.',
  'contact-left': 'A team that owns or is escalated to is reached through a person who has left.',
  'override-rule': 'An override breaks a hard rule, or covers no shift.',
  'lock-entry':
    'A published shift or meeting names a week, pipeline or person that does not exist, or repeats another.',
  'lock-repair': 'A published shift must change to keep the hard rules: publish again to record it.',
  'file-name': 'A file named like a state file in another case or spelling (Overrides.yaml), refused by its name.',
  'merge-conflict': 'A file holds unresolved merge-conflict markers.',
  'override-range': 'An override ends when or before it starts.',
  'fairness-drift':
    'The final schedule breaks a fairness goal the plan kept: a spread above one, or back-to-back weeks.',
  'shadow-weeks':
    'A joiner holds an on-call shift before the shadow weeks they are owed (an override, a published week).',
  observation: 'An observations file names a pipeline or rule that does not exist, or holds the wrong kind of value.',
  'json-syntax': 'A .json observations file is not strict JSON.',
  import: 'A Markdown document cannot be imported (no pipeline sections, a section with no owners).',
} as const;

export type RuleId = keyof typeof RULE_DESCRIPTIONS;
