import type { RequestHandler } from 'express';
import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { RATING_LEVELS, type RatingLevel } from '../../lib/values.js';
import type { SecondFactor } from '../dossiers/dossier.schemas.js';
import type { DossierService } from '../dossiers/dossier.service.js';

const tag = 'Public tracking';
const code = Joi.object({ code: Joi.string().trim().max(60).pattern(/^[0-9A-Za-z.-]+$/).required() });
const pin = Joi.string().trim().length(6).pattern(/^[A-Za-z0-9]+$/);

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
    pin, phone4: Joi.string().pattern(/^\d{4}$/), level: Joi.string().valid(...RATING_LEVELS).required(), comment: Joi.string().trim().max(2000),
  }),
};

/**
 * Citizens have no account: code + second factor, rate-limited per address and per code. The
 * answers come from the dossiers module (its public use cases); this module is the public door.
 */
export function trackingRoutes(api: Api, dossiers: DossierService, limiters: RequestHandler[]): void {
  api.endpoint<never, SecondFactor, { code: string }>({
    method: 'get', path: '/public/dossiers/:code', tag, access: 'public', schema: lookupSchema, before: limiters,
    summary: 'Status of a dossier by its code and the receipt PIN (or last 4 phone digits)',
  }, ({ params, query }) => dossiers.lookupPublic(params.code, query));

  api.endpoint<RatingBody, never, { code: string }>({
    method: 'post', path: '/public/dossiers/:code/rating', tag, access: 'public', schema: ratingSchema, status: 201, before: limiters,
    summary: 'Rate the handling of a decided dossier (once)',
  }, ({ params, body }) => dossiers.ratePublic(params.code, body.pin, body.level, body.comment));
}
