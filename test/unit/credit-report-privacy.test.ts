// Credit-report information (征信不良信息) is never public credit information: no shipped policy
// version may publish it, a stored policy document that tries is refused, and its keeping
// period runs five years from the end of the conduct (征信业管理条例 art. 16), not from
// publication.
import { describe, expect, it } from 'vitest';
import { displayPeriodOf, isShownPublicly } from '../../src/domain/display-period.js';
import { explainPolicyProblems, policyVersions, type CreditReportKeepingRule } from '../../src/domain/policy.js';
import { isPublicRecordKind, recordKinds } from '../../src/domain/records.js';

const creditReport = {
  kind: 'credit_report_negative',
  class: 'general',
  status: 'published',
  publishedFrom: '2026-01-01',
  publishedUntil: '2030-01-01',
  conductEndedOn: '2025-01-01',
} as const;

describe('credit-report records are never public', () => {
  it.each(policyVersions.map((v) => [v.id, v] as const))('policy %s does not publish them', (_id, version) => {
    expect(explainPolicyProblems(version)).toEqual([]);
    expect(Object.keys(version.rules.creditReportKeeping)).not.toContain('published');
    for (const day of ['2026-01-01', '2027-06-30', '2029-12-31'])
      expect(isShownPublicly(version.rules, creditReport, day)).toBe(false);
    expect(displayPeriodOf(version.rules, creditReport, creditReport.publishedFrom).published).toBe(false);
    // The other kinds of a published class still show.
    expect(isShownPublicly(version.rules, { ...creditReport, kind: 'administrative_penalty' }, '2026-06-01')).toBe(
      true,
    );
  });

  it('the kind is outside the public kinds', () => {
    expect(recordKinds.filter((kind) => !isPublicRecordKind(kind))).toEqual(['credit_report_negative']);
  });

  it('a policy document that publishes them is refused, in the old shape or the new', () => {
    const [version] = policyVersions;
    const oldShape = {
      ...version!,
      rules: {
        ...version!.rules,
        displayPeriodByKind: {
          credit_report_negative: { published: true, minimumMonths: 0, maximumMonths: 60, source: 'x' },
        },
      },
    };
    expect(explainPolicyProblems(oldShape)).toEqual([expect.stringContaining('credit_report_negative')]);
    const flagged = {
      ...version!,
      rules: { ...version!.rules, creditReportKeeping: { ...version!.rules.creditReportKeeping, published: true } },
    };
    expect(explainPolicyProblems(flagged)).toEqual([expect.stringContaining('published')]);
    const byClass = {
      ...version!,
      rules: {
        ...version!.rules,
        displayPeriods: { ...version!.rules.displayPeriods, credit_report_negative: { published: true } },
      },
    };
    expect(explainPolicyProblems(byClass)).toEqual([expect.stringContaining('credit_report_negative')]);
    // The type has no place for the flag either.
    // @ts-expect-error a credit-report keeping rule cannot say "published"
    const typed: CreditReportKeepingRule = { keptMonths: 60, source: 'x', published: true };
    expect(typed.keptMonths).toBe(60);
  });
});

describe('the keeping period of a credit-report record', () => {
  it.each(policyVersions.map((v) => [v.id, v] as const))(
    'runs 5 years from the end of the conduct under %s',
    (_id, version) => {
      const period = displayPeriodOf(
        version.rules,
        { kind: 'credit_report_negative', class: 'general', conductEndedOn: '2024-02-29' },
        '2025-10-08',
      );
      // 民法典 art. 202: 2029 has no 29 February, so the period ends on the month's last day.
      expect(period).toMatchObject({
        published: false,
        publishedFrom: '2025-10-08',
        publishedUntil: '2029-02-28',
        repairableFrom: null,
      });
      expect(version.rules.creditReportKeeping).toMatchObject({
        keptMonths: 60,
        source: { zh: expect.stringContaining('第十六条'), en: expect.stringContaining('art. 16') },
      });
    },
  );
});
