// The policy versions stored for every jurisdiction, oldest first, and the one in force for
// this deployment's jurisdiction now: what the policy page shows.
import { asc } from 'drizzle-orm';
import { policyVersions } from '../../db/schema.js';
import { completedPolicyVersion, policyInForce, type PolicyVersion } from '../domain/policy.js';
import type { ServiceContext } from './context.js';

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
