// Throttles the public look-up per client address: 60 look-ups a minute, counted in the database
// so every API process sees the same count (docs/SECURITY.md says why not in memory). A look-up
// by identity number is how someone would walk the number space, so it must stay slow.
import { lt, sql } from 'drizzle-orm';
import { publicLookupCounts } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { ServiceContext } from './context.js';

export const publicLookupThrottle = { windowMs: 60_000, perAddress: 60 };

/**
 * Counts one look-up from this address; refuses it (429 with Retry-After) beyond the limit. The
 * look-up a filing on someone's behalf makes is counted here too, per account
 * (`on-behalf:<user id>`, with its own lower limit: file-on-behalf.ts).
 */
export async function throttlePublicLookup(
  ctx: ServiceContext,
  address: string,
  limit: number = publicLookupThrottle.perAddress,
): Promise<void> {
  const now = ctx.now().getTime();
  const windowStart = new Date(now - (now % publicLookupThrottle.windowMs));
  // One statement counts up or starts a new window, so concurrent look-ups from several
  // processes cannot both read the same count.
  const [row] = await ctx.db
    .insert(publicLookupCounts)
    .values({ address, windowStart, lookups: 1 })
    .onConflictDoUpdate({
      target: publicLookupCounts.address,
      set: {
        lookups: sql`case when ${publicLookupCounts.windowStart} = excluded.window_start then ${publicLookupCounts.lookups} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ lookups: publicLookupCounts.lookups });
  // An address is personal data: its row goes once its window is long past. Done when a window
  // starts, so at most once a minute per address.
  if (row?.lookups === 1)
    await ctx.db
      .delete(publicLookupCounts)
      .where(lt(publicLookupCounts.windowStart, new Date(now - 60 * publicLookupThrottle.windowMs)));
  if ((row?.lookups ?? 0) > limit) {
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((windowStart.getTime() + publicLookupThrottle.windowMs - now) / 1000),
    );
    throw new DomainError(
      'TOO_MANY_ATTEMPTS',
      `Too many look-ups from this address; try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }
}
