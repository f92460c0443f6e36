// Transition throughput: case events applied per second through the HTTP API (login token,
// validation, the machine, the audit chain, timers and outbox, all of it) by N concurrent
// clients each on a case of its own, beside pgbench -N at the same client count on the same
// database in the same run. Each client alternates a reviewer's REQUEST_MATERIAL and the
// citizen's SUBMIT_MATERIAL, a cycle the objection machine allows without end (the clock pauses
// and resumes, its next timer moment changes with it, the citizen is notified through the outbox). With more
// than one API process, every tenth request goes to two processes at once, and afterwards the
// race and timer guarantees are checked (checkGuarantees).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openPostgres } from '../../db/client.js';
import { verifyCaseTrail } from '../../src/domain/audit-chain.js';
import { caseTimerJob } from '../../src/jobs/case-timer.job.js';
import { openJobQueues } from '../../src/jobs/queues.js';
import { readTrail } from '../../src/services/read-audit-trail.js';
import { registerAgency } from '../../src/services/register-agency.js';
import { registerSubject } from '../../src/services/register-subject.js';
import { recordCreditInformation } from '../../src/services/record-credit-information.js';
import { createUser } from '../../src/services/create-user.js';
import { openCase } from '../../src/services/open-case.js';
import { actorOf } from '../../src/services/log-in.js';
import { seedReferenceData } from '../../src/services/seed-reference-data.js';
import { policyVersions } from '../../src/domain/policy.js';
import { residentIdCheckCharacter, usccCheckCharacter } from '../../src/domain/identifiers.js';
import {
  type BenchAnswer,
  benchHttpClient,
  benchKeys,
  residentMiB,
  startXiufuProcess,
  summarise,
  type XiufuProcess,
} from './bench-kit.js';
import {
  cpuBetween,
  pgbenchTables,
  postmasterPid,
  readCpu,
  readWorkCounters,
  statementsSentBy,
  workBetween,
  type CpuPerTransaction,
  type CpuReading,
  type WorkCounters,
  type WorkPerTransaction,
} from './event-work.js';

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
  /** pgbench running xiufu's own statements for an event (xiufu-event.pgbench.sql): the database's limit for this work. */
  sameWorkTps: number;
  sameWorkLatency: number;
  apiRssMiB: number;
  /** Resident memory of the (first) API process, sampled every half second. */
  rssSeries: number[];
  /** What one event cost, over the measured window: the database's work and the API processes'. */
  perEvent: WorkPerTransaction & { statements: number; apiCpuMs: number };
  /** The same for one pgbench -N transaction (its five statements: BEGIN, UPDATE, SELECT, INSERT, END). */
  perPgbenchTransaction: WorkPerTransaction & { statements: number };
  /** Whose CPU an event costs (every process shares the cores), beside a pgbench -N and a same-work transaction. */
  cpuPerEvent: CpuPerTransaction;
  cpuPerPgbenchTransaction: CpuPerTransaction | null;
  cpuPerSameWorkTransaction: CpuPerTransaction | null;
}

export interface ThroughputResult {
  rows: ThroughputRow[];
  /** With more than one API process: the race and timer guarantees checked after the runs. */
  race: RaceReport | null;
}

interface BenchCase {
  caseId: string;
  token: string;
  version: number;
  initialVersion: number;
  /** Events this bench saw applied (200) to the case, warm-up included. */
  accepted: number;
}

/**
 * A client moves to its next case after this many events. The objection machine keeps every
 * material request in the case's context, so a case cycled thousands of times would carry a
 * snapshot of a hundred KB and more, which no real objection does.
 */
const eventsPerCase = 100;

/**
 * How many cases client k needs across the rounds, assuming at most 1,000 events/s in all (one
 * API process applies about 550 here), so that no case is driven past `eventsPerCase`.
 */
function casesForClient(k: number, clientCounts: number[], secondsPerRound: number): number {
  return clientCounts
    .filter((clients) => k < clients)
    .reduce((sum, clients) => sum + Math.ceil((secondsPerRound * 1000) / clients / eventsPerCase), 0);
}

