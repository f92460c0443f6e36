// Start-up configuration: each mistake named with its variable before anything opens; the key
// lists and the demo's own keys; and which X-Forwarded-For entry is believed behind proxies.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { keyRingAsEnvironment, loadOrCreateDemoKeys, parseKeyList } from '../../src/config/keys.js';
import { whereOf } from '../../db/client.js';
import { sentinelOptionsOf } from '../../src/config/redis-address.js';
import { clientAddressOf, requestCameOverTls } from '../../src/http/client-address.js';
import { testKeyEnvironment, testKeys } from '../helpers/test-keys.js';

describe('configuration', () => {
  it('refuses to run on PostgreSQL without keys, naming each missing variable and how to make them', () => {
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(
      /XIUFU_RESIDENT_ID_KEYS: required outside the demo; `npm run keys:generate`[\s\S]*XIUFU_RESIDENT_ID_LOOKUP_KEYS[\s\S]*XIUFU_AUDIT_KEYS/,
    );
    expect(readConfig({ DATABASE_URL: 'postgres://db/x', ...testKeyEnvironment }).keys).toEqual(testKeys);
  });

  it('lets the demo run without keys (it keeps its own), but not with only some of them', () => {
    expect(readConfig({}).keys).toBeNull();
    expect(() => readConfig({ XIUFU_AUDIT_KEYS: testKeyEnvironment.XIUFU_AUDIT_KEYS })).toThrow(
      /XIUFU_RESIDENT_ID_KEYS: set all three key lists or none/,
    );
  });

  it('says what is wrong with a key list', () => {
    expect(parseKeyList(`k1:${Buffer.alloc(16).toString('base64')}`)).toBe(
      'key "k1" has 16 bytes; it needs 32 (openssl rand -base64 32)',
    );
    expect(parseKeyList('no-secret')).toMatch(/not of the form id:base64-secret/);
    const key = Buffer.alloc(32, 5).toString('base64');
    expect(parseKeyList(`a:${key},a:${key}`)).toBe('key id "a" appears twice');
    expect(() => readConfig({ ...testKeyEnvironment, XIUFU_AUDIT_KEYS: 'bad' })).toThrow(
      /XIUFU_AUDIT_KEYS: .*not of the form/,
    );
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT:/);
    expect(() => readConfig({ XIUFU_TRUSTED_PROXIES: '-1' })).toThrow(/XIUFU_TRUSTED_PROXIES:/);
  });

  it('reads the overdue-timer margin of /readyz, two minutes unless set', () => {
    expect(readConfig({}).timerOverdueMarginSeconds).toBe(120);
    expect(readConfig({ XIUFU_TIMER_OVERDUE_MARGIN_SECONDS: '300' }).timerOverdueMarginSeconds).toBe(300);
    expect(() => readConfig({ XIUFU_TIMER_OVERDUE_MARGIN_SECONDS: '0' })).toThrow(
      /XIUFU_TIMER_OVERDUE_MARGIN_SECONDS:/,
    );
    expect(() => readConfig({ XIUFU_TIMER_OVERDUE_MARGIN_SECONDS: 'two minutes' })).toThrow(
      /XIUFU_TIMER_OVERDUE_MARGIN_SECONDS:/,
    );
  });

  it('reads Redis as a plain address or as a Sentinel-watched master, and says what is wrong with either', () => {
    expect(sentinelOptionsOf('redis://127.0.0.1:6379/2')).toBeNull();
    // And the start-up banner names PostgreSQL's hosts without the credentials, a password with "@" in it too.
    expect(whereOf('postgres://u:p@ss@db-a:5432,db-b:5432/xiufu?target_session_attrs=primary')).toBe(
      'db-a:5432,db-b:5432/xiufu',
    );
    expect(whereOf('postgresql://db/xiufu')).toBe('db/xiufu');
    expect(sentinelOptionsOf('redis+sentinel://10.0.0.1:26379,10.0.0.2:26380/xiufu/3')).toEqual({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ],
      name: 'xiufu',
      db: 3,
    });
    expect(sentinelOptionsOf('redis+sentinel://:s%40cret@sentinel-a:26379/xiufu')).toMatchObject({
      name: 'xiufu',
      db: 0,
      password: 's@cret',
      sentinelPassword: 's@cret',
    });
    expect(sentinelOptionsOf('redis+sentinel://:p@ss:w/rd@sentinel-a:26379/xiufu')).toMatchObject({
      sentinels: [{ host: 'sentinel-a', port: 26379 }],
      password: 'p@ss:w/rd',
    });
    expect(readConfig({ REDIS_URL: 'redis+sentinel://a:26379,b:26379/xiufu' }).redisUrl).toBe(
      'redis+sentinel://a:26379,b:26379/xiufu',
    );
    expect(() => readConfig({ REDIS_URL: 'redis+sentinel://a:26379,b/xiufu' })).toThrow(
      /REDIS_URL: a Sentinel address reads redis\+sentinel:\/\/\[:password@\]host:port/,
    );
    expect(() => readConfig({ REDIS_URL: 'redis+sentinel://:hunter2@a:26379' })).toThrow(
      /REDIS_URL: a Sentinel address reads/,
    );
    expect(() => readConfig({ REDIS_URL: 'redis+sentinel://:hunter2@a:26379' })).not.toThrow(/hunter2/);
    expect(() => readConfig({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: an address starting redis:\/\/, rediss:\/\/ or redis\+sentinel:\/\//,
    );
  });

  it('writes the demo keys once, readable by the owner only, and reads the same keys back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xiufu-keys-'));
    try {
      const first = await loadOrCreateDemoKeys(dir);
      const file = path.join(dir, 'keys.env');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateDemoKeys(dir)).toEqual(first);
      const text = await readFile(file, 'utf8');
      for (const [name, value] of Object.entries(keyRingAsEnvironment(first)))
        expect(text).toContain(`${name}=${value}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the client address behind proxies', () => {
  const appTrusting = (proxies: number) => new Hono().get('/', (c) => c.text(clientAddressOf(c, proxies)));
  const seenBy = async (proxies: number, forwardedFor?: string) =>
    (
      await appTrusting(proxies).request('/', {
        headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      })
    ).text();

  it('believes no header unless told how many proxies stand in front', async () => {
    expect(await seenBy(0, '203.0.113.9')).toBe('unknown');
  });

  it('takes the entry the outermost trusted proxy appended, never one the client wrote', async () => {
    expect(await seenBy(1, '203.0.113.9')).toBe('203.0.113.9');
    // A client that sends its own X-Forwarded-For cannot pick its address: the proxy appends
    // the real one and that is what counts.
    expect(await seenBy(1, '1.1.1.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await seenBy(2, '1.1.1.1, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(await seenBy(2, '10.0.0.2')).toBe('unknown');
  });
});

describe("the connection's scheme behind proxies", () => {
  const appTrusting = (proxies: number) => new Hono().get('/', (c) => c.text(String(requestCameOverTls(c, proxies))));
  const overTls = async (proxies: number, forwardedProto?: string, url = 'http://xiufu.test/') =>
    (
      await appTrusting(proxies).request(url, {
        headers: forwardedProto === undefined ? {} : { 'x-forwarded-proto': forwardedProto },
      })
    ).text();

  it('is TLS when the request itself is https', async () => {
    expect(await overTls(0, undefined, 'https://xiufu.test/')).toBe('true');
    expect(await overTls(0)).toBe('false');
  });

  it('believes X-Forwarded-Proto only from the outermost trusted proxy, as X-Forwarded-For', async () => {
    expect(await overTls(0, 'https')).toBe('false');
    expect(await overTls(1, 'https')).toBe('true');
    expect(await overTls(1, 'HTTPS')).toBe('true');
    // The client wrote "https"; the proxy appended what it saw.
    expect(await overTls(1, 'https, http')).toBe('false');
    expect(await overTls(2, 'https, http')).toBe('true');
    expect(await overTls(2, 'https')).toBe('false');
  });
});
