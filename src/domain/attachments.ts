// What evidence a case accepts: images and PDFs that a browser can show, within limits that
// keep the database (where they are stored) healthy.
import { stripBidiControls, unstorable } from './text.js';

export const attachmentLimits = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  /** Judged from the file's content, never from its name or the browser's claim. */
  contentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as readonly string[],
};

/** Metadata of a stored attachment, as the audit event that added it records it. */
export interface AttachmentReceipt {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * A file name safe to show and to send back in Content-Disposition. Bidi controls go: they
 * make "invoice\u202Egnp.exe" read as "invoiceexe.png".
 */
export function cleanFilename(name: string): string {
  const base = stripBidiControls(name.split(/[\\/]/).pop() ?? '');
  const cleaned = [...base].filter((c) => !/[\u0000-\u001f\u007f"]/.test(c) && !unstorable.test(c)).join('').trim().slice(0, 200);
  return cleaned || 'attachment';
}
