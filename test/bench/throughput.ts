// Transition throughput: case events applied per second through the HTTP API (login token,
// validation, the machine, the audit chain, timers and outbox, all of it) by N concurrent
// clients each on a case of its own, beside pgbench -N at the same client count on the same
// database in the same run. Each client alternates a reviewer's REQUEST_MATERIAL and the
// citizen's SUBMIT_MATERIAL, a cycle the objection machine allows without end (the clock pauses
// and resumes, timers are rewritten, the citizen is notified through the outbox).
import { spawnSync } from 'node:child_process';
import { openPostgres } from '../../db/client.js';
import { registerAgency } from '../../src/services/register-agency.js';
import { registerSubject } from '../../src/services/register-subject.js';
import { recordCreditInformation } from '../../src/services/record-credit-information.js';
import { createUser } from '../../src/services/create-user.js';
import { openCase } from '../../src/services/open-case.js';
import { actorOf } from '../../src/services/log-in.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { policyVersions } from '../../src/domain/policy.js';
import { residentIdCheckCharacter, usccCheckCharacter } from '../../src/domain/identifiers.js';
import { benchKeys, residentMiB, startXiufuProcess, summarise, type XiufuProcess } from './bench-kit.js';

const password = 'bench-password-1';

export interface ThroughputRow {
  clients: number;
  eventsPerSecond: number;
  median: number;
  p99: number;
  errors: number;
  pgbenchClients: number;
  pgbenchTps: number;
  pgbenchLatency: number;
  apiRssMiB: number;
  /** Resident memory of the (first) API process, sampled every half second. */
  rssSeries: number[];
}

/** The n-th of a series of distinct, valid resident ID numbers (a birth day per thousand). */
export function residentIdFor(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

/** The subjects, their citizens, one reviewer, and one open objection per client. */
export async function prepareCases(url: string, count: number) {
  const database = await openPostgres(url, { max: 4 });
  try {
    await seedReferenceData(database.db);
    const rules = policyVersions.find((v) => v.id === 'national-2026-order36')!.rules;
    const first17 = '11110000000099999';
    const agency = await registerAgency(database.db, { name: '基准测试局', uscc: first17.slice(0, 17) + usccCheckCharacter(first17.slice(0, 17)) });
    await createUser(database.db, { username: 'bench-reviewer', displayName: 'Bench reviewer', password, role: 'reviewer' });
    const ctx = { db: database.db, now: () => new Date(), jurisdiction: 'national' as const, sessionTtlHours: 24, keys: benchKeys };
    const cases: { caseId: string; citizen: string; version: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      const subject = await registerSubject(database.db, benchKeys, { name: `基准 ${i}`, residentId: residentIdFor(i) });
      const record = await recordCreditInformation(database.db, {
        subjectId: subject.id, agencyId: agency.id, kind: 'administrative_penalty', domain: 'food_and_drugs', class: 'general',
        decisionNumber: `基准罚〔2026〕${i}号`, decisionDate: '2026-03-12', facts: 'Bench.', legalBasis: 'Bench', obligation: 'Fine', obligationPerformed: true, publishedFrom: '2026-03-19',
      }, rules);
      const citizen = await createUser(database.db, { username: `bench-citizen-${i}`, displayName: `Citizen ${i}`, password, role: 'citizen', subjectId: subject.id });
      const opened = await openCase(ctx, { actor: actorOf(citizen), type: 'objection', filing: { recordId: record.id, reason: 'Bench.' } });
      cases.push({ caseId: opened.row.id, citizen: citizen.username, version: opened.row.version });
    }
    return cases;
  } finally {
    await database.close();
  }
}

async function logIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login of ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Drives `clients` cases for `seconds` (after a warm-up) and returns events/s and latencies. */
async function drive(api: XiufuProcess, cases: { caseId: string; token: string; version: number }[], reviewerToken: string, seconds: number, warmupSeconds: number) {
  const latencies: number[] = [];
  let applied = 0;
  let errors = 0;
  const started = performance.now();
  const measureFrom = started + warmupSeconds * 1000;
  const end = measureFrom + seconds * 1000;
  let rssPeak = 0;
  const rssSeries: number[] = [];
  const sampler = setInterval(() => {
    const rss = residentMiB(api.child.pid!);
    rssPeak = Math.max(rssPeak, rss);
    rssSeries.push(rss);
  }, 500);
  await Promise.all(
    cases.map(async (theCase) => {
      while (performance.now() < end) {
        const reviewerTurn = theCase.version % 2 === 1; // version 1: just filed, in intake
        const body = reviewerTurn ? { type: 'REQUEST_MATERIAL', requested: 'The receipt, please.' } : { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 12345 attached.' };
        const before = performance.now();
        let response: Response;
        let text: string;
        try {
          response = await fetch(`${api.url}/api/v1/cases/${theCase.caseId}/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${reviewerTurn ? reviewerToken : theCase.token}`, 'content-type': 'application/json', 'if-match': `"${theCase.version}"` },
            body: JSON.stringify(body),
          });
          text = await response.text();
        } catch (error) {
          // A kept-alive socket the server closed just as it was reused (its idle timeout is
          // 5 s, and sockets rest while pgbench runs): the warm-up absorbs these; counted only
          // in the measured window, and the case's version read again.
          if (before >= measureFrom) errors += 1;
          if (errors < 5) console.error(`  ${(error as Error).message}: ${String((error as { cause?: Error }).cause?.message)}`);
          const current = await fetch(`${api.url}/api/v1/cases/${theCase.caseId}`, { headers: { authorization: `Bearer ${theCase.token}` } });
          theCase.version = ((await current.json()) as { version: number }).version;
          continue;
        }
        const after = performance.now();
        if (response.status === 200) {
          theCase.version = (JSON.parse(text) as { version: number }).version;
          if (before >= measureFrom && after <= end) {
            applied += 1;
            latencies.push(after - before);
          }
        } else {
          if (before >= measureFrom) errors += 1;
          if (errors < 5) console.error(`  ${response.status} ${text.slice(0, 200)}`);
          const current = await fetch(`${api.url}/api/v1/cases/${theCase.caseId}`, { headers: { authorization: `Bearer ${theCase.token}` } });
          theCase.version = ((await current.json()) as { version: number }).version;
        }
      }
    }),
  );
  clearInterval(sampler);
  return { eventsPerSecond: applied / seconds, ...summarise(latencies), errors, rssPeak, rssSeries };
}

