// One record: its details, its version history and any self-explanation, and for its subject
// the forms for what they may file about it (an objection, a repair application, a
// self-explanation), each drawn from that case type's filing schema.
import type { Child } from 'hono/jsx';
import { FreeFilingNotice } from '../components/free-filing.js';
import { ContactPhoneField } from '../components/on-behalf.js';
import { Flash, Layout } from '../components/layout.js';
import { ObligationScheduleSection } from '../components/obligation-schedule.js';
import { DeletedRecord, RecordSummary, VersionHistory } from '../components/record-view.js';
import { SchemaFields, type FormErrors, type FormValues, type JsonSchema } from '../components/schema-form.js';
import { forumRules, citationIn } from '../../src/domain/forums.js';
import { vocabularyText } from '../i18n.js';
import { formatDate, formatMoment, type PageContext } from '../page-context.js';
import type { PolicySource } from '../../src/domain/policy.js';
import { chinaDateOf } from '../../src/domain/calendar.js';
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
  displayEnded?: {
    at: string;
    status: 'repaired' | 'expired';
    changedByCaseId: string | null;
    platforms: { name: string; confirmedAt: string | null }[];
  } | null;
  displayRule?: {
    countsFrom: 'publication' | 'finding';
    atMaximumUnperformed: 'expire' | 'stay_until_performed';
    policyVersionId?: string;
    policyTitle?: PolicySource;
    foundOn?: string;
    chosenBy?: 'jurisdiction' | 'national' | 'earliest';
    basis?: { source: PolicySource; verified: boolean };
  };
  repairBans?: RepairBan[];
  forumAnswers?: ForumAnswer[];
  /** A repairable record whose minimum display period still runs (the page shows a countdown, not the form). */
  repairWait?: RepairWait | null;
};

interface ObjectionOnRecord {
  at: string;
  caseId: string;
  objection: string;
  supplements: string[];
  verification: { finding: string; answer: string } | null;
  reasons: string;
}

