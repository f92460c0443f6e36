// Which changes rewrite a case's timers: the engine sends the timers statement only when the
// timers its clocks want differ from those they wanted before (sameTimers).
import { describe, expect, it } from 'vitest';
import { sameTimers } from '../../src/services/case-timers.js';

const timer = (kind: 'warning' | 'breach', deadline: string, due: string, fire = due) => ({
  kind,
  deadline,
  dueAt: new Date(due),
  fireAt: new Date(fire),
});

describe('sameTimers', () => {
  const answer = [
    timer('breach', 'objection.answer', '2026-12-15T16:00:00Z'),
    timer('warning', 'objection.answer', '2026-12-15T16:00:00Z', '2026-12-11T16:00:00Z'),
  ];

  it('is the same set in any order', () => {
    expect(sameTimers(answer, [...answer].reverse())).toBe(true);
    expect(sameTimers([], [])).toBe(true);
  });

  it('differs when a clock paused, moved, warns at another moment or another deadline runs', () => {
    expect(sameTimers(answer, [])).toBe(false);
    expect(sameTimers(answer, [answer[0]!, timer('warning', 'objection.answer', '2026-12-15T16:00:00Z')])).toBe(false);
    expect(sameTimers(answer, [timer('breach', 'objection.answer', '2026-12-21T16:00:00Z'), answer[1]!])).toBe(false);
    expect(sameTimers(answer, [timer('breach', 'objection.material', '2026-12-15T16:00:00Z'), answer[1]!])).toBe(false);
    expect(sameTimers([answer[0]!, answer[0]!], answer)).toBe(false);
  });
});
