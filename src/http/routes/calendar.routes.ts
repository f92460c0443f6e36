// GET /api/v1/calendar/deadline: the deadline arithmetic every case clock uses, asked
// directly — the due day, the moment it ends, and why (holidays passed, worked weekend days
// counted, a last day moved off a rest day).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { calendarDate, integerText, moment } from '../../domain/input-schemas.js';
import { countDeadline } from '../../domain/calendar.js';
import { DomainError } from '../../domain/errors.js';
import { jurisdictions } from '../../domain/policy.js';
import { calendarYearInputSchema, loadCalendarYear } from '../../services/load-calendar-year.js';
import { loadWorkingDayCalendar } from '../../services/load-working-day-calendar.js';
import { listCalendarYears } from '../../services/read-calendar.js';
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
      from: z
        .union([calendarDate(), moment()], {
          error: 'a date (YYYY-MM-DD) or a moment with its offset, between 1900 and 2200',
        })
        .describe('The day the period starts from (not counted)'),
      days: integerText(0, 3650).optional(),
      months: integerText(0, 120).optional(),
      kind: z.enum(['working', 'calendar']).default('calendar'),
      jurisdiction: z
        .enum(jurisdictions)
        .optional()
        .describe('The policy profile (the calendar is the national one for every profile)'),
    }),
  },
  responses: {
    200: {
      description: 'The deadline and how it was counted',
      content: {
        'application/json': {
          schema: z.object({
            from: z.string(),
            unit: z.string(),
            amount: z.number(),
            countedLastDay: z.string(),
            movedTo: z.string().nullable(),
            lastDay: z.string(),
            endsAt: z.string(),
            holidaysPassed: z.array(z.object({ day: z.string(), name: z.string() })),
            workedWeekendDaysCounted: z.array(z.object({ day: z.string(), name: z.string() })),
            weekendDaysPassed: z.array(z.string()),
            jurisdiction: z.string(),
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
    200: {
      description: 'Loaded years',
      content: {
        'application/json': {
          schema: z.object({
            years: z.array(z.object({ year: z.number(), source: z.string(), loadedAt: z.string() })),
          }),
        },
      },
    },
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
    params: z.object({ year: integerText(2000, 2100) }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: calendarYearInputSchema.omit({ year: true }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Loaded',
      content: { 'application/json': { schema: z.object({ days: z.number(), casesComputed: z.number() }) } },
    },
    ...problemResponses(401, 403, 422),
  },
});

export const calendarRoutes = new OpenAPIHono<AppEnv>()
  .openapi(yearsRoute, async (c) => {
    const rows = await listCalendarYears(c.get('services'));
    return c.json(
      { years: rows.map((r) => ({ year: r.year, source: r.source, loadedAt: r.loadedAt.toISOString() })) },
      200,
    );
  })
  .openapi(loadYearRoute, async (c) => {
    const { year } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await loadCalendarYear(c.get('services'), c.get('actor'), { year, ...body }), 200);
  })
  .openapi(deadlineRoute, async (c) => {
    const q = c.req.valid('query');
    if ((q.days === undefined) === (q.months === undefined)) {
      throw new DomainError('INVALID_INPUT', 'Give either days or months.', {
        issues: [{ path: 'days', message: 'give either days or months' }],
      });
    }
    // The schema let through only a day that exists or a moment with its offset, within 1900–2200.
    const from = new Date(q.from.length === 10 ? `${q.from}T12:00:00+08:00` : q.from);
    const services = c.get('services');
    const calendar = await loadWorkingDayCalendar(services.db);
    const explanation =
      q.months !== undefined
        ? countDeadline(calendar, 'month', from, q.months)
        : countDeadline(calendar, q.kind, from, q.days!);
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
