CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text NOT NULL,
	"error" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "stats_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"period_label" text NOT NULL,
	"window" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"rule_version" text NOT NULL,
	"counts" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"complete" boolean NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_snapshots_key" UNIQUE("period_label","window","rule_version","agency_id")
);
--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "job_runs" USING btree ("job","scheduled_for");