// A self-explanation (自主解释): the subject's statement about a record, shown beside it once a
// reviewer has moderated it. The subject may withdraw it at any time.
//
// Version 2 (issue 16 item 3): a rejection says why with a reason code from the explanation's
// closed list, beside the reviewer's words, and the subject is told both with what to do now
// (version 1 told nothing). explanationV1toV2 in machines/migrations.ts moves running cases.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { plainText } from '../src/domain/text.js';
import { reasonCodesFor } from '../src/domain/refusal-reasons.js';
import {
  adverseDecision,
  reasonCodeIn,
  type CaseEventCatalog,
  type CaseEventsOf,
  reasons,
  stateMeta,
} from './case-events.js';
import { defineCaseType, withoutInput } from './case-type.js';
import { caseEffects } from './effects.js';

export const explanationFilingSchema = z.object({
  recordId: z.uuid(),
  statement: plainText({ max: 2_000, required: 'write the statement' }),
});
export type ExplanationFiling = z.infer<typeof explanationFilingSchema>;

export const explanationEvents = {
  PUBLISH: {
    roles: ['reviewer', 'supervisor'],
    input: z.object({ note: plainText({ max: 2_000 }).optional() }),
    description: 'Publish the statement beside the record.',
  },
  REJECT: {
    roles: ['reviewer', 'supervisor'],
    input: z.object({ reasons }),
    description: 'Do not publish the statement (e.g. it names third parties), with reasons.',
  },
  WITHDRAW: { roles: ['citizen'], input: z.object({}), description: 'Withdraw the statement.' },
} satisfies CaseEventCatalog;

export const explanationEventsV2 = {
  ...explanationEvents,
  REJECT: {
    ...explanationEvents.REJECT,
    input: adverseDecision(reasonCodesFor.explanation.REJECT),
    description: 'Do not publish the statement: why (from the list) and in your words; the subject is told.',
  },
} satisfies CaseEventCatalog;

export type ExplanationEvent = CaseEventsOf<typeof explanationEvents> | CaseEventsOf<typeof explanationEventsV2>;

export interface ExplanationContext {
  recordId: string;
  subjectId: string;
  statement: string;
  rejection: string | null;
}
export type ExplanationInput = ExplanationFiling & { subjectId: string };

const effects = caseEffects('publishExplanation', 'withdrawExplanation');
const effectsV2 = caseEffects('publishExplanation', 'withdrawExplanation', 'notifySubject');

/** The explanation machine of version 1 or 2: the same states; version 2 tells the subject of a rejection. */
function explanationMachineOf(version: 1 | 2) {
  return setup({
    types: { context: {} as ExplanationContext, events: {} as ExplanationEvent, input: {} as ExplanationInput },
    actions: {
      // Version 1 declares no notice (defineCaseType checks the effects against the declared ones).
      ...((version === 2 ? effectsV2.actions : effects.actions) as typeof effectsV2.actions),
      recordRejection: assign(({ event }) => ({ rejection: event.type === 'REJECT' ? event.reasons : null })),
    },
  }).createMachine({
    id: 'explanation',
    description: 'A self-explanation (自主解释) shown beside a record after moderation.',
    context: ({ input }) =>
      input === undefined
        ? withoutInput()
        : {
            recordId: input.recordId,
            subjectId: input.subjectId,
            statement: input.statement,
            rejection: null,
          },
    initial: 'moderation',
    states: {
      moderation: {
        description: 'A reviewer reads the statement before it is shown.',
        meta: stateMeta('reviewer', { deadline: 'explanation.moderate' }),
        on: {
          PUBLISH: {
            target: 'published',
            actions: {
              type: 'publishExplanation',
              params: ({ context }) => ({ recordId: context.recordId, statement: context.statement }),
            },
          },
          REJECT:
            version === 2
              ? {
                  target: 'rejected',
                  actions: [
                    'recordRejection',
                    // Version 2: the subject is told why; the UI words the code's label and what to do now.
                    {
                      type: 'notifySubject',
                      params: ({ context, event }) => ({
                        subjectId: context.subjectId,
                        topic: 'case_closed' as const,
                        data: { outcome: 'rejected', reasons: event.reasons, ...reasonCodeIn(event) },
                      }),
                    },
                  ],
                }
              : { target: 'rejected', actions: 'recordRejection' },
          WITHDRAW: { target: 'withdrawn' },
        },
      },
      published: {
        description: 'Shown beside the record.',
        meta: stateMeta('nobody', { closed: true }),
        on: {
          WITHDRAW: {
            target: 'withdrawn',
            actions: { type: 'withdrawExplanation', params: ({ context }) => ({ recordId: context.recordId }) },
          },
        },
      },
      rejected: {
        type: 'final',
        description: 'Not published, with reasons.',
        // A refused explanation is a decision against the person: it states the remedies.
        meta: stateMeta('nobody', { adverse: true }),
      },
      withdrawn: { type: 'final', description: 'Withdrawn by the subject.', meta: stateMeta('nobody') },
    },
  });
}

export const explanationMachine = explanationMachineOf(1);
export const explanationMachineV2 = explanationMachineOf(2);

export const explanationV1 = defineCaseType({
  name: 'explanation',
  version: 1,
  machine: explanationMachine,
  filing: explanationFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: false,
  events: explanationEvents,
  effects,
  // One statement per record at a time.
  offeredFor: (record) => !record.explained,
});

export const explanationV2 = defineCaseType({
  name: 'explanation',
  version: 2,
  machine: explanationMachineV2,
  filing: explanationFilingSchema,
  filingRoles: ['citizen'],
  filingAttachments: false,
  events: explanationEventsV2,
  effects: effectsV2,
  offeredFor: (record) => !record.explained,
});
