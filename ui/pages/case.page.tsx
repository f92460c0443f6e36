// One case: where it stands and by when, what this user may do now (one form per action the
// machine allows them, drawn from the action's schema), the record and its history, the
// evidence, the timeline, the lifecycle diagram and the audit chain with its verification.
import type { CaseType } from '../../machines/index.js';
import { DeadlineText, waitingOnKey } from '../components/case-bits.js';
import { Flash, Layout } from '../components/layout.js';
import { vocabularyText } from '../i18n.js';
import { LifecycleDiagram } from '../components/lifecycle-diagram.js';
import { RecordSummary, VersionHistory } from '../components/record-view.js';
import { Remedies } from '../components/remedies.js';
import type { Remedy } from '../../src/domain/remedies.js';
import type { CaseNoticeListing } from '../../src/services/decision-notices.js';
import type { CaseFiler } from '../../src/services/read-agent-flags.js';
import type { OnBehalfRelation } from '../../src/domain/on-behalf.js';
import { onBehalfRelationKeys } from '../components/on-behalf.js';
import type { PolicySource } from '../../src/domain/policy.js';
import {
  SchemaFields,
  type FieldChoices,
  type FormErrors,
  type FormValues,
  type JsonSchema,
} from '../components/schema-form.js';
import type { PageContext } from '../page-context.js';
import { formatDate, formatMoment } from '../page-context.js';
import { caseText, type CaseText } from '../texts/case-texts.js';
import type { ChainVerification, StoredAuditEvent } from '../../src/domain/audit-chain.js';
import type { DeadlineExplanation } from '../../src/domain/calendar.js';
import type { AttachmentListing } from '../../src/services/read-attachments.js';
import type { CaseView } from '../../src/services/read-cases.js';
import type { RecordView } from '../../src/services/read-records.js';
import type { ReferralContext } from '../../machines/referral.machine.js';
import { repairProgress, type RepairContext } from '../../machines/repair.machine.js';
import { citationIn, forumRules } from '../../src/domain/forums.js';
import type { DeferralContext } from '../../machines/deferral.machine.js';
import { ObligationScheduleSection, type ScheduleShown } from '../components/obligation-schedule.js';
import { FileField, FilingSection, type FilingForm } from './record.page.js';
import { citationIn as citationText } from '../../src/domain/citation.js';
import { isRefusalReasonCode, refusalReasons } from '../../src/domain/refusal-reasons.js';

export interface FailedForm {
  event: string;
  values: FormValues;
  errors: FormErrors;
  problem: string;
}

type HistoryEntry = {
  version: number;
  fields: Record<string, unknown>;
  changeReason: string;
  createdAt: string;
  changedByCaseId: string | null;
};

export interface CasePageProps {
  page: PageContext;
  view: CaseView;
  caseType: CaseType;
  record: (RecordView & { history: HistoryEntry[] }) | null;
  trail: StoredAuditEvent[];
  verification: ChainVerification;
  attachments: AttachmentListing[];
  staffNames: Record<string, string>;
  reviewers: { id: string; displayName: string }[];
  flash?: { kind: 'ok' | 'warn' | 'error'; text: string } | undefined;
  failed?: FailedForm | undefined;
  propagation: {
    platformId: string;
    platformName: string;
    kind: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }[];
  /** The re-examination (复核) form, where the viewer may ask for one of this (closed) case. */
  reviewFiling?: FilingForm | undefined;
  /** The form recording an administrative review (行政复议) the viewer applied for against this decision. */
  administrativeReviewFiling?: FilingForm | undefined;
  /** How the running stretch's due moment was counted. */
  dueExplanation: DeadlineExplanation | null;
  /** The remedies against the decision, where the case ended against the person. */
  remedies: Remedy[];
  /** The written notices of the decisions on this case (src/services/decision-notices.ts). */
  notices: CaseNoticeListing[];
  /** Who filed the case, for staff (null for the citizen, who filed it or had it filed for them). */
  filer: CaseFiler | null;
  /** Staff may find the authorisation of this case (filed on someone's behalf) not valid now. */
  authorisationRejection?: boolean;
  /** The policy version the case runs under: its id and title (the rules its deadlines come from). */
  policy: { id: string; title: PolicySource };
}

const roleKey = {
  citizen: 'roleCitizen',
  reviewer: 'roleReviewer',
  supervisor: 'roleSupervisor',
  agency: 'roleAgency',
  admin: 'roleAdmin',
  system: 'roleSystem',
  review_body: 'roleReviewBody',
} as const;

/**
 * Who filed the case: "由 X 代为申请" with the relation when someone filed on the subject's
 * behalf (to staff, the filer and the subject), the address to staff, the contact phone (whole
 * to the filer, masked to everyone else), and an authorisation staff found not valid.
 */
