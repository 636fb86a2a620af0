import type { Db } from '../../../db/client.js';
import { AppError } from '../../../http/errors.js';
import { decodeCursor, toPage } from '../../../http/pagination.js';
import type { Actor } from '../../../lib/roles.js';
import { dueSoonLimit } from '../../calendar/deadline.js';
import { presentEvent, presentPause, presentStep } from '../dossier.presenter.js';
import * as repo from '../dossier.repository.js';
import type { ListQuery } from '../dossier.schemas.js';
import type { CalendarOf, DossierContext } from './context.js';

/** Per handling agency, the instant before which a running dossier is due soon (domain B3). */
export async function dueSoonThresholds(
  ctx: DossierContext,
  via: Db,
  calendarOf: CalendarOf,
  at: Date,
): Promise<repo.DueSoonThresholds> {
  const thresholds: Array<readonly [string, Date]> = [];
  for (const id of await ctx.agencyIds(via)) {
    thresholds.push([id, new Date(dueSoonLimit(await calendarOf(id), at.getTime()))] as const);
  }
  return thresholds;
}

/** A dossier with its control slip (form 05) and pause ledger, if the actor may see it. */
export async function getDossier(ctx: DossierContext, actor: Actor, id: string) {
  const dossier = await repo.findVisible(ctx.db, actor, id);
  if (!dossier) throw new AppError('DOSSIER_NOT_FOUND');
  const [steps, pauses, base] = await Promise.all([
    repo.listSteps(ctx.db, id),
    repo.listPauses(ctx.db, id),
    ctx.present(dossier, ctx.db),
  ]);
  return {
    ...base,
    steps: steps.map((s) => presentStep(s, ctx.iso)),
    pauses: pauses.map((p) => presentPause(p, ctx.iso)),
  };
}

export async function listEvents(ctx: DossierContext, actor: Actor, id: string) {
  if (!(await repo.findVisible(ctx.db, actor, id))) throw new AppError('DOSSIER_NOT_FOUND');
  const events = await repo.listEvents(ctx.db, id);
  const actors = await ctx.actors(events.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  return {
    events: events.map((e) => ({
      ...presentEvent(e, ctx.iso),
      actor: e.actorId ? (actors.get(e.actorId) ?? null) : null,
    })),
  };
}

export async function listDossiers(ctx: DossierContext, actor: Actor, query: ListQuery) {
  const now = ctx.clock.now();
  const after = decodeCursor(query.cursor, ['instant', 'uuid']) as [string, string] | undefined;
  const dueSoon = query.dueSoon
    ? await dueSoonThresholds(ctx, ctx.readDb, (id) => ctx.calendar.calendarOf(id), now)
    : undefined;
  const rows = await repo.listVisible(ctx.readDb, actor, query, { now, dueSoon, after });
  const page = toPage(
    rows,
    query.limit,
    (d) => [d.receivedAt.toISOString(), d.id],
    (d) => d,
  );
  return { items: await Promise.all(page.items.map((d) => ctx.present(d, ctx.readDb))), nextCursor: page.nextCursor };
}

export async function inbox(ctx: DossierContext, actor: Actor, limit: number) {
  return {
    items: await Promise.all((await repo.inbox(ctx.readDb, actor, limit)).map((d) => ctx.present(d, ctx.readDb))),
  };
}
