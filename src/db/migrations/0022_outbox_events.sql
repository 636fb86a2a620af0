-- Issue 12: an event's messages are planned by the dispatcher, not in the event's transaction. The write
-- path writes one row per event here (the channels it owes, the event and the dossier as it left it); the
-- dispatcher's planning round renders its messages into `outbox`, with the dossier's code, and deletes the
-- row (schema/outbox.ts).
-- Upgrading: the release before this one writes and claims `outbox.code_placeholder`, dropped below: stop
-- every instance of it before starting this one (README, Operations). The lock keeps one still running
-- from writing a placeholder between the UPDATE and the DROP.
LOCK TABLE "outbox" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"event_seq" integer NOT NULL,
	"context" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
-- Messages are now written with their dossier's code. An intake's messages written before this release
-- and not claimed yet still hold the placeholder (migration 0020): the code goes in here, in the payload
-- only, as their first claim would have put it.
UPDATE "outbox" o SET "payload" = replace(o."payload"::text, o."code_placeholder", d."code")::jsonb, "code_placeholder" = NULL
FROM "dossiers" d WHERE o."code_placeholder" IS NOT NULL AND d."id" = o."dossier_id";--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "code_placeholder";
