// Opens the database: PostgreSQL through postgres.js when a URL is given, else the embedded
// PGlite in <dataDir>/pgdata, guarded by an exclusive lock on <dataDir> (PGlite takes none of
// its own, and two processes on one directory silently lose rows). Applies the migrations.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import lockfile from 'proper-lockfile';
import postgres from 'postgres';
import { appPath } from '../src/config/app-root.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction or the database itself: repos and effects accept either. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

/**
 * Runs one statement written out by hand, with its parameters as driver values (text for JSON and
 * instants), on the database or in the transaction `ex` is, and answers its rows as the driver
 * gives them. For the case engine's hot statements (src/services/case-store.ts), where building
 * the statement through drizzle cost more CPU than the rest of the request. It reaches the
 * driver through drizzle's session (the same client drizzle itself sends to: prepared, counted,
 * on the transaction's reserved connection) and tells drizzle's logger, as drizzle would.
 */
export async function runStatement(ex: Executor, text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const session = (ex as unknown as { session?: DrizzleSession }).session;
  const client = session?.client;
  session?.logger?.logQuery(text, params);
  if (client && 'unsafe' in client) return [...(await client.unsafe(text, params as never[]))];
  if (client && 'query' in client) return (await client.query(text, params)).rows;
  throw new Error('runStatement: drizzle no longer keeps its driver where this reads it (session.client)');
}

/**
 * What a database handle and every transaction on it share (drizzle's dialect object, which it
 * hands to each transaction; not drizzle's public API, as above): the key of memory kept per
 * database, such as the case rows a process remembers (case-store.ts).
 */
export function databaseOf(ex: Executor): object {
  const dialect = (ex as unknown as { dialect?: object }).dialect;
  if (!dialect) throw new Error('databaseOf: drizzle no longer keeps its dialect where this reads it (dialect)');
  return dialect;
}

/** What runStatement reads of drizzle's session (not drizzle's public API: its version is pinned). */
interface DrizzleSession {
  client?:
    | Pick<postgres.Sql, 'unsafe'>
    | { query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
  logger?: { logQuery(query: string, params: unknown[]): void };
}

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Where the data lives, for the start-up banner (never a password). */
  description: string;
  close(): Promise<void>;
}

export const migrationsFolder = appPath('db/migrations');

