// One rule for who may send an event: what the case view lists as allowed is exactly what the
// door accepts. For every case type, cases are walked through random scenarios (fast-check) by
// the door itself, and in every state reached, for every role (two users of each, so conflicts of
// interest and another reviewer's case arise) and every event of the catalog: "listed" ⇔ "the door
// accepts it with one of the event's valid sample payloads". The door here is its pure half
// (planCaseChange with the decision applyCaseEvent makes); loading and committing cannot refuse
// an event once the case is loaded at the right version.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { caseTypeNames, caseTypes, type CaseType, type CaseTypeName } from '../../machines/index.js';
import { isDomainError } from '../../src/domain/errors.js';
import { roles, type Actor } from '../../src/domain/roles.js';
import { decideActorEvent } from '../../src/services/apply-case-event.js';
import { planCaseChange, type CaseAtHand, type LoadedCase } from '../../src/services/case-engine.js';
import { allowedEventsFor } from '../../src/services/case-runtime.js';
import { type CaseSample, caseSamples, sampleIds } from '../helpers/case-samples.js';

const at = new Date('2026-12-01T04:00:00Z');
const { subjectId } = sampleIds;

/** Two users of every role, so that a conflict of interest and another reviewer's case arise. */
const actors: Actor[] = roles.flatMap((role) =>
  [1, 2].map((n) => ({
    userId: `${role}-${n}`,
    username: `${role}-${n}`,
    displayName: `${role} ${n}`,
    role,
    subjectId: role === 'citizen' ? subjectId : null,
    agencyId: role === 'agency' ? '9a1f1c38-5b7e-4c3c-9d43-6a7f2a1e0b11' : null,
  })),
);

/** A case as the door loads it; only what deciding reads matters here. */
interface CaseInPlay {
  snapshot: AnyMachineSnapshot;
  assigneeId: string | null;
}

function caseAtHand(typeName: CaseTypeName, caseType: CaseType, theCase: CaseInPlay, actor: Actor): CaseAtHand {
  const current = { id: 'case-1', type: typeName, status: 'open', assigneeId: theCase.assigneeId, headHash: '' };
  return { current: current as LoadedCase, caseType, snapshot: theCase.snapshot, policy: {} as never, actor, at };
}

