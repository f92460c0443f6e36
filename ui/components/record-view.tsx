// A credit record as people read it: its kind, severity, status and marks, display period (or,
// for a credit-report record, how long it is kept), the tombstone of a deleted one, and (on the
// record page) its version history with what changed in each version.
import { chinaDateOf } from '../../src/domain/calendar.js';
import { citationIn, courtListTermOf } from '../../src/domain/forums.js';
import { recordChangeReasons, recordFieldLabels, textIn, vocabularyText } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { formatDate, formatMoment } from '../page-context.js';
import type { RecordView, SubjectView } from '../../src/services/read-records.js';

export function StatusBadge(props: { page: PageContext; status: string }) {
  return (
    <span class={`badge status-${props.status}`}>{vocabularyText(props.page.locale, 'status', props.status)}</span>
  );
}

/** "Deleted on 2026年11月25日": the China-time day the content of a credit-report record was deleted. */
export function DeletedRecord(props: { page: PageContext; record: RecordView; headingLevel?: 2 | 3 }) {
  const { page, record } = props;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="record-summary deleted">
      <Heading>{vocabularyText(page.locale, 'kind', record.kind)}</Heading>
      <p class="badges">
        <StatusBadge page={page} status="deleted" />
      </p>
      <p class="deleted-on">
        {page.t('deletedOn', { date: formatDate(page, chinaDateOf(new Date(record.deletedAt!))) })} (
        {formatMoment(page, record.deletedAt)})
      </p>
      <p>{page.t('deletedNote')}</p>
    </div>
  );
}

export function RecordSummary(props: {
  page: PageContext;
  record: RecordView & { subject?: SubjectView };
  headingLevel?: 2 | 3;
}) {
  const { page, record } = props;
  const { t, locale } = page;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  // A credit-report record is never published: "published" would be untrue, it is kept.
  const status = !record.publicKind && record.status === 'published' ? 'kept' : record.status;
  return (
    <div class="record-summary">
      <Heading>
        {vocabularyText(locale, 'kind', record.kind)} · {record.decisionNumber}
      </Heading>
      <p class="badges">
        <StatusBadge page={page} status={status} />
        {record.storedStatus === 'corrected' && record.status !== 'corrected' && (
          <StatusBadge page={page} status="corrected" />
        )}
        <span class={`badge class-${record.class}`}>
          {t('class')}: {vocabularyText(locale, 'class', record.class)}
        </span>
      </p>
      <dl class="facts">
        {record.subject && (
          <>
            <dt>{t('subject')}</dt>
            <dd>
              {record.subject.name} · {t('residentIdNumber')}{' '}
              <span class="resident-id">{record.subject.residentId}</span>
              {record.subject.masked && ` ${t('residentIdMaskedNote')}`}
              {record.subject.revealed && ` ${t('residentIdShownNote')}`}
              {record.subject.revealable && (
                // Asking is a read of its own: a POST, registered before the number is shown.
                <form method="post" action={`/records/${record.id}/resident-id`} class="inline-form reveal-id">
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <button type="submit" aria-describedby={`reveal-hint-${record.id}`}>
                    {t('showResidentId')}
                  </button>{' '}
                  <small id={`reveal-hint-${record.id}`}>{t('showResidentIdHint')}</small>
                </form>
              )}
            </dd>
          </>
        )}
        <dt>{t('agency')}</dt>
        <dd>{record.agencyName}</dd>
        <dt>{t('domain')}</dt>
        <dd>{vocabularyText(locale, 'domain', record.domain)}</dd>
        <dt>{t('decisionDate')}</dt>
        <dd>{formatDate(page, record.decisionDate)}</dd>
        {record.kind === 'court_dishonest_debtor' && record.courtListParagraph !== null && (
          <>
            <dt>{t('courtListParagraph')}</dt>
            <dd class="court-list-paragraph">{t('courtListParagraphValue', { n: record.courtListParagraph })}</dd>
            <dt>{t('displayPeriod')}</dt>
            <dd class="court-list-term">
              {(() => {
                const term = courtListTermOf(record.courtListParagraph, record.decisionDate ?? record.publishedFrom);
                if (!term) return t('none');
                return term.fixedTerm
                  ? t('courtListTermUntil', { until: formatDate(page, term.until) })
                  : t('courtListNoFixedTerm');
              })()}
            </dd>
          </>
        )}
        {record.kindRule.periodRule ? (
          // The court list's period is the court's (SPC rules 2017 arts. 2, 10), not a class's.
          <>
            <dt>{t('periodByCourt')}</dt>
            <dd class="period-rule">
              {citationIn(locale, record.kindRule.periodRule.text)}{' '}
              <small>
                {t('sourceLabel')}: {citationIn(locale, record.kindRule.periodRule.source)}
              </small>
            </dd>
          </>
        ) : record.publicKind ? (
          <>
            <dt>{t('displayPeriod')}</dt>
            <dd>
              {formatDate(page, record.publishedFrom)} – {formatDate(page, record.publishedUntil)}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('conductEndedOn')}</dt>
            <dd>{formatDate(page, record.conductEndedOn)}</dd>
            <dt>{t('keptUntil')}</dt>
            <dd>{formatDate(page, record.publishedUntil)}</dd>
          </>
        )}
        {record.firstRepairDay && (
          <>
            <dt>{t('repairableFrom')}</dt>
            <dd>{formatDate(page, record.firstRepairDay)}</dd>
          </>
        )}
        <dt>{t('facts')}</dt>
        <dd>{record.facts}</dd>
        <dt>{t('legalBasis')}</dt>
        <dd>{record.legalBasis}</dd>
        <dt>{t('obligation')}</dt>
        <dd>
          {record.obligation ?? t('none')}
          {record.obligation && ` · ${t('obligationPerformed')}: ${record.obligationPerformed ? t('yes') : t('no')}`}
        </dd>
        <dt>{t('version')}</dt>
        <dd>{record.version}</dd>
      </dl>
    </div>
  );
}

