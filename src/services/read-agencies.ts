// The agencies that supply records, by name: what the case queue can be filtered by.
import { asc } from 'drizzle-orm';
import { agencies } from '../../db/schema.js';
import type { ServiceContext } from './context.js';

export async function listAgencies(ctx: Pick<ServiceContext, 'db'>): Promise<{ id: string; name: string }[]> {
  return ctx.db.select({ id: agencies.id, name: agencies.name }).from(agencies).orderBy(asc(agencies.name));
}
