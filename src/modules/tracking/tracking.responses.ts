import Joi from 'joi';
import { instant, shape } from '../../http/responses.js';
import { CLASSIFICATIONS, RATING_LEVELS, STATUSES } from '../../lib/values.js';

/** The citizen's answers (dossiers/use-cases/public.ts): no staff names, no personal data beyond a masked name. */
export const trackingResponses = {
  lookup: shape({
    code: Joi.string().example('000.00.12.H33-261123-0001'),
    status: Joi.string().valid(...STATUSES),
    statusLabel: Joi.string().example('Đang giải quyết'),
    applicant: shape({ name: Joi.string().example('N*** V** An').description('Tên đã che — masked name') }),
    procedure: shape({ code: Joi.string().example('1.001193'), name: Joi.string().example('Đăng ký khai sinh') }),
    agency: shape({ name: Joi.string().example('Sở Tư pháp') }),
    receivedAt: instant,
    promisedAt: instant.description('Ngày hẹn trả — promised date'),
    remainingWorkingMinutes: Joi.number().integer().allow(null),
    paused: Joi.boolean(),
    finishedAt: instant.allow(null),
    returnedAt: instant.allow(null),
    steps: Joi.array().items(shape({
      name: Joi.string().example('Tiếp nhận hồ sơ'), startedAt: instant.allow(null), finishedAt: instant.allow(null),
      classification: Joi.string().valid(...CLASSIFICATIONS).allow(null),
    })),
  }),
  rating: shape({ code: Joi.string().example('000.00.12.H33-261123-0001'), level: Joi.string().valid(...RATING_LEVELS), at: instant }),
};
