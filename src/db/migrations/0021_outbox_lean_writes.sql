-- Issue 12: fewer index entries per outbox row, written at the cost of every intake. The message's key is
-- `<dossier id>:<event seq>:<channel>` (outbox.plan.ts), so the unique index on those three replaces both the
-- key's and the dossier's index; `dossier_id` loses its foreign key (the write path writes a message only in
-- its dossier's transaction, and no dossier is deleted); ids are UUIDv7 made by the writer (outbox.repository).
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_idempotency_key_unique";--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_dossier_id_dossiers_id_fk";
--> statement-breakpoint
DROP INDEX "outbox_dossier_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_event_channel_unique" ON "outbox" USING btree ("dossier_id","event_seq","channel");