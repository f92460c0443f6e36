// The SLA moments kept on a case row decide its status in SQL (src/services/sla-status-sql.ts):
// breached from a recorded breach or a running clock's due moment, whichever is first; at risk
// from the first running clock's warning point; running; paused by the case's own clock.
import { describe, expect, it } from 'vitest';
import type { CaseClock } from '../../src/domain/case-clock.js';
import { slaMomentsOf } from '../../src/domain/sla.js';

const clock = (fields: Partial<CaseClock>): CaseClock => ({
  deadline: 'objection.answer',
  limit: 15,
  unit: 'working',
  source: 'test',
  startedAt: '2026-11-02T02:00:00.000Z',
  runningSince: '2026-11-02T02:00:00.000Z',
  dueAt: '2026-11-23T16:00:00.000Z',
  pausedAt: null,
  usedDays: 0,
  stoppedAt: null,
  dueUnknown: null,
  warningAt: '2026-11-18T16:00:00.000Z',
  ...fields,
});

describe('SLA moments of a case', () => {
  it('takes a running clock’s due moment and warning point', () => {
    expect(slaMomentsOf(clock({}), [])).toEqual({
      breachAt: new Date('2026-11-23T16:00:00.000Z'),
      warningAt: new Date('2026-11-18T16:00:00.000Z'),
      running: true,
      paused: false,
    });
  });

  it('keeps a recorded breach after the clock stopped, and counts no stopped or paused clock as running', () => {
    const stopped = clock({
      stoppedAt: '2026-11-30T02:00:00.000Z',
      dueAt: null,
      breachedAt: '2026-11-24T00:10:00.000Z',
    });
    expect(slaMomentsOf(stopped, [])).toEqual({
      breachAt: new Date('2026-11-24T00:10:00.000Z'),
      warningAt: null,
      running: false,
      paused: false,
    });
    const paused = clock({ pausedAt: '2026-11-10T02:00:00.000Z', dueAt: null });
    expect(slaMomentsOf(paused, [])).toEqual({ breachAt: null, warningAt: null, running: false, paused: true });
  });

  it('takes the earliest over the case’s own clock and its further clocks', () => {
    const report = clock({
      deadline: 'repair.report',
      dueAt: '2026-11-20T16:00:00.000Z',
      warningAt: '2026-11-16T16:00:00.000Z',
    });
    const moments = slaMomentsOf(clock({ pausedAt: '2026-11-10T02:00:00.000Z', dueAt: null }), [report]);
    expect(moments).toEqual({
      breachAt: new Date('2026-11-20T16:00:00.000Z'),
      warningAt: new Date('2026-11-16T16:00:00.000Z'),
      running: true,
      paused: true,
    });
    expect(slaMomentsOf(null, [])).toEqual({ breachAt: null, warningAt: null, running: false, paused: false });
  });
});
