// GET /api/v1/me/records and /api/v1/records/{id}: a subject's credit records with their
// display status (disputed while an objection runs) and version history.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { repairChoicesOf } from '../../services/file-repair-application.js';
import { getRecord, listMyRecords } from '../../services/read-records.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const recordSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    kind: z.string(),
    domain: z.string(),
    class: z.string(),
    decisionNumber: z.string().describe('Empty once a credit-report record is deleted'),
    decisionDate: z.string().nullable().describe('Null once a credit-report record is deleted'),
    facts: z.string(),
    legalBasis: z.string(),
    obligation: z.string().nullable(),
    obligationPerformed: z.boolean(),
    publishedFrom: z.string(),
    repairableFrom: z
      .string()
      .nullable()
      .describe('The last day of the minimum display period; repair is accepted from the day after (firstRepairDay)'),
    firstRepairDay: z
      .string()
      .nullable()
      .describe('The first day on which a repair application is accepted (the day after repairableFrom)'),
    publishedUntil: z.string().describe('For a credit-report record (never published): the last day it is kept'),
    conductEndedOn: z
      .string()
      .nullable()
      .describe('Credit-report records: the day the conduct ended; kept 5 years from it (征信业管理条例 art. 16)'),
    publicKind: z
      .boolean()
      .describe('False for credit-report records: they are not public credit information and never published'),
    deletedAt: z
      .string()
      .nullable()
      .describe('When the content of a credit-report record was deleted at the end of its keeping period'),
    deletionReason: z.string().nullable(),
    status: z.string().describe('Display status: "disputed" while an objection is open, else the stored status'),
    storedStatus: z.string(),
    disputed: z.boolean(),
    disputedByCaseId: z.string().nullable(),
    version: z.number().int(),
  })
  .passthrough()
  .meta({ id: 'CreditRecord' });

const recordWithHistorySchema = recordSchema
  .extend({
    obligationSchedule: z
      .object({
        caseId: z.string(),
        status: z.enum(['kept', 'missed', 'completed']),
        instalments: z.array(z.object({ dueOn: z.string(), amount: z.number(), paidOn: z.string().nullable() })),
      })
      .nullable()
      .describe('The latest schedule a deferral granted for the obligation (行政处罚法 art. 66), if any'),
    deferralCaseId: z
      .string()
      .nullable()
      .describe('The deferral of the obligation still being decided or kept, if any'),
    repairWait: z
      .object({
        firstDay: z.string(),
        daysLeft: z.number().int(),
        minimumMonths: z.number().int(),
        countsFrom: z.enum(['publication', 'finding']),
        source: z.union([z.string(), z.object({ zh: z.string(), en: z.string() })]),
      })
      .nullable()
      .describe('A repairable record whose minimum display period runs: the first day repair is accepted and the rule'),
    obligationStanding: z
      .enum(['none', 'performed', 'performed_on_schedule', 'on_schedule', 'schedule_missed', 'unperformed'])
      .describe('How the obligation stands: performance on a granted schedule counts as on time'),
    subject: z.object({
      name: z.string(),
      residentId: z
        .string()
        .describe(
          'Whole for the subject; masked (region code and last four) for everyone else unless a reviewer or supervisor asked for it (POST /records/{id}/resident-id)',
        ),
      masked: z.boolean(),
      revealable: z.boolean().describe('Whether the caller may ask to see the whole number (the asking is registered)'),
      revealed: z.boolean().describe('Shown whole because the caller asked for it'),
    }),
    history: z.array(
      z
        .object({
          version: z.number().int(),
          fields: z.record(z.string(), z.unknown()),
          changedByCaseId: z.string().nullable(),
          changeReason: z.string(),
          createdAt: z.string(),
        })
        .passthrough(),
    ),
    objectionsOnRecord: z
      .array(
        z.object({
          at: z.string(),
          caseId: z.string(),
          objection: z.string(),
          supplements: z.array(z.string()),
          verification: z.object({ finding: z.string(), answer: z.string() }).nullable(),
          reasons: z.string(),
        }),
      )
      .describe('Objections that could not be resolved, kept on record beside the record (征信业管理条例 art. 25)'),
    displayRule: z.object({
      countsFrom: z
        .enum(['publication', 'finding'])
        .describe(
          'What the display period counts from under the rules in force at the finding (the finding, NDRC Order 36)',
        ),
      atMaximumUnperformed: z
        .enum(['expire', 'stay_until_performed'])
        .describe('At the maximum period, while the obligation is unperformed: the department’s rule for the kind'),
      policyVersionId: z
        .string()
        .describe('The policy version in force on the day of the finding, which the display follows'),
      policyTitle: z.union([z.string(), z.object({ zh: z.string(), en: z.string() })]),
      foundOn: z
        .string()
        .describe('The day of the finding (认定之日): the decision date, or publication where none was recorded'),
      chosenBy: z
        .enum(['jurisdiction', 'national', 'earliest'])
        .describe(
          'The jurisdiction’s version that day; the national one (the profile starts later); the earliest held (a finding before it)',
        ),
      basis: z.object({
        source: z.object({ zh: z.string(), en: z.string() }),
        verified: z.boolean(),
      }),
    }),
    displayEnded: z
      .object({
        at: z.string(),
        status: z.enum(['repaired', 'expired']),
        changedByCaseId: z.string().nullable(),
        platforms: z.array(z.object({ name: z.string(), confirmedAt: z.string().nullable() })),
      })
      .nullable()
      .describe('When public display ended (repaired or expired), and which platforms confirmed the stop'),
  })
  .meta({ id: 'CreditRecordWithHistory' });

