-- Issue 12: at intake the messages are written before the dossier's code is taken (domain B6); the
-- dispatcher's first claim puts the code where this placeholder stands in the payload.
ALTER TABLE "outbox" ADD COLUMN "code_placeholder" text;