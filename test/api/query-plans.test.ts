// The hot queries keep their indexes: every statement that xiufu's busiest paths send (the
// reviewer queue, a case page, a case change, the SLA summary, the overview, the reconciler, a record and
// its register, the oldest overdue timer) is captured as sent, then EXPLAINed with sequential scans priced out of
// reach; a plan that still reads cases, case_events, credit_records or notifications front to back
// means no index serves it, and a later change that loses one fails here. And an event that
// changes none of the case row's indexed columns (a citizen's supplement) is a HOT update, with
// no index entry written: an index that names the snapshot or updated_at would undo that.
// PostgreSQL only: the plans that matter are the production database's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { openPostgres, type DatabaseHandle } from '../../db/client.js';
import { openJobQueues, type JobQueues } from '../../src/jobs/queues.js';
import { reconcileTimers } from '../../src/jobs/reconcile-timers.job.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { readAccessLog } from '../../src/services/access-log.js';
import type { ServiceContext } from '../../src/services/context.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { readVerifiedAuditTrail } from '../../src/services/read-audit-trail.js';
import { getCase, listCases } from '../../src/services/read-cases.js';
import { countUnreadNotifications, listNotifications } from '../../src/services/read-notifications.js';
import { readPublicRecords } from '../../src/services/read-public-records.js';
import { getRecord, listMyRecords } from '../../src/services/read-records.js';
import { readOldestOverdueTimerAge } from '../../src/services/read-overdue-timers.js';
import { readSlaSummary } from '../../src/services/read-sla-summary.js';
import { readOverview } from '../../src/services/read-overview.js';
import { makeObjectionScenario, makeRecord, makeUser } from '../helpers/factories.js';
import { createPostgresDatabase } from '../helpers/test-database.js';
import { testKeys } from '../helpers/test-keys.js';
import { emptyQueuePrefix, ownQueuePrefix, testRedisUrl } from '../helpers/test-redis.js';
import { waitFor } from '../helpers/wait.js';

const guarded = ['cases', 'case_events', 'credit_records', 'notifications'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScansIn(node: PlanNode): string[] {
  const own =
    node['Node Type'] === 'Seq Scan' && node['Relation Name'] && guarded.includes(node['Relation Name'])
      ? [node['Relation Name']]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScansIn)];
}

