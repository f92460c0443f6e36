// SLA figures for supervisors: open cases by type, state and SLA status, per assignee and per
// agency; the breached list; cases opened and closed per week; and days to a decision. The
// same pass counts what the overview and /metrics show of the open cases (by type and state,
// agency, assignee and SLA status, paused and clockless ones included).
// The counts read every open case (seconds at a million), so supervisors, the overview and
// /metrics are served a stored copy at most `slaFiguresMaxAgeMs` old, which one process at a
// time recomputes (the first reader after it ages, or the worker's repeating job, so readers
// seldom wait). The breached list is read live from its index: the cases that need someone now
// are never a minute late.
import { and, asc, count, desc, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import { agencies, cases, slaFigures, users } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { openCaseDueOrder, summarizeCases, type CaseSummary } from './read-cases.js';
import { slaStatusSql } from './sla-status-sql.js';

type StatusCounts = { onTrack: number; atRisk: number; breached: number };

export interface SlaFigures {
  byTypeStateAndSla: { type: string; state: string; sla: string; open: number }[];
  byAssignee: ({ assigneeId: string | null; assigneeName: string | null } & StatusCounts)[];
  byAgency: ({ agencyId: string | null; agencyName: string | null } & StatusCounts)[];
  weekly: { week: string; opened: number; closed: number }[];
  daysToDecision: { type: string; decided: number; medianDays: number | null; p90Days: number | null }[];
}

/** The open cases counted in the same pass, whatever their clocks; all sorted by name. */
export interface OpenCaseFigures {
  /** By the SLA status of their clocks: on_track, at_risk, breached, paused, none. */
  bySla: Record<string, number>;
  byTypeAndState: { type: string; state: string; open: number; oldestOpenedAt: string }[];
  byAgency: { agencyId: string | null; agencyName: string | null; open: number }[];
  byAssignee: { assigneeId: string | null; assigneeName: string | null; open: number }[];
}

/** What one pass computes and the `sla_figures` row keeps. */
type StoredFigures = SlaFigures & { openCases: OpenCaseFigures };
type TakenFigures = { takenAt: Date; figures: StoredFigures };

/** A row stored before the open-case counts were kept counts as no copy at all. */
const isStoredFigures = (figures: unknown): figures is StoredFigures =>
  typeof figures === 'object' && figures !== null && 'openCases' in figures;

export interface SlaSummary extends SlaFigures {
  asOf: string;
  /** When the counts were taken; the breached list is as of `asOf`. */
  figuresAsOf: string;
  breached: CaseSummary[];
  /**
   * Open cases asked for material more than once (一次性告知: everything needed is asked for at
   * once), each with how many times; read live like the breached list.
   */
  askedAgain: (CaseSummary & { materialRequests: number })[];
}

/** How old the stored figures may be before a reader has them recomputed. */
export const slaFiguresMaxAgeMs = 60_000;
/** The worker recomputes a little sooner, so that readers find fresh figures. */
export const slaFiguresJob = { name: 'refresh-sla-figures', everyMs: 45_000 };

export async function readSlaSummary(ctx: ServiceContext, actor: Actor): Promise<SlaSummary> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'SLA figures are for supervisors.');
  const now = ctx.now();
  const [stored, breachedRows, calendar, askedAgainRows] = await Promise.all([
    currentSlaFigures(ctx, now),
    ctx.db
      .select()
      .from(cases)
      .where(and(eq(cases.status, 'open'), sql`${slaStatusSql(now)} = 'breached'`))
      // The queue's due order (cases_open_due_idx): the breached come first in it.
      .orderBy(...openCaseDueOrder)
      .limit(50),
    loadWorkingDayCalendar(ctx.db),
    ctx.db
      .select({ row: cases, times: cases.materialRequests })
      .from(cases)
      .where(and(eq(cases.status, 'open'), gt(cases.materialRequests, 1)))
      // Most asked first, then the oldest (cases_open_asked_again_idx, read in order).
      .orderBy(sql`${cases.materialRequests} desc nulls last`, asc(cases.openedAt), asc(cases.id))
      .limit(50),
  ]);
  const askedAgain = await summarizeCases(
    ctx,
    askedAgainRows.map((r) => r.row),
    calendar,
  );
  const { openCases: _shownElsewhere, ...figures } = stored.figures;
  return {
    asOf: now.toISOString(),
    figuresAsOf: stored.takenAt.toISOString(),
    ...figures,
    breached: await summarizeCases(ctx, breachedRows, calendar),
    askedAgain: askedAgain.map((summary, i) => ({ ...summary, materialRequests: Number(askedAgainRows[i]!.times) })),
  };
}

/** The stored counts of the open cases (the overview's and /metrics'), and when they were taken. */
export async function readOpenCaseFigures(ctx: ServiceContext): Promise<OpenCaseFigures & { figuresAsOf: string }> {
  const stored = await currentSlaFigures(ctx, ctx.now());
  return { ...stored.figures.openCases, figuresAsOf: stored.takenAt.toISOString() };
}

