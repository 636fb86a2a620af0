import { PdfWriter } from '../../lib/pdf/kit.js';
import { vnPercent } from '../../lib/pdf/vn-format.js';
import { drawAnnexPage } from './stats.digitization-export.js';
import {
  HEADER,
  headerText,
  REPORT_COLUMNS,
  titleLines,
  WIDTHS,
  type ReportRow,
  type ReportSheet,
} from './stats.report.js';

const NUMBER = new Intl.NumberFormat('vi-VN');

/** Report II.06a on landscape A4: the same sheet as the XLSX, merged headers drawn as boxes. */
export async function reportPdf(sheet: ReportSheet): Promise<Buffer> {
  const pdf = new PdfWriter({
    title: 'Biểu số II.06a/VPCP/KSTT',
    createdAt: new Date(sheet.computedAt),
    layout: 'a4-landscape',
  });
  const { doc } = pdf;
  const t = titleLines(sheet);
  const top = doc.y;
  doc
    .font('serif-bold')
    .fontSize(9)
    .text(t.form, pdf.left, top, { width: pdf.width * 0.3 });
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', pdf.left + pdf.width * 0.55, top, {
    width: pdf.width * 0.45,
    align: 'center',
  });
  doc.text('Độc lập - Tự do - Hạnh phúc', { width: pdf.width * 0.45, align: 'center', underline: true });
  doc.y += 8;
  pdf
    .text(t.title, { bold: true, align: 'center', size: 12 })
    .text(t.subtitle, { bold: true, align: 'center', size: 10 });
  pdf.text(t.period, { italic: true, align: 'center' }).space(4);
  pdf
    .text(t.unit)
    .text(t.computed, { italic: true, size: 8 })
    .text(t.measure, { italic: true, size: 8, align: 'right' })
    .space(2);

  const x0 = pdf.left;
  const xs = WIDTHS.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w * pdf.width], [x0]);
  const rowH = [22, 22, 26, 12];
  const size = 7.5;
  const cell = (
    text: string,
    x: number,
    y: number,
    w: number,
    h: number,
    o: { bold?: boolean; italic?: boolean; align?: 'left' | 'center' | 'right'; indent?: number } = {},
  ) => {
    doc.save().lineWidth(0.5).rect(x, y, w, h).stroke().restore();
    doc.font(o.bold ? 'serif-bold' : o.italic ? 'serif-italic' : 'serif').fontSize(size);
    const inner = w - 4 - (o.indent ?? 0);
    const th = doc.heightOfString(text, { width: inner });
    doc.text(text, x + 2 + (o.indent ?? 0), y + Math.max(2, (h - th) / 2), {
      width: inner,
      align: o.align ?? 'center',
    });
  };
  const drawHeader = () => {
    const y0 = doc.y;
    const ys = rowH.reduce<number[]>((acc, h) => [...acc, acc[acc.length - 1]! + h], [y0]);
    for (const h of HEADER) {
      const x = xs[h.col]!;
      const w = xs[h.col + (h.colSpan ?? 1)]! - x;
      cell(headerText(h, sheet.subject), x, ys[h.row]!, w, ys[h.row + (h.rowSpan ?? 1)]! - ys[h.row]!, { bold: true });
    }
    for (let c = 0; c < REPORT_COLUMNS; c++)
      cell(`(${c + 1})`, xs[c]!, ys[3]!, xs[c + 1]! - xs[c]!, rowH[3]!, { italic: true });
    doc.y = ys[4]!;
  };
  const values = (r: ReportRow) => [
    r.stt,
    r.name,
    ...r.figures.slice(0, 12).map((v) => NUMBER.format(v ?? 0)),
    vnPercent(r.figures[12] ?? null),
  ];
  const heightOf = (r: ReportRow) => {
    doc.font(r.total ? 'serif-bold' : 'serif').fontSize(size);
    return Math.max(14, doc.heightOfString(r.name, { width: xs[2]! - xs[1]! - 4 - r.depth * 8 }) + 5);
  };
  pdf.ensureSpace(rowH.reduce((a, b) => a + b, 0) + 30);
  drawHeader();
  for (const r of sheet.rows) {
    const h = heightOf(r);
    if (doc.y + h > pdf.bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    values(r).forEach((v, c) =>
      cell(v, xs[c]!, y, xs[c + 1]! - xs[c]!, h, {
        bold: r.total,
        align: c === 1 ? 'left' : c === 0 ? 'center' : 'right',
        indent: c === 1 ? r.depth * 8 : 0,
      }),
    );
    doc.y = y + h;
  }
  doc.x = pdf.left;
  pdf.space(8).ensureSpace(90);
  pdf.text(t.dateLine, { italic: true, align: 'right' });
  pdf.signatures([
    { title: 'Người lập biểu', note: '(Ký, ghi rõ họ tên)' },
    { title: 'Thủ trưởng đơn vị', note: '(Ký, đóng dấu, ghi rõ họ tên)' },
  ]);
  if (sheet.digitization) drawAnnexPage(pdf, sheet.digitization, sheet.period);
  return pdf.finish();
}
