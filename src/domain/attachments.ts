// What evidence a case accepts: images and PDFs that a browser can show, within limits that
// keep storage healthy and every picture safe to decode.
import { stripBidiControls, unstorable } from './text.js';

export const attachmentLimits = {
  maxFiles: 5,
  maxBytes: 10 * 1024 * 1024,
  /** Judged from the file's content, never from its name or the browser's claim. */
  contentTypes: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as readonly string[],
  /** Shown in the page; everything else (PDFs) is only ever downloaded. */
  inlineContentTypes: ['image/png', 'image/jpeg', 'image/webp'] as readonly string[],
  /**
   * A picture's pixels, as its header declares them. A few KB of compressed PNG can declare
   * 50,000 × 50,000 pixels, 10 GB once decoded by a browser or a thumbnailer (a decompression
   * bomb); a scan of an A4 page at 600 dpi is about 5,000 × 7,000.
   */
  maxPixelsPerSide: 20_000,
  maxPixels: 100_000_000,
};

/** Metadata of a stored attachment, as the audit event that added it records it. */
export interface AttachmentReceipt {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** "authorisation" for the letter of a filing on someone's behalf; absent for evidence. */
  kind?: 'authorisation';
}

/**
 * A file name safe to show and to send back in Content-Disposition. Bidi controls go: they
 * make "invoice\u202Egnp.exe" read as "invoiceexe.png".
 */
export function cleanFilename(name: string): string {
  const base = stripBidiControls(name.split(/[\\/]/).pop() ?? '');
  const cleaned = [...base]
    .filter((c) => !/[\u0000-\u001f\u007f"]/.test(c) && !unstorable.test(c))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}
