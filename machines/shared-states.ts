// Pieces several case machines share: telling every platform that publishes a record about
// its change and waiting until each has acknowledged (a platform that does not answer keeps
// the case here, pending, never forgotten), and the input schema of that acknowledgement.
import { z } from 'zod';
import type { CaseEventMeta, CaseStateMeta } from './case-events.js';

export const platformAcknowledgement = {
  roles: ['system', 'reviewer', 'supervisor'],
  input: z.object({ platformId: z.uuid() }),
  description:
    'A downstream platform acknowledged the change (the relay records HTTP platforms; staff confirm manual ones).',
} satisfies CaseEventMeta;

export interface PropagationContext {
  recordId: string;
  /** The platforms registered for the record when the case opened. */
  platformIds: string[];
  acknowledgedPlatformIds: string[];
}

export const propagatingMeta: CaseStateMeta = { waitingOn: 'platform' };

export function allAcknowledged(context: PropagationContext): boolean {
  return context.platformIds.every((id) => context.acknowledgedPlatformIds.includes(id));
}

export function withAcknowledgement(context: PropagationContext, platformId: string): string[] {
  return context.platformIds.includes(platformId) && !context.acknowledgedPlatformIds.includes(platformId)
    ? [...context.acknowledgedPlatformIds, platformId]
    : context.acknowledgedPlatformIds;
}
