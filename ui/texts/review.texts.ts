// The re-examination (复核) in words, in zh-CN and English: an internal second look at a decision
// by someone other than the decider, where a local rule provides it. Not administrative review
// (行政复议), which the review body decides (ui/texts/administrative-review.texts.ts).
import type { CaseTypeTexts } from './case-texts.js';

export const reviewTexts: CaseTypeTexts = {
  name: ['复核', 'Re-examination'],
  states: {
    acceptanceReview: ['受理审查', 'Acceptance check'],
    awaitingMaterial: ['等待补正材料', 'Awaiting material'],
    underReview: ['复核中', 'Being re-examined'],
    rejected: ['不予受理', 'Refused'],
    withdrawn: ['已撤回', 'Withdrawn'],
    decided: ['已作出复核决定', 'Decided'],
  },
  events: {
    ACCEPT_APPLICATION: { label: ['受理复核申请', 'Accept the request'] },
    REJECT_APPLICATION: {
      label: ['不予受理', 'Refuse the request'],
      help: ['须说明理由。', 'Reasons are required.'],
    },
    REQUEST_MATERIAL: {
      label: ['要求补正材料', 'Ask for material'],
      help: ['只能要求一次。', 'Only once.'],
    },
    SUBMIT_MATERIAL: { label: ['补正材料', 'Supply the material'] },
    RECORD_HEARING: { label: ['记录听取意见', 'Record a hearing'] },
    EXTEND: {
      label: ['延期（一次）', 'Extend (once)'],
      help: ['最多延长 30 日。', 'By up to 30 days.'],
    },
    DECIDE: {
      label: ['作出复核决定', 'Decide'],
      help: [
        '原决定人不能办理本复核。变更决定需填写更正内容。',
        'Not by whoever made the decision being re-examined. An alteration needs the correction.',
      ],
    },
    WITHDRAW: { label: ['撤回申请', 'Withdraw'] },
    DEEMED_ACCEPTED: { label: ['逾期未决，视为受理', 'Deemed accepted (no decision in time)'] },
    MATERIAL_NOT_SUPPLIED: { label: ['逾期未补正，视为撤回', 'Deemed withdrawn (material not supplied in time)'] },
  },
  fields: {
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    parentCaseId: ['申请复核的案件', 'The case to re-examine'],
    grounds: ['复核理由', 'Why the decision is wrong'],
    lateJustification: ['逾期理由', 'Why the request is late'],
    note: ['备注', 'Note'],
    reasons: ['理由', 'Reasons'],
    requested: ['需要补正的材料', 'Material needed'],
    material: ['补正的材料', 'Material supplied'],
    heldOn: ['听取意见日期', 'Held on'],
    summary: ['听取意见摘要', 'Summary'],
    outcome: ['决定', 'Outcome'],
    uphold: ['维持原决定', 'Uphold'],
    revoke: ['撤销（重新作出决定）', 'Revoke (decide again)'],
    alter: ['变更（更正记录）', 'Alter (correct the record)'],
    confirm_unlawful: ['确认原决定有误', 'Confirm the decision was wrong'],
    order_performance: ['责令办理', 'Order the office to act'],
    correction: ['更正内容（变更时）', 'Correction (for an alteration)'],
    'WITHDRAW.reason': ['撤回原因', 'Why you withdraw'],
  },
  outcomes: {
    rejected: ['不予受理', 'refused'],
    withdrawn: ['已撤回', 'withdrawn'],
    decided: ['已作出复核决定', 'decided'],
  },
};
