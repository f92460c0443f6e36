// Registers an agency (认定单位) by its unified social credit code, checked per GB 32100-2015.
import { agencies } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import { DomainError } from '../domain/errors.js';
import { explainInvalidUscc } from '../domain/identifiers.js';

export async function registerAgency(db: Executor, input: { name: string; nameEn?: string; uscc: string }) {
  const uscc = input.uscc.trim().toUpperCase();
  const problem = explainInvalidUscc(uscc);
  if (problem) {
    throw new DomainError('INVALID_INPUT', `The unified social credit code is invalid: ${problem}.`, {
      issues: [{ path: 'uscc', message: problem }],
    });
  }
  const [agency] = await db
    .insert(agencies)
    .values({ name: input.name.trim(), nameEn: input.nameEn ?? null, uscc })
    .returning();
  return agency!;
}
