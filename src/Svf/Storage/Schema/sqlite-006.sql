-- Schema version 6 (SQLite): locked payment decisions (one per agreement year). The record holds what the assessment
-- read (submission and report versions), the rules file and reference data (content and SHA-256), the parameters and
-- policy, every condition with its evidence, and the amounts; the files keep the exported tables and the console text
-- byte for byte. Nothing here is ever updated: corrections that arrive later are flagged "after lock" by time.
CREATE TABLE assessment_decisions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    year                INTEGER NOT NULL UNIQUE,
    locked_at           TEXT    NOT NULL,
    locked_by           TEXT    NOT NULL,
    policy              TEXT    NOT NULL,
    rules_sha256        TEXT    NOT NULL,
    reference_sha256    TEXT    NOT NULL,
    result_fingerprint  TEXT    NOT NULL,
    record_sha256       TEXT    NOT NULL,
    record_json         TEXT    NOT NULL
);

CREATE TABLE assessment_decision_inputs (
    decision_id    INTEGER NOT NULL REFERENCES assessment_decisions(id),
    input_kind     TEXT    NOT NULL,
    input_id       INTEGER NOT NULL,
    region_code    TEXT    NOT NULL,
    period         TEXT    NOT NULL,
    version_no     INTEGER NOT NULL,
    received_at    TEXT    NOT NULL,
    PRIMARY KEY (decision_id, input_kind, input_id)
);

CREATE TABLE assessment_decision_files (
    decision_id    INTEGER NOT NULL REFERENCES assessment_decisions(id),
    name           TEXT    NOT NULL,
    sha256         TEXT    NOT NULL,
    content        BLOB    NOT NULL,
    PRIMARY KEY (decision_id, name)
);
