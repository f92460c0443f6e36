// Deadlines are data: which limit applies to which step of which case type, in which unit,
// under which rule set, with the law it comes from beside each number. A rule set is versioned
// by the date it took effect, and a case keeps the version it was opened under. The national
// rules changed twice: NDRC Order No. 58 (trial) from 2023-05-01; 国办发〔2025〕22号's classes
// and deadlines from 2025-06-22; NDRC Order No. 36 信用修复管理办法 from 2026-04-01. Each
// version holds only what existed from its date; the local profiles follow the national rules
// of their time, with their own limits.
import type { DayUnit } from './calendar.js';
import { chinaDateOf } from './calendar.js';
import type { Citation } from './citation.js';
import { creditReportKinds } from './records.js';

/**
 * A source as users read it: {zh, en} (Simplified Chinese in the zh-CN UI, English in the English
 * one, citationIn in ./citation.ts). A plain string is what a document stored by an earlier
 * release holds, or a source not yet given both languages; it is shown as it is.
 */
export type PolicySource = Citation | string;

// "demo" is the national rules with the repair routes a jurisdiction may switch on (volunteering,
// donation) switched on, for trying xiufu: NDRC Order No. 36 does not provide them, a local rule may.
export const jurisdictions = ['national', 'shanghai', 'shenzhen', 'zhejiang', 'demo'] as const;
export type Jurisdiction = (typeof jurisdictions)[number];

/** The steps with a legal deadline; states name these in their meta (machines/). */
export const deadlineKeys = [
  'objection.answer', // verify the objection and answer in writing
  'objection.material', // the subject supplies the material asked for
  'correction.apply', // draft, approve and apply a correction
  'review.accept', // acceptance check of a re-examination (复核) request
  'review.material', // the applicant supplies missing material
  'review.decide', // decide a re-examination
  // Administrative review (行政复议), tracked: the review body's clocks (行政复议法 2023).
  'administrativeReview.accept', // the review body's acceptance review
  'administrativeReview.supplement', // the applicant supplements after the one notice
  'administrativeReview.answer', // the respondent answers from receiving the copy
  'administrativeReview.decide', // the review body decides
  'repair.decide', // the department decides a repair application
  'repair.report', // the platform reports the result of a repair application
  'repair.material', // the applicant supplies material the credit center asked for
  'explanation.moderate', // moderate a self-explanation
  // Referrals to a forum elsewhere (src/domain/forums.ts): the forum's own limit for answering.
  'referral.court', // the enforcing court reviews an application to correct the court list
  'referral.creditReport', // the credit-reporting agency or data provider answers an objection
  'deferral.decide', // the deciding agency grants or refuses a deferral of an obligation
  'deferral.instalment', // the next instalment of a granted schedule falls due (its date is the schedule's)
  'administrativeReview.service', // a reminder: the respondent's receipt of the copy is not yet on record
] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

export interface DeadlineRule {
  limit: number;
  unit: DayUnit;
  /** What the clock counts from, in words. */
  countsFrom: PolicySource;
  source: PolicySource;
  /** False where the number could not be read in the primary text; shown as such to users. */
  verified: boolean;
  note?: PolicySource;
  /** Days (of the same unit) before the deadline at which the case counts as at risk. */
  warnBeforeDays?: number;
  /** Days (of the same unit) the decider may add once in a complex case, where the rules allow it. */
  extension?: SourcedNumber;
}

/** A number of the rules with its source, like every number in the policy. */
export interface SourcedNumber {
  value: number;
  source: PolicySource;
  verified: boolean;
}

/** How long a record of a class is published (国办发〔2025〕22号 item 2; NDRC Order 36). */
export interface DisplayPeriodRule {
  /** False: not published in principle (NDRC Order 36: 轻微失信信息原则上不予公示). */
  published: boolean;
  /** Repair may be asked for once this many months of display have passed. */
  minimumMonths: number;
  /** Publication ends at the latest after this many months. */
  maximumMonths: number;
  source: PolicySource;
}

/**
 * How long credit-report information (征信不良信息) is kept. It has no `published` flag on
 * purpose: it is not public credit information and no policy may publish it (征信业管理条例
 * arts. 16–18; explainPolicyProblems refuses a document that tries).
 */
export interface CreditReportKeepingRule {
  /** Kept this many months from the day the conduct ended, then its content is deleted. */
  keptMonths: number;
  source: PolicySource;
}

export type RepairRoute = 'performance' | 'volunteering' | 'donation';

// --- Display-period rules that changed with NDRC Order 36 (issue 15 item 4) ---

/** What a display period counts from: the day it was published, or the day of the finding. */
export interface DisplayPeriodStart {
  from: 'publication' | 'finding';
  source: PolicySource;
  verified: boolean;
}

/** At the maximum period, a record whose obligation is still unperformed: it expires, or stays until performed. */
export type UnperformedAtMaximum = 'expire' | 'stay_until_performed';

export interface UnperformedAtMaximumRule {
  /** The choice per kind of public record, by the finding department's own rules. */
  byKind: Partial<Record<'administrative_penalty' | 'serious_list_entry' | 'other_dishonesty', UnperformedAtMaximum>>;
  source: PolicySource;
  verified: boolean;
}

/** Documents stored before these rules existed count from publication and expire at the maximum. */
export function displayPeriodStartOf(rules: PolicyRules): DisplayPeriodStart['from'] {
  return rules.displayPeriodStart?.from ?? 'publication';
}

export function unperformedAtMaximumOf(rules: PolicyRules, kind: string): UnperformedAtMaximum {
  return rules.unperformedAtMaximum?.byKind[kind as keyof UnperformedAtMaximumRule['byKind']] ?? 'expire';
}
// --- end of display-period rules ---

export interface PolicyRules {
  displayPeriods: Record<'minor' | 'general' | 'serious', DisplayPeriodRule>;
  /** Absent in documents stored before 2026-12 (read with displayPeriodStartOf). */
  displayPeriodStart?: DisplayPeriodStart;
  /** Absent in documents stored before 2026-12 (read with unperformedAtMaximumOf). */
  unperformedAtMaximum?: UnperformedAtMaximumRule;
  /** Credit-report records: never published, kept from the end of the conduct, then deleted. */
  creditReportKeeping: CreditReportKeepingRule;
  repair: {
    /** Kinds that can be repaired by this procedure (court lists are removed by courts). */
    repairableKinds: string[];
    routes: Record<
      RepairRoute,
      { enabled: boolean; threshold: number; unit: 'performed' | 'hours' | 'CNY'; source: PolicySource }
    >;
    commitmentLetterRequired: boolean;
    /** How long a person who gave false material may not apply again. */
    banAfterFalseMaterialMonths: SourcedNumber;
  };
  correction: {
    /** Classes whose corrections need a second person's approval (four eyes); removals always do. */
    approvalForClasses: string[];
  };
  /**
   * The re-examination (复核, case type `review`): an internal second look at a decision by
   * someone other than the decider, which only a local rule provides; not 行政复议.
   */
  review: {
    /** Whether this profile provides re-examination at all (absent in documents stored before it: not offered). */
    offered?: SourcedFlag;
    /** Days from the decision within which re-examination may be asked for. */
    applicationWindowDays: SourcedNumber;
    extensionDays: SourcedNumber;
  };
}

