// One record: its details, its version history and any self-explanation, and for its subject
// the forms for what they may file about it (an objection, a repair application, a
// self-explanation), each drawn from that case type's filing schema.
import { Flash, Layout } from '../components/layout.js';
import { ObligationScheduleSection } from '../components/obligation-schedule.js';
import { DeletedRecord, RecordSummary, VersionHistory } from '../components/record-view.js';
import { SchemaFields, type FormErrors, type FormValues, type JsonSchema } from '../components/schema-form.js';
import { forumRules, citationIn } from '../../src/domain/forums.js';
import { vocabularyText } from '../i18n.js';
import { formatDate, type PageContext } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import type { RecordView, RepairWait } from '../../src/services/read-records.js';

type RecordWithHistory = RecordView & {
  /** An open referral of the record to its forum, if any. */
  openReferralCaseId: string | null;
  obligationSchedule: {
    caseId: string;
    status: 'kept' | 'missed' | 'completed';
    instalments: { dueOn: string; amount: number; paidOn: string | null }[];
  } | null;
  history: {
    version: number;
    fields: Record<string, unknown>;
    changeReason: string;
    createdAt: string;
    changedByCaseId: string | null;
  }[];
  objectionsOnRecord?: ObjectionOnRecord[];
  /** A repairable record whose minimum display period still runs (the page shows a countdown, not the form). */
  repairWait?: RepairWait | null;
  displayRule?: { countsFrom: 'publication' | 'finding'; atMaximumUnperformed: 'expire' | 'stay_until_performed' };
};

interface ObjectionOnRecord {
  at: string;
  caseId: string;
  objection: string;
  supplements: string[];
  verification: { finding: string; answer: string } | null;
  reasons: string;
}

/** An unresolved objection kept on record beside the record (征信业管理条例 art. 25: 予以记载). */
function ObjectionsOnRecord(props: { page: PageContext; kept: ObjectionOnRecord[] }) {
  const { t } = props.page;
  if (props.kept.length === 0) return null;
  return (
    <section class="card" aria-labelledby="objections-on-record">
      <h2 id="objections-on-record">{t('objectionsOnRecord')}</h2>
      <p>{t('objectionsOnRecordWhy')}</p>
      {props.kept.map((kept) => (
        <dl class="objection-on-record">
          <dt>{t('objectionOnRecordObjection')}</dt>
          <dd>
            {kept.objection}
            {kept.supplements.map((more) => (
              <>
                <br />
                {more}
              </>
            ))}
          </dd>
          <dt>{t('objectionOnRecordVerification')}</dt>
          <dd>{kept.verification ? kept.verification.answer : t('objectionOnRecordNoVerification')}</dd>
          <dt>{t('objectionOnRecordReasons')}</dt>
          <dd>
            {kept.reasons} (<a href={`/cases/${kept.caseId}`}>{kept.at.slice(0, 10)}</a>)
          </dd>
        </dl>
      ))}
    </section>
  );
}

export interface FilingForm {
  type: string;
  schema: JsonSchema;
  acceptsFiles: boolean;
  values: FormValues;
  errors: FormErrors;
  problem?: string | undefined;
  /** "Apply again": the refused case whose uploads the new one keeps (by reference, same hashes). */
  kept?: { caseId: string; files: { filename: string; sha256: string }[] } | undefined;
}

/** The filing's fields without the ones the page fills in itself (the record, the parent case). */
export function withoutFixedFields(schema: JsonSchema, fixed: string[]): JsonSchema {
  const properties = { ...schema.properties };
  for (const name of fixed) delete properties[name];
  return { ...schema, properties, required: (schema.required ?? []).filter((name) => !fixed.includes(name)) };
}

