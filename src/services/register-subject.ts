// Registers a credit subject. The resident identity number must pass its GB 11643 check:
// a subject is never created with a number that cannot be real.
import { subjects } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { DomainError } from '../domain/errors.js';
import { explainInvalidResidentId } from '../domain/identifiers.js';
import { violatedUniqueConstraint } from './database-errors.js';

export async function registerSubject(db: Executor, input: { name: string; residentId: string }) {
  const residentId = input.residentId.trim().toUpperCase();
  const problem = explainInvalidResidentId(residentId);
  if (problem) {
    throw new DomainError('INVALID_INPUT', `The resident identity number is invalid: ${problem}.`, {
      issues: [{ path: 'residentId', message: problem }],
    });
  }
  const name = input.name.trim();
  if (!name) throw new DomainError('INVALID_INPUT', 'A subject needs a name.', { issues: [{ path: 'name', message: 'required' }] });
  try {
    const [subject] = await db.insert(subjects).values({ name, residentId }).returning();
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
