// Builds the Hono application: the JSON API under /api/v1 with its OpenAPI document and docs
// page, health, and one error handler that answers application/problem+json.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { attachmentLimits } from '../domain/attachments.js';
import { clientAddressOf, requestCameOverTls } from './client-address.js';
import { apiDocsPolicy, bullBoardPolicy, noStoreUnlessSaid, securityHeaders } from './security-headers.js';
import { capRequestBody } from './body-limit.js';
import { readMultipartForm } from './read-multipart-form.js';
import { isDomainError } from '../domain/errors.js';
import type { ServiceContext } from '../services/context.js';
import type { AppEnv } from './app-env.js';
import { requireActor } from './authenticate.middleware.js';
import { problem, problemOfDomainError } from './problem.js';
import { authRoutes } from './routes/auth.routes.js';
import { queueRoutes } from './routes/queue.routes.js';
import { caseRoutes } from './routes/cases.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { appMetrics } from './metrics.routes.js';
import type { Logger } from 'pino';
import { calendarRoutes } from './routes/calendar.routes.js';
import { publicRoutes } from './routes/public.routes.js';
import { slaRoutes } from './routes/sla.routes.js';
import { accessLogRoutes } from './routes/access-log.routes.js';
import { recordRoutes } from './routes/records.routes.js';
import { repairApplicationRoutes } from './routes/repair-applications.routes.js';
import { createPageRoutes, pageContextOf } from './routes/pages.routes.js';
import { ApiDocsPage } from '../../ui/pages/api-docs.page.js';
import { ErrorPage } from '../../ui/pages/error.page.js';
import { bullBoardApp, bullBoardPath } from '../jobs/bull-board.js';
import { redisAnswers, type JobQueues } from '../jobs/queues.js';

const apiBodyLimit = 1024 * 1024;
const formBodyLimit = attachmentLimits.maxFiles * attachmentLimits.maxBytes + apiBodyLimit;

type AppOptions = {
  demo?: boolean;
  queues?: JobQueues;
  /** /readyz says not ready once a timer is overdue by more than this (XIUFU_TIMER_OVERDUE_MARGIN_SECONDS). */
  timerOverdueMarginSeconds?: number;
  trustedProxies?: number;
  /** Structured (JSON) logs: a line per request with its id, and errors with theirs. */
  logger?: Logger;
  logErrors?: (error: unknown, requestId: string) => void;
};

type App = OpenAPIHono<AppEnv>;

const isApi = (path: string) => path.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(path);

export function createApp(services: ServiceContext, options: AppOptions = {}) {
  const logger = options.logger;
  const logError =
    options.logErrors ??
    ((error, id) =>
      logger ? logger.error({ err: error, requestId: id }, 'request failed') : console.error(`[${id}]`, error));
  const metrics = appMetrics(services, options.queues);

  const app = new OpenAPIHono<AppEnv>();
  guardRequests(app, services, options.trustedProxies ?? 0);
  app.use(metrics.measure);
  if (logger) app.use(logRequests(logger));
  app.route('/', healthRoutes(options.queues, options.timerOverdueMarginSeconds));
  app.route('/', metrics.routes);
  app.route('/api/v1', apiRoutes());
  app.get('/api/docs', securityHeaders(apiDocsPolicy), (c) =>
    c.html(<ApiDocsPage title="xiufu API" documentUrl="/api/v1/openapi.json" />),
  );
  if (options.queues) mountBullBoard(app, options.queues);
  app.route('/', createPageRoutes({ demo: options.demo ?? false }));
  answerErrors(app, logError);
  return app;
}

