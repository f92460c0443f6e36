// How long a record is published, from its kind and class by the policy, counted in months by
// 民法典 art. 202 (a month period ends on the same-numbered day, or on the month's last day where
// there is none), and whether the public may see it on a given day.
import { addMonthsIso } from './calendar.js';
import type { PolicyRules } from './policy.js';

/** YYYY-MM-DD plus whole months (民法典 art. 202); the calendar's own function. */
export const addMonths = addMonthsIso;

export interface DisplayPeriod {
  published: boolean;
  publishedFrom: string;
  /** Null where repair does not wait for a minimum period (minor records, credit reports). */
  repairableFrom: string | null;
  publishedUntil: string;
  minimumMonths: number;
  maximumMonths: number;
  source: string;
}

export function displayPeriodOf(rules: PolicyRules, record: { kind: string; class: 'minor' | 'general' | 'serious' }, publishedFrom: string): DisplayPeriod {
  const rule = rules.displayPeriodByKind[record.kind] ?? rules.displayPeriods[record.class];
  return {
    published: rule.published,
    publishedFrom,
    repairableFrom: rule.minimumMonths > 0 ? addMonths(publishedFrom, rule.minimumMonths) : null,
    publishedUntil: addMonths(publishedFrom, rule.maximumMonths),
    minimumMonths: rule.minimumMonths,
    maximumMonths: rule.maximumMonths,
    source: rule.source,
  };
}

/** Statuses under which a record is shown at all; repaired, expired and revoked ones are not. */
export const shownStatuses = ['published', 'corrected'] as const;

/** Whether the public sees the record on `today` (YYYY-MM-DD, China time). */
export function isShownPublicly(
  rules: PolicyRules,
  record: { kind: string; class: 'minor' | 'general' | 'serious'; status: string; publishedFrom: string; publishedUntil: string },
  today: string,
): boolean {
  const rule = rules.displayPeriodByKind[record.kind] ?? rules.displayPeriods[record.class];
  return rule.published && (shownStatuses as readonly string[]).includes(record.status) && record.publishedFrom <= today && today <= record.publishedUntil;
}
