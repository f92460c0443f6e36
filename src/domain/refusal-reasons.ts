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
