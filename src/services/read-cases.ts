// What a caller may read about cases: one case with the events they may send now and its
// deadline (registered when it is someone else's), and lists filtered by type, state, status and
// assignee, whose cases are summaries: where each stands, never the person's reasons or evidence.
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { statesWhere } from '../../machines/index.js';
import type { CaseClock } from '../domain/case-clock.js';
import { chinaDayOf, daysElapsed, endOfChinaDay, type WorkingDayCalendar } from '../domain/calendar.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { logAccess } from './access-log.js';
import { slaStatusSql } from './sla-status-sql.js';
import { slaStatusOf, type SlaStatus } from '../domain/sla.js';
import { agencies, cases, creditRecords, subjects } from '../../db/schema.js';
import { maskPersonName } from '../domain/identifiers.js';
import { DomainError } from '../domain/errors.js';
import { isSaneMoment } from '../domain/input-schemas.js';
import type { Actor } from '../domain/roles.js';
import { canSeeCase, visibleCasesCondition } from './case-access.js';
import type { OnBehalfRelation } from '../domain/on-behalf.js';
import type { CaseRow } from './case-engine.js';
import {
  allowedEventsFor,
  caseTypeOfCase,
  restoreSnapshot,
  stateDescriptionOf,
  stateMetaOf,
  type AllowedEvent,
} from './case-runtime.js';
import type { ServiceContext } from './context.js';

export interface CaseView {
  id: string;
  type: string;
  /** The version of its case type the case runs on. */
  machineVersion: number;
  state: string;
  stateDescription: string | null;
  status: 'open' | 'closed';
  outcome: string | null;
  version: number;
  waitingOn: string;
  subjectId: string;
  recordId: string | null;
  agencyId: string | null;
  assigneeId: string | null;
  policyVersionId: string;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  deadline: {
    key: string;
    limit: number;
    unit: 'calendar' | 'working';
    source: string;
    /** The source in Simplified Chinese, where the policy gives it (the zh-CN UI shows it). */
    sourceZh: string | null;
    startedAt: string;
    dueAt: string | null;
    paused: boolean;
    usedDays: number;
    stoppedAt: string | null;
    /** Set when the due date cannot be computed (a calendar year is missing): flagged, not guessed. */
    dueUnknown: { year: number; reason: string } | null;
    warningAt: string | null;
    breachedAt: string | null;
    sla: SlaStatus;
    pausedSince: string | null;
    /** Start of the stretch now running (the start, or the last resumption). */
    runningSince: string;
    /** Days of the clock's unit left after today until the last day (negative: days overdue). */
    daysLeft: number | null;
  } | null;
  /** Further clocks running across states, and breached ones that stopped. */
  otherDeadlines: NonNullable<CaseView['deadline']>[];
  details: Record<string, unknown>;
  parentCaseId: string | null;
  /** The repair application this case was filed in with other records' cases, if any. */
  applicationId: string | null;
  /**
   * Filed on the subject's behalf by someone else: the filer's relation to the subject
   * (onBehalfRelations, src/domain/on-behalf.ts); null when the subject filed it.
   */
  onBehalfRelation: OnBehalfRelation | null;
  /** The parent and children of a case (on the single-case view only). */
  linkedCases?: { id: string; type: string; state: string; relation: 'parent' | 'child' }[];
  allowedEvents: AllowedEvent[];
}

export type DeadlineView = NonNullable<CaseView['deadline']>;

/**
 * A case in a list or queue: what it is, where it stands, whose move it is and by when, and who
 * has it. No details (reasons, answers, decisions), no evidence, no subject: a list is read by
 * many people many times a day, so it carries nothing that would have to be registered.
 */
