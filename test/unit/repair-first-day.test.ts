// The first day a repair is accepted (issue 16 item 1): the day after the minimum display
// period's last day (民法典 arts. 201-202). The record page and the server read the same function,
// so the day the page shows is the day the server first accepts.
import { describe, expect, it } from 'vitest';
import { policyInForce } from '../../src/domain/policy.js';
import {
  daysUntilRepair,
  firstRepairDayOf,
  minimumPeriodServed,
  repairEligibility,
} from '../../src/domain/repair-eligibility.js';

const rules = policyInForce('national', new Date('2026-12-01T00:00:00Z')).rules;
const record = {
  kind: 'administrative_penalty',
  status: 'published',
  repairableFrom: '2027-05-26',
  obligation: null,
  obligationPerformed: true,
};
const facts = (today: string) => ({
  record,
  bannedUntil: null,
  openRepairCaseId: null,
  today,
  routes: ['performance' as const],
});

describe('the first repair day', () => {
  it('is the day after the last day of the minimum period, across a month and a year end', () => {
    expect(firstRepairDayOf('2027-05-26')).toBe('2027-05-27');
    expect(firstRepairDayOf('2027-02-28')).toBe('2027-03-01');
    expect(firstRepairDayOf('2028-02-28')).toBe('2028-02-29');
    expect(firstRepairDayOf('2026-12-31')).toBe('2027-01-01');
    expect(firstRepairDayOf(null)).toBeNull();
  });

  it('the server refuses on the last day of the period and accepts on the first repair day', () => {
    expect(repairEligibility(rules, facts('2027-05-26')).map((f) => f.rule)).toEqual(['minimum_period']);
    expect(repairEligibility(rules, facts('2027-05-26'))[0]!.message).toContain('repair may be asked from 2027-05-27');
    expect(repairEligibility(rules, facts('2027-05-27'))).toEqual([]);
    expect(minimumPeriodServed('2027-05-26', '2027-05-26')).toBe(false);
    expect(minimumPeriodServed('2027-05-26', '2027-05-27')).toBe(true);
    expect(minimumPeriodServed(null, '2020-01-01')).toBe(true);
  });

  it('counts the days left to the first repair day: 176 from 2026-12-02 to 2027-05-27, none once it has come', () => {
    expect(daysUntilRepair('2027-05-26', '2026-12-02')).toBe(176);
    expect(daysUntilRepair('2027-05-26', '2027-05-26')).toBe(1);
    expect(daysUntilRepair('2027-05-26', '2027-05-27')).toBe(0);
    expect(daysUntilRepair('2027-05-26', '2027-06-30')).toBe(0);
  });
});
