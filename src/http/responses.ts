import Joi from 'joi';

/**
 * Building blocks of the answer schemas (`*.responses.ts` of each module): /docs shows them and, in
 * tests, every JSON success answer is validated against its endpoint's schema (test/support/app.ts).
 */
export const uuid = Joi.string().guid().example('3f6c1d2e-8b4a-4c5d-9e7f-1a2b3c4d5e6f');

/** Timestamps in JSON: ISO 8601 with the zone's offset (`instantFormatter`, style.md). */
export const instant = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/, 'ISO 8601 with offset')
  .example('2026-11-23T08:15:00+07:00');

export const localDate = Joi.string()
  .pattern(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .example('2026-11-23');

/** A Vietnamese label next to a code (issue 13 "Everyone"); null when the code is null. */
export const label = (example: string) => Joi.string().allow(null).example(example);

/** `{ items, nextCursor }` of keyset pagination (src/http/pagination.ts). */
export const page = (item: Joi.Schema) =>
  Joi.object({
    items: Joi.array().items(item).required(),
    nextCursor: Joi.string()
      .allow(null)
      .required()
      .description('Con trỏ trang sau (null: hết) — cursor of the next page (null: last page)'),
  });

const explicitlyOptional = (s: Joi.Schema) =>
  (s.describe().flags as { presence?: string } | undefined)?.presence === 'optional';

/** Every key required unless marked `.optional()`: an answer carries all its fields (null when empty). */
export const shape = (keys: Record<string, Joi.Schema>) =>
  Joi.object(Object.fromEntries(Object.entries(keys).map(([k, s]) => [k, explicitlyOptional(s) ? s : s.required()])));