/** A yes/no of the rules with its source. */
export interface SourcedFlag {
  value: boolean;
  source: PolicySource;
  verified: boolean;
}

/** Whether the rule set provides re-examination (复核); a document from before the flag does not. */
export function reExaminationOffered(rules: PolicyRules): boolean {
  return rules.review.offered?.value === true;
}

// ---- Remedies against an adverse decision (issue 15 item 2) ----
// The windows of the external remedies are the statutes' own, the same in every jurisdiction:
// they are not part of a versioned rule set, but they are numbers of the rules with their
// sources like every other (src/domain/remedies.ts and ui/components/remedies.tsx read them).

/** A window for seeking a remedy, counted by the counting rules (民法典 arts. 201–203). */
export interface RemedyWindowRule {
  amount: number;
  unit: DayUnit | 'month';
  countsFrom: PolicySource;
  source: PolicySource;
  verified: boolean;
  note?: PolicySource;
}

export const remedyWindows = {
  /** 行政复议: 60 days from the day the person knew or should have known of the act. */
  administrativeReview: {
    amount: 60,
    unit: 'calendar',
    countsFrom: { zh: '自知道或者应当知道该行为之日', en: 'the day the person knew or should have known of the act' },
    source: {
      zh: '《中华人民共和国行政复议法》（2023年修订）第二十条第一款',
      en: 'Administrative Review Law (2023) art. 20(1)',
    },
    verified: true,
    note: {
      zh: '因不可抗力或者其他正当理由耽误的，期限自障碍消除之日起继续计算（第二十条第二款）。',
      en: 'An obstacle beyond the person’s control suspends the window until it ends (art. 20(2)).',
    },
  },
  /**
   * Not told of the right or the window: counted from knowing of them, but at most one year
   * from knowing the act's content (行政复议法 art. 20(3)).
   */
  administrativeReviewUntold: {
    amount: 12,
    unit: 'month',
    countsFrom: {
      zh: '自知道该行为内容之日（未被告知申请权利或者期限时）',
      en: 'the day the person knew the content of the act (when not told of the right or the window)',
    },
    source: {
      zh: '《中华人民共和国行政复议法》（2023年修订）第二十条第三款',
      en: 'Administrative Review Law (2023) art. 20(3)',
    },
    verified: true,
  },
  /** 行政诉讼 directly: 6 months from knowing of the act. */
  administrativeLitigation: {
    amount: 6,
    unit: 'month',
    countsFrom: { zh: '自知道或者应当知道该行为之日', en: 'the day the person knew or should have known of the act' },
    source: { zh: '《中华人民共和国行政诉讼法》第四十六条', en: 'Administrative Litigation Law art. 46' },
    verified: true,
  },
  /** 行政诉讼 after a 行政复议 decision: 15 days from receiving it. */
  litigationAfterReview: {
    amount: 15,
    unit: 'calendar',
    countsFrom: { zh: '收到行政复议决定书之日', en: 'receipt of the administrative review decision' },
    source: { zh: '《中华人民共和国行政诉讼法》第四十五条', en: 'Administrative Litigation Law art. 45' },
    verified: true,
  },
} as const satisfies Record<string, RemedyWindowRule>;

// ---- Possible paid agents (issue 16 item 6) ----
// Filing is free and needs no intermediary; people who sell "credit repair" file for many
// subjects from one account or one place. No rule of law sets a number: these are this system's
// policy choices, shown as unverified, so a jurisdiction can set its own.

/** Applications for this many different subjects within the window, from one account or address, are flagged. */
export const agentScreening = {
  distinctSubjects: {
    value: 3,
    source: {
      zh: '本系统的政策选择（无法规设定该数值）：一人通常只为本人申请，为三个以上不同主体申请即提示主管核查',
      en: 'A policy choice of this system (no rule sets the number): a person usually files for themselves; three or more different subjects prompt a supervisor to look',
    },
    verified: false,
  },
  windowDays: {
    value: 90,
    source: {
      zh: '本系统的政策选择（无法规设定该数值）：按最近90日内的申请计算',
      en: 'A policy choice of this system (no rule sets the number): applications of the last 90 days count',
    },
    verified: false,
  },
} as const satisfies Record<string, SourcedNumber>;

/**
 * The one extension of an administrative review's decision: at most 30 days, approved by the
 * review body's head, counted from the end of the original period as holidays moved it (行政复议法
 * art. 62; the arithmetic is extensionDueOf in machines/administrative-review.machine.ts' clock).
 */
export const administrativeReviewExtension: SourcedNumber = {
  value: 30,
  source: {
    zh: '《中华人民共和国行政复议法》（2023年修订）第六十二条',
    en: 'Administrative Review Law (2023) art. 62',
  },
  verified: true,
};

export interface PolicyVersion {
  id: string;
  jurisdiction: Jurisdiction;
  /** First China-time day this version applies to (YYYY-MM-DD). */
  effectiveFrom: string;
  title: PolicySource;
  /** The texts this version rests on, and where its date comes from. */
  sources?: { text: PolicySource; verified: boolean }[];
  /**
   * Stored versions this one replaces for new cases (same date, corrected content): a stored
   * version is immutable, so a correction is a new version, and the old one stays for the cases
   * opened under it.
   */
  supersedes?: string[];
  deadlines: Partial<Record<DeadlineKey, DeadlineRule>>;
  rules: PolicyRules;
}

// 征信业管理条例 art. 25 is the national outer limit for objections: no national limit for
// objections to *public* credit information could be verified (国办发〔2025〕22号 names none).
const nationalObjection: DeadlineRule = {
  limit: 20,
  unit: 'calendar',
  countsFrom: { zh: '收到异议之日', en: 'receipt of the objection' },
  source: {
    zh: '《征信业管理条例》第二十五条（收到异议即作标注，二十日内核查处理并书面答复）',
    en: 'Regulation on the Administration of the Credit Reporting Industry art. 25 (mark on receipt; verify and answer in writing within 20 days)',
  },
  verified: true,
  note: {
    zh: '作为最长期限使用：未找到公共信用信息异议的全国性期限。',
    en: 'Used as the outer limit: no national deadline for objections to public credit information was found.',
  },
};

// ---- repair: extending the department's decision in a complex case ----
// 国办发〔2025〕22号 lets the department extend in a complex case without a number we could
// read; Shenzhen and Zhejiang give theirs. Each profile's repair.decide carries one of these.
const nationalRepairExtension: SourcedNumber = {
  value: 3,
  source: {
    zh: '国办发〔2025〕22号（情况复杂的可以延长，未规定时长）：参照《深圳经济特区社会信用条例》第八十二条取三个工作日，未经核实',
    en: 'State Council General Office 2025 No. 22 (complex cases may be extended; no length given): 3 working days as the Shenzhen Special Economic Zone Social Credit Regulation art. 82 gives, unverified',
  },
  verified: false,
};
const shenzhenRepairExtension: SourcedNumber = {
  value: 3,
  source: {
    zh: '《深圳经济特区社会信用条例》第八十二条（可延长三个工作日；未读到条文原文）',
    en: 'Shenzhen Special Economic Zone Social Credit Regulation art. 82 (extendable by 3 working days; article text not read here)',
  },
  verified: false,
};
const zhejiangRepairExtension: SourcedNumber = {
  value: 17,
  source: {
    zh: '《浙江省公共信用信息管理条例》（需要核查的，合计最长二十个工作日，依本配置；未读到条文原文）',
    en: 'Zhejiang Public Credit Information Regulation (at most 20 working days in all where verification needs it, as the profile says; article text not read here)',
  },
  verified: false,
};
// ---- end repair extension ----

