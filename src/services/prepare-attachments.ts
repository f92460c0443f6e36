// Checks uploaded evidence before it goes near a case: how many files, how large, and what
// they really are (from their first bytes, via file-type), and computes each one's SHA-256.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentLimits, cleanFilename } from '../domain/attachments.js';
import { DomainError, type InputIssue } from '../domain/errors.js';

export interface UploadedFile {
  filename: string;
  content: Uint8Array;
}

export interface PreparedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export async function prepareAttachments(files: readonly UploadedFile[]): Promise<PreparedAttachment[]> {
  const issues: InputIssue[] = [];
  if (files.length > attachmentLimits.maxFiles) {
    issues.push({ path: 'files', message: `at most ${attachmentLimits.maxFiles} files at a time` });
  }
  const prepared: PreparedAttachment[] = [];
  for (const file of files) {
    const filename = cleanFilename(file.filename);
    if (file.content.byteLength === 0) {
      issues.push({ path: 'files', message: `${filename} is empty` });
      continue;
    }
    if (file.content.byteLength > attachmentLimits.maxBytes) {
      issues.push({ path: 'files', message: `${filename} is larger than ${attachmentLimits.maxBytes / 1024 / 1024} MB` });
      continue;
    }
    const detected = await fileTypeFromBuffer(file.content);
    if (!detected || !attachmentLimits.contentTypes.includes(detected.mime)) {
      issues.push({ path: 'files', message: `${filename} is not a PDF, PNG, JPEG or WebP file` });
      continue;
    }
    const content = Buffer.from(file.content);
    prepared.push({ filename, contentType: detected.mime, size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex'), content });
  }
  if (issues.length > 0) {
    throw new DomainError('INVALID_INPUT', `The evidence cannot be accepted: ${issues.map((i) => i.message).join('; ')}.`, { issues });
  }
  return prepared;
}
