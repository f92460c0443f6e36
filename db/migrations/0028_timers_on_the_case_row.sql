-- The timers move onto the case row (issue 17): a case's timers are its clocks' (src/domain/case-timers.ts),
-- and the one moment the workers need, the earliest pending one, is cases.next_timer_at, written with the
-- clocks. What the timers table knew and the clocks did not is carried over before it goes: a warning already
-- sent is recorded on its clock (warnedAt, and warnedDueAt, the due moment it warned of), and a clock written
-- before clocks kept their warning point takes it from its pending warning row. next_timer_at is then
-- computed from the clocks, as nextTimerAtOf does, so a running clock whose rows were missing is not lost.
-- Breaches need nothing: a breached clock already says so (breachedAt). Moments are written as the engine
-- writes them (toISOString). Upgrading across this migration stops every older process first: they write
-- the timers table, which goes here.
ALTER TABLE "cases" ADD COLUMN "next_timer_at" timestamp with time zone;--> statement-breakpoint
CREATE FUNCTION pg_temp.xiufu_iso(at timestamptz) RETURNS jsonb LANGUAGE sql IMMUTABLE
  AS $$ SELECT to_jsonb(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) $$;--> statement-breakpoint
CREATE FUNCTION pg_temp.xiufu_clock_from_timers(case_id uuid, clock jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT clock
    || coalesce((SELECT jsonb_build_object('warnedAt', pg_temp.xiufu_iso(max(w."fired_at")), 'warnedDueAt', clock->'dueAt')
         FROM "timers" w WHERE w."case_id" = $1 AND w."kind" = 'warning' AND w."fired_at" IS NOT NULL
           AND w."deadline" = clock->>'deadline' AND w."due_at" = (clock->>'dueAt')::timestamptz
         HAVING count(*) > 0), '{}'::jsonb)
    || coalesce((SELECT jsonb_build_object('warningAt', pg_temp.xiufu_iso(min(w."fire_at")))
         FROM "timers" w WHERE w."case_id" = $1 AND w."kind" = 'warning' AND w."fired_at" IS NULL AND w."cancelled_at" IS NULL
           AND w."deadline" = clock->>'deadline' AND w."due_at" = (clock->>'dueAt')::timestamptz
           AND clock->>'warningAt' IS NULL
         HAVING count(*) > 0), '{}'::jsonb)
$$;--> statement-breakpoint
UPDATE "cases" c SET "clock" = pg_temp.xiufu_clock_from_timers(c."id", c."clock")
  WHERE c."clock" IS NOT NULL AND c."clock"->>'dueAt' IS NOT NULL
    AND EXISTS (SELECT 1 FROM "timers" w WHERE w."case_id" = c."id" AND w."kind" = 'warning');--> statement-breakpoint
UPDATE "cases" c SET "other_clocks" = (
    SELECT jsonb_agg(CASE WHEN e->>'dueAt' IS NOT NULL THEN pg_temp.xiufu_clock_from_timers(c."id", e) ELSE e END ORDER BY ord)
    FROM jsonb_array_elements(c."other_clocks") WITH ORDINALITY AS x(e, ord))
  WHERE jsonb_array_length(c."other_clocks") > 0
    AND EXISTS (SELECT 1 FROM "timers" w WHERE w."case_id" = c."id" AND w."kind" = 'warning');--> statement-breakpoint
UPDATE "cases" c SET "next_timer_at" = t."at"
  FROM (
    SELECT o."id", min(m."at") AS "at"
    FROM "cases" o
    CROSS JOIN LATERAL (
      SELECT k.e FROM (SELECT o."clock" AS e UNION ALL SELECT x FROM jsonb_array_elements(o."other_clocks") AS x) k
      WHERE k.e IS NOT NULL AND jsonb_typeof(k.e) = 'object'
    ) cl
    CROSS JOIN LATERAL (VALUES
      ((cl.e->>'dueAt')::timestamptz),
      (CASE WHEN cl.e->>'warnedDueAt' IS DISTINCT FROM cl.e->>'dueAt' THEN (cl.e->>'warningAt')::timestamptz END)
    ) AS m("at")
    WHERE o."status" = 'open' AND cl.e->>'dueAt' IS NOT NULL AND cl.e->>'pausedAt' IS NULL
      AND cl.e->>'stoppedAt' IS NULL AND cl.e->>'breachedAt' IS NULL
    GROUP BY o."id"
  ) t
  WHERE t."id" = c."id";--> statement-breakpoint
DROP TABLE "timers" CASCADE;--> statement-breakpoint
CREATE INDEX "cases_next_timer_idx" ON "cases" USING btree ("next_timer_at") WHERE "cases"."next_timer_at" is not null;
