// Redis with Sentinel, as docs/DEPLOYMENT.md sets it up for more than one machine, carried out
// with real processes: a master, a replica and a sentinel (redis-server from PATH, on ports of
// their own). xiufu's queues connect through REDIS_URL=redis+sentinel://…, a job runs; the
// sentinel fails the master over to the replica, and the next job runs on the new master over
// the same connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/jobs/ensure-redis.js';
import { openJobQueues, redisConnection, type JobQueues } from '../../src/jobs/queues.js';
import { waitFor } from '../helpers/wait.js';

describe('job queues through Redis Sentinel, across a failover', () => {
  const processes: ChildProcess[] = [];
  let directory: string;
  const port = { master: 0, replica: 0, sentinel: 0 };
  const masterName = 'xiufu-test';
  let queues: JobQueues;
  let worker: Worker;
  let events: QueueEvents;
  const ran: string[] = [];

  const start = (args: string[]) => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    processes.push(child);
  };
  const ask = async (onPort: number, ...command: string[]) => {
    const client = new Redis({ port: onPort, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      return await client.call(command[0]!, ...command.slice(1));
    } finally {
      client.disconnect();
    }
  };

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'xiufu-sentinel-'));
    for (const role of ['master', 'replica', 'sentinel'] as const) port[role] = await freePort();
    const plain = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory];
    start(['--port', String(port.master), ...plain]);
    start(['--port', String(port.replica), ...plain, '--replicaof', '127.0.0.1', String(port.master)]);
    const conf = path.join(directory, 'sentinel.conf');
    await writeFile(
      conf,
      `${[
        `port ${port.sentinel}`,
        'bind 127.0.0.1',
        `dir ${directory}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${port.master} 1`,
        `sentinel down-after-milliseconds ${masterName} 1000`,
        `sentinel failover-timeout ${masterName} 5000`,
      ].join('\n')}\n`,
    );
    start([conf, '--sentinel']);
    await waitFor('the replica to sync', async () =>
      String(await ask(port.replica, 'INFO', 'replication')).includes('master_link_status:up'),
    );
    await waitFor('the sentinel to see the replica', async () => {
      const replicas = (await ask(port.sentinel, 'SENTINEL', 'REPLICAS', masterName)) as unknown[];
      return replicas.length === 1;
    });

    const url = `redis+sentinel://127.0.0.1:${port.sentinel}/${masterName}`;
    queues = openJobQueues(url, 'sentinel-test');
    worker = new Worker('sentinel-check', async (job) => void ran.push(job.data.mark as string), {
      connection: redisConnection(url),
      prefix: 'sentinel-test',
    });
    events = new QueueEvents('sentinel-check', { connection: redisConnection(url), prefix: 'sentinel-test' });
    await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled([worker?.close(), events?.close(), queues?.close()]);
    for (const child of processes) child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
  });

  it('runs jobs on the master the sentinel names, before and after it fails over', { timeout: 90_000 }, async () => {
    const queue = new Queue('sentinel-check', { connection: queues.connection, prefix: 'sentinel-test' });
    const runJob = async (mark: string) => {
      const job = await queue.add('check', { mark });
      await job.waitUntilFinished(events, 30_000);
    };
    await runJob('before');
    expect(await ask(port.master, 'ROLE')).toContainEqual('master');

    expect(await ask(port.sentinel, 'SENTINEL', 'FAILOVER', masterName)).toBe('OK');
    await waitFor('the sentinel to name the replica as master', async () => {
      const [, masterPort] = (await ask(port.sentinel, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName)) as string[];
      return Number(masterPort) === port.replica;
    });
    await waitFor(
      'the old master to become a replica',
      async () => ((await ask(port.master, 'ROLE')) as string[])[0] === 'slave',
    );

    // Writes go to the new master: the job is added, taken and finished there.
    await waitFor('a job to run after the failover', async () => {
      await runJob('after');
      return true;
    });
    expect(ran).toContain('before');
    expect(ran).toContain('after');
    expect(Number(await ask(port.replica, 'DBSIZE'))).toBeGreaterThan(0);
    await queue.close();
  });
});
