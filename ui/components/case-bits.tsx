// Small pieces shared by the case list and the case page: state and deadline in words.
import type { PageContext } from '../page-context.js';
import { formatDeadline } from '../page-context.js';
import type { CaseView } from '../../src/services/read-cases.js';
import type { MessageKey } from '../i18n.js';

const dayMs = 86_400_000;

export function waitingOnKey(view: Pick<CaseView, 'waitingOn'>, page: PageContext): MessageKey {
  switch (view.waitingOn) {
    case 'reviewer':
      return 'waitingOnReviewer';
    case 'supervisor':
      return 'waitingOnSupervisor';
    case 'agency':
      return 'waitingOnAgency';
    case 'review_body':
      return 'waitingOnReviewBody';
    case 'citizen':
      return page.actor?.role === 'citizen' ? 'waitingOnCitizen' : 'waitingOnCitizenStaff';
    default:
      return 'waitingOnNobody';
  }
}

/** The deadline in one line: due moment and days left, paused, stopped, or not computable. */
/** A mark beside the SLA status's word, so at risk and breached stand out without relying on colour. */
export function SlaIcon(props: { sla: string }) {
  const icon = props.sla === 'breached' ? '✖' : props.sla === 'at_risk' ? '⚠' : props.sla === 'on_track' ? '✓' : '';
  return icon ? (
    <span class="sla-icon" aria-hidden="true">
      {icon}
    </span>
  ) : null;
}

export function DeadlineText(props: {
  page: PageContext;
  view: Pick<CaseView, 'deadline' | 'status'>;
  withSource?: boolean;
}) {
  const { page, view } = props;
  const { t } = page;
  const deadline = view.deadline;
  if (!deadline) return <span>—</span>;
  if (deadline.stoppedAt) {
    const breached = deadline.breachedAt ? (
      <span class="badge sla-breached">
        <SlaIcon sla="breached" /> {t('slaBreached')}
      </span>
    ) : null;
    return (
      <span>
        {breached} {view.status === 'open' ? t('noDeadlineNow') : t('deadlineStopped')}
      </span>
    );
  }
  if (deadline.dueUnknown) return <span class="warn">{t('dueUnknown', { year: deadline.dueUnknown.year })}</span>;
  if (deadline.paused || !deadline.dueAt) return <span>{t('clockPaused')}</span>;
  const left = deadline.daysLeft ?? Math.ceil((Date.parse(deadline.dueAt) - page.now.getTime()) / dayMs);
  const unit = deadline.unit === 'working' ? t('workingDays') : t('calendarDays');
  const slaKey = deadline.sla === 'breached' ? 'slaBreached' : deadline.sla === 'at_risk' ? 'slaAtRisk' : 'slaOnTrack';
  return (
    <span class={left < 0 ? 'overdue' : deadline.sla === 'at_risk' ? 'due-soon' : undefined}>
      <span class={`badge sla-${deadline.sla}`}>
        <SlaIcon sla={deadline.sla} /> {t(slaKey)}
      </span>{' '}
      {t('dueBy', { due: formatDeadline(page, deadline.dueAt) })} ·{' '}
      {left < 0 ? t('overdue', { days: -left }) : t('dueIn', { days: left, unit })}
      {props.withSource && (
        <>
          <br />
          <small>
            {t('deadlineSource', {
              source: page.locale === 'zh-CN' && deadline.sourceZh ? deadline.sourceZh : deadline.source,
            })}
          </small>
        </>
      )}
    </span>
  );
}
