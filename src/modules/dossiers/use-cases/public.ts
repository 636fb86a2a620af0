import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../http/errors.js';
import { STATUS_LABELS } from '../../../lib/labels.js';
import type { Actor } from '../../../lib/roles.js';
import type { RatingLevel } from '../../../lib/values.js';
import { hashLookupPin, maskName } from '../dossier.code.js';
import { timing, workingTimeText } from '../dossier.presenter.js';
import { findPublicView, type PublicView } from '../dossier.public-view.js';
import * as repo from '../dossier.repository.js';
import type { SecondFactor } from '../dossier.schemas.js';
import { nextStatus } from '../dossier.transitions.js';
import type { DossierContext } from './context.js';

/** Phrased for the citizen (staff answers use the shorter labels of src/lib/labels.ts). */
const OUTCOME_LABELS: Record<NonNullable<repo.DossierRow['outcome']>, string> = {
  approved: 'Giải quyết (cấp kết quả)',
  rejected: 'Từ chối giải quyết',
};

const RETURN_METHOD_LABELS: Record<NonNullable<repo.DossierRow['returnMethod']>, string> = {
  counter: 'Nhận tại bộ phận một cửa',
  post: 'Gửi qua dịch vụ bưu chính',
  online: 'Nhận trực tuyến',
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The dossier when the second factor matches; otherwise the same 404 as an unknown code (domain B6).
 * The code-wide limits (issue 9 item 3) are checked first and failures on real codes recorded.
 */
async function authorised(ctx: DossierContext, code: string, factor: SecondFactor): Promise<PublicView> {
  const now = ctx.clock.now();
  const day = ctx.iso(now)!.slice(0, 10);
  const kind = factor.pin !== undefined ? 'pin' : 'phone4';
  const dossier = await findPublicView(ctx.readDb, code);
  // The failures row came with the page; a replica may lag behind the failures just recorded on the
  // primary, so with a replica the limits are read again where they are written.
  if (dossier && ctx.readDb === ctx.db) ctx.guard.refuse(dossier.failures, kind, day, now);
  else if (dossier) await ctx.guard.check(dossier.code, kind, day, now);
  const ok =
    dossier !== undefined &&
    ((factor.pin !== undefined && sameText(dossier.lookupPinHash, hashLookupPin(dossier.id, factor.pin))) ||
      (factor.phone4 !== undefined && dossier.phoneLast4 !== null && sameText(dossier.phoneLast4, factor.phone4)));
  if (!ok) {
    if (dossier) await ctx.guard.recordFailure(dossier.code, kind, day, now);
    throw new AppError('DOSSIER_NOT_FOUND');
  }
  return dossier!;
}

/** Whether `pin` is the dossier's current PIN, for a dossier the staff member may see (a reprint of form 01). */
export async function pinMatches(ctx: DossierContext, actor: Actor, id: string, pin: string): Promise<boolean> {
  const d = await repo.findVisible(ctx.db, actor, id);
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  return sameText(d.lookupPinHash, hashLookupPin(d.id, pin));
}

/**
 * The dossier of a code and its PIN, for the citizen's result download (files module), under the
 * same code-wide limits as the lookup; undefined for a wrong pair (the caller answers its own 404).
 */
export async function byCodeAndPin(ctx: DossierContext, code: string, pin: string) {
  try {
    const d = await authorised(ctx, code, { pin });
    return { id: d.id, status: d.status, finishedAt: d.finishedAt };
  } catch (error) {
    if (error instanceof AppError && error.code === 'DOSSIER_NOT_FOUND') return undefined;
    throw error;
  }
}

/** What a citizen sees with the code and a second factor: no personal data beyond a masked name. */
export async function lookupPublic(ctx: DossierContext, code: string, factor: SecondFactor) {
  const d = await authorised(ctx, code, factor);
  const [procedure, agency, receiving, calendar] = await Promise.all([
    ctx.catalog.procedure(ctx.readDb, d.procedureId),
    ctx.catalog.agency(ctx.readDb, d.agencyId),
    ctx.catalog.agency(ctx.readDb, d.receivingAgencyId),
    ctx.calendar.calendarOf(d.agencyId),
  ]);
  const isoText = (text: string | null | undefined) => (text ? ctx.iso(new Date(text)) : null);
  const t = timing(d, calendar, ctx.clock.now().getTime());
  const { 'request-supplement': asked, apologize: apology, decide: decision } = d.latest;
  // What the citizen must know (issue 13): what is missing, the apology and its new date, the
  // outcome and its reason. Event data holds no staff names; the applicant's data stays out.
  return {
    code: d.code,
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    applicant: { name: maskName(d.applicantName) },
    procedure: { code: procedure.code, name: procedure.name },
    agency: { name: agency.name },
    /** When the counter took the dossier in; the legal clock starts at `clockStartAt` (domain B1). */
    receivedAt: ctx.iso(d.receivedAt),
    clockStartAt: ctx.iso(d.clockStartAt),
    promisedAt: ctx.iso(d.promisedAt ?? d.dueAt),
    remainingWorkingMinutes: t ? t.remainingWorkingMinutes : null,
    remaining: t ? workingTimeText(t.remainingWorkingMinutes, calendar.dayLength, t.paused) : null,
    paused: d.pausedSince !== null,
    supplement:
      d.status === 'awaiting_supplement' && asked
        ? {
            items: (asked.data.items ?? []) as string[],
            reason: (asked.data.reason ?? null) as string | null,
            requestedAt: isoText(asked.at),
          }
        : null,
    apology:
      d.promisedAt && apology
        ? {
            reason: (apology.data.reason ?? null) as string | null,
            promisedAt: ctx.iso(d.promisedAt),
            at: isoText(apology.at),
            kind: d.apologyKind,
          }
        : null,
    outcome: d.outcome
      ? { code: d.outcome, label: OUTCOME_LABELS[d.outcome], reason: (decision?.data.reason ?? null) as string | null }
      : null,
    finishedAt: ctx.iso(d.finishedAt),
    returnedAt: ctx.iso(d.returnedAt),
    returnMethod: d.returnMethod,
    returnMethodLabel: d.returnMethod ? RETURN_METHOD_LABELS[d.returnMethod] : null,
    /** Where the result is collected: the one-stop unit that received the dossier. */
    collectAt: { name: receiving.name },
    steps: d.steps.map((s) => ({
      name: s.name,
      startedAt: isoText(s.startedAt),
      finishedAt: isoText(s.finishedAt),
      classification: s.classification,
    })),
  };
}

/** The citizen's one rating after the decision, with the PIN, through the write path (action `rate`). */
export async function ratePublic(
  ctx: DossierContext,
  code: string,
  pin: string | undefined,
  level: RatingLevel,
  comment?: string,
) {
  // Issue 13: ratings feed the index, so they need the receipt's PIN, not the phone digits; the
  // answer says how to get a new PIN (the receiving unit re-issues it).
  if (!pin) throw new AppError('RATING_PIN_REQUIRED');
  const found = await authorised(ctx, code, { pin });
  const at = ctx.clock.now();
  // The citizen reads "not yet" in their own words rather than a transition error.
  if (!nextStatus(found.status, 'rate', null)) throw new AppError('RATING_NOT_ALLOWED');
  await ctx.db.transaction((tx) =>
    ctx.write.execute(tx, {
      dossierId: found.id,
      action: 'rate',
      body: { level, ...(comment ? { comment } : {}) },
      by: { kind: 'citizen' },
      at,
    }),
  );
  return { code: found.code, level, at: ctx.iso(at) };
}
