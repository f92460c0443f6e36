// The deferral machine's important transitions, table by table: apply, grant a schedule (one
// date or instalments, validated), refuse, each instalment paid, an instalment missed at its
// deadline, paid in full, withdraw; and how the obligation then stands for repair eligibility.
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { caseStateNamed, stateMetaOf, stateNameOf } from '../../machines/case-type.js';
import { deferralEvents, deferralMachine, deferralV1, type DeferralInput } from '../../machines/deferral.machine.js';
import { obligationStandingOf } from '../../src/domain/obligation-schedule.js';
import { policyVersions } from '../../src/domain/policy.js';
import { repairEligibility } from '../../src/domain/repair-eligibility.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import { caseSamples } from '../helpers/case-samples.js';

const agency = { userId: 'u-agency', role: 'agency' as const };
const system = { userId: 'u-system', role: 'system' as const };
const input = caseSamples.deferral.input as DeferralInput & { recordId: string; subjectId: string };
const twoInstalments = [
  { dueOn: '2026-12-15', amount: 4000 },
  { dueOn: '2027-01-15', amount: 4000 },
];

function run(...events: Record<string, unknown>[]) {
  let [snapshot, actions] = initialTransition(deferralMachine, input);
  const effects = [...caseEffectsOf(actions)];
  for (const event of events) {
    [snapshot, actions] = transition(deferralMachine, snapshot, event as never);
    effects.push(...caseEffectsOf(actions));
  }
  return { snapshot: snapshot as AnyMachineSnapshot, effects };
}

const grant = (instalments = twoInstalments) => ({
  type: 'GRANT',
  reasons: 'Hardship shown',
  instalments,
  actor: agency,
});
const paid = (paidOn: string) => ({ type: 'INSTALMENT_PAID', paidOn, actor: agency });

