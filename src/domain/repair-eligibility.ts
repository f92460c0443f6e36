// Whether a record may be repaired now, rule by rule, so a refusal can say which rule failed
// (NDRC Order 36: minimum period reached, conduct corrected, commitment made; no bar for
// earlier false material; 谁认定、谁修复).
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
  // The period ends at 24:00 of that day (民法典 arts. 201-202): repair may be asked the day after.
  if (record.repairableFrom && facts.today <= record.repairableFrom) {
    failed.push({
      rule: 'minimum_period',
      message: `the minimum display period is served at the end of ${record.repairableFrom}`,
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