function FiledBy(props: { page: PageContext; filer: CaseFiler }) {
  const { page, filer } = props;
  const { t } = page;
  const staff = page.actor?.role !== 'citizen';
  const relation = filer.onBehalfRelation as OnBehalfRelation | null;
  return (
    <div class="filer">
      {relation ? (
        <p>
          <strong data-on-behalf>{t('onBehalfFiledBy', { name: filer.displayName })}</strong> (
          {t('onBehalfRelationIs', { relation: t(onBehalfRelationKeys[relation]) })})
        </p>
      ) : (
        staff && (
          <p>
            {t('caseFiledBy')}: <strong>{filer.displayName}</strong> (
            {filer.ownSubject ? t('caseFiledBySubject') : t('caseFiledOnBehalf')})
          </p>
        )
      )}
      {(filer.address || filer.contactPhone) && (
        <p>
          {filer.address ? `${t('agentFlagAddress')} ${filer.address}` : ''}
          {filer.address && filer.contactPhone ? ' · ' : ''}
          {filer.contactPhone ? (
            <>
              {t('contactPhone')} <span data-contact-phone>{filer.contactPhone}</span>
            </>
          ) : (
            ''
          )}
        </p>
      )}
      {filer.authorisationRejected && (
        <p class="authorisation-rejected" role="note">
          <strong>{t('authorisationRejectedTitle')}</strong> {filer.authorisationRejected.reason}
        </p>
      )}
    </div>
  );
}

/** Staff at intake: the authorisation letter is not valid (the reason is told to the filer and the subject). */
function AuthorisationRejectionForm(props: { page: PageContext; caseId: string; version: number }) {
  const { page } = props;
  const { t } = page;
  return (
    <form method="post" action={`/cases/${props.caseId}/authorisation-rejection`} class="card stack">
      <input type="hidden" name="_csrf" value={page.csrfToken ?? ''} />
      <input type="hidden" name="_version" value={String(props.version)} />
      <h2>{t('authorisationRejectTitle')}</h2>
      <p>{t('authorisationRejectHelp')}</p>
      <label for="authorisation-reason">{t('authorisationRejectReason')}</label>
      <textarea id="authorisation-reason" name="reason" required maxlength={2000} />
      <button type="submit" class="danger">
        {t('authorisationRejectButton')}
      </button>
    </form>
  );
}

export function CasePage(props: CasePageProps) {
  const { page, view } = props;
  const { t } = page;
  const texts = caseText(page.locale, view.type);
  const title = `${texts.name} #${view.id.slice(0, 8)}`;
  const role = page.actor?.role;
  return (
    <Layout page={page} title={title}>
      <p class="crumbs">
        <a href="/cases">{role === 'citizen' ? t('navMyCases') : t('navQueue')}</a>
      </p>
      <h1>
        {title} <span class={`badge state-${view.status}`}>{texts.state(view.state)}</span>
      </h1>
      {props.flash && <Flash kind={props.flash.kind}>{props.flash.text}</Flash>}
      {props.filer && <FiledBy page={page} filer={props.filer} />}
      {props.authorisationRejection && (
        <AuthorisationRejectionForm page={page} caseId={view.id} version={view.version} />
      )}
      {view.applicationId && (
        // Filed with other records in one application: each record's case is shown there side by side.
        <p class="part-of-application">
          <a href={`/repair-applications/${view.applicationId}`}>{t('partOfApplication')}</a>
        </p>
      )}
      <DecisionReason {...props} texts={texts} />
      <NowSection {...props} texts={texts} />
      {props.notices.length > 0 && <NoticesSection page={page} caseId={view.id} notices={props.notices} />}
      <ActionsSection {...props} texts={texts} />
      <Remedies
        page={page}
        remedies={props.remedies}
        links={{
          ...(props.reviewFiling ? { re_examination: '#file-review' } : {}),
          ...(props.administrativeReviewFiling ? { administrative_review: '#file-administrative-review' } : {}),
        }}
      />
      {props.reviewFiling && (
        <FilingSection
          page={page}
          action={`/cases/${view.id}/review`}
          form={props.reviewFiling}
          fixed={['parentCaseId']}
          title={t('applyForReview')}
        />
      )}
      {props.administrativeReviewFiling && (
        <FilingSection
          page={page}
          action={`/cases/${view.id}/administrative-review`}
          form={props.administrativeReviewFiling}
          fixed={['parentCaseId']}
          title={t('recordAdministrativeReview')}
        />
      )}
      {view.type === 'repair' && <EvidenceLedger page={page} texts={texts} details={view.details} />}
      {view.type === 'referral' && (
        <ReferralSection page={page} texts={texts} details={view.details} staffNames={props.staffNames} />
      )}
      {view.type === 'deferral' && <DeferralScheduleOf page={page} details={view.details} />}
      {view.type === 'repair' && <RepairDecision page={page} view={view} />}
      {props.propagation.length > 0 && <PropagationSection page={page} propagation={props.propagation} />}
      <LinkedCasesSection page={page} view={view} />
      {props.record && (
        <section class="card" aria-labelledby="record-heading">
          <h2 id="record-heading">{t('record')}</h2>
          <RecordSummary page={page} record={props.record} headingLevel={3} />
          <VersionHistory page={page} history={props.record.history} fieldLabel={texts.field} />
        </section>
      )}
      <EvidenceSection page={page} view={view} attachments={props.attachments} />
      <TimelineSection page={page} view={view} texts={texts} trail={props.trail} />
      <LifecycleSection {...props} texts={texts} />
      <AuditSection page={page} texts={texts} trail={props.trail} verification={props.verification} />
    </Layout>
  );
}

