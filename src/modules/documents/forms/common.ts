import { PdfWriter, type Layout } from '../../../lib/pdf/kit.js';
import { vnDate } from '../../../lib/pdf/vn-format.js';
import type { AgencyView, ApplicantView } from '../documents.access.js';

/** Vietnamese labels of the values the API stores in English (domain B7). */
export const CHANNEL_VI: Record<string, string> = {
  direct: 'Trực tiếp tại Bộ phận Một cửa',
  online: 'Trực tuyến (Cổng Dịch vụ công)',
  postal: 'Qua dịch vụ bưu chính công ích',
};
/** Where the result is collected when the applicant has not chosen otherwise: the channel it came by. */
export const RETURN_BY_CHANNEL_VI: Record<string, string> = {
  direct: 'Nhận trực tiếp tại Bộ phận Một cửa',
  online: 'Nhận trực tuyến trên Cổng Dịch vụ công (bản điện tử) hoặc tại Bộ phận Một cửa',
  postal: 'Gửi qua dịch vụ bưu chính công ích đến địa chỉ của người nộp',
};
export const RETURN_METHOD_VI: Record<string, string> = {
  counter: 'Nhận trực tiếp tại Bộ phận Một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến',
};
export const CLASSIFICATION_VI: Record<string, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };
export const ROLE_VI: Record<string, string> = {
  receptionist: 'Bộ phận Một cửa',
  officer: 'chuyên viên',
  leader: 'lãnh đạo',
  supervisor: 'giám sát',
  admin: 'quản trị',
};
export const STATUS_VI: Record<string, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung',
  paused: 'Tạm dừng',
  decided: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút / dừng',
};

/** The header facts of a paper: who issues it, where and when. */
export interface Issuer {
  agency: AgencyView;
  /** ISO instant of the fact the paper records; it dates the paper and its PDF metadata. */
  at: string;
}

export function startPaper(title: string, issuer: Issuer, layout: Layout, number?: string): PdfWriter {
  const pdf = new PdfWriter({ title, createdAt: new Date(issuer.at), layout });
  pdf.nationalHeader({
    parentName: issuer.agency.parentName,
    agencyName: issuer.agency.name,
    number,
    placeDate: `${issuer.agency.placeName}, ${vnDate(issuer.at)}`,
  });
  return pdf;
}

/** The applicant's identity lines as forms 01–03 print them; absent facts are left out, not blank. */
export function applicantLines(pdf: PdfWriter, a: ApplicantView): void {
  pdf.field('Họ và tên người nộp hồ sơ', a.name);
  if (a.idNumber) pdf.field('Số CCCD/Định danh cá nhân', a.idNumber);
  if (a.address) pdf.field('Địa chỉ', a.address);
  const contact = [a.phone && `Điện thoại: ${a.phone}`, a.email && `Email: ${a.email}`].filter(Boolean).join('     ');
  if (contact) pdf.text(contact);
}
