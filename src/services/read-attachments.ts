// Evidence on a case, for whoever may see the case: the list (without content) and one file,
// its content checked against its SHA-256 wherever it is kept (evidence-store.ts). Someone
// else's evidence, listed or downloaded, is registered (access-log.ts) before it is answered.
import { and, asc, eq } from 'drizzle-orm';
import { attachments } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from './context.js';
import { logAccess } from './access-log.js';
import { readEvidenceContent } from './evidence-store.js';
import { findVisibleCase } from './read-cases.js';

export async function listAttachments(ctx: ServiceContext, actor: Actor, caseId: string) {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const list = await ctx.db
    .select({
      id: attachments.id,
      eventSeq: attachments.eventSeq,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      sha256: attachments.sha256,
      kind: attachments.kind,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.eventSeq), asc(attachments.createdAt));
  // File names and hashes of a person's evidence say something about them too.
  await logAccess(ctx, actor, {
    subjectId: theCase.subjectId,
    caseId,
    recordId: theCase.recordId,
    action: 'list_evidence',
  });
  return list;
}
export type AttachmentListing = Awaited<ReturnType<typeof listAttachments>>[number];

export async function readAttachment(ctx: ServiceContext, actor: Actor, caseId: string, attachmentId: string) {
  const theCase = await findVisibleCase(ctx, actor, caseId);
  const [file] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.caseId, caseId), eq(attachments.id, attachmentId)));
  if (!file) throw new DomainError('NOT_FOUND', 'No such file on this case.');
  const content = await readEvidenceContent(ctx, file);
  await logAccess(ctx, actor, {
    subjectId: theCase.subjectId,
    caseId,
    recordId: theCase.recordId,
    action: 'download_evidence',
  });
  return { ...file, content };
}
