import { integer, pgTable, text, timestamp, date } from 'drizzle-orm/pg-core';

/**
 * Failed public lookups per dossier code, across every client (issue 9 item 3): the code-wide
 * ceiling for PIN guesses per day and the lock of the weak factor (the phone's last four digits),
 * which doubles with each failure. In the database so that every instance agrees. Only codes that
 * exist get a row; unknown codes are left to the per-address limit.
 */
export const lookupFailures = pgTable('lookup_failures', {
  code: text('code').primaryKey(),
  day: date('day').notNull(),
  /** Wrong second factors of any kind on `day`. */
  failures: integer('failures').notNull().default(0),
  /** Wrong phone digits ever: the exponent of the phone lock. */
  phone4Failures: integer('phone4_failures').notNull().default(0),
  phone4LockedUntil: timestamp('phone4_locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});
