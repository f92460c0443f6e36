// The case engine's two hot statements, written out rather than built by drizzle per request
// (issue 17: building and mapping them through drizzle was a fifth of the API's CPU per event):
// the case read with the hash of its newest audit event, and a change's writes as ONE statement.
// And the rows this process last read or wrote, so that the next change of a case it has just
// changed (a person's next step, naming the version this process answered) needs no read.
//
// One statement is atomic on its own, so a change that writes only the case, its audit event,
// notifications and an access-register entry needs no transaction: no BEGIN, no COMMIT, one
// round trip, and the database plans and runs one statement instead of six. Every insert reads
// from the UPDATE's result, so when the version moved on (the UPDATE matched nothing) the
// statement writes nothing at all. Both drivers run the same text; each value goes as its
// column's driver value (drizzle's own encoder for the column), cast to the column's type.
import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { databaseOf, type Executor, runStatement } from '../../db/client.js';
import { caseEvents, cases } from '../../db/schema.js';

export type CaseRow = typeof cases.$inferSelect;
/**
 * A case as loaded for a change: with the hash of its newest audit event, which the next one
 * chains to, and the row version it was read at, which the change's UPDATE requires.
 */
export type LoadedCase = CaseRow & { headHash: string; readAt: RowReading };

/**
 * A version of a row as PostgreSQL stores it: the transaction that wrote it (xmin) and where
 * (ctid). Every UPDATE of the row, whoever makes it, writes a new version with another xmin or,
 * within one transaction, in another place; so a row at the same (xmin, ctid) is unchanged, as
 * long as transaction ids do not come round again (writeCaseChange checks the newest event too).
 */
export interface RowReading {
  xmin: string;
  ctid: string;
  /** Taken from this process's memory of the row (rememberedRows), not read from the database. */
  remembered: boolean;
}

/** A table's columns by their drizzle key: the SQL name, the type to cast a parameter to, the encoder. */
const columnsOf = (() => {
  const known = new Map<PgTable, Map<string, Column>>();
  return (table: PgTable): Map<string, Column> => {
    let columns = known.get(table);
    if (!columns) {
      columns = new Map(Object.entries(getTableColumns(table) as Record<string, Column>));
      known.set(table, columns);
    }
    return columns;
  };
})();

function columnOf(table: PgTable, key: string): Column {
  const column = columnsOf(table).get(key);
  if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
  return column;
}

/** A row as the driver returned it (SQL names, driver values), decoded as drizzle would. */
function caseRowOf(raw: Record<string, unknown>): CaseRow {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(cases)) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as CaseRow;
}

/**
 * A case row as the driver gives it (SQL names, driver values), its head hash and row version:
 * what this process last read or wrote of a case. Rows are kept as driver text, not objects, so
 * each change decodes a copy of its own, as from a read, and no two requests share one.
 */
interface RememberedRow {
  raw: Record<string, unknown>;
  headHash: string;
  xmin: string;
  ctid: string;
  /** Characters of text the row holds, for the memory's budget. */
  size: number;
}

/**
 * The rows this process last read or wrote for a change that named a version, per database, the
 * most recent last: a few, as a reviewer or a citizen takes a case through several steps one
 * after another, within a budget of characters (a case asked for material a hundred times
 * carries a long snapshot). Trusting one needs no rule about who else writes cases: the
 * change's UPDATE requires the row version it was read at and its newest event, so a row that
 * anything changed since (another process, a job, a fix-up that adds no version, a database
 * restored or failed over to another timeline) is written by nobody, and the change is decided
 * again on the row as read (changeCase, case-engine.ts).
 */
const rememberedRows = new WeakMap<object, RowMemory>();
const memoryBudget = { rows: 256, characters: 1_000_000, charactersPerRow: 50_000 };

/** One database's remembered rows, oldest first, and the characters they hold. */
interface RowMemory {
  rows: Map<string, RememberedRow>;
  size: number;
}

