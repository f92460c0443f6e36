-- The audit table's key is (case_id, seq, case_opened_at), which was already unique: one event per version
-- of a case, the partition key beside it. The serial id's own key, which nothing read, goes, so an event writes
-- one index entry fewer (issue 17). Every partition gets the key from the parent.
DROP INDEX "case_events_case_seq_idx";--> statement-breakpoint
ALTER TABLE "case_events" DROP CONSTRAINT "case_events_id_case_opened_at_pk";--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_seq_case_opened_at_pk" PRIMARY KEY("case_id","seq","case_opened_at");