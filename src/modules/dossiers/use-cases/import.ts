import { AppError } from '../../../http/errors.js';
import { renderMessage } from '../../../http/messages.js';
import type { Actor } from '../../../lib/roles.js';
import * as repo from '../dossier.repository.js';
import {
  IMPORT_ACTIONS,
  type ActionBodies,
  type ImportEvent,
  type ImportEventType,
  type ImportItem,
} from '../dossier.schemas.js';
import type { DossierContext } from './context.js';

export type ImportResult =
  | {
      index: number;
      externalId: string | null;
      status: 'created' | 'exists';
      id: string;
      code: string;
      warnings?: string[];
    }
  | { index: number; externalId: string | null; status: 'error'; error: AppError };

/** The body an historical event replays with (the import format names fewer fields than live work). */
function bodyOf(event: ImportEvent): ActionBodies[ImportedAction] {
  const { type, at: _at, ...fields } = event;
  if (type === 'supplement_requested')
    return { items: ['(lịch sử nhập từ hệ thống cũ)'], reason: 'Nhập lịch sử', ...fields };
  if (type === 'transferred') return { reason: 'Liên thông (nhập lịch sử)', ...fields } as ActionBodies['transfer'];
  // The import schema requires each type's fields (e.g. `outcome` for decided), so the shape holds.
  return fields as ActionBodies[ImportedAction];
}

type ImportedAction = (typeof IMPORT_ACTIONS)[ImportEventType];

/**
 * Import of historical dossiers (migration from older systems, and known histories for statistics).
 * Each item is replayed in its own transaction through the same write path as live work, at the
 * recorded instants, so deadlines are computed exactly as they would have been. Between items the
 * connection is released, so other requests interleave with a long import (PGlite has one).
 */
export async function importItems(
  ctx: DossierContext,
  actor: Actor,
  items: ImportItem[],
  afterImport: () => Promise<void>,
) {
  const results: ImportResult[] = [];
  for (const [index, item] of items.entries()) {
    const externalId = item.externalId ?? null;
    try {
      results.push({ index, externalId, ...(await importOne(ctx, actor, item, index)) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ index, externalId, status: 'error', error });
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // History landed in periods that may already have final figures: let them be computed again.
  if (results.some((r) => r.status === 'created')) await afterImport();
  return results;
}

/**
 * files (issue 15): the item's file refs, checked, each with its place in the replayed history: it is
 * recorded after the events at or before its `attachedAt` and before later ones. A result file must
 * come strictly before `returned` (Decision 766: electronic = attached before the return): one at or
 * after it is refused, with the item, rather than recorded as a result that was never electronic.
 */
function fileRefsOf(ctx: DossierContext, item: ImportItem, index: number, now: number) {
  const refs = item.files ?? [];
  if (refs.length === 0) return [];
  const fail = (code: 'VALIDATION_FAILED' | 'IMPORT_FILE_AFTER_RETURN', j: number, type: string, message: string) =>
    new AppError(code, {}, [{ path: `items.${index}.files.${j}.attachedAt`, type, message }]);
  if (!ctx.importedFiles) {
    throw new AppError('VALIDATION_FAILED', {}, [
      { path: `items.${index}.files`, type: 'any.unknown', message: 'file references are not accepted here' },
    ]);
  }
  let checked;
  try {
    checked = ctx.importedFiles.check(refs);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(
      error.code,
      error.params,
      error.errors?.map((e) => ({ ...e, path: `items.${index}.${e.path}` })),
    );
  }
  const received = Date.parse(item.receivedAt);
  const returned = item.events.find((e) => e.type === 'returned');
  return checked.map((ref, j) => {
    const at = ref.attachedAt.getTime();
    if (at < received || at > now)
      throw fail('VALIDATION_FAILED', j, 'date.outsideHistory', 'within [receivedAt, now]');
    if (ref.kind === 'result' && returned && at >= Date.parse(returned.at))
      throw fail('IMPORT_FILE_AFTER_RETURN', j, 'date.afterReturn', 'a result file before the return');
    return { at, j, ref: refs[j] };
  });
}

async function importOne(ctx: DossierContext, actor: Actor, item: ImportItem, index: number) {
  const by = { kind: 'import', actor } as const;
  if (item.externalId) {
    const existing = await repo.findByExternalId(ctx.db, item.externalId);
    if (existing) return { status: 'exists' as const, id: existing.id, code: existing.code };
  }
  const now = ctx.clock.now().getTime();
  const receivedAt = new Date(item.receivedAt);
  let previous = receivedAt.getTime();
  for (const event of item.events) {
    const at = Date.parse(event.at);
    if (at < previous || at > now) throw new AppError('IMPORT_EVENTS_OUT_OF_ORDER');
    previous = at;
  }
  if (receivedAt.getTime() > now) throw new AppError('IMPORT_EVENTS_OUT_OF_ORDER');
  // Stable: refs of the same instant keep their order.
  const pending = fileRefsOf(ctx, item, index, now).sort((a, b) => a.at - b.at);
  return ctx.db.transaction(async (tx) => {
    if (item.code && (await repo.findByCode(tx, item.code))) throw new AppError('CONFLICT');
    const procedure = await ctx.catalog.activeProcedure(tx, item.procedureCode);
    const agency = await ctx.catalog.agency(tx, item.agencyId);
    const { dossier } = await ctx.write.createDossier(tx, by, {
      procedure,
      agency,
      receivingAgencyId: item.receivingAgencyId ?? item.agencyId,
      receivedAt,
      channel: item.channel,
      applicant: item.applicant,
      externalId: item.externalId,
      code: item.code,
      components: item.components,
    });
    const recordFilesBefore = async (limit: number) => {
      while (pending.length > 0 && pending[0]!.at < limit) {
        const { j, ref } = pending.shift()!;
        try {
          await ctx.importedFiles!.record(tx, dossier.id, [ref], actor);
        } catch (error) {
          // The write path's refusal (a component index the item does not declare, a closed dossier), located.
          if (!(error instanceof AppError)) throw error;
          const path = `items.${index}.files.${j}`;
          const message = renderMessage(error.code, 'en', error.params);
          throw new AppError(error.code, error.params, [{ path, type: error.code, message }]);
        }
      }
    };
    for (const event of item.events) {
      await recordFilesBefore(Date.parse(event.at));
      await ctx.write.execute(tx, {
        dossierId: dossier.id,
        action: IMPORT_ACTIONS[event.type],
        body: bodyOf(event),
        by,
        at: new Date(event.at),
      });
    }
    await recordFilesBefore(Infinity);
    // Issue 13: history older than its agency is kept (figures count it) but flagged for a check of activeFrom.
    const predates = ctx.iso(receivedAt)!.slice(0, 10) < agency.activeFrom;
    return {
      status: 'created' as const,
      id: dossier.id,
      code: dossier.code,
      ...(predates ? { warnings: ['IMPORT_DOSSIER_PREDATES_AGENCY'] } : {}),
    };
  });
}
