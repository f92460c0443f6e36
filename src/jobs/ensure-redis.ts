// Finds the Redis the job queues run on: REDIS_URL when set; else one answering on
// 127.0.0.1:6379; else a private redis-server (from PATH) with its files under the data
// directory, stopped when xiufu stops. Without any, start-up stops with a message saying how
// to get one, so the quick start stays one command on a fresh machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import path from 'node:path';

export interface RedisHandle {
  url: string;
  /** Where it came from, for the start-up banner. */
  description: string;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

function answers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => {
      socket.write('PING\r\n');
      socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    });
  });
}

/** A TCP port on 127.0.0.1 nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function ensureRedis(options: {
  redisUrl: string | undefined;
  dataDir: string;
  defaultPort?: number;
  redisServer?: string;
}): Promise<RedisHandle> {
  if (options.redisUrl) return { url: options.redisUrl, description: 'Redis from REDIS_URL', stop: async () => {} };
  const defaultPort = options.defaultPort ?? 6379;
  if (await answers('127.0.0.1', defaultPort))
    return {
      url: `redis://127.0.0.1:${defaultPort}`,
      description: `Redis on 127.0.0.1:${defaultPort}`,
      stop: async () => {},
    };

  const dir = path.resolve(options.dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = await new Promise<ChildProcess>((resolve, reject) => {
      const started = spawn(
        options.redisServer ?? 'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      started.once('error', reject);
      started.once('spawn', () => resolve(started));
    });
  } catch {
    throw new RedisUnavailableError(
      'xiufu needs Redis for its deadline timers and job queues, and found none: nothing answers on 127.0.0.1:6379, REDIS_URL is not set, ' +
        'and there is no redis-server to start. Install one (Debian: apt-get install redis-server) or set REDIS_URL.',
    );
  }
  let ready = await answers('127.0.0.1', port);
  for (let i = 1; i < 50 && !ready; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    ready = await answers('127.0.0.1', port);
  }
  if (!ready) {
    child.kill('SIGKILL');
    throw new RedisUnavailableError(
      `The private redis-server started but did not answer on 127.0.0.1:${port}; see ${dir}, or set REDIS_URL.`,
    );
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `a private redis-server on 127.0.0.1:${port} (files in ${dir})`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
