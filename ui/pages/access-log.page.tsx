// Who looked at a person's data (查询使用登记): a citizen's own register, or for supervisors the
// latest entries of everyone's.
import { Layout } from '../components/layout.js';
import { TableCard } from '../components/table-card.js';
import type { PageContext } from '../page-context.js';
import { formatMoment } from '../page-context.js';

export interface AccessEntry {
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  purpose: string;
  caseId: string | null;
  subjectId: string;
}

export function AccessLogPage(props: { page: PageContext; entries: AccessEntry[] }) {
  const { page } = props;
  const { t } = page;
  const actionWords: Record<string, string> = { view_case: t('accessViewCase'), view_record: t('accessViewRecord'), download_evidence: t('accessDownload') };
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
          e.caseId ? <a href={`/cases/${e.caseId}`}>{actionWords[e.action] ?? e.action}</a> : (actionWords[e.action] ?? e.action),
          e.purpose,
        ])}
      />
    </Layout>
  );
}
