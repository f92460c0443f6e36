// A long audit trail is verified in chunks the database serialises, hashed on worker threads
// (services/audit-trail-chunks.ts). On both drivers, with chunks of two events so every trail
// here spans several chunks and threads: the chunked verification agrees with the plain one
// (rows read one by one, hashed in order) on an intact trail and on each kind of tampering.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTrailInChunks } from '../../src/services/audit-trail-chunks.js';
import { stopVerifyWorkers } from '../../src/services/audit-verify-workers.js';
import { findVisibleCase } from '../../src/services/read-cases.js';
import { readVerifiedAuditTrail } from '../../src/services/read-audit-trail.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('audit verification in chunks (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let citizen: string;

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    citizen = await h.login(s.citizen.username);
  });
  afterAll(async () => {
    await stopVerifyWorkers();
    expect(h.errors).toEqual([]);
    await h.close();
  });

  /** An objection with seven events whose payloads carry what JSON must keep exactly. */
  async function longObjection(): Promise<string> {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: record.id, reason: 'wrong' },
    });
    expect(filed.status).toBe(201);
    const reasons = [
      '引号 "quoted" and \\ back',
      'tab\there, line\nbreak',
      '😀 \u2028 </script>',
      'plain',
      'x'.repeat(4_000),
      'last',
    ];
    for (const [i, reason] of reasons.entries()) {
      const sent = await h.call('POST', `/api/v1/cases/${filed.body.id}/events`, {
        token: citizen,
        body: { type: 'SUPPLEMENT', reason },
        headers: { 'If-Match': `${i + 1}` },
      });
      expect(sent.status).toBe(200);
    }
    return filed.body.id;
  }

  const actorOfCitizen = () => ({
    userId: s.citizen.id,
    username: s.citizen.username,
    displayName: '',
    role: 'citizen' as const,
    subjectId: s.subject.id,
    agencyId: null,
  });
  const caseOf = (id: string) => findVisibleCase(h.services, actorOfCitizen(), id);

  async function bothWays(id: string) {
    const actor = actorOfCitizen();
    const theCase = await caseOf(id);
    const plain = (await readVerifiedAuditTrail(h.services, actor, id)).verification;
    const chunked = await verifyTrailInChunks(h.database.db, theCase, 2);
    expect(chunked).toEqual(plain);
    return chunked;
  }

  async function behindTheDatabasesBack(statement: ReturnType<typeof sql>) {
    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });
  }

  it('verifies an intact trail across chunks and threads, as the API reports it', async () => {
    const id = await longObjection();
    expect(await bothWays(id)).toMatchObject({ valid: true, events: 7 });
    expect((await h.call('GET', `/api/v1/cases/${id}/audit/verify`, { token: citizen })).body).toMatchObject({
      valid: true,
      events: 7,
    });
  });

  it('finds an altered event, a removed one, a forged link and a cut-off end wherever they fall', async () => {
    const altered = await longObjection();
    await behindTheDatabasesBack(
      sql`update case_events set payload = ${JSON.stringify({ reason: 'rewritten' })}::jsonb where case_id = ${altered} and seq = 4`,
    );
    expect(await bothWays(altered)).toMatchObject({
      valid: false,
      brokenAtSeq: 4,
      reason: 'content does not match its hash',
    });

    const moment = await longObjection();
    await behindTheDatabasesBack(
      sql`update case_events set at = at + interval '1 millisecond' where case_id = ${moment} and seq = 6`,
    );
    expect(await bothWays(moment)).toMatchObject({
      valid: false,
      brokenAtSeq: 6,
      reason: 'content does not match its hash',
    });

    const removed = await longObjection();
    await behindTheDatabasesBack(sql`delete from case_events where case_id = ${removed} and seq in (3, 4)`);
    expect(await bothWays(removed)).toMatchObject({ valid: false, brokenAtSeq: 3, reason: 'event 3 is missing' });

    const forged = await longObjection();
    await behindTheDatabasesBack(
      sql`update case_events set prev_hash = ${'f'.repeat(64)} where case_id = ${forged} and seq = 5`,
    );
    expect(await bothWays(forged)).toMatchObject({
      valid: false,
      brokenAtSeq: 5,
      reason: 'previous hash does not match the event before it',
    });

    // Found in review: an ISO text from the database drops the era, so the same date BC read
    // the same; and a chunk bounded below by seq 1 never saw an event stored with seq 0.
    const era = await longObjection();
    await behindTheDatabasesBack(
      sql`update case_events set at = at - interval '4050 years' where case_id = ${era} and seq = 2`,
    );
    expect(await verifyTrailInChunks(h.database.db, await caseOf(era), 2)).toMatchObject({
      valid: false,
      brokenAtSeq: 2,
      reason: 'content does not match its hash',
    });

    const extra = await longObjection();
    await behindTheDatabasesBack(sql`insert into case_events (case_id, case_opened_at, seq, actor_role, at, event, from_state, to_state, payload, prev_hash, hash)
      select case_id, case_opened_at, 0, actor_role, at, event, from_state, to_state, payload, prev_hash, hash from case_events where case_id = ${extra} and seq = 1`);
    expect(await bothWays(extra)).toMatchObject({ valid: false, brokenAtSeq: 1, reason: 'event 1 is missing' });

    const cutOff = await longObjection();
    await behindTheDatabasesBack(sql`delete from case_events where case_id = ${cutOff} and seq = 7`);
    expect(await bothWays(cutOff)).toMatchObject({
      valid: false,
      brokenAtSeq: 7,
      reason: 'the case is at version 7 but its trail ends at event 6',
    });
  });
});
