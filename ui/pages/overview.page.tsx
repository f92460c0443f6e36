// The supervisor's overview: open cases by type and stage, by agency and by reviewer (counts
// at most a minute old, and saying when they were taken), the oldest open cases, and what
// waits for a supervisor's approval.
import { DeadlineText } from '../components/case-bits.js';
import { Layout } from '../components/layout.js';
import { TableCard } from '../components/table-card.js';
import type { PageContext } from '../page-context.js';
import { formatMoment } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { CaseSummary } from '../../src/services/read-cases.js';
import type { Overview } from '../../src/services/read-overview.js';
import type { AgentFlag } from '../../src/services/read-agent-flags.js';
import { agentScreening } from '../../src/domain/policy.js';

export function CaseList(props: { page: PageContext; cases: CaseSummary[]; empty: string }) {
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
            · {texts.state(c.state)} · {formatMoment(props.page, c.openedAt)} ·{' '}
            <DeadlineText page={props.page} view={c} />
          </li>
        );
      })}
    </ul>
  );
}

/** Accounts and addresses that filed for many different subjects: possible paid agents (agentScreening). */
const flagSourceLabels = {
  account: 'agentFlagAccount',
  address: 'agentFlagAddress',
  phone: 'agentFlagPhone',
} as const satisfies Record<AgentFlag['by'], string>;

function AgentFlags(props: { page: PageContext; flags: AgentFlag[] }) {
  const { page } = props;
  const { t } = page;
  return (
    <section class="card agent-flags" aria-labelledby="agent-flags-heading">
      <h2 id="agent-flags-heading">{t('agentFlagsTitle')}</h2>
      <p>
        {t('agentFlagsIntro', { threshold: agentScreening.distinctSubjects.value })}{' '}
        <span class="badge sla-at_risk">{t('unverified')}</span>
      </p>
      {props.flags.length === 0 ? (
        <p>{t('agentFlagsNone')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('agentFlagBy')}</th>
                <th scope="col">{t('agentFlagSubjects')}</th>
                <th scope="col">{t('agentFlagCases')}</th>
              </tr>
            </thead>
            <tbody>
              {props.flags.map((flag) => (
                <tr data-flag-by={flag.by}>
                  <td>
                    {t(flagSourceLabels[flag.by])}: <code>{flag.source}</code>
                  </td>
                  <td>{flag.subjects}</td>
                  <td>
                    <ul class="plain">
                      {flag.cases.map((c) => (
                        <li>
                          <a href={`/cases/${c.id}`}>
                            {caseText(page.locale, c.type).name} #{c.id.slice(0, 8)}
                          </a>{' '}
                          · {caseText(page.locale, c.type).state(c.state)} · {formatMoment(page, c.openedAt)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OverviewPage(props: { page: PageContext; overview: Overview; agentFlags: AgentFlag[] }) {
  const { page, overview } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('overviewTitle')}>
      <h1>{t('overviewTitle')}</h1>
      <p class="meta">{t('overviewFiguresAsOf', { at: formatMoment(page, overview.figuresAsOf) })}</p>
      <p class="tabs">
        <a href="/access-log">{t('accessLogTitle')}</a>
      </p>
      <div class="grid">
        <TableCard
          wide
          title={t('openByTypeAndState')}
          headers={[t('caseType'), t('state'), t('count'), t('oldestSince')]}
          rows={overview.byTypeAndState.map((row) => {
            const texts = caseText(page.locale, row.type);
            return [
              texts.name,
              <a href={`/cases?type=${row.type}&state=${row.state}`}>{texts.state(row.state)}</a>,
              row.open,
              formatMoment(page, row.oldestOpenedAt),
            ];
          })}
        />
        <TableCard
          title={t('openByAgency')}
          rows={overview.byAgency.map((row) => [
            row.agencyId ? <a href={`/cases?agency=${row.agencyId}`}>{row.agencyName}</a> : '—',
            row.open,
          ])}
        />
        <TableCard
          title={t('openByAssignee')}
          rows={overview.byAssignee.map((row) => [
            row.assigneeId ? row.assigneeName : <a href="/cases?assignee=none">{t('unassigned')}</a>,
            row.open,
          ])}
        />
      </div>
      <section class="card">
        <h2>{t('awaitingApproval')}</h2>
        <CaseList page={page} cases={overview.awaitingApproval} empty={t('nothingAwaitsApproval')} />
      </section>
      <section class="card">
        <h2>{t('oldestOpen')}</h2>
        <CaseList page={page} cases={overview.oldest} empty={t('noCases')} />
      </section>
      <AgentFlags page={page} flags={props.agentFlags} />
    </Layout>
  );
}
