// Where a request came from and how, for login throttling and the session cookie. Without a
// reverse proxy it is the socket's peer and the request's own URL. Behind N trusted proxies
// (XIUFU_TRUSTED_PROXIES) it is the entry the outermost trusted proxy appended to
// X-Forwarded-For (and X-Forwarded-Proto): entries further left were written by the client and
// could say anything, so they are never believed. A request made in process, as tests do, has
// no socket and counts as "unknown".
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

function peerOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The entry of a comma-separated X-Forwarded-* header that the outermost trusted proxy appended. */
function forwardedEntryOf(c: Context, header: string, trustedProxies: number): string | undefined {
  const entries = (c.req.header(header) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // With fewer entries than trusted hops the request did not come through all the proxies.
  return entries[entries.length - trustedProxies];
}

export function clientAddressOf(c: Context, trustedProxies = 0): string {
  if (trustedProxies === 0) return peerOf(c);
  return forwardedEntryOf(c, 'x-forwarded-for', trustedProxies) ?? peerOf(c);
}

/**
 * Whether the browser's connection was TLS, so a cookie set now may be Secure: the request's own
 * URL is https, or the outermost trusted proxy says it took the request over https. A client
 * cannot claim https by writing the header itself: its entry is not the one read.
 */
export function requestCameOverTls(c: Context, trustedProxies = 0): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (trustedProxies === 0) return false;
  return forwardedEntryOf(c, 'x-forwarded-proto', trustedProxies)?.toLowerCase() === 'https';
}
