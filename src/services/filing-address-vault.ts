// The network address a filing came from, kept for the rule that flags possible paid agents
// without keeping the address itself: a keyed hash (HMAC under the resident-ID look-up key, with
// its own prefix) to group filings by, and a masked form (the last part of the address hidden)
// for staff. An IPv4 address is a small space (2^32): a plain hash would be reversed by trying
// them all, so the key is what makes the column useless to a reader of the database alone.
import { createHmac } from 'node:crypto';
import { and, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import type { KeyRing } from '../config/keys.js';

export interface ProtectedFilingAddress {
  lookup: string;
  masked: string;
}

export function protectFilingAddress(keys: KeyRing, address: string): ProtectedFilingAddress {
  const key = keys.residentIdLookup[0]!;
  return {
    lookup: `${key.id}.${createHmac('sha256', key.secret).update(`filing address:${address}`).digest('hex')}`,
    masked: maskNetworkAddress(address),
  };
}

/**
 * The address with its host part hidden: an IPv4 address keeps its first three octets
 * (203.0.113.*), an IPv6 address its first three groups (2001:db8:85a3:*); anything else
 * ("unknown", a request made in process) is shown as it is.
 */
export function maskNetworkAddress(address: string): string {
  const v4 = address.match(/^(?:::ffff:)?(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/i);
  if (v4) return `${v4[1]}.*`;
  if (address.includes(':')) return `${address.split(':').slice(0, 3).join(':')}:*`;
  return address;
}

/**
 * Hashes and masks the addresses kept in clear by databases from before migration 0032, and
 * empties them. Runs at every start; batches lock their rows (SKIP LOCKED), so processes that
 * start together share the work. Returns how many cases it changed.
 */
export async function protectFilingAddresses(db: Executor, keys: KeyRing, batchSize = 500): Promise<number> {
  let changed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const clear = await tx
        .select({ id: cases.id, address: cases.filedFromAddress })
        .from(cases)
        .where(isNotNull(cases.filedFromAddress))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of clear) {
        const protectedAddress = protectFilingAddress(keys, row.address!);
        await tx
          .update(cases)
          .set({
            filedFromAddress: null,
            filedFromAddressLookup: protectedAddress.lookup,
            filedFromAddressMasked: protectedAddress.masked,
          })
          .where(and(sql`${cases.id} = ${row.id}`));
      }
      changed += clear.length;
      return clear.length < batchSize;
    });
    if (done) return changed;
  }
}