/** Connections pgbench may still open: max_connections less those in use (xiufu's pools) and a margin. */
function freeConnections(url: string): number {
  const out = spawnSync('psql', [url, '-Atc', "select current_setting('max_connections')::int - (select count(*) from pg_stat_activity)::int"], { encoding: 'utf8' });
  return (Number(out.stdout.trim()) || 50) - 5;
}

function pgbench(url: string, clients: number, seconds: number): { tps: number; latency: number } {
  const run = spawnSync('pgbench', ['-N', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-n', url], { encoding: 'utf8' });
  const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1] ?? Number.NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(run.stdout)?.[1] ?? Number.NaN);
  if (!Number.isFinite(tps)) console.error(run.stdout, run.stderr);
  return { tps, latency };
}

export async function measureThroughput(url: string, options: { clientCounts: number[]; seconds: number; warmupSeconds: number; apiProcesses: number; workerProcesses: number; pgbench?: boolean }): Promise<ThroughputRow[]> {
  const most = Math.max(...options.clientCounts);
  console.log(`preparing ${most} open objections…`);
  const prepared = await prepareCases(url, most);
  const init = spawnSync('pgbench', ['-i', '-s', '10', '-q', url], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);

  const env = { DATABASE_URL: url, XIUFU_QUEUE_PREFIX: `bench${process.pid}` };
  const processes: XiufuProcess[] = [];
  try {
    for (let i = 0; i < options.workerProcesses; i += 1) processes.push(await startXiufuProcess('worker', env));
    const apis: XiufuProcess[] = [];
    for (let i = 0; i < options.apiProcesses; i += 1) apis.push(await startXiufuProcess('api', env));
    processes.push(...apis);
    const reviewerTokens = await Promise.all(apis.map((api) => logIn(api.url!, 'bench-reviewer')));
    const cases = [];
    for (const [i, theCase] of prepared.entries()) cases.push({ ...theCase, token: await logIn(apis[i % apis.length]!.url!, theCase.citizen), api: i % apis.length });
    const rows: ThroughputRow[] = [];
    for (const clients of options.clientCounts) {
      const chosen = cases.slice(0, clients);
      const results = await Promise.all(
        apis.map((api, a) => drive(api, chosen.filter((c) => c.api === a), reviewerTokens[a]!, options.seconds, options.warmupSeconds)),
      );
      const pgbenchClients = Math.min(clients, freeConnections(url));
      const bench = options.pgbench === false ? { tps: Number.NaN, latency: Number.NaN } : pgbench(url, pgbenchClients, options.seconds);
      rows.push({
        clients,
        eventsPerSecond: results.reduce((sum, r) => sum + r.eventsPerSecond, 0),
        median: Math.max(...results.map((r) => r.median)),
        p99: Math.max(...results.map((r) => r.p99)),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
        pgbenchClients,
        pgbenchTps: bench.tps,
        pgbenchLatency: bench.latency,
        apiRssMiB: Math.max(...results.map((r) => r.rssPeak)),
        rssSeries: results[0]!.rssSeries,
      });
    }
    return rows;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}
