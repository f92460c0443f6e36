// Contact phones at rest, kept like resident identity numbers (resident-id-vault.ts): sealed with
// AES-256-GCM under the newest resident-ID key, bound to the case they were given with; a keyed
// look-up hash (HMAC-SHA256 under the look-up key, with its own prefix so it never equals a
// resident ID's hash) that the paid-agent rule groups filings by without reading any number;
// and a masked form for staff. A phone number is a small space (10^11), so a plain hash could be
// reversed by trying every number: the key is what makes the column useless to a reader of the
// database alone.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { KeyRing } from '../config/keys.js';
import { maskContactPhone } from '../domain/on-behalf.js';

export interface ProtectedContactPhone {
  sealed: string;
  lookup: string;
  masked: string;
}

const aad = (caseId: string) => Buffer.from(`xiufu contact phone v1 ${caseId}`);

/** The grouping hash under the current look-up key, for a normalised number. */
export function contactPhoneLookup(keys: KeyRing, phone: string): string {
  const key = keys.residentIdLookup[0]!;
  return `${key.id}.${createHmac('sha256', key.secret).update(`contact phone:${phone}`).digest('hex')}`;
}

export function protectContactPhone(keys: KeyRing, caseId: string, phone: string): ProtectedContactPhone {
  const key = keys.residentId[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv).setAAD(aad(caseId));
  const ciphertext = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  const sealed = [
    'v1',
    key.id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
  return { sealed, lookup: contactPhoneLookup(keys, phone), masked: maskContactPhone(phone) };
}

export function openContactPhone(keys: KeyRing, caseId: string, sealed: string): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
  const key = keys.residentId.find((k) => k.id === keyId);
  if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined)
    throw new Error(`The contact phone of case ${caseId} is sealed with key "${keyId}", which is not among the keys.`);
  const decipher = createDecipheriv('aes-256-gcm', key.secret, Buffer.from(iv, 'base64url'))
    .setAAD(aad(caseId))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
