import ExcelJS from 'exceljs';
import type { Column } from '../../../lib/pdf/kit.js';
import { vnDate, vnShortDate, vnShortDateTime } from '../../../lib/pdf/vn-format.js';
import type { AgencyView, DossierView } from '../documents.access.js';
import { CLASSIFICATION_VI, RETURN_METHOD_VI, ROLE_VI, startPaper, STATUS_VI } from './common.js';

/** One handover of form 05, already resolved to names. */
export interface Handover {
  step: string;
  giver: string;
  receiver: string;
  handedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  classification: string | null;
  note: string | null;
}

export function stepResult(h: Pick<Handover, 'classification' | 'finishedAt'>): string {
  if (!h.finishedAt) return 'Đang xử lý';
  return h.classification ? (CLASSIFICATION_VI[h.classification] ?? h.classification) : '';
}

export function receiverOf(
  step: { assigneeId: string | null; role: string },
  agency: string,
  names: Map<string, string>,
): string {
  const person = step.assigneeId ? names.get(step.assigneeId) : undefined;
  return person ? `${person} (${agency})` : `${agency} (${ROLE_VI[step.role] ?? step.role})`;
}

/**
 * Form 05 "Phiếu kiểm soát quá trình giải quyết hồ sơ": one row per handover, giver and receiver,
 * times, and the step's result early / on time / late (domain B2 "Steps"), recorded by the system.
 */
export function renderControlSlip(input: {
  dossier: DossierView;
  receivingUnit: AgencyView;
  handlingAgency: AgencyView;
  cooperating: string[];
  handovers: Handover[];
}): Promise<Buffer> {
  const { dossier: d } = input;
  const pdf = startPaper(
    'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    { agency: input.receivingUnit, at: d.receivedAt },
    'a4-landscape',
    `Mã hồ sơ: ${d.code}`,
  );
  pdf.title('Phiếu kiểm soát quá trình giải quyết hồ sơ');
  pdf.field('Mã hồ sơ', d.code);
  pdf.field('Người nộp hồ sơ', d.applicant.name);
  pdf.field('Thủ tục', `${d.procedure.name} (mã ${d.procedure.code})`);
  pdf.field('Cơ quan giải quyết', input.handlingAgency.name);
  pdf.field('Cơ quan phối hợp giải quyết', input.cooperating.length > 0 ? input.cooperating.join('; ') : 'không');
  pdf.field('Thời gian nhận hồ sơ', vnShortDateTime(d.receivedAt));
  pdf.field('Thời gian hẹn trả kết quả', vnShortDateTime(d.promisedAt ?? d.dueAt));
  pdf.field('Trạng thái', STATUS_VI[d.status] ?? d.status, { gap: 6 });
  const columns: Column[] = [
    { header: 'STT', width: 0.04, align: 'center' },
    { header: 'Bước xử lý', width: 0.14 },
    { header: 'Bên giao', width: 0.2 },
    { header: 'Bên nhận', width: 0.2 },
    { header: 'Thời gian giao, nhận', width: 0.095, align: 'center' },
    { header: 'Hạn xử lý', width: 0.095, align: 'center' },
    { header: 'Hoàn thành', width: 0.095, align: 'center' },
    { header: 'Kết quả (trước / đúng / quá hạn)', width: 0.135, align: 'center' },
  ];
  // Time above date: a date is never split inside a narrow cell.
  const t = (iso: string | null) => (iso ? vnShortDateTime(iso).replace(' ', '\n') : '');
  pdf.table(
    columns,
    input.handovers.map((h, i) => [
      String(i + 1),
      h.step,
      h.giver,
      h.receiver,
      t(h.handedAt),
      t(h.dueAt),
      t(h.finishedAt),
      `${stepResult(h)}${h.note ? `\n(${h.note})` : ''}`,
    ]),
    { size: pdf.baseSize },
  );
  pdf.text('Phiếu do hệ thống một cửa điện tử ghi tự động khi giao, nhận hồ sơ giữa các bước.', {
    italic: true,
    size: pdf.baseSize - 1.5,
  });
  return pdf.finish();
}

/** One line of the tracking book (form 06). */
export interface BookLine {
  code: string;
  field: string;
  procedure: string;
  applicant: string;
  contact: string;
  handlingAgency: string;
  receivedAt: string;
  appointment: string;
  returnedAt: string | null;
  returnMethod: string | null;
}

