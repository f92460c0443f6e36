// One way to seal a personal value at rest (a resident identity number, a contact phone):
// AES-256-GCM under the newest of the given keys, bound by its additional data to the row it
// belongs to (so a sealed value copied to another row does not open), written as
// `v1.<key id>.<iv>.<tag>.<ciphertext>` in base64url so the key it needs is named.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { NamedKey } from '../config/keys.js';

export function sealValue(key: NamedKey, boundTo: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv).setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    key.id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/** The value, or an error naming `what` and the key it needs when that key is not among `keys`. */
export function openSealedValue(keys: readonly NamedKey[], boundTo: string, sealed: string, what: string): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
  const key = keys.find((k) => k.id === keyId);
  if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined)
    throw new Error(`${what} is sealed with key "${keyId}", which is not among the keys.`);
  const decipher = createDecipheriv('aes-256-gcm', key.secret, Buffer.from(iv, 'base64url'))
    .setAAD(Buffer.from(boundTo))
    .setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
