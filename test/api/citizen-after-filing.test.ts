// What a citizen needs after filing (issue 16 items 1, 3, 4), over HTTP on PostgreSQL and PGlite:
// the first repair day the record page shows is the first the server accepts; a refusal says
// why (a reason code, the words, what to do now) at the top of the case page and in the
// notification, and "apply again" keeps the uploads by their hashes; a request for material
// says what, why and by when, and a second one shows on the case and to supervisors.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema.js';
import { makeReceiptPdf } from '../../src/services/demo-evidence.js';
import { actorOf, csrfTokenOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
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
    token.supervisor = await h.login((await makeUser(h.database.db, 'supervisor')).username);
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

  const view = async (id: string, who = 'reviewer') =>
    (await h.call('GET', `/api/v1/cases/${id}`, { token: token[who] })).body;
  const send = async (id: string, who: string, body: Record<string, unknown>) =>
    h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${(await view(id, who === 'citizen' ? 'citizen' : 'reviewer')).version}"` },
    });
  const page = async (path: string, who: string, lang: 'en' | 'zh-CN' = 'en') =>
    (await h.app.request(path, { headers: { cookie: `xiufu_session=${token[who]}; lang=${lang}` } })).text();
  const notified = async (caseId: string) =>
    (await h.database.db.select().from(notifications).where(eq(notifications.caseId, caseId))).map((n) => n.data);

  it('material asked with why and by when, counted; a refusal with its reason code, words and what to do now; apply again keeps the uploads by hash', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const receipt = makeReceiptPdf(['Receipt', 'Fine of CNY 5,000 paid']);
    const opened = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'repair',
      filing: { recordId: record.id, routes: ['performance'], commitment: 'I will comply with food-safety law.' },
      files: [{ filename: 'receipt.pdf', content: receipt }],
    });
    const id = opened.row.id;
    expect(opened.row.machineVersion).toBe(4);
    for (const body of [
      { type: 'ADD_EVIDENCE', route: 'performance', amount: 1, certifiedBy: 'Tax bureau', description: 'Fine paid' },
      { type: 'SUBMIT_APPLICATION' },
    ]) {
      const answer = await send(id, 'citizen', body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    // The staff form must say why: without a reason code the request is refused, naming the field.
    const noCode = await send(id, 'reviewer', { type: 'REQUEST_MATERIAL', requested: 'The bank slip.' });
    expect(noCode.status).toBe(422);
    expect(noCode.body.issues.map((i: { path: string }) => i.path)).toContain('reasonCode');
    const first = await send(id, 'reviewer', {
      type: 'REQUEST_MATERIAL',
      reasonCode: 'evidence_not_covering_obligation',
      requested: 'The bank slip for the whole fine.',
    });
    expect(first.status).toBe(200);
    expect(first.body.deadline).toMatchObject({ key: 'repair.material' });
    expect(await notified(id)).toContainEqual(
      expect.objectContaining({
        requested: 'The bank slip for the whole fine.',
        reasonCode: 'evidence_not_covering_obligation',
        times: '1',
        dueAt: first.body.deadline.dueAt,
      }),
    );
    const asked = await page(`/cases/${id}`, 'citizen');
    expect(asked).toContain('Material asked for 1 time(s)');
    expect(asked).toContain('The evidence does not show the whole obligation performed');
    expect((await send(id, 'citizen', { type: 'SUBMIT_MATERIAL', material: 'Slip attached.' })).status).toBe(200);
    const second = await send(id, 'reviewer', {
      type: 'REQUEST_MATERIAL',
      reasonCode: 'material_incomplete',
      requested: 'The stamped original.',
    });
    expect(second.status).toBe(200);
    expect(await notified(id)).toContainEqual(expect.objectContaining({ times: '2' }));
    // Asked twice: the case says so, and the supervisors' SLA answer lists it.
    expect(await page(`/cases/${id}`, 'reviewer')).toContain('Material asked for more than once on this case');
    const sla = (await h.call('GET', '/api/v1/sla/summary', { token: token.supervisor })).body;
    expect(sla.askedAgain).toContainEqual(expect.objectContaining({ id, materialRequests: 2 }));
    expect(await page('/sla', 'supervisor', 'zh-CN')).toContain('已要求补充材料 2 次');
    expect((await send(id, 'citizen', { type: 'SUBMIT_MATERIAL', material: 'Original attached.' })).status).toBe(200);
    expect((await send(id, 'reviewer', { type: 'FORWARD_TO_DEPARTMENT' })).status).toBe(200);

    const noReason = await send(id, 'agency', { type: 'REFUSE', reasons: 'Only half was paid.' });
    expect(noReason.status).toBe(422);
    const refused = await send(id, 'agency', {
      type: 'REFUSE',
      reasonCode: 'evidence_not_covering_obligation',
      reasons: 'Only half of the fine was paid.',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.outcome).toBe('refused');
    expect(await notified(id)).toContainEqual(
      expect.objectContaining({ outcome: 'refused', reasonCode: 'evidence_not_covering_obligation' }),
    );
    // The notification's words say why and what to do now, in the reader's language.
    const inbox = await page('/notifications', 'citizen', 'zh-CN');
    expect(inbox).toContain('原因：证明材料不能证明已履行全部义务');
    expect(inbox).toContain('请取得能证明全部义务已履行的材料');

    // At the top of the case page, before "now": why, the officer's words, what to do, apply again.
    for (const [lang, words] of [
      ['en', ['The decision and why', 'Only half of the fine was paid.', 'What you can do now', 'Apply again']],
      ['zh-CN', ['决定及理由', '证明材料不能证明已履行全部义务', '您现在可以怎么做', '重新申请']],
    ] as const) {
      const html = await page(`/cases/${id}`, 'citizen', lang);
      const top = html.indexOf('decision-reason');
      expect(top).toBeGreaterThan(0);
      expect(top).toBeLessThan(html.indexOf('id="now-heading"'));
      for (const word of words) expect(html.slice(top, html.indexOf('id="now-heading"'))).toContain(word);
      expect(html).not.toContain(lang === 'en' ? 'There is nothing for you to do now.' : '现在没有需要您进行的操作。');
    }
    // Staff are not told "nothing for you to do" meant for the person, above the person's remedies.
    const staffPage = await page(`/cases/${id}`, 'reviewer');
    expect(staffPage).toContain('You have nothing to do on this case now.');
    expect(staffPage).not.toContain('There is nothing for you to do now.');

    // Apply again: the form starts with the routes, the commitment and the uploads (same hashes).
    const again = await page(`/records/${record.id}?again=${id}`, 'citizen');
    expect(again).toContain('I will comply with food-safety law.');
    expect(again).toContain(`name="keepEvidenceOf" value="${id}"`);
    expect(again).toContain('receipt.pdf');
    const headers = { cookie: `xiufu_session=${token.citizen}`, origin: 'http://localhost', 'accept-language': 'en' };
    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token.citizen!));
    form.append('routes', 'performance');
    form.append('commitment', 'I will comply with food-safety law, again.');
    form.append('keepEvidenceOf', id);
    const filed = await h.app.request(`/records/${record.id}/file/repair`, { method: 'POST', body: form, headers });
    expect(filed.status).toBe(303);
    const newId = /\/cases\/([0-9a-f-]{36})/.exec(filed.headers.get('location') ?? '')![1]!;
    expect(newId).not.toBe(id);
    const hashes = async (caseId: string) =>
      (await h.call('GET', `/api/v1/cases/${caseId}/attachments`, { token: token.citizen })).body.attachments.map(
        (a: { sha256: string }) => a.sha256,
      );
    expect(await hashes(newId)).toEqual(await hashes(id));
    expect(await hashes(newId)).toHaveLength(1);
    // Someone else's case cannot lend its uploads: refused, nothing opened, the form kept.
    const other = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const wrong = new FormData();
    wrong.append('_csrf', csrfTokenOf(token.citizen!));
    wrong.append('routes', 'performance');
    wrong.append('commitment', 'Keep this text.');
    wrong.append('keepEvidenceOf', id);
    const refusedAgain = await h.app.request(`/records/${other.id}/file/repair`, {
      method: 'POST',
      body: wrong,
      headers,
    });
    expect(refusedAgain.status).toBe(422);
    const kept = await refusedAgain.text();
    expect(kept).toContain('The uploads cannot be kept');
    expect(kept).toContain('Keep this text.');
  });
});
