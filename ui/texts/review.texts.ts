// The administrative review (行政复议) in words, in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const reviewTexts: CaseTypeTexts = {
  name: ['行政复议', 'Administrative review'],
  states: {
    acceptanceReview: ['受理审查', 'Acceptance review'],
    awaitingMaterial: ['等待补正材料', 'Awaiting material'],
    underReview: ['审理中', 'Under review'],
    rejected: ['不予受理', 'Rejected'],
    withdrawn: ['已撤回', 'Withdrawn'],
    decided: ['已决定', 'Decided'],
  },
  events: {
    ACCEPT_APPLICATION: { label: ['受理', 'Accept the application'] },
    REJECT_APPLICATION: {
      label: ['不予受理', 'Refuse the application'],
      help: ['须说明理由。', 'Reasons are required.'],
    },
    REQUEST_MATERIAL: {
      label: ['要求补正材料', 'Ask for material'],
      help: ['只能要求一次（行政复议法第三十一条）。', 'Only once (行政复议法 art. 31).'],
    },
    SUBMIT_MATERIAL: { label: ['补正材料', 'Supply the material'] },
    RECORD_HEARING: { label: ['记录听证', 'Record a hearing'] },
    EXTEND: {
      label: ['延期（一次）', 'Extend (once)'],
      help: ['最多延长 30 日（第六十二条）。', 'By up to 30 days (art. 62).'],
    },
    DECIDE: {
      label: ['作出复议决定', 'Decide'],
      help: [
        '原决定人不能审理本复议。变更决定需填写更正内容。',
        'Not by whoever made the decision under review. An alteration needs the correction.',
      ],
    },
    WITHDRAW: { label: ['撤回申请', 'Withdraw'] },
    DEEMED_ACCEPTED: { label: ['逾期未决，视为受理', 'Deemed accepted (no decision in time)'] },
    MATERIAL_NOT_SUPPLIED: { label: ['逾期未补正，视为撤回', 'Deemed withdrawn (material not supplied in time)'] },
  },
  fields: {
    parentCaseId: ['被复议的案件', 'The case under review'],
    grounds: ['复议理由', 'Why the decision is wrong'],
    lateJustification: ['逾期理由', 'Why the application is late'],
    note: ['备注', 'Note'],
    reasons: ['理由', 'Reasons'],
    requested: ['需要补正的材料', 'Material needed'],
    material: ['补正的材料', 'Material supplied'],
    heldOn: ['听证日期', 'Held on'],
    summary: ['听证摘要', 'Summary'],
    outcome: ['决定', 'Outcome'],
    uphold: ['维持', 'Uphold'],
    revoke: ['撤销（重新作出决定）', 'Revoke (decide again)'],
    alter: ['变更（更正记录）', 'Alter (correct the record)'],
    confirm_unlawful: ['确认违法', 'Confirm unlawful'],
    order_performance: ['责令履行', 'Order performance'],
    correction: ['更正内容（变更时）', 'Correction (for an alteration)'],
    'WITHDRAW.reason': ['撤回原因', 'Why you withdraw'],
  },
  outcomes: { rejected: ['不予受理', 'refused'], withdrawn: ['已撤回', 'withdrawn'], decided: ['已决定', 'decided'] },
};
