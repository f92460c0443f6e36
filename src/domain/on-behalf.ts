// Filing on someone else's behalf and the contact phone a filing may carry. Pure: no I/O.
//
// Filing for another person is agency in the civil-law sense: 民法典 art. 161 lets a person act
// through an agent, art. 163 names entrusted agency (委托代理), and art. 165 asks that an entrusted
// authorisation in writing state the agent's name, the matter, the scope and the term, signed or
// sealed by the principal. xiufu keeps the letter (an attachment of kind "authorisation"), the
// filer's relation to the subject and who filed; staff judge the letter at intake.
import { z } from 'zod';

/**
 * What may be filed on someone's behalf. Not a repair: its intake (the credit center) has no
 * decision of its own to find a letter not valid, and a repair refused for false material bars
 * the subject, who filed nothing; it waits for a repair version with that intake decision.
 */
export const onBehalfCaseTypes = ['objection', 'explanation'] as const;
export type OnBehalfCaseType = (typeof onBehalfCaseTypes)[number];

/** The filer's relation to the subject, from a closed list so it can be worded in both languages. */
export const onBehalfRelations = ['spouse', 'parent', 'child', 'relative', 'employee', 'lawyer', 'other'] as const;
export type OnBehalfRelation = (typeof onBehalfRelations)[number];

/**
 * What a filer gives to name the subject and the record: the subject's resident identity number
 * and name, and the decision number of the record (from the decision the subject gave them).
 * All three must match one record before anything is said about it, so the form cannot be used
 * to learn whether a number belongs to someone xiufu knows (see openCase's on-behalf branch).
 */
export const onBehalfSchema = z.object({
  subjectResidentId: z
    .string()
    .trim()
    .min(1, 'give the resident identity number of the person you file for')
    .max(18, 'a resident identity number has 18 characters'),
  subjectName: z.string().trim().min(1, 'give the name of the person you file for').max(100),
  decisionNumber: z.string().trim().min(1, 'give the decision number of the record').max(200),
  relation: z.enum(onBehalfRelations),
});
export type OnBehalf = z.infer<typeof onBehalfSchema>;

// A mainland mobile number (11 digits, 1 then 3–9), or a landline: the three-digit area codes
// (010 Beijing, 02x the largest cities) are followed by 8 digits, the four-digit ones (03xx–09xx)
// by 7 or 8, optionally joined by a hyphen; the first digits tell where the area code ends.
const mobilePattern = /^1[3-9]\d{9}$/;
const landlinePattern = /^(0[12]\d)-?(\d{8})$|^(0[3-9]\d{2})-?(\d{7,8})$/;

/**
 * The phone as stored and compared: spaces and a +86/0086 prefix dropped, a landline written
 * `area-number`; null when it is neither a mainland mobile nor a landline number.
 */
export function normalisedContactPhone(input: string): string | null {
  const compact = input.replace(/[\s()]/g, '').replace(/^(\+86|0086)-?/, '');
  const mobile = compact.replaceAll('-', '');
  if (mobilePattern.test(mobile)) return mobile;
  const landline = compact.match(landlinePattern);
  if (landline) return `${landline[1] ?? landline[3]}-${landline[2] ?? landline[4]}`;
  return null;
}

/** Enough to tell two numbers apart without showing them: 138****5678, 010-****5678. */
export function maskContactPhone(phone: string): string {
  if (mobilePattern.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  const [area, number] = phone.split('-');
  return `${area}-****${(number ?? '').slice(-4)}`;
}
