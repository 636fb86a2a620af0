import type { RequestHandler } from 'express';
import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { RATING_LEVELS, type RatingLevel } from '../../lib/values.js';
import type { SecondFactor } from '../dossiers/dossier.schemas.js';
import type { DossierService } from '../dossiers/dossier.service.js';
import { trackingResponses } from './tracking.responses.js';

const tag = 'Public tracking';
const code = Joi.object({
  code: Joi.string()
    .trim()
    .max(60)
    .pattern(/^[0-9A-Za-z.-]+$/)
    .required(),
});
const pin = Joi.string()
  .trim()
  .length(6)
  .pattern(/^[A-Za-z0-9]+$/);

interface RatingBody {
  pin?: string;
  phone4?: string;
  level: RatingLevel;
  comment?: string;
}

const lookupSchema = {
  params: code,
  query: Joi.object<SecondFactor, true>({ pin, phone4: Joi.string().pattern(/^\d{4}$/) }).xor('pin', 'phone4'),
};
const ratingSchema = {
  params: code,
  body: Joi.object<RatingBody, true>({
    // The phone digits are accepted here only to answer RATING_PIN_REQUIRED, which says how to get a PIN.
    pin,
    phone4: Joi.string().pattern(/^\d{4}$/),
    level: Joi.string()
      .valid(...RATING_LEVELS)
      .required(),
    comment: Joi.string().trim().max(2000),
  }),
};

/**
 * Citizens have no account: code + second factor, rate-limited per address and per code. The
 * answers come from the dossiers module (its public use cases); this module is the public door.
 */
export function trackingRoutes(api: Api, dossiers: DossierService, limiters: RequestHandler[]): void {
  api.endpoint<never, SecondFactor, { code: string }>(
    {
      method: 'get',
      path: '/public/dossiers/:code',
      tag,
      access: 'public',
      schema: lookupSchema,
      before: limiters,
      summary: 'Status of a dossier by its code and the receipt PIN (or last 4 phone digits)',
      description: {
        vi: 'Công dân tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã PIN trên giấy tiếp nhận (hoặc 4 số cuối điện thoại); không lộ tên cán bộ hay dữ liệu cá nhân.',
        en: 'A citizen looks up a dossier by its code and the receipt PIN (or the last 4 phone digits); no staff names or personal data.',
      },
      response: trackingResponses.lookup,
      examples: { params: { code: '000.00.12.H33-261123-0001' }, query: { pin: 'K7M2QX' } },
    },
    ({ params, query }) => dossiers.lookupPublic(params.code, query),
  );

  api.endpoint<RatingBody, never, { code: string }>(
    {
      method: 'post',
      path: '/public/dossiers/:code/rating',
      tag,
      access: 'public',
      schema: ratingSchema,
      status: 201,
      before: limiters,
      summary: 'Rate the handling of a decided dossier (once)',
      description: {
        vi: 'Công dân đánh giá mức độ hài lòng (một lần, sau khi có kết quả), cần mã PIN; kết quả đánh giá vào chỉ số phục vụ.',
        en: 'A citizen rates the handling (once, after the decision) with the PIN; ratings feed the service index.',
      },
      response: trackingResponses.rating,
      examples: {
        params: { code: '000.00.12.H33-261123-0001' },
        body: { pin: 'K7M2QX', level: 'satisfied', comment: 'Cán bộ hướng dẫn tận tình' },
      },
    },
    ({ params, body }) => dossiers.ratePublic(params.code, body.pin, body.level, body.comment),
  );
}
