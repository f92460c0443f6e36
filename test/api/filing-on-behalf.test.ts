// Filing on someone else's behalf and the contact phone (issue 16 item 6), on real PostgreSQL and
// on PGlite: a citizen files for another subject only with an authorisation letter (else a
// translated 422 that keeps what they typed); the case records the filer apart from the subject;
// the filer sees that case and nothing else of the subject's, the subject sees it too, another
// citizen does not; a mismatch never says which of the three facts failed; staff reject a letter
// that is not valid at intake; a phone is kept sealed, shown masked to staff and whole to its
// filer, and filings for several subjects with one phone are flagged to supervisors.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, cases, notifications } from '../../db/schema.js';
import { isDomainError } from '../../src/domain/errors.js';
import { agentScreening } from '../../src/domain/policy.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf, csrfTokenOf } from '../../src/services/log-in.js';
import { onBehalfLookupsPerMinute } from '../../src/services/file-on-behalf.js';
import { openCase } from '../../src/services/open-case.js';
import { listNotifications } from '../../src/services/read-notifications.js';
import { readAgentFlags } from '../../src/services/read-agent-flags.js';
import { makeAgency, makeRecord, makeSubject, makeUser, randomResidentId } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { wordNotification } from '../../ui/notification-wording.js';
import { drivers } from '../helpers/test-database.js';

type User = Awaited<ReturnType<typeof makeUser>>;
type Subject = Awaited<ReturnType<typeof makeSubject>>;
type CreditRecord = Awaited<ReturnType<typeof makeRecord>>;

const letter = () => ({ filename: '授权委托书.png', content: makeSealPng() });

