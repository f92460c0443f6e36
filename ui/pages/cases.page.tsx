// Lists of cases: a citizen's own cases; a reviewer's work queue (filter by type, stage,
// agency and assignee, sort by age or due moment, claim what is unassigned); an agency's
// cases waiting for its answer.
import { DeadlineText } from '../components/case-bits.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import { formatMoment } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { CaseSummary } from '../../src/services/read-cases.js';

export interface QueueFilter {
  type: string;
  state: string;
  agency: string;
  assignee: string;
  status: string;
  sort: string;
  waitingOn: string;
  sla: string;
}

type CasesPageProps = {
  page: PageContext;
  cases: CaseSummary[];
  filter: QueueFilter;
  caseTypes: { name: string; states: string[] }[];
  agencies: { id: string; name: string }[];
  staffNames: Record<string, string>;
  /** Where the list goes on (the same filters, after the last case shown), and where it starts. */
  pages: { next: string | null; first: string | null };
};

export function CasesPage(props: CasesPageProps) {
  const { page, filter } = props;
  const { t } = page;
  const role = page.actor?.role;
  const staff = role === 'reviewer' || role === 'supervisor' || role === 'admin';
  const title = role === 'citizen' ? t('myCasesTitle') : role === 'agency' ? t('agencyInboxTitle') : t('queueTitle');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
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
      {props.cases.length === 0 ? <p>{t('noCases')}</p> : <CaseTable {...props} title={title} staff={staff} />}
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

/** One row per case; staff also see whose it is. */
function CaseTable(props: CasesPageProps & { title: string; staff: boolean }) {
  const { page, title, staff } = props;
  const { t } = page;
  return (
    <section class="table-wrap" tabindex={0} aria-label={title}>
      <table class="cases">
        <thead>
          <tr>
            <th scope="col">{t('caseType')}</th>
            <th scope="col">{t('state')}</th>
            <th scope="col">{t('openedAt')}</th>
            <th scope="col">{t('dueAt')}</th>
            {staff && <th scope="col">{t('assignee')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => {
            const texts = caseText(page.locale, c.type);
            return (
              <tr>
                <td>
                  <a href={`/cases/${c.id}`}>
                    {texts.name} #{c.id.slice(0, 8)}
                  </a>
                </td>
                <td>
                  <span class={`badge state-${c.status}`}>{texts.state(c.state)}</span>
                </td>
                <td>{formatMoment(page, c.openedAt)}</td>
                <td>
                  <DeadlineText page={page} view={c} />
                </td>
                {staff && (
                  <td>{c.assigneeId ? (props.staffNames[c.assigneeId] ?? '—') : <em>{t('unassigned')}</em>}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
