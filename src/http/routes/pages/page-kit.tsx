// What the page routes share: the session and CSRF middleware, the page context, form
// reading, and the case page's props and refusals.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { caseTypes, endedAdversely, mayBeReviewed, type CaseTypeName } from '../../../../machines/index.js';
import { appPath } from '../../../config/app-root.js';
import { reExaminationOffered } from '../../../domain/policy.js';
import { remediesAgainst } from '../../../domain/remedies.js';
import { listCaseNotices } from '../../../services/decision-notices.js';
import { readCaseFiler } from '../../../services/read-agent-flags.js';
import { mayRejectAuthorisationOf } from '../../../services/reject-authorisation.js';
import { policyVersionOf } from '../../../services/case-engine.js';
import { reviewBodyCaseType } from '../../../services/case-access.js';
import { isDomainError, type DomainError, type DomainErrorCode } from '../../../domain/errors.js';
import { caseTypeOfCase } from '../../../services/case-runtime.js';
import { authenticate, csrfTokenOf } from '../../../services/log-in.js';
import type { UploadedFile } from '../../../services/prepare-attachments.js';
import { uploadedFilesOf } from '../../read-multipart-form.js';
import { listAttachments } from '../../../services/read-attachments.js';
import { readVerifiedAuditTrail } from '../../../services/read-audit-trail.js';
import { getCase } from '../../../services/read-cases.js';
import { countUnreadNotifications } from '../../../services/read-notifications.js';
import { countDeadline, type DeadlineExplanation } from '../../../domain/calendar.js';
import { loadWorkingDayCalendar } from '../../../services/load-working-day-calendar.js';
import { getRecord } from '../../../services/read-records.js';
import { listPropagation } from '../../../services/read-propagation.js';
import { listCaseStaff } from '../../../services/read-staff.js';
import { errorsByPath, type FormValues, type JsonSchema } from '../../../../ui/components/schema-form.js';
import { pickLocale, translator, type Locale } from '../../../../ui/i18n.js';
import { issuesIn, problemIn } from '../../../../ui/problem-texts.js';
import type { PageContext } from '../../../../ui/page-context.js';
import { CasePage, type CasePageProps, type FailedForm } from '../../../../ui/pages/case.page.js';
import { ErrorPage } from '../../../../ui/pages/error.page.js';
import type { FilingForm } from '../../../../ui/pages/record.page.js';
import type { AppEnv } from '../../app-env.js';
import { sessionCookieName } from '../../authenticate.middleware.js';
import { statusOfCode } from '../../problem.js';
import { inputSchemaOf } from '../../../services/case-runtime.js';

const require = createRequire(import.meta.url);

/** A file served from /assets: read when first asked for, then kept. */
function assetOf(type: string, file: () => string): { type: string; readonly body: Buffer<ArrayBuffer> } {
  let body: Buffer<ArrayBuffer> | undefined;
  return {
    type,
    get body() {
      body ??= readFileSync(file());
      return body;
    },
  };
}

export const assets = {
  'style.css': assetOf('text/css; charset=utf-8', () => appPath('ui/style.css')),
  'favicon.svg': assetOf('image/svg+xml', () => appPath('ui/favicon.svg')),
  'htmx.min.js': assetOf('text/javascript; charset=utf-8', () => require.resolve('htmx.org/dist/htmx.min.js')),
  // The docs page's renderer (ui/pages/api-docs.page.tsx); the package exports no path to it.
  // Nearly 5 MB, so it is read only once someone opens the docs.
  'scalar-api-reference.js': assetOf('text/javascript; charset=utf-8', () =>
    path.join(path.dirname(require.resolve('@scalar/api-reference')), 'browser/standalone.js'),
  ),
};

export type PageEnv = AppEnv & { Variables: { page: PageContext; sessionToken: string | null } };

/**
 * Where to send a visitor after the language switch or the login: a path on this site, else
 * home. `next` is resolved by the URL parser against the site's own origin, as a browser would
 * resolve the Location header, and kept only if it stays on that origin. Control characters and
 * backslashes are refused first: browsers drop tabs and newlines and read `\` as `/`, so
 * `/\t/evil.example` or `/\\evil.example` would leave the site.
 */