describe.each(drivers)('filing on behalf and contact phones (%s)', (driver) => {
  let h: Harness;
  let subject: Subject;
  let subjectUser: User;
  let record: CreditRecord;
  let filer: User;
  let filerOwnRecord: CreditRecord;
  let filerSubject: Subject;
  let otherCitizen: User;
  let reviewer: User;
  let supervisor: User;
  let agencyId: string;

  beforeAll(async () => {
    h = await startHarness(driver);
    const db = h.database.db;
    agencyId = (await makeAgency(db)).id;
    subject = await makeSubject(db);
    subjectUser = await makeUser(db, 'citizen', { subjectId: subject.id });
    record = await makeRecord(db, subject.id, agencyId);
    filerSubject = await makeSubject(db);
    filer = await makeUser(db, 'citizen', { subjectId: filerSubject.id });
    filerOwnRecord = await makeRecord(db, filerSubject.id, agencyId);
    otherCitizen = await makeUser(db, 'citizen', { subjectId: (await makeSubject(db)).id });
    [reviewer, supervisor] = await Promise.all([makeUser(db, 'reviewer'), makeUser(db, 'supervisor')]);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const page = async (path: string, username: string, lang: 'zh-CN' | 'en') => {
    const token = await h.login(username);
    const answer = await h.app.request(path, { headers: { cookie: `xiufu_session=${token}; lang=${lang}` } });
    return { status: answer.status, text: await answer.text() };
  };

  const postForm = async (
    path: string,
    username: string,
    lang: 'zh-CN' | 'en',
    fields: Record<string, string>,
    withLetter: boolean,
  ) => {
    const token = await h.login(username);
    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token));
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('files', new Blob([]), '');
    if (withLetter)
      form.append('authorisation', new Blob([new Uint8Array(makeSealPng())], { type: 'image/png' }), '授权委托书.png');
    else form.append('authorisation', new Blob([]), '');
    const answer = await h.app.request(path, {
      method: 'POST',
      body: form,
      headers: { cookie: `xiufu_session=${token}; lang=${lang}`, origin: 'http://localhost' },
    });
    return { status: answer.status, location: answer.headers.get('location'), text: await answer.text() };
  };

  const fields = (over: Record<string, string> = {}) => ({
    subjectResidentId: subject.residentId,
    subjectName: subject.name,
    decisionNumber: record.decisionNumber,
    relation: 'child',
    reason: '罚款已于决定书送达后当日缴清 paid in full',
    contactPhone: '138 0013 8000',
    ...over,
  });

  let caseId: string;

  it('refuses a filing on behalf without a letter with a translated 422 that keeps every entry, and opens nothing', async () => {
    const zh = await postForm('/file-on-behalf?type=objection', filer.username, 'zh-CN', fields(), false);
    expect(zh.status).toBe(422);
    expect(zh.text).toContain('请上传由信用主体签名或盖章的授权委托书');
    // What the person typed is all still there.
    expect(zh.text).toContain(`value="${subject.residentId}"`);
    expect(zh.text).toContain(`value="${subject.name}"`);
    expect(zh.text).toContain(record.decisionNumber);
    expect(zh.text).toContain('罚款已于决定书送达后当日缴清 paid in full');
    expect(zh.text).toMatch(/<option value="child" selected/);
    expect(zh.text).toContain('value="138 0013 8000"');
    const en = await postForm('/file-on-behalf?type=objection', filer.username, 'en', fields(), false);
    expect(en.status).toBe(422);
    expect(en.text).toContain('attach the authorisation letter');
    const opened = await h.database.db.select().from(cases).where(eq(cases.openedByUserId, filer.id));
    expect(opened).toEqual([]);
  });

  it('opens the case for the subject with the letter, recording the filer, the relation and the sealed phone', async () => {
    const filed = await postForm('/file-on-behalf?type=objection', filer.username, 'zh-CN', fields(), true);
    expect(filed.status).toBe(303);
    caseId = /\/cases\/([0-9a-f-]{36})/.exec(filed.location ?? '')![1]!;
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.subjectId).toBe(subject.id);
    expect(row!.recordId).toBe(record.id);
    expect(row!.openedByUserId).toBe(filer.id);
    expect(row!.onBehalfRelation).toBe('child');
    // The number is not in the database in clear: sealed, hashed under a key, masked.
    expect(row!.contactPhoneMasked).toBe('138****8000');
    expect(row!.contactPhoneSealed).not.toContain('13800138000');
    expect(row!.contactPhoneLookup).not.toContain('13800138000');
    // The subject is told at once, in their notifications, who filed in their name.
    const told = await h.database.db.select().from(notifications).where(eq(notifications.caseId, caseId));
    expect(told).toMatchObject([
      { subjectId: subject.id, topic: 'filed_on_your_behalf', data: { filer: filer.displayName, relation: 'child' } },
    ]);
    expect(wordNotification('zh-CN', 'objection', told[0]!)).toBe(
      `${filer.displayName}（子女）以您的名义代为提交了异议申请。如您未授权，请立即联系信用中心。`,
    );
    expect(wordNotification('en', 'objection', told[0]!)).toBe(
      `${filer.displayName} (child) filed an application in your name: objection. If you did not authorise this, contact the credit centre at once.`,
    );
    const files = await h.database.db.select().from(attachments).where(eq(attachments.caseId, caseId));
    expect(files.map((f) => [f.filename, f.kind])).toEqual([['授权委托书.png', 'authorisation']]);
    // The record is disputed like any objection's.
    expect(
      (await h.call('GET', `/api/v1/cases/${caseId}`, { token: await h.login(subjectUser.username) })).body.state,
    ).toBe('intake');
  });

  it('files on behalf through the API as a multipart form: 422 naming the letter without it, 201 with it', async () => {
    const subjectTwo = await makeSubject(h.database.db);
    const recordTwo = await makeRecord(h.database.db, subjectTwo.id, agencyId);
    const token = await h.login(filer.username);
    const send = async (withLetter: boolean, idempotencyKey?: string) => {
      const form = new FormData();
      form.append('type', 'explanation');
      form.append('filing', JSON.stringify({ statement: '本人已缴清罚款。' }));
      form.append('subjectResidentId', subjectTwo.residentId);
      form.append('subjectName', subjectTwo.name);
      form.append('decisionNumber', recordTwo.decisionNumber);
      form.append('relation', 'spouse');
      if (withLetter)
        form.append('authorisation', new Blob([new Uint8Array(makeSealPng())], { type: 'image/png' }), 'letter.png');
      const answer = await h.app.request('/api/v1/cases/on-behalf', {
        method: 'POST',
        body: form,
        headers: {
          authorization: `Bearer ${token}`,
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
      });
      return { status: answer.status, body: await answer.json(), replayed: answer.headers.get('idempotent-replayed') };
    };
    const refused = await send(false);
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toMatchObject([{ path: 'authorisation', kind: 'authorisation_missing' }]);
    const filed = await send(true, 'on-behalf-1');
    expect(filed.status).toBe(201);
    // Sent again with the same key (a retry, a double click): the case already opened, not a second.
    const again = await send(true, 'on-behalf-1');
    expect(again).toMatchObject({ status: 200, replayed: 'true', body: { id: filed.body.id } });
    expect(
      await h.database.db.select({ id: cases.id }).from(cases).where(eq(cases.recordId, recordTwo.id)),
    ).toHaveLength(1);
    expect(filed.body).toMatchObject({ subjectId: subjectTwo.id, onBehalfRelation: 'spouse' });
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, filed.body.id));
    expect(row).toMatchObject({ subjectId: subjectTwo.id, openedByUserId: filer.id, onBehalfRelation: 'spouse' });
    const listed = await h.call('GET', `/api/v1/cases/${filed.body.id}/attachments`, { token });
    expect(listed.body.attachments).toMatchObject([{ filename: 'letter.png', kind: 'authorisation' }]);
  });

  it('shows "由 X 代为申请" to staff, the filer and the subject; the phone whole only to the filer', async () => {
    const staff = await page(`/cases/${caseId}`, reviewer.username, 'zh-CN');
    expect(staff.status).toBe(200);
    expect(staff.text).toContain(`由 ${filer.displayName} 代为申请`);
    expect(staff.text).toContain('与信用主体的关系：子女');
    expect(staff.text).toContain('138****8000');
    expect(staff.text).not.toContain('13800138000');
    expect(staff.text).toContain('授权委托书');
    const own = await page(`/cases/${caseId}`, filer.username, 'en');
    expect(own.status).toBe(200);
    expect(own.text).toContain(`Filed on the subject’s behalf by ${filer.displayName}`);
    expect(own.text).toContain('13800138000');
    const theSubject = await page(`/cases/${caseId}`, subjectUser.username, 'zh-CN');
    expect(theSubject.status).toBe(200);
    expect(theSubject.text).toContain(`由 ${filer.displayName} 代为申请`);
    expect(theSubject.text).toContain('138****8000');
    expect(theSubject.text).not.toContain('13800138000');
  });

  it('lets the filer reach that case only: not the subject’s record, nor their other cases; another citizen nothing', async () => {
    const filerToken = await h.login(filer.username);
    // The subject's own objection... cannot run beside this one; their explanation is another case of theirs.
    const explanation = await openCase(h.services, {
      actor: actorOf(subjectUser),
      type: 'explanation',
      filing: { recordId: record.id, statement: '本人已整改。' },
    });
    const listed = await h.call('GET', '/api/v1/cases', { token: filerToken });
    expect(listed.status).toBe(200);
    // Only what they filed: this case and the explanation filed through the API for someone else.
    expect(listed.body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(listed.body.cases.map((c: { id: string }) => c.id)).not.toContain(explanation.row.id);
    expect(listed.body.cases).toHaveLength(2);
    expect((await h.call('GET', `/api/v1/cases/${explanation.row.id}`, { token: filerToken })).status).toBe(404);
    expect((await h.call('GET', `/api/v1/records/${record.id}`, { token: filerToken })).status).toBe(404);
    expect((await page(`/records/${record.id}`, filer.username, 'en')).status).toBe(404);
    const mine = await h.call('GET', '/api/v1/me/records', { token: filerToken });
    expect(JSON.stringify(mine.body)).not.toContain(record.id);
    // The subject's list has both cases.
    const subjectList = await h.call('GET', '/api/v1/cases', { token: await h.login(subjectUser.username) });
    expect(subjectList.body.cases.map((c: { id: string }) => c.id).sort()).toEqual([caseId, explanation.row.id].sort());
    // Someone else: the case does not exist.
    const otherToken = await h.login(otherCitizen.username);
    expect((await h.call('GET', `/api/v1/cases/${caseId}`, { token: otherToken })).status).toBe(404);
    expect((await page(`/cases/${caseId}`, otherCitizen.username, 'en')).status).toBe(404);
    // The filer's look at the case is in the subject's access register.
    const register = await h.call('GET', '/api/v1/me/access-log', { token: await h.login(subjectUser.username) });
    expect(JSON.stringify(register.body)).toContain(filer.displayName);
  });

  it('answers every mismatch with the same words, so the form tells no one whether a number is known', async () => {
    // A filing on behalf that is refused: the issues it is refused with.
    const refusalOf = async (
      over: Record<string, unknown>,
      filed: { by?: typeof filer; type?: string; filing?: Record<string, unknown> } = {},
    ) => {
      const error = await openCase(h.services, {
        actor: actorOf(filed.by ?? otherCitizen),
        type: filed.type ?? 'objection',
        filing: filed.filing ?? { reason: 'x' },
        onBehalf: {
          subjectResidentId: subject.residentId,
          subjectName: subject.name,
          decisionNumber: record.decisionNumber,
          relation: 'other',
          ...over,
        },
        authorisationLetters: [letter()],
      }).catch((e: unknown) => e);
      expect(isDomainError(error, 'INVALID_INPUT')).toBe(true);
      return (error as { details: { issues: { path: string; kind?: string }[] } }).details.issues;
    };
    const wrongName = await refusalOf({ subjectName: '别人' });
    const wrongDecision = await refusalOf({ decisionNumber: '不存在〔2026〕1号' });
    const noRecords = await refusalOf({ subjectResidentId: (await makeSubjectNumberOnly()).residentId });
    const unknownPerson = await refusalOf({ subjectResidentId: randomResidentId() });
    expect(wrongName).toEqual(wrongDecision);
    expect(wrongName).toEqual(noRecords);
    expect(wrongName).toEqual(unknownPerson);
    expect(wrongName).toMatchObject([{ path: 'decisionNumber', kind: 'no_matching_record' }]);
    // A number that cannot be real is said plainly (it names nobody).
    expect(await refusalOf({ subjectResidentId: '110105194912310021' })).toMatchObject([
      { path: 'subjectResidentId', kind: 'resident_id_invalid' },
    ]);
    // One's own record needs no letter.
    expect(
      await refusalOf(
        {
          subjectResidentId: filerSubject.residentId,
          subjectName: filerSubject.name,
          decisionNumber: filerOwnRecord.decisionNumber,
        },
        { by: filer },
      ),
    ).toMatchObject([{ kind: 'own_record' }]);
    const ownRecordSubject = await h.database.db.select().from(cases).where(eq(cases.recordId, filerOwnRecord.id));
    expect(ownRecordSubject).toEqual([]);

    // A filing with a field of its own left wrong is answered the same whether or not the three
    // facts name a record: its fields are checked before anything is looked up.
    const withEmptyReason = async (over: Record<string, unknown>) =>
      (await refusalOf(over, { filing: { reason: '' } })).map((issue) => issue.path);
    expect(await withEmptyReason({})).toEqual(['reason']);
    expect(await withEmptyReason({ subjectName: '别人' })).toEqual(['reason']);

    // Not a repair: its intake cannot find a letter not valid (src/domain/on-behalf.ts).
    expect(
      await refusalOf({}, { type: 'repair', filing: { routes: ['performance'], commitment: '承诺' } }),
    ).toMatchObject([{ path: 'type' }]);
  });

  it('throttles the look-ups of filings on behalf per account', async () => {
    const prober = await makeUser(h.database.db, 'citizen', { subjectId: (await makeSubject(h.database.db)).id });
    const attempt = () =>
      openCase(h.services, {
        actor: actorOf(prober),
        type: 'objection',
        filing: { reason: 'x' },
        onBehalf: {
          subjectResidentId: randomResidentId(),
          subjectName: '某人',
          decisionNumber: '某〔2026〕1号',
          relation: 'other',
        },
        authorisationLetters: [letter()],
      }).catch((e: unknown) => e);
    for (let i = 0; i < onBehalfLookupsPerMinute; i++)
      expect(isDomainError(await attempt(), 'INVALID_INPUT')).toBe(true);
    expect(isDomainError(await attempt(), 'TOO_MANY_ATTEMPTS')).toBe(true);
    // Another account is counted on its own.
    expect(
      isDomainError(
        await openCase(h.services, {
          actor: actorOf(otherCitizen),
          type: 'objection',
          filing: { reason: 'x' },
          onBehalf: { subjectResidentId: randomResidentId(), subjectName: 'x', decisionNumber: 'x', relation: 'other' },
          authorisationLetters: [letter()],
        }).catch((e: unknown) => e),
        'INVALID_INPUT',
      ),
    ).toBe(true);
  });

  /** A person who is in the registry, with a number a test can use: a fresh subject with no records. */
  async function makeSubjectNumberOnly() {
    return makeSubject(h.database.db);
  }

  it('refuses a phone that is neither a mobile nor a landline, naming the field in both languages', async () => {
    const ownRecord = await makeRecord(h.database.db, subject.id, agencyId);
    const refused = await postForm(
      `/records/${ownRecord.id}/file/objection`,
      subjectUser.username,
      'zh-CN',
      { reason: '已缴清', contactPhone: '12345' },
      false,
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('请填写 11 位手机号码，或带区号的固定电话');
    expect(refused.text).toContain('value="12345"');
    const en = await postForm(
      `/records/${ownRecord.id}/file/objection`,
      subjectUser.username,
      'en',
      { reason: '已缴清', contactPhone: '020-1234' },
      false,
    );
    expect(en.status).toBe(422);
    expect(en.text).toContain('give a mainland mobile number');
    // A landline with its area code is taken, through the API as well.
    const api = await h.call('POST', '/api/v1/cases', {
      token: await h.login(subjectUser.username),
      body: { type: 'objection', recordId: ownRecord.id, reason: '已缴清', contactPhone: '010 6552 9988' },
    });
    expect(api.status).toBe(201);
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, api.body.id));
    expect(row!.contactPhoneMasked).toBe('010-****9988');
  });

  it('lets staff reject a letter that is not valid at intake, with the reason told to the filer and the subject', async () => {
    const token = await h.login(reviewer.username);
    const refusedEmpty = await postForm(
      `/cases/${caseId}/authorisation-rejection`,
      reviewer.username,
      'en',
      { _version: '1', reason: '' },
      false,
    );
    expect(refusedEmpty.status).toBe(422);
    // The case's own REJECT does not carry the finding: only its form, which records it on the case.
    const current = (await h.call('GET', `/api/v1/cases/${caseId}`, { token })).body.version;
    const byEvent = await h.call('POST', `/api/v1/cases/${caseId}/events`, {
      token,
      body: { type: 'REJECT', reasonCode: 'authorisation_invalid', reasons: 'Not signed.' },
      headers: { 'If-Match': `"${current}"` },
    });
    expect(byEvent.status).toBe(422);
    expect(byEvent.body.issues).toMatchObject([{ path: 'reasonCode' }]);
    const version = (await h.call('GET', `/api/v1/cases/${caseId}`, { token })).body.version;
    const rejected = await postForm(
      `/cases/${caseId}/authorisation-rejection`,
      reviewer.username,
      'zh-CN',
      { _version: String(version), reason: '委托书未写明委托期限，也没有委托人签名。' },
      false,
    );
    expect(rejected.status).toBe(303);
    const view = (await h.call('GET', `/api/v1/cases/${caseId}`, { token })).body;
    expect(view.state).toBe('rejected');
    const trail = (await h.call('GET', `/api/v1/cases/${caseId}/audit`, { token })).body.events;
    expect(trail.at(-1)).toMatchObject({
      event: 'REJECT',
      payload: { reasonCode: 'authorisation_invalid', reasons: '委托书未写明委托期限，也没有委托人签名。' },
    });
    for (const who of [filer, subjectUser]) {
      const seen = await page(`/cases/${caseId}`, who.username, 'zh-CN');
      expect(seen.text).toContain('授权委托书经审核无效');
      expect(seen.text).toContain('委托书未写明委托期限，也没有委托人签名。');
      expect(seen.text).toContain('授权委托书无效');
      // The remedies are stated to both; the form that files one is the subject's alone.
      expect(seen.text).toContain('行政复议');
      expect(seen.text.includes('id="file-administrative-review"')).toBe(who === subjectUser);
    }
    // The subject is told the case closed, and so is the filer, who acts on it for them.
    const filerTold = await listNotifications(h.services, actorOf(filer));
    expect(filerTold.filter((n) => n.caseId === caseId).map((n) => n.topic)).toEqual(['case_closed']);
    const subjectTold = await listNotifications(h.services, actorOf(subjectUser));
    expect(subjectTold.filter((n) => n.caseId === caseId).map((n) => n.topic)).toEqual([
      'case_closed',
      'filed_on_your_behalf',
    ]);
    // Judged once: the case is closed and offers no second rejection.
    const again = await postForm(
      `/cases/${caseId}/authorisation-rejection`,
      supervisor.username,
      'en',
      { _version: String(view.version), reason: 'again' },
      false,
    );
    expect(again.status).toBe(409);
  });

  it('flags one phone used for several different subjects, with the cases it matched, shown masked', async () => {
    const db = h.database.db;
    const phone = '13912345678';
    const flagged: string[] = [];
    for (let i = 0; i < agentScreening.distinctSubjects.value; i++) {
      const someone = await makeSubject(db);
      const theirRecord = await makeRecord(db, someone.id, agencyId);
      const account = await makeUser(db, 'citizen', { subjectId: someone.id });
      const opened = await openCase(h.services, {
        actor: actorOf(account),
        type: 'objection',
        filing: { recordId: theirRecord.id, reason: '已缴清' },
        clientAddress: `198.51.100.${i + 50}`,
        // Written differently each time: grouped as one number.
        contactPhone: ['13912345678', '139 1234 5678', '+86 139-1234-5678'][i % 3],
      });
      flagged.push(opened.row.id);
    }
    const flags = await readAgentFlags(h.services, actorOf(supervisor));
    const byPhone = flags.find((f) => f.by === 'phone' && f.source === '139****5678');
    expect(byPhone).toBeDefined();
    expect(byPhone!.subjects).toBe(agentScreening.distinctSubjects.value);
    expect(byPhone!.cases.map((c) => c.id).sort()).toEqual(flagged.sort());
    expect(JSON.stringify(flags)).not.toContain(phone);
    const zh = await page('/overview', supervisor.username, 'zh-CN');
    expect(zh.text).toContain('电话: <code>139****5678</code>');
    expect(zh.text).toContain(`/cases/${flagged[0]}`);
    const en = await page('/overview', supervisor.username, 'en');
    expect(en.text).toContain('Phone: <code>139****5678</code>');
  });
});
