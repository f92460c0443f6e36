// The policy versions as the law changed (issue 15 item 4): which version is in force on a
// date, what each holds (only what existed from its date), the local profiles following the
// national changes, and what a display period counts from under each.
import { citationIn } from '../../src/domain/citation.js';
import { describe, expect, it } from 'vitest';
import { displayPeriodOf, isShownPublicly } from '../../src/domain/display-period.js';
import {
  policyAtFinding,
  policyInForce,
  policyVersions,
  rulesAtFindingBasis,
  unperformedAtMaximumOf,
  type PolicyVersion,
} from '../../src/domain/policy.js';
import { chinaTime } from '../helpers/calendar.js';

const national = (date: string) => policyInForce('national', chinaTime(date));

describe('the national versions', () => {
  it('under Order 58 (2023) knows no minor class of its own and counts from publication', () => {
    const rules = national('2024-01-10').rules;
    expect(rules.displayPeriods.minor).toMatchObject({ minimumMonths: 3, maximumMonths: 12 });
    expect(JSON.stringify(rules.displayPeriods)).not.toMatch(/22号 item 2/);
    const period = displayPeriodOf(
      rules,
      { kind: 'administrative_penalty', class: 'general', decisionDate: '2024-01-02' },
      '2024-01-10',
    );
    expect(period).toMatchObject({
      countsFrom: '2024-01-10',
      repairableFrom: '2024-04-10',
      publishedUntil: '2025-01-10',
    });
  });

  it('under 22号 (2025-06-22) has the three classes, minor published for at most 3 months', () => {
    const rules = national('2025-07-01').rules;
    expect(rules.displayPeriods.minor).toMatchObject({ published: true, minimumMonths: 0, maximumMonths: 3 });
    expect(citationIn('zh-CN', rules.displayPeriods.minor.source)).toContain('22号');
  });

  it('under Order 36 (2026-04-01) does not publish minor information and counts from the finding', () => {
    const rules = national('2026-04-01').rules;
    expect(rules.displayPeriods.minor.published).toBe(false);
    const minor = {
      kind: 'administrative_penalty',
      class: 'minor' as const,
      status: 'published',
      publishedFrom: '2026-05-10',
      publishedUntil: '2026-08-01',
    };
    expect(isShownPublicly(rules, minor, '2026-06-01')).toBe(false);
    expect(isShownPublicly(national('2025-07-01').rules, minor, '2026-06-01')).toBe(true);
    // Found on 05-01, published on 05-10: the year runs from the finding.
    const period = displayPeriodOf(
      rules,
      { kind: 'administrative_penalty', class: 'general', decisionDate: '2026-05-01' },
      '2026-05-10',
    );
    expect(period).toMatchObject({
      countsFrom: '2026-05-01',
      repairableFrom: '2026-08-01',
      publishedUntil: '2027-05-01',
    });
  });

  it('says per kind what happens at the maximum to an unperformed obligation, only from Order 36 on', () => {
    expect(unperformedAtMaximumOf(national('2026-04-01').rules, 'serious_list_entry')).toBe('stay_until_performed');
    expect(unperformedAtMaximumOf(national('2026-04-01').rules, 'administrative_penalty')).toBe('expire');
    expect(unperformedAtMaximumOf(national('2025-07-01').rules, 'serious_list_entry')).toBe('expire');
    // A document stored before the rule existed expires at the maximum, as it always did.
    const { unperformedAtMaximum: _u, ...old } = national('2026-04-01').rules;
    expect(unperformedAtMaximumOf(old, 'serious_list_entry')).toBe('expire');
  });
});

