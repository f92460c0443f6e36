// GET /api/v1/calendar/deadline: the clocks' own arithmetic, asked directly, with its reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';

describe('the deadline calculator', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness('pglite');
    const s = await makeObjectionScenario(h.database.db);
    token = await h.login(s.reviewer.username);
  });
  afterAll(() => h.close());
  const ask = (query: string, withToken = true) =>
    h.call('GET', `/api/v1/calendar/deadline?${query}`, withToken ? { token } : {});

  it('counts working days across the National Day holiday and a worked Saturday', async () => {
    const answer = await ask('from=2026-09-30&days=5&kind=working');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      from: '2026-09-30',
      lastDay: '2026-10-13',
      endsAt: '2026-10-13T16:00:00.000Z',
      workedWeekendDaysCounted: [{ day: '2026-10-10', name: expect.stringContaining('National Day') }],
      weekendDaysPassed: ['2026-10-11'],
    });
    expect(answer.body.holidaysPassed.map((d: { day: string }) => d.day)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('moves a calendar-day period’s last day off a holiday, and counts months by 民法典 art. 202', async () => {
    expect((await ask('from=2026-09-12&days=20&kind=calendar')).body).toMatchObject({
      countedLastDay: '2026-10-02',
      movedTo: '2026-10-08',
      lastDay: '2026-10-08',
    });
    // 01-31 + 1 month = 02-28 (no 31st), a worked Saturday (调休), so it stays.
    expect((await ask('from=2026-01-31&months=1')).body).toMatchObject({ countedLastDay: '2026-02-28', movedTo: null });
  });

  it('refuses what it cannot count, and answers only logged-in users', async () => {
    const missingYear = await ask('from=2026-12-28&days=5&kind=working');
    expect(missingYear.status).toBe(409);
    expect(missingYear.body).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', detail: expect.stringContaining('2027') });
    expect((await ask('from=2026-01-01&days=5&months=1')).status).toBe(422);
    expect((await ask('from=yesterday&days=5')).status).toBe(422);
    expect((await ask('from=2026-01-01&days=5', false)).status).toBe(401);
  });
});
