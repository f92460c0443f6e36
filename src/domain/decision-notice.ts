// The written notice of a decision (决定通知书): which events of which case types are decisions a
// person may show (to a bank, a commercial credit platform), what the notice says, in Chinese, and
// what its public verification page may tell: that the notice is genuine and whether it still
// stands, nothing more. Pure: the PDF is drawn from this content by
// src/services/render-decision-notice.ts, and issued by src/services/decision-notices.ts.
import type { Remedy } from './remedies.js';

/** What kind of decision a notice records. */
export type NoticeDecisionKind =
  | 'objection_accepted'
  | 'objection_rejected'
  | 'objection_upheld'
  | 'objection_dismissed'
  | 'objection_unresolved'
  | 'repair_approved'
  | 'repair_refused'
  | 'repair_refused_false_material'
  | 'repair_revoked'
  | 'deferral_granted'
  | 'deferral_refused'
  | 'review_decided'
  | 'administrative_review_accepted'
  | 'administrative_review_not_accepted'
  | 'administrative_review_decided'
  | 'explanation_published'
  | 'explanation_refused';

/** The events that are decisions, per case type (every version of the type names them alike). */
const decisionEvents: Record<string, Record<string, NoticeDecisionKind>> = {
  objection: {
    ACCEPT: 'objection_accepted',
    REJECT: 'objection_rejected',
    UPHOLD: 'objection_upheld',
    DISMISS: 'objection_dismissed',
    CLOSE_UNRESOLVED: 'objection_unresolved',
  },
  repair: {
    APPROVE: 'repair_approved',
    REFUSE: 'repair_refused',
    REFUSE_FOR_FALSE_MATERIAL: 'repair_refused_false_material',
    REVOKE_FOR_FALSE_MATERIAL: 'repair_revoked',
  },
  deferral: { GRANT: 'deferral_granted', REFUSE: 'deferral_refused' },
  review: { DECIDE: 'review_decided' },
  'administrative-review': {
    ACCEPT: 'administrative_review_accepted',
    REFUSE_TO_ACCEPT: 'administrative_review_not_accepted',
    DECIDE: 'administrative_review_decided',
  },
  explanation: { PUBLISH: 'explanation_published', REJECT: 'explanation_refused' },
};

/** The decision an event of a case type records, or null where it records none. */
export function noticeDecisionOf(caseType: string, event: string): NoticeDecisionKind | null {
  return decisionEvents[caseType]?.[event] ?? null;
}

/** Every (case type, event) that yields a notice: for the check that each is in its catalog. */
export function noticeDecisionEvents(): { caseType: string; event: string; kind: NoticeDecisionKind }[] {
  return Object.entries(decisionEvents).flatMap(([caseType, events]) =>
    Object.entries(events).map(([event, kind]) => ({ caseType, event, kind })),
  );
}

const decisionTitles: Record<NoticeDecisionKind, string> = {
  objection_accepted: '异议申请受理通知书',
  objection_rejected: '异议申请不予受理决定书',
  objection_upheld: '异议处理决定书',
  objection_dismissed: '异议处理决定书',
  objection_unresolved: '异议处理决定书',
  repair_approved: '信用修复决定书',
  repair_refused: '不予信用修复决定书',
  repair_refused_false_material: '不予信用修复决定书',
  repair_revoked: '撤销信用修复决定书',
  deferral_granted: '延期（分期）缴纳决定书',
  deferral_refused: '不予延期（分期）缴纳决定书',
  review_decided: '复核决定书',
  administrative_review_accepted: '行政复议受理通知书',
  administrative_review_not_accepted: '不予受理行政复议申请决定书',
  administrative_review_decided: '行政复议决定书',
  explanation_published: '自主解释公示通知书',
  explanation_refused: '自主解释不予公示通知书',
};

const decisionWords: Record<NoticeDecisionKind, string> = {
  objection_accepted: '异议申请已受理，现转认定单位核查。核查期间该信息标注为“异议中”。',
  objection_rejected: '异议申请不予受理。',
  objection_upheld: '异议成立，该信用信息予以更正或删除。',
  objection_dismissed: '异议不成立，维持该信用信息。',
  objection_unresolved: '异议事项无法核实，维持该信用信息；信用主体可提交自主解释。',
  repair_approved: '准予信用修复：该信息停止公示，停止共享，相关惩戒措施解除。',
  repair_refused: '不予信用修复。',
  repair_refused_false_material: '因申请材料虚假，不予信用修复；依规在一定期限内不得再次申请。',
  repair_revoked: '因申请材料虚假，撤销原信用修复决定，该信息恢复公示。',
  deferral_granted: '准予延期（分期）缴纳，按所列期限履行。',
  deferral_refused: '不予延期（分期）缴纳。',
  review_decided: '复核决定：',
  administrative_review_accepted: '行政复议申请已受理。',
  administrative_review_not_accepted: '行政复议申请不予受理。',
  administrative_review_decided: '行政复议决定：',
  explanation_published: '自主解释已审核，与该信用信息一并公示。',
  explanation_refused: '自主解释不予公示。',
};

const outcomeWords: Record<string, string> = {
  uphold: '维持原决定',
  revoke: '撤销原决定',
  alter: '变更原决定',
  confirm_unlawful: '确认原决定违法',
  order_performance: '责令履行',
  confirm_void: '确认原决定无效',
  dismiss_request: '驳回复议请求',
  dismiss_application: '驳回复议申请',
};

/** Outcomes of a re-examination or administrative review that undo the decision under review. */
const undoingOutcomes = new Set(['revoke', 'alter', 'confirm_unlawful', 'confirm_void']);

