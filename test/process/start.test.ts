// xiufu started as a user starts it (the entry point in a child process): the embedded
// database with demo data and logins, the lock that refuses a second process on the same
// data directory, and PostgreSQL with and without demo mode.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, databaseUrl, testDatabasePrefix } from '../helpers/test-database.js';
import { testKeyEnvironment } from '../helpers/test-keys.js';
import { buildForStart, checkoutRoot, startCommand } from '../helpers/start-command.js';

const start = startCommand();
const running: ChildProcessWithoutNullStreams[] = [];

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  banner: string;
}

function startXiufu(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [...start.nodeArgs, start.entry, ...(env.ROLE ? [`--role=${env.ROLE}`] : [])], {
    cwd: checkoutRoot,
    env: {
      ...process.env,
      ...start.env,
      HOST: '127.0.0.1',
      PORT: '0',
      XIUFU_QUEUE_PREFIX: `t${process.pid}${running.length}`,
      ...env,
    },
  });
  running.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = out.match(/xiufu is running at (http:\/\/\S+)/)?.[1];
      if ((url && out.includes('API docs')) || out.includes('workers are running'))
        resolve({ child, url: url ?? '', banner: out });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) =>
      reject(Object.assign(new Error(`xiufu exited with ${code}: ${err}`), { code, stderr: err })),
    );
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function login(url: string, username: string, password = 'xiufu-demo') {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as { token?: string } };
}

// What npm start does first: build the bundle these processes run.
beforeAll(() => buildForStart(), 60_000);
afterAll(async () => {
  await Promise.all(running.map(stop));
});

describe('npm start with the embedded database', () => {
  it('prints the URL and demo logins, serves them, and refuses a second process on the same data', {
    timeout: 120_000,
  }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'xiufu-data-'));
    try {
      const first = await startXiufu({ XIUFU_DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(first.banner).toMatch(/database: PGlite in/);
      for (const username of ['citizen1', 'citizen2', 'reviewer', 'supervisor', 'agency', 'admin'])
        expect(first.banner).toContain(username);

      const citizen = await login(first.url, 'citizen1');
      expect(citizen.status).toBe(200);
      const records = await fetch(`${first.url}/api/v1/me/records`, {
        headers: { authorization: `Bearer ${citizen.body.token}` },
      });
      expect(((await records.json()) as { records: unknown[] }).records).toHaveLength(6);

      const second = await startXiufu({ XIUFU_DATA_DIR: dataDir, DATABASE_URL: '' }).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(second).toMatchObject({ code: 1, stderr: expect.stringContaining('Another xiufu process is using') });

      expect(await stop(first.child)).toBe(0);
      // The lock is released on a clean stop, and demo data is written only once.
      const again = await startXiufu({ XIUFU_DATA_DIR: dataDir, DATABASE_URL: '' });
      const token = (await login(again.url, 'citizen1')).body.token;
      const recordsAgain = await fetch(`${again.url}/api/v1/me/records`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await recordsAgain.json()) as { records: unknown[] }).records).toHaveLength(6);
      await stop(again.child);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start with PostgreSQL', () => {
  const created: string[] = [];
  afterAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  async function blankDatabase(): Promise<string> {
    const name = `${testDatabasePrefix}start_${Math.random().toString(16).slice(2, 10)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    created.push(name);
    return databaseUrl(name);
  }

  it('migrates a blank database and writes demo data when XIUFU_DEMO=1', { timeout: 60_000 }, async () => {
    const started = await startXiufu({ DATABASE_URL: await blankDatabase(), XIUFU_DEMO: '1', ...testKeyEnvironment });
    expect(started.banner).toContain(`database: PostgreSQL 127.0.0.1:5432/${testDatabasePrefix}start_`);
    expect((await login(started.url, 'reviewer')).status).toBe(200);
    await stop(started.child);
  });

  it('has no demo accounts without XIUFU_DEMO', { timeout: 60_000 }, async () => {
    const started = await startXiufu({ DATABASE_URL: await blankDatabase(), ...testKeyEnvironment });
    expect(started.banner).not.toContain('demo logins');
    expect((await login(started.url, 'reviewer')).status).toBe(401);
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${started.url}/readyz`)).json()).toEqual({
      status: 'ready',
      database: 'ok',
      redis: 'ok',
      timers: 'ok',
      oldestOverdueSeconds: 0,
    });
    // Asked to stop with a request in flight (its headers read, its body still coming), it
    // answers the request, then exits cleanly.
    let stopped: Promise<number | null> | undefined;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request(
        `${started.url}/api/v1/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      request.on('error', reject);
      request.write('{"username":"nobody",');
      setTimeout(() => {
        stopped = stop(started.child);
        setTimeout(() => request.end('"password":"not the password"}'), 300);
      }, 300);
    });
    expect(status).toBe(401);
    expect(await stopped).toBe(0);
  });

  it('stops with a clear message on bad configuration', { timeout: 30_000 }, async () => {
    const failed = await startXiufu({ PORT: 'eighty' }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining("xiufu's configuration is invalid") });
  });
});

describe('npm start’s bundle', () => {
  it('runs the audit-verification worker beside it, which verifies as the sources do', async () => {
    const { Worker } = await import('node:worker_threads');
    const { verifyChainChunk } = await import('../../src/domain/audit-chain.js');
    const worker = new Worker(pathToFileURL(path.join(checkoutRoot, 'dist/audit-verify.worker.js')));
    const ask = (id: number, chunk: string | null) =>
      new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id, caseId: 'c1', chunk });
      });
    // One event whose hash does not match its content: the segment says where it breaks.
    const chunk = JSON.stringify([
      [1, null, 'citizen', '2026-01-05T00:00:00.000Z', 'SUBMIT', 'draft', 'submitted', {}, 'GENESIS', 'not-a-hash'],
    ]);
    try {
      expect(await ask(1, null)).toEqual({ id: 1, segment: verifyChainChunk('c1', null) });
      const answer = (await ask(2, chunk)) as { segment: { broken: unknown } };
      expect(answer).toEqual({ id: 2, segment: verifyChainChunk('c1', chunk) });
      expect(answer.segment.broken).not.toBeNull();
    } finally {
      await worker.terminate();
    }
  });
});
