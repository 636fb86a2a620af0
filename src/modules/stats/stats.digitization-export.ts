import type ExcelJS from 'exceljs';
import type { PdfWriter } from '../../lib/pdf/kit.js';
import { vnPercent } from '../../lib/pdf/vn-format.js';

/**
 * Issue 15: the Decision 766 digitisation indicators in the exports of /stats/agencies, with their
 * rule version. Form II.06a has no such columns, so the XLSX gets a second sheet and the PDF an annex
 * page in the same tree order (the CSV, a flat table, gets extra columns: stats.export.ts).
 */

type Part = { count: number; total: number; rate: number | null; points: number | null };
export interface DigitizationFeed {
  digitizedAtIntake: Part;
  electronicResults: Part;
  reuse: Part;
  points: number | null;
  ruleVersion: string;
}

export interface DigitizationAnnexRow {
  stt: string;
  name: string;
  depth: number;
  total: boolean;
  /** Received, digitised, rate, points; decided, electronic, rate, points; with a file, reused, rate, points; points. */
  cells: Array<number | null>;
}

export interface DigitizationAnnex {
  ruleVersion: string;
  source: string;
  rows: DigitizationAnnexRow[];
}

export const ANNEX_GROUPS = [
  { text: 'Số hóa thành phần khi tiếp nhận', sub: ['Hồ sơ tiếp nhận', 'Số hóa đủ', 'Tỷ lệ (%)', 'Điểm'] },
  { text: 'Kết quả giải quyết điện tử', sub: ['Đã giải quyết', 'Có kết quả điện tử', 'Tỷ lệ (%)', 'Điểm'] },
  { text: 'Tái sử dụng dữ liệu đã số hóa', sub: ['Thành phần có tệp', 'Tái sử dụng', 'Tỷ lệ (%)', 'Điểm'] },
];
/** Columns with a rate (fractions; shown as percentages), 0-based within `cells`. */
export const RATE_CELLS = new Set([2, 6, 10]);

const ratio = (count: number, total: number) => (total === 0 ? null : count / total);

function cellsOf(d: DigitizationFeed, withPoints: boolean): Array<number | null> {
  const part = (p: Part) => [p.total, p.count, ratio(p.count, p.total), withPoints ? p.points : null];
  // Order of a part in the annex: population first, then the count (as II.06a puts totals first).
  const [a, b, c] = [d.digitizedAtIntake, d.electronicResults, d.reuse].map(part);
  return [...a!, ...b!, ...c!, withPoints ? d.points : null];
}

function sum(feeds: DigitizationFeed[]): DigitizationFeed {
  const add = (pick: (d: DigitizationFeed) => Part): Part => {
    const count = feeds.reduce((n, d) => n + pick(d).count, 0);
    const total = feeds.reduce((n, d) => n + pick(d).total, 0);
    return { count, total, rate: ratio(count, total), points: null };
  };
  return {
    digitizedAtIntake: add((d) => d.digitizedAtIntake),
    electronicResults: add((d) => d.electronicResults),
    reuse: add((d) => d.reuse),
    points: null,
    ruleVersion: feeds[0]?.ruleVersion ?? '',
  };
}

/**
 * The annex rows in the tree order of the II.06a sheet (`agencyRows`: each agency under its parent,
 * siblings by name, numbered 1, 1.1 …), the total first. Decision 766 scores an agency, not a sum of
 * agencies: a total over several agencies shows counts and rates without points, except one rolled-up
 * root (a province), whose own row is the total.
 */
export function digitizationAnnex(
  items: Array<{ agencyId: string; agencyName: string; parentId: string | null; digitization766?: DigitizationFeed }>,
  rollup: boolean,
  source: string,
): DigitizationAnnex | undefined {
  const fed = items.filter((i): i is typeof i & { digitization766: DigitizationFeed } => !!i.digitization766);
  if (fed.length === 0) return undefined;
  const ids = new Set(fed.map((i) => i.agencyId));
  const children = new Map<string | null, typeof fed>();
  for (const i of fed) {
    const parent = i.parentId && ids.has(i.parentId) ? i.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), i]);
  }
  const rows: DigitizationAnnexRow[] = [];
  const walk = (parent: string | null, prefix: string, depth: number) => {
    const kids = (children.get(parent) ?? []).sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
    kids.forEach((k, n) => {
      const stt = prefix ? `${prefix}.${n + 1}` : String(n + 1);
      rows.push({ stt, name: k.agencyName, depth, total: false, cells: cellsOf(k.digitization766, true) });
      walk(k.agencyId, stt, depth + 1);
    });
  };
  const tops = children.get(null) ?? [];
  const ruleVersion = fed[0]!.digitization766.ruleVersion;
  if (rollup && tops.length === 1) {
    const root = tops[0]!;
    walk(root.agencyId, '', 0);
    const total = { stt: '', name: `Tổng số (${root.agencyName})`, depth: 0, total: true };
    return { ruleVersion, source, rows: [{ ...total, cells: cellsOf(root.digitization766, true) }, ...rows] };
  }
  walk(null, '', 0);
  const all = sum((rollup ? tops : fed).map((i) => i.digitization766));
  return {
    ruleVersion,
    source,
    rows: [{ stt: '', name: 'Tổng số', depth: 0, total: true, cells: cellsOf(all, false) }, ...rows],
  };
}

