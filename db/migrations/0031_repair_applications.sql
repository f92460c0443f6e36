CREATE TABLE "repair_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"filed_by_user_id" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"commitment" text NOT NULL,
	"routes" jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "application_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_applications" ADD CONSTRAINT "repair_applications_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_applications" ADD CONSTRAINT "repair_applications_filed_by_user_id_users_id_fk" FOREIGN KEY ("filed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_applications_subject_idx" ON "repair_applications" USING btree ("subject_id","filed_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_application_id_repair_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."repair_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_application_idx" ON "cases" USING btree ("application_id") WHERE "cases"."application_id" is not null;