const BOOK_COLUMNS: Column[] = [
  { header: 'STT', width: 0.04, align: 'center' },
  { header: 'Mã hồ sơ', width: 0.12 },
  { header: 'Tên thủ tục hành chính', width: 0.15 },
  { header: 'Tên người nộp', width: 0.1 },
  { header: 'Địa chỉ, số điện thoại', width: 0.13 },
  { header: 'Cơ quan giải quyết', width: 0.1 },
  { header: 'Nhận hồ sơ', width: 0.07, align: 'center' },
  { header: 'Hẹn trả kết quả', width: 0.07, align: 'center' },
  { header: 'Trả kết quả', width: 0.07, align: 'center' },
  { header: 'Hình thức nhận kết quả', width: 0.08 },
  { header: 'Ký nhận', width: 0.07 },
];

function bookRows(lines: BookLine[]): Array<string[] | { span: string }> {
  const rows: Array<string[] | { span: string }> = [];
  const byField = new Map<string, BookLine[]>();
  for (const l of lines) byField.set(l.field, [...(byField.get(l.field) ?? []), l]);
  let n = 0;
  for (const [field, group] of byField) {
    rows.push({ span: `Lĩnh vực: ${field}` });
    for (const l of group) {
      rows.push([
        String(++n),
        l.code,
        l.procedure,
        l.applicant,
        l.contact,
        l.handlingAgency,
        vnShortDateTime(l.receivedAt),
        vnShortDateTime(l.appointment),
        l.returnedAt ? vnShortDateTime(l.returnedAt) : '',
        l.returnMethod ? (RETURN_METHOD_VI[l.returnMethod] ?? l.returnMethod) : '',
        '',
      ]);
    }
  }
  return rows;
}

export function bookTitle(from: string, to: string): string {
  return `Từ ngày ${vnShortDate(from)} đến ngày ${vnShortDate(to)}`;
}

/** Form 06 "Sổ theo dõi hồ sơ" as PDF (landscape A4), grouped by field of procedures. */
export function renderTrackingBook(input: {
  agency: AgencyView;
  from: string;
  to: string;
  at: string;
  lines: BookLine[];
}): Promise<Buffer> {
  const pdf = startPaper('Sổ theo dõi hồ sơ', { agency: input.agency, at: input.at }, 'a4-landscape');
  pdf.title('Sổ theo dõi hồ sơ', bookTitle(input.from, input.to));
  if (input.lines.length === 0)
    pdf.text('Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.', { italic: true, align: 'center' });
  else pdf.table(BOOK_COLUMNS, bookRows(input.lines));
  pdf.text(`Tổng số: ${input.lines.length} hồ sơ.`, { bold: true });
  return pdf.finish();
}

/** The same book as a spreadsheet: title block, bordered table, fields as merged group rows. */
export async function trackingBookXlsx(input: {
  agency: AgencyView;
  from: string;
  to: string;
  at: string;
  lines: BookLine[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  wb.created = new Date(input.at);
  wb.modified = new Date(input.at);
  const ws = wb.addWorksheet('So theo doi', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = BOOK_COLUMNS.length;
  const line = (text: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center' = 'center') => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, last);
    row.getCell(1).font = { name: 'Times New Roman', ...font };
    row.getCell(1).alignment = { horizontal: align };
  };
  line(input.agency.name.toUpperCase(), { bold: true }, 'left');
  line('SỔ THEO DÕI HỒ SƠ', { bold: true, size: 14 });
  line(bookTitle(input.from, input.to), { italic: true });
  line(`${input.agency.placeName}, ${vnDate(input.at)}`, { italic: true });
  ws.addRow([]);
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };
  const header = ws.addRow(BOOK_COLUMNS.map((c) => c.header));
  header.eachCell((c) => {
    c.font = { bold: true };
    c.alignment = { wrapText: true, horizontal: 'center', vertical: 'middle' };
    c.border = border;
  });
  for (const row of bookRows(input.lines)) {
    const r = ws.addRow(Array.isArray(row) ? row.map((v, i) => (i === 0 ? Number(v) : v)) : [row.span]);
    if (!Array.isArray(row)) {
      ws.mergeCells(r.number, 1, r.number, last);
      r.getCell(1).font = { bold: true };
    }
    for (let c = 1; c <= last; c++) {
      const cell = r.getCell(c);
      cell.border = border;
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  ws.addRow([`Tổng số: ${input.lines.length} hồ sơ`]).getCell(1).font = { bold: true };
  BOOK_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(6, Math.round(c.width * 160));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
