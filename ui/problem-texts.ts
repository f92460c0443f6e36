// Every problem a service answers, in the reader's language, for the pages: the code's own
// sentence (never the service's English detail, which may name a field or a case id), the repair
// rules a record failed, and what is wrong with each field of a form (from the zod issue's kind).
// test/unit/problem-texts.test.ts walks every code, rule and kind in both languages.
import type { DomainErrorCode, InputIssue } from '../src/domain/errors.js';
import type { FailedRule } from '../src/domain/repair-eligibility.js';
import { type Locale, type Text, textIn } from './i18n.js';

export const problemTexts: Record<DomainErrorCode, Text> = {
  INVALID_INPUT: ['提交的内容有误，请按提示修改。', 'Some of what you sent is not valid; correct it as shown.'],
  UNAUTHENTICATED: ['登录已失效，请重新登录。', 'Your session has ended; log in again.'],
  FORBIDDEN: ['您的角色不能进行此操作。', 'Your role cannot do this.'],
  NOT_FOUND: ['找不到要找的内容。', 'What you asked for was not found.'],
  CASE_NOT_FOUND: ['找不到该案件，或者您无权查看。', 'The case was not found, or is not yours to see.'],
  RECORD_NOT_FOUND: ['找不到该信用记录，或者您无权查看。', 'The record was not found, or is not yours to see.'],
  TRANSITION_NOT_ALLOWED: [
    '案件目前所处的阶段不允许此操作。',
    'The case is at a stage where this action is not allowed.',
  ],
  VERSION_CONFLICT: [
    '案件已被他人更新，以下为最新情况，请确认后再操作。',
    'Someone else changed the case meanwhile; it is shown as it is now. Check it and try again.',
  ],
  VERSION_REQUIRED: ['请刷新页面后重试。', 'Reload the page and try again.'],
  OBJECTION_ALREADY_OPEN: [
    '该记录已有一件正在办理的异议，不能同时提出第二件。',
    'An objection about this record is already open; a second cannot run beside it.',
  ],
  IDEMPOTENCY_KEY_REUSED: [
    '这次提交与之前的一次提交冲突，请刷新页面后重试。',
    'This submission clashes with an earlier one; reload the page and try again.',
  ],
  CALENDAR_YEAR_MISSING: [
    '工作日历尚未载入所需年份，期限暂时无法计算；主管载入后即可继续。',
    'The working-day calendar lacks a year the deadline reaches; once a supervisor loads it, this can go on.',
  ],
  CASE_ASSIGNED_ELSEWHERE: [
    '该案件已分配给其他经办人，请先认领或请主管改派。',
    'The case is assigned to someone else; claim it first or ask a supervisor to reassign it.',
  ],
  CONFLICT_OF_INTEREST: [
    '为避免利益冲突，此操作须由另一人进行（如起草人不能批准自己的草稿）。',
    'To avoid a conflict of interest, someone else must do this (a drafter cannot approve their own draft, for one).',
  ],
  TOO_MANY_ATTEMPTS: ['尝试次数过多，请稍后再试。', 'Too many attempts; try again later.'],
  REPAIR_NOT_ELIGIBLE: ['该记录目前不能申请信用修复：', 'This record cannot be repaired now:'],
  REPEAT_OBJECTION: [
    '同一异议此前已被驳回；再次提出须说明新的事实或证据。',
    'The same objection was already dismissed; a new one must state new facts or evidence.',
  ],
  REPEAT_APPLICATION: [
    '撤回的行政复议申请不得以同一事实和理由再次提出（行政复议法第七十四条第二款）。',
    'A withdrawn application for administrative review cannot be filed again on the same facts and grounds (Administrative Review Law art. 74(2)).',
  ],
  REVIEW_WINDOW_PASSED: [
    '申请期限已过。如有正当理由耽误期限，请写明理由及起止日期。',
    'The time to apply has passed. If something kept you from applying, say what and from when to when.',
  ],
  NOT_REVIEWABLE: [
    '该决定不能申请复核。对不利决定可在 60 日内申请行政复议，或在 6 个月内提起行政诉讼。',
    'This decision cannot be re-examined. Against an adverse decision you may apply for administrative review within 60 days, or sue within 6 months.',
  ],
  ANOTHER_FORUM_DECIDES: [
    '此事项由其他机关决定（法院或征信机构），请通过“转交”提出，本平台代为转交并告知结果。',
    'Another body decides this (the court or the credit-reporting agency): file it as a referral, and xiufu passes it on and tells you the answer.',
  ],
  NOT_DEFERRABLE: [
    '该义务目前不能申请延期或分期履行。',
    'This obligation cannot be deferred or paid in instalments now.',
  ],
  APPLICATION_NOT_ELIGIBLE: [
    '所选记录中有记录目前不能申请信用修复，本次申请未提交。下面逐条列明原因；您填写的内容已保留。',
    'Some of the records chosen cannot be repaired now, so nothing was filed. Each is listed below with why; what you wrote is kept.',
  ],
};

