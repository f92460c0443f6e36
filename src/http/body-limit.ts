// The cap on a request body, decided from its Content-Length where it has one. Hono's bodyLimit
// asks the request for its body stream first, which makes @hono/node-server build a whole
// WHATWG Request (headers validated, an AbortSignal, a ReadableStream over the socket) on every
// request, GETs included, and then read the JSON through that stream: about a tenth of the API's
// busy time under load (docs/PERFORMANCE.md, issue 17). Node's HTTP parser delivers exactly
// Content-Length bytes, so the header is as good as counting them; a body sent in chunks, with
// no length, is still counted as it arrives by hono's own middleware.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface BodyCap {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}

export function capRequestBody(cap: BodyCap): MiddlewareHandler {
  const counted = bodyLimit(cap);
  return async (c, next) => {
    // A GET or HEAD body is never read (the request hono sees has none).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    return Number.parseInt(length, 10) > cap.maxSize ? cap.onError(c) : next();
  };
}
