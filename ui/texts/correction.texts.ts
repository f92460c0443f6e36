// The correction (纠错) in words, in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const correctionTexts: CaseTypeTexts = {
  name: ['纠错', 'Correction'],
  states: {
    drafting: ['起草更正', 'Drafting'],
    awaitingApproval: ['等待审批', 'Awaiting approval'],
    propagating: ['同步各平台', 'Propagating'],
    applied: ['已更正', 'Applied'],
    cancelled: ['已取消', 'Cancelled'],
  },
  events: {
    SUBMIT_DRAFT: {
      label: ['提交更正稿', 'Submit the draft'],
      help: [
        '填写需要更正的字段，或删除记录；原版本保留在历史中。',
        'Fill in the fields to correct, or remove the record; the earlier version stays in the history.',
      ],
    },
    APPROVE: {
      label: ['批准', 'Approve'],
      help: ['四眼原则：起草人不能批准自己的更正稿。', 'Four eyes: the drafter cannot approve their own draft.'],
    },
    SEND_BACK: { label: ['退回重拟', 'Send back'] },
    CANCEL: { label: ['取消更正', 'Cancel'] },
    PLATFORM_ACKNOWLEDGED: {
      label: ['确认平台已同步', 'Confirm a platform updated'],
      help: ['人工对接的平台由工作人员确认。', 'Staff confirm platforms that are updated by hand.'],
    },
  },
  fields: {
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    proposed: ['建议的更正', 'Proposed correction'],
    remove: ['删除该记录（停止公示）', 'Remove the record (stop publishing it)'],
    reasons: ['理由', 'Reasons'],
    note: ['备注', 'Note'],
    platformId: ['平台', 'Platform'],
    correction: ['更正内容', 'Correction'],
  },
  outcomes: { applied: ['已更正并同步', 'applied and propagated'], cancelled: ['已取消', 'cancelled'] },
};