const myRecordsRoute = createRoute({
  method: 'get',
  path: '/me/records',
  tags: ['records'],
  summary: 'The credit records about the logged-in subject',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'Records',
      content: {
        'application/json': {
          schema: z.object({
            records: z.array(
              recordSchema.extend({
                repairNow: z
                  .object({
                    eligible: z.boolean(),
                    failedRules: z.array(z.string()).describe('The repair eligibility rules it fails today'),
                  })
                  .nullable()
                  .describe(
                    'Whether a repair may be asked for it today (POST /repair-applications takes several); null for records that are not public',
                  ),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(401, 403),
  },
});

const recordRoute = createRoute({
  method: 'get',
  path: '/records/{id}',
  tags: ['records'],
  summary: 'One record with its version history',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: { description: 'The record', content: { 'application/json': { schema: recordWithHistorySchema } } },
    ...problemResponses(401, 404, 422),
  },
});

const revealResidentIdRoute = createRoute({
  method: 'post',
  path: '/records/{id}/resident-id',
  tags: ['records'],
  summary: "The record's subject with the whole resident identity number (reviewers and supervisors)",
  description:
    'Staff see the number masked; asking for it whole is written in the subject’s access register (action reveal_resident_id) before it is answered.',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: {
      description: 'The subject, the number whole',
      content: {
        'application/json': {
          schema: z.object({ subject: z.object({ name: z.string(), residentId: z.string(), masked: z.boolean() }) }),
        },
      },
    },
    ...problemResponses(401, 403, 404, 422),
  },
});

export const recordRoutes = new OpenAPIHono<AppEnv>()
  .openapi(myRecordsRoute, async (c) => {
    const records = await listMyRecords(c.get('services'), c.get('actor'));
    // The same choice the records page offers a box by (file-repair-application.ts).
    const choices = await repairChoicesOf(
      c.get('services'),
      c.get('actor'),
      records.filter((record) => record.publicKind && !record.deletedAt),
    );
    return c.json(
      {
        records: records.map((record) => {
          const failed = choices.get(record.id);
          return { ...record, repairNow: failed ? { eligible: failed.length === 0, failedRules: failed } : null };
        }),
      },
      200,
    );
  })
  .openapi(recordRoute, async (c) =>
    c.json(await getRecord(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(revealResidentIdRoute, async (c) => {
    const record = await getRecord(c.get('services'), c.get('actor'), c.req.valid('param').id, {
      revealResidentId: true,
    });
    const { name, residentId, masked } = record.subject;
    return c.json({ subject: { name, residentId, masked } }, 200);
  });
