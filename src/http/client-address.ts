// The address a request came from, for login throttling: the socket's peer (a request made in
// process, as tests do, has none and counts as "unknown").
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddressOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