export function annexTitle(annex: DigitizationAnnex, period: { label: string }) {
  return {
    title: 'PHỤ LỤC: CHỈ SỐ SỐ HÓA HỒ SƠ, KẾT QUẢ GIẢI QUYẾT TTHC (Quyết định 766/QĐ-TTg)',
    rule: `Kỳ báo cáo: ${period.label}; quy tắc tính: ${annex.ruleVersion} (docs/digitization.md); số liệu ${annex.source === 'snapshot' ? 'đã chốt' : 'tính trực tiếp'}`,
  };
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The annex as a second worksheet "Số hóa" of the XLSX. */
export function addAnnexSheet(workbook: ExcelJS.Workbook, annex: DigitizationAnnex, period: { label: string }): void {
  const ws = workbook.addWorksheet('Số hóa', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true },
  });
  const t = annexTitle(annex, period);
  const last = 2 + 13;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = t.title;
  ws.getCell(1, 1).font = { name: 'Times New Roman', size: 12, bold: true };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = t.rule;
  ws.getCell(2, 1).font = { name: 'Times New Roman', size: 10, italic: true };
  ws.mergeCells(4, 1, 5, 1);
  ws.getCell(4, 1).value = 'STT';
  ws.mergeCells(4, 2, 5, 2);
  ws.getCell(4, 2).value = 'Cơ quan, đơn vị';
  ANNEX_GROUPS.forEach((g, i) => {
    const c = 3 + i * 4;
    ws.mergeCells(4, c, 4, c + 3);
    ws.getCell(4, c).value = g.text;
    g.sub.forEach((s, j) => (ws.getCell(5, c + j).value = s));
  });
  ws.mergeCells(4, last, 5, last);
  ws.getCell(4, last).value = 'Tổng điểm';
  for (const r of [4, 5]) {
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: 'Times New Roman', size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
  }
  for (const row of annex.rows) {
    const r = ws.addRow([row.stt, row.name, ...row.cells.map((v) => v ?? '—')]);
    r.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = THIN;
      cell.font = { name: 'Times New Roman', size: 10, bold: row.total };
      if (c === 2) cell.alignment = { indent: row.depth * 2, wrapText: true };
      if (RATE_CELLS.has(c - 3) && typeof cell.value === 'number') cell.numFmt = '0.00%';
    });
  }
  ws.getColumn(2).width = 40;
}

/** The annex as a page after the II.06a sheet of the PDF. */
export function drawAnnexPage(pdf: PdfWriter, annex: DigitizationAnnex, period: { label: string }): void {
  const { doc } = pdf;
  doc.addPage();
  const t = annexTitle(annex, period);
  pdf.text(t.title, { bold: true, align: 'center', size: 11 }).text(t.rule, { italic: true, size: 8 }).space(4);
  const widths = [0.04, 0.22, ...Array<number>(13).fill(0.74 / 13)];
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w * pdf.width], [pdf.left]);
  const cell = (text: string, c: number, span: number, y: number, h: number, bold = false, align = 'center') => {
    doc
      .save()
      .lineWidth(0.5)
      .rect(xs[c]!, y, xs[c + span]! - xs[c]!, h)
      .stroke()
      .restore();
    doc
      .font(bold ? 'serif-bold' : 'serif')
      .fontSize(7)
      .text(text, xs[c]! + 2, y + 3, { width: xs[c + span]! - xs[c]! - 4, align: align as 'center' });
  };
  const header = () => {
    const y = doc.y;
    cell('STT', 0, 1, y, 44, true);
    cell('Cơ quan, đơn vị', 1, 1, y, 44, true);
    ANNEX_GROUPS.forEach((g, i) => {
      cell(g.text, 2 + i * 4, 4, y, 18, true);
      g.sub.forEach((s, j) => cell(s, 2 + i * 4 + j, 1, y + 18, 26, true));
    });
    cell('Tổng điểm', 14, 1, y, 44, true);
    doc.y = y + 44;
  };
  header();
  const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
  for (const row of annex.rows) {
    const name = `${'  '.repeat(row.depth)}${row.name}`;
    doc.font(row.total ? 'serif-bold' : 'serif').fontSize(7);
    const h = Math.max(16, doc.heightOfString(name, { width: xs[2]! - xs[1]! - 4 }) + 6);
    if (doc.y + h > pdf.bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    cell(row.stt, 0, 1, y, h, row.total);
    cell(name, 1, 1, y, h, row.total, 'left');
    row.cells.forEach((v, i) => {
      const text = v === null ? '—' : RATE_CELLS.has(i) ? vnPercent(v) : number.format(v);
      cell(text, 2 + i, 1, y, h, row.total, 'right');
    });
    doc.y = y + h;
  }
  doc.x = pdf.left;
}
