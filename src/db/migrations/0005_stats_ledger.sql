-- Facts the period statistics (domain B4) read in one SQL pass: the deadline as it stood before each
-- pause, the agency that first handled a dossier, and how many transfers and pauses it had.
ALTER TABLE "dossier_pauses" ADD COLUMN "due_before" timestamp with time zone;--> statement-breakpoint
UPDATE "dossier_pauses" p SET "due_before" = d."due_at" FROM "dossiers" d WHERE d."id" = p."dossier_id";--> statement-breakpoint
ALTER TABLE "dossier_pauses" ALTER COLUMN "due_before" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "initial_agency_id" uuid;--> statement-breakpoint
UPDATE "dossiers" d SET "initial_agency_id" = coalesce(
  (SELECT s."agency_id" FROM "dossier_steps" s WHERE s."dossier_id" = d."id" ORDER BY s."seq" LIMIT 1), d."agency_id");--> statement-breakpoint
ALTER TABLE "dossiers" ALTER COLUMN "initial_agency_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "transfer_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "dossiers" d SET "transfer_count" = t.n FROM (
  SELECT "dossier_id", count(*)::int AS n FROM "dossier_events" WHERE "type" = 'transfer' GROUP BY 1) t WHERE t."dossier_id" = d."id";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "pause_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "dossiers" d SET "pause_count" = t.n FROM (
  SELECT "dossier_id", count(*)::int AS n FROM "dossier_pauses" GROUP BY 1) t WHERE t."dossier_id" = d."id";--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_initial_agency_id_agencies_id_fk" FOREIGN KEY ("initial_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;
