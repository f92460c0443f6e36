// The queue as a service desk (issue 16 items 11–13): whose case and which decision each row
// is, search, "due this week", saved views per user, bulk claim and bulk reassignment through
// the case engine with the reason in each trail, both reviewers told of a reassignment, and an
// agency that says which fields of the record are wrong.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, notifications } from '../../db/schema.js';
import { maskPersonName } from '../../src/domain/identifiers.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { endOfChinaWeek } from '../../src/services/read-cases.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testStart } from '../helpers/test-clock.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('the queue as a service desk (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let supervisor: Awaited<ReturnType<typeof makeUser>>;
  let otherReviewer: Awaited<ReturnType<typeof makeUser>>;
  const tokens: Record<string, string> = {};

  /** A fresh objection of the scenario's citizen, on a record of its own, opened `daysAgo` days before the test start. */
  async function objection(daysAgo = 0) {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    h.clock.set(new Date(Date.parse(testStart) - daysAgo * 86_400_000));
    try {
      const opened = await openCase(h.services, {
        actor: actorOf(s.citizen),
        type: 'objection',
        filing: { recordId: record.id, reason: 'Paid on time.' },
      });
      return { id: opened.row.id, version: opened.row.version, record };
    } finally {
      h.clock.set(testStart);
    }
  }

  const list = async (token: string, query: string) => {
    const response = await h.call('GET', `/api/v1/cases?status=open&limit=200&${query}`, { token });
    expect(response.status, query).toBe(200);
    return response.body.cases as {
      id: string;
      subjectName: string;
      decisionNumber: string;
      agencyName: string;
      assigneeId: string | null;
    }[];
  };

  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
    [supervisor, otherReviewer] = await Promise.all([
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'reviewer'),
    ]);
    for (const user of [s.reviewer, supervisor, otherReviewer, s.agencyOfficer, s.citizen])
      tokens[user.id] = await h.login(user.username);
  });
  afterAll(() => h.close());

  it('shows whose case (the name masked), which decision and which agency; searches by case number, decision number and name', async () => {
    const one = await objection();
    const rows = await list(tokens[s.reviewer.id]!, `q=${encodeURIComponent(one.record.decisionNumber)}`);
    expect(rows.map((r) => r.id)).toEqual([one.id]);
    expect(rows[0]).toMatchObject({
      subjectName: maskPersonName(s.subject.name),
      decisionNumber: one.record.decisionNumber,
      agencyName: s.agency.name,
    });
    expect(rows[0]!.subjectName).not.toContain(s.subject.name.slice(1));
    // The case number as the queue shows it (#, then the first eight characters of the id).
    expect(
      (await list(tokens[s.reviewer.id]!, `q=${encodeURIComponent(`#${one.id.slice(0, 8)}`)}`)).map((r) => r.id),
    ).toEqual([one.id]);
    // A name: the subject's cases, not the other subject's.
    const byName = await list(tokens[s.reviewer.id]!, `q=${encodeURIComponent(s.subject.name)}`);
    expect(byName.map((r) => r.id)).toContain(one.id);
    expect(byName.every((r) => r.subjectName === maskPersonName(s.subject.name))).toBe(true);
    // LIKE's own characters are searched for as themselves, not as wildcards.
    expect(await list(tokens[s.reviewer.id]!, 'q=%25')).toEqual([]);
    // A citizen searching finds only their own; another citizen's case number finds nothing.
    const otherToken = await h.login(s.otherCitizen.username);
    expect(await list(otherToken, `q=${one.id.slice(0, 8)}`)).toEqual([]);
  });

  it('lists what is due by the end of this week (overdue included), and nothing due later', async () => {
    const soon = await objection(19); // 20 calendar days from filing: its last day is Friday 27 November
    const later = await objection(0);
    expect(endOfChinaWeek(new Date(testStart)).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    const ids = (await list(tokens[s.reviewer.id]!, 'due=week')).map((r) => r.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
  });

  it('keeps saved views per user, server-side: saved, replaced under the same name, deleted; another user’s is not theirs', async () => {
    const token = tokens[s.reviewer.id]!;
    const saved = await h.call('POST', '/api/v1/me/queue-views', {
      token,
      body: { name: 'Mine, due this week', filters: { assignee: 'me', due: 'week', bogus: 'x' } },
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ name: 'Mine, due this week', query: 'assignee=me&due=week' });
    const again = await h.call('POST', '/api/v1/me/queue-views', {
      token,
      body: { name: 'Mine, due this week', filters: { assignee: 'me', due: 'week', sort: 'due' } },
    });
    expect(again.body).toEqual({
      id: saved.body.id,
      name: 'Mine, due this week',
      query: 'assignee=me&sort=due&due=week',
    });
    expect((await h.call('GET', '/api/v1/me/queue-views', { token })).body.views).toEqual([again.body]);
    // Another reviewer has none, and cannot delete this one.
    const other = tokens[otherReviewer.id]!;
    expect((await h.call('GET', '/api/v1/me/queue-views', { token: other })).body.views).toEqual([]);
    expect((await h.call('DELETE', `/api/v1/me/queue-views/${saved.body.id}`, { token: other })).status).toBe(404);
    const unnamed = await h.call('POST', '/api/v1/me/queue-views', { token, body: { name: ' ', filters: {} } });
    expect(unnamed.status).toBe(422);
    expect((await h.call('DELETE', `/api/v1/me/queue-views/${saved.body.id}`, { token })).status).toBe(204);
    expect((await h.call('GET', '/api/v1/me/queue-views', { token })).body.views).toEqual([]);
  });

  it('claims several cases at once, each through the door with the reason in its trail; a case changed meanwhile is refused alone', async () => {
    const [a, b, c] = [await objection(), await objection(), await objection()];
    // c moves on before the bulk claim: the version the list showed is stale.
    await applyCaseEvent(h.services, {
      caseId: c.id,
      actor: actorOf(s.reviewer),
      expectedVersion: 1,
      type: 'ACCEPT',
      input: {},
    });
    const response = await h.call('POST', '/api/v1/cases/assignments', {
      token: tokens[otherReviewer.id]!,
      body: {
        action: 'claim',
        cases: [a, b, c].map(({ id, version }) => ({ id, version })),
        reason: 'Taking the food-safety batch.',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((r: { done: boolean; code?: string }) => [r.done, r.code ?? null])).toEqual([
      [true, null],
      [true, null],
      [false, 'VERSION_CONFLICT'],
    ]);
    const claimed = await h.database.db
      .select()
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, [a.id, b.id]), eq(caseEvents.event, 'CLAIMED')));
    expect(claimed.map((e) => [e.actorUserId, (e.payload as { reason?: string }).reason])).toEqual([
      [otherReviewer.id, 'Taking the food-safety batch.'],
      [otherReviewer.id, 'Taking the food-safety batch.'],
    ]);
    // A citizen claims nothing.
    const citizen = await h.call('POST', '/api/v1/cases/assignments', {
      token: tokens[s.citizen.id]!,
      body: { action: 'claim', cases: [{ id: a.id, version: 2 }] },
    });
    expect(citizen.status).toBe(403);
  });

  it('reassigns several cases (supervisors only, with a reason), telling the reviewer who lost each and the one who got it', async () => {
    const [a, b] = [await objection(), await objection()];
    for (const one of [a, b]) {
      await h.call('POST', '/api/v1/cases/assignments', {
        token: tokens[s.reviewer.id]!,
        body: { action: 'claim', cases: [{ id: one.id, version: one.version }] },
      });
    }
    const body = (reason?: string) => ({
      action: 'reassign',
      cases: [a, b].map(({ id }) => ({ id, version: 2 })),
      assigneeId: otherReviewer.id,
      ...(reason === undefined ? {} : { reason }),
    });
    expect(
      (await h.call('POST', '/api/v1/cases/assignments', { token: tokens[s.reviewer.id]!, body: body('x') })).status,
    ).toBe(403);
    const noReason = await h.call('POST', '/api/v1/cases/assignments', { token: tokens[supervisor.id]!, body: body() });
    expect(noReason.status).toBe(422);
    const done = await h.call('POST', '/api/v1/cases/assignments', {
      token: tokens[supervisor.id]!,
      body: body('Chen is on leave until Monday.'),
    });
    expect(done.body.results.every((r: { done: boolean }) => r.done)).toBe(true);
    const trail = await h.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, a.id), eq(caseEvents.event, 'REASSIGNED')));
    expect(trail[0]!.payload).toMatchObject({
      assignee: otherReviewer.username,
      previousAssignee: s.reviewer.username,
      reason: 'Chen is on leave until Monday.',
    });
    const told = await h.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.caseId, a.id),
          inArray(notifications.topic, ['case_reassigned_to_you', 'case_reassigned_away']),
        ),
      );
    expect(told.map((n) => [n.userId, n.topic]).sort()).toEqual(
      [
        [otherReviewer.id, 'case_reassigned_to_you'],
        [s.reviewer.id, 'case_reassigned_away'],
      ].sort(),
    );
    // The cases are the new reviewer’s now.
    const mine = await h.call('GET', '/api/v1/cases?assignee=me', { token: tokens[otherReviewer.id]! });
    expect(mine.body.cases.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('takes from the agency which fields are wrong, structured as a correction’s fields, and refuses a field a correction does not change', async () => {
    const one = await objection();
    await applyCaseEvent(h.services, {
      caseId: one.id,
      actor: actorOf(s.reviewer),
      expectedVersion: 1,
      type: 'ACCEPT',
      input: {},
    });
    const token = tokens[s.agencyOfficer.id]!;
    const send = (correction: Record<string, unknown>) =>
      h.call('POST', `/api/v1/cases/${one.id}/events`, {
        token,
        headers: { 'if-match': '"2"' },
        body: { type: 'AGENCY_DENIED', answer: 'The fine was paid on 2 April.', correction },
      });
    const unknown = await send({ colour: 'red' });
    expect(unknown.status).toBe(422);
    const denied = await send({ obligationPerformed: true, facts: 'Sold expired food; the fine was paid on time.' });
    expect(denied.status).toBe(200);
    const [event] = await h.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, one.id), eq(caseEvents.event, 'AGENCY_DENIED')));
    expect((event!.payload as { correction: unknown }).correction).toEqual({
      obligationPerformed: true,
      facts: 'Sold expired food; the fine was paid on time.',
    });
  });
});
