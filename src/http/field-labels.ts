/**
 * Vietnamese names of the request fields people meet in error messages (issue 13 "Everyone"):
 * `"channel" là bắt buộc` becomes `Kênh tiếp nhận (channel) là bắt buộc`. The key stays in
 * parentheses so a developer still finds the field. Fields missing here read `Trường "key"`.
 */
export const fieldLabelsVi: Record<string, string> = {
  id: 'Mã định danh',
  code: 'Mã',
  name: 'Tên',
  fullName: 'Họ và tên',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  refreshToken: 'Mã làm mới',
  roles: 'Vai trò',
  role: 'Vai trò',
  disabled: 'Trạng thái vô hiệu hóa',
  email: 'Thư điện tử',
  agencyId: 'Cơ quan',
  parentId: 'Cơ quan cấp trên',
  receivingAgencyId: 'Bộ phận tiếp nhận',
  toAgencyId: 'Cơ quan nhận liên thông',
  assigneeId: 'Người được phân công',
  electronicId: 'Mã định danh điện tử',
  level: 'Cấp',
  active: 'Trạng thái hoạt động',
  activeFrom: 'Ngày bắt đầu hoạt động',
  effectiveFrom: 'Ngày hiệu lực',
  calendar: 'Lịch làm việc',
  timeZone: 'Múi giờ',
  weekdays: 'Ngày làm việc trong tuần',
  windows: 'Giờ làm việc',
  start: 'Thời điểm bắt đầu',
  end: 'Thời điểm kết thúc',
  procedureCode: 'Mã thủ tục',
  field: 'Lĩnh vực',
  budget: 'Thời hạn giải quyết',
  value: 'Giá trị',
  unit: 'Đơn vị',
  cutoff: 'Giờ chốt nhận',
  steps: 'Các bước xử lý',
  supplementPolicy: 'Cách tính thời hạn khi bổ sung',
  requiresResultDocument: 'Yêu cầu văn bản kết quả',
  fee: 'Lệ phí',
  channel: 'Kênh tiếp nhận',
  applicant: 'Người nộp hồ sơ',
  idNumber: 'Số giấy tờ tùy thân',
  phone: 'Số điện thoại',
  address: 'Địa chỉ',
  components: 'Thành phần hồ sơ',
  items: 'Giấy tờ cần bổ sung',
  reason: 'Lý do',
  reasons: 'Các lý do',
  note: 'Ghi chú',
  again: 'Yêu cầu bổ sung lần hai',
  outcome: 'Kết quả giải quyết',
  method: 'Hình thức trả kết quả',
  promisedAt: 'Ngày hẹn mới',
  version: 'Phiên bản',
  events: 'Các sự kiện',
  type: 'Loại',
  at: 'Thời điểm',
  status: 'Trạng thái',
  q: 'Từ khóa tìm kiếm',
  limit: 'Số bản ghi mỗi trang',
  cursor: 'Con trỏ trang',
  from: 'Từ ngày',
  to: 'Đến ngày',
  period: 'Kỳ báo cáo',
  window: 'Cách tính kỳ',
  rollup: 'Cộng dồn cấp dưới',
  format: 'Định dạng',
  year: 'Năm',
  month: 'Tháng',
  day: 'Ngày',
  leap: 'Tháng nhuận',
  date: 'Ngày',
  daysOff: 'Ngày nghỉ',
  workingDays: 'Ngày làm bù',
  overdue: 'Quá hạn',
  dueSoon: 'Sắp đến hạn',
  dueBefore: 'Hạn trước ngày',
  receivedFrom: 'Tiếp nhận từ ngày',
  receivedTo: 'Tiếp nhận đến ngày',
  unread: 'Chưa đọc',
  pin: 'Mã PIN tra cứu',
  phone4: 'Bốn số cuối điện thoại',
  score: 'Điểm đánh giá',
};

/** `Kênh tiếp nhận (channel)`, `Giấy tờ cần bổ sung, mục 2 (body.items.1)` for a joi error path. */
export function labelVi(path: ReadonlyArray<string | number>, shownPath: string): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const owner = path[path.length - 2];
    const base = typeof owner === 'string' ? fieldLabelsVi[owner] ?? `Trường "${owner}"` : 'Phần tử';
    return `${base}, mục ${last + 1} (${shownPath})`;
  }
  if (last === undefined) return 'Dữ liệu';
  const known = fieldLabelsVi[last];
  return known ? `${known} (${shownPath})` : `Trường "${shownPath}"`;
}
