// Every simple path through the correction, review, repair and explanation machines, generated
// from each machine and replayed with the pure transition(), with each machine's invariants
// checked on every step; and on every path's end, a closed case accepts nothing. And the
// registry's definitions: every version checks out, and says what its states mean.
import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { CaseEffect, CaseEventCatalog } from '../../machines/case-events.js';
import { caseStatesOf, stateNameOf } from '../../machines/case-type.js';
import { correctionEvents, correctionMachine } from '../../machines/correction.machine.js';
import { deferralEvents, deferralMachine } from '../../machines/deferral.machine.js';
import { explanationEvents, explanationMachine } from '../../machines/explanation.machine.js';
import {
  repairEvents,
  repairEventsV2,
  repairEventsV3,
  repairEventsV4,
  repairMachine,
  repairMachineV3,
  repairMachineV4,
  type EvidenceEntry,
  repairMachineV1,
  repairProgress,
} from '../../machines/repair.machine.js';
import { reviewEvents, reviewMachine } from '../../machines/review.machine.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import { caseSamples, repairV1Sample, sampleIds } from '../helpers/case-samples.js';

const drafter = { userId: 'u-drafter', role: 'reviewer' as const };
const approver = { userId: 'u-approver', role: 'supervisor' as const };
const department = { userId: 'u-department', role: 'agency' as const };
const { platform1: p1, platform2: p2 } = sampleIds;

interface MachineUnderTest {
  name: string;
  machine: AnyStateMachine;
  catalog: CaseEventCatalog;
  input: Record<string, unknown>;
  events: { type: string; [key: string]: unknown }[];
  serialize: (snapshot: AnyMachineSnapshot) => string;
  /** Model of the world the effects act on, and the invariant that must hold after each step. */
  world: () => {
    apply(effect: CaseEffect): void;
    check(snapshot: AnyMachineSnapshot, effectsSoFar: CaseEffect[]): void;
  };
}

/** The repair samples without version 4's removal, for the versions that do not have it. */
const withoutV4 = (samples: MachineUnderTest['events']) => samples.filter((event) => event.type !== 'REMOVE_EVIDENCE');

