// The policy in force and its earlier versions: every deadline with its unit, the law it comes
// from and whether that number was verified; display periods; the repair routes offered.
import { Layout } from '../components/layout.js';
import { TableCard } from '../components/table-card.js';
import type { PageContext } from '../page-context.js';
import { citationIn } from '../../src/domain/citation.js';
import { forumRules, recordKindRules } from '../../src/domain/forums.js';
import type { PolicySource, PolicyVersion } from '../../src/domain/policy.js';
import { vocabularyText } from '../i18n.js';

export function PolicyPage(props: { page: PageContext; inForce: PolicyVersion; versions: PolicyVersion[] }) {
  const { page, inForce } = props;
  const { t, locale } = page;
  const cite = (source: PolicySource) => citationIn(locale, source);
  const unverified = (verified: boolean) => !verified && <span class="badge sla-at_risk">{t('unverified')}</span>;
  const { rules } = inForce;
  // Every number of the rules with its source (numbers a stored older document lacks are left out).
  const numbers: [string, string, PolicySource, boolean][] = [
    [
      t('policyBanMonths'),
      `${rules.repair.banAfterFalseMaterialMonths.value} ${t('months')}`,
      rules.repair.banAfterFalseMaterialMonths.source,
      rules.repair.banAfterFalseMaterialMonths.verified,
    ],
    [
      t('policyReviewWindow'),
      `${rules.review.applicationWindowDays.value} ${t('calendarDays')}`,
      rules.review.applicationWindowDays.source,
      rules.review.applicationWindowDays.verified,
    ],
    [
      t('policyReviewExtension'),
      `${rules.review.extensionDays.value} ${t('calendarDays')}`,
      rules.review.extensionDays.source,
      rules.review.extensionDays.verified,
    ],
    [
      t('policyCreditReportKept'),
      `${rules.creditReportKeeping.keptMonths} ${t('months')}`,
      rules.creditReportKeeping.source,
      true,
    ],
  ];
  // A stored version replaced by a corrected one stays for the cases opened under it.
  const superseded = new Set(props.versions.flatMap((v) => v.supersedes ?? []));
  return (
    <Layout page={page} title={t('policyTitle')}>
      <h1>{t('policyTitle')}</h1>
      <p>
        {t('policyInForce')}: <strong>{cite(inForce.title)}</strong> ({inForce.id}, {t('effectiveFrom')}{' '}
        {inForce.effectiveFrom})
      </p>
      <TableCard
        title={t('deadlinesTitle')}
        headers={[t('step'), t('limit'), t('countsFrom'), t('source')]}
        rows={Object.entries(inForce.deadlines).map(([key, rule]) => [
          vocabularyText(locale, 'deadlineStep', key),
          `${rule!.limit} ${rule!.unit === 'working' ? t('workingDays') : t('calendarDays')}`,
          cite(rule!.countsFrom),
          <>
            <span class="source">{cite(rule!.source)}</span> {unverified(rule!.verified)}
            {rule!.note && (
              <>
                <br />
                <small>{cite(rule!.note)}</small>
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
                  {cite(rule!.extension.source)}{' '}
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
              {cite(source.text)} {!source.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
            </li>
          ))}
        </ul>
      )}
      <TableCard
        title={t('displayPeriod')}
        rows={Object.entries(rules.displayPeriods).map(([cls, rule]) => [
          vocabularyText(locale, 'class', cls),
          rule.published
            ? `${rule.minimumMonths} – ${rule.maximumMonths} ${t('months')}`
            : `${t('notPublishedInPrinciple')} (≤ ${rule.maximumMonths} ${t('months')})`,
          cite(rule.source),
        ])}
      />
      <TableCard
        title={t('policyNumbers')}
        headers={[t('step'), t('limit'), t('source')]}
        rows={numbers.map(([what, value, source, verified]) => [
          what,
          value,
          <>
            {cite(source)} {unverified(verified)}
          </>,
        ])}
      />
      <TableCard
        title={t('whereItGoes')}
        headers={[t('kind'), t('policyDecidedBy'), t('notRepairable'), t('source')]}
        rows={Object.entries(recordKindRules).map(([kind, rule]) => [
          vocabularyText(locale, 'kind', kind),
          cite(forumRules[rule.forum].decidedBy),
          rule.repair.repairable ? '—' : cite(rule.repair.reason),
          <>
            {cite(forumRules[rule.forum].source)}
            {!rule.repair.repairable && (
              <>
                <br />
                <small>{cite(rule.repair.source)}</small> {unverified(rule.repair.verified)}
              </>
            )}
          </>,
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
          {Object.entries(rules.repair.routes).map(([route, rule]) => (
            <li>
              {route}: {rule.enabled ? `${rule.threshold} ${rule.unit}` : t('notOffered')} ·{' '}
              <small>{cite(rule.source)}</small>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('policyVersions')}</h2>
        <ul>
          {props.versions.map((v) => (
            <li>
              {v.jurisdiction} · {v.effectiveFrom} · {cite(v.title)} ({v.id})
              {superseded.has(v.id) && <small> · {t('policySuperseded')}</small>}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
