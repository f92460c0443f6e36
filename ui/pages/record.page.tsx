// One record: its details, its version history, and for its subject the form to object to it,
// drawn from the objection's filing schema.
import { Flash, Layout } from '../components/layout.js';
import { RecordSummary, VersionHistory } from '../components/record-view.js';
import { SchemaFields, type FormErrors, type FormValues, type JsonSchema } from '../components/schema-form.js';
import type { PageContext } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { RecordView } from '../../src/services/read-records.js';

type RecordWithHistory = RecordView & { history: { version: number; fields: Record<string, unknown>; changeReason: string; createdAt: string; changedByCaseId: string | null }[] };

export function RecordPage(props: {
  page: PageContext;
  record: RecordWithHistory;
  /** The filing form, when the viewer may object to this record now. */
  filing: { schema: JsonSchema; values: FormValues; errors: FormErrors; problem?: string } | null;
}) {
  const { page, record } = props;
  const { t } = page;
  const texts = caseText(page.locale, 'objection');
  const schema = props.filing ? { ...props.filing.schema, properties: { ...props.filing.schema.properties } } : null;
  if (schema?.properties) delete schema.properties.recordId;
  return (
    <Layout page={page} title={`${t('record')} ${record.decisionNumber}`}>
      <p class="crumbs">
        <a href="/records">{t('navRecords')}</a>
      </p>
      <article class="card">
        <RecordSummary page={page} record={record} headingLevel={2} />
        {record.disputedByCaseId && (
          <p>
            <a href={`/cases/${record.disputedByCaseId}`}>{t('objectionOpen')}</a>
          </p>
        )}
      </article>
      <section class="card">
        <VersionHistory page={page} history={record.history} fieldLabel={texts.field} />
      </section>
      {schema && props.filing && (
        <section class="card" id="object">
          <h2>{t('fileObjection')}</h2>
          {props.filing.problem && <Flash kind="error">{props.filing.problem}</Flash>}
          <form method="post" action={`/records/${record.id}/objections`} enctype="multipart/form-data">
            <input type="hidden" name="_csrf" value={page.csrfToken} />
            <SchemaFields schema={schema} values={props.filing.values} errors={props.filing.errors} texts={texts} locale={page.locale} optionalLabel={t('optional')} idPrefix="filing" />
            <FileField page={page} errors={props.filing.errors} idPrefix="filing" />
            <button type="submit">{t('fileObjection')}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function FileField(props: { page: PageContext; errors: FormErrors; idPrefix: string }) {
  const errors = props.errors.files ?? [];
  const id = `${props.idPrefix}-files`;
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={id}>{props.page.t('files')}</label>
      <input type="file" id={id} name="files" multiple accept="application/pdf,image/png,image/jpeg,image/webp" aria-describedby={errors.length ? `${id}-error` : undefined} />
      {errors.length > 0 && <p class="field-error" id={`${id}-error`}>{errors.join(' ')}</p>}
    </div>
  );
}
