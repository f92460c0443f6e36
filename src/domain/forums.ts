// Which forum decides a remedy about a record, per record kind (DOMAIN.md "Which forum decides"),
// and whether the kind can be repaired here at all: part of the policy, read by the record page,
// the filings offered, the referral case and repair eligibility. It is national law (the SPC's
// rules on the court list, 征信业管理条例) and the same in every jurisdiction's policy, so it is
// one table, not a copy per policy version. Every text a user reads is a Citation: {zh, en}.
import type { Citation } from './citation.js';
import type { DeadlineKey } from './policy.js';

export { type Citation, citationIn } from './citation.js';
import type { RecordKind } from './records.js';

/**
 * Who decides an objection or correction about a record:
 * - `platform`: the department that made the finding, through the credit platform (xiufu decides
 *   with it: objection, correction);
 * - `enforcing_court`: the court that listed the debtor (SPC rules 2017 art. 12);
 * - `credit_reporting`: the credit-reporting agency or the data provider (征信业管理条例 art. 25).
 * Anything but `platform` is referred: xiufu records what was sent to whom and the answer.
 */
export const forums = ['platform', 'enforcing_court', 'credit_reporting'] as const;
export type Forum = (typeof forums)[number];
export type ReferralForum = Exclude<Forum, 'platform'>;

export interface ForumRule {
  /** The body that decides, in words. */
  decidedBy: Citation;
  /** The forum's legal limit for answering a referral, as a deadline of the policy. */
  answerDeadline: DeadlineKey | null;
  source: Citation;
  verified: boolean;
}

export const forumRules: Record<Forum, ForumRule> = {
  platform: {
    decidedBy: {
      zh: '作出认定的部门（经信用平台受理）',
      en: 'the department that made the finding, through the credit platform',
    },
    answerDeadline: null,
    source: {
      zh: '国办发〔2025〕22号（谁认定、谁修复）；本地条例的异议规定',
      en: 'State Council General Office 2025 No. 22 (whoever made the finding decides); the local regulation on objections',
    },
    verified: true,
  },
  enforcing_court: {
    decidedBy: { zh: '执行法院', en: 'the enforcing court' },
    answerDeadline: 'referral.court',
    source: {
      zh: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（2017）第十二条：执行法院自收到书面纠正申请之日起十五日内审查，理由成立的三个工作日内纠正；对驳回决定不服的，可自送达之日起十日内向上一级人民法院申请复议',
      en: 'SPC Provisions on Publishing the List of Dishonest Judgment Debtors (2017) art. 12: the enforcing court reviews a written application within 15 days and corrects within 3 working days; a refusal may be taken to the court above within 10 days of service',
    },
    verified: true,
  },
  credit_reporting: {
    decidedBy: { zh: '征信机构或信息提供者', en: 'the credit-reporting agency or the data provider' },
    answerDeadline: 'referral.creditReport',
    source: {
      zh: '《征信业管理条例》第二十五条：收到异议即作异议标注，自收到之日起二十日内核查处理并书面答复',
      en: 'Regulation on the Administration of the Credit Reporting Industry art. 25: marked on receipt, verified and answered in writing within 20 days',
    },
    verified: true,
  },
};

/** Why a kind cannot be repaired here, and where the person goes instead. */
export interface NotRepairable {
  repairable: false;
  reason: Citation;
  /** What the person can do instead. */
  instead: Citation;
  source: Citation;
  /** False where the primary text could not be read (the exclusion itself rests on Order 36 art. 2). */
  verified: boolean;
}

export interface RecordKindRule {
  forum: Forum;
  repair: { repairable: true } | NotRepairable;
  /**
   * For a kind whose period is set by another body's rules (not the class-based display period):
   * what the record page shows instead, and that no "repair from" date applies.
   */
  periodRule?: {
    text: Citation;
    source: Citation;
    verified: boolean;
    /**
     * The term the record is held for until the body says otherwise (an extension, or deletion
     * after performance, reaches xiufu as a correction); null repair-from date, always.
     */
    termMonths: number;
  };
}

/**
 * One entry per record kind (a new kind without one fails the type check). 信用修复管理办法
 * (NDRC Order No. 36, 2025) art. 2 lets laws and central policy exclude kinds from repair: the
 * court list is removed by the courts, credit-report information is kept and deleted by the
 * credit-reporting regulation.
 */
