-- Strike Cover schema, version 7: rounds. A walkout may be started from a previous one; it then
-- carries over the previous walkout's ladder (a pin), contact list, department criticality and
-- request wording, never its attempts, marks, fills, intents, gaps, requests or incidents.

-- The walkout this one was started from (NULL: started fresh) and the ladder version it uses
-- (NULL: the trust's latest, as before version 7).
ALTER TABLE walkouts ADD COLUMN previous_id INTEGER REFERENCES walkouts (id);
ALTER TABLE walkouts ADD COLUMN ladder_version_id INTEGER REFERENCES ladder_versions (id);

-- Who to ring in a walkout: agencies, the bank, neighbouring trusts. A removal is a tombstone
-- (removed_at), so what the list said at any time stays readable.
CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    walkout_id INTEGER NOT NULL REFERENCES walkouts (id),
    kind       TEXT NOT NULL CHECK (kind IN ('agency', 'bank', 'trust', 'other')),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    rung_code  TEXT,
    added_by   INTEGER NOT NULL REFERENCES users (id),
    added_at   TEXT NOT NULL,
    removed_by INTEGER REFERENCES users (id),
    removed_at TEXT
) STRICT;
CREATE INDEX contacts_by_walkout ON contacts (walkout_id);

-- A walkout's own department criticality, snapshotted when it is started from a previous one.
-- No row for a walkout: the trust-wide flag (departments.critical) applies.
CREATE TABLE walkout_departments (
    walkout_id    INTEGER NOT NULL REFERENCES walkouts (id),
    department_id INTEGER NOT NULL REFERENCES departments (id),
    critical      INTEGER NOT NULL CHECK (critical IN (0, 1)),
    PRIMARY KEY (walkout_id, department_id)
) STRICT;

-- Request wording carried from a previous walkout, per department and role: JSON of the
-- wording fields only (trigger, clinical risk, consultants' view and who), used to pre-fill the
-- request builder.
CREATE TABLE request_wordings (
    walkout_id       INTEGER NOT NULL REFERENCES walkouts (id),
    department_id    INTEGER NOT NULL REFERENCES departments (id),
    role             TEXT NOT NULL,
    fields           TEXT NOT NULL,
    from_request_id  INTEGER REFERENCES requests (id),
    PRIMARY KEY (walkout_id, department_id, role)
) STRICT;
