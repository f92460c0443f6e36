// The supervisor's overview: open cases by type and state, by agency and by reviewer; the
// oldest open cases; the cases whose state waits on a supervisor (approvals).
import { and, asc, count, eq, inArray, min } from 'drizzle-orm';
import { agencies, cases, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { summarizeCases, waitingOnCondition, type CaseSummary } from './read-cases.js';

export interface Overview {
  byTypeAndState: { type: string; state: string; open: number; oldestOpenedAt: string }[];
  byAgency: { agencyId: string | null; agencyName: string | null; open: number }[];
  byAssignee: { assigneeId: string | null; assigneeName: string | null; open: number }[];
  oldest: CaseSummary[];
  awaitingApproval: CaseSummary[];
  reviewers: { id: string; displayName: string; username: string }[];
}

export async function readOverview(ctx: ServiceContext, actor: Actor): Promise<Overview> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'The overview is for supervisors.');
  const open = eq(cases.status, 'open');
  const [byTypeAndState, byAgency, byAssignee, oldest, approvals, reviewers] = await Promise.all([
    ctx.db
      .select({ type: cases.type, state: cases.state, open: count(), oldestOpenedAt: min(cases.openedAt) })
      .from(cases)
      .where(open)
      .groupBy(cases.type, cases.state)
      .orderBy(asc(cases.type), asc(cases.state)),
    ctx.db
      .select({ agencyId: cases.agencyId, agencyName: agencies.name, open: count() })
      .from(cases)
      .leftJoin(agencies, eq(agencies.id, cases.agencyId))
      .where(open)
      .groupBy(cases.agencyId, agencies.name)
      .orderBy(asc(agencies.name)),
    ctx.db
      .select({ assigneeId: cases.assigneeId, assigneeName: users.displayName, open: count() })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.assigneeId))
      .where(open)
      .groupBy(cases.assigneeId, users.displayName)
      .orderBy(asc(users.displayName)),
    ctx.db.select().from(cases).where(open).orderBy(asc(cases.openedAt)).limit(10),
    ctx.db
      .select()
      .from(cases)
      .where(and(open, waitingOnCondition('supervisor')))
      .orderBy(asc(cases.openedAt)),
    ctx.db
      .select({ id: users.id, displayName: users.displayName, username: users.username })
      .from(users)
      .where(inArray(users.role, ['reviewer', 'supervisor']))
      .orderBy(asc(users.displayName)),
  ]);
  const calendar = await loadWorkingDayCalendar(ctx.db);
  return {
    byTypeAndState: byTypeAndState.map((row) => ({ ...row, oldestOpenedAt: row.oldestOpenedAt?.toISOString() ?? '' })),
    byAgency,
    byAssignee,
    oldest: await summarizeCases(ctx, oldest, calendar),
    awaitingApproval: await summarizeCases(ctx, approvals, calendar),
    reviewers,
  };
}