const machines: MachineUnderTest[] = [
  {
    name: 'correction',
    machine: correctionMachine,
    catalog: correctionEvents,
    input: caseSamples.correction.input,
    // The drafter drafts and the approver decides: two people, as the machine requires.
    events: caseSamples.correction.samples.map((event) => ({
      ...event,
      ...(event.type === 'SUBMIT_DRAFT'
        ? { actor: drafter }
        : event.type === 'PLATFORM_ACKNOWLEDGED'
          ? {}
          : { actor: approver }),
    })),
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${s.context.draft ? 1 : 0}|${[...s.context.acknowledgedPlatformIds].sort().join()}`,
    world: () => ({
      apply: () => {},
      check: (snapshot, effects) => {
        const corrections = effects.filter((e) => e.type === 'correctRecord').length;
        // The record changes once, when the correction is applied, and never without it.
        expect(corrections).toBe(['propagating', 'applied'].includes(String(snapshot.value)) ? 1 : 0);
        if (snapshot.value === 'applied') expect(snapshot.context.acknowledgedPlatformIds.sort()).toEqual([p1, p2]);
      },
    }),
  },
  {
    name: 'review',
    machine: reviewMachine,
    catalog: reviewEvents,
    input: caseSamples.review.input,
    events: caseSamples.review.samples,
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${s.context.materialRequested}|${s.context.extended}|${s.context.hearings.length > 0}|${s.context.decision?.outcome ?? ''}`,
    world: () => ({
      apply: () => {},
      check: (snapshot, effects) => {
        const followUps = effects.filter((e) => e.type === 'openLinkedCase');
        const outcome = snapshot.context.decision?.outcome;
        // A revoke or an alteration opens exactly the follow-up case it implies; nothing else does.
        expect(followUps.map((e) => (e.params as { type: string }).type)).toEqual(
          outcome === 'revoke' ? ['objection'] : outcome === 'alter' ? ['correction'] : [],
        );
        expect(effects.filter((e) => e.type === 'extendClock').length).toBe(snapshot.context.extended ? 1 : 0);
        expect(
          effects.filter(
            (e) => e.type === 'notifySubject' && (e.params as { topic: string }).topic === 'material_requested',
          ).length,
        ).toBeLessThanOrEqual(1);
      },
    }),
  },
  {
    name: 'repair (v2: the finding department decides)',
    machine: repairMachine,
    catalog: repairEventsV2,
    input: caseSamples.repair.input,
    // The department's officer sends the department's decisions (REMOVE_EVIDENCE is version 4's).
    events: withoutV4(caseSamples.repair.samples).map((event) =>
      ['APPROVE', 'REFUSE', 'REFUSE_FOR_FALSE_MATERIAL', 'REVOKE_FOR_FALSE_MATERIAL'].includes(event.type)
        ? { ...event, actor: department }
        : event,
    ),
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${repairProgress(s.context).every((p) => p.met)}|${s.context.acknowledgedPlatformIds.length}|${s.context.extension !== null}`,
    world: () => {
      let shown = true;
      return {
        apply: (effect) => {
          if (effect.type === 'markRecordRepaired') shown = false;
          if (effect.type === 'restoreRecordDisplay') shown = true;
        },
        check: (snapshot, effects) => {
          const state = stateNameOf(snapshot);
          // Not shown from the credit center's publication of the department's approval until a revocation.
          expect(shown).toBe(!['propagating', 'repaired'].includes(state));
          // False material bars repair, whether found before the decision or after the repair.
          expect(effects.filter((e) => e.type === 'banRepair').length).toBe(
            ['refusedForFalseMaterial', 'revoked'].includes(state) ? 1 : 0,
          );
          // Only the department decides; an extension is asked for once and moves the clock once.
          if (snapshot.context.decision && snapshot.context.decision.outcome !== 'withdrawn')
            expect(snapshot.context.decidedBy).toBe('u-department');
          expect(effects.filter((e) => e.type === 'extendClock').length).toBe(snapshot.context.extension ? 1 : 0);
          if (snapshot.context.extension) expect(snapshot.context.extension.days).toBe(3);
          if (!['collectingEvidence', 'withdrawn'].includes(state))
            expect(repairProgress(snapshot.context).every((p) => p.met)).toBe(true);
          expect(snapshot.context.evidence.every((e: { route: string }) => e.route === 'volunteering')).toBe(true);
        },
      };
    },
  },
  {
    // Issue 16 items 3-4: every refusal carries its reason code; every request for material says
    // what, why, by when and the how-many-th it is.
    name: 'repair (v3: reason codes, the shared request for material)',
    machine: repairMachineV3,
    catalog: repairEventsV3,
    input: caseSamples.repair.input,
    events: withoutV4(caseSamples.repair.samples).map((event) =>
      ['APPROVE', 'REFUSE', 'REFUSE_FOR_FALSE_MATERIAL', 'REVOKE_FOR_FALSE_MATERIAL'].includes(event.type)
        ? { ...event, actor: department }
        : event,
    ),
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${repairProgress(s.context).every((p) => p.met)}|${s.context.acknowledgedPlatformIds.length}|${s.context.extension !== null}`,
    world: () => {
      let asked = 0;
      return {
        apply: (effect) => {
          if (effect.type !== 'notifySubject') return;
          const params = effect.params as { topic: string; data: Record<string, string>; dueOf?: string };
          if (params.topic !== 'material_requested') return;
          asked += 1;
          expect(params.data).toMatchObject({ times: String(asked), reasonCode: 'material_incomplete' });
          expect(params.dueOf).toBe('repair.material');
        },
        check: (snapshot, effects) => {
          const state = stateNameOf(snapshot);
          expect(snapshot.context.materialRequests.length).toBe(asked);
          const closing = effects
            .filter((e) => e.type === 'notifySubject' && (e.params as { topic: string }).topic === 'case_closed')
            .at(-1);
          const expected =
            state === 'refused'
              ? 'evidence_not_covering_obligation'
              : ['refusedForFalseMaterial', 'revoked'].includes(state)
                ? 'material_false'
                : undefined;
          if (expected) {
            expect(snapshot.context.decision?.reasonCode).toBe(expected);
            expect((closing!.params as { data: Record<string, string> }).data.reasonCode).toBe(expected);
          }
        },
      };
    },
  },
  {
    // Issue 16 item 9: a wrong ledger entry is removed (kept, struck through) and counts no more.
    name: 'repair (v4: removing a wrong ledger entry)',
    machine: repairMachineV4,
    catalog: repairEventsV4,
    input: caseSamples.repair.input,
    events: caseSamples.repair.samples.map((event) =>
      ['APPROVE', 'REFUSE', 'REFUSE_FOR_FALSE_MATERIAL', 'REVOKE_FOR_FALSE_MATERIAL'].includes(event.type)
        ? { ...event, actor: department }
        : event.type === 'REMOVE_EVIDENCE'
          ? { ...event, actor: { userId: 'u-applicant', role: 'citizen' as const } }
          : event,
    ),
    // Whether the thresholds are met, whether an entry counts and whether one was removed: a
    // bounded picture (the ledger itself grows with every entry).
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${repairProgress(s.context).every((p) => p.met)}|${s.context.evidence.some((e: EvidenceEntry) => !e.removed)}|${s.context.evidence.some((e: EvidenceEntry) => e.removed)}|${s.context.acknowledgedPlatformIds.length}|${s.context.extension !== null}`,
    world: () => ({
      apply: () => {},
      check: (snapshot) => {
        const state = stateNameOf(snapshot);
        const evidence = snapshot.context.evidence as EvidenceEntry[];
        // A removed entry stays in the ledger, with why and by whom, and counts for nothing.
        for (const entry of evidence.filter((e) => e.removed)) {
          expect(entry.removed).toEqual({ reason: 'Entered by mistake', by: 'u-applicant' });
        }
        const counted = evidence
          .filter((e) => !e.removed && e.route === 'volunteering')
          .reduce((n, e) => n + e.amount, 0);
        expect(repairProgress(snapshot.context)[0]!.shown).toBe(counted);
        // Submitted only with the thresholds met by the entries that still count.
        if (!['collectingEvidence', 'withdrawn'].includes(state))
          expect(repairProgress(snapshot.context).every((p) => p.met)).toBe(true);
      },
    }),
  },
  {
    name: 'repair (v1, for its running cases)',
    machine: repairMachineV1,
    catalog: repairEvents,
    input: repairV1Sample.input,
    events: repairV1Sample.samples,
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${repairProgress(s.context).every((p) => p.met)}|${s.context.acknowledgedPlatformIds.length}`,
    world: () => {
      let shown = true;
      return {
        apply: (effect) => {
          if (effect.type === 'markRecordRepaired') shown = false;
          if (effect.type === 'restoreRecordDisplay') shown = true;
        },
        check: (snapshot, effects) => {
          // A repaired record is not shown; a revoked repair shows it again (and bars repair).
          expect(shown).toBe(!['propagating', 'repaired'].includes(String(snapshot.value)));
          if (snapshot.value === 'revoked') expect(effects.some((e) => e.type === 'banRepair')).toBe(true);
          if (snapshot.value !== 'collectingEvidence' && snapshot.value !== 'withdrawn')
            expect(repairProgress(snapshot.context).every((p) => p.met)).toBe(true);
          expect(snapshot.context.evidence.every((e: { route: string }) => e.route === 'volunteering')).toBe(true);
        },
      };
    },
  },
  {
    name: 'explanation',
    machine: explanationMachine,
    catalog: explanationEvents,
    input: caseSamples.explanation.input,
    events: caseSamples.explanation.samples,
    serialize: (s) => JSON.stringify(s.value),
    world: () => {
      let shownBeside = false;
      return {
        apply: (effect) => {
          if (effect.type === 'publishExplanation') shownBeside = true;
          if (effect.type === 'withdrawExplanation') shownBeside = false;
        },
        check: (snapshot) => expect(shownBeside).toBe(snapshot.value === 'published'),
      };
    },
  },
  {
    name: 'deferral',
    machine: deferralMachine,
    catalog: deferralEvents,
    input: caseSamples.deferral.input,
    events: caseSamples.deferral.samples,
    serialize: (s) =>
      `${JSON.stringify(s.value)}|${(s.context.schedule ?? []).filter((i: { paidOn: string | null }) => i.paidOn).length}`,
    world: () => {
      let performed = false;
      let missedOnRecord = 0;
      let scheduleStatus: string | null = null;
      return {
        apply: (effect) => {
          if (effect.type === 'markObligationPerformed') performed = true;
          if (effect.type === 'recordInstalmentMissed') missedOnRecord += 1;
          if (effect.type === 'writeObligationSchedule') scheduleStatus = effect.params.status;
        },
        check: (snapshot, effects) => {
          const state = String(snapshot.value);
          // The obligation is performed exactly when the last instalment is paid; a missed one is
          // recorded on the record once; the record's schedule says what the case says.
          expect(performed).toBe(state === 'paidInFull');
          expect(missedOnRecord).toBe(state === 'lapsed' ? 1 : 0);
          expect(scheduleStatus).toBe(snapshot.context.status);
          if (state === 'onSchedule') {
            // The clock falls due on the next unpaid instalment's day.
            const due = effects.filter((e) => e.type === 'setClockDue').at(-1);
            const next = snapshot.context.schedule.find((i: { paidOn: string | null }) => i.paidOn === null);
            expect(due?.params).toEqual({ dueOn: next.dueOn });
          }
        },
      };
    },
  },
];