/** Limits every profile shares (行政复议法 and the national repair rules). */
const commonDeadlines: Partial<Record<DeadlineKey, DeadlineRule>> = {
  'objection.material': {
    limit: 10,
    unit: 'working',
    countsFrom: {
      zh: '要求补充材料之日（其间答复期限暂停计算）',
      en: 'the request for material (the answer clock pauses meanwhile)',
    },
    source: {
      zh: 'xiufu 默认值，参照《中华人民共和国行政复议法》第三十一条、第八十八条（补正申请材料十个工作日）类推；未经核实',
      en: 'xiufu default, by analogy with Administrative Review Law arts. 31, 88 (10 working days to supplement an application); unverified',
    },
    verified: false,
    note: {
      zh: '没有法律法规规定公共信用信息异议中补充材料的期限。',
      en: 'No statute sets a period for material asked for in an objection to public credit information.',
    },
  },
  // Re-examination (复核): no rule of its own was read; its clocks borrow 行政复议法's.
  'review.accept': {
    limit: 5,
    unit: 'working',
    countsFrom: { zh: '收到申请之日（期满未答复视为受理）', en: 'receipt of the request (silence means accepted)' },
    source: {
      zh: '未查阅到复核规定：借用《中华人民共和国行政复议法》第三十条、第八十八条',
      en: 'no re-examination rule read: borrowed from Administrative Review Law arts. 30, 88',
    },
    verified: false,
  },
  'review.material': {
    limit: 10,
    unit: 'working',
    countsFrom: {
      zh: '要求补正材料之日（逾期视为撤回）',
      en: 'the request for missing material (else deemed withdrawn)',
    },
    source: {
      zh: '未查阅到复核规定：借用《中华人民共和国行政复议法》第三十一条、第八十八条',
      en: 'no re-examination rule read: borrowed from Administrative Review Law arts. 31, 88',
    },
    verified: false,
  },
  'review.decide': {
    limit: 60,
    unit: 'calendar',
    countsFrom: { zh: '受理申请之日', en: 'acceptance of the request' },
    source: {
      zh: '未查阅到复核规定：借用《中华人民共和国行政复议法》第六十二条（可延长一次，最长三十日）',
      en: 'no re-examination rule read: borrowed from Administrative Review Law art. 62 (one extension of up to 30 days)',
    },
    verified: false,
  },
  // Administrative review (行政复议), decided by the review body (行政复议法 2023).
  'administrativeReview.accept': {
    limit: 5,
    unit: 'working',
    countsFrom: {
      zh: '收到申请之日；期满未作处理的，于期满之日视为受理',
      en: 'receipt of the application; silence: accepted on the day the period ends',
    },
    source: {
      zh: '《中华人民共和国行政复议法》（2023年修订）第三十条、第八十八条',
      en: 'Administrative Review Law (2023) arts. 30, 88',
    },
    verified: true,
  },
  'administrativeReview.supplement': {
    limit: 10,
    unit: 'working',
    countsFrom: {
      zh: '收到一次性补正通知之日（逾期视为放弃）',
      en: 'receipt of the one notice to supplement (else deemed withdrawn)',
    },
    source: {
      zh: '《中华人民共和国行政复议法》（2023年修订）第三十一条、第八十八条',
      en: 'Administrative Review Law (2023) arts. 31, 88',
    },
    verified: true,
  },
  'administrativeReview.answer': {
    limit: 10,
    unit: 'calendar',
    countsFrom: { zh: '被申请人收到申请书副本之日', en: 'the respondent’s receipt of the copy of the application' },
    source: {
      zh: '《中华人民共和国行政复议法》（2023年修订）第四十八条',
      en: 'Administrative Review Law (2023) art. 48',
    },
    verified: true,
    note: {
      zh: '简易程序为五日（第五十四条），本系统不跟踪。',
      en: 'Simplified procedure: 5 days (art. 54), not tracked here.',
    },
  },
  // No rule: the answer's 10 days run from the respondent's receipt (art. 48), so the review body
  // must put the date of service on record; this reminder says when that is overdue.
  'administrativeReview.service': {
    limit: 10,
    unit: 'calendar',
    countsFrom: {
      zh: '自向被申请人发送副本之日起，至登记其收到之日止',
      en: 'the sending of the copy to the respondent, until its receipt is recorded',
    },
    source: {
      zh: '无法定期限：答复期限自被申请人收到副本之日起计算（《中华人民共和国行政复议法》第四十八条），本期限仅为提醒登记送达日期（系统默认值，未经核实）',
      en: 'no statutory period: the answer counts from the respondent’s receipt of the copy (Administrative Review Law art. 48); this is only a reminder to record the service date (xiufu’s default, unverified)',
    },
    verified: false,
  },
  'administrativeReview.decide': {
    limit: 60,
    unit: 'calendar',
    countsFrom: { zh: '受理申请之日', en: 'acceptance of the application' },
    source: {
      zh: '《中华人民共和国行政复议法》（2023年修订）第六十二条（经复议机关负责人批准，可延长一次，最长三十日）',
      en: 'Administrative Review Law (2023) art. 62 (extendable once by up to 30 days, with the head’s approval)',
    },
    verified: true,
  },
  'correction.apply': {
    limit: 3,
    unit: 'working',
    countsFrom: { zh: '认定信息有误之日', en: 'the decision that the record is wrong' },
    source: {
      zh: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（2017）第十二条，类推适用',
      en: 'SPC Provisions on the List of Dishonest Judgment Debtors (2017) art. 12, applied by analogy',
    },
    verified: false,
    note: {
      zh: '未核实到更正公共信用信息的全国性一般期限。',
      en: 'No general national limit for correcting public credit information was verified.',
    },
  },
  'repair.decide': {
    limit: 3,
    unit: 'working',
    countsFrom: { zh: '收到完整申请材料之日', en: 'receipt of a complete application' },
    source: {
      zh: '国办发〔2025〕22号（地方条例未规定时的全国默认期限）',
      en: 'State Council General Office 2025 No. 22 (the national default where the local regulation sets none)',
    },
    verified: true,
  },
  'repair.report': {
    limit: 10,
    unit: 'working',
    countsFrom: { zh: '提出修复申请之日', en: 'the repair application' },
    source: {
      zh: '国办发〔2025〕22号（“信用中国”网站十个工作日内反馈结果）',
      en: 'State Council General Office 2025 No. 22 (Credit China reports the result within 10 working days)',
    },
    verified: true,
  },
  // ---- repair: the applicant's period to supply material (no national number found) ----
  'repair.material': {
    limit: 10,
    unit: 'working',
    countsFrom: { zh: '信用中心要求补充材料之日', en: 'the credit center’s request for material' },
    source: {
      zh: 'xiufu 默认值：国办发〔2025〕22号和国家发展改革委令第36号均未规定；参照《行政复议法》第三十一条补正材料期限取十个工作日',
      en: 'xiufu default: no period found in State Council General Office 2025 No. 22 or NDRC Order No. 36; 10 working days as the Administrative Review Law art. 31 gives for supplementing',
    },
    verified: false,
  },
  'explanation.moderate': {
    limit: 5,
    unit: 'working',
    countsFrom: { zh: '收到声明之日', en: 'receipt of the statement' },
    source: { zh: 'xiufu 默认值：未找到法定期限', en: 'xiufu default: no statutory limit found' },
    verified: false,
  },
  ...referralDeadlines(),
  // 行政处罚法 art. 66 lets the deciding organ approve a deferral or instalments but sets no
  // period for deciding; none was found in a national text. 20 working days rests on the
  // general period for an organ to decide an application (行政许可法 arts. 42, 82), by analogy.
  'deferral.decide': {
    limit: 20,
    unit: 'working',
    countsFrom: { zh: '收到申请之日', en: 'receipt of the application' },
    source: {
      zh: '《中华人民共和国行政处罚法》第六十六条（未规定期限）；二十个工作日参照《中华人民共和国行政许可法》第四十二条、第八十二条类推；未经核实',
      en: 'Administrative Penalty Law art. 66 (no period set); 20 working days by analogy to Administrative Licensing Law arts. 42, 82; unverified',
    },
    verified: false,
    note: {
      zh: '未找到决定延期的全国性期限：可配置的默认值。',
      en: 'No national period for deciding a deferral was found: a configurable default.',
    },
  },
  // The due date is the schedule's, not a count: the limit is set per instalment when the case
  // enters the state (a last day that is a holiday moves to the next working day, 民法典 art. 203).
  'deferral.instalment': {
    limit: 0,
    unit: 'calendar',
    countsFrom: {
      zh: '机关批准的分期计划中每期的到期日',
      en: "each instalment's due date in the schedule the agency granted",
    },
    source: {
      zh: '《中华人民共和国行政处罚法》第六十六条（作出决定的机关批准的期限）；《中华人民共和国民法典》第二百零一条至第二百零三条',
      en: 'Administrative Penalty Law art. 66 (the schedule the deciding organ approves); Civil Code arts. 201–203',
    },
    verified: true,
    note: {
      zh: '不按天数计算：每期于机关批准之日的二十四时到期（遇法定节假日顺延至下一个工作日）。',
      en: 'No count of days: each instalment falls due at 24:00 of the date the agency granted (a holiday moves it to the next working day).',
    },
    warnBeforeDays: 3,
  },
};

