// The public verification page of a decision notice (no login): a bank or a credit platform
// types the code printed on the notice, or follows its QR code, and learns that the notice is
// genuine, what it decided, and whether it stands now. Nothing else about the person is shown.
import type { NoticeVerification } from '../../src/services/decision-notices.js';
import { Flash, Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import type { MessageKey } from '../i18n.js';

function standingKey(v: NoticeVerification): MessageKey {
  if (v.standing === 'revoked') return 'standingRevoked';
  if (v.standing === 'superseded') return 'standingSuperseded';
  return v.kind === 'repair_approved' ? 'standingRepairInForce' : 'standingInForce';
}

export function VerifyNoticePage(props: {
  page: PageContext;
  code: string;
  found: NoticeVerification | null;
  notFound: boolean;
  retryAfterSeconds?: number;
}) {
  const { page, found } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('verifyTitle')}>
      <section class="narrow card">
        <h1>{t('verifyTitle')}</h1>
        <p>{t('verifyIntro')}</p>
        <form method="get" action="/verify" hx-boost="false">
          <div class="field">
            <label for="code">{t('verifyCodeLabel')}</label>
            <input id="code" name="code" required maxlength={40} autocomplete="off" value={props.code} />
          </div>
          <button type="submit">{t('verifySubmit')}</button>
        </form>
        {props.retryAfterSeconds !== undefined && (
          <Flash kind="error">{t('verifyThrottled', { seconds: props.retryAfterSeconds })}</Flash>
        )}
        {props.notFound && <Flash kind="error">{t('verifyNotFound')}</Flash>}
      </section>
      {found && (
        <section class="narrow card" aria-labelledby="verified">
          <h2 id="verified">{found.title}</h2>
          <p>{t('verifyGenuine')}</p>
          <dl class="facts">
            <dt>{t('verifyStatus')}</dt>
            <dd>
              <strong class={`standing standing-${found.standing}`} data-standing={found.standing}>
                {t(standingKey(found))}
              </strong>
            </dd>
            <dt>{t('noticeCode')}</dt>
            <dd>
              <code>{found.code}</code>
            </dd>
            <dt>{t('verifyCaseType')}</dt>
            <dd lang="zh-CN">{found.caseTypeName}</dd>
            <dt>{t('verifyDecision')}</dt>
            <dd lang="zh-CN">{found.decision}</dd>
            <dt>{t('noticeIssued')}</dt>
            <dd lang="zh-CN">{found.decidedOn}</dd>
            <dt>{t('verifySubject')}</dt>
            <dd>
              {found.subject.name}
              {found.subject.residentId ? ` (${found.subject.residentId})` : ''}
            </dd>
            {found.record && (
              <>
                <dt>{t('verifyRecord')}</dt>
                <dd lang="zh-CN">
                  {found.record.kind} · {found.record.decisionNumber} · {found.record.agency}
                </dd>
              </>
            )}
            <dt>{t('verifyDecidedBy')}</dt>
            <dd lang="zh-CN">{found.decidedBy}</dd>
            <dt>{t('verifyHash')}</dt>
            <dd>
              <code class="hash">{found.sha256}</code>
            </dd>
          </dl>
          {page.locale === 'en' && <p class="hint">{t('verifyNoteLanguage')}</p>}
        </section>
      )}
    </Layout>
  );
}
