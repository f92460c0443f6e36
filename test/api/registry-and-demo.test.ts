// Subjects and agencies are created only with identifiers that pass their check digits, and
// demo data is written once, on both drivers.
import { count, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditRecords, subjects, users } from '../../db/schema.js';
import { isDomainError } from '../../src/domain/errors.js';
import { registerAgency } from '../../src/services/register-agency.js';
import { registerSubject } from '../../src/services/register-subject.js';
import { seedDemoData } from '../../src/services/seed-demo-data.js';
import { randomResidentId } from '../helpers/factories.js';
import { testKeys } from '../helpers/test-keys.js';
import { openResidentId, residentIdLookup } from '../../src/services/resident-id-vault.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('registering subjects and agencies; demo data (%s)', (driver) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(driver);
  });
  afterAll(() => h.close());

  it('refuses a resident identity number with a wrong check digit, and writes nothing', async () => {
    const valid = randomResidentId();
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const error = await registerSubject(h.database.db, testKeys, { name: '赵六', residentId: wrong }).catch(
      (e: unknown) => e,
    );
    expect(isDomainError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/check character/);
    expect(
      await h.database.db
        .select()
        .from(subjects)
        .where(eq(subjects.residentIdLookup, residentIdLookup(testKeys, wrong))),
    ).toEqual([]);

    const subject = await registerSubject(h.database.db, testKeys, { name: '赵六', residentId: valid.toLowerCase() });
    expect(openResidentId(testKeys, subject.id, subject.residentIdSealed!)).toBe(valid);
    const duplicate = await registerSubject(h.database.db, testKeys, { name: '赵六', residentId: valid }).catch(
      (e: unknown) => e,
    );
    expect((duplicate as Error).message).toMatch(/already exists/);
  });

  it('refuses an agency whose unified social credit code fails its check', async () => {
    await expect(registerAgency(h.database.db, { name: 'X', uscc: '91350100M000100Y44' })).rejects.toThrow(
      /expected 3/,
    );
  });

  it('writes the demo data once: seven accounts, two citizens who each reach only their own records', async () => {
    const options = { now: h.services.now(), jurisdiction: 'demo' as const, keys: testKeys };
    expect(await seedDemoData(h.database.db, options)).toBe(true);
    expect(await seedDemoData(h.database.db, options)).toBe(false);
    const [{ value: accounts } = { value: 0 }] = await h.database.db
      .select({ value: count() })
      .from(users)
      .where(ne(users.role, 'system'));
    expect(accounts).toBe(7);
    const one = await h.login('citizen1', 'xiufu-demo');
    const two = await h.login('citizen2', 'xiufu-demo');
    const recordsOne = (await h.call('GET', '/api/v1/me/records', { token: one })).body.records as {
      id: string;
      kind: string;
      class: string;
    }[];
    const recordsTwo = (await h.call('GET', '/api/v1/me/records', { token: two })).body.records as { id: string }[];
    expect(recordsOne.length).toBeGreaterThanOrEqual(3);
    expect(new Set(recordsOne.map((r) => r.kind)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(recordsOne.map((r) => r.class))).toEqual(new Set(['minor', 'general', 'serious']));
    expect(recordsTwo.some((r) => recordsOne.some((o) => o.id === r.id))).toBe(false);
    expect((await h.call('GET', `/api/v1/records/${recordsOne[0]!.id}`, { token: two })).status).toBe(404);
    const [{ value: records } = { value: 0 }] = await h.database.db.select({ value: count() }).from(creditRecords);
    expect(records).toBe(11);
    // Repairable now, found by two departments: one application for several records has a
    // department per record to show (issue 16 item 2).
    const repairableNow = (
      recordsOne as unknown as { agencyId: string; repairNow: { eligible: boolean } | null }[]
    ).filter((r) => r.repairNow?.eligible);
    expect(repairableNow.length).toBeGreaterThanOrEqual(2);
    expect(new Set(repairableNow.map((r) => r.agencyId)).size).toBeGreaterThanOrEqual(2);
    // Zhang's price-fraud fine is being paid on the instalments the market regulator granted.
    const deferred = recordsOne.find(
      (r) => (r as { decisionNumber?: string }).decisionNumber === '京市监罚〔2026〕2214号',
    );
    const schedule = (await h.call('GET', `/api/v1/records/${deferred!.id}`, { token: one })).body;
    expect(schedule.obligationStanding).toBe('on_schedule');
    expect(schedule.obligationSchedule.instalments.map((i: { paidOn: string | null }) => i.paidOn !== null)).toEqual([
      true,
      false,
      false,
    ]);
    // A supervisor opening the demo has something to watch: a case at risk and one breached, on
    // the SLA page's figures and behind its filters (each a case of the market regulator's).
    const supervisor = await h.login('supervisor', 'xiufu-demo');
    const sla = (await h.call('GET', '/api/v1/sla/summary', { token: supervisor })).body;
    expect(sla.breached.length).toBeGreaterThanOrEqual(1);
    for (const status of ['at_risk', 'breached']) {
      const listed = (await h.call('GET', `/api/v1/cases?sla=${status}`, { token: supervisor })).body.cases as {
        deadline: { sla: string } | null;
      }[];
      expect(listed.length, status).toBeGreaterThanOrEqual(1);
      expect(listed.every((c) => c.deadline?.sla === status)).toBe(true);
    }
  });
});
