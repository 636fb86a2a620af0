import Joi from 'joi';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from '../../db/schema/outbox.js';
import { pageQuery } from '../../http/pagination.js';

const id = Joi.object({ id: Joi.string().guid().required() });

export const listOutboxSchema = {
  query: Joi.object({
    status: Joi.string().valid(...OUTBOX_STATUSES),
    channel: Joi.string().valid(...OUTBOX_CHANNELS),
    dossierId: Joi.string().guid(),
    ...pageQuery,
  }),
};

export const outboxIdSchema = { params: id };
