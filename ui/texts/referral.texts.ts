// The referral (转交) in words: an objection sent to the forum that decides it (the enforcing
// court, the credit-reporting agency or data provider), in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const referralTexts: CaseTypeTexts = {
  name: ['转交异议', 'Referral'],
  states: {
    open: ['办理中', 'Open'],
    toRefer: ['待转交', 'To be sent'],
    awaitingCourt: ['等待执行法院答复', 'Awaiting the enforcing court'],
    awaitingCreditReporting: ['等待征信机构答复', 'Awaiting the credit-reporting agency'],
    answered: ['已答复', 'Answered'],
    withdrawn: ['已撤回', 'Withdrawn'],
  },
  events: {
    FILED: { label: ['提交转交申请', 'Referral filed'] },
    REFER: {
      label: ['记录已转交', 'Record the referral'],
      help: [
        '记录转交给谁、何时、以何种方式；答复期限自此起算。',
        'Record to whom it was sent, when and how; the forum’s time limit runs from now.',
      ],
    },
    ANSWER_RECORDED: {
      label: ['记录答复', 'Record the answer'],
      help: [
        '记录答复日期、处理结果和答复内容，申请人将收到通知。',
        'Record the date, the outcome and what the answer says; the applicant is told.',
      ],
    },
    SUPPLEMENT: {
      label: ['补充材料', 'Add to the referral'],
      help: ['补充理由或证据，由工作人员转交。', 'Add grounds or evidence; staff pass them on.'],
    },
    WITHDRAW: { label: ['撤回', 'Withdraw'] },
  },
  fields: {
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    recordId: ['记录', 'Record'],
    reason: ['记录有何错误', 'What is wrong with the record'],
    requestedCorrection: ['请求如何更正', 'The correction you ask for'],
    sentTo: ['转交对象', 'Sent to'],
    sentOn: ['转交日期', 'Sent on'],
    channel: ['转交方式', 'How it was sent'],
    reference: ['对方文号或编号', 'Their reference'],
    answeredOn: ['答复日期', 'Answered on'],
    outcome: ['处理结果', 'Outcome'],
    answer: ['答复内容', 'The answer'],
    corrected: ['已更正', 'Corrected'],
    deleted: ['已删除', 'Deleted'],
    maintained: ['维持原记录', 'Kept as it is'],
    'SUPPLEMENT.reason': ['补充内容', 'What you add'],
    'WITHDRAW.reason': ['撤回原因', 'Why you withdraw'],
  },
  outcomes: {
    corrected: ['已更正', 'corrected'],
    deleted: ['已删除', 'deleted'],
    maintained: ['维持原记录', 'kept as it is'],
    answered: ['已答复', 'answered'],
    withdrawn: ['已撤回', 'withdrawn'],
  },
};
