// The web UI: server-rendered pages (ui/) behind the session cookie, with a CSRF token on
// every form. Every action goes through the same services as the API; every button comes
// from what the case's machine allows the user now (CaseView.allowedEvents). This file mounts
// the session routes; the rest are in ./pages/ (records, cases, supervision) on a shared kit.
import { type Context, Hono } from 'hono';
import { verifyDecisionNotice } from '../../services/decision-notices.js';
import { throttlePublicLookup } from '../../services/throttle-public-lookup.js';
import { VerifyNoticePage } from '../../../ui/pages/verify-notice.page.js';

import { deleteCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { logIn, logOut } from '../../services/log-in.js';
import { LoginPage } from '../../../ui/pages/login.page.js';
import { sessionCookieName } from '../authenticate.middleware.js';
import { casePages } from './pages/case.pages.js';
import { recordPages } from './pages/record.pages.js';
import { supervisionPages } from './pages/supervision.pages.js';
import { loginSchema } from './auth.routes.js';
import {
  assets,
  errorPage,
  homeOf,
  ownOrigin,
  parseFormBody,
  requireCsrfToken,
  requireLogin,
  safeNext,
  withPage,
  type PageEnv,
} from './pages/page-kit.js';
export { pageContextOf } from './pages/page-kit.js';

async function showNoticeVerification(c: Context<PageEnv>, input: string) {
  const page = c.get('page');
  const code = input.trim().slice(0, 40);
  if (code === '') return c.html(<VerifyNoticePage page={page} code="" found={null} notFound={false} />);
  try {
    await throttlePublicLookup(c.get('services'), c.get('clientAddress'));
    const found = await verifyDecisionNotice(c.get('services'), code);
    return c.html(<VerifyNoticePage page={page} code={found.code} found={found} notFound={false} />);
  } catch (error) {
    if (isDomainError(error, 'TOO_MANY_ATTEMPTS')) {
      const retryAfterSeconds = Number(error.details.retryAfterSeconds ?? 60);
      c.header('Retry-After', String(retryAfterSeconds));
      return c.html(
        <VerifyNoticePage
          page={page}
          code={code}
          found={null}
          notFound={false}
          retryAfterSeconds={retryAfterSeconds}
        />,
        429,
      );
    }
    if (!isDomainError(error, 'NOT_FOUND')) throw error;
    return c.html(<VerifyNoticePage page={page} code={code} found={null} notFound />, 404);
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createPageRoutes(options: { demo: boolean }) {
  const pages = new Hono<PageEnv>();

  pages.get('/assets/:file', (c) => {
    const asset = assets[c.req.param('file') as keyof typeof assets];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
  });
  // Browsers ask for /favicon.ico whatever the page says; an SVG answers there (every current
  // browser takes an SVG icon) and the pages' <link rel="icon"> names the same address.
  pages.get('/favicon.ico', (c) =>
    c.body(assets['favicon.svg'].body, 200, {
      'content-type': assets['favicon.svg'].type,
      'cache-control': 'public, max-age=86400',
    }),
  );

  pages.use(withPage);
  pages.use(csrf());

  pages.get('/', (c) => c.redirect(homeOf(c.get('page').actor?.role), 303));

  pages.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    if (locale === 'zh-CN' || locale === 'en')
      setCookie(c, 'lang', locale, {
        path: '/',
        maxAge: 365 * 24 * 3600,
        sameSite: 'Lax',
        secure: c.get('cameOverTls'),
      });
    return c.redirect(safeNext(c.req.query('next'), ownOrigin(c)), 303);
  });

  pages.get('/login', (c) => {
    const page = c.get('page');
    const next = safeNext(c.req.query('next'), ownOrigin(c));
    if (page.actor) return c.redirect(next === '/' ? homeOf(page.actor.role) : next, 303);
    return c.html(<LoginPage page={page} next={next} failed={false} username="" demo={options.demo} />);
  });

  pages.post('/login', async (c) => {
    const body = await parseFormBody(c);
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined, ownOrigin(c));
    try {
      // The API's limits: a name with a NUL or a line break in it, or an endless password, names no one.
      const parsed = loginSchema.safeParse({ username: body.username, password: body.password });
      if (!parsed.success) throw new DomainError('UNAUTHENTICATED', 'The username or password is wrong.');
      const session = await logIn(
        c.get('services'),
        parsed.data.username,
        parsed.data.password,
        c.get('clientAddress'),
      );
      setCookie(c, sessionCookieName, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: c.get('cameOverTls'),
        expires: session.expiresAt,
      });
      return c.redirect(next === '/' ? homeOf(session.actor.role) : next, 303);
    } catch (error) {
      if (isDomainError(error, 'TOO_MANY_ATTEMPTS')) {
        const retryAfterSeconds = Number(error.details.retryAfterSeconds ?? 900);
        c.header('Retry-After', String(retryAfterSeconds));
        return c.html(
          <LoginPage
            page={c.get('page')}
            next={next}
            failed
            username={username}
            demo={options.demo}
            throttled
            retryAfterSeconds={retryAfterSeconds}
          />,
          429,
        );
      }
      if (!isDomainError(error, 'UNAUTHENTICATED')) throw error;
      return c.html(<LoginPage page={c.get('page')} next={next} failed username={username} demo={options.demo} />, 401);
    }
  });

  // The public check of a decision notice: no login, throttled like the public look-up.
  pages.get('/verify', (c) => showNoticeVerification(c, c.req.query('code') ?? ''));
  pages.get('/verify/:code', (c) => showNoticeVerification(c, c.req.param('code')));

  pages.use('/logout', requireCsrfToken);
  pages.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await logOut(c.get('services'), token);
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.redirect('/login', 303);
  });

  for (const path of [
    '/records',
    '/records/*',
    '/repair-applications',
    '/repair-applications/*',
    '/file-on-behalf',
    '/cases',
    '/cases/*',
    '/notifications',
    '/overview',
    '/sla',
    '/calendar',
    '/policy',
    '/access-log',
    '/queue/*',
  ]) {
    pages.use(path, requireLogin, requireCsrfToken);
  }
  // A record, case or evidence id that is not a uuid names nothing: 404, before any query.
  for (const path of [
    '/records/:id',
    '/records/:id/*',
    '/repair-applications/:id',
    '/cases/:id',
    '/cases/:id/*',
    '/cases/:id/attachments/:attachmentId',
  ]) {
    pages.use(path, async (c, next) => {
      const ids = [c.req.param('id'), c.req.param('attachmentId')].filter((id) => id !== undefined);
      if (ids.some((id) => !uuidPattern.test(id))) return errorPage(c, new DomainError('NOT_FOUND', 'No such page.'));
      await next();
    });
  }

  recordPages(pages);
  casePages(pages);
  supervisionPages(pages);

  return pages;
}
