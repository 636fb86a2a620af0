import ExcelJS from 'exceljs';
import type { AgencyCounts } from './stats.repository.js';

/** A statistics answer as the official table "Tình hình, kết quả giải quyết TTHC" (form II.06a, domain A8). */
export interface ExportTable {
  title: string;
  lines: string[];
  headers: string[];
  rows: Array<Array<string | number | null>>;
}

type StatsRow = Omit<AgencyCounts, 'agencyId' | 'progressOnTime' | 'dissatisfied'> & { onTimeRate: number | null };

const HEADERS = [
  'Tổng số hồ sơ tiếp nhận', 'Trong đó: trực tuyến', 'Trực tiếp và bưu chính', 'Kỳ trước chuyển qua',
  'Tổng số đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Rút, dừng giải quyết',
  'Tổng số đang giải quyết', 'Trong hạn', 'Quá hạn', 'Tỷ lệ đúng hạn (%)',
];

/** The numbers of one row in the official column order; identities of B4 hold between them. */
function figures(r: StatsRow): Array<number | null> {
  const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
  const inProgress = r.inProgressWithin + r.inProgressOverdue;
  return [
    r.receivedOnline + r.receivedDirect + r.carriedOver, r.receivedOnline, r.receivedDirect, r.carriedOver,
    resolved, r.resolvedEarly, r.resolvedOnTime, r.resolvedLate, r.withdrawn,
    inProgress, r.inProgressWithin, r.inProgressOverdue, r.onTimeRate === null ? null : Math.round(r.onTimeRate * 10000) / 100,
  ];
}

export function statsTable(
  result: { period: { from: string; to: string; window: string; label: string }; computedAt: string; source: string },
  firstHeader: string,
  rows: Array<{ name: string } & StatsRow>,
): ExportTable {
  const [f, t] = [result.period.from, result.period.to].map((d) => d.split('-').reverse().join('/'));
  return {
    title: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    lines: [
      `Kỳ báo cáo: ${result.period.label} (từ ngày ${f} đến ngày ${t}; ${result.period.window === 'report' ? 'kỳ báo cáo 15–14' : 'theo tháng dương lịch'})`,
      `Thời điểm lập: ${result.computedAt} (${result.source === 'snapshot' ? 'số liệu đã chốt' : 'tính trực tiếp'})`,
    ],
    headers: [firstHeader, ...HEADERS],
    rows: rows.map((r) => [r.name, ...figures(r)]),
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

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'motcua';
  const sheet = workbook.addWorksheet('II.06a');
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  for (const line of table.lines) sheet.addRow([line]);
  sheet.addRow([]);
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const row of table.rows) sheet.addRow(row);
  sheet.getColumn(1).width = 44;
  for (let c = 2; c <= table.headers.length; c++) sheet.getColumn(c).width = 14;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
