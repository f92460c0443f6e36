// Sample cases for the machine tests: for every case type, an input that starts a case and a
// valid payload of every event (payload-guarded events have one for each way their guards go).
// The path walk (case-machines.test.ts) and the who-may-send property test use the same ones.
import type { CaseTypeName } from '../../machines/index.js';

export const sampleIds = {
  recordId: '6f1c1f38-5b7e-4c3c-9d43-6a7f2a1e0b11',
  subjectId: '0b8f2f1c-3d4e-4f5a-8b6c-7d8e9f0a1b2c',
  platform1: '11111111-1111-4111-8111-111111111111',
  platform2: '22222222-2222-4222-8222-222222222222',
};
const { recordId, subjectId, platform1: p1, platform2: p2 } = sampleIds;

export interface CaseSample {
  input: Record<string, unknown>;
  /** Further inputs where the input decides which states a case can reach (a referral's forum). */
  otherInputs?: Record<string, unknown>[];
  /** Valid payloads of every event; payload-guarded events have one for each way their guards go. */
  samples: { type: string; [field: string]: unknown }[];
}

export const caseSamples: Record<CaseTypeName, CaseSample> = {
  objection: {
    input: { recordId, subjectId, reason: 'The fine was paid on time' },
    samples: [
      { type: 'ACCEPT' },
      { type: 'REJECT', reasonCode: 'not_about_subject', reasons: 'Not about this subject' },
      { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'The payment receipt' },
      { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 2026-0412' },
      { type: 'AGENCY_CONFIRMED', answer: 'The facts stand' },
      { type: 'AGENCY_DENIED', answer: 'The fine was paid' },
      { type: 'SUPPLEMENT', reason: 'Also the date is wrong' },
      { type: 'UPHOLD', reasons: 'Paid on time', correction: { obligationPerformed: true } },
      { type: 'DISMISS', reasonCode: 'record_accurate', reasons: 'The record is accurate' },
      { type: 'CLOSE_UNRESOLVED', reasonCode: 'could_not_verify', reasons: 'The agency cannot find its file' },
      { type: 'WITHDRAW', reason: 'Settled' },
    ],
  },
  correction: {
    input: { recordId, subjectId, reasons: 'wrong', proposed: null, requiresApproval: false, platformIds: [p1, p2] },
    samples: [
      { type: 'SUBMIT_DRAFT', reasons: 'fix', correction: { facts: 'right' } },
      { type: 'SUBMIT_DRAFT', reasons: 'remove', remove: true },
      { type: 'APPROVE' },
      { type: 'SEND_BACK', reasons: 'redo' },
      { type: 'CANCEL', reasonCode: 'record_accurate', reasons: 'no' },
      { type: 'PLATFORM_ACKNOWLEDGED', platformId: p1 },
      { type: 'PLATFORM_ACKNOWLEDGED', platformId: p2 },
    ],
  },
  review: {
    input: {
      parentCaseId: '33333333-3333-4333-8333-333333333333',
      parentType: 'objection',
      parentFiling: { recordId, reason: 'wrong' },
      recordId,
      subjectId,
      grounds: 'wrong decision',
      late: false,
      // The second reviewer decided the case under review: they may not take part in its review.
      originalDeciderId: 'reviewer-2',
      extensionDays: 30,
    },
    samples: [
      { type: 'ACCEPT_APPLICATION' },
      { type: 'REJECT_APPLICATION', reasonCode: 'out_of_time', reasons: 'late' },
      { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'the decision letter' },
      { type: 'SUBMIT_MATERIAL', material: 'attached' },
      { type: 'RECORD_HEARING', heldOn: '2026-12-01', summary: 'heard both sides' },
      { type: 'EXTEND', reasons: 'complex' },
      { type: 'DECIDE', outcome: 'uphold', reasonCode: 'decision_lawful', reasons: 'right' },
      { type: 'DECIDE', outcome: 'revoke', reasons: 'decide again' },
      { type: 'DECIDE', outcome: 'alter', reasons: 'correct it', correction: { facts: 'right' } },
      { type: 'DECIDE', outcome: 'confirm_unlawful', reasons: 'unlawful' },
      { type: 'DECIDE', outcome: 'order_performance', reasons: 'act' },
      { type: 'WITHDRAW' },
      { type: 'DEEMED_ACCEPTED' },
      { type: 'MATERIAL_NOT_SUPPLIED' },
    ],
  },
  'administrative-review': {
    input: {
      parentCaseId: '44444444-4444-4444-8444-444444444444',
      parentType: 'objection',
      parentFiling: { recordId, reason: 'wrong' },
      recordId,
      subjectId,
      reviewBody: '某市人民政府',
      filedOn: '2026-11-20',
      learnedOn: '2026-11-10',
      toldOfRight: true,
      obstacle: null,
      grounds: 'wrong decision',
      request: 'revoke it',
    },
    samples: [
      { type: 'ACCEPT' },
      { type: 'REFUSE_TO_ACCEPT', reasonCode: 'out_of_time', reasons: 'not in time' },
      { type: 'REQUEST_SUPPLEMENT', reasonCode: 'material_incomplete', requested: 'the decision letter' },
      { type: 'SUPPLEMENT', material: 'attached' },
      { type: 'SEND_COPY', sentOn: '2026-12-01' },
      { type: 'COPY_RECEIVED', receivedOn: '2026-12-01' },
      { type: 'SUPPLEMENT_NOTICE_RECEIVED', receivedOn: '2026-11-25' },
      { type: 'ANSWER', answer: 'the act was lawful' },
      { type: 'EXTEND', days: 30, approvedBy: 'the head', reasons: 'complex' },
      { type: 'SUSPEND', reasons: 'waiting on a court' },
      { type: 'RESUME' },
      { type: 'TERMINATE', reasons: 'the applicant died' },
      { type: 'DECIDE', outcome: 'uphold', reasonCode: 'decision_lawful', reasons: 'right' },
      { type: 'DECIDE', outcome: 'dismiss_request', reasonCode: 'request_unfounded', reasons: 'no ground' },
      { type: 'DECIDE', outcome: 'revoke', redecide: true, reasons: 'decide again' },
      { type: 'DECIDE', outcome: 'confirm_void', removeRecord: true, reasons: 'void' },
      { type: 'DECIDE', outcome: 'confirm_unlawful', reasons: 'unlawful' },
      { type: 'RECORD_MEDIATION', terms: 'agreed' },
      { type: 'RECORD_SETTLEMENT', terms: 'settled' },
      { type: 'WITHDRAW' },
      { type: 'DEEMED_ACCEPTED' },
      { type: 'SUPPLEMENT_NOT_RECEIVED' },
    ],
  },
  repair: {
    input: {
      recordId,
      subjectId,
      routes: [{ route: 'volunteering', threshold: 20, unit: 'hours' }],
      commitment: 'I commit.',
      banMonths: 36,
      platformIds: [p1],
      extensionDays: 3,
    },
    samples: [
      { type: 'ADD_EVIDENCE', route: 'volunteering', amount: 20, certifiedBy: 'Volunteers', description: 'hours' },
      { type: 'ADD_EVIDENCE', route: 'donation', amount: 1000, certifiedBy: 'Charity', description: 'not chosen' },
      { type: 'SUBMIT_APPLICATION' },
      { type: 'FORWARD_TO_DEPARTMENT' },
      { type: 'APPROVE', reasons: 'met' },
      { type: 'PUBLISH_RESULT' },
      { type: 'PLATFORM_ACKNOWLEDGED', platformId: p1 },
      { type: 'REVOKE_FOR_FALSE_MATERIAL', reasons: 'forged' },
      { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'The certificate’s original' },
      { type: 'SUBMIT_MATERIAL', material: 'Original certificate no. 88' },
      { type: 'EXTEND_DECISION', reasons: 'The certifying body must be asked' },
      { type: 'REFUSE', reasonCode: 'evidence_not_covering_obligation', reasons: 'not met' },
      { type: 'REFUSE_FOR_FALSE_MATERIAL', reasons: 'The certificate is forged' },
      // Version 4: the first entry removed, or one the ledger does not have (the guard refuses it).
      // (Entries 1 to 8, so a walk that added and removed many still finds one that counts.)
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((entry) => ({ type: 'REMOVE_EVIDENCE', entry, reason: 'Entered by mistake' })),
      { type: 'REMOVE_EVIDENCE', entry: 99, reason: 'No such entry' },
      { type: 'WITHDRAW' },
    ],
  },
  explanation: {
    input: { recordId, subjectId, statement: 'my side' },
    samples: [
      { type: 'PUBLISH' },
      { type: 'REJECT', reasonCode: 'others_personal_data', reasons: 'names a third party' },
      { type: 'WITHDRAW' },
    ],
  },
  referral: {
    input: { recordId, subjectId, forum: 'enforcing_court', reason: 'The judgment was performed in full' },
    otherInputs: [{ recordId, subjectId, forum: 'credit_reporting', reason: 'The loan was repaid on time' }],
    samples: [
      { type: 'REFER', sentTo: "Haidian People's Court", sentOn: '2026-11-02', channel: 'post' },
      { type: 'ANSWER_RECORDED', answeredOn: '2026-11-12', outcome: 'deleted', answer: 'Deleted from the list.' },
      {
        type: 'ANSWER_RECORDED',
        answeredOn: '2026-11-12',
        outcome: 'maintained',
        reasonCode: 'forum_kept_record',
        answer: 'The entry stands.',
      },
      { type: 'SUPPLEMENT', reason: 'The court receipt' },
      { type: 'WITHDRAW' },
    ],
  },
  deferral: {
    input: {
      recordId,
      subjectId,
      request: 'instalments',
      hardship: 'Lost my job in March',
      appliedOn: '2026-11-02',
      obligation: 'Fine of CNY 8,000, due 2026-11-20',
    },
    samples: [
      {
        type: 'GRANT',
        reasons: 'Hardship shown',
        instalments: [
          { dueOn: '2026-12-15', amount: 4000 },
          { dueOn: '2027-01-15', amount: 4000 },
        ],
      },
      // A due date not after the application: refused by the guard.
      { type: 'GRANT', reasons: 'Hardship shown', instalments: [{ dueOn: '2026-11-01', amount: 8000 }] },
      { type: 'REFUSE', reasonCode: 'hardship_not_shown', reasons: 'No hardship shown' },
      { type: 'INSTALMENT_PAID', paidOn: '2026-12-10' },
      { type: 'INSTALMENT_MISSED' },
      { type: 'WITHDRAW' },
    ],
  },
};

/** Repair version 1 (the agency confirms, the reviewer decides), for the path walk of the version still running. */
export const repairV1Sample: CaseSample = {
  input: { ...caseSamples.repair.input, extensionDays: undefined },
  samples: [
    { type: 'ADD_EVIDENCE', route: 'volunteering', amount: 20, certifiedBy: 'Volunteers', description: 'hours' },
    { type: 'ADD_EVIDENCE', route: 'donation', amount: 1000, certifiedBy: 'Charity', description: 'not chosen' },
    { type: 'SUBMIT_APPLICATION' },
    { type: 'AGENCY_CONFIRMED', answer: 'corrected' },
    { type: 'AGENCY_DISPUTED', answer: 'not enough' },
    { type: 'APPROVE', reasons: 'met' },
    { type: 'REFUSE', reasons: 'not met' },
    { type: 'PLATFORM_ACKNOWLEDGED', platformId: p1 },
    { type: 'REVOKE_FOR_FALSE_MATERIAL', reasons: 'forged' },
    { type: 'WITHDRAW' },
  ],
};
