// The words for each case type's states, events and input fields, in both languages. A new
// case type needs its texts here and nothing else in ui/: pages, forms and diagrams are drawn
// from the machine.
import { isEngineEventName } from '../../src/services/case-trail-events.js';
import type { Locale, Text } from '../i18n.js';
import { engineEventFieldLabels, engineEventLabels, textIn } from '../i18n.js';
import { administrativeReviewTexts } from './administrative-review.texts.js';
import { correctionTexts } from './correction.texts.js';
import { deferralTexts } from './deferral.texts.js';
import { explanationTexts } from './explanation.texts.js';
import { objectionTexts } from './objection.texts.js';
import { referralTexts } from './referral.texts.js';
import { repairTexts } from './repair.texts.js';
import { reviewTexts } from './review.texts.js';

export interface CaseTypeTexts {
  name: Text;
  states: Record<string, Text>;
  events: Record<string, { label: Text; help?: Text }>;
  fields: Record<string, Text>;
  outcomes: Record<string, Text>;
}

const caseTexts: Record<string, CaseTypeTexts> = {
  objection: objectionTexts,
  correction: correctionTexts,
  review: reviewTexts,
  repair: repairTexts,
  explanation: explanationTexts,
  referral: referralTexts,
  deferral: deferralTexts,
  'administrative-review': administrativeReviewTexts,
};

function humanize(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
}

/**
 * The words for an event in a case's trail: one of the engine's own, or one of the case type's
 * events; undefined where there are none (the label test makes sure there always are).
 */
export function trailEventText(type: string, event: string): Text | undefined {
  return isEngineEventName(event) ? engineEventLabels[event] : caseTexts[type]?.events[event]?.label;
}

/** Looks a case type's text up, falling back to a readable form of the key. */
export function caseText(locale: Locale, type: string) {
  const texts = caseTexts[type];
  const pick = (text: Text | undefined, key: string) => (text ? textIn(locale, text) : humanize(key));
  return {
    name: pick(texts?.name, type),
    state: (state: string) => pick(texts?.states[state], state),
    event: (event: string) => pick(texts?.events[event]?.label, event),
    /** An event as the timeline and the audit table name it (the engine's own events too). */
    trailEvent: (event: string) => pick(trailEventText(type, event), event),
    eventHelp: (event: string) => (texts?.events[event]?.help ? textIn(locale, texts.events[event]!.help!) : undefined),
    /**
     * A field's label; `scope` (an event) may word a field its own way, as "WITHDRAW.reason"; the
     * engine's own events word theirs in ui/i18n.ts.
     */
    field: (field: string, scope?: string) =>
      pick(
        (scope &&
          isEngineEventName(scope) &&
          (engineEventFieldLabels[`${scope}.${field}`] ?? engineEventFieldLabels[field])) ||
          (scope && texts?.fields[`${scope}.${field}`]) ||
          texts?.fields[field],
        field,
      ),
    outcome: (outcome: string) => pick(texts?.outcomes[outcome], outcome),
  };
}
export type CaseText = ReturnType<typeof caseText>;