/** Whether this decision undoes an earlier one: of its own case (a revoked repair) or its parent's. */
export function undoesEarlierDecision(kind: NoticeDecisionKind, outcome: string | null): boolean {
  if (kind === 'repair_revoked') return true;
  return (kind === 'review_decided' || kind === 'administrative_review_decided') && undoingOutcomes.has(outcome ?? '');
}

const recordKindNames: Record<string, string> = {
  administrative_penalty: '行政处罚信息',
  serious_list_entry: '严重失信主体名单',
  court_dishonest_debtor: '失信被执行人名单',
  credit_report_negative: '征信不良信息',
  other_dishonesty: '其他失信信息',
};

const remedyNames: Record<Remedy['kind'], string> = {
  re_examination: '申请复核',
  administrative_review: '申请行政复议',
  administrative_litigation: '提起行政诉讼',
  litigation_after_review: '对行政复议决定不服，提起行政诉讼',
};

/** Everything a notice shows, in the words it shows them: stored with the notice and drawn as its PDF. */
export interface NoticeContent {
  /** The verification code (also on the public page's address). */
  code: string;
  /** The address the QR code and the printed line point to. */
  verifyUrl: string;
  title: string;
  /** When the decision was made: the PDF's creation date, so the same content gives the same file. */
  decidedAt: string;
  /** The decision day in Beijing, as printed (2026年12月2日). */
  decidedOn: string;
  caseId: string;
  /** The case type in Chinese (异议, 信用修复, …). */
  caseTypeName: string;
  /** The audit event (seq) that recorded the decision. */
  eventSeq: number;
  subject: { name: string; residentId: string | null };
  record: { kind: string; decisionNumber: string; agency: string } | null;
  decidedBy: string;
  decision: string;
  reasons: string | null;
  remedies: { name: string; window: string; lastDay: string | null }[];
}

/** The public page's answer: that the notice exists, and whether it stands now; nothing more. */
export type NoticeStanding = 'in_force' | 'superseded' | 'revoked';

/** A name shown masked: the family name and the last character (张*丰), or the family name alone (张*). */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return `${chars.join('')}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A notice's verification code from 10 random bytes: 16 Crockford base-32 characters in groups of four. */
export function formatVerificationCode(bytes: Uint8Array): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{1,4}/g)!.join('-');
}

/** The shape of a verification code, checked before anything is looked up. */
export const verificationCodePattern = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** A code as typed: upper case, ambiguous letters read as the digits they look like, spaces dropped. */
export function normalizeVerificationCode(input: string): string {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

export interface NoticeFacts {
  code: string;
  verifyUrl: string;
  caseId: string;
  caseType: string;
  caseTypeName: string;
  eventSeq: number;
  kind: NoticeDecisionKind;
  payload: Record<string, unknown>;
  decidedAt: Date;
  decidedOn: string;
  subject: { name: string; residentIdMasked: string | null };
  record: { kind: string; decisionNumber: string; agency: string } | null;
  decidedBy: string;
  remedies: readonly Remedy[];
}

/** What the notice says, from the decision and the facts around it. */
export function composeNotice(facts: NoticeFacts): NoticeContent {
  const outcome = typeof facts.payload.outcome === 'string' ? facts.payload.outcome : null;
  const words = decisionWords[facts.kind];
  return {
    code: facts.code,
    verifyUrl: facts.verifyUrl,
    title: decisionTitles[facts.kind],
    decidedAt: facts.decidedAt.toISOString(),
    decidedOn: facts.decidedOn,
    caseId: facts.caseId,
    caseTypeName: facts.caseTypeName,
    eventSeq: facts.eventSeq,
    subject: { name: maskPersonName(facts.subject.name), residentId: facts.subject.residentIdMasked },
    record: facts.record ? { ...facts.record, kind: recordKindNames[facts.record.kind] ?? facts.record.kind } : null,
    decidedBy: facts.decidedBy,
    decision: outcome ? `${words}${outcomeWords[outcome] ?? outcome}。` : words,
    reasons: reasonsOf(facts.payload),
    remedies: facts.remedies.map((r) => ({
      name: remedyNames[r.kind],
      window: windowWords(r),
      lastDay: r.lastDay ? chineseDate(r.lastDay) : null,
    })),
  };
}

/** The reasons an event gave, in whichever field its input names them. */
function reasonsOf(payload: Record<string, unknown>): string | null {
  for (const field of ['reasons', 'reason', 'note', 'answer']) {
    const value = payload[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

function windowWords(remedy: Remedy): string {
  const { amount, unit } = remedy.window;
  const span = unit === 'month' ? `${amount}个月` : unit === 'working' ? `${amount}个工作日` : `${amount}日`;
  return `自知道该决定之日起${span}内`;
}

/** 2026-12-02 → 2026年12月2日. */
export function chineseDate(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Whether a notice stands: revoked where a later decision undid it (a revoked repair, a
 * re-examination or administrative review that revoked or altered it), superseded where a
 * later decision on the same case replaced it (an accepted objection later decided), else in force.
 */
export function standingOf(
  notice: { caseId: string; eventSeq: number },
  later: readonly { caseId: string; eventSeq: number; undoes: boolean; parentCaseId: string | null }[],
): NoticeStanding {
  const after = later.filter(
    (n) => (n.caseId === notice.caseId && n.eventSeq > notice.eventSeq) || n.parentCaseId === notice.caseId,
  );
  if (after.some((n) => n.undoes)) return 'revoked';
  if (after.some((n) => n.caseId === notice.caseId)) return 'superseded';
  return 'in_force';
}
