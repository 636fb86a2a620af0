import Joi from 'joi';
import { instant, shape, uuid } from '../http/responses.js';

/** The answers of the job endpoints (`present` in jobs.routes.ts). */
export const jobRunAnswer = shape({
  id: uuid,
  job: Joi.string().example('stats-snapshots'),
  scheduledFor: instant,
  startedAt: instant.allow(null),
  finishedAt: instant.allow(null),
  status: Joi.string().valid('running', 'succeeded', 'failed', 'skipped'),
  error: Joi.string().allow(null),
  detail: Joi.object().unknown(true).allow(null).description('Kết quả của công việc — what the job reports'),
});

export const jobResponses = { run: jobRunAnswer, runs: shape({ items: Joi.array().items(jobRunAnswer) }) };
