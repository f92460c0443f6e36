// A bar on repair (refused for false material) is lifted when an administrative review (行政复议)
// or a re-examination (复核) of that refusal goes the person's way, and stays when the decision is
// upheld: over HTTP on PostgreSQL and PGlite, with the lifting on the record's trail
// (record_events), the subject told, the record's answer saying so, and repair open again.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, recordEvents, repairBans } from '../../db/schema.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('lifting a bar on repair (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    // The demo profile offers re-examination (复核) and the donation route.
    h = await startHarness(driver, '2026-12-10T02:00:00Z', 'demo');
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
    }))
      token[name] = await h.login(user.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const file = (who: string, body: Record<string, unknown>) =>
    h.call('POST', '/api/v1/cases', { token: token[who], body });
  const send = async (id: string, who: string, body: Record<string, unknown>) => {
    const viewer = ['citizen', 'other', 'officer'].includes(who) ? who : 'supervisor';
    const current = (await h.call('GET', `/api/v1/cases/${id}`, { token: token[viewer] })).body;
    const sent = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${current.version}"` },
    });
    expect(sent.status, `${body.type}: ${JSON.stringify(sent.body)}`).toBe(200);
    return sent;
  };

  /** A repair of a fresh record of the subject, refused by the department for false material: a bar. */
  async function refusedForFalseMaterial(who: 'citizen' | 'other', subjectId: string) {
    const record = await makeRecord(h.database.db, subjectId, s.agency.id, { publishedFrom: '2026-03-01' });
    const filed = await file(who, {
      type: 'repair',
      recordId: record.id,
      routes: ['donation'],
      commitment: 'I comply.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    await send(id, who, {
      type: 'ADD_EVIDENCE',
      route: 'donation',
      amount: 1000,
      certifiedBy: 'A charity',
      description: 'Receipt',
    });
    await send(id, who, { type: 'SUBMIT_APPLICATION' });
    await send(id, 'reviewer', { type: 'FORWARD_TO_DEPARTMENT' });
    await send(id, 'agency', { type: 'REFUSE_FOR_FALSE_MATERIAL', reasons: 'The charity has no record of it.' });
    const [ban] = await h.database.db.select().from(repairBans).where(eq(repairBans.caseId, id));
    expect(ban).toMatchObject({ until: '2029-12-10', liftedAt: null });
    return { repairId: id, record };
  }
  /** The record page as the subject reads it in Chinese. */
  const recordPage = async (who: string, recordId: string) => {
    const page = await h.app.request(`/records/${recordId}`, {
      headers: { cookie: `xiufu_session=${token[who]}; lang=zh-CN` },
    });
    expect(page.status).toBe(200);
    return page.text();
  };
  const tryRepair = async (who: string, subjectId: string) => {
    const fresh = await makeRecord(h.database.db, subjectId, s.agency.id, { publishedFrom: '2026-03-01' });
    return file(who, { type: 'repair', recordId: fresh.id, routes: ['donation'], commitment: 'Again.' });
  };

  it('an upheld re-examination (维持) keeps the bar', async () => {
    const { repairId, record } = await refusedForFalseMaterial('citizen', s.subject.id);
    const review = await file('citizen', {
      type: 'review',
      parentCaseId: repairId,
      grounds: 'The receipt is genuine.',
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    await send(review.body.id, 'reviewer', { type: 'ACCEPT_APPLICATION' });
    const decided = await send(review.body.id, 'reviewer', {
      type: 'DECIDE',
      outcome: 'uphold',
      reasonCode: 'decision_lawful',
      reasons: 'The charity confirms it never received it.',
    });
    expect(decided.body).toMatchObject({ state: 'decided', machineVersion: 3 });
    const [ban] = await h.database.db.select().from(repairBans).where(eq(repairBans.caseId, repairId));
    expect(ban!.liftedAt).toBeNull();
    const barred = await tryRepair('citizen', s.subject.id);
    expect(barred.status).toBe(422);
    expect(barred.body.issues.map((i: { path: string }) => i.path)).toEqual(['no_ban']);
    const shown = (await h.call('GET', `/api/v1/records/${record.id}`, { token: token.citizen })).body;
    expect(shown.repairBans).toEqual([expect.objectContaining({ until: '2029-12-10', liftedAt: null })]);
    const html = await recordPage('citizen', record.id);
    expect(html).toContain('信用修复申请受限');
    expect(html).toMatch(/2029年12月10日\s*前不得申请信用修复/);
  });

  it('an administrative review that declares the refusal unlawful lifts the bar: trail, notice, record, repair open again', async () => {
    const { repairId, record } = await refusedForFalseMaterial('other', s.otherSubject.id);
    const applied = await file('other', {
      type: 'administrative-review',
      parentCaseId: repairId,
      reviewBody: '测试市人民政府',
      filedOn: '2026-12-10',
      learnedOn: '2026-12-10',
      toldOfRight: true,
      grounds: 'The donation receipt is genuine.',
      request: 'Declare the refusal unlawful.',
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const id = applied.body.id as string;
    await send(id, 'officer', { type: 'ACCEPT' });
    const decided = await send(id, 'officer', {
      type: 'DECIDE',
      outcome: 'confirm_unlawful',
      reasons: 'The charity’s letter was misread.',
    });
    expect(decided.body).toMatchObject({ state: 'decidedFor', machineVersion: 3 });

    const [ban] = await h.database.db.select().from(repairBans).where(eq(repairBans.caseId, repairId));
    expect(ban).toMatchObject({ liftedByCaseId: id });
    expect(ban!.liftedAt).toBeInstanceOf(Date);
    const [trail] = await h.database.db
      .select()
      .from(recordEvents)
      .where(and(eq(recordEvents.recordId, record.id), eq(recordEvents.event, 'REPAIR_BAN_LIFTED')));
    expect(trail).toMatchObject({ subjectId: s.otherSubject.id });
    expect(trail!.details).toMatchObject({ caseId: id, bannedByCaseId: repairId, until: '2029-12-10' });
    const [told] = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, id), eq(notifications.topic, 'repair_ban_lifted')));
    expect(told!.data).toEqual({ until: '2029-12-10' });

    const shown = (await h.call('GET', `/api/v1/records/${record.id}`, { token: token.other })).body;
    expect(shown.repairBans).toEqual([expect.objectContaining({ liftedByCaseId: id })]);
    const html = await recordPage('other', record.id);
    expect(html).toMatch(/原定至 2029年12月10日 的信用修复申请限制已于 2026年12月10日 解除/);
    expect(html).not.toContain('前不得申请信用修复');
    const again = await tryRepair('other', s.otherSubject.id);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });
});
