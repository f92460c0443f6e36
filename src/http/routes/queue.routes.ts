// The queue's service-desk tools over HTTP: claiming or reassigning many cases at once
// (POST /api/v1/cases/assignments, each case through the case engine's door), and a user's
// saved views of the queue (GET, POST /api/v1/me/queue-views, DELETE /api/v1/me/queue-views/{id}).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { domainErrorCodes } from '../../domain/errors.js';
import { assignCasesInBulk, maxBulkCases } from '../../services/assign-cases-in-bulk.js';
import { deleteQueueView, listQueueViews, queueViewParameters, saveQueueView } from '../../services/queue-views.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const secured = { security: [{ bearer: [] }] };

const assignmentsRoute = createRoute({
  method: 'post',
  path: '/cases/assignments',
  tags: ['cases'],
  summary: 'Claim (reviewers, supervisors) or reassign (supervisors) several cases at once',
  description:
    'Each case changes on its own through the case engine, at the version given (a case changed since is refused alone, 409), with the reason in its audit trail. A reassignment needs a reason and tells both reviewers.',
  ...secured,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            action: z.enum(['claim', 'reassign']),
            cases: z
              .array(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
              .min(1)
              .max(maxBulkCases),
            assigneeId: z.string().optional().describe('For a reassignment: the reviewer or supervisor'),
            reason: z.string().optional().describe('Required for a reassignment; written into each case’s trail'),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'What happened to each case, in the order given',
      content: {
        'application/json': {
          schema: z.object({
            results: z.array(
              z.object({
                caseId: z.string(),
                done: z.boolean(),
                code: z.enum(domainErrorCodes).optional(),
                message: z.string().optional(),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(401, 403, 422),
  },
});

const viewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    query: z.string().describe('The filters as the queue’s address takes them, e.g. "assignee=me&due=week"'),
  })
  .meta({ id: 'QueueView' });

const listViewsRoute = createRoute({
  method: 'get',
  path: '/me/queue-views',
  tags: ['cases'],
  summary: 'My saved views of the case queue',
  ...secured,
  responses: {
    200: {
      description: 'The views, by name',
      content: { 'application/json': { schema: z.object({ views: z.array(viewSchema) }) } },
    },
    ...problemResponses(401),
  },
});

const saveViewRoute = createRoute({
  method: 'post',
  path: '/me/queue-views',
  tags: ['cases'],
  summary: 'Save the queue’s filters under a name (the same name replaces the view)',
  ...secured,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: z.string(),
            filters: z
              .object(Object.fromEntries(queueViewParameters.map((name) => [name, z.string().optional()])))
              .describe('Any of the filters GET /cases takes; others are dropped'),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'Saved', content: { 'application/json': { schema: viewSchema } } },
    ...problemResponses(401, 422),
  },
});

const deleteViewRoute = createRoute({
  method: 'delete',
  path: '/me/queue-views/{id}',
  tags: ['cases'],
  summary: 'Delete one of my saved views',
  ...secured,
  request: { params: z.object({ id: z.uuid() }) },
  responses: {
    204: { description: 'Deleted' },
    ...problemResponses(401, 404, 422),
  },
});

export const queueRoutes = new OpenAPIHono<AppEnv>()
  .openapi(assignmentsRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json({ results: await assignCasesInBulk(c.get('services'), c.get('actor'), body) }, 200);
  })
  .openapi(listViewsRoute, async (c) => c.json({ views: await listQueueViews(c.get('services'), c.get('actor')) }, 200))
  .openapi(saveViewRoute, async (c) => {
    const { name, filters } = c.req.valid('json');
    return c.json(await saveQueueView(c.get('services'), c.get('actor'), { name, filters }), 201);
  })
  .openapi(deleteViewRoute, async (c) => {
    await deleteQueueView(c.get('services'), c.get('actor'), c.req.valid('param').id);
    return c.body(null, 204);
  });
