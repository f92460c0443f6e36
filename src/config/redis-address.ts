// Where Redis is, as REDIS_URL gives it: a plain redis:// or rediss:// address, or a master
// watched by Redis Sentinel for more than one machine (docs/DEPLOYMENT.md). Pure: read by the
// configuration check at start and by the queue connections.

export interface SentinelOptions {
  sentinels: { host: string; port: number }[];
  /** The name the sentinels know the master by. */
  name: string;
  db: number;
  /** Given in the address, it is the master's password and the Sentinels' both. */
  password?: string;
  sentinelPassword?: string;
}

// The password runs to the last "@" (it may hold "@", ":" or "/" percent-encoded or not).
const sentinelUrl = /^redis\+sentinel:\/\/(?:[^:@/]*:(.*)@)?([^/@]+)\/([A-Za-z0-9._-]+)(?:\/(\d{1,2}))?$/;

/**
 * Redis watched by Sentinel, for more than one machine: `redis+sentinel://[:password@]host:port,
 * host:port/master-name[/db]`. The connection asks the sentinels where the master is, and asks
 * again after a failover. Null for a plain redis:// or rediss:// address; an error that says what
 * is wrong for a sentinel address that does not read.
 */
export function sentinelOptionsOf(url: string): SentinelOptions | null {
  if (!url.startsWith('redis+sentinel:')) return null;
  const match = sentinelUrl.exec(url);
  const sentinels = (match?.[2] ?? '').split(',').map((address) => {
    const [, host, port] = /^([^:,]+):(\d{1,5})$/.exec(address.trim()) ?? [];
    return host && port && Number(port) <= 65_535 ? { host, port: Number(port) } : null;
  });
  if (!match || sentinels.length === 0 || sentinels.includes(null)) {
    // The address is not repeated: it may hold a password.
    throw new Error('a Sentinel address reads redis+sentinel://[:password@]host:port[,host:port…]/master-name[/db]');
  }
  const password = match[1] ? decodedOr(match[1]) : undefined;
  return {
    sentinels: sentinels as SentinelOptions['sentinels'],
    name: match[3]!,
    db: Number(match[4] ?? 0),
    ...(password ? { password, sentinelPassword: password } : {}),
  };
}

function decodedOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
