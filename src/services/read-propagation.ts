// Where a case's change has been sent: each platform registered for the record's agency, and
// whether it has acknowledged (relay-outbox.ts delivers; staff confirm the manual ones).
import { asc, eq } from 'drizzle-orm';
import { platforms, propagations } from '../../db/schema.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { findVisibleCase } from './read-cases.js';

export interface PlatformPropagation {
  platformId: string;
  platformName: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

export async function listPropagation(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
): Promise<PlatformPropagation[]> {
  await findVisibleCase(ctx, actor, caseId);
  return ctx.db
    .select({
      platformId: propagations.platformId,
      platformName: platforms.name,
      kind: platforms.kind,
      status: propagations.status,
      attempts: propagations.attempts,
      lastError: propagations.lastError,
    })
    .from(propagations)
    .innerJoin(platforms, eq(platforms.id, propagations.platformId))
    .where(eq(propagations.caseId, caseId))
    .orderBy(asc(platforms.name));
}
