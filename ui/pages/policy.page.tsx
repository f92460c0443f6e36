// The policy in force and its earlier versions: every deadline with its unit, the law it comes
// from and whether that number was verified; display periods; the repair routes offered.
import { Layout } from '../components/layout.js';
import { TableCard } from '../components/table-card.js';
import type { PageContext } from '../page-context.js';
import type { PolicyVersion } from '../../src/domain/policy.js';

export function PolicyPage(props: { page: PageContext; inForce: PolicyVersion; versions: PolicyVersion[] }) {
  const { page, inForce } = props;
  const { t } = page;
  // A stored version replaced by a corrected one stays for the cases opened under it.
  const superseded = new Set(props.versions.flatMap((v) => v.supersedes ?? []));
  return (
    <Layout page={page} title={t('policyTitle')}>
      <h1>{t('policyTitle')}</h1>
      <p>
        {t('policyInForce')}: <strong>{inForce.title}</strong> ({inForce.id}, {t('effectiveFrom')}{' '}
        {inForce.effectiveFrom})
      </p>
      <TableCard
        title={t('deadlinesTitle')}
        headers={[t('step'), t('limit'), t('countsFrom'), t('source')]}
        rows={Object.entries(inForce.deadlines).map(([key, rule]) => [
          key,
          `${rule!.limit} ${rule!.unit === 'working' ? t('workingDays') : t('calendarDays')}`,
          rule!.countsFrom,
          <>
            {rule!.source} {!rule!.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
            {rule!.note && (
              <>
                <br />
                <small>{rule!.note}</small>
              </>
            )}
            {rule!.extension && (
              <>
                <br />
                <small class="extension">
                  {t('policyExtension', {
                    days: rule!.extension.value,
                    unit: rule!.unit === 'working' ? t('workingDays') : t('calendarDays'),
                  })}{' '}
                  {rule!.extension.source}{' '}
                  {!rule!.extension.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
                </small>
              </>
            )}
          </>,
        ])}
      />
      {inForce.sources && (
        <ul class="policy-sources">
          {inForce.sources.map((source) => (
            <li>
              {source.text} {!source.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
            </li>
          ))}
        </ul>
      )}
      <TableCard
        title={t('displayPeriod')}
        rows={Object.entries(inForce.rules.displayPeriods).map(([cls, rule]) => [
          cls,
          rule.published
            ? `${rule.minimumMonths} – ${rule.maximumMonths} ${t('months')}`
            : `${t('notPublishedInPrinciple')} (≤ ${rule.maximumMonths} ${t('months')})`,
          rule.source,
        ])}
      />
      {/* What a period counts from, and the rule at its maximum for an unperformed duty (NDRC Order 36). */}
      {inForce.rules.displayPeriodStart && (
        <p>
          {t(
            inForce.rules.displayPeriodStart.from === 'finding'
              ? 'displayCountsFromFinding'
              : 'displayCountsFromPublication',
          )}{' '}
          <small>{inForce.rules.displayPeriodStart.source}</small>{' '}
          {!inForce.rules.displayPeriodStart.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
        </p>
      )}
      {inForce.rules.unperformedAtMaximum && (
        <p>
          {t('atMaximumUnperformed')}{' '}
          {Object.entries(inForce.rules.unperformedAtMaximum.byKind)
            .map(([kind, choice]) => `${kind}: ${t(choice === 'expire' ? 'atMaximumExpires' : 'atMaximumStays')}`)
            .join('; ')}{' '}
          <small>{inForce.rules.unperformedAtMaximum.source}</small>{' '}
          {!inForce.rules.unperformedAtMaximum.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
        </p>
      )}
      <section class="card">
        <h2>{t('repairRoutes')}</h2>
        <ul>
          {Object.entries(inForce.rules.repair.routes).map(([route, rule]) => (
            <li>
              {route}: {rule.enabled ? `${rule.threshold} ${rule.unit}` : t('notOffered')} ·{' '}
              <small>{rule.source}</small>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('policyVersions')}</h2>
        <ul>
          {props.versions.map((v) => (
            <li>
              {v.jurisdiction} · {v.effectiveFrom} · {v.title} ({v.id})
              {superseded.has(v.id) && <small> · {t('policySuperseded')}</small>}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
