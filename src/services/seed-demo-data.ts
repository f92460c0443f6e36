// Demo data for trying xiufu: three agencies, three subjects (valid resident identity
// numbers), records of several kinds and classes, and one account per role, two of them
// citizens so one can be seen not to reach the other. Written once, in demo mode only.
import { eq } from 'drizzle-orm';
import { agencyPlatforms, cases, creditRecords, platforms, users } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import type { KeyRing } from '../config/keys.js';
import { chinaDateOf } from '../domain/calendar.js';
import { policyInForce, type Jurisdiction } from '../domain/policy.js';
import type { Actor, Role } from '../domain/roles.js';
import { applyCaseEvent } from './apply-case-event.js';
import { actorOf } from './log-in.js';
import type { ServiceContext } from './context.js';
import { makeReceiptPdf, makeSealPng } from './demo-evidence.js';
import { openCase } from './open-case.js';
import type { UploadedFile } from './prepare-attachments.js';
import { createUser } from './create-user.js';
import { recordCreditInformation } from './record-credit-information.js';
import { registerAgency } from './register-agency.js';
import { registerSubject } from './register-subject.js';

export const demoPassword = 'xiufu-demo';

export const demoAccounts: { username: string; role: Role; displayName: string }[] = [
  { username: 'citizen1', role: 'citizen', displayName: '张伟 Zhang Wei' },
  { username: 'citizen2', role: 'citizen', displayName: '李娜 Li Na' },
  { username: 'reviewer', role: 'reviewer', displayName: '陈静 Chen Jing (reviewer)' },
  { username: 'supervisor', role: 'supervisor', displayName: '刘洋 Liu Yang (supervisor)' },
  { username: 'agency', role: 'agency', displayName: '北京市市场监督管理局 officer' },
  { username: 'admin', role: 'admin', displayName: 'Administrator' },
  // The review body's officer (行政复议, 上海市人民政府 for a municipal bureau's act, 行政复议法 art. 24).
  { username: 'reviewbody', role: 'review_body', displayName: '上海市人民政府行政复议办公室 officer' },
];

