import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Wrong passwords per account and client address (issue 9 item 3d): a stranger's guesses lock the
 * account for the stranger's address only. The account-wide ceiling stays on `users`.
 * In the database, not in memory, so that every instance behind a load balancer agrees.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    client: text('client').notNull(),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.client] }), index('login_failures_last_idx').on(t.lastFailureAt)],
);
