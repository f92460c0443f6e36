// The referral (转交) machine on every simple path, for each forum: the forum's legal limit runs
// only while the forum has it, the subject is told when it is sent and when it is answered, what
// was sent to whom and the answer (with who recorded it) are kept; a closed referral accepts
// nothing. And the forum table: one entry per record kind, consistent with every policy version.
import { getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { CaseEffect } from '../../machines/case-events.js';
import { stateMetaOf, stateNameOf } from '../../machines/case-type.js';
import { type ReferralInput, referralMachine, referralV1 } from '../../machines/referral.machine.js';
import { forumRules, recordKindRules } from '../../src/domain/forums.js';
import { deadlineRuleOf, policyVersions } from '../../src/domain/policy.js';
import { recordKinds } from '../../src/domain/records.js';
import { repairEligibility } from '../../src/domain/repair-eligibility.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import { caseSamples } from '../helpers/case-samples.js';

const reviewer = { userId: 'u-reviewer', role: 'reviewer' as const };
const court = caseSamples.referral.input as ReferralInput;
const creditReport = caseSamples.referral.otherInputs![0]! as ReferralInput;
// The answer that deletes (an answer that keeps the record, with its reason code, is version 3's:
// test/unit/reason-codes.test.ts).
const events = caseSamples.referral.samples
  .filter((e) => e.type !== 'ANSWER_RECORDED' || e.outcome === 'deleted')
  .map((e) => (e.type === 'SUPPLEMENT' || e.type === 'WITHDRAW' ? e : { ...e, actor: reviewer }));

describe.each([
  ['court list', court, 'awaitingCourt', 'referral.court'],
  ['credit report', creditReport, 'awaitingCreditReporting', 'referral.creditReport'],
] as const)('referral to its forum (%s): every path', (_name, input, awaiting, deadline) => {
  const paths = getSimplePaths(referralMachine, {
    input,
    events: events as never[],
    serializeState: ((s: { value: unknown }) => JSON.stringify(s.value)) as never,
  });

  it('reaches the forum it belongs to and no other', () => {
    const reached = new Set(paths.map((p) => stateNameOf(p.state)));
    expect([...reached].sort()).toEqual(['answered', awaiting, 'toRefer', 'withdrawn'].sort());
  });

  it.each(paths.map((p) => [p.steps.map((s) => s.event.type).join(' → '), p] as const))('%s', (_steps, path) => {
    const effects: CaseEffect[] = [];
    let [snapshot, actions] = initialTransition(referralMachine, input);
    effects.push(...caseEffectsOf(actions));
    for (const step of path.steps.slice(1)) {
      [snapshot, actions] = transition(referralMachine, snapshot, step.event as never);
      effects.push(...caseEffectsOf(actions));
      const meta = stateMetaOf(snapshot);
      const name = stateNameOf(snapshot);
      // The forum's limit runs exactly while the forum has it.
      expect(meta.deadline).toBe(name === awaiting ? deadline : undefined);
      const notices = effects.filter((e) => e.type === 'notifySubject').map((e) => e.params.topic);
      if (snapshot.context.referral) {
        // Sent: kept with who sent it, and the subject told once.
        expect(snapshot.context.referral).toMatchObject({ sentTo: "Haidian People's Court", sentBy: reviewer.userId });
        expect(notices.filter((t) => t === 'referral_sent')).toHaveLength(1);
      } else expect(notices).not.toContain('referral_sent');
      if (name === 'answered') {
        expect(snapshot.context.answer).toEqual({
          answeredOn: '2026-11-12',
          outcome: 'deleted',
          answer: 'Deleted from the list.',
          recordedBy: reviewer.userId,
        });
        expect(effects.at(-1)).toMatchObject({
          type: 'notifySubject',
          params: { subjectId: input.subjectId, topic: 'case_closed', data: { outcome: 'deleted' } },
        });
      }
    }
    // The machine changes no record itself: the forum decides; xiufu records and tells.
    expect(effects.every((e) => e.type === 'notifySubject')).toBe(true);
    if (snapshot.status === 'done') {
      for (const event of events) {
        const [next, more] = transition(referralMachine, snapshot, event as never);
        expect(next).toBe(snapshot);
        expect(more).toEqual([]);
      }
    }
  });
});

describe('referral events and offering', () => {
  it('an answer cannot be recorded before the referral is sent', () => {
    const [filed] = initialTransition(referralMachine, court);
    expect(
      filed.can({ type: 'ANSWER_RECORDED', answeredOn: '2026-11-12', outcome: 'deleted', answer: 'x' } as never),
    ).toBe(false);
    expect(stateNameOf(filed)).toBe('toRefer');
    expect(stateMetaOf(filed).waitingOn).toBe('reviewer');
  });

  it('is filed by the subject and sent and answered by staff', () => {
    expect(referralV1.filingRoles).toEqual(['citizen']);
    expect(referralV1.events.REFER.roles).toEqual(['reviewer', 'supervisor']);
    expect(referralV1.events.ANSWER_RECORDED.roles).not.toContain('citizen');
  });
});

describe('the forum of each record kind (src/domain/forums.ts)', () => {
  it('has one entry per kind; the court list and credit reports are referred, never decided here', () => {
    expect(Object.keys(recordKindRules).sort()).toEqual([...recordKinds].sort());
    expect(recordKindRules.court_dishonest_debtor.forum).toBe('enforcing_court');
    expect(recordKindRules.credit_report_negative.forum).toBe('credit_reporting');
    expect(recordKindRules.administrative_penalty.forum).toBe('platform');
  });

  it.each(policyVersions.map((v) => [v.id, v] as const))(
    'policy %s: has each forum’s limit, and repairs no kind the law excludes',
    (_id, version) => {
      expect(deadlineRuleOf(version, 'referral.court')).toMatchObject({ limit: 15, unit: 'calendar', verified: true });
      expect(deadlineRuleOf(version, 'referral.creditReport')).toMatchObject({ limit: 20, unit: 'calendar' });
      for (const [kind, rule] of Object.entries(recordKindRules)) {
        if (!rule.repair.repairable) expect(version.rules.repair.repairableKinds).not.toContain(kind);
      }
      for (const rule of Object.values(forumRules))
        if (rule.answerDeadline) expect(version.deadlines[rule.answerDeadline]).toBeDefined();
    },
  );

  it('a repair of an excluded kind is refused with why and where to go instead', () => {
    const rules = policyVersions.at(-1)!.rules;
    const failed = repairEligibility(rules, {
      record: {
        kind: 'court_dishonest_debtor',
        status: 'published',
        repairableFrom: null,
        obligation: null,
        obligationPerformed: false,
      },
      bannedUntil: null,
      openRepairCaseId: null,
      today: '2026-12-01',
      routes: ['performance'],
    });
    expect(failed).toEqual([
      {
        rule: 'repairable_kind',
        message: expect.stringMatching(/published and removed by the courts.*enforcing court deletes/),
      },
    ]);
  });
});
