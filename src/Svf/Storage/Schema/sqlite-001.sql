-- Schema version 1 (SQLite). Dates are ISO text (yyyy-MM-dd); timestamps ISO text in UTC; booleans 0/1.
CREATE TABLE submissions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    region_code     TEXT    NOT NULL,
    period          TEXT    NOT NULL,
    period_start    TEXT    NOT NULL,
    period_end      TEXT    NOT NULL,
    version_no      INTEGER NOT NULL,
    file_name       TEXT    NOT NULL,
    content_sha256  TEXT    NOT NULL,
    key_id          TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    received_by     TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    is_current      INTEGER NOT NULL,
    superseded_by   INTEGER NULL REFERENCES submissions(id),
    row_count       INTEGER NOT NULL,
    error_count     INTEGER NOT NULL,
    warning_count   INTEGER NOT NULL,
    feedback_json   TEXT    NOT NULL
);
CREATE INDEX ix_submissions_scope ON submissions (region_code, kind, is_current);

CREATE TABLE pathways (
    submission_id            INTEGER NOT NULL REFERENCES submissions(id),
    row_no                   INTEGER NOT NULL,
    region_code              TEXT    NOT NULL,
    person_key               TEXT    NOT NULL,
    sex                      INTEGER NOT NULL,
    birth_year               INTEGER NOT NULL,
    age                      INTEGER NOT NULL,
    svf_code                 TEXT    NOT NULL,
    suspicion_date           TEXT    NOT NULL,
    first_visit_date         TEXT    NULL,
    treatment_decision_date  TEXT    NULL,
    treatment_start_date     TEXT    NULL,
    treatment_type           TEXT    NULL,
    end_date                 TEXT    NULL,
    outcome                  INTEGER NOT NULL,
    icd10                    TEXT    NULL,
    PRIMARY KEY (submission_id, row_no)
);

CREATE TABLE new_cases (
    submission_id  INTEGER NOT NULL REFERENCES submissions(id),
    row_no         INTEGER NOT NULL,
    region_code    TEXT    NOT NULL,
    svf_code       TEXT    NOT NULL,
    period         TEXT    NOT NULL,
    period_start   TEXT    NOT NULL,
    period_end     TEXT    NOT NULL,
    new_cases      REAL    NOT NULL,
    PRIMARY KEY (submission_id, row_no)
);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    region_code    TEXT    NULL,
    submission_id  INTEGER NULL,
    detail         TEXT    NOT NULL
);