describe('query plans of the hot paths (postgres)', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let handle: DatabaseHandle;
  let queues: JobQueues;
  const captured: { query: string; params: unknown[]; path: string }[] = [];
  let path = '';

  beforeAll(async () => {
    database = await createPostgresDatabase();
    handle = await openPostgres(database.url, {
      max: 2,
      logQuery: (query, params) => captured.push({ query, params, path }),
    });
    queues = openJobQueues(testRedisUrl, ownQueuePrefix('plans'));
  });
  afterAll(async () => {
    await queues.close();
    await emptyQueuePrefix(testRedisUrl, queues.prefix);
    await handle.close();
    await database.drop();
  });

  it('reads cases (their timers too), events and records through an index on every hot path', {
    timeout: 60_000,
  }, async () => {
    const ctx: ServiceContext = {
      db: handle.db,
      now: () => new Date('2026-11-25T02:00:00Z'),
      jurisdiction: 'national',
      sessionTtlHours: 24,
      keys: testKeys,
    };
    const s = await makeObjectionScenario(handle.db);
    const supervisor = actorOf(await makeUser(handle.db, 'supervisor'));
    const reviewer = actorOf(s.reviewer);
    const citizen = actorOf(s.citizen);

    const second = await makeRecord(handle.db, s.subject.id, s.agency.id);
    const paths: [string, () => Promise<unknown>][] = [
      [
        'file an objection',
        () => openCase(ctx, { actor: citizen, type: 'objection', filing: { recordId: s.record.id, reason: 'Paid.' } }),
      ],
      [
        'file another',
        () =>
          openCase(ctx, { actor: citizen, type: 'objection', filing: { recordId: second.id, reason: 'Paid too.' } }),
      ],
      [
        'reviewer queue, by due moment',
        () => listCases(ctx, reviewer, { type: 'objection', status: 'open', assignee: 'none', sort: 'due' }),
      ],
      [
        'reviewer queue, a later page',
        async () => {
          const first = await listCases(ctx, reviewer, { status: 'open', sort: 'due', limit: 1 });
          return listCases(ctx, reviewer, { status: 'open', sort: 'due', limit: 1, after: first.next! });
        },
      ],
      [
        'a citizen’s cases, a later page',
        async () => listCases(ctx, citizen, { limit: 1, after: (await listCases(ctx, citizen, { limit: 1 })).next! }),
      ],
      ['reviewer queue, at risk', () => listCases(ctx, reviewer, { status: 'open', sla: 'at_risk', sort: 'oldest' })],
      ['an agency inbox', () => listCases(ctx, actorOf(s.agencyOfficer), { waitingOn: 'agency', status: 'open' })],
      ['a citizen’s cases', () => listCases(ctx, citizen, {})],
      ['SLA summary', () => readSlaSummary(ctx, supervisor)],
      ['overview (its counts stored by the summary)', () => readOverview(ctx, supervisor)],
      ['reconciler pass', () => reconcileTimers(ctx, queues)],
      ['oldest overdue timer (readiness, metrics)', () => readOldestOverdueTimerAge(ctx)],
      ['a citizen’s records', () => listMyRecords(ctx, citizen)],
      ['public look-up', () => readPublicRecords(ctx, s.subject.residentId)],
      ['the register', () => readAccessLog(ctx, citizen, { limit: 50 })],
      ['a citizen’s notifications', () => listNotifications(ctx, citizen)],
      ['a reviewer’s unread count', () => countUnreadNotifications(ctx, reviewer)],
    ];
    for (const [name, run] of paths) {
      path = name;
      await run();
    }
    const [theCase] = (await listCases(ctx, citizen, {})).cases;
    path = 'a case page';
    await getCase(ctx, reviewer, theCase!.id);
    await readVerifiedAuditTrail(ctx, reviewer, theCase!.id);
    await getRecord(ctx, reviewer, s.record.id);
    path = 'a case change';
    await applyCaseEvent(ctx, {
      caseId: theCase!.id,
      actor: reviewer,
      expectedVersion: theCase!.version,
      type: 'ACCEPT',
      input: {},
    });

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const problems: string[] = [];
    try {
      const reads = captured.filter(
        (c) =>
          /^\s*(select|update|delete|with)/i.test(c.query) && guarded.some((table) => c.query.includes(`"${table}"`)),
      );
      expect(new Set(reads.map((r) => r.path)).size).toBeGreaterThanOrEqual(paths.length);
      for (const { query, params, path: where } of reads) {
        const plan = await sql.begin(async (tx) => {
          await tx`set local enable_seqscan = off`;
          const [row] = await tx.unsafe(`explain (format json) ${query}`, params as never[]);
          return (row as unknown as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
        });
        const scans = seqScansIn(plan);
        if (scans.length > 0)
          problems.push(`${where}: sequential scan of ${scans.join(', ')} in: ${query.slice(0, 300)}`);
      }
    } finally {
      await sql.end();
    }
    expect(problems).toEqual([]);

    // A supplement changes the snapshot, the version and updated_at only.
    const stats = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const hotUpdates = async () => {
        const [row] = await stats<{ n: number }[]>`
          select n_tup_hot_upd::int as n from pg_stat_user_tables where relname = 'cases'`;
        return row?.n ?? 0;
      };
      const [objection] = (await listCases(ctx, citizen, { status: 'open', limit: 1 })).cases;
      // No update before this one could be HOT (each changed the state), so a late count of
      // theirs cannot pass for the supplement's.
      const before = await hotUpdates();
      // An hour on, so updated_at moves too.
      const changed = await applyCaseEvent(
        { ...ctx, now: () => new Date('2026-11-25T03:00:00Z') },
        {
          caseId: objection!.id,
          actor: citizen,
          expectedVersion: objection!.version,
          type: 'SUPPLEMENT',
          input: { reason: 'One more receipt.' },
        },
      );
      expect(changed.state).toBe(objection!.state);
      // The statistics reach the view within about a second of the commit.
      await waitFor('the supplement to be counted as a HOT update', async () => (await hotUpdates()) > before, 10_000);
    } finally {
      await stats.end();
    }
  });
});
