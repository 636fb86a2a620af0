import { ACTION_LABELS, STATUS_LABELS } from '../lib/labels.js';

/**
 * The stable error codes of the API with their messages, Vietnamese first (default) and English.
 * `{name}` placeholders are filled from the error's params.
 */
export const messages = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung JSON bị lỗi cú pháp.', en: 'The JSON body is malformed.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn.', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Chỉ chấp nhận nội dung application/json.',
    en: 'Only application/json bodies are accepted.',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy đường dẫn yêu cầu.', en: 'No such route.' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ.', en: 'Method not allowed.' },
  UNAUTHENTICATED: {
    status: 401,
    vi: 'Cần đăng nhập: thiếu hoặc sai mã truy cập.',
    en: 'Authentication required: the access token is missing or invalid.',
  },
  TOKEN_EXPIRED: { status: 401, vi: 'Mã truy cập đã hết hạn.', en: 'The access token has expired.' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm bị khóa.',
    en: 'Wrong username or password, or the account is temporarily locked.',
  },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    vi: 'Mã làm mới không hợp lệ hoặc đã hết hạn.',
    en: 'The refresh token is invalid or expired.',
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    vi: 'Mã làm mới đã được dùng; mọi phiên của lần đăng nhập này đã bị thu hồi.',
    en: 'The refresh token was already used; every session of this login was revoked.',
  },
  WRONG_PASSWORD: { status: 400, vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
  WEAK_PASSWORD: {
    status: 400,
    vi: 'Mật khẩu phải dài 10–72 ký tự, có cả chữ và số, không chứa tên đăng nhập và khác mật khẩu cũ.',
    en: 'A password must be 10–72 characters long, contain letters and digits, not contain the username, and differ from the old one.',
  },
  RATE_LIMITED: {
    status: 429,
    vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
    en: 'Too many requests, try again later.',
  },
  AGENCY_NOT_FOUND: { status: 404, vi: 'Không tìm thấy cơ quan.', en: 'Agency not found.' },
  PARENT_AGENCY_NOT_FOUND: {
    status: 400,
    vi: 'Cơ quan cấp trên không tồn tại.',
    en: 'The parent agency does not exist.',
  },
  ELECTRONIC_ID_TAKEN: {
    status: 409,
    vi: 'Mã định danh điện tử đã được dùng.',
    en: 'The electronic ID is already in use.',
  },
  AGENCY_CYCLE: {
    status: 409,
    vi: 'Không thể đặt cơ quan làm cấp dưới của chính nó.',
    en: 'An agency cannot be placed under itself.',
  },
  EFFECTIVE_DATE_INVALID: {
    status: 400,
    vi: 'Ngày hiệu lực phải từ ngày {after} trở đi.',
    en: 'The effective date must be on or after {after}.',
  },
  USER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã tồn tại.', en: 'The username is already taken.' },
  CANNOT_CHANGE_OWN_ROLES: {
    status: 403,
    vi: 'Không thể tự thay đổi vai trò của mình.',
    en: 'You cannot change your own roles.',
  },
  CANNOT_DISABLE_SELF: {
    status: 403,
    vi: 'Không thể tự vô hiệu hóa tài khoản của mình.',
    en: 'You cannot disable your own account.',
  },
  AGENCY_REQUIRED: {
    status: 400,
    vi: 'Người dùng không phải quản trị phải thuộc một cơ quan.',
    en: 'A user who is not an administrator must belong to an agency.',
  },
  DATE_RANGE_TOO_LONG: {
    status: 400,
    vi: 'Khoảng ngày phải có "to" không trước "from" và dài tối đa {max} ngày.',
    en: 'The date range must have "to" on or after "from" and span at most {max} days.',
  },
  OVERRIDE_DATE_OUTSIDE_YEAR: {
    status: 400,
    vi: 'Ngày {date} không thuộc năm {year}.',
    en: 'The date {date} is not in {year}.',
  },
  OVERRIDE_DUPLICATE_DATE: { status: 400, vi: 'Ngày {date} bị lặp lại.', en: 'The date {date} is listed twice.' },
  OVERRIDE_DATE_IN_BOTH_LISTS: {
    status: 400,
    vi: 'Ngày {date} không thể vừa là ngày nghỉ vừa là ngày làm việc.',
    en: 'The date {date} cannot be both a day off and a working day.',
  },
  LUNAR_DATE_INVALID: { status: 400, vi: 'Ngày âm lịch này không tồn tại.', en: 'No such lunar date.' },
  PROCEDURE_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy thủ tục hành chính (hoặc thủ tục đã ngừng áp dụng).',
    en: 'Procedure not found (or no longer active).',
  },
  PROCEDURE_CODE_TAKEN: { status: 409, vi: 'Mã thủ tục đã tồn tại.', en: 'The procedure code is already in use.' },
  DOSSIER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  INVALID_TRANSITION: {
    status: 409,
    vi: 'Không thể thực hiện thao tác "{action}" khi hồ sơ đang ở trạng thái "{status}".',
    en: 'The action "{action}" is not allowed while the dossier is "{status}".',
  },
  ACTION_FORBIDDEN: {
    status: 403,
    vi: 'Bạn có thể xem hồ sơ này nhưng không có quyền thực hiện thao tác "{action}" (việc của cơ quan giải quyết hoặc của bộ phận một cửa đã tiếp nhận).',
    en: 'You can see this dossier but may not perform "{action}" on it (it belongs to the handling agency or to the receiving one-stop unit).',
  },
  INTAKE_AGENCY_INVALID: {
    status: 400,
    vi: 'Chỉ được chuyển hồ sơ đến cơ quan được giao thủ tục này hoặc chính đơn vị tiếp nhận, và cơ quan đó phải đang hoạt động.',
    en: 'A dossier can only go to the agency the procedure is assigned to, or to the receiving unit itself, and that agency must be active.',
  },
  VERSION_CONFLICT: {
    status: 409,
    vi: 'Hồ sơ vừa được người khác cập nhật (phiên bản hiện tại {current}); vui lòng tải lại.',
    en: 'The dossier was changed meanwhile (current version {current}); reload it.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  RECEIVING_UNIT_REQUIRED: {
    status: 400,
    vi: 'Người tiếp nhận phải thuộc một bộ phận một cửa.',
    en: 'The receptionist must belong to a one-stop unit.',
  },
  ASSIGNEE_INVALID: {
    status: 400,
    vi: 'Người được phân công phải là cán bộ đang hoạt động của cơ quan giải quyết.',
    en: 'The assignee must be an active staff member of the handling agency.',
  },
  NO_NEXT_STEP: {
    status: 409,
    vi: 'Hồ sơ đang ở bước cuối; hãy ra quyết định.',
    en: 'This is the last step; decide instead.',
  },
  NO_PREVIOUS_STEP: { status: 409, vi: 'Hồ sơ đang ở bước đầu tiên.', en: 'This is the first step.' },
  SUPPLEMENT_ALREADY_REQUESTED: {
    status: 409,
    vi: 'Hồ sơ đã được yêu cầu bổ sung một lần; lần thứ hai phải ghi rõ "again": true và sẽ bị tính là trễ hạn.',
    en: 'A supplement was already requested once; a second one needs "again": true and counts as late.',
  },
  TRANSFER_TARGET_INVALID: {
    status: 400,
    vi: 'Cơ quan nhận liên thông không hợp lệ.',
    en: 'The transfer target agency is not valid.',
  },
  APOLOGY_ALREADY_ISSUED: {
    status: 409,
    vi: 'Hồ sơ đã có phiếu xin lỗi và hẹn lại (chỉ được một lần).',
    en: 'An apology was already issued (only one is allowed).',
  },
  PROMISED_DATE_INVALID: {
    status: 400,
    vi: 'Ngày hẹn mới phải sau thời hạn hiện tại và không muộn hơn thời hạn đó cộng thêm một lần thời gian giải quyết của thủ tục.',
    en: 'The new promised date must be after the current due time and no later than one more processing time after it.',
  },
  RATING_NOT_ALLOWED: {
    status: 409,
    vi: 'Chỉ đánh giá được hồ sơ đã có kết quả, và một lần.',
    en: 'A dossier can be rated once, after its decision.',
  },
  IMPORT_EVENTS_OUT_OF_ORDER: {
    status: 400,
    vi: 'Các sự kiện phải theo thứ tự thời gian, không trước ngày tiếp nhận và không ở tương lai.',
    en: 'Events must be in time order, not before the receipt and not in the future.',
  },
  PERIOD_INVALID: {
    status: 400,
    vi: 'Kỳ báo cáo không hợp lệ: dùng period (2026-10, 2026-Q3, 2026-H1, 2026) hoặc from và to (YYYY-MM-DD).',
    en: 'Invalid period: use period (2026-10, 2026-Q3, 2026-H1, 2026) or from and to (YYYY-MM-DD).',
  },
  NOTIFICATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' },
  // platform hardening (issue 9 items 2–5, 8a)
  PATH_ENCODING_INVALID: {
    status: 400,
    vi: 'Đường dẫn có mã phần trăm (%) không hợp lệ.',
    en: 'The path has invalid percent-encoding.',
  },
  CONTENT_ENCODING_INVALID: {
    status: 400,
    vi: 'Nội dung nén (Content-Encoding) bị lỗi, không giải nén được.',
    en: 'The compressed body (Content-Encoding) is corrupt and cannot be decoded.',
  },
  BAD_REQUEST: { status: 400, vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  STATS_RANGE_TOO_LONG: {
    status: 400,
    vi: 'Khoảng thống kê phải có "to" không trước "from", dài tối đa {max} ngày và nằm trong các năm {minYear}–{maxYear}.',
    en: 'A statistics range must have "to" on or after "from", span at most {max} days and lie within the years {minYear}–{maxYear}.',
  },
  STATS_TREND_TOO_LONG: {
    status: 400,
    vi: 'Chuỗi thống kê theo tháng phải có "to" không trước "from" và dài tối đa {max} tháng.',
    en: 'A monthly trend must have "to" on or after "from" and span at most {max} months.',
  },
  STATS_YEAR_OUT_OF_RANGE: {
    status: 400,
    vi: 'Kỳ thống kê phải thuộc các năm {minYear}–{maxYear}.',
    en: 'A statistics period must lie within the years {minYear}–{maxYear}.',
  },
  // documents module (forms 01–06, refusal reads)
  REFUSAL_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phiếu từ chối.', en: 'Refusal not found.' },
  LOOKUP_PIN_MISMATCH: {
    status: 422,
    vi: 'Mã tra cứu không khớp với hồ sơ; không in được mã trên giấy tiếp nhận.',
    en: 'The lookup PIN does not match this dossier; it cannot be printed on the receipt.',
  },
  DOCUMENT_NOT_AVAILABLE: {
    status: 409,
    vi: 'Hồ sơ chưa có sự kiện "{event}" nên chưa thể in phiếu này.',
    en: 'The dossier has no "{event}" event yet, so this form cannot be printed.',
  },
  DOCUMENT_RANGE_INVALID: {
    status: 400,
    vi: 'Khoảng ngày không hợp lệ: từ ngày phải trước hoặc bằng đến ngày và không quá {days} ngày.',
    en: 'Invalid date range: from must not be after to, and the range may span at most {days} days.',
  },
  DECIDE_NOT_AT_APPROVAL: {
    status: 409,
    vi: 'Chỉ được quyết định ở bước phê duyệt ("{approval}"); hồ sơ đang ở bước "{current}": chuyển hồ sơ qua các bước trước.',
    en: 'A decision is made at the approval step ("{approval}"); the dossier is at "{current}": forward it through the steps first.',
  },
  RATING_PIN_REQUIRED: {
    status: 400,
    vi: 'Cần mã PIN in trên giấy tiếp nhận hồ sơ để đánh giá. Nếu mất mã PIN, đề nghị bộ phận một cửa nơi nộp hồ sơ cấp lại (mang theo giấy tờ tùy thân).',
    en: 'Rating needs the PIN printed on the receipt. If it is lost, ask the one-stop counter where the dossier was filed to issue a new one (bring an ID).',
  },
  LOOKUP_CODE_LOCKED: {
    status: 429,
    vi: 'Mã hồ sơ này đã bị tra cứu sai quá nhiều lần trong ngày; vui lòng thử lại vào ngày mai hoặc liên hệ bộ phận một cửa.',
    en: 'Too many failed lookups of this dossier code today; try again tomorrow or contact the one-stop counter.',
  },
  LOOKUP_PHONE_LOCKED: {
    status: 429,
    vi: 'Tra cứu bằng 4 số cuối điện thoại tạm khóa cho hồ sơ này sau một lần nhập sai; hãy dùng mã PIN in trên giấy tiếp nhận.',
    en: 'Lookup by the last four phone digits is locked for this dossier after a wrong attempt; use the PIN printed on the receipt.',
  },
  // stats module (issue 13): a warning code (not an error) of dossier import, for the lead's import use case
  IMPORT_DOSSIER_PREDATES_AGENCY: {
    status: 200,
    vi: 'Hồ sơ được tiếp nhận trước ngày bắt đầu hoạt động của cơ quan giải quyết; hãy kiểm tra ngày bắt đầu hoạt động (activeFrom) của cơ quan.',
    en: "The dossier was received before its handling agency became active; check the agency's start date (activeFrom).",
  },
  // Files module (dossier files and digitisation, src/modules/files).
  FILE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp của hồ sơ.', en: 'Dossier file not found.' },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp vượt quá dung lượng cho phép ({limit} byte).',
    en: 'The file exceeds the allowed size ({limit} bytes).',
  },
  DOSSIER_FILES_TOO_LARGE: {
    status: 413,
    vi: 'Tổng dung lượng tệp của hồ sơ vượt quá giới hạn ({limit} byte).',
    en: 'The files of this dossier would exceed the allowed total ({limit} bytes).',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Loại tệp không được chấp nhận (nhận diện theo nội dung: {detected}); chỉ nhận PDF, JPEG, PNG, TIFF, DOCX, XLSX, XML.',
    en: 'File type not accepted (detected from the content: {detected}); only PDF, JPEG, PNG, TIFF, DOCX, XLSX, XML.',
  },
  FILE_REQUIRED: {
    status: 400,
    vi: 'Cần gửi một tệp (trường "file") hoặc mã băm tệp dùng lại (reuseSha256).',
    en: 'Send one file (field "file") or the hash of a file to reuse (reuseSha256).',
  },
  FILE_COMPONENT_INVALID: {
    status: 400,
    vi: 'Thành phần hồ sơ số {index} không có trong hồ sơ.',
    en: 'The dossier has no component number {index}.',
  },
  FILE_REUSE_NOT_FOUND: {
    status: 404,
    vi: 'Không có tệp nào với mã băm này trong hồ sơ của cùng người nộp.',
    en: 'No file with this hash exists in dossiers of the same applicant.',
  },
  FILE_DELETE_NOT_ALLOWED: {
    status: 409,
    vi: 'Chỉ xóa được tệp khi bước xử lý đã thêm tệp còn đang mở.',
    en: 'A file can be deleted only while the step that added it is still open.',
  },
  FILE_INFECTED: {
    status: 422,
    vi: 'Tệp bị phần mềm diệt virus từ chối.',
    en: 'The file was rejected by the virus scan.',
  },
  FILE_SCAN_FAILED: {
    status: 503,
    vi: 'Không kiểm tra virus được lúc này; vui lòng thử lại.',
    en: 'The virus scan is unavailable; try again later.',
  },
  FILE_CORRUPTED: {
    status: 500,
    vi: 'Nội dung tệp lưu trữ không khớp mã băm SHA-256 đã ghi; tệp không được gửi. Vui lòng báo quản trị viên.',
    en: 'The stored content does not match its recorded SHA-256; nothing was sent. Please tell an administrator.',
  },
  FILE_CONTENT_MISSING: {
    status: 404,
    vi: 'Tệp chỉ có thông tin tham chiếu (nhập từ dữ liệu cũ), không có nội dung lưu trữ.',
    en: 'Only a reference to this file exists (imported history); its content is not stored.',
  },
  RESULT_NOT_AVAILABLE: {
    status: 404,
    vi: 'Không tìm thấy kết quả điện tử cho mã hồ sơ và mã tra cứu này.',
    en: 'No electronic result for this dossier code and PIN.',
  },
  // outbox (citizen notifications and national-portal sync)
  OUTBOX_MESSAGE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tin nhắn gửi đi.', en: 'Outgoing message not found.' },
  OUTBOX_NOT_RETRYABLE: {
    status: 409,
    vi: 'Không thể gửi lại tin nhắn đang ở trạng thái "{status}".',
    en: 'A message that is "{status}" cannot be sent again.',
  },
  OUTBOX_DISPATCHER_STALLED: {
    status: 503,
    vi: 'Bộ gửi tin đi đã ngừng hoạt động: {seconds} giây không có vòng gửi nào kết thúc (giới hạn {limit} giây).',
    en: 'The outbox dispatcher is stalled: no round or delivery attempt finished for {seconds} s (limit {limit} s).',
  },
  // files: file references of imported history (issue 15)
  IMPORT_FILE_AFTER_RETURN: {
    status: 422,
    vi: 'Tệp kết quả phải được đính kèm trước thời điểm trả kết quả.',
    en: 'A result file must be attached before the result was returned.',
  },
  CONFLICT: { status: 409, vi: 'Dữ liệu bị trùng hoặc xung đột.', en: 'The data conflicts with existing records.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    vi: 'Dịch vụ tạm thời không sẵn sàng.',
    en: 'The service is temporarily unavailable.',
  },
  INTERNAL_ERROR: {
    status: 500,
    vi: 'Lỗi hệ thống. Vui lòng báo mã yêu cầu cho quản trị viên.',
    en: 'Internal error. Please report the request id to an administrator.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof messages;
export type Language = 'vi' | 'en';

/**
 * Params that carry a code: Vietnamese messages show its label (issue 13 "Everyone": `thao tác "return-result"`
 * reads `thao tác "Trả kết quả (return-result)"`), the code kept in parentheses as field labels keep the
 * key (field-labels.ts); English ones show the code alone.
 */
const viParamLabels: Record<string, Readonly<Record<string, string>>> = {
  action: ACTION_LABELS,
  event: ACTION_LABELS,
  status: STATUS_LABELS,
};

export function renderMessage(code: ErrorCode, lang: Language, params: Record<string, string | number> = {}): string {
  return messages[code][lang].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return `{${key}}`;
    const label = lang === 'vi' ? viParamLabels[key]?.[String(value)] : undefined;
    return label ? `${label} (${value})` : String(value);
  });
}
