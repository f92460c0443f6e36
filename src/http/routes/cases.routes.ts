// The case API: file a case, list and read cases, send an event (If-Match: version), read
// and verify the audit trail. Request bodies are the machines' own schemas (machines/), so
// what is documented here is what the case engine accepts.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { caseTypeNames, caseTypes } from '../../../machines/index.js';
import { DomainError } from '../../domain/errors.js';
import { integerText } from '../../domain/input-schemas.js';
import { applyCaseEvent } from '../../services/apply-case-event.js';
import { openCase } from '../../services/open-case.js';
import { listAttachments, readAttachment } from '../../services/read-attachments.js';
import { downloadDecisionNotice, listCaseNotices } from '../../services/decision-notices.js';
import { evidenceHeadersOf, noticeHeadersOf } from '../evidence-response.js';
import { readAuditTrail, verifyCaseAuditTrail } from '../../services/read-audit-trail.js';
import { getCase, listCases, viewCaseNow, viewChangedCase } from '../../services/read-cases.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';
import { uploadedFilesOf } from '../read-multipart-form.js';
import { onBehalfCaseTypes, onBehalfRelations } from '../../domain/on-behalf.js';

const deadlineSchema = z.object({
  key: z.string(),
  limit: z.number(),
  unit: z.enum(['calendar', 'working']),
  source: z.string(),
  sourceZh: z.string().nullable(),
  startedAt: z.string(),
  dueAt: z.string().nullable(),
  paused: z.boolean(),
  usedDays: z.number(),
  stoppedAt: z.string().nullable(),
  dueUnknown: z.object({ year: z.number(), reason: z.string() }).nullable(),
  warningAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  sla: z.enum(['on_track', 'at_risk', 'breached', 'paused', 'stopped', 'unknown']),
  pausedSince: z.string().nullable(),
  runningSince: z.string(),
  daysLeft: z
    .number()
    .nullable()
    .describe('Days of the clock’s unit (working or calendar) left after today; negative: overdue'),
});

const caseSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    machineVersion: z.number().int().describe('The version of its case type the case runs on'),
    state: z.string(),
    stateDescription: z.string().nullable(),
    status: z.enum(['open', 'closed']),
    outcome: z.string().nullable(),
    version: z.number().int(),
    waitingOn: z.string(),
    subjectId: z.string(),
    recordId: z.string().nullable(),
    agencyId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    policyVersionId: z.string(),
    openedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    deadline: deadlineSchema.nullable(),
    otherDeadlines: z.array(deadlineSchema),
    details: z.record(z.string(), z.unknown()),
    parentCaseId: z.string().nullable(),
    applicationId: z
      .string()
      .nullable()
      .describe('The repair application that filed this case with other records’ (GET /repair-applications/{id})'),
    onBehalfRelation: z
      .enum(onBehalfRelations)
      .nullable()
      .describe('Filed on the subject’s behalf: the filer’s relation to the subject; null when the subject filed it'),
    linkedCases: z
      .array(z.object({ id: z.string(), type: z.string(), state: z.string(), relation: z.enum(['parent', 'child']) }))
      .optional(),
    allowedEvents: z.array(
      z.object({ type: z.string(), description: z.string(), input: z.unknown().describe('JSON Schema of the input') }),
    ),
  })
  .meta({ id: 'Case' });

// What a list gives of each case (CaseSummary in read-cases.ts): no details, no evidence, no
// subject, so a queue shows nobody's data and adds nothing to anyone's access register.
const caseSummarySchema = z
  .object({
    id: z.string(),
    type: z.string(),
    state: z.string(),
    status: z.enum(['open', 'closed']),
    version: z.number().int(),
    waitingOn: z.string().describe('Whose move it is: citizen, reviewer, supervisor, agency or nobody'),
    recordId: z.string().nullable(),
    recordKind: z.string().nullable(),
    decisionNumber: z.string().nullable().describe('The record’s decision number'),
    subjectName: z.string().nullable().describe('The subject’s name, masked (张*)'),
    agencyName: z.string().nullable(),
    agencyId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    openedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    deadline: deadlineSchema.nullable(),
  })
  .meta({
    id: 'CaseSummary',
    description:
      'A case in a list: where it stands and by when, without the person’s details (read one case for those; that read is registered)',
  });

