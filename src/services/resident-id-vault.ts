// Resident identity numbers at rest. The number itself is sealed with AES-256-GCM under the
// newest resident-ID key, bound to its subject (so a sealed value moved to another row does not
// open); it is found again by a keyed look-up hash (HMAC-SHA256, so the column cannot be
// reversed by hashing every possible number, which is only about 10^11 guesses); and a masked
// form is kept for everyone who does not need the whole number.
import { createHmac } from 'node:crypto';
import { and, eq, isNotNull, not, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { subjects } from '../../db/schema.js';
import type { KeyRing, NamedKey } from '../config/keys.js';
import { maskResidentId } from '../domain/identifiers.js';
import { openSealedValue, sealValue } from './sealed-value.js';

export interface ProtectedResidentId {
  /** `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url. */
  sealed: string;
  /** `<key id>.<hex HMAC>`: the unique key the number is looked up by. */
  lookup: string;
  masked: string;
}

const aad = (subjectId: string) => `xiufu resident id v1 ${subjectId}`;

function lookupWith(key: NamedKey, residentId: string): string {
  return `${key.id}.${createHmac('sha256', key.secret).update(residentId).digest('hex')}`;
}

export function protectResidentId(keys: KeyRing, subjectId: string, residentId: string): ProtectedResidentId {
  return {
    sealed: sealValue(keys.residentId[0]!, aad(subjectId), residentId),
    lookup: residentIdLookup(keys, residentId),
    masked: maskResidentId(residentId),
  };
}

/** The look-up hash under the current key: what a search by number compares with. */
export function residentIdLookup(keys: KeyRing, residentId: string): string {
  return lookupWith(keys.residentIdLookup[0]!, residentId);
}

export function openResidentId(keys: KeyRing, subjectId: string, sealed: string): string {
  return openSealedValue(
    keys.residentId,
    aad(subjectId),
    sealed,
    `A resident identity number of subject ${subjectId} (XIUFU_RESIDENT_ID_KEYS)`,
  );
}

/**
 * Seals what is not sealed under the current keys: numbers left in clear by databases from
 * before sealing, and numbers sealed or hashed with a key that has since been rotated out of
 * first place. Runs at every start; batches lock their rows (SKIP LOCKED), so processes that
 * start together share the work. Returns how many subjects it changed.
 */
export async function resealResidentIds(db: Executor, keys: KeyRing, batchSize = 500): Promise<number> {
  const currentSeal = `v1.${keys.residentId[0]!.id}.%`;
  const currentLookup = `${keys.residentIdLookup[0]!.id}.%`;
  let changed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const stale = await tx
        .select({ id: subjects.id, clear: subjects.residentId, sealed: subjects.residentIdSealed })
        .from(subjects)
        .where(
          or(
            isNotNull(subjects.residentId),
            not(sql`${subjects.residentIdSealed} like ${currentSeal}`),
            not(sql`${subjects.residentIdLookup} like ${currentLookup}`),
          ),
        )
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const subject of stale) {
        const residentId = subject.clear ?? openResidentId(keys, subject.id, subject.sealed!);
        const fresh = protectResidentId(keys, subject.id, residentId);
        await tx
          .update(subjects)
          .set({
            residentId: null,
            residentIdSealed: fresh.sealed,
            residentIdLookup: fresh.lookup,
            residentIdMasked: fresh.masked,
          })
          .where(and(eq(subjects.id, subject.id)));
      }
      changed += stale.length;
      return stale.length < batchSize;
    });
    if (done) return changed;
  }
}
