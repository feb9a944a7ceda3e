/**
 * The library API: the schemas and types, the loader, and the pure cores (SLA, rotation, lint rules) the CLI
 * is built from. Importing it starts nothing.
 */
export { Pipeline, CommonIssue, SlaRule, Oncall } from './model/pipeline.js';
export { Roster, Person, Team } from './model/roster.js';
export { Observations, Incident } from './model/observations.js';
export type { Problem, Severity } from './model/problem.js';
export { jsonSchema } from './model/json-schema.js';
export { type Loaded } from './read/catalog.js';
export { loadCatalog, validate, type Validation } from './validate/validate.js';
export { findRunbooksDir } from './read/find.js';
export { findPipeline } from './lookup/match.js';
export { searchIssues, type SearchHit } from './lookup/search.js';
export { ownership, type TeamOwnership } from './lookup/owners.js';
export { parseDuration, describeDuration } from './model/duration.js';
export { parseCalendarPoint, type CalendarPoint } from './model/points.js';
export { rosterCalendar, DEFAULT_CALENDAR, type WorkCalendar, type HolidayLookup } from './time/calendar.js';
export { nextDue, previousDue } from './sla/deadlines.js';
export { evaluateRule, type SlaResult, type Status } from './sla/evaluate.js';
export { pipelineDeadlines, nextDeadline, type Deadline } from './sla/upcoming.js';
export {
  buildSchedule,
  UncoverableWeek,
  type Schedule,
  type Shift,
  type Meeting,
  type RotationInput,
} from './rotation/schedule.js';
export { fairnessReport, type FairnessReport } from './rotation/report.js';
export { onCallAt, type OnCall } from './rotation/who.js';
export { dateHolidaysLookup } from './load/holidays.js';
export { lintFiles, expandPaths, type LintReport } from './lint/lint.js';
export { renderCalendar } from './render/ical.js';
export { RunbookError, UsageError, CheckFailed } from './util/errors.js';
export { InputError, RotationInputError } from './model/errors.js';
