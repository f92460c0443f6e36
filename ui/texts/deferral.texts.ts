// Deferral of an obligation (申请延期) in words, in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const deferralTexts: CaseTypeTexts = {
  name: ['申请延期或分期履行', 'Deferral or instalments'],
  states: {
    deciding: ['认定单位审批', 'Agency deciding'],
    onSchedule: ['按批准的期限履行中', 'Paying on the granted schedule'],
    paidInFull: ['已按期履行完毕', 'Performed on the schedule'],
    lapsed: ['逾期未缴，延期失效', 'Instalment missed'],
    refused: ['不予批准', 'Refused'],
    withdrawn: ['已撤回', 'Withdrawn'],
  },
  events: {
    GRANT: {
      label: ['批准延期或分期', 'Grant the deferral'],
      help: [
        '一个新的缴纳期限，或分期的日期和金额（按日期先后填写）。',
        'One new due date, or instalments with dates and amounts, in date order.',
      ],
    },
    REFUSE: {
      label: ['不予批准', 'Refuse'],
      help: ['须说明理由；原缴纳期限不变。', 'Reasons are required; the original due date stands.'],
    },
    INSTALMENT_PAID: { label: ['登记本期已缴纳', 'Record the instalment paid'] },
    INSTALMENT_MISSED: { label: ['本期逾期未缴', 'Instalment missed'] },
    WITHDRAW: { label: ['撤回申请', 'Withdraw'] },
  },
  fields: {
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    request: ['申请事项', 'What you ask for'],
    defer: ['暂缓缴纳（一次缴清）', 'Pay later, in one sum'],
    instalments: ['分期缴纳', 'Pay by instalments'],
    'GRANT.instalments': ['批准的缴纳期限', 'The granted schedule'],
    hardship: ['经济困难的情况', 'Why you cannot pay on time (hardship)'],
    proposal: ['建议的期限和金额', 'The dates and amounts you propose'],
    dueOn: ['缴纳期限', 'Due on'],
    amount: ['金额（元）', 'Amount (CNY)'],
    paidOn: ['缴纳日期', 'Paid on'],
    note: ['备注', 'Note'],
    reasons: ['理由', 'Reasons'],
    'WITHDRAW.reason': ['撤回原因', 'Why you withdraw'],
  },
  outcomes: {
    paidInFull: ['已按期履行完毕', 'performed on the schedule'],
    lapsed: ['逾期未缴，延期失效', 'an instalment was missed'],
    refused: ['不予批准', 'refused'],
    withdrawn: ['已撤回', 'withdrawn'],
  },
};