async function currentSlaFigures(ctx: ServiceContext, now: Date, maxAgeMs = slaFiguresMaxAgeMs): Promise<TakenFigures> {
  const [row] = await ctx.db.select().from(slaFigures).where(eq(slaFigures.name, 'summary'));
  const stored = row && isStoredFigures(row.figures) ? { takenAt: row.takenAt, figures: row.figures } : undefined;
  // Figures "from the future" (a clock set back) are as stale as old ones.
  const age = stored ? now.getTime() - stored.takenAt.getTime() : Infinity;
  if (stored && age >= 0 && age < maxAgeMs) return stored;
  return refreshSlaFigures(ctx, stored);
}

/**
 * The worker's repeating job: renews the figures unless a reader did within half its period
 * (a run finds the copy of the run before a few milliseconds short of a whole period old).
 */
export async function keepSlaFiguresFresh(ctx: ServiceContext): Promise<Date> {
  return (await currentSlaFigures(ctx, ctx.now(), slaFiguresJob.everyMs / 2)).takenAt;
}

/**
 * Recomputes and stores the figures. One process at a time: another that finds the work taken
 * serves the figures it has, or, having none, waits for the one computing them.
 */
export async function refreshSlaFigures(ctx: ServiceContext, stale?: TakenFigures): Promise<TakenFigures> {
  return ctx.db.transaction(async (tx) => {
    const lock = sql`hashtext('xiufu:sla-figures')`;
    const [{ locked } = { locked: false }] = await tx
      .select({ locked: sql<boolean>`pg_try_advisory_xact_lock(${lock})` })
      .from(sql`(select 1) as one`);
    if (!locked) {
      if (stale) return stale;
      await tx.select({ waited: sql`pg_advisory_xact_lock(${lock})` }).from(sql`(select 1) as one`);
      // Whoever held the lock has just stored fresh figures: those serve.
      const [done] = await tx.select().from(slaFigures).where(eq(slaFigures.name, 'summary'));
      if (done && isStoredFigures(done.figures)) return { takenAt: done.takenAt, figures: done.figures };
    }
    const takenAt = ctx.now();
    const figures = await computeSlaFigures(tx, takenAt);
    await tx
      .insert(slaFigures)
      .values({ name: 'summary', takenAt, figures })
      .onConflictDoUpdate({ target: slaFigures.name, set: { takenAt, figures } });
    return { takenAt, figures };
  });
}

