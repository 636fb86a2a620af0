import type { ActionBodies } from './dossier.schemas.js';
import type { StaffAction } from './dossier.transitions.js';

/**
 * /docs text of each action endpoint `POST /dossiers/:id/<action>` (issue 13 "Everyone"): what it
 * does in Vietnamese and English, and a valid body (a test validates each against actionSchemas).
 */
export const actionDocs: { [A in StaffAction]: { vi: string; en: string; body: ActionBodies[A] } } = {
  assign: {
    vi: 'Phân công cán bộ của cơ quan giải quyết xử lý hồ sơ.',
    en: 'Assigns a staff member of the handling agency.',
    body: { assigneeId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f', version: 2 },
  },
  forward: {
    vi: 'Kết thúc bước hiện tại và chuyển sang bước tiếp theo (bộ phận một cửa chuyển hồ sơ cho cơ quan giải quyết).',
    en: 'Finishes the current step and opens the next (the counter hands the dossier to the handling agency).',
    body: { note: 'Hồ sơ đủ thành phần', version: 1 },
  },
  'send-back': {
    vi: 'Trả hồ sơ về bước trước, ghi rõ lý do.',
    en: 'Sends the dossier back to the previous step, with a reason.',
    body: { reason: 'Cần xác minh lại địa chỉ thường trú', version: 3 },
  },
  'request-supplement': {
    vi: 'Yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02); đồng hồ dừng hoặc tính lại từ đầu tùy thủ tục. Lần thứ hai cần again: true và bị tính trễ hạn.',
    en: 'Requests a supplement (form 02); the clock pauses or restarts per procedure. A second one needs again: true and counts as late.',
    body: { items: ['Bản sao giấy chứng nhận kết hôn'], reason: 'Thiếu giấy tờ chứng minh quan hệ', version: 2 },
  },
  'receive-supplement': {
    vi: 'Tiếp nhận hồ sơ bổ sung; đồng hồ chạy tiếp.',
    en: 'Receives the supplement; the clock runs again.',
    body: { note: 'Đã nhận bản sao giấy chứng nhận kết hôn', version: 3 },
  },
  pause: {
    vi: 'Tạm dừng tính thời hạn (chờ nghĩa vụ tài chính hoặc lý do khác theo quy định).',
    en: 'Pauses the clock (awaiting a financial obligation or another legal reason).',
    body: { reason: 'financial_obligation', note: 'Chờ nộp lệ phí trước bạ', version: 2 },
  },
  resume: {
    vi: 'Tiếp tục tính thời hạn sau khi tạm dừng.',
    en: 'Resumes the clock after a pause.',
    body: { note: 'Đã nộp lệ phí', version: 3 },
  },
  transfer: {
    vi: 'Chuyển liên thông hồ sơ đến cơ quan phối hợp; mở bước "Liên thông".',
    en: 'Transfers the dossier to a cooperating agency; opens a transfer step.',
    body: { toAgencyId: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f', reason: 'Cần ý kiến của Sở Xây dựng', version: 2 },
  },
  apologize: {
    vi: 'Phát hành phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04), một lần cho mỗi hồ sơ.',
    en: 'Issues the apology with a new promised date (form 04), once per dossier.',
    body: { reason: 'Cần thêm thời gian xác minh', promisedAt: '2026-12-04T16:00:00+07:00', version: 4 },
  },
  decide: {
    vi: 'Lãnh đạo ra quyết định: giải quyết hoặc từ chối (phải có lý do); hồ sơ chờ trả kết quả.',
    en: 'The leader decides: approve, or reject with a reason; the dossier then awaits return.',
    body: { outcome: 'approved', version: 5 },
  },
  'return-result': {
    vi: 'Trả kết quả cho người nộp (tại quầy, qua bưu chính hoặc trực tuyến).',
    en: 'Returns the result to the applicant (at the counter, by post or online).',
    body: { method: 'counter', version: 6 },
  },
  withdraw: {
    vi: 'Người nộp rút hồ sơ; dừng giải quyết.',
    en: 'The applicant withdraws the dossier; handling stops.',
    body: { reason: 'Người nộp đề nghị rút hồ sơ', version: 2 },
  },
};
