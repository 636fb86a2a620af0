import Joi from 'joi';
import { instant, shape } from '../../http/responses.js';
import { APOLOGY_KINDS, CLASSIFICATIONS, OUTCOMES, RATING_LEVELS, RETURN_METHODS, STATUSES } from '../../lib/values.js';

/** The citizen's answers (dossiers/use-cases/public.ts): no staff names, no personal data beyond a masked name. */
export const trackingResponses = {
  lookup: shape({
    code: Joi.string().example('000.00.12.H33-261123-0001'),
    status: Joi.string().valid(...STATUSES),
    statusLabel: Joi.string().example('Đang giải quyết'),
    applicant: shape({ name: Joi.string().example('N*** V** An').description('Tên đã che — masked name') }),
    procedure: shape({ code: Joi.string().example('1.001193'), name: Joi.string().example('Đăng ký khai sinh') }),
    agency: shape({ name: Joi.string().example('Sở Tư pháp') }),
    receivedAt: instant.description('Thời điểm tiếp nhận — when the counter took the dossier in'),
    clockStartAt: instant.description('Thời điểm bắt đầu tính thời hạn — when the legal clock started'),
    promisedAt: instant.description('Ngày hẹn trả — promised date'),
    remainingWorkingMinutes: Joi.number().integer().allow(null),
    remaining: shape({
      workingDays: Joi.number().integer(),
      workingHours: Joi.number().integer(),
      minutes: Joi.number().integer(),
      text: Joi.string().example('còn 2 ngày 3 giờ làm việc'),
    }).allow(null),
    paused: Joi.boolean(),
    supplement: shape({
      items: Joi.array().items(Joi.string().example('Bản sao sổ hộ khẩu')),
      reason: Joi.string().allow(null),
      requestedAt: instant.allow(null),
    }).allow(null),
    apology: shape({
      reason: Joi.string().allow(null),
      promisedAt: instant,
      at: instant.allow(null),
      kind: Joi.string()
        .valid(...APOLOGY_KINDS)
        .allow(null),
    }).allow(null),
    outcome: shape({
      code: Joi.string().valid(...OUTCOMES),
      label: Joi.string().example('Từ chối giải quyết'),
      reason: Joi.string().allow(null),
    }).allow(null),
    finishedAt: instant.allow(null),
    returnedAt: instant.allow(null),
    returnMethod: Joi.string()
      .valid(...RETURN_METHODS)
      .allow(null),
    returnMethodLabel: Joi.string().allow(null).example('Nhận tại bộ phận một cửa'),
    collectAt: shape({ name: Joi.string().example('Trung tâm Phục vụ hành chính công tỉnh') }),
    steps: Joi.array().items(
      shape({
        name: Joi.string().example('Tiếp nhận hồ sơ'),
        startedAt: instant.allow(null),
        finishedAt: instant.allow(null),
        classification: Joi.string()
          .valid(...CLASSIFICATIONS)
          .allow(null),
      }),
    ),
  }),
  rating: shape({
    code: Joi.string().example('000.00.12.H33-261123-0001'),
    level: Joi.string().valid(...RATING_LEVELS),
    at: instant,
  }),
};
