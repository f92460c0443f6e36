// Administrative review (行政复议) as its users meet it over HTTP, on PostgreSQL and PGlite: the
// citizen records the application made to the review body against a dismissal; the review
// body's officer (never the credit center's staff) asks once to supplement, accepts, sends the
// copy, the respondent answers, the officer extends once from the end of the original period and
// decides; the windows of 行政复议法 art. 20 refuse a late filing with the right article, an
// obstacle stated moves the window, a withdrawn application is not filed again (art. 74(2)).
// Under the national profile there is no re-examination (复核): it is refused, pointing here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('administrative review over HTTP (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(driver, '2026-06-01T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    const [officer, supervisor] = await Promise.all([
      makeUser(h.database.db, 'review_body'),
      makeUser(h.database.db, 'supervisor'),
    ]);
    for (const [name, user] of Object.entries({
      citizen: s.citizen,
      other: s.otherCitizen,
      reviewer: s.reviewer,
      agency: s.agencyOfficer,
      officer,
      supervisor,
    })) {
      token[name] = await h.login(user.username);
    }
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const file = (who: string, body: Record<string, unknown>) =>
    h.call('POST', '/api/v1/cases', { token: token[who], body });
  const view = async (id: string, who = 'officer') =>
    (await h.call('GET', `/api/v1/cases/${id}`, { token: token[who] })).body;
  const send = async (id: string, who: string, body: Record<string, unknown>) => {
    const current = await view(id, 'officer');
    return h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${current.version}"` },
    });
  };

  /** A dismissed objection about a fresh record of the citizen: the decision challenged. */
  async function dismissal(): Promise<string> {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      decisionDate: '2026-01-05',
      publishedFrom: '2026-01-10',
    });
    const filed = await file('citizen', { type: 'objection', recordId: record.id, reason: 'The record is wrong.' });
    expect(filed.status).toBe(201);
    for (const body of [
      { type: 'ACCEPT' },
      { type: 'AGENCY_CONFIRMED', answer: 'The facts stand.' },
      { type: 'DISMISS', reasonCode: 'record_accurate', reasons: 'The record is accurate.' },
    ]) {
      const current = await view(filed.body.id, 'reviewer');
      const sent = await h.call('POST', `/api/v1/cases/${filed.body.id}/events`, {
        token: token.reviewer,
        body,
        headers: { 'If-Match': `"${current.version}"` },
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    }
    return filed.body.id;
  }
  const application = (parentCaseId: string, fields: Record<string, unknown> = {}) => ({
    type: 'administrative-review',
    parentCaseId,
    reviewBody: '测试市人民政府',
    filedOn: '2026-06-01',
    learnedOn: '2026-06-01',
    toldOfRight: true,
    grounds: 'The receipt shows the fine was paid.',
    request: 'Revoke the dismissal and correct the record.',
    ...fields,
  });

  it('the national profile offers no re-examination; the decision names 行政复议 and 行政诉讼 instead', async () => {
    h.clock.set('2026-06-01T02:00:00Z');
    const dismissed = await dismissal();
    const reExamination = await file('citizen', { type: 'review', parentCaseId: dismissed, grounds: 'Wrong.' });
    expect(reExamination.status).toBe(409);
    expect(reExamination.body).toMatchObject({ code: 'NOT_REVIEWABLE' });
    expect(reExamination.body.detail).toMatch(/not provided.*行政复议.*60 days.*6 months/);
  });

  it('is worked by the review body, answered by the respondent, extended once and decided', async () => {
    h.clock.set('2026-06-01T02:00:00Z');
    const dismissed = await dismissal();
    const filed = await file('citizen', application(dismissed));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    expect(filed.body).toMatchObject({
      type: 'administrative-review',
      state: 'acceptanceReview',
      waitingOn: 'review_body',
      parentCaseId: dismissed,
      deadline: { key: 'administrativeReview.accept', limit: 5, unit: 'working' },
    });
    // Monday 06-01 + 5 working days: 06-08.
    expect(filed.body.deadline.dueAt).toBe('2026-06-08T16:00:00.000Z');

    // The credit center's staff and the respondent do not decide on acceptance.
    for (const who of ['reviewer', 'supervisor', 'agency']) {
      const refused = await send(id, who, { type: 'ACCEPT' });
      expect(refused.status, who).toBe(403);
    }
    // The review body's officer sees administrative reviews only.
    expect((await h.call('GET', `/api/v1/cases/${dismissed}`, { token: token.officer })).status).toBe(404);

    const asked = await send(id, 'officer', {
      type: 'REQUEST_SUPPLEMENT',
      reasonCode: 'material_incomplete',
      requested: 'The decision letter.',
    });
    // The applicant's 10 working days count from its receipt of the notice (art. 31): none yet.
    expect(asked.body).toMatchObject({ state: 'supplementNoticeServing', waitingOn: 'review_body' });
    expect(asked.body.deadline.dueAt).toBeNull();
    h.clock.set('2026-06-03T02:00:00Z');
    const served = await send(id, 'officer', { type: 'SUPPLEMENT_NOTICE_RECEIVED', receivedOn: '2026-06-02' });
    expect(served.body).toMatchObject({
      state: 'awaitingSupplement',
      deadline: { key: 'administrativeReview.supplement', limit: 10 },
    });
    // Received Tuesday 06-02: 10 working days end Tuesday 06-16 (not 06-15, as from the sending).
    expect(served.body.deadline.dueAt).toBe('2026-06-16T16:00:00.000Z');
    const supplied = await send(id, 'citizen', { type: 'SUPPLEMENT', material: 'Letter of 2026-06-01.' });
    expect(supplied.body.state).toBe('acceptanceReview');
    expect(
      (await send(id, 'officer', { type: 'REQUEST_SUPPLEMENT', reasonCode: 'material_incomplete', requested: 'More.' }))
        .status,
    ).toBe(409);

    h.clock.set('2026-08-03T02:00:00Z');
    const accepted = await send(id, 'officer', { type: 'ACCEPT' });
    expect(accepted.body).toMatchObject({
      state: 'copyToRespondent',
      deadline: { key: 'administrativeReview.decide' },
    });
    // 08-03 + 60 days = 10-02, in the National Day holidays: 10-08.
    expect(accepted.body.deadline.dueAt).toBe('2026-10-08T16:00:00.000Z');
    const copied = await send(id, 'officer', { type: 'SEND_COPY', sentOn: '2026-08-03' });
    // The respondent's 10 days count from its receipt (art. 48): until it is recorded, only a reminder runs.
    expect(copied.body).toMatchObject({ state: 'awaitingService', waitingOn: 'review_body' });
    expect(copied.body.otherDeadlines).toEqual([
      expect.objectContaining({ key: 'administrativeReview.service', limit: 10, unit: 'calendar' }),
    ]);
    h.clock.set('2026-08-06T02:00:00Z');
    const served2 = await send(id, 'officer', { type: 'COPY_RECEIVED', receivedOn: '2026-08-04' });
    expect(served2.body).toMatchObject({ state: 'awaitingAnswer', waitingOn: 'agency' });
    const answerClock = (
      served2.body.otherDeadlines as { key: string; dueAt: string; stoppedAt: string | null }[]
    ).find((d) => d.key === 'administrativeReview.answer');
    // Received Tuesday 08-04: + 10 days = Friday 08-14 (from the sending, 08-13).
    expect(answerClock).toMatchObject({ dueAt: '2026-08-14T16:00:00.000Z' });
    const answered = await send(id, 'agency', { type: 'ANSWER', answer: 'The fine was unpaid on the due date.' });
    expect(answered.body.state).toBe('deliberating');

    // The one extension runs from the end of the original period: 10-08 + 30 = 11-07 (Sat) → 11-09.
    const extended = await send(id, 'officer', {
      type: 'EXTEND',
      days: 30,
      approvedBy: '复议机构负责人',
      reasons: 'The respondent’s evidence needs checking.',
    });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    expect(extended.body.deadline.dueAt).toBe('2026-11-09T16:00:00.000Z');
    expect((await send(id, 'officer', { type: 'EXTEND', days: 5, approvedBy: 'x', reasons: 'again' })).status).toBe(
      409,
    );

    const decided = await send(id, 'officer', {
      type: 'DECIDE',
      outcome: 'confirm_void',
      removeRecord: true,
      reasons: 'The act has no legal basis.',
    });
    expect(decided.body).toMatchObject({ state: 'decidedFor', status: 'closed' });
    // The record follows through the correction path (the credit center's case: the officer does not see it).
    expect((await view(id, 'reviewer')).linkedCases).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'correction', relation: 'child' })]),
    );
    // Decided once: not brought again.
    const again = await file('citizen', application(dismissed, { filedOn: '2026-08-03', learnedOn: '2026-07-01' }));
    expect(again.status).toBe(409);
  });

  it('refuses a filing out of the window with art. 20(1), takes one with an obstacle stated', async () => {
    h.clock.set('2026-06-01T02:00:00Z');
    const dismissed = await dismissal();
    h.clock.set('2026-08-10T02:00:00Z');
    const late = await file('citizen', application(dismissed, { filedOn: '2026-08-10' }));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REVIEW_WINDOW_PASSED');
    // 06-01 + 60 days = 07-31, a Friday.
    expect(late.body.detail).toMatch(/ended on 2026-07-31.*Administrative Review Law \(2023\) art\. 20\(1\)/);
    const before = await file('citizen', application(dismissed, { filedOn: '2026-08-10', learnedOn: '2026-05-01' }));
    expect(before.status).toBe(422);
    const noDates = await file('citizen', application(dismissed, { filedOn: '2026-08-10', obstacle: 'In hospital.' }));
    expect(noDates.status).toBe(422);
    // In hospital 06-10..06-25: 16 days that did not run; 07-31 + 16 = 08-16 (Sun) → 08-17.
    const withObstacle = await file(
      'citizen',
      application(dismissed, {
        filedOn: '2026-08-10',
        obstacle: 'In hospital.',
        obstacleFrom: '2026-06-10',
        obstacleUntil: '2026-06-25',
      }),
    );
    expect(withObstacle.status, JSON.stringify(withObstacle.body)).toBe(201);
    expect(withObstacle.body.details).toMatchObject({ obstacle: 'In hospital.' });
  });

  it('not told of the right: the year of art. 20(3); a withdrawn application is not filed again (art. 74(2))', async () => {
    h.clock.set('2026-06-01T02:00:00Z');
    const dismissed = await dismissal();
    h.clock.set('2026-08-10T02:00:00Z');
    const untold = await file('citizen', application(dismissed, { filedOn: '2026-08-10', toldOfRight: false }));
    expect(untold.status, JSON.stringify(untold.body)).toBe(201);
    const withdrawn = await send(untold.body.id, 'citizen', { type: 'WITHDRAW', reason: 'Settled privately.' });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', status: 'closed' });
    const repeat = await file('citizen', application(dismissed, { filedOn: '2026-08-10', toldOfRight: false }));
    expect(repeat.status).toBe(409);
    expect(repeat.body).toMatchObject({ code: 'REPEAT_APPLICATION' });
    expect(repeat.body.detail).toMatch(
      /cannot be filed again on the same facts and grounds \(行政复议法 art\. 74\(2\)\)/,
    );
    // Someone else's decision is not theirs to bring.
    expect((await file('other', application(dismissed, { filedOn: '2026-08-10' }))).status).toBe(404);
  });
});
