// GET /api/v1/public/records: what the public may see of a person's records — only those
// inside their display period and public by the policy, with any published self-explanation.
// Credit-report records are never among them (征信业管理条例 arts. 16–18).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { verifyDecisionNotice } from '../../services/decision-notices.js';
import { readPublicRecords } from '../../services/read-public-records.js';
import { throttlePublicLookup } from '../../services/throttle-public-lookup.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const publicRecordsRoute = createRoute({
  method: 'get',
  path: '/public/records',
  tags: ['public'],
  summary: 'Records of a person that are shown to the public now',
  request: {
    query: z.object({ residentId: z.string().min(1).max(40).describe('The resident identity number (GB 11643)') }),
  },
  responses: {
    200: {
      description: 'The shown records (none when nothing is in its display period)',
      content: {
        'application/json': {
          schema: z.object({
            subject: z.object({ name: z.string(), residentId: z.string().describe('masked') }).nullable(),
            records: z.array(
              z.object({
                kind: z.string(),
                class: z.string(),
                domain: z.string(),
                agency: z.string(),
                decisionNumber: z.string(),
                decisionDate: z.string().nullable(),
                facts: z.string(),
                legalBasis: z.string(),
                status: z.string(),
                disputed: z.boolean(),
                publishedFrom: z.string(),
                publishedUntil: z.string(),
                explanation: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(422, 429),
  },
});

const noticeVerificationRoute = createRoute({
  method: 'get',
  path: '/public/notices/{code}',
  tags: ['public'],
  summary: 'Verify a decision notice by its code: genuine, what it decided, and whether it stands now',
  request: { params: z.object({ code: z.string().min(1).max(40).describe('The code printed on the notice') }) },
  responses: {
    200: {
      description: 'The notice, with only what a check needs (the subject masked)',
      content: {
        'application/json': {
          schema: z.object({
            code: z.string(),
            title: z.string(),
            decidedOn: z.string(),
            decision: z.string(),
            caseTypeName: z.string(),
            subject: z.object({
              name: z.string().describe('masked'),
              residentId: z.string().nullable().describe('masked'),
            }),
            record: z.object({ kind: z.string(), decisionNumber: z.string(), agency: z.string() }).nullable(),
            decidedBy: z.string(),
            kind: z.string(),
            standing: z.enum(['in_force', 'superseded', 'revoked']),
            sha256: z.string().describe('sha256 of the notice PDF, as its audit event carries it'),
          }),
        },
      },
    },
    ...problemResponses(404, 422, 429),
  },
});

export const publicRoutes = new OpenAPIHono<AppEnv>()
  .openapi(publicRecordsRoute, async (c) => {
    // Throttled per address (src/services/throttle-public-lookup.ts): 60 look-ups a minute.
    await throttlePublicLookup(c.get('services'), c.get('clientAddress'));
    return c.json(await readPublicRecords(c.get('services'), c.req.valid('query').residentId), 200);
  })
  .openapi(noticeVerificationRoute, async (c) => {
    // The same per-address limit as the look-up: a code is what someone would guess at.
    await throttlePublicLookup(c.get('services'), c.get('clientAddress'));
    return c.json(await verifyDecisionNotice(c.get('services'), c.req.valid('param').code), 200);
  });
