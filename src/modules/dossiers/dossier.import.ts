import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { ratings } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../auth/roles.js';
import { applyAction, type ActionBody } from './dossier.actions.js';
import * as repo from './dossier.repository.js';
import type { Applicant, DossierService } from './dossier.service.js';
import type { Action } from './dossier.transitions.js';

export interface ImportEvent {
  type: 'supplement_requested' | 'supplement_received' | 'paused' | 'resumed' | 'transferred' | 'extended' | 'decided' | 'returned' | 'withdrawn' | 'rated';
  at: string;
  [field: string]: unknown;
}

export interface ImportItem {
  externalId?: string;
  code?: string;
  procedureCode: string;
  agencyId: string;
  receivingAgencyId?: string;
  channel: 'direct' | 'online' | 'postal';
  receivedAt: string;
  applicant: Applicant;
  events: ImportEvent[];
}

export type ImportResult =
  | { index: number; externalId: string | null; status: 'created' | 'exists'; id: string; code: string }
  | { index: number; externalId: string | null; status: 'error'; error: AppError };

/** Historical event types → the live actions they replay. */
const ACTION_OF: Record<Exclude<ImportEvent['type'], 'rated'>, Action> = {
  supplement_requested: 'request-supplement',
  supplement_received: 'receive-supplement',
  paused: 'pause',
  resumed: 'resume',
  transferred: 'transfer',
  extended: 'apologize',
  decided: 'decide',
  returned: 'return-result',
  withdrawn: 'withdraw',
};

function bodyOf(event: ImportEvent): ActionBody {
  const { type, at: _at, ...fields } = event;
  if (type === 'supplement_requested') return { items: ['(lịch sử nhập từ hệ thống cũ)'], reason: 'Nhập lịch sử', ...fields };
  if (type === 'transferred') return { reason: 'Liên thông (nhập lịch sử)', ...fields };
  return fields;
}

/**
 * Import of historical dossiers (migration from older systems, and known histories for statistics).
 * Each item is replayed in its own transaction through the same intake and transition code as live
 * work, at the recorded instants, so deadlines are computed exactly as they would have been.
 */
export function createImportService(db: Db, dossiers: DossierService, clock: Clock, afterImport: () => Promise<void> = async () => undefined) {
  async function importOne(actor: Actor, item: ImportItem): Promise<{ status: 'created' | 'exists'; id: string; code: string }> {
    if (item.externalId) {
      const existing = await repo.findByExternalId(db, item.externalId);
      if (existing) return { status: 'exists', id: existing.id, code: existing.code };
    }
    const receivedAt = new Date(item.receivedAt);
    let previous = receivedAt.getTime();
    for (const event of item.events) {
      const at = Date.parse(event.at);
      if (at < previous || at > clock.now().getTime()) throw new AppError('IMPORT_EVENTS_OUT_OF_ORDER');
      previous = at;
    }
    if (receivedAt.getTime() > clock.now().getTime()) throw new AppError('IMPORT_EVENTS_OUT_OF_ORDER');
    return db.transaction(async (tx) => {
      if (item.code && (await repo.findByCode(tx, item.code))) throw new AppError('CONFLICT');
      const { dossier } = await dossiers.create(tx, actor, {
        procedureCode: item.procedureCode, channel: item.channel, applicant: item.applicant, agencyId: item.agencyId,
        receivingAgencyId: item.receivingAgencyId ?? item.agencyId, receivedAt, externalId: item.externalId, code: item.code,
      });
      let current = dossier;
      for (const event of item.events) {
        const at = new Date(event.at);
        if (event.type === 'rated') {
          if (!current.finishedAt) throw new AppError('RATING_NOT_ALLOWED');
          await tx.insert(ratings).values({ dossierId: current.id, level: event.level as string, comment: (event.comment as string | undefined) ?? null, at });
          const version = current.version + 1;
          current = await repo.updateDossier(tx, current.id, { version });
          await repo.insertEvent(tx, { dossierId: current.id, seq: version, type: 'rated', at, actorId: actor.userId, fromStatus: current.status, toStatus: current.status, data: { level: event.level } });
          continue;
        }
        current = (await applyAction(tx, dossiers.actionDeps, current, ACTION_OF[event.type], bodyOf(event), actor, at)).dossier;
      }
      return { status: 'created' as const, id: current.id, code: current.code };
    });
  }

  return {
    async importItems(actor: Actor, items: ImportItem[]): Promise<ImportResult[]> {
      const results: ImportResult[] = [];
      for (const [index, item] of items.entries()) {
        const externalId = item.externalId ?? null;
        try {
          results.push({ index, externalId, ...(await importOne(actor, item)) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({ index, externalId, status: 'error', error });
        }
      }
      // History landed in periods that may already have final figures: let them be computed again.
      if (results.some((r) => r.status === 'created')) await afterImport();
      return results;
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
