// The schedule a deferral granted for a record's obligation: each instalment's due date, amount
// and whether it was paid, and how the schedule stands. Shown on the record page and on the
// deferral case's page, from the same data (the case's context is the truth; the record reads
// its projection).
import type { PageContext } from '../page-context.js';

export interface ScheduleShown {
  status: 'kept' | 'missed' | 'completed' | null;
  instalments: { dueOn: string; amount: number; paidOn: string | null }[];
}

const amountFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function ObligationScheduleSection(props: { page: PageContext; schedule: ScheduleShown; caseId?: string }) {
  const { page, schedule } = props;
  const { t } = page;
  const status = {
    kept: t('scheduleStatusKept'),
    missed: t('scheduleStatusMissed'),
    completed: t('scheduleStatusCompleted'),
  };
  return (
    <section class="card" aria-labelledby="schedule-heading" data-testid="obligation-schedule">
      <h2 id="schedule-heading">{t('scheduleTitle')}</h2>
      {schedule.status && <p class="schedule-status">{status[schedule.status]}</p>}
      <section class="table-wrap" tabindex={0} aria-label={t('scheduleTitle')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('scheduleDueOn')}</th>
              <th scope="col">{t('scheduleAmount')}</th>
              <th scope="col">{t('schedulePaidOn')}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.instalments.map((instalment) => (
              <tr>
                <th scope="row">{instalment.dueOn}</th>
                <td>{amountFormat.format(instalment.amount)}</td>
                <td>{instalment.paidOn ?? t('scheduleUnpaid')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {props.caseId && (
        <p>
          <a href={`/cases/${props.caseId}`}>{t('scheduleCase')}</a>
        </p>
      )}
    </section>
  );
}
