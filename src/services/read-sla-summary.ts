// SLA figures for supervisors: open cases by type, state and SLA status, per assignee and per
// agency; the breached list; cases opened and closed per week; and days to a decision.
import { and, asc, count, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import { agencies, cases, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { viewCase, type CaseView } from './read-cases.js';
import { slaStatusSql } from './sla-status-sql.js';

export interface SlaSummary {
  asOf: string;
  byTypeStateAndSla: { type: string; state: string; sla: string; open: number }[];
  byAssignee: { assigneeId: string | null; assigneeName: string | null; onTrack: number; atRisk: number; breached: number }[];
  byAgency: { agencyId: string | null; agencyName: string | null; onTrack: number; atRisk: number; breached: number }[];
  breached: CaseView[];
  weekly: { week: string; opened: number; closed: number }[];
  daysToDecision: { type: string; decided: number; medianDays: number | null; p90Days: number | null }[];
}

export async function readSlaSummary(ctx: ServiceContext, actor: Actor): Promise<SlaSummary> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'SLA figures are for supervisors.');
  const now = ctx.now();
  const sla = slaStatusSql(now);
  const open = eq(cases.status, 'open');
  // The status is computed once per open case in a subquery, then grouped on.
  const openCases = ctx.db
    .select({ type: cases.type, state: cases.state, assigneeId: cases.assigneeId, agencyId: cases.agencyId, sla: sla.as('sla') })
    .from(cases)
    .where(open)
    .as('open_cases');
  const tally = (status: string) => sql<number>`cast(count(*) filter (where ${openCases.sla} = ${status}) as int)`;
  const since = new Date(now.getTime() - 12 * 7 * 86_400_000);
  const [byTypeStateAndSla, byAssignee, byAgency, breachedRows, opened, closed, decided] = await Promise.all([
    ctx.db
      .select({ type: openCases.type, state: openCases.state, sla: openCases.sla, open: count() })
      .from(openCases)
      .groupBy(openCases.type, openCases.state, openCases.sla)
      .orderBy(asc(openCases.type), asc(openCases.state)),
    ctx.db
      .select({ assigneeId: openCases.assigneeId, assigneeName: users.displayName, onTrack: tally('on_track'), atRisk: tally('at_risk'), breached: tally('breached') })
      .from(openCases)
      .leftJoin(users, eq(users.id, openCases.assigneeId))
      .groupBy(openCases.assigneeId, users.displayName)
      .orderBy(asc(users.displayName)),
    ctx.db
      .select({ agencyId: openCases.agencyId, agencyName: agencies.name, onTrack: tally('on_track'), atRisk: tally('at_risk'), breached: tally('breached') })
      .from(openCases)
      .leftJoin(agencies, eq(agencies.id, openCases.agencyId))
      .groupBy(openCases.agencyId, agencies.name)
      .orderBy(asc(agencies.name)),
    ctx.db.select().from(cases).where(and(open, sql`${sla} = 'breached'`)).orderBy(asc(cases.dueAt)).limit(50),
    ctx.db.select({ week: sql<string>`to_char(date_trunc('week', ${cases.openedAt} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`, n: count() }).from(cases).where(gte(cases.openedAt, since)).groupBy(sql`1`),
    ctx.db.select({ week: sql<string>`to_char(date_trunc('week', ${cases.closedAt} at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`, n: count() }).from(cases).where(gte(cases.closedAt, since)).groupBy(sql`1`),
    ctx.db
      .select({
        type: cases.type,
        decided: count(),
        medianDays: sql<number | null>`round(cast(percentile_cont(0.5) within group (order by extract(epoch from ${cases.closedAt} - ${cases.openedAt}) / 86400) as numeric), 1)::float`,
        p90Days: sql<number | null>`round(cast(percentile_cont(0.9) within group (order by extract(epoch from ${cases.closedAt} - ${cases.openedAt}) / 86400) as numeric), 1)::float`,
      })
      .from(cases)
      .where(and(eq(cases.status, 'closed'), gte(cases.closedAt, since)))
      .groupBy(cases.type)
      .orderBy(desc(count())),
  ]);
  const calendar = await loadWorkingDayCalendar(ctx.db);
  const weeks = [...new Set([...opened, ...closed].map((w) => w.week))].sort();
  return {
    asOf: now.toISOString(),
    byTypeStateAndSla,
    byAssignee,
    byAgency,
    breached: breachedRows.map((row) => viewCase(row, actor, now, calendar)),
    weekly: weeks.map((week) => ({ week, opened: opened.find((w) => w.week === week)?.n ?? 0, closed: closed.find((w) => w.week === week)?.n ?? 0 })),
    daysToDecision: decided.map((d) => ({ ...d, medianDays: d.medianDays === null ? null : Number(d.medianDays), p90Days: d.p90Days === null ? null : Number(d.p90Days) })),
  };
}
