import Joi from 'joi';
import { instant, label, page, shape, uuid } from '../../http/responses.js';
import {
  APOLOGY_KINDS,
  BUDGET_UNITS,
  CHANNELS,
  NOTIFY_CHANNELS,
  CLASSIFICATIONS,
  OUTCOMES,
  PAUSE_REASONS,
  RETURN_METHODS,
  STATUSES,
  STEP_ROLES,
} from '../../lib/values.js';

/**
 * The answers of the dossier endpoints, mirroring dossier.presenter.ts (issue 13 "Everyone"): /docs
 * shows them and tests check every real answer against them, so a presenter change shows up here.
 */
const nullable = (s: Joi.Schema) => s.allow(null);
const text = Joi.string();

export const budgetAnswer = Joi.object({
  value: Joi.number()
    .required()
    .example(5)
    .description('Số ngày (nguyên) hoặc giờ (có thể lẻ) — whole days, or hours (may be fractional)'),
  unit: Joi.string()
    .valid(...BUDGET_UNITS)
    .required(),
  cutoff: Joi.string().example('15:00'),
});

const applicantAnswer = Joi.object({
  name: text.required().example('Nguyễn Văn An'),
  idNumber: text.example('034090001234'),
  phone: text.example('0912 345 678'),
  email: text.example('an.nguyen@example.vn'),
  address: text.example('Số 5 đường Nguyễn Văn Linh, phường Sơn Nam, Hưng Yên'),
  notify: Joi.array()
    .items(Joi.string().valid(...NOTIFY_CHANNELS))
    .description('Kênh công dân đồng ý nhận thông báo — consent to be told through'),
});

export const timingAnswer = nullable(
  shape({
    paused: Joi.boolean().description('Đồng hồ đang dừng — the clock is stopped'),
    withinTime: Joi.boolean().description('Còn trong hạn — still within time'),
    dueSoon: Joi.boolean().description('Sắp đến hạn (trong 1 ngày làm việc) — due within one working day'),
    remainingWorkingMinutes: Joi.number()
      .integer()
      .description('Thời gian làm việc còn lại, phút (âm: quá hạn) — office minutes left (negative: overdue)')
      .example(2460),
  }),
).description('Thời hạn còn lại (null khi đã xong) — time left, null once finished');

export const dossierAnswer = shape({
  id: uuid,
  code: text.example('000.00.12.H33-261123-0001').description('Mã hồ sơ in trên giấy tiếp nhận — dossier code'),
  externalId: nullable(text),
  status: Joi.string().valid(...STATUSES),
  statusLabel: label('Đang giải quyết').description('Trạng thái bằng tiếng Việt — status label'),
  agencyId: uuid.description('Cơ quan giải quyết — handling agency'),
  receivingAgencyId: uuid.description('Bộ phận một cửa đã tiếp nhận — receiving one-stop unit'),
  procedure: shape({ id: uuid, code: text.example('1.001234'), name: text.example('Đăng ký khai sinh') }),
  channel: Joi.string().valid(...CHANNELS),
  channelLabel: label('Trực tiếp').description('Kênh tiếp nhận bằng tiếng Việt — channel label'),
  applicant: applicantAnswer,
  components: Joi.array().items(
    Joi.object({ name: text.required().example('Tờ khai đăng ký khai sinh'), copies: Joi.number().integer() }),
  ),
  note: nullable(text),
  budget: budgetAnswer,
  receivedAt: instant,
  clockStartAt: instant.description('Thời điểm bắt đầu tính thời hạn — the clock starts'),
  dueAt: instant.description('Hạn giải quyết — due instant'),
  promisedAt: nullable(instant).description('Ngày hẹn mới sau phiếu xin lỗi — new promised instant after an apology'),
  apologyAt: nullable(instant),
  apologyKind: nullable(Joi.string().valid(...APOLOGY_KINDS)).description(
    'Phiếu xin lỗi: đúng quy định (≥ 1 ngày làm việc trước hạn), sát hạn, sau hạn — on_time, short, late',
  ),
  pausedSince: nullable(instant),
  supplementCount: Joi.number().integer().min(0),
  currentStep: nullable(Joi.number().integer().min(1)).description(
    'Dòng đang mở của phiếu kiểm soát (null khi đã xong) — the open row of the control slip, null once finished',
  ),
  procedureStep: Joi.number().integer().min(1).description('Bước của quy trình đã đến — the procedure step reached'),
  assigneeId: nullable(uuid),
  finishedAt: nullable(instant),
  outcome: nullable(Joi.string().valid(...OUTCOMES)),
  outcomeLabel: label('Giải quyết').description('Kết quả bằng tiếng Việt — outcome label'),
  returnedAt: nullable(instant),
  returnMethod: nullable(Joi.string().valid(...RETURN_METHODS)),
  returnMethodLabel: label('Tại bộ phận một cửa').description(
    'Hình thức trả kết quả bằng tiếng Việt — return method label',
  ),
  withdrawnAt: nullable(instant),
  timing: timingAnswer,
  version: Joi.number()
    .integer()
    .min(1)
    .description('Phiên bản, gửi lại trong version hoặc If-Match — version for If-Match'),
});

