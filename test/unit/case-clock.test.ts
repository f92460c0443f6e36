// The case clock: started by a state with a deadline, paused while awaiting material (the
// days used so far kept), resumed with what remains, stopped when the case closes, and
// flagged, not guessed, when its due date falls in a year the calendar lacks.
import { describe, expect, it } from 'vitest';
import { extendCaseClock, nextCaseClock, periodEndOf, recountCaseClock } from '../../src/domain/case-clock.js';
import { policyInForce, policyVersions } from '../../src/domain/policy.js';
import { calendarFromPackage, chinaTime, endOfChinaDate } from '../helpers/calendar.js';

const calendar = calendarFromPackage();
const national = policyInForce('national', chinaTime('2026-11-25'));
const shanghai = policyInForce('shanghai', chinaTime('2026-11-25'));
const run = { kind: 'run', deadline: 'objection.answer' } as const;

describe('policy versions', () => {
  it('picks the version in force on the China-time date, with its source', () => {
    expect(policyInForce('national', chinaTime('2023-05-01', 0)).id).toBe('national-2023-05-01');
    expect(policyInForce('national', chinaTime('2025-06-21')).id).toBe('national-2023-05-01');
    expect(policyInForce('national', chinaTime('2025-06-22', 0)).id).toBe('national-2025-06-22');
    expect(policyInForce('national', chinaTime('2026-03-31')).id).toBe('national-2025-06-22');
    expect(policyInForce('national', chinaTime('2026-04-01', 0)).id).toBe('national-2026-04-01');
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

// Hand-worked cases of issue 15 item 5 (行政复议法 arts. 30, 62; 民法典 arts. 201, 203).
describe('the review clocks as the law counts them', () => {
  const decide = { kind: 'run', deadline: 'review.decide' } as const;
  const accept = { kind: 'run', deadline: 'review.accept' } as const;

  it('counts an extension from the end of the original 60 days as holidays moved it', () => {
    const accepted = nextCaseClock(null, decide, chinaTime('2026-08-03'), national, calendar)!;
    // 08-03 + 60 days = 10-02, inside the National Day holiday: the period ends on 10-08.
    expect(new Date(accepted.dueAt!).getTime()).toBe(endOfChinaDate('2026-10-08'));
    const extended = extendCaseClock(accepted, 30, calendar);
    // 10-08 + 30 days = 11-07, a Saturday: the extension ends on Monday 11-09 (not 08-03 + 90 → 11-02).
    expect(new Date(extended.dueAt!).getTime()).toBe(endOfChinaDate('2026-11-09'));
    expect(extended).toMatchObject({ limit: 90, extendedDays: 30 });
  });

  it('keeps the extension counted from the original end through a pause and a resumption', () => {
    const accepted = nextCaseClock(null, decide, chinaTime('2026-08-03'), national, calendar)!;
    const extended = extendCaseClock(accepted, 30, calendar);
    const paused = nextCaseClock(extended, { kind: 'pause' }, chinaTime('2026-08-13'), national, calendar)!;
    expect(paused.usedDays).toBe(10);
    // Resumed on 08-23 after 10 days: 50 original days remain (→ 10-12) and then the 30 (→ 11-11).
    const resumed = nextCaseClock(paused, decide, chinaTime('2026-08-23'), national, calendar)!;
    expect(new Date(resumed.dueAt!).getTime()).toBe(endOfChinaDate('2026-11-11'));
  });

  it('runs the 60 days of a deemed acceptance from the day the acceptance period ends', () => {
    const filed = nextCaseClock(null, accept, chinaTime('2026-06-01'), national, calendar)!;
    // 5 working days from Monday 06-01 end on Monday 06-08.
    expect(new Date(filed.dueAt!).getTime()).toBe(endOfChinaDate('2026-06-08'));
    const timerFires = new Date(filed.dueAt!); // 24:00 of 06-08
    const deemed = nextCaseClock(filed, decide, timerFires, national, calendar, periodEndOf(filed)!)!;
    // 06-08 + 60 days = 08-07 (a Friday); counted from the timer's midnight it would be 08-10.
    expect(new Date(deemed.dueAt!).getTime()).toBe(endOfChinaDate('2026-08-07'));
    expect(nextCaseClock(filed, decide, timerFires, national, calendar)!.dueAt).toBe(
      new Date(endOfChinaDate('2026-08-10')).toISOString(),
    );
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