describe('the local profiles', () => {
  it('follow each national change with their own limits', () => {
    for (const jurisdiction of ['shanghai', 'shenzhen', 'zhejiang'] as const) {
      const before = policyInForce(jurisdiction, chinaTime('2025-06-21'));
      const after = policyInForce(jurisdiction, chinaTime('2026-04-01'));
      expect(after.id).toBe(`${jurisdiction}-2026-04-01`);
      expect(after.rules.displayPeriods.minor.published).toBe(false);
      expect(before.rules.displayPeriods.minor.maximumMonths).toBe(12);
      expect(after.deadlines['objection.answer']).toEqual(before.deadlines['objection.answer']);
      expect(after.deadlines['objection.answer']!.unit).toBe('working');
    }
  });

  it('dates Shenzhen from 2023-03-01 (passed 2022-12-29), marked unverified', () => {
    const shenzhen = policyVersions.filter((v) => v.jurisdiction === 'shenzhen');
    expect(shenzhen[0]).toMatchObject({ effectiveFrom: '2023-03-01', supersedes: ['shenzhen-2022'] });
    expect(shenzhen[0]!.sources).toContainEqual({
      text: expect.objectContaining({ en: expect.stringContaining('2022-12-29') }),
      verified: false,
    });
    expect(() => policyInForce('shenzhen', chinaTime('2023-02-28'))).toThrow(/No shenzhen policy/);
  });
});

describe('a stored version replaced by a corrected one', () => {
  it('is not chosen for new cases, but stays for the cases opened under it', () => {
    const old: PolicyVersion = { ...national('2026-04-01'), id: 'national-2026-order36', supersedes: [] };
    const stored = [old, ...policyVersions];
    expect(policyInForce('national', chinaTime('2026-06-01'), stored).id).toBe('national-2026-04-01');
    expect(policyInForce('national', chinaTime('2026-06-01'), [old]).id).toBe('national-2026-order36');
  });
});

describe('the rules of a record’s display: those in force at its finding (认定之日)', () => {
  const at = (
    jurisdiction: Parameters<typeof policyAtFinding>[0],
    decisionDate: string | null,
    publishedFrom = '2026-12-01',
  ) => policyAtFinding(jurisdiction, { decisionDate, publishedFrom });

  it('takes the version in force on the day of the finding, not today’s', () => {
    expect(at('national', '2024-01-10')).toMatchObject({ version: { id: 'national-2023-05-01' }, by: 'jurisdiction' });
    expect(at('national', '2025-06-22').version.id).toBe('national-2025-06-22');
    expect(at('national', '2026-03-31').version.id).toBe('national-2025-06-22');
    expect(at('national', '2026-04-01').version.id).toBe('national-2026-04-01');
    expect(at('shanghai', '2024-01-10').version.id).toBe('shanghai-2017-10-01');
    // Without a decision date, publication is the day it counts from.
    expect(at('national', null, '2024-02-01')).toMatchObject({
      foundOn: '2024-02-01',
      version: { id: 'national-2023-05-01' },
    });
  });

  it('before a profile’s first version, the national rules of that day; before any, the earliest (marked)', () => {
    expect(at('demo', '2025-09-30')).toMatchObject({ version: { id: 'national-2025-06-22' }, by: 'national' });
    expect(at('shenzhen', '2023-02-01')).toMatchObject({ version: { id: 'national-2023-05-01' }, by: 'earliest' });
    expect(at('national', '2021-05-01')).toMatchObject({ version: { id: 'national-2023-05-01' }, by: 'earliest' });
    expect(rulesAtFindingBasis.verified).toBe(false);
  });

  it('gives a record found in 2024 and one found under Order 36 their own periods', () => {
    const general = { kind: 'administrative_penalty', class: 'general' as const };
    const found2024 = { ...general, decisionDate: '2024-01-10', publishedFrom: '2024-01-17' };
    const found2026 = { ...general, decisionDate: '2026-05-01', publishedFrom: '2026-05-08' };
    expect(
      displayPeriodOf(policyAtFinding('national', found2024).version.rules, found2024, '2024-01-17'),
    ).toMatchObject({
      countsFrom: '2024-01-17',
      publishedUntil: '2025-01-17',
    });
    expect(
      displayPeriodOf(policyAtFinding('national', found2026).version.rules, found2026, '2026-05-08'),
    ).toMatchObject({
      countsFrom: '2026-05-01',
      publishedUntil: '2027-05-01',
    });
    // At the maximum, an unperformed serious-list entry: expires under Order 58, stays under Order 36.
    expect(unperformedAtMaximumOf(policyAtFinding('national', found2024).version.rules, 'serious_list_entry')).toBe(
      'expire',
    );
    expect(unperformedAtMaximumOf(policyAtFinding('national', found2026).version.rules, 'serious_list_entry')).toBe(
      'stay_until_performed',
    );
  });
});