type SectionProps = CasePageProps & { texts: CaseText };

/**
 * A decision against the person, at the top of the page (issue 16 item 3): why (the reason code's
 * label, where the case's version has one), the officer's words, and what to do now; for a
 * refused repair, "apply again" opens a new application prefilled from this one.
 */
function DecisionReason(props: SectionProps) {
  const { page, view } = props;
  const { t, locale } = page;
  if (view.status !== 'closed') return null;
  const decision = (view.details as { decision?: { reasons?: string | null; reasonCode?: string } | null }).decision;
  // The deciding event's payload, for a case type whose context keeps no decision.
  const decidingEvent = [...props.trail]
    .reverse()
    .find((event) => event.toState === view.state && event.fromState !== event.toState);
  // (A referral's answer keeps the forum's words as `answer`.)
  const payload = (decidingEvent?.payload ?? {}) as { reasons?: unknown; reasonCode?: unknown; answer?: unknown };
  const code = decision?.reasonCode ?? payload.reasonCode;
  // A decision with remedies, or one that gave a reason code (a re-examination that upheld the
  // decision, whose remedies are the original decision's), is explained here.
  if (props.remedies.length === 0 && !isRefusalReasonCode(code)) return null;
  const words =
    decision?.reasons ??
    (typeof payload.reasons === 'string'
      ? payload.reasons
      : typeof payload.answer === 'string'
        ? payload.answer
        : null);
  const reason = isRefusalReasonCode(code) ? refusalReasons[code] : null;
  // A repair refused on its merits may be applied for again; false material bars it for a while.
  const mayApplyAgain =
    page.actor?.role === 'citizen' && view.type === 'repair' && view.recordId && code !== 'material_false';
  return (
    <section class="card decision-reason" aria-labelledby="decision-reason-heading">
      <h2 id="decision-reason-heading">{t('decisionTitle')}</h2>
      <p class="decision-outcome">
        <strong>{t('outcome')}:</strong> {props.texts.outcome(view.outcome ?? '')}
      </p>
      {reason && (
        <p class="decision-code">
          <strong>{t('decisionReasonCode')}:</strong> {citationText(locale, reason.label)}
        </p>
      )}
      {words && (
        <p class="decision-words">
          <strong>{t('decisionWords')}:</strong> {words}
        </p>
      )}
      {reason && (
        <p class="decision-what-to-do">
          <strong>{t('decisionWhatToDo')}:</strong> {citationText(locale, reason.whatToDo)}
        </p>
      )}
      {mayApplyAgain && (
        <p>
          <a class="button apply-again" href={`/records/${view.recordId}?again=${view.id}#file-repair`}>
            {t('applyAgain')}
          </a>{' '}
          <small>{t('applyAgainNote')}</small>
        </p>
      )}
    </section>
  );
}

