// The case clock: started by a state with a deadline, paused while awaiting material (the
// days used so far kept), resumed with what remains, stopped when the case closes, and
// flagged, not guessed, when its due date falls in a year the calendar lacks.
import { describe, expect, it } from 'vitest';
import { nextCaseClock, recountCaseClock } from '../../src/domain/case-clock.js';
import { policyInForce, policyVersions } from '../../src/domain/policy.js';
import { calendarFromPackage, chinaTime, endOfChinaDate } from '../helpers/calendar.js';

const calendar = calendarFromPackage();
const national = policyInForce('national', chinaTime('2026-11-25'));
const shanghai = policyInForce('shanghai', chinaTime('2026-11-25'));
const run = { kind: 'run', deadline: 'objection.answer' } as const;

describe('policy versions', () => {
  it('picks the version in force on the China-time date, with its source', () => {
    expect(policyInForce('national', chinaTime('2026-03-31')).id).toBe('national-2023-order58');
    expect(policyInForce('national', chinaTime('2026-04-01', 0)).id).toBe('national-2026-order36');
    expect(national.deadlines['objection.answer']).toMatchObject({
      limit: 20,
      unit: 'calendar',
      source: expect.stringContaining('art. 25'),
    });
    expect(() => policyInForce('national', chinaTime('2020-01-01'))).toThrow(
      /No national policy is in force on 2020-01-01/,
    );
  });

  it('gives every number a source', () => {
    for (const version of policyVersions)
      for (const rule of Object.values(version.deadlines)) expect(rule.source.length).toBeGreaterThan(5);
  });
});

