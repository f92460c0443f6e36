// What a citizen needs after filing (issue 16 items 1-4), over HTTP on PostgreSQL and PGlite:
// the first repair day the record page shows is the first the server accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('a citizen after filing (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(driver, '2026-12-02T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    token.citizen = await h.login(s.citizen.username);
    token.reviewer = await h.login(s.reviewer.username);
    token.agency = await h.login(s.agencyOfficer.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const file = (who: string, body: Record<string, unknown>) =>
    h.call('POST', '/api/v1/cases', { token: token[who], body });
  const recordPage = async (recordId: string, lang: 'en' | 'zh-CN') =>
    (
      await h.app.request(`/records/${recordId}`, {
        headers: { cookie: `xiufu_session=${token.citizen}; lang=${lang}` },
      })
    ).text();

  it('the first repair day: shown with the days left and no form; refused at 23:59 of the last day, accepted at 00:00 of the next', async () => {
    const early = await makeRecord(h.database.db, s.subject.id, s.agency.id, { publishedFrom: '2026-10-20' });
    const record = (await h.call('GET', `/api/v1/records/${early.id}`, { token: token.citizen })).body;
    const lastDay = record.repairableFrom as string;
    const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(record.firstRepairDay).toBe(firstDay);
    const daysLeft = Math.round(
      (Date.parse(`${firstDay}T00:00:00Z`) - Date.parse('2026-12-02T00:00:00Z')) / 86_400_000,
    );
    expect(record.repairWait).toMatchObject({ firstDay, daysLeft, countsFrom: 'finding' });

    const en = await recordPage(early.id, 'en');
    const shown = new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' }).format(
      new Date(`${firstDay}T00:00:00Z`),
    );
    expect(en).toContain(`You can apply from ${shown}, in ${daysLeft} days`);
    expect(en).not.toContain('id="file-repair"');
    const zh = await recordPage(early.id, 'zh-CN');
    const [y, m, d] = firstDay.split('-').map(Number);
    expect(zh).toContain(`可在 ${y}年${m}月${d}日 起申请，还有 ${daysLeft} 天`);

    const filing = { type: 'repair', recordId: early.id, routes: ['performance'], commitment: 'I will comply.' };
    // 23:59 in Beijing on the last day of the minimum period: refused, naming the first day.
    h.clock.set(`${lastDay}T15:59:00Z`);
    const refused = await file('citizen', filing);
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([
      { path: 'minimum_period', message: expect.stringContaining(`repair may be asked from ${firstDay}`) },
    ]);
    expect(await recordPage(early.id, 'en')).toContain(', tomorrow');
    // 00:00 in Beijing on the first repair day: the page offers the form and the server accepts.
    h.clock.set(`${lastDay}T16:00:00Z`);
    const onTheDay = (await h.call('GET', `/api/v1/records/${early.id}`, { token: token.citizen })).body;
    expect(onTheDay.repairWait).toBeNull();
    expect(await recordPage(early.id, 'en')).toContain('id="file-repair"');
    const accepted = await file('citizen', filing);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    h.clock.set('2026-12-02T02:00:00Z');
  });
});
