// Administrative review, version 2: the respondent's 10 days run from its receipt of the copy
// (行政复议法 art. 48) and the applicant's 10 working days from its receipt of the notice to
// supplement (art. 31), each recorded by the review body; until the copy's receipt is recorded
// the case waits for service under a reminder. A decision for the applicant lifts the bar on
// repair the decision under review imposed; an upheld one keeps it. Dates worked by hand on the
// 2026 calendar (National Day 10-01..10-07; Dragon Boat 06-19..06-21, no worked day for it).
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import {
  administrativeReviewMachine,
  administrativeReviewMachineV2,
  type AdministrativeReviewEventV2,
  type AdministrativeReviewInput,
} from '../../machines/administrative-review.machine.js';
import { stateMetaOf, stateNameOf } from '../../machines/case-type.js';
import { administrativeReviewV1toV2, migrateSnapshot } from '../../machines/migrations.js';
import { clockFromReceipt, nextCaseClock } from '../../src/domain/case-clock.js';
import { deadlineRuleOf, policyInForce } from '../../src/domain/policy.js';
import { caseEffectsOf } from '../../src/services/carry-out-case-effects.js';
import { calendarFromPackage, chinaTime } from '../helpers/calendar.js';
import { caseSamples } from '../helpers/case-samples.js';

const input = caseSamples['administrative-review'].input as AdministrativeReviewInput;
const actor = { userId: 'officer-1', role: 'review_body' as const };
type Sent = { type: string; [field: string]: unknown };
const as = (event: Sent) => ({ ...event, actor }) as unknown as AdministrativeReviewEventV2;
const start = () => initialTransition(administrativeReviewMachineV2, input)[0];
function run(events: Sent[], from: AnyMachineSnapshot = start()) {
  let snapshot = from;
  const effects: { type: string; params?: unknown }[] = [];
  for (const event of events) {
    expect(snapshot.can(as(event)), `${event.type} in ${stateNameOf(snapshot)}`).toBe(true);
    const [next, actions] = transition(administrativeReviewMachineV2, snapshot, as(event));
    snapshot = next;
    effects.push(...caseEffectsOf(actions));
  }
  return { snapshot, effects, state: stateNameOf(snapshot) };
}
const decide = (outcome: string, extra: Record<string, unknown> = {}): Sent => ({
  type: 'DECIDE',
  outcome,
  reasons: 'because',
  ...extra,
});
const accepted: Sent[] = [{ type: 'ACCEPT' }];

describe('the respondent’s receipt of the copy (art. 48)', () => {
  it('waits for service after sending: no answer clock yet, a reminder beside the decision clock', () => {
    const sent = run([...accepted, { type: 'SEND_COPY', sentOn: '2026-07-30' }]);
    expect(sent.state).toBe('awaitingService');
    expect(stateMetaOf(sent.snapshot)).toMatchObject({
      waitingOn: 'review_body',
      deadline: 'administrativeReview.decide',
      deadlines: ['administrativeReview.service'],
    });
    expect(stateMetaOf(sent.snapshot).deadlines).not.toContain('administrativeReview.answer');
  });

  it('the receipt starts the answer clock from the day received, through the engine’s countClockFrom', () => {
    const received = run([
      ...accepted,
      { type: 'SEND_COPY', sentOn: '2026-07-30' },
      { type: 'COPY_RECEIVED', receivedOn: '2026-08-03' },
    ]);
    expect(received.state).toBe('awaitingAnswer');
    expect(stateMetaOf(received.snapshot).deadlines).toEqual(['administrativeReview.answer']);
    expect(received.snapshot.context.copyReceivedOn).toBe('2026-08-03');
    expect(received.effects.find((e) => e.type === 'countClockFrom')?.params).toEqual({
      deadline: 'administrativeReview.answer',
      receivedOn: '2026-08-03',
    });
    // Recorded once; the answer moves on.
    expect(received.snapshot.can(as({ type: 'COPY_RECEIVED', receivedOn: '2026-08-04' }))).toBe(false);
    expect(run([{ type: 'ANSWER', answer: 'lawful' }], received.snapshot).state).toBe('deliberating');
  });

  it('an answer that comes before the receipt is recorded shows the copy arrived', () => {
    const answered = run([
      ...accepted,
      { type: 'SEND_COPY', sentOn: '2026-07-30' },
      { type: 'ANSWER', answer: 'lawful' },
    ]);
    expect(answered.state).toBe('deliberating');
  });
});

