DROP INDEX "cases_opened_idx";--> statement-breakpoint
DROP INDEX "cases_open_due_idx";--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" USING btree ("opened_at","id");--> statement-breakpoint
CREATE INDEX "cases_open_due_idx" ON "cases" USING btree (coalesce("due_at", 'infinity'::timestamptz),"opened_at","id") WHERE "cases"."status" = 'open';