// What every service receives: the database and the clock (injected so tests move time
// instead of sleeping), and the jurisdiction whose policy new cases run under.
import type { Database } from '../../db/client.js';
import type { Jurisdiction } from '../domain/policy.js';

export interface ServiceContext {
  db: Database;
  now: () => Date;
  jurisdiction: Jurisdiction;
  sessionTtlHours: number;
}