function rememberedRowsOf(ex: Executor): RowMemory {
  const database = databaseOf(ex);
  let memory = rememberedRows.get(database);
  if (!memory) {
    memory = { rows: new Map(), size: 0 };
    rememberedRows.set(database, memory);
  }
  return memory;
}

function forget(memory: RowMemory, caseId: string): void {
  const known = memory.rows.get(caseId);
  if (!known) return;
  memory.rows.delete(caseId);
  memory.size -= known.size;
}

function remember(ex: Executor, caseId: string, row: Omit<RememberedRow, 'size'>): void {
  const memory = rememberedRowsOf(ex);
  forget(memory, caseId);
  const size = Object.values(row.raw).reduce<number>(
    (sum, value) => sum + (typeof value === 'string' ? value.length : 8),
    0,
  );
  if (size > memoryBudget.charactersPerRow) return;
  memory.rows.set(caseId, { ...row, size });
  memory.size += size;
  for (const oldest of memory.rows.keys()) {
    if (memory.rows.size <= memoryBudget.rows && memory.size <= memoryBudget.characters) break;
    forget(memory, oldest);
  }
}

function loadedCaseOf(row: Omit<RememberedRow, 'size'>, remembered: boolean): LoadedCase {
  return { ...caseRowOf(row.raw), headHash: row.headHash, readAt: { xmin: row.xmin, ctid: row.ctid, remembered } };
}

/**
 * The case with the hash of its newest event, read in one statement, so the hash is the head of
 * exactly the version read: the change that follows chains to it without another round trip.
 * With `atVersion` (the version a change names), a row this process remembers at that version is
 * taken without a read; with `remember`, the row read is remembered. A case whose head event is
 * missing is a broken trail, not a case to change.
 */
export async function loadCase(
  ex: Executor,
  caseId: string,
  options: { atVersion?: number | undefined; remember?: boolean } = {},
): Promise<LoadedCase | null> {
  const known = rememberedRowsOf(ex).rows.get(caseId);
  if (known && options.atVersion !== undefined && known.raw.version === options.atVersion)
    return loadedCaseOf(known, true);
  const [raw] = await runStatement(
    ex,
    `select c.*, c.xmin::text as xiufu_xmin, c.ctid::text as xiufu_ctid, (select head.hash from case_events head
        where head.case_id = c.id and head.case_opened_at = c.opened_at and head.seq = c.version) as xiufu_head_hash
      from cases c where c.id = $1::uuid`,
    [caseId],
  );
  if (!raw) {
    forget(rememberedRowsOf(ex), caseId);
    return null;
  }
  const headHash = raw.xiufu_head_hash as string | null;
  if (headHash === null) throw new Error(`case ${caseId} has no audit event ${String(raw.version)}`);
  const row = { raw, headHash, xmin: raw.xiufu_xmin as string, ctid: raw.xiufu_ctid as string };
  if (options.remember) remember(ex, caseId, { ...row, raw: driverTextOf(raw) });
  else forget(rememberedRowsOf(ex), caseId);
  return loadedCaseOf(row, false);
}

/**
 * A row's driver values as text, as a change's statement sends them (JSON as JSON text, a moment
 * as ISO text), however the driver parsed them: each decoding then makes objects of its own.
 */
function driverTextOf(raw: Record<string, unknown>): Record<string, unknown> {
  const sent: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw))
    sent[name] =
      value instanceof Date
        ? value.toISOString()
        : value !== null && typeof value === 'object'
          ? JSON.stringify(value)
          : value;
  return sent;
}

/** Rows a change inserts beside its audit event, each written only if the case's UPDATE was. */
export interface RowsWithChange {
  table: PgTable;
  rows: readonly Record<string, unknown>[];
}

export interface CaseWrite {
  caseId: string;
  /** The version the change was computed from: the UPDATE applies to that version only. */
  fromVersion: number;
  /** The row version it was read at: the UPDATE applies to that row version only. */
  fromRow: Pick<RowReading, 'xmin' | 'ctid'>;
  /** The case's columns the change sets (its version among them). */
  set: Partial<CaseRow>;
  event: Partial<typeof caseEvents.$inferInsert>;
  /** Notifications, outbox rows, the access-register entry: inserted with the change. */
  alongside: readonly RowsWithChange[];
}

