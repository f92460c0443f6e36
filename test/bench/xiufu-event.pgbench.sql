-- The database work of one xiufu case event, as pgbench runs it (npm run bench, part 1: the
-- "same work" column), statement for statement what the case engine sends (case-store.ts): ONE
-- statement that updates the case (snapshot, clocks, the next timer moment; only at the version,
-- the row version (xmin and ctid) and the newest event it has) and, reading from that update, inserts the audit
-- event and, for every other event (the reviewer's turn), the subject's notification, its outbox
-- row and the access register's entry for the reviewer shown the case. The case row with its
-- chain head is read (outside any transaction) only when the row the client holds is not the
-- row stored: at the client's first event, and after an UPDATE that matched nothing, as an API
-- process reads a case it does not remember at the version asked for (run with -D c_fresh=1).
-- What xiufu adds on top of this is its own code: HTTP, validation, the machine, hashing.
-- Client k works case k of its own (as each bench client does), cases set aside for pgbench so
-- xiufu's chains stay intact; the join that finds case k is pgbench's alone (xiufu reads by id).
-- The session look-up is not here: an API process reads a session once in its cache's seconds
-- (session-cache.ts).
\set n :client_id + 1
\set notify random(0, 1)
\if :c_fresh
SELECT c.*, c.xmin::text AS row_xmin, c.ctid::text AS row_ctid, 0 AS fresh, (SELECT head.hash FROM case_events head WHERE head.case_id = c.id AND head.case_opened_at = c.opened_at AND head.seq = c.version) AS head_hash
  FROM cases c JOIN xiufu_bench_same_work w ON w.case_id = c.id WHERE w.n = :n \gset c_
\endif
\if :notify
WITH updated AS (UPDATE cases SET machine_version = :c_machine_version, state = :c_state, status = 'open', outcome = NULL, snapshot = :c_snapshot::jsonb, clock = :c_clock::jsonb, other_clocks = :c_other_clocks::jsonb,
    due_at = now() + interval '20 days', sla_breach_at = now() + interval '20 days', sla_warning_at = now() + interval '17 days', sla_running = true, sla_paused = false,
    next_timer_at = now() + interval '17 days', material_requests = :c_material_requests, updated_at = now(), closed_at = NULL, version = :c_version + 1, assignee_id = :c_opened_by_user_id
  WHERE id = :c_id AND version = :c_version AND xmin = :c_row_xmin::xid AND ctid = :c_row_ctid::tid
    AND EXISTS (SELECT 1 FROM case_events head WHERE head.case_id = cases.id AND head.case_opened_at = cases.opened_at AND head.seq = cases.version AND head.hash = :c_head_hash)
  RETURNING version, xmin::text AS row_xmin, ctid::text AS row_ctid),
  w0 AS (INSERT INTO case_events (case_id, case_opened_at, seq, actor_user_id, actor_role, at, event, from_state, to_state, payload, prev_hash, hash)
    SELECT :c_id, :c_opened_at, :c_version + 1, :c_opened_by_user_id, 'reviewer', now(), 'SUPPLEMENT', :c_state, :c_state, '{"reason": "the same work, through pgbench"}', :c_head_hash, md5(random()::text) || md5(random()::text) FROM updated RETURNING hash),
  w1 AS (INSERT INTO notifications (subject_id, case_id, topic, data, created_at) SELECT :c_subject_id, :c_id, 'material_requested', '{"requested": "The receipt."}', now() FROM updated),
  w2 AS (INSERT INTO outbox (case_id, kind, payload, created_at, available_at) SELECT :c_id, 'notification', '{"topic": "material_requested"}', now(), now() FROM updated),
  w3 AS (INSERT INTO access_log (at, actor_user_id, actor_role, subject_id, case_id, action, purpose) SELECT now(), :c_opened_by_user_id, 'reviewer', :c_subject_id, :c_id, 'view_case', 'review' FROM updated)
  SELECT coalesce(u.version, :c_version) AS version, coalesce(u.row_xmin, '0') AS row_xmin, coalesce(u.row_ctid, '(0,0)') AS row_ctid,
      coalesce((SELECT hash FROM w0), :c_head_hash) AS head_hash, (u.version IS NULL)::int AS fresh
    FROM (SELECT 1) one LEFT JOIN updated u ON true \gset c_
\else
WITH updated AS (UPDATE cases SET machine_version = :c_machine_version, state = :c_state, status = 'open', outcome = NULL, snapshot = :c_snapshot::jsonb, clock = :c_clock::jsonb, other_clocks = :c_other_clocks::jsonb,
    due_at = now() + interval '20 days', sla_breach_at = now() + interval '20 days', sla_warning_at = now() + interval '17 days', sla_running = true, sla_paused = false,
    next_timer_at = now() + interval '17 days', material_requests = :c_material_requests, updated_at = now(), closed_at = NULL, version = :c_version + 1, assignee_id = :c_opened_by_user_id
  WHERE id = :c_id AND version = :c_version AND xmin = :c_row_xmin::xid AND ctid = :c_row_ctid::tid
    AND EXISTS (SELECT 1 FROM case_events head WHERE head.case_id = cases.id AND head.case_opened_at = cases.opened_at AND head.seq = cases.version AND head.hash = :c_head_hash)
  RETURNING version, xmin::text AS row_xmin, ctid::text AS row_ctid),
  w0 AS (INSERT INTO case_events (case_id, case_opened_at, seq, actor_user_id, actor_role, at, event, from_state, to_state, payload, prev_hash, hash)
    SELECT :c_id, :c_opened_at, :c_version + 1, :c_opened_by_user_id, 'citizen', now(), 'SUPPLEMENT', :c_state, :c_state, '{"reason": "the same work, through pgbench"}', :c_head_hash, md5(random()::text) || md5(random()::text) FROM updated RETURNING hash)
  SELECT coalesce(u.version, :c_version) AS version, coalesce(u.row_xmin, '0') AS row_xmin, coalesce(u.row_ctid, '(0,0)') AS row_ctid,
      coalesce((SELECT hash FROM w0), :c_head_hash) AS head_hash, (u.version IS NULL)::int AS fresh
    FROM (SELECT 1) one LEFT JOIN updated u ON true \gset c_
\endif