/**
 * The forums' own limits for a referral (src/domain/forums.ts), the same in every profile: they
 * are the court's and the credit-reporting regulation's, not the platform's. The clock runs from
 * the day xiufu sent the referral, which is the earliest the forum can have received it.
 */
function referralDeadlines(): Partial<Record<DeadlineKey, DeadlineRule>> {
  return {
    'referral.court': {
      limit: 15,
      unit: 'calendar',
      countsFrom: {
        zh: '转交执行法院之日（法院收到书面申请之日）',
        en: 'the referral to the enforcing court (its receipt of the written application)',
      },
      source: {
        zh: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（2017）第十二条（十五日内审查）',
        en: 'SPC Provisions on the List of Dishonest Judgment Debtors (2017) art. 12 (review within 15 days)',
      },
      verified: true,
      note: {
        zh: '申请理由成立的，法院在审查后三个工作日内更正。',
        en: 'Where the application is well founded, the court corrects within 3 working days of its review.',
      },
    },
    'referral.creditReport': {
      limit: 20,
      unit: 'calendar',
      countsFrom: {
        zh: '转交征信机构或者信息提供者之日（其收到异议之日）',
        en: 'the referral to the credit-reporting agency or data provider (its receipt of the objection)',
      },
      source: {
        zh: '《征信业管理条例》第二十五条（收到异议即作标注，二十日内核查处理并书面答复）',
        en: 'Regulation on the Administration of the Credit Reporting Industry art. 25 (mark on receipt; verify and answer in writing within 20 days)',
      },
      verified: true,
    },
  };
}

// --- National rules, one set per change of the law (issue 15 item 4) ---

/** What every national rule set shares: credit-report keeping, repair routes, review windows. */
const sharedRules: Omit<PolicyRules, 'displayPeriods' | 'displayPeriodStart' | 'unperformedAtMaximum'> = {
  // 征信业管理条例 art. 16: 不良信息的保存期限，自不良行为或者事件终止之日起为5年; then deleted.
  creditReportKeeping: {
    keptMonths: 60,
    source: {
      zh: '《征信业管理条例》第十六条（自不良行为终止之日起保存五年，期满删除；不予公示，第十六条至第十八条）',
      en: 'Regulation on the Administration of the Credit Reporting Industry art. 16 (kept 5 years from the end of the conduct, then deleted; never published, arts. 16–18)',
    },
  },
  repair: {
    repairableKinds: ['administrative_penalty', 'serious_list_entry', 'other_dishonesty'],
    routes: {
      performance: {
        enabled: true,
        threshold: 1,
        unit: 'performed',
        source: {
          zh: '《信用修复管理办法》（国家发展改革委令第36号）（纠正失信行为、履行义务）',
          en: 'NDRC Order No. 36 (conduct corrected, obligations performed)',
        },
      },
      volunteering: {
        enabled: false,
        threshold: 20,
        unit: 'hours',
        source: {
          zh: '国办发〔2016〕98号第四部分第（三）项提出探索；无全国标准',
          en: 'State Council General Office 2016 No. 98 part 4(3) asks to explore it; no national threshold',
        },
      },
      donation: {
        enabled: false,
        threshold: 1000,
        unit: 'CNY',
        source: {
          zh: '国办发〔2016〕98号第四部分第（三）项提出探索；无全国标准',
          en: 'State Council General Office 2016 No. 98 part 4(3) asks to explore it; no national threshold',
        },
      },
    },
    commitmentLetterRequired: true,
    banAfterFalseMaterialMonths: {
      value: 36,
      source: {
        zh: '国家发展改革委令第58号、第36号：提供虚假材料的，一定期限内不予修复（三年，未经核实）',
        en: 'NDRC Orders No. 58 and 36: false material bars repair for a period (3 years, unverified)',
      },
      verified: false,
    },
  },
  correction: { approvalForClasses: ['serious'] },
  // Re-examination (复核): no national rule providing an internal re-examination of a decision on
  // public credit information was found; the remedies are 行政复议 and 行政诉讼 (src/domain/remedies.ts).
  review: {
    offered: {
      value: false,
      source: {
        zh: '未找到规定信用决定复核的全国性规则；救济途径：行政复议、行政诉讼',
        en: 'no national rule provides re-examination of a credit decision; the remedies are administrative review and litigation',
      },
      verified: false,
    },
    applicationWindowDays: {
      value: 60,
      source: {
        zh: '未读到复核规则：借用《行政复议法》第二十条第一款的六十日',
        en: 'no re-examination rule read: the 60 days of the Administrative Review Law art. 20(1), borrowed',
      },
      verified: false,
    },
    extensionDays: {
      value: 30,
      source: {
        zh: '未读到复核规则：借用《行政复议法》第六十二条的三十日',
        en: 'no re-examination rule read: the 30 days of the Administrative Review Law art. 62, borrowed',
      },
      verified: false,
    },
  },
};

