import Joi from 'joi';
import { parseIsoDate } from '../modules/calendar/civil.js';

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const isoDate = Joi.string().pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').custom((value: string, helpers) =>
  (parseIsoDate(value) === undefined ? helpers.error('date.base') : value));

/** An ISO 8601 instant with an explicit offset or Z: a time without a zone is ambiguous. */
export const isoInstant = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 with offset')
  .custom((value: string, helpers) => (Number.isNaN(Date.parse(value)) ? helpers.error('date.base') : value));

/** Local time of day `HH:mm`. */
export const timeOfDay = Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');
