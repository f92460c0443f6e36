// Administrative review (行政复议) tracked: every outcome the review body may reach, who may send
// what, the record carried along where the outcome changes it, and its clocks worked by hand on
// the 2026 calendar: deemed acceptance on the last day of the acceptance period (art. 30) and the
// one extension counted from the end of the original period as holidays moved it (art. 62).
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import {
  administrativeReviewEvents,
  administrativeReviewEventsV2,
  administrativeReviewMachine,
  type AdministrativeReviewEvent,
  type AdministrativeReviewInput,
} from '../../machines/administrative-review.machine.js';
import { stateMetaOf, stateNameOf } from '../../machines/case-type.js';
import { endedAdversely } from '../../machines/index.js';
import { extendCaseClock, nextCaseClock } from '../../src/domain/case-clock.js';
import { policyInForce } from '../../src/domain/policy.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import { calendarFromPackage, chinaTime } from '../helpers/calendar.js';
import { caseSamples } from '../helpers/case-samples.js';

const input = caseSamples['administrative-review'].input as AdministrativeReviewInput;
const actor = { userId: 'officer-1', role: 'review_body' as const };
const start = () => initialTransition(administrativeReviewMachine, input)[0];
/** An event as sent by the engine (with its actor), loosely typed for the tables below. */
type Sent = { type: string; [field: string]: unknown };
const as = (event: Sent) => ({ ...event, actor }) as unknown as AdministrativeReviewEvent;
function run(events: Sent[], from: AnyMachineSnapshot = start()) {
  let snapshot = from;
  const effects: { type: string; params?: unknown }[] = [];
  for (const event of events) {
    expect(snapshot.can(as(event)), `${event.type} in ${stateNameOf(snapshot)}`).toBe(true);
    const [next, actions] = transition(administrativeReviewMachine, snapshot, as(event));
    snapshot = next;
    effects.push(...caseEffectsOf(actions));
  }
  return { snapshot, effects, state: stateNameOf(snapshot) };
}
const accepted: Sent[] = [{ type: 'ACCEPT' }];
const decide = (outcome: string, extra: Record<string, unknown> = {}): Sent => ({
  type: 'DECIDE',
  outcome,
  reasons: 'because',
  ...extra,
});

it('has a valid sample for every event in its catalog', () => {
  const samples = caseSamples['administrative-review'].samples as AdministrativeReviewEvent[];
  expect(samples.length).toBeGreaterThan(0);
  expect([...new Set(samples.map((e) => e.type))].sort()).toEqual(Object.keys(administrativeReviewEventsV2).sort());
  for (const { type, ...payload } of samples)
    expect(
      administrativeReviewEventsV2[type as keyof typeof administrativeReviewEventsV2].input.safeParse(payload).success,
      type,
    ).toBe(true);
});

it('only the review body decides; the respondent answers; neither credit-center staff role takes part', () => {
  for (const [name, meta] of Object.entries(administrativeReviewEvents)) {
    expect(meta.roles, name).not.toContain('reviewer');
    expect(meta.roles, name).not.toContain('supervisor');
  }
  expect(administrativeReviewEvents.DECIDE.roles).toEqual(['review_body']);
  expect(administrativeReviewEvents.ANSWER.roles).toEqual(['agency']);
});

describe('outcomes', () => {
  const table: [string, Sent[], string, boolean][] = [
    ['维持 (art. 68)', [...accepted, decide('uphold')], 'decidedAgainst', true],
    ['驳回复议请求 (art. 69)', [...accepted, decide('dismiss_request')], 'decidedAgainst', true],
    ['驳回申请 after acceptance (art. 33)', [...accepted, decide('dismiss_application')], 'decidedAgainst', true],
    ['撤销 without a new act (art. 64)', [...accepted, decide('revoke')], 'decidedFor', false],
    ['撤销 with a new act', [...accepted, decide('revoke', { redecide: true })], 'decidedFor', false],
    ['变更 (art. 63)', [...accepted, decide('alter', { correction: { facts: 'right facts' } })], 'decidedFor', false],
    ['确认违法 (art. 65)', [...accepted, decide('confirm_unlawful')], 'decidedFor', false],
    ['责令履行 (art. 66)', [...accepted, decide('order_performance')], 'decidedFor', false],
    ['确认无效 (art. 67)', [...accepted, decide('confirm_void', { removeRecord: true })], 'decidedFor', false],
    ['调解 (art. 73)', [...accepted, { type: 'RECORD_MEDIATION', terms: 'agreed' }], 'mediated', false],
    ['和解 (art. 74)', [...accepted, { type: 'RECORD_SETTLEMENT', terms: 'settled' }], 'settled', false],
    ['终止 (art. 41)', [...accepted, { type: 'TERMINATE', reasons: 'died' }], 'terminated', false],
    [
      '中止 then 终止 (arts. 39, 41)',
      [...accepted, { type: 'SUSPEND', reasons: 'court' }, { type: 'TERMINATE', reasons: 'moot' }],
      'terminated',
      false,
    ],
    ['不予受理 (art. 30)', [{ type: 'REFUSE_TO_ACCEPT', reasons: 'late' }], 'notAccepted', true],
    ['withdrawn', [{ type: 'WITHDRAW' }], 'withdrawn', false],
    [
      'deemed withdrawn: not supplemented (art. 31)',
      [{ type: 'REQUEST_SUPPLEMENT', requested: 'the letter' }, { type: 'SUPPLEMENT_NOT_RECEIVED' }],
      'withdrawn',
      false,
    ],
  ];
  it.each(table)('%s', (_, events, final, adverse) => {
    const { snapshot, state } = run(events);
    expect(state).toBe(final);
    expect(snapshot.status).toBe('done');
    for (const event of caseSamples['administrative-review'].samples as Sent[])
      expect(snapshot.can(as(event)), `${event.type} after ${state}`).toBe(false);
    expect(endedAdversely({ type: 'administrative-review', machineVersion: 1, status: 'closed', outcome: state })).toBe(
      adverse,
    );
  });

  it('a revocation with a new act reopens the original matter; alter and void correct the record', () => {
    const redecided = run([...accepted, decide('revoke', { redecide: true })]).effects;
    expect(redecided.find((e) => e.type === 'openLinkedCase')?.params).toMatchObject({ type: 'objection' });
    const altered = run([...accepted, decide('alter', { correction: { facts: 'right facts' } })]).effects;
    expect(altered.find((e) => e.type === 'openLinkedCase')?.params).toMatchObject({
      type: 'correction',
      filing: { recordId: input.recordId, proposed: { facts: 'right facts' }, remove: false },
    });
    const voided = run([...accepted, decide('confirm_void', { removeRecord: true })]).effects;
    expect(voided.find((e) => e.type === 'openLinkedCase')?.params).toMatchObject({
      type: 'correction',
      filing: { recordId: input.recordId, remove: true },
    });
    // An outcome that leaves the record as it is opens nothing.
    expect(run([...accepted, decide('confirm_unlawful')]).effects.some((e) => e.type === 'openLinkedCase')).toBe(false);
  });
});