/**
 * NDRC Order No. 58 (2023-05-01, trial): administrative-penalty information involving general
 * or serious dishonest conduct. The three classes of 22号 did not exist yet: a record classed
 * minor is held to the general periods. Periods count from the penalty decision as published.
 */
const order58Rules: PolicyRules = {
  ...sharedRules,
  repair: {
    ...sharedRules.repair,
    routes: {
      ...sharedRules.repair.routes,
      performance: {
        ...sharedRules.repair.routes.performance,
        source: {
          zh: '国家发展改革委令2023年第58号（失信行为已纠正、义务已履行）',
          en: 'NDRC Order No. 58 (conduct corrected, obligations performed)',
        },
      },
    },
  },
  displayPeriods: {
    minor: {
      published: true,
      minimumMonths: 3,
      maximumMonths: 12,
      source: {
        zh: '国家发展改革委令第58号未设轻微一类（国办发〔2025〕22号于2025年设立）：按一般类期限处理（未经核实）',
        en: 'NDRC Order No. 58 knows no minor class (State Council General Office 2025 No. 22 made it in 2025): held to the general periods (unverified)',
      },
    },
    general: {
      published: true,
      minimumMonths: 3,
      maximumMonths: 12,
      source: {
        zh: '国家发展改革委令2023年第58号（一般失信行为：三个月至一年，同发改办财金〔2019〕527号；未经核实）',
        en: 'NDRC Order No. 58 (general dishonest conduct: 3 months to 1 year, as NDRC General Office 2019 No. 527; unverified)',
      },
    },
    serious: {
      published: true,
      minimumMonths: 12,
      maximumMonths: 36,
      source: {
        zh: '国家发展改革委令2023年第58号（严重失信行为：一年至三年；此前最短六个月，527号；未经核实）',
        en: 'NDRC Order No. 58 (serious dishonest conduct: 1 to 3 years; 6 months minimum before it, No. 527; unverified)',
      },
    },
  },
  displayPeriodStart: {
    from: 'publication',
    source: {
      zh: '在第58号令下 xiufu 自公示之日起计算（未查阅原文；527号自决定之日起计算）',
      en: 'xiufu counts from publication under Order No. 58 (the text was not read; No. 527 counted from the decision)',
    },
    verified: false,
  },
  unperformedAtMaximum: {
    byKind: { administrative_penalty: 'expire', serious_list_entry: 'expire', other_dishonesty: 'expire' },
    source: {
      zh: '发改办财金〔2019〕527号：公示期满，网站撤下该信息',
      en: 'NDRC General Office 2019 No. 527: at the maximum period the website takes the information down',
    },
    verified: false,
  },
};

/** 国办发〔2025〕22号 (2025-06-22): three classes, minor publication optional and short. */
const directive22Rules: PolicyRules = {
  ...order58Rules,
  displayPeriods: {
    minor: {
      published: true,
      minimumMonths: 0,
      maximumMonths: 3,
      source: {
        zh: '国办发〔2025〕22号第二项（轻微失信信息可不公示；公示的，最长三个月）',
        en: 'State Council General Office 2025 No. 22 item 2 (minor: may be unpublished; if published, at most 3 months)',
      },
    },
    general: {
      published: true,
      minimumMonths: 3,
      maximumMonths: 12,
      source: { zh: '国办发〔2025〕22号第二项', en: 'State Council General Office 2025 No. 22 item 2' },
    },
    serious: {
      published: true,
      minimumMonths: 12,
      maximumMonths: 36,
      source: { zh: '国办发〔2025〕22号第二项', en: 'State Council General Office 2025 No. 22 item 2' },
    },
  },
};

/**
 * NDRC Order No. 36 信用修复管理办法 (2026-04-01): minor information is in principle not
 * published; periods count from the day of the finding in the judicial or administrative
 * document; at the maximum an unperformed obligation follows the department's own rules.
 * Read in press copies of the text (2025-11-26), not in the official gazette.
 */
const order36Rules: PolicyRules = {
  ...sharedRules,
  displayPeriods: {
    minor: {
      published: false,
      minimumMonths: 0,
      maximumMonths: 3,
      source: {
        zh: '《信用修复管理办法》（国家发展改革委令第36号）（轻微失信信息原则上不予公示；部门认为确需公示的，最长三个月，履行义务后可修复）',
        en: 'NDRC Order No. 36 (minor dishonesty information is in principle not published; where a department finds it necessary, at most 3 months, repairable once the duty is performed)',
      },
    },
    general: {
      published: true,
      minimumMonths: 3,
      maximumMonths: 12,
      source: {
        zh: '《信用修复管理办法》（国家发展改革委令第36号）（一般：三个月至一年）；国办发〔2025〕22号第二项',
        en: 'NDRC Order No. 36 (general: 3 months to 1 year); State Council General Office 2025 No. 22 item 2',
      },
    },
    serious: {
      published: true,
      minimumMonths: 12,
      maximumMonths: 36,
      source: {
        zh: '《信用修复管理办法》（国家发展改革委令第36号）（严重：一年至三年）；国办发〔2025〕22号第二项',
        en: 'NDRC Order No. 36 (serious: 1 to 3 years); State Council General Office 2025 No. 22 item 2',
      },
    },
  },
  displayPeriodStart: {
    from: 'finding',
    source: {
      zh: '《信用修复管理办法》（国家发展改革委令第36号）（公示期限自司法、行政公务文书认定之日起开始计算）',
      en: 'NDRC Order No. 36 (the display period counts from the date of the finding in the judicial or administrative document)',
    },
    verified: true,
  },
  unperformedAtMaximum: {
    // Which way each department's rules go is the deployment's record of them: a serious-list
    // entry is removed only once its duty is performed; a penalty or other finding stops at the maximum.
    byKind: {
      administrative_penalty: 'expire',
      serious_list_entry: 'stay_until_performed',
      other_dishonesty: 'expire',
    },
    source: {
      zh: '《信用修复管理办法》（国家发展改革委令第36号）（达到最长公示期但未……完全履行相关义务的，按照行业主管部门有关规定执行）；各类别的选择记录这些部门的规定（未经核实）',
      en: 'NDRC Order No. 36 (a record at its maximum period whose duty is not fully performed follows the rules of the sector’s department); the choice per kind records those departments’ rules (unverified)',
    },
    verified: false,
  },
};

const demoRules: PolicyRules = {
  ...order36Rules,
  review: {
    ...order36Rules.review,
    offered: {
      value: true,
      source: {
        zh: '演示规则：为试用 xiufu 提供复核，地方规则可作此规定',
        en: 'demo policy: re-examination offered for trying xiufu, as a local rule may provide it',
      },
      verified: false,
    },
  },
  repair: {
    ...order36Rules.repair,
    routes: {
      performance: order36Rules.repair.routes.performance,
      volunteering: {
        enabled: true,
        threshold: 20,
        unit: 'hours',
        source: {
          zh: '演示规则：经登记的志愿服务组织证明的二十小时',
          en: 'demo policy: 20 hours certified by a registered volunteer organisation',
        },
      },
      donation: {
        enabled: true,
        threshold: 1000,
        unit: 'CNY',
        source: { zh: '演示规则：向登记的慈善组织捐赠一千元', en: 'demo policy: CNY 1,000 to a registered charity' },
      },
    },
  },
};

