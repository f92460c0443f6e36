ALTER TABLE "attachments" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "filed_from_address_lookup" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "filed_from_address_masked" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "on_behalf_relation" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "authorisation_rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "authorisation_rejected_by" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "authorisation_rejected_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "contact_phone_sealed" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "contact_phone_lookup" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "contact_phone_masked" text;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_authorisation_rejected_by_users_id_fk" FOREIGN KEY ("authorisation_rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_opened_by_idx" ON "cases" USING btree ("opened_by_user_id") WHERE "cases"."on_behalf_relation" is not null;--> statement-breakpoint
CREATE INDEX "cases_contact_phone_idx" ON "cases" USING btree ("contact_phone_lookup") WHERE "cases"."contact_phone_lookup" is not null;