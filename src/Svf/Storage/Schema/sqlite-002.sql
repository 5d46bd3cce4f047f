-- Schema version 2 (SQLite): the regions' yearly reports (redovisningar) and the feedback letters sent on them.
CREATE TABLE region_reports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    year            INTEGER NOT NULL,
    region_code     TEXT    NOT NULL,
    version_no      INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    saved_at        TEXT    NOT NULL,
    saved_by        TEXT    NOT NULL,
    content_json    TEXT    NOT NULL
);
CREATE INDEX ix_region_reports ON region_reports (year, region_code);

CREATE TABLE report_feedback (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    year            INTEGER NOT NULL,
    region_code     TEXT    NOT NULL,
    report_id       INTEGER NULL REFERENCES region_reports(id),
    sent_at         TEXT    NOT NULL,
    sent_by         TEXT    NOT NULL,
    letter_json     TEXT    NOT NULL
);
