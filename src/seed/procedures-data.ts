import type { Budget } from '../modules/calendar/deadline.js';
import type { ProcedureStep } from '../modules/procedures/procedure.presenter.js';

export interface SeedProcedure {
  code: string;
  name: string;
  field: string;
  budget: Budget;
  fee: number | null;
  /** Demo agency (key in demo-data.ts) that handles it. */
  demoAgency: string;
  supplementPolicy?: 'pause' | 'restart';
  steps?: ProcedureStep[];
}

const same = (cutoff = '15:00'): Budget => ({ value: 0, unit: 'same_day', cutoff });
const days = (value: number): Budget => ({ value, unit: 'working_days' });

/**
 * Commonly used procedures with their usual processing times. Codes are as recalled from the
 * national procedure database and must be checked against it before production use; a province
 * adjusts times and fees to its own published decisions.
 */
export const seedProcedures: SeedProcedure[] = [
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', budget: same(), fee: 0, demoAgency: 'phohien' },
  { code: '1.000894', name: 'Đăng ký kết hôn', field: 'Hộ tịch', budget: same(), fee: 0, demoAgency: 'phohien' },
  { code: '1.000656', name: 'Đăng ký khai tử', field: 'Hộ tịch', budget: same(), fee: 0, demoAgency: 'phohien' },
  {
    code: '1.004873',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: 'Hộ tịch',
    budget: days(3),
    fee: 0,
    demoAgency: 'phohien',
  },
  {
    code: '2.000635',
    name: 'Cấp bản sao Trích lục hộ tịch',
    field: 'Hộ tịch',
    budget: { value: 4, unit: 'working_hours' },
    fee: 8000,
    demoAgency: 'phohien',
  },
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    field: 'Chứng thực',
    budget: same(),
    fee: 2000,
    demoAgency: 'phohien',
  },
  {
    code: '2.000884',
    name: 'Chứng thực chữ ký trong giấy tờ, văn bản',
    field: 'Chứng thực',
    budget: same(),
    fee: 10000,
    demoAgency: 'phohien',
  },
  {
    code: '2.000913',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    field: 'Chứng thực',
    budget: days(2),
    fee: 50000,
    demoAgency: 'phohien',
  },
  {
    code: '1.001612',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    budget: days(3),
    fee: 100000,
    demoAgency: 'myhao',
  },
  {
    code: '2.000720',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    budget: days(3),
    fee: 100000,
    demoAgency: 'myhao',
  },
  {
    code: '1.012762',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu',
    field: 'Đất đai',
    budget: days(20),
    fee: 100000,
    demoAgency: 'sonnmt',
    supplementPolicy: 'restart',
    steps: [
      { name: 'Tiếp nhận hồ sơ', role: 'receptionist', budget: { value: 4, unit: 'working_hours' } },
      { name: 'Kiểm tra, đo đạc, thẩm định', role: 'officer', budget: days(15) },
      { name: 'Trình ký, phê duyệt', role: 'leader', budget: days(3) },
    ],
  },
  {
    code: '1.012766',
    name: 'Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho',
    field: 'Đất đai',
    budget: days(10),
    fee: 50000,
    demoAgency: 'sonnmt',
  },
  {
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    budget: { value: 15, unit: 'calendar_days' },
    fee: 75000,
    demoAgency: 'soxd',
  },
  {
    code: '1.009995',
    name: 'Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ',
    field: 'Hoạt động xây dựng',
    budget: { value: 15, unit: 'calendar_days' },
    fee: 75000,
    demoAgency: 'soxd',
  },
  {
    code: '1.002804',
    name: 'Đổi giấy phép lái xe',
    field: 'Đường bộ',
    budget: days(5),
    fee: 135000,
    demoAgency: 'soxd',
  },
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    field: 'Lý lịch tư pháp',
    budget: days(10),
    fee: 200000,
    demoAgency: 'sotp',
  },
  {
    code: '1.008725',
    name: 'Cấp Thẻ công chứng viên',
    field: 'Công chứng',
    budget: days(10),
    fee: null,
    demoAgency: 'sotp',
  },
  {
    code: '2.001610',
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: 'Thành lập và hoạt động doanh nghiệp',
    budget: days(3),
    fee: 50000,
    demoAgency: 'sotc',
  },
  {
    code: '2.000633',
    name: 'Cấp Giấy phép bán lẻ rượu',
    field: 'Lưu thông hàng hóa trong nước',
    budget: days(10),
    fee: 1200000,
    demoAgency: 'sotc',
  },
  {
    code: '2.000591',
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    field: 'An toàn thực phẩm',
    budget: days(20),
    fee: 700000,
    demoAgency: 'soyt',
  },
  {
    code: '1.002252',
    name: 'Cấp chứng chỉ hành nghề dược',
    field: 'Dược phẩm',
    budget: days(20),
    fee: 500000,
    demoAgency: 'soyt',
  },
  {
    code: '1.005327',
    name: 'Cấp Giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh',
    field: 'Thú y',
    budget: { value: 8, unit: 'working_hours' },
    fee: 40000,
    demoAgency: 'sonnmt',
  },
];
