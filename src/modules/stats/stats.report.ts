import { vnDate, vnShortDate } from '../../lib/pdf/vn-format.js';
import type { DigitizationAnnex } from './stats.digitization-export.js';
import type { AgencyCounts } from './stats.repository.js';

/**
 * Form II.06a/VPCP/KSTT "Tình hình, kết quả giải quyết TTHC" (domain A8) as the official sheet: the
 * one model both the XLSX and the PDF are drawn from, so they cannot disagree.
 */

type Counts = Omit<AgencyCounts, 'agencyId' | 'progressOnTime' | 'dissatisfied' | 'rated'>;

/** Merged header cells on a grid of 15 columns (0-based) and 3 rows, then a row of column numbers. */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
}

export const REPORT_COLUMNS = 15;
export const HEADER: HeaderCell[] = [
  { text: 'STT', row: 0, col: 0, rowSpan: 3 },
  { text: '', row: 0, col: 1, rowSpan: 3 }, // the subject: "Cơ quan, đơn vị" or "Lĩnh vực, thủ tục hành chính"
  { text: 'Số hồ sơ nhận giải quyết', row: 0, col: 2, colSpan: 4 },
  { text: 'Kết quả giải quyết', row: 0, col: 6, colSpan: 8 },
  { text: 'Tỷ lệ giải quyết đúng hạn (%)', row: 0, col: 14, rowSpan: 3 },
  { text: 'Tổng số', row: 1, col: 2, rowSpan: 2 },
  { text: 'Trong kỳ', row: 1, col: 3, colSpan: 2 },
  { text: 'Từ kỳ trước chuyển qua', row: 1, col: 5, rowSpan: 2 },
  { text: 'Số hồ sơ đã giải quyết', row: 1, col: 6, colSpan: 4 },
  { text: 'Rút, dừng giải quyết', row: 1, col: 10, rowSpan: 2 },
  { text: 'Số hồ sơ đang giải quyết', row: 1, col: 11, colSpan: 3 },
  { text: 'Trực tuyến', row: 2, col: 3 },
  { text: 'Trực tiếp, bưu chính', row: 2, col: 4 },
  { text: 'Tổng số', row: 2, col: 6 },
  { text: 'Trước hạn', row: 2, col: 7 },
  { text: 'Đúng hạn', row: 2, col: 8 },
  { text: 'Quá hạn', row: 2, col: 9 },
  { text: 'Tổng số', row: 2, col: 11 },
  { text: 'Trong hạn', row: 2, col: 12 },
  { text: 'Quá hạn', row: 2, col: 13 },
];
/** Relative widths of the 15 columns (the name column takes what the numbers leave). */
export const WIDTHS = [0.04, 0.2, ...Array<number>(12).fill(0.058), 0.064];

export interface ReportRow {
  /** "1", "1.1" … in tree order; empty for the total row. */
  stt: string;
  name: string;
  depth: number;
  total: boolean;
  /** Columns (3)–(14) as counts, then (15) the on-time rate as a fraction or null. */
  figures: Array<number | null>;
}

export interface ReportSheet {
  subject: string;
  /** The reporting unit (đơn vị báo cáo); for the per-procedure sheet, the agency whose procedures these are. */
  unitName: string;
  placeName: string;
  period: { label: string; from: string; to: string; window: string };
  /** ISO instant the figures were computed; dates the sheet. */
  computedAt: string;
  source: string;
  rows: ReportRow[];
  /** Issue 15: the digitisation annex (a second sheet in the XLSX, a page in the PDF). */
  digitization?: DigitizationAnnex | undefined;
}

export function reportFigures(r: Counts): Array<number | null> {
  const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
  return [
    r.receivedOnline + r.receivedDirect + r.carriedOver,
    r.receivedOnline,
    r.receivedDirect,
    r.carriedOver,
    resolved,
    r.resolvedEarly,
    r.resolvedOnTime,
    r.resolvedLate,
    r.withdrawn,
    r.inProgressWithin + r.inProgressOverdue,
    r.inProgressWithin,
    r.inProgressOverdue,
    resolved === 0 ? null : (r.resolvedEarly + r.resolvedOnTime) / resolved,
  ];
}

