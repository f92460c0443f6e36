// The only reader of process.env. Bad configuration stops the process with a clear message
// before anything opens a port or a database.
import { z } from 'zod';
import { jurisdictions } from '../domain/policy.js';
import { keyEnvironment, parseKeyList, type KeyRing, type NamedKey } from './keys.js';
import { sentinelOptionsOf } from './redis-address.js';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes'].includes(v)));

const keyList = z
  .string()
  .optional()
  .transform((value, context): NamedKey[] | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const parsed = parseKeyList(value);
    if (typeof parsed === 'string') {
      context.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  });

/** XIUFU_TIMER_OVERDUE_MARGIN_SECONDS by default: the reconciler runs every 30 s, so a timer two minutes late is trouble, not lag. */
export const defaultTimerOverdueMarginSeconds = 120;

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  XIUFU_DATA_DIR: z.string().trim().min(1).default('./data'),
  XIUFU_DEMO: flag,
  XIUFU_JURISDICTION: z.enum(jurisdictions).optional(),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  // Browsers cap cookie lifetimes at 400 days.
  SESSION_TTL_HOURS: z.coerce.number().int().positive().max(9_600).default(12),
  // How long an API process trusts a session it has read (0: it reads the table every request).
  XIUFU_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  REDIS_URL: z
    .string()
    .trim()
    .min(1)
    .superRefine((url, issue) => {
      if (!/^(rediss?|redis\+sentinel):\/\//.test(url))
        return issue.addIssue({
          code: 'custom',
          message: 'an address starting redis://, rediss:// or redis+sentinel://',
        });
      try {
        sentinelOptionsOf(url);
      } catch (error) {
        issue.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  SMTP_URL: z.string().trim().min(1).optional(),
  MAIL_FROM: z.string().trim().min(3).default('xiufu <no-reply@localhost>'),
  XIUFU_PUBLIC_URL: z.string().trim().url().optional(),
  XIUFU_QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]+$/i)
    .default('xiufu'),
  XIUFU_TIMER_OVERDUE_MARGIN_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .max(86_400)
    .default(defaultTimerOverdueMarginSeconds),
  XIUFU_RESIDENT_ID_KEYS: keyList,
  XIUFU_RESIDENT_ID_LOOKUP_KEYS: keyList,
  XIUFU_AUDIT_KEYS: keyList,
  // How many reverse proxies stand in front and append to X-Forwarded-For and X-Forwarded-Proto
  // (src/http/client-address.ts); 0 trusts no header, since without a proxy anyone could write it.
  XIUFU_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
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
  /** How long an API process trusts a session it has read (src/services/session-cache.ts). */
  sessionCacheSeconds: number;
  /** Unset: xiufu looks for Redis on 127.0.0.1:6379 or starts a private one (src/jobs/ensure-redis.ts). */
  redisUrl: string | undefined;
  queuePrefix: string;
  /** /readyz says not ready once a deadline timer is overdue by more than this. */
  timerOverdueMarginSeconds: number;
  /** E-mail notifications: off unless SMTP_URL is set. */
  mail: { smtpUrl: string; from: string } | null;
  /** The address people reach xiufu at, for links in e-mails. */
  publicUrl: string | undefined;
  /** From the environment; null in the demo without them: keys.env in the data directory then. */
  keys: KeyRing | null;
  /** Reverse proxies in front whose X-Forwarded-For entries are believed. */
  trustedProxies: number;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`xiufu's configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const demo = e.XIUFU_DEMO ?? e.DATABASE_URL === undefined;
  const keyLists = {
    residentId: e.XIUFU_RESIDENT_ID_KEYS,
    residentIdLookup: e.XIUFU_RESIDENT_ID_LOOKUP_KEYS,
    audit: e.XIUFU_AUDIT_KEYS,
  };
  const missing = (Object.keys(keyLists) as (keyof KeyRing)[]).filter((part) => keyLists[part] === undefined);
  if (missing.length > 0 && (!demo || missing.length < 3)) {
    const why = demo
      ? 'set all three key lists or none (the demo then keeps its own in the data directory)'
      : 'required outside the demo';
    throw new Error(
      `xiufu's configuration is invalid:\n${missing.map((part) => `  ${keyEnvironment[part]}: ${why}; \`npm run keys:generate\` prints a new set`).join('\n')}`,
    );
  }
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.XIUFU_DATA_DIR,
    demo,
    // The demo switches on the repair routes the national policy leaves off (volunteering and
    // donation: src/domain/policy.ts, the demo policy).
    jurisdiction: e.XIUFU_JURISDICTION ?? (demo ? 'demo' : 'national'),
    host: e.HOST,
    port: e.PORT,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionCacheSeconds: e.XIUFU_SESSION_CACHE_SECONDS,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.XIUFU_QUEUE_PREFIX,
    timerOverdueMarginSeconds: e.XIUFU_TIMER_OVERDUE_MARGIN_SECONDS,
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    publicUrl: e.XIUFU_PUBLIC_URL,
    keys: missing.length === 0 ? (keyLists as KeyRing) : null,
    trustedProxies: e.XIUFU_TRUSTED_PROXIES,
  };
}
