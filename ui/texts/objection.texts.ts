// The objection (异议) in words: its stages, actions and fields, in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const objectionTexts: CaseTypeTexts = {
  name: ['异议', 'Objection'],
  states: {
    open: ['办理中', 'Open'],
    intake: ['受理审查', 'Intake'],
    awaitingMaterial: ['等待补充材料', 'Awaiting material'],
    verifying: ['认定单位核实', 'Agency verifying'],
    deciding: ['作出决定', 'Deciding'],
    rejected: ['不予受理', 'Rejected'],
    withdrawn: ['已撤回', 'Withdrawn'],
    upheld: ['异议成立', 'Upheld'],
    dismissed: ['异议不成立', 'Dismissed'],
    unresolved: ['无法核实', 'Unresolved'],
  },
  events: {
    FILED: { label: ['提交异议', 'Objection filed'] },
    ACCEPT: {
      label: ['受理', 'Accept'],
      help: ['材料齐全，转认定单位核实。', 'The objection is complete; send it to the agency to verify.'],
    },
    REJECT: { label: ['不予受理', 'Reject'], help: ['须说明理由。', 'Reasons are required.'] },
    REQUEST_MATERIAL: {
      label: ['要求补充材料', 'Ask for material'],
      help: ['期限暂停，直至材料补齐。', 'The deadline pauses until the material arrives.'],
    },
    SUBMIT_MATERIAL: {
      label: ['补充材料', 'Supply the material'],
      help: ['说明补充的内容，并可上传文件。', 'Describe what you supply; you may attach files.'],
    },
    AGENCY_CONFIRMED: {
      label: ['核实：记录无误', 'Verified: the record is right'],
      help: ['认定单位确认记录的事实。', 'The agency confirms the facts of the record.'],
    },
    AGENCY_DENIED: {
      label: ['核实：记录有误', 'Verified: the record is wrong'],
      help: [
        '认定单位发现记录的事实有误：请填写有误的字段及其正确内容，异议成立时纠错案件将以此预填。',
        'The agency finds the facts of the record wrong: fill in the fields that are wrong with their right values; if the objection is upheld, the correction starts from them.',
      ],
    },
    SUPPLEMENT: { label: ['补充异议', 'Add to the objection'], help: ['补充理由或证据。', 'Add grounds or evidence.'] },
    UPHOLD: {
      label: ['异议成立', 'Uphold'],
      help: [
        '异议标注随即撤除，并开启纠错案件；可在此建议更正内容。',
        'The mark comes off and a correction case opens; you may propose the correction here.',
      ],
    },
    DISMISS: {
      label: ['异议不成立', 'Dismiss'],
      help: ['记录保持不变，须说明理由。', 'The record stands; reasons are required.'],
    },
    CLOSE_UNRESOLVED: {
      label: ['无法核实，办结', 'Close as unresolved'],
      help: [
        '无法核实时办结，须说明理由；当事人可添加声明。',
        'Close when it cannot be resolved, with reasons; the subject may add a statement.',
      ],
    },
    WITHDRAW: { label: ['撤回异议', 'Withdraw'], help: ['在作出决定前撤回。', 'Withdraw before a decision is made.'] },
  },
  fields: {
    recordId: ['记录', 'Record'],
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    reason: ['异议理由', 'What is wrong with the record'],
    // What is objected to (国办发〔2025〕22号): the record, a repair's result, or the display period.
    concerns: ['异议事项', 'What you object to'],
    record_content: ['记录内容', 'The record’s content'],
    repair_result: ['信用修复结果', 'The result of a credit repair'],
    display_period: ['公示期限', 'How long the record is shown'],
    requestedCorrection: ['希望如何更正', 'How it should be corrected'],
    note: ['备注', 'Note'],
    reasons: ['理由', 'Reasons'],
    requested: ['需要补充的材料', 'Material needed'],
    material: ['补充的材料', 'Material supplied'],
    answer: ['认定单位的答复', 'The agency’s answer'],
    correction: ['更正内容', 'Correction'],
    kind: ['类别', 'Kind'],
    domain: ['领域', 'Domain'],
    class: ['严重程度', 'Severity'],
    decisionNumber: ['决定文书号', 'Decision number'],
    decisionDate: ['决定日期', 'Decision date'],
    facts: ['事实', 'Facts'],
    legalBasis: ['依据', 'Legal basis'],
    obligation: ['义务', 'Obligation'],
    obligationPerformed: ['义务已履行', 'Obligation performed'],
    publishedFrom: ['公示起始日', 'Published from'],
    conductEndedOn: ['不良行为终止日', 'Conduct ended on'],
    repairableFrom: ['可申请修复日', 'Repair possible from'],
    publishedUntil: ['公示截止日', 'Published until'],
    'WITHDRAW.reason': ['撤回原因', 'Why you withdraw'],
    courtListParagraph: ['列入依据（若干规定第一条第几项）', 'Listed under (art. 1 paragraph of the SPC rules)'],
    'AGENCY_DENIED.correction': ['有误的字段及其正确内容', 'The fields that are wrong, with their right values'],
    'SUPPLEMENT.reason': ['补充内容', 'What you add'],
    newFacts: ['新的事实或证据', 'New facts or evidence'],
    remove: ['建议删除该记录', 'Propose removing the record'],
  },
  outcomes: {
    rejected: ['不予受理', 'rejected'],
    withdrawn: ['已撤回', 'withdrawn'],
    upheld: ['异议成立，已开启纠错', 'upheld, a correction was opened'],
    dismissed: ['异议不成立', 'dismissed'],
    unresolved: ['无法核实', 'unresolved'],
  },
};
