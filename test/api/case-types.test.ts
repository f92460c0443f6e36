// Every remedy as its users meet it over HTTP, on PostgreSQL and PGlite: an upheld objection's
// correction (four eyes where the policy asks, propagated to platforms that acknowledge, one of
// them a local receiver that fails first), a review of a dismissal (window, conflict of
// interest, one extension, a decision that opens its follow-up), a repair with its evidence
// ledger (eligibility, thresholds; the credit center's completeness check; the finding
// department's decision, extension, refusal for false material; publication, revocation and
// ban, each contestable), a self-explanation, and the public view that follows display periods.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, notifications, propagations, repairBans } from '../../db/schema.js';
import { relayOutbox } from '../../src/services/relay-outbox.js';
import { sweepDisplayPeriods } from '../../src/services/sweep-display-periods.js';
import { makeObjectionScenario, makePlatform, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startReceiver, type Receiver } from '../helpers/platform-receiver.js';
import { pendingTimersOfCase } from '../helpers/case-timers.js';
import { drivers } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait.js';

describe.each(drivers)('every case type over HTTP (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let receiver: Receiver;
  const token: Record<string, string> = {};
  let supervisorIds: string[];

  beforeAll(async () => {
    // The demo policy: volunteering and donation are repair routes there.
    h = await startHarness(driver, '2026-11-25T02:00:00Z', 'demo');
    s = await makeObjectionScenario(h.database.db);
    receiver = await startReceiver('receiver-secret');
    await makePlatform(h.database.db, s.agency.id, {
      kind: 'http',
      endpointUrl: receiver.url,
      signingSecret: 'receiver-secret',
      name: 'Credit Local',
    });
    await makePlatform(h.database.db, s.agency.id, { kind: 'manual', name: 'Credit China' });
    const [supervisorA, supervisorB, reviewerB] = await Promise.all([
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'reviewer'),
    ]);
    supervisorIds = [supervisorA.id, supervisorB.id];
    for (const [name, user] of Object.entries({
      citizen: s.citizen,
      other: s.otherCitizen,
      reviewer: s.reviewer,
      reviewerB,
      agency: s.agencyOfficer,
      supervisorA,
      supervisorB,
    })) {
      token[name] = await h.login(user.username);
    }
  });
  afterAll(async () => {
    await receiver.close();
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const file = (who: string, body: Record<string, unknown>) =>
    h.call('POST', '/api/v1/cases', { token: token[who], body });
  const view = async (id: string, who = 'reviewer') =>
    (await h.call('GET', `/api/v1/cases/${id}`, { token: token[who] })).body;
  const send = async (id: string, who: string, body: Record<string, unknown>) => {
    const current = await view(id, who === 'citizen' || who === 'other' ? who : 'supervisorA');
    return h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${current.version}"` },
    });
  };
  const allowed = async (id: string, who: string) =>
    ((await view(id, who)).allowedEvents as { type: string }[]).map((e) => e.type);
  const record = async (id: string) => (await h.call('GET', `/api/v1/records/${id}`, { token: token.citizen })).body;

  async function decidedObjection(recordId: string, decision: Record<string, unknown>) {
    const filed = await file('citizen', { type: 'objection', recordId, reason: 'The record is wrong.' });
    expect(filed.status).toBe(201);
    for (const body of [{ type: 'ACCEPT' }, { type: 'AGENCY_DENIED', answer: 'Wrong indeed.' }, decision]) {
      const response = await send(filed.body.id, 'reviewer', body);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
    return filed.body.id as string;
  }

  it('an upheld objection opens a correction that is drafted, applied, propagated and closed when every platform acknowledged', async () => {
    const objection = await decidedObjection(s.record.id, {
      type: 'UPHOLD',
      reasons: 'Paid on time.',
      correction: { obligationPerformed: true },
    });
    const upheld = await view(objection);
    expect(upheld).toMatchObject({
      outcome: 'upheld',
      linkedCases: [{ type: 'correction', relation: 'child', state: 'drafting' }],
    });
    const correctionId = upheld.linkedCases[0].id;
    const correction = await view(correctionId);
    expect(correction).toMatchObject({
      parentCaseId: objection,
      details: { proposed: { obligationPerformed: true }, requiresApproval: false },
    });
    expect(correction.details.platformIds).toHaveLength(2);
    // The mark stays until the correction is applied (征信业管理条例 art. 25; objection v4 and
    // correction v2: before issue 15 it came off at UPHOLD, leaving a wrong record unmarked).
    expect(correction.details.liftsMarkOf).toBe(objection);
    expect(await record(s.record.id)).toMatchObject({ disputed: true, status: 'disputed' });

    const drafted = await send(correctionId, 'reviewer', {
      type: 'SUBMIT_DRAFT',
      reasons: 'Paid on time.',
      correction: { obligationPerformed: true, facts: 'Sold expired food; fine paid on time.' },
    });
    expect(drafted.body).toMatchObject({ state: 'propagating', waitingOn: 'platform' });
    expect(await record(s.record.id)).toMatchObject({
      status: 'corrected',
      version: 2,
      obligationPerformed: true,
      disputed: false,
    });

    // The local platform fails first: the propagation stays pending, with its error.
    receiver.answers = [503];
    expect(await relayOutbox(h.services)).toMatchObject({ delivered: 0, failed: 1 });
    const pending = await h.database.db.select().from(propagations).where(eq(propagations.caseId, correctionId));
    expect(pending.map((p) => `${p.status} ${p.attempts} ${p.lastError ?? ''}`).sort()).toEqual([
      'pending 0 ',
      'pending 1 HTTP 503',
    ]);
    // Not due again until its backoff passes; then it goes through, signed.
    expect(await relayOutbox(h.services)).toMatchObject({ delivered: 0, failed: 0 });
    h.clock.advanceDays(1);
    expect(await relayOutbox(h.services)).toMatchObject({ delivered: 1, failed: 0 });
    expect(receiver.deliveries.map((d) => d.signatureValid)).toEqual([true, true]);
    expect(receiver.deliveries[1]!.body).toMatchObject({
      caseId: correctionId,
      record: { id: s.record.id, version: 2, status: 'corrected' },
    });

    const afterHttp = await view(correctionId);
    expect(afterHttp).toMatchObject({
      state: 'propagating',
      details: { acknowledgedPlatformIds: [expect.any(String)] },
    });
    // The manual platform is confirmed by staff.
    const manual = (afterHttp.details.platformIds as string[]).find(
      (id: string) => !afterHttp.details.acknowledgedPlatformIds.includes(id),
    );
    const closed = await send(correctionId, 'supervisorA', { type: 'PLATFORM_ACKNOWLEDGED', platformId: manual });
    expect(closed.body).toMatchObject({ state: 'applied', status: 'closed' });
    const trail = (
      await h.call('GET', `/api/v1/cases/${correctionId}/audit`, { token: token.citizen })
    ).body.events.map((e: { event: string; actorRole: string }) => `${e.event}:${e.actorRole}`);
    expect(trail).toEqual([
      'FILED:reviewer',
      'SUBMIT_DRAFT:reviewer',
      'PLATFORM_ACKNOWLEDGED:system',
      'PLATFORM_ACKNOWLEDGED:supervisor',
    ]);
  });

  it('a change of class needs a second person too, and moves the display period with it', async () => {
    const general = await makeRecord(h.database.db, s.subject.id, s.otherAgencyOfficer.agencyId!, {
      publishedFrom: '2026-03-01',
    });
    const opened = await h.call('POST', '/api/v1/cases', {
      token: token.reviewer,
      body: { type: 'correction', recordId: general.id, reasons: 'Wrongly classed.' },
    });
    expect(opened.status).toBe(201);
    const drafted = await send(opened.body.id, 'reviewer', {
      type: 'SUBMIT_DRAFT',
      reasons: 'Minor, not general.',
      correction: { class: 'minor' },
    });
    expect(drafted.body.state).toBe('awaitingApproval');
    await send(opened.body.id, 'supervisorA', { type: 'APPROVE' });
    expect(await record(general.id)).toMatchObject({
      class: 'minor',
      repairableFrom: null,
      publishedUntil: '2026-06-01',
      status: 'corrected',
    });
    const byCitizen = await file('citizen', { type: 'correction', recordId: general.id, reasons: 'x' });
    expect(byCitizen.status).toBe(403);
  });

  it('a serious record’s correction needs a second person: the drafter cannot approve it', async () => {
    const serious = await makeRecord(h.database.db, s.subject.id, s.otherAgencyOfficer.agencyId!, {
      class: 'serious',
      kind: 'serious_list_entry',
    });
    const objection = await decidedObjection(serious.id, { type: 'UPHOLD', reasons: 'Wrong person.', remove: true });
    const correctionId = (await view(objection)).linkedCases[0].id;
    expect((await view(correctionId)).details.requiresApproval).toBe(true);
    const drafted = await send(correctionId, 'supervisorA', {
      type: 'SUBMIT_DRAFT',
      reasons: 'Remove: wrong person.',
      remove: true,
    });
    expect(drafted.body).toMatchObject({ state: 'awaitingApproval', waitingOn: 'supervisor' });
    expect(await allowed(correctionId, 'supervisorA')).not.toContain('APPROVE');
    const own = await send(correctionId, 'supervisorA', { type: 'APPROVE' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('CONFLICT_OF_INTEREST');
    expect(await allowed(correctionId, 'supervisorB')).toContain('APPROVE');
    const approved = await send(correctionId, 'supervisorB', { type: 'APPROVE', note: 'Agreed.' });
    // The other agency has no platforms: applied at once.
    expect(approved.body).toMatchObject({ state: 'applied', details: { approvedBy: supervisorIds[1] } });
    expect((await record(serious.id)).status).toBe('revoked');
  });

  it('a dismissal can be reviewed in time, not by its decider, extended once, and altered with a correction', async () => {
    const dismissedRecord = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const dismissed = await decidedObjection(dismissedRecord.id, {
      type: 'DISMISS',
      reasonCode: 'record_accurate',
      reasons: 'The facts stand.',
    });

    // A repeat of the same objection without new facts is refused, pointing to review.
    const repeat = await file('citizen', {
      type: 'objection',
      recordId: dismissedRecord.id,
      reason: 'The record is wrong.',
    });
    expect(repeat.status).toBe(409);
    expect(repeat.body.code).toBe('REPEAT_OBJECTION');
    expect(repeat.body.detail).toMatch(/new facts or new evidence.*administrative review/);

    const review = await file('citizen', {
      type: 'review',
      parentCaseId: dismissed,
      grounds: 'The agency ignored my receipt.',
    });
    expect(review.status).toBe(201);
    expect(review.body).toMatchObject({
      type: 'review',
      state: 'acceptanceReview',
      parentCaseId: dismissed,
      details: { late: false, originalDeciderId: s.reviewer.id },
    });
    const id = review.body.id;
    // The original decider takes no part in the review, from acceptance on.
    expect(await allowed(id, 'reviewer')).toEqual([]);
    expect((await send(id, 'reviewer', { type: 'ACCEPT_APPLICATION' })).status).toBe(403);
    expect((await send(id, 'reviewerB', { type: 'ACCEPT_APPLICATION' })).body.state).toBe('underReview');
    const twice = await file('citizen', { type: 'review', parentCaseId: dismissed, grounds: 'Again.' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('NOT_REVIEWABLE');
    const before = (await view(id)).deadline;
    const extended = await send(id, 'reviewerB', { type: 'EXTEND', reasons: 'Complex facts.' });
    expect(extended.body.deadline.limit).toBe(before.limit + 30);
    expect(await allowed(id, 'reviewerB')).not.toContain('EXTEND');
    // The reviewer who dismissed the objection may not decide its review.
    expect(await allowed(id, 'reviewer')).not.toContain('DECIDE');
    const conflicted = await send(id, 'reviewer', {
      type: 'DECIDE',
      outcome: 'uphold',
      reasonCode: 'decision_lawful',
      reasons: 'x',
    });
    expect(conflicted.status).toBe(403);
    const decided = await send(id, 'reviewerB', {
      type: 'DECIDE',
      outcome: 'alter',
      reasons: 'The receipt shows payment.',
      correction: { obligationPerformed: true },
    });
    expect(decided.body).toMatchObject({ state: 'decided', details: { decision: { outcome: 'alter' } } });
    const follow = (await view(id)).linkedCases;
    expect(follow).toEqual(
      expect.arrayContaining([
        { id: dismissed, type: 'objection', state: 'dismissed', relation: 'parent' },
        { id: expect.any(String), type: 'correction', state: 'drafting', relation: 'child' },
      ]),
    );
    expect(follow).toHaveLength(2);
  });

  it('a late review is refused with the reason, unless a justified delay is shown', async () => {
    const oldRecord = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const dismissed = await decidedObjection(oldRecord.id, {
      type: 'DISMISS',
      reasonCode: 'record_accurate',
      reasons: 'The facts stand.',
    });
    h.clock.advanceDays(40);
    const inTime = await file('citizen', { type: 'review', parentCaseId: dismissed, grounds: 'Wrong.' });
    expect(inTime.status).toBe(201);
    await send(inTime.body.id, 'citizen', { type: 'WITHDRAW' });
    // 60 days, and the 10 days of doubt while the 2027 holiday notice is not loaded, have passed.
    h.clock.advanceDays(35);
    const late = await file('citizen', { type: 'review', parentCaseId: dismissed, grounds: 'Wrong.' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'REVIEW_WINDOW_PASSED',
      detail: expect.stringContaining('60 days from the decision'),
    });
    const justified = await file('citizen', {
      type: 'review',
      parentCaseId: dismissed,
      grounds: 'Wrong.',
      lateJustification: 'I was in hospital.',
    });
    expect(justified.status).toBe(201);
    expect(justified.body.details).toMatchObject({ late: true, lateJustification: 'I was in hospital.' });
    const notMine = await file('other', { type: 'review', parentCaseId: dismissed, grounds: 'x' });
    expect(notMine.status).toBe(404);
  });

  it('repair: eligibility says which rule failed; the credit center checks and forwards; the finding department decides (not the reviewer), extends once; publication hides the record and tells each platform what to lift; a revocation shows it again and bars repair', async () => {
    h.clock.set('2026-11-26T02:00:00Z');
    const early = await makeRecord(h.database.db, s.subject.id, s.agency.id, { publishedFrom: '2026-10-01' });
    const refused = await file('citizen', {
      type: 'repair',
      recordId: early.id,
      routes: ['volunteering'],
      commitment: 'I will comply.',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'REPAIR_NOT_ELIGIBLE',
      issues: [
        {
          path: 'minimum_period',
          message: 'the minimum display period is served at the end of 2027-01-01: repair may be asked from 2027-01-02',
        },
      ],
    });

    const repairable = await makeRecord(h.database.db, s.subject.id, s.agency.id, { publishedFrom: '2026-03-01' });
    const residentId = s.subject.residentId;
    const publicNumbers = async () =>
      (await h.call('GET', `/api/v1/public/records?residentId=${residentId}`)).body.records.map(
        (r: { decisionNumber: string }) => r.decisionNumber,
      );
    expect(await publicNumbers()).toContain(repairable.decisionNumber);

    const filed = await file('citizen', {
      type: 'repair',
      recordId: repairable.id,
      routes: ['volunteering', 'donation'],
      commitment: 'I commit to comply with food-safety law.',
    });
    expect(filed.status).toBe(201);
    expect(filed.body.machineVersion).toBe(4);
    const id = filed.body.id;
    expect(filed.body.details.routes).toEqual([
      { route: 'volunteering', threshold: 20, unit: 'hours' },
      { route: 'donation', threshold: 1000, unit: 'CNY' },
    ]);
    await send(id, 'citizen', {
      type: 'ADD_EVIDENCE',
      route: 'volunteering',
      amount: 12,
      certifiedBy: 'Haidian Volunteers Association',
      description: 'Community clean-up',
    });
    await send(id, 'citizen', {
      type: 'ADD_EVIDENCE',
      route: 'donation',
      amount: 1000,
      certifiedBy: 'China Charity Federation',
      description: 'Donation receipt',
    });
    const early2 = await send(id, 'citizen', { type: 'SUBMIT_APPLICATION' });
    expect(early2.status).toBe(409);
    const notChosen = await send(id, 'citizen', {
      type: 'ADD_EVIDENCE',
      route: 'performance',
      amount: 1,
      certifiedBy: 'x',
      description: 'y',
    });
    expect(notChosen.status).toBe(409);
    await send(id, 'citizen', {
      type: 'ADD_EVIDENCE',
      route: 'volunteering',
      amount: 8,
      certifiedBy: 'Haidian Volunteers Association',
      description: 'Elderly care',
    });
    const submitted = (await send(id, 'citizen', { type: 'SUBMIT_APPLICATION' })).body;
    // The credit center receives it and checks it is complete; the department does not yet see a decision to make.
    expect(submitted).toMatchObject({ state: 'completenessCheck', waitingOn: 'reviewer' });
    expect(await allowed(id, 'agency')).toEqual([]);
    const asked = (
      await send(id, 'reviewer', {
        type: 'REQUEST_MATERIAL',
        reasonCode: 'material_incomplete',
        requested: 'The donation receipt’s original',
      })
    ).body;
    // The material is due within the policy's period: 10 working days from Thursday 11-26 is 12-10.
    expect(asked).toMatchObject({
      state: 'awaitingMaterial',
      waitingOn: 'citizen',
      deadline: { key: 'repair.material', limit: 10, unit: 'working', dueAt: '2026-12-10T16:00:00.000Z' },
    });
    // The applicant's notice says by when.
    const [askedNotice] = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, id), eq(notifications.topic, 'material_requested')));
    expect(askedNotice!.data).toEqual({
      requested: 'The donation receipt’s original',
      // Version 3: why, and the how-many-th request for material this is (一次性告知).
      reasonCode: 'material_incomplete',
      times: '1',
      dueAt: '2026-12-10T16:00:00.000Z',
    });
    await send(id, 'citizen', { type: 'SUBMIT_MATERIAL', material: 'Original receipt no. 2026-88' });
    const forwarded = (await send(id, 'reviewer', { type: 'FORWARD_TO_DEPARTMENT' })).body;
    expect(forwarded).toMatchObject({ state: 'departmentDeciding', waitingOn: 'agency' });
    // Two clocks: the department's decision (3 working days) and reporting the result (10).
    // Thursday 11-26: Friday, Monday, Tuesday are the three working days left.
    expect(forwarded.deadline).toMatchObject({
      key: 'repair.decide',
      limit: 3,
      unit: 'working',
      daysLeft: 3,
      dueAt: '2026-12-01T16:00:00.000Z',
    });
    expect(forwarded.otherDeadlines).toMatchObject([
      { key: 'repair.report', limit: 10, unit: 'working', sla: 'on_track' },
    ]);
    const armed = await pendingTimersOfCase(h.database.db, id);
    expect([...new Set(armed.map((t) => t.deadline))].sort()).toEqual(['repair.decide', 'repair.report']);

    // 谁认定、谁修复: the reviewer may not decide; the department's officer may.
    expect(await allowed(id, 'reviewer')).not.toContain('APPROVE');
    expect(await allowed(id, 'agency')).toEqual(
      expect.arrayContaining(['APPROVE', 'REFUSE', 'REFUSE_FOR_FALSE_MATERIAL', 'EXTEND_DECISION']),
    );
    const byReviewer = await send(id, 'reviewer', { type: 'APPROVE', reasons: 'All conditions met.' });
    expect(byReviewer.status).toBe(403);
    // A complex case: extended once, by the policy's 3 working days (national: length unverified).
    const extended = (await send(id, 'agency', { type: 'EXTEND_DECISION', reasons: 'The charity must confirm.' })).body;
    expect(extended.deadline).toMatchObject({ key: 'repair.decide', limit: 6, dueAt: '2026-12-04T16:00:00.000Z' });
    expect(extended.details.extension).toEqual({ days: 3, reasons: 'The charity must confirm.' });
    expect((await send(id, 'agency', { type: 'EXTEND_DECISION', reasons: 'Again.' })).status).toBe(409);
    const approved = await send(id, 'agency', { type: 'APPROVE', reasons: 'All conditions met.' });
    expect(approved.body).toMatchObject({ state: 'publishing', waitingOn: 'reviewer' });
    expect(approved.body.details.decidedBy).toBe(s.agencyOfficer.id);
    // Until the credit center publishes the result, the record stands as it was.
    expect((await record(repairable.id)).status).toBe('published');
    const published = await send(id, 'reviewer', { type: 'PUBLISH_RESULT' });
    expect(published.body.state).toBe('propagating');
    expect((await record(repairable.id)).status).toBe('repaired');
    expect(await publicNumbers()).not.toContain(repairable.decisionNumber);

    // The decision clock stopped with the approval; the 10 working days to report run on, and
    // once they pass the case counts as breached in the queue's SLA filter.
    h.clock.advanceDays(20);
    const breachedIds = (
      await h.call('GET', '/api/v1/cases?sla=breached&limit=200', { token: token.reviewer })
    ).body.cases.map((c: { id: string }) => c.id);
    expect(breachedIds).toContain(id);
    // The local platform acknowledges through the relay. On a busy machine its delivery may fail
    // (a timeout) and wait out its backoff: relay until the acknowledgement is in.
    const waiting = await waitFor('the local platform to acknowledge the repair', async () => {
      if ((await relayOutbox(h.services)).failed > 0) h.clock.advanceDays(1);
      const current = await view(id);
      return current.details.acknowledgedPlatformIds.length === 1 && current;
    });
    // Order 36 art. 3: the platform is told to stop publishing and sharing and to lift the related measures.
    const delivered = receiver.deliveries.filter((d) => d.body.caseId === id);
    expect(delivered.at(-1)?.body).toMatchObject({
      instruction: { publication: 'stop', sharing: 'stop', relatedMeasures: 'lift' },
      record: { status: 'repaired', disputed: false },
    });
    const manual = (waiting.details.platformIds as string[]).find(
      (p: string) => !waiting.details.acknowledgedPlatformIds.includes(p),
    );
    const repaired = await send(id, 'supervisorA', { type: 'PLATFORM_ACKNOWLEDGED', platformId: manual });
    expect(repaired.body).toMatchObject({ state: 'repaired', status: 'closed' });

    // The department revokes it for false material, not the credit center.
    expect(
      (await send(id, 'supervisorA', { type: 'REVOKE_FOR_FALSE_MATERIAL', reasons: 'The receipt was forged.' })).status,
    ).toBe(403);
    const revoked = await send(id, 'agency', {
      type: 'REVOKE_FOR_FALSE_MATERIAL',
      reasons: 'The donation receipt was forged.',
    });
    expect(revoked.body.state).toBe('revoked');
    expect((await record(repairable.id)).status).toBe('published');
    // The platforms are told to publish and share it again, and to reinstate the measures.
    await waitFor('the revocation to reach the local platform', async () => {
      await relayOutbox(h.services);
      const last = receiver.deliveries.filter((d) => d.body.caseId === id).at(-1);
      return (last?.body.instruction as { publication?: string } | undefined)?.publication === 'resume' && last;
    });
    expect(receiver.deliveries.filter((d) => d.body.caseId === id).at(-1)?.body).toMatchObject({
      instruction: { publication: 'resume', sharing: 'resume', relatedMeasures: 'reinstate' },
      record: { status: 'published' },
    });
    expect(await publicNumbers()).toContain(repairable.decisionNumber);
    const barred = await file('citizen', {
      type: 'repair',
      recordId: repairable.id,
      routes: ['donation'],
      commitment: 'Again.',
    });
    expect(barred.status).toBe(422);
    expect(barred.body.issues.map((i: { path: string }) => i.path)).toEqual(['no_ban']);
    // The revocation and its bar may be contested.
    const contest = await file('citizen', {
      type: 'review',
      parentCaseId: id,
      grounds: 'The receipt is genuine; the charity confirms it.',
    });
    expect(contest.status, JSON.stringify(contest.body)).toBe(201);
  });

  it('repair: a refusal for false material bars repair, tells the applicant why and for how long, and may be contested; its result and a display period may be objected to', async () => {
    h.clock.set('2026-12-10T02:00:00Z');
    // The other subject: the first has been barred by the revocation above.
    const theirs = await makeRecord(h.database.db, s.otherSubject.id, s.agency.id, { publishedFrom: '2026-03-01' });
    const filed = await file('other', {
      type: 'repair',
      recordId: theirs.id,
      routes: ['donation'],
      commitment: 'I commit to comply.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    await send(id, 'other', {
      type: 'ADD_EVIDENCE',
      route: 'donation',
      amount: 1000,
      certifiedBy: 'A charity',
      description: 'Receipt',
    });
    await send(id, 'other', { type: 'SUBMIT_APPLICATION' });
    await send(id, 'reviewer', { type: 'FORWARD_TO_DEPARTMENT' });
    const refusedFalse = await send(id, 'agency', {
      type: 'REFUSE_FOR_FALSE_MATERIAL',
      reasons: 'The charity has no record of this donation.',
    });
    expect(refusedFalse.body).toMatchObject({ state: 'refusedForFalseMaterial', status: 'closed' });
    const [ban] = await h.database.db.select().from(repairBans).where(eq(repairBans.caseId, id));
    // Barred for the policy's 36 months (unverified) from the refusal (2026-12-10 China time).
    expect(ban).toMatchObject({ until: '2029-12-10', reason: 'The charity has no record of this donation.' });
    const [told] = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, id), eq(notifications.topic, 'case_closed')));
    expect(told!.data).toEqual({
      outcome: 'refusedForFalseMaterial',
      reasons: 'The charity has no record of this donation.',
      // Version 3: the reason code of false material, with what to do now in the words.
      reasonCode: 'material_false',
      bannedMonths: '36',
    });
    const another = await makeRecord(h.database.db, s.otherSubject.id, s.agency.id, { publishedFrom: '2026-03-01' });
    const barred = await file('other', { type: 'repair', recordId: another.id, routes: ['donation'], commitment: 'x' });
    expect(barred.body.issues.map((i: { path: string }) => i.path)).toEqual(['no_ban']);
    const contest = await file('other', {
      type: 'review',
      parentCaseId: id,
      grounds: 'The donation was made; the bank statement shows it.',
    });
    expect(contest.status, JSON.stringify(contest.body)).toBe(201);

    // 国办发〔2025〕22号: the repair's result, or a record's display period, may be objected to;
    // the objection goes to the department that made the finding, which verifies it.
    const noResult = await file('other', {
      type: 'objection',
      recordId: another.id,
      reason: 'The repair was wrongly refused.',
      concerns: 'repair_result',
    });
    expect(noResult.status).toBe(422);
    expect(noResult.body.issues).toMatchObject([{ path: 'concerns' }]);
    const period = await file('other', {
      type: 'objection',
      recordId: another.id,
      reason: 'A general record is shown for at most a year; this one says three.',
      concerns: 'display_period',
    });
    expect(period.status, JSON.stringify(period.body)).toBe(201);
    expect(period.body.details.concerns).toBe('display_period');
    const againstResult = await file('other', {
      type: 'objection',
      recordId: theirs.id,
      reason: 'The charity’s letter confirms the donation.',
      concerns: 'repair_result',
    });
    expect(againstResult.status, JSON.stringify(againstResult.body)).toBe(201);
    expect(againstResult.body.details.concerns).toBe('repair_result');
    await send(againstResult.body.id, 'reviewer', { type: 'ACCEPT' });
    expect(await allowed(againstResult.body.id, 'agency')).toEqual(
      expect.arrayContaining(['AGENCY_CONFIRMED', 'AGENCY_DENIED']),
    );
  });

  it('a self-explanation is shown beside the record once moderated, and gone when withdrawn', async () => {
    const filed = await file('citizen', { type: 'explanation', recordId: s.otherRecord.id, statement: 'x' });
    expect(filed.status).toBe(404);
    const explained = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const statement = await file('citizen', {
      type: 'explanation',
      recordId: explained.id,
      statement: 'The shop was run by my former partner.',
    });
    expect(statement.body.state).toBe('moderation');
    await send(statement.body.id, 'reviewer', { type: 'PUBLISH' });
    const shown = (await h.call('GET', `/api/v1/public/records?residentId=${s.subject.residentId}`)).body.records.find(
      (r: { decisionNumber: string }) => r.decisionNumber === explained.decisionNumber,
    );
    expect(shown.explanation).toBe('The shop was run by my former partner.');
    const withdrawn = await send(statement.body.id, 'citizen', { type: 'WITHDRAW' });
    expect(withdrawn.body.state).toBe('withdrawn');
    expect((await record(explained.id)).explanation).toBeNull();
  });

  it('a second objection to a record joins the one open', async () => {
    const target = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const first = await file('citizen', { type: 'objection', recordId: target.id, reason: 'Wrong amount.' });
    const second = await file('citizen', { type: 'objection', recordId: target.id, reason: 'Also the wrong date.' });
    expect(second.status).toBe(200);
    expect(second.headers.get('xiufu-attached-to-case')).toBe(first.body.id);
    expect(second.body).toMatchObject({
      id: first.body.id,
      version: 2,
      details: { supplements: ['Also the wrong date.'] },
    });
  });

  // Issue 15 item 5 (征信业管理条例 art. 25): what the subject is told and what stays on record.
  it('a material request says by when; an unresolved objection is kept on record beside the record; a cancelled correction lifts the mark and tells why', async () => {
    h.clock.set('2026-11-26T02:00:00Z');
    const notified = async (caseId: string) =>
      (await h.database.db.select().from(notifications).where(eq(notifications.caseId, caseId))).map((n) => n.data);

    const target = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await file('citizen', { type: 'objection', recordId: target.id, reason: 'The fine was paid.' });
    const asked = await send(filed.body.id, 'reviewer', {
      type: 'REQUEST_MATERIAL',
      reasonCode: 'material_incomplete',
      requested: 'The receipt',
    });
    // 10 working days from Thursday 11-26: 24:00 on Thursday 12-10 (policy objection.material, unverified).
    expect(asked.body.otherDeadlines).toEqual([
      expect.objectContaining({ key: 'objection.material', dueAt: '2026-12-10T16:00:00.000Z' }),
    ]);
    // Version 5: the shared request, with why and the how-many-th it is.
    expect(await notified(filed.body.id)).toContainEqual({
      requested: 'The receipt',
      reasonCode: 'material_incomplete',
      times: '1',
      dueAt: '2026-12-10T16:00:00.000Z',
    });
    for (const [who, body] of [
      ['citizen', { type: 'SUBMIT_MATERIAL', material: 'Receipt 2026-0412' }],
      ['reviewer', { type: 'ACCEPT' }],
      ['agency', { type: 'AGENCY_CONFIRMED', answer: 'Our file shows no payment.' }],
      [
        'reviewer',
        { type: 'CLOSE_UNRESOLVED', reasonCode: 'could_not_verify', reasons: 'The bank and the agency disagree.' },
      ],
    ] as const)
      expect((await send(filed.body.id, who, body)).status).toBe(200);
    const kept = await record(target.id);
    expect(kept).toMatchObject({
      disputed: false,
      objectionsOnRecord: [
        {
          caseId: filed.body.id,
          objection: 'The fine was paid.',
          supplements: [],
          verification: { finding: 'confirmed', answer: 'Our file shows no payment.' },
          reasons: 'The bank and the agency disagree.',
        },
      ],
    });

    const wrong = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const upheld = await decidedObjection(wrong.id, { type: 'UPHOLD', reasons: 'Paid.', correction: { facts: 'x' } });
    expect((await record(wrong.id)).disputed).toBe(true);
    const correctionId = (await view(upheld)).linkedCases[0].id;
    const cancelled = await send(correctionId, 'supervisorA', {
      type: 'CANCEL',
      reasonCode: 'record_already_changed',
      reasons: 'The agency revoked it itself.',
    });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', status: 'closed', machineVersion: 3 });
    expect((await record(wrong.id)).disputed).toBe(false);
    // Version 3: why, from the list, with the words (issue 16 item 3).
    expect(await notified(correctionId)).toContainEqual({
      outcome: 'cancelled',
      reasonCode: 'record_already_changed',
      reasons: 'The agency revoked it itself.',
    });
  });

  // Under NDRC Order 36 (from 2026-04-01) periods count from the finding (认定之日), minor
  // information is not published, and at the maximum an unperformed obligation follows the
  // department's rule for its kind (changed by issue 15: periods counted from publication and
  // minor records were shown before).
  it('display periods: counted from the finding by the policy; the sweep ends display, except where an unperformed duty keeps the record; the public sees only what is shown', async () => {
    h.clock.set('2026-11-26T02:00:00Z');
    const minor = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      class: 'minor',
      decisionDate: '2026-09-30',
      publishedFrom: '2026-10-09',
    });
    expect(minor).toMatchObject({ repairableFrom: null, publishedUntil: '2026-12-30' });
    const general = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      decisionDate: '2026-01-01',
      publishedFrom: '2026-01-12',
    });
    expect(general).toMatchObject({ repairableFrom: '2026-04-01', publishedUntil: '2027-01-01' });
    const serious = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      class: 'serious',
      decisionDate: '2026-01-31',
      publishedFrom: '2026-02-10',
    });
    expect(serious).toMatchObject({ repairableFrom: '2027-01-31', publishedUntil: '2029-01-31' });
    // A serious-list entry and a penalty, both found three years ago and never performed, under
    // Order 58's rules (expiry at the maximum); and a serious-list entry found under Order 36,
    // at its maximum too (its end moved to the past: three years have not passed since 2026).
    const unperformed = { class: 'serious' as const, decisionDate: '2023-12-01', publishedFrom: '2023-12-05' };
    const oldListEntry = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      ...unperformed,
      kind: 'serious_list_entry',
      obligation: 'Repay the misused subsidy',
      obligationPerformed: false,
    });
    const listEntry = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      class: 'serious',
      decisionDate: '2026-04-20',
      publishedFrom: '2026-04-27',
      kind: 'serious_list_entry',
      obligation: 'Repay the misused subsidy',
      obligationPerformed: false,
    });
    await h.database.db
      .update(creditRecords)
      .set({ publishedUntil: '2026-12-31' })
      .where(eq(creditRecords.id, listEntry.id));
    const penalty = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      ...unperformed,
      obligationPerformed: false,
    });
    const lookup = async () =>
      (await h.call('GET', `/api/v1/public/records?residentId=${s.subject.residentId}`)).body.records.map(
        (r: { decisionNumber: string }) => r.decisionNumber,
      );
    const shownNow = await lookup();
    expect(shownNow).toContain(general.decisionNumber);
    expect(shownNow).not.toContain(minor.decisionNumber);
    expect(
      (await h.call('GET', `/api/v1/public/records?residentId=${s.subject.residentId}`)).body.subject.residentId,
    ).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    h.clock.set('2027-01-02T02:00:00Z');
    expect(await lookup()).not.toContain(general.decisionNumber);
    const swept = await sweepDisplayPeriods(h.services);
    expect(swept.expired).toBeGreaterThanOrEqual(2);
    expect(await record(general.id)).toMatchObject({ status: 'expired', version: 2 });
    expect((await record(general.id)).history.at(-1).changeReason).toBe('display period ended');
    expect(await record(penalty.id)).toMatchObject({ status: 'expired' });
    // Under the rules of its finding (Order 58) an unperformed serious-list entry expires at the maximum ...
    expect(await record(oldListEntry.id)).toMatchObject({ status: 'expired' });
    // ... under Order 36 the listing department's rule keeps it until it is performed.
    expect(await record(listEntry.id)).toMatchObject({ status: 'published', version: 1 });
    await h.database.db
      .update(creditRecords)
      .set({ obligationPerformed: true })
      .where(eq(creditRecords.id, listEntry.id));
    await sweepDisplayPeriods(h.services);
    expect(await record(listEntry.id)).toMatchObject({ status: 'expired' });
    const bad = await h.call('GET', '/api/v1/public/records?residentId=123');
    expect(bad.status).toBe(422);
  });
});
