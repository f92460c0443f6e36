// What a case timer does when it fires, once only: the timer row is claimed (fired_at set) in
// the same transaction as its effect, so a job run twice, or by two workers at once, changes a
// case once. A timer whose clock has moved on (paused, stopped, a new due date) does nothing.
// At the warning point the assignee and the supervisors are notified; at the deadline the
// supervisors are notified and, through the case engine's door in the same transaction, the case
// either takes the consequence the law gives silence or records a DEADLINE_BREACHED audit event.
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import { cases, notifications, outbox, timers, users } from '../../db/schema.js';
import { periodEndOf } from '../domain/case-clock.js';
import { stateMetaOf } from './case-runtime.js';
import { changeCaseWithin } from './case-engine.js';
import { isActorEventOf } from './case-trail-events.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { actorOf } from './log-in.js';
import { systemUsername } from './seed-reference-data.js';

export type TimerOutcome = 'warned' | 'breached' | 'moved-on' | 'moot' | 'already-done' | 'not-due';

export async function fireCaseTimer(ctx: ServiceContext, timerId: number): Promise<TimerOutcome> {
  const calendar = await loadWorkingDayCalendar(ctx.db);
  const [system] = await ctx.db.select().from(users).where(eq(users.username, systemUsername));
  if (!system) throw new Error('the system user is missing: reference data was not seeded');
  return ctx.db.transaction(async (tx) => {
    const at = ctx.now();
    const [found] = await tx.select().from(timers).where(eq(timers.id, timerId));
    if (!found || found.firedAt || found.cancelledAt) return 'already-done';
    // Lock the case before the timer, in the order a person's event takes them, so the two
    // never deadlock.
    await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, found.caseId)).for('update');
    if (found.fireAt > at) return 'not-due';
    const [timer] = await tx
      .update(timers)
      .set({ firedAt: at })
      .where(and(eq(timers.id, timerId), isNull(timers.firedAt), isNull(timers.cancelledAt), lte(timers.fireAt, at)))
      .returning();
    if (!timer) return 'already-done';
    const [theCase] = await tx.select().from(cases).where(eq(cases.id, timer.caseId));
    // The clock the timer belongs to: the state's own, or one of the case's further clocks.
    const clock = [theCase?.clock, ...(theCase?.otherClocks ?? [])].find(
      (c) => c?.deadline === timer.deadline && c.dueAt !== null && Date.parse(c.dueAt) === timer.dueAt.getTime(),
    );
    if (!theCase || theCase.status === 'closed' || !clock?.dueAt) {
      await tx.update(timers).set({ cancelledAt: at }).where(eq(timers.id, timer.id));
      return 'moot';
    }
    const supervisors = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.role, ['supervisor']));
    const recipients = [
      ...new Set([theCase.assigneeId, ...supervisors.map((s) => s.id)].filter((id): id is string => Boolean(id))),
    ];
    const topic = timer.kind === 'warning' ? 'deadline_warning' : 'deadline_breached';
    if (recipients.length > 0) {
      const data = { dueAt: clock.dueAt, deadline: clock.deadline };
      await tx
        .insert(notifications)
        .values(recipients.map((userId) => ({ userId, caseId: theCase.id, topic, data, createdAt: at })));
      await tx.insert(outbox).values(
        recipients.map((userId) => ({
          caseId: theCase.id,
          kind: 'notification',
          payload: { userId, topic, data },
          createdAt: at,
          availableAt: at,
        })),
      );
    }
    if (timer.kind === 'warning') return 'warned';

    // The law may say what silence means here (meta.onDeadline): xiufu then sends that event
    // itself. Otherwise, or where the machine does not take it now, the breach is only noted.
    let outcome: TimerOutcome = 'breached';
    const actor = actorOf(system);
    await changeCaseWithin(tx, { caseId: theCase.id, actor, calendar, at }, ({ snapshot, caseType }) => {
      const consequence = theCase.clock?.deadline === clock.deadline ? stateMetaOf(snapshot).onDeadline : undefined;
      const send = consequence && { type: consequence, actor: { userId: actor.userId, role: actor.role } };
      if (consequence && isActorEventOf(caseType, consequence) && send && snapshot.can(send)) {
        outcome = 'moved-on';
        const clockFrom = periodEndOf(clock) ?? undefined;
        return {
          event: consequence,
          send,
          payload: { deadline: clock.deadline, dueAt: clock.dueAt },
          ...(clockFrom ? { clockFrom } : {}),
        };
      }
      return {
        event: 'DEADLINE_BREACHED',
        payload: { deadline: clock.deadline, dueAt: clock.dueAt, source: clock.source },
        breached: clock.deadline,
      };
    });
    return outcome;
  });
}
