// Credit repair (信用修复) in words, in zh-CN and English.
import type { CaseTypeTexts } from './case-texts.js';

export const repairTexts: CaseTypeTexts = {
  name: ['信用修复', 'Credit repair'],
  states: {
    collectingEvidence: ['提交证明材料', 'Collecting evidence'],
    agencyVerification: ['认定单位核实', 'Agency verifying'],
    deciding: ['作出决定', 'Deciding'],
    // Version 2: the credit center checks and forwards; the finding department decides.
    open: ['办理中', 'Open'],
    completenessCheck: ['信用平台审核材料', 'Credit center checking completeness'],
    awaitingMaterial: ['待补充材料', 'Awaiting material'],
    departmentDeciding: ['认定单位作出决定', 'Finding department deciding'],
    publishing: ['待公布修复结果', 'Publishing the result'],
    refusedForFalseMaterial: ['因虚假材料不予修复', 'Refused: false material'],
    propagating: ['同步各平台', 'Propagating'],
    repaired: ['已修复', 'Repaired'],
    refused: ['不予修复', 'Refused'],
    withdrawn: ['已撤回', 'Withdrawn'],
    revoked: ['已撤销修复', 'Revoked'],
  },
  events: {
    ADD_EVIDENCE: {
      label: ['添加证明材料', 'Add evidence'],
      help: ['每条材料计入所选途径的门槛。', 'Each piece counts toward the threshold of its route.'],
    },
    REMOVE_EVIDENCE: {
      label: ['删除录入有误的材料', 'Remove a wrong entry'],
      help: [
        '选择录入有误的一条并说明原因；该条仍显示为已删除（划线），不再计入门槛，删除记入办理记录。',
        'Choose the entry added by mistake and say why; it stays shown as removed (struck through), no longer counts, and the removal is in the trail.',
      ],
    },
    SUBMIT_APPLICATION: {
      label: ['提交申请', 'Submit the application'],
      help: ['各途径都达到门槛后才能提交。', 'Possible once every route has reached its threshold.'],
    },
    AGENCY_CONFIRMED: { label: ['核实：已纠正', 'Verified: corrected'] },
    AGENCY_DISPUTED: { label: ['核实：材料不足', 'Verified: not enough'] },
    APPROVE: { label: ['准予修复', 'Approve the repair'] },
    REFUSE: {
      label: ['不予修复', 'Refuse'],
      help: ['须说明理由；申请人可申请行政复议。', 'Reasons are required; the applicant may seek review.'],
    },
    REVOKE_FOR_FALSE_MATERIAL: {
      label: ['因虚假材料撤销', 'Revoke: false material'],
      help: [
        '记录恢复公示，申请人在规定期间内不得再申请修复。',
        'The record is shown again and the applicant is barred from repair for the policy’s period.',
      ],
    },
    REQUEST_MATERIAL: {
      label: ['要求补充材料', 'Ask for material'],
      help: ['申请人须在政策规定的期限内补充。', 'The applicant supplies it within the period the policy sets.'],
    },
    SUBMIT_MATERIAL: { label: ['提交补充材料', 'Supply the material'] },
    FORWARD_TO_DEPARTMENT: {
      label: ['转认定单位决定', 'Forward to the finding department'],
      help: [
        '材料齐全后，由作出认定的部门决定（谁认定、谁修复）。',
        'Once complete, the department that made the finding decides.',
      ],
    },
    EXTEND_DECISION: {
      label: ['延长决定期限', 'Extend the time to decide'],
      help: [
        '案情复杂的，可按规定延长一次，须说明理由。',
        'A complex case may be extended once where the rules allow, with the reason.',
      ],
    },
    REFUSE_FOR_FALSE_MATERIAL: {
      label: ['因虚假材料不予修复', 'Refuse: false material'],
      help: [
        '申请人在规定期间内不得再申请修复；可对决定申请复核或行政复议。',
        'The applicant is barred from repair for the policy’s period; the decision may be contested.',
      ],
    },
    PUBLISH_RESULT: {
      label: ['公布修复结果', 'Publish the result'],
      help: [
        '终止公示、停止共享，并通知各平台解除相关失信惩戒措施。',
        'Publication and sharing stop, and every platform is told to lift the related measures.',
      ],
    },
    WITHDRAW: { label: ['撤回申请', 'Withdraw'] },
    PLATFORM_ACKNOWLEDGED: { label: ['确认平台已同步', 'Confirm a platform updated'] },
  },
  fields: {
    entry: ['哪一条材料', 'Which entry'],
    reason: ['原因', 'Why'],
    routes: ['修复途径', 'Routes'],
    reasonCode: ['原因（从清单中选择）', 'Why (choose from the list)'],
    commitment: ['信用修复承诺书', 'Commitment letter'],
    // Several records in one application (file-repair-application.ts): named in each FILED event.
    applicationId: ['合并申请', 'Application'],
    route: ['途径', 'Route'],
    amount: ['数量（小时、金额，或已履行填 1）', 'Amount (hours, CNY, or 1 for a performed obligation)'],
    certifiedBy: ['证明单位', 'Certified by'],
    description: ['说明', 'Description'],
    answer: ['认定单位的答复', 'The agency’s answer'],
    reasons: ['理由', 'Reasons'],
    requested: ['所需材料', 'Material needed'],
    material: ['补充的材料', 'Material supplied'],
    note: ['备注', 'Note'],
    platformId: ['平台', 'Platform'],
    performance: ['事后主动履约', 'Performing the obligation after the fact'],
    volunteering: ['志愿服务', 'Volunteering'],
    donation: ['慈善捐助', 'Charitable donation'],
    'WITHDRAW.reason': ['撤回原因', 'Why you withdraw'],
  },
  outcomes: {
    repaired: ['已修复', 'repaired'],
    refused: ['不予修复', 'refused'],
    withdrawn: ['已撤回', 'withdrawn'],
    revoked: ['已撤销', 'revoked'],
    refusedForFalseMaterial: ['因虚假材料不予修复', 'refused for false material'],
  },
};
