// Cases in the browser: lists and queues, the case page, its actions (events, claim,
// reassignment, review), evidence, and notifications.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { caseTypeNames, caseTypes, eventOfCaseType, stateNamesOf } from '../../../../machines/index.js';
import { DomainError, isDomainError } from '../../../domain/errors.js';
import { assignCasesInBulk } from '../../../services/assign-cases-in-bulk.js';
import { deleteQueueView, listQueueViews, queueQueryOf, saveQueueView } from '../../../services/queue-views.js';
import type { Actor } from '../../../domain/roles.js';
import { applyCaseEvent } from '../../../services/apply-case-event.js';
import { claimCase, reassignCase } from '../../../services/assign-case.js';
import { caseTypeOfCase } from '../../../services/case-runtime.js';
import { takesCaseByWorking } from '../../../services/case-access.js';
import { openCase } from '../../../services/open-case.js';
import { rejectAuthorisation } from '../../../services/reject-authorisation.js';
import { listAgencies } from '../../../services/read-agencies.js';
import { listCaseStaff } from '../../../services/read-staff.js';
import { readAttachment } from '../../../services/read-attachments.js';
import { evidenceHeadersOf, noticeHeadersOf } from '../../evidence-response.js';
import { downloadDecisionNotice } from '../../../services/decision-notices.js';
import { findVisibleCase, listCases, type CaseFilter } from '../../../services/read-cases.js';
import { listNotifications, markNotificationsRead } from '../../../services/read-notifications.js';
import { issuesIn, problemIn } from '../../../../ui/problem-texts.js';
import { errorsByPath, formToInput, type FormValues, type JsonSchema } from '../../../../ui/components/schema-form.js';
import { CasePage } from '../../../../ui/pages/case.page.js';
import { CasesPage, type QueueFilter } from '../../../../ui/pages/cases.page.js';
import { NotificationsPage } from '../../../../ui/pages/notifications.page.js';
import type { FilingForm } from '../../../../ui/pages/record.page.js';
import type { PageContext } from '../../../../ui/page-context.js';
import { caseText } from '../../../../ui/texts/case-texts.js';
import {
  readForm,
  versionOf,
  statusOf,
  errorPage,
  filingSchemaOf,
  emptyForm,
  casePageProps,
  renderRefusal,
  type PageEnv,
} from './page-kit.js';
import { inputSchemaOf } from '../../../services/case-runtime.js';

export function casePages(pages: Hono<PageEnv>): void {
  pages.post('/cases/:id/review', (c) => fileAgainst(c, 'review'));
  pages.post('/cases/:id/administrative-review', (c) => fileAgainst(c, 'administrative-review'));
  pages.get('/cases', (c) => showCaseList(c, c.req.query()));
  pages.post('/queue/assignments', assignFromQueue);
  pages.post('/queue/views', saveView);
  pages.post('/queue/views/:viewId/delete', deleteView);
  pages.get('/cases/:id', showCase);
  pages.post('/cases/:id/events/:type', sendCaseEvent);
  pages.post('/cases/:id/claim', claim);
  pages.post('/cases/:id/reassign', reassign);
  pages.post('/cases/:id/authorisation-rejection', rejectTheAuthorisation);
  pages.get('/cases/:id/attachments/:attachmentId', showAttachment);
  pages.get('/cases/:id/notices/:code', downloadNotice);
  pages.get('/notifications', showNotifications);
}

type CaseContext = Context<PageEnv, '/cases/:id'>;

