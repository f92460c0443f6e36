// The application in process on a test database of its own, with a movable clock and a small
// client that speaks to it as an HTTP client would (app.request: no port, same code path).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseHandle } from '../../db/client.js';
import { createApp } from '../../src/http/app.js';
import type { Jurisdiction } from '../../src/domain/policy.js';
import type { ServiceContext } from '../../src/services/context.js';
import { SessionCache } from '../../src/services/session-cache.js';
import { testPassword } from './factories.js';
import { testStart } from './test-clock.js';
import { openTestDatabase, type Driver } from './test-database.js';
import { testKeys } from './test-keys.js';

// biome-ignore lint/suspicious/noExplicitAny: a test reads the body it expects; each call may name T
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  database: DatabaseHandle;
  services: ServiceContext;
  clock: { set(at: Date | string): void; advanceDays(days: number): void };
  // biome-ignore lint/suspicious/noExplicitAny: as ApiResponse
  call<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  login(username: string, password?: string): Promise<string>;
  errors: unknown[];
  close(): Promise<void>;
}

/** `database`: run on this one (a restored backup, say) instead of a fresh clone of the template. */
export async function startHarness(
  driver: Driver,
  startAt = testStart,
  jurisdiction: Jurisdiction = 'national',
  database?: DatabaseHandle,
): Promise<Harness> {
  database ??= await openTestDatabase(driver);
  let now = new Date(startAt);
  // Tests move the clock by days; logins should outlive that.
  // PGlite keeps evidence contents in a folder, as the embedded build does (evidence-store.ts).
  const evidenceFolder =
    database.driver === 'pglite' ? await mkdtemp(path.join(os.tmpdir(), 'xiufu-test-files-')) : undefined;
  const services: ServiceContext = {
    db: database.db,
    now: () => now,
    jurisdiction,
    sessionTtlHours: 24 * 365,
    keys: testKeys,
    evidenceFolder,
    // As the API process runs: sessions it has read are trusted for a few seconds.
    sessionCache: new SessionCache(10_000),
  };
  const errors: unknown[] = [];
  const app = createApp(services, { logErrors: (error) => errors.push(error) });

  const call: Harness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: type.includes('json') && text ? JSON.parse(text) : text,
    };
  };

  return {
    app,
    database,
    services,
    clock: {
      set: (at) => {
        now = new Date(at);
      },
      advanceDays: (days) => {
        now = new Date(now.getTime() + days * 86_400_000);
      },
    },
    call,
    login: async (username, password = testPassword) => {
      const response = await call('POST', '/api/v1/auth/login', { body: { username, password } });
      if (response.status !== 200)
        throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    errors,
    close: async () => {
      await database.close();
      if (evidenceFolder) await rm(evidenceFolder, { recursive: true, force: true });
    },
  };
}