export function FilingSection(props: {
  page: PageContext;
  action: string;
  form: FilingForm;
  fixed: string[];
  title: string;
}) {
  const { page, form } = props;
  const texts = caseText(page.locale, form.type);
  const id = `file-${form.type}`;
  return (
    <section class="card" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{props.title}</h2>
      {form.problem && <Flash kind="error">{form.problem}</Flash>}
      <form method="post" action={props.action} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={page.csrfToken} />
        <SchemaFields
          schema={withoutFixedFields(form.schema, props.fixed)}
          values={form.values}
          errors={form.errors}
          texts={texts}
          locale={page.locale}
          optionalLabel={page.t('optional')}
          idPrefix={id}
        />
        {form.kept && (
          <div class="kept-uploads">
            <input type="hidden" name="keepEvidenceOf" value={form.kept.caseId} />
            <p>{page.t('applyAgainNote')}</p>
            {form.kept.files.length > 0 && (
              <>
                <p>
                  <strong>{page.t('applyAgainKept')}</strong>
                </p>
                <ul>
                  {form.kept.files.map((file) => (
                    <li>
                      {file.filename} <small class="hash">sha256 {file.sha256.slice(0, 12)}…</small>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        {form.acceptsFiles && <FileField page={page} errors={form.errors} idPrefix={id} />}
        <button type="submit">{props.title}</button>
      </form>
    </section>
  );
}

export function RecordPage(props: { page: PageContext; record: RecordWithHistory; filings: FilingForm[] }) {
  const { page, record } = props;
  const { t } = page;
  const texts = caseText(page.locale, 'objection');
  const kindRule = record.kindRule;
  const titles: Record<string, string> = {
    objection: t('fileObjection'),
    repair: t('applyForRepair'),
    explanation: t('addExplanation'),
    referral: t('fileReferral', { forum: citationIn(page.locale, forumRules[kindRule.forum].decidedBy) }),
    deferral: t('applyForDeferral'),
  };
  return (
    <Layout
      page={page}
      title={`${t('record')} ${record.deletedAt ? vocabularyText(page.locale, 'status', 'deleted') : record.decisionNumber}`}
    >
      <p class="crumbs">
        <a href="/records">{t('navRecords')}</a>
      </p>
      <article class="card">
        {record.deletedAt ? (
          <DeletedRecord page={page} record={record} headingLevel={2} />
        ) : (
          <RecordSummary page={page} record={record} headingLevel={2} />
        )}
        {record.disputedByCaseId && (
          <p>
            <a href={`/cases/${record.disputedByCaseId}`}>{t('objectionOpen')}</a>
          </p>
        )}
        {record.explanation && (
          <blockquote class="explanation">
            <strong>{t('explanationShown')}</strong> {record.explanation}
          </blockquote>
        )}
        {record.displayRule && record.publicKind && (
          <p class="display-rule">
            {t(
              record.displayRule.countsFrom === 'finding' ? 'displayCountsFromFinding' : 'displayCountsFromPublication',
            )}{' '}
            {record.obligation &&
              !record.obligationPerformed &&
              record.displayRule.atMaximumUnperformed === 'stay_until_performed' &&
              t('displayStaysUntilPerformed')}
          </p>
        )}
      </article>
      {!record.deletedAt && <ForumSection page={page} record={record} />}
      {record.repairWait && page.actor?.role === 'citizen' && (
        <RepairCountdown page={page} wait={record.repairWait} recordClass={record.class} />
      )}
      {record.obligationSchedule && (
        <ObligationScheduleSection
          page={page}
          schedule={record.obligationSchedule}
          caseId={record.obligationSchedule.caseId}
        />
      )}
      <ObjectionsOnRecord page={page} kept={record.objectionsOnRecord ?? []} />
      <section class="card">
        <VersionHistory page={page} history={record.history} fieldLabel={texts.field} />
      </section>
      {props.filings.map((form) => (
        <FilingSection
          page={page}
          action={`/records/${record.id}/file/${form.type}`}
          form={form}
          fixed={['recordId']}
          title={titles[form.type] ?? form.type}
        />
      ))}
    </Layout>
  );
}

/**
 * A repairable record not yet eligible: the first day an application is accepted, the days left
 * and the rule that sets the date; no form until then (the server refuses the same days).
 */
function RepairCountdown(props: { page: PageContext; wait: RepairWait; recordClass: string }) {
  const { page, wait } = props;
  const { t, locale } = page;
  return (
    <section class="card repair-wait" aria-labelledby="repair-wait-heading">
      <h2 id="repair-wait-heading">{t('repairWaitTitle')}</h2>
      <p class="countdown">
        <strong>
          {t(wait.daysLeft === 1 ? 'repairWaitCountdownOne' : 'repairWaitCountdown', {
            date: formatDate(page, wait.firstDay),
            days: wait.daysLeft,
          })}
        </strong>
      </p>
      <p class="rule">
        {t('repairWaitRule', {
          class: vocabularyText(locale, 'class', props.recordClass),
          months: wait.minimumMonths,
          from: t(wait.countsFrom === 'finding' ? 'repairWaitFromFinding' : 'repairWaitFromPublication'),
        })}{' '}
        <small>
          {t('sourceLabel')}: {citationIn(locale, wait.source)}
        </small>
      </p>
      <p>{t('repairWaitNoForm')}</p>
    </section>
  );
}

/**
 * Where an objection about the record goes and whether it can be repaired here, for a kind that
 * another forum decides or the law excludes from repair (src/domain/forums.ts); nothing for the
 * records decided here.
 */
function ForumSection(props: { page: PageContext; record: RecordWithHistory }) {
  const { page, record } = props;
  const { t, locale } = page;
  const rule = record.kindRule;
  if (rule.forum === 'platform' && rule.repair.repairable) return null;
  const forum = forumRules[rule.forum];
  return (
    <section class="card forum" aria-labelledby="forum-heading">
      <h2 id="forum-heading">{t('whereItGoes')}</h2>
      {rule.forum !== 'platform' && (
        <p class="decided-elsewhere">
          {t('decidedElsewhere', { forum: citationIn(locale, forum.decidedBy) })}{' '}
          <small>
            {t('sourceLabel')}: {citationIn(locale, forum.source)}
          </small>
        </p>
      )}
      {record.openReferralCaseId && (
        <p>
          <a href={`/cases/${record.openReferralCaseId}`}>{t('referralOpen')}</a>
        </p>
      )}
      {!rule.repair.repairable && (
        <div class="not-repairable">
          <h3>{t('notRepairable')}</h3>
          <p>{citationIn(locale, rule.repair.reason)}</p>
          <p>
            <strong>{t('whatYouCanDo')}:</strong> {citationIn(locale, rule.repair.instead)}
          </p>
          <p>
            <small>
              {t('sourceLabel')}: {citationIn(locale, rule.repair.source)}
              {!rule.repair.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
            </small>
          </p>
        </div>
      )}
    </section>
  );
}

export function FileField(props: { page: PageContext; errors: FormErrors; idPrefix: string }) {
  const errors = props.errors.files ?? [];
  const id = `${props.idPrefix}-files`;
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={id}>{props.page.t('files')}</label>
      <input
        type="file"
        id={id}
        name="files"
        multiple
        accept="application/pdf,image/png,image/jpeg,image/webp"
        aria-describedby={errors.length ? `${id}-error` : undefined}
      />
      {errors.length > 0 && (
        <p class="field-error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