/** The queue (or a citizen's cases, or an agency's inbox), filtered as the address says. */
async function showCaseList(
  c: Context<PageEnv>,
  q: Record<string, string>,
  flash?: { kind: 'ok' | 'warn' | 'error'; text: string },
  status: 200 | 403 | 422 = 200,
) {
  const page = c.get('page');
  const actor = page.actor!;
  const filter = queueFilterOf(actor, q);
  const query: CaseFilter = {
    type: filter.type || undefined,
    state: filter.state || undefined,
    agency: filter.agency || undefined,
    assignee: filter.assignee || undefined,
    status: filter.status === 'all' ? undefined : (filter.status as 'open' | 'closed'),
    sort: filter.sort as CaseFilter['sort'],
    waitingOn: filter.waitingOn || undefined,
    sla: (filter.sla || undefined) as CaseFilter['sla'],
    search: filter.q || undefined,
    due: filter.due === 'week' ? 'week' : undefined,
    limit: 50,
    // A page position that does not read (an edited link) starts the list again.
    after: q.after && /^[A-Za-z0-9_-]{1,400}$/.test(q.after) ? q.after : undefined,
  };
  const services = c.get('services');
  const [list, agencyList, staff, views] = await Promise.all([
    listCases(services, actor, query).catch((error: unknown) => {
      if (isDomainError(error, 'INVALID_INPUT') && query.after)
        return listCases(services, actor, { ...query, after: undefined });
      throw error;
    }),
    listAgencies(services),
    listCaseStaff(services),
    listQueueViews(services, actor),
  ]);
  const typeList = caseTypeNames.map((name) => ({ name, states: stateNamesOf(name) }));
  const listAddress = (after: string | null) => {
    const params = new URLSearchParams(Object.entries(q).filter(([name]) => name !== 'after'));
    if (after) params.set('after', after);
    return `/cases${params.size > 0 ? `?${params}` : ''}`;
  };
  const pages = { next: list.next ? listAddress(list.next) : null, first: query.after ? listAddress(null) : null };
  return c.html(
    <CasesPage
      page={page}
      cases={list.cases}
      filter={filter}
      caseTypes={typeList}
      agencies={agencyList}
      staffNames={Object.fromEntries(staff.map((s) => [s.id, s.displayName]))}
      reviewers={staff}
      pages={pages}
      views={views}
      query={queueQueryOf(filter as unknown as Record<string, unknown>)}
      flash={flash}
    />,
    status,
  );
}

/** The queue's address kept in a form (hidden `_query`), as its filters. */
function queueParamsOf(values: FormValues): Record<string, string> {
  const query = String(Array.isArray(values._query) ? values._query[0] : (values._query ?? ''));
  return Object.fromEntries(new URLSearchParams(queueQueryOf(Object.fromEntries(new URLSearchParams(query)))));
}

