/**
 * Vietnamese labels of the codes a person reads in staff answers and messages (issue 13 "Everyone"):
 * the code stays the API's contract, the label is what a clerk shows. Pure: imports only value lists.
 */
import type {
  Channel,
  Classification,
  Outcome,
  PauseReason,
  RatingLevel,
  ReturnMethod,
  Status,
  StepRole,
} from './values.js';

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
  paused: 'Tạm dừng',
  decided: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút hồ sơ / dừng giải quyết',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  direct: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Qua bưu chính',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  approved: 'Giải quyết',
  rejected: 'Từ chối giải quyết',
};

export const RETURN_METHOD_LABELS: Readonly<Record<ReturnMethod, string>> = {
  counter: 'Tại bộ phận một cửa',
  post: 'Qua bưu chính',
  online: 'Trực tuyến',
};

export const PAUSE_REASON_LABELS: Readonly<Record<PauseReason, string>> = {
  supplement: 'Chờ bổ sung hồ sơ',
  financial_obligation: 'Chờ thực hiện nghĩa vụ tài chính',
  other_legal: 'Lý do khác theo quy định',
};

export const CLASSIFICATION_LABELS: Readonly<Record<Classification, string>> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
};

export const STEP_ROLE_LABELS: Readonly<Record<StepRole, string>> = {
  receptionist: 'Bộ phận một cửa',
  officer: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo phê duyệt',
};

export const RATING_LEVEL_LABELS: Readonly<Record<RatingLevel, string>> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  neutral: 'Bình thường',
  dissatisfied: 'Không hài lòng',
};

/**
 * Dossier actions and event types (the lifecycle's names, `dossier.transitions.ts` ACTIONS, plus
 * `intake`): `thao tác "return-result"` reads `thao tác "Trả kết quả"` in Vietnamese messages.
 */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  intake: 'Tiếp nhận hồ sơ',
  assign: 'Phân công xử lý',
  forward: 'Chuyển bước tiếp theo',
  'send-back': 'Trả lại bước trước',
  'request-supplement': 'Yêu cầu bổ sung hồ sơ',
  'receive-supplement': 'Tiếp nhận hồ sơ bổ sung',
  pause: 'Tạm dừng',
  resume: 'Tiếp tục xử lý',
  transfer: 'Chuyển liên thông',
  apologize: 'Xin lỗi và hẹn lại',
  decide: 'Ra quyết định',
  'return-result': 'Trả kết quả',
  withdraw: 'Rút hồ sơ',
  'reissue-pin': 'Cấp lại mã tra cứu',
  'print-receipt': 'In giấy tiếp nhận',
  'attach-component': 'Đính kèm tệp thành phần hồ sơ',
  'attach-result': 'Đính kèm tệp kết quả',
  'remove-component': 'Gỡ tệp thành phần hồ sơ',
  'remove-result': 'Gỡ tệp kết quả',
  rate: 'Đánh giá',
  'recompute-deadline': 'Tính lại thời hạn',
};

/** A label or, for a code without one, the code itself (never undefined in a message). */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | null): string | null {
  return code === null ? null : (labels[code] ?? code);
}
