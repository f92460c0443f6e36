// Free, and no agent needed (issue 16 item 6), on real PostgreSQL and on PGlite: the pages where a
// person decides to apply say that filing is free and how to report someone who asks for money,
// and that a credit-report objection and credit repair are different procedures; filings for
// several different subjects from one address are flagged to supervisors with the cases they
// matched; staff see who filed a case and from where.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema.js';
import { agentScreening } from '../../src/domain/policy.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { readAgentFlags } from '../../src/services/read-agent-flags.js';
import { maskNetworkAddress, protectFilingAddresses } from '../../src/services/filing-address-vault.js';
import { makeAgency, makeRecord, makeSubject, makeUser } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('free filing and possible paid agents (%s)', (driver) => {
  let h: Harness;
  let supervisor: Awaited<ReturnType<typeof makeUser>>;
  let reviewer: Awaited<ReturnType<typeof makeUser>>;
  const filers: { citizen: Awaited<ReturnType<typeof makeUser>>; recordId: string; caseId?: string }[] = [];
  const agentAddress = '203.0.113.7';
  // Staff see addresses masked; the rule groups them by a keyed hash (filing-address-vault.ts).
  const agentAddressMasked = '203.0.113.*';

  beforeAll(async () => {
    h = await startHarness(driver);
    const db = h.database.db;
    const agency = await makeAgency(db);
    [supervisor, reviewer] = await Promise.all([makeUser(db, 'supervisor'), makeUser(db, 'reviewer')]);
    // One more subject than the threshold, each with an account of their own, all filing from one address.
    for (let i = 0; i < agentScreening.distinctSubjects.value + 1; i++) {
      const subject = await makeSubject(db);
      const record = await makeRecord(db, subject.id, agency.id);
      filers.push({ citizen: await makeUser(db, 'citizen', { subjectId: subject.id }), recordId: record.id });
    }
    for (const [i, filer] of filers.entries()) {
      const opened = await openCase(h.services, {
        actor: actorOf(filer.citizen),
        type: 'objection',
        filing: { recordId: filer.recordId, reason: '罚款已缴纳' },
        // The last files from elsewhere: it is not among the matched cases.
        clientAddress: i === filers.length - 1 ? '198.51.100.20' : agentAddress,
      });
      filer.caseId = opened.row.id;
    }
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const page = async (path: string, username: string, lang: 'zh-CN' | 'en') => {
    const token = await h.login(username);
    const answer = await h.app.request(path, { headers: { cookie: `xiufu_session=${token}; lang=${lang}` } });
    return { status: answer.status, text: await answer.text() };
  };

  it('flags an address that filed for the threshold of different subjects, with the cases it matched', async () => {
    const flags = await readAgentFlags(h.services, actorOf(supervisor));
    const flag = flags.find((f) => f.by === 'address' && f.source === agentAddressMasked);
    expect(flag).toBeDefined();
    expect(flag!.subjects).toBe(agentScreening.distinctSubjects.value);
    expect(flag!.cases.map((c) => c.id).sort()).toEqual(
      filers
        .slice(0, -1)
        .map((f) => f.caseId)
        .sort(),
    );
    // One filing from an address is no flag; each account filed for its own subject only.
    expect(flags.some((f) => f.source === '198.51.100.*')).toBe(false);
    expect(flags.some((f) => f.by === 'account' && filers.some((x) => x.citizen.username === f.source))).toBe(false);
    await expect(readAgentFlags(h.services, actorOf(reviewer))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('shows the flags to supervisors on the overview, in both languages, with the threshold marked unverified', async () => {
    const en = await page('/overview', supervisor.username, 'en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('Possible paid agents');
    expect(en.text).toContain(agentAddressMasked);
    expect(en.text).not.toContain(agentAddress);
    expect(en.text).toContain(`/cases/${filers[0]!.caseId}`);
    expect(en.text).toContain('not verified against any rule');
    const zh = await page('/overview', supervisor.username, 'zh-CN');
    expect(zh.text).toContain('疑似有偿代办');
    expect(zh.text).toContain('未经法规核实');
  });

  it('says on the record page, where the citizen decides to apply, that filing is free and where each procedure goes', async () => {
    const filer = filers[0]!;
    const zh = await page(`/records/${filer.recordId}`, filer.citizen.username, 'zh-CN');
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('信用修复不收取任何费用');
    expect(zh.text).toContain('不需要委托任何中介');
    expect(zh.text).toContain('12345');
    expect(zh.text).toContain('征信异议');
    expect(zh.text).toContain('中国人民银行征信中心');
    const en = await page(`/records/${filer.recordId}`, filer.citizen.username, 'en');
    expect(en.text).toContain('Credit repair costs nothing');
    expect(en.text).toContain('Credit Reference Center of the People’s Bank of China');
    const list = await page('/records', filer.citizen.username, 'zh-CN');
    expect(list.text).toContain('信用修复不收取任何费用');
  });

  it('shows staff who filed the case and from where; the citizen sees no such line', async () => {
    const filer = filers[0]!;
    const staff = await page(`/cases/${filer.caseId}`, supervisor.username, 'en');
    expect(staff.status).toBe(200);
    expect(staff.text).toContain('Filed by');
    expect(staff.text).toContain(filer.citizen.displayName);
    expect(staff.text).toContain('the subject in person');
    expect(staff.text).toContain(agentAddressMasked);
    expect(staff.text).not.toContain(agentAddress);
    const own = await page(`/cases/${filer.caseId}`, filer.citizen.username, 'en');
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('Filed by');
  });

  it('keeps no address in clear: a filing’s is hashed under a key and masked, and one kept in clear before is converted at start', async () => {
    const db = h.database.db;
    const [row] = await db.select().from(cases).where(eq(cases.id, filers[0]!.caseId!));
    expect(row!.filedFromAddress).toBeNull();
    expect(row!.filedFromAddressMasked).toBe(agentAddressMasked);
    expect(row!.filedFromAddressLookup).not.toContain(agentAddress);
    // A database from before: the address in clear, no hash.
    await db
      .update(cases)
      .set({ filedFromAddress: agentAddress, filedFromAddressLookup: null, filedFromAddressMasked: null })
      .where(eq(cases.id, filers[1]!.caseId!));
    expect(await protectFilingAddresses(db, h.services.keys)).toBe(1);
    const [converted] = await db.select().from(cases).where(eq(cases.id, filers[1]!.caseId!));
    expect(converted).toMatchObject({
      filedFromAddress: null,
      filedFromAddressLookup: row!.filedFromAddressLookup,
      filedFromAddressMasked: agentAddressMasked,
    });
    expect(await protectFilingAddresses(db, h.services.keys)).toBe(0);
    expect(maskNetworkAddress('2001:db8:85a3:0:0:8a2e:370:7334')).toBe('2001:db8:85a3:*');
    expect(maskNetworkAddress('::ffff:192.0.2.44')).toBe('192.0.2.*');
  });
});
