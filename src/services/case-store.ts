// The case engine's two hot statements, written out rather than built by drizzle per request
// (issue 17: building and mapping them through drizzle was a fifth of the API's CPU per event):
// the case read with the hash of its newest audit event, and a change's writes as ONE statement.
//
// One statement is atomic on its own, so a change that writes only the case, its audit event,
// notifications and an access-register entry needs no transaction: no BEGIN, no COMMIT, one
// round trip, and the database plans and runs one statement instead of six. Every insert reads
// from the UPDATE's result, so when the version moved on (the UPDATE matched nothing) the
// statement writes nothing at all. Both drivers run the same text; each value goes as its
// column's driver value (drizzle's own encoder for the column), cast to the column's type.
import { type Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Executor, runStatement } from '../../db/client.js';
import { caseEvents, cases } from '../../db/schema.js';

export type CaseRow = typeof cases.$inferSelect;
/** A case as loaded for a change: with the hash of its newest audit event, which the next one chains to. */
export type LoadedCase = CaseRow & { headHash: string };

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
 * The case with the hash of its newest event, read in one statement, so the hash is the head of
 * exactly the version read: the change that follows chains to it without another round trip.
 * A case whose head event is missing is a broken trail, not a case to change.
 */
export async function loadCase(ex: Executor, caseId: string): Promise<LoadedCase | null> {
  const [raw] = await runStatement(
    ex,
    `select c.*, (select head.hash from case_events head
        where head.case_id = c.id and head.case_opened_at = c.opened_at and head.seq = c.version) as xiufu_head_hash
      from cases c where c.id = $1::uuid`,
    [caseId],
  );
  if (!raw) return null;
  const headHash = raw.xiufu_head_hash as string | null;
  if (headHash === null) throw new Error(`case ${caseId} has no audit event ${String(raw.version)}`);
  return { ...caseRowOf(raw), headHash };
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
    this.params.push(value === null || value === undefined ? null : column.mapToDriverValue(value));
    return `$${this.params.length}::${column.getSQLType()}`;
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Writes a change of an existing case as one statement; false when the case was no longer at
 * `fromVersion` (nothing was written). Inside a transaction it is one statement of it.
 */
export async function writeCaseChange(ex: Executor, write: CaseWrite): Promise<boolean> {
  const statement = new StatementText();
  const assignments: string[] = [];
  for (const [key, value] of Object.entries(write.set)) {
    if (value === undefined) continue;
    const column = columnOf(cases, key);
    assignments.push(`${quoted(column.name)} = ${statement.value(column, value)}`);
  }
  const idColumn = columnOf(cases, 'id');
  const versionColumn = columnOf(cases, 'version');
  let text = `with updated as (update cases set ${assignments.join(', ')} where id = ${statement.value(idColumn, write.caseId)} and version = ${statement.value(versionColumn, write.fromVersion)} returning 1)`;
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
  const [result] = await runStatement(ex, `${text} select count(*)::int as written from updated`, statement.params);
  return Number(result?.written) === 1;
}
