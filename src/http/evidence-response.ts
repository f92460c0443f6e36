// The headers an evidence file is sent with, on the API and on the pages. A PDF is always a
// download: shown inline it would run in xiufu's origin with its scripts and forms. A picture
// may be shown inline (the case page embeds it). Either way the content is sent under a CSP
// sandbox, and its type is never sniffed, so a file that got past the checks still cannot act
// as a page of xiufu.
import { attachmentLimits } from '../domain/attachments.js';

export function evidenceHeadersOf(
  file: { filename: string; contentType: string; sha256: string },
  wanted: 'inline' | 'attachment',
): Record<string, string> {
  const inline = wanted === 'inline' && attachmentLimits.inlineContentTypes.includes(file.contentType);
  return {
    'content-type': file.contentType,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    'x-content-sha256': file.sha256,
  };
}

/** A decision notice: always a download (a PDF), with its sha256 as the trail carries it. */
export function noticeHeadersOf(file: { filename: string; sha256: string }): Record<string, string> {
  return {
    ...evidenceHeadersOf({ ...file, contentType: 'application/pdf' }, 'attachment'),
    'cache-control': 'no-store',
  };
}