export interface CaseSummary {
  id: string;
  type: string;
  state: string;
  status: 'open' | 'closed';
  version: number;
  waitingOn: string;
  recordId: string | null;
  /** The record's kind (administrative penalty, credit report, ...), for sorting work by forum. */
  recordKind: string | null;
  /** The record's decision number (the agency's document, e.g. 京市监罚〔2026〕1207号). */
  decisionNumber: string | null;
  /** The subject's name masked (张*): whose case it is, without the name on every screen. */
  subjectName: string | null;
  agencyName: string | null;
  agencyId: string | null;
  assigneeId: string | null;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** The state's own clock: due moment, days left and SLA status. */
  deadline: DeadlineView | null;
}

function daysLeftOf(c: CaseClock, now: Date, calendar: WorkingDayCalendar | undefined): number | null {
  if (!c.dueAt || c.pausedAt || c.stoppedAt) return null;
  const lastDay = new Date(Date.parse(c.dueAt) - 1);
  const overdue = chinaDayOf(now) - chinaDayOf(lastDay);
  if (overdue > 0) return -overdue;
  if (c.unit === 'working' && calendar) {
    try {
      return daysElapsed(calendar, 'working', now, lastDay);
    } catch {
      // A year the calendar lacks: fall back to counting days.
    }
  }
  return -overdue;
}

function deadlineView(c: CaseClock, now: Date, calendar?: WorkingDayCalendar): DeadlineView {
  return {
    key: c.deadline,
    limit: c.limit,
    unit: c.unit,
    source: c.source,
    sourceZh: c.sourceZh ?? null,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    paused: c.pausedAt !== null,
    usedDays: c.usedDays,
    stoppedAt: c.stoppedAt,
    dueUnknown: c.dueUnknown,
    warningAt: c.warningAt ?? null,
    breachedAt: c.breachedAt ?? null,
    sla: slaStatusOf(c, now, c.warningAt ? new Date(c.warningAt) : null),
    pausedSince: c.pausedAt,
    runningSince: c.runningSince,
    daysLeft: daysLeftOf(c, now, calendar),
  };
}

export function viewCase(row: CaseRow, actor: Actor, now: Date = new Date(), calendar?: WorkingDayCalendar): CaseView {
  const caseType = caseTypeOfCase(row);
  const snapshot = restoreSnapshot(caseType, row);
  const clock = row.clock;
  return {
    id: row.id,
    type: row.type,
    machineVersion: row.machineVersion,
    state: row.state,
    stateDescription: stateDescriptionOf(snapshot) ?? null,
    status: row.status,
    outcome: row.outcome,
    version: row.version,
    waitingOn: stateMetaOf(snapshot).waitingOn,
    subjectId: row.subjectId,
    recordId: row.recordId,
    agencyId: row.agencyId,
    assigneeId: row.assigneeId,
    policyVersionId: row.policyVersionId,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    deadline: clock ? deadlineView(clock, now, calendar) : null,
    otherDeadlines: row.otherClocks
      .filter((c) => !c.stoppedAt || c.breachedAt)
      .map((c) => deadlineView(c, now, calendar)),
    details: snapshot.context as Record<string, unknown>,
    parentCaseId: row.parentCaseId,
    applicationId: row.applicationId,
    onBehalfRelation: row.onBehalfRelation,
    allowedEvents: allowedEventsFor(actor, caseType, row, snapshot),
  };
}

/**
 * A case row as the caller sees it now (with days left counted on the working-day calendar), as
 * answered after filing or acting on it: a reviewer shown the person's case is registered too.
 * The change is committed by then; if the entry cannot be written the answer fails (500) and the
 * change stands, so the case is read again (and registered) rather than shown unregistered.
 */
export async function viewCaseNow(ctx: ServiceContext, row: CaseRow, actor: Actor): Promise<CaseView> {
  const view = await viewChangedCase(ctx, row, actor);
  await logAccess(ctx, actor, {
    subjectId: row.subjectId,
    caseId: row.id,
    recordId: row.recordId,
    action: 'view_case',
  });
  return view;
}

/**
 * A case as the actor sees it after changing it, where the change itself registered the read
 * (CaseChange.registerView): the entry was written in the change's own statement.
 */
