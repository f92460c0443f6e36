// The supervisor's SLA dashboard: on track, at risk and breached by type and stage, by agency
// and by reviewer; cases opened and closed per week and days to a decision (drawn as plain
// bars in an accessible table, no chart script); the breached list.
import { Layout } from '../components/layout.js';
import { TableCard } from '../components/table-card.js';
import { formatMoment, type PageContext } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { SlaSummary } from '../../src/services/read-sla-summary.js';
import { CaseList } from './overview.page.js';

// The bar is an SVG rectangle sized by attribute: the Content-Security-Policy allows no style
// attributes (docs/SECURITY.md).
function Bar(props: { value: number; max: number; kind: string }) {
  const width = props.max > 0 ? Math.round((props.value / props.max) * 100) : 0;
  return (
    <span class="bar-cell">
      <svg class={`bar ${props.kind}`} viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
        <rect width={Math.max(width, 2)} height="1" />
      </svg>
      <span class="bar-value">{props.value}</span>
    </span>
  );
}

export function SlaPage(props: { page: PageContext; summary: SlaSummary }) {
  const { page, summary } = props;
  const { t } = page;
  const slaWord: Record<string, string> = {
    on_track: t('slaOnTrack'),
    at_risk: t('slaAtRisk'),
    breached: t('slaBreached'),
    paused: t('clockPaused'),
    none: '—',
  };
  const weekMax = Math.max(0, ...summary.weekly.flatMap((w) => [w.opened, w.closed]));
  const daysMax = Math.max(0, ...summary.daysToDecision.map((d) => d.p90Days ?? 0));
  const slaHeaders = ['', t('slaOnTrack'), t('slaAtRisk'), t('slaBreached')];
  const slaCells = (r: { onTrack: number; atRisk: number; breached: number }) => [
    r.onTrack,
    r.atRisk,
    <span class={r.breached ? 'overdue' : undefined}>{r.breached}</span>,
  ];
  return (
    <Layout page={page} title={t('slaTitle')}>
      <h1>{t('slaTitle')}</h1>
      <p class="meta">{t('slaFiguresAsOf', { at: formatMoment(page, summary.figuresAsOf) })}</p>
      <p class="tabs">
        <a href="/cases?sla=at_risk">{t('slaAtRisk')}</a> <a href="/cases?sla=breached">{t('slaBreached')}</a>{' '}
        <a href="/calendar">{t('calendarTitle')}</a>
      </p>
      <div class="grid">
        <TableCard
          wide
          title={t('openByTypeAndState')}
          headers={[t('caseType'), t('state'), t('sla'), t('count')]}
          rows={summary.byTypeStateAndSla.map((row) => {
            const texts = caseText(page.locale, row.type);
            return [
              texts.name,
              texts.state(row.state),
              <span class={`badge sla-${row.sla}`}>{slaWord[row.sla] ?? row.sla}</span>,
              row.open,
            ];
          })}
        />
        <TableCard
          title={t('openByAgency')}
          headers={slaHeaders}
          rows={summary.byAgency.map((r) => [r.agencyName ?? '—', ...slaCells(r)])}
        />
        <TableCard
          title={t('openByAssignee')}
          headers={slaHeaders}
          rows={summary.byAssignee.map((r) => [r.assigneeName ?? t('unassigned'), ...slaCells(r)])}
        />
        <TableCard
          title={t('weeklyFlow')}
          class="bars"
          headers={[t('weekOf'), t('opened'), t('closed')]}
          rows={summary.weekly.map((w) => [
            w.week,
            <Bar value={w.opened} max={weekMax} kind="opened" />,
            <Bar value={w.closed} max={weekMax} kind="closed" />,
          ])}
        />
        <TableCard
          title={t('daysToDecision')}
          class="bars"
          headers={[t('caseType'), t('median'), t('p90')]}
          rows={summary.daysToDecision.map((d) => [
            `${caseText(page.locale, d.type).name} (${d.decided})`,
            <Bar value={d.medianDays ?? 0} max={daysMax} kind="median" />,
            <Bar value={d.p90Days ?? 0} max={daysMax} kind="p90" />,
          ])}
        />
      </div>
      <section class="card">
        <h2>{t('breachedList')}</h2>
        <CaseList page={page} cases={summary.breached} empty={t('noCases')} />
      </section>
      <section class="card asked-again" aria-labelledby="asked-again-heading">
        <h2 id="asked-again-heading">{t('slaRepeatedMaterialTitle')}</h2>
        {summary.askedAgain.length === 0 ? (
          <p>{t('slaRepeatedMaterialNone')}</p>
        ) : (
          <ul class="case-list">
            {summary.askedAgain.map((c) => (
              <li>
                <a href={`/cases/${c.id}`}>
                  {caseText(page.locale, c.type).name} #{c.id.slice(0, 8)}
                </a>{' '}
                · {caseText(page.locale, c.type).state(c.state)} ·{' '}
                <span class="badge sla-at_risk">⚠ {t('materialAskedTimes', { count: c.materialRequests })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
