import type { NextFunction, Request, Response } from 'express';
import Joi from 'joi';
import { AppError, type FieldError } from './errors.js';
import { joiMessagesVi } from './joi-vi.js';
import { requestLanguage } from './language.js';

/** One joi object per endpoint, keyed by request part (style.md 3). */
export interface RequestSchema {
  params?: Joi.ObjectSchema;
  query?: Joi.ObjectSchema;
  body?: Joi.ObjectSchema;
}

export interface ValidInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

const parts = ['params', 'query', 'body'] as const;

/**
 * Validates params, query and body at the edge, once. Unknown keys are refused (joi's default for
 * objects: no mass assignment); the cleaned, converted values are put on `res.locals.input`
 * because Express 5 makes `req.query` read-only.
 */
export function validate(schema: RequestSchema) {
  // Bind the options (and compile the Vietnamese templates) once per schema, not per request.
  const options = { abortEarly: false, convert: true };
  const compiled = Object.fromEntries(parts.map((part) => {
    const base = (schema[part] ?? Joi.object({})).prefs(options);
    return [part, { en: base, vi: base.prefs({ messages: joiMessagesVi }) }];
  })) as Record<(typeof parts)[number], Record<'vi' | 'en', Joi.ObjectSchema>>;

  return (req: Request, res: Response, next: NextFunction): void => {
    const lang = requestLanguage(req);
    const input: ValidInput = { params: {}, query: {}, body: {} };
    const errors: FieldError[] = [];
    for (const part of parts) {
      const raw = part === 'body' ? (req.body ?? {}) : { ...(req[part] as object) };
      const { value, error } = compiled[part][lang].validate(raw);
      if (error) {
        errors.push(...error.details.map((d) => ({
          path: [part, ...d.path].join('.'),
          type: d.type,
          message: d.message,
        })));
      } else {
        input[part] = value as Record<string, unknown>;
      }
    }
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', {}, errors);
    res.locals.input = input;
    next();
  };
}
