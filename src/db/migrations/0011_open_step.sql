ALTER TABLE "dossiers" ADD COLUMN "open_step_seq" integer;--> statement-breakpoint
-- Existing dossiers: the open row of their control slip.
UPDATE "dossiers" d SET "open_step_seq" = (
  SELECT max(s."seq") FROM "dossier_steps" s WHERE s."dossier_id" = d."id" AND s."finished_at" IS NULL
);
