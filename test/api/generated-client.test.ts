// The OpenAPI document as a client's generator meets it: openapi-typescript turns the served
// document into types, and openapi-fetch, given only the document's paths and its first server,
// drives an objection from login to the reviewer's acceptance against the app in process.
import createClient from 'openapi-fetch';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeObjectionScenario, testPassword } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

/** Where the client believes xiufu is; the fetch below hands every request to the app itself. */
const origin = 'http://xiufu.test';

describe.each(drivers)('a client generated from the OpenAPI document (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('files an objection and has it accepted through openapi-fetch', async () => {
    const document = (await h.call('GET', '/api/v1/openapi.json')).body;
    const types = astToString(await openapiTS(document));
    for (const path of ['/auth/login', '/me/records', '/cases', '/cases/{id}', '/cases/{id}/events'])
      expect(types).toContain(`"${path}": {`);

    // OpenAPI 3.0 §4.7.1: with no `servers`, a client calls the paths at the root ('/').
    const baseUrl = new URL(document.servers?.[0]?.url ?? '/', origin).href.replace(/\/$/, '');
    const requested: string[] = [];
    // The document's types are generated above, at run time; the client here is untyped.
    // biome-ignore lint/suspicious/noExplicitAny: no static type exists for a document fetched at run time
    const client = createClient<any>({
      baseUrl,
      fetch: async (request: Request) => {
        requested.push(`${request.method} ${new URL(request.url).pathname}`);
        return h.app.request(request);
      },
    });
    const logIn = async (username: string) => {
      const { data, response } = await client.POST('/auth/login', { body: { username, password: testPassword } });
      expect(response.status).toBe(200);
      return { authorization: `Bearer ${data.token}` };
    };

    const citizen = await logIn(s.citizen.username);
    const records = await client.GET('/me/records', { headers: citizen });
    expect(records.response.status).toBe(200);
    expect(records.data.records.map((r: { id: string }) => r.id)).toEqual([s.record.id]);

    const filed = await client.POST('/cases', {
      headers: citizen,
      body: { type: 'objection', recordId: s.record.id, reason: 'The fine was paid on time' },
    });
    expect(filed.response.status).toBe(201);
    expect(filed.data).toMatchObject({ type: 'objection', state: 'intake', version: 1 });

    const reviewer = await logIn(s.reviewer.username);
    const accepted = await client.POST('/cases/{id}/events', {
      params: { path: { id: filed.data.id } },
      headers: { ...reviewer, 'If-Match': '"1"' },
      body: { type: 'ACCEPT' },
    });
    expect(accepted.response.status).toBe(200);
    const read = await client.GET('/cases/{id}', { params: { path: { id: filed.data.id } }, headers: citizen });
    expect(read.data).toMatchObject({ id: filed.data.id, version: 2, status: 'open' });
    expect(read.data.state).not.toBe('intake');

    expect(requested).toEqual([
      'POST /api/v1/auth/login',
      'GET /api/v1/me/records',
      'POST /api/v1/cases',
      'POST /api/v1/auth/login',
      `POST /api/v1/cases/${filed.data.id}/events`,
      `GET /api/v1/cases/${filed.data.id}`,
    ]);
  });
});
