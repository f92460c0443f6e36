// A schedule an agency grants for an obligation (行政处罚法 art. 66: deferred or by instalments),
// and what it means for the record: which instalment is due next, whether a granted schedule
// is well formed, and how the obligation stands (performed on the schedule counts as on time).
// Pure: the schedule comes in as data (obligation_schedules, written by the deferral case).

export interface Instalment {
  /** The last day to pay (YYYY-MM-DD, China time); it ends at 24:00 (民法典 art. 201). */
  dueOn: string;
  /** CNY. */
  amount: number;
  /** The day the agency recorded it paid; null while unpaid. */
  paidOn: string | null;
}

export type ScheduleStatus = 'kept' | 'missed' | 'completed';

export interface ObligationSchedule {
  caseId: string;
  status: ScheduleStatus;
  instalments: Instalment[];
}

/** The first instalment not yet paid (instalments are paid in date order). */
export function nextUnpaidInstalment<T extends Pick<Instalment, 'paidOn'>>(instalments: readonly T[]): T | undefined {
  return instalments.find((instalment) => instalment.paidOn === null);
}

/** What is wrong with a schedule as granted: due dates must be distinct and in order. */
export function scheduleIssues(
  instalments: readonly { dueOn: string }[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  instalments.forEach((instalment, i) => {
    const before = instalments[i - 1];
    if (before && instalment.dueOn <= before.dueOn)
      issues.push({ path: [i, 'dueOn'], message: `must come after the instalment before it (${before.dueOn})` });
  });
  return issues;
}

/**
 * How a record's obligation stands, given its latest granted schedule: performed on the schedule
 * (on time: the agency allowed these dates, 行政处罚法 art. 66), performed (otherwise), being paid
 * on the schedule (not overdue), overdue after a missed instalment, or unperformed.
 */
export type ObligationStanding =
  | 'none'
  | 'performed'
  | 'performed_on_schedule'
  | 'on_schedule'
  | 'schedule_missed'
  | 'unperformed';

export function obligationStandingOf(
  record: { obligation: string | null; obligationPerformed: boolean },
  schedule: Pick<ObligationSchedule, 'status'> | null,
): ObligationStanding {
  if (!record.obligation) return 'none';
  if (schedule?.status === 'completed' && record.obligationPerformed) return 'performed_on_schedule';
  if (record.obligationPerformed) return 'performed';
  if (schedule?.status === 'kept') return 'on_schedule';
  if (schedule?.status === 'missed') return 'schedule_missed';
  return 'unperformed';
}

/** Whether the obligation is met, or being met, on time: on a granted schedule, or (without one) performed. */
export function isObligationTimely(standing: ObligationStanding): boolean {
  return standing === 'performed_on_schedule' || standing === 'on_schedule';
}
