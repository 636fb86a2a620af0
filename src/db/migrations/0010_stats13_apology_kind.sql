ALTER TABLE "dossiers" ADD COLUMN "apology_kind" text;--> statement-breakpoint
-- Hand-written (issue 13, stats): the per-agency figures read apologies and refusals of a period on
-- every request; without these a period's apologies are a scan of every dossier.
CREATE INDEX IF NOT EXISTS "dossiers_apology_at_idx" ON "dossiers" ("apology_at") WHERE "apology_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "refusals_agency_at_idx" ON "refusals" ("agency_id", "at");
