// The two languages of every page: simplified Chinese and English. The locale comes from the
// lang cookie (set by the switch in the header) or else the browser's Accept-Language.
// Texts are pairs [zh-CN, en]; case-type texts live in ui/texts/<type>.ts.
import type { EngineEventName } from '../src/services/case-trail-events.js';
import type { DeadlineKey } from '../src/domain/policy.js';
import { refusalReasonCodes, refusalReasons, type RefusalReasonCode } from '../src/domain/refusal-reasons.js';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export type Text = readonly [zh: string, en: string];

export function pickLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookie === 'zh-CN' || cookie === 'en') return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function textIn(locale: Locale, text: Text): string {
  return locale === 'zh-CN' ? text[0] : text[1];
}

const messages = {
  appName: ['修复 xiufu', 'xiufu 修复'],
  tagline: ['公共信用信息异议与信用修复', 'Objections and credit repair for public credit records'],
  skipToContent: ['跳到正文', 'Skip to content'],
  language: ['语言', 'Language'],
  otherLanguage: ['English', '中文'],
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  loginFailed: ['用户名或密码错误。', 'The username or password is wrong.'],
  loginThrottled: [
    '登录失败次数过多，请 {seconds} 秒后再试。',
    'Too many failed logins; try again in {seconds} seconds.',
  ],
  demoHint: [
    '演示账号的密码均为 xiufu-demo：citizen1、citizen2、reviewer、supervisor、agency、admin。',
    'Every demo account has the password xiufu-demo: citizen1, citizen2, reviewer, supervisor, agency, admin.',
  ],
  navRecords: ['我的信用记录', 'My records'],
  navMyCases: ['我的案件', 'My cases'],
  navQueue: ['工作队列', 'Work queue'],
  navAgencyInbox: ['待本单位答复', 'Waiting for us'],
  waitingOnPlatform: ['等待各平台确认同步', 'Waiting for the platforms to acknowledge'],
  navOverview: ['总览', 'Overview'],
  navNotifications: ['通知', 'Notifications'],
  navQueues: ['任务队列', 'Job queues'],
  notificationDeadlineWarning: ['{type}即将到期：{due}', '{type} due soon: {due}'],
  notificationDeadlineBreached: ['{type}已超期（期限 {due}）', '{type} is past its deadline ({due})'],
  slaOnTrack: ['正常', 'On track'],
  slaAtRisk: ['临近期限', 'At risk'],
  slaBreached: ['已超期', 'Breached'],
  anySla: ['任何时限状态', 'Any SLA status'],
  sla: ['时限', 'SLA'],
  policyTitle: ['规则与期限', 'Policy and deadlines'],
  policyInForce: ['现行规则', 'In force'],
  effectiveFrom: ['生效于', 'effective from'],
  deadlinesTitle: ['期限', 'Deadlines'],
  step: ['环节', 'Step'],
  limit: ['期限', 'Limit'],
  countsFrom: ['起算', 'Counts from'],
  source: ['依据', 'Source'],
  unverified: ['未经核实', 'unverified'],
  months: ['个月', 'months'],
  repairRoutes: ['信用修复途径', 'Repair routes'],
  notOffered: ['未开放', 'not offered'],
  policyVersions: ['所有规则版本', 'All policy versions'],
  alsoRunning: ['同时计时（{key}）：', 'Also running ({key}):'],
  accessLogTitle: ['查询记录', 'Who viewed the data'],
  accessLogIntro: [
    '除您本人外，每一次查看您的记录、案件或证据材料的人员、时间与用途（征信业管理条例第二十二条）。',
    'Everyone other than you who looked at your records, cases or evidence, when and why (征信业管理条例 art. 22).',
  ],
  accessLogEmpty: ['还没有其他人查看过。', 'Nobody else has looked yet.'],
  accessViewCase: ['查看案件', 'viewed a case'],
  accessViewRecord: ['查看记录', 'viewed a record'],
  accessDownload: ['查看证据材料', 'opened evidence'],
  accessViewTrail: ['查看审计记录', 'viewed the audit trail'],
  accessVerifyTrail: ['核验审计记录', 'verified the audit trail'],
  accessListEvidence: ['查看证据清单', 'listed the evidence'],
  accessWhat: ['内容', 'What'],
  accessWhy: ['用途', 'Why'],
  howCounted: ['期限如何计算', 'How the deadline was counted'],
  countedFrom: [
    '自 {from} 起算（当日不计入），本段计 {amount} 个{unit}（此前已用 {used} 天）',
    'From {from} (that day not counted), {amount} {unit} in this stretch ({used} used before)',
  ],
  workingDays: ['工作日', 'working days'],
  calendarDays: ['自然日', 'calendar days'],
  holidaysPassed: ['跳过的节假日：{days}', 'Holidays passed over: {days}'],
  workedDaysCounted: ['计入的调休上班日：{days}', 'Worked weekend days counted: {days}'],
  lastDayMoved: [
    '最后一日 {from} 为休息日，顺延至 {to}（民法典第二百零三条）',
    'The last day {from} is a rest day, so it moves to {to} (民法典 art. 203)',
  ],
  endsAt: ['于 {day} 24:00（北京时间）届满', 'Ends at 24:00 on {day} (Beijing time)'],
  pausedSince: ['自 {since} 起暂停', 'Paused since {since}'],
  slaTitle: ['时限总览', 'Service levels'],
  navSla: ['时限', 'SLA'],
  weeklyFlow: ['每周受理与办结', 'Opened and closed per week'],
  weekOf: ['周（起始日）', 'Week of'],
  opened: ['受理', 'Opened'],
  closed: ['办结', 'Closed'],
  daysToDecision: ['办结用时（天）', 'Days to a decision'],
  median: ['中位数', 'Median'],
  p90: ['90% 分位', '90th percentile'],
  breachedList: ['已超期的案件', 'Breached cases'],
  calendarTitle: ['工作日历', 'Working-day calendar'],
  calendarYears: ['已载入的年份', 'Years loaded'],
  calendarDaysOf: ['{year} 年的节假日与调休', 'Holidays and worked days of {year}'],
  holiday: ['节假日', 'Holiday'],
  workedDay: ['调休上班', 'Worked day'],
  loadYear: ['载入或替换一年', 'Load or replace a year'],
  loadYearHint: [
    '按国务院办公厅当年通知填写，每行一天：日期、holiday 或 workday、名称，以空格分隔。载入后，等待该年份的期限会自动计算。',
    'From the State Council’s notice for the year, one day per line: date, holiday or workday, name, separated by spaces. Deadlines waiting for the year are computed once it is loaded.',
  ],
  year: ['年份', 'Year'],
  notice: ['通知文号', 'Notice'],
  calendarLines: ['日期', 'Days'],
  calendarLoaded: [
    '已载入 {days} 天；{cases} 个案件的期限已计算。',
    'Loaded {days} days; the deadlines of {cases} cases were computed.',
  ],
  signedInAs: ['当前用户', 'Signed in as'],
  // records
  recordsTitle: ['我的信用记录', 'My credit records'],
  exportMyData: ['下载我的全部数据（JSON）', 'Download all my data (JSON)'],
  recordsIntro: [
    '以下是公共信用平台上关于您的记录。如有错误，可以对其提出异议。',
    'These are the records about you on the public credit platforms. If one is wrong, you can object to it.',
  ],
  noRecords: ['没有关于您的记录。', 'There are no records about you.'],
  kind: ['类别', 'Kind'],
  class: ['严重程度', 'Severity'],
  domain: ['领域', 'Domain'],
  status: ['状态', 'Status'],
  agency: ['认定单位', 'Agency'],
  subject: ['信用主体', 'Subject'],
  residentIdNumber: ['身份证号码', 'Resident ID number'],
  residentIdMaskedNote: ['（部分隐藏）', '(partly hidden)'],
  decision: ['决定文书', 'Decision'],
  decisionDate: ['决定日期', 'Decision date'],
  facts: ['事实', 'Facts'],
  legalBasis: ['依据', 'Legal basis'],
  obligation: ['义务', 'Obligation'],
  obligationPerformed: ['义务已履行', 'Obligation performed'],
  displayPeriod: ['公示期', 'Display period'],
  repairableFrom: ['可申请修复日', 'Repair possible from'],
  version: ['版本', 'Version'],
  versionHistory: ['版本历史', 'Version history'],
  changedFields: ['变更内容', 'What changed'],
  changeReason: ['原因', 'Reason'],
  recorded: ['录入', 'Recorded'],
  viewRecord: ['查看记录', 'View record'],
  fileObjection: ['提出异议', 'Object to this record'],
  objectionOpen: ['异议处理中', 'Objection open'],
  applyForRepair: ['申请信用修复', 'Apply for credit repair'],
  // Records decided by another forum (src/domain/forums.ts): where they go, why no repair.
  fileReferral: ['提出异议（转交{forum}）', 'Object to this record (sent to {forum})'],
  whereItGoes: ['异议由谁处理', 'Where an objection goes'],
  decidedElsewhere: [
    '对本记录的异议由{forum}审查决定，本平台不作决定：本平台代为转交，记录转交情况和答复，并通知您。',
    'An objection to this record is decided by {forum}, not here: xiufu sends it there, records what was sent and the answer, and tells you.',
  ],
  referralOpen: ['本记录的转交办理中', 'A referral of this record is open'],
  notRepairable: ['不适用信用修复', 'Credit repair does not apply'],
  whatYouCanDo: ['您可以', 'What you can do'],
  periodByCourt: ['公布期限', 'How long it is listed'],
  sourceLabel: ['依据', 'Source'],
  recordedBy: ['记录人', 'Recorded by'],
  policyNumbers: ['其他数值及依据', 'Other numbers and their sources'],
  policyBanMonths: ['提供虚假材料后不得申请修复的期限', 'No repair after false material for'],
  policyReviewWindow: ['复核申请期限', 'Re-examination: apply within'],
  policyReviewExtension: ['复核延长期限', 'Re-examination: extension'],
  policyCreditReportKept: ['征信不良信息保存期限', 'Credit-report information kept for'],
  policyDecidedBy: ['异议由谁决定', 'Objections decided by'],
  applyForDeferral: ['申请延期或分期缴纳', 'Apply to defer or pay by instalments'],
  scheduleTitle: ['批准的缴纳期限', 'The granted schedule'],
  scheduleDueOn: ['缴纳期限', 'Due on'],
  scheduleAmount: ['金额（元）', 'Amount (CNY)'],
  schedulePaidOn: ['已缴纳', 'Paid on'],
  scheduleUnpaid: ['未缴纳', 'Not paid'],
  scheduleStatusKept: ['按期履行中（按期缴纳视为按时履行）', 'Being kept (paying on the schedule counts as on time)'],
  scheduleStatusMissed: ['有一期逾期未缴，延期已失效', 'An instalment was missed: the deferral has lapsed'],
  scheduleStatusCompleted: ['已按批准的期限履行完毕（按时履行）', 'Performed on the granted schedule (on time)'],
  scheduleCase: ['延期案件', 'The deferral case'],
  // credit-report records (征信业管理条例 arts. 16–18): not public credit information
  creditReportsTitle: ['征信记录', 'Credit-report records'],
  creditReportsIntro: [
    '以下记录来自征信系统，不属于公共信用信息，不予公示，仅经您本人书面同意方可查询。自不良行为或者事件终止之日起保存5年，期满删除（征信业管理条例第十六条至第十八条）。',
    'These records come from the credit-reporting system. They are not public credit information and are never published; they may be queried only with your written consent. They are kept 5 years from the day the conduct ended, then deleted (征信业管理条例 arts. 16–18).',
  ],
  conductEndedOn: ['不良行为终止日', 'Conduct ended on'],
  keptUntil: ['保存至', 'Kept until'],
  deletedOn: ['已于 {date} 删除', 'Deleted on {date}'],
  deletedNote: [
    '保存期满，记录内容及其全部历史版本已删除（征信业管理条例第十六条）。',
    'The keeping period ended: the record’s content and every earlier version of it were deleted (征信业管理条例 art. 16).',
  ],
  addExplanation: ['添加自主解释', 'Add a self-explanation'],
  applyForReview: ['申请复核', 'Ask for re-examination'],
  recordAdministrativeReview: ['登记已提出的行政复议申请', 'Record the administrative review you applied for'],
  explanationShown: ['本人说明：', 'The subject’s statement:'],
  // --- record page: objections kept on record, display rules (issue 15 items 4 and 5) ---
  objectionsOnRecord: ['记载在案的异议', 'Objections kept on record'],
  objectionsOnRecordWhy: [
    '以下异议经核查未能解决，异议内容及核查情况依照《征信业管理条例》第二十五条予以记载，与本信息一并保存。',
    'These objections could not be resolved after verification; their content and the verification are kept on record beside this record (征信业管理条例 art. 25).',
  ],
  objectionOnRecordObjection: ['异议内容', 'The objection'],
  objectionOnRecordVerification: ['核查情况', 'The verification'],
  objectionOnRecordNoVerification: ['认定单位未作答复', 'The agency gave no answer'],
  objectionOnRecordReasons: ['未能解决的原因', 'Why it could not be resolved'],
  displayCountsFromFinding: [
    '公示期限自认定之日起计算（《信用修复管理办法》）。',
    'The display period counts from the date of the finding (NDRC Order 36).',
  ],
  displayCountsFromPublication: ['公示期限自公示之日起计算。', 'The display period counts from publication.'],
  displayStaysUntilPerformed: [
    '相关义务履行完毕前，达到最长公示期后仍按认定单位的规定继续公示。',
    'Until the obligation is performed, the record stays published past the maximum period, by the department’s rule.',
  ],
  displayRulesAtFinding: [
    '本记录的公示期适用认定之日（{date}）施行的规则：{title}（{id}）。',
    'This record’s display period follows the rules in force on the day of its finding ({date}): {title} ({id}).',
  ],
  displayRulesNational: [
    '本地规则当日尚未施行，适用当日施行的全国规则。',
    'The local rules were not yet in force that day: the national rules of that day apply.',
  ],
  displayRulesEarliest: [
    '认定之日早于本系统所载最早的规则版本，按最早的版本计算（此前的规则未载入）。',
    'The finding predates the earliest rules held here: the earliest version is applied (the rules before it are not loaded).',
  ],
  withdrawConfirm: [
    '我确认撤回本申请。撤回后案件即告终结，不再处理；需要时须重新提出。',
    'I confirm that I withdraw. The case then ends and is not decided; to pursue it again I must file anew.',
  ],
  withdrawConfirmMissing: ['请勾选确认后再撤回。', 'Tick the confirmation to withdraw.'],
  filesChooseAgain: [
    '提交未成功：您选择的文件没有保存，请重新选择后再提交。',
    'The submission failed: the files you chose were not kept. Choose them again before you submit.',
  ],
  displayEndedTitle: ['公示已结束', 'Public display ended'],
  displayEndedCase: ['查看办理案件', 'See the case'],
  displayEndedOn: [
    '本记录已于 {date} 结束公示（{status}）。',
    'Public display of this record ended on {date} ({status}).',
  ],
  displayEndedPlatforms: ['各平台停止公示的确认情况：', 'Whether each platform confirmed the stop:'],
  platformStopConfirmed: ['已确认（{date}）', 'confirmed ({date})'],
  platformStopPending: ['尚未确认', 'not yet confirmed'],
  noPlatformsToTell: ['没有登记需要通知的平台。', 'No platform is registered to be told.'],
  notPublishedInPrinciple: ['原则上不予公示', 'not published in principle'],
  atMaximumUnperformed: [
    '达到最长公示期但相关义务未履行完毕的：',
    'At the maximum period, where the obligation is still unperformed:',
  ],
  atMaximumExpires: ['停止公示', 'publication ends'],
  atMaximumStays: ['履行完毕前继续公示', 'stays published until performed'],
  policySuperseded: [
    '已由更正后的版本取代，仅适用于此前按其办理的案件',
    'replaced by a corrected version; applies only to the cases opened under it',
  ],
  // --- end of record page additions ---
  linkedCases: ['关联案件', 'Linked cases'],
  linkedParent: ['源自', 'Follows from'],
  linkedChild: ['后续案件', 'Led to'],
  noLinkedCases: ['没有关联案件。', 'No linked cases.'],
  evidenceLedger: ['修复进度', 'Progress toward repair'],
  // ---- repair v2: the finding department's decision on the case page ----
  repairDecisionHeading: ['认定单位的决定', 'The finding department’s decision'],
  repairDecisionExtended: [
    '案情复杂，决定期限延长{days}个工作日：',
    'A complex case: the time to decide was extended by {days} working days:',
  ],
  repairDecidedByDepartment: ['认定单位的理由', 'The department’s reasons'],
  objectToRepairResult: ['对修复结果提出异议', 'Object to the result of this repair'],
  policyExtension: ['案情复杂的可延长{days}{unit}：', 'A complex case may be extended by {days} {unit}:'],
  repairTakesEffect: [
    '修复生效：终止公示、停止共享和使用，并通知各平台依法解除相关失信惩戒措施（《信用修复管理办法》第三条）。',
    'The repair takes effect: publication and sharing stop, and every platform is told to lift the related measures (Credit Repair Measures, NDRC Order No. 36, art. 3).',
  ],
  ledgerProgress: ['{route}：{shown} / {threshold} {unit}', '{route}: {shown} of {threshold} {unit}'],
  // Repair v4 (issue 16 item 9): an entry removed by mistake stays in the ledger, struck through.
  ledgerEntries: ['已录入的材料', 'Entries in the ledger'],
  ledgerRemoved: ['已删除，不计入门槛。原因：{reason}', 'Removed; it no longer counts. Why: {reason}'],
  propagation: ['平台同步', 'Platforms'],
  propagationPending: ['待确认', 'pending'],
  propagationAcknowledged: ['已确认', 'acknowledged'],
  propagationAttempts: ['已尝试 {n} 次，最近错误：{error}', '{n} attempts, last error: {error}'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  none: ['无', 'None'],
  // cases
  casesTitle: ['案件', 'Cases'],
  myCasesTitle: ['我的案件', 'My cases'],
  queueTitle: ['工作队列', 'Work queue'],
  agencyInboxTitle: ['待本单位答复的案件', 'Cases waiting for our answer'],
  agencyAllTitle: ['涉及本单位记录的全部案件', 'All cases about our records'],
  noCases: ['没有符合条件的案件。', 'No cases match.'],
  caseType: ['案件类型', 'Case type'],
  state: ['阶段', 'Stage'],
  openedAt: ['受理时间', 'Opened'],
  dueAt: ['期限', 'Due'],
  assignee: ['经办人', 'Assignee'],
  unassigned: ['未分配', 'Unassigned'],
  mine: ['我的', 'Mine'],
  all: ['全部', 'All'],
  filter: ['筛选', 'Filter'],
  sort: ['排序', 'Sort'],
  sortNewest: ['最新', 'Newest'],
  sortOldest: ['最早（按时长）', 'Oldest (age)'],
  sortDue: ['期限最近', 'Due soonest'],
  statusOpen: ['办理中', 'Open'],
  statusClosed: ['已办结', 'Closed'],
  anyState: ['任何阶段', 'Any stage'],
  anyType: ['任何类型', 'Any type'],
  anyAgency: ['任何单位', 'Any agency'],
  open: ['打开', 'Open'],
  caseTitle: ['案件', 'Case'],
  now: ['现在', 'Now'],
  waitingOnReviewer: ['等待经办人处理', 'Waiting for a reviewer'],
  waitingOnSupervisor: ['等待负责人审批', 'Waiting for a supervisor’s approval'],
  waitingOnAgency: ['等待认定单位核实', 'Waiting for the agency to verify'],
  waitingOnCitizen: ['等待您补充材料', 'Waiting for your material'],
  waitingOnCitizenStaff: ['等待申请人补充材料', 'Waiting for the applicant’s material'],
  waitingOnNobody: ['已办结', 'Closed'],
  waitingOnReviewBody: ['等待复议机关办理', 'Waiting for the review body'],
  askedOfYou: ['需要您', 'Asked of you'],
  clockPaused: ['期限暂停计算，直至材料补齐。', 'The deadline is paused until the material arrives.'],
  dueBy: ['办理期限：{due}（北京时间）', 'Due by {due} (Beijing time)'],
  dueIn: ['剩余 {days} 个{unit}', '{days} {unit} left'],
  overdue: ['已超期 {days} 天', '{days} days overdue'],
  dueUnknown: [
    '无法计算期限：{year} 年的节假日安排尚未载入。',
    'The deadline cannot be computed: the {year} holiday calendar is not loaded yet.',
  ],
  noDeadlineNow: ['本阶段不计期限。', 'No deadline runs in this stage.'],
  deadlineStopped: ['期限已停止（案件已办结）。', 'The deadline stopped (the case is closed).'],
  deadlineSource: ['依据：{source}', 'Source: {source}'],
  policyVersion: ['适用规则版本', 'Rules version'],
  outcome: ['结果', 'Outcome'],
  actions: ['可以进行的操作', 'What you can do now'],
  noActions: ['现在没有需要您进行的操作。', 'There is nothing for you to do now.'],
  claim: ['认领此案件', 'Claim this case'],
  claimHint: ['此案件尚未分配。认领后由您办理。', 'This case is not assigned yet. Claim it to work on it.'],
  assignedTo: ['由 {name} 办理', 'Worked by {name}'],
  assignedElsewhere: [
    '此案件由其他经办人办理；如需接手，请负责人重新分配。',
    'Another reviewer works this case; a supervisor can reassign it.',
  ],
  reassign: ['重新分配', 'Reassign'],
  reassignTo: ['分配给', 'Assign to'],
  reassignReason: ['重新分配的原因', 'Reason for the reassignment'],
  submit: ['提交', 'Submit'],
  files: [
    '证据材料（PDF、PNG、JPEG，每个不超过 10 MB，最多 5 个）',
    'Evidence (PDF, PNG or JPEG, up to 10 MB each, at most 5)',
  ],
  optional: ['选填', 'optional'],
  required: ['必填', 'required'],
  record: ['涉及的记录', 'The record'],
  evidence: ['证据材料', 'Evidence'],
  noEvidence: ['没有证据材料。', 'No evidence.'],
  timeline: ['办理过程', 'Timeline'],
  lifecycle: ['流程图', 'Lifecycle'],
  lifecycleDescription: ['当前阶段：{state}。已经过：{path}。', 'Current stage: {state}. Path so far: {path}.'],
  auditChain: ['审计链', 'Audit chain'],
  auditValid: [
    '审计链完整：{n} 条记录的哈希全部核对一致。',
    'The audit chain verifies: all {n} entries match their hashes.',
  ],
  auditBroken: [
    '审计链被破坏：第 {seq} 条起不一致（{reason}）。',
    'The audit chain is broken from entry {seq} ({reason}).',
  ],
  doneFlash: ['已完成：{action}', 'Done: {action}'],
  conflictFlash: [
    '案件已被他人更新，您的操作没有执行。以下是案件的最新情况。',
    'The case changed before your action arrived, so nothing was done. This is the case as it is now.',
  ],
  notAllowedFlash: ['此操作现在不允许：{detail}', 'That action is not allowed now: {detail}'],
  fixErrors: ['请修改以下内容：', 'Please correct the following:'],
  by: ['操作人', 'By'],
  at: ['时间', 'At'],
  roleCitizen: ['信用主体', 'Subject'],
  roleReviewer: ['经办人', 'Reviewer'],
  roleSupervisor: ['负责人', 'Supervisor'],
  roleAgency: ['认定单位', 'Agency'],
  roleAdmin: ['管理员', 'Administrator'],
  roleSystem: ['系统', 'xiufu'],
  roleReviewBody: ['复议机关', 'Review body'],
  eventFiled: ['提交', 'Filed'],
  eventClaimed: ['认领', 'Claimed'],
  eventReassigned: ['重新分配', 'Reassigned'],
  // notifications
  notificationsTitle: ['通知', 'Notifications'],
  noNotifications: ['没有通知。', 'No notifications.'],
  notificationMaterialRequested: [
    '您的{type}需要补充材料：{requested}',
    'More material is needed for your {type}: {requested}',
  ],
  notificationMaterialDue: ['请于{due}前提交。', 'Please supply it by {due}.'],
  notificationCaseClosed: ['您的{type}已办结，结果：{outcome}', 'Your {type} was closed: {outcome}'],
  notificationReferralSent: [
    '您的{type}已于{sentOn}转交{sentTo}，答复后将通知您',
    'Your {type} was sent to {sentTo} on {sentOn}; you will be told when it answers',
  ],
  notificationDeferralGranted: [
    '认定单位已批准您的{type}，共 {count} 期；请按记录页面所示期限缴纳。',
    'The agency granted your {type} in {count} instalment(s); pay by the dates the record shows.',
  ],
  notificationInstalmentMissed: [
    '{due} 到期的一期（{amount} 元）未登记缴纳，延期已失效，其余款项已逾期。',
    'The instalment due {due} (CNY {amount}) was not recorded as paid: the deferral has lapsed and the rest is overdue.',
  ],
  // ---- repair: what a closing notice adds (the department's reasons, a bar on repair) ----
  notificationReasons: ['。理由：{reasons}', '. Reasons: {reasons}'],
  notificationRepairBan: [
    '。自决定之日起{months}个月内不得再申请信用修复',
    '. You may not apply for credit repair again for {months} months from the decision',
  ],
  unread: ['未读', 'unread'],
  // overview
  overviewTitle: ['总览', 'Overview'],
  overviewFiguresAsOf: [
    '统计数字截至 {at}（每分钟更新；待审批和最早的案件为实时）。',
    'Counts as of {at} (renewed every minute; what awaits approval and the oldest cases are live).',
  ],
  openByTypeAndState: ['办理中的案件（按类型和阶段）', 'Open cases by type and stage'],
  openByAgency: ['按认定单位', 'By agency'],
  openByAssignee: ['按经办人', 'By reviewer'],
  oldestOpen: ['办理时间最长的案件', 'Oldest open cases'],
  awaitingApproval: ['等待您审批的案件', 'Waiting for your approval'],
  nothingAwaitsApproval: ['没有等待审批的案件。', 'Nothing waits for approval.'],
  count: ['数量', 'Count'],
  oldestSince: ['最早受理', 'Oldest since'],
  // errors
  tooLargeTitle: ['提交的内容过大', 'Too large to accept'],
  tooLargeBody: [
    '一次提交最多 {mb} MB，包括所有附件。请减少或压缩文件后重试，已填写的内容未被保存。',
    'One submission takes at most {mb} MB, attachments included. Send fewer or smaller files; nothing from this submission was saved.',
  ],
  badRequestTitle: ['请求无法处理', 'This request cannot be handled'],
  badRequestBody: [
    '请求的格式不正确，未作任何更改。请返回上一页重试。',
    'The request was not in a form xiufu can handle; nothing was changed. Go back and try again.',
  ],
  badAddressBody: [
    '网址中含有无法处理的字符（如空字符）。请检查链接后重试。',
    'The address holds a character xiufu cannot handle (such as a NUL). Check the link and try again.',
  ],
  pagesLabel: ['翻页', 'Pages'],
  nextPage: ['下一页', 'Next page'],
  firstPage: ['回到第一页', 'First page'],
  slaFiguresAsOf: [
    '统计数字截至 {at}（每分钟更新；超期清单为实时）。',
    'Counts as of {at} (renewed every minute; the breached list is live).',
  ],
  notFoundTitle: ['找不到页面', 'Page not found'],
  notFoundBody: [
    '您要找的内容不存在，或者您无权查看。',
    'What you are looking for does not exist, or is not yours to see.',
  ],
  forbiddenTitle: ['无权操作', 'Not allowed'],
  forbiddenBody: ['您的角色不能进行此操作。', 'Your role cannot do this.'],
  errorTitle: ['出错了', 'Something went wrong'],
  errorBody: [
    '我们这边出了问题。请稍后再试；反馈时请提供请求编号 {id}。',
    'Something went wrong on our side. Please try again later; quote request id {id} if you report it.',
  ],
  unavailableTitle: ['暂时无法使用', 'Not available just now'],
  unavailableBody: ['此功能暂时无法使用，请稍后再试。', 'This is not available just now; try again later.'],
  queuesUnavailableBody: [
    '任务队列所在的 Redis 暂时无法连接，因此无法显示队列。期限以数据库为准，Redis 恢复后会自动重新排队，不会遗漏。请稍后再试。',
    'The Redis that holds the job queues does not answer, so the queues cannot be shown. Deadlines are kept in the database and are queued again by themselves once Redis is back; none is lost. Try again later.',
  ],
  backHome: ['返回首页', 'Back to the start'],
  csrfFailed: ['表单已过期，请刷新页面后重试。', 'The form has expired; reload the page and try again.'],
  // ---- a bar on repair, and its lifting by a review that went the person's way ----
  notificationRepairBanLifted: [
    '因复核或行政复议的决定，您的信用修复申请限制（原定至 {until}）已解除，可以再次申请信用修复。',
    'Following a re-examination or administrative review decision, the bar on your credit repair applications (until {until}) is lifted; you may apply again.',
  ],
  repairBanned: ['信用修复申请受限', 'Credit repair barred'],
  repairBannedUntil: [
    '因此前提供虚假材料或修复被撤销，{until} 前不得申请信用修复。理由：{reason}',
    'Because earlier material proved false or a repair was revoked, you may not apply for credit repair before {until}. Reasons: {reason}',
  ],
  repairBanLifted: [
    '原定至 {until} 的信用修复申请限制已于 {on} 解除（复核或行政复议决定）。',
    'The bar on credit repair until {until} was lifted on {on} (a re-examination or administrative review decision).',
  ],
  repairBanCase: ['相关案件', 'The case'],
  // ---- a referral's answer on the record ----
  notificationRecordChangedByForum: [
    '{forum}已{outcome}该记录（{on}）；记录已随之更新。',
    '{forum} {outcome} the record ({on}); the record now shows it.',
  ],
  forumAnswers: ['受理机关的答复', 'Answers of the forum that decides'],
  forumAnswerLine: ['{on}，{forum}：{outcome}', '{on}, {forum}: {outcome}'],
  forumReference: ['文号', 'Reference'],
  forumAnswerText: ['答复内容', 'The answer'],
  // ---- the court list's period by the paragraph of art. 1 (SPC rules 2017) ----
  courtListParagraph: ['列入依据', 'Listed under'],
  courtListParagraphValue: [
    '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（{n}）项',
    'SPC Provisions on the List of Dishonest Judgment Debtors (2017) art. 1({n})',
  ],
  courtListNoFixedTerm: [
    '无固定期限：履行义务后由法院在三个工作日内删除（第二条、第十条）',
    'No fixed term: the court deletes the entry within 3 working days after performance (arts. 2, 10)',
  ],
  courtListTermUntil: [
    '至 {until}（两年，法院可延长一至三年；履行后三个工作日内删除，第二条、第十条）',
    'Until {until} (2 years, which the court may extend by 1–3 years; deleted within 3 working days after performance, arts. 2, 10)',
  ],
  // ---- the respondent's receipt of the copy (行政复议法 art. 48) and of the notice to supplement (art. 31) ----
  waitingForService: ['等待送达', 'Waiting for service'],
  waitingForServiceNote: [
    '期限自收到之日起计算，尚未登记送达日期。',
    'The period counts from receipt, which has not been recorded yet.',
  ],
  accessDownloadNotice: ['下载决定通知书', 'downloaded a decision notice'],
  noticesTitle: ['决定通知书', 'Decision notices'],
  noticesIntro: [
    '每项决定都有一份书面通知书（PDF），可出示给银行或信用服务机构；对方可凭核验码在线核验。',
    'Every decision has a written notice (PDF) you can show a bank or a credit platform; they can check it online with its verification code.',
  ],
  noticeDownload: ['下载 {title}（PDF）', 'Download {title} (PDF, in Chinese)'],
  noticeCode: ['核验码', 'Verification code'],
  noticeIssued: ['作出日期', 'Decided on'],
  verifyTitle: ['核验决定通知书', 'Verify a decision notice'],
  verifyIntro: [
    '输入通知书上的核验码，即可确认该通知书是否真实以及目前是否有效。本页面只显示核验所必需的信息。',
    'Enter the verification code printed on the notice to confirm that it is genuine and whether it still stands. This page shows only what a check needs.',
  ],
  verifyCodeLabel: ['核验码（如 ABCD-EFGH-JKMN-PQRS）', 'Verification code (e.g. ABCD-EFGH-JKMN-PQRS)'],
  verifySubmit: ['核验', 'Verify'],
  verifyNotFound: [
    '没有与该核验码对应的通知书。请核对后重新输入。',
    'No notice has this code. Check it and try again.',
  ],
  verifyGenuine: ['该通知书真实有效地由本系统出具。', 'This notice was issued by this system.'],
  verifyStatus: ['当前状态', 'Status now'],
  verifyDecision: ['决定内容', 'Decision'],
  verifySubject: ['信用主体', 'Subject'],
  verifyRecord: ['涉及信用信息', 'Record concerned'],
  verifyDecidedBy: ['决定机关', 'Decided by'],
  verifyCaseType: ['事项', 'Matter'],
  verifyHash: ['文件校验值（SHA-256）', 'File checksum (SHA-256)'],
  verifyNoteLanguage: [
    '通知书正文为中文；此处的决定内容按通知书原文显示。',
    'The notice itself is in Chinese; the decision is shown as the notice words it.',
  ],
  standingInForce: ['有效', 'In force'],
  standingRepairInForce: ['修复有效', 'Repair in force'],
  standingSuperseded: ['已被后续决定取代', 'Replaced by a later decision'],
  standingRevoked: ['已撤销', 'Revoked'],
  verifyThrottled: ['查询过于频繁，请 {seconds} 秒后再试。', 'Too many checks; try again in {seconds} seconds.'],
  freeFilingTitle: ['免费办理，无需中介', 'Free of charge, no agent needed'],
  freeFilingBody: [
    '信用修复不收取任何费用。异议和信用修复均可由本人直接在本系统免费申请，不需要委托任何中介或“代办”机构；任何机构或个人以“快速修复”“内部渠道”为名收费，都不可信。',
    'Credit repair costs nothing. You can file an objection or a repair yourself, here, free of charge; no agent or middleman is needed, and anyone who charges for a "fast repair" or an "inside channel" is not to be trusted.',
  ],
  freeFilingReport: [
    '如有人向您收费或索要证件、验证码，请向当地发展改革部门（社会信用体系建设牵头部门）或拨打 12345 政务服务便民热线举报；涉及诈骗的，请向公安机关报案（110）。',
    'If anyone asks you for money, your ID or a verification code, report it to the local development and reform department (which leads the social credit system) or the 12345 government service hotline; if it is a fraud, call the police (110).',
  ],
  twoProceduresTitle: [
    '征信异议与信用修复是两回事',
    'A credit-report objection and credit repair are different procedures',
  ],
  twoProceduresCreditReport: [
    '征信异议：针对征信报告（个人信用报告）中银行等金融机构报送的信息，由中国人民银行征信中心或报送该信息的机构核查处理；本系统不作决定，只能代为转交并记录答复。',
    'Credit-report objection (征信异议): about what banks and other lenders reported into your credit report; the Credit Reference Center of the People’s Bank of China or the lender that reported it checks and decides it. This system decides nothing there: it can only pass your objection on and record the answer.',
  ],
  twoProceduresRepair: [
    '信用修复：针对行政机关认定并公示的公共信用信息（如行政处罚信息），在本系统向认定单位申请；对记录内容有误提出的异议，也在本系统办理。',
    'Credit repair (信用修复): about public credit information an authority found and published (an administrative penalty, say); you apply here, to the department that made the finding. An objection that such a record is wrong is also filed here.',
  ],
  caseFiledBy: ['申请人（提交人）', 'Filed by'],
  caseFiledOnBehalf: ['非信用主体本人', 'someone other than the subject'],
  caseFiledBySubject: ['信用主体本人', 'the subject in person'],
  agentFlagsTitle: ['疑似有偿代办', 'Possible paid agents'],
  agentFlagsIntro: [
    '同一账号、地址或电话为 {threshold} 个以上不同信用主体提交申请的，列于此处供核查（阈值为政策设定，未经法规核实）。',
    'An account, address or phone number that filed for {threshold} or more different subjects is listed here to be looked into (a policy threshold, not verified against any rule).',
  ],
  agentFlagsNone: ['目前没有达到阈值的情况。', 'Nothing has reached the threshold.'],
  agentFlagBy: ['来源', 'Source'],
  agentFlagSubjects: ['不同信用主体数', 'Different subjects'],
  agentFlagCases: ['所涉案件', 'Cases'],
  agentFlagAccount: ['账号', 'Account'],
  agentFlagAddress: ['网络地址', 'Address'],
  agentFlagPhone: ['电话', 'Phone'],
  // Filing on someone else's behalf (issue 16 item 6; 民法典 arts. 161–165).
  onBehalfFiledBy: ['由 {name} 代为申请', 'Filed on the subject’s behalf by {name}'],
  onBehalfRelationIs: ['与信用主体的关系：{relation}', 'relation to the subject: {relation}'],
  relationSpouse: ['配偶', 'spouse'],
  relationParent: ['父母', 'parent'],
  relationChild: ['子女', 'child'],
  relationRelative: ['其他近亲属', 'other relative'],
  relationEmployee: ['所在单位工作人员', 'member of staff of the subject’s organisation'],
  relationLawyer: ['律师', 'lawyer'],
  relationOther: ['其他受托人', 'other person authorised'],
  contactPhone: ['联系电话', 'Contact phone'],
  contactPhoneHint: [
    '选填。手机号码（11 位）或带区号的固定电话，如 010-12345678；仅用于就本申请与您联系。',
    'Optional. A mobile number (11 digits) or a landline with its area code, such as 010-12345678; used only to reach you about this application.',
  ],
  authorisationRejectedTitle: ['授权委托书经审核无效：', 'The authorisation letter was found not valid:'],
  authorisationRejectTitle: ['授权委托书是否有效', 'Is the authorisation valid?'],
  authorisationRejectHelp: [
    '本案由他人代为申请。授权委托书应载明代理人姓名、委托事项、权限和期限，并由委托人签名或盖章（民法典第一百六十五条）。不符合的，可在受理审查时以此为由不予受理，理由将告知申请人和信用主体。',
    'Someone filed this case on the subject’s behalf. The letter must name the agent, the matter, the scope and the term, signed or sealed by the subject (Civil Code art. 165). If it does not, reject the filing at intake on that ground; the filer and the subject are told why.',
  ],
  authorisationRejectReason: ['授权委托书存在的问题', 'What is wrong with the letter'],
  authorisationRejectButton: ['认定授权无效，不予受理', 'Reject: the authorisation is not valid'],
  onBehalfLink: ['为他人代为申请', 'File for someone else'],
  onBehalfTitle: ['为他人代为申请', 'File for someone else'],
  onBehalfIntro: [
    '您可以受信用主体（如家人，或您所在单位）委托代为申请。须上传由其签名或盖章的授权委托书，写明代理人姓名、委托事项、权限和期限（民法典第一百六十一条至第一百六十五条）。工作人员在受理时审核委托书；无效的，不予受理。可代为提出异议或提交自主解释；信用修复须由信用主体本人申请。',
    'You may file for a subject who has authorised you (a family member, say, or the organisation you work for). Upload the authorisation letter they signed or sealed, naming you, the matter, the scope and the term (Civil Code arts. 161–165). Staff check the letter at intake; a filing with a letter that is not valid is rejected. You may file an objection or an explanation this way; credit repair is applied for by the subject in person.',
  ],
  onBehalfPrivacy: [
    '您只能看到您代为提交的这件申请，看不到信用主体的其他记录和案件；信用主体本人也能看到这件申请。申请免费，无需中介；为多名不同信用主体申请的，系统会提示主管核查。',
    'You see only the application you file, never the subject’s other records or cases; the subject sees it too. Filing is free and needs no intermediary; filing for many different subjects is shown to supervisors to look into.',
  ],
  onBehalfOrganisations: [
    '本系统的信用主体目前仅为自然人（以居民身份证号码识别）；代单位申请请联系信用中心。',
    'Subjects in this system are currently people (known by their resident identity number); to file for an organisation, contact the credit centre.',
  ],
  onBehalfType: ['申请事项', 'What you apply for'],
  onBehalfSubject: ['信用主体与记录', 'The subject and the record'],
  onBehalfSubjectResidentId: ['信用主体的居民身份证号码', 'The subject’s resident identity number'],
  onBehalfSubjectName: ['信用主体的姓名', 'The subject’s name'],
  onBehalfDecisionNumber: ['记录所依据的决定书文号', 'The decision number of the record'],
  onBehalfDecisionNumberHint: [
    '见信用主体交给您的处罚决定书等文书。',
    'As printed on the decision the subject gave you.',
  ],
  onBehalfRelation: ['您与信用主体的关系', 'Your relation to the subject'],
  onBehalfLetter: ['授权委托书（必须上传）', 'Authorisation letter (required)'],
  onBehalfLetterHint: [
    '由信用主体签名（单位盖章）的授权委托书扫描件或照片：PDF、PNG、JPEG 或 WebP。',
    'A scan or photo of the letter the subject signed (or the organisation sealed): PDF, PNG, JPEG or WebP.',
  ],
  onBehalfSubmit: ['代为提交', 'File on their behalf'],
  authorisationLetter: ['授权委托书', 'Authorisation letter'],
  // When a record may be repaired (issue 16 item 1): the first day an application is accepted.
  repairWaitTitle: ['何时可以申请信用修复', 'When you can apply for credit repair'],
  repairWaitCountdown: ['可在 {date} 起申请，还有 {days} 天', 'You can apply from {date}, in {days} days'],
  repairWaitCountdownOne: ['可在 {date} 起申请，还有 1 天', 'You can apply from {date}, tomorrow'],
  repairWaitRule: [
    '依据：{class}失信信息最短公示期为 {months} 个月，自{from}起算，期满之日 24 时届满；期满后的次日起受理修复申请。',
    'The rule: the minimum display period for {class} records is {months} months, counted from {from}; it ends at 24:00 of its last day, and applications are accepted from the next day.',
  ],
  repairWaitFromFinding: ['认定之日（决定日期）', 'the day of the finding (the decision date)'],
  repairWaitFromPublication: ['公示之日', 'the day of publication'],
  // A refusal one can act on (issue 16 item 3): why, the officer's words, what to do now.
  decisionTitle: ['决定及理由', 'The decision and why'],
  decisionReasonCode: ['原因', 'Why'],
  decisionWords: ['经办人说明', 'In the officer’s words'],
  decisionWhatToDo: ['您现在可以怎么做', 'What you can do now'],
  applyAgain: ['重新申请', 'Apply again'],
  applyAgainNote: [
    '新的申请会带入本次的内容和已上传的材料（引用同一文件，无需重新上传），提交前可以修改。',
    'A new application starts with this one’s content and its uploads (the same files, by reference: no need to upload again); change anything before sending.',
  ],
  applyAgainKept: ['沿用上次上传的材料', 'Uploads kept from the refused application'],
  notificationReasonCode: ['。原因：{label}', '. Why: {label}'],
  notificationWhatToDo: ['。您可以：{whatToDo}', '. What you can do now: {whatToDo}'],
  // Asked once, with a date (issue 16 item 4; 一次性告知).
  materialAskedTimes: ['已要求补充材料 {count} 次', 'Material asked for {count} time(s)'],
  materialAskedAgain: [
    '同一案件多次要求补充材料（一次性告知原则）',
    'Material asked for more than once on this case (ask once for everything)',
  ],
  materialRequestedDue: ['需在 {due} 前提交', 'Due by {due}'],
  materialRequestedWhy: ['原因', 'Why'],
  notificationMaterialTimes: ['（第 {times} 次要求补充材料）', ' (request number {times} for material)'],
  slaRepeatedMaterialTitle: ['多次要求补充材料的案件', 'Cases asked for material more than once'],
  slaRepeatedMaterialNone: ['没有多次要求补充材料的案件。', 'No case was asked for material more than once.'],
  staffNoActions: ['您在本案件中暂无可办理的事项。', 'You have nothing to do on this case now.'],
  repairWaitNoForm: [
    '在此之前不能提交修复申请；到时本页会显示申请表。',
    'Until then no application can be sent; the form appears on this page on that day.',
  ],
  accessRevealResidentId: ['查看完整身份证号码', 'saw the whole resident ID number'],
  showResidentId: ['显示完整号码', 'Show the whole number'],
  showResidentIdHint: [
    '显示完整号码会记入当事人的查询使用登记。',
    'Showing the whole number is written in the person’s access register.',
  ],
  residentIdShownNote: ['（已显示完整号码，并已登记）', '(shown whole; registered)'],
  claimsOnSending: [
    '本案尚无人认领：提交以下任一操作即由您认领本案。',
    'Nobody has claimed this case: sending any action below claims it for you.',
  ],
  claimedBySending: ['您已认领本案（由您办理的操作认领）。', 'You have claimed this case (by acting on it).'],
  notificationReassignedToYou: [
    '主管将一件{type}案件分配给您。原因：{reason}',
    'A supervisor assigned you a case ({type}). Reason: {reason}',
  ],
  notificationFiledOnYourBehalf: [
    '{filer}（{relation}）以您的名义代为提交了{type}申请。如您未授权，请立即联系信用中心。',
    '{filer} ({relation}) filed an application in your name: {type}. If you did not authorise this, contact the credit centre at once.',
  ],
  notificationReassignedAway: [
    '主管将您办理的一件{type}案件改由{assignee}办理。原因：{reason}',
    'A supervisor gave a case of yours ({type}) to {assignee}. Reason: {reason}',
  ],
  colSubject: ['当事人', 'Subject'],
  colDecisionNumber: ['决定文书号', 'Decision no.'],
  queueSearch: ['搜索', 'Search'],
  queueSearchHint: ['案件编号、决定文书号或姓名', 'Case number, decision number or name'],
  dueWithin: ['到期', 'Due'],
  anyDue: ['不限', 'Any time'],
  dueThisWeek: ['本周日前到期（含已超期）', 'Due by Sunday (overdue included)'],
  savedViews: ['我的视图', 'My views'],
  saveView: ['保存当前筛选为视图', 'Save these filters as a view'],
  viewName: ['视图名称', 'View name'],
  deleteView: ['删除视图“{name}”', 'Delete view “{name}”'],
  viewSaved: ['视图已保存。', 'View saved.'],
  bulkActions: ['批量操作', 'Bulk actions'],
  selectCase: ['选择 {case}', 'Select {case}'],
  bulkClaim: ['认领所选案件', 'Claim the selected cases'],
  bulkReassign: ['将所选案件分配给', 'Reassign the selected cases to'],
  bulkReassignButton: ['重新分配所选案件', 'Reassign the selected cases'],
  bulkReason: ['原因（记入每个案件的记录）', 'Reason (written in each case’s trail)'],
  bulkDone: ['已处理 {n} 件案件。', '{n} cases done.'],
  bulkRefused: ['{n} 件未处理：{detail}', '{n} not done: {detail}'],
  bulkNoneSelected: ['请先选择案件。', 'Select cases first.'],
  agencyInboxKind: ['{type}：待本单位答复 {n} 件', '{type}: {n} waiting for our answer'],
  // One application for several records (issue 16 item 2).
  severalTitle: ['一次申请修复多条记录', 'Apply to repair several records at once'],
  severalIntro: [
    '勾选上方目前可以修复的记录：承诺书只需签署一次，证明材料只需上传一次。每条记录仍由作出认定的部门分别决定（谁认定、谁修复），各有各的期限和决定书。只要有一条记录不符合条件，本次申请就不会提交。',
    'Tick the records above that may be repaired now: you sign the commitment letter once and upload the evidence once. Each record is still decided by the department that made its finding, with its own deadline and decision notice. If any record ticked does not qualify, nothing is filed.',
  ],
  includeInApplication: ['将记录 {record} 一并申请修复', 'Include record {record} in the application'],
  notRepairableNow: ['目前不能申请修复：', 'Cannot be repaired now:'],
  repairFromDay: ['{date} 起可以申请。', 'Repair may be asked from {date}.'],
  applySeveral: ['提交合并修复申请', 'Apply for the records ticked'],
  chooseRecordsToRepair: [
    '请在上方勾选要申请修复的记录（每条一次）。',
    'Tick the records to repair above (each once).',
  ],
  noneRepairableNow: [
    '您目前没有可以申请修复的记录；各记录旁已说明原因。',
    'None of your records may be repaired now; each says why.',
  ],
  applicationRefusedRecords: ['不符合条件的记录', 'Records that do not qualify'],
  applicationTitle: ['信用修复申请（{n} 条记录）', 'Repair application ({n} records)'],
  applicationIntro: [
    '每条记录由作出认定的部门分别决定，各有期限和决定书；以下并列显示各条记录的办理情况。',
    'Each record is decided by the department that made its finding, with its own deadline and decision notice; they are shown side by side.',
  ],
  applicationFiledOn: ['提交时间', 'Filed'],
  applicationCommitment: [
    '信用修复承诺书（签署一次，适用于每条记录）',
    'Commitment letter (signed once, for every record)',
  ],
  applicationEvidence: ['共用的证明材料（每件案件均附同一文件）', 'Shared evidence (every case holds the same files)'],
  applicationNoEvidence: ['申请时未上传材料。', 'No files were uploaded with the application.'],
  applicationRecords: ['各条记录', 'The records'],
  applicationDepartment: ['决定部门', 'Deciding department'],
  applicationStage: ['办理阶段', 'Stage'],
  applicationDeadline: ['下一期限', 'Next deadline'],
  applicationDecision: ['决定', 'Decision'],
  applicationNoDecision: ['尚未决定', 'Not decided yet'],
  applicationNotice: ['决定书', 'Decision notice'],
  applicationNoNotice: ['尚无', 'None yet'],
  applicationOpenCase: ['查看案件 #{case}', 'Open case #{case}'],
  applicationOnlyYours: ['只显示本单位认定的记录。', 'Only the records your agency found are shown.'],
  applicationFiled: [
    '申请已提交：每条记录各立一件案件，由各自的认定部门决定。请在各案件中补充证明并提交。',
    'Filed: each record has its own case, decided by its own department. Add the evidence in each case and submit it.',
  ],
  partOfApplication: [
    '本案件属于一份合并修复申请：查看各条记录的办理情况',
    'This case is part of an application for several records: see them side by side',
  ],
  repairDecisionApproved: ['准予修复', 'Repair approved'],
  repairDecisionRefused: ['不予修复', 'Repair refused'],
  repairDecisionRefusedFalseMaterial: ['因虚假材料不予修复', 'Refused: false material'],
  repairDecisionWithdrawn: ['已撤回', 'Withdrawn'],
  repairDecisionRevoked: ['已撤销修复', 'Repair revoked'],
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof messages;

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => {
    let text = textIn(locale, messages[key]);
    for (const [name, value] of Object.entries(params ?? {})) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

/** The steps that run against a legal deadline (src/domain/policy.ts deadlineKeys), as a reader names them. */
const deadlineSteps: Record<DeadlineKey, Text> = {
  'objection.answer': ['核实异议并书面答复', 'Verify the objection and answer in writing'],
  'objection.material': ['补充异议材料', 'Supply the material asked for'],
  'correction.apply': ['起草、批准并更正', 'Draft, approve and apply the correction'],
  'review.accept': ['复核申请受理审查', 'Acceptance check of the re-examination request'],
  'review.material': ['补充复核材料', 'Supply the missing re-examination material'],
  'review.decide': ['作出复核决定', 'Decide the re-examination'],
  'administrativeReview.accept': ['行政复议受理审查', 'Acceptance review of the administrative review'],
  'administrativeReview.supplement': ['补正行政复议申请材料', 'Supplement the administrative review application'],
  'administrativeReview.answer': ['被申请人答复并提交证据', 'The respondent answers and submits its evidence'],
  'administrativeReview.service': [
    '登记被申请人收到副本的日期（提醒）',
    'Record the respondent’s receipt of the copy (reminder)',
  ],
  'administrativeReview.decide': ['作出行政复议决定', 'Decide the administrative review'],
  'repair.decide': ['认定单位作出修复决定', 'The finding department decides the repair'],
  'repair.report': ['报送修复结果', 'Report the result of the repair'],
  'repair.material': ['补充修复材料', 'Supply the repair material asked for'],
  'explanation.moderate': ['审核自主解释', 'Moderate the self-explanation'],
  'referral.court': ['执行法院审查', 'The enforcing court reviews the request'],
  'referral.creditReport': ['征信机构或信息提供者核查答复', 'The credit-reporting agency or data provider answers'],
  'deferral.decide': ['认定单位决定是否批准延期', 'The deciding agency grants or refuses the deferral'],
  'deferral.instalment': ['按期缴纳下一期', 'Pay the next instalment when due'],
};

/** Record and role vocabulary: one word per Chinese term, as the code names them (src/domain/records.ts, roles.ts). */
export const vocabulary = {
  kind: {
    administrative_penalty: ['行政处罚信息', 'Administrative penalty'],
    serious_list_entry: ['严重失信主体名单', 'Serious dishonesty list'],
    court_dishonest_debtor: ['失信被执行人名单', 'Dishonest judgment debtor'],
    credit_report_negative: ['征信不良信息', 'Negative credit-report information'],
    other_dishonesty: ['其他失信信息', 'Other dishonesty information'],
  },
  class: { minor: ['轻微', 'Minor'], general: ['一般', 'General'], serious: ['严重', 'Serious'] },
  status: {
    published: ['公示中', 'Published'],
    disputed: ['异议中', 'Disputed'],
    corrected: ['已更正', 'Corrected'],
    repaired: ['已修复', 'Repaired'],
    expired: ['公示期满', 'Expired'],
    revoked: ['已撤销', 'Revoked'],
    kept: ['保存中（不公示）', 'Kept (not published)'],
    deleted: ['已删除', 'Deleted'],
  },
  domain: {
    food_and_drugs: ['食品药品', 'Food and drugs'],
    work_safety: ['安全生产', 'Work safety'],
    fire_safety: ['消防安全', 'Fire safety'],
    traffic_safety: ['交通安全', 'Traffic safety'],
    environment: ['生态环境', 'Environment'],
    biosafety: ['生物安全', 'Biosafety'],
    product_quality: ['产品质量', 'Product quality'],
    tax: ['税务', 'Tax'],
    health: ['医疗卫生', 'Health'],
    labour: ['劳动保障', 'Labour'],
    construction: ['工程建设', 'Construction'],
    financial_services: ['金融服务', 'Financial services'],
    intellectual_property: ['知识产权', 'Intellectual property'],
    litigation: ['司法诉讼', 'Litigation'],
    e_commerce: ['电子商务', 'E-commerce'],
    volunteering: ['志愿服务', 'Volunteering'],
  },
  deadlineStep: deadlineSteps,
  // Why a case went against the person (src/domain/refusal-reasons.ts): the label of each code.
  reasonCode: reasonCodeLabels(),
} satisfies Record<string, Record<string, Text>>;

function reasonCodeLabels(): Record<RefusalReasonCode, Text> {
  return Object.fromEntries(
    refusalReasonCodes.map((code) => [code, [refusalReasons[code].label.zh, refusalReasons[code].label.en] as const]),
  ) as Record<RefusalReasonCode, Text>;
}

export function vocabularyText(locale: Locale, group: keyof typeof vocabulary, key: string): string {
  const text = (vocabulary[group] as Record<string, Text>)[key];
  return text ? textIn(locale, text) : key;
}

/** A record's fields as its version history names them (credit_record_versions.fields). */
export const recordFieldLabels: Record<string, Text> = {
  status: ['状态', 'Status'],
  facts: ['事实', 'Facts'],
  kind: ['信息类别', 'Kind'],
  class: ['失信程度', 'Class'],
  domain: ['领域', 'Domain'],
  decisionNumber: ['决定书文号', 'Decision number'],
  decisionDate: ['认定日期', 'Date of the finding'],
  legalBasis: ['法律依据', 'Legal basis'],
  obligation: ['义务', 'Obligation'],
  obligationPerformed: ['义务已履行', 'Obligation performed'],
  publishedFrom: ['公示起始日', 'Published from'],
  publishedUntil: ['公示截止日', 'Published until'],
  repairableFrom: ['可申请修复日', 'Repairable from'],
  conductEndedOn: ['不良行为终止日', 'Conduct ended on'],
};

/** The reasons xiufu itself writes for a record's new version; an officer's own words are shown as written. */
export const recordChangeReasons: Record<string, Text> = {
  recorded: ['录入', 'Recorded'],
  'repaired: display ended early': ['信用修复：提前结束公示', 'Repaired: display ended early'],
  'display period ended': ['公示期满，结束公示', 'Display period ended'],
  'repair revoked: shown again': ['撤销信用修复：恢复公示', 'Repair revoked: shown again'],
  'obligation performed on the schedule the agency granted': [
    '已按认定单位批准的计划履行义务',
    'Obligation performed on the schedule the agency granted',
  ],
  'keeping period ended: content deleted (征信业管理条例 art. 16)': [
    '保存期满，内容已删除（《征信业管理条例》第十六条）',
    'Keeping period ended: content deleted (Credit Reporting Regulation art. 16)',
  ],
};

/** The events the case engine writes into a trail itself (src/services/case-trail-events.ts). */
export const engineEventLabels: Record<EngineEventName, Text> = {
  FILED: ['提交', 'Filed'],
  CLAIMED: ['认领', 'Claimed'],
  REASSIGNED: ['重新分配', 'Reassigned'],
  DEADLINE_COMPUTED: ['办理期限已确定', 'Due date computed'],
  DEADLINE_WARNED: ['办理期限即将届满', 'Deadline approaching'],
  DEADLINE_BREACHED: ['已超过办理期限', 'Deadline breached'],
  MIGRATED: ['转入新版办理流程', 'Moved to a new version of its lifecycle'],
};

/** The fields of the engine's own events, as their payloads carry them. */
export const engineEventFieldLabels: Record<string, Text> = {
  deadline: ['期限', 'Deadline'],
  dueAt: ['到期时间', 'Due'],
  source: ['依据', 'Source'],
  year: ['年份', 'Year'],
  assignee: ['经办人', 'Assigned to'],
  reason: ['原因', 'Reason'],
  // A field one engine event words its own way (case-texts.ts looks "EVENT.field" up first).
  'REASSIGNED.reason': ['重新分配的原因', 'Reason for the reassignment'],
  'REASSIGNED.previousAssignee': ['原经办人', 'Taken from'],
  'CLAIMED.reason': ['认领说明', 'Note on the claim'],
};
