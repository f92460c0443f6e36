// Who a user is to xiufu. Each case event names the roles that may send it (machines/);
// ownership rules on top of the role live in src/services/case-access.ts (refusalOf).

/**
 * "system" is xiufu itself (the relay, timers): it never logs in. "review_body" is an officer of
 * the administrative review body (复议机关, 行政复议法 arts. 4, 24–25): it works administrative
 * reviews only, and is neither the department that made the act nor the credit center's staff.
 */
export const roles = ['citizen', 'reviewer', 'supervisor', 'agency', 'admin', 'system', 'review_body'] as const;
export type Role = (typeof roles)[number];

/** The acting person as services see them: never a raw request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The credit subject a citizen is; null for staff. */
  subjectId: string | null;
  /** The agency an agency user works for; null otherwise. */
  agencyId: string | null;
}

/**
 * Whether this actor sees a subject's whole resident identity number without asking: the subject
 * themself only. Everyone else sees it masked (region code and last four, enough to tell two
 * people apart); the staff who decide the person's cases may ask to see it whole
 * (`mayRevealResidentId`), and each time they do is written in the person's access register.
 */
export function seesWholeResidentId(actor: Actor, subjectId: string): boolean {
  return actor.role === 'citizen' && actor.subjectId === subjectId;
}

/** Whether this actor may ask to see someone's whole number (matching identity against evidence). */
export function mayRevealResidentId(actor: Actor): boolean {
  return actor.role === 'reviewer' || actor.role === 'supervisor';
}