const filingSchema = z
  .discriminatedUnion(
    'type',
    Object.entries(caseTypes).map(([type, caseType]) =>
      caseType.filing.extend({
        type: z.literal(type),
        contactPhone: z
          .string()
          .max(40)
          .optional()
          .describe(
            'A contact phone (optional): a mainland mobile (1[3-9] and 9 digits) or a landline with its area code; kept sealed, shown masked to staff',
          ),
      }),
    ) as never,
  )
  .meta({ id: 'CaseFiling' }) as unknown as z.ZodType<{ type: string } & Record<string, unknown>>;

// Event names repeat across case types (WITHDRAW, APPROVE, ...), so the body is checked here for
// its type only; the case engine validates the input against the schema of the event for the
// case's type (422 naming each field). GET /cases/{id} gives each allowed event's schema.
const eventList = Object.entries(caseTypes)
  .map(([name, caseType]) => `${name}: ${Object.keys(caseType.events).join(', ')}`)
  .join('; ');
const caseEventSchema = z
  .object({ type: z.string().min(1).describe(`The event. By case type — ${eventList}`) })
  .catchall(z.unknown())
  .meta({
    id: 'CaseEvent',
    description: 'An event and its input fields, e.g. {"type":"REJECT","reasons":"..."}',
  }) as unknown as z.ZodType<{ type: string } & Record<string, unknown>>;

const idParam = z.object({ id: z.uuid() });
const secured = { security: [{ bearer: [] }] };

/** Repeat a filing safely: the same key returns the case already opened (open-case.ts). */
const idempotencyKeyHeader = z
  .string()
  .max(200)
  .optional()
  .describe('Repeat a request safely: the same key returns the case already opened');

const openRoute = createRoute({
  method: 'post',
  path: '/cases',
  tags: ['cases'],
  summary:
    'File a case: an objection, a review of a decided case, a repair application, a self-explanation (citizens) or a correction (staff)',
  ...secured,
  request: {
    headers: z.object({ 'idempotency-key': idempotencyKeyHeader }),
    body: { required: true, content: { 'application/json': { schema: filingSchema } } },
  },
  responses: {
    201: { description: 'Opened', content: { 'application/json': { schema: caseSchema } } },
    200: {
      description:
        'Already opened by an earlier request with this Idempotency-Key (Idempotent-Replayed: true), or added to the objection already open on the record (Xiufu-Attached-To-Case)',
      content: { 'application/json': { schema: caseSchema } },
    },
    ...problemResponses(401, 403, 404, 409, 422),
  },
});

// A filing on someone else's behalf carries the signed letter, so it is a multipart form: the
// filing's own fields as JSON in `filing` (its record named by the three facts, never by id).
const binary = z.string().meta({ type: 'string', format: 'binary' });
const onBehalfForm = z
  .object({
    type: z.enum(onBehalfCaseTypes),
    filing: z.string().describe('The filing’s fields as JSON, without recordId, e.g. {"reason":"The fine was paid"}'),
    subjectResidentId: z.string().describe('The subject’s resident identity number'),
    subjectName: z.string().describe('The subject’s name'),
    decisionNumber: z.string().describe('The decision number of the record, from the decision the subject gave you'),
    relation: z.enum(onBehalfRelations).describe('Your relation to the subject'),
    contactPhone: z.string().max(40).optional().describe('A contact phone (optional), as in POST /cases'),
    authorisation: binary
      .optional()
      .describe(
        'The authorisation letter (授权委托书) signed or sealed by the subject, naming you, the matter, the scope and the term (民法典 art. 165); required',
      ),
    files: z
      .union([binary, z.array(binary)])
      .optional()
      .describe('Evidence files, as with any filing'),
  })
  .meta({ id: 'OnBehalfFiling' });