/** Doubled requests sent and how many of them were applied twice (must be none). */
export interface RaceTally {
  every: number;
  peerOf: (api: XiufuProcess) => XiufuProcess;
  doubled: number;
  appliedTwice: number;
}

export interface RaceReport {
  doubledRequests: number;
  appliedTwice: number;
  casesChecked: number;
  /** Cases whose version moved by other than the events the bench saw applied. */
  versionMismatches: number;
  brokenChains: number;
  timersFired: number;
  timerJobsSent: number;
  /** Timers whose breach was recorded more than once, or never. */
  timersNotOnce: number;
}

/** The n-th of a series of distinct, valid resident ID numbers (a birth day per thousand). */
export function residentIdFor(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const body = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

/**
 * The subjects, their citizens, one reviewer, and `count` open objections, each on a record of
 * its own. `casesPerCitizen` above 1 files that many under one citizen (a subject with several
 * records), which prepares thousands of cases in a minute: a citizen's password is hashed once.
 */
export async function prepareCases(url: string, count: number, casesPerCitizen = 1) {
  const database = await openPostgres(url, { max: 4 });
  try {
    await seedReferenceData(database.db);
    const rules = policyVersions.find((v) => v.id === 'national-2026-04-01')!.rules;
    const first17 = '11110000000099999';
    const agency = await registerAgency(database.db, {
      name: '基准测试局',
      uscc: first17.slice(0, 17) + usccCheckCharacter(first17.slice(0, 17)),
    });
    await createUser(database.db, {
      username: 'bench-reviewer',
      displayName: 'Bench reviewer',
      password,
      role: 'reviewer',
    });
    const ctx = {
      db: database.db,
      now: () => new Date(),
      jurisdiction: 'national' as const,
      sessionTtlHours: 24,
      keys: benchKeys,
    };
    const cases: { caseId: string; citizen: string; version: number }[] = [];
    let subject: Awaited<ReturnType<typeof registerSubject>> | undefined;
    let citizen: Awaited<ReturnType<typeof createUser>> | undefined;
    for (let i = 0; i < count; i += 1) {
      const person = Math.floor(i / casesPerCitizen);
      if (i % casesPerCitizen === 0 || !subject || !citizen) {
        subject = await registerSubject(database.db, benchKeys, {
          name: `基准 ${person}`,
          residentId: residentIdFor(person),
        });
        citizen = await createUser(database.db, {
          username: `bench-citizen-${person}`,
          displayName: `Citizen ${person}`,
          password,
          role: 'citizen',
          subjectId: subject.id,
        });
      }
      const record = await recordCreditInformation(
        database.db,
        {
          subjectId: subject.id,
          agencyId: agency.id,
          kind: 'administrative_penalty',
          domain: 'food_and_drugs',
          class: 'general',
          decisionNumber: `基准罚〔2026〕${i}号`,
          decisionDate: '2026-03-12',
          facts: 'Bench.',
          legalBasis: 'Bench',
          obligation: 'Fine',
          obligationPerformed: true,
          publishedFrom: '2026-03-19',
        },
        rules,
      );
      const opened = await openCase(ctx, {
        actor: actorOf(citizen),
        type: 'objection',
        filing: { recordId: record.id, reason: 'Bench.' },
      });
      cases.push({ caseId: opened.row.id, citizen: citizen.username, version: opened.row.version });
    }
    return cases;
  } finally {
    await database.close();
  }
}

async function logIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Drives `clients` cases for `seconds` (after a warm-up) and returns events/s and latencies. */
async function drive(
  api: XiufuProcess,
  rings: BenchCase[][],
  reviewerToken: string,
  seconds: number,
  warmupSeconds: number,
  race?: RaceTally,
  /** Called as the measured window opens and as it closes. */
  onWindow?: (edge: 'start' | 'end') => Promise<void>,
) {
  const client = benchHttpClient();
  /** The version a case is at now, read as its citizen reads it. */
  const versionNow = async (theCase: BenchCase) => {
    const answer = await client.send(`${api.url}/api/v1/cases/${theCase.caseId}`, {
      headers: { authorization: `Bearer ${theCase.token}` },
    });
    return (JSON.parse(answer.text) as { version: number }).version;
  };
  const latencies: number[] = [];
  let applied = 0;
  let errors = 0;
  let turn = 0;
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
  const edges: Promise<void>[] = [];
  const windowTimers = onWindow
    ? [
        setTimeout(() => edges.push(onWindow('start')), measureFrom - started),
        setTimeout(() => edges.push(onWindow('end')), end - started),
      ]
    : [];
  await Promise.all(
    rings.map(async (ring) => {
      let at = 0;
      while (performance.now() < end) {
        while (at < ring.length - 1 && ring[at]!.version - ring[at]!.initialVersion >= eventsPerCase) at += 1;
        const theCase = ring[at]!;
        const reviewerTurn = theCase.version % 2 === 1; // version 1: just filed, in intake
        const body = reviewerTurn
          ? { type: 'REQUEST_MATERIAL', reasonCode: 'material_incomplete', requested: 'The receipt, please.' }
          : { type: 'SUBMIT_MATERIAL', material: 'Receipt no. 12345 attached.' };
        const send = (to: XiufuProcess) =>
          client.send(`${to.url}/api/v1/cases/${theCase.caseId}/events`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${reviewerTurn ? reviewerToken : theCase.token}`,
              'content-type': 'application/json',
              'if-match': `"${theCase.version}"`,
            },
            body: JSON.stringify(body),
          });
        const before = performance.now();
        let response: BenchAnswer;
        try {
          turn += 1;
          if (race && turn % race.every === 0) {
            // The same event at the same version through two API processes at once, as a
            // double-clicked button or a retried request would send it: one may apply, never both.
            // A request whose kept-alive socket the server had just closed never reached it;
            // the other's answer still counts.
            const settled = await Promise.allSettled([send(api), send(race.peerOf(api))]);
            const answers = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
            const appliedNow = answers.filter((answer) => answer.status === 200).length;
            race.doubled += 1;
            if (appliedNow > 1) race.appliedTwice += 1;
            theCase.accepted += appliedNow;
            const won = answers.findIndex((answer) => answer.status === 200);
            if (won >= 0) theCase.version = (JSON.parse(answers[won]!.text) as { version: number }).version;
            else if (answers.length < 2) theCase.version = await versionNow(theCase);
            continue;
          }
          response = await send(api);
        } catch (error) {
          // A kept-alive socket the server closed just as it was reused (its idle timeout is
          // 5 s, and sockets rest while pgbench runs): the warm-up absorbs these; counted only
          // in the measured window, and the case's version read again.
          if (before >= measureFrom) errors += 1;
          if (before >= measureFrom && errors < 5) console.error(`  ${(error as Error).message}`);
          theCase.version = await versionNow(theCase);
          continue;
        }
        const after = performance.now();
        if (response.status === 200) {
          theCase.accepted += 1;
          theCase.version = (JSON.parse(response.text) as { version: number }).version;
          if (before >= measureFrom && after <= end) {
            applied += 1;
            latencies.push(after - before);
          }
        } else {
          if (before >= measureFrom) errors += 1;
          if (errors < 5) console.error(`  ${response.status} ${response.text.slice(0, 200)}`);
          theCase.version = await versionNow(theCase);
        }
      }
    }),
  );
  clearInterval(sampler);
  client.close();
  for (const timer of windowTimers) clearTimeout(timer);
  await Promise.all(edges);
  return { eventsPerSecond: applied / seconds, ...summarise(latencies), errors, rssPeak, rssSeries };
}

/** Connections pgbench may still open: max_connections less those in use (xiufu's pools) and a margin. */
function freeConnections(url: string): number {
  const out = spawnSync(
    'psql',
    [url, '-Atc', "select current_setting('max_connections')::int - (select count(*) from pg_stat_activity)::int"],
    { encoding: 'utf8' },
  );
  return (Number(out.stdout.trim()) || 50) - 5;
}

const sameWorkScript = fileURLToPath(new URL('./xiufu-event.pgbench.sql', import.meta.url));

/** pgbench -N (the built-in simple update), or with `script` a script of xiufu's own statements. */
function pgbench(
  url: string,
  clients: number,
  seconds: number,
  script?: string,
): { tps: number; latency: number; transactions: number } {
  // The script reads its case on its first event only (-D c_fresh=1), as an API process does.
  const workload = script ? ['-f', script, '-D', 'c_fresh=1'] : ['-N'];
  const run = spawnSync(
    'pgbench',
    [...workload, '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-n', url],
    { encoding: 'utf8' },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1] ?? Number.NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(run.stdout)?.[1] ?? Number.NaN);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1] ?? Number.NaN);
  if (!Number.isFinite(tps)) console.error(run.stdout, run.stderr);
  return { tps, latency, transactions };
}

export async function measureThroughput(
  url: string,
  options: {
    clientCounts: number[];
    seconds: number;
    warmupSeconds: number;
    apiProcesses: number;
    workerProcesses: number;
    pgbench?: boolean;
    /**
     * Each client's cases filed by one citizen (the soak: ten minutes' worth of cases, prepared
     * in a minute or two), rather than a citizen for each case.
     */
    citizenPerClient?: boolean;
  },
): Promise<ThroughputResult> {
  const most = Math.max(...options.clientCounts);
  // With more than one process, a hundred more cases whose deadlines are made due at the end.
  const checkRaces = options.apiProcesses > 1;
  const timerCases = checkRaces ? 100 : 0;
  // Without the race checks, cases of their own for pgbench to run xiufu's statements on.
  const sameWork = options.pgbench !== false && !checkRaces;
  // Client k works through a ring of cases of its own (see eventsPerCase).
  const ringSizes = Array.from({ length: most }, (_, k) =>
    casesForClient(k, options.clientCounts, options.seconds + options.warmupSeconds),
  );
  const driven = ringSizes.reduce((sum, size) => sum + size, 0);
  console.log(`preparing ${driven + timerCases + (sameWork ? most : 0)} open objections…`);
  // One citizen per client: every ring is as long (one client count), so ring k is citizen k's.
  const prepared = await prepareCases(
    url,
    driven + timerCases + (sameWork ? most : 0),
    options.citizenPerClient ? ringSizes[0] : 1,
  );
  const init = spawnSync('pgbench', ['-i', '-s', '10', '-q', url], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
  if (sameWork)
    await setUpSameWork(
      url,
      prepared.slice(driven + timerCases).map((c) => c.caseId),
    );

  const queuePrefix = `bench${process.pid}`;
  const env = { DATABASE_URL: url, XIUFU_QUEUE_PREFIX: queuePrefix };
  const processes: XiufuProcess[] = [];
  try {
    for (let i = 0; i < options.workerProcesses; i += 1) processes.push(await startXiufuProcess('worker', env));
    const apis: XiufuProcess[] = [];
    for (let i = 0; i < options.apiProcesses; i += 1) apis.push(await startXiufuProcess('api', env));
    processes.push(...apis);
    const reviewerTokens = await Promise.all(apis.map((api) => logIn(api.url!, 'bench-reviewer')));
    const rings: { api: number; cases: BenchCase[] }[] = [];
    let next = 0;
    for (const [k, size] of ringSizes.entries()) {
      const api = k % apis.length;
      const ring: BenchCase[] = [];
      const tokens = new Map<string, string>();
      for (const theCase of prepared.slice(next, next + size)) {
        if (!tokens.has(theCase.citizen)) tokens.set(theCase.citizen, await logIn(apis[api]!.url!, theCase.citizen));
        ring.push({
          ...theCase,
          token: tokens.get(theCase.citizen)!,
          accepted: 0,
          initialVersion: theCase.version,
        });
      }
      next += size;
      rings.push({ api, cases: ring });
    }
    const cases = rings.flatMap((ring) => ring.cases);
    const race: RaceTally | undefined = checkRaces
      ? { every: 10, peerOf: (api) => apis[(apis.indexOf(api) + 1) % apis.length]!, doubled: 0, appliedTwice: 0 }
      : undefined;
    const rows: ThroughputRow[] = [];
    const stats = postgres(url, { max: 1, onnotice: () => {} });
    const cpuParts = {
      api: apis.map((api) => api.child.pid!),
      worker: processes.filter((p) => !apis.includes(p)).map((p) => p.child.pid!),
      postmaster: await postmasterPid(stats),
    };
    /** pgbench at this run's client count, with the CPU each part spent per transaction. */
    const timedPgbench = (clients: number, script?: string) => {
      const before = readCpu(cpuParts);
      const run = pgbench(url, clients, options.seconds, script);
      return { ...run, cpu: cpuBetween(before, readCpu(cpuParts), run.transactions) };
    };
    for (const clients of options.clientCounts) {
      const chosen = rings.slice(0, clients);
      // The window's edges, read once however many API processes drive it.
      const window: Partial<Record<'start' | 'end', { db: WorkCounters; cpu: CpuReading; statements: number }>> = {};
      const readEdge = async (edge: 'start' | 'end') => {
        if (window[edge]) return;
        const reading = { db: undefined as unknown as WorkCounters, cpu: readCpu(cpuParts), statements: 0 };
        window[edge] = reading;
        const sent = await Promise.all(apis.map((api) => statementsSentBy(api.url!)));
        reading.statements = sent.reduce((sum, n) => sum + n, 0);
        reading.db = await readWorkCounters(stats);
      };
      const results = await Promise.all(
        apis.map((api, a) =>
          drive(
            api,
            chosen.filter((ring) => ring.api === a).map((ring) => ring.cases),
            reviewerTokens[a]!,
            options.seconds,
            options.warmupSeconds,
            race,
            readEdge,
          ),
        ),
      );
      const eventsInWindow = results.reduce((sum, r) => sum + r.eventsPerSecond * options.seconds, 0);
      const { start, end } = window as Required<typeof window>;
      const xiufuTables = (table: string) => !pgbenchTables(table) && table !== 'xiufu_bench_same_work';
      const perEvent = {
        ...workBetween(start.db, end.db, eventsInWindow, xiufuTables),
        statements: (end.statements - start.statements) / eventsInWindow,
        apiCpuMs: ((end.cpu.api - start.cpu.api) * 1000) / eventsInWindow,
      };
      const cpuPerEvent = cpuBetween(start.cpu, end.cpu, eventsInWindow);
      const pgbenchClients = Math.min(clients, freeConnections(url));
      const none = { tps: Number.NaN, latency: Number.NaN, transactions: Number.NaN, cpu: null };
      // pg_stat counters reach the shared view when a backend next goes idle, within a second.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const beforePgbench = await readWorkCounters(stats);
      const bench = options.pgbench === false ? none : timedPgbench(pgbenchClients);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const perPgbenchTransaction = {
        ...workBetween(beforePgbench, await readWorkCounters(stats), bench.transactions, pgbenchTables),
        statements: 5,
      };
      const same = sameWork ? timedPgbench(pgbenchClients, sameWorkScript) : none;
      rows.push({
        clients,
        eventsPerSecond: results.reduce((sum, r) => sum + r.eventsPerSecond, 0),
        median: Math.max(...results.map((r) => r.median)),
        p99: Math.max(...results.map((r) => r.p99)),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
        pgbenchClients,
        pgbenchTps: bench.tps,
        pgbenchLatency: bench.latency,
        sameWorkTps: same.tps,
        sameWorkLatency: same.latency,
        apiRssMiB: Math.max(...results.map((r) => r.rssPeak)),
        rssSeries: results[0]!.rssSeries,
        perEvent,
        perPgbenchTransaction,
        cpuPerEvent,
        cpuPerPgbenchTransaction: bench.cpu,
        cpuPerSameWorkTransaction: same.cpu,
      });
    }
    await stats.end();
    const report = race
      ? await checkGuarantees(
          url,
          cases,
          prepared.slice(driven, driven + timerCases).map((c) => c.caseId),
          queuePrefix,
          race,
        )
      : null;
    return { rows, race: report };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}

/**
 * The table xiufu-event.pgbench.sql reads: pgbench client k works case k with a session of that
 * case's citizen, as each bench client works a case of its own.
 */
async function setUpSameWork(url: string, caseIds: string[]): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`create table xiufu_bench_same_work (n int primary key, case_id uuid not null, token_hash text not null)`;
    await sql`
      with picked as (select c.id, c.subject_id, row_number() over (order by c.id) as n from cases c where c.id = any(${caseIds}::uuid[])),
      opened as (
        insert into sessions (token_hash, user_id, expires_at)
        select 'same-work-' || p.n, u.id, now() + interval '1 day' from picked p join users u on u.subject_id = p.subject_id and u.role = 'citizen'
      )
      insert into xiufu_bench_same_work select p.n, p.id, 'same-work-' || p.n from picked p`;
  } finally {
    await sql.end();
  }
}

/**
 * After the runs, with every process still up: each case moved by exactly the events the bench
 * saw applied, and its chain verifies; then the deadlines of the spare cases are made due and
 * each timer's job is sent twice, under two job ids, for the worker processes to race over:
 * each breach must be recorded exactly once.
 */
async function checkGuarantees(
  url: string,
  driven: (BenchCase & { initialVersion: number })[],
  timerCaseIds: string[],
  queuePrefix: string,
  race: RaceTally,
): Promise<RaceReport> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const database = await openPostgres(url, { max: 2 });
  const queues = openJobQueues(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', queuePrefix);
  try {
    const rows = await sql<
      { id: string; version: number; state: string; opened_at: Date }[]
    >`select id, version, state, opened_at from cases where id in ${sql(driven.map((c) => c.caseId))}`;
    const byId = new Map(rows.map((row) => [row.id, row]));
    let versionMismatches = 0;
    let brokenChains = 0;
    for (const theCase of driven) {
      const row = byId.get(theCase.caseId)!;
      if (row.version - theCase.initialVersion !== theCase.accepted) versionMismatches += 1;
      const trail = await readTrail({ db: database.db }, { id: row.id, openedAt: row.opened_at });
      if (!verifyCaseTrail(trail, row).valid) brokenChains += 1;
    }
    // The deadline of each spare case is moved to a second ago, on its clock (the timers' truth)
    // and its next timer moment, as a clock that ran out would leave them.
    const due = await sql<{ id: string }[]>`
      update cases set clock = jsonb_set(clock, '{dueAt}', to_jsonb(to_char((now() - interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
        next_timer_at = now() - interval '1 second'
      where id in ${sql(timerCaseIds)} and status = 'open' and clock->>'dueAt' is not null and clock->>'breachedAt' is null
      returning id`;
    const firedAt = new Date();
    for (const copy of ['a', 'b']) {
      await queues.timers.addBulk(
        due.map((theCase) => ({
          name: caseTimerJob.name,
          data: { caseId: theCase.id, fireAt: firedAt.toISOString() },
          opts: { jobId: `${caseTimerJob.jobId(theCase.id, firedAt)}-${copy}` },
        })),
      );
    }
    const started = Date.now();
    while (Date.now() - started < 120_000) {
      const [{ left } = { left: 0 }] = await sql<
        { left: number }[]
      >`select count(*)::int as left from cases where id in ${sql(due.map((c) => c.id))} and next_timer_at <= now()`;
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const breaches = await sql<{ case_id: string; n: number }[]>`
      select case_id, count(*)::int as n from case_events where case_id in ${sql(timerCaseIds)} and event = 'DEADLINE_BREACHED' group by 1`;
    return {
      doubledRequests: race.doubled,
      appliedTwice: race.appliedTwice,
      casesChecked: driven.length,
      versionMismatches,
      brokenChains,
      timersFired: due.length,
      timerJobsSent: due.length * 2,
      timersNotOnce: due.length - breaches.filter((b) => b.n === 1).length,
    };
  } finally {
    await queues.close();
    await database.close();
    await sql.end();
  }
}
