// Reading a persisted case through its machine: the case type at the case's version, the
// snapshot, the state's meta (machines/case-type.ts reads nested and parallel states), the
// events a given actor may send now. Pure apart from what the machine itself computes.
import { z } from 'zod';
import type { AnyMachineSnapshot } from 'xstate';
import { caseTypeVersion, currentCaseType, isCaseTypeName, type CaseType } from '../../machines/index.js';
import { stateMetaOf } from '../../machines/case-type.js';
import type { ClockDirective } from '../domain/case-clock.js';
import type { DeadlineKey } from '../domain/policy.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { maySend } from './case-access.js';

export { stateDescriptionOf, stateMetaOf, stateNameOf } from '../../machines/case-type.js';

/** The current version of a case type, which a new case starts under (INVALID_INPUT for an unknown name). */
export function caseTypeOf(type: string): CaseType {
  if (!isCaseTypeName(type)) throw new DomainError('INVALID_INPUT', `Unknown case type "${type}".`);
  return currentCaseType(type);
}

/** The case type at the version a stored case runs on. */
export function caseTypeOfCase(row: { id: string; type: string; machineVersion: number }): CaseType {
  const definition = caseTypeVersion(row.type, row.machineVersion);
  // A version is removed from the registry only once no case runs on it (machines/index.ts).
  if (!definition) throw new Error(`case ${row.id} runs on ${row.type} v${row.machineVersion}, unknown to this build`);
  return definition;
}

/** A stored case's snapshot, read by the machine of the version it was written by. */
export function restoreSnapshot(
  caseType: CaseType,
  row: { id: string; type: string; snapshot: unknown; machineVersion: number },
): AnyMachineSnapshot {
  const definition = row.machineVersion === caseType.version ? caseType : caseTypeOfCase(row);
  return definition.machine.resolveState(row.snapshot as never) as AnyMachineSnapshot;
}

/**
 * The snapshot as stored. XState walks the whole context for actors to store as references
 * (persistContext), a tenth of an event's CPU once a case has gathered material requests; a
 * case's machines spawn no actor and their context is plain JSON, so the context is stored as it
 * is and only the rest goes through XState. (test/unit/hot-path-machines.test.ts holds the two
 * equal for every case type; a snapshot with children takes XState's way.)
 */
export function persistSnapshot(caseType: CaseType, snapshot: AnyMachineSnapshot): Record<string, unknown> {
  const { machine } = caseType;
  if (Object.keys(snapshot.children).length > 0)
    return machine.getPersistedSnapshot(snapshot) as Record<string, unknown>;
  const withoutContext = machine.getPersistedSnapshot({ ...snapshot, context: {} } as AnyMachineSnapshot);
  return { ...(withoutContext as Record<string, unknown>), context: snapshot.context };
}

/**
 * What the state a case is in does to its clock: a state with a deadline runs it, a paused
 * state pauses it, any other state (the applicant gathering evidence, platforms acknowledging,
 * a final state) is under no legal deadline of the case's own, so the clock stops.
 */
export function clockDirectiveOf(snapshot: AnyMachineSnapshot): ClockDirective {
  const meta = stateMetaOf(snapshot);
  if (snapshot.status !== 'done' && meta.clockPaused) return { kind: 'pause' };
  if (snapshot.status !== 'done' && meta.deadline) return { kind: 'run', deadline: meta.deadline };
  return { kind: 'stop' };
}

/** The further deadlines the state runs beside its own (none once the case is done). */
export function otherDeadlinesOf(snapshot: AnyMachineSnapshot): { running: DeadlineKey[]; paused: boolean } {
  const meta = stateMetaOf(snapshot);
  if (snapshot.status === 'done') return { running: [], paused: false };
  return { running: meta.deadlines ?? [], paused: meta.clockPaused === true };
}

export interface AllowedEvent {
  type: string;
  description: string;
  /** JSON Schema of the input the event needs, for clients and the UI's forms. */
  input: unknown;
}

/**
 * The events this actor may send now: those the one rule (refusalOf, which the door refuses by; asked here as maySend)
 * does not refuse. An event whose guards read its payload is offered wherever its state handles
 * it; its payload is judged when it is sent.
 */
export function allowedEventsFor(
  actor: Actor,
  caseType: CaseType,
  theCase: { type: string; assigneeId: string | null },
  snapshot: AnyMachineSnapshot,
): AllowedEvent[] {
  return Object.entries(caseType.events)
    .filter(([type]) => maySend(actor, caseType, theCase, snapshot, type))
    .map(([type, meta]) => ({ type, description: meta.description, input: inputSchemaOf(meta.input) }));
}

// An event's input schema is fixed with its machine; a queue page shows it for every case.
const inputSchemas = new WeakMap<z.ZodType, unknown>();

/** The JSON Schema of an event's (or a filing's) input, made once per schema. */
export function inputSchemaOf(input: z.ZodType): unknown {
  if (!inputSchemas.has(input)) inputSchemas.set(input, deepFreeze(z.toJSONSchema(input, { io: 'input' })));
  return inputSchemas.get(input);
}

// Shared between requests, so nobody may change it: a write throws instead of leaking.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
