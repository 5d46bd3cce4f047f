-- Schema version 7 (SQLite): the RCC's special-investment reports (docs/special-investments.md). One import = one RCC,
-- one agreement year, one version; the newest accepted version is current and the earlier ones stay in the history.
CREATE TABLE investment_imports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    rcc_code        TEXT    NOT NULL,
    year            INTEGER NOT NULL,
    version_no      INTEGER NOT NULL,
    file_name       TEXT    NOT NULL,
    content_sha256  TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    received_by     TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    is_current      INTEGER NOT NULL,
    superseded_by   INTEGER NULL REFERENCES investment_imports(id),
    feedback_json   TEXT    NOT NULL
);
CREATE INDEX ix_investment_imports_scope ON investment_imports (rcc_code, year, is_current);

CREATE TABLE investment_areas (
    import_id         INTEGER NOT NULL REFERENCES investment_imports(id),
    area              TEXT    NOT NULL,
    criteria          TEXT    NOT NULL,
    amount_passed_on  INTEGER NOT NULL,
    PRIMARY KEY (import_id, area)
);

CREATE TABLE investment_projects (
    import_id         INTEGER NOT NULL REFERENCES investment_imports(id),
    row_no            INTEGER NOT NULL,
    project_id        TEXT    NOT NULL,
    area              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    responsible_unit  TEXT    NOT NULL,
    regions           TEXT    NOT NULL,
    amount            INTEGER NOT NULL,
    start_date        TEXT    NOT NULL,
    end_date          TEXT    NULL,
    aim               TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    results           TEXT    NULL,
    affected_svf      TEXT    NULL,
    good_example      INTEGER NOT NULL,
    PRIMARY KEY (import_id, row_no)
);
