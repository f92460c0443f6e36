// The address a request came from, for login throttling. Without a reverse proxy it is the
// socket's peer. Behind N trusted proxies (XIUFU_TRUSTED_PROXIES) it is the entry the
// outermost trusted proxy appended to X-Forwarded-For: entries further left were written by
// the client and could name any address, so they are never believed. A request made in process,
// as tests do, has no socket and counts as "unknown".
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

function peerOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function clientAddressOf(c: Context, trustedProxies = 0): string {
  if (trustedProxies === 0) return peerOf(c);
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // With fewer entries than trusted hops the request did not come through all the proxies.
  return forwarded[forwarded.length - trustedProxies] ?? peerOf(c);
}
