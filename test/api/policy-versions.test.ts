// Policy versions on a database an earlier release seeded (issue 15 item 4), on PostgreSQL and
// PGlite: a stored version is immutable, so the corrected dated versions are seeded beside the
// old ones, which stay for the cases opened under them, and new cases run under the new ones.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyVersions } from '../../db/schema.js';
import { policyVersions as shippedVersions } from '../../src/domain/policy.js';
import { citationIn } from '../../src/domain/citation.js';
import { forgetPolicyVersions, policyVersionOf } from '../../src/services/case-engine.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('policy versions seeded on an existing database (%s)', (driver) => {
  let h: Harness;
  let s: Awaited<ReturnType<typeof makeObjectionScenario>>;
  let citizen: string;

  beforeAll(async () => {
    h = await startHarness(driver, '2026-11-25T02:00:00Z');
    s = await makeObjectionScenario(h.database.db);
    citizen = await h.login(s.citizen.username);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('adds the dated versions beside the stored old ones, and opens new cases under them', async () => {
    const national = shippedVersions.filter((v) => v.jurisdiction === 'national').map((v) => v.id);
    // The database as the earlier release left it: its own national versions, no dated ones.
    await h.database.db.delete(policyVersions).where(inArray(policyVersions.id, national));
    const old = shippedVersions.find((v) => v.id === 'national-2026-04-01')!;
    await h.database.db.insert(policyVersions).values([
      {
        id: 'national-2026-order36',
        jurisdiction: 'national',
        effectiveFrom: '2026-04-01',
        document: { ...old, id: 'national-2026-order36', title: 'the earlier release’s text', supersedes: [] },
      },
    ]);

    await seedReferenceData(h.database.db);
    const stored = await h.database.db.select().from(policyVersions).where(eq(policyVersions.jurisdiction, 'national'));
    expect(stored.map((v) => v.id).sort()).toEqual([...national, 'national-2026-order36'].sort());
    // The old version is left as it was stored.
    expect(stored.find((v) => v.id === 'national-2026-order36')!.document.title).toBe('the earlier release’s text');
    // Seeding again changes nothing.
    await seedReferenceData(h.database.db);
    expect(
      await h.database.db.select().from(policyVersions).where(eq(policyVersions.jurisdiction, 'national')),
    ).toHaveLength(stored.length);

    const record = await makeRecord(h.database.db, s.subject.id, s.agency.id);
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: record.id, reason: 'Wrong.' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.policyVersionId).toBe('national-2026-04-01');

    // The policy page shows the version in force with its rules, the old one as replaced.
    const supervisor = await h.login((await makeUser(h.database.db, 'supervisor')).username);
    const page = await (
      await h.app.request('http://localhost/policy', { headers: { cookie: `lang=zh-CN; xiufu_session=${supervisor}` } })
    ).text();
    expect(page).toContain('(national-2026-04-01,');
    expect(page).toContain('原则上不予公示');
    expect(page).toContain('公示期限自认定之日起计算');
    // What each clock counts from, and the notes, in the reader's language.
    expect(page).toContain('收到完整申请材料之日');
    expect(page).toContain('情况复杂的可以延长');
    expect(page).not.toMatch(/receipt of|Complex cases may/);
    expect(page).toMatch(/national-2026-order36\)\s*<small> · 已由更正后的版本取代/);
  });

  it('brings the wording of a document stored in English to both languages, and reads the clocks it lacks from the shipped version', async () => {
    const shipped = shippedVersions.find((v) => v.id === 'national-2025-06-22')!;
    // As the release before the referral and 行政复议 clocks stored it: fewer keys, English words.
    const { 'administrativeReview.decide': _a, 'referral.court': _r, ...kept } = shipped.deadlines;
    const english = Object.fromEntries(
      Object.entries(kept).map(([key, rule]) => [key, { ...rule, countsFrom: citationIn('en', rule!.countsFrom) }]),
    );
    await h.database.db
      .update(policyVersions)
      .set({ document: { ...shipped, deadlines: english } })
      .where(eq(policyVersions.id, shipped.id));

    await seedReferenceData(h.database.db);
    const [row] = await h.database.db.select().from(policyVersions).where(eq(policyVersions.id, shipped.id));
    expect(row!.document.deadlines['objection.answer']!.countsFrom).toEqual({
      zh: '收到异议之日',
      en: 'receipt of the objection',
    });
    // The stored document is not given the keys it lacks ...
    expect(row!.document.deadlines['administrativeReview.decide']).toBeUndefined();
    // ... a case under it reads them from the shipped version of its id.
    forgetPolicyVersions();
    const read = await policyVersionOf(h.database.db, shipped.id);
    for (const key of Object.keys(shipped.deadlines))
      expect(read.deadlines[key as keyof typeof read.deadlines], key).toEqual(
        shipped.deadlines[key as keyof typeof shipped.deadlines],
      );
  });
});
