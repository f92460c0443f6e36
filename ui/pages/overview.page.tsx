// The supervisor's overview: open cases by type and stage, by agency and by reviewer, the
// oldest open cases, and what waits for a supervisor's approval.
import { DeadlineText } from '../components/case-bits.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import { formatMoment } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { CaseView } from '../../src/services/read-cases.js';
import type { Overview } from '../../src/services/read-overview.js';

function CaseList(props: { page: PageContext; cases: CaseView[]; empty: string }) {
  if (props.cases.length === 0) return <p>{props.empty}</p>;
  return (
    <ul class="case-list">
      {props.cases.map((c) => {
        const texts = caseText(props.page.locale, c.type);
        return (
          <li>
            <a href={`/cases/${c.id}`}>
              {texts.name} #{c.id.slice(0, 8)}
            </a>{' '}
            · {texts.state(c.state)} · {formatMoment(props.page, c.openedAt)} · <DeadlineText page={props.page} view={c} />
          </li>
        );
      })}
    </ul>
  );
}

export function OverviewPage(props: { page: PageContext; overview: Overview }) {
  const { page, overview } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('overviewTitle')}>
      <h1>{t('overviewTitle')}</h1>
      <div class="grid">
        <section class="card wide">
          <h2>{t('openByTypeAndState')}</h2>
          <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('caseType')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('count')}</th>
                <th scope="col">{t('oldestSince')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.byTypeAndState.map((row) => {
                const texts = caseText(page.locale, row.type);
                return (
                  <tr>
                    <td>{texts.name}</td>
                    <td>
                      <a href={`/cases?type=${row.type}&state=${row.state}`}>{texts.state(row.state)}</a>
                    </td>
                    <td>{row.open}</td>
                    <td>{formatMoment(page, row.oldestOpenedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        </section>
        <section class="card">
          <h2>{t('openByAgency')}</h2>
          <table>
            <tbody>
              {overview.byAgency.map((row) => (
                <tr>
                  <th scope="row">{row.agencyId ? <a href={`/cases?agency=${row.agencyId}`}>{row.agencyName}</a> : '—'}</th>
                  <td>{row.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="card">
          <h2>{t('openByAssignee')}</h2>
          <table>
            <tbody>
              {overview.byAssignee.map((row) => (
                <tr>
                  <th scope="row">{row.assigneeId ? row.assigneeName : <a href="/cases?assignee=none">{t('unassigned')}</a>}</th>
                  <td>{row.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section class="card">
        <h2>{t('awaitingApproval')}</h2>
        <CaseList page={page} cases={overview.awaitingApproval} empty={t('nothingAwaitsApproval')} />
      </section>
      <section class="card">
        <h2>{t('oldestOpen')}</h2>
        <CaseList page={page} cases={overview.oldest} empty={t('noCases')} />
      </section>
    </Layout>
  );
}
