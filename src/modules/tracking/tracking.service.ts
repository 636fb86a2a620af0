import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { ratings } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import { hashLookupPin, maskName } from '../dossiers/dossier.code.js';
import { instantFormatter, timing } from '../dossiers/dossier.presenter.js';
import * as dossiers from '../dossiers/dossier.repository.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import { ttlCache } from '../../lib/ttl-cache.js';

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

const STATUS_LABELS: Record<string, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
  paused: 'Tạm dừng',
  decided: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút hồ sơ / dừng giải quyết',
};

export interface SecondFactor {
  pin?: string;
  phone4?: string;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type TrackingService = ReturnType<typeof createTrackingService>;

/** What a citizen sees with the code and a second factor (domain B6): no personal data beyond a masked name. */
export function createTrackingService(db: Db, deps: { clock: Clock; timeZone: string; calendar: CalendarService; procedures: ProcedureService; agencies: AgencyService }) {
  const iso = instantFormatter(deps.timeZone);
  const now = () => deps.clock.now().getTime();
  // Names of procedures and agencies change rarely; the public page shows them on every lookup.
  const procedureOf = ttlCache((id: string) => deps.procedures.get(id), 60_000, now);
  const agencyOf = ttlCache((id: string) => deps.agencies.get(id), 60_000, now);

  /** The dossier when the second factor matches; otherwise the same 404 as an unknown code. */
  async function authorised(code: string, factor: SecondFactor): Promise<dossiers.PublicView> {
    const dossier = await dossiers.findPublicView(db, code);
    const ok = dossier !== undefined && (
      (factor.pin !== undefined && sameText(dossier.lookupPinHash, hashLookupPin(dossier.id, factor.pin)))
      || (factor.phone4 !== undefined && dossier.phoneLast4 !== null && sameText(dossier.phoneLast4, factor.phone4)));
    if (!ok) throw new AppError('DOSSIER_NOT_FOUND');
    return dossier!;
  }

  return {
    async lookup(code: string, factor: SecondFactor) {
      const d = await authorised(code, factor);
      const [procedure, agency, calendar] = await Promise.all([procedureOf(d.procedureId), agencyOf(d.agencyId), deps.calendar.calendarOf(d.agencyId)]);
      const isoText = (text: string | null) => iso(text === null ? null : new Date(text));
      const t = timing(d, calendar, deps.clock.now().getTime());
      return {
        code: d.code,
        status: d.status,
        statusLabel: STATUS_LABELS[d.status] ?? d.status,
        applicant: { name: maskName(d.applicantName) },
        procedure: { code: procedure.code, name: procedure.name },
        agency: { name: agency.name },
        receivedAt: iso(d.receivedAt),
        promisedAt: iso(d.promisedAt ?? d.dueAt),
        remainingWorkingMinutes: t ? t.remainingWorkingMinutes : null,
        paused: d.pausedSince !== null,
        finishedAt: iso(d.finishedAt),
        returnedAt: iso(d.returnedAt),
        steps: d.steps.map((s) => ({ name: s.name, startedAt: isoText(s.startedAt), finishedAt: isoText(s.finishedAt), classification: s.classification })),
      };
    },

    /** One rating per dossier, after its decision (feeds satisfaction in the index, domain B5). */
    async rate(code: string, pin: string, level: RatingLevel, comment?: string) {
      const found = await authorised(code, { pin });
      return db.transaction(async (tx) => {
        const d = (await dossiers.lockById(tx, found.id))!;
        const already = await tx.select().from(ratings).where(eq(ratings.dossierId, d.id)).limit(1);
        if (!d.finishedAt || already.length > 0) throw new AppError('RATING_NOT_ALLOWED');
        const at = deps.clock.now();
        await tx.insert(ratings).values({ dossierId: d.id, level, comment: comment ?? null, at });
        const version = d.version + 1;
        await dossiers.updateDossier(tx, d.id, { version });
        await dossiers.insertEvent(tx, { dossierId: d.id, seq: version, type: 'rated', at, actorId: null, fromStatus: d.status, toStatus: d.status, data: { level } });
        return { code: d.code, level, at: iso(at) };
      });
    },
  };
}
