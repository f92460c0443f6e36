// Decision notices over HTTP, on real PostgreSQL and on PGlite: every decision of an objection
// yields a PDF notice whose sha256 is in the decision's audit event; the citizen downloads it;
// drawn again from what is stored it is the same file; its text (read back from the PDF) has the
// Chinese decision and the code; anyone with the code sees, without logging in, that it is
// genuine and whether it stands, with the person masked; the check is throttled per address.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionNotices } from '../../db/schema.js';
import { readNoticeWithTrail } from '../../src/services/decision-notices.js';
import { noticeHash, renderDecisionNotice } from '../../src/services/render-decision-notice.js';
import { publicLookupThrottle } from '../../src/services/throttle-public-lookup.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testStart } from '../helpers/test-clock.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('decision notices (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<'citizen' | 'otherCitizen' | 'reviewer' | 'agency', string> = {} as never;
  let caseId: string;
  type Listed = { code: string; eventSeq: number; kind: string; title: string; sha256: string };
  let notices: Listed[];

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    [token.citizen, token.otherCitizen, token.reviewer, token.agency] = await Promise.all([
      h.login(s.citizen.username),
      h.login(s.otherCitizen.username),
      h.login(s.reviewer.username),
      h.login(s.agencyOfficer.username),
    ]);
    h.clock.set(testStart);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'objection', recordId: s.record.id, reason: '罚款已按期缴纳' },
    });
    expect(filed.status).toBe(201);
    caseId = filed.body.id;
    const send = async (who: keyof typeof token, version: number, body: Record<string, unknown>) => {
      const answer = await h.call('POST', `/api/v1/cases/${caseId}/events`, {
        token: token[who],
        body,
        headers: { 'If-Match': `"${version}"` },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    };
    await send('reviewer', 1, { type: 'ACCEPT' });
    await send('agency', 2, { type: 'AGENCY_CONFIRMED', answer: '记录无误' });
    await send('reviewer', 3, {
      type: 'DISMISS',
      reasonCode: 'record_accurate',
      reasons: '缴款凭证显示逾期缴纳，原记录无误。',
    });
    const listed = await h.call('GET', `/api/v1/cases/${caseId}/notices`, { token: token.citizen });
    expect(listed.status).toBe(200);
    notices = listed.body.notices;
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const download = (code: string, who: keyof typeof token = 'citizen') =>
    h.app.request(`/api/v1/cases/${caseId}/notices/${code}`, { headers: { authorization: `Bearer ${token[who]}` } });

  it('issues a notice for each decision (accepted, dismissed), its hash in the decision’s audit event', async () => {
    expect(notices.map((n) => [n.eventSeq, n.kind, n.title])).toEqual([
      [2, 'objection_accepted', '异议申请受理通知书'],
      [4, 'objection_dismissed', '异议处理决定书'],
    ]);
    // The agency's answer is no decision: no notice for seq 3.
    const trail = await h.call('GET', `/api/v1/cases/${caseId}/audit`, { token: token.citizen });
    const bySeq = new Map(trail.body.events.map((e: { seq: number; payload: unknown }) => [e.seq, e.payload]));
    for (const n of notices)
      expect(bySeq.get(n.eventSeq)).toMatchObject({ notice: { code: n.code, sha256: n.sha256 } });
    expect(bySeq.get(3)).not.toHaveProperty('notice');
    const verified = await h.call('GET', `/api/v1/cases/${caseId}/audit/verify`, { token: token.citizen });
    expect(verified.body.valid).toBe(true);
  });

  it('draws the notice again from what is stored, byte for byte: the same sha256 as the trail', async () => {
    for (const n of notices) {
      const { notice, trailHash } = await readNoticeWithTrail(h.database.db, caseId, n.code);
      const again = await renderDecisionNotice(notice.content);
      expect(noticeHash(again)).toBe(trailHash);
      expect(trailHash).toBe(n.sha256);
      // And once more: nothing in the file depends on the moment it is drawn.
      expect(noticeHash(await renderDecisionNotice(notice.content))).toBe(trailHash);
    }
  });

  it('lets the citizen download the PDF, whose text has the Chinese decision, the reasons, the remedies and the code', async () => {
    const dismissal = notices[1]!;
    const answer = await download(dismissal.code);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(dismissal.sha256);
    expect(bytes.length).toBeLessThan(200_000); // the font is embedded as a subset
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('异议处理决定书');
    expect(flat).toContain('异议不成立，维持该信用信息。');
    expect(flat).toContain('缴款凭证显示逾期缴纳，原记录无误。');
    expect(flat).toContain('申请行政复议');
    expect(flat).toContain('提起行政诉讼');
    expect(flat).toContain(dismissal.code);
    expect(flat).toContain(s.record.decisionNumber.replace(/\s+/g, ''));
    // The name and the identity number are masked on the notice too.
    expect(flat).not.toContain(s.subject.residentId);
    expect(flat).not.toContain(s.subject.name.replace(/\s+/g, ''));
  });

  it('refuses the notice to someone who may not see the case (404), and a code of another case', async () => {
    expect((await download(notices[0]!.code, 'otherCitizen')).status).toBe(404);
    const other = await h.app.request(`/api/v1/cases/${crypto.randomUUID()}/notices/${notices[0]!.code}`, {
      headers: { authorization: `Bearer ${token.citizen}` },
    });
    expect(other.status).toBe(404);
  });

  it('lets anyone verify a notice by its code without logging in: genuine, what it decided, whether it stands', async () => {
    const [accepted, dismissed] = notices as [Listed, Listed];
    const now = await h.call('GET', `/api/v1/public/notices/${dismissed.code}`);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({
      code: dismissed.code,
      title: '异议处理决定书',
      decision: '异议不成立，维持该信用信息。',
      standing: 'in_force',
      sha256: dismissed.sha256,
      record: { decisionNumber: s.record.decisionNumber },
    });
    // The accepted objection was decided since: that notice is replaced by the later one.
    const earlier = await h.call('GET', `/api/v1/public/notices/${accepted.code.toLowerCase()}`);
    expect(earlier.status).toBe(200);
    expect(earlier.body.standing).toBe('superseded');
    // Only what a check needs: the person masked, no reasons, no case id.
    const shown = JSON.stringify(now.body);
    expect(shown).not.toContain(s.subject.residentId);
    expect(shown).not.toContain(s.subject.name);
    expect(shown).not.toContain(caseId);
    expect(shown).not.toContain('缴款凭证');
    expect(now.body.subject.residentId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect((await h.call('GET', '/api/v1/public/notices/AAAA-BBBB-CCCC-DDDD')).status).toBe(404);
    expect((await h.call('GET', '/api/v1/public/notices/not-a-code')).status).toBe(404);
  });

  it('shows the verification page without a login, in both languages', async () => {
    const code = notices[1]!.code;
    const zh = await h.app.request(`/verify/${code}`, { headers: { cookie: 'lang=zh-CN' } });
    expect(zh.status).toBe(200);
    const zhText = await zh.text();
    expect(zhText).toContain('有效');
    expect(zhText).toContain('异议处理决定书');
    const en = await h.app.request(`/verify?code=${code}`, { headers: { cookie: 'lang=en' } });
    expect(en.status).toBe(200);
    expect(await en.text()).toContain('In force');
    const unknown = await h.app.request('/verify/AAAA-BBBB-CCCC-DDDD', { headers: { cookie: 'lang=en' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No notice has this code');
  });

  it('throttles the check per address like the public look-up (429 with Retry-After)', async () => {
    const code = notices[1]!.code;
    let last = 200;
    let retryAfter: string | null = null;
    for (let i = 0; i <= publicLookupThrottle.perAddress && last !== 429; i++) {
      const answer = await h.app.request(`/api/v1/public/notices/${code}`);
      last = answer.status;
      retryAfter = answer.headers.get('retry-after');
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const page = await h.app.request(`/verify/${code}`);
    expect(page.status).toBe(429);
    const rows = await h.database.db.select().from(decisionNotices).where(eq(decisionNotices.caseId, caseId));
    expect(rows).toHaveLength(2);
  });
});
