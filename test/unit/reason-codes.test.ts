// Issue 16 item 3 for every case type: each decision against the person (and each request for
// material) in the new versions takes a reason code from its type's closed list; the machine
// keeps it with the officer's words; the closing notice carries both, and is worded with the
// code's label and what to do now in both languages. Older versions take no code and tell as
// before; the declared migrations move running cases onto the new versions state for state.
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, type AnyStateMachine, initialTransition, transition } from 'xstate';
import { stateNameOf } from '../../machines/case-type.js';
import { type CaseType, caseTypes, caseTypeVersion } from '../../machines/index.js';
import {
  administrativeReviewV2toV3,
  correctionV2toV3,
  deferralV1toV2,
  explanationV1toV2,
  migrateSnapshot,
  objectionV4toV5,
  referralV2toV3,
  repairV3toV4,
  reviewV2toV3,
} from '../../machines/migrations.js';
import { reasonCodesFor, refusalReasonCodes, refusalReasons } from '../../src/domain/refusal-reasons.js';
import { wordNotification } from '../../ui/notification-wording.js';
import { caseSamples } from '../helpers/case-samples.js';

type Effect = { type: string; params?: unknown };
type Notice = { topic: string; data: Record<string, string> };

/** Plays events from the start; returns the snapshot and every effect asked for on the way. */
function play(machine: AnyStateMachine, input: Record<string, unknown>, events: Record<string, unknown>[]) {
  let [snapshot, effects] = initialTransition(machine, input) as [AnyMachineSnapshot, Effect[]];
  const all = [...effects];
  for (const event of events) {
    [snapshot, effects] = transition(machine, snapshot, event as never) as [AnyMachineSnapshot, Effect[]];
    all.push(...effects);
  }
  return { snapshot, effects: all };
}

const closingNotice = (effects: Effect[]) =>
  effects
    .filter((e) => e.type === 'notifySubject')
    .map((e) => e.params as Notice)
    .filter((p) => p.topic === 'case_closed')
    .at(-1);

const officer = { userId: 'u-officer', role: 'reviewer' as const };

/** For each new version: the events that lead to a decision against the person, the decision's state and code. */
const adverse = [
  {
    type: 'objection' as const,
    version: 5,
    path: [{ type: 'REJECT', reasonCode: 'not_about_subject', reasons: 'Another person’s record' }],
    state: 'rejected',
  },
  {
    type: 'objection' as const,
    version: 5,
    path: [
      { type: 'ACCEPT' },
      { type: 'AGENCY_CONFIRMED', answer: 'The facts stand' },
      { type: 'DISMISS', reasonCode: 'record_accurate', reasons: 'The fine was paid late' },
    ],
    state: 'dismissed',
  },
  {
    type: 'objection' as const,
    version: 5,
    path: [
      { type: 'ACCEPT' },
      { type: 'AGENCY_CONFIRMED', answer: 'No file' },
      { type: 'CLOSE_UNRESOLVED', reasonCode: 'could_not_verify', reasons: 'The agency cannot find its file' },
    ],
    state: 'unresolved',
  },
  {
    type: 'correction' as const,
    version: 3,
    path: [{ type: 'CANCEL', reasonCode: 'record_already_changed', reasons: 'The court corrected it first' }],
    state: 'cancelled',
  },
  {
    type: 'referral' as const,
    version: 3,
    path: [
      { type: 'REFER', sentTo: 'Haidian People’s Court', sentOn: '2026-11-02', channel: 'post' },
      {
        type: 'ANSWER_RECORDED',
        answeredOn: '2026-11-12',
        outcome: 'maintained',
        reasonCode: 'forum_kept_record',
        reasons: 'The judgment is not yet performed.',
        answer: 'The judgment is not yet performed.',
      },
    ],
    state: 'answered',
  },
  {
    type: 'explanation' as const,
    version: 2,
    path: [{ type: 'REJECT', reasonCode: 'others_personal_data', reasons: 'It names a neighbour' }],
    state: 'rejected',
  },
  {
    type: 'deferral' as const,
    version: 2,
    path: [{ type: 'REFUSE', reasonCode: 'hardship_not_shown', reasons: 'No income shown', actor: officer }],
    state: 'refused',
  },
  {
    type: 'review' as const,
    version: 3,
    path: [{ type: 'REJECT_APPLICATION', reasonCode: 'out_of_time', reasons: 'Filed after 60 days' }],
    state: 'rejected',
  },
  {
    type: 'review' as const,
    version: 3,
    path: [
      { type: 'ACCEPT_APPLICATION' },
      { type: 'DECIDE', outcome: 'uphold', reasonCode: 'decision_lawful', reasons: 'Right' },
    ],
    state: 'decided',
  },
  {
    type: 'administrative-review' as const,
    version: 3,
    path: [{ type: 'REFUSE_TO_ACCEPT', reasonCode: 'repeat_application', reasons: 'Already before the court' }],
    state: 'notAccepted',
  },
  {
    type: 'administrative-review' as const,
    version: 3,
    path: [
      { type: 'ACCEPT' },
      { type: 'DECIDE', outcome: 'dismiss_request', reasonCode: 'request_unfounded', reasons: 'No duty to act' },
    ],
    state: 'decidedAgainst',
  },
];

