// Two things the case engine does on every event, kept cheap and kept right (issue 17):
// - the snapshot xiufu stores (persistSnapshot, which hands the context over as it is) is the one
//   XState would store (getPersistedSnapshot, which walks the context for actors), for every case
//   type, on every step of a walk through its sample events;
// - every version of every machine starts without input (XState's pure transition() starts a
//   throwaway actor so on every call; a context that threw there cost more than the transition).
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, type AnyStateMachine, createActor, initialTransition, transition } from 'xstate';
import { caseTypeNames, caseTypeVersion, currentCaseType } from '../../machines/index.js';
import { persistSnapshot } from '../../src/services/case-runtime.js';
import { caseSamples } from '../helpers/case-samples.js';

const actors = [
  { userId: 'u-reviewer', role: 'reviewer' },
  { userId: 'u-supervisor', role: 'supervisor' },
  { userId: 'u-agency', role: 'agency' },
  { userId: 'u-citizen', role: 'citizen' },
];

describe('the stored snapshot', () => {
  it.each(caseTypeNames)('is what XState would store, on every step of a %s case', (name) => {
    const caseType = currentCaseType(name);
    const machine: AnyStateMachine = caseType.machine;
    const sample = caseSamples[name];
    let [snapshot] = initialTransition(machine, sample.input) as [AnyMachineSnapshot, unknown];
    let steps = 0;
    // Twice through the samples, each sent by whoever the machine lets send it.
    for (const event of [...sample.samples, ...sample.samples]) {
      for (const actor of actors) {
        const sent = { ...event, actor };
        if (!snapshot.can(sent)) continue;
        [snapshot] = transition(machine, snapshot, sent) as [AnyMachineSnapshot, unknown];
        steps += 1;
        expect(persistSnapshot(caseType, snapshot)).toEqual(machine.getPersistedSnapshot(snapshot));
        break;
      }
    }
    expect(steps).toBeGreaterThan(0);
    expect(persistSnapshot(caseType, snapshot)).toEqual(machine.getPersistedSnapshot(snapshot));
  });
});

describe('the throwaway actor of every machine', () => {
  const versions = caseTypeNames.flatMap((name) =>
    Array.from({ length: currentCaseType(name).version }, (_, i) => caseTypeVersion(name, i + 1))
      .filter((caseType) => caseType !== undefined)
      .map((caseType) => [`${name} v${caseType.version}`, caseType.machine as AnyStateMachine] as const),
  );

  it.each(versions)('%s starts without input and without an error', (_, machine) => {
    expect(createActor(machine).getSnapshot().status).toBe('active');
  });
});
