// Why a case went against the person, from a closed list, so every refusal, rejection and
// request for more material can say in plain words what was wrong and what to do now (issue 16
// item 3). Staff choose one code and add their own words; the code's label and "what to do now"
// are the same for everyone, in both languages. Pure: no database, no UI.
import { z } from 'zod';
import type { Citation } from './citation.js';

export const refusalReasonCodes = [
  'evidence_not_covering_obligation',
  'obligation_not_performed',
  'period_not_served',
  'commitment_missing',
  'material_incomplete',
  'material_false',
  'not_within_scope',
  'record_accurate',
  'no_new_facts',
  'out_of_time',
  'content_not_acceptable',
  'authorisation_invalid',
  // Issue 16 item 3 for the other case types (the lists per type and decision: reasonCodesFor below).
  'not_about_subject',
  'no_grounds_given',
  'objection_unsupported',
  'could_not_verify',
  'others_personal_data',
  'hardship_not_shown',
  'not_deferrable',
  'obligation_enforced',
  'not_a_party',
  'decision_lawful',
  'repeat_application',
  'request_unfounded',
  'conditions_not_met',
  'record_already_changed',
  'forum_kept_record',
  'other',
] as const;

export type RefusalReasonCode = (typeof refusalReasonCodes)[number];

export const reasonCodeSchema = z
  .enum(refusalReasonCodes)
  .describe('Why, from the closed list (src/domain/refusal-reasons.ts); the words say the rest');

export interface RefusalReason {
  label: Citation;
  /** What the person can do now, in plain words. */
  whatToDo: Citation;
}

