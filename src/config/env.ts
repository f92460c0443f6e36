// The only reader of process.env. Bad configuration stops the process with a clear message
// before anything opens a port or a database.
import { z } from 'zod';
import { jurisdictions } from '../domain/policy.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes'].includes(v)));

const envSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined)),
  XIUFU_DATA_DIR: z.string().trim().min(1).default('./data'),
  XIUFU_DEMO: flag,
  XIUFU_JURISDICTION: z.enum(jurisdictions).optional(),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  // Browsers cap cookie lifetimes at 400 days.
  SESSION_TTL_HOURS: z.coerce.number().int().positive().max(9_600).default(12),
  REDIS_URL: z.string().trim().min(1).optional(),
  SMTP_URL: z.string().trim().min(1).optional(),
  MAIL_FROM: z.string().trim().min(3).default('xiufu <no-reply@localhost>'),
  XIUFU_PUBLIC_URL: z.string().trim().url().optional(),
  XIUFU_QUEUE_PREFIX: z.string().trim().regex(/^[a-z0-9_-]+$/i).default('xiufu'),
});

export type AppConfig = {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Demo data and accounts: on by default with the embedded database, off with PostgreSQL. */
  demo: boolean;
  jurisdiction: (typeof jurisdictions)[number];
  host: string;
  port: number;
  sessionTtlHours: number;
  /** Unset: xiufu looks for Redis on 127.0.0.1:6379 or starts a private one (src/jobs/ensure-redis.ts). */
  redisUrl: string | undefined;
  queuePrefix: string;
  /** E-mail notifications: off unless SMTP_URL is set. */
  mail: { smtpUrl: string; from: string } | null;
  /** The address people reach xiufu at, for links in e-mails. */
  publicUrl: string | undefined;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`xiufu's configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.XIUFU_DATA_DIR,
    demo: e.XIUFU_DEMO ?? e.DATABASE_URL === undefined,
    // The demo switches on the repair routes the national policy leaves off (DOMAIN.md).
    jurisdiction: e.XIUFU_JURISDICTION ?? ((e.XIUFU_DEMO ?? e.DATABASE_URL === undefined) ? 'demo' : 'national'),
    host: e.HOST,
    port: e.PORT,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.XIUFU_QUEUE_PREFIX,
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    publicUrl: e.XIUFU_PUBLIC_URL,
  };
}
