// Test data that belongs to one test: agencies, subjects with valid (random) identity numbers,
// records and accounts, created through the same services the application uses.
import { randomBytes, randomInt } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { agencyPlatforms, platforms } from '../../db/schema.js';
import { residentIdCheckCharacter, usccCheckCharacter } from '../../src/domain/identifiers.js';
import { policyVersions } from '../../src/domain/policy.js';
import type { Role } from '../../src/domain/roles.js';
import { chinaDateFrom, testStart } from './test-clock.js';
import { testKeys } from './test-keys.js';

const nationalRules = policyVersions.find((v) => v.id === 'national-2026-04-01')!.rules;
import { createUser } from '../../src/services/create-user.js';
import { recordCreditInformation, type NewCreditRecord } from '../../src/services/record-credit-information.js';
import { registerAgency } from '../../src/services/register-agency.js';
import { registerSubject } from '../../src/services/register-subject.js';

export const testPassword = 'correct horse battery staple';
const suffix = () => randomBytes(4).toString('hex');

export function randomResidentId(): string {
  const birth = new Date(Date.UTC(1950 + randomInt(50), randomInt(12), 1 + randomInt(28)))
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `110105${birth}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

export function randomUscc(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `1111${Array.from({ length: 13 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
  return first17 + usccCheckCharacter(first17);
}

export async function makeAgency(db: Database) {
  return registerAgency(db, { name: `测试局 ${suffix()}`, uscc: randomUscc() });
}

/** A registered subject, with the identity number it was registered under (stored only sealed). */
export async function makeSubject(db: Database) {
  const residentId = randomResidentId();
  const subject = await registerSubject(db, testKeys, { name: `测试人 ${suffix()}`, residentId });
  return { ...subject, residentId };
}

export async function makeUser(db: Database, role: Role, links: { subjectId?: string; agencyId?: string } = {}) {
  const tag = suffix();
  return createUser(db, {
    username: `${role}-${tag}`,
    displayName: `Test ${role} ${tag}`,
    password: testPassword,
    role,
    ...links,
  });
}

export async function makeRecord(
  db: Database,
  subjectId: string,
  agencyId: string,
  fields: Partial<NewCreditRecord> = {},
) {
  // Published eight months before the tests' start (2026-03-19): repairable (three months of a
  // general record's display have passed) and shown for four months more.
  // A test that names the publication day alone means the display period to start then: the
  // finding is dated that day too (periods count from the finding under NDRC Order 36).
  const decidedOn = fields.publishedFrom ?? chinaDateFrom(testStart, -258);
  return recordCreditInformation(
    db,
    {
      subjectId,
      agencyId,
      kind: 'administrative_penalty',
      domain: 'food_and_drugs',
      class: 'general',
      decisionNumber: `测罚〔${decidedOn.slice(0, 4)}〕${randomInt(10_000)}号`,
      decisionDate: decidedOn,
      facts: 'Sold expired food.',
      legalBasis: '食品安全法 art. 124',
      obligation: 'Fine of CNY 5,000',
      obligationPerformed: true,
      publishedFrom: fields.publishedFrom ?? chinaDateFrom(testStart, -251),
      ...fields,
    },
    nationalRules,
    // By xiufu's clock, so that the record's versions are in time order with the cases' changes.
    new Date(testStart),
  );
}

/** Two subjects with a record each, their citizen accounts, a reviewer and the agency's officer. */
export async function makeObjectionScenario(db: Database) {
  const agency = await makeAgency(db);
  const otherAgency = await makeAgency(db);
  const subject = await makeSubject(db);
  const otherSubject = await makeSubject(db);
  const record = await makeRecord(db, subject.id, agency.id);
  const otherRecord = await makeRecord(db, otherSubject.id, agency.id);
  const [citizen, otherCitizen, reviewer, agencyOfficer, otherAgencyOfficer] = await Promise.all([
    makeUser(db, 'citizen', { subjectId: subject.id }),
    makeUser(db, 'citizen', { subjectId: otherSubject.id }),
    makeUser(db, 'reviewer'),
    makeUser(db, 'agency', { agencyId: agency.id }),
    makeUser(db, 'agency', { agencyId: otherAgency.id }),
  ]);
  return {
    agency,
    subject,
    otherSubject,
    record,
    otherRecord,
    citizen,
    otherCitizen,
    reviewer,
    agencyOfficer,
    otherAgencyOfficer,
  };
}

/** A downstream platform registered for an agency's records. */
export async function makePlatform(
  db: Database,
  agencyId: string,
  platform: { kind: 'http' | 'manual'; endpointUrl?: string; signingSecret?: string; name?: string },
) {
  const [row] = await db
    .insert(platforms)
    .values({
      name: platform.name ?? `平台 ${suffix()}`,
      kind: platform.kind,
      endpointUrl: platform.endpointUrl ?? null,
      signingSecret: platform.signingSecret ?? null,
    })
    .returning();
  await db.insert(agencyPlatforms).values({ agencyId, platformId: row!.id });
  return row!;
}