/** Where the case stands: whose move it is, the outcome, the deadlines and how they were counted, the assignee. */
function NowSection(props: SectionProps) {
  const { page, view } = props;
  const { t } = page;
  const role = page.actor?.role;
  const staff = role === 'reviewer' || role === 'supervisor';
  const details = view.details as {
    materialRequests?: { requested: string; supplied: string | null; reasonCode?: string }[];
    reason?: string;
  };
  const timesAsked = details.materialRequests?.length ?? 0;
  const openRequest = details.materialRequests?.at(-1);
  const concerns = (view.details as { concerns?: string }).concerns;
  return (
    <section class="card now" aria-labelledby="now-heading">
      <h2 id="now-heading">{t('now')}</h2>
      <p class="waiting">{t(waitingOnKey(view, page))}</p>
      {concerns && concerns !== 'record_content' && (
        <p class="concerns">
          <strong>{props.texts.field('concerns')}:</strong> {props.texts.field(concerns)}
        </p>
      )}
      {view.status === 'open' && view.waitingOn === 'citizen' && openRequest && !openRequest.supplied && (
        <p>
          <strong>{t('askedOfYou')}:</strong> {openRequest.requested}
          {isRefusalReasonCode(openRequest.reasonCode) && (
            <>
              {' '}
              ({t('materialRequestedWhy')}: {citationText(page.locale, refusalReasons[openRequest.reasonCode].label)})
            </>
          )}
        </p>
      )}
      {timesAsked > 0 && (
        // 一次性告知: how many times material was asked for; a second request stands out to staff.
        <p class={timesAsked > 1 ? 'material-times asked-again' : 'material-times'}>
          {t('materialAskedTimes', { count: timesAsked })}
          {timesAsked > 1 && staff && (
            <>
              {' '}
              <span class="badge sla-at_risk">⚠ {t('materialAskedAgain')}</span>
            </>
          )}
        </p>
      )}
      {view.outcome && (
        <p>
          <strong>{t('outcome')}:</strong> {props.texts.outcome(view.outcome)}
        </p>
      )}
      <p>
        <DeadlineText page={page} view={view} withSource />
      </p>
      {view.otherDeadlines.map((other) => (
        <p>
          <strong>{t('alsoRunning', { key: vocabularyText(page.locale, 'deadlineStep', other.key) })}</strong>{' '}
          <DeadlineText page={page} view={{ ...view, deadline: other }} withSource />
        </p>
      ))}
      {view.deadline?.paused && view.deadline.pausedSince && (
        <p>{t('pausedSince', { since: formatMoment(page, view.deadline.pausedSince) })}</p>
      )}
      {props.dueExplanation && view.deadline && (
        <DueExplanation page={page} explanation={props.dueExplanation} deadline={view.deadline} />
      )}
      {staff && (
        <p>{view.assigneeId ? t('assignedTo', { name: props.staffNames[view.assigneeId] ?? '—' }) : t('claimHint')}</p>
      )}
      <p class="meta rules-version">
        {t('policyVersion')}: <a href="/policy">{props.policy.id}</a> {citationIn(page.locale, props.policy.title)}
      </p>
    </section>
  );
}

/** How the running stretch's due moment was counted: from when, holidays passed, a last day moved. */
function DueExplanation(props: {
  page: PageContext;
  explanation: DeadlineExplanation;
  deadline: NonNullable<CaseView['deadline']>;
}) {
  const { page, explanation, deadline } = props;
  const { t } = page;
  return (
    <details class="explain">
      <summary>{t('howCounted')}</summary>
      <ul>
        <li>
          {t('countedFrom', {
            from: explanation.from,
            amount: explanation.amount,
            unit: deadline.unit === 'working' ? t('workingDays') : t('calendarDays'),
            used: deadline.usedDays,
          })}
        </li>
        {explanation.holidaysPassed.length > 0 && (
          <li>{t('holidaysPassed', { days: explanation.holidaysPassed.join(', ') })}</li>
        )}
        {explanation.workedWeekendDaysCounted.length > 0 && (
          <li>{t('workedDaysCounted', { days: explanation.workedWeekendDaysCounted.join(', ') })}</li>
        )}
        {explanation.movedTo && (
          <li>{t('lastDayMoved', { from: explanation.countedLastDay, to: explanation.movedTo })}</li>
        )}
        <li>{t('endsAt', { day: explanation.lastDay })}</li>
      </ul>
    </details>
  );
}

/** What this user may do now: claim, one form per allowed event, and a supervisor's reassignment. */
function ActionsSection(props: SectionProps) {
  const { page, view } = props;
  const { t } = page;
  const role = page.actor?.role;
  const staff = role === 'reviewer' || role === 'supervisor';
  return (
    <section class="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('actions')}</h2>
      {staff && view.status === 'open' && !view.assigneeId && (
        <form method="post" action={`/cases/${view.id}/claim`} class="inline-form">
          <input type="hidden" name="_csrf" value={page.csrfToken} />
          <input type="hidden" name="_version" value={String(view.version)} />
          <button type="submit">{t('claim')}</button>
        </form>
      )}
      {role === 'reviewer' && view.assigneeId && view.assigneeId !== page.actor?.userId && view.status === 'open' && (
        <p>{t('assignedElsewhere')}</p>
      )}
      {view.allowedEvents.length === 0 &&
        // Where the person may still act against the decision (the remedies and forms below), the
        // page does not say there is nothing to do; staff are told it is nothing of theirs.
        (staff ? (
          <p>{t('staffNoActions')}</p>
        ) : props.remedies.length === 0 && !props.reviewFiling && !props.administrativeReviewFiling ? (
          <p>{t('noActions')}</p>
        ) : null)}
      {staff && view.status === 'open' && !view.assigneeId && view.allowedEvents.length > 0 && (
        <p class="claim-note" role="note">
          {t('claimsOnSending')}
        </p>
      )}
      <div class="action-forms">
        {view.allowedEvents.map((allowed) => (
          <EventForm
            page={page}
            view={view}
            texts={props.texts}
            event={allowed.type}
            schema={withoutAuthorisationReason(allowed.input as JsonSchema)}
            acceptsFiles={Boolean(props.caseType.events[allowed.type]?.attachments)}
            failed={props.failed?.event === allowed.type ? props.failed : undefined}
            initial={allowed.type === 'UPHOLD' ? agencyCorrectionValues(props.trail) : {}}
            choices={{
              platformId: props.propagation
                .filter((p) => p.status === 'pending')
                .map((p) => ({ value: p.platformId, label: p.platformName })),
              // A repair's ledger entries that still count, by their number (REMOVE_EVIDENCE).
              entry: ledgerEntryChoices(view.details, props.texts),
            }}
          />
        ))}
      </div>
      {role === 'supervisor' && view.status === 'open' && <ReassignForm {...props} />}
    </section>
  );
}