/** The JSON API under /api/v1, with its OpenAPI document. */
function apiRoutes(): App {
  const api = new OpenAPIHono<AppEnv>({
    // Request validation failures become 422 problems naming each field.
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.join('.') || '(body)',
          message: issue.message,
        }));
        return problem(
          c,
          422,
          'INVALID_INPUT',
          `The request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          { issues },
        );
      }
    },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from POST /api/v1/auth/login',
  });
  api.route('/', authRoutes);
  api.use('/me/*', requireActor);
  api.use('/records/*', requireActor);
  api.use('/cases/*', requireActor);
  api.use('/cases', requireActor);
  api.route('/', recordRoutes);
  api.use('/repair-applications', requireActor);
  api.use('/repair-applications/*', requireActor);
  api.route('/', repairApplicationRoutes);
  api.route('/', publicRoutes);
  api.use('/calendar/*', requireActor);
  api.route('/', calendarRoutes);
  api.use('/sla/*', requireActor);
  api.route('/', slaRoutes);
  api.use('/access-log', requireActor);
  api.route('/', accessLogRoutes);
  // Before caseRoutes: /cases/assignments is not a case id.
  api.route('/', queueRoutes);
  api.route('/', caseRoutes);
  api.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'xiufu API',
      version: '1',
      description:
        'Objections, corrections, reviews and credit repair of public credit records, each case an auditable lifecycle.',
    },
    // The paths are relative to where createApp mounts `api`; a generated client (and the docs
    // page's "try it") prefixes them with this.
    servers: [{ url: '/api/v1' }],
  });
  return api;
}

/**
 * What every request passes first: its id and the services' context, the security headers,
 * the body limits, forms read as they arrive, and an address holding a NUL refused.
 */
function guardRequests(app: App, services: ServiceContext, trustedProxies: number): void {
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('services', services);
    c.set('clientAddress', clientAddressOf(c, trustedProxies));
    c.set('cameOverTls', requestCameOverTls(c, trustedProxies));
    await next();
  });
  // Every answer, pages, API and errors alike: CSP, no framing, no sniffing, no caching
  // (src/http/security-headers.ts). bull-board and the API docs bring their own policy.
  app.use(securityHeaders(), noStoreUnlessSaid);
  // Bodies are capped before anything reads them: JSON is small, and a form carries at most
  // the attachments it may hold (the limits in src/domain/attachments.ts) and its fields.
  app.use(
    '/api/*',
    capRequestBody({
      maxSize: apiBodyLimit,
      onError: (c) =>
        problem(c, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${apiBodyLimit / 1024 / 1024} MB.`),
    }),
  );
  app.use(
    '*',
    capRequestBody({
      maxSize: formBodyLimit,
      onError: async (c) =>
        c.html(
          <ErrorPage page={await pageContextOf(c, null)} status={413} detail={String(formBodyLimit / 1024 / 1024)} />,
          413,
        ),
    }),
  );
  // Forms with files are read as they arrive, never parsed in one blocking pass.
  app.use('*', readMultipartForm);
  // A NUL decoded from the address would reach PostgreSQL, which cannot hold one in text; it
  // is refused here once rather than by every query schema and page that reads the address.
  app.use(async (c, next) => {
    if (!/%00/i.test(c.req.url)) return next();
    if (isApi(c.req.path)) return problem(c, 400, 'MALFORMED_REQUEST', 'The address contains a NUL character (%00).');
    const page = await pageContextOf(c, null);
    return c.html(<ErrorPage page={page} status={400} detail={page.t('badAddressBody')} />, 400);
  });
}

/** A JSON line per request: its id, route pattern, status and duration. */
function logRequests(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}

/** bull-board, for supervisors and admins, while Redis answers. */
function mountBullBoard(app: App, queues: JobQueues): void {
  app.use(`${bullBoardPath}/*`, securityHeaders(bullBoardPolicy));
  app.use(`${bullBoardPath}/*`, async (c, next) => {
    const page = await pageContextOf(c);
    if (!page.actor) return c.redirect(`/login?next=${encodeURIComponent(bullBoardPath)}`, 303);
    if (page.actor.role !== 'supervisor' && page.actor.role !== 'admin')
      return c.html(<ErrorPage page={page} status={403} />, 403);
    // bull-board reads Redis for every page and waits as long as Redis is away: say so at once instead.
    if (!(await redisAnswers(queues.connection, 500)))
      return c.html(<ErrorPage page={page} status={503} detail={page.t('queuesUnavailableBody')} />, 503, {
        'retry-after': '30',
      });
    await next();
  });
  app.route(bullBoardPath, bullBoardApp(queues));
}

/** Nothing found, and anything thrown: a problem for the API, an error page for a browser. */
function answerErrors(app: App, logError: (error: unknown, requestId: string) => void): void {
  app.notFound(async (c) => {
    if (isApi(c.req.path)) return problem(c, 404, 'NOT_FOUND', `Nothing at ${c.req.method} ${c.req.path}.`);
    return c.html(<ErrorPage page={await pageContextOf(c)} status={404} />, 404);
  });
  app.onError(async (error, c) => {
    if (!isApi(c.req.path)) {
      // Hono's CSRF check throws a 403 for a form posted from another origin: a refusal, not a fault.
      if (error instanceof HTTPException && error.status < 500) {
        const status = error.status === 403 || error.status === 404 || error.status === 413 ? error.status : 400;
        return c.html(
          <ErrorPage page={await pageContextOf(c).catch(() => pageContextOf(c, null))} status={status} />,
          status,
        );
      }
      logError(error, c.get('requestId'));
      const page = await pageContextOf(c).catch(() => pageContextOf(c, null));
      return c.html(<ErrorPage page={page} status={500} requestId={c.get('requestId')} />, 500);
    }
    if (isDomainError(error)) return problemOfDomainError(c, error);
    // Hono's validators throw HTTPException for a body they cannot parse (malformed JSON).
    if (error instanceof HTTPException && error.status < 500) {
      return problem(
        c,
        error.status,
        error.status === 400 ? 'MALFORMED_REQUEST' : 'HTTP_ERROR',
        error.message || 'The request could not be read.',
      );
    }
    logError(error, c.get('requestId'));
    return problem(c, 500, 'INTERNAL', 'Something went wrong on our side. Quote the request id when you report it.');
  });
}