export async function viewChangedCase(ctx: ServiceContext, row: CaseRow, actor: Actor): Promise<CaseView> {
  return viewCase(row, actor, ctx.now(), await loadWorkingDayCalendar(ctx.db));
}

/**
 * Case rows as a list shows them (CaseSummary): the records' kinds and decision numbers, the
 * subjects' names and the agencies' names read in one query each.
 */
export async function summarizeCases(
  ctx: ServiceContext,
  rows: CaseRow[],
  calendar?: WorkingDayCalendar,
): Promise<CaseSummary[]> {
  const idsOf = (pick: (row: CaseRow) => string | null) => [
    ...new Set(rows.flatMap((row) => (pick(row) ? [pick(row)!] : []))),
  ];
  const recordIds = idsOf((row) => row.recordId);
  const subjectIds = idsOf((row) => row.subjectId);
  const agencyIds = idsOf((row) => row.agencyId);
  const [records, people, bodies, workingDays] = await Promise.all([
    recordIds.length
      ? ctx.db
          .select({ id: creditRecords.id, kind: creditRecords.kind, decisionNumber: creditRecords.decisionNumber })
          .from(creditRecords)
          .where(inArray(creditRecords.id, recordIds))
      : [],
    subjectIds.length
      ? ctx.db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(inArray(subjects.id, subjectIds))
      : [],
    agencyIds.length
      ? ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, agencyIds))
      : [],
    calendar ?? loadWorkingDayCalendar(ctx.db),
  ]);
  const recordOf = new Map(records.map((r) => [r.id, r]));
  const nameOf = new Map(people.map((p) => [p.id, maskPersonName(p.name)]));
  const agencyNameOf = new Map(bodies.map((a) => [a.id, a.name]));
  const now = ctx.now();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    state: row.state,
    status: row.status,
    version: row.version,
    waitingOn: stateMetaOf(restoreSnapshot(caseTypeOfCase(row), row)).waitingOn,
    recordId: row.recordId,
    recordKind: row.recordId ? (recordOf.get(row.recordId)?.kind ?? null) : null,
    // A deleted credit-report record keeps an empty decision number: nothing to show.
    decisionNumber: (row.recordId && recordOf.get(row.recordId)?.decisionNumber) || null,
    subjectName: nameOf.get(row.subjectId) ?? null,
    agencyName: row.agencyId ? (agencyNameOf.get(row.agencyId) ?? null) : null,
    agencyId: row.agencyId,
    assigneeId: row.assigneeId,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    deadline: row.clock ? deadlineView(row.clock, now, workingDays) : null,
  }));
}

export async function findVisibleCase(ctx: ServiceContext, actor: Actor, caseId: string): Promise<CaseRow> {
  const [row] = await ctx.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row || !canSeeCase(actor, row)) throw new DomainError('CASE_NOT_FOUND', 'No such case.');
  return row;
}

export async function getCase(ctx: ServiceContext, actor: Actor, caseId: string): Promise<CaseView> {
  const row = await findVisibleCase(ctx, actor, caseId);
  await logAccess(ctx, actor, {
    subjectId: row.subjectId,
    caseId: row.id,
    recordId: row.recordId,
    action: 'view_case',
  });
  const related = await ctx.db
    .select({
      id: cases.id,
      type: cases.type,
      state: cases.state,
      parentCaseId: cases.parentCaseId,
      subjectId: cases.subjectId,
      agencyId: cases.agencyId,
      openedByUserId: cases.openedByUserId,
      onBehalfRelation: cases.onBehalfRelation,
    })
    .from(cases)
    .where(or(eq(cases.parentCaseId, row.id), row.parentCaseId ? eq(cases.id, row.parentCaseId) : undefined));
  const linkedCases = related
    .filter((c) => canSeeCase(actor, c))
    .map((c) => ({
      id: c.id,
      type: c.type,
      state: c.state,
      relation: c.id === row.parentCaseId ? ('parent' as const) : ('child' as const),
    }));
  return { ...viewCase(row, actor, ctx.now(), await loadWorkingDayCalendar(ctx.db)), linkedCases };
}

