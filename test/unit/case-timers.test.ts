// A case's timers are read from its clocks (src/domain/case-timers.ts): which are pending, the
// moment the next one fires (cases.next_timer_at), and which are due, a breach before a warning.
import { describe, expect, it } from 'vitest';
import type { CaseClock } from '../../src/domain/case-clock.js';
import { dueTimersOf, nextTimerAtOf, pendingTimersOf } from '../../src/domain/case-timers.js';
import { runningClock } from '../helpers/case-timers.js';

const running = runningClock;
const kinds = (clocks: (CaseClock | null)[]) =>
  pendingTimersOf(clocks).map((t) => `${t.deadline} ${t.kind} ${t.fireAt.toISOString()}`);

describe('the timers of a case’s clocks', () => {
  const answer = running('objection.answer', '2026-12-15T16:00:00.000Z', '2026-12-11T16:00:00.000Z');
  const report = running('repair.report', '2026-12-09T16:00:00.000Z', '2026-12-07T16:00:00.000Z');

  it('has a warning and a breach for a running clock, and the next moment is the earliest of all clocks', () => {
    expect(kinds([answer])).toEqual([
      'objection.answer warning 2026-12-11T16:00:00.000Z',
      'objection.answer breach 2026-12-15T16:00:00.000Z',
    ]);
    expect(nextTimerAtOf([answer, report])?.toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(nextTimerAtOf([null])).toBeNull();
  });

  it('has none for a paused, stopped, breached or not-yet-computed clock', () => {
    for (const clock of [
      { ...answer, pausedAt: '2026-11-30T02:00:00.000Z', dueAt: null },
      { ...answer, stoppedAt: '2026-11-30T02:00:00.000Z', dueAt: null },
      { ...answer, breachedAt: '2026-12-15T16:00:00.000Z' },
      { ...answer, dueAt: null },
    ])
      expect(kinds([clock])).toEqual([]);
  });

  it('keeps a warning once given for the due moment it warned of, and warns again when the clock moved', () => {
    const warned = { ...answer, warnedAt: '2026-12-11T16:00:01.000Z', warnedDueAt: answer.dueAt };
    expect(kinds([warned])).toEqual(['objection.answer breach 2026-12-15T16:00:00.000Z']);
    expect(nextTimerAtOf([warned])?.toISOString()).toBe('2026-12-15T16:00:00.000Z');
    const resumed = { ...warned, dueAt: '2026-12-21T16:00:00.000Z', warningAt: '2026-12-17T16:00:00.000Z' };
    expect(kinds([resumed])).toEqual([
      'objection.answer warning 2026-12-17T16:00:00.000Z',
      'objection.answer breach 2026-12-21T16:00:00.000Z',
    ]);
  });

  it('is due at its moment, a breach first, and a warning its breach overtook is not sent', () => {
    expect(dueTimersOf([answer, report], new Date('2026-12-01T00:00:00Z'))).toEqual([]);
    expect(
      dueTimersOf([answer, report], new Date('2026-12-12T00:00:00Z')).map((t) => `${t.deadline} ${t.kind}`),
    ).toEqual(['repair.report breach', 'objection.answer warning']);
    expect(dueTimersOf([answer], new Date('2026-12-16T00:00:00Z')).map((t) => `${t.deadline} ${t.kind}`)).toEqual([
      'objection.answer breach',
    ]);
  });
});
