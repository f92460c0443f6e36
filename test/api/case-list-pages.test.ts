// Paging through a list of cases, on PostgreSQL and PGlite: following `next` visits every case
// once, in the order of the whole list, for each sort, with ties in the filing moment and cases
// whose clock is paused (no due moment, so last by due); a page position that is not one is a
// 422; a case filed between two pages neither repeats nor hides another; and the queue page in
// the web UI links to the next page and back to the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('paging through cases (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  const token: Record<string, string> = {};
  const paused: string[] = [];

  const file = async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: token.citizen,
      body: { type: 'objection', recordId: record.id, reason: 'Wrong.' },
    });
    expect(filed.status).toBe(201);
    return filed.body as { id: string; version: number };
  };
  const walk = async (query: string, from: string | null = null) => {
    const seen: string[] = [];
    let after: string | null = from;
    let pages = 0;
    do {
      const answer: { status: number; body: { cases: { id: string }[]; next: string | null } } = await h.call(
        'GET',
        `/api/v1/cases?${query}&limit=3${after ? `&after=${after}` : ''}`,
        { token: token.reviewer },
      );
      expect(answer.status).toBe(200);
      expect(answer.body.cases.length).toBeLessThanOrEqual(3);
      seen.push(...answer.body.cases.map((c) => c.id));
      after = answer.body.next;
      pages += 1;
    } while (after && pages < 100);
    return { seen, pages };
  };

  beforeAll(async () => {
    // One moment for every filing: the filing moments tie, and the id breaks the tie.
    h = await startHarness(driver, '2026-11-25T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    const supervisor = await makeUser(h.database.db, 'supervisor');
    for (const [name, user] of Object.entries({ citizen: s.citizen, reviewer: s.reviewer, supervisor }))
      token[name] = await h.login(user.username);
    const filed = [];
    for (let i = 0; i < 6; i += 1) filed.push(await file());
    h.clock.set('2026-11-26T02:00:00Z');
    for (let i = 0; i < 5; i += 1) filed.push(await file());
    // Two cases wait for material: their clock is paused and they have no due moment.
    for (const theCase of filed.slice(0, 2)) {
      const waiting = await h.call('POST', `/api/v1/cases/${theCase.id}/events`, {
        token: token.reviewer,
        body: { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'The receipt.' },
        headers: { 'If-Match': `"${theCase.version}"` },
      });
      expect(waiting.status).toBe(200);
      expect(waiting.body.deadline.paused).toBe(true);
      paused.push(theCase.id);
    }
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it.each(['newest', 'oldest', 'due'])(
    'visits every case once, in the order of the whole list (sort %s)',
    async (sort) => {
      const whole = (await h.call('GET', `/api/v1/cases?sort=${sort}&limit=200`, { token: token.reviewer })).body;
      expect(whole.cases).toHaveLength(11);
      expect(whole.next).toBeNull();
      const { seen, pages } = await walk(`sort=${sort}`);
      expect(pages).toBe(4);
      expect(seen).toEqual(whole.cases.map((c: { id: string }) => c.id));
      if (sort === 'due') {
        // Paused clocks have no due moment and come last.
        expect(
          whole.cases
            .slice(-2)
            .map((c: { id: string }) => c.id)
            .sort(),
        ).toEqual([...paused].sort());
      }
    },
  );

  it('keeps its place when a case is filed between two pages', async () => {
    const first = (await h.call('GET', '/api/v1/cases?sort=oldest&limit=3', { token: token.reviewer })).body;
    h.clock.set('2026-11-27T02:00:00Z');
    const added = await file();
    const rest = await walk('sort=oldest', first.next);
    const ids = [...first.cases.map((c: { id: string }) => c.id), ...rest.seen];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
    expect(ids.at(-1)).toBe(added.id);
  });

  it('documents a list as case summaries, without the person’s details', async () => {
    const document = (await h.call('GET', '/api/v1/openapi.json')).body;
    const listed =
      document.paths['/cases'].get.responses['200'].content['application/json'].schema.properties.cases.items;
    expect(listed.$ref).toBe('#/components/schemas/CaseSummary');
    const summary = document.components.schemas.CaseSummary;
    expect(Object.keys(summary.properties)).not.toEqual(expect.arrayContaining(['details']));
    for (const personal of ['details', 'subjectId', 'linkedCases', 'allowedEvents'])
      expect(summary.properties, personal).not.toHaveProperty(personal);
    const page = (await h.call('GET', '/api/v1/cases?limit=3', { token: token.reviewer })).body;
    for (const theCase of page.cases)
      expect(Object.keys(theCase).sort()).toEqual(Object.keys(summary.properties).sort());
  });

  it('refuses a page position that is not one, naming the parameter', async () => {
    const byOffset = await h.call('GET', '/api/v1/cases?offset=50', { token: token.reviewer });
    expect(byOffset.status).toBe(422);
    expect(byOffset.body.issues).toEqual([{ path: 'offset', message: expect.stringContaining('after') }]);
    const newest = (await h.call('GET', '/api/v1/cases?sort=newest&limit=1', { token: token.reviewer })).body;
    for (const after of [
      'garbage',
      Buffer.from('["newest",null,"yesterday","x"]').toString('base64url'),
      newest.next,
    ]) {
      // The last is a real position, but from a list in another order.
      const answer = await h.call('GET', `/api/v1/cases?sort=due&after=${after}`, { token: token.reviewer });
      expect(answer.status, after).toBe(422);
      expect(answer.body.issues).toEqual([{ path: 'after', message: expect.any(String) }]);
    }
  });

  it('links the queue page to the next page and back to the first', async () => {
    // The page shows 50 cases; 40 more objections make a second page.
    for (let i = 0; i < 40; i += 1) await file();
    const cookie = { cookie: `xiufu_session=${token.reviewer}` };
    const first = await h.app.request('http://localhost/cases?status=all&sort=oldest', { headers: cookie });
    const html = await first.text();
    expect(first.status).toBe(200);
    expect(html.match(/href="\/cases\/[0-9a-f-]{36}"/g)).toHaveLength(50);
    const next = html.match(/<a href="([^"]+)" rel="next">/)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/cases\?status=all&sort=oldest&after=/);
    expect(html).not.toContain('回到第一页');
    const all = (await h.call('GET', '/api/v1/cases?limit=200', { token: token.reviewer })).body.cases.length as number;
    expect(all).toBeGreaterThan(50);
    const second = await h.app.request(`http://localhost${next}`, { headers: cookie });
    const secondHtml = await second.text();
    expect(secondHtml.match(/href="\/cases\/[0-9a-f-]{36}"/g)).toHaveLength(all - 50);
    expect(secondHtml).not.toContain('rel="next"');
    expect(secondHtml).toContain('href="/cases?status=all&amp;sort=oldest">回到第一页');
    // An edited position starts the list again rather than failing.
    const edited = await h.app.request('http://localhost/cases?status=all&sort=oldest&after=bogus', {
      headers: cookie,
    });
    expect(edited.status).toBe(200);
    expect((await edited.text()).match(/href="\/cases\/[0-9a-f-]{36}"/g)).toHaveLength(50);
  });
});
