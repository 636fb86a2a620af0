import Joi from 'joi';
import { instant, page, uuid } from '../../http/responses.js';

/** The answers of the outbox endpoints (outbox.presenter.ts), for /docs and the answer checks of the tests. */
const channel = Joi.string().valid('email', 'sms', 'zalo', 'portal').example('sms');
const status = Joi.string().example('sent').description('pending | sending | sent | dead');
const recipient = Joi.string().allow(null).example('8491*****78').description('Đã che — masked');

const message = Joi.object({
  id: uuid.required(),
  channel: channel.required(),
  recipient,
  template: Joi.string().example('supplement-request'),
  dossierId: uuid.allow(null),
  eventSeq: Joi.number().integer().allow(null),
  idempotencyKey: Joi.string(),
  status: status.required(),
  attempts: Joi.number().integer().min(0),
  nextAttemptAt: instant.allow(null),
  lastError: Joi.string().allow(null),
  createdAt: instant,
  sentAt: instant.allow(null),
}).unknown(true);

const delivery = Joi.object({
  attempt: Joi.number().integer(),
  startedAt: instant,
  durationMs: Joi.number().allow(null),
  outcome: Joi.string(),
  statusCode: Joi.number().integer().allow(null),
  error: Joi.string().allow(null),
}).unknown(true);

export const outboxResponses = {
  list: page(message),
  message,
  detail: message.keys({ deliveries: Joi.array().items(delivery).required() }),
  sent: Joi.object({
    items: Joi.array()
      .items(
        Joi.object({
          id: uuid.required(),
          channel: channel.required(),
          template: Joi.string(),
          recipient,
          summary: Joi.string().allow(null),
          status: status.required(),
          attempts: Joi.number().integer(),
          createdAt: instant,
          sentAt: instant.allow(null),
        }).unknown(true),
      )
      .required(),
  }),
};
