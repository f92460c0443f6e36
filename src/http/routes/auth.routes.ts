// POST /api/v1/auth/login and /logout: a bearer token for API clients and the same token as
// an HttpOnly session cookie for the browser.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { singleLineText } from '../../domain/text.js';
import { logIn, logOut } from '../../services/log-in.js';
import type { AppEnv } from '../app-env.js';
import { sessionCookieName, tokenOf } from '../authenticate.middleware.js';
import { problemResponses } from '../problem.js';

/** What a login sends, through the API and the login form alike. */
export const loginSchema = z.object({
  username: singleLineText({ max: 100, required: 'a username is needed' }),
  password: z.string().min(1).max(200),
});

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with a username and password',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: loginSchema } },
    },
  },
  responses: {
    200: {
      description: 'Logged in; the token is also set as the session cookie',
      content: {
        'application/json': {
          schema: z.object({
            token: z.string(),
            expiresAt: z.string(),
            user: z.object({
              id: z.string(),
              username: z.string(),
              displayName: z.string(),
              role: z.string(),
              subjectId: z.string().nullable(),
              agencyId: z.string().nullable(),
            }),
          }),
        },
      },
    },
    ...problemResponses(401, 422, 429),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  responses: { 204: { description: 'Logged out' } },
});

export const authRoutes = new OpenAPIHono<AppEnv>()
  .openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const session = await logIn(c.get('services'), username, password, c.get('clientAddress'));
    setCookie(c, sessionCookieName, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: c.get('cameOverTls'),
      expires: session.expiresAt,
    });
    const { actor } = session;
    return c.json(
      {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        user: {
          id: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          role: actor.role,
          subjectId: actor.subjectId,
          agencyId: actor.agencyId,
        },
      },
      200,
    );
  })
  .openapi(logoutRoute, async (c) => {
    const token = tokenOf(c.req.header('authorization'), getCookie(c, sessionCookieName));
    if (token) await logOut(c.get('services'), token);
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.body(null, 204);
  });