export interface CaseFilter {
  type?: string | undefined;
  state?: string | undefined;
  status?: 'open' | 'closed' | undefined;
  /** A user id, "me", or "none" for the unassigned queue. */
  assignee?: string | undefined;
  agency?: string | undefined;
  /** Whose move it is (the state's meta), e.g. "agency" for an agency's inbox. */
  waitingOn?: string | undefined;
  /** The SLA status of the running clock. */
  sla?: 'on_track' | 'at_risk' | 'breached' | undefined;
  /** Free text: a case number (the start of its id), a decision number (any part), or a name (its start). */
  search?: string | undefined;
  /** "week": running clocks due by the end of this week (Sunday, China time), overdue ones included. */
  due?: 'week' | undefined;
  /** newest (default), oldest (age), due (the nearest deadline first). */
  sort?: CaseSort | undefined;
  limit?: number | undefined;
  /** The `next` of the page before: the list goes on after the last case it showed. */
  after?: string | undefined;
}

export type CaseSort = 'newest' | 'oldest' | 'due';

export interface CasePage {
  cases: CaseSummary[];
  /** Where the next page starts, or null when this page is the last. */
  next: string | null;
}

/**
 * A page of the cases the actor may see. Pages are keyset pages: each goes on from the sort key
 * of the last case shown, so the thousandth page costs what the first does (an OFFSET reads and
 * throws away every row before it), and a case filed meanwhile neither repeats nor skips a row.
 */
export async function listCases(ctx: ServiceContext, actor: Actor, filter: CaseFilter): Promise<CasePage> {
  const sort = filter.sort ?? 'newest';
  const limit = filter.limit ?? 50;
  const conditions: (SQL | undefined)[] = [visibleCasesCondition(actor)];
  if (filter.type) conditions.push(eq(cases.type, filter.type));
  if (filter.state) conditions.push(eq(cases.state, filter.state));
  if (filter.status) conditions.push(eq(cases.status, filter.status));
  if (filter.agency) conditions.push(eq(cases.agencyId, filter.agency));
  if (filter.sla) conditions.push(slaCondition(filter.sla, ctx.now()));
  if (filter.waitingOn) conditions.push(waitingOnCondition(filter.waitingOn));
  if (filter.search?.trim()) conditions.push(searchCondition(filter.search));
  if (filter.due === 'week') conditions.push(lte(cases.dueAt, endOfChinaWeek(ctx.now())));
  if (filter.assignee === 'none') conditions.push(isNull(cases.assigneeId));
  else if (filter.assignee)
    conditions.push(eq(cases.assigneeId, filter.assignee === 'me' ? actor.userId : filter.assignee));
  const order = caseOrders[sort];
  if (filter.after) conditions.push(order.after(readCursor(filter.after, sort)));
  // One row more than the page tells whether another page follows.
  const rows = await ctx.db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(...order.by)
    .limit(limit + 1);
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    cases: await summarizeCases(ctx, shown),
    next: rows.length > limit && last ? writeCursor(sort, last) : null,
  };
}

/** A case's place in a sorted list: [due moment or null, opened moment, id]. */
type CaseCursor = [string | null, string, string];

