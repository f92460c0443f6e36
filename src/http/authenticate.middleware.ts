// Turns a bearer token (Authorization header) or the session cookie into the actor; a
// request without a valid one is answered 401.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { authenticate } from '../services/log-in.js';
import type { AppEnv } from './app-env.js';
import { problem } from './problem.js';

export const sessionCookieName = 'xiufu_session';

export function tokenOf(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookie;
}

export const requireActor = createMiddleware<AppEnv>(async (c, next) => {
  const token = tokenOf(c.req.header('authorization'), getCookie(c, sessionCookieName));
  const actor = token ? await authenticate(c.get('services'), token) : null;
  if (!actor) {
    c.header('WWW-Authenticate', 'Bearer realm="xiufu"');
    return problem(
      c,
      401,
      'UNAUTHENTICATED',
      'Log in first: POST /api/v1/auth/login, then send the token as "Authorization: Bearer <token>".',
    );
  }
  c.set('actor', actor);
  await next();
});
