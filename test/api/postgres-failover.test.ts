// PostgreSQL with a streaming replica, as docs/DEPLOYMENT.md sets it up, carried out with real
// servers: a primary and a standby made by pg_basebackup (clusters of this test's own, run as the
// postgres user on ports of their own). xiufu connects with both hosts in DATABASE_URL and
// target_session_attrs=primary; a case filed on the primary is on the standby; the primary
// stops, the standby is promoted, and the same xiufu goes on writing to it, chains intact.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, whereOf } from '../../db/client.js';
import { freePort } from '../../src/jobs/ensure-redis.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);
const bin = async (name: string) => {
  const { stdout } = await run('pg_config', ['--bindir']).catch(() => ({ stdout: '' }));
  return stdout.trim() ? path.join(stdout.trim(), name) : name;
};
/** PostgreSQL will not run as root: the servers run as the postgres user when this is root. */
const asPostgres = async (command: string, args: string[]) =>
  process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);

describe('PostgreSQL with a streaming replica, across a failover', () => {
  let directory: string;
  const port = { primary: 0, standby: 0 };
  const data = { primary: '', standby: '' };
  let h: Harness | undefined;
  let pgCtl: string;

  const start = (which: 'primary' | 'standby') =>
    asPostgres(pgCtl, [
      '-D',
      data[which],
      '-l',
      path.join(directory, `${which}.log`),
      '-o',
      `-p ${port[which]} -k ${directory} -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ]);

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'xiufu-replica-'));
    await chmod(directory, 0o777);
    pgCtl = await bin('pg_ctl');
    port.primary = await freePort();
    port.standby = await freePort();
    data.primary = path.join(directory, 'primary');
    data.standby = path.join(directory, 'standby');
    await asPostgres(await bin('initdb'), ['-D', data.primary, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await start('primary');
    // The standby: a base backup that streams the primary's WAL and keeps following it (-R).
    await asPostgres(await bin('pg_basebackup'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(port.primary),
      '-U',
      'postgres',
      '-D',
      data.standby,
      '-R',
      '-X',
      'stream',
    ]);
    await start('standby');
    const admin = postgres(`postgres://postgres@127.0.0.1:${port.primary}/postgres`, { max: 1, onnotice: () => {} });
    await admin`create database xiufu`;
    await admin.end();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    for (const which of ['primary', 'standby'] as const)
      await asPostgres(pgCtl, ['-D', data[which], '-m', 'immediate', 'stop']).catch(() => {});
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps a case on the standby, and goes on writing after the standby is promoted', {
    timeout: 120_000,
  }, async () => {
    const url = `postgres://postgres@127.0.0.1:${port.primary},127.0.0.1:${port.standby}/xiufu?target_session_attrs=primary`;
    expect(whereOf(url)).toBe(`127.0.0.1:${port.primary},127.0.0.1:${port.standby}/xiufu`);
    const database = await openPostgres(url, { max: 4 });
    await seedReferenceData(database.db);
    h = await startHarness('postgres', '2026-11-25T02:00:00Z', 'national', database);
    const s = await makeObjectionScenario(h.database.db);
    const citizen = await h.login(s.citizen.username);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: s.record.id, reason: 'Paid.' },
    });
    expect(filed.status).toBe(201);

    const standby = postgres(`postgres://postgres@127.0.0.1:${port.standby}/xiufu`, { max: 1, onnotice: () => {} });
    const primary = postgres(`postgres://postgres@127.0.0.1:${port.primary}/xiufu`, { max: 1, onnotice: () => {} });
    const [{ lsn } = { lsn: '' }] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    await primary.end();
    await waitFor('the standby to replay the filing', async () => {
      const [{ caughtUp } = { caughtUp: false }] = await standby<
        { caughtUp: boolean }[]
      >`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as "caughtUp"`;
      return caughtUp;
    });
    expect((await standby`select count(*)::int as n from case_events where case_id = ${filed.body.id}`)[0]!.n).toBe(1);
    expect((await standby`select pg_is_in_recovery() as r`)[0]!.r).toBe(true);

    // The primary is lost; the standby is promoted.
    await asPostgres(pgCtl, ['-D', data.primary, '-m', 'immediate', 'stop']);
    await asPostgres(pgCtl, ['-D', data.standby, '-w', 'promote']);
    expect((await standby`select pg_is_in_recovery() as r`)[0]!.r).toBe(false);
    await standby.end();

    // The same process: its pooled connections to the old primary fail once, new ones find the
    // promoted server. A client retries a failed request, as it would after any network error.
    const reviewer = await (async () => {
      for (let tries = 0; ; tries += 1) {
        const answer = await h!.call('POST', '/api/v1/auth/login', {
          body: { username: s.reviewer.username, password: 'correct horse battery staple' },
        });
        if (answer.status === 200) return answer.body.token as string;
        if (tries > 20) throw new Error(`no login after the failover: ${answer.status}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    let accepted = await h.call('POST', `/api/v1/cases/${filed.body.id}/events`, {
      token: reviewer,
      body: { type: 'ACCEPT' },
      headers: { 'If-Match': '"1"' },
    });
    if (accepted.status >= 500)
      accepted = await h.call('POST', `/api/v1/cases/${filed.body.id}/events`, {
        token: reviewer,
        body: { type: 'ACCEPT' },
        headers: { 'If-Match': '"1"' },
      });
    expect(accepted.status).toBe(200);
    expect((await h.call('GET', `/api/v1/cases/${filed.body.id}/audit/verify`, { token: citizen })).body).toMatchObject(
      { valid: true, events: 2 },
    );
    // Errors logged are those of the requests that met the dead connections, nothing else.
    for (const error of h.errors)
      expect(String((error as Error).message) + String((error as { cause?: Error }).cause?.message)).toMatch(
        /ECONNREFUSED|ECONNRESET|terminat|CONNECTION_(CLOSED|ENDED|DESTROYED)|shutdown|write after end/i,
      );
  });
});
