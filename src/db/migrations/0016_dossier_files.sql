CREATE TABLE "dossier_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"component_index" integer,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"note" text,
	"step_seq" integer,
	"digitized" boolean DEFAULT false NOT NULL,
	"reused" boolean DEFAULT false NOT NULL,
	"reused_from_id" uuid,
	"imported" boolean DEFAULT false NOT NULL,
	"agency_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid
);
--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_files_dossier_idx" ON "dossier_files" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX "dossier_files_sha256_idx" ON "dossier_files" USING btree ("sha256");