/** The text of a statement and its parameters, numbered as they are added. */
class StatementText {
  readonly params: unknown[] = [];
  /** `$n::type`, the value encoded by its column (a Date as ISO text, JSON as text, ...). */
  value(column: Column, value: unknown): string {
    return this.typed(
      value === null || value === undefined ? null : column.mapToDriverValue(value),
      column.getSQLType(),
    );
  }
  /** `$n::type` for a value already in the driver's form (a row version's xmin and ctid as text). */
  typed(driverValue: unknown, sqlType: string): string {
    this.params.push(driverValue);
    return `$${this.params.length}::${sqlType}`;
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Writes a change of an existing case as one statement; false when the case was no longer at
 * `fromVersion`, at the row version `fromRow` and with the event the change chains to
 * (`event.prevHash`) as its newest: then nothing was written. Inside a transaction it is one
 * statement of it. A row remembered when read (loadCase) is remembered as written, with the new
 * event as its head: if the transaction around it rolls back, or writes the row again, the
 * row's version is not the one remembered, and a change decided on it writes nothing.
 */
export async function writeCaseChange(ex: Executor, write: CaseWrite): Promise<boolean> {
  const statement = new StatementText();
  const assignments: string[] = [];
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(write.set)) {
    if (value === undefined) continue;
    const column = columnOf(cases, key);
    assignments.push(`${quoted(column.name)} = ${statement.value(column, value)}`);
    // The value as sent is the value as a read would give it to caseRowOf.
    written[column.name] = statement.params.at(-1);
  }
  const idColumn = columnOf(cases, 'id');
  const versionColumn = columnOf(cases, 'version');
  const rowVersion = `xmin = ${statement.typed(write.fromRow.xmin, 'xid')} and ctid = ${statement.typed(write.fromRow.ctid, 'tid')}`;
  // The newest event must be the one the change chains to: a row version alone is not for ever
  // (transaction ids come round again, and a failover to a standby that missed commits reuses
  // them), the hash of its content is.
  const headColumn = columnOf(caseEvents, 'hash');
  const head = `exists (select 1 from case_events head where head.case_id = cases.id and head.case_opened_at = cases.opened_at
      and head.seq = cases.version and head.hash = ${statement.value(headColumn, write.event.prevHash)})`;
  let text = `with updated as (update cases set ${assignments.join(', ')} where id = ${statement.value(idColumn, write.caseId)} and version = ${statement.value(versionColumn, write.fromVersion)} and ${rowVersion} and ${head} returning xmin::text as xmin, ctid::text as ctid)`;
  let inserts = 0;
  const insertFromUpdated = (table: PgTable, row: Record<string, unknown>) => {
    const names: string[] = [];
    const values: string[] = [];
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      const column = columnOf(table, key);
      names.push(quoted(column.name));
      values.push(statement.value(column, value));
    }
    text += `, w${inserts++} as (insert into ${quoted(getTableName(table))} (${names.join(', ')}) select ${values.join(', ')} from updated)`;
  };
  insertFromUpdated(caseEvents, write.event);
  for (const { table, rows } of write.alongside) for (const row of rows) insertFromUpdated(table, row);
  const [result] = await runStatement(ex, `${text} select xmin, ctid from updated`, statement.params);
  const memory = rememberedRowsOf(ex);
  const before = memory.rows.get(write.caseId);
  const sameRow = before?.xmin === write.fromRow.xmin && before.ctid === write.fromRow.ctid;
  if (!result || !before || !sameRow || typeof write.event.hash !== 'string') {
    forget(memory, write.caseId);
    return result !== undefined;
  }
  remember(ex, write.caseId, {
    raw: { ...before.raw, ...written },
    headHash: write.event.hash,
    xmin: result.xmin as string,
    ctid: result.ctid as string,
  });
  return true;
}