/** Claim or reassign the ticked cases, each through the door; the queue shows what happened. */
async function assignFromQueue(c: Context<PageEnv, '/queue/assignments'>) {
  const page = c.get('page');
  const { values } = await readForm(c);
  const q = queueParamsOf(values);
  const ticked = [values.case ?? []].flat().flatMap((value) => {
    const [id, version] = value.split(':');
    return id && version ? [{ id, version: Number(version) }] : [];
  });
  if (ticked.length === 0) return showCaseList(c, q, { kind: 'warn', text: page.t('bulkNoneSelected') }, 422);
  try {
    const outcomes = await assignCasesInBulk(c.get('services'), page.actor!, {
      action: values.action === 'reassign' ? 'reassign' : 'claim',
      cases: ticked,
      assigneeId: typeof values.assigneeId === 'string' ? values.assigneeId : undefined,
      reason: typeof values.reason === 'string' ? values.reason : undefined,
    });
    const refused = outcomes.filter((o) => !o.done);
    const done = page.t('bulkDone', { n: outcomes.length - refused.length });
    const detail = refused.map((o) => `#${o.caseId.slice(0, 8)} ${o.message ?? ''}`).join('; ');
    return showCaseList(
      c,
      q,
      refused.length === 0
        ? { kind: 'ok', text: done }
        : { kind: 'warn', text: `${done} ${page.t('bulkRefused', { n: refused.length, detail })}` },
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return showCaseList(c, q, { kind: 'error', text: error.message }, statusOf(error) === 403 ? 403 : 422);
  }
}

/** Save the queue's filters as one of the user's views, then show the queue under it. */
async function saveView(c: Context<PageEnv, '/queue/views'>) {
  const page = c.get('page');
  const { values } = await readForm(c);
  const q = queueParamsOf(values);
  try {
    const saved = await saveQueueView(c.get('services'), page.actor!, { name: values.name, filters: q });
    return c.redirect(`/cases${saved.query ? `?${saved.query}` : ''}`, 303);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return showCaseList(c, q, { kind: 'error', text: error.message }, 422);
  }
}

async function deleteView(c: Context<PageEnv, '/queue/views/:viewId/delete'>) {
  try {
    const viewId = c.req.param('viewId');
    if (!z.uuid().safeParse(viewId).success) throw new DomainError('NOT_FOUND', 'No such view.');
    await deleteQueueView(c.get('services'), c.get('page').actor!, viewId);
    return c.redirect('/cases', 303);
  } catch (error) {
    return errorPage(c, error);
  }
}

/** The filters as asked, each kept only if it reads; what is not asked defaults by role. */
function queueFilterOf(actor: Actor, q: Record<string, string>): QueueFilter {
  const uuid = z.uuid();
  return {
    type: q.type && Object.hasOwn(caseTypes, q.type) ? q.type : '',
    state: q.state && /^[a-zA-Z]{1,40}$/.test(q.state) ? q.state : '',
    agency: q.agency && uuid.safeParse(q.agency).success ? q.agency : '',
    assignee: q.assignee === 'me' || q.assignee === 'none' ? q.assignee : '',
    status: q.status === 'closed' || q.status === 'all' ? q.status : actor.role === 'citizen' ? 'all' : 'open',
    sort: q.sort === 'due' || q.sort === 'newest' ? q.sort : actor.role === 'citizen' ? 'newest' : 'oldest',
    waitingOn: actor.role === 'agency' && q.waitingOn !== 'all' ? 'agency' : '',
    sla: q.sla === 'on_track' || q.sla === 'at_risk' || q.sla === 'breached' ? q.sla : '',
    q: typeof q.q === 'string' ? q.q.trim().slice(0, 100) : '',
    due: q.due === 'week' ? 'week' : '',
  };
}

async function showCase(c: CaseContext) {
  const page = c.get('page');
  try {
    const props = await casePageProps(c, c.req.param('id'));
    const done = c.req.query('done');
    const flash =
      done && /^[A-Z_]{1,40}$/.test(done)
        ? {
            kind: 'ok' as const,
            text:
              page.t('doneFlash', { action: doneActionOf(page, props.view.type, done) }) +
              (c.req.query('claimed') === '1' && props.view.assigneeId === page.actor?.userId
                ? ` ${page.t('claimedBySending')}`
                : ''),
          }
        : undefined;
    return c.html(<CasePage {...props} flash={flash} />);
  } catch (error) {
    return errorPage(c, error);
  }
}

/** The words for what was just done (`?done=` after a redirect): filing, claiming, reassigning, or the event's name. */
function doneActionOf(page: PageContext, caseType: string, done: string): string {
  if (done === 'FILED') return page.t('eventFiled');
  if (done === 'CLAIMED') return page.t('eventClaimed');
  if (done === 'REASSIGNED') return page.t('eventReassigned');
  return caseText(page.locale, caseType).event(done);
}

/** A re-examination (复核) or an administrative review (行政复议) of the decision this case ended in. */
async function fileAgainst(c: CaseContext, type: 'review' | 'administrative-review') {
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
    const input = formToInput(filingSchemaOf(type), values);
    const opened = await openCase(c.get('services'), {
      actor: page.actor!,
      type,
      filing: { ...input, parentCaseId: caseId },
      files,
      clientAddress: c.get('clientAddress'),
      contactPhone: values.contactPhone,
    });
    return c.redirect(`/cases/${opened.row.id}?done=FILED`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
    const props = await casePageProps(c, caseId);
    const failed: FilingForm = {
      ...emptyForm(type),
      values,
      errors: errorsByPath(issuesIn(page.locale, error.details.issues)),
      problem: problemIn(page.locale, error),
    };
    const filing = type === 'review' ? { reviewFiling: failed } : { administrativeReviewFiling: failed };
    return c.html(<CasePage {...props} {...filing} />, statusOf(error));
  }
}

async function sendCaseEvent(c: Context<PageEnv, '/cases/:id/events/:type'>) {
  const page = c.get('page');
  const caseId = c.req.param('id');
  const type = c.req.param('type');
  const { values, files } = await readForm(c);
  try {
    // Only the case's type is needed here (the page shown afterwards registers the read).
    const theCase = await findVisibleCase(c.get('services'), page.actor!, caseId);
    // Staff who act on an unclaimed case take it (the door assigns it); the page says so after.
    const claims = takesCaseByWorking(page.actor!, theCase);
    const meta = eventOfCaseType(caseTypeOfCase(theCase), type);
    // Withdrawing ends the case: only with the confirmation ticked (the form's box; checked here
    // too, for a browser that did not enforce it). Whoever may not withdraw is refused by the door.
    if (type === 'WITHDRAW' && values._confirm !== 'yes' && meta?.roles.includes(page.actor!.role)) {
      const message = page.t('withdrawConfirmMissing');
      return renderRefusal(
        c,
        caseId,
        new DomainError('INVALID_INPUT', message, { issues: [{ path: '_confirm', message }] }),
        type,
        values,
      );
    }
    const schema = meta ? (inputSchemaOf(meta.input) as JsonSchema) : { properties: {} };
    await applyCaseEvent(c.get('services'), {
      caseId,
      actor: page.actor!,
      expectedVersion: versionOf(values),
      type,
      input: formToInput(schema, values),
      files,
    });
    return c.redirect(`/cases/${caseId}?done=${type}${claims ? '&claimed=1' : ''}`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
    return renderRefusal(c, caseId, error, type, values);
  }
}

async function claim(c: Context<PageEnv, '/cases/:id/claim'>) {
  const caseId = c.req.param('id');
  const { values } = await readForm(c);
  try {
    await claimCase(c.get('services'), c.get('page').actor!, caseId, versionOf(values));
    return c.redirect(`/cases/${caseId}?done=CLAIMED`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
    return renderRefusal(c, caseId, error, 'CLAIM', values);
  }
}

/** Staff at intake: the authorisation letter of a filing on someone's behalf is not valid. */
async function rejectTheAuthorisation(c: Context<PageEnv, '/cases/:id/authorisation-rejection'>) {
  const caseId = c.req.param('id');
  const { values } = await readForm(c);
  try {
    await rejectAuthorisation(c.get('services'), c.get('page').actor!, caseId, versionOf(values), values.reason);
    return c.redirect(`/cases/${caseId}?done=REJECT`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
    return renderRefusal(c, caseId, error, 'REJECT', values);
  }
}

async function reassign(c: Context<PageEnv, '/cases/:id/reassign'>) {
  const caseId = c.req.param('id');
  const { values } = await readForm(c);
  try {
    await reassignCase(c.get('services'), c.get('page').actor!, caseId, versionOf(values), {
      assigneeId: String(values.assigneeId ?? ''),
      reason: String(values.reason ?? ''),
    });
    return c.redirect(`/cases/${caseId}?done=REASSIGNED`, 303);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
    return renderRefusal(c, caseId, error, 'REASSIGN', values);
  }
}

async function showAttachment(c: Context<PageEnv, '/cases/:id/attachments/:attachmentId'>) {
  try {
    const file = await readAttachment(
      c.get('services'),
      c.get('page').actor!,
      c.req.param('id'),
      c.req.param('attachmentId'),
    );
    return c.body(new Uint8Array(file.content), 200, {
      ...evidenceHeadersOf(file, 'inline'),
      // Evidence is personal data: kept by no cache, not even the browser's (docs/SECURITY.md).
      'cache-control': 'no-store',
    });
  } catch (error) {
    return errorPage(c, error);
  }
}

async function downloadNotice(c: Context<PageEnv, '/cases/:id/notices/:code'>) {
  try {
    const file = await downloadDecisionNotice(
      c.get('services'),
      c.get('page').actor!,
      c.req.param('id'),
      c.req.param('code').slice(0, 40),
    );
    return c.body(new Uint8Array(file.content), 200, noticeHeadersOf(file));
  } catch (error) {
    return errorPage(c, error);
  }
}

/** The user's notifications, marked read once the page is made. */
async function showNotifications(c: Context<PageEnv, '/notifications'>) {
  const page = c.get('page');
  const items = await listNotifications(c.get('services'), page.actor!);
  const response = c.html(<NotificationsPage page={page} notifications={items} />);
  await markNotificationsRead(c.get('services'), page.actor!);
  return response;
}
