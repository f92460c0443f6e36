// The citizen's records: those on the public credit platforms, each with its kind, severity,
// status and marks, display period, and a way to object to it (or to follow the objection
// already open); apart from them the credit-report records (征信记录), which are not public
// credit information and are never published, a deleted one shown with the day it was deleted.
import { Layout } from '../components/layout.js';
import { DeletedRecord, RecordSummary } from '../components/record-view.js';
import { FreeFilingNotice } from '../components/free-filing.js';
import type { PageContext } from '../page-context.js';
import type { RecordView } from '../../src/services/read-records.js';

function RecordCard(props: { page: PageContext; record: RecordView; headingLevel?: 2 | 3 }) {
  const { page, record } = props;
  const { t } = page;
  if (record.deletedAt) {
    return (
      <li class="card">
        <DeletedRecord page={page} record={record} headingLevel={props.headingLevel} />
      </li>
    );
  }
  return (
    <li class="card">
      <RecordSummary page={page} record={record} headingLevel={props.headingLevel} />
      <p class="card-actions">
        <a href={`/records/${record.id}`}>{t('viewRecord')}</a>
        {record.disputedByCaseId ? (
          <a href={`/cases/${record.disputedByCaseId}`}>{t('objectionOpen')}</a>
        ) : (
          <a class="button" href={`/records/${record.id}#file-objection`}>
            {t('fileObjection')}
          </a>
        )}
      </p>
    </li>
  );
}

export function RecordsPage(props: { page: PageContext; records: RecordView[] }) {
  const { t } = props.page;
  const publicRecords = props.records.filter((record) => record.publicKind);
  const creditReports = props.records.filter((record) => !record.publicKind);
  return (
    <Layout page={props.page} title={t('recordsTitle')}>
      <h1>{t('recordsTitle')}</h1>
      <p>{t('recordsIntro')}</p>
      <p>
        <a href="/api/v1/me/export" hx-boost="false" download>
          {t('exportMyData')}
        </a>
      </p>
      {publicRecords.length === 0 && <p>{t('noRecords')}</p>}
      <ul class="cards">
        {publicRecords.map((record) => (
          <RecordCard page={props.page} record={record} />
        ))}
      </ul>
      <p>
        <a class="button" href="/file-on-behalf">
          {t('onBehalfLink')}
        </a>
      </p>
      <FreeFilingNotice page={props.page} />
      {creditReports.length > 0 && (
        <section class="credit-reports" aria-labelledby="credit-reports-heading">
          <h2 id="credit-reports-heading">{t('creditReportsTitle')}</h2>
          <p>{t('creditReportsIntro')}</p>
          <ul class="cards">
            {creditReports.map((record) => (
              <RecordCard page={props.page} record={record} headingLevel={3} />
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
