import ExcelJS from 'exceljs';
import { addAnnexSheet, type DigitizationFeed } from './stats.digitization-export.js';
import type { AgencyCounts } from './stats.repository.js';
import { HEADER, headerText, REPORT_COLUMNS, titleLines, type ReportSheet } from './stats.report.js';

/** A statistics answer as the official table "Tình hình, kết quả giải quyết TTHC" (form II.06a, domain A8). */
export interface ExportTable {
  title: string;
  lines: string[];
  headers: string[];
  rows: Array<Array<string | number | null>>;
}

type StatsRow = Omit<AgencyCounts, 'agencyId' | 'progressOnTime' | 'dissatisfied' | 'rated'> & {
  onTimeRate: number | null;
  refused?: number;
  digitization766?: DigitizationFeed;
};

/** Issue 15: the digitisation indicators beside II.06a in the flat table (count, rate %, points per part). */
const DIGITIZATION_HEADERS = [
  'Số hóa khi tiếp nhận (hồ sơ)',
  'Số hóa khi tiếp nhận (%)',
  'Số hóa khi tiếp nhận (điểm)',
  'Kết quả điện tử (hồ sơ)',
  'Kết quả điện tử (%)',
  'Kết quả điện tử (điểm)',
  'Tái sử dụng (thành phần)',
  'Tái sử dụng (%)',
  'Tái sử dụng (điểm)',
  'Điểm số hóa (QĐ 766)',
];
function digitizationCells(d: DigitizationFeed | undefined): Array<number | null> {
  if (!d) return DIGITIZATION_HEADERS.map(() => null);
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 10000) / 100);
  return [
    ...[d.digitizedAtIntake, d.electronicResults, d.reuse].flatMap((p) => [p.count, pct(p.rate), p.points]),
    d.points,
  ];
}

const HEADERS = [
  'Tổng số hồ sơ tiếp nhận',
  'Trong đó: trực tuyến',
  'Trực tiếp và bưu chính',
  'Kỳ trước chuyển qua',
  'Tổng số đã giải quyết',
  'Trước hạn',
  'Đúng hạn',
  'Quá hạn',
  'Rút, dừng giải quyết',
  'Tổng số đang giải quyết',
  'Trong hạn',
  'Quá hạn',
  'Tỷ lệ đúng hạn (%)',
];

/** The numbers of one row in the official column order; identities of B4 hold between them. */
function figures(r: StatsRow): Array<number | null> {
  const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
  const inProgress = r.inProgressWithin + r.inProgressOverdue;
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
    inProgress,
    r.inProgressWithin,
    r.inProgressOverdue,
    r.onTimeRate === null ? null : Math.round(r.onTimeRate * 10000) / 100,
  ];
}