describe('deferral machine', () => {
  it('starts with the agency deciding, under the deferral deadline', () => {
    const { snapshot } = run();
    expect(stateNameOf(snapshot)).toBe('deciding');
    expect(stateMetaOf(snapshot)).toMatchObject({ waitingOn: 'agency', deadline: 'deferral.decide' });
  });

  it('grants instalments: the schedule is written for the record, the clock falls due on the first date', () => {
    const { snapshot, effects } = run(grant());
    expect(stateNameOf(snapshot)).toBe('onSchedule');
    expect(snapshot.context.schedule).toEqual(twoInstalments.map((i) => ({ ...i, paidOn: null })));
    expect(effects.find((e) => e.type === 'writeObligationSchedule')?.params).toMatchObject({ status: 'kept' });
    expect(effects.find((e) => e.type === 'setClockDue')?.params).toEqual({ dueOn: '2026-12-15' });
    expect(stateMetaOf(snapshot)).toMatchObject({ deadline: 'deferral.instalment', onDeadline: 'INSTALMENT_MISSED' });
    expect(effects.some((e) => e.type === 'notifySubject' && e.params.topic === 'deferral_granted')).toBe(true);
  });

  it('grants one new due date (a plain deferral) as a schedule of one', () => {
    const { snapshot, effects } = run(grant([{ dueOn: '2027-02-01', amount: 8000 }]), paid('2027-01-30'));
    expect(stateNameOf(snapshot)).toBe('paidInFull');
    expect(effects.filter((e) => e.type === 'markObligationPerformed')).toHaveLength(1);
  });

  it('refuses a due date that is not after the day of the application', () => {
    const { snapshot } = run();
    expect(snapshot.can({ ...grant([{ dueOn: '2026-11-02', amount: 8000 }]) } as never)).toBe(false);
    expect(snapshot.can({ ...grant([{ dueOn: '2026-11-03', amount: 8000 }]) } as never)).toBe(true);
  });

  it.each([
    [[], 'give at least one due date'],
    [
      [
        { dueOn: '2027-01-15', amount: 4000 },
        { dueOn: '2026-12-15', amount: 4000 },
      ],
      'must come after',
    ],
    [
      [
        { dueOn: '2026-12-15', amount: 4000 },
        { dueOn: '2026-12-15', amount: 4000 },
      ],
      'must come after',
    ],
    [[{ dueOn: '2026-12-15', amount: 0 }], 'the amount in CNY'],
    [[{ dueOn: '2026-12-15', amount: 10.005 }], 'at most two decimals'],
    [[{ dueOn: '2026-02-30', amount: 10 }], 'a date that exists'],
  ])('validates the schedule: %j is refused (%s)', (instalments, message) => {
    const parsed = deferralEvents.GRANT.input.safeParse({ reasons: 'ok', instalments });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });

  it('records each instalment paid, moves the clock to the next, and marks the obligation performed with the last', () => {
    const first = run(grant(), paid('2026-12-10'));
    expect(stateNameOf(first.snapshot)).toBe('onSchedule');
    expect(first.snapshot.context.schedule[0].paidOn).toBe('2026-12-10');
    expect(first.effects.filter((e) => e.type === 'setClockDue').at(-1)?.params).toEqual({ dueOn: '2027-01-15' });
    expect(first.effects.some((e) => e.type === 'markObligationPerformed')).toBe(false);

    const last = run(grant(), paid('2026-12-10'), paid('2027-01-14'));
    expect(stateNameOf(last.snapshot)).toBe('paidInFull');
    expect(last.snapshot.context.status).toBe('completed');
    expect(last.effects.filter((e) => e.type === 'markObligationPerformed')).toHaveLength(1);
    expect(last.effects.filter((e) => e.type === 'writeObligationSchedule').at(-1)?.params).toMatchObject({
      status: 'completed',
    });
    expect(caseStateNamed(deferralMachine, 'paidInFull')?.final).toBe(true);
  });

  it('records a missed instalment on the case and the record, and tells the subject', () => {
    const { snapshot, effects } = run(grant(), paid('2026-12-10'), { type: 'INSTALMENT_MISSED', actor: system });
    expect(stateNameOf(snapshot)).toBe('lapsed');
    expect(snapshot.context.missed).toEqual({ dueOn: '2027-01-15', amount: 4000, paidOn: null });
    expect(effects.find((e) => e.type === 'recordInstalmentMissed')?.params).toEqual({
      recordId: input.recordId,
      subjectId: input.subjectId,
      dueOn: '2027-01-15',
      amount: 4000,
      actorUserId: 'u-system',
    });
    expect(
      effects.find((e) => e.type === 'notifySubject' && e.params.topic === 'instalment_missed')?.params,
    ).toMatchObject({
      data: { dueOn: '2027-01-15', amount: '4000' },
    });
    expect(effects.filter((e) => e.type === 'writeObligationSchedule').at(-1)?.params).toMatchObject({
      status: 'missed',
    });
  });

  it('refuses with reasons (adverse: the remedies are stated), and may be withdrawn only before the decision', () => {
    const refused = run({ type: 'REFUSE', reasons: 'No hardship shown', actor: agency });
    expect(stateNameOf(refused.snapshot)).toBe('refused');
    expect(caseStateNamed(deferralMachine, 'refused')?.meta).toMatchObject({ adverse: true });
    expect(caseStateNamed(deferralMachine, 'refused')?.meta.reviewable).toBeUndefined();
    expect(refused.snapshot.context.decision).toEqual({ outcome: 'refused', reasons: 'No hardship shown' });

    const withdrawn = run({ type: 'WITHDRAW', reason: 'Paid after all' });
    expect(stateNameOf(withdrawn.snapshot)).toBe('withdrawn');
    expect(run(grant()).snapshot.can({ type: 'WITHDRAW' })).toBe(false);
  });

  it('is decided by the agency only; the missed instalment is sent by xiufu alone', () => {
    expect(deferralV1.events.GRANT.roles).toEqual(['agency']);
    expect(deferralV1.events.REFUSE.roles).toEqual(['agency']);
    expect(deferralV1.events.INSTALMENT_PAID.roles).toEqual(['agency']);
    expect(deferralV1.events.INSTALMENT_MISSED.roles).toEqual(['system']);
  });

  it('is offered on a record of an administrative kind with an unperformed obligation and no deferral running', () => {
    const base = {
      status: 'published',
      disputed: false,
      explained: false,
      kind: 'administrative_penalty',
      forum: 'platform',
      repairable: true,
      referred: false,
    } as const;
    expect(deferralV1.offeredFor({ ...base, obligationOpen: true, deferralRunning: false })).toBe(true);
    expect(deferralV1.offeredFor({ ...base, obligationOpen: false, deferralRunning: false })).toBe(false);
    expect(deferralV1.offeredFor({ ...base, obligationOpen: true, deferralRunning: true })).toBe(false);
    expect(
      deferralV1.offeredFor({
        ...base,
        kind: 'court_dishonest_debtor',
        forum: 'enforcing_court',
        obligationOpen: true,
      }),
    ).toBe(false);
  });
});

describe('how the obligation stands for repair eligibility', () => {
  const rules = policyVersions.find((v) => v.id === 'national-2026-04-01')!.rules;
  const record = {
    kind: 'administrative_penalty',
    status: 'published',
    repairableFrom: '2026-06-01',
    obligation: 'Fine of CNY 8,000',
    obligationPerformed: false,
  };
  const facts = { bannedUntil: null, openRepairCaseId: null, today: '2027-02-01', routes: ['performance' as const] };
  const obligationRule = (performed: boolean, status: 'kept' | 'missed' | 'completed' | null) =>
    repairEligibility(rules, {
      ...facts,
      record: { ...record, obligationPerformed: performed },
      obligationSchedule: status ? { status } : null,
    }).find((f) => f.rule === 'obligation_performed');

  it('counts performance on the granted schedule as on time, and lets repair be asked', () => {
    expect(obligationStandingOf({ ...record, obligationPerformed: true }, { status: 'completed' })).toBe(
      'performed_on_schedule',
    );
    expect(obligationRule(true, 'completed')).toBeUndefined();
  });

  it('while the schedule is kept: not overdue, but repair waits for the last instalment', () => {
    expect(obligationStandingOf(record, { status: 'kept' })).toBe('on_schedule');
    expect(obligationRule(false, 'kept')?.message).toContain('on time so far');
  });

  it('after a missed instalment the rest is overdue', () => {
    expect(obligationStandingOf(record, { status: 'missed' })).toBe('schedule_missed');
    expect(obligationRule(false, 'missed')?.message).toContain('was missed');
    expect(obligationRule(false, null)?.message).toContain('not recorded as performed');
  });
});