describe('the applicant’s receipt of the notice to supplement (art. 31)', () => {
  it('waits for service with the acceptance clock paused, then runs 10 working days from receipt', () => {
    const asked = run([{ type: 'REQUEST_SUPPLEMENT', requested: 'the decision letter' }]);
    expect(asked.state).toBe('supplementNoticeServing');
    expect(stateMetaOf(asked.snapshot)).toMatchObject({ waitingOn: 'review_body', clockPaused: true });
    const served = run([{ type: 'SUPPLEMENT_NOTICE_RECEIVED', receivedOn: '2026-06-12' }], asked.snapshot);
    expect(served.state).toBe('awaitingSupplement');
    expect(stateMetaOf(served.snapshot)).toMatchObject({
      deadline: 'administrativeReview.supplement',
      onDeadline: 'SUPPLEMENT_NOT_RECEIVED',
    });
    expect(served.effects.find((e) => e.type === 'countClockFrom')?.params).toEqual({
      deadline: 'administrativeReview.supplement',
      receivedOn: '2026-06-12',
    });
    expect(run([{ type: 'SUPPLEMENT', material: 'attached' }], served.snapshot).state).toBe('acceptanceReview');
  });

  it('the applicant may supplement before the receipt is on record', () => {
    const asked = run([{ type: 'REQUEST_SUPPLEMENT', requested: 'x' }]);
    expect(run([{ type: 'SUPPLEMENT', material: 'y' }], asked.snapshot).state).toBe('acceptanceReview');
  });
});

describe('hand-worked dates: counted from receipt, not from sending', () => {
  const calendar = calendarFromPackage();
  const policy = policyInForce('national', chinaTime('2026-06-01'));
  const endOf = (day: string) => new Date(`${day}T16:00:00Z`).toISOString();
  const started = (deadline: 'administrativeReview.answer' | 'administrativeReview.supplement', at: string) =>
    nextCaseClock(null, { kind: 'run', deadline }, chinaTime(at), policy, calendar)!;

  it('copy sent Thu 07-30, received Mon 08-03: answer due Thu 08-13 (from sending it would be 08-09 → 08-10)', () => {
    const recordedOn = '2026-08-05';
    const clock = clockFromReceipt(
      started('administrativeReview.answer', recordedOn),
      '2026-08-03',
      chinaTime(recordedOn),
      policy,
      calendar,
    );
    expect(clock.dueAt).toBe(endOf('2026-08-13'));
    // What version 1 counted, from the sending: 07-30 + 10 = 08-09, a Sunday, so 08-10.
    expect(started('administrativeReview.answer', '2026-07-30').dueAt).toBe(endOf('2026-08-10'));
  });

  it('keeps a warning already given for the due moment the receipt leaves in place, not for another', () => {
    const sent = started('administrativeReview.answer', '2026-08-05');
    const recount = (receivedOn: string, warnedDueAt: string) =>
      clockFromReceipt(
        { ...sent, warnedAt: '2026-08-12T00:00:00.000Z', warnedDueAt },
        receivedOn,
        chinaTime('2026-08-05'),
        policy,
        calendar,
      );
    // Received 08-03: due 08-13; a warning of 08-13 stays given, one of another moment does not count.
    const same = recount('2026-08-03', endOf('2026-08-13'));
    expect(same).toMatchObject({ dueAt: endOf('2026-08-13'), warnedDueAt: endOf('2026-08-13') });
    expect(same.warnedDueAt === same.dueAt).toBe(true);
    const other = recount('2026-08-03', endOf('2026-08-15'));
    expect(other.warnedDueAt === other.dueAt).toBe(false);
  });

  it('received Thu 09-24: 10 days end Sun 10-04 inside National Day, moved to Thu 10-08', () => {
    const clock = clockFromReceipt(
      started('administrativeReview.answer', '2026-09-25'),
      '2026-09-24',
      chinaTime('2026-09-25'),
      policy,
      calendar,
    );
    expect(clock.dueAt).toBe(endOf('2026-10-08'));
  });

  it('notice received Fri 06-12: 10 working days skip Dragon Boat (06-19) and end Mon 06-29', () => {
    expect(deadlineRuleOf(policy, 'administrativeReview.supplement')).toMatchObject({ limit: 10, unit: 'working' });
    const clock = clockFromReceipt(
      started('administrativeReview.supplement', '2026-06-15'),
      '2026-06-12',
      chinaTime('2026-06-15'),
      policy,
      calendar,
    );
    expect(clock.dueAt).toBe(endOf('2026-06-29'));
  });

  it('a breach already recorded stays recorded when the receipt comes late', () => {
    const breached = {
      ...started('administrativeReview.answer', '2026-08-01'),
      breachedAt: '2026-08-11T16:00:00.000Z',
    };
    expect(clockFromReceipt(breached, '2026-08-10', chinaTime('2026-08-12'), policy, calendar).breachedAt).toBe(
      '2026-08-11T16:00:00.000Z',
    );
  });

  it('the service reminder is marked unverified, with what it rests on', () => {
    expect(deadlineRuleOf(policy, 'administrativeReview.service')).toMatchObject({ verified: false, unit: 'calendar' });
  });
});

