// A supervisor loads (or replaces) a year of the working-day calendar from the State Council's
// notice: its public holidays and worked weekend days. Every open case whose due date could not
// be computed for want of that year is then computed, through the case engine's door (an audited
// DEADLINE_COMPUTED event), which also schedules its timers.
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { calendarDays, calendarYears, cases } from '../../db/schema.js';
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { boundedInteger, calendarDate, singleLineText } from '../domain/input-schemas.js';
import { parseInput } from './validate-input.js';
import type { Actor } from '../domain/roles.js';
import { changeCase } from './case-engine.js';
import type { ServiceContext } from './context.js';
import { forgetWorkingDayCalendar } from './load-working-day-calendar.js';

/** A year's notice as the API and the supervisor's calendar form both send it. */
export const calendarYearInputSchema = z.object({
  year: boundedInteger(2000, 2100),
  source: singleLineText({ max: 500, required: 'the notice is needed' }).describe(
    'The notice, e.g. 国办发明电〔2026〕N号',
  ),
  days: z
    .array(
      z.object({
        day: calendarDate(),
        kind: z.enum(['holiday', 'workday']),
        name: singleLineText({ max: 100, required: 'each day needs its name' }),
      }),
    )
    .min(1)
    .max(400),
});
export type CalendarYearInput = z.input<typeof calendarYearInputSchema>;

export async function loadCalendarYear(
  ctx: ServiceContext,
  actor: Actor,
  request: CalendarYearInput,
): Promise<{ days: number; casesComputed: number }> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'The calendar is kept by supervisors.');
  const input = parseInput(calendarYearInputSchema, request, 'The calendar year');
  const outside = input.days.filter((d) => !d.day.startsWith(`${input.year}-`));
  if (outside.length > 0) {
    throw new DomainError('INVALID_INPUT', `Days outside ${input.year}: ${outside.map((d) => d.day).join(', ')}.`, {
      issues: [{ path: 'days', message: 'every day must be in the year' }],
    });
  }
  const repeated = input.days.map((d) => d.day).filter((day, i, all) => all.indexOf(day) !== i);
  if (repeated.length > 0) {
    throw new DomainError('INVALID_INPUT', `Days listed twice: ${[...new Set(repeated)].join(', ')}.`, {
      issues: [{ path: 'days', message: 'each day once' }],
    });
  }
  if (!input.days.some((d) => d.kind === 'holiday')) {
    throw new DomainError('INVALID_INPUT', 'A year’s notice always names public holidays; none were given.', {
      issues: [{ path: 'days', message: 'no holidays' }],
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(calendarDays)
      .where(and(gte(calendarDays.day, `${input.year}-01-01`), lt(calendarDays.day, `${input.year + 1}-01-01`)));
    await tx.insert(calendarDays).values(input.days);
    await tx
      .insert(calendarYears)
      .values({ year: input.year, source: input.source })
      .onConflictDoUpdate({ target: calendarYears.year, set: { source: input.source, loadedAt: ctx.now() } });
  });
  forgetWorkingDayCalendar(ctx.db);

  const waiting = await ctx.db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.status, 'open'),
        sql`((${cases.clock}->'dueUnknown'->>'year')::int = ${input.year}
          or exists (select 1 from jsonb_array_elements(${cases.otherClocks}) as other where (other->'dueUnknown'->>'year')::int = ${input.year}))`,
      ),
    );
  let computed = 0;
  for (const { id } of waiting) {
    // One change per case, decided from the case as it is now: the state stays, and the door's
    // commit computes the due moment the new year makes known and schedules its timers.
    await changeCase(ctx, { caseId: id, actor }, () => ({
      event: 'DEADLINE_COMPUTED',
      payload: { year: input.year, source: input.source },
    }));
    computed += 1;
  }
  return { days: input.days.length, casesComputed: computed };
}
