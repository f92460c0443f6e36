// Whether a record may be repaired now, rule by rule, so a refusal can say which rule failed
// (NDRC Order 36: minimum period reached, conduct corrected, commitment made; no bar for
// earlier false material; 谁认定、谁修复).
import { isoDateOfDay } from './calendar.js';
import { isShownStatus } from './display-period.js';
import { recordKindRuleOf } from './forums.js';
import { obligationStandingOf, type ObligationSchedule } from './obligation-schedule.js';
import type { PolicyRules, RepairRoute } from './policy.js';

export interface RepairEligibilityFacts {
  record: {
    kind: string;
    status: string;
    repairableFrom: string | null;
    obligation: string | null;
    obligationPerformed: boolean;
  };
  /** The last day of a bar on repair for false material, if one is in force. */
  bannedUntil: string | null;
  openRepairCaseId: string | null;
  today: string;
  routes: readonly RepairRoute[];
  /** The latest schedule a deferral granted for the record's obligation (行政处罚法 art. 66), if any. */
  obligationSchedule?: Pick<ObligationSchedule, 'status'> | null;
}

export interface FailedRule {
  rule:
    | 'repairable_kind'
    | 'shown'
    | 'minimum_period'
    | 'obligation_performed'
    | 'no_ban'
    | 'no_open_application'
    | 'route_offered';
  message: string;
}

const dayMs = 86_400_000;

/**
 * The first day on which a repair application is accepted: the day after the minimum display
 * period's last day (`repairableFrom` is that last day: the period ends at 24:00 of it, 民法典
 * arts. 201-202). The one rule the server (repairEligibility) and the record page both read.
 */
export function firstRepairDayOf(repairableFrom: string | null): string | null {
  if (!repairableFrom) return null;
  return isoDateOfDay(Math.round(Date.parse(`${repairableFrom}T00:00:00Z`) / dayMs) + 1);
}

/** Whether a repair may be asked on `today` as far as the minimum display period goes. */
export function minimumPeriodServed(repairableFrom: string | null, today: string): boolean {
  const first = firstRepairDayOf(repairableFrom);
  return first === null || today >= first;
}

/** How long until the first repair day, counted in calendar days from `today` (0 once it has come). */
export function daysUntilRepair(repairableFrom: string | null, today: string): number {
  const first = firstRepairDayOf(repairableFrom);
  if (first === null) return 0;
  return Math.max(0, Math.round((Date.parse(`${first}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs));
}

export function repairEligibility(rules: PolicyRules, facts: RepairEligibilityFacts): FailedRule[] {
  const failed: FailedRule[] = [];
  const { record } = facts;
  // A kind the law excludes from repair says why and where to go instead (src/domain/forums.ts).
  const kindRepair = recordKindRuleOf(record.kind).repair;
  if (!kindRepair.repairable) {
    failed.push({
      rule: 'repairable_kind',
      message: `${kindRepair.reason.en} (${kindRepair.source.en}). ${kindRepair.instead.en}`,
    });
  } else if (!rules.repair.repairableKinds.includes(record.kind)) {
    failed.push({
      rule: 'repairable_kind',
      message: `records of this kind (${record.kind}) are not repaired by this procedure`,
    });
  }
  if (!isShownStatus(record.status)) {
    failed.push({
      rule: 'shown',
      message: `the record is not shown (it is ${record.status}), so there is nothing to repair`,
    });
  }
  // The period ends at 24:00 of its last day (民法典 arts. 201-202): repair may be asked the day after.
  if (!minimumPeriodServed(record.repairableFrom, facts.today)) {
    failed.push({
      rule: 'minimum_period',
      message: `the minimum display period is served at the end of ${record.repairableFrom}: repair may be asked from ${firstRepairDayOf(record.repairableFrom)}`,
    });
  }
  // Performance on a schedule the deciding agency granted is performance on time; while the
  // schedule runs the obligation is not overdue, but it is not yet performed either.
  const standing = obligationStandingOf(record, facts.obligationSchedule ?? null);
  if (standing === 'on_schedule') {
    failed.push({
      rule: 'obligation_performed',
      message: `the obligation is being paid on the schedule the agency granted, on time so far; repair may be asked once the last instalment is paid: ${record.obligation}`,
    });
  } else if (standing === 'schedule_missed') {
    failed.push({
      rule: 'obligation_performed',
      message: `an instalment of the schedule the agency granted was missed, so the rest is overdue: ${record.obligation}`,
    });
  } else if (standing === 'unperformed') {
    failed.push({
      rule: 'obligation_performed',
      message: `the obligation is not recorded as performed: ${record.obligation}`,
    });
  }
  if (facts.bannedUntil && facts.today <= facts.bannedUntil) {
    failed.push({
      rule: 'no_ban',
      message: `repair is barred until ${facts.bannedUntil} because earlier material proved false`,
    });
  }
  if (facts.openRepairCaseId) {
    failed.push({
      rule: 'no_open_application',
      message: `a repair application for this record is already open (case ${facts.openRepairCaseId})`,
    });
  }
  for (const route of facts.routes) {
    if (!rules.repair.routes[route].enabled)
      failed.push({ rule: 'route_offered', message: `the policy does not offer repair by ${route}` });
  }
  return failed;
}
