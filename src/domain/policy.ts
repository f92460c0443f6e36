// Deadlines are data: which limit applies to which step of which case type, in which unit,
// under which rule set, with the law it comes from beside each number. A rule set is versioned
// by the date it took effect, and a case keeps the version it was opened under
// (national repair rules changed on 2026-04-01: NDRC Order 58 → Order 36; DOMAIN.md).
import type { DayUnit } from './calendar.js';
import { chinaDateOf } from './calendar.js';

export const jurisdictions = ['national', 'shanghai', 'shenzhen', 'zhejiang'] as const;
export type Jurisdiction = (typeof jurisdictions)[number];

/** The steps with a legal deadline; states name these in their meta (machines/). */
export const deadlineKeys = [
  'objection.answer', // verify the objection and answer in writing
  'repair.decide', // the department decides a repair application
] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

export interface DeadlineRule {
  limit: number;
  unit: DayUnit;
  /** What the clock counts from, in words. */
  countsFrom: string;
  source: string;
  /** False where the number could not be read in the primary text; shown as such to users. */
  verified: boolean;
  note?: string;
}

export interface PolicyVersion {
  id: string;
  jurisdiction: Jurisdiction;
  /** First China-time day this version applies to (YYYY-MM-DD). */
  effectiveFrom: string;
  title: string;
  deadlines: Partial<Record<DeadlineKey, DeadlineRule>>;
}

// 征信業管理條例 art. 25 is the national outer limit for objections: no national limit for
// objections to *public* credit information could be verified (國辦發〔2025〕22號 names none).
const nationalObjection: DeadlineRule = {
  limit: 20,
  unit: 'calendar',
  countsFrom: 'receipt of the objection',
  source: '征信業管理條例 art. 25 (mark on receipt; verify and answer in writing within 20 days)',
  verified: true,
  note: 'Used as the outer limit: no national deadline for objections to public credit information was found.',
};

export const policyVersions: readonly PolicyVersion[] = [
  {
    id: 'national-2023-order58',
    jurisdiction: 'national',
    effectiveFrom: '2023-05-01',
    title: 'National: NDRC Order No. 58 (2023, trial) and 征信業管理條例',
    deadlines: {
      'objection.answer': nationalObjection,
      'repair.decide': {
        limit: 3,
        unit: 'working',
        countsFrom: 'receipt of a complete application',
        source: '國辦發〔2025〕22號; local guidance under NDRC Order No. 58',
        verified: false,
        note: 'Extendable for complex cases; the length of the extension is unverified.',
      },
    },
  },
  {
    id: 'national-2026-order36',
    jurisdiction: 'national',
    effectiveFrom: '2026-04-01',
    title: 'National: 信用修復管理辦法 (NDRC Order No. 36) and 征信業管理條例',
    deadlines: {
      'objection.answer': nationalObjection,
      'repair.decide': {
        limit: 3,
        unit: 'working',
        countsFrom: 'receipt of a complete application',
        source: '國辦發〔2025〕22號; NDRC Order No. 36',
        verified: true,
        note: 'Complex cases may be extended; the length of the extension is unverified.',
      },
    },
  },
  {
    id: 'shanghai-2017',
    jurisdiction: 'shanghai',
    effectiveFrom: '2017-10-01',
    title: '上海市社會信用條例',
    deadlines: {
      'objection.answer': {
        limit: 5,
        unit: 'working',
        countsFrom: 'receipt of the objection (mark within 1 working day)',
        source: '上海市社會信用條例 art. 36',
        verified: true,
      },
    },
  },
  {
    id: 'shenzhen-2022',
    jurisdiction: 'shenzhen',
    effectiveFrom: '2022-03-01',
    title: '深圳經濟特區社會信用條例',
    deadlines: {
      'objection.answer': {
        limit: 3,
        unit: 'working',
        countsFrom: 'receipt of the objection (platform checks in 1, agency decides in 2)',
        source: '深圳經濟特區社會信用條例 art. 51',
        verified: true,
        note: 'The agency may extend by 3 working days.',
      },
      'repair.decide': {
        limit: 3,
        unit: 'working',
        countsFrom: 'receipt of the application',
        source: '深圳經濟特區社會信用條例 art. 82',
        verified: true,
        note: 'Extendable by 3 working days.',
      },
    },
  },
  {
    id: 'zhejiang-2018',
    jurisdiction: 'zhejiang',
    effectiveFrom: '2018-01-01',
    title: '浙江省公共信用信息管理條例',
    deadlines: {
      'objection.answer': {
        limit: 5,
        unit: 'working',
        countsFrom: 'receipt of the objection',
        source: '浙江省公共信用信息管理條例 art. 31',
        verified: true,
        note: 'At most 20 working days where verification needs it.',
      },
    },
  },
];

/** The rule set in force for a jurisdiction at a moment (China-time date). */
export function policyInForce(jurisdiction: Jurisdiction, at: Date, versions: readonly PolicyVersion[] = policyVersions): PolicyVersion {
  const day = chinaDateOf(at);
  const candidates = versions
    .filter((v) => v.jurisdiction === jurisdiction && v.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const version = candidates[0];
  // A deployment without a policy for today is misconfigured: a server error, not the user's.
  if (!version) throw new Error(`No ${jurisdiction} policy is in force on ${day}.`);
  return version;
}

export function deadlineRuleOf(version: PolicyVersion, key: DeadlineKey): DeadlineRule {
  const rule = version.deadlines[key];
  if (!rule) throw new Error(`Policy ${version.id} has no deadline for ${key}.`);
  return rule;
}