export function statsTable(
  result: { period: { from: string; to: string; window: string; label: string }; computedAt: string; source: string },
  firstHeader: string,
  rows: Array<{ name: string } & StatsRow>,
): ExportTable {
  const [f, t] = [result.period.from, result.period.to].map((d) => d.split('-').reverse().join('/'));
  // Issue 13: refusals at the counter (form 03) beside the II.06a columns, for agencies (procedures have none).
  const refused = rows.some((r) => r.refused !== undefined);
  const digitization = rows.find((r) => r.digitization766)?.digitization766;
  return {
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    lines: [
      `Kỳ báo cáo: ${result.period.label} (từ ngày ${f} đến ngày ${t}; ${result.period.window === 'report' ? 'kỳ báo cáo 15–14' : 'theo tháng dương lịch'})`,
      `Thời điểm lập: ${result.computedAt} (${result.source === 'snapshot' ? 'số liệu đã chốt' : 'tính trực tiếp'})` +
        (digitization ? `; chỉ số số hóa (QĐ 766): quy tắc ${digitization.ruleVersion}` : ''),
    ],
    // The digitisation columns between II.06a and the refusals, which stay last as before.
    headers: [
      firstHeader,
      ...HEADERS,
      ...(digitization ? DIGITIZATION_HEADERS : []),
      ...(refused ? ['Từ chối tiếp nhận (mẫu 03)'] : []),
    ],
    rows: rows.map((r) => [
      r.name,
      ...figures(r),
      ...(digitization ? digitizationCells(r.digitization766) : []),
      ...(refused ? [r.refused ?? 0] : []),
    ]),
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese correctly. */
export function toCsv(table: ExportTable): string {
  const lines = [[table.title], ...table.lines.map((l) => [l]), [], table.headers, ...table.rows];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = 'Times New Roman';

/**
 * The official sheet II.06a: title block (form number, national header, title, period, reporting
 * unit), merged group headers over numbered columns, borders, the total row first, agencies in tree
 * order (indented), rates as percentages with two decimals, landscape A4 fitted to one page wide,
 * and the signature block.
 */
export async function toXlsx(sheet: ReportSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  workbook.created = new Date(sheet.computedAt);
  workbook.modified = new Date(sheet.computedAt);
  const ws = workbook.addWorksheet('II.06a', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
    },
    views: [{ state: 'frozen', ySplit: 13 }],
  });
  const t = titleLines(sheet);
  const put = (
    row: number,
    from: number,
    to: number,
    value: string,
    font: Partial<ExcelJS.Font>,
    horizontal: 'left' | 'center' | 'right' = 'center',
  ) => {
    if (to > from) ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = value;
    cell.font = { name: FONT, size: 11, ...font };
    cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
  };
  const last = REPORT_COLUMNS;
  put(1, 1, 4, t.form, { bold: true }, 'left');
  put(1, 8, last, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true });
  put(2, 8, last, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true });
  put(4, 1, last, t.title, { bold: true, size: 13 });
  put(5, 1, last, t.subtitle, { bold: true });
  put(6, 1, last, t.period, { italic: true });
  put(7, 1, last, t.unit, {}, 'left');
  put(8, 1, last, t.computed, { italic: true, size: 10 }, 'left');
  put(9, 11, last, t.measure, { italic: true, size: 10 }, 'right');
  const top = 10;
  for (const h of HEADER) {
    const r = top + h.row;
    const c = h.col + 1;
    ws.mergeCells(r, c, r + (h.rowSpan ?? 1) - 1, c + (h.colSpan ?? 1) - 1);
    const cell = ws.getCell(r, c);
    cell.value = headerText(h, sheet.subject);
  }
  const numbers = top + 3;
  for (let c = 1; c <= last; c++) ws.getCell(numbers, c).value = `(${c})`;
  for (let r = top; r <= numbers; r++) {
    ws.getRow(r).height = r === numbers ? 16 : 30;
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, size: 10, bold: r < numbers, italic: r === numbers };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
  }
  for (const row of sheet.rows) {
    const r = ws.addRow([row.stt, row.name, ...row.figures]);
    r.eachCell({ includeEmpty: true }, (cell, c) => {
      cell.border = THIN;
      cell.font = { name: FONT, size: 10, bold: row.total };
      cell.alignment =
        c === 2
          ? { indent: row.depth * 2, wrapText: true, vertical: 'middle' }
          : { horizontal: c === 1 ? 'center' : 'right', vertical: 'middle' };
    });
    const rate = r.getCell(last);
    rate.numFmt = '0.00%';
    if (rate.value === null) rate.value = '—';
  }
  const sign = ws.rowCount + 2;
  put(sign, 10, last, t.dateLine, { italic: true });
  put(sign + 1, 1, 5, 'NGƯỜI LẬP BIỂU', { bold: true });
  put(sign + 1, 10, last, 'THỦ TRƯỞNG ĐƠN VỊ', { bold: true });
  put(sign + 2, 1, 5, '(Ký, ghi rõ họ tên)', { italic: true });
  put(sign + 2, 10, last, '(Ký, đóng dấu, ghi rõ họ tên)', { italic: true });
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 40;
  for (let c = 3; c <= last; c++) ws.getColumn(c).width = 10.5;
  ws.pageSetup.printTitlesRow = `${top}:${numbers}`;
  if (sheet.digitization) addAnnexSheet(workbook, sheet.digitization, sheet.period);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
