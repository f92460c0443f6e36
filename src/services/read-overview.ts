// The supervisor's overview: open cases by type and state, by agency and by reviewer (the SLA
// figures' stored counts, at most a minute old: counting them reads every open case); the
// oldest open cases and the cases whose state waits on a supervisor (approvals), read live
// from their indexes.
import { and, asc, eq } from 'drizzle-orm';
import { cases } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { readOpenCaseFigures, type OpenCaseFigures } from './read-sla-summary.js';
import { listCaseStaff, type StaffMember } from './read-staff.js';
import { summarizeCases, waitingOnCondition, type CaseSummary } from './read-cases.js';

export interface Overview extends Omit<OpenCaseFigures, 'bySla'> {
  /** When the counts were taken; the lists are as of the request. */
  figuresAsOf: string;
  oldest: CaseSummary[];
  awaitingApproval: CaseSummary[];
  reviewers: StaffMember[];
}

export async function readOverview(ctx: ServiceContext, actor: Actor): Promise<Overview> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'The overview is for supervisors.');
  const open = eq(cases.status, 'open');
  const [counts, oldest, approvals, reviewers] = await Promise.all([
    readOpenCaseFigures(ctx),
    ctx.db.select().from(cases).where(open).orderBy(asc(cases.openedAt)).limit(10),
    ctx.db
      .select()
      .from(cases)
      .where(and(open, waitingOnCondition('supervisor')))
      .orderBy(asc(cases.openedAt)),
    listCaseStaff(ctx),
  ]);
  const calendar = await loadWorkingDayCalendar(ctx.db);
  const { bySla: _shownInMetrics, ...byGroup } = counts;
  return {
    ...byGroup,
    oldest: await summarizeCases(ctx, oldest, calendar),
    awaitingApproval: await summarizeCases(ctx, approvals, calendar),
    reviewers,
  };
}
