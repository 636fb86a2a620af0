-- Issue 13: clerks search by the beginnings of words ("ng van b" finds "Nguyễn Văn Bình"), by a phone
-- or ID number, or by a phone's last four digits. The trigram index of 0010 answered slowly whenever
-- a common surname was part of the query (every "Nguyễn" shares its trigrams; 40 % of names) and its
-- selectivity estimates were far off, so the planner picked bad plans. A word index instead: every
-- prefix of every word is a lexeme of its own, so a query is an AND of exact lexemes, which the GIN
-- index intersects from the rarest one and the planner estimates from the column's statistics of
-- most common elements. Plain SQL (no dictionary, no extension), so PGlite and PostgreSQL agree.
CREATE OR REPLACE FUNCTION motcua_search_words(folded text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array(
    SELECT DISTINCT t FROM (
      -- words that start with a letter: every prefix; numbers: whole
      SELECT left(w, n) AS t
        FROM regexp_split_to_table(folded, '[^a-z0-9]+') AS w, generate_series(1, length(w)) AS n
       WHERE w ~ '^[a-z]' OR n = length(w)
      UNION ALL
      -- the last four digits of a phone or ID number, as a clerk often asks for them
      SELECT right(w, 4) FROM regexp_split_to_table(folded, '[^a-z0-9]+') AS w WHERE w ~ '^[0-9]{5,}$'
    ) AS s WHERE t <> ''
  ), '{}'))
$$;--> statement-breakpoint
DROP INDEX "dossiers_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "dossiers" DROP COLUMN "search_text";--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "search_words" tsvector GENERATED ALWAYS AS (motcua_search_words(motcua_fold(applicant_name || ' ' || coalesce(regexp_replace(applicant->>'phone', '[^0-9]', '', 'g'), '') || ' ' || coalesce(applicant->>'idNumber', '')))) STORED;--> statement-breakpoint
CREATE INDEX "dossiers_search_words_idx" ON "dossiers" USING gin ("search_words");
