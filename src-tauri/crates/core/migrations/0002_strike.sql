-- Strike Cover schema, version 2: walkouts, gaps, the staffing ladder and attempts, derogation
-- requests with approvals and decisions, incidents. Later versions refine these as the features
-- that use them are built.

CREATE TABLE walkouts (
    id          INTEGER PRIMARY KEY,
    body        TEXT NOT NULL,          -- BMA, HCSA, RCN, or free text
    title       TEXT NOT NULL,
    start_utc   INTEGER NOT NULL,
    end_utc     INTEGER NOT NULL CHECK (end_utc > start_utc),
    notice_date TEXT,                   -- local yyyy-mm-dd notice was given
    undeclared_uncovered INTEGER NOT NULL DEFAULT 1 CHECK (undeclared_uncovered IN (0, 1)),
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL
) STRICT;

-- Staff groups or grades a walkout affects (one row each).
CREATE TABLE walkout_scope (
    walkout_id  INTEGER NOT NULL REFERENCES walkouts (id),
    staff_group TEXT CHECK (staff_group IN ('resident', 'consultant', 'sas', 'other')),
    grade       TEXT REFERENCES grades (code),
    CHECK ((staff_group IS NULL) <> (grade IS NULL))
) STRICT;

CREATE TABLE intents (
    walkout_id INTEGER NOT NULL REFERENCES walkouts (id),
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    intent     TEXT NOT NULL CHECK (intent IN ('striking', 'working', 'undeclared')),
    set_by     INTEGER NOT NULL REFERENCES users (id),
    set_at     TEXT NOT NULL,
    PRIMARY KEY (walkout_id, staff_id)
) STRICT;

-- What people recorded about a duty in a walkout. The derivation of gaps is recomputed from
-- the rota and intents; these rows keep the human record across recomputation.
CREATE TABLE gaps (
    id          INTEGER PRIMARY KEY,
    walkout_id  INTEGER NOT NULL REFERENCES walkouts (id),
    duty_id     INTEGER NOT NULL REFERENCES duties (id),
    status      TEXT NOT NULL CHECK (status IN ('uncovered', 'sourcing', 'covered', 'requested', 'not_uncovered')),
    manual      INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    reason      TEXT,
    marked_by   INTEGER REFERENCES users (id),
    marked_at   TEXT,
    UNIQUE (walkout_id, duty_id)
) STRICT;

-- Versioned ladder of staffing sources.
CREATE TABLE ladder_versions (
    id         INTEGER PRIMARY KEY,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE ladder_rungs (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES ladder_versions (id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    required    INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    UNIQUE (version_id, position)
) STRICT;

-- Append-only log of attempts to find cover. A correction supersedes an earlier row.
CREATE TABLE attempts (
    id            INTEGER PRIMARY KEY,
    rung_id       INTEGER NOT NULL REFERENCES ladder_rungs (id),
    asked         TEXT NOT NULL,
    asked_staff   INTEGER REFERENCES staff (id),
    asked_at      TEXT NOT NULL,
    channel       TEXT NOT NULL,
    rate_pence_per_hour INTEGER CHECK (rate_pence_per_hour IS NULL OR rate_pence_per_hour >= 0),
    outcome       TEXT NOT NULL,
    notes         TEXT,
    supersedes    INTEGER REFERENCES attempts (id),
    logged_by     INTEGER NOT NULL REFERENCES users (id),
    logged_at     TEXT NOT NULL
) STRICT;

CREATE TABLE attempt_gaps (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    gap_id     INTEGER NOT NULL REFERENCES gaps (id),
    PRIMARY KEY (attempt_id, gap_id)
) STRICT;

CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    walkout_id     INTEGER NOT NULL REFERENCES walkouts (id),
    department_id  INTEGER NOT NULL REFERENCES departments (id),
    role           TEXT NOT NULL,
    doctors        INTEGER NOT NULL CHECK (doctors > 0),
    content        TEXT NOT NULL, -- JSON: the request's canonical content
    content_hash   TEXT NOT NULL,
    status         TEXT NOT NULL,
    decision_due   TEXT,
    created_by     INTEGER NOT NULL REFERENCES users (id),
    created_at     TEXT NOT NULL
) STRICT;

CREATE TABLE request_gaps (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    gap_id     INTEGER NOT NULL REFERENCES gaps (id),
    PRIMARY KEY (request_id, gap_id)
) STRICT;

-- An approval is bound to the hash of exactly the content the approver saw.
CREATE TABLE approvals (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    content_hash TEXT NOT NULL,
    approver     INTEGER NOT NULL REFERENCES users (id),
    approved_at  TEXT NOT NULL
) STRICT;

CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES requests (id),
    status       TEXT NOT NULL CHECK (status IN ('granted', 'declined', 'withdrawn', 'not_decided', 'revoked')),
    decided_at   TEXT NOT NULL,
    scope        TEXT,
    reasons      TEXT,
    recorded_by  INTEGER NOT NULL REFERENCES users (id),
    recorded_at  TEXT NOT NULL
) STRICT;

CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    walkout_id   INTEGER REFERENCES walkouts (id),
    request_id   INTEGER REFERENCES requests (id),
    department_id INTEGER REFERENCES departments (id),
    occurred_at  TEXT NOT NULL,
    harm         TEXT NOT NULL,
    description  TEXT NOT NULL,
    recorded_by  INTEGER NOT NULL REFERENCES users (id),
    recorded_at  TEXT NOT NULL
) STRICT;