describe('a decision against the person carries its reason code (new versions)', () => {
  it.each(adverse)('$type v$version → $state', ({ type, version, path, state }) => {
    const definition = caseTypeVersion(type, version)!;
    expect(caseTypes[type]).toBe(definition);
    const deciding = path.at(-1)!;
    const { type: eventType, actor: _actor, ...payload } = deciding as Record<string, unknown> & { type: string };
    const schema = definition.events[eventType]!.input;
    // The door: without the code the input is refused on reasonCode; a code of another list too.
    const { reasonCode: _code, ...withoutCode } = payload;
    const missing = schema.safeParse(withoutCode);
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => i.path.join('.'))).toContain('reasonCode');
    expect(schema.safeParse({ ...payload, reasonCode: 'material_false' }).success).toBe(false);
    expect(schema.safeParse(payload).success).toBe(true);

    const { snapshot, effects } = play(definition.machine, caseSamples[type].input, path);
    expect(stateNameOf(snapshot)).toBe(state);
    const notice = closingNotice(effects);
    expect(notice?.data).toMatchObject({ reasonCode: payload.reasonCode, reasons: payload.reasons });
    // Where the machine keeps its decision, the code is kept with the words.
    const decision = (snapshot.context as { decision?: { reasonCode?: string; reasons?: string } }).decision;
    if (decision !== undefined) expect(decision).toMatchObject({ reasonCode: payload.reasonCode });
  });

  it('a decision for the person needs no code (review and administrative review)', () => {
    const review = caseTypes.review.events.DECIDE!.input;
    expect(review.safeParse({ outcome: 'revoke', reasons: 'Decide again' }).success).toBe(true);
    const administrative = caseTypes['administrative-review'].events.DECIDE!.input;
    expect(administrative.safeParse({ outcome: 'confirm_unlawful', reasons: 'Unlawful' }).success).toBe(true);
    expect(administrative.safeParse({ outcome: 'uphold', reasons: 'Lawful' }).success).toBe(false);
  });

  it('a request for material says why (objection v5, review v3, administrative review v3)', () => {
    const objection = play(caseTypes.objection.machine, caseSamples.objection.input, [
      { type: 'REQUEST_MATERIAL', reasonCode: 'no_grounds_given', requested: 'What is wrong' },
    ]);
    const asked = objection.effects.map((e) => e.params as Notice).find((p) => p?.topic === 'material_requested');
    expect(asked?.data).toMatchObject({ reasonCode: 'no_grounds_given', times: '1' });
    expect(objection.snapshot.context.materialRequests).toEqual([
      { requested: 'What is wrong', supplied: null, reasonCode: 'no_grounds_given' },
    ]);
    for (const [type, event] of [
      ['review', 'REQUEST_MATERIAL'],
      ['administrative-review', 'REQUEST_SUPPLEMENT'],
    ] as const) {
      const { effects } = play(caseTypes[type].machine, caseSamples[type].input, [
        { type: event, reasonCode: 'material_incomplete', requested: 'The decision letter' },
      ]);
      const notice = effects.map((e) => e.params as Notice).find((p) => p?.topic === 'material_requested');
      expect(notice?.data, type).toMatchObject({ reasonCode: 'material_incomplete' });
      const catalog: CaseType['events'] = caseTypes[type].events;
      expect(catalog[event]!.input.safeParse({ requested: 'x' }).success).toBe(false);
    }
  });

  it('older versions take no code and tell as before', () => {
    const v4 = caseTypeVersion('objection', 4)!;
    const parsed = v4.events.REJECT!.input.parse({ reasonCode: 'other', reasons: 'No' }) as Record<string, unknown>;
    expect(parsed).toEqual({ reasons: 'No' });
    const { effects } = play(v4.machine, caseSamples.objection.input, [{ type: 'REJECT', ...parsed }]);
    expect(closingNotice(effects)?.data).toEqual({ outcome: 'rejected' });
    // Explanation v1 told nothing of a rejection; v2 does.
    const v1 = play(caseTypeVersion('explanation', 1)!.machine, caseSamples.explanation.input, [
      { type: 'REJECT', reasons: 'No' },
    ]);
    expect(closingNotice(v1.effects)).toBeUndefined();
  });
});

