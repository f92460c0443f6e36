// The remedies open to a person against an adverse decision (a dismissed objection, a refused or
// revoked repair, a ban, a refused explanation, a re-examination upheld against them), with their
// windows: re-examination (复核) where the profile provides it, administrative review (行政复议)
// within 60 days, administrative litigation (行政诉讼) within 6 months. One list, which every
// decision the citizen reads states (ui/components/remedies.tsx: the case page and notices).
import { countDeadline, type WorkingDayCalendar } from './calendar.js';
import { isDomainError } from './errors.js';
import { type PolicyRules, reExaminationOffered, type RemedyWindowRule, remedyWindows } from './policy.js';

export type RemedyKind =
  | 're_examination'
  | 'administrative_review'
  | 'administrative_litigation'
  | 'litigation_after_review';

export interface Remedy {
  kind: RemedyKind;
  window: RemedyWindowRule;
  /**
   * The last day of the window if the person learned of the decision on the day it was made:
   * null where the calendar for that year is not loaded (flagged, never guessed) or not given.
   */
  lastDay: string | null;
  /** The case type xiufu files or tracks it as, where it does. */
  filedAs: 'review' | 'administrative-review' | null;
}

export interface AdverseDecision {
  /** When the decision was made (the person is taken to learn of it that day, at the earliest). */
  decidedAt: Date;
  /** Whether the decision is one a re-examination (复核) may look at (not a re-examination itself). */
  reExaminable: boolean;
  /** A decision of the review body on administrative review: the way on is the court, in 15 days. */
  byReviewBody?: boolean;
}

/**
 * The remedies against a decision, in the order a person would take them. Re-examination is
 * listed only where the rule set provides it and the decision is not itself a re-examination.
 */
export function remediesAgainst(
  /** The case's rule set; null where it is not at hand (a notice): re-examination is then left to the case page. */
  rules: PolicyRules | null,
  decision: AdverseDecision,
  calendar: WorkingDayCalendar | null = null,
): Remedy[] {
  if (decision.byReviewBody) {
    const window = remedyWindows.litigationAfterReview;
    return [
      {
        kind: 'litigation_after_review',
        window,
        lastDay: lastDayOf(calendar, window, decision.decidedAt),
        filedAs: null,
      },
    ];
  }
  const remedies: Remedy[] = [];
  if (rules && decision.reExaminable && reExaminationOffered(rules)) {
    const window: RemedyWindowRule = {
      amount: rules.review.applicationWindowDays.value,
      unit: 'calendar',
      countsFrom: { zh: '决定之日', en: 'the decision' },
      source: rules.review.applicationWindowDays.source,
      verified: rules.review.applicationWindowDays.verified,
    };
    remedies.push({
      kind: 're_examination',
      window,
      lastDay: lastDayOf(calendar, window, decision.decidedAt),
      filedAs: 'review',
    });
  }
  remedies.push(
    {
      kind: 'administrative_review',
      window: remedyWindows.administrativeReview,
      lastDay: lastDayOf(calendar, remedyWindows.administrativeReview, decision.decidedAt),
      filedAs: 'administrative-review',
    },
    {
      kind: 'administrative_litigation',
      window: remedyWindows.administrativeLitigation,
      lastDay: lastDayOf(calendar, remedyWindows.administrativeLitigation, decision.decidedAt),
      filedAs: null,
    },
  );
  return remedies;
}

/** The last day of a window counted from a day, by the counting rules; null where it cannot be counted yet. */
export function lastDayOf(calendar: WorkingDayCalendar | null, window: RemedyWindowRule, from: Date): string | null {
  if (!calendar) return null;
  try {
    return countDeadline(calendar, window.unit, from, window.amount).lastDay;
  } catch (error) {
    if (isDomainError(error, 'CALENDAR_YEAR_MISSING')) return null;
    throw error;
  }
}
