// A citizen filing for someone else (issue 16 item 6): the authorisation letter, the subject and
// the record the filing is about, and the contact phone any filing may carry. openCase calls
// these before it opens anything, so a refused filing leaves nothing behind.
//
// Enumeration: the filer names the subject by resident identity number and name, and the record
// by its decision number (from the decision the subject handed them). Only a letter-bearing
// filing is looked up at all, and every mismatch (no such number, another name, no such decision
// of that person) answers the same sentence on the decision number: the form tells nobody whether
// a number belongs to a person xiufu knows, only that these three together name no record; and
// the look-ups are throttled per account (onBehalfLookupsPerMinute).
import { and, eq, ne } from 'drizzle-orm';
import { creditRecords, subjects } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { explainInvalidResidentId } from '../domain/identifiers.js';
import { normalisedContactPhone, onBehalfSchema, type OnBehalfRelation } from '../domain/on-behalf.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { prepareAttachments, type PreparedAttachment, type UploadedFile } from './prepare-attachments.js';
import { residentIdLookup } from './resident-id-vault.js';
import { throttlePublicLookup } from './throttle-public-lookup.js';
import { parseInput } from './validate-input.js';

/** Look-ups a filing on behalf may make per account per minute: enough for typing mistakes, not for trying numbers. */
export const onBehalfLookupsPerMinute = 10;

export interface ResolvedOnBehalf {
  subjectId: string;
  recordId: string;
  relation: OnBehalfRelation;
  /** The letters, checked like evidence and marked as the authorisation. */
  letters: PreparedAttachment[];
}

const noMatch =
  'no record matches this identity number, name and decision number together; check them against the decision and the letter';

/** The subject, the record and the letter of a filing on someone's behalf, or a refusal naming the field. */
export async function resolveOnBehalf(
  ctx: ServiceContext,
  actor: Actor,
  raw: Record<string, unknown>,
  letters: readonly UploadedFile[],
): Promise<ResolvedOnBehalf> {
  if (actor.role !== 'citizen')
    throw new DomainError('FORBIDDEN', 'Only a citizen files on behalf of another person; staff file corrections.');
  const onBehalf = parseInput(onBehalfSchema, raw, 'The filing on behalf');
  const residentId = onBehalf.subjectResidentId.toUpperCase();
  const idProblem = explainInvalidResidentId(residentId);
  if (idProblem)
    refuse('subjectResidentId', `The resident identity number is invalid: ${idProblem}.`, 'resident_id_invalid');
  // 民法典 art. 165: entrusted agency in writing; without the letter there is no authority to act.
  if (letters.length === 0)
    refuse(
      'authorisation',
      'attach the authorisation letter (授权委托书) signed by the person you file for, stating the matter, the scope and the term',
      'authorisation_missing',
    );
  const prepared = await prepareAttachments(letters);
  // Each look-up is counted per account, so the form cannot be used to try numbers and names fast.
  await throttlePublicLookup(ctx, `on-behalf:${actor.userId}`, onBehalfLookupsPerMinute);
  const [subject] = await ctx.db
    .select({ id: subjects.id, name: subjects.name })
    .from(subjects)
    .where(eq(subjects.residentIdLookup, residentIdLookup(ctx.keys, residentId)));
  // A deleted record is no record; a decision number that names two of the person's records
  // names none (the filer cannot tell which the letter means).
  const records =
    subject && subject.name === onBehalf.subjectName
      ? await ctx.db
          .select({ id: creditRecords.id })
          .from(creditRecords)
          .where(
            and(
              eq(creditRecords.subjectId, subject.id),
              eq(creditRecords.decisionNumber, onBehalf.decisionNumber),
              ne(creditRecords.status, 'deleted'),
            ),
          )
          .limit(2)
      : [];
  const [record] = records;
  if (!subject || !record || records.length > 1) refuse('decisionNumber', noMatch, 'no_matching_record');
  if (subject.id === actor.subjectId)
    refuse('subjectResidentId', 'this is your own record: file it from your records, without a letter', 'own_record');
  return {
    subjectId: subject.id,
    recordId: record.id,
    relation: onBehalf.relation,
    letters: prepared.map((letter) => ({ ...letter, kind: 'authorisation' as const })),
  };
}

/** The contact phone, normalised, or a refusal naming the field; absent or blank: none. */
export function checkedContactPhone(input: unknown): string | null {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) return null;
  const phone = typeof input === 'string' ? normalisedContactPhone(input) : null;
  if (!phone)
    refuse(
      'contactPhone',
      'give a mainland mobile number (11 digits starting 13–19) or a landline with its area code, such as 010-12345678',
      'phone_invalid',
    );
  return phone;
}

function refuse(path: string, message: string, kind: string): never {
  throw new DomainError('INVALID_INPUT', `The filing is not valid: ${path}: ${message}.`, {
    issues: [{ path, message, kind }],
  });
}
