// Correction v2 (issue 15 item 5): the upheld objection's disputed mark stays on the record
// until the correction is applied, then comes off (征信业管理条例 art. 25); a cancelled
// correction lifts it too and tells the subject why. Every path is walked with the pure
// transition(), a model record following the mark.
import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { stateNameOf } from '../../machines/case-type.js';
import {
  correctionEvents,
  correctionMachineV2,
  type CorrectionEvent,
  type CorrectionInput,
} from '../../machines/correction.machine.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import { caseSamples } from '../helpers/case-samples.js';

const objectionId = '44444444-4444-4444-8444-444444444444';
const input: CorrectionInput = { ...(caseSamples.correction.input as CorrectionInput), liftsMarkOf: objectionId };
const events = caseSamples.correction.samples as CorrectionEvent[];
const drafter = { userId: 'u-drafter', role: 'reviewer' as const };
const approver = { userId: 'u-approver', role: 'supervisor' as const };
const withActor = (event: CorrectionEvent) => ({ ...event, actor: event.type === 'APPROVE' ? approver : drafter });

describe('correction v2: every path', () => {
  const paths = getSimplePaths(correctionMachineV2, { input, events: events.map(withActor) });
  expect(Object.keys(correctionEvents).sort()).toEqual([...new Set(events.map((e) => e.type))].sort());

  for (const path of paths) {
    const name = path.steps
      .slice(1)
      .map((s) => `${s.event.type}→${stateNameOf(s.state)}`)
      .join(' ');
    it(`keeps the objection's mark exactly until the record is corrected or the correction cancelled: ${name}`, () => {
      let marked = true;
      let corrected = false;
      let [snapshot] = initialTransition(correctionMachineV2, input);
      for (const step of path.steps.slice(1)) {
        const [next, actions] = transition(correctionMachineV2, snapshot, step.event);
        for (const effect of caseEffectsOf(actions)) {
          if (effect.type === 'correctRecord') corrected = true;
          if (effect.type === 'clearDisputedMark') {
            expect(effect.params).toEqual({ recordId: input.recordId, markedByCaseId: objectionId });
            marked = false;
          }
        }
        snapshot = next;
        expect(marked, stateNameOf(snapshot)).toBe(!corrected && stateNameOf(snapshot) !== 'cancelled');
      }
    });
  }
});

describe('correction v2: a cancellation', () => {
  it('tells the subject why', () => {
    const [opened] = initialTransition(correctionMachineV2, input);
    const [cancelled, actions] = transition(correctionMachineV2, opened, {
      type: 'CANCEL',
      reasons: 'The agency withdrew the penalty itself.',
      actor: approver,
    });
    expect(stateNameOf(cancelled)).toBe('cancelled');
    expect(caseEffectsOf(actions).find((e) => e.type === 'notifySubject')?.params).toEqual({
      subjectId: input.subjectId,
      topic: 'case_closed',
      data: { outcome: 'cancelled', reasons: 'The agency withdrew the penalty itself.' },
    });
  });

  it('lifts no mark where it was not opened by an upheld objection', () => {
    const [opened] = initialTransition(correctionMachineV2, { ...input, liftsMarkOf: null });
    const [, actions] = transition(correctionMachineV2, opened, {
      type: 'SUBMIT_DRAFT',
      reasons: 'fix',
      correction: { facts: 'right' },
      actor: drafter,
    });
    // Without an objection's id the engine lifts only a mark this case set, which is none.
    expect(caseEffectsOf(actions).find((e) => e.type === 'clearDisputedMark')?.params).toEqual({
      recordId: input.recordId,
    });
  });
});