async function computeSlaFigures(db: Database, now: Date): Promise<StoredFigures> {
  // One pass over the open cases for all three groupings; grouping() tells them apart.
  const open = db
    .select({
      type: cases.type,
      state: cases.state,
      assigneeId: cases.assigneeId,
      agencyId: cases.agencyId,
      openedAt: cases.openedAt,
      sla: slaStatusSql(now).as('sla'),
    })
    .from(cases)
    .where(eq(cases.status, 'open'))
    .as('open_cases');
  const since = new Date(now.getTime() - 12 * 7 * 86_400_000);
  const week = (column: typeof cases.openedAt | typeof cases.closedAt) =>
    sql<string>`to_char(date_trunc('week', ${column} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;
  const [groups, opened, closed, decided] = await Promise.all([
    db
      .select({
        set: sql<number>`grouping(${open.type}, ${open.state}, ${open.assigneeId}, ${open.agencyId})`.mapWith(Number),
        type: open.type,
        state: open.state,
        assigneeId: open.assigneeId,
        agencyId: open.agencyId,
        sla: open.sla,
        open: count(),
        oldestOpenedAt: sql<string>`to_char(min(${open.openedAt}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      })
      .from(open)
      .groupBy(
        sql`grouping sets ((${open.type}, ${open.state}, ${open.sla}), (${open.assigneeId}, ${open.sla}), (${open.agencyId}, ${open.sla}))`,
      ),
    db
      .select({ week: week(cases.openedAt), n: count() })
      .from(cases)
      .where(gte(cases.openedAt, since))
      .groupBy(sql`1`),
    db
      .select({ week: week(cases.closedAt), n: count() })
      .from(cases)
      .where(gte(cases.closedAt, since))
      .groupBy(sql`1`),
    db
      .select({
        type: cases.type,
        decided: count(),
        medianDays: sql<
          number | null
        >`round(cast(percentile_cont(0.5) within group (order by extract(epoch from ${cases.closedAt} - ${cases.openedAt}) / 86400) as numeric), 1)::float`,
        p90Days: sql<
          number | null
        >`round(cast(percentile_cont(0.9) within group (order by extract(epoch from ${cases.closedAt} - ${cases.openedAt}) / 86400) as numeric), 1)::float`,
      })
      .from(cases)
      .where(and(eq(cases.status, 'closed'), gte(cases.closedAt, since)))
      .groupBy(cases.type)
      .orderBy(desc(count())),
  ]);
  // grouping() sets a bit for each argument left out: type, state, assignee, agency (high to low).
  const byTypeState = groups.filter((g) => g.set === 0b0011);
  const byAssignee = groups.filter((g) => g.set === 0b1101);
  const byAgency = groups.filter((g) => g.set === 0b1110);
  const assigneeIds = [...new Set(byAssignee.map((g) => g.assigneeId).filter((id): id is string => id !== null))];
  const agencyIds = [...new Set(byAgency.map((g) => g.agencyId).filter((id): id is string => id !== null))];
  const [assigneeNames, agencyNames] = await Promise.all([
    assigneeIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, assigneeIds))
      : [],
    agencyIds.length
      ? db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, agencyIds))
      : [],
  ]);
  const weeks = [...new Set([...opened, ...closed].map((w) => w.week))].sort();
  const assigneeNameOf = new Map(assigneeNames.map((u) => [u.id, u.name]));
  const agencyNameOf = new Map(agencyNames.map((a) => [a.id, a.name]));
  return {
    byTypeStateAndSla: byTypeState
      .map((g) => ({ type: g.type, state: g.state, sla: g.sla, open: g.open }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.state.localeCompare(b.state) || a.sla.localeCompare(b.sla)),
    byAssignee: tallyBy(byAssignee, (g) => g.assigneeId, assigneeNameOf).map(({ key, name, open: _, ...counts }) => ({
      assigneeId: key,
      assigneeName: name,
      ...counts,
    })),
    byAgency: tallyBy(byAgency, (g) => g.agencyId, agencyNameOf).map(({ key, name, open: _, ...counts }) => ({
      agencyId: key,
      agencyName: name,
      ...counts,
    })),
    weekly: weeks.map((w) => ({
      week: w,
      opened: opened.find((o) => o.week === w)?.n ?? 0,
      closed: closed.find((c) => c.week === w)?.n ?? 0,
    })),
    daysToDecision: decided.map((d) => ({
      ...d,
      medianDays: d.medianDays === null ? null : Number(d.medianDays),
      p90Days: d.p90Days === null ? null : Number(d.p90Days),
    })),
    openCases: {
      bySla: Object.fromEntries(
        [...new Set(byTypeState.map((g) => g.sla))].map((sla) => [
          sla,
          byTypeState.filter((g) => g.sla === sla).reduce((sum, g) => sum + g.open, 0),
        ]),
      ),
      byTypeAndState: openByTypeAndState(byTypeState),
      byAgency: tallyBy(byAgency, (g) => g.agencyId, agencyNameOf).map(({ key, name, open }) => ({
        agencyId: key,
        agencyName: name,
        open,
      })),
      byAssignee: tallyBy(byAssignee, (g) => g.assigneeId, assigneeNameOf).map(({ key, name, open }) => ({
        assigneeId: key,
        assigneeName: name,
        open,
      })),
    },
  };
}

/** The (type, state, SLA status) groups folded over the status: how many, opened since when. */
function openByTypeAndState(groups: { type: string; state: string; open: number; oldestOpenedAt: string }[]) {
  const rows = new Map<string, OpenCaseFigures['byTypeAndState'][number]>();
  for (const g of groups) {
    const key = `${g.type}\u0000${g.state}`;
    const row = rows.get(key);
    if (!row) rows.set(key, { type: g.type, state: g.state, open: g.open, oldestOpenedAt: g.oldestOpenedAt });
    else {
      row.open += g.open;
      if (g.oldestOpenedAt < row.oldestOpenedAt) row.oldestOpenedAt = g.oldestOpenedAt;
    }
  }
  return [...rows.values()].sort((a, b) => a.type.localeCompare(b.type) || a.state.localeCompare(b.state));
}

/**
 * Rows of (key, status, count) folded into one row per key, named, by name (none last): the
 * counts of each SLA column, and all its open cases (paused and clockless ones too).
 */
function tallyBy<G extends { sla: string; open: number }>(
  groups: G[],
  keyOf: (g: G) => string | null,
  names: Map<string, string>,
) {
  const rows = new Map<string | null, { key: string | null; name: string | null; open: number } & StatusCounts>();
  for (const g of groups) {
    const key = keyOf(g);
    const row = rows.get(key) ?? {
      key,
      name: key === null ? null : (names.get(key) ?? null),
      onTrack: 0,
      atRisk: 0,
      breached: 0,
      open: 0,
    };
    row.open += g.open;
    if (g.sla === 'on_track') row.onTrack += g.open;
    else if (g.sla === 'at_risk') row.atRisk += g.open;
    else if (g.sla === 'breached') row.breached += g.open;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name)));
}
