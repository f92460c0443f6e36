// Evidence on both drivers (bytea comes back differently from postgres.js and PGlite): filed
// with a case, listed and downloaded byte for byte, its SHA-256 in the audit event; files
// that are not what they claim refused. And the page a browser gets when the server fails.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReceiptPdf, makeSealPng } from '../../src/services/demo-evidence.js';
import { openCase } from '../../src/services/open-case.js';
import { isDomainError } from '../../src/domain/errors.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { actorOf } from '../../src/services/log-in.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('evidence (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  beforeAll(async () => {
    h = await startHarness(driver);
    s = await makeObjectionScenario(h.database.db);
  });
  afterAll(() => h.close());

  const citizenActor = () => actorOf(s.citizen);

  it('stores evidence with its case, lists it, and returns it byte for byte with its hash in the audit', async () => {
    const pdf = makeReceiptPdf(['Receipt', 'Paid']);
    const png = makeSealPng();
    const opened = await openCase(h.services, {
      actor: citizenActor(),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'Paid on time' },
      files: [{ filename: 'receipt.pdf', content: pdf }, { filename: '../../seal.png', content: png }],
    });
    const token = await h.login(s.citizen.username);
    const listed = await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token });
    expect(listed.status).toBe(200);
    expect(listed.body.attachments.map((a: { filename: string; contentType: string }) => `${a.filename} ${a.contentType}`)).toEqual(['receipt.pdf application/pdf', 'seal.png image/png']);

    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const download = await h.app.request(`/api/v1/cases/${opened.row.id}/attachments/${listed.body.attachments[1].id}`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(sha(bytes)).toBe(sha(png));
    expect(download.headers.get('x-content-sha256')).toBe(sha(png));

    const audit = await h.call('GET', `/api/v1/cases/${opened.row.id}/audit`, { token });
    expect(audit.body.events[0].payload.attachments.map((a: { sha256: string }) => a.sha256)).toEqual([sha(pdf), sha(png)]);
    expect((await h.call('GET', `/api/v1/cases/${opened.row.id}/audit/verify`, { token })).body.valid).toBe(true);

    const otherToken = await h.login(s.otherCitizen.username);
    expect((await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token: otherToken })).status).toBe(404);
  });

  it('refuses a file that is not what it claims, too many files, and files where the action takes none', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const fake = { filename: 'receipt.pdf', content: new TextEncoder().encode('<script>alert(1)</script>') };
    const refused = await openCase(h.services, { actor: citizenActor(), type: 'objection', filing: { recordId: record.id, reason: 'x' }, files: [fake] }).catch((e: unknown) => e);
    expect(isDomainError(refused, 'INVALID_INPUT')).toBe(true);
    expect((refused as Error).message).toContain('receipt.pdf is not a PDF, PNG, JPEG or WebP file');

    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `p${i}.png`, content: makeSealPng() }));
    const tooMany = await openCase(h.services, { actor: citizenActor(), type: 'objection', filing: { recordId: record.id, reason: 'x' }, files: six }).catch((e: unknown) => e);
    expect((tooMany as Error).message).toContain('at most 5 files');
    // Nothing was written: the record is not disputed.
    const token = await h.login(s.citizen.username);
    expect((await h.call('GET', `/api/v1/records/${record.id}`, { token })).body.disputed).toBe(false);
  });
});

describe('the page a browser gets when the server fails', () => {
  it('is a plain error page with the request id, never a stack trace', async () => {
    const h = await startHarness('pglite');
    const s = await makeObjectionScenario(h.database.db);
    const token = await h.login(s.citizen.username);
    await h.database.close();
    const response = await h.app.request('/records', { headers: { cookie: `xiufu_session=${token}`, 'accept-language': 'en' } });
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('Something went wrong on our side');
    expect(html).toMatch(/quote request id [0-9a-f-]{36}/);
    expect(html).not.toMatch(/\.ts:\d+|at [A-Za-z.]+ \(/);
    expect(h.errors).toHaveLength(1);
  });
});