const order58Deadlines: Partial<Record<DeadlineKey, DeadlineRule>> = {
  ...commonDeadlines,
  'objection.answer': nationalObjection,
  'repair.decide': {
    limit: 3,
    unit: 'working',
    countsFrom: { zh: '收到完整申请材料之日', en: 'receipt of a complete application' },
    source: {
      zh: '国家发展改革委令第58号下的地方指引（该数字依据其后的22号文；未经核实）',
      en: 'local guidance under NDRC Order No. 58 (the number rests on the later No. 22 rule; unverified)',
    },
    verified: false,
    note: {
      zh: '情况复杂的可以延长；延长时长未经核实。',
      en: 'Extendable for complex cases; the length of the extension is unverified.',
    },
    extension: nationalRepairExtension,
  },
  'repair.report': {
    limit: 10,
    unit: 'working',
    countsFrom: { zh: '提出修复申请之日', en: 'the repair application' },
    source: {
      zh: '国家发展改革委令第58号时期的做法（该数字依据其后的22号文；未经核实）',
      en: 'NDRC Order No. 58 era practice (the number rests on the later No. 22 rule; unverified)',
    },
    verified: false,
  },
};

const directive22Deadlines: Partial<Record<DeadlineKey, DeadlineRule>> = {
  ...commonDeadlines,
  'objection.answer': nationalObjection,
  'repair.decide': {
    limit: 3,
    unit: 'working',
    countsFrom: { zh: '收到完整申请材料之日', en: 'receipt of a complete application' },
    source: {
      zh: '国办发〔2025〕22号（地方条例未规定时的全国默认期限）',
      en: 'State Council General Office 2025 No. 22 (the national default where the local regulation sets none)',
    },
    verified: true,
    note: {
      zh: '情况复杂的可以延长；延长时长未经核实。',
      en: 'Complex cases may be extended; the length of the extension is unverified.',
    },
    extension: nationalRepairExtension,
  },
};

const order36Deadlines: Partial<Record<DeadlineKey, DeadlineRule>> = {
  ...directive22Deadlines,
  'repair.decide': {
    limit: 3,
    unit: 'working',
    countsFrom: { zh: '收到完整申请材料之日', en: 'receipt of a complete application' },
    source: {
      zh: '国办发〔2025〕22号；《信用修复管理办法》（国家发展改革委令第36号）',
      en: 'State Council General Office 2025 No. 22; NDRC Order No. 36',
    },
    verified: true,
    note: {
      zh: '情况复杂的可以延长；延长时长未经核实。',
      en: 'Complex cases may be extended; the length of the extension is unverified.',
    },
    extension: nationalRepairExtension,
  },
};

/** The national rule sets by the date each took effect, for the local profiles to follow. */
const nationalEras = [
  {
    from: '2023-05-01',
    rules: order58Rules,
    deadlines: order58Deadlines,
    basis: { zh: '国家发展改革委令2023年第58号', en: 'NDRC Order No. 58' },
  },
  {
    from: '2025-06-22',
    rules: directive22Rules,
    deadlines: directive22Deadlines,
    basis: { zh: '国办发〔2025〕22号', en: 'State Council General Office 2025 No. 22' },
  },
  {
    from: '2026-04-01',
    rules: order36Rules,
    deadlines: order36Deadlines,
    basis: { zh: '国家发展改革委令2025年第36号', en: 'NDRC Order No. 36' },
  },
] as const;

/**
 * A local profile's versions: one from its own regulation's date under the national rules then
 * in force (Order 58's where it is older), and one at each later national change. Its own limits
 * replace the national ones throughout.
 */
function localVersions(profile: {
  jurisdiction: Jurisdiction;
  effectiveFrom: string;
  title: Citation;
  sources: { text: Citation; verified: boolean }[];
  deadlines: Partial<Record<DeadlineKey, DeadlineRule>>;
  supersedes: string;
}): PolicyVersion[] {
  const eras = nationalEras.filter((_era, i) => {
    const next = nationalEras[i + 1];
    return !next || next.from > profile.effectiveFrom;
  });
  return eras.map((era, i) => {
    const from = i === 0 ? profile.effectiveFrom : era.from;
    return {
      id: `${profile.jurisdiction}-${from}`,
      jurisdiction: profile.jurisdiction,
      effectiveFrom: from,
      title: {
        zh: `${profile.title.zh}；全国规则：${era.basis.zh}`,
        en: `${profile.title.en}; national rules: ${era.basis.en}`,
      },
      sources: [
        ...profile.sources,
        {
          text: {
            zh: `全国规则：${era.basis.zh}（自${era.from}起）`,
            en: `national rules: ${era.basis.en} (from ${era.from})`,
          },
          verified: true,
        },
      ],
      ...(i === 0 ? { supersedes: [profile.supersedes] } : {}),
      rules: {
        ...era.rules,
        review: {
          ...era.rules.review,
          offered: {
            value: false,
            source: {
              zh: `${profile.title.zh}中未找到复核规定（未通读全文；未经核实）`,
              en: `no re-examination provision found in the ${profile.title.en} as far as read (not read in full; unverified)`,
            },
            verified: false,
          },
        },
      },
      deadlines: { ...era.deadlines, ...profile.deadlines },
    };
  });
}

