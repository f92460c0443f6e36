// Draws a decision notice as a PDF (A4, Chinese), the same bytes from the same content on any
// machine: the font is Noto Sans SC from the npm package the install brings, embedded as a subset
// of the characters used; the creation date is the decision's moment, not the clock's; no random
// identifiers (pdf-lib names the subset from a fixed seed); the QR code is drawn as squares.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { NoticeContent } from '../domain/decision-notice.js';

const require = createRequire(import.meta.url);
const fontFiles = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

/** The two font files, read once per process. */
function loadFonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }> {
  fonts ??= Promise.all([readFile(require.resolve(fontFiles.regular)), readFile(require.resolve(fontFiles.bold))]).then(
    ([regular, bold]) => ({ regular, bold }),
  );
  return fonts;
}

// pdf-lib parses a font file on every embedding; parsing 10 MB of Noto Sans SC takes most of a
// second, so each file is parsed once per process and the parsed font handed out again (a subset
// is made afresh from it for each notice).
const parsedFonts = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachedFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    const parsed = parsedFonts.get(data) ?? fontkit.create(data, postscriptName);
    parsedFonts.set(data, parsed);
    return parsed;
  },
};

const page = { width: 595.28, height: 841.89, margin: 56 };
const ink = rgb(0.1, 0.1, 0.1);
const grey = rgb(0.35, 0.35, 0.35);

/** The notice as a PDF file. */
export async function renderDecisionNotice(content: NoticeContent): Promise<Uint8Array> {
  const { regular, bold } = await loadFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  const body = await doc.embedFont(regular, { subset: true });
  const heading = await doc.embedFont(bold, { subset: true });
  const decidedAt = new Date(content.decidedAt);
  doc.setTitle(`${content.title} ${content.code}`);
  doc.setAuthor(content.decidedBy);
  doc.setSubject(content.caseTypeName);
  doc.setLanguage('zh-CN');
  doc.setCreator('xiufu');
  doc.setProducer('xiufu (pdf-lib)');
  doc.setCreationDate(decidedAt);
  doc.setModificationDate(decidedAt);

  const writer = new PageWriter(doc, body);
  writer.line(content.title, heading, 20, 'centre');
  writer.gap(6);
  writer.line(`核验码：${content.code}`, body, 10.5, 'centre', grey);
  writer.gap(14);

  writer.field('案件编号', content.caseId);
  writer.field('案件类型', content.caseTypeName);
  writer.field(
    '信用主体',
    content.subject.residentId
      ? `${content.subject.name}（证件号码 ${content.subject.residentId}）`
      : content.subject.name,
  );
  if (content.record) {
    writer.field('信用信息', `${content.record.kind}，决定文书号 ${content.record.decisionNumber}`);
    writer.field('认定单位', content.record.agency);
  }
  writer.field('决定机关', content.decidedBy);
  writer.field('决定日期', content.decidedOn);
  writer.gap(8);
  writer.section('决定', heading);
  writer.paragraph(content.decision);
  if (content.reasons) {
    writer.section('理由', heading);
    writer.paragraph(content.reasons);
  }
  if (content.remedies.length > 0) {
    writer.section('救济途径', heading);
    for (const r of content.remedies)
      writer.paragraph(`${r.name}：${r.window}${r.lastDay ? `（如当日知道，最后一日为 ${r.lastDay}）` : ''}。`);
  }
  writer.section('核验', heading);
  writer.paragraph(
    `任何人可凭核验码 ${content.code} 在 ${content.verifyUrl} 核验本通知书的真实性及当前状态；核验页面只显示本通知书所载的必要信息。`,
  );
  await writer.qr(content.verifyUrl, 96);
  return doc.save({ useObjectStreams: true });
}

/** sha256 of a notice's file, hex: what the audit trail carries. */
export function noticeHash(pdf: Uint8Array): string {
  return createHash('sha256').update(pdf).digest('hex');
}

/** Lays text down the page, breaking lines by width (Chinese breaks between any two characters). */
class PageWriter {
  private current: PDFPage;
  private y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly body: PDFFont,
  ) {
    this.current = doc.addPage([page.width, page.height]);
    this.y = page.height - page.margin;
  }

  private room(height: number): void {
    if (this.y - height >= page.margin) return;
    this.current = this.doc.addPage([page.width, page.height]);
    this.y = page.height - page.margin;
  }

  gap(points: number): void {
    this.y -= points;
  }

  line(text: string, font: PDFFont, size: number, align: 'left' | 'centre' = 'left', color = ink, indent = 0): void {
    const height = size * 1.6;
    this.room(height);
    this.y -= height;
    const width = font.widthOfTextAtSize(text, size);
    const x = align === 'centre' ? (page.width - width) / 2 : page.margin + indent;
    this.current.drawText(text, { x, y: this.y + size * 0.35, size, font, color });
  }

  section(title: string, font: PDFFont): void {
    this.gap(6);
    this.line(title, font, 12.5);
  }

  field(label: string, value: string): void {
    const size = 10.5;
    const labelWidth = 64;
    const lines = breakLines(value, this.body, size, page.width - 2 * page.margin - labelWidth);
    lines.forEach((text, i) => {
      this.room(size * 1.6);
      this.y -= size * 1.6;
      if (i === 0)
        this.current.drawText(`${label}：`, {
          x: page.margin,
          y: this.y + size * 0.35,
          size,
          font: this.body,
          color: grey,
        });
      this.current.drawText(text, {
        x: page.margin + labelWidth,
        y: this.y + size * 0.35,
        size,
        font: this.body,
        color: ink,
      });
    });
  }

  paragraph(text: string): void {
    const size = 10.5;
    for (const part of text.split(/\r?\n/))
      for (const l of breakLines(part, this.body, size, page.width - 2 * page.margin)) this.line(l, this.body, size);
  }

  async qr(text: string, side: number): Promise<void> {
    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const cell = side / modules.size;
    this.room(side + 12);
    this.y -= side + 12;
    const x0 = page.margin;
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++)
        if (modules.get(row, col))
          this.current.drawRectangle({
            x: x0 + col * cell,
            y: this.y + side - (row + 1) * cell,
            width: cell,
            height: cell,
            color: rgb(0, 0, 0),
          });
  }
}

/** Splits text into lines no wider than `width`, between characters (and at spaces for Latin words). */
function breakLines(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    const candidate = line + char;
    if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line.trimEnd());
      line = char === ' ' ? '' : char;
    } else line = candidate;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
