// The citizen's records: those on the public credit platforms, each with its kind, severity,
// status and marks, display period, and a way to object to it (or to follow the objection
// already open); apart from them the credit-report records (征信记录), which are not public
// credit information and are never published, a deleted one shown with the day it was deleted.
import { Flash, Layout } from '../components/layout.js';
import { DeletedRecord, RecordSummary } from '../components/record-view.js';
import { FreeFilingNotice } from '../components/free-filing.js';
import { SchemaFields, type FormErrors, type FormValues, type JsonSchema } from '../components/schema-form.js';
import { formatDate, type PageContext } from '../page-context.js';
import { repairRuleTexts } from '../problem-texts.js';
import { textIn } from '../i18n.js';
import { caseText } from '../texts/case-texts.js';
import { FileField } from './record.page.js';
import type { FailedRule } from '../../src/domain/repair-eligibility.js';
import type { RecordView } from '../../src/services/read-records.js';

/**
 * The form that files one repair application for several records (issue 16 item 2): its
 * fields (the repair filing's, without the record), what was sent, and after a refusal the
 * problem and each record that did not qualify with its rules.
 */
export interface SeveralRecordsForm {
  schema: JsonSchema;
  values: FormValues;
  errors: FormErrors;
  problem?: string | undefined;
  refused?: { recordId: string; decisionNumber: string | null; rules: FailedRule['rule'][] }[];
}

const severalFormId = 'repair-several';

/** A checkbox where the record may be repaired now; otherwise why not, rule by rule. */
function RepairChoice(props: {
  page: PageContext;
  record: RecordView;
  failed: FailedRule['rule'][] | undefined;
  checked: boolean;
}) {
  const { page, record, failed } = props;
  const { t, locale } = page;
  if (!failed) return null;
  const id = `repair-choice-${record.id}`;
  if (failed.length === 0) {
    return (
      <p class="repair-choice">
        <input
          type="checkbox"
          id={id}
          name="recordIds"
          value={record.id}
          form={severalFormId}
          checked={props.checked}
        />{' '}
        <label for={id}>{t('includeInApplication', { record: record.decisionNumber })}</label>
      </p>
    );
  }
  return (
    <p class="repair-choice not-now">
      {t('notRepairableNow')}{' '}
      {failed.map((rule) => textIn(locale, repairRuleTexts[rule])).join(locale === 'zh-CN' ? '' : ' ')}
      {failed.includes('minimum_period') && record.firstRepairDay && (
        <> {t('repairFromDay', { date: formatDate(page, record.firstRepairDay) })}</>
      )}
    </p>
  );
}

function RecordCard(props: {
  page: PageContext;
  record: RecordView;
  headingLevel?: 2 | 3;
  repairChoice?: FailedRule['rule'][] | undefined;
  chosen?: boolean;
}) {
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
      <RepairChoice page={page} record={record} failed={props.repairChoice} checked={props.chosen ?? false} />
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

/** The application's own form: the commitment once, the routes, the evidence once. */
function SeveralRecordsSection(props: {
  page: PageContext;
  form: SeveralRecordsForm;
  records: RecordView[];
  anyChoice: boolean;
}) {
  const { page, form } = props;
  const { t, locale } = page;
  const numberOf = new Map(props.records.map((r) => [r.id, r.decisionNumber]));
  return (
    <section class="card" id="apply-several" aria-labelledby="apply-several-heading">
      <h2 id="apply-several-heading">{t('severalTitle')}</h2>
      {form.problem && <Flash kind="error">{form.problem}</Flash>}
      {(form.refused ?? []).length > 0 && (
        <div class="refused-records">
          <h3>{t('applicationRefusedRecords')}</h3>
          <ul>
            {form.refused!.map((record) => (
              <li>
                <strong>{record.decisionNumber ?? numberOf.get(record.recordId) ?? ''}</strong>
                {locale === 'zh-CN' ? '：' : ': '}
                {record.rules.map((rule) => textIn(locale, repairRuleTexts[rule])).join(locale === 'zh-CN' ? '' : ' ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{t('severalIntro')}</p>
      {Object.keys(form.errors).some((path) => path.startsWith('recordIds')) && (
        <p class="field-error" role="alert">
          {t('chooseRecordsToRepair')}
        </p>
      )}
      {props.anyChoice ? (
        <form method="post" action="/repair-applications" enctype="multipart/form-data" id={severalFormId}>
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <SchemaFields
            schema={form.schema}
            values={form.values}
            errors={form.errors}
            texts={caseText(locale, 'repair')}
            locale={locale}
            optionalLabel={t('optional')}
            idPrefix={severalFormId}
          />
          <FileField page={page} errors={form.errors} idPrefix={severalFormId} failed={Boolean(form.problem)} />
          <button type="submit">{t('applySeveral')}</button>
        </form>
      ) : (
        <p>{t('noneRepairableNow')}</p>
      )}
    </section>
  );
}

export function RecordsPage(props: {
  page: PageContext;
  records: RecordView[];
  /** For each record, the repair rules it fails today (none: it may be ticked). */
  repairChoices?: Map<string, FailedRule['rule'][]>;
  several?: SeveralRecordsForm;
}) {
  const { t } = props.page;
  const publicRecords = props.records.filter((record) => record.publicKind);
  const creditReports = props.records.filter((record) => !record.publicKind);
  const chosen = new Set([props.several?.values.recordIds ?? []].flat());
  const anyChoice = publicRecords.some((record) => props.repairChoices?.get(record.id)?.length === 0);
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
          <RecordCard
            page={props.page}
            record={record}
            repairChoice={record.deletedAt ? undefined : props.repairChoices?.get(record.id)}
            chosen={chosen.has(record.id)}
          />
        ))}
      </ul>
      {props.several && publicRecords.length > 0 && (
        <SeveralRecordsSection page={props.page} form={props.several} records={props.records} anyChoice={anyChoice} />
      )}
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
