// Demo data for trying xiufu: three agencies, three subjects (valid resident identity
// numbers), records of several kinds and classes, and one account per role, two of them
// citizens so one can be seen not to reach the other. Written once, in demo mode only.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import type { Role } from '../domain/roles.js';
import { createUser } from './create-user.js';
import { recordCreditInformation } from './record-credit-information.js';
import { registerAgency } from './register-agency.js';
import { registerSubject } from './register-subject.js';

export const demoPassword = 'xiufu-demo';

export const demoAccounts: { username: string; role: Role; displayName: string }[] = [
  { username: 'citizen1', role: 'citizen', displayName: '張偉 Zhang Wei' },
  { username: 'citizen2', role: 'citizen', displayName: '李娜 Li Na' },
  { username: 'reviewer', role: 'reviewer', displayName: '陳靜 Chen Jing (reviewer)' },
  { username: 'supervisor', role: 'supervisor', displayName: '劉洋 Liu Yang (supervisor)' },
  { username: 'agency', role: 'agency', displayName: '北京市市場監督管理局 officer' },
  { username: 'admin', role: 'admin', displayName: 'Administrator' },
];

/** Seeds the demo once; returns false when it was already there. */
export async function seedDemoData(db: Database): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'reviewer'));
  if (existing) return false;
  await db.transaction(async (tx) => {
    const market = await registerAgency(tx, { name: '北京市市場監督管理局', nameEn: 'Beijing Administration for Market Regulation', uscc: '11110000000013250L' });
    const environment = await registerAgency(tx, { name: '上海市生態環境局', nameEn: 'Shanghai Bureau of Ecology and Environment', uscc: '113100000024218302' });
    const tax = await registerAgency(tx, { name: '國家稅務總局深圳市稅務局', nameEn: 'Shenzhen Tax Bureau', uscc: '11440300007542613Q' });

    const zhang = await registerSubject(tx, { name: '張偉', residentId: '110105198803141237' });
    const li = await registerSubject(tx, { name: '李娜', residentId: '310104199207072461' });
    const wang = await registerSubject(tx, { name: '王強', residentId: '440305197509213511' });

    await recordCreditInformation(tx, {
      subjectId: zhang.id, agencyId: market.id, kind: 'administrative_penalty', domain: 'food_and_drugs', class: 'general',
      decisionNumber: '京市監罰〔2026〕1207號', decisionDate: '2026-03-12',
      facts: 'Sold packaged food past its use-by date at a market stall (12 items).',
      legalBasis: '《中華人民共和國食品安全法》第一百二十四條', obligation: 'Fine of CNY 5,000, due 2026-04-11', obligationPerformed: true,
      publishedFrom: '2026-03-19', repairableFrom: '2026-06-19', publishedUntil: '2027-03-19',
    });
    await recordCreditInformation(tx, {
      subjectId: zhang.id, agencyId: tax.id, kind: 'other_dishonesty', domain: 'tax', class: 'minor',
      decisionNumber: '深稅信〔2026〕0088號', decisionDate: '2026-08-03',
      facts: 'Breach of a tax-payment credit commitment: the Q2 instalment was paid 9 days late.',
      legalBasis: '《納稅信用管理辦法》第十九條', obligation: null, obligationPerformed: true,
      publishedFrom: '2026-08-10', repairableFrom: null, publishedUntil: '2026-11-10', status: 'expired',
    });
    await recordCreditInformation(tx, {
      subjectId: zhang.id, agencyId: environment.id, kind: 'serious_list_entry', domain: 'environment', class: 'serious',
      decisionNumber: '滬環信〔2026〕0031號', decisionDate: '2026-05-20',
      facts: 'Entered on the serious list for falsifying discharge monitoring data of a workshop he runs.',
      legalBasis: '《失信行為糾正后的信用信息修復管理辦法》; 《上海市社會信用條例》第三十條',
      obligation: 'Rectify the monitoring system and pay a fine of CNY 200,000', obligationPerformed: false,
      publishedFrom: '2026-05-27', repairableFrom: '2027-05-27', publishedUntil: '2029-05-27',
    });
    await recordCreditInformation(tx, {
      subjectId: li.id, agencyId: market.id, kind: 'administrative_penalty', domain: 'product_quality', class: 'general',
      decisionNumber: '京市監罰〔2026〕0954號', decisionDate: '2026-02-26',
      facts: 'Online shop listed children’s toys without the compulsory CCC certification mark.',
      legalBasis: '《中華人民共和國產品質量法》第四十九條', obligation: 'Fine of CNY 8,000, due 2026-03-28', obligationPerformed: false,
      publishedFrom: '2026-03-05', repairableFrom: '2026-06-05', publishedUntil: '2027-03-05',
    });
    await recordCreditInformation(tx, {
      subjectId: li.id, agencyId: tax.id, kind: 'credit_report_negative', domain: 'financial_services', class: 'general',
      decisionNumber: 'CR-2025-118830', decisionDate: '2025-09-30',
      facts: 'Consumer loan overdue 94 days (reported by the lender).',
      legalBasis: '《征信業管理條例》第十六條', obligation: 'Repay CNY 23,410.55', obligationPerformed: true,
      publishedFrom: '2025-10-08', repairableFrom: null, publishedUntil: '2030-09-30',
    });
    await recordCreditInformation(tx, {
      subjectId: wang.id, agencyId: market.id, kind: 'court_dishonest_debtor', domain: 'litigation', class: 'serious',
      decisionNumber: '(2026)京0105執1234號', decisionDate: '2026-01-15',
      facts: 'Failed to perform a judgment with the ability to do so.',
      legalBasis: '《最高人民法院關於公布失信被執行人名單信息的若干規定》第一條', obligation: 'Pay CNY 150,000 under the judgment', obligationPerformed: false,
      publishedFrom: '2026-01-22', repairableFrom: null, publishedUntil: '2028-01-22',
    });

    const linkedTo: Record<string, { subjectId?: string; agencyId?: string }> = {
      citizen1: { subjectId: zhang.id },
      citizen2: { subjectId: li.id },
      agency: { agencyId: market.id },
    };
    for (const account of demoAccounts) {
      await createUser(tx, { ...account, password: demoPassword, ...linkedTo[account.username] });
    }
  });
  return true;
}
