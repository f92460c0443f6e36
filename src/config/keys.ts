// The secrets xiufu keeps outside its database: the keys that seal resident identity numbers,
// the keys of their look-up hashes, and the keys that seal the daily audit anchors. Each is a
// list, newest first: the first key writes, every key in the list reads, so a key is rotated by
// putting a new one in front and restarting (docs/SECURITY.md, "Rotating keys").
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface NamedKey {
  /** Written beside what the key sealed, so that the right key is found to open it. */
  id: string;
  secret: Buffer;
}

export interface KeyRing {
  residentId: NamedKey[];
  residentIdLookup: NamedKey[];
  audit: NamedKey[];
}

export const keyEnvironment = {
  residentId: 'XIUFU_RESIDENT_ID_KEYS',
  residentIdLookup: 'XIUFU_RESIDENT_ID_LOOKUP_KEYS',
  audit: 'XIUFU_AUDIT_KEYS',
} as const satisfies Record<keyof KeyRing, string>;

/** `id:base64,id:base64`, each secret 32 bytes; the problem in words, or the keys. */
export function parseKeyList(value: string): NamedKey[] | string {
  const keys: NamedKey[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
    if (!match) return `"${entry.slice(0, 12)}…" is not of the form id:base64-secret`;
    const secret = Buffer.from(match[2]!, 'base64');
    if (secret.length !== 32)
      return `key "${match[1]}" has ${secret.length} bytes; it needs 32 (openssl rand -base64 32)`;
    if (keys.some((k) => k.id === match[1])) return `key id "${match[1]}" appears twice`;
    keys.push({ id: match[1]!, secret });
  }
  return keys.length > 0 ? keys : 'no key given';
}

export function generateKeyRing(id = new Date().toISOString().slice(0, 10).replaceAll('-', '')): KeyRing {
  const fresh = () => [{ id, secret: randomBytes(32) }];
  return { residentId: fresh(), residentIdLookup: fresh(), audit: fresh() };
}

export function keyRingAsEnvironment(keys: KeyRing): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(keyEnvironment) as (keyof KeyRing)[]).map((part) => [
      keyEnvironment[part],
      keys[part].map((k) => `${k.id}:${k.secret.toString('base64')}`).join(','),
    ]),
  );
}

/**
 * The demo's keys: read from (or, the first time, written to) keys.env in the data directory,
 * readable by the owner only. Outside the demo the keys must come from the environment, so
 * that a copy of the data directory or of the database does not carry them.
 */
export async function loadOrCreateDemoKeys(dataDir: string): Promise<KeyRing> {
  const file = path.join(dataDir, 'keys.env');
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing !== null) {
    const values = Object.fromEntries(
      existing
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const ring = {} as KeyRing;
    for (const part of Object.keys(keyEnvironment) as (keyof KeyRing)[]) {
      const parsed = parseKeyList(values[keyEnvironment[part]] ?? '');
      if (typeof parsed === 'string') throw new Error(`${file}: ${keyEnvironment[part]}: ${parsed}`);
      ring[part] = parsed;
    }
    return ring;
  }
  const ring = generateKeyRing();
  await mkdir(dataDir, { recursive: true });
  const lines = Object.entries(keyRingAsEnvironment(ring)).map(([name, value]) => `${name}=${value}`);
  await writeFile(
    file,
    `# xiufu demo keys, made at first start; delete the data directory to start over\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  await chmod(file, 0o600);
  return ring;
}

/** The keys a process runs with: the environment's, or in the demo its own from the data directory. */
export async function keysOf(config: { keys: KeyRing | null; dataDir: string }): Promise<KeyRing> {
  return config.keys ?? loadOrCreateDemoKeys(config.dataDir);
}
