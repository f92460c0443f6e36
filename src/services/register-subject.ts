// Registers a credit subject. The resident identity number must pass its GB 11643 check:
// a subject is never created with a number that cannot be real, and the number is stored
// sealed (src/services/resident-id-vault.ts), never in clear.
import { randomUUID } from 'node:crypto';
import { subjects } from '../../db/schema.js';
import type { KeyRing } from '../config/keys.js';
import type { Executor } from '../../db/client.js';
import { DomainError } from '../domain/errors.js';
import { explainInvalidResidentId } from '../domain/identifiers.js';
import { violatedUniqueConstraint } from './database-errors.js';
import { protectResidentId } from './resident-id-vault.js';

export async function registerSubject(db: Executor, keys: KeyRing, input: { name: string; residentId: string }) {
  const residentId = input.residentId.trim().toUpperCase();
  const problem = explainInvalidResidentId(residentId);
  if (problem) {
    throw new DomainError('INVALID_INPUT', `The resident identity number is invalid: ${problem}.`, {
      issues: [{ path: 'residentId', message: problem }],
    });
  }
  const name = input.name.trim();
  if (!name)
    throw new DomainError('INVALID_INPUT', 'A subject needs a name.', {
      issues: [{ path: 'name', message: 'required' }],
    });
  try {
    const id = randomUUID();
    const protectedId = protectResidentId(keys, id, residentId);
    const [subject] = await db
      .insert(subjects)
      .values({
        id,
        name,
        residentIdSealed: protectedId.sealed,
        residentIdLookup: protectedId.lookup,
        residentIdMasked: protectedId.masked,
      })
      .returning();
    return subject!;
  } catch (error) {
    if (violatedUniqueConstraint(error) !== null) {
      throw new DomainError('INVALID_INPUT', 'A subject with this resident identity number already exists.', {
        issues: [{ path: 'residentId', message: 'already registered' }],
      });
    }
    throw error;
  }
}
