import type { Db } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { formatInstant } from '../../lib/dates.js';
import type { Actor } from '../auth/roles.js';
import { zoneOffsetMs } from '../calendar/working-time.js';
import type { ApplicantView, Directory } from './documents.access.js';
import { findVisibleRefusal, listVisibleRefusals, type RefusalRow } from './refusal.repository.js';

export interface RefusalListInput {
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Local midnight starting a date (YYYY-MM-DD) in the zone. */
export function localMidnight(date: string, timeZone: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  return new Date(utc - zoneOffsetMs(timeZone, utc));
}

/** The day after a date, for inclusive `to` bounds. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor a client altered must answer 400, never reach SQL as a bad timestamp (no 5xx from input). */
function validCursor(cursor: string | undefined): [string, string] | undefined {
  const values = decodeCursor(cursor, ['instant', 'uuid']) as [string, string] | undefined;
  if (values && (Number.isNaN(Date.parse(values[0])) || !UUID.test(values[1]))) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'query.cursor', type: 'cursor.invalid', message: 'cursor' }]);
  }
  return values;
}

export type RefusalService = ReturnType<typeof createRefusalService>;

/** Refusals at the counter (form 03), read back in the caller's agency scope. */
export function createRefusalService(db: Db, deps: { timeZone: string; directory: Directory }) {
  const iso = (d: Date) => formatInstant(d.getTime(), zoneOffsetMs(deps.timeZone, d.getTime()));

  async function present(r: RefusalRow) {
    const p = await deps.directory.procedure(r.procedureId);
    return {
      id: r.id,
      agencyId: r.agencyId,
      procedure: { id: r.procedureId, code: p.code, name: p.name },
      applicant: r.applicant as ApplicantView,
      reasons: r.reasons as string[],
      actorId: r.actorId,
      at: iso(r.at),
    };
  }

  return {
    present,
    async get(actor: Actor, id: string) {
      const row = await findVisibleRefusal(db, actor, id);
      if (!row) throw new AppError('REFUSAL_NOT_FOUND');
      return present(row);
    },
    async list(actor: Actor, input: RefusalListInput) {
      if (input.from && input.to && input.from > input.to) throw new AppError('DOCUMENT_RANGE_INVALID', { days: 366 });
      const rows = await listVisibleRefusals(db, actor, {
        from: input.from ? localMidnight(input.from, deps.timeZone) : undefined,
        to: input.to ? localMidnight(nextDay(input.to), deps.timeZone) : undefined,
        after: validCursor(input.cursor),
        limit: input.limit,
      });
      const page = toPage(
        rows,
        input.limit,
        (r) => [r.at.toISOString(), r.id],
        (r) => r,
      );
      return { items: await Promise.all(page.items.map(present)), nextCursor: page.nextCursor };
    },
  };
}
