// The public lookup: a person's records that are inside their display period and public by
// the policy, with any published self-explanation beside them. Nothing else is disclosed: the
// identity number is masked and internal ids are left out. Credit-report records are not public
// credit information (征信业管理条例 arts. 16–18): the query leaves their kinds out, and
// isShownPublicly refuses them again, whatever a policy says.
import { and, eq, inArray } from 'drizzle-orm';
import { agencies, creditRecords, subjects } from '../../db/schema.js';
import { chinaDateOf } from '../domain/calendar.js';
import { isShownPublicly, shownStatuses } from '../domain/display-period.js';
import { DomainError } from '../domain/errors.js';
import { explainInvalidResidentId } from '../domain/identifiers.js';
import { policyAtFinding } from '../domain/policy.js';
import { publicRecordKinds } from '../domain/records.js';
import type { ServiceContext } from './context.js';
import { residentIdLookup } from './resident-id-vault.js';

export async function readPublicRecords(ctx: ServiceContext, residentId: string) {
  const id = residentId.trim().toUpperCase();
  const problem = explainInvalidResidentId(id);
  if (problem)
    throw new DomainError('INVALID_INPUT', `The resident identity number is invalid: ${problem}.`, {
      issues: [{ path: 'residentId', message: problem }],
    });
  const at = ctx.now();
  const today = chinaDateOf(at);
  const rows = await ctx.db
    .select({
      record: creditRecords,
      subjectName: subjects.name,
      maskedId: subjects.residentIdMasked,
      agencyName: agencies.name,
    })
    .from(creditRecords)
    .innerJoin(subjects, eq(subjects.id, creditRecords.subjectId))
    .innerJoin(agencies, eq(agencies.id, creditRecords.agencyId))
    .where(
      and(
        eq(subjects.residentIdLookup, residentIdLookup(ctx.keys, id)),
        inArray(creditRecords.status, [...shownStatuses]),
        inArray(creditRecords.kind, publicRecordKinds),
      ),
    );
  // Whether a class is published at all is the rule of the record's finding (policyAtFinding).
  const shown = rows.filter(({ record }) =>
    isShownPublicly(policyAtFinding(ctx.jurisdiction, record).version.rules, record, today),
  );
  return {
    subject: shown[0] ? { name: shown[0].subjectName, residentId: shown[0].maskedId! } : null,
    records: shown.map(({ record, agencyName }) => ({
      kind: record.kind,
      class: record.class,
      domain: record.domain,
      agency: agencyName,
      decisionNumber: record.decisionNumber,
      decisionDate: record.decisionDate,
      facts: record.facts,
      legalBasis: record.legalBasis,
      status: record.status,
      disputed: record.disputedByCaseId !== null,
      publishedFrom: record.publishedFrom,
      publishedUntil: record.publishedUntil,
      explanation: record.explanation,
    })),
  };
}
