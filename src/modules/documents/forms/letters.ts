import type { Layout } from '../../../lib/pdf/kit.js';
import { vnDate, vnDateTime } from '../../../lib/pdf/vn-format.js';
import type { AgencyView, ApplicantView, DossierView } from '../documents.access.js';
import { applicantLines, startPaper } from './common.js';

/** Form 02 "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", from a `request-supplement` event (domain A4). */
export function renderSupplementRequest(input: {
  dossier: DossierView;
  issuer: AgencyView;
  handlingAgency: AgencyView;
  at: string;
  items: string[];
  reason: string;
  officerName: string | null;
  again: boolean;
  layout: Layout;
}): Promise<Buffer> {
  const { dossier: d } = input;
  const pdf = startPaper(
    'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    { agency: input.issuer, at: input.at },
    input.layout,
    `Mã hồ sơ: ${d.code}`,
  );
  pdf.title('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', input.again ? '(Yêu cầu bổ sung lần thứ hai)' : undefined);
  pdf.text(`Kính gửi: Ông/Bà ${d.applicant.name}`, { bold: true, gap: 4 });
  pdf.text(`Ngày ${vnDate(d.receivedAt).replace(/^ngày /, '')}, ${input.issuer.name} tiếp nhận hồ sơ của:`);
  applicantLines(pdf, d.applicant);
  pdf.field('Nội dung yêu cầu giải quyết', `${d.procedure.name} (mã thủ tục ${d.procedure.code})`);
  pdf.field('Mã hồ sơ', d.code, { gap: 4 });
  pdf.text('Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', { bold: true });
  pdf.numbered(input.items, { gap: 4 });
  pdf.field('Lý do', input.reason, { gap: 4 });
  pdf.text('Thời gian chờ người nộp bổ sung hồ sơ không tính vào thời hạn giải quyết.', { italic: true });
  pdf.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${input.officerName ? `${input.officerName}, ` : ''}` +
      `${input.handlingAgency.name} để được hướng dẫn.`,
    { gap: 8 },
  );
  pdf.signatures([{ title: 'Người hướng dẫn', note: '(Ký và ghi rõ họ tên)', name: input.officerName ?? undefined }]);
  return pdf.finish();
}

/** Form 03 "Phiếu từ chối tiếp nhận giải quyết hồ sơ": no dossier is accepted, no code consumed. */
export function renderRefusal(input: {
  issuer: AgencyView;
  at: string;
  applicant: ApplicantView;
  procedure: { code: string; name: string };
  reasons: string[];
  receptionistName: string | null;
  layout: Layout;
}): Promise<Buffer> {
  const pdf = startPaper(
    'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    { agency: input.issuer, at: input.at },
    input.layout,
  );
  pdf.title('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
  pdf.text(`${input.issuer.name} tiếp nhận hồ sơ của:`, { gap: 2 });
  applicantLines(pdf, input.applicant);
  pdf.field('Nội dung yêu cầu giải quyết', `${input.procedure.name} (mã thủ tục ${input.procedure.code})`);
  pdf.field('Mã hồ sơ', 'không cấp (hồ sơ không được tiếp nhận)');
  pdf.field('Thời điểm', vnDateTime(input.at), { gap: 4 });
  pdf.text(
    'Sau khi xem xét, đối chiếu thành phần hồ sơ, hồ sơ của Ông/Bà không đủ điều kiện để tiếp nhận, giải quyết với lý do cụ thể như sau:',
  );
  pdf.numbered(input.reasons, { gap: 4 });
  pdf.text('Xin thông báo để Ông/Bà được biết và thực hiện./.', { gap: 8 });
  pdf.signatures([
    { title: 'Người nộp hồ sơ', note: '(Ký và ghi rõ họ tên)', name: input.applicant.name },
    { title: 'Người tiếp nhận hồ sơ', note: '(Ký và ghi rõ họ tên)', name: input.receptionistName ?? undefined },
  ]);
  return pdf.finish();
}

/**
 * Form 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả", from the `apologize` event. The original
 * appointment is the dossier's `dueAt`, which an apology never moves (domain B2).
 */
export function renderApology(input: {
  dossier: DossierView;
  handlingAgency: AgencyView;
  receivingUnit: AgencyView;
  at: string;
  reason: string;
  promisedAt: string;
  leaderName: string | null;
  layout: Layout;
}): Promise<Buffer> {
  const { dossier: d, handlingAgency: h } = input;
  const pdf = startPaper(
    'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    { agency: h, at: input.at },
    input.layout,
    `Mã hồ sơ: ${d.code}`,
  );
  pdf.title('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
  pdf.text(`Kính gửi: Ông/Bà ${d.applicant.name}`, { bold: true, gap: 4 });
  pdf.text(
    `Ngày ${vnDate(d.receivedAt).replace(/^ngày /, '')}, ${input.receivingUnit.name} tiếp nhận hồ sơ đề nghị ` +
      `${d.procedure.name} của Ông/Bà; mã hồ sơ: ${d.code}.`,
    { align: 'justify' },
  );
  pdf.field('Thời gian hẹn trả kết quả giải quyết hồ sơ', vnDateTime(d.dueAt));
  pdf.text(`Tuy nhiên đến nay, ${h.name} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hẹn.`, { align: 'justify' });
  pdf.field('Lý do', input.reason);
  pdf.text(
    `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian của Ông/Bà. ${h.name} xin lỗi Ông/Bà ` +
      'về sự bất tiện này.',
    { align: 'justify' },
  );
  pdf.field(`${h.name} sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào`, vnDateTime(input.promisedAt));
  pdf.text('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.', { gap: 8 });
  pdf.signatures([
    { title: 'Thủ trưởng cơ quan', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: input.leaderName ?? undefined },
  ]);
  return pdf.finish();
}
