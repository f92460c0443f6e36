// GET /metrics in Prometheus's text format: the process's counters (src/services/metrics.ts),
// HTTP latency by route, open cases by SLA status (the SLA figures' stored counts, at most a
// minute old), and figures read at scrape time: the age of the oldest overdue timer and the
// job queues' depths. Nothing in it names a person; it is
// served without login, for the monitoring network (docs/DEPLOYMENT.md says to keep it there).
import { Hono, type MiddlewareHandler } from 'hono';
import { Gauge, Histogram, Registry } from 'prom-client';
import { withinMs, type JobQueues } from '../jobs/queues.js';
import type { ServiceContext } from '../services/context.js';
import { metricsRegistry } from '../services/metrics.js';
import { readOldestOverdueTimerAge } from '../services/read-overdue-timers.js';
import { readOpenCaseFigures } from '../services/read-sla-summary.js';
import type { AppEnv } from './app-env.js';

const queueDepthTimeoutMs = 500;

export function appMetrics(services: ServiceContext, queues: JobQueues | undefined) {
  const registry = new Registry();
  const httpDuration = new Histogram({
    name: 'xiufu_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'xiufu_open_cases',
    help: 'Open cases by SLA status of their clocks (on_track, at_risk, breached, paused, none), counted at most a minute ago',
    labelNames: ['sla'] as const,
    registers: [registry],
    async collect() {
      // The SLA figures' stored counts: a scrape does not read every open case.
      const { bySla } = await readOpenCaseFigures(services);
      this.reset();
      for (const [sla, open] of Object.entries(bySla)) this.set({ sla }, open);
    },
  });
  new Gauge({
    name: 'xiufu_timers_oldest_overdue_seconds',
    help: 'Seconds since the oldest pending deadline timer was due to fire (0: none overdue), from the database',
    registers: [registry],
    async collect() {
      this.set(await readOldestOverdueTimerAge(services));
    },
  });
  if (queues) {
    new Gauge({
      name: 'xiufu_queue_jobs',
      help: 'Jobs in each BullMQ queue by state; missing while Redis does not answer',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        // A scrape must not wait for Redis: while it is away, ioredis would hold these reads
        // until it is back. Disconnected, or no answer in half a second: no samples this time.
        if (queues.connection.status !== 'ready') return;
        const depths = await withinMs(
          Promise.all(queues.all.map((queue) => queue.getJobCounts('waiting', 'delayed', 'active', 'failed'))),
          queueDepthTimeoutMs,
        );
        queues.all.forEach((queue, i) => {
          for (const [state, jobs] of Object.entries(depths?.[i] ?? {})) this.set({ queue: queue.name, state }, jobs);
        });
      },
    });
  }

  const measure: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, not the path: ids would make a label value per case.
    httpDuration.observe(
      { method: c.req.method, route: c.req.routePath || 'unmatched', status: String(c.res.status) },
      (performance.now() - started) / 1000,
    );
  };
  const routes = new Hono<AppEnv>().get('/metrics', async (c) => {
    const merged = Registry.merge([metricsRegistry, registry]);
    return c.body(await merged.metrics(), 200, { 'content-type': merged.contentType });
  });
  return { measure, routes };
}
