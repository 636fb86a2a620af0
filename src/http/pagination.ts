import Joi from 'joi';
import { AppError } from './errors.js';

/** Keyset pagination (architecture.md "API conventions"): `?limit=&cursor=`, opaque cursors. */
export const pageQuery = {
  limit: Joi.number().integer().min(1).max(200).default(50),
  cursor: Joi.string().max(500),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): string[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string')) return values;
  } catch {
    // fall through to the validation error
  }
  throw new AppError('VALIDATION_FAILED', {}, [{ path: 'query.cursor', type: 'cursor.invalid', message: 'cursor' }]);
}

/** Turns `limit + 1` fetched rows into a page, the cursor made from the last row kept. */
export function toPage<R, T>(rows: R[], limit: number, key: (row: R) => string[], present: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(present), nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
