// The web UI: server-rendered pages (ui/) behind the session cookie, with a CSRF token on
// every form. Every action goes through the same services as the API; every button comes
// from what the case's machine allows the user now (CaseView.allowedEvents).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { agencies, calendarDays, calendarYears, platforms, policyVersions, propagations, users } from '../../../db/schema.js';
import { policyInForce } from '../../domain/policy.js';
import { PolicyPage } from '../../../ui/pages/policy.page.js';
import { AccessLogPage } from '../../../ui/pages/access-log.page.js';
import { readAccessLog } from '../../services/access-log.js';
import { caseTypes, isCaseTypeName, type CaseTypeName } from '../../../machines/index.js';
import { isDomainError, type DomainError } from '../../domain/errors.js';
import { applyCaseEvent } from '../../services/apply-case-event.js';
import { claimCase, reassignCase } from '../../services/assign-case.js';
import { caseTypeOf } from '../../services/case-runtime.js';
import { authenticate, csrfTokenOf, logIn, logOut } from '../../services/log-in.js';
import { openCase } from '../../services/open-case.js';
import { reviewableOutcomes } from '../../services/prepare-case-input.js';
import type { UploadedFile } from '../../services/prepare-attachments.js';
import { readAttachment, listAttachments } from '../../services/read-attachments.js';
import { readAuditTrail, verifyCaseAuditTrail } from '../../services/read-audit-trail.js';
import { findVisibleCase, getCase, listCases, type CaseFilter } from '../../services/read-cases.js';
import { countUnreadNotifications, listNotifications, markNotificationsRead } from '../../services/read-notifications.js';
import { readOverview } from '../../services/read-overview.js';
import { readSlaSummary } from '../../services/read-sla-summary.js';
import { loadCalendarYear } from '../../services/load-calendar-year.js';
import { chinaDateOf, countDeadline, type DeadlineExplanation } from '../../domain/calendar.js';
import { loadWorkingDayCalendar } from '../../services/load-working-day-calendar.js';
import { SlaPage } from '../../../ui/pages/sla.page.js';
import { CalendarPage } from '../../../ui/pages/calendar.page.js';
import { getRecord, listMyRecords } from '../../services/read-records.js';
import { errorsByPath, formToInput, type FormValues, type JsonSchema } from '../../../ui/components/schema-form.js';
import { pickLocale, translator, type Locale } from '../../../ui/i18n.js';
import type { PageContext } from '../../../ui/page-context.js';
import { CasePage, type CasePageProps, type FailedForm } from '../../../ui/pages/case.page.js';
import { CasesPage, type QueueFilter } from '../../../ui/pages/cases.page.js';
import { ErrorPage } from '../../../ui/pages/error.page.js';
import { LoginPage } from '../../../ui/pages/login.page.js';
import { NotificationsPage } from '../../../ui/pages/notifications.page.js';
import { OverviewPage } from '../../../ui/pages/overview.page.js';
import { RecordPage, type FilingForm } from '../../../ui/pages/record.page.js';
import { RecordsPage } from '../../../ui/pages/records.page.js';
import { caseText } from '../../../ui/texts/case-texts.js';
import type { AppEnv } from '../app-env.js';
import { sessionCookieName } from '../authenticate.middleware.js';
import { statusOfCode } from '../problem.js';
import { clientAddressOf } from '../client-address.js';

const require = createRequire(import.meta.url);
const assets = {
  'style.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('../../../ui/style.css', import.meta.url)) },
  'htmx.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')) },
};

type PageEnv = AppEnv & { Variables: { page: PageContext; sessionToken: string | null } };

