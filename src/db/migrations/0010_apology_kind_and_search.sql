-- Issue 13: clerks search without tone marks ("Binh" finds "Bình"), by phone digits or ID number.
-- motcua_fold is plain SQL (translate + lower), so PGlite and PostgreSQL fold alike without the
-- unaccent dictionary; combining marks (decomposed input) are dropped too. pg_trgm serves the
-- substring search from a GIN index on both engines.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(translate(t, 'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ̛̣̀́̃̉̆̂', 'aAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAaAeEeEeEeEeEeEeEeEeEeEeEiIiIiIiIiIoOoOoOoOoOoOoOoOoOoOoOoOoOoOoOoOoOuUuUuUuUuUuUuUuUuUuUuUyYyYyYyYyYdD'))
$$;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "apology_kind" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "search_text" text GENERATED ALWAYS AS (motcua_fold(applicant_name || ' ' || coalesce(regexp_replace(applicant->>'phone', '[^0-9]', '', 'g'), '') || ' ' || coalesce(applicant->>'idNumber', ''))) STORED;--> statement-breakpoint
CREATE INDEX "dossiers_search_trgm_idx" ON "dossiers" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- Apologies issued before this migration were all before the due instant (the old rule); without the
-- calendar here, less than 24 hours before it counts as `short`.
UPDATE "dossiers" SET "apology_kind" = CASE
  WHEN "apology_at" >= "due_at" THEN 'late'
  WHEN "apology_at" > "due_at" - interval '24 hours' THEN 'short'
  ELSE 'on_time' END
WHERE "apology_at" IS NOT NULL;