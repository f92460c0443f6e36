-- The timers move onto the case row (issue 17): a case's timers are its clocks' (src/domain/case-timers.ts),
-- and the one moment the workers need, the earliest pending one, is cases.next_timer_at, written with the
-- clocks. What the timers table knew is carried over before it goes: a warning already sent is recorded on
-- its clock (warnedAt, and the due moment it warned of), and each case's earliest pending timer becomes its
-- next_timer_at. Breaches need nothing: a breached clock already says so (breachedAt).
ALTER TABLE "cases" ADD COLUMN "next_timer_at" timestamp with time zone;--> statement-breakpoint
UPDATE "cases" c SET "clock" = c."clock" || jsonb_build_object('warnedAt', to_jsonb(w."fired_at"), 'warnedDueAt', c."clock"->'dueAt')
  FROM "timers" w
  WHERE w."case_id" = c."id" AND w."kind" = 'warning' AND w."fired_at" IS NOT NULL
    AND c."clock" IS NOT NULL AND c."clock"->>'dueAt' IS NOT NULL
    AND w."deadline" = c."clock"->>'deadline' AND w."due_at" = (c."clock"->>'dueAt')::timestamptz;--> statement-breakpoint
UPDATE "cases" c SET "other_clocks" = (
    SELECT jsonb_agg(
      CASE WHEN e->>'dueAt' IS NOT NULL AND EXISTS (
          SELECT 1 FROM "timers" w WHERE w."case_id" = c."id" AND w."kind" = 'warning' AND w."fired_at" IS NOT NULL
            AND w."deadline" = e->>'deadline' AND w."due_at" = (e->>'dueAt')::timestamptz)
        THEN e || jsonb_build_object('warnedAt', to_jsonb(now()), 'warnedDueAt', e->'dueAt')
        ELSE e END
      ORDER BY ord)
    FROM jsonb_array_elements(c."other_clocks") WITH ORDINALITY AS x(e, ord))
  WHERE jsonb_array_length(c."other_clocks") > 0
    AND EXISTS (SELECT 1 FROM "timers" w WHERE w."case_id" = c."id" AND w."kind" = 'warning' AND w."fired_at" IS NOT NULL);--> statement-breakpoint
UPDATE "cases" c SET "next_timer_at" = p."fire_at"
  FROM (SELECT "case_id", min("fire_at") AS "fire_at" FROM "timers" WHERE "fired_at" IS NULL AND "cancelled_at" IS NULL GROUP BY "case_id") p
  WHERE p."case_id" = c."id" AND c."status" = 'open';--> statement-breakpoint
DROP TABLE "timers" CASCADE;--> statement-breakpoint
CREATE INDEX "cases_next_timer_idx" ON "cases" USING btree ("next_timer_at") WHERE "cases"."next_timer_at" is not null;
