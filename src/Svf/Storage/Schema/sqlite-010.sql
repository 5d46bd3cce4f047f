-- Schema version 10 (SQLite): portal accounts and API tokens. Passwords are stored only as PasswordHasher hashes, tokens
-- only as SHA-256 of the token; neither can be read back. role is the Svf.Application.Role name.
CREATE TABLE accounts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    username          TEXT    NOT NULL UNIQUE,
    display_name      TEXT    NOT NULL,
    password_hash     TEXT    NULL,
    role              TEXT    NOT NULL,
    region_code       TEXT    NULL,
    rcc_code          TEXT    NULL,
    external_subject  TEXT    NULL UNIQUE,
    is_active         INTEGER NOT NULL,
    created_at        TEXT    NOT NULL,
    created_by        TEXT    NOT NULL
);

CREATE TABLE api_tokens (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    token_sha256   TEXT    NOT NULL UNIQUE,
    label          TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    expires_at     TEXT    NOT NULL,
    revoked_at     TEXT    NULL
);
CREATE INDEX ix_api_tokens_account ON api_tokens (account_id);
