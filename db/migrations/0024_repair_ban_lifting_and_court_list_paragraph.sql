ALTER TABLE "credit_records" ADD COLUMN "court_list_paragraph" integer;--> statement-breakpoint
ALTER TABLE "repair_bans" ADD COLUMN "lifted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_bans" ADD COLUMN "lifted_by_case_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_bans" ADD COLUMN "lift_reason" text;--> statement-breakpoint
ALTER TABLE "repair_bans" ADD CONSTRAINT "repair_bans_lifted_by_case_id_cases_id_fk" FOREIGN KEY ("lifted_by_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;