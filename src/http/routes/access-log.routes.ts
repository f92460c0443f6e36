// The access register over HTTP: GET /api/v1/me/access-log (one's own, as a subject: a
// citizen's; a staff account's is empty) and GET /api/v1/access-log (supervisors and admins
// search everyone's, by subject and by reader).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { integerText, moment } from '../../domain/input-schemas.js';
import { readAccessLog, searchAccessLog } from '../../services/access-log.js';
import { exportMyData } from '../../services/export-my-data.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const entrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  subjectId: z.string(),
  caseId: z.string().nullable(),
  recordId: z.string().nullable(),
  action: z.string(),
  purpose: z.string(),
});
const listSchema = z.object({ entries: z.array(entrySchema) });

const mineRoute = createRoute({
  method: 'get',
  path: '/me/access-log',
  tags: ['access register'],
  summary: 'Who looked at my records and cases, when and why (征信业管理条例 art. 22)',
  description:
    'Only the entries about the subject you are: for supervisors and administrators too (a staff account is no subject, so theirs is empty). Searching everyone’s is GET /access-log.',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'The register', content: { 'application/json': { schema: listSchema } } },
    ...problemResponses(401, 403),
  },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/access-log',
  tags: ['access register'],
  summary: 'Search the access register (supervisors)',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      subjectId: z.uuid().optional(),
      actorUserId: z.uuid().optional(),
      from: moment().optional(),
      to: moment().optional(),
      limit: integerText(1, 1000).default(200),
    }),
  },
  responses: {
    200: { description: 'Entries, newest first', content: { 'application/json': { schema: listSchema } } },
    ...problemResponses(401, 403, 422),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/me/export',
  tags: ['access register'],
  summary: 'Everything xiufu holds about me, as one JSON file (个人信息保护法 art. 45)',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'The export',
      content: { 'application/json': { schema: z.object({ exportedAt: z.string() }).passthrough() } },
    },
    ...problemResponses(401, 403),
  },
});

export const accessLogRoutes = new OpenAPIHono<AppEnv>()
  .openapi(exportRoute, async (c) => {
    const data = await exportMyData(c.get('services'), c.get('actor'));
    c.header('Content-Disposition', `attachment; filename="xiufu-my-data-${data.exportedAt.slice(0, 10)}.json"`);
    return c.json(data as unknown as { exportedAt: string }, 200);
  })
  .openapi(mineRoute, async (c) => c.json({ entries: await readAccessLog(c.get('services'), c.get('actor'), {}) }, 200))
  .openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    const entries = await searchAccessLog(c.get('services'), c.get('actor'), {
      subjectId: q.subjectId,
      actorUserId: q.actorUserId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
    });
    return c.json({ entries }, 200);
  });
