// Lists of cases: a citizen's own cases; a reviewer's work queue like a service desk (search,
// filters, saved views, whose case and which decision, at-risk rows marked, bulk claim and
// reassignment); an agency's cases waiting for its answer, by kind.
import { DeadlineText } from '../components/case-bits.js';
import { Flash, Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import { formatMoment } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { CaseSummary } from '../../src/services/read-cases.js';
import type { QueueView } from '../../src/services/queue-views.js';

export interface QueueFilter {
  type: string;
  state: string;
  agency: string;
  assignee: string;
  status: string;
  sort: string;
  waitingOn: string;
  sla: string;
  /** Search text: a case number, a decision number or a name. */
  q: string;
  /** "week": due by the end of this week. */
  due: string;
}

type CasesPageProps = {
  page: PageContext;
  cases: CaseSummary[];
  filter: QueueFilter;
  caseTypes: { name: string; states: string[] }[];
  agencies: { id: string; name: string }[];
  staffNames: Record<string, string>;
  /** Who a supervisor may reassign cases to. */
  reviewers: { id: string; displayName: string }[];
  /** Where the list goes on (the same filters, after the last case shown), and where it starts. */
  pages: { next: string | null; first: string | null };
  /** The user's saved views of the queue. */
  views: QueueView[];
  /** The filters now, as the queue's address takes them (kept by the forms that come back here). */
  query: string;
  flash?: { kind: 'ok' | 'warn' | 'error'; text: string } | undefined;
};

export function CasesPage(props: CasesPageProps) {
  const { page, filter } = props;
  const { t } = page;
  const role = page.actor?.role;
  const staff = role === 'reviewer' || role === 'supervisor' || role === 'admin';
  const inbox = role === 'agency' && filter.waitingOn === 'agency';
  const title =
    role === 'citizen'
      ? t('myCasesTitle')
      : role === 'agency'
        ? inbox
          ? t('agencyInboxTitle')
          : t('agencyAllTitle')
        : t('queueTitle');
  const bulk = (role === 'reviewer' || role === 'supervisor') && props.cases.some((c) => c.status === 'open');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {props.flash && <Flash kind={props.flash.kind}>{props.flash.text}</Flash>}
      {staff && <SavedViews {...props} />}
      {staff && <QueueFilters {...props} />}
      {role === 'agency' && (
        <p class="tabs">
          <a href="/cases" aria-current={filter.waitingOn === 'agency' ? 'page' : undefined}>
            {t('navAgencyInbox')}
          </a>
          <a href="/cases?waitingOn=all" aria-current={filter.waitingOn !== 'agency' ? 'page' : undefined}>
            {t('all')}
          </a>
        </p>
      )}
      {props.cases.length === 0 ? (
        <p>{t('noCases')}</p>
      ) : inbox ? (
        <AgencyInbox {...props} />
      ) : (
        <CaseTable {...props} title={title} staff={staff} bulk={bulk} />
      )}
      {bulk && <BulkForm {...props} />}
      {(props.pages.next || props.pages.first) && (
        <nav class="pager" aria-label={t('pagesLabel')}>
          {props.pages.first && <a href={props.pages.first}>{t('firstPage')}</a>}
          {props.pages.next && (
            <a href={props.pages.next} rel="next">
              {t('nextPage')}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}

/** The staff's filters: type, stage, agency, assignee, open or closed, SLA status, and the order. */
function QueueFilters(props: CasesPageProps) {
  const { page, filter } = props;
  const { t } = page;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the search landmark screen readers announce today
    <form method="get" action="/cases" class="filters" role="search">
      <div class="field search-field">
        <label for="f-q">{t('queueSearch')}</label>
        <input
          id="f-q"
          name="q"
          type="search"
          value={filter.q}
          maxlength={100}
          placeholder={t('queueSearchHint')}
          aria-describedby="f-q-hint"
        />
        <small id="f-q-hint">{t('queueSearchHint')}</small>
      </div>
      <div class="field">
        <label for="f-type">{t('caseType')}</label>
        <select id="f-type" name="type">
          <option value="">{t('anyType')}</option>
          {props.caseTypes.map((ct) => (
            <option value={ct.name} selected={filter.type === ct.name}>
              {caseText(page.locale, ct.name).name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-state">{t('state')}</label>
        <select id="f-state" name="state">
          <option value="">{t('anyState')}</option>
          {props.caseTypes.flatMap((ct) =>
            ct.states.map((s) => (
              <option
                value={s}
                selected={filter.state === s}
              >{`${caseText(page.locale, ct.name).name}: ${caseText(page.locale, ct.name).state(s)}`}</option>
            )),
          )}
        </select>
      </div>
      <div class="field">
        <label for="f-agency">{t('agency')}</label>
        <select id="f-agency" name="agency">
          <option value="">{t('anyAgency')}</option>
          {props.agencies.map((a) => (
            <option value={a.id} selected={filter.agency === a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-assignee">{t('assignee')}</label>
        <select id="f-assignee" name="assignee">
          <option value="">{t('all')}</option>
          <option value="none" selected={filter.assignee === 'none'}>
            {t('unassigned')}
          </option>
          <option value="me" selected={filter.assignee === 'me'}>
            {t('mine')}
          </option>
        </select>
      </div>
      <div class="field">
        <label for="f-status">{t('status')}</label>
        <select id="f-status" name="status">
          <option value="open" selected={filter.status === 'open'}>
            {t('statusOpen')}
          </option>
          <option value="closed" selected={filter.status === 'closed'}>
            {t('statusClosed')}
          </option>
          <option value="all" selected={filter.status === 'all'}>
            {t('all')}
          </option>
        </select>
      </div>
      <div class="field">
        <label for="f-sla">{t('sla')}</label>
        <select id="f-sla" name="sla">
          <option value="">{t('anySla')}</option>
          <option value="on_track" selected={filter.sla === 'on_track'}>
            {t('slaOnTrack')}
          </option>
          <option value="at_risk" selected={filter.sla === 'at_risk'}>
            {t('slaAtRisk')}
          </option>
          <option value="breached" selected={filter.sla === 'breached'}>
            {t('slaBreached')}
          </option>
        </select>
      </div>
      <div class="field">
        <label for="f-due">{t('dueWithin')}</label>
        <select id="f-due" name="due">
          <option value="">{t('anyDue')}</option>
          <option value="week" selected={filter.due === 'week'}>
            {t('dueThisWeek')}
          </option>
        </select>
      </div>
      <div class="field">
        <label for="f-sort">{t('sort')}</label>
        <select id="f-sort" name="sort">
          <option value="oldest" selected={filter.sort === 'oldest'}>
            {t('sortOldest')}
          </option>
          <option value="due" selected={filter.sort === 'due'}>
            {t('sortDue')}
          </option>
          <option value="newest" selected={filter.sort === 'newest'}>
            {t('sortNewest')}
          </option>
        </select>
      </div>
      <button type="submit">{t('filter')}</button>
    </form>
  );
}

/** The user's saved views (links to the queue under their filters), and saving the filters now as one. */
function SavedViews(props: CasesPageProps) {
  const { page } = props;
  const { t } = page;
  return (
    <section class="saved-views" aria-labelledby="views-heading">
      <h2 id="views-heading">{t('savedViews')}</h2>
      {props.views.length > 0 && (
        <ul class="views">
          {props.views.map((view) => (
            <li>
              <a
                href={`/cases${view.query ? `?${view.query}` : ''}`}
                aria-current={view.query === props.query ? 'page' : undefined}
              >
                {view.name}
              </a>
              <form method="post" action={`/queue/views/${view.id}/delete`} class="inline-form">
                <input type="hidden" name="_csrf" value={page.csrfToken} />
                <button type="submit" class="link-button" aria-label={t('deleteView', { name: view.name })}>
                  ✕
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/queue/views" class="inline-form save-view">
        <input type="hidden" name="_csrf" value={page.csrfToken} />
        <input type="hidden" name="_query" value={props.query} />
        <label for="view-name">{t('viewName')}</label>
        <input id="view-name" name="name" required maxlength={60} />
        <button type="submit">{t('saveView')}</button>
      </form>
    </section>
  );
}

/** Claim the ticked cases, or (supervisors) reassign them, with a reason each case's trail keeps. */
function BulkForm(props: CasesPageProps) {
  const { page } = props;
  const { t } = page;
  return (
    <form id="bulk-form" method="post" action="/queue/assignments" class="action-form bulk-form">
      <fieldset>
        <legend>{t('bulkActions')}</legend>
        <input type="hidden" name="_csrf" value={page.csrfToken} />
        <input type="hidden" name="_query" value={props.query} />
        <div class="field">
          <label for="bulk-reason">{t('bulkReason')}</label>
          <textarea id="bulk-reason" name="reason" rows={2} maxlength={2000}></textarea>
        </div>
        <button type="submit" name="action" value="claim">
          {t('bulkClaim')}
        </button>
        {page.actor?.role === 'supervisor' && (
          <div class="bulk-reassign">
            <div class="field">
              <label for="bulk-assignee">{t('bulkReassign')}</label>
              <select id="bulk-assignee" name="assigneeId">
                {props.reviewers.map((r) => (
                  <option value={r.id}>{r.displayName}</option>
                ))}
              </select>
            </div>
            <button type="submit" name="action" value="reassign">
              {t('bulkReassignButton')}
            </button>
          </div>
        )}
      </fieldset>
    </form>
  );
}

/** The agency's inbox: what waits for its answer, one table per kind of case, each under its own heading. */
function AgencyInbox(props: CasesPageProps) {
  const { page } = props;
  const types = [...new Set(props.cases.map((c) => c.type))];
  return (
    <>
      {types.map((type) => {
        const ofType = props.cases.filter((c) => c.type === type);
        const heading = page.t('agencyInboxKind', { type: caseText(page.locale, type).name, n: ofType.length });
        return (
          <section class="inbox-kind" aria-labelledby={`inbox-${type}`}>
            <h2 id={`inbox-${type}`}>{heading}</h2>
            <CaseTable {...props} cases={ofType} title={heading} staff={false} bulk={false} />
          </section>
        );
      })}
    </>
  );
}

/**
 * One row per case: what and whose it is (the subject's name masked, the record's decision and
 * agency), where it stands, by when (at risk and breached marked by word and sign, not colour
 * alone); staff also see who works it. On a phone each row is a card of labelled lines.
 */
function CaseTable(props: CasesPageProps & { title: string; staff: boolean; bulk: boolean }) {
  const { page, title, staff, bulk } = props;
  const { t } = page;
  const people = page.actor?.role !== 'citizen';
  return (
    <section class="table-wrap" tabindex={0} aria-label={title}>
      <table class="cases">
        <thead>
          <tr>
            {bulk && (
              <th scope="col">
                <span class="visually-hidden">{t('bulkActions')}</span>
              </th>
            )}
            <th scope="col">{t('caseType')}</th>
            {people && <th scope="col">{t('colSubject')}</th>}
            <th scope="col">{t('colDecisionNumber')}</th>
            {people && <th scope="col">{t('agency')}</th>}
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('openedAt')}</th>
            <th scope="col">{t('dueAt')}</th>
            {staff && <th scope="col">{t('assignee')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => {
            const texts = caseText(page.locale, c.type);
            const label = `${texts.name} #${c.id.slice(0, 8)}`;
            const sla = c.status === 'open' ? c.deadline?.sla : undefined;
            return (
              <tr class={sla === 'at_risk' || sla === 'breached' ? `sla-row sla-row-${sla}` : undefined}>
                {bulk && (
                  <td data-label={t('bulkActions')}>
                    {c.status === 'open' && (
                      <input
                        type="checkbox"
                        name="case"
                        form="bulk-form"
                        value={`${c.id}:${c.version}`}
                        aria-label={t('selectCase', { case: label })}
                      />
                    )}
                  </td>
                )}
                <td data-label={t('caseType')}>
                  <a href={`/cases/${c.id}`}>{label}</a>
                </td>
                {people && <td data-label={t('colSubject')}>{c.subjectName ?? '—'}</td>}
                <td data-label={t('colDecisionNumber')}>{c.decisionNumber ?? '—'}</td>
                {people && <td data-label={t('agency')}>{c.agencyName ?? '—'}</td>}
                <td data-label={t('state')}>
                  <span class={`badge state-${c.status}`}>{texts.state(c.state)}</span>
                </td>
                <td data-label={t('openedAt')}>{formatMoment(page, c.openedAt)}</td>
                <td data-label={t('dueAt')}>
                  <DeadlineText page={page} view={c} />
                </td>
                {staff && (
                  <td data-label={t('assignee')}>
                    {c.assigneeId ? (props.staffNames[c.assigneeId] ?? '—') : <em>{t('unassigned')}</em>}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
