/// <reference lib="dom" />
// Filing for someone else and the phone flag (issue 16 item 6), in chromium, in both languages: a
// citizen opens the form from their records, is refused without the letter (everything typed
// kept), uploads it and lands on the case that says who filed it for whom; at phone width the
// form fits; a supervisor sees a phone used for several subjects flagged with its cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentScreening } from '../../src/domain/policy.js';
import { makeSealPng } from '../../src/services/demo-evidence.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { seriousAccessibilityViolations } from '../helpers/browser.js';
import { startBrowserHarness, type BrowserHarness } from '../helpers/browser-harness.js';
import { makeAgency, makeRecord, makeSubject, makeUser } from '../helpers/factories.js';

describe('filing on someone else’s behalf, in the browser', () => {
  let b: BrowserHarness;
  let agencyId: string;
  let filer: Awaited<ReturnType<typeof makeUser>>;
  let supervisor: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    b = await startBrowserHarness('national');
    const db = b.h.database.db;
    agencyId = (await makeAgency(db)).id;
    filer = await makeUser(db, 'citizen', { subjectId: (await makeSubject(db)).id });
    supervisor = await makeUser(db, 'supervisor');
  });
  afterAll(() => b.close());

  const texts = {
    'zh-CN': {
      link: '为他人代为申请',
      id: '信用主体的居民身份证号码',
      name: '信用主体的姓名',
      decision: '记录所依据的决定书文号',
      relation: '您与信用主体的关系',
      relationChoice: '子女',
      letter: /授权委托书（必须上传）/,
      phone: /联系电话/,
      submit: '代为提交',
      missing: '请上传由信用主体签名或盖章的授权委托书',
      filedBy: (name: string) => `由 ${name} 代为申请`,
      evidenceLetter: '授权委托书',
    },
    en: {
      link: 'File for someone else',
      id: 'The subject’s resident identity number',
      name: 'The subject’s name',
      decision: 'The decision number of the record',
      relation: 'Your relation to the subject',
      relationChoice: 'child',
      letter: /Authorisation letter \(required\)/,
      phone: /Contact phone/,
      submit: 'File on their behalf',
      missing: 'attach the authorisation letter',
      filedBy: (name: string) => `Filed on the subject’s behalf by ${name}`,
      evidenceLetter: 'Authorisation letter',
    },
  } as const;

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`files an objection for a parent with the letter, after a refusal without it that keeps the entries (${locale})`, async () => {
      const t = texts[locale];
      const db = b.h.database.db;
      const subject = await makeSubject(db);
      const record = await makeRecord(db, subject.id, agencyId);
      const { page } = await b.pageAs(filer.username, { locale });
      await page.getByRole('link', { name: t.link }).click();
      await page.waitForURL(/\/file-on-behalf/);
      expect(await page.locator('h1').textContent()).toBe(t.link);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page.getByLabel(t.id).fill(subject.residentId);
      await page.getByLabel(t.name).fill(subject.name);
      await page.getByLabel(t.decision).fill(record.decisionNumber);
      await page.getByLabel(t.relation).selectOption({ label: t.relationChoice });
      await page.locator('#file-objection [name="reason"]').fill('罚款已于 4 月 2 日缴清。');
      await page.getByLabel(t.phone).fill('13800138000');
      await page.getByRole('button', { name: t.submit }).click();
      await page.waitForLoadState();
      // Refused without the letter: said beside the letter, everything typed still there.
      expect(await page.locator('#on-behalf-authorisation-error').textContent()).toContain(t.missing);
      expect(await page.getByLabel(t.id).inputValue()).toBe(subject.residentId);
      expect(await page.getByLabel(t.decision).inputValue()).toBe(record.decisionNumber);
      expect(await page.locator('#file-objection [name="reason"]').inputValue()).toBe('罚款已于 4 月 2 日缴清。');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page
        .getByLabel(t.letter)
        .setInputFiles([{ name: 'letter.png', mimeType: 'image/png', buffer: Buffer.from(makeSealPng()) }]);
      await page.getByRole('button', { name: t.submit }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]+/);
      expect(await page.locator('.filer').textContent()).toContain(t.filedBy(filer.displayName));
      expect(await page.locator('[data-contact-phone]').textContent()).toBe('13800138000');
      expect(await page.locator('.evidence').textContent()).toContain(t.evidenceLetter);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    });
  }

  for (const [locale, words] of [
    [
      'zh-CN',
      {
        title: '授权委托书是否有效',
        reason: '授权委托书存在的问题',
        button: '认定授权无效，不予受理',
        shown: '授权委托书经审核无效：',
      },
    ],
    [
      'en',
      {
        title: 'Is the authorisation valid?',
        reason: 'What is wrong with the letter',
        button: 'Reject: the authorisation is not valid',
        shown: 'The authorisation letter was found not valid:',
      },
    ],
  ] as const) {
    it(`lets a reviewer find the letter not valid at intake, and the filer reads why, at phone width (${locale})`, async () => {
      const db = b.h.database.db;
      const subject = await makeSubject(db);
      const record = await makeRecord(db, subject.id, agencyId);
      const reviewer = await makeUser(db, 'reviewer');
      const opened = await openCase(b.h.services, {
        actor: actorOf(filer),
        type: 'objection',
        filing: { reason: '已缴清' },
        onBehalf: {
          subjectResidentId: subject.residentId,
          subjectName: subject.name,
          decisionNumber: record.decisionNumber,
          relation: 'employee',
        },
        authorisationLetters: [{ filename: 'letter.png', content: makeSealPng() }],
      });
      const { page } = await b.pageAs(reviewer.username, { locale, width: 390 });
      await page.goto(`${b.baseUrl}/cases/${opened.row.id}`);
      const form = page.locator('form[action$="/authorisation-rejection"]');
      expect(await form.locator('h2').textContent()).toBe(words.title);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await form.getByLabel(words.reason).fill('No term and no signature.');
      await form.getByRole('button', { name: words.button }).click();
      await page.waitForURL(/done=REJECT/);
      expect(await page.locator('form[action$="/authorisation-rejection"]').count()).toBe(0);

      const seen = (await b.pageAs(filer.username, { locale, width: 390 })).page;
      await seen.goto(`${b.baseUrl}/cases/${opened.row.id}`);
      expect(await seen.locator('.authorisation-rejected').textContent()).toBe(
        `${words.shown} No term and no signature.`,
      );
      expect(await seen.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      expect(await seriousAccessibilityViolations(seen)).toEqual([]);
    });
  }

  it('fits the form on a phone, in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { page } = await b.pageAs(filer.username, { locale, width: 390 });
      await page.goto(`${b.baseUrl}/file-on-behalf`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
  });

  it('shows a supervisor the phone used for several subjects, masked, with its cases, in both languages', async () => {
    const db = b.h.database.db;
    const caseIds: string[] = [];
    for (let i = 0; i < agentScreening.distinctSubjects.value; i++) {
      const subject = await makeSubject(db);
      const record = await makeRecord(db, subject.id, agencyId);
      const citizen = await makeUser(db, 'citizen', { subjectId: subject.id });
      const opened = await openCase(b.h.services, {
        actor: actorOf(citizen),
        type: 'objection',
        filing: { recordId: record.id, reason: '已缴清' },
        contactPhone: '13711112222',
      });
      caseIds.push(opened.row.id);
    }
    for (const [locale, label] of [
      ['zh-CN', '电话'],
      ['en', 'Phone'],
    ] as const) {
      const { page } = await b.pageAs(supervisor.username, { locale });
      await page.goto(`${b.baseUrl}/overview`);
      const row = page.locator('.agent-flags tr[data-flag-by="phone"]');
      expect(await row.locator('td').first().textContent()).toBe(`${label}: 137****2222`);
      for (const id of caseIds) expect(await row.locator(`a[href="/cases/${id}"]`).count()).toBe(1);
      expect(await page.locator('.agent-flags').textContent()).not.toContain('13711112222');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    }
  });
});
