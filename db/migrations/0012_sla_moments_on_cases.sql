ALTER TABLE "cases" ADD COLUMN "sla_breach_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_warning_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_running" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Cases written before this migration get their moments from their clocks' JSON, by the
-- same rules as slaMomentsOf (src/domain/sla.ts).
WITH clocks AS (
	SELECT c.id, k
	FROM "cases" c, jsonb_array_elements(coalesce(jsonb_build_array(c."clock"), '[]'::jsonb) || c."other_clocks") AS k
	WHERE k <> 'null'::jsonb
), moments AS (
	SELECT id,
		min(coalesce((k->>'breachedAt')::timestamptz, CASE WHEN k->>'dueAt' IS NOT NULL AND k->>'stoppedAt' IS NULL AND k->>'pausedAt' IS NULL THEN (k->>'dueAt')::timestamptz END)) AS breach_at,
		min(CASE WHEN k->>'dueAt' IS NOT NULL AND k->>'stoppedAt' IS NULL AND k->>'pausedAt' IS NULL THEN (k->>'warningAt')::timestamptz END) AS warning_at,
		bool_or(k->>'dueAt' IS NOT NULL AND k->>'stoppedAt' IS NULL AND k->>'pausedAt' IS NULL) AS running
	FROM clocks GROUP BY id
)
UPDATE "cases" SET "sla_breach_at" = m.breach_at, "sla_warning_at" = m.warning_at, "sla_running" = coalesce(m.running, false)
FROM moments m WHERE m.id = "cases"."id";--> statement-breakpoint
UPDATE "cases" SET "sla_paused" = true WHERE "clock"->>'pausedAt' IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_open_breach_idx" ON "cases" USING btree ("sla_breach_at") WHERE "cases"."status" = 'open';