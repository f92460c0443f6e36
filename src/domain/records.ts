// Credit records: their kinds, classes, statuses and the fields a correction may change
// (DOMAIN.md "Records: kinds, classes, statuses").
import { z } from 'zod';
import { calendarDate } from './input-schemas.js';
import { plainText, singleLineText } from './text.js';

export const recordKinds = [
  'administrative_penalty', // 行政处罚信息
  'serious_list_entry', // 严重失信主体名单
  'court_dishonest_debtor', // 失信被执行人名单
  'credit_report_negative', // 征信不良信息
  'other_dishonesty', // 其他失信信息
] as const;
export type RecordKind = (typeof recordKinds)[number];

/**
 * Kinds that come from the credit-reporting system and are not public credit information:
 * 征信业管理条例 arts. 16–18 keep them 5 years from the end of the conduct, then delete them,
 * and allow queries only with the person's written consent. No policy may publish them.
 */
export const creditReportKinds = ['credit_report_negative'] as const satisfies readonly RecordKind[];
export type CreditReportKind = (typeof creditReportKinds)[number];
export type PublicRecordKind = Exclude<RecordKind, CreditReportKind>;

export function isCreditReportKind(kind: string): kind is CreditReportKind {
  return (creditReportKinds as readonly string[]).includes(kind);
}

export function isPublicRecordKind(kind: string): kind is PublicRecordKind {
  return (recordKinds as readonly string[]).includes(kind) && !isCreditReportKind(kind);
}

/** The kinds the public look-up may ever return. */
export const publicRecordKinds = recordKinds.filter(isPublicRecordKind);

export const recordClasses = ['minor', 'general', 'serious'] as const;
export type RecordClass = (typeof recordClasses)[number];

/**
 * Stored statuses. "disputed" is not stored: it is the disputed mark (a record's open
 * objection) shown in place of the status while the objection runs, see displayStatusOf.
 * "deleted" is a credit-report record whose keeping period ended: only its tombstone is left.
 */
export const recordStatuses = ['published', 'corrected', 'repaired', 'expired', 'revoked', 'deleted'] as const;
export type RecordStatus = (typeof recordStatuses)[number];
export type RecordDisplayStatus = RecordStatus | 'disputed';

export const recordDomains = [
  'food_and_drugs',
  'work_safety',
  'fire_safety',
  'traffic_safety',
  'environment',
  'biosafety',
  'product_quality',
  'tax',
  'health',
  'labour',
  'construction',
  'financial_services',
  'intellectual_property',
  'litigation',
  'e_commerce',
  'volunteering',
] as const;
export type RecordDomain = (typeof recordDomains)[number];

export function displayStatusOf(record: {
  status: RecordStatus;
  disputedByCaseId: string | null;
}): RecordDisplayStatus {
  // A deleted record is only a tombstone, even if an objection about it is still open.
  if (record.status === 'deleted') return 'deleted';
  return record.disputedByCaseId ? 'disputed' : record.status;
}

const isoDate = calendarDate();

/** The fields an upheld objection may correct; at least one must be given. */
export const recordCorrectionSchema = z
  .object({
    kind: z.enum(recordKinds),
    domain: z.enum(recordDomains),
    class: z.enum(recordClasses),
    decisionNumber: singleLineText({ max: 200, required: 'required' }),
    decisionDate: isoDate,
    facts: plainText({ max: 10_000, required: 'required' }),
    legalBasis: plainText({ max: 2_000, required: 'required' }),
    obligation: plainText({ max: 2_000 }).nullable(),
    obligationPerformed: z.boolean(),
    // The display period's start; its minimum and end are recomputed from the policy.
    publishedFrom: isoDate,
    // For credit-report records, the day the conduct ended: their keeping period counts from it.
    conductEndedOn: isoDate,
  })
  .partial()
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, { message: 'name at least one field to correct' });
export type RecordCorrection = z.infer<typeof recordCorrectionSchema>;
