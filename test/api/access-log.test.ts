// The access register (查询使用登记): reads of a person's case, its trail, its evidence or their
// record by someone else are written down with who, role, when, what and why, before the data
// leaves (a failed write fails the read); lists show no personal data and register nothing; the
// person reads their own register (staff read theirs, as a subject: usually empty); supervisors
// search everyone's; nobody else reads it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

type Entry = {
  actorRole: string;
  action: string;
  caseId: string | null;
  recordId: string | null;
  purpose: string;
  subjectId: string;
};

describe.each(drivers)('the access register (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    const [supervisor, admin] = await Promise.all([
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'admin'),
    ]);
    for (const [name, user] of Object.entries({
      citizen: s.citizen,
      other: s.otherCitizen,
      reviewer: s.reviewer,
      agency: s.agencyOfficer,
      supervisor,
      admin,
    }))
      token[name] = await h.login(user.username);
  });
  /** The subject's register as the supervisors' search shows it, newest first. */
  const registerOf = async (subjectId: string): Promise<Entry[]> =>
    (await h.call('GET', `/api/v1/access-log?subjectId=${subjectId}&limit=1000`, { token: token.supervisor })).body
      .entries;
  /** The entries a step added to the subject's register, oldest first, as "role action". */
  const addedBy = async (subjectId: string, step: () => Promise<unknown>): Promise<Entry[]> => {
    const before = (await registerOf(subjectId)).length;
    await step();
    const after = await registerOf(subjectId);
    return after.slice(0, after.length - before).reverse();
  };
  /** An objection of the citizen's on a fresh record of theirs, with one piece of evidence. */
  const fileWithEvidence = async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const opened = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: record.id, reason: 'Wrong.' },
      files: [{ filename: 'seal.png', content: makeSealPng() }],
    });
    const files = await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token: token.citizen });
    return {
      caseId: opened.row.id,
      recordId: record.id,
      attachmentId: files.body.attachments[0].id as string,
      version: opened.row.version,
    };
  };
  afterAll(() => h.close());

  it('records who else looked, and shows the person their own register', async () => {
    const filed = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'objection', recordId: s.record.id, reason: 'Wrong.' },
    });
    // The citizen's own reads are not someone else's.
    await h.call('GET', `/api/v1/cases/${filed.body.id}`, { token: token.citizen });
    expect((await h.call('GET', '/api/v1/me/access-log', { token: token.citizen })).body.entries).toEqual([]);

    await h.call('GET', `/api/v1/cases/${filed.body.id}`, { token: token.reviewer });
    await h.call('GET', `/api/v1/records/${s.record.id}`, { token: token.agency });
    const mine = (await h.call('GET', '/api/v1/me/access-log', { token: token.citizen })).body.entries;
    expect(mine.map((e: { actorRole: string; action: string }) => `${e.actorRole} ${e.action}`).sort()).toEqual([
      'agency view_record',
      'reviewer view_case',
    ]);
    expect(mine.find((e: { actorRole: string }) => e.actorRole === 'reviewer')).toMatchObject({
      actorName: s.reviewer.displayName,
      caseId: filed.body.id,
      purpose: expect.stringContaining('handling a case'),
    });
    // Another citizen's register does not hold it.
    expect((await h.call('GET', '/api/v1/me/access-log', { token: token.other })).body.entries).toEqual([]);
  });

  it('gives a citizen everything held about them in one file, and nobody else’s', async () => {
    const exported = await h.call('GET', '/api/v1/me/export', { token: token.citizen });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="xiufu-my-data-/);
    expect(exported.body).toMatchObject({
      subject: { id: s.subject.id, residentId: s.subject.residentId },
      account: { username: s.citizen.username },
    });
    expect(exported.body.records.map((r: { id: string }) => r.id)).toEqual([s.record.id]);
    expect(exported.body.records[0].versions).toHaveLength(1);
    expect(exported.body.cases[0].auditTrail.length).toBeGreaterThanOrEqual(1);
    expect(exported.body.accessRegister.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(exported.body)).not.toContain('passwordHash');
    expect(JSON.stringify(exported.body)).not.toContain(s.otherSubject.residentId);
    expect((await h.call('GET', '/api/v1/me/export', { token: token.reviewer })).status).toBe(403);
  });

  it('lets a supervisor search it, and nobody else', async () => {
    const found = await h.call('GET', `/api/v1/access-log?subjectId=${s.subject.id}`, { token: token.supervisor });
    expect(found.status).toBe(200);
    expect(found.body.entries.length).toBeGreaterThanOrEqual(2);
    expect(found.body.entries.every((e: { subjectId: string }) => e.subjectId === s.subject.id)).toBe(true);
    expect(
      (
        await h.call('GET', `/api/v1/access-log?actorUserId=${s.reviewer.id}`, { token: token.supervisor })
      ).body.entries.every((e: { actorUserId: string }) => e.actorUserId === s.reviewer.id),
    ).toBe(true);
    expect((await h.call('GET', '/api/v1/access-log', { token: token.reviewer })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/access-log', { token: token.agency })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/access-log?subjectId=nope', { token: token.supervisor })).status).toBe(422);
  });

  it('registers each read of someone else’s case: the case, its trail, its verification, its evidence, its record', async () => {
    const f = await fileWithEvidence();
    const reads: [string, string][] = [
      ['reviewer', `/api/v1/cases/${f.caseId}`],
      ['reviewer', `/api/v1/cases/${f.caseId}/audit`],
      ['reviewer', `/api/v1/cases/${f.caseId}/audit/verify`],
      ['reviewer', `/api/v1/cases/${f.caseId}/attachments`],
      ['reviewer', `/api/v1/cases/${f.caseId}/attachments/${f.attachmentId}`],
      ['agency', `/api/v1/records/${f.recordId}`],
      ['admin', `/api/v1/cases/${f.caseId}/audit`],
    ];
    for (const [who, path] of reads) {
      const added = await addedBy(s.subject.id, async () =>
        expect((await h.call('GET', path, { token: token[who] })).status, path).toBe(200),
      );
      expect(added, path).toHaveLength(1);
      expect(added[0], path).toMatchObject({
        actorRole: who,
        subjectId: s.subject.id,
        purpose: expect.stringMatching(/\S/),
      });
    }
    const mine: Entry[] = (await h.call('GET', '/api/v1/me/access-log', { token: token.citizen })).body.entries;
    expect(
      mine
        .filter((e) => e.caseId === f.caseId || e.recordId === f.recordId)
        .map((e) => `${e.actorRole} ${e.action}`)
        .reverse(),
    ).toEqual([
      'reviewer view_case',
      'reviewer view_audit_trail',
      'reviewer verify_audit_trail',
      'reviewer list_evidence',
      'reviewer download_evidence',
      'agency view_record',
      'admin view_audit_trail',
    ]);
    // The citizen's own reads of the same things are not someone else's.
    for (const [, path] of reads)
      expect(await addedBy(s.subject.id, () => h.call('GET', path, { token: token.citizen })), path).toEqual([]);
  });

  it('registers the case a reviewer is shown after acting on it', async () => {
    const f = await fileWithEvidence();
    const added = await addedBy(s.subject.id, async () => {
      const accepted = await h.call('POST', `/api/v1/cases/${f.caseId}/events`, {
        token: token.reviewer,
        body: { type: 'ACCEPT' },
        headers: { 'If-Match': `"${f.version}"` },
      });
      expect(accepted.status).toBe(200);
    });
    expect(added.map((e) => `${e.actorRole} ${e.action} ${e.caseId}`)).toEqual([`reviewer view_case ${f.caseId}`]);
  });

  it('registers what the case and record pages show to staff', async () => {
    const f = await fileWithEvidence();
    const page = (path: string, who: string) =>
      h.app.request(`http://localhost${path}`, { headers: { cookie: `xiufu_session=${token[who]}` } });
    const casePage = await addedBy(s.subject.id, async () =>
      expect((await page(`/cases/${f.caseId}`, 'reviewer')).status).toBe(200),
    );
    expect(casePage.map((e) => e.action).sort()).toEqual([
      'list_evidence',
      'view_audit_trail',
      'view_case',
      'view_record',
    ]);
    expect(
      casePage.every((e) => e.actorRole === 'reviewer' && (e.caseId === f.caseId || e.recordId === f.recordId)),
    ).toBe(true);
    const download = await addedBy(s.subject.id, async () =>
      expect((await page(`/cases/${f.caseId}/attachments/${f.attachmentId}`, 'supervisor')).status).toBe(200),
    );
    expect(download.map((e) => `${e.actorRole} ${e.action}`)).toEqual(['supervisor download_evidence']);
    const recordPage = await addedBy(s.subject.id, async () =>
      expect((await page(`/records/${f.recordId}`, 'agency')).status).toBe(200),
    );
    expect(recordPage.map((e) => `${e.actorRole} ${e.action} ${e.recordId}`)).toEqual([
      `agency view_record ${f.recordId}`,
    ]);
    expect(
      await addedBy(s.subject.id, async () => expect((await page(`/cases/${f.caseId}`, 'citizen')).status).toBe(200)),
    ).toEqual([]);
  });

  it('lists cases without the person’s details, and registers nothing for a list', async () => {
    await fileWithEvidence();
    for (const who of ['reviewer', 'supervisor', 'agency', 'admin', 'citizen']) {
      let listed: Record<string, unknown>[] = [];
      const added = await addedBy(s.subject.id, async () => {
        listed = (await h.call('GET', '/api/v1/cases?limit=200', { token: token[who] })).body.cases;
      });
      expect(listed.length, who).toBeGreaterThan(0);
      expect(added, who).toEqual([]);
      for (const theCase of listed) {
        expect(Object.keys(theCase), who).not.toEqual(expect.arrayContaining(['details']));
        expect(theCase, who).not.toHaveProperty('subjectId');
        expect(theCase, who).not.toHaveProperty('allowedEvents');
        expect(JSON.stringify(theCase), who).not.toContain('Wrong.');
        expect(theCase, who).toMatchObject({
          id: expect.any(String),
          type: 'objection',
          state: expect.any(String),
          recordKind: expect.any(String),
          openedAt: expect.any(String),
        });
      }
    }
    const listPage = await addedBy(s.subject.id, async () =>
      expect(
        (await h.app.request('http://localhost/cases', { headers: { cookie: `xiufu_session=${token.reviewer}` } }))
          .status,
      ).toBe(200),
    );
    expect(listPage).toEqual([]);
  });

  it('fails a read whose register entry cannot be written, rather than answer it unregistered', async () => {
    const f = await fileWithEvidence();
    // Any write to the register now fails (NOT VALID: the rows already there are not checked).
    await h.database.db.execute(sql`alter table ${accessLog} add constraint register_refuses check (false) not valid`);
    try {
      for (const path of [
        `/api/v1/cases/${f.caseId}`,
        `/api/v1/cases/${f.caseId}/audit`,
        `/api/v1/cases/${f.caseId}/audit/verify`,
        `/api/v1/cases/${f.caseId}/attachments`,
        `/api/v1/cases/${f.caseId}/attachments/${f.attachmentId}`,
        `/api/v1/records/${f.recordId}`,
      ]) {
        const answer = await h.call('GET', path, { token: token.reviewer });
        expect(answer.status, path).toBe(500);
        expect(JSON.stringify(answer.body), path).not.toContain('Wrong.');
      }
      const casePage = await Promise.resolve(
        h.app.request(`http://localhost/cases/${f.caseId}`, { headers: { cookie: `xiufu_session=${token.reviewer}` } }),
      ).catch((error: unknown) => error);
      expect(casePage instanceof Response ? casePage.status : 500).toBe(500);
      // The citizen's own reads need no entry and still answer.
      expect((await h.call('GET', `/api/v1/cases/${f.caseId}`, { token: token.citizen })).status).toBe(200);
    } finally {
      await h.database.db.execute(sql`alter table ${accessLog} drop constraint register_refuses`);
    }
  });

  it('gives supervisors and administrators their own register at /me/access-log, not everyone’s', async () => {
    expect((await registerOf(s.subject.id)).length).toBeGreaterThan(0);
    for (const who of ['supervisor', 'admin']) {
      const own = await h.call('GET', '/api/v1/me/access-log', { token: token[who] });
      expect(own.status, who).toBe(200);
      // Staff accounts are no subject: nobody's reads are about them.
      expect(own.body.entries, who).toEqual([]);
    }
    // Searching everyone's stays with the supervisors' search and their page.
    const page = await h.app.request('http://localhost/access-log', {
      headers: { cookie: `xiufu_session=${token.supervisor}` },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(s.reviewer.displayName);
    // Each entry says what was read, in words.
    for (const words of ['查看案件', '查看审计记录', '核验审计记录', '查看证据清单', '查看证据材料', '查看记录'])
      expect(html).toContain(words);
  });
});