/** After repair or expiry: when public display ended, and which platforms confirmed the stop. */
function DisplayEnded(props: { page: PageContext; ended: NonNullable<RecordWithHistory['displayEnded']> }) {
  const { page, ended } = props;
  const { t, locale } = page;
  return (
    <section class="card display-ended" aria-labelledby="display-ended">
      <h2 id="display-ended">{t('displayEndedTitle')}</h2>
      <p>
        {t('displayEndedOn', {
          date: formatMoment(page, ended.at),
          status: vocabularyText(locale, 'status', ended.status),
        })}{' '}
        {ended.changedByCaseId && <a href={`/cases/${ended.changedByCaseId}`}>{t('displayEndedCase')}</a>}
      </p>
      {ended.platforms.length === 0 ? (
        <p>{t('noPlatformsToTell')}</p>
      ) : (
        <>
          <p>{t('displayEndedPlatforms')}</p>
          <ul class="platform-stops">
            {ended.platforms.map((platform) => (
              <li>
                {platform.name}
                {locale === 'zh-CN' ? '：' : ': '}
                {platform.confirmedAt
                  ? t('platformStopConfirmed', { date: formatMoment(page, platform.confirmedAt) })
                  : t('platformStopPending')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface RepairBan {
  until: string;
  reason: string;
  caseId: string;
  liftedAt: string | null;
  liftedByCaseId: string | null;
}

interface ForumAnswer {
  at: string;
  caseId: string;
  forum: string;
  outcome: string;
  answeredOn: string;
  answeredBy: string;
  reference: string | null;
  answer: string;
}

/**
 * A bar on repair (false material, a revoked repair) while it runs, and its lifting by a
 * re-examination or administrative review that went the person's way.
 */
function RepairBans(props: { page: PageContext; bans: RepairBan[] }) {
  const { page } = props;
  const { t } = page;
  if (props.bans.length === 0) return null;
  return (
    <section class="card repair-bans" aria-labelledby="repair-bans">
      <h2 id="repair-bans">{t('repairBanned')}</h2>
      {props.bans.map((ban) =>
        ban.liftedAt ? (
          <p class="repair-ban-lifted">
            {t('repairBanLifted', {
              until: formatDate(page, ban.until),
              on: formatDate(page, chinaDateOf(new Date(ban.liftedAt))),
            })}{' '}
            {ban.liftedByCaseId && <a href={`/cases/${ban.liftedByCaseId}`}>{t('repairBanCase')}</a>}
          </p>
        ) : (
          <p class="repair-ban">
            {t('repairBannedUntil', { until: formatDate(page, ban.until), reason: ban.reason })}{' '}
            <a href={`/cases/${ban.caseId}`}>{t('repairBanCase')}</a>
          </p>
        ),
      )}
    </section>
  );
}

/** What the forum a referral went to answered (the court, the credit-reporting agency), beside the record. */
function ForumAnswers(props: { page: PageContext; answers: ForumAnswer[] }) {
  const { page } = props;
  const { t } = page;
  if (props.answers.length === 0) return null;
  const texts = caseText(page.locale, 'referral');
  return (
    <section class="card forum-answers" aria-labelledby="forum-answers">
      <h2 id="forum-answers">{t('forumAnswers')}</h2>
      {props.answers.map((answer) => (
        <dl class="forum-answer">
          <dt>
            {t('forumAnswerLine', {
              on: formatDate(page, answer.answeredOn),
              forum: answer.answeredBy,
              outcome: texts.outcome(answer.outcome),
            })}
          </dt>
          {answer.reference && (
            <dd>
              {t('forumReference')}: {answer.reference}
            </dd>
          )}
          <dd>
            {t('forumAnswerText')}: {answer.answer} (<a href={`/cases/${answer.caseId}`}>{texts.name}</a>)
          </dd>
        </dl>
      ))}
    </section>
  );
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
  /** Fields the page adds before the filing's own (filing on someone's behalf). */
  before?: Child;
  /** What the submit button says, where not the title. */
  submit?: string;
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
        {props.before}
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
        {page.actor?.role === 'citizen' && (
          <ContactPhoneField page={page} values={form.values} errors={form.errors} idPrefix={id} />
        )}
        {form.acceptsFiles && (
          <FileField page={page} errors={form.errors} idPrefix={id} failed={Boolean(form.problem)} />
        )}
        <button type="submit">{props.submit ?? props.title}</button>
      </form>
    </section>
  );
}

export function RecordPage(props: { page: PageContext; record: RecordWithHistory; filings: FilingForm[] }) {
  const { page, record } = props;
  const { t, locale } = page;
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
            {record.displayRule.policyVersionId && (
              <span class="rules-at-finding">
                {t('displayRulesAtFinding', {
                  date: formatDate(page, record.displayRule.foundOn),
                  title: citationIn(locale, record.displayRule.policyTitle ?? ''),
                  id: record.displayRule.policyVersionId,
                })}{' '}
                {record.displayRule.chosenBy === 'national' && t('displayRulesNational')}
                {record.displayRule.chosenBy === 'earliest' && t('displayRulesEarliest')}
                {record.displayRule.basis && (
                  <>
                    <br />
                    <small>
                      {t('sourceLabel')}: {citationIn(locale, record.displayRule.basis.source)}{' '}
                      {!record.displayRule.basis.verified && <span class="badge sla-at_risk">{t('unverified')}</span>}
                    </small>
                  </>
                )}
                <br />
              </span>
            )}
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
      {record.displayEnded && <DisplayEnded page={page} ended={record.displayEnded} />}
      <ObjectionsOnRecord page={page} kept={record.objectionsOnRecord ?? []} />
      <ForumAnswers page={page} answers={record.forumAnswers ?? []} />
      <RepairBans page={page} bans={record.repairBans ?? []} />
      <section class="card">
        <VersionHistory page={page} history={record.history} fieldLabel={texts.field} />
      </section>
      {props.filings.length > 0 && <FreeFilingNotice page={page} />}
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

/**
 * The evidence files of a form. A browser cannot give a file input back its files, so after a
 * failed submission the person is told plainly to choose them again (nothing of them was kept).
 */
export function FileField(props: { page: PageContext; errors: FormErrors; idPrefix: string; failed?: boolean }) {
  const errors = props.errors.files ?? [];
  const id = `${props.idPrefix}-files`;
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={id}>{props.page.t('files')}</label>
      {props.failed && (
        <p class="files-again" role="status">
          {props.page.t('filesChooseAgain')}
        </p>
      )}
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