/** Seeds the demo once; returns false when it was already there. */
export async function seedDemoData(
  db: Database,
  options: { now: Date; jurisdiction: Jurisdiction; keys: KeyRing; evidenceFolder?: string },
): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'reviewer'));
  if (existing) return false;
  await db.transaction(async (tx) => {
    const market = await registerAgency(tx, {
      name: '北京市市场监督管理局',
      nameEn: 'Beijing Administration for Market Regulation',
      uscc: '11110000000013250L',
    });
    const environment = await registerAgency(tx, {
      name: '上海市生态环境局',
      nameEn: 'Shanghai Bureau of Ecology and Environment',
      uscc: '113100000024218302',
    });
    const tax = await registerAgency(tx, {
      name: '国家税务总局深圳市税务局',
      nameEn: 'Shenzhen Tax Bureau',
      uscc: '11440300007542613Q',
    });
    // The court list is the courts' (SPC rules 2017); credit-report information comes from the
    // lender that reported it (征信业管理条例 art. 15). Their objections are referred there.
    // (Demo organisations: the codes are made up, with valid check characters.)
    const court = await registerAgency(tx, {
      name: '北京市朝阳区人民法院',
      nameEn: 'Beijing Chaoyang District People’s Court',
      uscc: '11110105000012345Y',
    });
    const lender = await registerAgency(tx, {
      name: '北京银行股份有限公司',
      nameEn: 'Bank of Beijing (the lender that reported the loan)',
      uscc: '91110000802100433B',
    });

    const zhang = await registerSubject(tx, options.keys, { name: '张伟', residentId: '110105198803141237' });
    const li = await registerSubject(tx, options.keys, { name: '李娜', residentId: '310104199207072461' });
    const wang = await registerSubject(tx, options.keys, { name: '王强', residentId: '440305197509213511' });

    await recordCreditInformation(
      tx,
      {
        subjectId: zhang.id,
        agencyId: market.id,
        kind: 'administrative_penalty',
        domain: 'food_and_drugs',
        class: 'general',
        decisionNumber: '京市监罚〔2026〕1207号',
        decisionDate: '2026-03-12',
        facts: 'Sold packaged food past its use-by date at a market stall (12 items).',
        legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
        obligation: 'Fine of CNY 5,000, due 2026-04-11',
        obligationPerformed: true,
        publishedFrom: '2026-03-19',
      },
      options.jurisdiction,
      options.now,
    );
    await recordCreditInformation(
      tx,
      {
        subjectId: zhang.id,
        agencyId: tax.id,
        kind: 'other_dishonesty',
        domain: 'tax',
        class: 'minor',
        decisionNumber: '深税信〔2026〕0088号',
        decisionDate: '2026-08-03',
        facts: 'Breach of a tax-payment credit commitment: the Q2 instalment was paid 9 days late.',
        legalBasis: '《纳税信用管理办法》第十九条',
        obligation: null,
        obligationPerformed: true,
        publishedFrom: '2026-08-10',
        status: 'expired',
      },
      options.jurisdiction,
      options.now,
    );
    await recordCreditInformation(
      tx,
      {
        subjectId: zhang.id,
        agencyId: environment.id,
        kind: 'serious_list_entry',
        domain: 'environment',
        class: 'serious',
        decisionNumber: '沪环信〔2026〕0031号',
        decisionDate: '2026-05-20',
        facts: 'Entered on the serious list for falsifying discharge monitoring data of a workshop he runs.',
        // The listing rests on the law that makes falsified monitoring data serious and on the
        // local regulation's serious-list rules (a repair regulation is no basis for listing; the
        // article of the Shanghai regulation is not named here because it was not verified).
        legalBasis: '《中华人民共和国环境保护法》第六十三条；《上海市社会信用条例》严重失信主体名单的规定',
        obligation: 'Rectify the monitoring system and pay a fine of CNY 200,000',
        obligationPerformed: false,
        publishedFrom: '2026-05-27',
      },
      options.jurisdiction,
      options.now,
    );
    await recordCreditInformation(
      tx,
      {
        subjectId: li.id,
        agencyId: market.id,
        kind: 'administrative_penalty',
        domain: 'product_quality',
        class: 'general',
        decisionNumber: '京市监罚〔2026〕0954号',
        decisionDate: '2026-02-26',
        facts: 'Online shop listed children’s toys without the compulsory CCC certification mark.',
        legalBasis: '《中华人民共和国产品质量法》第四十九条',
        obligation: 'Fine of CNY 8,000, due 2026-03-28',
        obligationPerformed: false,
        publishedFrom: '2026-03-05',
      },
      options.jurisdiction,
      options.now,
    );
    await recordCreditInformation(
      tx,
      {
        subjectId: li.id,
        agencyId: lender.id,
        kind: 'credit_report_negative',
        domain: 'financial_services',
        class: 'general',
        decisionNumber: 'CR-2025-118830',
        decisionDate: '2025-09-30',
        facts: 'Consumer loan overdue 94 days, reported by the lender to the credit reference center.',
        legalBasis: '《征信业管理条例》第十五条（信息提供者提供不良信息）、第十六条（保存五年）',
        obligation: 'Repay CNY 23,410.55',
        obligationPerformed: true,
        // Repaid on this day: the record is kept 5 years from it (征信业管理条例 art. 16), never published.
        publishedFrom: '2025-10-08',
        conductEndedOn: '2025-12-15',
      },
      options.jurisdiction,
      options.now,
    );
    await recordCreditInformation(
      tx,
      {
        subjectId: wang.id,
        agencyId: court.id,
        kind: 'court_dishonest_debtor',
        domain: 'litigation',
        class: 'serious',
        decisionNumber: '(2026)京0105执1234号',
        decisionDate: '2026-01-15',
        facts: 'Listed by the enforcing court: able to pay the judgment debt and refused to.',
        legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（一）项',
        // Art. 1(1): no fixed term; the court deletes it within 3 working days of performance (arts. 2, 10).
        courtListParagraph: 1,
        obligation: 'Pay CNY 150,000 under the judgment',
        obligationPerformed: false,
        publishedFrom: '2026-01-22',
      },
      options.jurisdiction,
      options.now,
    );

    await recordCreditInformation(
      tx,
      {
        subjectId: li.id,
        agencyId: market.id,
        kind: 'administrative_penalty',
        domain: 'labour',
        class: 'general',
        decisionNumber: '京人社罚〔2026〕0112号',
        decisionDate: '2026-01-05',
        facts: 'Paid two shop assistants’ wages 20 days late (since paid in full).',
        legalBasis: '《保障农民工工资支付条例》第五十四条',
        obligation: 'Fine of CNY 3,000, due 2026-02-05',
        obligationPerformed: true,
        publishedFrom: '2026-01-10',
      },
      options.jurisdiction,
      options.now,
    );
    // A fine Zhang cannot pay at once: he has asked the market regulator for instalments (case 8).
    await recordCreditInformation(
      tx,
      {
        subjectId: zhang.id,
        agencyId: market.id,
        kind: 'administrative_penalty',
        domain: 'e_commerce',
        class: 'general',
        decisionNumber: '京市监罚〔2026〕2214号',
        decisionDate: '2026-10-20',
        facts: 'His online shop showed invented "original prices" beside promotion prices (price fraud).',
        legalBasis: '《中华人民共和国价格法》第十四条、第四十条; 《价格违法行为行政处罚规定》第七条',
        obligation: 'Fine of CNY 30,000, due within 15 days of receiving the decision',
        obligationPerformed: false,
        publishedFrom: '2026-10-27',
      },
      options.jurisdiction,
      options.now,
    );

    // A fine of the tax bureau, paid: with the market regulator's paid fines above, Zhang has
    // records of two departments repairable now, so one application for several records shows
    // each record decided by the department that found it (谁认定、谁修复).
    await recordCreditInformation(
      tx,
      {
        subjectId: zhang.id,
        agencyId: tax.id,
        kind: 'administrative_penalty',
        domain: 'tax',
        class: 'general',
        decisionNumber: '深税罚〔2026〕0417号',
        decisionDate: '2026-04-02',
        facts: 'Filed the 2025 individual income tax return of his sole proprietorship 40 days late.',
        legalBasis: '《中华人民共和国税收征收管理法》第六十二条',
        obligation: 'Fine of CNY 2,000, due 2026-05-02',
        obligationPerformed: true,
        publishedFrom: '2026-04-09',
      },
      options.jurisdiction,
      options.now,
    );
    // Two more of the market regulator's fines, objected to long enough ago that the supervisor
    // has something to watch from the first minute: one at risk, one past its deadline (cases 9, 10).
    await recordCreditInformation(
      tx,
      {
        subjectId: zhang.id,
        agencyId: market.id,
        kind: 'administrative_penalty',
        domain: 'product_quality',
        class: 'general',
        decisionNumber: '京市监罚〔2026〕1835号',
        decisionDate: '2026-06-11',
        facts: 'Sold electric heaters whose labels overstated the rated power.',
        legalBasis: '《中华人民共和国产品质量法》第五十条',
        obligation: 'Fine of CNY 6,000, due 2026-07-11',
        obligationPerformed: true,
        publishedFrom: '2026-06-18',
      },
      options.jurisdiction,
      options.now,
    );
    await recordCreditInformation(
      tx,
      {
        subjectId: li.id,
        agencyId: market.id,
        kind: 'administrative_penalty',
        domain: 'product_quality',
        class: 'general',
        decisionNumber: '京市监罚〔2026〕1402号',
        decisionDate: '2026-05-08',
        facts: 'Her shop sold children’s shoes without the Chinese-language label.',
        legalBasis: '《中华人民共和国产品质量法》第五十四条',
        obligation: 'Fine of CNY 2,000, due 2026-06-08',
        obligationPerformed: true,
        publishedFrom: '2026-05-15',
      },
      options.jurisdiction,
      options.now,
    );

    // Credit China publishes every agency's records; staff confirm its acknowledgements.
    const [creditChina] = await tx
      .insert(platforms)
      .values({ name: '信用中国 Credit China', kind: 'manual' })
      .returning();
    await tx
      .insert(agencyPlatforms)
      .values([market, environment, tax].map((agency) => ({ agencyId: agency.id, platformId: creditChina!.id })));

    const linkedTo: Record<string, { subjectId?: string; agencyId?: string }> = {
      citizen1: { subjectId: zhang.id },
      citizen2: { subjectId: li.id },
      agency: { agencyId: market.id },
    };
    for (const account of demoAccounts) {
      await createUser(tx, { ...account, password: demoPassword, ...linkedTo[account.username] });
    }
  });
  await seedDemoCases(db, options);
  return true;
}

