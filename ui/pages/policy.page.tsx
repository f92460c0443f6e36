// The policy in force and its earlier versions: every deadline with its unit, the law it comes
// from and whether that number was verified; display periods; the repair routes offered.
import { Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import type { PolicyVersion } from '../../src/domain/policy.js';

export function PolicyPage(props: { page: PageContext; inForce: PolicyVersion; versions: PolicyVersion[] }) {
  const { page, inForce } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('policyTitle')}>
      <h1>{t('policyTitle')}</h1>
      <p>
        {t('policyInForce')}: <strong>{inForce.title}</strong> ({inForce.id}, {t('effectiveFrom')} {inForce.effectiveFrom})
      </p>
      <section class="card">
        <h2>{t('deadlinesTitle')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('limit')}</th>
                <th scope="col">{t('countsFrom')}</th>
                <th scope="col">{t('source')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(inForce.deadlines).map(([key, rule]) => (
                <tr>
                  <th scope="row">{key}</th>
                  <td>
                    {rule!.limit} {rule!.unit === 'working' ? t('workingDays') : t('calendarDays')}
                  </td>
                  <td>{rule!.countsFrom}</td>
                  <td>
                    {rule!.source} {!rule!.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
                    {rule!.note && (
                      <>
                        <br />
                        <small>{rule!.note}</small>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card">
        <h2>{t('displayPeriod')}</h2>
        <table>
          <tbody>
            {Object.entries(inForce.rules.displayPeriods).map(([cls, rule]) => (
              <tr>
                <th scope="row">{cls}</th>
                <td>
                  {rule.minimumMonths} – {rule.maximumMonths} {t('months')}
                </td>
                <td>{rule.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t('repairRoutes')}</h2>
        <ul>
          {Object.entries(inForce.rules.repair.routes).map(([route, rule]) => (
            <li>
              {route}: {rule.enabled ? `${rule.threshold} ${rule.unit}` : t('notOffered')} · <small>{rule.source}</small>
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
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
