-- A notification is a subject's or a staff member's, never both: each index holds only its own rows (issue 17:
-- one index entry fewer per notification).
DROP INDEX "notifications_subject_idx";--> statement-breakpoint
DROP INDEX "notifications_user_idx";--> statement-breakpoint
CREATE INDEX "notifications_subject_idx" ON "notifications" USING btree ("subject_id","created_at") WHERE "notifications"."subject_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."user_id" is not null;