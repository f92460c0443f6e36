// A record's display follows the policy version in force on the day of its finding (认定之日),
// not today's (issue 15 review item 3), on PostgreSQL and PGlite: a record found in 2024 keeps
// Order 58's periods (counted from publication), one found after 2026-04-01 Order 36's (counted
// from the finding); the API and the record page say which version applies, in both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCreditInformation } from '../../src/services/record-credit-information.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('display rules at the finding (%s)', (driver) => {
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

  const recordFound = (decisionDate: string, publishedFrom: string) =>
    recordCreditInformation(
      h.database.db,
      {
        subjectId: s.subject.id,
        agencyId: s.agency.id,
        kind: 'administrative_penalty',
        domain: 'food_and_drugs',
        class: 'general',
        decisionNumber: `京市监罚〔${decisionDate.slice(0, 4)}〕${Math.floor(Math.random() * 100_000)}号`,
        decisionDate,
        facts: 'Sold expired food.',
        legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
        obligation: 'Fine of CNY 5,000',
        obligationPerformed: true,
        publishedFrom,
      },
      'national',
    );

  async function page(id: string, lang: 'zh-CN' | 'en') {
    const response = await h.app.request(`http://localhost/records/${id}`, {
      headers: { cookie: `lang=${lang}; xiufu_session=${citizen}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('a record found in 2024 keeps the 2023-05-01 rules: counted from publication', async () => {
    const record = await recordFound('2024-01-10', '2024-01-17');
    expect(record).toMatchObject({ repairableFrom: '2024-04-17', publishedUntil: '2025-01-17' });
    const read = await h.call('GET', `/api/v1/records/${record.id}`, { token: citizen });
    expect(read.status).toBe(200);
    expect(read.body.displayRule).toMatchObject({
      policyVersionId: 'national-2023-05-01',
      countsFrom: 'publication',
      foundOn: '2024-01-10',
      chosenBy: 'jurisdiction',
      basis: { verified: false },
    });
    const zh = await page(record.id, 'zh-CN');
    expect(zh).toContain('认定之日（2024年1月10日）施行的规则');
    expect(zh).toContain('国家发展改革委令2023年第58号');
    expect(zh).toContain('（national-2023-05-01）');
    expect(zh).toContain('公示期限自公示之日起计算');
    expect(zh).toContain('立法法');
    const en = await page(record.id, 'en');
    expect(en).toContain('rules in force on the day of its finding (Jan 10, 2024)');
    expect(en).toContain('NDRC Order No. 58');
    expect(en).toContain('(national-2023-05-01)');
  });

  it('a record found after 2026-04-01 follows Order 36: counted from the finding', async () => {
    const record = await recordFound('2026-05-01', '2026-05-08');
    expect(record).toMatchObject({ repairableFrom: '2026-08-01', publishedUntil: '2027-05-01' });
    const read = await h.call('GET', `/api/v1/records/${record.id}`, { token: citizen });
    expect(read.body.displayRule).toMatchObject({
      policyVersionId: 'national-2026-04-01',
      countsFrom: 'finding',
      foundOn: '2026-05-01',
    });
    const zh = await page(record.id, 'zh-CN');
    expect(zh).toContain('（national-2026-04-01）');
    expect(zh).toContain('公示期限自认定之日起计算');
    const en = await page(record.id, 'en');
    expect(en).toContain('(national-2026-04-01)');
    expect(en).not.toMatch(/认定之日/);
  });

  it('a record found under 22号 (2025-06-22 to 2026-03-31) keeps its rules', async () => {
    const record = await recordFound('2025-09-30', '2025-10-08');
    // 22号's general class counts from publication, as Order 58 did.
    expect(record).toMatchObject({ repairableFrom: '2026-01-08', publishedUntil: '2026-10-08' });
    const read = await h.call('GET', `/api/v1/records/${record.id}`, { token: citizen });
    expect(read.body.displayRule).toMatchObject({ policyVersionId: 'national-2025-06-22', countsFrom: 'publication' });
  });
});
