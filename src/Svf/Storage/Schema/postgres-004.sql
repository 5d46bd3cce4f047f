-- Schema version 4 (PostgreSQL): a pathway's submission is checked once per statement instead of once per row.
-- The foreign key pathways(submission_id) -> submissions(id) ran its check query for every row a COPY stored, at the
-- end of the COPY while the client waited (about a quarter of a large ingest). These triggers enforce the same rule:
-- every pathway refers to an existing submission (checked after each INSERT or UPDATE statement on pathways, over all
-- its rows at once, locking the submissions FOR KEY SHARE as the foreign key did, so a concurrent delete waits), and a
-- submission that pathways refer to can be neither deleted nor given another id (checked per row, as the foreign key's
-- NO ACTION did). Errors have the foreign key's SQLSTATE 23503 (foreign_key_violation).
ALTER TABLE pathways DROP CONSTRAINT pathways_submission_id_fkey;

CREATE FUNCTION svf_pathways_submission_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids     BIGINT[];
    present INTEGER;
BEGIN
    SELECT array_agg(DISTINCT submission_id) INTO ids FROM new_rows;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT count(*) INTO present FROM (SELECT 1 FROM ONLY submissions WHERE id = ANY (ids) FOR KEY SHARE) s;
    IF present < cardinality(ids) THEN
        RAISE EXCEPTION 'insert or update on table "pathways" violates its reference to "submissions": a submission_id is not present in table "submissions"'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'pathways';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER pathways_submission_insert AFTER INSERT ON pathways
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION svf_pathways_submission_check();
CREATE TRIGGER pathways_submission_update AFTER UPDATE ON pathways
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION svf_pathways_submission_check();

CREATE FUNCTION svf_submission_pathways_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id THEN
        PERFORM 1 FROM ONLY pathways WHERE submission_id = OLD.id LIMIT 1 FOR KEY SHARE;
        IF FOUND THEN
            RAISE EXCEPTION 'update or delete on table "submissions" violates the reference from table "pathways": key (id)=(%) is still referenced', OLD.id
                USING ERRCODE = 'foreign_key_violation', TABLE = 'submissions';
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER submissions_pathways_reference AFTER DELETE OR UPDATE OF id ON submissions
    FOR EACH ROW EXECUTE FUNCTION svf_submission_pathways_check();
