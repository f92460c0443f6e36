// The policy versions stored for every jurisdiction, oldest first, and the one in force for
// this deployment's jurisdiction now: what the policy page shows; and the stored version a case
// opened now runs under.
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { policyVersions } from '../../db/schema.js';
import {
  checkedPolicyVersion,
  completedPolicyVersion,
  type Jurisdiction,
  policyInForce,
  type PolicyVersion,
} from '../domain/policy.js';
import type { ServiceContext } from './context.js';

/**
 * The stored policy version in force at `at`, read inside the transaction that opens a case: the
 * same stored versions later events of the case read.
 */
export async function storedPolicyInForce(tx: Executor, jurisdiction: Jurisdiction, at: Date): Promise<PolicyVersion> {
  const versions = await tx.select().from(policyVersions).where(eq(policyVersions.jurisdiction, jurisdiction));
  return policyInForce(
    jurisdiction,
    at,
    versions.map((v) => completedPolicyVersion(checkedPolicyVersion(v.document))),
  );
}

export async function readPolicyVersions(
  ctx: ServiceContext,
): Promise<{ inForce: PolicyVersion; versions: PolicyVersion[] }> {
  const versions = (
    await ctx.db
      .select()
      .from(policyVersions)
      .orderBy(asc(policyVersions.jurisdiction), asc(policyVersions.effectiveFrom))
  ).map((v) => completedPolicyVersion(v.document));
  return { inForce: policyInForce(ctx.jurisdiction, ctx.now(), versions), versions };
}