/** Only a path on this site: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function homeOf(role: string | undefined): string {
  return role === 'citizen' ? '/records' : role === 'supervisor' || role === 'admin' ? '/overview' : role ? '/cases' : '/login';
}

/** A page context for any request (also for error pages outside the page routes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads only `services`, present on every env here
export async function pageContextOf(c: Context<any>, token: string | null = getCookie(c, sessionCookieName) ?? null): Promise<PageContext> {
  const services = (c as Context<AppEnv>).get('services');
  const locale: Locale = pickLocale(getCookie(c, 'lang'), c.req.header('accept-language'));
  const actor = token ? await authenticate(services, token) : null;
  const url = new URL(c.req.url);
  return {
    locale,
    t: translator(locale),
    actor,
    displayName: actor?.displayName ?? null,
    csrfToken: token ? csrfTokenOf(token) : '',
    path: url.pathname + url.search,
    now: services.now(),
    unreadNotifications: actor ? await countUnreadNotifications(services, actor) : 0,
  };
}

const withPage = createMiddleware<PageEnv>(async (c, next) => {
  const token = getCookie(c, sessionCookieName) ?? null;
  c.set('sessionToken', token);
  c.set('page', await pageContextOf(c, token));
  await next();
});

const requireLogin = createMiddleware<PageEnv>(async (c, next) => {
  if (!c.get('page').actor) return c.redirect(`/login?next=${encodeURIComponent(c.get('page').path)}`, 303);
  await next();
});

/** Every form post carries the session's CSRF token (forms are rendered with it). */
const requireCsrfToken = createMiddleware<PageEnv>(async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const body = await c.req.parseBody({ all: true });
  const token = c.get('sessionToken');
  if (!token || typeof body._csrf !== 'string' || body._csrf !== csrfTokenOf(token)) {
    return c.html(<ErrorPage page={c.get('page')} status={403} detail={c.get('page').t('csrfFailed')} />, 403);
  }
  await next();
});

type ParsedForm = { values: FormValues; files: UploadedFile[] };

async function readForm(c: Context<PageEnv>): Promise<ParsedForm> {
  // parseBody caches its result, so the CSRF check and the handler read the body once.
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  const files: UploadedFile[] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') values[name] = name in values ? [values[name]!, item].flat() : item;
      else if (item instanceof File && item.size > 0 && name === 'files') files.push({ filename: item.name, content: new Uint8Array(await item.arrayBuffer()) });
    }
  }
  return { values, files };
}

function versionOf(values: FormValues): number {
  const version = Number(Array.isArray(values._version) ? values._version[0] : values._version);
  return Number.isInteger(version) && version > 0 ? version : -1;
}

function statusOf(error: DomainError): 403 | 409 | 422 {
  const status = statusOfCode[error.code];
  return status === 403 || status === 422 ? status : 409;
}

function errorPage(c: Context<PageEnv>, error: unknown): Response | Promise<Response> {
  const page = c.get('page');
  if (isDomainError(error) && ['CASE_NOT_FOUND', 'RECORD_NOT_FOUND', 'NOT_FOUND'].includes(error.code)) return c.html(<ErrorPage page={page} status={404} />, 404);
  if (isDomainError(error) && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) return c.html(<ErrorPage page={page} status={403} />, 403);
  throw error;
}

const filingSchemaOf = (type: CaseTypeName) => z.toJSONSchema(caseTypes[type].filing, { io: 'input' }) as JsonSchema;
const emptyForm = (type: CaseTypeName): FilingForm => ({ type, schema: filingSchemaOf(type), acceptsFiles: caseTypes[type].filingAttachments, values: {}, errors: {} });

