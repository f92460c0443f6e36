// Who looked at a person's data (查询使用登记): a citizen's own register, or for supervisors the
// latest entries of everyone's. Each entry says what was read: the case, its trail, its
// evidence, or the record.
import { Layout } from '../components/layout.js';
import { TableCard } from '../components/table-card.js';
import type { PageContext } from '../page-context.js';
import { formatMoment } from '../page-context.js';
import type { AccessAction } from '../../src/services/access-log.js';

export interface AccessEntry {
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  purpose: string;
  caseId: string | null;
  recordId: string | null;
  subjectId: string;
}

export function AccessLogPage(props: { page: PageContext; entries: AccessEntry[] }) {
  const { page } = props;
  const { t } = page;
  const actionWords: Record<AccessAction, string> = {
    view_case: t('accessViewCase'),
    view_audit_trail: t('accessViewTrail'),
    verify_audit_trail: t('accessVerifyTrail'),
    list_evidence: t('accessListEvidence'),
    download_evidence: t('accessDownload'),
    view_record: t('accessViewRecord'),
    download_notice: t('accessDownloadNotice'),
    reveal_resident_id: t('accessRevealResidentId'),
  };
  const wordOf = (action: string) =>
    Object.hasOwn(actionWords, action) ? actionWords[action as AccessAction] : action;
  return (
    <Layout page={page} title={t('accessLogTitle')}>
      <h1>{t('accessLogTitle')}</h1>
      <p>{t('accessLogIntro')}</p>
      <TableCard
        title={t('accessLogTitle')}
        headers={[t('at'), t('by'), t('accessWhat'), t('accessWhy')]}
        empty={t('accessLogEmpty')}
        rows={props.entries.map((e) => [
          formatMoment(page, e.at),
          `${e.actorName} (${e.actorRole})`,
          e.caseId ? (
            <a href={`/cases/${e.caseId}`}>{wordOf(e.action)}</a>
          ) : e.recordId ? (
            <a href={`/records/${e.recordId}`}>{wordOf(e.action)}</a>
          ) : (
            wordOf(e.action)
          ),
          e.purpose,
        ])}
      />
    </Layout>
  );
}
