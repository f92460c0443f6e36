// Resident identity numbers at rest and on the way out: sealed in the database (never in
// clear, not even as an unkeyed hash), found again through the keyed look-up hash, re-sealed
// when keys rotate or when an old database still holds them in clear, and shown whole only to
// the subject, reviewers and supervisors.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, subjects } from '../../db/schema.js';
import { maskResidentId } from '../../src/domain/identifiers.js';
import { openResidentId, protectResidentId, resealResidentIds } from '../../src/services/resident-id-vault.js';
import { registerSubject } from '../../src/services/register-subject.js';
import { makeAgency, makeObjectionScenario, makeRecord, makeUser, randomResidentId } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { testKeys } from '../helpers/test-keys.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('resident identity numbers (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(driver);
  });
  afterAll(() => h.close());

  it('stores the number sealed and bound to its subject, with nothing in clear', async () => {
    const number = randomResidentId();
    const subject = await registerSubject(h.database.db, testKeys, { name: '钱七', residentId: number });
    const [row] = await h.database.db.select().from(subjects).where(eq(subjects.id, subject.id));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(number);
    expect(stored).not.toContain(number.slice(6, 14)); // the birth date
    expect(row!.residentId).toBeNull();
    expect(row!.residentIdMasked).toBe(maskResidentId(number));
    expect(openResidentId(testKeys, subject.id, row!.residentIdSealed!)).toBe(number);
    // Moved to another subject's row, the sealed value does not open.
    const other = await registerSubject(h.database.db, testKeys, { name: '孙八', residentId: randomResidentId() });
    expect(() => openResidentId(testKeys, other.id, row!.residentIdSealed!)).toThrow();
    // The same number sealed twice gives two different values (a fresh IV each time).
    expect(protectResidentId(testKeys, subject.id, number).sealed).not.toBe(row!.residentIdSealed);
  });

  it('seals numbers an older database holds in clear, and re-seals everything when keys rotate', async () => {
    const agency = await makeAgency(h.database.db);
    const number = randomResidentId();
    const [legacy] = await h.database.db.insert(subjects).values({ name: '周九', residentId: number }).returning();
    await makeRecord(h.database.db, legacy!.id, agency.id);
    const lookUp = async () =>
      (await h.call('GET', `/api/v1/public/records?residentId=${number}`)).body as {
        subject: { name: string; residentId: string } | null;
      };
    expect((await lookUp()).subject).toBeNull();

    expect(await resealResidentIds(h.database.db, testKeys, 2)).toBeGreaterThanOrEqual(1);
    expect(await resealResidentIds(h.database.db, testKeys)).toBe(0);
    expect((await lookUp()).subject).toEqual({ name: '周九', residentId: maskResidentId(number) });

    const rotated = {
      residentId: [{ id: 'r2', secret: Buffer.alloc(32, 7) }, ...testKeys.residentId],
      residentIdLookup: [{ id: 'r2', secret: Buffer.alloc(32, 8) }, ...testKeys.residentIdLookup],
      audit: testKeys.audit,
    };
    const original = h.services.keys;
    try {
      h.services.keys = rotated;
      // Until the re-seal has run, a search under the new look-up key finds nothing...
      expect((await lookUp()).subject).toBeNull();
      const all = await h.database.db.select({ id: subjects.id }).from(subjects);
      expect(await resealResidentIds(h.database.db, rotated, 7)).toBe(all.length);
      // ...and afterwards everything is under the new keys and opens without the old ones.
      expect((await lookUp()).subject?.name).toBe('周九');
      const [row] = await h.database.db.select().from(subjects).where(eq(subjects.id, legacy!.id));
      expect(row!.residentIdSealed).toMatch(/^v1\.r2\./);
      expect(row!.residentIdLookup).toMatch(/^r2\./);
      const newOnly = { ...rotated, residentId: rotated.residentId.slice(0, 1) };
      expect(openResidentId(newOnly, legacy!.id, row!.residentIdSealed!)).toBe(number);
    } finally {
      // Rotating back is the same move: the old key in front, the newer one still readable.
      h.services.keys = original;
      await resealResidentIds(h.database.db, {
        ...original,
        residentId: [...original.residentId, rotated.residentId[0]!],
      });
    }
  });

  it('shows the whole number to the subject; staff see it masked and reviewers and supervisors may ask, which is registered', async () => {
    const s = await makeObjectionScenario(h.database.db);
    const [row] = await h.database.db.select().from(subjects).where(eq(subjects.id, s.subject.id));
    const whole = openResidentId(testKeys, s.subject.id, row!.residentIdSealed!);
    const [supervisor, admin] = await Promise.all([
      makeUser(h.database.db, 'supervisor'),
      makeUser(h.database.db, 'admin'),
    ]);
    const seen = async (username: string) => {
      const response = await h.call('GET', `/api/v1/records/${s.record.id}`, { token: await h.login(username) });
      expect(response.status, username).toBe(200);
      return response.body.subject as { residentId: string; masked: boolean };
    };
    expect(await seen(s.citizen.username)).toMatchObject({ residentId: whole, masked: false, revealable: false });
    const maskedFor = { residentId: maskResidentId(whole), masked: true, revealed: false };
    expect(await seen(s.reviewer.username)).toMatchObject({ ...maskedFor, revealable: true });
    expect(await seen(supervisor.username)).toMatchObject({ ...maskedFor, revealable: true });
    expect(await seen(s.agencyOfficer.username)).toEqual({ name: s.subject.name, ...maskedFor, revealable: false });
    expect(await seen(admin.username)).toMatchObject({ ...maskedFor, revealable: false });

    // Asking for it whole: reviewers and supervisors only, and each asking is in the register.
    const reveal = async (username: string) =>
      h.call('POST', `/api/v1/records/${s.record.id}/resident-id`, { token: await h.login(username) });
    const registered = async () =>
      (
        await h.database.db
          .select()
          .from(accessLog)
          .where(and(eq(accessLog.subjectId, s.subject.id), eq(accessLog.action, 'reveal_resident_id')))
      ).map((e) => e.actorUserId);
    expect(await registered()).toEqual([]);
    const shown = await reveal(s.reviewer.username);
    expect(shown.status).toBe(200);
    expect(shown.body.subject).toEqual({ name: s.subject.name, residentId: whole, masked: false });
    expect(await registered()).toEqual([s.reviewer.id]);
    for (const refused of [s.agencyOfficer.username, admin.username, s.citizen.username]) {
      expect((await reveal(refused)).status, refused).toBe(403);
    }
    expect(await registered()).toEqual([s.reviewer.id]);
    // The subject reads in their register that the reviewer saw the whole number.
    const mine = await h.call('GET', '/api/v1/me/access-log', { token: await h.login(s.citizen.username) });
    expect(mine.body.entries.map((e: { action: string }) => e.action)).toContain('reveal_resident_id');

    const agencyPage = await h.app.request(`/records/${s.record.id}`, {
      headers: { cookie: `xiufu_session=${await h.login(s.agencyOfficer.username)}` },
    });
    const html = await agencyPage.text();
    expect(html).toContain(maskResidentId(whole));
    expect(html).not.toContain(whole);

    const exported = await h.call('GET', '/api/v1/me/export', { token: await h.login(s.citizen.username) });
    expect(exported.body.subject).toMatchObject({ name: s.subject.name, residentId: whole });
    expect(JSON.stringify(exported.body)).not.toContain('residentIdSealed');
  });
});
