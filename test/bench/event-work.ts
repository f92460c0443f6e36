// What one transaction costs the database and the API process, measured around a window of the
// throughput bench (issue 17's first two targets): statements sent, rows written, index entries
// written, WAL bytes, the HOT share of updates, and the API process's CPU time, each divided by
// the events (or pgbench transactions) of the window. Row and index figures come from the bench
// database's own statistics (pg_stat_user_tables), WAL from the server's insert position: WAL is
// the whole cluster's, so it is true only while nothing else writes (the bench's databases are
// its own; other work on the same server shows up here).
import { readdirSync, readFileSync } from 'node:fs';
import type postgres from 'postgres';

/** Counters of one moment: per table (leaf partitions apart) and for the cluster. */
export interface WorkCounters {
  tables: Map<string, { inserted: number; updated: number; hotUpdated: number; deleted: number; indexes: number }>;
  walBytes: bigint;
}

export async function readWorkCounters(sql: postgres.Sql): Promise<WorkCounters> {
  const rows = await sql<
    { relname: string; ins: string; upd: string; hot: string; del: string; indexes: number; lsn: string }[]
  >`
    select t.relname, t.n_tup_ins as ins, t.n_tup_upd as upd, t.n_tup_hot_upd as hot, t.n_tup_del as del,
           (select count(*) from pg_index i where i.indrelid = t.relid)::int as indexes,
           (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as lsn
      from pg_stat_user_tables t`;
  const tables: WorkCounters['tables'] = new Map();
  for (const r of rows)
    tables.set(r.relname, {
      inserted: Number(r.ins),
      updated: Number(r.upd),
      hotUpdated: Number(r.hot),
      deleted: Number(r.del),
      indexes: r.indexes,
    });
  const [wal] = await sql<{ lsn: string }[]>`select (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as lsn`;
  return { tables, walBytes: BigInt(wal!.lsn.split('.')[0]!) };
}

/** Per transaction (an event, or a pgbench transaction) between two readings. */
export interface WorkPerTransaction {
  rowsWritten: number;
  /** Inserts and updates that were not HOT, times the table's indexes (partial ones counted as if they matched). */
  indexEntries: number;
  walBytes: number;
  /** Of the updates, the share that stayed on their page and wrote no index entry. */
  hotRatio: number;
  /** Per table: rows written per transaction, for seeing where the writes go. */
  byTable: Record<string, number>;
}

export function workBetween(
  before: WorkCounters,
  after: WorkCounters,
  transactions: number,
  /** Only these tables (e.g. pgbench's), or all but these with `exclude`. */
  filter: (table: string) => boolean,
): WorkPerTransaction {
  let rows = 0;
  let indexEntries = 0;
  let updates = 0;
  let hot = 0;
  const byTable: Record<string, number> = {};
  for (const [name, now] of after.tables) {
    if (!filter(name)) continue;
    const then = before.tables.get(name) ?? { inserted: 0, updated: 0, hotUpdated: 0, deleted: 0, indexes: 0 };
    const inserted = now.inserted - then.inserted;
    const updated = now.updated - then.updated;
    const hotUpdated = now.hotUpdated - then.hotUpdated;
    const deleted = now.deleted - then.deleted;
    const written = inserted + updated + deleted;
    if (written === 0) continue;
    rows += written;
    updates += updated;
    hot += hotUpdated;
    indexEntries += (inserted + updated - hotUpdated) * now.indexes;
    // Partitions of one table count under the table's name (case_events_2026_12 → case_events).
    const table = name.replace(/_(\d{4}_\d{2}|default)$/, '');
    byTable[table] = (byTable[table] ?? 0) + written / transactions;
  }
  return {
    rowsWritten: rows / transactions,
    indexEntries: indexEntries / transactions,
    walBytes: Number(after.walBytes - before.walBytes) / transactions,
    hotRatio: updates > 0 ? hot / updates : Number.NaN,
    byTable,
  };
}

