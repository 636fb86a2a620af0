import Joi from 'joi';

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const isoDate = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .custom((value: string, helpers) => (isRealDate(value) ? value : helpers.error('date.base')));

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** An ISO 8601 instant with an explicit offset or Z: a time without a zone is ambiguous. */
export const isoInstant = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 with offset')
  .custom((value: string, helpers) => (Number.isNaN(Date.parse(value)) ? helpers.error('date.base') : value));

/** Local time of day `HH:mm`. */
export const timeOfDay = Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');