export const refusalReasons: Record<RefusalReasonCode, RefusalReason> = {
  evidence_not_covering_obligation: {
    label: {
      zh: '证明材料不能证明已履行全部义务',
      en: 'The evidence does not show the whole obligation performed',
    },
    whatToDo: {
      zh: '请取得能证明全部义务已履行的材料（如缴款凭证、履行完毕的证明），然后重新申请。',
      en: 'Obtain proof that the whole obligation was performed (a payment receipt, a certificate of completion), then apply again.',
    },
  },
  obligation_not_performed: {
    label: { zh: '法定义务尚未履行', en: 'The legal obligation is not yet performed' },
    whatToDo: {
      zh: '请先履行决定书确定的义务（或向作出决定的部门申请延期、分期），履行后再申请。',
      en: 'Perform the obligation the decision set first (or ask the deciding department to defer it or allow instalments), then apply.',
    },
  },
  period_not_served: {
    label: { zh: '最短公示期尚未届满', en: 'The minimum display period has not been served' },
    whatToDo: {
      zh: '请在记录页面显示的可申请修复日当天或之后重新申请。',
      en: 'Apply again on or after the first repair day shown on the record’s page.',
    },
  },
  commitment_missing: {
    label: { zh: '缺少信用承诺书', en: 'The commitment letter is missing' },
    whatToDo: {
      zh: '请签署信用承诺书，随申请一并提交。',
      en: 'Sign the commitment letter and send it with the application.',
    },
  },
  material_incomplete: {
    label: { zh: '材料不齐全', en: 'The material is incomplete' },
    whatToDo: {
      zh: '请按工作人员列明的清单补齐材料，在期限内一次提交。',
      en: 'Supply everything on the list the officer gave, all at once, before the date stated.',
    },
  },
  material_false: {
    label: { zh: '提供的材料不实', en: 'The material supplied is false' },
    whatToDo: {
      zh: '在禁止申请期内不能再次申请修复。如认为认定有误，可以在期限内申请行政复议或提起行政诉讼。',
      en: 'No new repair application is possible while the bar lasts. If you think this finding is wrong, apply for administrative review or go to court within the time limits.',
    },
  },
  not_within_scope: {
    label: { zh: '不属于本程序受理范围', en: 'Not within what this procedure handles' },
    whatToDo: {
      zh: '请按说明向有权处理的机关提出；不清楚时可咨询信用中心。',
      en: 'Take it to the body the explanation names; ask the credit center if unsure.',
    },
  },
  record_accurate: {
    label: { zh: '经核实记录准确', en: 'The record was verified as accurate' },
    whatToDo: {
      zh: '记录保持不变。如有新的事实或证据，可以再次提出异议；也可以在期限内寻求救济。',
      en: 'The record stands. With new facts or evidence you may object again; you may also seek a remedy within the time limits.',
    },
  },
  no_new_facts: {
    label: { zh: '没有新的事实或理由', en: 'No new facts or grounds' },
    whatToDo: {
      zh: '再次申请时请写明此前未提出的新事实或新证据。',
      en: 'When you apply again, state the facts or evidence you did not bring before.',
    },
  },
  out_of_time: {
    label: { zh: '超过申请期限', en: 'Filed after the time limit' },
    whatToDo: {
      zh: '如因不可抗力或其他正当理由耽误期限，请说明理由并附证明后再次申请。',
      en: 'If something beyond your control made you late, apply again stating why, with proof.',
    },
  },
  content_not_acceptable: {
    label: { zh: '内容不符合要求', en: 'The content cannot be accepted' },
    whatToDo: {
      zh: '请删去与记录无关、侮辱他人或泄露他人信息的内容后重新提交。',
      en: 'Remove what is unrelated to the record, insults anyone or discloses others’ data, then send it again.',
    },
  },
  // 民法典 art. 165: a written authorisation states the agent, the matter, the scope and the term,
  // signed or sealed by the principal; without one the filer has no authority to act.
  authorisation_invalid: {
    label: {
      zh: '授权委托书无效（未载明代理人、委托事项、权限或期限，或无委托人签名盖章）',
      en: 'The authorisation letter is not valid (it does not name the agent, the matter, the scope or the term, or the principal did not sign or seal it)',
    },
    whatToDo: {
      zh: '请由信用主体本人申请；或提交载明代理人姓名、委托事项、权限和期限并由本人签名或盖章的授权委托书后重新申请。',
      en: 'Let the subject apply in person, or apply again with a letter that names the agent, the matter, the scope and the term, signed or sealed by the subject.',
    },
  },
  not_about_subject: {
    // 征信业管理条例 art. 25: the person objects to information about themselves.
    label: { zh: '异议所涉记录不是申请人本人的信息', en: 'The record is not about the person who objected' },
    whatToDo: {
      zh: '请由记录所涉的信用主体本人提出异议（或出具书面授权委托他人提出）。',
      en: 'The person the record is about must object themselves (or authorise someone in writing to do it).',
    },
  },
  no_grounds_given: {
    label: { zh: '未说明记录哪里有误及理由', en: 'No grounds were given: what in the record is wrong, and why' },
    whatToDo: {
      zh: '请重新提出异议，写明记录中哪一项有误、为什么，并附上现有的证明材料。',
      en: 'Object again saying which part of the record is wrong and why, with whatever evidence you have.',
    },
  },
  objection_unsupported: {
    label: { zh: '提交的材料不能证明记录有误', en: 'The material does not show the record is wrong' },
    whatToDo: {
      zh: '如取得新的证据，可以再次提出异议并写明新的事实；也可以按下列救济途径在期限内申请行政复议或提起诉讼。',
      en: 'With new evidence you may object again, stating the new facts; you may also seek the remedies listed, by their last days.',
    },
  },
  could_not_verify: {
    // 征信业管理条例 art. 25: what could not be resolved is kept on record (予以记载).
    label: { zh: '经核查无法确认记录是否有误', en: 'The check could not establish whether the record is wrong' },
    whatToDo: {
      zh: '您的异议和核查情况已记载在记录旁；您可以为该记录添加自主解释（个人声明），也可以按下列救济途径在期限内寻求救济。',
      en: 'Your objection and the check are kept on record beside the record; you may add your own statement (an explanation) to it, or seek the remedies listed, by their last days.',
    },
  },
  others_personal_data: {
    // 个人信息保护法 art. 10: no one may disclose another's personal information unlawfully.
    label: { zh: '声明披露了他人的个人信息', en: 'The statement discloses other people’s personal data' },
    whatToDo: {
      zh: '请删去他人的姓名、证件号、联系方式等信息后重新提交声明。',
      en: 'Remove other people’s names, ID numbers and contact details, then send the statement again.',
    },
  },
  hardship_not_shown: {
    // 行政处罚法 art. 66: deferral or instalments where the party 确有经济困难.
    label: { zh: '未能证明确有经济困难', en: 'Financial hardship was not shown' },
    whatToDo: {
      zh: '原缴纳期限不变，请按期履行；如能提供收入、支出等证明经济困难的材料，可以再次申请。',
      en: 'The original due date stands: pay by it. With proof of hardship (income, outgoings) you may apply again.',
    },
  },
  not_deferrable: {
    // 行政处罚法 art. 66 covers fines; other obligations follow their own law.
    label: {
      zh: '该义务不属于可以延期或分期履行的情形',
      en: 'This obligation cannot be deferred or paid by instalments',
    },
    whatToDo: {
      zh: '请按决定书确定的期限履行义务；对决定不服的，可以按下列救济途径在期限内寻求救济。',
      en: 'Perform the obligation by the date the decision set; if you disagree, seek the remedies listed, by their last days.',
    },
  },
  obligation_enforced: {
    // 行政处罚法 art. 72: once overdue, the organ may add late fees or apply for enforcement.
    label: { zh: '义务已逾期并已进入强制执行', en: 'The obligation is overdue and enforcement has begun' },
    whatToDo: {
      zh: '请按执行机关的要求履行；履行后可以申请信用修复。',
      en: 'Pay as the enforcing body directs; once performed, you may apply for credit repair.',
    },
  },
  not_a_party: {
    // 行政复议法 art. 30(1)(2): the applicant is the party, or has an interest in the act.
    label: {
      zh: '申请人不是该决定的当事人或利害关系人',
      en: 'The applicant is not a party to the decision nor affected by it',
    },
    whatToDo: {
      zh: '请由决定所涉的当事人本人（或其书面委托的代理人）申请。',
      en: 'The person the decision concerns must apply (or someone they authorise in writing).',
    },
  },
  decision_lawful: {
    // 行政复议法 art. 68 (the measure the re-examination borrows): facts clear, basis right, procedure lawful.
    label: {
      zh: '原决定事实清楚、依据正确、程序合法',
      en: 'The decision’s facts are clear, its basis correct and its procedure lawful',
    },
    whatToDo: {
      zh: '原决定维持。仍可寻求的救济途径及其最后期限列在本决定下方，请在期限内提出。',
      en: 'The decision stands. The remedies still open, and their last days, are listed with this decision: use them in time.',
    },
  },
  repeat_application: {
    // 行政复议法 art. 30(1)(6)(7): not already applied for, nor before a court.
    label: {
      zh: '已就同一事项申请复议或者提起诉讼',
      en: 'The same matter is already under review or before a court',
    },
    whatToDo: {
      zh: '请在已经进行的程序中继续主张；该程序结束后，按其告知的途径寻求救济。',
      en: 'Pursue it in the proceeding already running; when it ends, use the remedies it tells you of.',
    },
  },
  request_unfounded: {
    // 行政复议法 art. 69: the respondent had no duty to act, or the request has no ground.
    label: { zh: '复议请求没有事实和法律依据', en: 'The request has no ground in fact or law' },
    whatToDo: {
      zh: '可以自收到复议决定书之日起15日内向人民法院提起行政诉讼。',
      en: 'You may go to the people’s court within 15 days of receiving the review decision (行政诉讼法 art. 45).',
    },
  },
  conditions_not_met: {
    // 行政复议法 art. 33: an accepted application found not to meet the conditions is rejected.
    label: { zh: '复议申请不符合受理条件', en: 'The application does not meet the conditions for review' },
    whatToDo: {
      zh: '可以自收到决定之日起15日内向人民法院提起行政诉讼。',
      en: 'You may go to the people’s court within 15 days of receiving the decision (行政诉讼法 art. 45).',
    },
  },
  record_already_changed: {
    label: {
      zh: '记录已通过其他途径更正或删除',
      en: 'The record was already corrected or removed another way',
    },
    whatToDo: {
      zh: '无需再做什么：记录页面显示的是现行版本。如记录仍有误，可以再次提出异议。',
      en: 'Nothing more is needed: the record’s page shows its current version. If it is still wrong, you may object again.',
    },
  },
  forum_kept_record: {
    // SPC 2017 rules on the court list art. 12 (review by the court above: 10 days); 征信业管理条例 art. 26.
    label: {
      zh: '有权处理的机关经核查认为记录无误，予以保留',
      en: 'The forum that decides checked the record and kept it',
    },
    whatToDo: {
      zh: '失信被执行人名单：可以自收到决定之日起10日内向上一级人民法院申请复议。信用报告：可以向征信业监督管理部门投诉，或者向人民法院起诉。',
      en: 'The court list: you may ask the court at the next level up to review it within 10 days of receiving the decision. A credit report: you may complain to the credit-reporting regulator, or go to court.',
    },
  },
  other: {
    label: { zh: '其他原因（见工作人员说明）', en: 'Another reason (see the officer’s words)' },
    whatToDo: {
      zh: '请按工作人员的说明处理；有疑问可联系信用中心。',
      en: 'Follow the officer’s words; ask the credit center if anything is unclear.',
    },
  },
};

