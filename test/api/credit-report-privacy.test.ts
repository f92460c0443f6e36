// Credit-report records (征信不良信息) over HTTP, on PostgreSQL and PGlite: the public look-up
// never returns them; recording one needs the day the conduct ended; the daily sweep deletes
// their content five years after it (征信业管理条例 art. 16), in the record and in every version,
// keeps a tombstone and an audit event, leaves every case's audit chain intact, and the person
// sees that it was deleted and when.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/client.js';
import { creditRecords, creditRecordVersions, policyVersions, recordEvents } from '../../db/schema.js';
import { explainPolicyProblems, policyVersions as shippedVersions } from '../../src/domain/policy.js';
import { randomUUID } from 'node:crypto';
import { carryOutCaseEffects } from '../../src/services/carry-out-case-effects.js';
import { sweepDisplayPeriods } from '../../src/services/sweep-display-periods.js';
import { makeObjectionScenario, makeRecord } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { drivers } from '../helpers/test-database.js';

describe.each(drivers)('credit-report records (%s)', (driver) => {
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

  const creditReport = (fields: Parameters<typeof makeRecord>[3] = {}) =>
    makeRecord(h.database.db, s.subject.id, s.agency.id, {
      kind: 'credit_report_negative',
      domain: 'financial_services',
      decisionNumber: `CR-${Math.random().toString(36).slice(2, 10)}`,
      decisionDate: '2021-06-30',
      facts: 'Consumer loan overdue 94 days (reported by the lender).',
      legalBasis: '《征信业管理条例》第十六条',
      obligation: 'Repay CNY 23,410.55',
      publishedFrom: '2026-10-08',
      conductEndedOn: '2026-09-30',
      ...fields,
    });

  it('the public look-up never returns a credit-report record, while the person’s other records show', async () => {
    const report = await creditReport();
    const lookup = await h.call('GET', `/api/v1/public/records?residentId=${s.subject.residentId}`);
    expect(lookup.status).toBe(200);
    const numbers = lookup.body.records.map((r: { decisionNumber: string }) => r.decisionNumber);
    expect(numbers).toContain(s.record.decisionNumber);
    expect(numbers).not.toContain(report.decisionNumber);
    expect(lookup.body.records.map((r: { kind: string }) => r.kind)).not.toContain('credit_report_negative');
  });

  it('recording one needs the day the conduct ended, and keeps it 5 years from that day', async () => {
    await expect(creditReport({ conductEndedOn: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const report = await creditReport({ conductEndedOn: '2024-02-29', publishedFrom: '2026-10-08' });
    expect(report).toMatchObject({ conductEndedOn: '2024-02-29', publishedUntil: '2029-02-28', repairableFrom: null });
  });

  const correct = (recordId: string) =>
    h.database.db.transaction((tx) =>
      carryOutCaseEffects(
        tx,
        { id: randomUUID(), version: 1 },
        [
          {
            type: 'correctRecord',
            params: {
              recordId,
              correction: { conductEndedOn: '2024-08-31' },
              remove: false,
              reasons: 'Repaid earlier.',
            },
          },
        ],
        new Date('2026-11-25T02:00:00Z'),
        {
          jurisdiction: 'national',
          openLinkedCase: async () => undefined,
          actorUserId: s.reviewer.id,
          dueOf: () => null,
        },
      ),
    );

  it('a correction of the day the conduct ended moves the end of keeping with it', async () => {
    const report = await creditReport({ conductEndedOn: '2025-03-31' });
    expect(report.publishedUntil).toBe('2030-03-31');
    await correct(report.id);
    const [row] = await h.database.db.select().from(creditRecords).where(eq(creditRecords.id, report.id));
    expect(row).toMatchObject({ conductEndedOn: '2024-08-31', publishedUntil: '2029-08-31', version: 2 });
  });

  it('the sweep deletes the content at the end of the keeping period, in every version, with a tombstone and an audit event', async () => {
    h.clock.set('2026-11-20T02:00:00Z');
    // Conduct ended 2021-11-24: kept to the end of 2026-11-24, deleted by the sweep of the 25th.
    const report = await creditReport({
      decisionNumber: 'CR-2021-DELETE-ME',
      facts: 'Card overdue 120 days, the secret fact.',
      conductEndedOn: '2021-11-24',
    });
    const young = await creditReport({ decisionNumber: 'CR-2026-KEEP-ME', conductEndedOn: '2026-09-30' });
    // An objection to it, referred to the data provider (not decided here) and withdrawn: its
    // audit trail carries the record's id.
    const filed = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'referral', recordId: report.id, reason: 'Repaid in full long ago.' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const withdrawn = await h.call('POST', `/api/v1/cases/${filed.body.id}/events`, {
      token: citizen,
      body: { type: 'WITHDRAW' },
      headers: { 'If-Match': `"${filed.body.version}"` },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);

    // Still inside the period on the 24th: nothing happens.
    h.clock.set('2026-11-24T15:00:00Z'); // 23:00 Beijing on the 24th
    await sweepDisplayPeriods(h.services);
    expect((await h.call('GET', `/api/v1/records/${report.id}`, { token: citizen })).body).toMatchObject({
      facts: 'Card overdue 120 days, the secret fact.',
      deletedAt: null,
    });

    h.clock.set('2026-11-25T02:00:00Z');
    const swept = await sweepDisplayPeriods(h.services);
    expect(swept.deleted).toBe(1);

    const [row] = await h.database.db.select().from(creditRecords).where(eq(creditRecords.id, report.id));
    expect(row).toMatchObject({
      id: report.id,
      subjectId: s.subject.id,
      kind: 'credit_report_negative',
      status: 'deleted',
      deletedAt: new Date('2026-11-25T02:00:00Z'),
      decisionDate: null,
      obligation: null,
    });
    expect(row!.deletionReason).toContain('art. 16');
    const versions = await h.database.db
      .select()
      .from(creditRecordVersions)
      .where(eq(creditRecordVersions.recordId, report.id))
      .orderBy(asc(creditRecordVersions.version));
    expect(versions.length).toBeGreaterThanOrEqual(2);
    const everything = JSON.stringify([row, versions]);
    for (const content of ['CR-2021-DELETE-ME', 'secret fact', '征信业管理条例》第十六条', 'Repay CNY', '2021-06-30'])
      expect(everything).not.toContain(content);

    const events = await h.database.db.select().from(recordEvents).where(eq(recordEvents.recordId, report.id));
    expect(events).toEqual([
      expect.objectContaining({
        event: 'CONTENT_DELETED',
        subjectId: s.subject.id,
        at: new Date('2026-11-25T02:00:00Z'),
      }),
    ]);
    expect(events[0]!.details).toMatchObject({
      keptUntil: '2026-11-24',
      conductEndedOn: '2021-11-24',
      versionsErased: versions.length - 1,
    });

    // The case about it still verifies; the younger record is untouched; a second sweep does nothing.
    expect((await h.call('GET', `/api/v1/cases/${filed.body.id}/audit/verify`, { token: citizen })).body).toMatchObject(
      { valid: true },
    );
    expect((await h.call('GET', `/api/v1/records/${young.id}`, { token: citizen })).body).toMatchObject({
      decisionNumber: 'CR-2026-KEEP-ME',
      deletedAt: null,
    });
    expect((await sweepDisplayPeriods(h.services)).deleted).toBe(0);

    // The person's own view: deleted, and when.
    const mine = (await h.call('GET', '/api/v1/me/records', { token: citizen })).body.records;
    expect(mine.find((r: { id: string }) => r.id === report.id)).toMatchObject({
      kind: 'credit_report_negative',
      status: 'deleted',
      deletedAt: '2026-11-25T02:00:00.000Z',
      facts: '',
      decisionNumber: '',
    });
    const one = await h.call('GET', `/api/v1/records/${report.id}`, { token: citizen });
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toContain('secret fact');
    // The export of everything held about the person has the tombstone and the deletion event.
    const exported = (await h.call('GET', '/api/v1/me/export', { token: citizen })).body;
    expect(exported.records.find((r: { id: string }) => r.id === report.id)).toMatchObject({
      status: 'deleted',
      events: [expect.objectContaining({ event: 'CONTENT_DELETED' })],
    });
    expect(JSON.stringify(exported.records)).not.toContain('secret fact');
    // Nothing can be filed about a deleted record, and no correction brings content back.
    await expect(correct(report.id)).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    const late = await h.call('POST', '/api/v1/cases', {
      token: citizen,
      body: { type: 'objection', recordId: report.id, reason: 'Again.' },
    });
    expect(late.status).toBe(404);
  });

  it('the credit_report_keeping migration corrects a stored policy document that published them; the audit table of records is append-only', async () => {
    const [shipped] = shippedVersions;
    const { creditReportKeeping: _k, ...rules } = shipped!.rules;
    const oldDocument = {
      ...shipped!,
      id: `old-${driver}`,
      rules: {
        ...rules,
        displayPeriodByKind: {
          credit_report_negative: { published: true, minimumMonths: 0, maximumMonths: 60, source: 'old' },
        },
      },
    };
    expect(explainPolicyProblems(oldDocument)).not.toEqual([]);
    await h.database.db.insert(policyVersions).values({
      id: oldDocument.id,
      jurisdiction: 'national',
      effectiveFrom: '2000-01-01',
      document: oldDocument as never,
    });
    const migration = readFileSync(
      path.join(
        migrationsFolder,
        readdirSync(migrationsFolder).find((name) => name.endsWith('_credit_report_keeping.sql'))!,
      ),
      'utf8',
    );
    const correction = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.trim())
      .find((statement) => statement.includes('UPDATE policy_versions'))!;
    await h.database.db.execute(sql.raw(correction));
    const [stored] = await h.database.db.select().from(policyVersions).where(eq(policyVersions.id, oldDocument.id));
    expect(explainPolicyProblems(stored!.document)).toEqual([]);
    expect(stored!.document.rules.creditReportKeeping).toMatchObject({ keptMonths: 60 });
    // The sweep above wrote one (row triggers fire only on rows that exist).
    expect((await h.database.db.select().from(recordEvents)).length).toBeGreaterThan(0);
    await expect(h.database.db.execute(sql`delete from record_events`)).rejects.toThrow();
    await expect(h.database.db.execute(sql`update record_events set reason = 'x'`)).rejects.toThrow();
    await h.database.db.delete(policyVersions).where(eq(policyVersions.id, oldDocument.id));
  });

  it('the citizen’s records page lists credit-report records apart, as not published, a deleted one with its day', async () => {
    const page = await h.app.request('/records', { headers: { cookie: `lang=zh-CN; xiufu_session=${citizen}` } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('征信记录');
    expect(html).toContain('已于 2026年11月25日 删除');
    // The kept ones are listed under it, as kept and not published, never among the public records.
    const section = html.indexOf('征信记录');
    expect(html.indexOf('CR-2026-KEEP-ME')).toBeGreaterThan(section);
    expect(html.indexOf(s.record.decisionNumber)).toBeLessThan(section);
    expect(html.slice(section)).toContain('保存中（不公示）');
  });
});