export const policyVersions: readonly PolicyVersion[] = [
  {
    id: 'national-2023-05-01',
    jurisdiction: 'national',
    effectiveFrom: '2023-05-01',
    title: {
      zh: '全国：《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）和《征信业管理条例》',
      en: 'National: NDRC Order No. 58 (2023, trial) and the Credit Reporting Regulation',
    },
    sources: [
      {
        text: {
          zh: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号），2023年5月1日起施行',
          en: 'NDRC Order No. 58, Measures for Repairing Credit Information after Dishonest Conduct Is Corrected (trial), in force 2023-05-01',
        },
        verified: true,
      },
    ],
    supersedes: ['national-2023-order58'],
    rules: order58Rules,
    deadlines: order58Deadlines,
  },
  {
    id: 'national-2025-06-22',
    jurisdiction: 'national',
    effectiveFrom: '2025-06-22',
    title: {
      zh: '全国：国办发〔2025〕22号（分类和时限）、国家发展改革委令第58号和《征信业管理条例》',
      en: 'National: State Council General Office 2025 No. 22 (classes and deadlines), NDRC Order No. 58 and the Credit Reporting Regulation',
    },
    sources: [
      {
        text: {
          zh: '国办发〔2025〕22号《关于进一步完善信用修复制度的实施方案》（日期据项目研究，未查阅原文；未经核实）',
          en: 'State Council General Office 2025 No. 22, implementation plan for improving credit repair (date from our research; text not read; unverified)',
        },
        verified: false,
      },
    ],
    rules: directive22Rules,
    deadlines: directive22Deadlines,
  },
  {
    id: 'national-2026-04-01',
    jurisdiction: 'national',
    effectiveFrom: '2026-04-01',
    title: {
      zh: '全国：《信用修复管理办法》（国家发展改革委令2025年第36号）和《征信业管理条例》',
      en: 'National: the Credit Repair Measures (NDRC Order No. 36) and the Credit Reporting Regulation',
    },
    sources: [
      {
        text: {
          zh: '《信用修复管理办法》（国家发展改革委令2025年第36号），2025年11月20日公布，2026年4月1日起施行（据新闻转载文本）',
          en: 'NDRC Order No. 36, Credit Repair Measures, promulgated 2025-11-20, in force 2026-04-01 (press copies of the text)',
        },
        verified: true,
      },
    ],
    supersedes: ['national-2026-order36'],
    rules: order36Rules,
    deadlines: order36Deadlines,
  },
  ...localVersions({
    jurisdiction: 'shanghai',
    effectiveFrom: '2017-10-01',
    title: { zh: '《上海市社会信用条例》', en: 'Shanghai Social Credit Regulation' },
    sources: [
      {
        text: {
          zh: '《上海市社会信用条例》，2017年10月1日起施行',
          en: 'Shanghai Social Credit Regulation, in force 2017-10-01',
        },
        verified: true,
      },
    ],
    supersedes: 'shanghai-2017',
    deadlines: {
      'objection.answer': {
        limit: 5,
        unit: 'working',
        countsFrom: {
          zh: '收到异议之日（一个工作日内标注）',
          en: 'receipt of the objection (mark within 1 working day)',
        },
        source: { zh: '《上海市社会信用条例》第三十六条', en: 'Shanghai Social Credit Regulation art. 36' },
        verified: true,
      },
    },
  }),
  ...localVersions({
    jurisdiction: 'shenzhen',
    effectiveFrom: '2023-03-01',
    title: { zh: '《深圳经济特区社会信用条例》', en: 'Shenzhen Special Economic Zone Social Credit Regulation' },
    sources: [
      {
        text: {
          zh: '《深圳经济特区社会信用条例》，2022年12月29日通过（此前配置的2022年3月1日早于通过日期）；据项目研究2023年3月1日起施行，未查阅施行条款（未经核实）',
          en: 'Shenzhen Special Economic Zone Social Credit Regulation, passed 2022-12-29 (the earlier profile’s 2022-03-01 precedes its passing); in force 2023-03-01 per our research, the commencement article was not read (unverified)',
        },
        verified: false,
      },
    ],
    supersedes: 'shenzhen-2022',
    deadlines: {
      'objection.answer': {
        limit: 3,
        unit: 'working',
        countsFrom: {
          zh: '收到异议之日（平台一个工作日内核查，认定单位两个工作日内决定）',
          en: 'receipt of the objection (platform checks in 1, agency decides in 2)',
        },
        source: {
          zh: '《深圳经济特区社会信用条例》第五十一条',
          en: 'Shenzhen Special Economic Zone Social Credit Regulation art. 51',
        },
        verified: true,
        note: { zh: '认定单位可以延长三个工作日。', en: 'The agency may extend by 3 working days.' },
      },
      'repair.decide': {
        limit: 3,
        unit: 'working',
        countsFrom: { zh: '收到申请之日', en: 'receipt of the application' },
        source: {
          zh: '《深圳经济特区社会信用条例》第八十二条',
          en: 'Shenzhen Special Economic Zone Social Credit Regulation art. 82',
        },
        verified: true,
        note: { zh: '可以延长三个工作日。', en: 'Extendable by 3 working days.' },
        extension: shenzhenRepairExtension,
      },
    },
  }),
  ...localVersions({
    jurisdiction: 'zhejiang',
    effectiveFrom: '2018-01-01',
    title: { zh: '《浙江省公共信用信息管理条例》', en: 'Zhejiang Public Credit Information Regulation' },
    sources: [
      {
        text: {
          zh: '《浙江省公共信用信息管理条例》，2018年1月1日起施行',
          en: 'Zhejiang Public Credit Information Regulation, in force 2018-01-01',
        },
        verified: true,
      },
    ],
    supersedes: 'zhejiang-2018',
    deadlines: {
      'objection.answer': {
        limit: 5,
        unit: 'working',
        countsFrom: { zh: '收到异议之日', en: 'receipt of the objection' },
        source: {
          zh: '《浙江省公共信用信息管理条例》第三十一条',
          en: 'Zhejiang Public Credit Information Regulation art. 31',
        },
        verified: true,
        note: {
          zh: '需要核查的，最长不超过二十个工作日。',
          en: 'At most 20 working days where verification needs it.',
        },
      },
      'repair.decide': {
        ...order36Deadlines['repair.decide']!,
        note: {
          zh: '需要核查的，合计最长可延至二十个工作日（未经核实）。',
          en: 'Extendable to at most 20 working days in all where verification needs it (unverified).',
        },
        extension: zhejiangRepairExtension,
      },
    },
  }),
  {
    id: 'demo-2026-04-01',
    jurisdiction: 'demo',
    effectiveFrom: '2026-04-01',
    title: {
      zh: '演示：国家发展改革委令第36号下的全国规则，并开启志愿服务和慈善捐助修复途径',
      en: 'Demo: the national rules of NDRC Order No. 36 with volunteering and donation switched on',
    },
    supersedes: ['demo-2026'],
    rules: demoRules,
    deadlines: order36Deadlines,
  },
];
// --- end of national rules ---

/**
 * What is wrong with a policy document, checked on the shipped versions (test/unit) and on
 * every stored document before it is written or used: a document is JSON and may come from an
 * older release. Credit-report kinds may appear in no publication rule, under any key.
 */
export function explainPolicyProblems(version: { id?: string; rules?: unknown }): string[] {
  const problems: string[] = [];
  const rules = (version.rules ?? {}) as Record<string, unknown>;
  const keeping = rules.creditReportKeeping as Record<string, unknown> | undefined;
  if (!keeping || typeof keeping.keptMonths !== 'number')
    problems.push('rules.creditReportKeeping.keptMonths is missing');
  if (keeping && 'published' in keeping)
    problems.push(
      'rules.creditReportKeeping may not say "published": credit-report information is never published (征信业管理条例 arts. 16–18)',
    );
  for (const [key, value] of Object.entries(rules)) {
    if (key === 'creditReportKeeping' || typeof value !== 'object' || value === null) continue;
    for (const kind of creditReportKinds) {
      if (kind in value)
        problems.push(
          `rules.${key}.${kind}: credit-report information is never published (征信业管理条例 arts. 16–18)`,
        );
    }
  }
  return problems;
}

/** The document, if it passes explainPolicyProblems; a bad one is a server error, never used. */
export function checkedPolicyVersion<T extends { id: string; rules?: unknown }>(version: T): T {
  const problems = explainPolicyProblems(version);
  if (problems.length > 0) throw new Error(`Policy ${version.id} is refused: ${problems.join('; ')}.`);
  return version;
}

/** The rule set in force for a jurisdiction at a moment (China-time date). */
export function policyInForce(
  jurisdiction: Jurisdiction,
  at: Date,
  versions: readonly PolicyVersion[] = policyVersions,
): PolicyVersion {
  const day = chinaDateOf(at);
  const version = versionOn(jurisdiction, day, versions);
  // A deployment without a policy for today is misconfigured: a server error, not the user's.
  if (!version) throw new Error(`No ${jurisdiction} policy is in force on ${day}.`);
  return version;
}

