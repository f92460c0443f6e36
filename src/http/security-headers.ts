// The headers every response carries against framing, sniffing, leaking the address in the
// Referer and caching personal data; and the Content-Security-Policy of each kind of page.
// Pages load only the app's own script (htmx) and stylesheet, with nothing inline.
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders, type SecureHeadersVariables } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';

type ContentSecurityPolicy = NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy'];

/** xiufu's own pages: htmx and the stylesheet from /assets, no inline script or style. */
export const pagePolicy: ContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * bull-board (/admin/queues): its page has a <base href>, inline style attributes and a <style>
 * in its loading placeholder, and links Google's fonts, which are refused here (no request
 * leaves for another site; the link itself is dropped, src/jobs/bull-board.ts). Its scripts are
 * its own files; its JSON config block is not run.
 */
export const bullBoardPolicy: ContentSecurityPolicy = {
  ...pagePolicy,
  styleSrc: ["'self'", "'unsafe-inline'"],
  baseUri: ["'self'"],
};

/**
 * The API docs (/api/docs): Scalar's bundle is served from the app's own assets and configured
 * by a JSON block (not run), so no inline script and no other site; the bundle injects its own
 * <style> elements at run time, which only 'unsafe-inline' styles allow.
 */
export const apiDocsPolicy: ContentSecurityPolicy = {
  ...pagePolicy,
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
};

/**
 * The security headers with a page's policy. A route with a policy of its own puts this in front
 * of itself; the app-wide one then leaves the header alone (overwrite: false).
 */
export function securityHeaders(
  policy: ContentSecurityPolicy = pagePolicy,
): MiddlewareHandler<{ Variables: SecureHeadersVariables }> {
  return secureHeaders({
    contentSecurityPolicy: policy,
    // Same-origin: links inside xiufu keep their Referer (the CSRF Origin check does not need it);
    // a link out carries none, so a case's address never reaches another site.
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
    // HSTS is set below, only on a response that came over TLS.
    strictTransportSecurity: false,
    overwrite: false,
  });
}

/**
 * Nothing xiufu answers may be kept by a browser or a shared cache unless the route said so (the
 * assets do): pages behind login, the API and the public look-up all carry personal data, and
 * a page kept in the browser's history could be read by the next person at the computer.
 */
export const noStoreUnlessSaid = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  // Only over TLS: a browser ignores it over plain HTTP, and the demo on a laptop has no TLS.
  if (c.get('cameOverTls')) c.res.headers.set('strict-transport-security', 'max-age=15552000');
});
