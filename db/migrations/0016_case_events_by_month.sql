-- case_events becomes a table partitioned by the month its case was opened (UTC months).
-- A case's whole chain lives in one partition: a trail reads from one place, a month of old
-- cases archives as whole chains, and (case_id, seq, case_opened_at) is as unique as
-- (case_id, seq) was, since case_opened_at is fixed per case.
-- Partitions exist from the month of the first case to two months ahead; the application makes
-- the next ones ahead of time (src/services/case-event-partitions.ts) through the function
-- below, and a row no partition covers lands in case_events_default rather than failing.
-- On a large database this copies every event once: plan it (docs/DEPLOYMENT.md).
ALTER TABLE "case_events" RENAME TO "case_events_unpartitioned";--> statement-breakpoint
ALTER TABLE "case_events_unpartitioned" RENAME CONSTRAINT "case_events_pkey" TO "case_events_unpartitioned_pkey";--> statement-breakpoint
ALTER INDEX "case_events_case_seq_idx" RENAME TO "case_events_unpartitioned_case_seq_idx";--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigint NOT NULL DEFAULT nextval('case_events_id_seq'),
	"case_id" uuid NOT NULL,
	"case_opened_at" timestamp with time zone NOT NULL,
	"seq" integer NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"payload" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "case_events_id_case_opened_at_pk" PRIMARY KEY ("id", "case_opened_at")
) PARTITION BY RANGE ("case_opened_at");--> statement-breakpoint
ALTER SEQUENCE "case_events_id_seq" OWNED BY "case_events"."id";--> statement-breakpoint
CREATE TABLE "case_events_default" PARTITION OF "case_events" DEFAULT;--> statement-breakpoint
-- Makes the partition of the month `month` falls in, unless it exists; false when it cannot
-- because the default partition already holds rows of that month (they stay there).
CREATE FUNCTION case_events_make_partition(month date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  month_start date := date_trunc('month', month)::date;
  part_name text := 'case_events_' || to_char(month_start, 'YYYY_MM');
  low timestamptz := (month_start::text || ' 00:00:00+00')::timestamptz;
  high timestamptz := ((month_start + interval '1 month')::date::text || ' 00:00:00+00')::timestamptz;
BEGIN
  -- Processes starting together make the same months: one at a time.
  PERFORM pg_advisory_xact_lock(hashtext('case_events_make_partition'));
  IF to_regclass(part_name) IS NOT NULL THEN RETURN true; END IF;
  IF EXISTS (SELECT 1 FROM case_events_default WHERE case_opened_at >= low AND case_opened_at < high) THEN RETURN false; END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF case_events FOR VALUES FROM (%L) TO (%L)', part_name, low, high);
  -- Row triggers are cloned from the parent; a TRUNCATE of the partition itself is refused here.
  EXECUTE format('CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION case_events_refuse_change()', part_name);
  RETURN true;
EXCEPTION
  -- A row of that month reached the default partition after the check above.
  WHEN check_violation THEN RETURN false;
END;
$$;--> statement-breakpoint
SELECT case_events_make_partition(month::date)
FROM generate_series(
  date_trunc('month', coalesce((SELECT min(opened_at) FROM cases), now()) AT TIME ZONE 'UTC'),
  date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
  interval '1 month'
) AS month;--> statement-breakpoint
INSERT INTO "case_events" ("id", "case_id", "case_opened_at", "seq", "actor_user_id", "actor_role", "at", "event", "from_state", "to_state", "payload", "prev_hash", "hash")
SELECT e."id", e."case_id", c."opened_at", e."seq", e."actor_user_id", e."actor_role", e."at", e."event", e."from_state", e."to_state", e."payload", e."prev_hash", e."hash"
FROM "case_events_unpartitioned" e JOIN "cases" c ON c."id" = e."case_id";--> statement-breakpoint
DROP TABLE "case_events_unpartitioned";--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_case_seq_idx" ON "case_events" USING btree ("case_id", "seq", "case_opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_id_opened_idx" ON "cases" USING btree ("id", "opened_at");--> statement-breakpoint
-- The partition key is the case's own opening moment, and the database holds it so: this is
-- what makes (case_id, seq, case_opened_at) exactly as unique as (case_id, seq).
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_fk" FOREIGN KEY ("case_id", "case_opened_at") REFERENCES "public"."cases"("id", "opened_at") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER case_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_refuse_change();--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate
  BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_refuse_change();--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events_default FOR EACH STATEMENT EXECUTE FUNCTION case_events_refuse_change();
