// Records xiufu does not decide, over HTTP on PostgreSQL and PGlite: an objection about a court-
// list record is refused here and filed as a referral instead; staff record what was sent to whom
// and when (the enforcing court's 15 days run from then, SPC rules 2017 art. 12), then the court's
// answer; the citizen sees each step, is told, and reads the answer. A credit-report record is
// referred to its data provider (20 days, 征信业管理条例 art. 25) and never shows in the public
// look-up. A repair of a kind the law excludes is refused, saying why and where to go.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema.js';
import { makeAgency, makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testStart } from '../helpers/test-clock.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('referral to the forum that decides (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let court: Awaited<ReturnType<typeof makeAgency>>;
  const token: Record<'citizen' | 'otherCitizen' | 'reviewer' | 'agency', string> = {} as never;

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    court = await makeAgency(h.database.db);
    [token.citizen, token.otherCitizen, token.reviewer, token.agency] = await Promise.all([
      h.login(s.citizen.username),
      h.login(s.otherCitizen.username),
      h.login(s.reviewer.username),
      h.login(s.agencyOfficer.username),
    ]);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const courtListRecord = (courtListParagraph: number | null = 1) =>
    makeRecord(h.database.db, s.subject.id, court.id, {
      courtListParagraph,
      kind: 'court_dishonest_debtor',
      domain: 'litigation',
      class: 'serious',
      decisionNumber: `(2026)京0105执${Math.floor(Math.random() * 10_000)}号`,
      facts: 'Able to pay the judgment debt and refused to.',
      legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（一）项',
      obligation: 'Pay CNY 150,000 under the judgment',
      obligationPerformed: false,
    });
  const file = (type: string, recordId: string, who: keyof typeof token = 'citizen') =>
    h.call('POST', '/api/v1/cases', {
      token: token[who],
      body: { type, recordId, reason: 'The judgment was paid in full on 2026-10-30.' },
    });
  const send = (caseId: string, who: keyof typeof token, version: number, body: Record<string, unknown>) =>
    h.call('POST', `/api/v1/cases/${caseId}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${version}"` },
    });
  const noticesOf = async (caseId: string) =>
    (
      await h.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.caseId, caseId), eq(notifications.subjectId, s.subject.id)))
    ).map((n) => n.topic);

  it('refuses an objection about a court-list record and takes it as a referral; staff send it, record the court’s answer; the citizen sees it', async () => {
    h.clock.set(testStart);
    const record = await courtListRecord();
    // The record says where its objections go, that it cannot be repaired here, and its period rule.
    const view = (await h.call('GET', `/api/v1/records/${record.id}`, { token: token.citizen })).body;
    expect(view.kindRule).toMatchObject({
      forum: 'enforcing_court',
      repair: { repairable: false, reason: { zh: expect.stringContaining('人民法院') } },
      periodRule: { text: { en: expect.stringContaining('2 years') } },
    });
    expect(view.repairableFrom).toBeNull();

    const objection = await file('objection', record.id);
    expect(objection.status).toBe(409);
    expect(objection.body).toMatchObject({ code: 'ANOTHER_FORUM_DECIDES', forum: 'enforcing_court' });
    expect(objection.body.detail).toContain('enforcing court');

    const filed = await file('referral', record.id);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({
      type: 'referral',
      state: 'toRefer',
      waitingOn: 'reviewer',
      deadline: null,
      details: { forum: 'enforcing_court', referral: null, answer: null },
    });
    // One open referral per record; the citizen's other rights (withdraw, add) are offered.
    expect((await file('referral', record.id)).body.code).toBe('ANOTHER_FORUM_DECIDES');
    expect(filed.body.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['SUPPLEMENT', 'WITHDRAW']);
    // Nobody else's: another citizen cannot refer this record.
    expect((await file('referral', record.id, 'otherCitizen')).status).toBe(404);
    // Only staff send it.
    const bySubject = await send(filed.body.id, 'citizen', 1, {
      type: 'REFER',
      sentTo: 'x',
      sentOn: '2026-11-25',
      channel: 'post',
    });
    expect(bySubject.status).toBe(403);

    const referred = await send(filed.body.id, 'reviewer', 1, {
      type: 'REFER',
      sentTo: '北京市朝阳区人民法院',
      sentOn: '2026-11-25',
      channel: 'court portal',
      reference: '(2026)京0105执异88号',
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    // Sent 2026-11-25 (Beijing): the court's 15 days end at 24:00 on 2026-12-10.
    expect(referred.body).toMatchObject({
      state: 'awaitingCourt',
      waitingOn: 'agency',
      deadline: { key: 'referral.court', limit: 15, unit: 'calendar', dueAt: '2026-12-10T16:00:00.000Z' },
      details: {
        referral: { sentTo: '北京市朝阳区人民法院', sentOn: '2026-11-25', reference: '(2026)京0105执异88号' },
      },
    });
    expect(await noticesOf(filed.body.id)).toContain('referral_sent');

    // The citizen sees where it went.
    const seen = await h.call('GET', `/api/v1/cases/${filed.body.id}`, { token: token.citizen });
    expect(seen.body.details.referral.sentTo).toBe('北京市朝阳区人民法院');

    h.clock.set(new Date(Date.parse(testStart) + 9 * 86_400_000));
    const answered = await send(filed.body.id, 'reviewer', referred.body.version, {
      type: 'ANSWER_RECORDED',
      answeredOn: '2026-12-03',
      outcome: 'deleted',
      reference: '（2026）京01执异12号',
      answer: '经审查，被执行人已履行全部义务，本院已删除其失信信息。',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      state: 'answered',
      status: 'closed',
      details: { answer: { outcome: 'deleted', answeredOn: '2026-12-03', recordedBy: s.reviewer.id } },
    });
    expect(await noticesOf(filed.body.id)).toEqual(expect.arrayContaining(['referral_sent', 'case_closed']));
    const afterwards = await h.call('GET', `/api/v1/cases/${filed.body.id}`, { token: token.citizen });
    expect(afterwards.body.details.answer.answer).toContain('已删除');
    // The trail has each step, and verifies.
    const trail = await h.call('GET', `/api/v1/cases/${filed.body.id}/audit`, { token: token.citizen });
    expect(trail.body.events.map((e: { event: string }) => e.event)).toEqual(['FILED', 'REFER', 'ANSWER_RECORDED']);
    expect(
      (await h.call('GET', `/api/v1/cases/${filed.body.id}/audit/verify`, { token: token.citizen })).body.valid,
    ).toBe(true);
    // The court deleted the entry: the record shows it removed from the list, with the date and
    // the court's reference, as a version the referral made (through the engine, on its trail).
    const shown = (await h.call('GET', `/api/v1/records/${record.id}`, { token: token.citizen })).body;
    expect(shown.status).toBe('revoked');
    expect(shown.history.at(-1)).toMatchObject({ changedByCaseId: filed.body.id });
    expect(shown.history.at(-1).changeReason).toMatch(
      /removed by the forum that decides .*2026-12-03.*（2026）京01执异12号/,
    );
    expect(shown.forumAnswers).toEqual([
      expect.objectContaining({ outcome: 'deleted', answeredOn: '2026-12-03', reference: '（2026）京01执异12号' }),
    ]);
    // Answered: a new referral may be filed again (e.g. the entry reappears).
    expect((await file('referral', record.id)).status).toBe(201);
  });

  it('refers a credit-report objection to the data provider under its 20 days, and keeps the record out of the public look-up', async () => {
    h.clock.set(testStart);
    const report = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      kind: 'credit_report_negative',
      domain: 'financial_services',
      decisionNumber: `CR-${Math.random().toString(36).slice(2, 10)}`,
      facts: 'Consumer loan overdue 94 days.',
      legalBasis: '《征信业管理条例》第十五条、第十六条',
      conductEndedOn: '2026-09-30',
    });
    expect((await file('objection', report.id)).body.code).toBe('ANOTHER_FORUM_DECIDES');
    const filed = await file('referral', report.id);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const referred = await send(filed.body.id, 'reviewer', 1, {
      type: 'REFER',
      sentTo: 'Bank of Beijing (data provider)',
      sentOn: '2026-11-25',
      channel: 'post',
    });
    expect(referred.body).toMatchObject({
      state: 'awaitingCreditReporting',
      deadline: { key: 'referral.creditReport', limit: 20, dueAt: '2026-12-15T16:00:00.000Z' },
    });
    // The agency that owns the record may record the answer itself.
    const answered = await send(filed.body.id, 'agency', referred.body.version, {
      type: 'ANSWER_RECORDED',
      answeredOn: '2026-12-01',
      outcome: 'maintained',
      reasonCode: 'forum_kept_record',
      answer: 'The overdue days are right; the record stays.',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    // Version 3: why the forum kept it, and what to do now, reach the subject (issue 16 item 3).
    expect(answered.body).toMatchObject({
      machineVersion: 3,
      details: { answer: { reasonCode: 'forum_kept_record' } },
    });
    expect(answered.body.state).toBe('answered');
    // Upheld: the record stays as it was, and the answer is shown beside it.
    const kept = (await h.call('GET', `/api/v1/records/${report.id}`, { token: token.citizen })).body;
    expect(kept).toMatchObject({ status: 'published', version: report.version });
    expect(kept.forumAnswers).toEqual([
      expect.objectContaining({ outcome: 'maintained', answer: 'The overdue days are right; the record stays.' }),
    ]);
    // Never public, with or without a referral.
    const lookup = await h.call('GET', `/api/v1/public/records?residentId=${s.subject.residentId}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.records.map((r: { kind: string }) => r.kind)).not.toContain('credit_report_negative');
    expect(lookup.body.records.map((r: { id: string }) => r.id)).not.toContain(report.id);
  });

  it('refuses a referral of a record decided here, and a repair of a kind the law excludes, saying why and where', async () => {
    h.clock.set(testStart);
    const here = await file('referral', s.record.id);
    expect(here.status).toBe(409);
    expect(here.body.detail).toContain('file an objection instead');

    const record = await courtListRecord();
    const repair = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'repair', recordId: record.id, routes: ['performance'], commitment: 'I commit.' },
    });
    expect(repair.status).toBe(422);
    expect(repair.body.code).toBe('REPAIR_NOT_ELIGIBLE');
    expect(repair.body.detail).toContain('published and removed by the courts');
    expect(repair.body.detail).toContain('deletes the entry within 3 working days');
    expect(repair.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'repairable_kind' })]));
  });

  it('a court list entry says its term by the paragraph of art. 1 it rests on: none for 1(1), 2 years for 1(2)–(6)', async () => {
    h.clock.set(testStart);
    const refused = await courtListRecord(1);
    const obstructed = await makeRecord(h.database.db, s.subject.id, court.id, {
      kind: 'court_dishonest_debtor',
      domain: 'litigation',
      class: 'serious',
      decisionNumber: '(2026)京0105执9999号',
      decisionDate: '2026-03-10',
      publishedFrom: '2026-03-10',
      facts: 'Obstructed enforcement with forged evidence.',
      legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条第（二）项',
      courtListParagraph: 2,
    });
    const page = async (id: string) =>
      (
        await h.app.request(`/records/${id}`, { headers: { cookie: `xiufu_session=${token.citizen}; lang=zh-CN` } })
      ).text();
    const noTerm = await page(refused.id);
    expect(noTerm).toContain('第一条第（1）项');
    expect(noTerm).toContain('无固定期限：履行义务后由法院在三个工作日内删除');
    const twoYears = await page(obstructed.id);
    expect(twoYears).toContain('第一条第（2）项');
    expect(twoYears).toContain('至 2028年3月10日（两年，法院可延长一至三年');
    // Only a court list entry names a paragraph.
    await expect(makeRecord(h.database.db, s.subject.id, s.agency.id, { courtListParagraph: 2 })).rejects.toThrow(
      /only a court list entry/,
    );
  });
});
