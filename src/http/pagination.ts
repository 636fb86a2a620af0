import Joi from 'joi';
import { hasUnstorableCharacter } from './strings.js';
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

/** What a cursor position holds: an instant (`toISOString()`), a UUID, or text (names, codes). */
export type CursorKind = 'instant' | 'uuid' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const validValue: Record<CursorKind, (v: string) => boolean> = {
  // Only the canonical form the API itself writes: `2025-02-30T…` does not round-trip and is refused.
  instant: (v) => INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v,
  uuid: (v) => UUID.test(v),
  text: (v) => v.length <= 500 && !hasUnstorableCharacter(v),
};

/**
 * Decodes a cursor made by `encodeCursor`, checking each position against its kind (issue 9 item 4:
 * a forged cursor answers 400, never a database error).
 */
export function decodeCursor(cursor: string | undefined, kinds: readonly CursorKind[]): string[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === kinds.length &&
      values.every((v, i) => typeof v === 'string' && validValue[kinds[i]!](v))
    )
      return values as string[];
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