/** The rules of repair eligibility (src/domain/repair-eligibility.ts), each as the person reads it. */
export const repairRuleTexts: Record<FailedRule['rule'], Text> = {
  repairable_kind: ['此类记录不适用信用修复程序。', 'Records of this kind are not repaired by this procedure.'],
  shown: ['该记录目前未公示，无需修复。', 'The record is not shown, so there is nothing to repair.'],
  minimum_period: ['最短公示期尚未届满。', 'The minimum display period has not yet been served.'],
  obligation_performed: [
    '记录所载义务尚未履行完毕（或按批准的分期计划尚未缴清）。',
    'The obligation on the record is not yet performed (or the granted schedule is not yet paid in full).',
  ],
  no_ban: [
    '因此前提供虚假材料或修复被撤销，目前不得申请信用修复。',
    'Because earlier material proved false or a repair was revoked, you may not apply for repair now.',
  ],
  no_open_application: ['该记录已有一件正在办理的修复申请。', 'A repair application for this record is already open.'],
  route_offered: ['所选修复方式不在本地政策提供的范围内。', 'The policy here does not offer the route chosen.'],
};

/** What is wrong with a field, by the kind of the zod issue (its English message stays for the API). */
export const inputIssueTexts: Record<string, Text> = {
  required: ['此项为必填项。', 'This is required.'],
  too_small: ['内容过短或数值过小。', 'Too short or too small.'],
  too_big: ['内容过长或数值过大。', 'Too long or too large.'],
  invalid_type: ['格式不正确。', 'Not in the right form.'],
  invalid_format: ['格式不正确。', 'Not in the right form.'],
  invalid_value: ['请从给定的选项中选择。', 'Choose one of the options given.'],
  not_multiple_of: ['数值不符合要求。', 'Not an allowed value.'],
  unrecognized_keys: ['含有不应提交的内容。', 'Holds something that should not be sent.'],
  invalid_union: ['格式不正确。', 'Not in the right form.'],
  invalid_key: ['格式不正确。', 'Not in the right form.'],
  invalid_element: ['格式不正确。', 'Not in the right form.'],
  date_window: ['日期不在允许的范围内。', 'The date is outside the range allowed.'],
  custom: ['此项不符合要求。', 'This is not acceptable.'],
  // Filing on someone's behalf and the contact phone (src/services/file-on-behalf.ts).
  authorisation_missing: [
    '请上传由信用主体签名或盖章的授权委托书，写明代理人、委托事项、权限和期限。',
    'Attach the authorisation letter the subject signed or sealed, naming the agent, the matter, the scope and the term.',
  ],
  no_matching_record: [
    '身份证号码、姓名和决定书文号不能共同对应一条记录，请对照决定书和授权委托书核对。',
    'The identity number, name and decision number do not name one record together; check them against the decision and the letter.',
  ],
  own_record: [
    '这是您本人的记录，请在“我的记录”中直接申请，无需授权委托书。',
    'This is your own record: apply from your records, without a letter.',
  ],
  phone_invalid: [
    '请填写 11 位手机号码，或带区号的固定电话（如 010-12345678）。',
    'Give an 11-digit mobile number or a landline with its area code (such as 010-12345678).',
  ],
  resident_id_invalid: [
    '居民身份证号码有误（位数、出生日期或校验码不正确）。',
    'The resident identity number is not valid.',
  ],
};

const isRepairRule = (path: string): path is FailedRule['rule'] => Object.hasOwn(repairRuleTexts, path);

/**
 * A refusal as a page says it: the code's sentence, and for a repair the rules the record
 * failed; never the service's detail (it is English and may name a field or a case id).
 */
export function problemIn(
  locale: Locale,
  error: { code: DomainErrorCode; details?: { issues?: InputIssue[] } },
): string {
  const said = textIn(locale, problemTexts[error.code]);
  // A problem with no field on the form to show it beside is said with the problem itself.
  const formless = (error.details?.issues ?? []).flatMap((issue) => {
    const text = formlessIssueTexts[issue.path];
    return text ? [textIn(locale, text)] : [];
  });
  if (formless.length > 0) return [said, ...formless].join(locale === 'zh-CN' ? '' : ' ');
  if (error.code !== 'REPAIR_NOT_ELIGIBLE') return said;
  const rules = (error.details?.issues ?? []).map((issue) => issue.path).filter(isRepairRule);
  const separator = locale === 'zh-CN' ? '' : ' ';
  return [said, ...rules.map((rule) => textIn(locale, repairRuleTexts[rule]))].join(separator);
}

/** Problems of inputs a form carries hidden ("apply again": the case whose uploads are kept). */
const formlessIssueTexts: Record<string, [string, string]> = {
  keepEvidenceOf: [
    '原申请的上传材料无法沿用：只能沿用您本人就该记录提出、且已办结的同类申请的材料。',
    'The uploads cannot be kept: only a closed application of yours, of the same kind and about this record, lends its uploads.',
  ],
};

/** A field's problem in the reader's language: English keeps the schema's own words, Chinese the kind's. */
export function issueIn(locale: Locale, issue: InputIssue): string {
  if (locale === 'en') return issue.message;
  return textIn(locale, inputIssueTexts[issue.kind ?? 'custom'] ?? inputIssueTexts.custom!);
}

/** The issues of a refusal, each in the reader's language, in the shape the forms read. */
export function issuesIn(locale: Locale, issues: InputIssue[] | undefined): InputIssue[] {
  return (issues ?? []).map((issue) => ({ ...issue, message: issueIn(locale, issue) }));
}