function ReassignForm(props: SectionProps) {
  const { page, view } = props;
  const { t } = page;
  return (
    <form method="post" action={`/cases/${view.id}/reassign`} class="action-form">
      <h3>{t('reassign')}</h3>
      <input type="hidden" name="_csrf" value={page.csrfToken} />
      <input type="hidden" name="_version" value={String(view.version)} />
      {props.failed?.event === 'REASSIGN' && <Flash kind="error">{props.failed.problem}</Flash>}
      <div class="field">
        <label for="reassign-to">{t('reassignTo')}</label>
        <select id="reassign-to" name="assigneeId" required>
          {props.reviewers.map((r) => (
            <option value={r.id} selected={r.id === view.assigneeId}>
              {r.displayName}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="reassign-reason">{t('reassignReason')}</label>
        <textarea id="reassign-reason" name="reason" rows={2} required maxlength={2000}></textarea>
      </div>
      <button type="submit">{t('reassign')}</button>
    </form>
  );
}

/** The decision notices, newest first: the one a person most likely wants to show is on top. */
function NoticesSection(props: { page: PageContext; caseId: string; notices: CaseNoticeListing[] }) {
  const { t } = props.page;
  return (
    <section class="card notices" aria-labelledby="notices-heading">
      <h2 id="notices-heading">{t('noticesTitle')}</h2>
      <p>{t('noticesIntro')}</p>
      <ul>
        {[...props.notices].reverse().map((n) => (
          <li>
            <a href={`/cases/${props.caseId}/notices/${n.code}`} hx-boost="false" download>
              {t('noticeDownload', { title: n.title })}
            </a>{' '}
            <span class="hint">
              {t('noticeCode')} <code>{n.code}</code> · {t('noticeIssued')}{' '}
              {formatMoment(props.page, n.issuedAt.toISOString())}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PropagationSection(props: { page: PageContext; propagation: CasePageProps['propagation'] }) {
  const { t } = props.page;
  return (
    <section class="card" aria-labelledby="propagation-heading">
      <h2 id="propagation-heading">{t('propagation')}</h2>
      <ul class="propagation">
        {props.propagation.map((p) => (
          <li>
            <strong>{p.platformName}</strong> ·{' '}
            {p.status === 'acknowledged' ? t('propagationAcknowledged') : t('propagationPending')}
            {p.lastError && <> · {t('propagationAttempts', { n: p.attempts, error: p.lastError })}</>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function LinkedCasesSection(props: { page: PageContext; view: CaseView }) {
  const { page, view } = props;
  const { t } = page;
  return (
    <section class="card" aria-labelledby="linked-heading">
      <h2 id="linked-heading">{t('linkedCases')}</h2>
      {(view.linkedCases ?? []).length === 0 ? (
        <p>{t('noLinkedCases')}</p>
      ) : (
        <ul class="linked">
          {(view.linkedCases ?? []).map((linked) => {
            const linkedTexts = caseText(page.locale, linked.type);
            return (
              <li>
                {linked.relation === 'parent' ? t('linkedParent') : t('linkedChild')}:{' '}
                <a href={`/cases/${linked.id}`}>
                  {linkedTexts.name} #{linked.id.slice(0, 8)}
                </a>{' '}
                · {linkedTexts.state(linked.state)}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function EvidenceSection(props: { page: PageContext; view: CaseView; attachments: AttachmentListing[] }) {
  const { page, view } = props;
  const { t } = page;
  return (
    <section class="card" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t('evidence')}</h2>
      {props.attachments.length === 0 ? (
        <p>{t('noEvidence')}</p>
      ) : (
        <ul class="evidence">
          {props.attachments.map((file) => {
            const href = `/cases/${view.id}/attachments/${file.id}`;
            return (
              <li>
                {file.contentType.startsWith('image/') && (
                  <a href={href} hx-boost="false">
                    <img src={href} alt={file.filename} loading="lazy" />
                  </a>
                )}
                {file.kind === 'authorisation' && <strong class="letter-kind">{t('authorisationLetter')}: </strong>}
                <a href={href} hx-boost="false" target="_blank" rel="noopener">
                  {file.filename}
                </a>{' '}
                <small>
                  {file.contentType} · {(file.size / 1024).toFixed(0)} KB · SHA-256{' '}
                  <code>{file.sha256.slice(0, 16)}…</code>
                </small>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function TimelineSection(props: { page: PageContext; view: CaseView; texts: CaseText; trail: StoredAuditEvent[] }) {
  const { page, texts } = props;
  const { t } = page;
  return (
    <section class="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timeline')}</h2>
      <ol class="timeline">
        {props.trail.map((entry) => (
          <li>
            <p>
              <strong>{texts.trailEvent(entry.event)}</strong> ·{' '}
              {t(roleKey[entry.actorRole as keyof typeof roleKey] ?? 'roleAdmin')} ·{' '}
              <time datetime={entry.at}>{formatMoment(page, entry.at)}</time>
              {entry.fromState !== entry.toState && <> · {texts.state(entry.toState)}</>}
            </p>
            <Payload
              page={page}
              texts={texts}
              event={entry.event}
              payload={entry.payload as Record<string, unknown>}
              caseId={props.view.id}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The case type's diagram with the current state and the path the case took through it. */
function LifecycleSection(props: SectionProps) {
  const { page, view, texts } = props;
  const { t } = page;
  const path = props.trail.map((e) => ({ from: e.fromState, to: e.toState, event: e.event }));
  const pathWords = [...new Set(path.map((s) => texts.state(s.to)))].join(' → ');
  return (
    <section class="card" aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">{t('lifecycle')}</h2>
      <LifecycleDiagram
        typeName={view.type}
        caseType={props.caseType}
        locale={page.locale}
        current={view.state}
        path={path}
        title={`${t('lifecycle')}: ${texts.name}`}
        description={t('lifecycleDescription', { state: texts.state(view.state), path: pathWords })}
      />
    </section>
  );
}

/** The audit chain: whether it verifies, and each event's hash linked to the one before. */
function AuditSection(props: {
  page: PageContext;
  texts: CaseText;
  trail: StoredAuditEvent[];
  verification: ChainVerification;
}) {
  const { page, texts } = props;
  const { t } = page;
  return (
    <section class="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('auditChain')}</h2>
      {props.verification.valid ? (
        <p class="flash ok audit-result">{t('auditValid', { n: props.verification.events })}</p>
      ) : (
        <p class="flash error audit-result">
          {t('auditBroken', { seq: props.verification.brokenAtSeq, reason: props.verification.reason })}
        </p>
      )}
      <section class="table-wrap" tabindex={0} aria-labelledby="audit-heading">
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('at')}</th>
              <th scope="col">{t('by')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col">hash</th>
            </tr>
          </thead>
          <tbody>
            {props.trail.map((entry) => (
              <tr>
                <td>{entry.seq}</td>
                <td>{formatMoment(page, entry.at)}</td>
                <td>{texts.trailEvent(entry.event)}</td>
                <td>{texts.state(entry.toState)}</td>
                <td>
                  <code title={entry.hash}>{entry.hash.slice(0, 12)}</code> ←{' '}
                  <code title={entry.prevHash}>{entry.prevHash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/**
 * An event's form without the reason "authorisation not valid": that finding has a form of its own
 * (AuthorisationRejectionForm, reject-authorisation.ts), offered only for a case filed on someone's
 * behalf, which also records the rejection on the case; the event's own list must hold the code
 * for that form to send it.
 */
function withoutAuthorisationReason(schema: JsonSchema): JsonSchema {
  const reasonCode = schema.properties?.reasonCode;
  if (!reasonCode?.enum?.includes('authorisation_invalid')) return schema;
  return {
    ...schema,
    properties: {
      ...schema.properties,
      reasonCode: { ...reasonCode, enum: reasonCode.enum.filter((code) => code !== 'authorisation_invalid') },
    },
  };
}

function Payload(props: {
  page: PageContext;
  texts: CaseText;
  event: string;
  payload: Record<string, unknown>;
  caseId: string;
}) {
  const entries = Object.entries(props.payload ?? {}).filter(([key]) => key !== 'recordId' && key !== 'assigneeId');
  if (entries.length === 0) return null;
  return (
    <dl class="payload">
      {entries.map(([key, value]) => (
        <>
          <dt>{key === 'attachments' ? props.page.t('evidence') : props.texts.field(key, props.event)}</dt>
          <dd>
            {key === 'attachments' && Array.isArray(value) ? (
              <ul>
                {(value as { id: string; filename: string; sha256: string }[]).map((file) => (
                  <li>
                    <a href={`/cases/${props.caseId}/attachments/${file.id}`} hx-boost="false">
                      {file.filename}
                    </a>{' '}
                    <code>{file.sha256.slice(0, 12)}</code>
                  </li>
                ))}
              </ul>
            ) : typeof value === 'object' && value !== null ? (
              <dl class="payload nested">
                {Object.entries(value).map(([k, v]) => (
                  <>
                    <dt>{props.texts.field(k)}</dt>
                    <dd>{String(v)}</dd>
                  </>
                ))}
              </dl>
            ) : key === 'reasonCode' && typeof value === 'string' ? (
              // A code from the closed list reads as its words, never as the code itself.
              vocabularyText(props.page.locale, 'reasonCode', value)
            ) : (
              String(value)
            )}
          </dd>
        </>
      ))}
    </dl>
  );
}

/**
 * The fields the agency found wrong (its latest AGENCY_DENIED in the trail), as form values of an
 * UPHOLD's `correction`: the reviewer upholds with them (or changes them), and the correction
 * case opens with them.
 */
function agencyCorrectionValues(trail: StoredAuditEvent[]): FormValues {
  const denied = trail.findLast((e) => e.event === 'AGENCY_DENIED');
  const correction = (denied?.payload as { correction?: Record<string, unknown> } | undefined)?.correction;
  if (!correction || typeof correction !== 'object') return {};
  return Object.fromEntries(
    Object.entries(correction)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([field, value]) => [`correction.${field}`, String(value)]),
  );
}

function EventForm(props: {
  page: PageContext;
  view: CaseView;
  texts: CaseText;
  event: string;
  schema: JsonSchema;
  acceptsFiles: boolean;
  failed: FailedForm | undefined;
  choices: FieldChoices;
  /** What the form starts from (the fields the agency found wrong, for an UPHOLD). */
  initial?: FormValues;
}) {
  const { page, view, texts, event } = props;
  const help = texts.eventHelp(event);
  const id = `event-${event.toLowerCase()}`;
  return (
    <form
      method="post"
      action={`/cases/${view.id}/events/${event}`}
      enctype={props.acceptsFiles ? 'multipart/form-data' : undefined}
      class="action-form"
      aria-labelledby={`${id}-heading`}
    >
      <h3 id={`${id}-heading`}>{texts.event(event)}</h3>
      {help && <p class="hint">{help}</p>}
      {props.failed && <Flash kind="error">{props.failed.problem}</Flash>}
      <input type="hidden" name="_csrf" value={page.csrfToken} />
      <input type="hidden" name="_version" value={String(view.version)} />
      <SchemaFields
        schema={props.schema}
        values={props.failed?.values ?? props.initial ?? {}}
        errors={props.failed?.errors ?? {}}
        texts={texts}
        locale={page.locale}
        optionalLabel={page.t('optional')}
        idPrefix={id}
        scope={event}
        choices={props.choices}
      />
      {props.acceptsFiles && (
        <FileField page={page} errors={props.failed?.errors ?? {}} idPrefix={id} failed={Boolean(props.failed)} />
      )}
      {event === 'WITHDRAW' && <WithdrawConfirmation page={page} id={id} errors={props.failed?.errors._confirm} />}
      <button type="submit">{texts.event(event)}</button>
    </form>
  );
}

/**
 * Withdrawing ends the case: the person confirms it first, with a box the browser requires and
 * the server checks again (sendCaseEvent), so it works without JavaScript.
 */
function WithdrawConfirmation(props: { page: PageContext; id: string; errors: string[] | undefined }) {
  const box = `${props.id}-confirm`;
  const errors = props.errors ?? [];
  return (
    <div class={errors.length ? 'field confirm invalid' : 'field confirm'}>
      <input
        type="checkbox"
        id={box}
        name="_confirm"
        value="yes"
        required
        aria-describedby={errors.length ? `${box}-error` : undefined}
      />{' '}
      <label for={box}>{props.page.t('withdrawConfirm')}</label>
      {errors.length > 0 && (
        <p class="field-error" id={`${box}-error`}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

/** A referral: which forum decides, what was sent to whom and when, and the forum's answer. */
function ReferralSection(props: {
  page: PageContext;
  texts: CaseText;
  details: Record<string, unknown>;
  staffNames: Record<string, string>;
}) {
  const { page, texts } = props;
  const { t, locale } = page;
  const context = props.details as unknown as ReferralContext;
  const forum = forumRules[context.forum];
  return (
    <section class="card referral" aria-labelledby="referral-heading">
      <h2 id="referral-heading">{t('whereItGoes')}</h2>
      <p>
        {t('decidedElsewhere', { forum: citationIn(locale, forum.decidedBy) })}{' '}
        <small>
          {t('sourceLabel')}: {citationIn(locale, forum.source)}
        </small>
      </p>
      <dl class="facts">
        <dt>{texts.field('reason')}</dt>
        <dd>{context.reason}</dd>
        {context.referral && (
          <>
            <dt>{texts.field('sentTo')}</dt>
            <dd class="sent-to">{context.referral.sentTo}</dd>
            <dt>{texts.field('sentOn')}</dt>
            <dd>{formatDate(page, context.referral.sentOn)}</dd>
            <dt>{texts.field('channel')}</dt>
            <dd>
              {context.referral.channel}
              {context.referral.reference && ` · ${context.referral.reference}`}
            </dd>
          </>
        )}
        {context.answer && (
          <>
            <dt>{texts.field('answeredOn')}</dt>
            <dd>{formatDate(page, context.answer.answeredOn)}</dd>
            <dt>{texts.field('outcome')}</dt>
            <dd class="answer-outcome">{texts.outcome(context.answer.outcome)}</dd>
            <dt>{texts.field('answer')}</dt>
            <dd class="answer">{context.answer.answer}</dd>
            {context.answer.recordedBy && (
              <>
                <dt>{t('recordedBy')}</dt>
                <dd>{props.staffNames[context.answer.recordedBy] ?? '—'}</dd>
              </>
            )}
          </>
        )}
      </dl>
    </section>
  );
}

/** A deferral's schedule once granted (its context holds it as the agency set it and as paid). */
function DeferralScheduleOf(props: { page: PageContext; details: Record<string, unknown> }) {
  const context = props.details as Partial<DeferralContext>;
  if (!context.schedule) return null;
  const schedule: ScheduleShown = { status: context.status ?? null, instalments: context.schedule };
  return <ObligationScheduleSection page={props.page} schedule={schedule} />;
}

/**
 * A repair's decision as the finding department made it (谁认定、谁修复): an extension and its
 * reason, the decision's reasons, and what the platforms are told once it takes effect
 * (信用修复管理办法 art. 3). Version 1 cases have none of these fields and show nothing here.
 */
function RepairDecision(props: { page: PageContext; view: CasePageProps['view'] }) {
  const { t } = props.page;
  const details = props.view.details as {
    extension?: { days: number; reasons: string } | null;
    decision?: { outcome: string; reasons: string | null } | null;
    decidedBy?: string | null;
  };
  const approved = details.decision?.outcome === 'approved' || props.view.outcome === 'repaired';
  if (!details.extension && !details.decidedBy) return null;
  // 国办发〔2025〕22号: the result may be objected to; the objection goes to the same department.
  const objectable =
    props.page.actor?.role === 'citizen' && props.view.status === 'closed' && details.decidedBy && props.view.recordId;
  return (
    <section class="card repair-decision" aria-labelledby="repair-decision-heading">
      <h2 id="repair-decision-heading">{t('repairDecisionHeading')}</h2>
      {details.extension && (
        <p class="extension">
          {t('repairDecisionExtended', { days: details.extension.days })} {details.extension.reasons}
        </p>
      )}
      {details.decidedBy && details.decision?.reasons && (
        <p>
          <strong>{t('repairDecidedByDepartment')}:</strong> {details.decision.reasons}
        </p>
      )}
      {approved && <p class="takes-effect">{t('repairTakesEffect')}</p>}
      {objectable && (
        <p>
          <a href={`/records/${props.view.recordId}?concerns=repair_result#file-objection`}>
            {t('objectToRepairResult')}
          </a>
        </p>
      )}
    </section>
  );
}

/** The evidence ledger of a repair: each route's threshold and what has been shown toward it. */
/** The ledger entries that may be removed, numbered as the ledger shows them. */
function ledgerEntryChoices(details: Record<string, unknown>, texts: CaseText): { value: string; label: string }[] {
  const evidence = (details as { evidence?: RepairContext['evidence'] }).evidence ?? [];
  return evidence.flatMap((e, i) =>
    e.removed
      ? []
      : [{ value: String(i + 1), label: `${i + 1}. ${texts.field(e.route)} · ${e.amount} · ${e.certifiedBy}` }],
  );
}

function EvidenceLedger(props: { page: PageContext; texts: CaseText; details: Record<string, unknown> }) {
  const { page, texts } = props;
  const context = props.details as unknown as RepairContext;
  const unitWords: Record<string, string> =
    page.locale === 'en'
      ? { hours: 'hours', CNY: 'CNY', performed: 'performed' }
      : { hours: '小时', CNY: '元', performed: '项' };
  return (
    <section class="card" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{page.t('evidenceLedger')}</h2>
      <ul class="ledger">
        {repairProgress(context).map((p) => (
          <li>
            <label>
              {page.t('ledgerProgress', {
                route: texts.field(p.route),
                shown: p.shown,
                threshold: p.threshold,
                unit: unitWords[p.unit] ?? p.unit,
              })}
              <progress
                max={p.threshold}
                value={Math.min(p.shown, p.threshold)}
              >{`${p.shown}/${p.threshold}`}</progress>
            </label>
          </li>
        ))}
      </ul>
      {context.evidence.length > 0 && <h3>{page.t('ledgerEntries')}</h3>}
      {/* Numbered as the removal form names them; a removed entry stays, struck through (repair v4). */}
      <ol class="evidence-entries">
        {context.evidence.map((e) =>
          e.removed ? (
            <li class="removed">
              <del>
                {texts.field(e.route)} · {e.amount} · {e.certifiedBy} · {e.description}
              </del>{' '}
              <small>{page.t('ledgerRemoved', { reason: e.removed.reason })}</small>
            </li>
          ) : (
            <li>
              {texts.field(e.route)} · {e.amount} · {e.certifiedBy} · {e.description}
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