describe('a decision for the applicant lifts a bar on repair; an upheld one keeps it', () => {
  const repairInput = { ...input, parentType: 'repair', parentFiling: { recordId: input.recordId } };
  const startRepairReview = () => initialTransition(administrativeReviewMachineV2, repairInput)[0];
  const lift = { bannedByCaseId: input.parentCaseId, subjectId: input.subjectId };
  const table: [string, Sent, boolean][] = [
    ['撤销', decide('revoke'), true],
    ['撤销 with a new act', decide('revoke', { redecide: true }), true],
    ['变更', decide('alter', { correction: { facts: 'right' } }), true],
    ['确认违法', decide('confirm_unlawful'), true],
    ['确认无效', decide('confirm_void', { removeRecord: true }), true],
    ['责令履行', decide('order_performance'), true],
    ['维持', decide('uphold'), false],
    ['驳回复议请求', decide('dismiss_request'), false],
    ['驳回申请', decide('dismiss_application'), false],
  ];
  it.each(table)('%s', (_, decision, lifts) => {
    const { effects } = run([...accepted, decision], startRepairReview());
    const lifted = effects.find((e) => e.type === 'liftRepairBan');
    if (lifts) expect(lifted?.params).toMatchObject(lift);
    else expect(lifted).toBeUndefined();
  });
  it('mediation and settlement decide nothing about the bar', () => {
    for (const ending of [
      { type: 'RECORD_MEDIATION', terms: 'agreed' },
      { type: 'RECORD_SETTLEMENT', terms: 'settled' },
    ])
      expect(run([...accepted, ending], startRepairReview()).effects.some((e) => e.type === 'liftRepairBan')).toBe(
        false,
      );
  });
});

describe('migration v1 → v2', () => {
  it('moves a case awaiting the answer with no receipt on record; recording it then recounts the clock', () => {
    let v1 = initialTransition(administrativeReviewMachine, input)[0];
    for (const event of [...accepted, { type: 'SEND_COPY', sentOn: '2026-07-30' }])
      v1 = transition(administrativeReviewMachine, v1, { ...event, actor } as never)[0];
    expect(stateNameOf(v1)).toBe('awaitingAnswer');
    const v2 = migrateSnapshot(administrativeReviewV1toV2, v1);
    expect(stateNameOf(v2)).toBe('awaitingAnswer');
    expect(v2.context).toMatchObject({ copySentOn: '2026-07-30', copyReceivedOn: null });
    const received = run([{ type: 'COPY_RECEIVED', receivedOn: '2026-08-03' }], v2);
    expect(received.state).toBe('awaitingAnswer');
    expect(received.effects.find((e) => e.type === 'countClockFrom')?.params).toEqual({
      deadline: 'administrativeReview.answer',
      receivedOn: '2026-08-03',
    });
  });
});
