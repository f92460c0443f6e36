// The supervisor's SLA dashboard: on track, at risk and breached by type and stage, by agency
// and by reviewer; cases opened and closed per week and days to a decision (drawn as plain
// bars in an accessible table, no chart script); the breached list.
import { DeadlineText } from '../components/case-bits.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { SlaSummary } from '../../src/services/read-sla-summary.js';

function Bar(props: { value: number; max: number; kind: string }) {
  const width = props.max > 0 ? Math.round((props.value / props.max) * 100) : 0;
  return (
    <span class="bar-cell">
      <span class={`bar ${props.kind}`} style={`width:${width}%`} aria-hidden="true"></span>
      <span class="bar-value">{props.value}</span>
    </span>
  );
}

export function SlaPage(props: { page: PageContext; summary: SlaSummary }) {
  const { page, summary } = props;
  const { t } = page;
  const slaWord: Record<string, string> = { on_track: t('slaOnTrack'), at_risk: t('slaAtRisk'), breached: t('slaBreached'), paused: t('clockPaused'), none: '—' };
  const weekMax = Math.max(0, ...summary.weekly.flatMap((w) => [w.opened, w.closed]));
  const daysMax = Math.max(0, ...summary.daysToDecision.map((d) => d.p90Days ?? 0));
  const counts = (rows: { name: string; onTrack: number; atRisk: number; breached: number }[]) => (
    <table>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">{t('slaOnTrack')}</th>
          <th scope="col">{t('slaAtRisk')}</th>
          <th scope="col">{t('slaBreached')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.name}</th>
            <td>{r.onTrack}</td>
            <td>{r.atRisk}</td>
            <td class={r.breached ? 'overdue' : undefined}>{r.breached}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Layout page={page} title={t('slaTitle')}>
      <h1>{t('slaTitle')}</h1>
      <p class="tabs">
        <a href="/cases?sla=at_risk">{t('slaAtRisk')}</a> <a href="/cases?sla=breached">{t('slaBreached')}</a> <a href="/calendar">{t('calendarTitle')}</a>
      </p>
      <div class="grid">
        <section class="card wide">
          <h2>{t('openByTypeAndState')}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('caseType')}</th>
                  <th scope="col">{t('state')}</th>
                  <th scope="col">{t('sla')}</th>
                  <th scope="col">{t('count')}</th>
                </tr>
              </thead>
              <tbody>
                {summary.byTypeStateAndSla.map((row) => {
                  const texts = caseText(page.locale, row.type);
                  return (
                    <tr>
                      <td>{texts.name}</td>
                      <td>{texts.state(row.state)}</td>
                      <td>
                        <span class={`badge sla-${row.sla}`}>{slaWord[row.sla] ?? row.sla}</span>
                      </td>
                      <td>{row.open}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        <section class="card">
          <h2>{t('openByAgency')}</h2>
          {counts(summary.byAgency.map((r) => ({ ...r, name: r.agencyName ?? '—' })))}
        </section>
        <section class="card">
          <h2>{t('openByAssignee')}</h2>
          {counts(summary.byAssignee.map((r) => ({ ...r, name: r.assigneeName ?? t('unassigned') })))}
        </section>
        <section class="card">
          <h2>{t('weeklyFlow')}</h2>
          <table class="bars">
            <thead>
              <tr>
                <th scope="col">{t('weekOf')}</th>
                <th scope="col">{t('opened')}</th>
                <th scope="col">{t('closed')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.weekly.map((w) => (
                <tr>
                  <th scope="row">{w.week}</th>
                  <td>
                    <Bar value={w.opened} max={weekMax} kind="opened" />
                  </td>
                  <td>
                    <Bar value={w.closed} max={weekMax} kind="closed" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="card">
          <h2>{t('daysToDecision')}</h2>
          <table class="bars">
            <thead>
              <tr>
                <th scope="col">{t('caseType')}</th>
                <th scope="col">{t('median')}</th>
                <th scope="col">{t('p90')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.daysToDecision.map((d) => (
                <tr>
                  <th scope="row">
                    {caseText(page.locale, d.type).name} ({d.decided})
                  </th>
                  <td>
                    <Bar value={d.medianDays ?? 0} max={daysMax} kind="median" />
                  </td>
                  <td>
                    <Bar value={d.p90Days ?? 0} max={daysMax} kind="p90" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section class="card">
        <h2>{t('breachedList')}</h2>
        {summary.breached.length === 0 ? (
          <p>{t('noCases')}</p>
        ) : (
          <ul class="case-list">
            {summary.breached.map((c) => (
              <li>
                <a href={`/cases/${c.id}`}>
                  {caseText(page.locale, c.type).name} #{c.id.slice(0, 8)}
                </a>{' '}
                · {caseText(page.locale, c.type).state(c.state)} · <DeadlineText page={page} view={c} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
