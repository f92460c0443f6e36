// Text from users is shown as text: script tags and attribute breakers typed into free-text
// fields, and hostile file names, come out escaped on the pages that show them.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, subjects } from '../../db/schema.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const hostile = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;

describe('user text on pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('is escaped in every free-text field of the case, record, notification and queue pages', async () => {
    const s = await makeObjectionScenario(h.database.db);
    const opened = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: hostile, requestedCorrection: hostile },
      files: [{ filename: `${hostile}.png`, content: makeSealPng() }],
    });
    // Text that comes from registries and agencies is free text too.
    await h.database.db.update(subjects).set({ name: hostile }).where(eq(subjects.id, s.subject.id));
    await h.database.db
      .update(creditRecords)
      .set({ facts: hostile, legalBasis: hostile, obligation: hostile })
      .where(eq(creditRecords.id, s.record.id));
    const pages = [
      `/cases/${opened.row.id}`,
      `/records/${s.record.id}`,
      '/records',
      '/cases',
      '/notifications',
      '/access-log',
    ];
    for (const [who, user] of [
      ['citizen', s.citizen],
      ['reviewer', s.reviewer],
    ] as const) {
      const token = await h.login(user.username);
      for (const path of pages) {
        const response = await h.app.request(path, {
          headers: { cookie: `xiufu_session=${token}`, 'accept-language': 'en' },
        });
        if (response.status === 302 || response.status === 303) continue;
        const html = await response.text();
        expect(html, `${who} ${path}`).not.toContain('<script>alert(1)</script>');
        expect(html, `${who} ${path}`).not.toMatch(/<img src=x/i);
      }
    }
    const token = await h.login(s.reviewer.username);
    const casePage = await (
      await h.app.request(`/cases/${opened.row.id}`, { headers: { cookie: `xiufu_session=${token}` } })
    ).text();
    expect(casePage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
