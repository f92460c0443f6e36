// A repair application for several records: the commitment signed once, the evidence shared by
// every case, and each record's case side by side (one card each: a row of cards on a wide
// screen, one under another on a phone): the record, the department that decides it, the stage,
// the next deadline, the decision and its notice, and a link to the case.
import { DeadlineText, waitingOnKey } from '../components/case-bits.js';
import { Flash, Layout } from '../components/layout.js';
import type { MessageKey } from '../i18n.js';
import { vocabularyText } from '../i18n.js';
import { formatMoment, type PageContext } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { ApplicationCaseView, RepairApplicationView } from '../../src/services/read-repair-applications.js';

const decisionKeys: Record<string, MessageKey> = {
  approved: 'repairDecisionApproved',
  refused: 'repairDecisionRefused',
  refused_false_material: 'repairDecisionRefusedFalseMaterial',
  withdrawn: 'repairDecisionWithdrawn',
  revoked: 'repairDecisionRevoked',
};

function Decision(props: { page: PageContext; decision: ApplicationCaseView['decision'] }) {
  const { page, decision } = props;
  if (!decision) return <>{page.t('applicationNoDecision')}</>;
  const key = decisionKeys[decision.outcome];
  return (
    <>
      <strong class={`decision decision-${decision.outcome}`}>{key ? page.t(key) : decision.outcome}</strong>
      {decision.reasonCode && <> · {vocabularyText(page.locale, 'reasonCode', decision.reasonCode)}</>}
      {decision.reasons && <p class="decision-reasons">{decision.reasons}</p>}
    </>
  );
}

function RecordCase(props: { page: PageContext; theCase: ApplicationCaseView }) {
  const { page, theCase } = props;
  const { t, locale } = page;
  const texts = caseText(locale, 'repair');
  const headingId = `record-${theCase.caseId}`;
  return (
    <li class="card application-record">
      <h3 id={headingId}>
        {vocabularyText(locale, 'kind', theCase.recordKind)} · {theCase.decisionNumber}
      </h3>
      <dl class="facts">
        <dt>{t('applicationDepartment')}</dt>
        <dd class="department">{theCase.agencyName}</dd>
        <dt>{t('applicationStage')}</dt>
        <dd>
          <span class={`badge state-${theCase.status}`}>{texts.state(theCase.state)}</span>{' '}
          {theCase.status === 'open' && <small class="waiting-on">{t(waitingOnKey(theCase, page))}</small>}
        </dd>
        <dt>{t('applicationDeadline')}</dt>
        <dd>
          <DeadlineText page={page} view={theCase} />
        </dd>
        <dt>{t('applicationDecision')}</dt>
        <dd class="decision-cell">
          <Decision page={page} decision={theCase.decision} />
        </dd>
        <dt>{t('applicationNotice')}</dt>
        <dd>
          {theCase.notices.length === 0
            ? t('applicationNoNotice')
            : theCase.notices.map((notice) => (
                <a href={`/cases/${theCase.caseId}/notices/${notice.code}`} hx-boost="false" download>
                  {t('applicationNotice')} {notice.code}
                </a>
              ))}
        </dd>
      </dl>
      <p class="card-actions">
        <a href={`/cases/${theCase.caseId}`}>{t('applicationOpenCase', { case: theCase.caseId.slice(0, 8) })}</a>
      </p>
    </li>
  );
}

export function RepairApplicationPage(props: {
  page: PageContext;
  application: RepairApplicationView;
  filed?: boolean;
}) {
  const { page, application } = props;
  const { t, locale } = page;
  const citizen = page.actor?.role === 'citizen';
  const title = t('applicationTitle', { n: application.cases.length });
  return (
    <Layout page={page} title={title}>
      <p class="crumbs">
        <a href={citizen ? '/records' : '/cases'}>{citizen ? t('navRecords') : t('navQueue')}</a>
      </p>
      <h1>{title}</h1>
      {props.filed && <Flash kind="ok">{t('applicationFiled')}</Flash>}
      <p>{t('applicationIntro')}</p>
      {application.recordsInAll > application.cases.length && <p class="note">{t('applicationOnlyYours')}</p>}
      <section aria-labelledby="application-records">
        <h2 id="application-records">{t('applicationRecords')}</h2>
        <ul class="application-records">
          {application.cases.map((theCase) => (
            <RecordCase page={page} theCase={theCase} />
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="application-commitment">
        <h2 id="application-commitment">{t('applicationCommitment')}</h2>
        <p class="commitment">{application.commitment}</p>
        <p>
          <small>
            {t('applicationFiledOn')}
            {locale === 'zh-CN' ? '：' : ': '}
            {formatMoment(page, application.filedAt)}
          </small>
        </p>
      </section>
      <section class="card" aria-labelledby="application-evidence">
        <h2 id="application-evidence">{t('applicationEvidence')}</h2>
        {application.evidence.length === 0 ? (
          <p>{t('applicationNoEvidence')}</p>
        ) : (
          <ul class="shared-evidence">
            {application.evidence.map((file) => (
              <li>
                {file.filename} <small class="hash">sha256 {file.sha256.slice(0, 12)}…</small>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
