// Evidence on both drivers (bytea comes back differently from postgres.js and PGlite; the
// embedded build keeps contents in a folder): filed with a case, listed and downloaded byte
// for byte, its SHA-256 in the audit event and checked on every read; files that are not what
// they claim, and pictures too large to decode safely, refused; PDFs downloaded, never shown
// inline. And the page a browser gets when the server fails.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { attachments } from '../../db/schema.js';
import { csrfTokenOf } from '../../src/services/log-in.js';
import { evidencePathOf, keepEvidenceFile, sweepOrphanEvidence } from '../../src/services/evidence-store.js';
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
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  /** The seal PNG claiming other pixel dimensions in its header (what a decompression bomb does). */
  const pngOfSize = (width: number, height: number) => {
    const png = Buffer.from(makeSealPng());
    png.writeUInt32BE(width, 16);
    png.writeUInt32BE(height, 20);
    return new Uint8Array(png);
  };
  const fileWith = async (files: { filename: string; content: Uint8Array }[]) => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    return openCase(h.services, {
      actor: citizenActor(),
      type: 'objection',
      filing: { recordId: record.id, reason: 'Paid on time' },
      files,
    });
  };

  it('stores evidence with its case, lists it, and returns it byte for byte with its hash in the audit', async () => {
    const pdf = makeReceiptPdf(['Receipt', 'Paid']);
    const png = makeSealPng();
    const opened = await openCase(h.services, {
      actor: citizenActor(),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'Paid on time' },
      files: [
        { filename: 'receipt.pdf', content: pdf },
        { filename: '../../seal.png', content: png },
      ],
    });
    const token = await h.login(s.citizen.username);
    const listed = await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token });
    expect(listed.status).toBe(200);
    expect(
      listed.body.attachments.map((a: { filename: string; contentType: string }) => `${a.filename} ${a.contentType}`),
    ).toEqual(['receipt.pdf application/pdf', 'seal.png image/png']);

    const download = await h.app.request(
      `/api/v1/cases/${opened.row.id}/attachments/${listed.body.attachments[1].id}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(sha(bytes)).toBe(sha(png));
    expect(download.headers.get('x-content-sha256')).toBe(sha(png));

    const audit = await h.call('GET', `/api/v1/cases/${opened.row.id}/audit`, { token });
    expect(audit.body.events[0].payload.attachments.map((a: { sha256: string }) => a.sha256)).toEqual([
      sha(pdf),
      sha(png),
    ]);
    expect((await h.call('GET', `/api/v1/cases/${opened.row.id}/audit/verify`, { token })).body.valid).toBe(true);

    const otherToken = await h.login(s.otherCitizen.username);
    expect((await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token: otherToken })).status).toBe(404);
  });

  it('refuses a file that is not what it claims, too many files, and files where the action takes none', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const fake = { filename: 'receipt.pdf', content: new TextEncoder().encode('<script>alert(1)</script>') };
    const refused = await openCase(h.services, {
      actor: citizenActor(),
      type: 'objection',
      filing: { recordId: record.id, reason: 'x' },
      files: [fake],
    }).catch((e: unknown) => e);
    expect(isDomainError(refused, 'INVALID_INPUT')).toBe(true);
    expect((refused as Error).message).toContain('receipt.pdf is not a PDF, PNG, JPEG or WebP file');

    const six = Array.from({ length: 6 }, (_, i) => ({ filename: `p${i}.png`, content: makeSealPng() }));
    const tooMany = await openCase(h.services, {
      actor: citizenActor(),
      type: 'objection',
      filing: { recordId: record.id, reason: 'x' },
      files: six,
    }).catch((e: unknown) => e);
    expect((tooMany as Error).message).toContain('at most 5 files');
    // Nothing was written: the record is not disputed.
    const token = await h.login(s.citizen.username);
    expect((await h.call('GET', `/api/v1/records/${record.id}`, { token })).body.disputed).toBe(false);
  });

  it('refuses pictures whose pixel dimensions are not sane (a decompression bomb), naming the file, through the form too', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    for (const [width, height, why] of [
      [30_000, 100, 'more than 20000 pixels a side'],
      [12_000, 12_000, 'more than 100 megapixels'],
      [0, 120, 'its size in pixels cannot be read'],
    ] as const) {
      const refused = await openCase(h.services, {
        actor: citizenActor(),
        type: 'objection',
        filing: { recordId: record.id, reason: 'x' },
        files: [{ filename: 'bomb.png', content: pngOfSize(width, height) }],
      }).catch((e: unknown) => e);
      expect(isDomainError(refused, 'INVALID_INPUT')).toBe(true);
      expect((refused as Error).message).toContain(`bomb.png`);
      expect((refused as Error).message).toContain(why);
    }
    // A picture of a sane size in the same family is accepted.
    await expect(fileWith([{ filename: 'wide.png', content: pngOfSize(20_000, 4_000) }])).resolves.toBeTruthy();

    const token = await h.login(s.citizen.username);
    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token));
    form.append('reason', 'Paid on time');
    form.append('files', new Blob([pngOfSize(50_000, 50_000)], { type: 'image/png' }), '炸弹.png');
    const response = await h.app.request(`/records/${record.id}/file/objection`, {
      method: 'POST',
      body: form,
      headers: { cookie: `xiufu_session=${token}`, origin: 'http://localhost', 'accept-language': 'en' },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('炸弹.png');
    expect((await h.call('GET', `/api/v1/records/${record.id}`, { token })).body.disputed).toBe(false);
  });

  it('reads a form with files as it arrives: fields and files as sent, and a body that is not a form refused with 400', async () => {
    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const token = await h.login(s.citizen.username);
    const headers = { cookie: `xiufu_session=${token}`, origin: 'http://localhost', 'accept-language': 'en' };
    const form = new FormData();
    form.append('_csrf', csrfTokenOf(token));
    form.append('reason', '已按期还款 paid');
    form.append('files', new Blob([new Uint8Array(makeSealPng())], { type: 'image/png' }), '印章 seal.png');
    form.append('files', new Blob([]), ''); // a file input left empty
    const filed = await h.app.request(`/records/${record.id}/file/objection`, { method: 'POST', body: form, headers });
    expect(filed.status).toBe(303);
    const caseId = /\/cases\/([0-9a-f-]{36})/.exec(filed.headers.get('location') ?? '')![1]!;
    const listed = await h.call('GET', `/api/v1/cases/${caseId}/attachments`, { token });
    expect(listed.body.attachments.map((a: { filename: string }) => a.filename)).toEqual(['印章 seal.png']);
    expect((await h.call('GET', `/api/v1/cases/${caseId}/audit`, { token })).body.events[0].payload.reason).toBe(
      '已按期还款 paid',
    );

    const broken = await h.app.request(`/records/${record.id}/file/objection`, {
      method: 'POST',
      body: `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfTokenOf(token)}\r\n--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nno end`,
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    expect(broken.status).toBe(400);
    expect(h.errors).toEqual([]);
  });

  it('sends PDFs as downloads, never inline, and pictures inline in a sandbox', async () => {
    const opened = await fileWith([
      { filename: '收据.pdf', content: makeReceiptPdf(['Receipt']) },
      { filename: 'seal.png', content: makeSealPng() },
    ]);
    const token = await h.login(s.citizen.username);
    const [pdf, png] = (await h.call('GET', `/api/v1/cases/${opened.row.id}/attachments`, { token })).body
      .attachments as { id: string }[];
    for (const prefix of ['', '/api/v1']) {
      const get = (id: string) =>
        h.app.request(`${prefix}/cases/${opened.row.id}/attachments/${id}`, {
          headers: { cookie: `xiufu_session=${token}`, authorization: `Bearer ${token}` },
        });
      const asPdf = await get(pdf!.id);
      expect(asPdf.status).toBe(200);
      expect(asPdf.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent('收据.pdf')}`,
      );
      expect(asPdf.headers.get('x-content-type-options')).toBe('nosniff');
      expect(asPdf.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
      const asPng = await get(png!.id);
      expect(asPng.headers.get('content-type')).toBe('image/png');
      expect(asPng.headers.get('content-security-policy')).toMatch(/\bsandbox\b/);
      expect(asPng.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const page = await h.app.request(`/cases/${opened.row.id}/attachments/${png!.id}`, {
      headers: { cookie: `xiufu_session=${token}` },
    });
    expect(page.headers.get('content-disposition')).toMatch(/^inline; /);
  });

  it('keeps contents where the driver serves them: in the row on PostgreSQL, in a content-addressed folder on the embedded build; every read checks the SHA-256', async () => {
    const png = makeSealPng();
    const content = new Uint8Array([...png, ...randomBytes(32)]); // a PNG of its own, so its hash is this test's
    const opened = await fileWith([{ filename: 'seal.png', content }]);
    const [row] = await h.database.db.select().from(attachments).where(eq(attachments.caseId, opened.row.id));
    expect(row!.sha256).toBe(sha(content));
    const token = await h.login(s.citizen.username);
    const download = () =>
      h.app.request(`/api/v1/cases/${opened.row.id}/attachments/${row!.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect(sha(new Uint8Array(await (await download()).arrayBuffer()))).toBe(sha(content));
    const errorsBefore = h.errors.length;
    if (driver === 'pglite') {
      expect(row!.content).toBeNull();
      const file = evidencePathOf(h.services.evidenceFolder!, row!.sha256);
      expect(path.relative(h.services.evidenceFolder!, file)).toBe(path.join(row!.sha256.slice(0, 2), row!.sha256));
      expect(sha(await readFile(file))).toBe(sha(content));
      await writeFile(file, Buffer.from('not the evidence'));
    } else {
      expect(sha(new Uint8Array(row!.content!))).toBe(sha(content));
      await h.database.db
        .update(attachments)
        .set({ content: Buffer.from('not the evidence') })
        .where(eq(attachments.id, row!.id));
    }
    // A file changed where it is kept is never handed out as the evidence.
    const tampered = await download();
    expect(tampered.status).toBe(500);
    expect(await tampered.text()).not.toContain('not the evidence');
    expect(h.errors.length).toBe(errorsBefore + 1);
    expect(String(h.errors.at(-1))).toContain(row!.sha256);
  });
});

describe('the evidence folder of the embedded build', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('pglite');
  });
  afterAll(() => h.close());

  it('sweeps files no row refers to once they are an hour old, and leaves the rest', async () => {
    const s = await makeObjectionScenario(h.database.db);
    const folder = h.services.evidenceFolder!;
    const content = new Uint8Array([...makeSealPng(), ...randomBytes(32)]);
    await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'Paid' },
      files: [{ filename: 'kept.png', content }],
    });
    const referenced = evidencePathOf(folder, sha(content));
    // Written, then its transaction rolled back (or the process died): an orphan.
    const orphanContent = randomBytes(1000);
    const freshContent = randomBytes(1000);
    await keepEvidenceFile(folder, orphanContent, sha(orphanContent));
    await keepEvidenceFile(folder, freshContent, sha(freshContent));
    const orphan = evidencePathOf(folder, sha(orphanContent));
    const fresh = evidencePathOf(folder, sha(freshContent));
    const twoHoursAgo = new Date(h.services.now().getTime() - 2 * 3_600_000);
    await utimes(orphan, twoHoursAgo, twoHoursAgo);
    await utimes(referenced, twoHoursAgo, twoHoursAgo);
    const fortyMinutesAgo = new Date(h.services.now().getTime() - 40 * 60_000);
    await utimes(fresh, fortyMinutesAgo, fortyMinutesAgo);

    expect(await sweepOrphanEvidence(h.services)).toBe(1);
    await expect(stat(orphan)).rejects.toThrow(/ENOENT/);
    expect((await stat(referenced)).isFile()).toBe(true);
    // Younger than an hour: its transaction may still be open.
    expect((await stat(fresh)).isFile()).toBe(true);
  });

  function sha(bytes: Uint8Array) {
    return createHash('sha256').update(bytes).digest('hex');
  }
});

describe('the page a browser gets when the server fails', () => {
  it('is a plain error page with the request id, never a stack trace', async () => {
    const h = await startHarness('pglite');
    const s = await makeObjectionScenario(h.database.db);
    const token = await h.login(s.citizen.username);
    await h.database.close();
    const response = await h.app.request('/records', {
      headers: { cookie: `xiufu_session=${token}`, 'accept-language': 'en' },
    });
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('Something went wrong on our side');
    expect(html).toMatch(/quote request id [0-9a-f-]{36}/);
    expect(html).not.toMatch(/\.ts:\d+|at [A-Za-z.]+ \(/);
    expect(h.errors).toHaveLength(1);
  });
});
