// The self-explanation (自主解释) in words, in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const explanationTexts: CaseTypeTexts = {
  name: ['自主解释', 'Self-explanation'],
  states: {
    moderation: ['审核中', 'Moderation'],
    published: ['已展示', 'Shown'],
    rejected: ['未予展示', 'Not shown'],
    withdrawn: ['已撤回', 'Withdrawn'],
  },
  events: {
    PUBLISH: { label: ['展示', 'Show it'] },
    REJECT: { label: ['不予展示', 'Do not show'], help: ['须说明理由。', 'Reasons are required.'] },
    WITHDRAW: { label: ['撤回', 'Withdraw'] },
  },
  fields: {
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    statement: ['说明内容', 'Statement'],
    note: ['备注', 'Note'],
    reasons: ['理由', 'Reasons'],
  },
  outcomes: { rejected: ['未予展示', 'not shown'], withdrawn: ['已撤回', 'withdrawn'] },
};
