import PDFDocument from 'pdfkit';
import { fontData } from './fonts.js';

/**
 * A small layer over pdfkit for Vietnamese administrative papers (Decree 30/2020 layout: national
 * header, number and date line, title, body, signature block). One embedded font family (Noto Serif,
 * from an npm package: full Vietnamese coverage, no system font, no network), and deterministic
 * output: the creation date comes from the data, and pdfkit derives the file ID from it, so a
 * reprint of the same data is byte-identical.
 */

export type Layout = 'a4' | 'a4-landscape' | '80mm';

const MM = 72 / 25.4;
const PAGE: Record<
  Layout,
  { size: [number, number]; margins: { top: number; bottom: number; left: number; right: number }; font: number }
> = {
  // Decree 30/2020 Annex I: top and bottom 20 mm, left 30 mm, right 15 mm.
  a4: {
    size: [210 * MM, 297 * MM],
    margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    font: 11,
  },
  'a4-landscape': {
    size: [297 * MM, 210 * MM],
    margins: { top: 15 * MM, bottom: 15 * MM, left: 15 * MM, right: 15 * MM },
    font: 9,
  },
  // Thermal receipt printers: 80 mm paper, about 72 mm printable; the roll is cut where the text ends.
  '80mm': {
    size: [80 * MM, 297 * MM],
    margins: { top: 4 * MM, bottom: 4 * MM, left: 4 * MM, right: 4 * MM },
    font: 7.5,
  },
};

export interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Extra space after the paragraph, in points. */
  gap?: number;
  indent?: number;
  underline?: boolean;
}

export interface Column {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface Party {
  title: string;
  note?: string;
  name?: string;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly layout: Layout;
  readonly baseSize: number;

  constructor(meta: { title: string; subject?: string; createdAt: Date; layout?: Layout }) {
    this.layout = meta.layout ?? 'a4';
    const page = PAGE[this.layout];
    this.baseSize = page.font;
    this.doc = new PDFDocument({
      size: page.size,
      margins: page.margins,
      autoFirstPage: true,
      compress: true,
      lang: 'vi-VN',
      displayTitle: true,
      // Starting in the embedded face spares parsing Helvetica's metrics for every document.
      font: fontData().regular as unknown as string,
      info: {
        Title: meta.title,
        Subject: meta.subject ?? meta.title,
        Author: 'motcua',
        Creator: 'motcua',
        CreationDate: meta.createdAt,
        ModDate: meta.createdAt,
      },
    });
    const f = fontData();
    this.doc.registerFont('serif', f.regular);
    this.doc.registerFont('serif-bold', f.bold);
    this.doc.registerFont('serif-italic', f.italic);
    this.doc.registerFont('serif-bold-italic', f.boldItalic);
    this.doc.font('serif').fontSize(this.baseSize);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get narrow(): boolean {
    return this.layout === '80mm';
  }

  private style(s: TextStyle): void {
    const face = s.bold && s.italic ? 'serif-bold-italic' : s.bold ? 'serif-bold' : s.italic ? 'serif-italic' : 'serif';
    this.doc.font(face).fontSize(s.size ?? this.baseSize);
  }

  /** A paragraph across the content width; long text wraps and continues on the next page. */
  text(value: string, s: TextStyle = {}): this {
    this.style(s);
    this.doc.text(value, this.left + (s.indent ?? 0), this.doc.y, {
      width: this.width - (s.indent ?? 0),
      align: s.align ?? 'left',
      underline: s.underline ?? false,
      lineGap: 1.5,
    });
    if (s.gap) this.doc.y += s.gap;
    return this;
  }

  /** `Label: value`, the label in regular type, the value bold (how clerks scan a slip). */
  field(label: string, value: string, s: TextStyle = {}): this {
    this.style(s);
    this.doc.text(`${label}: `, this.left + (s.indent ?? 0), this.doc.y, {
      continued: true,
      width: this.width - (s.indent ?? 0),
      lineGap: 1.5,
    });
    this.style({ ...s, bold: true });
    this.doc.text(value || '…………………………', { lineGap: 1.5 });
    if (s.gap) this.doc.y += s.gap;
    return this;
  }

  space(points: number): this {
    this.doc.y += points;
    return this;
  }

  /** Starts a new page when less than `height` points are left. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
    return this;
  }

  /** Text in a box at a fixed place (for side-by-side blocks); returns the bottom of the text. */
  private boxText(value: string, x: number, y: number, width: number, s: TextStyle): number {
    this.style(s);
    this.doc.text(value, x, y, { width, align: s.align ?? 'center', lineGap: 1 });
    return this.doc.y;
  }

  /**
   * The header of every administrative paper: the issuing agency (its parent above, in capitals) on
   * the left, the national motto on the right, then the number and the place and date line. On an
   * 80 mm slip the two blocks are stacked.
   */
  nationalHeader(h: { parentName?: string | null; agencyName: string; number?: string; placeDate: string }): this {
    const top = this.doc.y;
    const size = this.narrow ? this.baseSize : this.baseSize - 0.5;
    const leftW = this.narrow ? this.width : this.width * 0.42;
    const rightX = this.narrow ? this.left : this.left + this.width * 0.42;
    const rightW = this.narrow ? this.width : this.width * 0.58;
    let y = top;
    if (h.parentName) y = this.boxText(h.parentName.toUpperCase(), this.left, y, leftW, { size });
    y = this.boxText(h.agencyName.toUpperCase(), this.left, y, leftW, { size, bold: true });
    // Decree 30: a short rule under the agency name, a rule as long as the motto under the motto.
    const nameRule = Math.min(leftW, this.doc.widthOfString(h.agencyName.toUpperCase())) / 3;
    this.rule(this.left + (leftW - nameRule) / 2, y + 1, nameRule);
    let leftBottom = y + 4;
    if (h.number && !this.narrow) leftBottom = this.boxText(h.number, this.left, leftBottom + 2, leftW, { size });
    let ry = this.narrow ? leftBottom + 4 : top;
    ry = this.boxText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, ry, rightW, { size, bold: true });
    ry = this.boxText('Độc lập - Tự do - Hạnh phúc', rightX, ry, rightW, { size: size + 0.5, bold: true });
    const motto = this.doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
    this.rule(rightX + (rightW - motto) / 2, ry + 1, motto);
    ry += 6;
    if (h.number && this.narrow) ry = this.boxText(h.number, rightX, ry, rightW, { size });
    ry = this.boxText(h.placeDate, rightX, ry + 2, rightW, { size, italic: true });
    this.doc.y = Math.max(leftBottom, ry) + (this.narrow ? 6 : 14);
    this.doc.x = this.left;
    return this;
  }

