import Joi from 'joi';
import { instant, page, shape, uuid } from '../../http/responses.js';

/** The answers of the document endpoints: refusal records (refusal.service.ts) and printed files. */
export const PDF = { files: ['application/pdf'] } as const;
export const XLSX = { files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } as const;

export const refusalAnswer = shape({
  id: uuid,
  agencyId: uuid,
  procedure: shape({
    id: uuid,
    code: Joi.string().example('1.001193'),
    name: Joi.string().example('Đăng ký khai sinh'),
  }),
  applicant: Joi.object({
    name: Joi.string().required().example('Nguyễn Văn An'),
    idNumber: Joi.string(),
    phone: Joi.string(),
    email: Joi.string(),
    address: Joi.string(),
  }),
  reasons: Joi.array().items(Joi.string().example('Thiếu bản chính giấy tờ tùy thân')),
  actorId: uuid.allow(null),
  at: instant,
});

export const documentResponses = { refusal: refusalAnswer, refusals: page(refusalAnswer) };
