// The outbox relay: delivers what the case engine wrote to the outbox after commit. A
// propagation to an HTTP platform is POSTed with an HMAC-SHA256 signature; a 2xx answer is the
// platform's acknowledgement and enters the case as a PLATFORM_ACKNOWLEDGED event; a failure is
// retried with backoff and stays visible on the propagation (attempts, last error). In-app
// notifications are already written; their rows are marked delivered. (BullMQ takes this over
// with the job workers; the function stays the handler.)
import { createHmac } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { cases, creditRecords, creditRecordVersions, outbox, platforms, propagations, users } from '../../db/schema.js';
import type { PropagationInstruction } from '../../machines/case-events.js';
import { isDomainError } from '../domain/errors.js';
import { applyCaseEvent } from './apply-case-event.js';
import type { ServiceContext } from './context.js';
import { actorOf } from './log-in.js';
import { systemUsername } from './seed-reference-data.js';
import { sendNotificationMail, type Mailer, type NotificationPayload } from './send-notification-mail.js';

export interface RelayOptions {
  batch?: number;
  /** E-mail for notification rows; without it they are in-app only. */
  mailer?: Mailer;
  publicUrl?: string | undefined;
  /** fetch, injectable for tests of failure. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface RelayReport {
  /** Propagations delivered to (and acknowledged by) platforms, and those that failed. */
  delivered: number;
  failed: number;
  notificationsSent: number;
  notificationsFailed: number;
}

const leaseMs = 120_000;
const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function relayOutbox(ctx: ServiceContext, options: RelayOptions = {}): Promise<RelayReport> {
  const now = ctx.now();
  // Claim a batch with a lease: a second relay skips rows another holds (SKIP LOCKED) and,
  // once claimed, finds them not due until the lease runs out.
  const lease = new Date(now.getTime() + leaseMs);
  const due = await ctx.db.transaction(async (tx) => {
    const ids = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNull(outbox.processedAt), lte(outbox.availableAt, now)))
      .orderBy(asc(outbox.id))
      .limit(options.batch ?? 50)
      .for('update', { skipLocked: true });
    if (ids.length === 0) return [];
    return tx
      .update(outbox)
      .set({ availableAt: lease })
      .where(
        inArray(
          outbox.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
  });
  const report: RelayReport = { delivered: 0, failed: 0, notificationsSent: 0, notificationsFailed: 0 };
  for (const row of due) {
    if (row.kind === 'notification') {
      if (await deliverNotification(ctx, row, options)) report.notificationsSent += 1;
      else report.notificationsFailed += 1;
      continue;
    }
    if (row.kind !== 'propagation') {
      await ctx.db.update(outbox).set({ processedAt: now }).where(eq(outbox.id, row.id));
      continue;
    }
    const ok = await deliverPropagation(ctx, row, options);
    if (ok) report.delivered += 1;
    else report.failed += 1;
  }
  return report;
}

async function deliverNotification(
  ctx: ServiceContext,
  row: typeof outbox.$inferSelect,
  options: RelayOptions,
): Promise<boolean> {
  const now = ctx.now();
  const attempts = row.attempts + 1;
  try {
    if (options.mailer)
      await sendNotificationMail(
        ctx.db,
        options.mailer,
        row.caseId,
        row.payload as unknown as NotificationPayload,
        options.publicUrl,
      );
  } catch (cause) {
    const error = cause instanceof Error ? cause.message : String(cause);
    await ctx.db
      .update(outbox)
      .set({ attempts, lastError: error.slice(0, 500), availableAt: new Date(now.getTime() + backoffMs(attempts)) })
      .where(eq(outbox.id, row.id));
    return false;
  }
  await ctx.db.update(outbox).set({ attempts, lastError: null, processedAt: now }).where(eq(outbox.id, row.id));
  return true;
}