describe('the closed lists', () => {
  it('every code of every list has a label and what to do now, in both languages', () => {
    const listed = Object.values(reasonCodesFor).flatMap((events) => Object.values(events).flat());
    for (const code of listed) expect(refusalReasonCodes).toContain(code);
    for (const code of refusalReasonCodes) {
      const reason = refusalReasons[code];
      for (const text of [reason.label, reason.whatToDo]) {
        expect(text.zh, code).toMatch(/[\u4e00-\u9fff]/);
        expect(text.en, code).toMatch(/^[A-Z]/);
      }
    }
    // `other` closes every list; the officer's words say the rest.
    for (const events of Object.values(reasonCodesFor))
      for (const codes of Object.values(events)) expect(codes.at(-1)).toBe('other');
  });
});

describe('the notice in words', () => {
  it.each([
    ['objection', 'dismissed', 'record_accurate'],
    ['explanation', 'rejected', 'others_personal_data'],
    ['correction', 'cancelled', 'record_already_changed'],
    ['referral', 'maintained', 'forum_kept_record'],
    ['deferral', 'refused', 'hardship_not_shown'],
    ['review', 'rejected', 'not_a_party'],
    ['administrative-review', 'decidedAgainst', 'decision_lawful'],
  ] as const)('%s %s with %s: label, words and what to do now, in both languages', (type, outcome, code) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const lang = locale === 'en' ? 'en' : 'zh';
      const text = wordNotification(locale, type, {
        topic: 'case_closed',
        data: { outcome, reasonCode: code, reasons: 'The officer’s own words' },
      });
      expect(text).toContain(refusalReasons[code].label[lang]);
      expect(text).toContain('The officer’s own words');
      expect(text).toContain(refusalReasons[code].whatToDo[lang]);
    }
  });
});

describe('the declared migrations onto the new versions', () => {
  it.each([
    [objectionV4toV5, [{ type: 'ACCEPT' }], 'verifying'],
    [explanationV1toV2, [], 'moderation'],
    [correctionV2toV3, [], 'drafting'],
    [referralV2toV3, [], 'toRefer'],
    [deferralV1toV2, [], 'deciding'],
    [reviewV2toV3, [{ type: 'ACCEPT_APPLICATION' }], 'underReview'],
    [administrativeReviewV2toV3, [{ type: 'ACCEPT' }, { type: 'SEND_COPY', sentOn: '2026-11-02' }], 'awaitingService'],
    [
      repairV3toV4,
      [{ type: 'ADD_EVIDENCE', route: 'volunteering', amount: 20, certifiedBy: 'Volunteers', description: 'hours' }],
      'collectingEvidence',
    ],
  ] as const)('$type v$from → v$to: a running case goes on in the same state', (migration, events, state) => {
    const from = caseTypeVersion(migration.type, migration.from)!;
    const to = caseTypeVersion(migration.type, migration.to)!;
    const { snapshot } = play(from.machine, caseSamples[migration.type].input, [...events]);
    expect(stateNameOf(snapshot)).toBe(state);
    const moved = migrateSnapshot(migration, snapshot);
    expect(stateNameOf(moved)).toBe(state);
    expect(moved.context).toEqual(snapshot.context);
    expect(moved.machine).toBe(to.machine);
  });

  it('a repair moved to v4 may remove the entry it had added, which then counts no more', () => {
    const v3 = caseTypeVersion('repair', 3)!;
    const { snapshot } = play(v3.machine, caseSamples.repair.input, [
      { type: 'ADD_EVIDENCE', route: 'volunteering', amount: 20, certifiedBy: 'Volunteers', description: 'hours' },
    ]);
    const moved = migrateSnapshot(repairV3toV4, snapshot);
    const [after] = transition(moved.machine, moved, {
      type: 'REMOVE_EVIDENCE',
      entry: 1,
      reason: 'The wrong certificate',
      actor: { userId: 'u-applicant', role: 'citizen' },
    } as never) as [AnyMachineSnapshot, Effect[]];
    expect(after.context.evidence[0].removed).toEqual({ reason: 'The wrong certificate', by: 'u-applicant' });
    expect(after.can({ type: 'SUBMIT_APPLICATION' } as never)).toBe(false);
    // The same entry cannot be removed twice; an entry the ledger lacks cannot be removed.
    expect(after.can({ type: 'REMOVE_EVIDENCE', entry: 1, reason: 'again' } as never)).toBe(false);
    expect(moved.can({ type: 'REMOVE_EVIDENCE', entry: 2, reason: 'none' } as never)).toBe(false);
  });
});
