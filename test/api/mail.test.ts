// E-mail notifications through a local SMTP server: the relay sends each notification, in both
// languages, to the people it is for; a refused delivery stays in the outbox with its error and
// is retried later.
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, users } from '../../db/schema.js';
import { applyCaseEvent } from '../../src/services/apply-case-event.js';
import { actorOf } from '../../src/services/log-in.js';
import { openCase } from '../../src/services/open-case.js';
import { relayOutbox } from '../../src/services/relay-outbox.js';
import { smtpMailer } from '../../src/services/send-notification-mail.js';
import { wordNotification } from '../../ui/notification-wording.js';
import { makeObjectionScenario } from '../helpers/factories.js';
import { startHarness, type Harness } from '../helpers/harness.js';

describe('e-mail notifications', () => {
  let h: Harness;
  let server: SMTPServer;
  let port: number;
  const received: { to: string[]; body: string }[] = [];
  let refuse = false;

  beforeAll(async () => {
    h = await startHarness('postgres');
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo: (_address, _session, callback) => (refuse ? callback(new Error('mailbox unavailable')) : callback()),
      onData: (stream, session, callback) => {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await h.close();
  });

  it('mails the citizen when material is requested, and retries a refused delivery', async () => {
    const s = await makeObjectionScenario(h.database.db);
    await h.database.db.update(users).set({ email: 'zhang@example.test' }).where(eq(users.id, s.citizen.id));
    const opened = await openCase(h.services, {
      actor: actorOf(s.citizen),
      type: 'objection',
      filing: { recordId: s.record.id, reason: 'Paid.' },
    });
    await applyCaseEvent(h.services, {
      caseId: opened.row.id,
      actor: actorOf(s.reviewer),
      expectedVersion: 1,
      type: 'REQUEST_MATERIAL',
      input: { reasonCode: 'material_incomplete', requested: 'The bank statement' },
    });
    const mailer = smtpMailer(
      { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'xiufu <no-reply@xiufu.test>' },
      wordNotification,
    );

    refuse = true;
    const failed = await relayOutbox(h.services, { mailer, publicUrl: 'https://xiufu.example.test' });
    expect(failed.notificationsFailed).toBeGreaterThanOrEqual(1);
    const [row] = await h.database.db.select().from(outbox).where(eq(outbox.caseId, opened.row.id));
    expect(row).toMatchObject({
      processedAt: null,
      attempts: 1,
      lastError: expect.stringContaining('mailbox unavailable'),
    });

    refuse = false;
    h.clock.advanceDays(1);
    await relayOutbox(h.services, { mailer, publicUrl: 'https://xiufu.example.test' });
    const mail = received.find((m) => m.to.includes('zhang@example.test'));
    expect(mail).toBeDefined();
    const decoded = mail!.body.replace(/=\r?\n/g, '');
    expect(decoded).toContain('More material is needed for your objection: The bank statement');
    expect(decoded).toContain(`https://xiufu.example.test/cases/${opened.row.id}`);
    const [done] = await h.database.db.select().from(outbox).where(eq(outbox.caseId, opened.row.id));
    expect(done!.processedAt).not.toBeNull();
  });
});
