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
  objectionMachineV4,
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
  { version: 4, machine: objectionMachineV4 },
];

it('has a valid sample for every event in its catalog', () => {
  expect(sampleEvents.map((e) => e.type).sort()).toEqual(Object.keys(objectionEvents).sort());
  for (const { type, ...payload } of sampleEvents) {
    expect(objectionEvents[type].input.safeParse(payload).success, type).toBe(true);
  }
});

describe.each(versions)('objection machine v$version: every path', ({ version, machine }) => {
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
        // From v4 an upheld objection leaves the mark for its correction to lift when applied.
        const handedOn = version >= 4 && stateNameOf(snapshot) === 'upheld';
        expect(disputed, `disputed mark in ${stateNameOf(snapshot)}`).toBe(snapshot.status === 'active' || handedOn);
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

  it('upholding opens a correction case, lifts the mark (before v4: from v4 the correction does), and records the decision', () => {
    const { snapshot, effects } = run(machine, accept, deny, sample.uphold);
    expect(effects).toEqual(
      machine === objectionMachineV4
        ? ['openLinkedCase', 'notifySubject']
        : ['openLinkedCase', 'clearDisputedMark', 'notifySubject'],
    );
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

// Issue 15 item 5: what v4 changed (征信业管理条例 art. 25).
describe('objection machine v4: the mark, the record of an unresolved objection, the material period', () => {
  const { accept, deny } = sample;
  const effectsOf = (...events: ObjectionEvent[]) => {
    let [snapshot] = initialTransition(objectionMachineV4, input);
    const effects = [];
    for (const event of events) {
      const [next, actions] = transition(objectionMachineV4, snapshot, event);
      effects.push(...caseEffectsOf(actions));
      snapshot = next;
    }
    return { snapshot, effects };
  };

  it('leaves the mark on an upheld objection for the correction it opens', () => {
    const { effects } = effectsOf(accept, deny, sample.uphold);
    expect(effects.map((e) => e.type)).toEqual(['openLinkedCase', 'notifySubject']);
  });

  it('keeps an unresolved objection and its verification on record beside the record, then lifts the mark', () => {
    const { effects } = effectsOf(sample.supplement, accept, sample.confirm, sample.closeUnresolved);
    expect(effects.map((e) => e.type)).toEqual(['keepObjectionOnRecord', 'clearDisputedMark', 'notifySubject']);
    expect(effects[0]!.params).toEqual({
      recordId: input.recordId,
      subjectId: input.subjectId,
      objection: input.reason,
      supplements: ['Also the date is wrong'],
      verification: { finding: 'confirmed', answer: 'The facts stand' },
      reasons: 'The agency cannot find its file',
    });
  });

  it('runs the material period while waiting and has the notice say when it ends', () => {
    const { snapshot, effects } = effectsOf(sample.requestMaterial);
    expect(stateMetaOf(snapshot)).toMatchObject({ clockPaused: true, deadlines: ['objection.material'] });
    expect(effects.map((e) => e.params)).toContainEqual(
      expect.objectContaining({ topic: 'material_requested', dueOf: 'objection.material' }),
    );
  });
});
