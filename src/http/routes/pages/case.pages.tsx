// Cases in the browser: lists and queues, the case page, its actions (events, claim,
// reassignment, review), evidence, and notifications.
import { asc, inArray } from 'drizzle-orm';
import type { Hono } from 'hono';
import { z } from 'zod';
import { agencies, users } from '../../../../db/schema.js';
import { caseTypeNames, caseTypes, eventOfCaseType, stateNamesOf } from '../../../../machines/index.js';
import { isDomainError } from '../../../domain/errors.js';
import { applyCaseEvent } from '../../../services/apply-case-event.js';
import { claimCase, reassignCase } from '../../../services/assign-case.js';
import { caseTypeOfCase } from '../../../services/case-runtime.js';
import { openCase } from '../../../services/open-case.js';
import { readAttachment } from '../../../services/read-attachments.js';
import { evidenceHeadersOf } from '../../evidence-response.js';
import { findVisibleCase, listCases, type CaseFilter } from '../../../services/read-cases.js';
import { listNotifications, markNotificationsRead } from '../../../services/read-notifications.js';
import { errorsByPath, formToInput, type JsonSchema } from '../../../../ui/components/schema-form.js';
import { CasePage } from '../../../../ui/pages/case.page.js';
import { CasesPage, type QueueFilter } from '../../../../ui/pages/cases.page.js';
import { NotificationsPage } from '../../../../ui/pages/notifications.page.js';
import type { FilingForm } from '../../../../ui/pages/record.page.js';
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
      const opened = await openCase(c.get('services'), {
        actor: page.actor!,
        type: 'review',
        filing: { ...input, parentCaseId: caseId },
        files,
      });
      return c.redirect(`/cases/${opened.row.id}?done=FILED`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
      const props = await casePageProps(c, caseId);
      const failed: FilingForm = {
        ...emptyForm('review'),
        values,
        errors: errorsByPath(error.details.issues),
        problem: error.message,
      };
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
      limit: 50,
      // A page position that does not read (an edited link) starts the list again.
      after: q.after && /^[A-Za-z0-9_-]{1,400}$/.test(q.after) ? q.after : undefined,
    };
    const services = c.get('services');
    const [list, agencyList, staff] = await Promise.all([
      listCases(services, actor, query).catch((error: unknown) => {
        if (isDomainError(error, 'INVALID_INPUT') && query.after)
          return listCases(services, actor, { ...query, after: undefined });
        throw error;
      }),
      services.db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name)),
      services.db
        .select({ id: users.id, displayName: users.displayName })
        .from(users)
        .where(inArray(users.role, ['reviewer', 'supervisor'])),
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
        pages={pages}
      />,
    );
  });

  pages.get('/cases/:id', async (c) => {
    const page = c.get('page');
    try {
      const props = await casePageProps(c, c.req.param('id'));
      const done = c.req.query('done');
      const flash =
        done && /^[A-Z_]{1,40}$/.test(done)
          ? {
              kind: 'ok' as const,
              text: page.t('doneFlash', {
                action:
                  done === 'FILED'
                    ? page.t('eventFiled')
                    : done === 'CLAIMED'
                      ? page.t('eventClaimed')
                      : done === 'REASSIGNED'
                        ? page.t('eventReassigned')
                        : caseText(page.locale, props.view.type).event(done),
              }),
            }
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
      // Only the case's type is needed here (the page shown afterwards registers the read).
      const theCase = await findVisibleCase(c.get('services'), page.actor!, caseId);
      const meta = eventOfCaseType(caseTypeOfCase(theCase), type);
      const schema = meta ? (inputSchemaOf(meta.input) as JsonSchema) : { properties: {} };
      await applyCaseEvent(c.get('services'), {
        caseId,
        actor: page.actor!,
        expectedVersion: versionOf(values),
        type,
        input: formToInput(schema, values),
        files,
      });
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
      await reassignCase(c.get('services'), c.get('page').actor!, caseId, versionOf(values), {
        assigneeId: String(values.assigneeId ?? ''),
        reason: String(values.reason ?? ''),
      });
      return c.redirect(`/cases/${caseId}?done=REASSIGNED`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'CASE_NOT_FOUND') return errorPage(c, error);
      return renderRefusal(c, caseId, error, 'REASSIGN', values);
    }
  });

  pages.get('/cases/:id/attachments/:attachmentId', async (c) => {
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
  });

  pages.get('/notifications', async (c) => {
    const page = c.get('page');
    const items = await listNotifications(c.get('services'), page.actor!);
    const response = c.html(<NotificationsPage page={page} notifications={items} />);
    await markNotificationsRead(c.get('services'), page.actor!);
    return response;
  });
}
