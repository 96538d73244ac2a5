-- Strike Cover schema, version 1: the trust, its people, the rota, imports, and the audit trail.
-- Times: *_utc columns are UTC unix seconds (arithmetic); *_local columns keep the Europe/London
-- wall-clock text the rota was written in (display). Timestamps of events are ISO 8601 UTC text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE trust (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    username     TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL DEFAULT 'coordinator'
                 CHECK (role IN ('coordinator', 'medical_director', 'deputy_medical_director', 'admin', 'system')),
    email        TEXT,
    phone        TEXT,
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE sites (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE departments (
    id       INTEGER PRIMARY KEY,
    site_id  INTEGER NOT NULL REFERENCES sites (id),
    name     TEXT NOT NULL COLLATE NOCASE,
    critical INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0, 1)),
    UNIQUE (site_id, name)
) STRICT;

-- The grade table the trust edits: which staff group each grade belongs to.
CREATE TABLE grades (
    code        TEXT PRIMARY KEY COLLATE NOCASE,
    staff_group TEXT NOT NULL CHECK (staff_group IN ('resident', 'consultant', 'sas', 'other')),
    sort_order  INTEGER NOT NULL DEFAULT 1000
) STRICT;

CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    staff_number   TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    grade          TEXT NOT NULL REFERENCES grades (code),
    -- Set when the rota export names the staff group explicitly; otherwise the grade decides.
    group_override TEXT CHECK (group_override IN ('resident', 'consultant', 'sas', 'other')),
    wtr_opt_out    INTEGER NOT NULL DEFAULT 0 CHECK (wtr_opt_out IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    imported_at TEXT NOT NULL,
    summary     TEXT NOT NULL -- JSON ImportSummary
) STRICT;

-- One rota slot. Natural key: department, start, grade, shift type, end, and the slot number
-- among identical slots. staff_id is the rostered doctor (NULL = vacant); it is the original
-- assignment and is never rewritten by strike handling.
CREATE TABLE duties (
    id             INTEGER PRIMARY KEY,
    department_id  INTEGER NOT NULL REFERENCES departments (id),
    start_utc      INTEGER NOT NULL,
    end_utc        INTEGER NOT NULL CHECK (end_utc > start_utc AND end_utc - start_utc <= 86400),
    grade          TEXT NOT NULL REFERENCES grades (code),
    shift_type     TEXT NOT NULL CHECK (shift_type IN ('day', 'long_day', 'long_evening', 'night', 'on_call', 'leave', 'rest')),
    slot           INTEGER NOT NULL DEFAULT 0,
    duty_date      TEXT NOT NULL, -- local yyyy-mm-dd the duty starts
    start_local    TEXT NOT NULL, -- HH:MM
    end_local      TEXT NOT NULL, -- HH:MM
    shift_code     TEXT,
    staff_id       INTEGER REFERENCES staff (id),
    import_id      INTEGER REFERENCES imports (id),
    removed_import INTEGER REFERENCES imports (id) -- set when a later import no longer lists it
) STRICT;
CREATE UNIQUE INDEX duties_natural_key ON duties (department_id, start_utc, grade, shift_type, end_utc, slot);
CREATE INDEX duties_by_staff ON duties (staff_id, start_utc) WHERE staff_id IS NOT NULL;

-- Append-only audit trail. Each row is chained to the previous one by hash, so a changed or
-- deleted row shows. Written in the same transaction as the change it records.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users (id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT,
    detail    TEXT NOT NULL, -- JSON
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