const onBehalfRoute = createRoute({
  method: 'post',
  path: '/cases/on-behalf',
  tags: ['cases'],
  summary:
    'File for another subject with their authorisation letter (citizens): an objection or an explanation about their record',
  ...secured,
  // Who may file for someone else comes before what the form says: staff learn that they may not.
  middleware: [
    createMiddleware<AppEnv>(async (c, next) => {
      if (c.get('actor').role !== 'citizen')
        throw new DomainError('FORBIDDEN', 'Only a citizen files on behalf of another person.');
      await next();
    }),
  ] as const,
  request: {
    headers: z.object({ 'idempotency-key': idempotencyKeyHeader }),
    body: { required: true, content: { 'multipart/form-data': { schema: onBehalfForm } } },
  },
  responses: {
    201: {
      description: 'Opened for the subject; you, the filer, are recorded and see this case (and no other of theirs)',
      content: { 'application/json': { schema: caseSchema } },
    },
    200: {
      description: 'Already opened by an earlier request with this Idempotency-Key (Idempotent-Replayed: true)',
      content: { 'application/json': { schema: caseSchema } },
    },
    ...problemResponses(401, 403, 409, 422, 429),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/cases',
  tags: ['cases'],
  summary: 'List the cases you may see, as summaries (no reasons or evidence)',
  ...secured,
  request: {
    query: z.object({
      type: z.enum(caseTypeNames).optional(),
      state: z.string().max(200).optional().describe('A state value as cases show it, e.g. "assessing"'),
      status: z.enum(['open', 'closed']).optional(),
      assignee: z
        .union([z.uuid(), z.enum(['me', 'none'])])
        .optional()
        .describe('A user id, "me", or "none" for the unassigned queue'),
      agency: z.uuid().optional(),
      sla: z.enum(['on_track', 'at_risk', 'breached']).optional(),
      sort: z.enum(['newest', 'oldest', 'due']).optional(),
      q: z
        .string()
        .max(100)
        .optional()
        .describe(
          'Search: a case number (the start of its id, "#" optional), any part of a decision number, or the start of a name',
        ),
      due: z
        .enum(['week'])
        .optional()
        .describe('"week": due by the end of this week (Sunday, China time), overdue included'),
      limit: integerText(1, 200).default(50),
      after: z
        .string()
        .max(400)
        .optional()
        .describe('The `next` of the page before; the list goes on after its last case (keyset paging)'),
      // Pages were once counted by offset; a client still sending it is told, not given page one forever.
      offset: z
        .string()
        .optional()
        .refine((value) => value === undefined, {
          message: 'offset is no longer taken: page with `after`, the `next` of the page before',
        })
        .describe('Not taken: use `after`'),
    }),
  },
  responses: {
    200: {
      description: 'A page of cases in the order asked for (newest first by default)',
      content: {
        'application/json': {
          schema: z.object({
            cases: z.array(caseSummarySchema),
            next: z.string().nullable().describe('Pass as `after` for the next page; null on the last page'),
          }),
        },
      },
    },
    ...problemResponses(401, 422),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/cases/{id}',
  tags: ['cases'],
  summary: 'One case: its state, version, deadline and the events you may send now',
  ...secured,
  request: { params: idParam },
  responses: {
    200: { description: 'The case (ETag: its version)', content: { 'application/json': { schema: caseSchema } } },
    ...problemResponses(401, 404, 422),
  },
});

const eventRoute = createRoute({
  method: 'post',
  path: '/cases/{id}/events',
  tags: ['cases'],
  summary: 'Send an event to a case',
  description:
    'The If-Match header names the version you saw; if the case has moved on, nothing is written and the answer is 409.',
  ...secured,
  request: {
    params: idParam,
    headers: z.object({ 'if-match': z.string().optional().describe('The case version, e.g. "3"') }),
    body: { required: true, content: { 'application/json': { schema: caseEventSchema } } },
  },
  responses: {
    200: { description: 'Applied; the case as it now is', content: { 'application/json': { schema: caseSchema } } },
    ...problemResponses(401, 403, 404, 409, 422, 428),
  },
});

const auditEventSchema = z
  .object({
    caseId: z.string(),
    seq: z.number().int(),
    actorUserId: z.string().nullable(),
    actorRole: z.string(),
    at: z.string(),
    event: z.string(),
    fromState: z.string().nullable(),
    toState: z.string(),
    payload: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

const auditRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/audit',
  tags: ['audit'],
  summary: "The case's hash-chained audit trail, oldest first",
  ...secured,
  request: { params: idParam },
  responses: {
    200: {
      description: 'Audit events',
      content: { 'application/json': { schema: z.object({ events: z.array(auditEventSchema) }) } },
    },
    ...problemResponses(401, 404, 422),
  },
});

const verifyRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/audit/verify',
  tags: ['audit'],
  summary: 'Re-derive every hash of the audit trail and report the first break',
  ...secured,
  request: { params: idParam },
  responses: {
    200: {
      description: 'The verification',
      content: {
        'application/json': {
          schema: z.object({
            caseId: z.string(),
            checkedAt: z.string(),
            valid: z.boolean(),
            events: z.number().int(),
            headHash: z.string().optional(),
            brokenAtSeq: z.number().int().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    ...problemResponses(401, 404, 422),
  },
});

const attachmentSchema = z
  .object({
    id: z.string(),
    eventSeq: z.number().int(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    kind: z
      .enum(['authorisation'])
      .nullable()
      .describe('"authorisation": the letter of a filing on someone’s behalf; null: evidence'),
    createdAt: z.string(),
  })
  .meta({ id: 'Attachment' });

const attachmentsRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/attachments',
  tags: ['evidence'],
  summary: 'The evidence on a case (each file’s SHA-256 is also in the audit event that added it)',
  ...secured,
  request: { params: idParam },
  responses: {
    200: {
      description: 'Evidence files, without content',
      content: { 'application/json': { schema: z.object({ attachments: z.array(attachmentSchema) }) } },
    },
    ...problemResponses(401, 404, 422),
  },
});

const attachmentRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/attachments/{attachmentId}',
  tags: ['evidence'],
  summary: 'Download one evidence file',
  ...secured,
  request: { params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...problemResponses(401, 404, 422),
  },
});

const noticesRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/notices',
  tags: ['notices'],
  summary: 'The written notices of the decisions on a case (each PDF’s sha256 is in its decision’s audit event)',
  ...secured,
  request: { params: idParam },
  responses: {
    200: {
      description: 'The notices, oldest first',
      content: {
        'application/json': {
          schema: z.object({
            notices: z.array(
              z.object({
                code: z.string(),
                eventSeq: z.number().int(),
                kind: z.string(),
                title: z.string(),
                issuedAt: z.string(),
                sha256: z.string(),
              }),
            ),
          }),
        },
      },
    },
    ...problemResponses(401, 404, 422),
  },
});

