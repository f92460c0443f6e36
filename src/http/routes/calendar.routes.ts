// GET /api/v1/calendar/deadline: the deadline arithmetic every case clock uses, asked
// directly — the due day, the moment it ends, and why (holidays passed, worked weekend days
// counted, a last day moved off a rest day).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { plainText } from '../../domain/text.js';
import { chinaDateOf, countDeadline } from '../../domain/calendar.js';
import { DomainError } from '../../domain/errors.js';
import { jurisdictions } from '../../domain/policy.js';
import { asc } from 'drizzle-orm';
import { calendarYears } from '../../../db/schema.js';
import { loadCalendarYear } from '../../services/load-calendar-year.js';
import { loadWorkingDayCalendar } from '../../services/load-working-day-calendar.js';
import type { AppEnv } from '../app-env.js';
import { problemResponses } from '../problem.js';

const deadlineRoute = createRoute({
  method: 'get',
  path: '/calendar/deadline',
  tags: ['calendar'],
  summary: 'Count a deadline on the PRC working-day calendar, with its explanation',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'a date (YYYY-MM-DD) or an ISO moment').describe('The day the period starts from (not counted)'),
      days: z.coerce.number().int().min(0).max(3650).optional(),
      months: z.coerce.number().int().min(0).max(120).optional(),
      kind: z.enum(['working', 'calendar']).default('calendar'),
      jurisdiction: z.enum(jurisdictions).optional().describe('The policy profile (the calendar is the national one for every profile)'),
    }),
  },
  responses: {
    200: {
      description: 'The deadline and how it was counted',
      content: {
        'application/json': {
          schema: z.object({
            from: z.string(), unit: z.string(), amount: z.number(), countedLastDay: z.string(), movedTo: z.string().nullable(), lastDay: z.string(), endsAt: z.string(),
            holidaysPassed: z.array(z.object({ day: z.string(), name: z.string() })), workedWeekendDaysCounted: z.array(z.object({ day: z.string(), name: z.string() })),
            weekendDaysPassed: z.array(z.string()), jurisdiction: z.string(),
          }),
        },
      },
    },
    ...problemResponses(401, 409, 422),
  },
});

const yearsRoute = createRoute({
  method: 'get',
  path: '/calendar/years',
  tags: ['calendar'],
  summary: 'The years whose holiday notice is loaded',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'Loaded years', content: { 'application/json': { schema: z.object({ years: z.array(z.object({ year: z.number(), source: z.string(), loadedAt: z.string() })) }) } } },
    ...problemResponses(401),
  },
});

const loadYearRoute = createRoute({
  method: 'put',
  path: '/calendar/years/{year}',
  tags: ['calendar'],
  summary: 'Load (or replace) a year from the State Council notice; deadlines waiting for it are computed',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            source: plainText({ max: 500, required: 'the notice is needed' }).describe('The notice, e.g. 国办发明电〔2026〕N号'),
            days: z.array(z.object({ day: z.iso.date(), kind: z.enum(['holiday', 'workday']), name: plainText({ max: 100, required: 'each day needs its name' }) })).min(1).max(400),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Loaded', content: { 'application/json': { schema: z.object({ days: z.number(), casesComputed: z.number() }) } } },
    ...problemResponses(401, 403, 422),
  },
});

export const calendarRoutes = new OpenAPIHono<AppEnv>()
  .openapi(yearsRoute, async (c) => {
    const rows = await c.get('services').db.select().from(calendarYears).orderBy(asc(calendarYears.year));
    return c.json({ years: rows.map((r) => ({ year: r.year, source: r.source, loadedAt: r.loadedAt.toISOString() })) }, 200);
  })
  .openapi(loadYearRoute, async (c) => {
    const { year } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await loadCalendarYear(c.get('services'), c.get('actor'), { year, ...body }), 200);
  })
  .openapi(deadlineRoute, async (c) => {
  const q = c.req.valid('query');
  if ((q.days === undefined) === (q.months === undefined)) {
    throw new DomainError('INVALID_INPUT', 'Give either days or months.', { issues: [{ path: 'days', message: 'give either days or months' }] });
  }
  const from = new Date(q.from.length === 10 ? `${q.from}T12:00:00+08:00` : q.from);
  const roundTrips = q.from.length !== 10 || chinaDateOf(from) === q.from;
  const hasZone = q.from.length === 10 || /(Z|[+-]\d{2}:?\d{2})$/.test(q.from);
  if (Number.isNaN(from.getTime()) || !roundTrips || !hasZone) throw new DomainError('INVALID_INPUT', `${q.from} is not a date.`, { issues: [{ path: 'from', message: 'not a date' }] });
  const services = c.get('services');
  const calendar = await loadWorkingDayCalendar(services.db);
  const explanation = q.months !== undefined ? countDeadline(calendar, 'month', from, q.months) : countDeadline(calendar, q.kind, from, q.days!);
  const named = (day: string) => ({ day, name: calendar.names?.get(day) ?? '' });
  return c.json(
    {
      ...explanation,
      holidaysPassed: explanation.holidaysPassed.map(named),
      workedWeekendDaysCounted: explanation.workedWeekendDaysCounted.map(named),
      jurisdiction: q.jurisdiction ?? services.jurisdiction,
    },
    200,
  );
});