export function safeNext(next: string | undefined, origin: string): string {
  if (!next?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  // The parser normalises `/.//host` to the path `//host`, which a browser reads as a host.
  if (url.origin !== origin || url.pathname.startsWith('//')) return '/';
  return url.pathname + url.search + url.hash;
}

/** The origin this request was addressed to, which `next` must stay on. */
export const ownOrigin = (c: Context) => new URL(c.req.url).origin;

export function homeOf(role: string | undefined): string {
  return role === 'citizen'
    ? '/records'
    : role === 'supervisor' || role === 'admin'
      ? '/overview'
      : role
        ? '/cases'
        : '/login';
}

/** A page context for any request (also for error pages outside the page routes). */
export async function pageContextOf(
  // biome-ignore lint/suspicious/noExplicitAny: reads only `services`, present on every env here
  c: Context<any>,
  token: string | null = getCookie(c, sessionCookieName) ?? null,
): Promise<PageContext> {
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

export const withPage = createMiddleware<PageEnv>(async (c, next) => {
  const token = getCookie(c, sessionCookieName) ?? null;
  c.set('sessionToken', token);
  c.set('page', await pageContextOf(c, token));
  await next();
});

export const requireLogin = createMiddleware<PageEnv>(async (c, next) => {
  if (!c.get('page').actor) return c.redirect(`/login?next=${encodeURIComponent(c.get('page').path)}`, 303);
  await next();
});

/** Every form post carries the session's CSRF token (forms are rendered with it). */
export const requireCsrfToken = createMiddleware<PageEnv>(async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const body = await parseFormBody(c);
  const token = c.get('sessionToken');
  if (!token || typeof body._csrf !== 'string' || body._csrf !== csrfTokenOf(token)) {
    return c.html(<ErrorPage page={c.get('page')} status={403} detail={c.get('page').t('csrfFailed')} />, 403);
  }
  await next();
});

/** `letters`: the authorisation letter of a filing on someone's behalf (the form's `authorisation` input). */
export type ParsedForm = { values: FormValues; files: UploadedFile[]; letters: UploadedFile[] };

/**
 * The posted form, as every page route reads it. A body that does not parse (a multipart body
 * cut short or without its boundary) is the sender's fault: 400, not a 500. parseBody caches its
 * result, so the CSRF check and the handler read the body once.
 */
export async function parseFormBody(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch (error) {
    throw new HTTPException(400, { message: 'The form could not be read.', cause: error });
  }
}

export async function readForm(c: Context<PageEnv>): Promise<ParsedForm> {
  const body = await parseFormBody(c);
  const values: FormValues = {};
  const files: UploadedFile[] = [];
  const letters: UploadedFile[] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string') values[name] = name in values ? [values[name]!, item].flat() : item;
    }
  }
  // An empty part without a name is a file input left empty; an empty file that has a name
  // was chosen, and is refused as empty rather than quietly dropped.
  for (const part of uploadedFilesOf(c)) {
    if (part.content.byteLength === 0 && part.filename === '') continue;
    if (part.field === 'files') files.push({ filename: part.filename, content: part.content });
    if (part.field === 'authorisation') letters.push({ filename: part.filename, content: part.content });
  }
  return { values, files, letters };
}

export function versionOf(values: FormValues): number {
  const version = Number(Array.isArray(values._version) ? values._version[0] : values._version);
  return Number.isInteger(version) && version > 0 ? version : -1;
}

/**
 * The status a page answers a refused request with: the API's, from the one map in problem.ts,
 * except that a page asks for no credentials, so "not logged in" (a session that ended while
 * the form was open) is refused as forbidden.
 */
export function statusOf(error: DomainError): Exclude<(typeof statusOfCode)[DomainErrorCode], 401> {
  const status = statusOfCode[error.code];
  return status === 401 ? 403 : status;
}

/** A refusal that leaves nothing to show: the case or record is not there (404) or not yours (403). */
export function errorPage(c: Context<PageEnv>, error: unknown): Response | Promise<Response> {
  const status = isDomainError(error) ? statusOf(error) : undefined;
  if (status === 404 || status === 403) return c.html(<ErrorPage page={c.get('page')} status={status} />, status);
  throw error;
}

export const filingSchemaOf = (type: CaseTypeName) => inputSchemaOf(caseTypes[type].filing) as JsonSchema;
export const emptyForm = (type: CaseTypeName): FilingForm => ({
  type,
  schema: filingSchemaOf(type),
  acceptsFiles: caseTypes[type].filingAttachments,
  values: {},
  errors: {},
});

