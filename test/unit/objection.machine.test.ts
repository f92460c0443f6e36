// Every simple path through the objection machine, generated from the machine, replayed with
// the pure transition() while a model record follows the effects. On each step: the record is
// disputed exactly while the objection is open; at the end of each path: a closed case
// accepts nothing. Plus the important transitions, table-driven.
import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import {
  objectionEvents,
  objectionMachine,
  type ObjectionEvent,
  type ObjectionInput,
} from '../../machines/objection.machine.js';

const input: ObjectionInput = {
  recordId: '6f1c1f38-5b7e-4c3c-9d43-6a7f2a1e0b11',
  subjectId: '0b8f2f1c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
  reason: 'The fine was paid on time',
};

/** A valid payload for every event of the catalog (checked against its schema below). */
const sampleEvents: ObjectionEvent[] = [
  { type: 'ACCEPT' },
  { type: 'REJECT', reasons: 'Not about this subject' },
  { type: 'REQUEST_MATERIAL', requested: 'The payment receipt' },
  { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 2026-0412' },
  { type: 'AGENCY_CONFIRMED', answer: 'The facts stand' },
  { type: 'AGENCY_DENIED', answer: 'The fine was paid' },
  { type: 'SUPPLEMENT', reason: 'Also the date is wrong' },
  { type: 'UPHOLD', reasons: 'Paid on time', correction: { obligationPerformed: true } },
  { type: 'DISMISS', reasons: 'The record is accurate' },
  { type: 'CLOSE_UNRESOLVED', reasons: 'The agency cannot find its file' },
  { type: 'WITHDRAW', reason: 'Settled' },
];

const finalStates = ['rejected', 'withdrawn', 'upheld', 'dismissed', 'unresolved'];

describe('objection machine: every path', () => {
  it('has a valid sample for every event in its catalog', () => {
    expect(sampleEvents.map((e) => e.type).sort()).toEqual(Object.keys(objectionEvents).sort());
    for (const { type, ...payload } of sampleEvents) {
      expect(objectionEvents[type].input.safeParse(payload).success, type).toBe(true);
    }
  });

  const paths = getSimplePaths(objectionMachine, {
    input,
    events: sampleEvents,
    // A state seen before and after the material loop counts as two, so paths go round the
    // loop once (and no more, which keeps the paths finite).
    serializeState: (snapshot) => `${JSON.stringify(snapshot.value)}|${snapshot.context.materialRequests.length > 0}`,
  });

  it('reaches every state, and every final state', () => {
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(Object.keys(objectionMachine.root.states).sort());
    const throughMaterial = paths.filter((p) => p.steps.some((s) => s.event.type === 'SUBMIT_MATERIAL'));
    expect(throughMaterial.map((p) => String(p.state.value))).toEqual(expect.arrayContaining(finalStates));
  });

  for (const path of paths) {
    const name = ['intake', ...path.steps.slice(1).map((s) => `${s.event.type}→${String(s.state.value)}`)].join(' ');
    it(`path: ${name}`, () => {
      let disputed = false;
      const follow = (actions: readonly { type: string; params?: unknown }[]) => {
        for (const effect of caseEffectsOf(actions)) {
          if (effect.type === 'markRecordDisputed') disputed = true;
          if (effect.type === 'clearDisputedMark') disputed = false;
        }
      };
      let [snapshot, actions] = initialTransition(objectionMachine, input);
      follow(actions);
      expect(disputed).toBe(true);
      // getSimplePaths' first step is the initial state reached by xstate.init.
      for (const step of path.steps.slice(1)) {
        expect(snapshot.can(step.event), `${step.event.type} in ${String(snapshot.value)}`).toBe(true);
        [snapshot, actions] = transition(objectionMachine, snapshot, step.event);
        follow(actions);
        expect(snapshot.value).toEqual(step.state.value);
        expect(disputed, `disputed mark in ${String(snapshot.value)}`).toBe(snapshot.status === 'active');
      }
      if (snapshot.status === 'done') expectAcceptsNothing(snapshot);
    });
  }
});

function expectAcceptsNothing(snapshot: AnyMachineSnapshot) {
  expect(finalStates).toContain(snapshot.value);
  for (const event of sampleEvents) {
    expect(snapshot.can(event)).toBe(false);
    const [next, actions] = transition(objectionMachine, snapshot, event);
    expect(next).toBe(snapshot);
    expect(actions).toEqual([]);
  }
}

function run(...events: ObjectionEvent[]) {
  let [snapshot] = initialTransition(objectionMachine, input);
  const effects: string[] = [];
  for (const event of events) {
    const [next, actions] = transition(objectionMachine, snapshot, event);
    effects.push(...caseEffectsOf(actions).map((e) => e.type));
    snapshot = next;
  }
  return { snapshot, effects };
}

describe('objection machine: the important transitions', () => {
  const accept = sampleEvents[0]!;
  const deny = sampleEvents[5]!;
  it.each([
    { events: [accept], state: 'verifying' },
    { events: [sampleEvents[1]!], state: 'rejected' },
    { events: [sampleEvents[2]!], state: 'awaitingMaterial' },
    { events: [sampleEvents[2]!, sampleEvents[3]!], state: 'intake' },
    { events: [accept, sampleEvents[4]!], state: 'deciding' },
    { events: [accept, deny, sampleEvents[7]!], state: 'upheld' },
    { events: [accept, deny, sampleEvents[8]!], state: 'dismissed' },
    { events: [accept, deny, sampleEvents[9]!], state: 'unresolved' },
    { events: [accept, deny, sampleEvents[10]!], state: 'withdrawn' },
    { events: [accept, sampleEvents[6]!], state: 'verifying' },
    // Not allowed: stays where it is.
    { events: [sampleEvents[7]!], state: 'intake' },
    { events: [accept, accept], state: 'verifying' },
    { events: [sampleEvents[3]!], state: 'intake' },
  ])('$events.length event(s) → $state', ({ events, state }) => {
    expect(run(...events).snapshot.value).toBe(state);
  });

  it('upholding opens a correction case, lifts the mark, and records the decision', () => {
    const { snapshot, effects } = run(accept, deny, sampleEvents[7]!);
    expect(effects).toEqual(['openLinkedCase', 'clearDisputedMark', 'notifySubject']);
    expect(snapshot.context.decision).toEqual({ outcome: 'upheld', reasons: 'Paid on time' });
    expect(snapshot.context.agencyFinding).toEqual({ finding: 'denied', answer: 'The fine was paid' });
  });

  it('keeps the material asked for and supplied', () => {
    const { snapshot, effects } = run(sampleEvents[2]!, sampleEvents[3]!);
    expect(snapshot.context.materialRequests).toEqual([
      { requested: 'The payment receipt', supplied: 'Receipt no. 2026-0412' },
    ]);
    expect(effects).toEqual(['notifySubject']);
  });

  it('declares roles and an input schema on every transition, and a policy or pause on every open state', () => {
    for (const [name, state] of Object.entries(objectionMachine.root.states)) {
      const meta = state.meta as { deadline?: string; clockPaused?: boolean; waitingOn?: string } | undefined;
      expect(meta?.waitingOn, name).toBeDefined();
      if (state.type !== 'final') expect(Boolean(meta?.deadline) !== Boolean(meta?.clockPaused), name).toBe(true);
      for (const [event, transitions] of state.transitions) {
        for (const t of transitions)
          expect(t.meta, `${name}.${event}`).toBe(objectionEvents[event as keyof typeof objectionEvents]);
      }
    }
    expect(objectionMachine.root.states.awaitingMaterial!.meta).toMatchObject({ clockPaused: true });
  });
});
