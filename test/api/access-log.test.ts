// The access register (查询使用登记): reads of a person's case, record or evidence by someone
// else are written down with who, role, when, what and why; the person reads their own
// register; supervisors search everyone's; nobody else reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('the access register (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    const supervisor = await makeUser(h.database.db, 'supervisor');
    for (const [name, user] of Object.entries({ citizen: s.citizen, other: s.otherCitizen, reviewer: s.reviewer, agency: s.agencyOfficer, supervisor })) token[name] = await h.login(user.username);
  });
  afterAll(() => h.close());

  it('records who else looked, and shows the person their own register', async () => {
    const filed = await h.call('POST', '/api/v1/cases', { token: token.citizen, body: { type: 'objection', recordId: s.record.id, reason: 'Wrong.' } });
    // The citizen's own reads are not someone else's.
    await h.call('GET', `/api/v1/cases/${filed.body.id}`, { token: token.citizen });
    expect((await h.call('GET', '/api/v1/me/access-log', { token: token.citizen })).body.entries).toEqual([]);

    await h.call('GET', `/api/v1/cases/${filed.body.id}`, { token: token.reviewer });
    await h.call('GET', `/api/v1/records/${s.record.id}`, { token: token.agency });
    const mine = (await h.call('GET', '/api/v1/me/access-log', { token: token.citizen })).body.entries;
    expect(mine.map((e: { actorRole: string; action: string }) => `${e.actorRole} ${e.action}`).sort()).toEqual(['agency view_record', 'reviewer view_case']);
    expect(mine.find((e: { actorRole: string }) => e.actorRole === 'reviewer')).toMatchObject({ actorName: s.reviewer.displayName, caseId: filed.body.id, purpose: expect.stringContaining('handling a case') });
    // Another citizen's register does not hold it.
    expect((await h.call('GET', '/api/v1/me/access-log', { token: token.other })).body.entries).toEqual([]);
  });

  it('gives a citizen everything held about them in one file, and nobody else’s', async () => {
    const exported = await h.call('GET', '/api/v1/me/export', { token: token.citizen });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="xiufu-my-data-/);
    expect(exported.body).toMatchObject({ subject: { id: s.subject.id, residentId: s.subject.residentId }, account: { username: s.citizen.username } });
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
    expect((await h.call('GET', `/api/v1/access-log?actorUserId=${s.reviewer.id}`, { token: token.supervisor })).body.entries.every((e: { actorUserId: string }) => e.actorUserId === s.reviewer.id)).toBe(true);
    expect((await h.call('GET', '/api/v1/access-log', { token: token.reviewer })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/access-log', { token: token.agency })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/access-log?subjectId=nope', { token: token.supervisor })).status).toBe(422);
  });
});
