// Three promises of the case engine, on both drivers: twenty events racing on one version
// apply exactly once, whether the change takes a transaction (a decision, with its notice) or is
// one statement (a request for material: the case, its event, the notification, the outbox row
// and the access entry, all or nothing); a case row the process remembers from its last change
// is trusted only as far as the database says it is the row stored (a change made behind the
// engine is never overwritten, nor a person refused on what it replaced); and the audit chain is
// append-only in the database, while a change made behind the database's back (triggers switched
// off by a superuser) is found by verification.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatement, statementsSent } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { claimCase } from '../../src/services/assign-case.js';
import { changeCaseWithin } from '../../src/services/case-engine.js';
import { loadWorkingDayCalendar } from '../../src/services/load-working-day-calendar.js';
import { actorOf } from '../../src/services/log-in.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('case engine under contention and tampering (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let citizen: string;
  let reviewer: string;

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    [citizen, reviewer] = await Promise.all([h.login(s.citizen.username), h.login(s.reviewer.username)]);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  async function fileObjection(): Promise<string> {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: record.id, reason: 'wrong' },
    });
    expect(filed.status).toBe(201);
    return filed.body.id;
  }

  /** The reviewer asks for material on a case just filed: one statement, no transaction. */
  const askForMaterial = (id: string) =>
    h.call('POST', `/api/v1/cases/${id}/events`, {
      token: reviewer,
      body: { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'The receipt' },
      headers: { 'If-Match': '"1"' },
    });

  it('applies exactly one of twenty concurrent events sent with the same version', async () => {
    const id = await fileObjection();
    const events = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? { type: 'ACCEPT', note: `attempt ${i}` }
        : { type: 'REJECT', reasonCode: 'no_grounds_given', reasons: `attempt ${i}` },
    );
    const results = await Promise.all(
      events.map((body) =>
        h.call('POST', `/api/v1/cases/${id}/events`, { token: reviewer, body, headers: { 'If-Match': '"1"' } }),
      ),
    );
    const applied = results.filter((r) => r.status === 200);
    expect(applied).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);

    const trail = await h.call('GET', `/api/v1/cases/${id}/audit`, { token: reviewer });
    expect(trail.body.events).toHaveLength(2);
    // The event's input as sent (a decision adds its notice's code and hash beside it).
    expect(trail.body.events[1].payload).toMatchObject(
      Object.fromEntries(Object.entries(events[results.indexOf(applied[0]!)]!).filter(([k]) => k !== 'type')),
    );
    const theCase = await h.call('GET', `/api/v1/cases/${id}`, { token: reviewer });
    expect(theCase.body).toMatchObject({ version: 2, state: applied[0]!.body.state });
    expect((await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: reviewer })).body.valid).toBe(true);
  });

  it('writes a one-statement change exactly once: its notification, outbox row and access entry with it, none for the losers', async () => {
    // REQUEST_MATERIAL writes the case, its event, the subject's notification and outbox row and
    // the register's entry for the reviewer shown the case: one statement, no transaction.
    const id = await fileObjection();
    const countsOf = async () => {
      const [counts] = await runStatement(
        h.database.db,
        `select (select count(*) from notifications where case_id = $1)::int as notifications,
          (select count(*) from outbox where case_id = $1)::int as outbox,
          (select count(*) from access_log where case_id = $1)::int as entries`,
        [id],
      );
      return counts as { notifications: number; outbox: number; entries: number };
    };
    const before = await countsOf();
    const statementsBefore = statementsSent.count;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.call('POST', `/api/v1/cases/${id}/events`, {
          token: reviewer,
          body: { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: `receipt ${i}` },
          headers: { 'If-Match': '"1"' },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    if (driver === 'postgres') {
      // Each request read the case once; the one applied wrote once; the 19 that lost read a
      // version that no longer matched theirs (409 before writing), or wrote nothing and read the
      // case again for the version it is now at (the 409 says which).
      expect(statementsSent.count - statementsBefore).toBeLessThanOrEqual(59);
    }
    const after = await countsOf();
    expect({
      notifications: after.notifications - before.notifications,
      outbox: after.outbox - before.outbox,
      entries: after.entries - before.entries,
    }).toEqual({ notifications: 1, outbox: 1, entries: 1 });
    const trail = await h.call('GET', `/api/v1/cases/${id}/audit`, { token: reviewer });
    expect(trail.body.events.map((e: { event: string }) => e.event)).toEqual(['FILED', 'REQUEST_MATERIAL']);
    expect((await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: reviewer })).body.valid).toBe(true);
  });

  it('sends a one-statement change as two statements: the read and the write, no BEGIN or COMMIT', async () => {
    if (driver !== 'postgres') return;
    const id = await fileObjection();
    const before = statementsSent.count;
    const asked = await askForMaterial(id);
    expect(asked.status).toBe(200);
    expect(statementsSent.count - before).toBe(2);
  });

  it('takes a person’s next step on a case this process has just changed without reading the case again', async () => {
    const id = await fileObjection();
    const asked = await askForMaterial(id);
    expect(asked.status).toBe(200);
    const before = statementsSent.count;
    const submitted = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: citizen,
      body: { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 12345.' },
      headers: { 'If-Match': '"2"' },
    });
    expect(submitted.status).toBe(200);
    // The case as this process wrote it at version 2 was the case stored: one statement, the write.
    if (driver === 'postgres') expect(statementsSent.count - before).toBe(1);
    const theCase = await h.call('GET', `/api/v1/cases/${id}`, { token: reviewer });
    expect(theCase.body).toMatchObject({ version: 3, state: submitted.body.state });
    expect(theCase.body.details).toEqual(submitted.body.details);
    expect((await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: reviewer })).body).toMatchObject({
      valid: true,
      events: 3,
    });
  });

  it('decides again on the row as stored when something changed the case behind the engine without a new version', async () => {
    const other = await makeUser(h.database.db, 'reviewer');
    const id = await fileObjection();
    const calendar = await loadWorkingDayCalendar(h.database.db);
    // A change through the door, which this process then remembers: nobody works the case.
    const changed = await h.database.db.transaction((tx) =>
      changeCaseWithin(tx, { caseId: id, actor: actorOf(s.reviewer), calendar, at: new Date() }, () => ({
        event: 'DEADLINE_COMPUTED',
        payload: {},
      })),
    );
    expect(changed).toMatchObject({ version: 2, assigneeId: null });
    const assigneeOf = async () =>
      (await h.database.db.select({ assigneeId: cases.assigneeId }).from(cases).where(eq(cases.id, id)))[0]!.assigneeId;

    // Behind the engine, someone is given the case, with no new version. A claim decided on the
    // remembered row would take the case from them: it writes nothing, is decided again on the
    // row as stored, and refused.
    await h.database.db.update(cases).set({ assigneeId: other.id }).where(eq(cases.id, id));
    await expect(claimCase(h.services, actorOf(s.reviewer), id, 2)).rejects.toMatchObject({
      code: 'CASE_ASSIGNED_ELSEWHERE',
    });
    expect(await assigneeOf()).toBe(other.id);

    // And the other way: the process now remembers the case as someone's; behind the engine it
    // is freed. The refusal the remembered row would give is not given: the claim is decided
    // again on the row as stored, and applied.
    await h.database.db.update(cases).set({ assigneeId: null }).where(eq(cases.id, id));
    const claimed = await claimCase(h.services, actorOf(s.reviewer), id, 2);
    expect(claimed).toMatchObject({ version: 3, assigneeId: s.reviewer.id });
    expect(await assigneeOf()).toBe(s.reviewer.id);
    expect((await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: reviewer })).body.valid).toBe(true);
  });

  it('reads who may see a case from the case as stored, not from a row remembered', async () => {
    const id = await fileObjection();
    const asked = await askForMaterial(id);
    expect(asked.status).toBe(200);
    // Behind the engine the case becomes another subject's, with no new version: the row this
    // process remembers says that subject's citizen may not see it; the row stored says they may.
    await h.database.db.update(cases).set({ subjectId: s.otherSubject.id }).where(eq(cases.id, id));
    const otherCitizen = await h.login(s.otherCitizen.username);
    const submitted = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: otherCitizen,
      body: { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 12345.' },
      headers: { 'If-Match': '"2"' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ version: 3, subjectId: s.otherSubject.id });
    // And the first subject's citizen, whom the remembered row would let in, is not.
    const refused = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: citizen,
      body: { type: 'WITHDRAW' },
      headers: { 'If-Match': '"3"' },
    });
    expect(refused.status).toBe(404);
  });

  it('tells the row it wrote from the same row written again later in the same transaction', async () => {
    const other = await makeUser(h.database.db, 'reviewer');
    const id = await fileObjection();
    const calendar = await loadWorkingDayCalendar(h.database.db);
    // A change through the door and a second write of the row in the same transaction: both
    // versions of the row carry the transaction's xmin, in two places.
    await h.database.db.transaction(async (tx) => {
      await changeCaseWithin(tx, { caseId: id, actor: actorOf(s.reviewer), calendar, at: new Date() }, () => ({
        event: 'DEADLINE_COMPUTED',
        payload: {},
      }));
      await tx.update(cases).set({ assigneeId: other.id }).where(eq(cases.id, id));
    });
    await expect(claimCase(h.services, actorOf(s.reviewer), id, 2)).rejects.toMatchObject({
      code: 'CASE_ASSIGNED_ELSEWHERE',
    });
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({ version: 2, assigneeId: other.id });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on case_events', async () => {
    const id = await fileObjection();
    const db = h.database.db;
    await expect(db.execute(sql`update case_events set payload = '{}'::jsonb where case_id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from case_events where case_id = ${id}`)).rejects.toThrow();
    await expect(db.execute(sql`truncate case_events cascade`)).rejects.toThrow();
    const error = await db.execute(sql`delete from case_events where case_id = ${id}`).catch((e: unknown) => e);
    expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
    expect((await h.call('GET', `/api/v1/cases/${id}/audit`, { token: reviewer })).body.events).toHaveLength(1);
  });

  it('finds an event altered, or cut off, behind the database’s back', async () => {
    const id = await fileObjection();
    await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: reviewer,
      body: { type: 'ACCEPT' },
      headers: { 'If-Match': '1' },
    });
    await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: reviewer,
      body: { type: 'AGENCY_CONFIRMED', answer: 'The facts stand' },
      headers: { 'If-Match': '2' },
    });
    const verify = () => h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: citizen });
    expect((await verify()).body).toMatchObject({ valid: true, events: 3 });

    // A superuser switches the triggers off for one transaction and rewrites history.
    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update case_events set payload = ${JSON.stringify({ answer: 'The facts are wrong' })}::jsonb where case_id = ${id} and seq = 3`,
      );
    });
    expect((await verify()).body).toMatchObject({
      valid: false,
      brokenAtSeq: 3,
      reason: 'content does not match its hash',
    });

    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from case_events where case_id = ${id} and seq = 3`);
    });
    expect((await verify()).body).toMatchObject({
      valid: false,
      brokenAtSeq: 3,
      reason: 'the case is at version 3 but its trail ends at event 2',
    });
  });

  it('finds a case row moved without an audit event', async () => {
    const id = await fileObjection();
    await h.database.db.execute(sql`update cases set state = 'dismissed' where id = ${id}`);
    const verified = await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: citizen });
    expect(verified.body).toMatchObject({
      valid: false,
      reason: 'the case is in state dismissed but its last event left it in intake',
    });
  });
});