export const recordKindRules: Record<RecordKind, RecordKindRule> = {
  administrative_penalty: { forum: 'platform', repair: { repairable: true } },
  serious_list_entry: { forum: 'platform', repair: { repairable: true } },
  other_dishonesty: { forum: 'platform', repair: { repairable: true } },
  court_dishonest_debtor: {
    forum: 'enforcing_court',
    repair: {
      repairable: false,
      reason: {
        zh: '失信被执行人名单由人民法院公布和删除，不适用信用修复程序',
        en: 'The list of dishonest judgment debtors is published and removed by the courts; credit repair does not apply to it',
      },
      instead: {
        zh: '履行生效法律文书确定的义务后，执行法院应在三个工作日内删除失信信息；认为名单有误的，可向执行法院申请纠正（本系统代为转交并跟踪）',
        en: 'Once the obligation in the judgment is performed, the enforcing court deletes the entry within 3 working days; an entry you think wrong can be referred to the enforcing court for correction (xiufu sends it and follows it)',
      },
      source: {
        zh: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（2017）第十条、第十二条；《信用修复管理办法》（国家发展改革委令2025年第36号）第二条',
        en: 'SPC Provisions on the List of Dishonest Judgment Debtors (2017) arts. 10, 12; NDRC Order No. 36 (2025) art. 2',
      },
      verified: false,
    },
    periodRule: {
      text: {
        zh: '由人民法院决定：一般为二年，情节严重或有多项失信行为的可延长一至三年；因有履行能力而拒不履行被纳入的（第一条第一项），无固定期限；履行义务后由法院在三个工作日内删除。不设信用修复起始日。',
        en: 'Set by the court: generally 2 years, extendable by 1–3 years for serious or repeated conduct; an entry for refusing to perform while able to (art. 1(1)) has no fixed term; the court deletes it within 3 working days after the obligation is performed. There is no "repair from" date.',
      },
      source: {
        zh: '《最高人民法院关于公布失信被执行人名单信息的若干规定》（2017）第二条、第十条',
        en: 'SPC Provisions on the List of Dishonest Judgment Debtors (2017) arts. 2, 10',
      },
      // Art. 2 was read (the 2017 amending decision); art. 10's 3 working days only in secondary copies.
      verified: false,
      // Art. 2: two years for art. 1(2)–(6) entries. An art. 1(1) entry has no fixed term and an
      // extension is the court's: either reaches xiufu as a correction of the record's end.
      termMonths: 24,
    },
  },
  credit_report_negative: {
    forum: 'credit_reporting',
    repair: {
      repairable: false,
      reason: {
        zh: '征信不良信息不是公共信用信息，不适用信用修复',
        en: 'Credit-report information is not public credit information; credit repair does not apply to it',
      },
      instead: {
        zh: '自不良行为终止之日起保存五年后删除；认为信息有误的，可向征信机构或信息提供者提出异议（本系统代为转交并跟踪）',
        en: 'It is kept 5 years from the end of the conduct, then deleted; information you think wrong can be objected to at the credit-reporting agency or the data provider (xiufu sends it and follows it)',
      },
      source: {
        zh: '《征信业管理条例》第十六条、第二十五条；《信用修复管理办法》（国家发展改革委令2025年第36号）第二条',
        en: 'Regulation on the Credit Reporting Industry arts. 16, 25; NDRC Order No. 36 (2025) art. 2',
      },
      verified: false,
    },
  },
};

export function recordKindRuleOf(kind: string): RecordKindRule {
  const rule = (recordKindRules as Record<string, RecordKindRule | undefined>)[kind];
  if (!rule) throw new Error(`No record-kind rule for ${kind}.`);
  return rule;
}

export function forumOf(kind: string): Forum {
  return recordKindRuleOf(kind).forum;
}

/** Whether an objection about a record of this kind is referred to a forum elsewhere. */
export function isReferredKind(kind: string): boolean {
  return forumOf(kind) !== 'platform';
}

export function isRepairableKind(kind: string): boolean {
  return recordKindRuleOf(kind).repair.repairable;
}

/**
 * How long a court list entry stays listed, by the paragraph of art. 1 of the SPC rules (2017) it
 * rests on: art. 1(1) (able to perform and refusing) has no fixed term and ends when the court
 * deletes it after performance (arts. 2, 10: within 3 working days); art. 1(2)–(6) are listed for
 * 2 years, which the court may extend by 1–3 years (art. 2). Unknown paragraph: null (not guessed).
 */
export function courtListTermOf(
  paragraph: number | null,
  listedOn: string,
): { fixedTerm: false } | { fixedTerm: true; until: string } | null {
  if (paragraph === 1) return { fixedTerm: false };
  if (paragraph === null || !Number.isInteger(paragraph) || paragraph < 2 || paragraph > 6) return null;
  const [year, month, day] = listedOn.split('-').map(Number) as [number, number, number];
  // Two years to the same-numbered day (民法典 art. 202); 29 February falls back to the 28th.
  const last = new Date(Date.UTC(year + 2, month, 0)).getUTCDate();
  return {
    fixedTerm: true,
    until: `${year + 2}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`,
  };
}