function sum(rows: Counts[]): Counts {
  const out = {
    receivedOnline: 0,
    receivedDirect: 0,
    carriedOver: 0,
    resolvedEarly: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    withdrawn: 0,
    inProgressWithin: 0,
    inProgressOverdue: 0,
  };
  for (const r of rows) for (const k of Object.keys(out) as Array<keyof typeof out>) out[k] += r[k];
  return out;
}

/**
 * Rows in tree order (each agency under its parent, siblings by name), numbered 1, 1.1, 1.2 …, with
 * the "Tổng số" row first, directly under the column numbers, where the VPCP templates put it.
 * With roll-ups the total is the sum of the top-level rows (their subtrees are inside them);
 * without, it is the sum of every row.
 */
export function agencyRows(
  items: Array<Counts & { agencyId: string; agencyName: string; parentId: string | null }>,
  rollup: boolean,
): ReportRow[] {
  const ids = new Set(items.map((i) => i.agencyId));
  const children = new Map<string | null, typeof items>();
  for (const i of items) {
    const parent = i.parentId && ids.has(i.parentId) ? i.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), i]);
  }
  const out: ReportRow[] = [];
  const walk = (parent: string | null, prefix: string, depth: number) => {
    const kids = (children.get(parent) ?? []).sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'));
    kids.forEach((k, n) => {
      const stt = prefix ? `${prefix}.${n + 1}` : String(n + 1);
      out.push({ stt, name: k.agencyName, depth, total: false, figures: reportFigures(k) });
      walk(k.agencyId, stt, depth + 1);
    });
  };
  const tops = children.get(null) ?? [];
  // One rolled-up root (a province): its row is the total; the agencies under it are numbered 1, 2 …
  if (rollup && tops.length === 1) {
    const root = tops[0]!;
    walk(root.agencyId, '', 0);
    return [
      { stt: '', name: `Tổng số (${root.agencyName})`, depth: 0, total: true, figures: reportFigures(root) },
      ...out,
    ];
  }
  walk(null, '', 0);
  return [
    { stt: '', name: 'Tổng số', depth: 0, total: true, figures: reportFigures(sum(rollup ? tops : items)) },
    ...out,
  ];
}

/** Per-procedure rows: procedures by code under the total row. */
export function procedureRows(items: Array<Counts & { procedureCode: string; procedureName: string }>): ReportRow[] {
  return [
    { stt: '', name: 'Tổng số', depth: 0, total: true, figures: reportFigures(sum(items)) },
    ...items.map((p, i) => ({
      stt: String(i + 1),
      name: `${p.procedureName} (${p.procedureCode})`,
      depth: 0,
      total: false,
      figures: reportFigures(p),
    })),
  ];
}

/** The lines of the title block, shared by both renderings. */
export function titleLines(sheet: ReportSheet) {
  const window =
    sheet.period.window === 'report' ? 'kỳ báo cáo từ ngày 15 tháng trước đến ngày 14' : 'theo tháng dương lịch';
  return {
    form: 'Biểu số II.06a/VPCP/KSTT',
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    subtitle: 'TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    period: `Kỳ báo cáo: ${sheet.period.label} (từ ngày ${vnShortDate(sheet.period.from)} đến ngày ${vnShortDate(sheet.period.to)}; ${window})`,
    unit: `Đơn vị báo cáo: ${sheet.unitName}`,
    computed: `Số liệu ${sheet.source === 'snapshot' ? 'đã chốt' : 'tính trực tiếp'} lúc ${sheet.computedAt.slice(11, 16)} ${vnShortDate(sheet.computedAt)}`,
    measure: 'Đơn vị tính: Số hồ sơ TTHC',
    dateLine: `${sheet.placeName}, ${vnDate(sheet.computedAt)}`,
  };
}

export function headerText(cell: HeaderCell, subject: string): string {
  return cell.col === 1 && cell.row === 0 ? subject : cell.text;
}
