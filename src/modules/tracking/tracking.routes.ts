import type { RequestHandler } from 'express';
import Joi from 'joi';
import type { Api } from '../../http/endpoint.js';
import { RATING_LEVELS, type RatingLevel, type SecondFactor, type TrackingService } from './tracking.service.js';

const tag = 'Public tracking';
const code = Joi.object({ code: Joi.string().trim().max(60).pattern(/^[0-9A-Za-z.-]+$/).required() });
const pin = Joi.string().trim().length(6).pattern(/^[A-Za-z0-9]+$/);

const lookupSchema = {
  params: code,
  query: Joi.object({ pin, phone4: Joi.string().pattern(/^\d{4}$/) }).xor('pin', 'phone4'),
};
const ratingSchema = {
  params: code,
  body: Joi.object({ pin: pin.required(), level: Joi.string().valid(...RATING_LEVELS).required(), comment: Joi.string().trim().max(2000) }),
};

/** Citizens have no account: code + second factor, rate-limited per address and per code. */
export function trackingRoutes(api: Api, service: TrackingService, limiters: RequestHandler[]): void {
  api.endpoint<never, SecondFactor, { code: string }>(
    { method: 'get', path: '/public/dossiers/:code', tag, summary: 'Status of a dossier by its code and the receipt PIN (or last 4 phone digits)', access: 'public', schema: lookupSchema, before: limiters },
    ({ params, query }) => service.lookup(params.code, query));
  api.endpoint<{ pin: string; level: RatingLevel; comment?: string }, never, { code: string }>(
    { method: 'post', path: '/public/dossiers/:code/rating', tag, summary: 'Rate the handling of a decided dossier (once)', access: 'public', schema: ratingSchema, status: 201, before: limiters },
    ({ params, body }) => service.rate(params.code, body.pin, body.level, body.comment));
}
