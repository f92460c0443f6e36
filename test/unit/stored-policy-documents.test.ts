// A policy document an earlier release stored (immutable for the cases opened under it) lacks
// the keys later releases added and holds its texts in English only. It is read against the
// shipped version of its id, or the one that superseded it: every clock a case may run is found
// (completedPolicyVersion, deadlineRuleOf), what it holds is never replaced, and its wording is
// brought to both languages only where the rule beside the text is the same (rewordedPolicyVersion).
import { describe, expect, it } from 'vitest';
import {
  completedPolicyVersion,
  deadlineKeys,
  deadlineRuleOf,
  policyVersions,
  type PolicyVersion,
  repairDecisionExtensionOf,
  rewordedPolicyVersion,
} from '../../src/domain/policy.js';

/** The keys added after the first dated versions were stored, with the release that added them. */
const addedLater = [
  'objection.material',
  'repair.material',
  'referral.court',
  'referral.creditReport',
  'deferral.decide',
  'deferral.instalment',
  'administrativeReview.accept',
  'administrativeReview.supplement',
  'administrativeReview.answer',
  'administrativeReview.decide',
] as const;

const english = (value: unknown) =>
  value && typeof value === 'object' && 'en' in value ? (value as { en: string }).en : value;

/** A shipped version as an earlier release stored it: fewer keys, texts in English only. */
function storedByAnEarlierRelease(shipped: PolicyVersion, id = shipped.id): PolicyVersion {
  const deadlines = Object.fromEntries(
    Object.entries(shipped.deadlines)
      .filter(([key]) => !(addedLater as readonly string[]).includes(key))
      .map(([key, rule]) => {
        const { extension: _extension, ...kept } = rule!;
        return [
          key,
          { ...kept, countsFrom: english(kept.countsFrom), ...(kept.note ? { note: english(kept.note) } : {}) },
        ];
      }),
  );
  const { offered: _offered, ...review } = shipped.rules.review;
  return structuredClone({
    ...shipped,
    id,
    supersedes: [],
    deadlines,
    rules: { ...shipped.rules, review },
  }) as PolicyVersion;
}

describe('a policy document stored by an earlier release', () => {
  for (const shipped of policyVersions) {
    it(`${shipped.id}: still gives every clock, as the shipped version says`, () => {
      const stored = storedByAnEarlierRelease(shipped);
      expect(Object.keys(stored.deadlines).length).toBeLessThan(Object.keys(shipped.deadlines).length);
      const completed = completedPolicyVersion(stored);
      for (const key of deadlineKeys) {
        const rule = shipped.deadlines[key];
        if (!rule) continue;
        expect(deadlineRuleOf(stored, key), key).toMatchObject({ limit: rule.limit, unit: rule.unit });
        expect(completed.deadlines[key], key).toMatchObject({ limit: rule.limit, unit: rule.unit });
      }
      expect(completed.rules.review.offered).toEqual(shipped.rules.review.offered);
      expect(repairDecisionExtensionOf(stored)).toEqual(shipped.deadlines['repair.decide']?.extension ?? null);
    });
  }

  it('under an id a corrected version superseded reads that version', () => {
    const stored = storedByAnEarlierRelease(
      policyVersions.find((v) => v.id === 'national-2026-04-01')!,
      'national-2026-order36',
    );
    expect(deadlineRuleOf(stored, 'administrativeReview.decide')).toMatchObject({ limit: 60, unit: 'calendar' });
    expect(Object.keys(completedPolicyVersion(stored).deadlines).sort()).toEqual(
      Object.keys(policyVersions.find((v) => v.id === 'national-2026-04-01')!.deadlines).sort(),
    );
  });

  it('keeps what it holds: a number it stored differently stays, with its own words', () => {
    const shipped = policyVersions.find((v) => v.id === 'national-2026-04-01')!;
    const stored = storedByAnEarlierRelease(shipped);
    stored.deadlines['objection.answer'] = { ...stored.deadlines['objection.answer']!, limit: 25 };
    expect(completedPolicyVersion(stored).deadlines['objection.answer']!.limit).toBe(25);
    const reworded = rewordedPolicyVersion(stored);
    expect(reworded.deadlines['objection.answer']).toMatchObject({ limit: 25, countsFrom: 'receipt of the objection' });
    // The rule that is the same gets both languages; the numbers are untouched.
    expect(reworded.deadlines['correction.apply']).toEqual(shipped.deadlines['correction.apply']);
    expect(reworded.deadlines['repair.decide']).toMatchObject({
      limit: 3,
      countsFrom: { zh: '收到完整申请材料之日', en: 'receipt of a complete application' },
      note: { zh: expect.stringContaining('情况复杂'), en: expect.any(String) },
    });
    // The keys it lacks are not written by rewording: they are read from the shipped version.
    expect(reworded.deadlines['administrativeReview.accept']).toBeUndefined();
    // Rewording is stable: a second pass changes nothing.
    expect(rewordedPolicyVersion(reworded)).toEqual(reworded);
  });

  it('without a shipped version of its id or a successor, a missing clock is a server error, never guessed', () => {
    const stored = storedByAnEarlierRelease(policyVersions[0]!, 'somewhere-else-2020');
    expect(() => deadlineRuleOf(stored, 'administrativeReview.accept')).toThrow(/has no deadline/);
    expect(completedPolicyVersion(stored)).toBe(stored);
    expect(rewordedPolicyVersion(stored)).toBe(stored);
  });
});