/** The API process's count of statements sent (xiufu_db_statements_total on /metrics). */
export async function statementsSentBy(apiUrl: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  return Number(/^xiufu_db_statements_total (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

export const pgbenchTables = (table: string) => table.startsWith('pgbench_');

/**
 * CPU seconds so far, by the part of the machine that spent them. Every process of a throughput
 * run shares the same cores, so the events a second the machine can carry are bounded by the
 * CPU all of them spend per event, the load generator's and PostgreSQL's included; these
 * readings say whose CPU an event costs, beside a pgbench transaction's.
 */
export interface CpuReading {
  /** xiufu's processes by role (user + system). */
  api: number;
  worker: number;
  /** The bench's own process: the HTTP clients that drive the API. */
  loadGenerator: number;
  /** Processes the bench ran and waited for (pgbench, psql). */
  benchChildren: number;
  /** The postmaster and every backend, those that exited since included (they count in the postmaster's children). */
  postgres: number;
  /**
   * Of that, PostgreSQL's own lasting background processes (WAL writer, checkpointer, background
   * writer, autovacuum launcher); autovacuum workers come and go, and count with the backends.
   */
  postgresBackground: number;
  redis: number;
  /** The whole machine from /proc/stat: busy (not idle or waiting on I/O) and stolen by the hypervisor. */
  machineBusy: number;
  machineSteal: number;
  machineTotal: number;
}

const clockTicks = 100;

/** A process's command name and the fields of /proc/<pid>/stat after it; null once it has exited. */
function statOf(pid: number | 'self'): { comm: string; fields: string[] } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // the process exited between listing and reading
  }
  // The name may hold spaces and parentheses: it ends at the line's last ")".
  return {
    comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
    fields: text.slice(text.lastIndexOf(')') + 2).split(' '),
  };
}

/** Fields after "pid (comm) ": 1 ppid, 11 utime, 12 stime, 13 cutime, 14 cstime (in clock ticks). */
const own = (fields: string[]) => (Number(fields[11]) + Number(fields[12])) / clockTicks;
const reaped = (fields: string[]) => (Number(fields[13]) + Number(fields[14])) / clockTicks;

/** A PostgreSQL process's title ("postgres: 15/main: walwriter"), from its command line. */
function titleOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** Every process of the machine with its parent and command name. */
function processTable(): { pid: number; ppid: number; comm: string; fields: string[] }[] {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    const stat = /^\d+$/.test(entry) ? statOf(Number(entry)) : null;
    if (stat) table.push({ pid: Number(entry), ppid: Number(stat.fields[1]), ...stat });
  }
  return table;
}

export function readCpu(parts: { api: number[]; worker: number[]; postmaster: number | null }): CpuReading {
  const table = processTable();
  const byPid = new Map(table.map((p) => [p.pid, p]));
  const cpuOf = (pids: number[]) =>
    pids.reduce((sum, pid) => sum + (byPid.has(pid) ? own(byPid.get(pid)!.fields) : 0), 0);
  const postmaster = parts.postmaster === null ? undefined : byPid.get(parts.postmaster);
  const children = table.filter((p) => p.ppid === parts.postmaster);
  const postgres =
    (postmaster ? own(postmaster.fields) + reaped(postmaster.fields) : Number.NaN) +
    children.reduce((sum, p) => sum + own(p.fields), 0);
  const postgresBackground = children
    .filter((p) => /: (walwriter|checkpointer|background writer|autovacuum launcher)/.test(titleOf(p.pid)))
    .reduce((sum, p) => sum + own(p.fields), 0);
  const self = statOf('self')!.fields;
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const ticks = cpu!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  return {
    api: cpuOf(parts.api),
    worker: cpuOf(parts.worker),
    loadGenerator: own(self),
    benchChildren: reaped(self),
    postgres,
    postgresBackground,
    redis: table.filter((p) => p.comm === 'redis-server').reduce((sum, p) => sum + own(p.fields), 0),
    machineBusy: (total - ticks[3]! - ticks[4]! - ticks[7]!) / clockTicks,
    machineSteal: ticks[7]! / clockTicks,
    machineTotal: total / clockTicks,
  };
}

/** Milliseconds of CPU per transaction (event) by part between two readings, and the machine's busy share. */
export interface CpuPerTransaction {
  api: number;
  worker: number;
  loadGenerator: number;
  pgbench: number;
  postgres: number;
  /** Of PostgreSQL's: its lasting background processes (CpuReading.postgresBackground). */
  postgresBackground: number;
  redis: number;
  /** The machine's busy time not in any part above (the kernel's interrupts, other processes). */
  other: number;
  /** All of it: the machine's busy CPU per transaction. */
  total: number;
  /** Busy share of the machine's cores over the window, and the share the hypervisor stole. */
  busyShare: number;
  stealShare: number;
}

export function cpuBetween(before: CpuReading, after: CpuReading, transactions: number): CpuPerTransaction {
  const ms = (key: keyof CpuReading) => ((after[key] - before[key]) * 1000) / transactions;
  const named = ms('api') + ms('worker') + ms('loadGenerator') + ms('benchChildren') + ms('postgres') + ms('redis');
  const total = after.machineTotal - before.machineTotal;
  return {
    api: ms('api'),
    worker: ms('worker'),
    loadGenerator: ms('loadGenerator'),
    pgbench: ms('benchChildren'),
    postgres: ms('postgres'),
    postgresBackground: ms('postgresBackground'),
    redis: ms('redis'),
    other: Math.max(0, ms('machineBusy') - named),
    total: ms('machineBusy'),
    busyShare: (after.machineBusy - before.machineBusy) / total,
    stealShare: (after.machineSteal - before.machineSteal) / total,
  };
}

/**
 * The postmaster's pid: the parent of the backend serving this connection, where that backend is
 * a PostgreSQL process of this machine; null for a server elsewhere (or in a container), whose
 * CPU this machine cannot see (its column then reads "—").
 */
export async function postmasterPid(sql: postgres.Sql): Promise<number | null> {
  const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const local = processTable().find((p) => p.pid === backend!.pid && p.comm === 'postgres');
  return local ? local.ppid : null;
}
