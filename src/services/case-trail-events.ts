// The names that enter a case's audit trail (case_events.event), in one union: the events its
// actors send (each case type's catalog, machines/) and the events the case engine writes itself.
// The UI words every one of them in both languages (ui/i18n.ts, ui/texts/), so a timeline never
// shows a raw name; test/unit/trail-event-labels.test.ts checks that each has its words.
import type { caseTypes, CaseType, CaseTypeName } from '../../machines/index.js';
import { eventOfCaseType } from '../../machines/index.js';

/** The engine's own events, each with what it records. */
export const engineEvents = {
  FILED: 'The case was opened: filed by a person, or by its parent case (always seq 1).',
  CLAIMED: 'A reviewer or supervisor took an unassigned case; the state is unchanged.',
  REASSIGNED: 'A supervisor gave the case to another reviewer, with a reason; the state is unchanged.',
  DEADLINE_COMPUTED:
    'A calendar year was loaded, so a due moment that fell in it could be computed (and its timers set).',
  DEADLINE_WARNED:
    "A deadline's warning point came: whoever works the case and the supervisors were told; its clock keeps the warning.",
  DEADLINE_BREACHED: 'A deadline passed with no consequence the law names; its clock keeps the breach.',
  MIGRATED: 'The case moved to a new version of its case type (both versions in the payload).',
} as const;

export type EngineEventName = keyof typeof engineEvents;
export const engineEventNames = Object.keys(engineEvents) as EngineEventName[];

/** An event the actors of a case type (or xiufu acting for the law, role system) send. */
export type ActorEventName = {
  [T in CaseTypeName]: keyof (typeof caseTypes)[T]['events'] & string;
}[CaseTypeName];

/** Every name a trail may hold. */
export type TrailEventName = EngineEventName | ActorEventName;

export function isEngineEventName(name: string): name is EngineEventName {
  return Object.hasOwn(engineEvents, name);
}

/** Whether the name is an event of this case type's catalog. */
export function isActorEventOf(caseType: CaseType, name: string): name is ActorEventName {
  return eventOfCaseType(caseType, name) !== undefined;
}
