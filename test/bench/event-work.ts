// What one transaction costs the database and the API process, measured around a window of the
// throughput bench (issue 17's first two targets): statements sent, rows written, index entries
// written, WAL bytes, the HOT share of updates, and the API process's CPU time, each divided by
// the events (or pgbench transactions) of the window. Row and index figures come from the bench
// database's own statistics (pg_stat_user_tables), WAL from the server's insert position: WAL is
// the whole cluster's, so it is true only while nothing else writes (the bench's databases are
// its own; other work on the same server shows up here).
import { readFileSync } from 'node:fs';
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

/** user + system CPU seconds of a process so far, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm) ".
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The API process's count of statements sent (xiufu_db_statements_total on /metrics). */
export async function statementsSentBy(apiUrl: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  return Number(/^xiufu_db_statements_total (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

export const pgbenchTables = (table: string) => table.startsWith('pgbench_');
