// Every simple path through each version of the objection machine (2: flat; 3: the undecided
// states inside `open`), generated from the machine, replayed with the pure transition() while a
// model record follows the effects. On each step: the record is disputed exactly while the
// objection is open; at the end of each path: a closed case accepts nothing. Plus the important
// transitions, table-driven, which both versions answer alike.
import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { caseStatesOf, stateMetaOf, stateNameOf } from '../../machines/case-type.js';
import {
  objectionEvents,
  objectionMachine,
  objectionMachineV2,
  type ObjectionEvent,
  type ObjectionInput,
} from '../../machines/objection.machine.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';

const input: ObjectionInput = {
  recordId: '6f1c1f38-5b7e-4c3c-9d43-6a7f2a1e0b11',
  subjectId: '0b8f2f1c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
  reason: 'The fine was paid on time',
};

/** A valid payload for every event of the catalog (checked against its schema below), by name. */
const sample = {
  accept: { type: 'ACCEPT' },
  reject: { type: 'REJECT', reasons: 'Not about this subject' },
  requestMaterial: { type: 'REQUEST_MATERIAL', requested: 'The payment receipt' },
  submitMaterial: { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 2026-0412' },
  confirm: { type: 'AGENCY_CONFIRMED', answer: 'The facts stand' },
  deny: { type: 'AGENCY_DENIED', answer: 'The fine was paid' },
  supplement: { type: 'SUPPLEMENT', reason: 'Also the date is wrong' },
  uphold: { type: 'UPHOLD', reasons: 'Paid on time', correction: { obligationPerformed: true } },
  dismiss: { type: 'DISMISS', reasons: 'The record is accurate' },
  closeUnresolved: { type: 'CLOSE_UNRESOLVED', reasons: 'The agency cannot find its file' },
  withdraw: { type: 'WITHDRAW', reason: 'Settled' },
} satisfies Record<string, ObjectionEvent>;
const sampleEvents: ObjectionEvent[] = Object.values(sample);

const finalStates = ['rejected', 'withdrawn', 'upheld', 'dismissed', 'unresolved'];
const versions = [
  { version: 2, machine: objectionMachineV2 },
  { version: 3, machine: objectionMachine },
];

it('has a valid sample for every event in its catalog', () => {
  expect(sampleEvents.map((e) => e.type).sort()).toEqual(Object.keys(objectionEvents).sort());
  for (const { type, ...payload } of sampleEvents) {
    expect(objectionEvents[type].input.safeParse(payload).success, type).toBe(true);
  }
});

describe.each(versions)('objection machine v$version: every path', ({ machine }) => {
  const paths = getSimplePaths(machine, {
    input,
    events: sampleEvents,
    // A state seen before and after the material loop counts as two, so paths go round the
    // loop once (and no more, which keeps the paths finite).
    serializeState: (snapshot) => `${JSON.stringify(snapshot.value)}|${snapshot.context.materialRequests.length > 0}`,
  });

  it('reaches every state, and every final state', () => {
    const reached = new Set(paths.map((p) => stateNameOf(p.state)));
    expect([...reached].sort()).toEqual(
      caseStatesOf(machine)
        .map((s) => s.name)
        .sort(),
    );
    const throughMaterial = paths.filter((p) => p.steps.some((s) => s.event.type === 'SUBMIT_MATERIAL'));
    expect(throughMaterial.map((p) => stateNameOf(p.state))).toEqual(expect.arrayContaining(finalStates));
  });

  for (const path of paths) {
    const name = ['intake', ...path.steps.slice(1).map((s) => `${s.event.type}→${stateNameOf(s.state)}`)].join(' ');
    it(`path: ${name}`, () => {
      let disputed = false;
      const follow = (actions: readonly { type: string; params?: unknown }[]) => {
        for (const effect of caseEffectsOf(actions)) {
          if (effect.type === 'markRecordDisputed') disputed = true;
          if (effect.type === 'clearDisputedMark') disputed = false;
        }
      };
      let [snapshot, actions] = initialTransition(machine, input);
      follow(actions);
      expect(disputed).toBe(true);
      // getSimplePaths' first step is the initial state reached by xstate.init.
      for (const step of path.steps.slice(1)) {
        [snapshot, actions] = transition(machine, snapshot, step.event);
        follow(actions);
        expect(disputed, `disputed mark in ${stateNameOf(snapshot)}`).toBe(snapshot.status === 'active');
      }
      if (snapshot.status === 'done') expectAcceptsNothing(machine, snapshot);
    });
  }
});

function expectAcceptsNothing(machine: AnyStateMachine, snapshot: AnyMachineSnapshot) {
  expect(finalStates).toContain(stateNameOf(snapshot));
  for (const event of sampleEvents) {
    expect(snapshot.can(event)).toBe(false);
    const [next, actions] = transition(machine, snapshot, event);
    expect(next).toBe(snapshot);
    expect(actions).toEqual([]);
  }
}

function run(machine: AnyStateMachine, ...events: ObjectionEvent[]) {
  let [snapshot] = initialTransition(machine, input);
  const effects: string[] = [];
  for (const event of events) {
    const [next, actions] = transition(machine, snapshot, event);
    effects.push(...caseEffectsOf(actions).map((e) => e.type));
    snapshot = next;
  }
  return { snapshot, effects };
}

describe.each(versions)('objection machine v$version: the important transitions', ({ machine }) => {
  const { accept, deny } = sample;
  it.each([
    { events: [accept], state: 'verifying' },
    { events: [sample.reject], state: 'rejected' },
    { events: [sample.requestMaterial], state: 'awaitingMaterial' },
    { events: [sample.requestMaterial, sample.submitMaterial], state: 'intake' },
    { events: [accept, sample.confirm], state: 'deciding' },
    { events: [accept, deny, sample.uphold], state: 'upheld' },
    { events: [accept, deny, sample.dismiss], state: 'dismissed' },
    { events: [accept, deny, sample.closeUnresolved], state: 'unresolved' },
    { events: [accept, deny, sample.withdraw], state: 'withdrawn' },
    { events: [sample.requestMaterial, sample.withdraw], state: 'withdrawn' },
    { events: [accept, sample.supplement], state: 'verifying' },
    // Not allowed: stays where it is.
    { events: [sample.uphold], state: 'intake' },
    { events: [accept, accept], state: 'verifying' },
    { events: [sample.submitMaterial], state: 'intake' },
  ])('$events.length event(s) → $state', ({ events, state }) => {
    expect(stateNameOf(run(machine, ...events).snapshot)).toBe(state);
  });

  it('keeps a supplement in every undecided state', () => {
    for (const before of [[], [sample.requestMaterial], [accept], [accept, deny]]) {
      const { snapshot } = run(machine, ...before, sample.supplement);
      expect(snapshot.context.supplements, stateNameOf(snapshot)).toEqual(['Also the date is wrong']);
    }
  });

  it('upholding opens a correction case, lifts the mark, and records the decision', () => {
    const { snapshot, effects } = run(machine, accept, deny, sample.uphold);
    expect(effects).toEqual(['openLinkedCase', 'clearDisputedMark', 'notifySubject']);
    expect(snapshot.context.decision).toEqual({ outcome: 'upheld', reasons: 'Paid on time' });
    expect(snapshot.context.agencyFinding).toEqual({ finding: 'denied', answer: 'The fine was paid' });
  });

  it('keeps the material asked for and supplied', () => {
    const { snapshot, effects } = run(machine, sample.requestMaterial, sample.submitMaterial);
    expect(snapshot.context.materialRequests).toEqual([
      { requested: 'The payment receipt', supplied: 'Receipt no. 2026-0412' },
    ]);
    expect(effects).toEqual(['notifySubject']);
  });

  it('names whose move it is in every state, and a policy or a pause in every open one', () => {
    for (const state of caseStatesOf(machine)) {
      expect(state.meta.waitingOn, state.name).toBeDefined();
      if (!state.final) expect(Boolean(state.meta.deadline) !== Boolean(state.meta.clockPaused), state.name).toBe(true);
    }
    expect(stateMetaOf(run(machine, sample.requestMaterial).snapshot)).toMatchObject({ clockPaused: true });
  });
});
