// A refused action answers a page with the status the API gives the same refusal (one map from
// error code to status, src/http/problem.ts), and the case page says why: the drafter of a
// serious record's correction approving it themselves is a conflict of interest, 403 on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf, csrfTokenOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('refusals on pages (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(driver);
  });
  afterAll(() => h.close());

  it('answers the drafter’s own approval with the API’s 403 and the reason on the case page', async () => {
    const s = await makeObjectionScenario(h.database.db);
    const drafter = await makeUser(h.database.db, 'supervisor');
    const serious = await makeRecord(h.database.db, s.subject.id, s.agency.id, {
      class: 'serious',
      kind: 'serious_list_entry',
    });
    const opened = await openCase(h.services, {
      actor: actorOf(drafter),
      type: 'correction',
      filing: { recordId: serious.id, reasons: 'Wrong person.' },
    });
    await applyCaseEvent(h.services, {
      caseId: opened.row.id,
      actor: actorOf(drafter),
      expectedVersion: opened.row.version,
      type: 'SUBMIT_DRAFT',
      input: { reasons: 'Remove: wrong person.', remove: true },
    });
    const token = await h.login(drafter.username);

    const api = await h.call('POST', `/api/v1/cases/${opened.row.id}/events`, {
      token,
      body: { type: 'APPROVE' },
      headers: { 'if-match': `"${opened.row.version + 1}"` },
    });
    expect({ status: api.status, code: api.body.code }).toEqual({ status: 403, code: 'CONFLICT_OF_INTEREST' });

    const page = await h.app.request(`/cases/${opened.row.id}/events/APPROVE`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        cookie: `xiufu_session=${token}; lang=en`,
      },
      body: new URLSearchParams({ _csrf: csrfTokenOf(token), _version: String(opened.row.version + 1) }).toString(),
    });
    expect(page.status).toBe(api.status);
    const html = await page.text();
    expect(html).toContain('class="flash error"');
    // The refusal in the reader's language (ui/problem-texts.ts), not the API's detail.
    expect(html).toContain('To avoid a conflict of interest, someone else must do this');
    const inChinese = await h.app.request(`/cases/${opened.row.id}/events/APPROVE`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        cookie: `xiufu_session=${token}; lang=zh-CN`,
      },
      body: new URLSearchParams({ _csrf: csrfTokenOf(token), _version: String(opened.row.version + 1) }).toString(),
    });
    expect(inChinese.status).toBe(403);
    const zh = await inChinese.text();
    expect(zh).toContain('为避免利益冲突，此操作须由另一人进行');
    expect(zh).not.toContain(api.body.detail.slice(0, 30));
  });
});
