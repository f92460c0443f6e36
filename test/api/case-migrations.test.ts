// Versioned lifecycles, on both drivers: an objection stored by the build before version 3
// shipped (flat states, machine_version 2) runs to its end on version 2; another is listed by
// the dry run, migrated through the case engine in an interrupted and resumed run (one MIGRATED
// event naming both versions, its due moment kept, its audit chain intact), and finishes on
// version 3. A repair stored by version 1 (the reviewer was to decide) moves to version 2, where
// the finding department decides it, its clocks kept.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, notifications } from '../../db/schema.js';
import { caseTypeVersion } from '../../machines/index.js';
import { migrateCases, planCaseMigrations } from '../../src/services/migrate-cases.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('case type versions and migrations (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let citizen: string;
  let reviewer: string;
  let agency: string;

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    [citizen, reviewer, agency] = await Promise.all([
      h.login(s.citizen.username),
      h.login(s.reviewer.username),
      h.login(s.agencyOfficer.username),
    ]);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  /** An objection as the build before version 3 stored it: version 2's snapshot of the same state. */
  async function objectionStoredByVersion2(): Promise<string> {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: record.id, reason: 'The fine was paid' },
    });
    expect(filed.status).toBe(201);
    // New objections start under version 5; this one is rewritten as version 2 stored it.
    expect(filed.body).toMatchObject({ machineVersion: 5, state: 'intake' });
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, filed.body.id));
    const version2 = caseTypeVersion('objection', 2)!.machine;
    const snapshot = version2.resolveState({ value: 'intake', context: (row!.snapshot as { context: never }).context });
    await h.database.db
      .update(cases)
      .set({ machineVersion: 2, snapshot: version2.getPersistedSnapshot(snapshot) as Record<string, unknown> })
      .where(eq(cases.id, filed.body.id));
    return filed.body.id;
  }

  async function send(id: string, token: string, version: number, body: Record<string, unknown>) {
    const sent = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token,
      body,
      headers: { 'If-Match': `"${version}"` },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return sent.body;
  }

  it('runs a case started under version 2 to its end on version 2', async () => {
    const id = await objectionStoredByVersion2();
    expect((await h.call('GET', `/api/v1/cases/${id}`, { token: reviewer })).body).toMatchObject({
      machineVersion: 2,
      state: 'intake',
      waitingOn: 'reviewer',
    });
    await send(id, reviewer, 1, { type: 'ACCEPT' });
    await send(id, citizen, 2, { type: 'SUPPLEMENT', reason: 'And the date is wrong' });
    await send(id, agency, 3, { type: 'AGENCY_DENIED', answer: 'The fine was paid' });
    const closed = await send(id, reviewer, 4, {
      type: 'DISMISS',
      reasonCode: 'record_accurate',
      reasons: 'The payment came late',
    });
    expect(closed).toMatchObject({ machineVersion: 2, state: 'dismissed', status: 'closed', outcome: 'dismissed' });
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ machineVersion: 2, snapshot: expect.objectContaining({ value: 'dismissed' }) });
    // Its outcome means what version 2 says: a decision against the subject, who may bring it to review.
    const today = new Date(h.services.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const review = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: {
        type: 'administrative-review',
        parentCaseId: id,
        reviewBody: '测试市人民政府',
        filedOn: today,
        learnedOn: today,
        toldOfRight: true,
        grounds: 'The payment was on time',
        request: 'Revoke the dismissal.',
      },
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    expect((await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: reviewer })).body.valid).toBe(true);
  });

  it('lists, migrates in resumable batches, and verifies the chain of a migrated case', async () => {
    const first = await objectionStoredByVersion2();
    const second = await objectionStoredByVersion2();
    await send(second, reviewer, 1, { type: 'ACCEPT' });
    const before = (await h.call('GET', `/api/v1/cases/${second}`, { token: reviewer })).body;
    expect(before.deadline.dueAt).not.toBeNull();

    const plan = await planCaseMigrations(h.services);
    expect(plan).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'objection', from: 2, to: 3, state: 'intake', toState: 'intake' }),
        expect.objectContaining({
          state: 'verifying',
          toState: 'verifying',
          dueMomentsMoved: 0,
          largestMoveHours: null,
        }),
      ]),
    );
    expect(plan.reduce((sum, line) => sum + line.cases, 0)).toBe(2);

    // Stopped after one case, then run again: each case moved once, none twice.
    const interrupted = await migrateCases(h.services, { batchSize: 1, limit: 1 });
    expect(interrupted).toMatchObject({ migrated: 1, more: true });
    // The rest of the run takes the second to v3, then both on to v4 (objection v3 → v4) and v5
    // (reason codes, issue 16).
    const resumed = await migrateCases(h.services, { batchSize: 1 });
    expect(resumed).toMatchObject({ migrated: 5, more: false, skipped: [] });
    expect(await migrateCases(h.services)).toMatchObject({ migrated: 0 });
    expect(await planCaseMigrations(h.services)).toEqual([]);

    const rows = await h.database.db.select().from(cases).where(eq(cases.machineVersion, 2));
    expect(rows.filter((r) => r.id === first || r.id === second)).toEqual([]);
    const migrated = (await h.call('GET', `/api/v1/cases/${second}`, { token: reviewer })).body;
    expect(migrated).toMatchObject({ machineVersion: 5, state: 'verifying', version: 5, waitingOn: 'agency' });
    expect(migrated.deadline.dueAt).toBe(before.deadline.dueAt);
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, second));
    expect((row!.snapshot as { value: unknown }).value).toEqual({ open: 'verifying' });

    const trail = (await h.call('GET', `/api/v1/cases/${second}/audit`, { token: reviewer })).body.events;
    expect(trail.map((e: { event: string }) => e.event)).toEqual([
      'FILED',
      'ACCEPT',
      'MIGRATED',
      'MIGRATED',
      'MIGRATED',
    ]);
    expect(trail[2]).toMatchObject({
      fromState: 'verifying',
      toState: 'verifying',
      payload: { caseType: 'objection', fromVersion: 2, toVersion: 3, clock: 'keep' },
    });
    expect(trail[3]).toMatchObject({ payload: { fromVersion: 3, toVersion: 4 } });
    expect(trail[4]).toMatchObject({ payload: { fromVersion: 4, toVersion: 5 } });
    expect((await h.call('GET', `/api/v1/cases/${second}/audit/verify`, { token: reviewer })).body.valid).toBe(true);

    // Version 5 takes it on: WITHDRAW is handled by the open parent.
    const withdrawn = await send(second, citizen, 5, { type: 'WITHDRAW', reason: 'Settled' });
    expect(withdrawn).toMatchObject({ machineVersion: 5, state: 'withdrawn', status: 'closed' });
    expect((await h.call('GET', `/api/v1/cases/${second}/audit/verify`, { token: reviewer })).body.valid).toBe(true);
  });
  /** An objection filed now (v4) and rewritten as version 3 stored it, in `state` (no material clock). */
  async function objectionStoredByVersion3(recordId: string, state: 'intake' | 'awaitingMaterial'): Promise<string> {
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId, reason: 'The fine was paid' },
    });
    expect(filed.status).toBe(201);
    if (state === 'awaitingMaterial')
      await send(filed.body.id, reviewer, 1, {
        type: 'REQUEST_MATERIAL',
        reasonCode: 'material_incomplete',
        requested: 'The bank receipt of the payment',
      });
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, filed.body.id));
    const version3 = caseTypeVersion('objection', 3)!.machine;
    const snapshot = version3.resolveState({
      value: { open: state },
      context: (row!.snapshot as { context: never }).context,
    });
    await h.database.db
      .update(cases)
      .set({
        machineVersion: 3,
        snapshot: version3.getPersistedSnapshot(snapshot) as Record<string, unknown>,
        // Version 3 ran no material period.
        otherClocks: [],
      })
      .where(eq(cases.id, filed.body.id));
    return filed.body.id;
  }

  it('moves running objections from version 3 to version 4: a case waiting for material is told by when', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const waiting = await objectionStoredByVersion3(record.id, 'awaitingMaterial');
    const before = (await h.call('GET', `/api/v1/cases/${waiting}`, { token: reviewer })).body;
    expect(before).toMatchObject({ machineVersion: 3, state: 'awaitingMaterial' });
    const plan = await planCaseMigrations(h.services);
    expect(plan).toContainEqual(
      expect.objectContaining({ type: 'objection', from: 3, to: 4, state: 'awaitingMaterial', cases: 1 }),
    );
    expect((await migrateCases(h.services)).migrated).toBeGreaterThanOrEqual(1);
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, waiting));
    // On through v4 to v5 (reason codes) in the same run; the request made under v3 keeps its words.
    expect(row).toMatchObject({ machineVersion: 5, state: 'awaitingMaterial' });
    const material = row!.otherClocks.find((c) => c.deadline === 'objection.material');
    // 10 working days from the move (2026-11-25, a Wednesday): Wednesday 2026-12-09, 24:00 Beijing time.
    expect(material).toMatchObject({ limit: 10, unit: 'working', dueAt: '2026-12-09T16:00:00.000Z' });
    // The subject is told the date, as a v4 request would tell it.
    const told = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, waiting), eq(notifications.topic, 'material_requested')));
    expect(told.at(-1)!.data).toMatchObject({
      requested: 'The bank receipt of the payment',
      dueAt: '2026-12-09T16:00:00.000Z',
    });
    const supplied = await send(waiting, citizen, row!.version, {
      type: 'SUBMIT_MATERIAL',
      material: 'Receipt attached',
    });
    expect(supplied).toMatchObject({ machineVersion: 5, state: 'intake' });
    expect((await h.call('GET', `/api/v1/cases/${waiting}/audit/verify`, { token: reviewer })).body.valid).toBe(true);
  });

  it('leaves a version 3 objection closed upheld as it ended: its mark was lifted, its correction lifts none', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const id = await objectionStoredByVersion3(record.id, 'intake');
    await send(id, reviewer, 1, { type: 'ACCEPT' });
    await send(id, agency, 2, { type: 'AGENCY_CONFIRMED', answer: 'The fine was paid on time' });
    const upheld = await send(id, reviewer, 3, {
      type: 'UPHOLD',
      reasons: 'Paid on time.',
      correction: { obligationPerformed: true },
    });
    expect(upheld).toMatchObject({ machineVersion: 3, state: 'upheld', status: 'closed' });
    const recordNow = async () => (await h.call('GET', `/api/v1/records/${record.id}`, { token: citizen })).body;
    // Version 3 lifted the mark at UPHOLD.
    expect(await recordNow()).toMatchObject({ disputed: false, status: 'published' });

    await migrateCases(h.services);
    // Closed: not moved, and the mark is not put back (no objection runs; a mark says one does).
    const after = (await h.call('GET', `/api/v1/cases/${id}`, { token: reviewer })).body;
    expect(after).toMatchObject({ machineVersion: 3, state: 'upheld', status: 'closed', version: 4 });
    expect(await recordNow()).toMatchObject({ disputed: false });
    const correction = after.linkedCases.find((c: { type: string }) => c.type === 'correction');
    // It names the objection's mark (opened while it stood), which v3 lifted right after: applying
    // it lifts nothing, and never a mark another objection put on since (clearDisputedMark checks whose).
    const [correctionRow] = await h.database.db.select().from(cases).where(eq(cases.id, correction.id));
    expect((correctionRow!.snapshot as { context: { liftsMarkOf: unknown } }).context.liftsMarkOf).toBe(id);
    const applied = await send(correction.id, reviewer, 1, {
      type: 'SUBMIT_DRAFT',
      reasons: 'Paid on time.',
      correction: { obligationPerformed: true },
    });
    expect(applied).toMatchObject({ state: 'applied', status: 'closed' });
    expect(await recordNow()).toMatchObject({ status: 'corrected', disputed: false, obligationPerformed: true });
  });

  /** A repair as the build before version 2 stored it: version 1's snapshot in `state`, the same clocks. */
  async function repairStoredByVersion1(state: 'collectingEvidence' | 'deciding'): Promise<string> {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'repair', recordId: record.id, routes: ['performance'], commitment: 'I will pay on time.' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id;
    if (state === 'deciding') {
      // Under version 1 the agency had confirmed and the reviewer was to decide, with the
      // decision's and the report's clocks running: version 2's department step has the same.
      await send(id, citizen, 1, {
        type: 'ADD_EVIDENCE',
        route: 'performance',
        amount: 1,
        certifiedBy: 'The tax bureau',
        description: 'Paid in full',
      });
      await send(id, citizen, 2, { type: 'SUBMIT_APPLICATION' });
      await send(id, reviewer, 3, { type: 'FORWARD_TO_DEPARTMENT' });
    }
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, id));
    const version1 = caseTypeVersion('repair', 1)!.machine;
    const {
      materialRequests: _m,
      extensionDays: _e,
      extension: _x,
      decidedBy: _d,
      ...v1Context
    } = (row!.snapshot as { context: Record<string, unknown> }).context;
    const snapshot = version1.resolveState({
      value: state,
      context: { ...v1Context, agencyAnswer: state === 'deciding' ? 'Conduct corrected.' : null } as never,
    });
    await h.database.db
      .update(cases)
      .set({ machineVersion: 1, state, snapshot: version1.getPersistedSnapshot(snapshot) as Record<string, unknown> })
      .where(eq(cases.id, id));
    return id;
  }

  it('moves running repairs from version 1 to version 2: the finding department decides what the reviewer was to decide', async () => {
    const collecting = await repairStoredByVersion1('collectingEvidence');
    const deciding = await repairStoredByVersion1('deciding');
    const before = (await h.call('GET', `/api/v1/cases/${deciding}`, { token: reviewer })).body;
    expect(before).toMatchObject({ machineVersion: 1, state: 'deciding', waitingOn: 'reviewer' });
    // On version 1 the reviewer would approve.
    expect(before.allowedEvents.map((e: { type: string }) => e.type)).toContain('APPROVE');

    const plan = await planCaseMigrations(h.services);
    expect(plan).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'repair', from: 1, to: 2, state: 'collectingEvidence', cases: 1 }),
        expect.objectContaining({
          type: 'repair',
          state: 'deciding',
          toState: 'departmentDeciding',
          cases: 1,
          dueMomentsMoved: 0,
        }),
      ]),
    );
    // One run takes each case through every declared step: 1 → 2 here, then 2 → 3 (reason codes,
    // issue 16) and 3 → 4 (removing a wrong ledger entry).
    expect(await migrateCases(h.services)).toMatchObject({ migrated: 6, more: false, skipped: [] });
    expect(await planCaseMigrations(h.services)).toEqual([]);

    const moved = (await h.call('GET', `/api/v1/cases/${deciding}`, { token: reviewer })).body;
    expect(moved).toMatchObject({ machineVersion: 4, state: 'departmentDeciding', waitingOn: 'agency' });
    expect(moved.deadline.dueAt).toBe(before.deadline.dueAt);
    // The rules of the case's policy give the department its extension; nothing else of the context is lost.
    expect(moved.details).toMatchObject({ extensionDays: 3, extension: null, agencyAnswer: 'Conduct corrected.' });
    const trail = (await h.call('GET', `/api/v1/cases/${deciding}/audit`, { token: reviewer })).body.events;
    expect(trail.at(-3)).toMatchObject({
      event: 'MIGRATED',
      fromState: 'deciding',
      toState: 'departmentDeciding',
      payload: { caseType: 'repair', fromVersion: 1, toVersion: 2, clock: 'keep' },
    });
    expect(trail.at(-2)).toMatchObject({
      event: 'MIGRATED',
      payload: { caseType: 'repair', fromVersion: 2, toVersion: 3, clock: 'keep' },
    });
    expect(trail.at(-1)).toMatchObject({
      event: 'MIGRATED',
      payload: { caseType: 'repair', fromVersion: 3, toVersion: 4, clock: 'keep' },
    });
    const approveAsReviewer = await h.call('POST', `/api/v1/cases/${deciding}/events`, {
      token: reviewer,
      body: { type: 'APPROVE', reasons: 'Met.' },
      headers: { 'If-Match': `"${moved.version}"` },
    });
    expect(approveAsReviewer.status).toBe(403);
    const approved = await send(deciding, agency, moved.version, { type: 'APPROVE', reasons: 'The tax is paid.' });
    expect(approved).toMatchObject({ machineVersion: 4, state: 'publishing', waitingOn: 'reviewer' });
    expect((await h.call('GET', `/api/v1/cases/${deciding}/audit/verify`, { token: reviewer })).body.valid).toBe(true);

    // The case that was collecting evidence goes on in the open parent (since version 2).
    const stillCollecting = (await h.call('GET', `/api/v1/cases/${collecting}`, { token: citizen })).body;
    expect(stillCollecting).toMatchObject({ machineVersion: 4, state: 'collectingEvidence' });
    await send(collecting, citizen, stillCollecting.version, {
      type: 'ADD_EVIDENCE',
      route: 'performance',
      amount: 1,
      certifiedBy: 'The tax bureau',
      description: 'Paid in full',
    });
    const submitted = await send(collecting, citizen, stillCollecting.version + 1, { type: 'SUBMIT_APPLICATION' });
    expect(submitted).toMatchObject({ state: 'completenessCheck', waitingOn: 'reviewer' });
    const withdrawn = await send(collecting, citizen, submitted.version, { type: 'WITHDRAW' });
    expect(withdrawn).toMatchObject({ machineVersion: 4, state: 'withdrawn', status: 'closed' });
  });
});
