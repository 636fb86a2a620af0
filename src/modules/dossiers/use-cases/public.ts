import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../http/errors.js';
import type { RatingLevel } from '../../../lib/values.js';
import { hashLookupPin, maskName } from '../dossier.code.js';
import { timing } from '../dossier.presenter.js';
import * as repo from '../dossier.repository.js';
import type { SecondFactor } from '../dossier.schemas.js';
import { nextStatus } from '../dossier.transitions.js';
import type { DossierContext } from './context.js';

const STATUS_LABELS: Record<repo.DossierRow['status'], string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  awaiting_supplement: 'Chờ bổ sung hồ sơ',
  paused: 'Tạm dừng',
  decided: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  withdrawn: 'Đã rút hồ sơ / dừng giải quyết',
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The dossier when the second factor matches; otherwise the same 404 as an unknown code (domain B6). */
async function authorised(ctx: DossierContext, code: string, factor: SecondFactor): Promise<repo.PublicView> {
  const dossier = await repo.findPublicView(ctx.readDb, code);
  const ok = dossier !== undefined && (
    (factor.pin !== undefined && sameText(dossier.lookupPinHash, hashLookupPin(dossier.id, factor.pin)))
    || (factor.phone4 !== undefined && dossier.phoneLast4 !== null && sameText(dossier.phoneLast4, factor.phone4)));
  if (!ok) throw new AppError('DOSSIER_NOT_FOUND');
  return dossier!;
}

/** What a citizen sees with the code and a second factor: no personal data beyond a masked name. */
export async function lookupPublic(ctx: DossierContext, code: string, factor: SecondFactor) {
  const d = await authorised(ctx, code, factor);
  const [procedure, agency, calendar] = await Promise.all([
    ctx.catalog.procedure(ctx.readDb, d.procedureId), ctx.catalog.agency(ctx.readDb, d.agencyId), ctx.calendar.calendarOf(d.agencyId),
  ]);
  const isoText = (text: string | null) => (text === null ? null : ctx.iso(new Date(text)));
  const t = timing(d, calendar, ctx.clock.now().getTime());
  return {
    code: d.code,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    applicant: { name: maskName(d.applicantName) },
    procedure: { code: procedure.code, name: procedure.name },
    agency: { name: agency.name },
    receivedAt: ctx.iso(d.receivedAt),
    promisedAt: ctx.iso(d.promisedAt ?? d.dueAt),
    remainingWorkingMinutes: t ? t.remainingWorkingMinutes : null,
    paused: d.pausedSince !== null,
    finishedAt: ctx.iso(d.finishedAt),
    returnedAt: ctx.iso(d.returnedAt),
    steps: d.steps.map((s) => ({ name: s.name, startedAt: isoText(s.startedAt), finishedAt: isoText(s.finishedAt), classification: s.classification })),
  };
}

/** The citizen's one rating after the decision, with the PIN, through the write path (action `rate`). */
export async function ratePublic(ctx: DossierContext, code: string, pin: string, level: RatingLevel, comment?: string) {
  const found = await authorised(ctx, code, { pin });
  const at = ctx.clock.now();
  // The citizen reads "not yet" in their own words rather than a transition error.
  if (!nextStatus(found.status, 'rate', null)) throw new AppError('RATING_NOT_ALLOWED');
  await ctx.db.transaction((tx) => ctx.write.execute(tx, {
    dossierId: found.id, action: 'rate', body: { level, ...(comment ? { comment } : {}) }, by: { kind: 'citizen' }, at,
  }));
  return { code: found.code, level, at: ctx.iso(at) };
}
