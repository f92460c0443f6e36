// POST /api/v1/repair-applications and GET /api/v1/repair-applications/{id}: one application to
// repair several records (the commitment signed once), each record opened as its own repair
// case decided by its own department; all or none (src/services/file-repair-application.ts).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { fileRepairApplication, repairApplicationSchema } from '../../services/file-repair-application.js';
import { getRepairApplication } from '../../services/read-repair-applications.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const applicationSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    filedAt: z.string(),
    commitment: z.string().describe('The commitment letter (信用修复承诺书), signed once for every record'),
    routes: z.array(z.string()),
    evidence: z
      .array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() }))
      .describe('The evidence shared by every case: each case holds the same files (same SHA-256)'),
    recordsInAll: z.number().int().describe('Records in the application in all; an agency is shown only its own'),
    cases: z.array(
      z.object({
        caseId: z.string(),
        recordId: z.string(),
        decisionNumber: z.string(),
        recordKind: z.string(),
        agencyName: z.string().describe('The department that made the finding, which decides this record’s repair'),
        state: z.string(),
        status: z.enum(['open', 'closed']),
        outcome: z.string().nullable(),
        waitingOn: z.string(),
        deadline: z
          .object({ key: z.string(), dueAt: z.string().nullable(), daysLeft: z.number().nullable() })
          .passthrough()
          .nullable()
          .describe('The clock running now, if any'),
        decision: z
          .object({ outcome: z.string(), reasons: z.string().nullable(), reasonCode: z.string().optional() })
          .nullable(),
        notices: z.array(z.object({ code: z.string(), kind: z.string(), issuedAt: z.string() })),
      }),
    ),
  })
  .meta({
    id: 'RepairApplication',
    description: 'One application for several records; an agency officer is shown only the cases about its own records',
  });

const secured = { security: [{ bearer: [] }] };

const fileRoute = createRoute({
  method: 'post',
  path: '/repair-applications',
  tags: ['cases'],
  summary: 'Apply to repair several records at once: one commitment, one case per record, all or none',
  description:
    'Opens one repair case per record, each decided by the department that made its finding. If any record cannot be repaired now, nothing is filed and the problem (APPLICATION_NOT_ELIGIBLE) lists each such record with the rules it failed (`records`). Evidence files are added on the web form; through the API each case takes evidence with ADD_EVIDENCE.',
  ...secured,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: repairApplicationSchema.meta({ id: 'RepairApplicationFiling' }) } },
    },
  },
  responses: {
    201: { description: 'Filed', content: { 'application/json': { schema: applicationSchema } } },
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/repair-applications/{id}',
  tags: ['cases'],
  summary: 'A repair application with its records’ cases side by side',
  ...secured,
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    200: { description: 'The application', content: { 'application/json': { schema: applicationSchema } } },
    ...problemResponses(401, 404, 422),
  },
});

export const repairApplicationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(fileRoute, async (c) => {
    const actor = c.get('actor');
    const filed = await fileRepairApplication(c.get('services'), {
      actor,
      filing: c.req.valid('json'),
      clientAddress: c.get('clientAddress'),
    });
    const view = await getRepairApplication(c.get('services'), actor, filed.applicationId);
    c.header('Location', `/api/v1/repair-applications/${view.id}`);
    return c.json(view, 201);
  })
  .openapi(getRoute, async (c) =>
    c.json(await getRepairApplication(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );
