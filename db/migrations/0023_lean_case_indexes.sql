DROP INDEX "cases_due_idx";--> statement-breakpoint
DROP INDEX "cases_parent_idx";--> statement-breakpoint
CREATE INDEX "cases_parent_idx" ON "cases" USING btree ("parent_case_id") WHERE "cases"."parent_case_id" is not null;