// Backup and restore, carried out as docs/DEPLOYMENT.md tells an operator to: pg_dump in the
// custom format from a live database, pg_restore into an empty one, xiufu started on it with the
// same keys. Everything comes back: every table's rows, the audit chains and the sealed anchor,
// the resident ID numbers (which open only with the keys, kept apart from the dump), the
// append-only guard on the audit table; and work goes on where it stopped.
// PostgreSQL only: the embedded PGlite database is backed up by copying its stopped directory.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client.js';
import { subjects } from '../../db/schema.js';
import { takeAuditAnchor, verifyAllAuditTrails } from '../../src/services/audit-anchors.js';
import { openResidentId } from '../../src/services/resident-id-vault.js';
import { generateKeyRing } from '../../src/config/keys.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { adminUrl, databaseUrl, testDatabasePrefix } from '../helpers/test-database.js';

const run = promisify(execFile);

describe('backup and restore with pg_dump and pg_restore', () => {
  let h: Harness;
  let restored: Harness | undefined;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let directory: string;
  const restoredName = `${testDatabasePrefix}restored_${process.pid}`;
  let caseId: string;

  beforeAll(async () => {
    h = await startHarness('postgres');
    s = await makeObjectionScenario(h.database.db);
    directory = await mkdtemp(path.join(tmpdir(), 'xiufu-backup-'));
  });
  afterAll(async () => {
    await restored?.close();
    await h.close();
    await rm(directory, { recursive: true, force: true });
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${restoredName} with (force)`);
    await admin.end();
  });

  it('restores a live database whole, and work goes on from where it stopped', { timeout: 120_000 }, async () => {
    const citizen = await h.login(s.citizen.username);
    const reviewer = await h.login(s.reviewer.username);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: s.record.id, reason: 'The fine was paid.' },
    });
    caseId = filed.body.id;
    expect(
      (
        await h.call('POST', `/api/v1/cases/${caseId}/events`, {
          token: reviewer,
          body: { type: 'ACCEPT' },
          headers: { 'If-Match': '"1"' },
        })
      ).status,
    ).toBe(200);
    await takeAuditAnchor(h.services);

    // The backup, taken while xiufu is running (pg_dump reads one consistent snapshot).
    const [source] = (await h.database.db.execute(sql`select current_database() as name`)) as unknown as {
      name: string;
    }[];
    const sourceUrl = databaseUrl(source!.name);
    const dump = path.join(directory, 'xiufu.dump');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, sourceUrl]);
    expect((await stat(dump)).size).toBeGreaterThan(10_000);

    // The restore, into an empty database.
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${restoredName} template template0`);
    await admin.end();
    const restoredUrl = databaseUrl(restoredName);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);

    const counts = async (url: string) => {
      const client = postgres(url, { max: 1, onnotice: () => {} });
      try {
        // Every table, the migrations' own record among them.
        const tables = await client<
          { schema: string; name: string }[]
        >`select schemaname as schema, tablename as name from pg_tables where schemaname in ('public', 'drizzle') order by 1, 2`;
        const result: Record<string, number> = {};
        for (const { schema, name } of tables)
          result[name] = (
            await client.unsafe<{ n: number }[]>(`select count(*)::int as n from "${schema}"."${name}"`)
          )[0]!.n;
        return result;
      } finally {
        await client.end();
      }
    };
    const before = await counts(sourceUrl);
    expect(before.case_events).toBeGreaterThanOrEqual(2);
    expect(await counts(restoredUrl)).toEqual(before);

    // xiufu on the restored database, with the same keys (opening it applies no migration).
    restored = await startHarness(
      'postgres',
      h.services.now().toISOString(),
      'national',
      await openPostgres(restoredUrl, { max: 5 }),
    );
    const report = await verifyAllAuditTrails(restored.services);
    expect(report).toMatchObject({ brokenCases: [], brokenAnchors: [] });
    expect(report.anchorsChecked).toBe(1);
    expect(report.casesChecked).toBe(before.cases);

    const [subject] = await restored.database.db.select().from(subjects).where(eq(subjects.id, s.subject.id));
    expect(openResidentId(restored.services.keys, subject!.id, subject!.residentIdSealed!)).toBe(s.subject.residentId);
    // The dump alone does not open them: the keys are backed up apart from it.
    expect(() => openResidentId(generateKeyRing(), subject!.id, subject!.residentIdSealed!)).toThrow();

    const again = await restored.login(s.reviewer.username);
    const answered = await restored.call('POST', `/api/v1/cases/${caseId}/events`, {
      token: await restored.login(s.agencyOfficer.username),
      body: { type: 'AGENCY_CONFIRMED', answer: 'Confirmed after the restore.' },
      headers: { 'If-Match': '"2"' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.version).toBe(3);
    expect((await restored.call('GET', `/api/v1/cases/${caseId}/audit/verify`, { token: again })).body).toMatchObject({
      valid: true,
      events: 3,
    });

    // The audit table still refuses to be rewritten.
    const direct = postgres(restoredUrl, { max: 1, onnotice: () => {} });
    await expect(direct`update case_events set payload = '{}' where case_id = ${caseId}`).rejects.toThrow(
      /append-only|not allowed|cannot/i,
    );
    await direct.end();
    expect(restored.errors).toEqual([]);
  });
});
