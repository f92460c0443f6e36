// GET /api/v1/sla/summary: open cases by type, state and SLA status, per assignee and agency,
// the breached list, weekly flow and days to a decision (supervisors and admins). The counts are
// at most a minute old (figuresAsOf); the breached list is live.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { readSlaSummary } from '../../services/read-sla-summary.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const counts = z.object({ onTrack: z.number(), atRisk: z.number(), breached: z.number() });

const summaryRoute = createRoute({
  method: 'get',
  path: '/sla/summary',
  tags: ['sla'],
  summary: 'SLA figures for supervisors',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'The figures',
      content: {
        'application/json': {
          schema: z.object({
            asOf: z.string().describe('The moment of the breached list'),
            figuresAsOf: z
              .string()
              .describe(
                'The moment the counts were taken: normally within a minute of asOf (older while another process is renewing them)',
              ),
            byTypeStateAndSla: z.array(
              z.object({ type: z.string(), state: z.string(), sla: z.string(), open: z.number() }),
            ),
            byAssignee: z.array(
              counts.extend({ assigneeId: z.string().nullable(), assigneeName: z.string().nullable() }),
            ),
            byAgency: z.array(counts.extend({ agencyId: z.string().nullable(), agencyName: z.string().nullable() })),
            breached: z.array(z.object({ id: z.string() }).passthrough()),
            askedAgain: z
              .array(z.object({ id: z.string(), materialRequests: z.number().int() }).passthrough())
              .describe('Open cases asked for material more than once (一次性告知), with how many times'),
            weekly: z.array(z.object({ week: z.string(), opened: z.number(), closed: z.number() })),
            daysToDecision: z.array(
              z.object({
                type: z.string(),
                decided: z.number(),
                medianDays: z.number().nullable(),
                p90Days: z.number().nullable(),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(401, 403),
  },
});

export const slaRoutes = new OpenAPIHono<AppEnv>().openapi(summaryRoute, async (c) =>
  c.json(await readSlaSummary(c.get('services'), c.get('actor')), 200),
);
