// One application, several records (issue 16 item 2), on PostgreSQL and PGlite: filing opens
// one repair case per record in one transaction (all or none: a record not repairable now
// refuses the whole filing, naming each such record with its rules); the evidence uploaded once
// is on every case by the same hash and the commitment in every case's trail; each record's own
// department decides its own case, and the application shows both decisions side by side.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, caseEvents, cases, repairApplications } from '../../db/schema.js';
import { actorOf } from '../../src/services/log-in.js';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { fileRepairApplication } from '../../src/services/file-repair-application.js';
import { makeAgency, makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { chinaDateFrom, testStart } from '../helpers/test-clock.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('a repair application for several records (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let otherAgency: Awaited<ReturnType<typeof makeAgency>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    otherAgency = await makeAgency(h.database.db);
    const otherOfficer = await makeUser(h.database.db, 'agency', { agencyId: otherAgency.id });
    for (const [name, user] of Object.entries({
      citizen: s.citizen,
      other: s.otherCitizen,
      reviewer: s.reviewer,
      agency: s.agencyOfficer,
      otherAgency: otherOfficer,
    }))
      token[name] = await h.login(user.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const applicationCount = async () =>
    Number((await h.database.db.select({ n: sql<number>`count(*)` }).from(repairApplications))[0]!.n);
  const send = async (id: string, who: string, body: Record<string, unknown>) => {
    const current = (await h.call('GET', `/api/v1/cases/${id}`, { token: token[who] })).body;
    const sent = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${current.version}"` },
    });
    expect(sent.status, `${body.type}: ${JSON.stringify(sent.body)}`).toBe(200);
    return sent.body;
  };

  it('refuses the whole filing when any record is not repairable now, naming each with its rules', async () => {
    const ready = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    // Published a month ago: a general record's three months are not yet served.
    const tooSoon = await makeRecord(h.database.db, s.subject.id, otherAgency.id, {
      publishedFrom: chinaDateFrom(testStart, -30),
    });
    const unpaid = await makeRecord(h.database.db, s.subject.id, otherAgency.id, { obligationPerformed: false });
    // The list says which records may be ticked today, and why the others may not.
    const listed = (await h.call('GET', '/api/v1/me/records', { token: token.citizen })).body.records as {
      id: string;
      repairNow: { eligible: boolean; failedRules: string[] } | null;
    }[];
    const choice = (id: string) => listed.find((r) => r.id === id)!.repairNow;
    expect(choice(ready.id)).toEqual({ eligible: true, failedRules: [] });
    expect(choice(tooSoon.id)).toEqual({ eligible: false, failedRules: ['minimum_period'] });
    expect(choice(unpaid.id)).toEqual({ eligible: false, failedRules: ['obligation_performed'] });
    const before = await applicationCount();
    const refused = await h.call('POST', '/api/v1/repair-applications', {
      token: token.citizen,
      body: {
        recordIds: [ready.id, tooSoon.id, unpaid.id],
        routes: ['performance'],
        commitment: '本人承诺依法经营，接受社会监督。',
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('APPLICATION_NOT_ELIGIBLE');
    expect(refused.body.records).toEqual([
      expect.objectContaining({
        recordId: tooSoon.id,
        decisionNumber: tooSoon.decisionNumber,
        rules: ['minimum_period'],
      }),
      expect.objectContaining({ recordId: unpaid.id, rules: ['obligation_performed'] }),
    ]);
    expect(refused.body.issues.map((i: { path: string }) => i.path)).toEqual([
      `records.${tooSoon.id}.minimum_period`,
      `records.${unpaid.id}.obligation_performed`,
    ]);
    // None: not even the eligible record's case, nor the application.
    expect(await h.database.db.select().from(cases).where(eq(cases.recordId, ready.id))).toEqual([]);
    expect(await applicationCount()).toBe(before);
  });

  it('opens one case per record with the evidence by the same hash and the commitment in each trail', async () => {
    const first = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const second = await makeRecord(h.database.db, s.subject.id, otherAgency.id);
    const receipt = makeReceiptPdf(['Fine paid', 'CNY 5,000']);
    const citizen = actorOf(s.citizen);
    const filed = await fileRepairApplication(h.services, {
      actor: citizen,
      filing: {
        recordIds: [first.id, second.id],
        routes: ['performance'],
        commitment: '本人承诺今后守法经营。',
      },
      files: [{ filename: 'receipt.pdf', content: receipt }],
    });
    expect(filed.cases.map((c) => [c.recordId, c.agencyId, c.applicationId, c.type])).toEqual([
      [first.id, s.agency.id, filed.applicationId, 'repair'],
      [second.id, otherAgency.id, filed.applicationId, 'repair'],
    ]);
    const files = await h.database.db
      .select({ caseId: attachments.caseId, sha256: attachments.sha256 })
      .from(attachments)
      .where(
        sql`${attachments.caseId} in (${sql.join(
          filed.cases.map((c) => sql`${c.id}`),
          sql`, `,
        )})`,
      );
    expect(files).toHaveLength(2);
    expect(new Set(files.map((f) => f.sha256)).size).toBe(1);
    expect(new Set(files.map((f) => f.caseId)).size).toBe(2);
    const [application] = await h.database.db
      .select()
      .from(repairApplications)
      .where(eq(repairApplications.id, filed.applicationId));
    expect(application!.evidence).toEqual([
      expect.objectContaining({ filename: 'receipt.pdf', sha256: files[0]!.sha256 }),
    ]);
    for (const opened of filed.cases) {
      const [event] = await h.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, opened.id));
      expect(event!.payload).toMatchObject({
        commitment: '本人承诺今后守法经营。',
        applicationId: filed.applicationId,
        attachments: [expect.objectContaining({ sha256: files[0]!.sha256 })],
      });
    }
    // Each department sees the shared evidence on its own case, and can read it.
    const list = await h.call('GET', `/api/v1/cases/${filed.cases[1]!.id}/attachments`, { token: token.otherAgency });
    expect(list.body.attachments.map((a: { sha256: string }) => a.sha256)).toEqual([files[0]!.sha256]);
    const download = await h.app.request(
      `/api/v1/cases/${filed.cases[1]!.id}/attachments/${list.body.attachments[0].id}`,
      { headers: { authorization: `Bearer ${token.otherAgency}` } },
    );
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array(receipt));
  });

  it('each department decides its own record; the application shows both decisions side by side', async () => {
    const first = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const second = await makeRecord(h.database.db, s.subject.id, otherAgency.id);
    const filed = await h.call('POST', '/api/v1/repair-applications', {
      token: token.citizen,
      body: { recordIds: [first.id, second.id], routes: ['performance'], commitment: '本人承诺按时履行义务。' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.headers.get('location')).toBe(`/api/v1/repair-applications/${filed.body.id}`);
    const caseOf = (recordId: string) =>
      filed.body.cases.find((c: { recordId: string }) => c.recordId === recordId).caseId as string;
    const [a, b] = [caseOf(first.id), caseOf(second.id)];
    for (const id of [a, b]) {
      const viewed = (await h.call('GET', `/api/v1/cases/${id}`, { token: token.citizen })).body;
      expect(viewed.applicationId).toBe(filed.body.id);
      expect(viewed.details.commitment).toBe('本人承诺按时履行义务。');
      await send(id, 'citizen', {
        type: 'ADD_EVIDENCE',
        route: 'performance',
        amount: 1,
        certifiedBy: 'The tax bureau',
        description: 'The fine was paid.',
      });
      await send(id, 'citizen', { type: 'SUBMIT_APPLICATION' });
      await send(id, 'reviewer', { type: 'FORWARD_TO_DEPARTMENT' });
    }
    // 谁认定、谁修复: one department cannot see, let alone decide, the other's record.
    const elsewhere = await h.call('GET', `/api/v1/cases/${b}`, { token: token.agency });
    expect(elsewhere.status).toBe(404);
    await send(a, 'agency', { type: 'APPROVE', reasons: 'The fine is paid and the conduct corrected.' });
    await send(b, 'otherAgency', {
      type: 'REFUSE',
      reasonCode: 'evidence_not_covering_obligation',
      reasons: 'The receipt is for another fine.',
    });

    const shown = await h.call('GET', `/api/v1/repair-applications/${filed.body.id}`, { token: token.citizen });
    expect(shown.status).toBe(200);
    expect(shown.body.commitment).toBe('本人承诺按时履行义务。');
    const row = (caseId: string) => shown.body.cases.find((c: { caseId: string }) => c.caseId === caseId);
    expect(row(a)).toMatchObject({
      agencyName: s.agency.name,
      state: 'publishing',
      status: 'open',
      decision: { outcome: 'approved', reasons: 'The fine is paid and the conduct corrected.' },
    });
    expect(row(b)).toMatchObject({
      agencyName: otherAgency.name,
      state: 'refused',
      status: 'closed',
      deadline: null,
      decision: { outcome: 'refused', reasonCode: 'evidence_not_covering_obligation' },
    });
    expect(row(b).notices).toEqual([expect.objectContaining({ code: expect.any(String) })]);

    // An agency is shown only its own record's case; other people, nothing.
    const agencyView = await h.call('GET', `/api/v1/repair-applications/${filed.body.id}`, { token: token.agency });
    expect(agencyView.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([a]);
    expect(agencyView.body.recordsInAll).toBe(2);
    const stranger = await h.call('GET', `/api/v1/repair-applications/${filed.body.id}`, { token: token.other });
    expect(stranger.status).toBe(404);
    const reviewerView = await h.call('GET', `/api/v1/repair-applications/${filed.body.id}`, {
      token: token.reviewer,
    });
    expect(reviewerView.body.cases).toHaveLength(2);
    // The subject's copy of their data holds the application and each case names it (PIPL art. 45).
    const exported = (await h.call('GET', '/api/v1/me/export', { token: token.citizen })).body;
    expect(exported.repairApplications).toContainEqual(
      expect.objectContaining({ id: filed.body.id, commitment: '本人承诺按时履行义务。' }),
    );
    expect(
      exported.cases.filter((c: { applicationId: string | null }) => c.applicationId === filed.body.id),
    ).toHaveLength(2);
  });

  it('refuses a filing by staff, an empty choice and a record chosen twice', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const body = { recordIds: [record.id], routes: ['performance'], commitment: '承诺。' };
    expect((await h.call('POST', '/api/v1/repair-applications', { token: token.reviewer, body })).status).toBe(403);
    const empty = await h.call('POST', '/api/v1/repair-applications', {
      token: token.citizen,
      body: { ...body, recordIds: [] },
    });
    expect(empty.status).toBe(422);
    const twice = await h.call('POST', '/api/v1/repair-applications', {
      token: token.citizen,
      body: { ...body, recordIds: [record.id, record.id] },
    });
    expect(twice.status).toBe(422);
    // Someone else's record is not theirs to apply for.
    const notMine = await h.call('POST', '/api/v1/repair-applications', {
      token: token.other,
      body,
    });
    expect(notMine.status).toBe(404);
  });
});
