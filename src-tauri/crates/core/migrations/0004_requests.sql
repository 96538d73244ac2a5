-- Strike Cover schema, version 4: derogation requests, their versions, approvals, decisions,
-- recalls and issued documents; user profiles with roles and passphrases.
-- The request tables of version 2 were placeholders that nothing wrote; they are replaced here.
-- This migration runs with foreign-key enforcement off (it rebuilds `users`); the migration
-- runner checks `PRAGMA foreign_key_check` before it commits.

DROP TABLE incidents; -- placeholder of version 2, never written; the incidents issue brings its real shape
DROP TABLE decisions;
DROP TABLE approvals;
DROP TABLE request_gaps;
DROP TABLE requests;

-- Profiles gain a viewer role and a passphrase (an Argon2id PHC string: salted and slow).
CREATE TABLE users_v4 (
    id                INTEGER PRIMARY KEY,
    username          TEXT NOT NULL UNIQUE,
    display_name      TEXT NOT NULL,
    role              TEXT NOT NULL DEFAULT 'coordinator'
                      CHECK (role IN ('coordinator', 'medical_director', 'deputy_medical_director', 'viewer', 'admin', 'system')),
    email             TEXT,
    phone             TEXT,
    created_at        TEXT NOT NULL,
    passphrase_hash   TEXT,
    passphrase_set_at TEXT
) STRICT;
INSERT INTO users_v4 (id, username, display_name, role, email, phone, created_at)
    SELECT id, username, display_name, role, email, phone, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_v4 RENAME TO users;

-- A request. `status`, `version`, `decision_due_utc`, `sent_*` mirror the latest of its
-- append-only versions and events (kept in the same transaction) so lists need no replay.
CREATE TABLE requests (
    id               INTEGER PRIMARY KEY,
    walkout_id       INTEGER NOT NULL REFERENCES walkouts (id),
    department_id    INTEGER NOT NULL REFERENCES departments (id),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'awaiting_approval', 'approved', 'sent',
                     'granted', 'declined', 'withdrawn', 'not_decided', 'revoked')),
    version          INTEGER NOT NULL,
    decision_due_utc INTEGER,
    sent_at_utc      INTEGER,
    sent_to          TEXT,
    created_by       INTEGER NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX requests_by_walkout ON requests (walkout_id);

-- Every version's input and canonical content with its SHA-256. Append-only.
CREATE TABLE request_versions (
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    input        TEXT NOT NULL, -- JSON RequestInput
    content      TEXT NOT NULL, -- canonical JSON RequestContent
    content_hash TEXT NOT NULL,
    created_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (request_id, version)
) STRICT;

-- The gaps each version asks for. Append-only.
CREATE TABLE request_gaps (
    request_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    gap_id     INTEGER NOT NULL REFERENCES gaps (id),
    PRIMARY KEY (request_id, version, gap_id),
    FOREIGN KEY (request_id, version) REFERENCES request_versions (request_id, version)
) STRICT;
CREATE INDEX request_gaps_by_gap ON request_gaps (gap_id);

-- Each step of a request's life. `at_utc` is when it happened as the user says (a decision's
-- time); `recorded_at` when it was written. Append-only.
CREATE TABLE request_events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    version     INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'submitted', 'returned', 'approved',
                'sent', 'granted', 'declined', 'withdrawn', 'not_decided', 'revoked', 'recalled', 'exported')),
    at_utc      INTEGER NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    comment     TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}', -- JSON
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX request_events_by_request ON request_events (request_id, id);

-- An approval is bound to the hash of exactly the content the approver saw. Append-only.
CREATE TABLE approvals (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    approver     INTEGER NOT NULL REFERENCES users (id),
    approved_at  TEXT NOT NULL,
    FOREIGN KEY (request_id, version) REFERENCES request_versions (request_id, version)
) STRICT;
CREATE INDEX approvals_by_request ON approvals (request_id, version);

-- Decisions and later events on a sent request. Append-only; the latest row wins.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id),
    kind            TEXT NOT NULL CHECK (kind IN ('granted', 'declined', 'withdrawn', 'not_decided', 'revoked')),
    decided_at_utc  INTEGER NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    granted_doctors INTEGER,
    granted_duties  TEXT NOT NULL DEFAULT '[]', -- JSON duty ids
    recorded_by     INTEGER NOT NULL REFERENCES users (id),
    recorded_at     TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_by_request ON decisions (request_id, id);

-- Doctors recalled under a grant, shift by shift. Append-only; the latest row for a gap wins.
CREATE TABLE recalls (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    gap_id      INTEGER NOT NULL REFERENCES gaps (id),
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    recorded_by INTEGER NOT NULL REFERENCES users (id),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX recalls_by_request ON recalls (request_id);

-- Every document exported for a request, with the SHA-256 of the bytes written. Append-only.
CREATE TABLE issued_documents (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('pdf', 'json', 'email', 'ics')),
    sha256       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    approved     INTEGER NOT NULL CHECK (approved IN (0, 1)),
    issued_by    INTEGER NOT NULL REFERENCES users (id),
    issued_at    TEXT NOT NULL,
    FOREIGN KEY (request_id, version) REFERENCES request_versions (request_id, version)
) STRICT;
CREATE INDEX issued_documents_by_sha ON issued_documents (sha256);

CREATE TRIGGER request_versions_append_only_u BEFORE UPDATE ON request_versions
BEGIN SELECT RAISE(ABORT, 'request versions are append-only: save a new version'); END;
CREATE TRIGGER request_versions_append_only_d BEFORE DELETE ON request_versions
BEGIN SELECT RAISE(ABORT, 'request versions are append-only: save a new version'); END;
CREATE TRIGGER request_gaps_append_only_u BEFORE UPDATE ON request_gaps
BEGIN SELECT RAISE(ABORT, 'request versions are append-only: save a new version'); END;
CREATE TRIGGER request_gaps_append_only_d BEFORE DELETE ON request_gaps
BEGIN SELECT RAISE(ABORT, 'request versions are append-only: save a new version'); END;
CREATE TRIGGER request_events_append_only_u BEFORE UPDATE ON request_events
BEGIN SELECT RAISE(ABORT, 'a request''s history is append-only'); END;
CREATE TRIGGER request_events_append_only_d BEFORE DELETE ON request_events
BEGIN SELECT RAISE(ABORT, 'a request''s history is append-only'); END;
CREATE TRIGGER approvals_append_only_u BEFORE UPDATE ON approvals
BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
CREATE TRIGGER approvals_append_only_d BEFORE DELETE ON approvals
BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
CREATE TRIGGER decisions_append_only_u BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decisions_append_only_d BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER recalls_append_only_u BEFORE UPDATE ON recalls
BEGIN SELECT RAISE(ABORT, 'recalls are append-only'); END;
CREATE TRIGGER recalls_append_only_d BEFORE DELETE ON recalls
BEGIN SELECT RAISE(ABORT, 'recalls are append-only'); END;
CREATE TRIGGER issued_documents_append_only_u BEFORE UPDATE ON issued_documents
BEGIN SELECT RAISE(ABORT, 'issued documents are append-only'); END;
CREATE TRIGGER issued_documents_append_only_d BEFORE DELETE ON issued_documents
BEGIN SELECT RAISE(ABORT, 'issued documents are append-only'); END;