export async function casePageProps(c: Context<PageEnv>, caseId: string): Promise<CasePageProps> {
  const services = c.get('services');
  const page = c.get('page');
  const actor = page.actor!;
  const view = await getCase(services, actor, caseId);
  const [{ trail, verification }, attachmentList, record, staff, propagation, notices] = await Promise.all([
    readVerifiedAuditTrail(services, actor, caseId),
    listAttachments(services, actor, caseId),
    view.recordId ? getRecord(services, actor, view.recordId).catch(() => null) : Promise.resolve(null),
    listCaseStaff(services),
    listPropagation(services, actor, caseId),
    listCaseNotices(services, actor, caseId),
  ]);
  const filer = await readCaseFiler(services, actor, caseId);
  const authorisationRejection = await mayRejectAuthorisationOf(services, actor, caseId);
  const calendar = await loadWorkingDayCalendar(services.db);
  const clock = view.deadline;
  let dueExplanation: DeadlineExplanation | null = null;
  if (clock?.dueAt && !clock.paused && !clock.stoppedAt) {
    try {
      dueExplanation = countDeadline(
        calendar,
        clock.unit,
        new Date(clock.runningSince),
        Math.max(clock.limit - clock.usedDays, 0),
      );
    } catch {
      dueExplanation = null;
    }
  }
  const policy = await policyVersionOf(services.db, view.policyVersionId);
  const reExaminable = mayBeReviewed(view) && reExaminationOffered(policy.rules);
  // The remedies are the subject's to use: someone who filed on their behalf sees them stated, but
  // the forms that file a review are offered to the subject only (a new matter needs its own letter).
  const isSubject = actor.role === 'citizen' && actor.subjectId === view.subjectId;
  const reviewable = isSubject && reExaminable;
  // A decision against the person states the remedies open to them, with their windows.
  const remedies =
    endedAdversely(view) && view.closedAt
      ? remediesAgainst(
          policy.rules,
          { decidedAt: new Date(view.closedAt), reExaminable, byReviewBody: view.type === reviewBodyCaseType },
          calendar,
        )
      : [];
  return {
    page,
    view,
    caseType: caseTypeOfCase(view),
    record,
    trail,
    verification,
    attachments: attachmentList,
    staffNames: Object.fromEntries(staff.map((s) => [s.id, s.displayName])),
    reviewers: staff,
    propagation,
    reviewFiling: reviewable ? emptyForm('review') : undefined,
    administrativeReviewFiling:
      isSubject && remedies.some((r) => r.filedAs === 'administrative-review')
        ? emptyForm('administrative-review')
        : undefined,
    remedies,
    dueExplanation,
    notices,
    filer,
    authorisationRejection,
    policy: { id: policy.id, title: policy.title },
  };
}

/** After a refused action: the case as it is now, with the refusal said plainly. */
export async function renderRefusal(
  c: Context<PageEnv>,
  caseId: string,
  error: DomainError,
  event: string,
  values: FormValues,
) {
  const page = c.get('page');
  let props: CasePageProps;
  try {
    props = await casePageProps(c, caseId);
  } catch (notVisible) {
    // A refusal on a case the user cannot see is that case's absence (404), never a 500.
    return errorPage(c, notVisible);
  }
  const status = statusOf(error);
  if (error.code === 'INVALID_INPUT') {
    const failed: FailedForm = {
      event,
      values,
      errors: errorsByPath(issuesIn(page.locale, error.details.issues)),
      problem: `${page.t('fixErrors')} ${problemIn(page.locale, error)}`,
    };
    return c.html(<CasePage {...props} failed={failed} />, status);
  }
  return c.html(<CasePage {...props} flash={refusalFlash(page, error)} />, status);
}

/** What the case page says of a refused action: a case that moved on is a warning, the rest an error. */
function refusalFlash(page: PageContext, error: DomainError): { kind: 'warn' | 'error'; text: string } {
  if (error.code === 'VERSION_CONFLICT') return { kind: 'warn', text: page.t('conflictFlash') };
  // The problem in the reader's language, never the service's English detail (it may name a field or a case id).
  if (error.code === 'TRANSITION_NOT_ALLOWED') return { kind: 'warn', text: problemIn(page.locale, error) };
  return { kind: 'error', text: problemIn(page.locale, error) };
}