export class DataDirectoryLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another xiufu process is using ${dataDir}. The embedded database (PGlite) can serve only one process: ` +
        'stop the other one, point XIUFU_DATA_DIR elsewhere, or set DATABASE_URL to use PostgreSQL.',
    );
  }
}

/** Any number for the advisory lock that serialises migrations across processes. */
const migrationLockKey = 7_262_021;

/**
 * Several API processes may start at once against one PostgreSQL: each migrates on a single
 * connection holding a session advisory lock, so one applies the migrations and the others
 * wait, then find nothing left to do.
 */
async function migratePostgresSerially(url: string): Promise<void> {
  const single = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await single`select pg_advisory_lock(${migrationLockKey})`;
    await migratePostgres(drizzlePostgres(single), { migrationsFolder });
    await single`select pg_advisory_unlock(${migrationLockKey})`;
  } finally {
    await single.end();
  }
}

export async function openPostgres(
  url: string,
  options: {
    max?: number /** Sees every statement with its parameters (the index tests read the plans of these). */;
    logQuery?: (query: string, params: unknown[]) => void;
  } = {},
): Promise<DatabaseHandle> {
  await migratePostgresSerially(url);
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const logQuery = options.logQuery;
  const db = drizzlePostgres(preparingEveryStatement(client), {
    schema,
    logger: logQuery ? { logQuery } : false,
  }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    description: `PostgreSQL ${whereOf(url)}`,
    // Bounded: a connection lost inside a transaction can keep postgres.js's end() waiting.
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * The postgres.js client drizzle is given, changed in two ways.
 *
 * Statements are prepared. drizzle sends them unnamed, and postgres.js then asks the server for
 * an unnamed statement's parameter types before it can bind it: two round trips per statement,
 * and nothing sent after it until both are back, so statements issued together are not
 * pipelined. Prepared, each connection describes a statement once and afterwards binds it in
 * the same write as the statements around it. xiufu's statements are a bounded set of shapes,
 * so the per-connection cache of them stays small. (Behind a pooler in transaction mode that
 * cannot keep prepared statements, this is what would have to go.)
 *
 * Transactions run on a connection reserved before BEGIN is sent. postgres.js's own begin can
 * pipeline BEGIN onto a busy pooled connection and, when that write meets back-pressure, skip
 * marking the connection as the transaction's (porsager/postgres#823, #1189): the transaction
 * stays open on a connection the pool then lends to other queries. 128 concurrent requests
 * in the bench met it once prepared statements let the pool pipeline more.
 */
function preparingEveryStatement<Client extends postgres.Sql>(sql: Client): Client {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') return preparedUnsafe(target);
      if (property === 'begin')
        return (...args: unknown[]) => transactionOn(target, args.pop() as (tx: object) => Promise<unknown>);
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * Statements sent to PostgreSQL by this process (BEGIN and COMMIT included), for GET /metrics:
 * the bench divides it by the events applied. A plain number, so counting costs nothing.
 */
export const statementsSent = { count: 0 };

function preparedUnsafe(sql: Pick<postgres.Sql, 'unsafe'>) {
  return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) => {
    statementsSent.count += 1;
    return sql.unsafe(query, params, { ...options, prepare: true });
  };
}

/** postgres.js's and PostgreSQL's ways of saying the connection is gone, however drizzle wrapped them. */
export function isConnectionLost(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'ECONNRESET', 'EPIPE'].includes(code) ||
        code.startsWith('57P0'))
    )
      return true;
  }
  return false;
}

async function transactionOn(sql: postgres.Sql, run: (tx: object) => Promise<unknown>): Promise<unknown> {
  const reserved = await sql.reserve();
  // A connection that drops mid-transaction fails the statements in flight, but statements
  // queued behind them on the reserved connection never settle: the first such failure ends
  // the transaction at once, and the connection (which the pool has taken back) is left alone.
  let lost: unknown = null;
  let loseTransaction: (error: unknown) => void = () => undefined;
  const whenLost = new Promise<never>((_, reject) => {
    loseTransaction = (error) => {
      lost ??= error;
      reject(error);
    };
  });
  whenLost.catch(() => undefined);
  const watched = <Query extends Promise<unknown>>(query: Query): Query => {
    query.catch((error: unknown) => isConnectionLost(error) && loseTransaction(error));
    return query;
  };
  const statement = (
    query: string,
    params?: postgres.ParameterOrJSON<never>[],
    options?: postgres.UnsafeQueryOptions,
  ) => {
    if (lost) throw lost;
    return watched(preparedUnsafe(reserved)(query, params, options));
  };
  let savepoints = 0;
  const transaction: object = new Proxy(reserved, {
    get(target, property, receiver) {
      if (property === 'unsafe') return statement;
      // drizzle's nested transactions.
      if (property === 'savepoint')
        return async (inner: (tx: object) => Promise<unknown>) => {
          savepoints += 1;
          const name = `xiufu_${savepoints}`;
          await statement(`savepoint ${name}`);
          try {
            const result = await inner(transaction);
            await statement(`release savepoint ${name}`);
            return result;
          } catch (error) {
            await statement(`rollback to savepoint ${name}`);
            throw error;
          }
        };
      return Reflect.get(target, property, receiver);
    },
  });
  // BEGIN goes out in the same write as the transaction's first statement: a round trip fewer.
  // It cannot fail but with the connection, which fails everything after it too.
  statementsSent.count += 1;
  const begin = watched(reserved.unsafe('begin').execute());
  try {
    const result = await Promise.race([run(transaction), whenLost]);
    await Promise.race([begin, whenLost]);
    const committed = await Promise.race([statement('commit'), whenLost]);
    // PostgreSQL answers COMMIT in a transaction a failed statement aborted with ROLLBACK, not
    // an error; a failure the caller caught and went on from must not read as success.
    if (committed.command === 'ROLLBACK') throw new Error('The transaction was rolled back: a statement in it failed.');
    return result;
  } catch (error) {
    // A failed COMMIT has already ended the transaction; a lost connection has nothing to undo.
    if (!lost) await reserved.unsafe('rollback').catch(() => undefined);
    throw error;
  } finally {
    if (!lost) reserved.release();
  }
}

/**
 * Hosts and database of a PostgreSQL URL, without user or password. The URL may name several
 * hosts (postgres://a:5432,b:5432/xiufu?target_session_attrs=primary, for failover), which
 * WHATWG URL parsing refuses, so it is read by hand.
 */
export function whereOf(url: string): string {
  const rest = /^postgres(?:ql)?:\/\/(.*)$/.exec(url.split('?')[0]!)?.[1];
  if (rest === undefined) return '(a connection string)';
  // The credentials end at the last "@", as postgres.js reads them (a password may hold "@").
  const hosts = rest.slice(rest.lastIndexOf('@') + 1);
  return hosts;
}

/** Wraps an open PGlite (tests hand in a clone of a migrated database). */
export async function usePglite(
  pglite: PGlite,
  description = 'PGlite (in memory)',
  onClose?: () => Promise<void>,
): Promise<DatabaseHandle> {
  // PGlite's driver is loaded only where it is used (about 45 MiB): a process on PostgreSQL never loads it.
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  await migratePglite(db as never, { migrationsFolder });
  return {
    db,
    driver: 'pglite',
    description,
    close: async () => {
      await pglite.close();
      await onClose?.();
    },
  };
}

export async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  let release: () => Promise<void>;
  try {
    // The lock lives beside the data; it is refreshed every 10 s and counts as abandoned
    // after 30 s without a refresh (a process that crashed).
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dir, 'xiufu.lock'),
      stale: 30_000,
      update: 10_000,
      realpath: false,
      onCompromised: (error) => {
        console.error(`xiufu lost its lock on ${dir}; stopping to protect the data: ${error.message}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirectoryLockedError(dir);
    throw error;
  }
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create({ dataDir: path.join(dir, 'pgdata') });
    return await usePglite(pglite, `PGlite in ${dir}`, release);
  } catch (error) {
    await release();
    throw error;
  }
}

export async function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openEmbedded(config.dataDir);
}
