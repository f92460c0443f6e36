// What every case machine declares about the events a person may send: the roles that may
// send it and the input it needs. The API validates with these schemas, authorisation reads
// the roles, the OpenAPI document and the UI list them; nothing keeps a second list.
import type { z } from 'zod';
import type { Role } from '../src/domain/roles.js';
import type { DeadlineKey } from '../src/domain/policy.js';

export interface CaseEventMeta<Input extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  input: Input;
  /** One line for people: what sending this event means. */
  description: string;
  /** Whether evidence files may come with the event (their hashes go into its audit entry). */
  attachments?: boolean;
}

export type CaseEventCatalog = Record<string, CaseEventMeta>;

/** State meta: the deadline a state runs under, or that it pauses the clock. */
export interface CaseStateMeta {
  deadline?: DeadlineKey;
  clockPaused?: true;
  /** Whoever should act next, for queues, the citizen's view and the approvals list. */
  waitingOn: 'reviewer' | 'supervisor' | 'agency' | 'citizen' | 'nobody';
}

export type NotificationTopic = 'material_requested' | 'case_closed';

/** Effects a machine asks for, as the names of its actions; the case engine carries them out. */
export interface CaseEffectParams {
  markRecordDisputed: { recordId: string };
  clearDisputedMark: { recordId: string };
  correctRecord: { recordId: string; correction: Record<string, unknown>; reasons: string };
  /** topic: a key the UI words in the reader's language; data: the values it needs. */
  notifySubject: { subjectId: string; topic: NotificationTopic; data: Record<string, string> };
}
export type CaseEffectName = keyof CaseEffectParams;
export type CaseEffect = { [K in CaseEffectName]: { type: K; params: CaseEffectParams[K] } }[CaseEffectName];

export const caseEffectNames: readonly CaseEffectName[] = ['markRecordDisputed', 'clearDisputedMark', 'correctRecord', 'notifySubject'];

export function isCaseEffect(action: { type: string; params?: unknown }): action is CaseEffect {
  return (caseEffectNames as readonly string[]).includes(action.type);
}
