// Issue 16 item 3 for every case type, over HTTP on PostgreSQL and PGlite: a decision against the
// person without a reason code is refused with a translated 422 naming the field and loses
// nothing; with one, the case API keeps the code with the officer's words, the notification
// carries both and reads with the code's label and what to do now, and the case page shows them
// at the top. Objection (rejected), explanation (not shown), deferral (refused) and
// administrative review (not accepted, decided against).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema.js';
import { refusalReasons } from '../../src/domain/refusal-reasons.js';
import { csrfTokenOf } from '../../src/services/log-in.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('reason codes on every adverse decision (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness(driver, '2026-06-01T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    const officer = await makeUser(h.database.db, 'review_body');
    for (const [name, user] of Object.entries({
      citizen: s.citizen,
      reviewer: s.reviewer,
      agency: s.agencyOfficer,
      officer,
    }))
      token[name] = await h.login(user.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const file = (body: Record<string, unknown>) => h.call('POST', '/api/v1/cases', { token: token.citizen, body });
  const view = async (id: string) => (await h.call('GET', `/api/v1/cases/${id}`, { token: token.citizen })).body;
  const send = async (id: string, who: string, body: Record<string, unknown>) =>
    h.call('POST', `/api/v1/cases/${id}/events`, {
      token: token[who],
      body,
      headers: { 'If-Match': `"${(await view(id)).version}"` },
    });
  const notified = async (caseId: string) =>
    (await h.database.db.select().from(notifications).where(eq(notifications.caseId, caseId))).map((n) => n.data);
  const page = async (path: string, lang: 'en' | 'zh-CN') =>
    (await h.app.request(path, { headers: { cookie: `xiufu_session=${token.citizen}; lang=${lang}` } })).text();

  /**
   * The adverse event without its code (422 in both languages, nothing changed), then with it:
   * the case, the notification, the inbox's words and the top of the case page.
   */
  async function decidesWithCode(
    id: string,
    who: string,
    event: Record<string, unknown> & { reasonCode: keyof typeof refusalReasons; reasons: string },
    outcome: string,
  ) {
    const { reasonCode, ...withoutCode } = event;
    const before = await view(id);
    const refused = await send(id, who, withoutCode);
    expect(refused.status).toBe(422);
    expect(refused.body.issues.map((i: { path: string }) => i.path)).toContain('reasonCode');
    // The staff form, in Chinese: the same refusal, worded for the reader, the words typed kept.
    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token[who]!));
    form.append('_version', String(before.version));
    for (const [field, value] of Object.entries(withoutCode)) if (field !== 'type') form.append(field, String(value));
    const onPage = await h.app.request(`/cases/${id}/events/${event.type}`, {
      method: 'POST',
      body: form,
      headers: { cookie: `xiufu_session=${token[who]}; lang=zh-CN`, origin: 'http://localhost' },
    });
    expect(onPage.status).toBe(422);
    const html = await onPage.text();
    expect(html).toContain('原因（从清单中选择）');
    expect(html).toMatch(/此项为必填项|请从给定的选项中选择/);
    expect(html).toContain(event.reasons);
    expect(await view(id)).toMatchObject({ version: before.version, state: before.state });

    const decided = await send(id, who, event);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ outcome, status: 'closed' });
    const decision = (await view(id)).details.decision;
    if (decision !== undefined) expect(decision).toMatchObject({ reasonCode, reasons: event.reasons });
    expect(await notified(id)).toContainEqual(expect.objectContaining({ reasonCode, reasons: event.reasons }));

    const reason = refusalReasons[reasonCode];
    for (const [lang, key] of [
      ['en', 'en'],
      ['zh-CN', 'zh'],
    ] as const) {
      const inbox = await page('/notifications', lang);
      expect(inbox).toContain(reason.label[key]);
      expect(inbox).toContain(reason.whatToDo[key]);
      const html = await page(`/cases/${id}`, lang);
      const top = html.indexOf('class="card decision-reason"');
      expect(top, `${lang}: the decision block`).toBeGreaterThan(0);
      expect(top).toBeLessThan(html.indexOf('class="card now"'));
      const block = html.slice(top, html.indexOf('</section>', top));
      expect(block).toContain(reason.label[key]);
      expect(block).toContain(event.reasons);
      expect(block).toContain(reason.whatToDo[key]);
      // The timeline words the code too: never the code itself on the page.
      const timeline = html.slice(html.indexOf('id="timeline-heading"'), html.indexOf('id="lifecycle-heading"'));
      expect(timeline).toContain(reason.label[key]);
      expect(html).not.toContain(event.reasonCode);
    }
  }

  it('an objection rejected at intake: not about this subject', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await file({ type: 'objection', recordId: record.id, reason: 'This is not my fine.' });
    expect(filed.body.machineVersion).toBe(5);
    await decidesWithCode(
      filed.body.id,
      'reviewer',
      { type: 'REJECT', reasonCode: 'not_about_subject', reasons: 'The decision names another company.' },
      'rejected',
    );
  });

  it('an explanation not shown: it discloses someone else’s data', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await file({ type: 'explanation', recordId: record.id, statement: 'My neighbour Li did it.' });
    expect(filed.body.machineVersion).toBe(2);
    await decidesWithCode(
      filed.body.id,
      'reviewer',
      { type: 'REJECT', reasonCode: 'others_personal_data', reasons: 'It names a neighbour.' },
      'rejected',
    );
  });

  it('a deferral refused: hardship not shown', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      obligation: 'Fine of CNY 8,000, due 2026-06-30',
      obligationPerformed: false,
    });
    const filed = await file({
      type: 'deferral',
      recordId: record.id,
      request: 'instalments',
      hardship: 'I lost my job in March.',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.machineVersion).toBe(2);
    await decidesWithCode(
      filed.body.id,
      'agency',
      { type: 'REFUSE', reasonCode: 'hardship_not_shown', reasons: 'No income statement was given.' },
      'refused',
    );
  });

  it('an administrative review not accepted, and another decided against the applicant', async () => {
    const dismissed = async () => {
      const record = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
        decisionDate: '2026-01-05',
        publishedFrom: '2026-01-10',
      });
      const filed = await file({ type: 'objection', recordId: record.id, reason: 'The record is wrong.' });
      for (const body of [
        { type: 'ACCEPT' },
        { type: 'AGENCY_CONFIRMED', answer: 'The facts stand.' },
        { type: 'DISMISS', reasonCode: 'record_accurate', reasons: 'The record is accurate.' },
      ])
        expect((await send(filed.body.id, 'reviewer', body)).status).toBe(200);
      return filed.body.id as string;
    };
    const application = async () => {
      const filed = await file({
        type: 'administrative-review',
        parentCaseId: await dismissed(),
        reviewBody: '测试市人民政府',
        filedOn: '2026-06-01',
        learnedOn: '2026-06-01',
        toldOfRight: true,
        grounds: 'The receipt shows the fine was paid.',
        request: 'Revoke the dismissal.',
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      expect(filed.body.machineVersion).toBe(3);
      return filed.body.id as string;
    };
    await decidesWithCode(
      await application(),
      'officer',
      { type: 'REFUSE_TO_ACCEPT', reasonCode: 'repeat_application', reasons: 'The court has accepted a suit on it.' },
      'notAccepted',
    );
    const decided = await application();
    expect((await send(decided, 'officer', { type: 'ACCEPT' })).status).toBe(200);
    await decidesWithCode(
      decided,
      'officer',
      { type: 'DECIDE', outcome: 'uphold', reasonCode: 'decision_lawful', reasons: 'The payment came late.' },
      'decidedAgainst',
    );
  });
});