export const stepAnswer = shape({
  seq: Joi.number().integer().min(1),
  name: text.example('Thẩm định hồ sơ'),
  role: Joi.string().valid(...STEP_ROLES),
  roleLabel: label('Chuyên viên xử lý').description('Vai trò của bước bằng tiếng Việt — step role label'),
  agencyId: uuid,
  assigneeId: nullable(uuid),
  startedAt: nullable(instant),
  dueAt: nullable(instant),
  finishedAt: nullable(instant),
  classification: nullable(Joi.string().valid(...CLASSIFICATIONS)),
  classificationLabel: label('Đúng hạn').description('Trước hạn / đúng hạn / trễ hạn — early / on time / late'),
  note: nullable(text),
});

export const pauseAnswer = shape({
  reason: Joi.string().valid(...PAUSE_REASONS),
  reasonLabel: label('Chờ bổ sung hồ sơ').description('Lý do dừng bằng tiếng Việt — pause reason label'),
  startedAt: instant,
  endedAt: nullable(instant),
});

/** GET /dossiers/:id: the dossier, its control slip (form 05) and pause ledger. */
export const dossierDetailAnswer = dossierAnswer.keys({
  steps: Joi.array().items(stepAnswer).required(),
  pauses: Joi.array().items(pauseAnswer).required(),
});

/** Intake and PIN re-issue: the PIN is shown once, to print on the receipt (domain B6). */
export const withPinAnswer = dossierAnswer.keys({
  lookupPin: text
    .length(6)
    .required()
    .example('K7M2QX')
    .description('Mã tra cứu, chỉ hiện một lần — lookup PIN, shown once'),
});

export const actionAnswer = dossierAnswer.keys({
  warnings: Joi.array()
    .items(text.example('LESS_THAN_ONE_WORKING_DAY_LEFT'))
    .description('Cảnh báo không chặn thao tác — warnings that did not stop the action'),
});

export const eventAnswer = shape({
  seq: Joi.number().integer().min(1),
  type: text.example('forward'),
  typeLabel: label('Chuyển bước tiếp theo').description('Tên thao tác bằng tiếng Việt — action label'),
  at: instant,
  actorId: nullable(uuid).description(
    'Cán bộ thực hiện (null: công dân, hệ thống) — staff member, null for citizen/system',
  ),
  actor: nullable(
    shape({
      id: uuid,
      name: text.example('Trần Văn Minh'),
      agencyId: nullable(uuid),
      agencyName: nullable(text.example('Trung tâm Phục vụ hành chính công')),
    }),
  ).description('Tên và đơn vị của cán bộ (không có dữ liệu cá nhân khác) — display name and unit'),
  fromStatus: nullable(Joi.string().valid(...STATUSES)),
  fromStatusLabel: label('Đã tiếp nhận'),
  toStatus: nullable(Joi.string().valid(...STATUSES)),
  toStatusLabel: label('Đang giải quyết'),
  data: Joi.object().unknown(true).allow(null).description("Nội dung thao tác — the action's body and results"),
});