describe('the case clock', () => {
  it('starts on the first state with a deadline', () => {
    const clock = nextCaseClock(null, run, chinaTime('2026-11-25'), national, calendar);
    expect(clock).toMatchObject({
      deadline: 'objection.answer',
      limit: 20,
      unit: 'calendar',
      pausedAt: null,
      usedDays: 0,
    });
    expect(new Date(clock!.dueAt!).getTime()).toBe(endOfChinaDate('2026-12-15'));
  });

  it('keeps running, unchanged, across states under the same deadline', () => {
    const clock = nextCaseClock(null, run, chinaTime('2026-11-25'), national, calendar);
    expect(nextCaseClock(clock, run, chinaTime('2026-11-27'), national, calendar)).toBe(clock);
  });

  it('pauses, then resumes with the days that remain', () => {
    const started = nextCaseClock(null, run, chinaTime('2026-11-02'), shanghai, calendar)!; // 5 working days
    expect(new Date(started.dueAt!).getTime()).toBe(endOfChinaDate('2026-11-09'));
    const paused = nextCaseClock(started, { kind: 'pause' }, chinaTime('2026-11-04'), shanghai, calendar)!;
    expect(paused).toMatchObject({ usedDays: 2, dueAt: null, pausedAt: chinaTime('2026-11-04').toISOString() });
    // Material arrives a week later: 3 working days remain.
    const resumed = nextCaseClock(paused, run, chinaTime('2026-11-11'), shanghai, calendar)!;
    expect(resumed.pausedAt).toBeNull();
    expect(new Date(resumed.dueAt!).getTime()).toBe(endOfChinaDate('2026-11-16'));
    // A second pause counts from the resumption, not from the start.
    const pausedAgain = nextCaseClock(resumed, { kind: 'pause' }, chinaTime('2026-11-12'), shanghai, calendar)!;
    expect(pausedAgain.usedDays).toBe(3);
  });

  it('stops when the case closes', () => {
    const clock = nextCaseClock(null, run, chinaTime('2026-11-25'), national, calendar);
    const stopped = nextCaseClock(clock, { kind: 'stop' }, chinaTime('2026-11-30'), national, calendar)!;
    expect(stopped).toMatchObject({ dueAt: null, stoppedAt: chinaTime('2026-11-30').toISOString() });
  });

  it('does not let a request for material pause or reset a deadline already missed', () => {
    const started = nextCaseClock(null, run, chinaTime('2026-11-02'), national, calendar)!;
    expect(new Date(started.dueAt!).getTime()).toBe(endOfChinaDate('2026-11-23'));
    const late = nextCaseClock(started, { kind: 'pause' }, chinaTime('2026-11-30'), national, calendar)!;
    expect(late).toBe(started);
    expect(nextCaseClock(late, run, chinaTime('2026-12-01'), national, calendar)!.dueAt).toBe(started.dueAt);
  });

  it('counts a stretch that ran while its year was missing, once the year is loaded', () => {
    const fifteen = {
      ...national,
      deadlines: {
        ...national.deadlines,
        'objection.answer': { limit: 15, unit: 'working' as const, countsFrom: 'test', source: 'test', verified: true },
      },
    };
    const started = nextCaseClock(null, run, chinaTime('2026-12-28'), fifteen, calendar)!;
    expect(started.dueUnknown).toMatchObject({ year: 2027 });
    const paused = nextCaseClock(started, { kind: 'pause' }, chinaTime('2027-01-08'), fifteen, calendar)!;
    const resumed = nextCaseClock(paused, run, chinaTime('2027-01-11'), fifteen, calendar)!;
    expect(resumed).toMatchObject({ dueAt: null, pausedAt: null, unsettled: [{ from: started.runningSince }] });
    const with2027 = {
      ...calendar,
      coveredYears: new Set([...calendar.coveredYears, 2027]),
      holidays: new Set([...calendar.holidays, '2027-01-01']),
    };
    const known = nextCaseClock(resumed, run, chinaTime('2027-01-11', 12), fifteen, with2027)!;
    // 8 working days ran (12-29, 12-30, 12-31, 01-04 to 01-08); 7 remain from 01-11: due at the end of 01-20.
    expect(known).toMatchObject({ usedDays: 8, unsettled: [], dueUnknown: null });
    expect(new Date(known.dueAt!).getTime()).toBe(endOfChinaDate('2027-01-20'));
  });

  it('flags a due date in a year the calendar lacks instead of guessing it, and computes it once the year is loaded', () => {
    const clock = nextCaseClock(null, run, chinaTime('2026-12-20'), national, calendar)!;
    expect(clock.dueAt).toBeNull();
    expect(clock.dueUnknown).toMatchObject({ year: 2027, reason: expect.stringContaining('2027') });
    // Still unknown while 2027 is missing ...
    expect(nextCaseClock(clock, run, chinaTime('2026-12-22'), national, calendar)!.dueUnknown).not.toBeNull();
    // ... and computed from the original start once the notice for 2027 is loaded.
    const with2027 = {
      ...calendar,
      coveredYears: new Set([...calendar.coveredYears, 2027]),
      holidays: new Set([...calendar.holidays, '2027-01-01']),
    };
    const known = nextCaseClock(clock, run, chinaTime('2026-12-22'), national, with2027)!;
    expect(known.dueUnknown).toBeNull();
    expect(new Date(known.dueAt!).getTime()).toBe(endOfChinaDate('2027-01-11')); // 12-20 + 20 = 2027-01-09, a Saturday
  });
});

describe('a clock recounted under other rules (a migration that recounts)', () => {
  it('keeps the days used and takes the limit, and so the due moment, from the rule', () => {
    const started = nextCaseClock(null, run, chinaTime('2026-11-25'), national, calendar)!;
    const shorter = {
      ...national,
      deadlines: {
        ...national.deadlines,
        'objection.answer': { ...national.deadlines['objection.answer']!, limit: 10 },
      },
    };
    const recounted = recountCaseClock({ ...started, usedDays: 3 }, shorter, calendar);
    expect(recounted).toMatchObject({ limit: 10, usedDays: 3, startedAt: started.startedAt });
    expect(Date.parse(recounted.dueAt!)).toBeLessThan(Date.parse(started.dueAt!));
    const stopped = { ...started, stoppedAt: started.startedAt, dueAt: null };
    expect(recountCaseClock(stopped, shorter, calendar)).toBe(stopped);
  });
});
