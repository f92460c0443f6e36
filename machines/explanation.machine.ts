// A self-explanation (自主解释): the subject's statement about a record, shown beside it once a
// reviewer has moderated it. The subject may withdraw it at any time.
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { plainText } from '../src/domain/text.js';
import { type CaseEventCatalog, type CaseEventsOf, reasons, stateMeta } from './case-events.js';
import { defineCaseType } from './case-type.js';
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

export type ExplanationEvent = CaseEventsOf<typeof explanationEvents>;

export interface ExplanationContext {
  recordId: string;
  subjectId: string;
  statement: string;
  rejection: string | null;
}
export type ExplanationInput = ExplanationFiling & { subjectId: string };

const effects = caseEffects('publishExplanation', 'withdrawExplanation');

export const explanationMachine = setup({
  types: { context: {} as ExplanationContext, events: {} as ExplanationEvent, input: {} as ExplanationInput },
  actions: { ...effects.actions },
}).createMachine({
  id: 'explanation',
  description: 'A self-explanation (自主解释) shown beside a record after moderation.',
  context: ({ input }) => ({
    recordId: input.recordId,
    subjectId: input.subjectId,
    statement: input.statement,
    rejection: null,
  }),
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
        REJECT: {
          target: 'rejected',
          actions: assign({ rejection: ({ event }) => event.reasons }),
        },
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
