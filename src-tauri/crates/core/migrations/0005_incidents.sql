-- Strike Cover schema, version 5: patient safety incidents during industrial action (the
-- placeholder of version 2 was dropped in version 4).
-- An incident is a header (which walkout, who logged it) and append-only versions: an edit is
-- a new version, and the highest version is the current record.
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    walkout_id  INTEGER NOT NULL REFERENCES walkouts (id),
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX incidents_by_walkout ON incidents (walkout_id);

CREATE TABLE incident_versions (
    incident_id   INTEGER NOT NULL REFERENCES incidents (id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    occurred_utc  INTEGER NOT NULL,                           -- when it happened (unix seconds)
    department_id INTEGER NOT NULL REFERENCES departments (id), -- the site is the department's
    gap_id        INTEGER REFERENCES gaps (id),                -- the shift it relates to, if any
    request_id    INTEGER REFERENCES requests (id),            -- the request it relates to, if any
    reference     TEXT NOT NULL DEFAULT '',                    -- LFPSE or Datix reference
    harm          TEXT NOT NULL CHECK (harm IN ('none', 'low', 'moderate', 'severe', 'death')),
    near_miss     INTEGER NOT NULL CHECK (near_miss IN (0, 1)),
    description   TEXT NOT NULL,
    change_reason TEXT NOT NULL DEFAULT '',                    -- why a later version was saved
    saved_by      INTEGER NOT NULL REFERENCES users (id),
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (incident_id, version)
) STRICT;
CREATE INDEX incident_versions_by_department ON incident_versions (department_id, occurred_utc);

CREATE TRIGGER incidents_append_only_u BEFORE UPDATE ON incidents
BEGIN SELECT RAISE(ABORT, 'incidents are append-only: save a new version'); END;
CREATE TRIGGER incidents_append_only_d BEFORE DELETE ON incidents
BEGIN SELECT RAISE(ABORT, 'incidents are append-only: save a new version'); END;
CREATE TRIGGER incident_versions_append_only_u BEFORE UPDATE ON incident_versions
BEGIN SELECT RAISE(ABORT, 'incidents are append-only: save a new version'); END;
CREATE TRIGGER incident_versions_append_only_d BEFORE DELETE ON incident_versions
BEGIN SELECT RAISE(ABORT, 'incidents are append-only: save a new version'); END;