  private rule(x: number, y: number, width: number): void {
    this.doc
      .save()
      .lineWidth(0.6)
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore();
  }

  /** The title in capitals, bold, centred, with an optional italic line below. */
  title(title: string, sub?: string): this {
    this.text(title.toUpperCase(), { bold: true, align: 'center', size: this.baseSize + (this.narrow ? 1.5 : 2.5) });
    if (sub) this.text(sub, { italic: true, align: 'center' });
    return this.space(this.narrow ? 4 : 10);
  }

  /**
   * A bordered table; each row is as tall as its tallest wrapped cell, a row that does not fit
   * starts a new page, and the header row is repeated there, so nothing overlaps.
   */
  table(
    columns: Column[],
    rows: Array<string[] | { span: string }>,
    opts: { size?: number; headerRows?: string[][] } = {},
  ): this {
    const size = opts.size ?? this.baseSize - 1;
    const pad = this.narrow ? 2 : 3;
    const widths = columns.map((c) => c.width * this.width);
    const heightOf = (cells: string[], bold: boolean, ws: number[] = widths) => {
      this.style({ size, bold });
      return (
        Math.max(...cells.map((c, i) => this.doc.heightOfString(c || ' ', { width: ws[i]! - 2 * pad, lineGap: 1 }))) +
        2 * pad
      );
    };
    const full = [{ header: '', width: 1, align: 'left' as const }];
    const draw = (cells: string[], bold: boolean, header: boolean, cols: Column[] = columns) => {
      const ws = cols === columns ? widths : [this.width];
      const h = heightOf(cells, bold, ws);
      let x = this.left;
      const y = this.doc.y;
      cells.forEach((cell, i) => {
        const w = ws[i]!;
        this.doc.save().lineWidth(0.5).rect(x, y, w, h).stroke().restore();
        this.style({ size, bold });
        this.doc.text(cell, x + pad, y + pad, {
          width: w - 2 * pad,
          align: header ? 'center' : (cols[i]!.align ?? 'left'),
          lineGap: 1,
        });
        x += w;
      });
      this.doc.x = this.left;
      this.doc.y = y + h;
    };
    const headers = [columns.map((c) => c.header), ...(opts.headerRows ?? [])];
    const drawHeader = () => headers.forEach((r) => draw(r, true, true));
    const headerHeight = headers.reduce((sum, r) => sum + heightOf(r, true), 0);
    const cellsOf = (row: string[] | { span: string }) => (Array.isArray(row) ? row : [row.span]);
    const heightOfRow = (row: string[] | { span: string }) =>
      Array.isArray(row) ? heightOf(row, false) : heightOf([row.span], true, [this.width]);
    this.ensureSpace(headerHeight + (rows[0] ? heightOfRow(rows[0]) : 0));
    drawHeader();
    for (const row of rows) {
      if (this.doc.y + heightOfRow(row) > this.bottom) {
        this.doc.addPage();
        drawHeader();
      }
      if (Array.isArray(row)) draw(row, false, false);
      else draw(cellsOf(row), true, false, full);
    }
    return this.space(6);
  }

  /** A numbered list whose wrapped lines hang under the text, not under the number. */
  numbered(items: string[], s: TextStyle = {}): this {
    const indent = s.indent ?? 14;
    items.forEach((item, i) => {
      this.style(s);
      const y = this.doc.y;
      this.doc.text(`${i + 1}.`, this.left, y, { width: indent, lineGap: 1.5 });
      this.doc.text(item, this.left + indent, y, { width: this.width - indent, lineGap: 1.5 });
    });
    return this.space(s.gap ?? 0);
  }

  /** Signature columns (left and right, or one on the right); kept together on one page. */
  signatures(parties: Party[]): this {
    const signBlank = this.narrow ? 26 : 48;
    this.ensureSpace(signBlank + 50);
    const top = this.doc.y + 4;
    const colW = this.width / 2;
    let bottom = top;
    const placed =
      parties.length === 1
        ? [{ party: parties[0]!, x: this.left + colW }]
        : parties.map((party, i) => ({ party, x: this.left + i * colW }));
    for (const { party, x } of placed) {
      let y = this.boxText(party.title.toUpperCase(), x, top, colW, { bold: true });
      if (party.note) y = this.boxText(party.note, x, y, colW, { italic: true, size: this.baseSize - 1 });
      y += signBlank;
      if (party.name) y = this.boxText(party.name, x, y, colW, { bold: true });
      bottom = Math.max(bottom, y);
    }
    this.doc.y = bottom + 6;
    this.doc.x = this.left;
    return this;
  }

  image(png: Buffer, x: number, y: number, size: number): this {
    this.doc.image(png, x, y, { width: size, height: size });
    return this;
  }

  /** Ends the document and collects its bytes. */
  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
