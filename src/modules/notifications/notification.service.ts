import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { dossiers, notifications } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { instantFormatter } from '../../lib/dates.js';
import type { Actor } from '../auth/roles.js';

export type NotificationService = ReturnType<typeof createNotificationService>;

/** What the sweep needs from the dossiers and users modules (through their services). */
export interface SweepSources {
  dueOrOverdue(
    tx: Tx,
    asOf: Date,
  ): Promise<Array<{ id: string; agencyId: string; assigneeId: string | null; dueAt: Date; overdue: boolean }>>;
  leadersIn(tx: Tx, agencyIds: readonly string[]): Promise<Array<{ id: string; agencyId: string }>>;
}

const CHUNK = 1000;

/** The caller's own due-soon and overdue notifications, and the hourly sweep that makes them. */
export function createNotificationService(db: Db, clock: Clock, timeZone: string, sources: SweepSources) {
  const iso = instantFormatter(timeZone);
  return {
    /**
     * Issue 5: a notification for the responsible staff of every running dossier that is overdue or
     * due within one working day — its assignee, or else the leaders of the handling agency — once
     * per dossier, user and kind.
     */
    async sweep(tx: Tx, asOf: Date): Promise<{ notified: number }> {
      const due = await sources.dueOrOverdue(tx, asOf);
      const leaders = new Map<string, string[]>();
      for (const l of await sources.leadersIn(
        tx,
        due.filter((d) => !d.assigneeId).map((d) => d.agencyId),
      )) {
        leaders.set(l.agencyId, [...(leaders.get(l.agencyId) ?? []), l.id]);
      }
      const rows = due.flatMap((d) =>
        (d.assigneeId ? [d.assigneeId] : (leaders.get(d.agencyId) ?? [])).map((userId) => ({
          userId,
          dossierId: d.id,
          kind: d.overdue ? 'overdue' : 'due_soon',
          dueAt: d.dueAt,
          createdAt: asOf,
        })),
      );
      let notified = 0;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const inserted = await tx
          .insert(notifications)
          .values(rows.slice(i, i + CHUNK))
          .onConflictDoNothing()
          .returning({ id: notifications.id });
        notified += inserted.length;
      }
      return { notified };
    },

    async list(actor: Actor, q: { unread?: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(q.cursor, ['instant', 'uuid']);
      const conditions: (SQL | undefined)[] = [eq(notifications.userId, actor.userId)];
      if (q.unread) conditions.push(isNull(notifications.readAt));
      if (after) {
        const [createdAt, id] = after as [string, string];
        conditions.push(
          or(
            lt(notifications.createdAt, new Date(createdAt)),
            and(eq(notifications.createdAt, new Date(createdAt)), lt(notifications.id, id)),
          ),
        );
      }
      const rows = await db
        .select({ n: notifications, code: dossiers.code })
        .from(notifications)
        .innerJoin(dossiers, eq(dossiers.id, notifications.dossierId))
        .where(and(...conditions))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit + 1);
      return toPage(
        rows,
        q.limit,
        (r) => [r.n.createdAt.toISOString(), r.n.id],
        (r) => ({
          id: r.n.id,
          kind: r.n.kind,
          dossierId: r.n.dossierId,
          dossierCode: r.code,
          dueAt: iso(r.n.dueAt),
          createdAt: iso(r.n.createdAt),
          readAt: iso(r.n.readAt),
        }),
      );
    },

    async markRead(actor: Actor, id: string): Promise<void> {
      const rows = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, ${clock.now().toISOString()}::timestamptz)` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
        .returning({ id: notifications.id });
      if (rows.length === 0) throw new AppError('NOTIFICATION_NOT_FOUND');
    },

    async markAllRead(actor: Actor): Promise<void> {
      await db
        .update(notifications)
        .set({ readAt: clock.now() })
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
    },
  };
}