async function casePageProps(c: Context<PageEnv>, caseId: string): Promise<CasePageProps> {
  const services = c.get('services');
  const page = c.get('page');
  const actor = page.actor!;
  const view = await getCase(services, actor, caseId);
  const [trail, verification, attachmentList, record, staff, propagation] = await Promise.all([
    readAuditTrail(services, actor, caseId),
    verifyCaseAuditTrail(services, actor, caseId),
    listAttachments(services, actor, caseId),
    view.recordId ? getRecord(services, actor, view.recordId).catch(() => null) : Promise.resolve(null),
    services.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.role, ['reviewer', 'supervisor'])).orderBy(asc(users.displayName)),
    services.db
      .select({ platformId: propagations.platformId, platformName: platforms.name, kind: platforms.kind, status: propagations.status, attempts: propagations.attempts, lastError: propagations.lastError })
      .from(propagations)
      .innerJoin(platforms, eq(platforms.id, propagations.platformId))
      .where(eq(propagations.caseId, caseId))
      .orderBy(asc(platforms.name)),
  ]);
  const calendar = await loadWorkingDayCalendar(services.db);
  const clock = view.deadline;
  let dueExplanation: DeadlineExplanation | null = null;
  if (clock?.dueAt && !clock.paused && !clock.stoppedAt) {
    try {
      dueExplanation = countDeadline(calendar, clock.unit, new Date(clock.runningSince), Math.max(clock.limit - clock.usedDays, 0));
    } catch {
      dueExplanation = null;
    }
  }
  const reviewable = actor.role === 'citizen' && view.status === 'closed' && (reviewableOutcomes[view.type] ?? []).includes(view.outcome ?? '');
  return {
    page,
    view,
    caseType: caseTypeOf(view.type),
    record,
    trail,
    verification,
    attachments: attachmentList,
    staffNames: Object.fromEntries(staff.map((s) => [s.id, s.displayName])),
    reviewers: staff,
    propagation,
    reviewFiling: reviewable ? emptyForm('review') : undefined,
    dueExplanation,
  };
}

/** After a refused action: the case as it is now, with the refusal said plainly. */
async function renderRefusal(c: Context<PageEnv>, caseId: string, error: DomainError, event: string, values: FormValues) {
  const page = c.get('page');
  let props: CasePageProps;
  try {
    props = await casePageProps(c, caseId);
  } catch (notVisible) {
    // A refusal on a case the user cannot see is that case's absence (404), never a 500.
    return errorPage(c, notVisible);
  }
  if (error.code === 'INVALID_INPUT') {
    const failed: FailedForm = { event, values, errors: errorsByPath(error.details.issues), problem: `${page.t('fixErrors')} ${error.message}` };
    return c.html(<CasePage {...props} failed={failed} />, 422);
  }
  if (error.code === 'VERSION_CONFLICT') return c.html(<CasePage {...props} flash={{ kind: 'warn', text: page.t('conflictFlash') }} />, 409);
  if (error.code === 'TRANSITION_NOT_ALLOWED') return c.html(<CasePage {...props} flash={{ kind: 'warn', text: page.t('notAllowedFlash', { detail: error.message }) }} />, 409);
  if (error.code === 'FORBIDDEN' || error.code === 'CASE_ASSIGNED_ELSEWHERE') return c.html(<CasePage {...props} flash={{ kind: 'error', text: error.message }} />, 403);
  return c.html(<CasePage {...props} flash={{ kind: 'error', text: error.message }} />, 409);
}

