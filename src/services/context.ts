// What every service receives: the database and the clock (injected so tests move time
// instead of sleeping), the jurisdiction whose policy new cases run under, and the keys kept
// outside the database (resident ID sealing, look-up hashes, audit anchor seals), and on the
// embedded build the folder evidence contents are kept in (evidence-store.ts), and the API
// process's cache of sessions.
import type { Database } from '../../db/client.js';
import type { KeyRing } from '../config/keys.js';
import type { Jurisdiction } from '../domain/policy.js';
import type { SessionCache } from './session-cache.js';

export interface ServiceContext {
  db: Database;
  now: () => Date;
  jurisdiction: Jurisdiction;
  sessionTtlHours: number;
  keys: KeyRing;
  /** The embedded build's evidence folder (`<data dir>/files`); absent: contents in the database. */
  evidenceFolder?: string;
  /** Sessions read in the last seconds (session-cache.ts); absent: every request reads the table. */
  sessionCache?: SessionCache;
  /** The address people reach xiufu at: decision notices print their verification link under it. */
  publicUrl?: string;
}
