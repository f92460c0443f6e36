-- The audit chain is append-only: the database itself refuses to change or remove an event,
-- whoever asks (the application role included). Verification (GET /cases/{id}/audit/verify)
-- finds what someone with superuser rights alters behind this.
CREATE FUNCTION case_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_no_update_or_delete
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate
  BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_refuse_change();