export function createPageRoutes(options: { demo: boolean }) {
  const pages = new Hono<PageEnv>();

  pages.get('/assets/:file', (c) => {
    const asset = assets[c.req.param('file') as keyof typeof assets];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
  });

  pages.use(withPage);
  pages.use(csrf());

  pages.get('/', (c) => c.redirect(homeOf(c.get('page').actor?.role), 303));

  pages.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    if (locale === 'zh-CN' || locale === 'en') setCookie(c, 'lang', locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax' });
    return c.redirect(safeNext(c.req.query('next')), 303);
  });

  pages.get('/login', (c) => {
    const page = c.get('page');
    if (page.actor) return c.redirect(safeNext(c.req.query('next')) === '/' ? homeOf(page.actor.role) : safeNext(c.req.query('next')), 303);
    return c.html(<LoginPage page={page} next={safeNext(c.req.query('next'))} failed={false} username="" demo={options.demo} />);
  });

  pages.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
    try {
      const session = await logIn(c.get('services'), username, password, clientAddressOf(c));
      setCookie(c, sessionCookieName, session.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:', expires: session.expiresAt });
      return c.redirect(next === '/' ? homeOf(session.actor.role) : next, 303);
    } catch (error) {
      if (isDomainError(error, 'TOO_MANY_ATTEMPTS')) {
        c.header('Retry-After', String(error.details.retryAfterSeconds ?? 900));
        return c.html(<LoginPage page={c.get('page')} next={next} failed username={username} demo={options.demo} throttled />, 429);
      }
      if (!isDomainError(error, 'UNAUTHENTICATED')) throw error;
      return c.html(<LoginPage page={c.get('page')} next={next} failed username={username} demo={options.demo} />, 401);
    }
  });

  pages.use('/logout', requireCsrfToken);
  pages.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await logOut(c.get('services'), token);
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.redirect('/login', 303);
  });

  for (const path of ['/records', '/records/*', '/cases', '/cases/*', '/notifications', '/overview', '/sla', '/calendar', '/policy', '/access-log']) {
    pages.use(path, requireLogin, requireCsrfToken);
  }

  pages.get('/records', async (c) => {
    const page = c.get('page');
    if (page.actor!.role !== 'citizen') return c.redirect(homeOf(page.actor!.role), 303);
    return c.html(<RecordsPage page={page} records={await listMyRecords(c.get('services'), page.actor!)} />);
  });


  /** What the record's subject may file about it now; a refusal (e.g. repair eligibility) comes on sending. */
  function filingsFor(page: PageContext, record: Awaited<ReturnType<typeof getRecord>>, failed?: FilingForm): FilingForm[] {
    if (page.actor?.role !== 'citizen') return [];
    const types: CaseTypeName[] = [];
    if (!record.disputedByCaseId) types.push('objection');
    if (record.status === 'published' || record.status === 'corrected') types.push('repair');
    if (!record.explanationCaseId) types.push('explanation');
    return types.map((type) => (failed?.type === type ? failed : emptyForm(type)));
  }

  pages.get('/records/:id', async (c) => {
    const page = c.get('page');
    try {
      const record = await getRecord(c.get('services'), page.actor!, c.req.param('id'));
      return c.html(<RecordPage page={page} record={record} filings={filingsFor(page, record)} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  pages.post('/records/:id/file/:type', async (c) => {
    const page = c.get('page');
    const recordId = c.req.param('id');
    const type = c.req.param('type');
    if (!isCaseTypeName(type) || !['objection', 'repair', 'explanation'].includes(type)) return c.html(<ErrorPage page={page} status={404} />, 404);
    const { values, files } = await readForm(c);
    try {
      const input = formToInput(filingSchemaOf(type), values);
      const opened = await openCase(c.get('services'), { actor: page.actor!, type, filing: { ...input, recordId }, files });
      return c.redirect(`/cases/${opened.row.id}?done=${opened.attached ? 'SUPPLEMENT' : 'FILED'}`, 303);
    } catch (error) {
      if (!isDomainError(error) || ['RECORD_NOT_FOUND', 'FORBIDDEN'].includes(error.code)) return errorPage(c, error);
      const record = await getRecord(c.get('services'), page.actor!, recordId);
      const failed: FilingForm = { ...emptyForm(type), values, errors: errorsByPath(error.details.issues), problem: error.message };
      return c.html(<RecordPage page={page} record={record} filings={filingsFor(page, record, failed)} />, statusOf(error));
    }
  });

  pages.post('/cases/:id/review', async (c) => {
    const page = c.get('page');
    const caseId = c.req.param('id');
    const { values, files } = await readForm(c);
    // Someone else's case does not exist, whatever the form says.
    try {
      await findVisibleCase(c.get('services'), page.actor!, caseId);
    } catch (error) {
      return errorPage(c, error);
    }
    try {
      const input = formToInput(filingSchemaOf('review'), values);
      const opened = await openCase(c.get('services'), { actor: page.actor!, type: 'review', filing: { ...input, parentCaseId: caseId }, files });
      return c.redirect(`/cases/${opened.row.id}?done=FILED`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
      const props = await casePageProps(c, caseId);
      const failed: FilingForm = { ...emptyForm('review'), values, errors: errorsByPath(error.details.issues), problem: error.message };
      return c.html(<CasePage {...props} reviewFiling={failed} />, statusOf(error));
    }
  });

  pages.get('/cases', async (c) => {
    const page = c.get('page');
    const actor = page.actor!;
    const q = c.req.query();
    const uuid = z.uuid();
    const filter: QueueFilter = {
      type: q.type && Object.hasOwn(caseTypes, q.type) ? q.type : '',
      state: q.state && /^[a-zA-Z]{1,40}$/.test(q.state) ? q.state : '',
      agency: q.agency && uuid.safeParse(q.agency).success ? q.agency : '',
      assignee: q.assignee === 'me' || q.assignee === 'none' ? q.assignee : '',
      status: q.status === 'closed' || q.status === 'all' ? q.status : actor.role === 'citizen' ? 'all' : 'open',
      sort: q.sort === 'due' || q.sort === 'newest' ? q.sort : actor.role === 'citizen' ? 'newest' : 'oldest',
      waitingOn: actor.role === 'agency' && q.waitingOn !== 'all' ? 'agency' : '',
      sla: q.sla === 'on_track' || q.sla === 'at_risk' || q.sla === 'breached' ? q.sla : '',
    };
    const query: CaseFilter = {
      type: filter.type || undefined,
      state: filter.state || undefined,
      agency: filter.agency || undefined,
      assignee: filter.assignee || undefined,
      status: filter.status === 'all' ? undefined : (filter.status as 'open' | 'closed'),
      sort: filter.sort as CaseFilter['sort'],
      waitingOn: filter.waitingOn || undefined,
      sla: (filter.sla || undefined) as CaseFilter['sla'],
      limit: 200,
    };
    const services = c.get('services');
    const [list, agencyList, staff] = await Promise.all([
      listCases(services, actor, query),
      services.db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name)),
      services.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.role, ['reviewer', 'supervisor'])),
    ]);
    const typeList = Object.entries(caseTypes).map(([name, ct]) => ({ name, states: Object.keys(ct.machine.root.states) }));
    return c.html(<CasesPage page={page} cases={list} filter={filter} caseTypes={typeList} agencies={agencyList} staffNames={Object.fromEntries(staff.map((s) => [s.id, s.displayName]))} />);
  });

  pages.get('/cases/:id', async (c) => {
    const page = c.get('page');
    try {
      const props = await casePageProps(c, c.req.param('id'));
      const done = c.req.query('done');
      const flash = done && /^[A-Z_]{1,40}$/.test(done)
        ? { kind: 'ok' as const, text: page.t('doneFlash', { action: done === 'FILED' ? page.t('eventFiled') : done === 'CLAIMED' ? page.t('eventClaimed') : done === 'REASSIGNED' ? page.t('eventReassigned') : caseText(page.locale, props.view.type).event(done) }) }
        : undefined;
      return c.html(<CasePage {...props} flash={flash} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  pages.post('/cases/:id/events/:type', async (c) => {
    const page = c.get('page');
    const caseId = c.req.param('id');
    const type = c.req.param('type');
    const { values, files } = await readForm(c);
    try {
      const view = await getCase(c.get('services'), page.actor!, caseId);
      const meta = caseTypeOf(view.type).events[type];
      const schema = meta ? (z.toJSONSchema(meta.input, { io: 'input' }) as JsonSchema) : { properties: {} };
      await applyCaseEvent(c.get('services'), { caseId, actor: page.actor!, expectedVersion: versionOf(values), type, input: formToInput(schema, values), files });
      return c.redirect(`/cases/${caseId}?done=${type}`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
      return renderRefusal(c, caseId, error, type, values);
    }
  });

  pages.post('/cases/:id/claim', async (c) => {
    const caseId = c.req.param('id');
    const { values } = await readForm(c);
    try {
      await claimCase(c.get('services'), c.get('page').actor!, caseId, versionOf(values));
      return c.redirect(`/cases/${caseId}?done=CLAIMED`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
      return renderRefusal(c, caseId, error, 'CLAIM', values);
    }
  });

  pages.post('/cases/:id/reassign', async (c) => {
    const caseId = c.req.param('id');
    const { values } = await readForm(c);
    try {
      await reassignCase(c.get('services'), c.get('page').actor!, caseId, versionOf(values), { assigneeId: String(values.assigneeId ?? ''), reason: String(values.reason ?? '') });
      return c.redirect(`/cases/${caseId}?done=REASSIGNED`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
      return renderRefusal(c, caseId, error, 'REASSIGN', values);
    }
  });

  pages.get('/cases/:id/attachments/:attachmentId', async (c) => {
    try {
      const file = await readAttachment(c.get('services'), c.get('page').actor!, c.req.param('id'), c.req.param('attachmentId'));
      return c.body(new Uint8Array(file.content), 200, {
        'content-type': file.contentType,
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=3600',
      });
    } catch (error) {
      return errorPage(c, error);
    }
  });

  pages.get('/notifications', async (c) => {
    const page = c.get('page');
    const items = await listNotifications(c.get('services'), page.actor!);
    const response = c.html(<NotificationsPage page={page} notifications={items} />);
    await markNotificationsRead(c.get('services'), page.actor!);
    return response;
  });

  pages.get('/sla', async (c) => {
    try {
      return c.html(<SlaPage page={c.get('page')} summary={await readSlaSummary(c.get('services'), c.get('page').actor!)} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  const calendarPage = async (c: Context<PageEnv>, year: number, extra: { flash?: { kind: 'ok' | 'error'; text: string }; draft?: { year: string; source: string; lines: string } } = {}, status: 200 | 422 = 200) => {
    const db = c.get('services').db;
    const [years, days] = await Promise.all([
      db.select().from(calendarYears).orderBy(asc(calendarYears.year)),
      db.select().from(calendarDays).where(and(gte(calendarDays.day, `${year}-01-01`), lt(calendarDays.day, `${year + 1}-01-01`))).orderBy(asc(calendarDays.day)),
    ]);
    return c.html(<CalendarPage page={c.get('page')} years={years} shownYear={year} days={days} {...extra} />, status);
  };

  pages.get('/calendar', async (c) => {
    const asked = Number(c.req.query('year'));
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(chinaDateOf(c.get('services').now()).slice(0, 4));
    return calendarPage(c, year);
  });

  pages.post('/calendar', async (c) => {
    const page = c.get('page');
    const { values } = await readForm(c);
    const draft = { year: String(values.year ?? ''), source: String(values.source ?? ''), lines: String(values.lines ?? '') };
    const year = Number(draft.year);
    const days = draft.lines
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [day = '', kind = '', ...name] = line.split(/\s+/);
        return { day, kind: kind as 'holiday' | 'workday', name: name.join(' ') || kind };
      });
    const malformed = days.filter((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d.day) || !['holiday', 'workday'].includes(d.kind));
    if (!Number.isInteger(year) || year < 2000 || year > 2100 || malformed.length > 0 || days.length === 0) {
      const text = malformed.length > 0 ? `${page.t('fixErrors')} ${malformed.map((d) => d.day || '?').join(', ')}` : page.t('fixErrors');
      return calendarPage(c, Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : 2026, { flash: { kind: 'error', text }, draft }, 422);
    }
    try {
      const result = await loadCalendarYear(c.get('services'), page.actor!, { year, source: draft.source, days });
      return calendarPage(c, year, { flash: { kind: 'ok', text: page.t('calendarLoaded', { days: result.days, cases: result.casesComputed }) } });
    } catch (error) {
      if (isDomainError(error, 'INVALID_INPUT')) return calendarPage(c, year, { flash: { kind: 'error', text: error.message }, draft }, 422);
      return errorPage(c, error);
    }
  });

  pages.get('/access-log', async (c) => {
    try {
      return c.html(<AccessLogPage page={c.get('page')} entries={await readAccessLog(c.get('services'), c.get('page').actor!, {})} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  pages.get('/policy', async (c) => {
    const services = c.get('services');
    const stored = (await services.db.select().from(policyVersions).orderBy(asc(policyVersions.jurisdiction), asc(policyVersions.effectiveFrom))).map((v) => v.document);
    const inForce = policyInForce(services.jurisdiction, services.now(), stored);
    return c.html(<PolicyPage page={c.get('page')} inForce={inForce} versions={stored} />);
  });

  pages.get('/overview', async (c) => {
    try {
      return c.html(<OverviewPage page={c.get('page')} overview={await readOverview(c.get('services'), c.get('page').actor!)} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  return pages;
}
