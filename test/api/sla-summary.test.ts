// The supervisors' SLA summary, on PostgreSQL and PGlite: its counts agree with the case lists
// they summarise; they are a stored copy at most a minute old (figuresAsOf), renewed by the
// first reader after that or by the worker's job; the breached list is live even while the
// counts are not; and readers arriving together with no copy stored all get one. The overview
// and /metrics count the open cases from the same stored copy, not with a pass per request.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaFigures } from '../../db/schema.js';
import {
  keepSlaFiguresFresh,
  readSlaSummary,
  slaFiguresJob,
  slaFiguresMaxAgeMs,
} from '../../src/services/read-sla-summary.js';
import { readOverview } from '../../src/services/read-overview.js';
import { actorOf } from '../../src/services/log-in.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

type Summary = {
  asOf: string;
  figuresAsOf: string;
  byTypeStateAndSla: { type: string; state: string; sla: string; open: number }[];
  byAssignee: { assigneeId: string | null; onTrack: number; atRisk: number; breached: number }[];
  breached: { id: string }[];
};

describe.each(drivers)('the SLA summary (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};
  let supervisor: Awaited<ReturnType<typeof makeUser>>;

  const file = async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'objection', recordId: record.id, reason: 'Wrong.' },
    });
    expect(filed.status).toBe(201);
    return filed.body as { id: string; version: number; deadline: { dueAt: string } };
  };
  const summary = async (): Promise<Summary> => {
    const answer = await h.call('GET', '/api/v1/sla/summary', { token: token.supervisor });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const openCount = (figures: Summary, sla: string) =>
    figures.byTypeStateAndSla.filter((row) => row.sla === sla).reduce((sum, row) => sum + row.open, 0);
  const listed = async (query: string) =>
    (await h.call('GET', `/api/v1/cases?status=open&limit=200&${query}`, { token: token.supervisor })).body.cases
      .length as number;

  beforeAll(async () => {
    h = await startHarness(driver, '2026-11-25T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    supervisor = await makeUser(h.database.db, 'supervisor');
    for (const [name, user] of Object.entries({ citizen: s.citizen, reviewer: s.reviewer, supervisor }))
      token[name] = await h.login(user.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('counts what the case lists show, by status and by assignee', async () => {
    const early = await file();
    for (let i = 0; i < 3; i += 1) await file();
    const accepted = await h.call('POST', `/api/v1/cases/${early.id}/events`, {
      token: token.reviewer,
      body: { type: 'ACCEPT' },
      headers: { 'If-Match': `"${early.version}"` },
    });
    expect(accepted.status).toBe(200);
    // Days later some are at risk or breached; the figures are taken now.
    h.clock.set(new Date(Date.parse(early.deadline.dueAt) - 86_400_000).toISOString());
    await file();
    const figures = await summary();
    expect(figures.figuresAsOf).toBe(figures.asOf);
    for (const sla of ['on_track', 'at_risk', 'breached'])
      expect(openCount(figures, sla), sla).toBe(await listed(`sla=${sla}`));
    expect(openCount(figures, 'at_risk') + openCount(figures, 'breached')).toBeGreaterThan(0);
    // The case filed last has no due moment yet (its deadline reaches a year without a loaded
    // holiday calendar): it counts in no SLA column, as the lists agree.
    const columns = { onTrack: 'on_track', atRisk: 'at_risk', breached: 'breached' } as const;
    for (const [assignee, row] of [
      [s.reviewer.id, figures.byAssignee.find((r) => r.assigneeId === s.reviewer.id)!],
      ['none', figures.byAssignee.find((r) => r.assigneeId === null)!],
    ] as const) {
      for (const [column, sla] of Object.entries(columns))
        expect(row[column as keyof typeof columns], `${assignee} ${sla}`).toBe(
          await listed(`assignee=${assignee}&sla=${sla}`),
        );
    }
  });

  it('serves the stored counts for a minute, then renews them; the breached list is live throughout', async () => {
    h.clock.set('2026-11-26T02:00:00Z');
    const first = await summary();
    const before = openCount(first, 'on_track') + openCount(first, 'at_risk');
    const soon = await file();
    const cached = await summary();
    expect(cached.figuresAsOf).toBe(first.figuresAsOf);
    expect(openCount(cached, 'on_track') + openCount(cached, 'at_risk')).toBe(before);

    // Ten seconds before the new case's deadline the counts are renewed; twenty seconds later
    // it is breached: the list says so at once, the counts a minute later.
    const due = Date.parse(soon.deadline.dueAt);
    h.clock.set(new Date(due - 10_000).toISOString());
    const renewed = await summary();
    expect(renewed.figuresAsOf).toBe(renewed.asOf);
    expect(renewed.breached.map((c) => c.id)).not.toContain(soon.id);
    h.clock.set(new Date(due + 10_000).toISOString());
    const live = await summary();
    expect(live.figuresAsOf).toBe(renewed.figuresAsOf);
    expect(live.breached.map((c) => c.id)).toContain(soon.id);
    expect(openCount(live, 'breached')).toBe(openCount(renewed, 'breached'));
    h.clock.set(new Date(due + 10_000 + 60_000).toISOString());
    const later = await summary();
    expect(later.figuresAsOf).toBe(later.asOf);
    expect(openCount(later, 'breached')).toBeGreaterThan(openCount(renewed, 'breached'));
  });

  it('is renewed by the worker’s job only when a reader has not just done it', async () => {
    const taken = (await summary()).figuresAsOf;
    expect((await keepSlaFiguresFresh(h.services)).toISOString()).toBe(taken);
    h.clock.set(new Date(Date.parse(taken) + slaFiguresJob.everyMs / 2 - 1).toISOString());
    expect((await keepSlaFiguresFresh(h.services)).toISOString()).toBe(taken);
    // The next run, a few milliseconds short of a whole period after the one before, renews.
    h.clock.set(new Date(Date.parse(taken) + slaFiguresJob.everyMs - 5).toISOString());
    expect((await keepSlaFiguresFresh(h.services)).toISOString()).toBe(h.services.now().toISOString());
  });

  it('gives readers arriving together, with no copy stored, one each and no error', async () => {
    await h.database.db.delete(slaFigures).where(eq(slaFigures.name, 'summary'));
    const read = await Promise.all(Array.from({ length: 4 }, () => readSlaSummary(h.services, actorOf(supervisor))));
    for (const summary of read) expect(summary.byTypeStateAndSla).toEqual(read[0]!.byTypeStateAndSla);
    expect(read[0]!.byTypeStateAndSla.length).toBeGreaterThan(0);
    expect(await h.database.db.select().from(slaFigures)).toHaveLength(1);
  });

  it('gives the overview and /metrics the stored counts: the cases the list shows, renewed after a minute', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    const total = (rows: { open: number }[]) => rows.reduce((sum, row) => sum + row.open, 0);
    const overview = () => readOverview(h.services, actorOf(supervisor));
    const metered = async () => {
      const text = await (await h.app.request('/metrics')).text();
      return [...text.matchAll(/^xiufu_open_cases\{sla="(\w+)"\} (\d+)$/gm)].reduce(
        (sum, [, , open]) => sum + Number(open),
        0,
      );
    };
    const first = await overview();
    expect(first.figuresAsOf).toBe(h.services.now().toISOString());
    const open = await listed('');
    expect(open).toBeGreaterThan(0);
    expect(total(first.byTypeAndState)).toBe(open);
    expect(total(first.byAgency)).toBe(open);
    expect(total(first.byAssignee)).toBe(open);
    expect(first.byAssignee.find((row) => row.assigneeId === s.reviewer.id)?.open).toBe(
      await listed(`assignee=${s.reviewer.id}`),
    );
    expect(await metered()).toBe(open);

    // A case filed now is in the list at once; the counts are a stored copy, so neither the
    // overview nor a scrape shows it until the copy is renewed a minute later.
    await file();
    expect(await listed('')).toBe(open + 1);
    const cached = await overview();
    expect(cached.figuresAsOf).toBe(first.figuresAsOf);
    expect(total(cached.byTypeAndState)).toBe(open);
    expect(await metered()).toBe(open);
    h.clock.set(new Date(Date.parse(first.figuresAsOf) + slaFiguresMaxAgeMs).toISOString());
    const renewed = await overview();
    expect(renewed.figuresAsOf).toBe(h.services.now().toISOString());
    expect(total(renewed.byTypeAndState)).toBe(open + 1);
    expect(await metered()).toBe(open + 1);
  });
});
