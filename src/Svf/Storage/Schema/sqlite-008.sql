-- Schema version 8 (SQLite): SKR's aggregate waiting-time figures (docs/skr-reconciliation.md). Each delivery is a
-- version; the newest accepted one is current and replaces the earlier ones, which stay in the history.
CREATE TABLE skr_imports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    version_no      INTEGER NOT NULL,
    file_name       TEXT    NOT NULL,
    content_sha256  TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    received_by     TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    is_current      INTEGER NOT NULL,
    superseded_by   INTEGER NULL REFERENCES skr_imports(id),
    row_count       INTEGER NOT NULL,
    feedback_json   TEXT    NOT NULL
);

CREATE TABLE skr_figures (
    import_id         INTEGER NOT NULL REFERENCES skr_imports(id),
    row_no            INTEGER NOT NULL,
    region_code       TEXT    NOT NULL,
    svf_code          TEXT    NOT NULL,
    sex               TEXT    NOT NULL,
    period            TEXT    NOT NULL,
    started           INTEGER NULL,
    completed         INTEGER NULL,
    treated           INTEGER NULL,
    within_limit      INTEGER NULL,
    lead_time_median  REAL    NULL,
    PRIMARY KEY (import_id, row_no)
);
