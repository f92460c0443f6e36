CREATE TABLE "decision_notices" (
	"code" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"event_seq" integer NOT NULL,
	"kind" text NOT NULL,
	"undoes" boolean NOT NULL,
	"content" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "filed_from_address" text;--> statement-breakpoint
ALTER TABLE "decision_notices" ADD CONSTRAINT "decision_notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_notices_case_event_idx" ON "decision_notices" USING btree ("case_id","event_seq");