-- Issue 12: fewer index entries per outbox row, which every intake writes (schema/outbox.ts).
-- The write path's key is `<dossier id>:<event seq>:<channel>` (outbox.plan.ts), so the unique index on
-- those three replaces both the key's and the dossier's index; a row without dossier or event (written by
-- hand) keeps a unique key through the partial index. `dossier_id` loses its foreign key: the write path
-- writes a message only in its dossier's transaction, and no dossier is deleted. Ids are UUIDv7 from the
-- writer (outbox.repository).
-- The new indexes are built first, while the old constraints still hold, and the drops come last, so the
-- exclusive locks they take (on `outbox`, and on `dossiers` for the foreign key) last only to the commit.
-- Upgrading: the code before this migration inserts with `ON CONFLICT (idempotency_key)`, which fails
-- once the key's constraint is gone: stop every instance of the older release before starting this one
-- (README, Operations). Rows the write path wrote never share a (dossier, event, channel); a database
-- where messages were written by hand can be checked first with
--   select dossier_id, event_seq, channel, count(*) from outbox group by 1, 2, 3 having count(*) > 1;
CREATE UNIQUE INDEX "outbox_event_channel_unique" ON "outbox" USING btree ("dossier_id","event_seq","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key_without_event_unique" ON "outbox" USING btree ("idempotency_key") WHERE "outbox"."dossier_id" is null or "outbox"."event_seq" is null;--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_idempotency_key_unique";--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_dossier_id_dossiers_id_fk";--> statement-breakpoint
DROP INDEX "outbox_dossier_idx";