/**
 * Objections in several states, some claimed and some not, with evidence and history, made
 * through the same services a user's actions go through, at moments in the past.
 */
async function seedDemoCases(
  db: Database,
  options: { now: Date; jurisdiction: Jurisdiction; keys: KeyRing; evidenceFolder?: string },
): Promise<void> {
  let now = options.now;
  const ctx: ServiceContext = {
    db,
    now: () => now,
    jurisdiction: options.jurisdiction,
    sessionTtlHours: 1,
    keys: options.keys,
    evidenceFolder: options.evidenceFolder,
  };
  const daysAgo = (days: number, hour = 10) => {
    now = new Date(options.now.getTime() - days * 86_400_000 - (options.now.getUTCHours() - hour + 8) * 3_600_000);
  };
  const accounts = await db.select().from(users);
  const actor = (username: string): Actor => actorOf(accounts.find((u) => u.username === username)!);
  const [zhang, li, reviewer, supervisor, agency] = ['citizen1', 'citizen2', 'reviewer', 'supervisor', 'agency'].map(
    actor,
  ) as [Actor, Actor, Actor, Actor, Actor];
  const recordsOf = (subjectId: string) =>
    db.select().from(creditRecords).where(eq(creditRecords.subjectId, subjectId));
  const [zhangRecords, liRecords] = await Promise.all([recordsOf(zhang.subjectId!), recordsOf(li.subjectId!)]);
  const byDecision = (list: typeof zhangRecords, prefix: string) =>
    list.find((r) => r.decisionNumber.startsWith(prefix))!;
  const send = async (
    caseId: string,
    who: Actor,
    type: string,
    input: Record<string, unknown>,
    files: UploadedFile[] = [],
  ) => {
    const [row] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    await applyCaseEvent(ctx, { caseId, actor: who, expectedVersion: row!.version, type, input, files });
  };
  const receipt = (lines: string[]): UploadedFile => ({
    filename: 'payment-receipt.pdf',
    content: makeReceiptPdf(lines),
  });

  // 1. Zhang: the food-safety penalty, paid on time. Claimed, accepted, waiting for the agency.
  daysAgo(12);
  const food = await openCase(ctx, {
    actor: zhang,
    type: 'objection',
    filing: {
      recordId: byDecision(zhangRecords, '京市监罚〔2026〕1207').id,
      reason: '罚款已于2026年4月2日按时缴纳，记录中“义务未履行”的说法有误。',
      requestedCorrection: '将义务履行情况更正为已履行。',
    },
    files: [
      receipt(['Payment receipt', 'Fine: CNY 5,000', 'Paid: 2026-04-02', 'Decision: Jing Shi Jian Fa (2026) 1207']),
    ],
  });
  daysAgo(10);
  await send(food.row.id, reviewer, 'ACCEPT', { note: '材料齐全。' });

  // 2. Li: the product-quality penalty. Just filed, nobody has claimed it yet.
  daysAgo(2, 15);
  await openCase(ctx, {
    actor: li,
    type: 'objection',
    filing: {
      recordId: byDecision(liRecords, '京市监罚〔2026〕0954').id,
      reason: '被处罚的店铺已于2025年底注销，并非本人经营。',
    },
    files: [{ filename: 'official-seal.png', content: makeSealPng() }],
  });

  // 3. Li: the overdue loan, credit-report information: not decided here. Her objection was sent
  //    to the lender that reported it (征信业管理条例 art. 25: it answers in writing in 20 days).
  daysAgo(6);
  const loan = await openCase(ctx, {
    actor: li,
    type: 'referral',
    filing: { recordId: byDecision(liRecords, 'CR-').id, reason: '贷款逾期天数有误：实际逾期为 9 天而非 94 天。' },
  });
  daysAgo(5);
  await send(loan.row.id, supervisor, 'REFER', {
    sentTo: '北京银行股份有限公司（信息提供者）',
    sentOn: chinaDateOf(now),
    channel: '征信异议转交函（邮寄）',
    reference: '京信转〔2026〕0415号',
  });

  // 4. Zhang: the late tax instalment. Decided: upheld, and the record corrected.
  daysAgo(30);
  const tax = await openCase(ctx, {
    actor: zhang,
    type: 'objection',
    filing: { recordId: byDecision(zhangRecords, '深税信').id, reason: '第二季度税款只晚缴了 2 天，并非 9 天。' },
  });
  daysAgo(29);
  await send(tax.row.id, reviewer, 'ACCEPT', {});
  daysAgo(24);
  await send(tax.row.id, reviewer, 'AGENCY_DENIED', { answer: '经核对入库记录，实际迟缴 2 天。' }, [
    receipt(['Tax payment record', 'Q2 instalment', 'Due: 2026-07-15', 'Paid: 2026-07-17']),
  ]);
  daysAgo(22);
  const taxCorrection = 'Breach of a tax-payment credit commitment: the Q2 instalment was paid 2 days late.';
  await send(tax.row.id, reviewer, 'UPHOLD', {
    reasons: '认定单位核实迟缴天数有误，予以更正。',
    correction: { facts: taxCorrection },
  });
  // Its correction: drafted and applied, waiting for Credit China to acknowledge.
  daysAgo(21);
  const [taxCorrectionCase] = await db.select().from(cases).where(eq(cases.parentCaseId, tax.row.id));
  await send(taxCorrectionCase!.id, reviewer, 'SUBMIT_DRAFT', {
    reasons: '按认定单位核实结果更正迟缴天数。',
    correction: { facts: taxCorrection },
  });

  // 5. Zhang: the serious-list entry. Verified and dismissed.
  daysAgo(40);
  const serious = await openCase(ctx, {
    actor: zhang,
    type: 'objection',
    filing: { recordId: byDecision(zhangRecords, '沪环信').id, reason: '监测数据异常是设备故障所致，并非故意篡改。' },
  });
  daysAgo(39);
  await send(serious.row.id, reviewer, 'ACCEPT', {});
  daysAgo(33);
  await send(serious.row.id, reviewer, 'AGENCY_CONFIRMED', { answer: '现场检查笔录和设备日志证实为人为修改参数。' });
  daysAgo(31);
  await send(serious.row.id, reviewer, 'DISMISS', {
    reasonCode: 'record_accurate',
    reasons: '认定单位提供的检查笔录证明数据系人为修改，原记录事实清楚。',
  });

  // 6. Zhang applied to the review body for administrative review (行政复议) of that dismissal,
  //    which its officer accepted; he explains himself meanwhile.
  daysAgo(4);
  const dismissedOn = chinaDateOf(new Date(now.getTime() - 27 * 86_400_000));
  const administrativeReview = await openCase(ctx, {
    actor: zhang,
    type: 'administrative-review',
    filing: {
      parentCaseId: serious.row.id,
      reviewBody: '上海市人民政府',
      filedOn: chinaDateOf(now),
      learnedOn: dismissedOn,
      toldOfRight: true,
      grounds: '设备维修记录证明故障发生在检查之前，认定单位未予考虑。',
      request: '撤销异议处理决定，责令重新核查。',
    },
  });
  daysAgo(2);
  await send(administrativeReview.row.id, actor('reviewbody'), 'ACCEPT', { note: '申请材料齐全，予以受理。' });
  daysAgo(9);
  const explanation = await openCase(ctx, {
    actor: zhang,
    type: 'explanation',
    filing: {
      recordId: byDecision(zhangRecords, '沪环信').id,
      statement: '本人已更换监测设备并接受第三方运维，相关整改报告已报送生态环境部门。',
    },
  });
  daysAgo(8);
  await send(explanation.row.id, reviewer, 'PUBLISH', {});

  // 7. Li applies to repair the late-wages penalty by volunteering (where the policy offers it:
  //    12 of 20 hours shown so far), else by the performance already made.
  daysAgo(3);
  const wages = byDecision(liRecords, '京人社罚');
  const volunteering = policyInForce(options.jurisdiction, now).rules.repair.routes.volunteering.enabled;
  const route = volunteering ? 'volunteering' : 'performance';
  const repair = await openCase(ctx, {
    actor: li,
    type: 'repair',
    filing: { recordId: wages.id, routes: [route], commitment: '本人承诺今后按时足额支付工资，自觉接受社会监督。' },
  });
  daysAgo(2);
  await send(
    repair.row.id,
    li,
    'ADD_EVIDENCE',
    volunteering
      ? { route, amount: 12, certifiedBy: '北京市志愿者联合会', description: '社区养老服务志愿活动' }
      : { route, amount: 1, certifiedBy: '北京市人力资源和社会保障局', description: '工资已补发并缴纳罚款' },
    [
      receipt(
        volunteering
          ? ['Volunteer service certificate', 'Hours: 12', 'Beijing Volunteer Federation']
          : ['Wage payment record', 'Paid in full'],
      ),
    ],
  );

  // 8. Zhang asked the market regulator to pay the price-fraud fine in three instalments, with
  //    his hospital bills as evidence of hardship (行政处罚法 art. 66); granted, the first paid.
  //    The dates are reckoned from today, so the schedule is running whenever the demo starts.
  daysAgo(20);
  const deferral = await openCase(ctx, {
    actor: zhang,
    type: 'deferral',
    filing: {
      recordId: byDecision(zhangRecords, '京市监罚〔2026〕2214').id,
      request: 'instalments',
      hardship: '本人今年住院两次，医疗费用较高，一次缴清三万元罚款确有困难，附住院费用清单。',
      proposal: '分三期缴纳，每期一万元。',
    },
    files: [receipt(['Hospital bill', 'Inpatient, 2026', 'Total: CNY 46,800'])],
  });
  // 9. Zhang: the heater labels. Filed and accepted 19 days ago, the regulator has not answered:
  //    the last of the 20 days (征信业管理条例 art. 25) is tomorrow, so the case is at risk on the
  //    SLA page (a weekend or holiday moves the last day on, still inside the warning days).
  daysAgo(19);
  const heaters = await openCase(ctx, {
    actor: zhang,
    type: 'objection',
    filing: {
      recordId: byDecision(zhangRecords, '京市监罚〔2026〕1835').id,
      reason: '罚款已按期缴纳，且标签问题已在处罚前整改。',
    },
  });
  // Accepted the same day: the answer clock counts from acceptance, so the last day stays tomorrow.
  daysAgo(19, 16);
  await send(heaters.row.id, reviewer, 'ACCEPT', { note: '已转市场监管局核查。' });

  // 10. Li: the shoe labels. Accepted a month ago and never answered: past its deadline (breached).
  daysAgo(30);
  const shoes = await openCase(ctx, {
    actor: li,
    type: 'objection',
    filing: {
      recordId: byDecision(liRecords, '京市监罚〔2026〕1402').id,
      reason: '涉事商品为他人寄售，本店已提供进货凭证。',
    },
  });
  daysAgo(29);
  await send(shoes.row.id, reviewer, 'ACCEPT', { note: '材料齐全，请市场监管局核查。' });

  const dayFromToday = (days: number) => chinaDateOf(new Date(options.now.getTime() + days * 86_400_000));
  daysAgo(16);
  await send(deferral.row.id, agency, 'GRANT', {
    reasons: '当事人提供的住院费用清单可以证明确有经济困难，准予分三期缴纳。',
    instalments: [
      { dueOn: dayFromToday(-6), amount: 10_000 },
      { dueOn: dayFromToday(29), amount: 10_000 },
      { dueOn: dayFromToday(59), amount: 10_000 },
    ],
  });
  daysAgo(7);
  await send(deferral.row.id, agency, 'INSTALMENT_PAID', { paidOn: dayFromToday(-7), note: '第一期已缴入国库。' });
}
