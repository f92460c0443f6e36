// How long a record is published, from its kind and class by the policy, counted in months by
// 民法典 art. 202 (a month period ends on the same-numbered day, or on the month's last day where
// there is none), and whether the public may see it on a given day.
import type { PolicyRules } from './policy.js';

/** YYYY-MM-DD plus whole months (民法典 art. 202). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

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
