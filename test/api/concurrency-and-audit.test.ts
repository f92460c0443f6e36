// Two promises of the case engine, on both drivers: twenty events racing on one version
// apply exactly once, whether the change takes a transaction (a decision, with its notice) or is
// one statement (a request for material: the case, its event, the notification, the outbox row
// and the access entry, all or nothing); and the audit chain is append-only in the database, while a change
// made behind the database's back (triggers switched off by a superuser) is found by
// verification.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatement, statementsSent } from '../../db/client.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
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
      // version that no longer matched theirs (409 before writing) or wrote nothing.
      expect(statementsSent.count - statementsBefore).toBeLessThanOrEqual(40);
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
    const asked = await h.call('POST', `/api/v1/cases/${id}/events`, {
      token: reviewer,
      body: { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'The receipt' },
      headers: { 'If-Match': '"1"' },
    });
    expect(asked.status).toBe(200);
    expect(statementsSent.count - before).toBe(2);
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
