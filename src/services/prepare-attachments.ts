// Checks uploaded evidence before it goes near a case: how many files, how large, what they
// really are (from their first bytes, via file-type), how many pixels a picture declares (its
// header, via image-size), and computes each one's SHA-256.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
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
  /** Null once the content is kept outside the database (evidence-store.ts). */
  content: Buffer | null;
  /** "authorisation": the letter of a filing on someone's behalf; absent: evidence. */
  kind?: 'authorisation';
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
      issues.push({
        path: 'files',
        message: `${filename} is larger than ${attachmentLimits.maxBytes / 1024 / 1024} MB`,
      });
      continue;
    }
    const detected = await fileTypeFromBuffer(file.content);
    if (!detected || !attachmentLimits.contentTypes.includes(detected.mime)) {
      issues.push({ path: 'files', message: `${filename} is not a PDF, PNG, JPEG or WebP file` });
      continue;
    }
    const tooLarge = detected.mime.startsWith('image/') ? pictureSizeProblemOf(file.content) : null;
    if (tooLarge) {
      issues.push({ path: 'files', message: `${filename}: ${tooLarge}` });
      continue;
    }
    // A view of the uploaded bytes, not a copy (10 MB each).
    const content = Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
    prepared.push({
      filename,
      contentType: detected.mime,
      size: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
    });
  }
  if (issues.length > 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `The evidence cannot be accepted: ${issues.map((i) => i.message).join('; ')}.`,
      { issues },
    );
  }
  return prepared;
}

/** Why a picture's declared pixel dimensions are refused, or null when they are sane. */
function pictureSizeProblemOf(content: Uint8Array): string | null {
  let size: { width?: number; height?: number };
  try {
    size = imageSize(content);
  } catch {
    size = {};
  }
  const { width = 0, height = 0 } = size;
  if (!(width > 0 && height > 0)) return 'its size in pixels cannot be read';
  if (width > attachmentLimits.maxPixelsPerSide || height > attachmentLimits.maxPixelsPerSide) {
    return `${width} × ${height} pixels is more than ${attachmentLimits.maxPixelsPerSide} pixels a side`;
  }
  if (width * height > attachmentLimits.maxPixels)
    return `${width} × ${height} pixels is more than ${attachmentLimits.maxPixels / 1_000_000} megapixels`;
  return null;
}