async function deliverPropagation(
  ctx: ServiceContext,
  row: typeof outbox.$inferSelect,
  options: RelayOptions,
): Promise<boolean> {
  const now = ctx.now();
  const { platformId, recordId, recordVersion, instruction } = row.payload as {
    platformId: string;
    recordId: string;
    recordVersion: number;
    instruction?: PropagationInstruction;
  };
  const [platform] = await ctx.db.select().from(platforms).where(eq(platforms.id, platformId));
  // The record as it was at the version this delivery is about.
  const [version] = await ctx.db
    .select()
    .from(creditRecordVersions)
    .where(and(eq(creditRecordVersions.recordId, recordId), eq(creditRecordVersions.version, recordVersion)));
  const record = version ? { id: recordId, ...(version.fields as Record<string, unknown>) } : null;
  if (!platform?.endpointUrl || !record) {
    await ctx.db.update(outbox).set({ processedAt: now }).where(eq(outbox.id, row.id));
    return false;
  }
  // The disputed mark travels with the record, as its self-explanation does (in its fields).
  const [current] = await ctx.db
    .select({ disputedByCaseId: creditRecords.disputedByCaseId })
    .from(creditRecords)
    .where(eq(creditRecords.id, recordId));
  const body = JSON.stringify({
    caseId: row.caseId,
    record: { ...record, version: recordVersion, disputed: Boolean(current?.disputedByCaseId) },
    // What a repair asks of the platform (信用修复管理办法 art. 3); absent for a plain update.
    ...(instruction ? { instruction } : {}),
    sentAt: now.toISOString(),
  });
  let error: string | null = null;
  try {
    const response = await (options.fetch ?? fetch)(platform.endpointUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-xiufu-signature': signatureOf(platform.signingSecret ?? '', body),
        'x-xiufu-delivery': String(row.id),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const attempts = row.attempts + 1;
  if (error) {
    await ctx.db
      .update(outbox)
      .set({ attempts, availableAt: new Date(now.getTime() + backoffMs(attempts)) })
      .where(eq(outbox.id, row.id));
    await ctx.db
      .update(propagations)
      .set({ attempts: sql`${propagations.attempts} + 1`, lastError: error, lastAttemptAt: now })
      .where(and(eq(propagations.caseId, row.caseId!), eq(propagations.platformId, platformId)));
    return false;
  }
  await ctx.db
    .update(propagations)
    .set({ attempts: sql`${propagations.attempts} + 1`, lastError: null, lastAttemptAt: now })
    .where(and(eq(propagations.caseId, row.caseId!), eq(propagations.platformId, platformId)));
  // The acknowledgement enters the case first; only then is the delivery done. A crash in
  // between means one more delivery (platforms get X-Xiufu-Delivery to drop repeats), never a
  // lost acknowledgement.
  await acknowledge(ctx, row.caseId!, platformId);
  await ctx.db.update(outbox).set({ attempts, processedAt: ctx.now() }).where(eq(outbox.id, row.id));
  return true;
}

/** The acknowledgement as a case event, by xiufu itself; retried if the case moved meanwhile. */
async function acknowledge(ctx: ServiceContext, caseId: string, platformId: string): Promise<void> {
  const [system] = await ctx.db.select().from(users).where(eq(users.username, systemUsername));
  if (!system) throw new Error('the system user is missing: reference data was not seeded');
  for (let attempt = 0; ; attempt += 1) {
    const [theCase] = await ctx.db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
    if (!theCase) return;
    try {
      await applyCaseEvent(ctx, {
        caseId,
        actor: actorOf(system),
        expectedVersion: theCase.version,
        type: 'PLATFORM_ACKNOWLEDGED',
        input: { platformId },
      });
      return;
    } catch (error) {
      if (isDomainError(error, 'VERSION_CONFLICT') && attempt < 20) continue;
      // The case no longer waits for acknowledgements (e.g. a revoked repair's second round):
      // the delivery is recorded on the propagation row, and that is all.
      if (isDomainError(error, 'TRANSITION_NOT_ALLOWED')) {
        await ctx.db
          .update(propagations)
          .set({ status: 'acknowledged', acknowledgedAt: ctx.now() })
          .where(and(eq(propagations.caseId, caseId), eq(propagations.platformId, platformId)));
        return;
      }
      throw error;
    }
  }
}
