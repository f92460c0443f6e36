// The remedies every adverse decision states (src/domain/remedies.ts), with their last days
// worked out by hand on the 2026 calendar, and their words (ui/components/remedies.tsx).
import { describe, expect, it } from 'vitest';
import { policyInForce, remedyWindows } from '../../src/domain/policy.js';
import { remediesAgainst } from '../../src/domain/remedies.js';
import { wordRemedies } from '../../ui/components/remedies.js';
import { calendarFromPackage } from '../helpers/calendar.js';

const calendar = calendarFromPackage();
const national = policyInForce('national', new Date('2026-06-01T00:00:00Z')).rules;
const demo = policyInForce('demo', new Date('2026-06-01T00:00:00Z')).rules;
// Noon in Beijing on the day of the decision.
const on = (day: string) => new Date(`${day}T04:00:00Z`);

describe('remedies against an adverse decision', () => {
  it('national: 行政复议 in 60 days and 行政诉讼 in 6 months; no re-examination (no national rule)', () => {
    const remedies = remediesAgainst(national, { decidedAt: on('2026-05-20'), reExaminable: true }, calendar);
    expect(remedies.map((r) => r.kind)).toEqual(['administrative_review', 'administrative_litigation']);
    // 2026-05-20 + 60 days = 07-19, a Sunday: the last day moves to Monday 07-20 (民法典 art. 203).
    expect(remedies[0]).toMatchObject({ lastDay: '2026-07-20', filedAs: 'administrative-review' });
    expect(remedies[0]!.window).toBe(remedyWindows.administrativeReview);
    // + 6 months = 2026-11-20, a Friday (行政诉讼法 art. 46).
    expect(remedies[1]).toMatchObject({ lastDay: '2026-11-20', filedAs: null });
  });

  it('a last day in the National Day holidays moves past them', () => {
    // 2026-08-03 + 60 days = 10-02, inside the 10-01..10-07 holidays: the last day is 10-08.
    const [review] = remediesAgainst(national, { decidedAt: on('2026-08-03'), reExaminable: false }, calendar);
    expect(review!.lastDay).toBe('2026-10-08');
  });

  it('a last day in a year whose holidays are not loaded is not guessed', () => {
    const [, litigation] = remediesAgainst(national, { decidedAt: on('2026-08-03'), reExaminable: false }, calendar);
    expect(litigation!.lastDay).toBeNull();
  });

  it('re-examination comes first where the profile provides it, and never against a re-examination', () => {
    const offered = remediesAgainst(demo, { decidedAt: on('2026-05-20'), reExaminable: true }, calendar);
    expect(offered.map((r) => r.kind)).toEqual([
      're_examination',
      'administrative_review',
      'administrative_litigation',
    ]);
    expect(offered[0]).toMatchObject({ filedAs: 'review', lastDay: '2026-07-20' });
    expect(offered[0]!.window.verified).toBe(false);
    const againstReExamination = remediesAgainst(demo, { decidedAt: on('2026-05-20'), reExaminable: false }, calendar);
    expect(againstReExamination.map((r) => r.kind)).not.toContain('re_examination');
  });

  it('is worded in both languages with the articles', () => {
    const remedies = remediesAgainst(national, { decidedAt: on('2026-05-20'), reExaminable: false });
    expect(remedies.every((r) => r.lastDay === null)).toBe(true);
    const zh = wordRemedies('zh-CN', remedies);
    expect(zh).toContain('行政复议');
    expect(zh).toContain('60 日内');
    expect(zh).toContain('《行政诉讼法》第四十六条');
    const en = wordRemedies('en', remedies);
    expect(en).toContain('Within 60 days');
    expect(en).toContain('6 months');
    expect(en).toContain('行政复议法 (2023) arts. 20, 87');
  });
});