describe.each(machines)('$name machine: every path', (subject) => {
  it('has a valid sample for every event of its catalog', () => {
    expect([...new Set(subject.events.map((e) => e.type))].sort()).toEqual(Object.keys(subject.catalog).sort());
    for (const { type, actor: _actor, ...payload } of subject.events) {
      expect(subject.catalog[type]!.input.safeParse(payload).success, `${type} ${JSON.stringify(payload)}`).toBe(true);
    }
  });

  const paths = getSimplePaths(subject.machine, {
    input: subject.input,
    events: subject.events as never[],
    serializeState: subject.serialize as never,
  });

  it('reaches every state', () => {
    expect([...new Set(paths.map((p) => stateNameOf(p.state)))].sort()).toEqual(
      caseStatesOf(subject.machine)
        .map((s) => s.name)
        .sort(),
    );
  });

  it.each(
    paths.map(
      (path) =>
        [
          path.steps
            .slice(1)
            .map((s) => `${s.event.type}→${stateNameOf(s.state)}`)
            .join(' ') || '(start)',
          path,
        ] as const,
    ),
  )('%s', (_name, path) => {
    const world = subject.world();
    const effects: CaseEffect[] = [];
    const follow = (actions: readonly { type: string; params?: unknown }[]) => {
      for (const effect of caseEffectsOf(actions)) {
        effects.push(effect);
        world.apply(effect);
      }
    };
    let [snapshot, actions] = initialTransition(subject.machine, subject.input);
    follow(actions);
    world.check(snapshot, effects);
    for (const step of path.steps.slice(1)) {
      [snapshot, actions] = transition(subject.machine, snapshot, step.event);
      follow(actions);
      world.check(snapshot, effects);
    }
    if (snapshot.status === 'done') {
      for (const event of subject.events) {
        const [next, more] = transition(subject.machine, snapshot, event as never);
        expect(next).toBe(snapshot);
        expect(more).toEqual([]);
      }
    }
  });
});
