import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { notifications, dossiers } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import type { Actor } from '../auth/roles.js';

export type NotificationService = ReturnType<typeof createNotificationService>;

/** The caller's own due-soon and overdue notifications (made by the hourly sweep). */
export function createNotificationService(db: Db, clock: Clock) {
  return {
    async list(actor: Actor, q: { unread?: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(q.cursor, ['instant', 'uuid']);
      const conditions: (SQL | undefined)[] = [eq(notifications.userId, actor.userId)];
      if (q.unread) conditions.push(isNull(notifications.readAt));
      if (after) {
        const [createdAt, id] = after as [string, string];
        conditions.push(or(lt(notifications.createdAt, new Date(createdAt)), and(eq(notifications.createdAt, new Date(createdAt)), lt(notifications.id, id))));
      }
      const rows = await db.select({ n: notifications, code: dossiers.code }).from(notifications)
        .innerJoin(dossiers, eq(dossiers.id, notifications.dossierId))
        .where(and(...conditions)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(q.limit + 1);
      return toPage(rows, q.limit, (r) => [r.n.createdAt.toISOString(), r.n.id], (r) => ({
        id: r.n.id, kind: r.n.kind, dossierId: r.n.dossierId, dossierCode: r.code, dueAt: r.n.dueAt.toISOString(),
        createdAt: r.n.createdAt.toISOString(), readAt: r.n.readAt?.toISOString() ?? null,
      }));
    },

    async markRead(actor: Actor, id: string): Promise<void> {
      const rows = await db.update(notifications).set({ readAt: sql`coalesce(${notifications.readAt}, ${clock.now().toISOString()}::timestamptz)` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId))).returning({ id: notifications.id });
      if (rows.length === 0) throw new AppError('NOTIFICATION_NOT_FOUND');
    },

    async markAllRead(actor: Actor): Promise<void> {
      await db.update(notifications).set({ readAt: clock.now() }).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
    },
  };
}
