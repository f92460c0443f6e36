// E-mail for notifications, when SMTP is configured: the case engine's notification outbox
// rows become a short bilingual message (zh-CN and English) to each recipient with an address.
// The words come from the wording the UI uses (handed in), so an e-mail says what the app says.
import { eq, inArray } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { cases, users } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  /** Puts a notification into words (ui/notification-wording.ts, handed in at start-up). */
  word(locale: 'zh-CN' | 'en', caseType: string, notification: NotificationPayload): string;
}

export function smtpMailer(config: { smtpUrl: string; from: string }, word: Mailer['word']): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    word,
    send: async (message) => {
      await transport.sendMail({ from: config.from, ...message });
    },
  };
}

export interface NotificationPayload {
  subjectId?: string;
  userId?: string;
  topic: string;
  data: Record<string, string>;
}

/** The people a notification is for, with an e-mail address. */
async function recipientsOf(db: Executor, payload: NotificationPayload): Promise<string[]> {
  const rows = payload.userId
    ? await db.select({ email: users.email }).from(users).where(eq(users.id, payload.userId))
    : payload.subjectId
      ? await db.select({ email: users.email }).from(users).where(eq(users.subjectId, payload.subjectId))
      : [];
  return rows.map((r) => r.email).filter((e): e is string => Boolean(e));
}

/** Sends one notification row's e-mails; a failure throws, and the relay retries the row. */
export async function sendNotificationMail(
  db: Executor,
  mailer: Mailer,
  caseId: string | null,
  payload: NotificationPayload,
  publicUrl: string | undefined,
): Promise<number> {
  const to = await recipientsOf(db, payload);
  if (to.length === 0) return 0;
  const [theCase] = caseId
    ? await db
        .select({ type: cases.type })
        .from(cases)
        .where(inArray(cases.id, [caseId]))
    : [];
  const type = theCase?.type ?? 'objection';
  const zh = mailer.word('zh-CN', type, payload);
  const en = mailer.word('en', type, payload);
  const link = publicUrl && caseId ? `\n\n${publicUrl.replace(/\/$/, '')}/cases/${caseId}` : '';
  for (const address of to)
    await mailer.send({ to: address, subject: `xiufu 修复: ${en}`.slice(0, 200), text: `${zh}\n\n${en}${link}` });
  return to.length;
}
