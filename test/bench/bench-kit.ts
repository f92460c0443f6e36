// What the benchmark's parts share: a database of its own on the machine's PostgreSQL,
// percentiles, resident memory of a process, starting xiufu's processes, and printing a table.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import postgres from 'postgres';
import { generateKeyRing, keyRingAsEnvironment } from '../../src/config/keys.js';
import { checkoutRoot, startCommand } from '../helpers/start-command.js';

export const root = checkoutRoot;
export const adminUrl = process.env.XIUFU_BENCH_PG_URL ?? 'postgres://127.0.0.1:5432/postgres';
export const benchKeys = generateKeyRing('bench');

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database for one part of the benchmark (dropped first if a run left one). */
/**
 * A database of the bench's own, dropped and made again. XIUFU_BENCH_DATABASE_SUFFIX keeps two
 * benches on one machine (two checkouts) out of each other's databases.
 */
export async function freshDatabase(base: string): Promise<string> {
  const name = `${base}${process.env.XIUFU_BENCH_DATABASE_SUFFIX ?? ''}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`The bench database's name "${name}" must be letters, digits and _.`);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(samples: number[]): { median: number; p95: number; p99: number; count: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    count: sorted.length,
  };
}

/** Resident set size of a process in MiB (Linux /proc). */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

export interface XiufuProcess {
  child: ChildProcessWithoutNullStreams;
  url: string | null;
  stop(): Promise<void>;
}

/**
 * Starts xiufu in a node process of its own as `npm start` runs it (test/helpers/start-command.ts:
 * the built bundle, with the start script's node flags and malloc settings; the bench builds it
 * once first), without npm in between, so the pid is xiufu's.
 */
export function startXiufuProcess(role: 'all' | 'api' | 'worker', env: Record<string, string>): Promise<XiufuProcess> {
  const start = startCommand();
  // XIUFU_BENCH_NODE_ARGS passes more flags to xiufu's node, e.g. --cpu-prof to see where time goes.
  const nodeArgs = [...start.nodeArgs, ...(process.env.XIUFU_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, start.entry, `--role=${role}`], {
    cwd: root,
    env: {
      ...process.env,
      ...start.env,
      ...keyRingAsEnvironment(benchKeys),
      HOST: '127.0.0.1',
      PORT: '0',
      XIUFU_DEMO: '0',
      ...env,
    },
  });
  let out = '';
  let err = '';
  let stopping = false;
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      // A server error's log line (pino level 50 and up) is shown at once: the bench's answer
      // counts the 500, this says why.
      for (const line of chunk.toString().split('\n'))
        if (/"level":(5|6)0/.test(line)) console.error(`xiufu --role=${role}: ${line.slice(0, 3000)}`);
      if (out.length > 100_000) return; // started long ago; the rest is request logs
      out += chunk.toString();
      const url = /xiufu is running at (http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('API docs')) resolve({ child, url, stop });
      else if (out.includes('workers are running')) resolve({ child, url: null, stop });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      // After start-up, an exit nobody asked for is worth seeing at once.
      if (!stopping) console.error(`xiufu --role=${role} exited with ${code}: ${err.slice(-2000)}`);
      reject(new Error(`xiufu --role=${role} exited with ${code}: ${err}`));
    });
  });
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? format(cell) : cell)))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const [n, row] of cells.entries()) {
    console.log(row.map((cell, i) => String(cell).padStart(widths[i]!)).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function format(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** An answer as the bench reads it: the status and the body's text. */
export interface BenchAnswer {
  status: number;
  text: string;
}

/**
 * The load generator's HTTP client: node's own, over kept-alive sockets. It shares the machine's
 * cores with xiufu and PostgreSQL, so its CPU per request is taken from theirs: the global fetch
 * (undici's WHATWG layer: Request and Response objects, streams, header validation) spent about
 * 0.8 ms of CPU a request here, more than PostgreSQL for an event (table 1c).
 */
export function benchHttpClient() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const send = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<BenchAnswer>((resolve, reject) => {
      const headers = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
      const request = http.request(url, { method: init.method ?? 'GET', headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(init.body);
    });
  return { send, close: () => agent.destroy() };
}
