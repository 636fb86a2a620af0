-- Issue 12: outbox retention finds sent messages by delivery time.
CREATE INDEX "outbox_sent_idx" ON "outbox" USING btree ("sent_at") WHERE "outbox"."status" = 'sent';