const noticeRoute = createRoute({
  method: 'get',
  path: '/cases/{id}/notices/{code}',
  tags: ['notices'],
  summary: 'Download a decision notice (PDF, drawn again from the trail and checked against its hash)',
  ...secured,
  request: { params: z.object({ id: z.uuid(), code: z.string().min(1).max(40) }) },
  responses: {
    200: {
      description: 'The notice',
      content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...problemResponses(401, 404, 422),
  },
});

/** If-Match: a bare or quoted version number (an ETag as this API sends it). */
function versionFromIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new DomainError(
      'VERSION_REQUIRED',
      'Send the version of the case you saw in the If-Match header, e.g. If-Match: "3".',
    );
  }
  const match = header.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match)
    throw new DomainError('INVALID_INPUT', `If-Match must be a case version such as "3", got ${header}.`, {
      issues: [{ path: 'If-Match', message: 'not a version' }],
    });
  return Number(match[1]);
}

export const caseRoutes = new OpenAPIHono<AppEnv>()
  .openapi(openRoute, async (c) => {
    const { type, contactPhone, ...filing } = c.req.valid('json');
    const actor = c.get('actor');
    const opened = await openCase(c.get('services'), {
      actor,
      type,
      filing,
      contactPhone,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      clientAddress: c.get('clientAddress'),
    });
    const view = await viewCaseNow(c.get('services'), opened.row, actor);
    c.header('Location', `/api/v1/cases/${view.id}`);
    c.header('ETag', `"${view.version}"`);
    if (opened.attached) {
      // A second objection to the same record joined the open one.
      c.header('Xiufu-Attached-To-Case', view.id);
      return c.json(view, 200);
    }
    if (opened.replayed) {
      c.header('Idempotent-Replayed', 'true');
      return c.json(view, 200);
    }
    return c.json(view, 201);
  })
  .openapi(onBehalfRoute, async (c) => {
    const { type, filing, contactPhone, authorisation: _letter, files: _files, ...onBehalf } = c.req.valid('form');
    let fields: unknown;
    try {
      fields = JSON.parse(filing);
    } catch {
      fields = null;
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      throw new DomainError('INVALID_INPUT', 'filing must be the filing’s fields as a JSON object.', {
        issues: [{ path: 'filing', message: 'not a JSON object' }],
      });
    // A file input left empty arrives as an empty part without a name: it is no file.
    const parts = uploadedFilesOf(c).filter((p) => p.content.byteLength > 0 || p.filename !== '');
    const actor = c.get('actor');
    const opened = await openCase(c.get('services'), {
      actor,
      type,
      filing: fields as Record<string, unknown>,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      onBehalf,
      authorisationLetters: parts.filter((p) => p.field === 'authorisation'),
      files: parts.filter((p) => p.field === 'files'),
      contactPhone,
      clientAddress: c.get('clientAddress'),
    });
    const view = await viewCaseNow(c.get('services'), opened.row, actor);
    c.header('Location', `/api/v1/cases/${view.id}`);
    c.header('ETag', `"${view.version}"`);
    if (opened.replayed) {
      c.header('Idempotent-Replayed', 'true');
      return c.json(view, 200);
    }
    return c.json(view, 201);
  })
  .openapi(listRoute, async (c) => {
    const { q, ...filter } = c.req.valid('query');
    return c.json(await listCases(c.get('services'), c.get('actor'), { ...filter, search: q }), 200);
  })
  .openapi(getRoute, async (c) => {
    const view = await getCase(c.get('services'), c.get('actor'), c.req.valid('param').id);
    c.header('ETag', `"${view.version}"`);
    return c.json(view, 200);
  })
  .openapi(eventRoute, async (c) => {
    const { type, ...input } = c.req.valid('json');
    const actor = c.get('actor');
    const row = await applyCaseEvent(c.get('services'), {
      caseId: c.req.valid('param').id,
      actor,
      expectedVersion: versionFromIfMatch(c.req.valid('header')['if-match']),
      type,
      input,
      registerView: true,
    });
    const view = await viewChangedCase(c.get('services'), row, actor);
    c.header('ETag', `"${view.version}"`);
    return c.json(view, 200);
  })
  .openapi(auditRoute, async (c) =>
    c.json({ events: await readAuditTrail(c.get('services'), c.get('actor'), c.req.valid('param').id) }, 200),
  )
  .openapi(attachmentsRoute, async (c) => {
    const list = await listAttachments(c.get('services'), c.get('actor'), c.req.valid('param').id);
    return c.json({ attachments: list.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })) }, 200);
  })
  .openapi(attachmentRoute, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const file = await readAttachment(c.get('services'), c.get('actor'), id, attachmentId);
    return c.body(new Uint8Array(file.content), 200, evidenceHeadersOf(file, 'attachment'));
  })
  .openapi(verifyRoute, async (c) =>
    c.json(await verifyCaseAuditTrail(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  )
  .openapi(noticesRoute, async (c) => {
    const notices = await listCaseNotices(c.get('services'), c.get('actor'), c.req.valid('param').id);
    return c.json({ notices: notices.map((n) => ({ ...n, issuedAt: n.issuedAt.toISOString() })) }, 200);
  })
  .openapi(noticeRoute, async (c) => {
    const { id, code } = c.req.valid('param');
    const file = await downloadDecisionNotice(c.get('services'), c.get('actor'), id, code);
    return c.body(new Uint8Array(file.content), 200, noticeHeadersOf(file));
  });
