// Every audit trail at once, and the daily anchors: a case whose whole trail is removed
// behind the database's back (which no single chain can show) breaks the anchor; and
// `npm run audit:verify` says so and exits non-zero.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { asc, desc, eq, lte, sql } from 'drizzle-orm';
import { auditAnchors, caseEvents } from '../../db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client.js';
import { takeAuditAnchor, verifyAllAuditTrails } from '../../src/services/audit-anchors.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { testKeyEnvironment, testKeys } from '../helpers/test-keys.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { createPostgresDatabase, drivers } from '../helpers/test-database.js';

async function removeCaseBehindTheDatabasesBack(h: Harness, caseId: string) {
  await h.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const table of ['outbox', 'notifications', 'attachments', 'case_events']) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where case_id = ${caseId}`);
    }
    await tx.execute(sql`update credit_records set disputed_by_case_id = null where disputed_by_case_id = ${caseId}`);
    await tx.execute(sql`delete from cases where id = ${caseId}`);
  });
}

describe.each(drivers)('audit anchors (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(driver);
  });
  afterAll(() => h.close());

  it('verifies every trail and anchor, and finds a whole case removed after its anchor', async () => {
    const s = await makeObjectionScenario(h.database.db);
    const first = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'x' },
    });
    const other = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: other.id, reason: 'y' },
    });
    h.clock.advanceDays(1);
    const anchor = await takeAuditAnchor(h.services);
    expect(anchor.cases).toBe(2);
    expect(await verifyAllAuditTrails(h.services)).toMatchObject({
      casesChecked: 2,
      brokenCases: [],
      anchorsChecked: 1,
      brokenAnchors: [],
    });

    await removeCaseBehindTheDatabasesBack(h, first.row.id);
    const report = await verifyAllAuditTrails(h.services);
    expect(report.brokenCases).toEqual([]);
    expect(report.brokenAnchors).toEqual([
      {
        takenAt: anchor.takenAt,
        expectedCases: 2,
        foundCases: 1,
        reason: 'the chain heads found now differ from those anchored',
      },
    ]);

    // Whoever can write the database can also rewrite the anchor to match what is left, but
    // not its seal: that needs XIUFU_AUDIT_KEYS, which the database does not hold.
    const heads = await h.database.db
      .selectDistinctOn([caseEvents.caseId], { caseId: caseEvents.caseId, seq: caseEvents.seq, hash: caseEvents.hash })
      .from(caseEvents)
      .where(lte(caseEvents.at, new Date(anchor.takenAt)))
      .orderBy(asc(caseEvents.caseId), desc(caseEvents.seq));
    const root = createHash('sha256')
      .update(heads.map((head) => `${head.caseId}:${head.seq}:${head.hash}\n`).join(''))
      .digest('hex');
    await h.database.db.execute(
      sql`update audit_anchors set root = ${root}, cases = 1 where taken_at = ${anchor.takenAt}`,
    );
    expect((await verifyAllAuditTrails(h.services)).brokenAnchors).toEqual([
      { takenAt: anchor.takenAt, expectedCases: 1, foundCases: 1, reason: 'the seal does not match the anchor' },
    ]);

    const rotated = { ...h.services, keys: { ...testKeys, audit: [{ id: 't2', secret: Buffer.alloc(32, 9) }] } };
    expect((await verifyAllAuditTrails(rotated)).brokenAnchors[0]?.reason).toBe(
      'the anchor is sealed with key "t1", which is not among XIUFU_AUDIT_KEYS',
    );
    await h.database.db.execute(sql`update audit_anchors set seal = null where taken_at = ${anchor.takenAt}`);
    expect((await verifyAllAuditTrails(h.services)).brokenAnchors[0]?.reason).toBe('the anchor has no seal');
  });

  it('keeps verifying anchors sealed with an older key after a new one is put in front', async () => {
    h.clock.advanceDays(1);
    const older = await takeAuditAnchor(h.services);
    const rotated = {
      ...h.services,
      keys: { ...testKeys, audit: [{ id: 't2', secret: Buffer.alloc(32, 9) }, ...testKeys.audit] },
    };
    h.clock.advanceDays(1);
    const newer = await takeAuditAnchor(rotated);
    const [row] = await h.database.db
      .select({ seal: auditAnchors.seal })
      .from(auditAnchors)
      .where(eq(auditAnchors.takenAt, new Date(newer.takenAt)));
    expect(row?.seal).toMatch(/^t2\./);
    const report = await verifyAllAuditTrails(rotated);
    expect(report.brokenAnchors.filter((b) => b.takenAt === older.takenAt || b.takenAt === newer.takenAt)).toEqual([]);
  });
});

describe('npm run audit:verify', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(() => database.drop());

  it('exits 0 when everything verifies and 1 with the breaks listed when not', { timeout: 60_000 }, async () => {
    const handle = await openPostgres(database.url, { max: 2 });
    const services = {
      db: handle.db,
      now: () => new Date(),
      jurisdiction: 'national' as const,
      sessionTtlHours: 1,
      keys: testKeys,
    };
    const s = await makeObjectionScenario(handle.db);
    const opened = await openCase(services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'x' },
    });
    const run = () =>
      spawnSync(path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx'), ['src/audit-verify.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, ...testKeyEnvironment, DATABASE_URL: database.url },
        encoding: 'utf8',
      });
    const clean = run();
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('1 case trails checked, 0 broken');
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update case_events set payload = '{"reason":"rewritten"}'::jsonb where case_id = ${opened.row.id}`,
      );
    });
    const broken = run();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`case ${opened.row.id}: from event 1: content does not match its hash`);
    await handle.close();
  });
});