export function isRefusalReasonCode(value: unknown): value is RefusalReasonCode {
  return typeof value === 'string' && (refusalReasonCodes as readonly string[]).includes(value);
}

/**
 * Which codes each adverse decision (and each request for material) may give, by case type and
 * event: a closed list per procedure, sharing a code where the meaning is the same. The staff
 * form offers exactly these; `other` is always last and the officer's words say the rest.
 */
export const reasonCodesFor = {
  objection: {
    // authorisation_invalid: filed for someone else with a letter that does not hold (民法典 art. 165).
    REJECT: [
      'not_about_subject',
      'no_grounds_given',
      'not_within_scope',
      'no_new_facts',
      'authorisation_invalid',
      'other',
    ],
    DISMISS: ['record_accurate', 'objection_unsupported', 'other'],
    CLOSE_UNRESOLVED: ['could_not_verify', 'other'],
    REQUEST_MATERIAL: ['material_incomplete', 'no_grounds_given', 'other'],
  },
  // A correction cancelled: the record stands as it is (or another change already made it right).
  correction: {
    CANCEL: ['record_accurate', 'record_already_changed', 'other'],
  },
  // The forum's answer that keeps the record (not xiufu's decision: staff record why it says it did).
  referral: {
    ANSWER_RECORDED: ['forum_kept_record', 'out_of_time', 'not_within_scope', 'other'],
  },
  explanation: {
    REJECT: ['content_not_acceptable', 'others_personal_data', 'authorisation_invalid', 'other'],
  },
  deferral: {
    REFUSE: ['hardship_not_shown', 'not_deferrable', 'obligation_enforced', 'obligation_not_performed', 'other'],
  },
  review: {
    REJECT_APPLICATION: ['out_of_time', 'not_a_party', 'not_within_scope', 'no_new_facts', 'other'],
    REQUEST_MATERIAL: ['material_incomplete', 'other'],
    // A re-examination that upholds the decision (the others go the person's way).
    DECIDE: ['decision_lawful', 'record_accurate', 'other'],
  },
  'administrative-review': {
    REFUSE_TO_ACCEPT: ['out_of_time', 'not_a_party', 'not_within_scope', 'repeat_application', 'other'],
    REQUEST_SUPPLEMENT: ['material_incomplete', 'other'],
    // Upheld (art. 68), request dismissed (art. 69), application dismissed (art. 33).
    DECIDE: ['decision_lawful', 'request_unfounded', 'conditions_not_met', 'other'],
  },
} as const satisfies Record<string, Record<string, readonly [RefusalReasonCode, ...RefusalReasonCode[]]>>;

/** The schema of a reason code from one decision's list (the staff form offers these in a select). */
export function reasonCodeOf<const Codes extends readonly [RefusalReasonCode, ...RefusalReasonCode[]]>(codes: Codes) {
  return z
    .enum(codes, 'choose why from the list')
    .describe('Why, from the closed list (src/domain/refusal-reasons.ts); the words say the rest');
}