/** The door's answer to this actor sending this sample: the next case, or null when refused. */
function throughTheDoor(
  typeName: CaseTypeName,
  theCase: CaseInPlay,
  actor: Actor,
  sample: CaseSample['samples'][number],
): CaseInPlay | null {
  const caseType: CaseType = caseTypes[typeName];
  const { type, ...input } = sample;
  try {
    const { decision, next } = planCaseChange(
      caseAtHand(typeName, caseType, theCase, actor),
      decideActorEvent({ type, input }, []),
    );
    return { snapshot: next, assigneeId: decision.assignTo ? decision.assignTo.userId : theCase.assigneeId };
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
}

type StateNode = CaseType['machine']['root'];
const stateIdsOf = (node: StateNode): string[] => [
  node.id,
  ...Object.values(node.states).flatMap((child) => stateIdsOf(child as StateNode)),
];

/**
 * Types whose deepest states lie many moves in (administrative review v2: accept, send the copy,
 * record its receipt, among two dozen moves at each step) need more walks to reach every state.
 */
const deepTypes: readonly CaseTypeName[] = ['administrative-review'];

describe.each(caseTypeNames)('%s: listed as allowed ⇔ the door accepts it', (typeName) => {
  const caseType: CaseType = caseTypes[typeName];
  const { input, otherInputs = [], samples } = caseSamples[typeName];
  const inputs = [input, ...otherInputs];

  it('has a valid sample payload for every event of its catalog', () => {
    expect([...new Set(samples.map((s) => s.type))].sort()).toEqual(Object.keys(caseType.events).sort());
    for (const { type, ...payload } of samples) {
      expect(caseType.events[type]!.input.safeParse(payload).success, `${type} ${JSON.stringify(payload)}`).toBe(true);
    }
  });

  it('in every state the scenarios reach, for every role and event', () => {
    const checked = new Set<string>();
    const statesSeen = new Set<string>();
    const check = (theCase: CaseInPlay) => {
      const key = JSON.stringify([caseType.machine.getPersistedSnapshot(theCase.snapshot), theCase.assigneeId]);
      if (checked.has(key)) return;
      checked.add(key);
      for (const node of theCase.snapshot._nodes) statesSeen.add(node.id);
      for (const actor of actors) {
        const listed = new Set(
          allowedEventsFor(actor, caseType, { type: typeName, assigneeId: theCase.assigneeId }, theCase.snapshot).map(
            (e) => e.type,
          ),
        );
        for (const type of Object.keys(caseType.events)) {
          const accepted = samples
            .filter((s) => s.type === type)
            .some((sample) => throughTheDoor(typeName, theCase, actor, sample) !== null);
          expect(
            listed.has(type),
            `${type} by ${actor.userId} in ${JSON.stringify(theCase.snapshot.value)}, assignee ${theCase.assigneeId}`,
          ).toBe(accepted);
        }
      }
    };

    // A step: one of the moves the door accepts now (a sample event sent by someone allowed to),
    // or a supervisor handing the case to someone (or to nobody). Refused moves need no walking:
    // every state reached is asked about all of them.
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ move: fc.nat() }) },
      {
        weight: 1,
        arbitrary: fc.record({ assignTo: fc.constantFrom(null, 'reviewer-1', 'reviewer-2', 'supervisor-1') }),
      },
    );
    // Half the walks start from a case an earlier walk left undecided, so the deep states (a
    // repair revoked after it took effect, seven moves in) are reached however many users may
    // make each move (a fixed seed: the same walks every run).
    const reached: CaseInPlay[] = [];
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), fc.array(step, { maxLength: 14 }), (which, goOn, steps) => {
        const [initial] = initialTransition(caseType.machine, inputs[which % inputs.length]);
        let theCase: CaseInPlay =
          goOn && reached.length > 0 ? reached[which % reached.length]! : { snapshot: initial, assigneeId: null };
        check(theCase);
        for (const s of steps) {
          if ('assignTo' in s) {
            theCase = { ...theCase, assigneeId: s.assignTo };
          } else {
            const from = theCase;
            const moves = samples.flatMap((sample) =>
              actors.flatMap((actor) => throughTheDoor(typeName, from, actor, sample) ?? []),
            );
            if (moves.length === 0) break;
            theCase = moves[s.move % moves.length]!;
          }
          check(theCase);
          if (theCase.snapshot.status === 'active' && reached.length < 2_000) reached.push(theCase);
        }
      }),
      { numRuns: deepTypes.includes(typeName) ? 600 : 150, seed: 14 },
    );
    // The scenarios are worth something only if they go places: every state of the machine.
    expect([...statesSeen].sort()).toEqual(stateIdsOf(caseType.machine.root).sort());
  });
});

describe('who works the case after an actor’s event', () => {
  const objection: CaseType = caseTypes.objection;
  const [intake] = initialTransition(objection.machine, caseSamples.objection.input);
  const first = (role: Actor['role']) => actors.find((a) => a.role === role)!;
  const accepted = throughTheDoor('objection', { snapshot: intake, assigneeId: null }, first('reviewer'), {
    type: 'ACCEPT',
  });
  const assigneeAfter = (assigneeId: string | null, role: Actor['role'], sample: CaseSample['samples'][number]) => {
    const actor = first(role);
    return throughTheDoor('objection', { snapshot: accepted!.snapshot, assigneeId }, actor, sample)?.assigneeId;
  };
  const confirmed = { type: 'AGENCY_CONFIRMED', answer: 'The facts stand' };

  it('is the reviewer or supervisor who worked it while nobody did', () => {
    expect(accepted?.assigneeId).toBe('reviewer-1');
    expect(assigneeAfter(null, 'supervisor', confirmed)).toBe('supervisor-1');
  });

  it('stays whoever it was when someone else acts: a supervisor, the agency, the subject', () => {
    expect(assigneeAfter('reviewer-2', 'supervisor', confirmed)).toBe('reviewer-2');
    expect(assigneeAfter(null, 'agency', confirmed)).toBeNull();
    expect(assigneeAfter(null, 'citizen', { type: 'WITHDRAW' })).toBeNull();
  });
});
