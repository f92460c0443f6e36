// How long a record is published, from its kind and class by the policy, counted in months by
// 民法典 art. 202 (a month period ends on the same-numbered day, or on the month's last day where
// there is none), and whether the public may see it on a given day. Credit-report records are
// never published: their period is how long they are kept, from the end of the conduct.
// Under NDRC Order 36 a period counts from the day of the finding (认定之日, the decision date
// of the document); under the earlier rules from publication.
import { addMonthsIso } from './calendar.js';
import { recordKindRuleOf } from './forums.js';
import { displayPeriodStartOf, type PolicyRules } from './policy.js';
import { isCreditReportKind, isPublicRecordKind } from './records.js';

/** YYYY-MM-DD plus whole months (民法典 art. 202); the calendar's own function. */
export const addMonths = addMonthsIso;

export interface DisplayPeriod {
  published: boolean;
  publishedFrom: string;
  /** The day the period counts from: the finding's date under Order 36, else publication. */
  countsFrom: string;
  /** Null where repair does not wait for a minimum period (minor records, credit reports). */
  repairableFrom: string | null;
  /** For a credit-report record, the last day it is kept; its content is deleted after it. */
  publishedUntil: string;
  minimumMonths: number;
  maximumMonths: number;
  source: string;
}

export function displayPeriodOf(
  rules: PolicyRules,
  record: {
    kind: string;
    class: 'minor' | 'general' | 'serious';
    conductEndedOn?: string | null;
    decisionDate?: string | null;
  },
  publishedFrom: string,
): DisplayPeriod {
  if (isCreditReportKind(record.kind)) {
    const rule = rules.creditReportKeeping;
    // 征信业管理条例 art. 16 counts from the end of the conduct. A record from before that day
    // was recorded has none: it keeps the end counted from its recording until it is corrected.
    const from = record.conductEndedOn ?? publishedFrom;
    return {
      published: false,
      publishedFrom,
      countsFrom: from,
      repairableFrom: null,
      publishedUntil: addMonths(from, rule.keptMonths),
      minimumMonths: 0,
      maximumMonths: rule.keptMonths,
      source: rule.source,
    };
  }
  // A kind whose period another body sets (the court list: SPC rules 2017 art. 2) is held for
  // that body's term and never has a repair-from date: it is not repaired here.
  const periodRule = recordKindRuleOf(record.kind).periodRule;
  if (periodRule) {
    return {
      published: true,
      publishedFrom,
      countsFrom: publishedFrom,
      repairableFrom: null,
      publishedUntil: addMonths(publishedFrom, periodRule.termMonths),
      minimumMonths: 0,
      maximumMonths: periodRule.termMonths,
      source: periodRule.source.en,
    };
  }
  const rule = rules.displayPeriods[record.class];
  // A record without a decision date (none was recorded) keeps counting from publication.
  const from = displayPeriodStartOf(rules) === 'finding' && record.decisionDate ? record.decisionDate : publishedFrom;
  return {
    published: rule.published,
    publishedFrom,
    countsFrom: from,
    repairableFrom: rule.minimumMonths > 0 ? addMonths(from, rule.minimumMonths) : null,
    publishedUntil: addMonths(from, rule.maximumMonths),
    minimumMonths: rule.minimumMonths,
    maximumMonths: rule.maximumMonths,
    source: rule.source,
  };
}

/** Statuses under which a record is shown at all; repaired, expired and revoked ones are not. */
export const shownStatuses = ['published', 'corrected'] as const;

export function isShownStatus(status: string): boolean {
  return (shownStatuses as readonly string[]).includes(status);
}

/** Whether the public sees the record on `today` (YYYY-MM-DD, China time). */
export function isShownPublicly(
  rules: PolicyRules,
  record: {
    kind: string;
    class: 'minor' | 'general' | 'serious';
    status: string;
    publishedFrom: string;
    publishedUntil: string;
  },
  today: string,
): boolean {
  // The kind is checked first and on its own: no rule can make credit-report information public.
  if (!isPublicRecordKind(record.kind)) return false;
  const rule = rules.displayPeriods[record.class];
  return (
    rule.published &&
    (shownStatuses as readonly string[]).includes(record.status) &&
    record.publishedFrom <= today &&
    today <= record.publishedUntil
  );
}
