// The case page names every event of its trail in the reader's language, the engine's own too:
// an objection filed in late December (its due date falls in a year the calendar lacks) is
// claimed, reassigned, has its due date computed when a supervisor loads the year, is warned of it
// and breaches it; its page, in Chinese and in English, shows each of those as words, never as a raw name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCase, reassignCase } from '../../src/services/assign-case.js';
import { fireCaseTimers } from '../../src/services/fire-case-timers.js';
import { actorOf } from '../../src/services/log-in.js';
import { engineEventLabels } from '../../ui/i18n.js';
import { makeObjectionScenario, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { pendingTimersOfCase } from '../helpers/case-timers.js';
import { drivers } from '../helpers/test-database.js';

/** What the case's trail holds, in order: every one of the engine's own events but a migration. */
const engineEventsInOrder = [
  'FILED',
  'CLAIMED',
  'REASSIGNED',
  'DEADLINE_COMPUTED',
  'DEADLINE_WARNED',
  'DEADLINE_BREACHED',
] as const;

describe.each(drivers)('engine events on the case page (%s)', (driver) => {
  let h: Harness;
  let caseId: string;
  let supervisorToken: string;

  beforeAll(async () => {
    h = await startHarness(driver, '2026-12-20T02:00:00Z');
    const s = await makeObjectionScenario(h.database.db);
    const supervisor = await makeUser(h.database.db, 'supervisor');
    const otherReviewer = await makeUser(h.database.db, 'reviewer');
    supervisorToken = await h.login(supervisor.username);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: await h.login(s.citizen.username),
      body: { type: 'objection', recordId: s.record.id, reason: 'Wrong.' },
    });
    expect(filed.body.deadline).toMatchObject({ dueAt: null, dueUnknown: { year: 2027 } });
    caseId = filed.body.id;
    await claimCase(h.services, actorOf(s.reviewer), caseId, 1);
    await reassignCase(h.services, actorOf(supervisor), caseId, 2, {
      assigneeId: otherReviewer.id,
      reason: 'Leave',
    });
    const loaded = await h.call('PUT', '/api/v1/calendar/years/2027', {
      token: supervisorToken,
      body: {
        source: 'State Council notice for 2027 (test)',
        days: [{ day: '2027-01-01', kind: 'holiday', name: "New Year's Day" }],
      },
    });
    expect(loaded.body.casesComputed).toBeGreaterThanOrEqual(1);
    const timers = await pendingTimersOfCase(h.database.db, caseId);
    const warning = timers.find((t) => t.kind === 'warning')!;
    h.clock.set(new Date(warning.fireAt.getTime() + 1000).toISOString());
    expect(await fireCaseTimers(h.services, caseId)).toBe('warned');
    h.clock.advanceDays(30);
    expect(await fireCaseTimers(h.services, caseId)).toBe('breached');
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('has the engine’s events in the trail', async () => {
    const trail = (await h.call('GET', `/api/v1/cases/${caseId}/audit`, { token: supervisorToken })).body.events;
    expect(trail.map((e: { event: string }) => e.event)).toEqual(engineEventsInOrder);
  });

  it.each([
    ['zh-CN', 0],
    ['en', 1],
  ] as const)('words each of them on the %s page', async (locale, index) => {
    const page = await h.app.request(`/cases/${caseId}`, {
      headers: { cookie: `lang=${locale}; xiufu_session=${supervisorToken}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    const timeline = html.slice(html.indexOf('id="timeline-heading"'), html.indexOf('id="lifecycle-heading"'));
    for (const name of engineEventsInOrder) {
      expect(timeline).toContain(`<strong>${engineEventLabels[name][index]}</strong>`);
      expect(html).not.toContain(name);
    }
    // Nor the English fallback a missing label would fall back to, on the Chinese page.
    if (locale === 'zh-CN') expect(timeline).not.toMatch(/Deadline (computed|approaching|breached)|Due date/);
  });
});