/** The version of a jurisdiction in force on a China-time day (YYYY-MM-DD), if any. */
function versionOn(
  jurisdiction: Jurisdiction,
  day: string,
  versions: readonly PolicyVersion[],
): PolicyVersion | undefined {
  // A superseded version stays stored for the cases opened under it; new cases take its successor.
  const superseded = new Set(versions.flatMap((v) => v.supersedes ?? []));
  return versions
    .filter((v) => v.jurisdiction === jurisdiction && v.effectiveFrom <= day && !superseded.has(v.id))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

// ---- The rules of a record's display: those in force at its finding (review item 3) ----

/**
 * Why a record's display period follows the version in force on the day of its finding (认定之日),
 * not today's: rules do not reach back (立法法 art. 104) and no transitional article of Order 36
 * was read. A choice, marked unverified; the record page shows it with the version.
 */
export const rulesAtFindingBasis: { source: Citation; verified: boolean } = {
  source: {
    zh: '《中华人民共和国立法法》（2023年修正）第一百零四条：规章不溯及既往，但为了更好地保护公民、法人和其他组织的权利和利益而作的特别规定除外；未查阅到《信用修复管理办法》（国家发展改革委令第36号）的过渡条款，故记录按认定之日施行的规则计算公示期（xiufu 的选择；条文未在此查阅，未经核实）',
    en: 'Legislation Law (2023) art. 104: rules do not reach back, except special provisions made to better protect the rights and interests of citizens and organisations; no transitional article of NDRC Order No. 36 was read, so a record’s display period follows the rules in force on the day of its finding (xiufu’s choice; the article was not read here, unverified)',
  },
  verified: false,
};

/** The rules a record's display follows, and on what day and by which step they were chosen. */
export interface PolicyAtFinding {
  version: PolicyVersion;
  /** The day of the finding (认定之日): the decision date, or publication where none was recorded. */
  foundOn: string;
  /**
   * How the version was found: the jurisdiction's own in force that day; the national one (a
   * local profile or the demo starts later than the finding); or the earliest national version,
   * for a finding before any version held here (the rules before it are not encoded).
   */
  by: 'jurisdiction' | 'national' | 'earliest';
}

export function policyAtFinding(
  jurisdiction: Jurisdiction,
  record: { decisionDate?: string | null; publishedFrom: string },
  versions: readonly PolicyVersion[] = policyVersions,
): PolicyAtFinding {
  const foundOn = record.decisionDate ?? record.publishedFrom;
  const own = versionOn(jurisdiction, foundOn, versions);
  if (own) return { version: own, foundOn, by: 'jurisdiction' };
  const national = versionOn('national', foundOn, versions);
  if (national) return { version: national, foundOn, by: 'national' };
  const superseded = new Set(versions.flatMap((v) => v.supersedes ?? []));
  const earliest = versions
    .filter((v) => v.jurisdiction === 'national' && !superseded.has(v.id))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  if (!earliest) throw new Error('No national policy version is held.');
  return { version: earliest, foundOn, by: 'earliest' };
}

// ---- Stored versions read against the shipped ones (issue 15 review, item 4) ----
// A stored version is immutable for the cases that run under it. What a later release added to
// the same version (a deadline key such as repair.material, the referral or 行政复议 clocks) is
// read from the shipped version of that id, or the one that superseded it: the one mechanism for
// missing keys. SQL migrations do not patch stored documents for this (they would copy policy
// content into a second place, written once and going stale: docs/ARCHITECTURE.md says more).

/**
 * The shipped version a stored one is read against for what a later release added: the one of
 * its id, or the one that superseded it (a stored version is immutable).
 */
export function shippedVersionOf(
  version: Pick<PolicyVersion, 'id'>,
  shipped: readonly PolicyVersion[] = policyVersions,
): PolicyVersion | undefined {
  return shipped.find((v) => v.id === version.id) ?? shipped.find((v) => v.supersedes?.includes(version.id));
}

export function deadlineRuleOf(version: PolicyVersion, key: DeadlineKey): DeadlineRule {
  const rule = version.deadlines[key] ?? shippedVersionOf(version)?.deadlines[key];
  if (!rule) throw new Error(`Policy ${version.id} has no deadline for ${key}.`);
  return rule;
}

/**
 * A stored version with every deadline and rule it lacks read from its shipped twin, at any depth
 * (a deadline's extension, the re-examination flag): what deadlineRuleOf does for one key, for
 * every reader. What the stored version holds is never replaced.
 */
export function completedPolicyVersion(version: PolicyVersion): PolicyVersion {
  const shipped = shippedVersionOf(version);
  if (!shipped) return version;
  return {
    ...version,
    deadlines: withMissingFrom(version.deadlines, shipped.deadlines) as PolicyVersion['deadlines'],
    rules: withMissingFrom(version.rules, shipped.rules) as PolicyRules,
  };
}

function withMissingFrom(stored: unknown, shipped: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(stored) || !isObject(shipped)) return stored;
  const filled: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(shipped))
    filled[key] = Object.hasOwn(stored, key) ? withMissingFrom(stored[key], value) : value;
  return filled;
}

/** The keys whose values a reader sees in the words of their language: citations and the words beside a number. */
const readerTextKeys = new Set(['source', 'title', 'text', 'countsFrom', 'note']);

function isCitation(value: unknown): value is Citation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Citation).zh === 'string' &&
    typeof (value as Citation).en === 'string'
  );
}

/**
 * A stored version's wording in both languages: a text an earlier release stored as a plain
 * (English) string is replaced by its shipped twin's {zh, en} where the object holding it says
 * the same as the shipped one (every number, unit and flag equal). The rules are not touched:
 * a number that differs keeps its own words. The seed writes the result (seedReferenceData).
 */
export function rewordedPolicyVersion(version: PolicyVersion): PolicyVersion {
  const shipped = shippedVersionOf(version);
  return shipped ? (rewordLike(version, shipped) as PolicyVersion) : version;
}

function rewordLike(stored: unknown, shipped: unknown): unknown {
  if (Array.isArray(stored))
    return stored.map((item, i) => rewordLike(item, Array.isArray(shipped) ? shipped[i] : undefined));
  if (typeof stored !== 'object' || stored === null || typeof shipped !== 'object' || shipped === null) return stored;
  const twin = shipped as Record<string, unknown>;
  const entries = Object.entries(stored as Record<string, unknown>);
  // The same rule: every plain value beside the texts is the shipped one's.
  const sameRule = entries.every(
    ([key, value]) => readerTextKeys.has(key) || (typeof value === 'object' && value !== null) || twin[key] === value,
  );
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      readerTextKeys.has(key) && typeof value === 'string' && sameRule && isCitation(twin[key])
        ? twin[key]
        : rewordLike(value, twin[key]),
    ]),
  );
}

/** How many days the department may add to a repair decision in a complex case (0: none), with its source. */
export function repairDecisionExtensionOf(version: PolicyVersion): SourcedNumber | null {
  const stored = version.deadlines['repair.decide']?.extension;
  return stored ?? shippedVersionOf(version)?.deadlines['repair.decide']?.extension ?? null;
}
