import QRCode from 'qrcode';
import type { Layout } from '../../../lib/pdf/kit.js';
import { vnBudget, vnDateTime, vnd, vnShortDate } from '../../../lib/pdf/vn-format.js';
import type { AgencyView, DossierView } from '../documents.access.js';
import { applicantLines, CHANNEL_VI, RETURN_BY_CHANNEL_VI, RETURN_METHOD_VI, startPaper } from './common.js';

/** The QR code's settings; tests render the same payload with them to decode it back. */
export const QR_OPTIONS = { errorCorrectionLevel: 'M' } as const;

/** The citizen tracking page of a dossier (domain B6: the code alone, never the PIN). */
export function trackingUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/tra-cuu/${encodeURIComponent(code)}`;
}

export interface ReceiptInput {
  dossier: DossierView;
  receivingUnit: AgencyView;
  handlingAgency: AgencyView;
  receptionistName: string | null;
  fee: number | null;
  trackingUrl: string;
  /** The PIN, only when the client proved it (header X-Lookup-Pin); it is never stored in clear. */
  lookupPin: string | null;
  layout: Layout;
}

/**
 * Form 01 "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Circular 01/2018, kept by 03/2025; domain A4):
 * receipt time and appointment in hours and minutes, the components received, where the result is
 * collected, and a QR code opening the public tracking page.
 */
export async function renderReceipt(input: ReceiptInput): Promise<Buffer> {
  const { dossier: d, layout } = input;
  const pdf = startPaper(
    'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    { agency: input.receivingUnit, at: d.receivedAt },
    layout,
    `Mã hồ sơ: ${d.code}`,
  );
  pdf.title('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  pdf.text(`${input.receivingUnit.name} tiếp nhận hồ sơ của:`, { gap: 2 });
  applicantLines(pdf, d.applicant);
  pdf.field('Nội dung yêu cầu giải quyết', `${d.procedure.name} (mã thủ tục ${d.procedure.code})`);
  pdf.field('Cơ quan giải quyết', input.handlingAgency.name);
  pdf.field('Hình thức nộp', CHANNEL_VI[d.channel] ?? d.channel, { gap: 4 });

  pdf.text('1. Thành phần hồ sơ nộp gồm:', { bold: true });
  const components =
    d.components.length > 0 ? d.components : [{ name: '(Không kê khai thành phần)', copies: undefined }];
  pdf.table(
    [
      { header: 'STT', width: 0.1, align: 'center' },
      { header: 'Tên giấy tờ', width: 0.7 },
      { header: 'Số bản', width: 0.2, align: 'center' },
    ],
    components.map((c, i) => [String(i + 1), c.name, c.copies === undefined ? '' : String(c.copies).padStart(2, '0')]),
  );
  const appointment = d.promisedAt ?? d.dueAt;
  const lines: Array<[string, string]> = [
    ['2. Số lượng hồ sơ', '01 bộ'],
    ['3. Thời gian giải quyết hồ sơ theo quy định', vnBudget(d.budget)],
    ['4. Thời gian nhận hồ sơ', vnDateTime(d.receivedAt)],
    ['5. Thời gian trả kết quả giải quyết hồ sơ (hẹn trả)', vnDateTime(appointment)],
    [
      '6. Nhận kết quả tại',
      d.returnMethod ? (RETURN_METHOD_VI[d.returnMethod] ?? d.returnMethod) : (RETURN_BY_CHANNEL_VI[d.channel] ?? ''),
    ],
  ];
  if (input.fee !== null) lines.push(['7. Phí, lệ phí', vnd(input.fee)]);
  for (const [label, value] of lines) pdf.field(label, value, { gap: 1 });
  if (d.promisedAt)
    pdf.text(`(Hẹn lại theo phiếu xin lỗi; hẹn ban đầu: ${vnDateTime(d.dueAt)})`, { italic: true, indent: 12 });
  const seq = d.code.split('-').pop() ?? '';
  pdf.text(`Vào Sổ theo dõi hồ sơ ${vnShortDate(d.receivedAt)}, số thứ tự ${seq}.`, { italic: true, gap: 6 });

  await lookupBlock(pdf, input);
  pdf.signatures([
    { title: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: d.applicant.name },
    { title: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: input.receptionistName ?? undefined },
  ]);
  return pdf.finish();
}

/** The QR code (drawn as vector squares: sharp at any printer resolution) beside the lookup text. */
async function lookupBlock(pdf: ReturnType<typeof startPaper>, input: ReceiptInput): Promise<void> {
  const qr = QRCode.create(input.trackingUrl, QR_OPTIONS);
  const size = pdf.narrow ? 70 : 84;
  pdf.ensureSpace(size + 8);
  const x = pdf.left;
  const y = pdf.doc.y;
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  const doc = pdf.doc;
  doc.save().rect(x, y, size, size).fill('#ffffff').fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
  const textX = x + size + 8;
  const width = pdf.width - size - 8;
  doc
    .font('serif-bold')
    .fontSize(pdf.baseSize)
    .text('Tra cứu tình trạng hồ sơ', textX, y + 4, { width });
  doc.font('serif').text('Quét mã QR hoặc truy cập:', { width });
  // Smaller, so the address stays on one line where it can (it is also the QR code's content).
  doc
    .fontSize(pdf.baseSize - 1.5)
    .text(input.trackingUrl, { width })
    .fontSize(pdf.baseSize);
  if (input.lookupPin) {
    doc.text('Mã tra cứu (PIN): ', { width, continued: true }).font('serif-bold').text(input.lookupPin);
  } else {
    doc
      .font('serif-italic')
      .text('Mã tra cứu (PIN) đã được giao cho người nộp khi tiếp nhận hồ sơ; không in lại.', { width });
  }
  doc
    .font('serif-italic')
    .fontSize(pdf.baseSize - 1.5)
    .text('Hoặc tra cứu bằng mã hồ sơ và 4 số cuối điện thoại đã đăng ký.', { width });
  doc.x = pdf.left;
  doc.y = Math.max(doc.y, y + size) + 8;
}
