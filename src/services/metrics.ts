// What a process counts for Prometheus (GET /metrics): case transitions by case type, event
// and outcome, and Node's own process figures (resident memory, event-loop lag, GC). The HTTP
// histogram and the gauges read at scrape time (SLA status, queue depths) are added where the
// app is built (src/http/metrics.routes.ts). Counters are per process, as Prometheus expects.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { statementsSent } from '../../db/client.js';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'xiufu_' });

export const caseTransitions = new Counter({
  name: 'xiufu_case_transitions_total',
  help: 'Case events sent to the case engine, by case type, event and outcome (applied, or the refusal code)',
  labelNames: ['case_type', 'event', 'outcome'] as const,
  registers: [metricsRegistry],
});

new Counter({
  name: 'xiufu_db_statements_total',
  help: 'Statements this process sent to PostgreSQL (BEGIN and COMMIT included; none on the embedded PGlite)',
  registers: [metricsRegistry],
  collect() {
    this.reset();
    this.inc(statementsSent.count);
  },
});
