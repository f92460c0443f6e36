// The citizen's records: each with its kind, severity, status and marks, display period, and
// a way to object to it (or to follow the objection already open).
import { Layout } from '../components/layout.js';
import { RecordSummary } from '../components/record-view.js';
import type { PageContext } from '../page-context.js';
import type { RecordView } from '../../src/services/read-records.js';

export function RecordsPage(props: { page: PageContext; records: RecordView[] }) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t('recordsTitle')}>
      <h1>{t('recordsTitle')}</h1>
      <p>{t('recordsIntro')}</p>
      <p>
        <a href="/api/v1/me/export" hx-boost="false" download>{t('exportMyData')}</a>
      </p>
      {props.records.length === 0 && <p>{t('noRecords')}</p>}
      <ul class="cards">
        {props.records.map((record) => (
          <li class="card">
            <RecordSummary page={props.page} record={record} />
            <p class="card-actions">
              <a href={`/records/${record.id}`}>{t('viewRecord')}</a>
              {record.disputedByCaseId ? (
                <a href={`/cases/${record.disputedByCaseId}`}>{t('objectionOpen')}</a>
              ) : (
                <a class="button" href={`/records/${record.id}#file-objection`}>{t('fileObjection')}</a>
              )}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
