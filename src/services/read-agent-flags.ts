// Possible paid agents, for supervisors: an account, a network address or a contact phone that
// filed for several different subjects within the policy's window (agentScreening,
// src/domain/policy.ts), with the cases it filed. Addresses and phones are grouped by their
// keyed hashes (filing-address-vault.ts, contact-phone-vault.ts) and shown masked: the rule never
// reads an address or a number. A flag is a prompt to look, not a finding: a family member with authorisation
// or a shared office network may be behind it.
import { and, asc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { cases, users } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { agentScreening } from '../domain/policy.js';
import type { Actor } from '../domain/roles.js';
import { openContactPhone } from './contact-phone-vault.js';
import type { ServiceContext } from './context.js';

export interface AgentFlag {
  by: 'account' | 'address' | 'phone';
  /** The account's username, or the address or phone masked (203.0.113.*, 138****5678). */
  source: string;
  subjects: number;
  cases: { id: string; type: string; state: string; openedAt: Date }[];
}

const dayMs = 86_400_000;

export async function readAgentFlags(ctx: ServiceContext, actor: Actor): Promise<AgentFlag[]> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'Possible paid agents are shown to supervisors.');
  const since = new Date(ctx.now().getTime() - agentScreening.windowDays.value * dayMs);
  const threshold = agentScreening.distinctSubjects.value;
  const subjects = sql<number>`count(distinct ${cases.subjectId})::int`;
  const caseIds = sql<string>`string_agg(${cases.id}::text, ',' order by ${cases.openedAt})`;
  // Filings by people (not cases opened by another case, nor by staff).
  const filed = and(gte(cases.openedAt, since), isNull(cases.parentCaseId), eq(users.role, 'citizen'));
  const [byAccount, byAddress, byPhone] = await Promise.all([
    ctx.db
      .select({ source: users.username, subjects, caseIds })
      .from(cases)
      .innerJoin(users, eq(users.id, cases.openedByUserId))
      .where(filed)
      .groupBy(users.username)
      .having(sql`count(distinct ${cases.subjectId}) >= ${threshold}`),
    ctx.db
      .select({ source: sql<string>`min(${cases.filedFromAddressMasked})`, subjects, caseIds })
      .from(cases)
      .innerJoin(users, eq(users.id, cases.openedByUserId))
      .where(and(filed, isNotNull(cases.filedFromAddressLookup)))
      .groupBy(cases.filedFromAddressLookup)
      .having(sql`count(distinct ${cases.subjectId}) >= ${threshold}`),
    ctx.db
      .select({ source: sql<string>`min(${cases.contactPhoneMasked})`, subjects, caseIds })
      .from(cases)
      .innerJoin(users, eq(users.id, cases.openedByUserId))
      .where(and(filed, isNotNull(cases.contactPhoneLookup)))
      .groupBy(cases.contactPhoneLookup)
      .having(sql`count(distinct ${cases.subjectId}) >= ${threshold}`),
  ]);
  const flags = [
    ...byAccount.map((row) => ({ by: 'account' as const, ...row })),
    ...byAddress.map((row) => ({ by: 'address' as const, ...row })),
    ...byPhone.map((row) => ({ by: 'phone' as const, ...row })),
  ];
  const ids = [...new Set(flags.flatMap((f) => f.caseIds.split(',')))];
  const summaries =
    ids.length === 0
      ? []
      : await ctx.db
          .select({ id: cases.id, type: cases.type, state: cases.state, openedAt: cases.openedAt })
          .from(cases)
          .where(inArray(cases.id, ids))
          .orderBy(asc(cases.openedAt));
  const byId = new Map(summaries.map((c) => [c.id, c]));
  return flags
    .map((f) => ({
      by: f.by,
      source: f.source,
      subjects: f.subjects,
      cases: f.caseIds.split(',').flatMap((id) => byId.get(id) ?? []),
    }))
    .sort((a, b) => b.subjects - a.subjects || a.source.localeCompare(b.source));
}

/**
 * Who filed a case: for staff, the account's name, whether it is the subject's own, the address
 * and the contact phone masked; for a citizen, only on a case they filed or that is about them
 * (the filer sees their own phone whole, the subject sees it masked), and not the address.
 * Whether it was filed on someone's behalf, the filer's relation, and an authorisation that
 * staff found not valid are said to everyone who sees the case.
 */
export async function readCaseFiler(ctx: ServiceContext, actor: Actor, caseId: string) {
  if (actor.role === 'system') return null;
  const [row] = await ctx.db
    .select({
      userId: users.id,
      displayName: users.displayName,
      role: users.role,
      subjectId: cases.subjectId,
      ownSubject: sql<boolean>`${users.subjectId} is not distinct from ${cases.subjectId}`,
      address: sql<string | null>`coalesce(${cases.filedFromAddressMasked}, ${cases.filedFromAddress})`,
      onBehalfRelation: cases.onBehalfRelation,
      phoneSealed: cases.contactPhoneSealed,
      phoneMasked: cases.contactPhoneMasked,
      authorisationRejectedAt: cases.authorisationRejectedAt,
      authorisationRejectedReason: cases.authorisationRejectedReason,
    })
    .from(cases)
    .innerJoin(users, eq(users.id, cases.openedByUserId))
    .where(eq(cases.id, caseId));
  if (!row) return null;
  const isFiler = row.userId === actor.userId;
  if (actor.role === 'citizen' && !isFiler && row.subjectId !== actor.subjectId) return null;
  const staff = actor.role !== 'citizen';
  return {
    displayName: row.displayName,
    role: row.role,
    ownSubject: row.ownSubject,
    /** The filer's relation to the subject when filed on their behalf (onBehalfRelations). */
    onBehalfRelation: row.onBehalfRelation,
    address: staff ? row.address : null,
    /** Whole to the filer themself; masked to everyone else. */
    contactPhone:
      isFiler && actor.role === 'citizen' && row.phoneSealed
        ? openContactPhone(ctx.keys, caseId, row.phoneSealed)
        : row.phoneMasked,
    authorisationRejected: row.authorisationRejectedAt
      ? { at: row.authorisationRejectedAt, reason: row.authorisationRejectedReason ?? '' }
      : null,
  };
}
export type CaseFiler = NonNullable<Awaited<ReturnType<typeof readCaseFiler>>>;
