CREATE TABLE "lookup_failures" (
	"code" text PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"phone4_failures" integer DEFAULT 0 NOT NULL,
	"phone4_locked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone NOT NULL
);