type HistoryEntry = {
  version: number;
  fields: Record<string, unknown>;
  changeReason: string;
  createdAt: string;
  changedByCaseId: string | null;
};

export function VersionHistory(props: {
  page: PageContext;
  history: HistoryEntry[];
  /** A field the record vocabulary does not name (a case type's own wording). */
  fieldLabel: (field: string) => string;
}) {
  const { page } = props;
  const { t, locale } = page;
  const label = (field: string) =>
    recordFieldLabels[field] ? textIn(locale, recordFieldLabels[field]!) : props.fieldLabel(field);
  // A value in the reader's language: the record's vocabulary (status, class, kind, domain), yes or no.
  const wordOf = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (field === 'status' || field === 'class' || field === 'kind' || field === 'domain')
      return vocabularyText(locale, field, String(value));
    return String(value);
  };
  const reasonOf = (reason: string) =>
    recordChangeReasons[reason] ? textIn(locale, recordChangeReasons[reason]!) : reason;
  // In time order: the order the versions were written (their numbers), oldest first.
  const history = [...props.history].sort((a, b) => a.version - b.version);
  return (
    // A long date or reason scrolls inside its own box on a phone, not the whole page; the box
    // takes focus so the keyboard can scroll it too.
    <section class="table-wrap" tabindex={0} aria-label={t('versionHistory')}>
      <table class="history">
        <caption>{t('versionHistory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('version')}</th>
            <th scope="col">{t('at')}</th>
            <th scope="col">{t('changedFields')}</th>
            <th scope="col">{t('changeReason')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((entry, i) => {
            const before = i > 0 ? history[i - 1]!.fields : null;
            const changed = before
              ? Object.keys(entry.fields).filter((k) => JSON.stringify(entry.fields[k]) !== JSON.stringify(before[k]))
              : [];
            return (
              <tr>
                <td>{entry.version}</td>
                <td>{formatMoment(page, entry.createdAt)}</td>
                <td>
                  {before ? (
                    <ul class="changes">
                      {changed.map((field) => (
                        <li>
                          <strong>{label(field)}</strong>: <del>{wordOf(field, before[field])}</del> →{' '}
                          <ins>{wordOf(field, entry.fields[field])}</ins>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t('recorded')
                  )}
                </td>
                <td>
                  {entry.changedByCaseId ? (
                    <a href={`/cases/${entry.changedByCaseId}`}>{reasonOf(entry.changeReason)}</a>
                  ) : (
                    reasonOf(entry.changeReason)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
