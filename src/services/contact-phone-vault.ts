// Contact phones at rest, kept like resident identity numbers (resident-id-vault.ts): sealed with
// AES-256-GCM under the newest resident-ID key, bound to the case they were given with; a keyed
// look-up hash (HMAC-SHA256 under the look-up key, with its own prefix so it never equals a
// resident ID's hash) that the paid-agent rule groups filings by without reading any number;
// and a masked form for staff. A phone number is a small space (10^11), so a plain hash could be
// reversed by trying every number: the key is what makes the column useless to a reader of the
// database alone.
import { createHmac } from 'node:crypto';
import type { KeyRing } from '../config/keys.js';
import { maskContactPhone } from '../domain/on-behalf.js';
import { openSealedValue, sealValue } from './sealed-value.js';

export interface ProtectedContactPhone {
  sealed: string;
  lookup: string;
  masked: string;
}

const aad = (caseId: string) => `xiufu contact phone v1 ${caseId}`;

/** The grouping hash under the current look-up key, for a normalised number. */
export function contactPhoneLookup(keys: KeyRing, phone: string): string {
  const key = keys.residentIdLookup[0]!;
  return `${key.id}.${createHmac('sha256', key.secret).update(`contact phone:${phone}`).digest('hex')}`;
}

export function protectContactPhone(keys: KeyRing, caseId: string, phone: string): ProtectedContactPhone {
  return {
    sealed: sealValue(keys.residentId[0]!, aad(caseId), phone),
    lookup: contactPhoneLookup(keys, phone),
    masked: maskContactPhone(phone),
  };
}

export function openContactPhone(keys: KeyRing, caseId: string, sealed: string): string {
  return openSealedValue(keys.residentId, aad(caseId), sealed, `The contact phone of case ${caseId}`);
}