// Paused and stopped clocks have no due moment: they sort as if due at infinity, i.e. last, in
// the expression cases_open_due_idx is built on, so the keyset condition is one index range.
const dueKey = sql`coalesce(${cases.dueAt}, 'infinity'::timestamptz)`;
/** Open cases in the order cases_open_due_idx keeps them: soonest due first, then oldest. */
export const openCaseDueOrder: SQL[] = [sql`${dueKey} asc`, asc(cases.openedAt), asc(cases.id)];
const caseOrders: Record<CaseSort, { by: SQL[]; after: (cursor: CaseCursor) => SQL }> = {
  newest: {
    by: [desc(cases.openedAt), desc(cases.id)],
    after: ([, openedAt, id]) => sql`(${cases.openedAt}, ${cases.id}) < (${openedAt}::timestamptz, ${id}::uuid)`,
  },
  oldest: {
    by: [asc(cases.openedAt), asc(cases.id)],
    after: ([, openedAt, id]) => sql`(${cases.openedAt}, ${cases.id}) > (${openedAt}::timestamptz, ${id}::uuid)`,
  },
  due: {
    by: openCaseDueOrder,
    after: ([dueAt, openedAt, id]) =>
      sql`(${dueKey}, ${cases.openedAt}, ${cases.id}) > (${dueAt ?? 'infinity'}::timestamptz, ${openedAt}::timestamptz, ${id}::uuid)`,
  },
};

function writeCursor(sort: CaseSort, row: CaseRow): string {
  const cursor: CaseCursor = [row.dueAt?.toISOString() ?? null, row.openedAt.toISOString(), row.id];
  return Buffer.from(JSON.stringify([sort, ...cursor])).toString('base64url');
}

// A moment as writeCursor writes it, within the range every input is held to: year 0000 or
// 9999 decoded from an edited cursor would reach PostgreSQL as an out-of-range timestamp.
const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && isSaneMoment(value);
const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

function readCursor(text: string, sort: CaseSort): CaseCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    parsed[0] === sort &&
    (parsed[1] === null || isInstant(parsed[1])) &&
    isInstant(parsed[2]) &&
    isUuid(parsed[3])
  ) {
    return [parsed[1], parsed[2], parsed[3]];
  }
  throw new DomainError(
    'INVALID_INPUT',
    'after: not a page position from this list (take it from the `next` of the page before, with the same sort).',
    {
      issues: [{ path: 'after', message: 'not a page position from this list' }],
    },
  );
}

/**
 * The cases whose state's meta says the move is this party's: each case type's own states
 * (across its versions), matched with the type, so a state name one type waits on never
 * selects another type's case.
 */
export function waitingOnCondition(party: string): SQL {
  const conditions = statesWhere((meta) => meta.waitingOn === party).map(({ type, states }) =>
    and(eq(cases.type, type), inArray(cases.state, states)),
  );
  return conditions.length > 0 ? (or(...conditions) as SQL) : sql`false`;
}

/** The SLA status as a query condition: the same worst-of-all-clocks status the summary counts. */
function slaCondition(sla: 'on_track' | 'at_risk' | 'breached', now: Date): SQL {
  return sql`${slaStatusSql(now)} = ${sla}`;
}

/** 24:00 China time at the end of this week's Sunday (weeks start on Monday, as in GB/T 7408). */
export function endOfChinaWeek(now: Date): Date {
  const today = chinaDayOf(now);
  // Day 0 of the epoch (1970-01-01) was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const sinceMonday = (((today + 3) % 7) + 7) % 7;
  return endOfChinaDay(today + (6 - sinceMonday));
}

/** `%`, `_` and `\` are LIKE's own characters: a search for them means the characters. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A staff search over the cases: a case number as the queue shows it (`#` and the first eight
 * characters of its id, or more of it), any part of the record's decision number, or the start
 * of the subject's name.
 */
function searchCondition(text: string): SQL {
  const q = text.trim().slice(0, 100);
  const id = q.replace(/^#/, '').toLowerCase();
  const parts: SQL[] = [
    sql`exists (select 1 from ${creditRecords} where ${creditRecords.id} = ${cases.recordId} and ${creditRecords.decisionNumber} ilike ${`%${likeLiteral(q)}%`})`,
    sql`exists (select 1 from ${subjects} where ${subjects.id} = ${cases.subjectId} and ${subjects.name} like ${`${likeLiteral(q)}%`})`,
  ];
  if (/^[0-9a-f-]{4,36}$/.test(id)) parts.push(sql`${cases.id}::text like ${`${id}%`}`);
  return or(...parts) as SQL;
}
