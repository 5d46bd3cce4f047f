-- Schema version 5 (PostgreSQL): the pseudonymisation key this database is built with (its key id, never the key).
-- Recorded on first use; a submission pseudonymised with another key is refused, since its person keys would not link
-- with those already stored (see docs/submission-format.md, section 5). One row at most.
CREATE TABLE pseudonym_key (
    id           INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    key_id       TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    recorded_by  TEXT        NOT NULL
);
-- A database that already holds submissions is bound to the key of the newest one.
INSERT INTO pseudonym_key (id, key_id, recorded_at, recorded_by)
SELECT 1, key_id, received_at, 'schema 5 (from submission ' || id || ')' FROM submissions ORDER BY id DESC LIMIT 1;
