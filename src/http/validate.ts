import type { NextFunction, Request, Response } from 'express';
import Joi from 'joi';
import { AppError, type FieldError } from './errors.js';
import { labelVi } from './field-labels.js';
import { hasUnstorableCharacter } from './strings.js';
import { joiMessagesVi } from './joi-vi.js';
import { requestLanguage } from './language.js';
import type { Language } from './messages.js';

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

const MAX_REPORTED = 20;

const unstorableMessage: Record<Language, (label: string) => string> = {
  vi: (label) => `${label} chứa ký tự không hợp lệ (ký tự NUL hoặc mã UTF-16 lẻ)`,
  en: (label) => `"${label}" contains an invalid character (NUL or a lone UTF-16 surrogate)`,
};

/**
 * Issue 9 item 4: one rule for every string a client sends — values and keys, in params, query and
 * body, whatever the endpoint's schema says — so that no such string ever reaches the database.
 */
function unstorableStrings(value: unknown, path: Array<string | number>, lang: Language, out: FieldError[]): void {
  if (out.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    if (hasUnstorableCharacter(value)) {
      const shown = path.slice(1).join('.');
      out.push({
        path: path.join('.'),
        type: 'string.invalidCharacters',
        message: unstorableMessage[lang](lang === 'vi' ? labelVi(path.slice(1), shown) : shown),
      });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableStrings(item, [...path, i], lang, out));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A bad key is reported with its characters made visible, never echoed raw.
      if (hasUnstorableCharacter(key)) unstorableStrings(key, [...path, JSON.stringify(key).slice(1, -1)], lang, out);
      else unstorableStrings(item, [...path, key], lang, out);
    }
  }
}

/** Vietnamese messages name the field in Vietnamese (issue 13 "Everyone"), English ones keep joi's. */
function messageOf(detail: Joi.ValidationErrorItem, lang: Language): string {
  const label = detail.context?.label;
  if (lang !== 'vi' || typeof label !== 'string') return detail.message;
  return detail.message.split(`"${label}"`).join(labelVi(detail.path, detail.path.join('.') || label));
}

/**
 * Validates params, query and body at the edge, once. Unknown keys are refused (joi's default for
 * objects: no mass assignment); the cleaned, converted values are put on `res.locals.input`
 * because Express 5 makes `req.query` read-only.
 */
export function validate(schema: RequestSchema) {
  // Bind the options (and compile the Vietnamese templates) once per schema, not per request.
  const options = { abortEarly: false, convert: true };
  const compiled = Object.fromEntries(
    parts.map((part) => {
      const base = (schema[part] ?? Joi.object({})).prefs(options);
      return [part, { en: base, vi: base.prefs({ messages: joiMessagesVi }) }];
    }),
  ) as Record<(typeof parts)[number], Record<'vi' | 'en', Joi.ObjectSchema>>;

  return (req: Request, res: Response, next: NextFunction): void => {
    const lang = requestLanguage(req);
    const input: ValidInput = { params: {}, query: {}, body: {} };
    const errors: FieldError[] = [];
    const raws = parts.map((part) => (part === 'body' ? (req.body ?? {}) : { ...(req[part] as object) }) as unknown);
    parts.forEach((part, i) => unstorableStrings(raws[i], [part], lang, errors));
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', {}, errors);
    for (const [i, part] of parts.entries()) {
      const { value, error } = compiled[part][lang].validate(raws[i]);
      if (error) {
        errors.push(
          ...error.details.map((d) => ({
            path: [part, ...d.path].join('.'),
            type: d.type,
            message: messageOf(d, lang),
          })),
        );
      } else {
        input[part] = value as Record<string, unknown>;
      }
    }
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', {}, errors);
    res.locals.input = input;
    next();
  };
}
