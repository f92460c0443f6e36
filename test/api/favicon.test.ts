// The favicon: every page names it, and /favicon.ico (which browsers ask for anyway) answers
// with xiufu's own image from ui/, so no page logs a 404 for it or fetches one from elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

// The favicon touches no database: one driver is enough.
describe('the favicon', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('postgres');
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('answers /favicon.ico with an image, and the pages link to it', async () => {
    const icon = await h.app.request('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\//);
    expect(icon.headers.get('cache-control')).toContain('max-age');
    const body = await icon.text();
    expect(body).toContain('<svg');
    expect(body).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

    for (const path of ['/login', '/api/docs']) {
      const page = await h.call('GET', path);
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/favicon.ico"\/?>/);
    }
  });
});