export const dossierResponses = {
  intake: withPinAnswer,
  refusal: shape({
    id: uuid,
    procedureCode: text.example('1.001234'),
    agencyId: uuid,
    reasons: Joi.array().items(text.example('Thiếu bản chính giấy tờ tùy thân')),
    at: instant,
  }),
  list: page(dossierAnswer),
  inbox: shape({ items: Joi.array().items(dossierAnswer) }),
  detail: dossierDetailAnswer,
  events: shape({ events: Joi.array().items(eventAnswer) }),
  reissuePin: withPinAnswer,
  action: actionAnswer,
  import: shape({
    results: Joi.array().items(
      Joi.object({
        index: Joi.number().integer().min(0).required(),
        externalId: nullable(text).required(),
        status: Joi.string().valid('created', 'exists', 'error').required(),
        id: uuid,
        code: text,
        errors: Joi.array().items(
          shape({
            code: text.example('PROCEDURE_NOT_FOUND'),
            message: text,
            // files (issue 15): a field error names its place, e.g. items.3.files.0.sha256.
            path: text
              .optional()
              .example('items.3.files.0.sha256')
              .description('Chỗ của lỗi trường dữ liệu — where a field error is, e.g. a file ref'),
            type: text.optional().example('string.pattern.name'),
          }),
        ),
        warnings: Joi.array()
          .items(text.example('IMPORT_DOSSIER_PREDATES_AGENCY'))
          .description('Cảnh báo, hồ sơ vẫn được nhập — warnings; the dossier was imported'),
      }),
    ),
  }),
};

const AGENCY = '7b1e2c3d-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const CENTRE = '9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f';

/** One coherent dossier (received Sunday evening, clock from Monday 07:30, at the appraisal step), for /docs. */
const processing = {
  id: '3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f',
  code: '000.00.12.H33-261122-0007',
  externalId: null,
  status: 'processing',
  statusLabel: 'Đang giải quyết',
  agencyId: AGENCY,
  receivingAgencyId: CENTRE,
  procedure: { id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', code: '1.001193', name: 'Đăng ký khai sinh' },
  channel: 'direct',
  channelLabel: 'Trực tiếp',
  applicant: {
    name: 'Nguyễn Văn An',
    idNumber: '034090001234',
    phone: '0912 345 678',
    address: 'Số 5 đường Nguyễn Văn Linh, phường Sơn Nam, Hưng Yên',
  },
  components: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
  note: null,
  budget: { value: 3, unit: 'working_days' },
  receivedAt: '2026-11-22T20:17:00+07:00',
  clockStartAt: '2026-11-23T07:30:00+07:00',
  dueAt: '2026-11-25T17:00:00+07:00',
  promisedAt: null,
  apologyAt: null,
  apologyKind: null,
  pausedSince: null,
  supplementCount: 0,
  currentStep: 2,
  procedureStep: 2,
  assigneeId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  finishedAt: null,
  outcome: null,
  outcomeLabel: null,
  returnedAt: null,
  returnMethod: null,
  returnMethodLabel: null,
  withdrawnAt: null,
  timing: { paused: false, withinTime: true, dueSoon: false, remainingWorkingMinutes: 1200 },
  version: 3,
};

export const dossierExamples = {
  intake: {
    ...processing,
    status: 'received',
    statusLabel: 'Đã tiếp nhận',
    currentStep: 1,
    procedureStep: 1,
    assigneeId: null,
    version: 1,
    timing: { ...processing.timing, remainingWorkingMinutes: 1440 },
    lookupPin: 'K7M2QX',
  },
  detail: {
    ...processing,
    steps: [
      {
        seq: 1,
        name: 'Tiếp nhận hồ sơ',
        role: 'receptionist',
        roleLabel: 'Bộ phận một cửa',
        agencyId: CENTRE,
        assigneeId: null,
        startedAt: '2026-11-23T07:30:00+07:00',
        dueAt: '2026-11-23T11:30:00+07:00',
        finishedAt: '2026-11-23T08:05:00+07:00',
        classification: 'early',
        classificationLabel: 'Trước hạn',
        note: 'Hồ sơ đủ thành phần',
      },
      {
        seq: 2,
        name: 'Thẩm định hồ sơ',
        role: 'officer',
        roleLabel: 'Chuyên viên xử lý',
        agencyId: AGENCY,
        assigneeId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
        startedAt: '2026-11-23T08:05:00+07:00',
        dueAt: '2026-11-25T08:05:00+07:00',
        finishedAt: null,
        classification: null,
        classificationLabel: null,
        note: null,
      },
    ],
    pauses: [],
  },
  action: processing,
  list: { items: [processing], nextCursor: 'WyIyMDI2LTExLTIyVDEzOjE3OjAwLjAwMFoiLCIzZjZjIl0' },
};
