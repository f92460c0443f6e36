// What a case's timers do when they come due, once only. The timers are the case's clocks
// (src/domain/case-timers.ts): the case row is locked, the timers due now are read from its
// clocks, and each is recorded through the case engine's door in the same transaction, which
// marks it done on the clock. A job run twice, or by two workers at once, finds the second time
// that nothing is due. At the warning point whoever works the case and the supervisors are told
// (DEADLINE_WARNED); at the deadline the supervisors are told and the case either takes the
// consequence the law gives silence or records a DEADLINE_BREACHED audit event.
import { eq } from 'drizzle-orm';
import { cases, users } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { WorkingDayCalendar } from '../domain/calendar.js';
import { periodEndOf } from '../domain/case-clock.js';
import { type CaseTimer, dueTimersOf, nextTimerAtOf } from '../domain/case-timers.js';
import type { Actor } from '../domain/roles.js';
import { stateMetaOf } from './case-runtime.js';
import { type CaseDecision, type CaseRow, changeCaseWithin, type StaffNotification } from './case-engine.js';
import { isActorEventOf } from './case-trail-events.js';
import type { ServiceContext } from './context.js';
import { loadWorkingDayCalendar } from './load-working-day-calendar.js';
import { actorOf } from './log-in.js';
import { systemUsername } from './seed-reference-data.js';

/** What firing a case's timers did: the strongest of what happened, or why nothing did. */
export type TimerOutcome = 'warned' | 'breached' | 'moved-on' | 'moot' | 'already-done' | 'not-due';

/** A case has few clocks; a bound keeps a clock that never settles from looping a job. */
const mostTimersAtOnce = 8;

export async function fireCaseTimers(ctx: ServiceContext, caseId: string): Promise<TimerOutcome> {
  return (await fireCaseTimersAndLookAhead(ctx, caseId)).outcome;
}

/** The same, with the moment the case's next timer fires afterwards (null: none pending). */
export async function fireCaseTimersAndLookAhead(
  ctx: ServiceContext,
  caseId: string,
): Promise<{ outcome: TimerOutcome; nextTimerAt: Date | null }> {
  const calendar = await loadWorkingDayCalendar(ctx.db);
  const [system] = await ctx.db.select().from(users).where(eq(users.username, systemUsername));
  if (!system) throw new Error('the system user is missing: reference data was not seeded');
  const supervisors = await ctx.db.select({ id: users.id }).from(users).where(eq(users.role, 'supervisor'));
  let failure: unknown;
  const fired = await ctx.db.transaction(async (tx) => {
    // The lock a person's event takes first, so a timer and an event on one case queue, never race.
    const [locked] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    // The time is read once the lock is held: a worker that waited for it judges by now, not by then.
    const at = ctx.now();
    if (!locked?.nextTimerAt) return { outcome: 'already-done' as const, nextTimerAt: null };
    if (locked.nextTimerAt > at) return { outcome: 'not-due' as const, nextTimerAt: locked.nextTimerAt };
    let theCase: CaseRow = locked;
    let outcome: TimerOutcome = 'moot';
    const failed = new Set<string>();
    const keyOf = (timer: CaseTimer) => `${timer.kind} ${timer.deadline}`;
    for (let count = 0; count < mostTimersAtOnce; count += 1) {
      const timer = dueTimersOf([theCase.clock, ...theCase.otherClocks], at).find((t) => !failed.has(keyOf(t)));
      if (!timer || theCase.status === 'closed') break;
      try {
        // Each timer in a savepoint of its own: one whose consequence fails leaves the others
        // of the case to fire, and stays due, to be tried again.
        const done = await tx.transaction((savepoint) =>
          fireTimer(savepoint, { theCase, timer, actor: actorOf(system), calendar, at, supervisors }),
        );
        theCase = done.row;
        outcome = strongerOutcome(outcome, done.outcome);
      } catch (error) {
        failed.add(keyOf(timer));
        failure ??= error;
      }
    }
    // A moment the clocks no longer hold (written by an older release, or a closed case) is put
    // right, so the reconciler stops handing it out.
    const next = theCase.status === 'closed' ? null : nextTimerAtOf([theCase.clock, ...theCase.otherClocks]);
    if (next?.getTime() !== theCase.nextTimerAt?.getTime())
      await tx.update(cases).set({ nextTimerAt: next }).where(eq(cases.id, theCase.id));
    return { outcome, nextTimerAt: next };
  });
  // What fired is committed; the job fails for the one that did not, and is run again.
  if (failure) throw failure;
  return fired;
}

const outcomeStrength: TimerOutcome[] = ['moot', 'warned', 'breached', 'moved-on'];
function strongerOutcome(a: TimerOutcome, b: TimerOutcome): TimerOutcome {
  return outcomeStrength.indexOf(b) > outcomeStrength.indexOf(a) ? b : a;
}

async function fireTimer(
  tx: Executor,
  fire: {
    theCase: CaseRow;
    timer: CaseTimer;
    actor: Actor;
    calendar: WorkingDayCalendar;
    at: Date;
    supervisors: { id: string }[];
  },
): Promise<{ row: CaseRow; outcome: TimerOutcome }> {
  const { theCase, timer, actor, at } = fire;
  const clock = [theCase.clock, ...theCase.otherClocks].find(
    (c) => c?.deadline === timer.deadline && c.dueAt !== null && Date.parse(c.dueAt) === timer.dueAt.getTime(),
  )!;
  const recipients = [
    ...new Set([theCase.assigneeId, ...fire.supervisors.map((s) => s.id)].filter((id): id is string => Boolean(id))),
  ];
  const data = { dueAt: clock.dueAt!, deadline: clock.deadline };
  const notifyStaff = (topic: string): StaffNotification[] => recipients.map((userId) => ({ userId, topic, data }));
  let outcome: TimerOutcome = timer.kind === 'warning' ? 'warned' : 'breached';
  const row = await changeCaseWithin(
    tx,
    { caseId: theCase.id, actor, calendar: fire.calendar, at },
    ({ snapshot, caseType }): CaseDecision => {
      if (timer.kind === 'warning')
        return {
          event: 'DEADLINE_WARNED',
          payload: data,
          warned: clock.deadline,
          notifyStaff: notifyStaff('deadline_warning'),
        };
      // The law may say what silence means here (meta.onDeadline): xiufu then sends that event
      // itself. Otherwise, or where the machine does not take it now, the breach is only noted.
      const consequence = theCase.clock?.deadline === clock.deadline ? stateMetaOf(snapshot).onDeadline : undefined;
      const send = consequence && { type: consequence, actor: { userId: actor.userId, role: actor.role } };
      if (consequence && isActorEventOf(caseType, consequence) && send && snapshot.can(send)) {
        outcome = 'moved-on';
        const clockFrom = periodEndOf(clock) ?? undefined;
        return {
          event: consequence,
          send,
          payload: { deadline: clock.deadline, dueAt: clock.dueAt },
          notifyStaff: notifyStaff('deadline_breached'),
          ...(clockFrom ? { clockFrom } : {}),
        };
      }
      return {
        event: 'DEADLINE_BREACHED',
        payload: { deadline: clock.deadline, dueAt: clock.dueAt, source: clock.source },
        breached: clock.deadline,
        notifyStaff: notifyStaff('deadline_breached'),
      };
    },
  );
  return { row, outcome };
}
