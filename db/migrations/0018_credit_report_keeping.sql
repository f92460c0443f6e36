CREATE TABLE "record_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event" text NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credit_records" ALTER COLUMN "decision_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "conduct_ended_on" date;--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "deletion_reason" text;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_record_id_credit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."credit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_events" ADD CONSTRAINT "record_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_events_record_idx" ON "record_events" USING btree ("record_id","at");--> statement-breakpoint
CREATE INDEX "record_events_subject_idx" ON "record_events" USING btree ("subject_id","at");--> statement-breakpoint
-- Hand-written: record_events is an audit trail, append-only like case_events (0001).
CREATE FUNCTION record_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'record_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER record_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON record_events
  FOR EACH ROW EXECUTE FUNCTION record_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER record_events_no_truncate
  BEFORE TRUNCATE ON record_events
  FOR EACH STATEMENT EXECUTE FUNCTION record_events_refuse_change();
--> statement-breakpoint
-- Hand-written: stored policy documents said credit-report information was published, counted
-- from publication. That was against the law (征信业管理条例 arts. 16–18), so the stored
-- versions are corrected in place, the one exception to "a policy version never changes":
-- cases keep their version id, and every one of them must stop publishing it.
UPDATE policy_versions
SET document = jsonb_set(
  document #- '{rules,displayPeriodByKind}',
  '{rules,creditReportKeeping}',
  '{"keptMonths": 60, "source": "征信业管理条例 art. 16 (kept 5 years from the end of the conduct, then deleted; never published, arts. 16–18)"}'::jsonb
)
WHERE document -> 'rules' ? 'displayPeriodByKind';
