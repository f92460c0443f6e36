-- The case row's index set, leaner (issue 17). cases_open_breach_idx goes: no query could use it (the
-- SLA status is a CASE over the SLA columns, sla-status-sql.ts). The "asked again" index named the
-- snapshot and updated_at, which every event changes, so no update of a case could stay HOT; it now
-- names a count of its own (material_requests, written by the engine from the machine's context).
-- And the table leaves room on each page (fillfactor 85) for the new version of a row an update that
-- changes no indexed column writes beside the old (a HOT update: no index entries at all).
DROP INDEX "cases_open_breach_idx";--> statement-breakpoint
DROP INDEX "cases_open_asked_again_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "material_requests" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "cases" SET "material_requests" = jsonb_array_length("snapshot"->'context'->'materialRequests')
  WHERE jsonb_typeof("snapshot"->'context'->'materialRequests') = 'array'
    AND jsonb_array_length("snapshot"->'context'->'materialRequests') > 0;--> statement-breakpoint
CREATE INDEX "cases_open_asked_again_idx" ON "cases" USING btree ("material_requests" DESC NULLS LAST,"opened_at","id") WHERE "cases"."status" = 'open' and "cases"."material_requests" > 1;--> statement-breakpoint
ALTER TABLE "cases" SET (fillfactor = 85);