it('walks the respondent’s answer beside the decision clock', () => {
  const copy = run([...accepted, { type: 'SEND_COPY', sentOn: '2026-12-01' }]);
  expect(copy.state).toBe('awaitingAnswer');
  expect(stateMetaOf(copy.snapshot)).toMatchObject({
    waitingOn: 'agency',
    deadline: 'administrativeReview.decide',
    deadlines: ['administrativeReview.answer'],
  });
  const answered = run([{ type: 'ANSWER', answer: 'lawful' }], copy.snapshot);
  expect(answered.state).toBe('deliberating');
  expect(answered.snapshot.context.answer).toBe('lawful');
});

it('asks to supplement once, and extends once', () => {
  const asked = run([
    { type: 'REQUEST_SUPPLEMENT', requested: 'x' },
    { type: 'SUPPLEMENT', material: 'y' },
  ]);
  expect(asked.state).toBe('acceptanceReview');
  expect(asked.snapshot.can(as({ type: 'REQUEST_SUPPLEMENT', requested: 'again' }))).toBe(false);
  const extended = run([...accepted, { type: 'EXTEND', days: 30, approvedBy: 'head', reasons: 'complex' }]);
  expect(extended.effects.find((e) => e.type === 'extendClock')?.params).toEqual({ days: 30 });
  expect(extended.snapshot.can(as({ type: 'EXTEND', days: 10, approvedBy: 'head', reasons: 'again' }))).toBe(false);
});

describe('clocks (行政复议法 arts. 30, 62, 88)', () => {
  const calendar = calendarFromPackage();
  const policy = policyInForce('national', chinaTime('2026-06-01'));

  it('deemed accepted on the day the acceptance period ends: filed 06-01, decide by 08-07', () => {
    const acceptance = nextCaseClock(
      null,
      { kind: 'run', deadline: 'administrativeReview.accept' },
      chinaTime('2026-06-01'),
      policy,
      calendar,
    )!;
    // 5 working days after Monday 06-01: 06-02..06-05 and 06-08 (no holiday between).
    expect(acceptance.dueAt).toBe(new Date('2026-06-08T16:00:00Z').toISOString());
    // The timer fires at 24:00 of 06-08; the engine counts what it starts from the last moment of 06-08.
    const deemedAt = new Date(Date.parse(acceptance.dueAt!) - 1);
    const decision = nextCaseClock(
      acceptance,
      { kind: 'run', deadline: 'administrativeReview.decide' },
      deemedAt,
      policy,
      calendar,
    )!;
    // 06-08 + 60 days = 08-07, a Friday.
    expect(decision.dueAt).toBe(new Date('2026-08-07T16:00:00Z').toISOString());
  });

  it('extension from the end of the original period as moved: accepted 08-03, due 10-08, extended to 11-09', () => {
    const decision = nextCaseClock(
      null,
      { kind: 'run', deadline: 'administrativeReview.decide' },
      chinaTime('2026-08-03'),
      policy,
      calendar,
    )!;
    // 08-03 + 60 = 10-02, inside the National Day holidays (10-01..10-07): moved to 10-08.
    expect(decision.dueAt).toBe(new Date('2026-10-08T16:00:00Z').toISOString());
    // + 30 from 10-08 = 11-07, a Saturday: 11-09 (not 08-03 + 90 = 11-01 → 11-02).
    expect(extendCaseClock(decision, 30, calendar).dueAt).toBe(new Date('2026-11-09T16:00:00Z').toISOString());
  });
});
