import type { Clock } from '../../clock.js';
import type { OutboxConfig } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import type { Actor } from '../auth/roles.js';
import type { DossierAccess } from './outbox.access.js';
import { planSettings } from './outbox.channels.js';
import { backoffMs } from './outbox.dispatcher.js';
import { contextOf, fromContext, planMessages, settingsFor } from './outbox.plan.js';
import { isoFormatter, presentDelivery, presentMessage, presentSent } from './outbox.presenter.js';
import * as repo from './outbox.repository.js';
import type { DossierEventHook, OutboxChannel, OutboxStatus, PlannedMessage } from './outbox.types.js';

export interface OutboxListQuery {
  status?: OutboxStatus;
  channel?: OutboxChannel;
  dossierId?: string;
  limit: number;
  cursor?: string;
}

export type OutboxService = ReturnType<typeof createOutboxService>;

const DAY_MS = 86_400_000;

export function createOutboxService(
  db: Db,
  deps: { clock: Clock; config: OutboxConfig; timeZone: string; access: DossierAccess },
) {
  const { clock, access } = deps;
  const settings = planSettings(deps.config, deps.timeZone);
  const iso = isoFormatter(deps.timeZone);

  /** Writes messages in the caller's transaction: they exist exactly when the transaction commits. */
  async function enqueue(tx: Tx, messages: readonly PlannedMessage[]): Promise<void> {
    await repo.insertMessages(tx, messages, clock.now());
  }

  /**
   * The listener registered with `services.dossiers.onEvent`: for an event that owes someone a message,
   * answers the statement that records it with its channels (`outbox_events`), which the write path runs
   * in the event's transaction. Nothing is rendered here: `planPending` does it, in the dispatcher.
   */
  const onEvent: DossierEventHook = async (_tx, event, dossier, who) => {
    if (settings.enabled.size === 0) return null; // everything off: no rows
    // Imported history (replayed at its recorded instants) notifies nobody.
    if (who === 'import') return null;
    const context = contextOf(event, dossier, settings);
    return context ? repo.eventInsert(dossier.id, event.seq, context, clock.now()) : null;
  };

  /**
   * The dispatcher's planning round: takes up to `limit` recorded events that are due, oldest first,
   * renders their messages (`planMessages`, with the dossier's code and catalogue names read now) and
   * writes them, and deletes the records, in one transaction; a planner killed midway leaves the records to
   * the next, and a message planned twice is kept once (its event and channel are unique). Several
   * planners take different records (`SKIP LOCKED`). A record that cannot be planned (its procedure or
   * agency gone, or planning gives other channels than recorded) stays, with its error, and is tried again
   * after the dispatcher's backoff, so it neither blocks the others nor floods the log; it is reported for
   * the dispatcher to log. A database error fails the whole round (the next one tries again).
   */
  async function planPending(
    limit: number,
  ): Promise<{ planned: number; failed: Array<{ id: string; error: string }> }> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const recorded = await repo.takeEvents(tx, limit, now);
      const messages: PlannedMessage[] = [];
      const planned: string[] = [];
      const failed: Array<{ id: string; error: string; attempts: number }> = [];
      for (const r of recorded) {
        const d = r.context.dossier;
        let names;
        try {
          // One after the other: they share the transaction's single connection (usually cache hits).
          names = {
            procedure: await access.procedure(d.procedureId, tx),
            agency: await access.agency(d.agencyId, tx),
            receivingAgency: await access.agency(d.receivingAgencyId, tx),
          };
        } catch (error) {
          if (!(error instanceof AppError)) throw error; // the database: the transaction is lost
          failed.push({ id: r.id, error: error.code, attempts: r.attempts + 1 });
          continue;
        }
        try {
          const at = fromContext(r.context, { dossierId: r.dossierId, code: r.code, ...names });
          const own = planMessages(at.event, at.dossier, settingsFor(settings, r.context));
          const channels = own.map((m) => m.channel);
          if (channels.join() !== r.context.channels.join())
            throw new Error(`planned [${channels.join(', ')}] for the recorded [${r.context.channels.join(', ')}]`);
          messages.push(...own);
          planned.push(r.id);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failed.push({ id: r.id, error: message.slice(0, 500), attempts: r.attempts + 1 });
        }
      }
      await repo.insertMessages(tx, messages, now);
      await repo.deleteEvents(tx, planned);
      for (const f of failed) {
        const next = new Date(now.getTime() + backoffMs(deps.config, f.attempts));
        await repo.postponeEvent(tx, { id: f.id, error: f.error, attempts: f.attempts, nextAttemptAt: next });
      }
      return { planned: planned.length, failed: failed.map(({ id, error }) => ({ id, error })) };
    });
  }

  return {
    settings,
    enqueue,
    onEvent,
    planPending,

    async list(q: OutboxListQuery) {
      const rows = await repo.listMessages(db, {
        status: q.status,
        channel: q.channel,
        dossierId: q.dossierId,
        limit: q.limit,
        after: decodeCursor(q.cursor, ['instant', 'uuid']) as [string, string] | undefined,
      });
      return toPage(
        rows,
        q.limit,
        (m) => [m.createdAt.toISOString(), m.id],
        (m) => presentMessage(m, iso),
      );
    },

    async get(id: string) {
      const message = await repo.findMessage(db, id);
      if (!message) throw new AppError('OUTBOX_MESSAGE_NOT_FOUND');
      return {
        ...presentMessage(message, iso),
        deliveries: (await repo.listDeliveries(db, id)).map((d) => presentDelivery(d, iso)),
      };
    },

    /** Makes a dead (or waiting) message due now with a fresh attempt budget. */
    async retry(id: string) {
      const row = await repo.retryNow(db, id, clock.now());
      if (row) return presentMessage(row, iso);
      const existing = await repo.findMessage(db, id);
      if (!existing) throw new AppError('OUTBOX_MESSAGE_NOT_FOUND');
      throw new AppError('OUTBOX_NOT_RETRYABLE', { status: existing.status });
    },

    /** What was sent (or is on its way) to the citizen about a dossier; for its detail view. */
    async sentForDossier(dossierId: string) {
      return { items: (await repo.citizenMessagesOf(db, dossierId)).map((m) => presentSent(m, iso)) };
    },

    /**
     * The daily retention (job `outbox-retention`): sent messages `sentDays` after delivery and dead
     * ones `deadDays` after they were written (never with 0: they wait for an administrator's retry)
     * are deleted with their delivery log. Batch by batch, each one statement that commits on its
     * own, so no lock is held for long and, on PGlite, requests run between batches. Pending and
     * sending messages are never touched. The dossier's events stay the lasting record.
     */
    async purgeFinished(asOf: Date) {
      const { sentDays, deadDays, batchSize } = deps.config.retention;
      const detail = { sentDeleted: 0, deadDeleted: 0, deliveriesDeleted: 0, batches: 0 };
      const kinds = [
        { status: 'sent' as const, days: sentDays, counter: 'sentDeleted' as const },
        ...(deadDays > 0 ? [{ status: 'dead' as const, days: deadDays, counter: 'deadDeleted' as const }] : []),
      ];
      const cutoffs: Record<string, string> = {};
      for (const kind of kinds) {
        const before = new Date(asOf.getTime() - kind.days * DAY_MS);
        cutoffs[`${kind.status}Before`] = iso(before)!;
        for (let full = true; full;) {
          const batch = await repo.deleteFinished(db, { status: kind.status, before, limit: batchSize });
          detail.batches++;
          detail[kind.counter] += batch.messages;
          detail.deliveriesDeleted += batch.deliveries;
          full = batch.messages === batchSize;
        }
      }
      return { ...detail, ...cutoffs };
    },

    async messagesForStaff(actor: Actor, dossierId: string) {
      await access.assertVisible(actor, dossierId);
      return this.sentForDossier(dossierId);
    },
  };
}
