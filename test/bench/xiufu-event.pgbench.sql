-- The database work of one xiufu case event, as pgbench runs it (npm run bench, part 1: the
-- "same work" column): in one transaction the case row with its
-- chain head, the case update carrying the snapshot, the clocks and the next timer moment back
-- (the timers live on the case row: no statement of their own), the audit event, and for every other event
-- a notification, its outbox row and the access register's entry (the reviewer's turn: staff
-- reading the person's case after the event). What xiufu adds on top of this is its own code: HTTP,
-- validation, the machine, hashing, drizzle. Client k works case k of its own (as each bench
-- client does), cases set aside for pgbench so xiufu's chains stay intact. The session look-up
-- is not here: an API process reads a session once in its cache's seconds (session-cache.ts).
\set n :client_id + 1
\set notify random(0, 1)
BEGIN;
SELECT c.*, (SELECT head.hash FROM case_events head WHERE head.case_id = c.id AND head.case_opened_at = c.opened_at AND head.seq = c.version) AS head_hash
  FROM cases c JOIN xiufu_bench_same_work w ON w.case_id = c.id WHERE w.n = :n \gset c_
UPDATE cases SET state = :c_state, status = 'open', outcome = NULL, snapshot = :c_snapshot::jsonb, clock = :c_clock::jsonb, other_clocks = :c_other_clocks::jsonb,
    due_at = now() + interval '20 days', sla_breach_at = now() + interval '20 days', sla_warning_at = now() + interval '17 days', sla_running = true, sla_paused = false,
    next_timer_at = now() + interval '17 days', updated_at = now(), closed_at = NULL, version = :c_version + 1
  WHERE id = :c_id AND version = :c_version RETURNING id;
INSERT INTO case_events (case_id, case_opened_at, seq, actor_user_id, actor_role, at, event, from_state, to_state, payload, prev_hash, hash)
  VALUES (:c_id, :c_opened_at, :c_version + 1, NULL, 'citizen', now(), 'SUPPLEMENT', :c_state, :c_state, '{"reason": "the same work, through pgbench"}', :c_head_hash, md5(random()::text) || md5(random()::text));
\if :notify
INSERT INTO notifications (subject_id, case_id, topic, data, created_at) VALUES (:c_subject_id, :c_id, 'material_requested', '{"requested": "The receipt."}', now());
INSERT INTO outbox (case_id, kind, payload, created_at, available_at) VALUES (:c_id, 'notification', '{"topic": "material_requested"}', now(), now());
INSERT INTO access_log (at, actor_user_id, actor_role, subject_id, case_id, action, purpose) VALUES (now(), :c_opened_by_user_id, 'reviewer', :c_subject_id, :c_id, 'case', 'review');
\endif
END;
