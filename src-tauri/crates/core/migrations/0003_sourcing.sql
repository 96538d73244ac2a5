-- Strike Cover schema, version 3: working the staffing ladder. The ladder and attempt tables of
-- version 2 were placeholders that nothing wrote; they are replaced here by their real shape.
-- Everything that is evidence (ladder versions, attempts, not-applicable marks, fills, rule
-- versions) is append-only: triggers refuse UPDATE and DELETE, and a correction is a new row
-- that supersedes an old one.

DROP TABLE attempt_gaps;
DROP TABLE attempts;
DROP TABLE ladder_rungs;
DROP TABLE ladder_versions;

-- A version of the ladder of staffing sources. created_by NULL: the built-in default.
CREATE TABLE ladder_versions (
    id         INTEGER PRIMARY KEY,
    note       TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;

-- A rung of one ladder version. `code` is stable across versions (attempts logged under an old
-- version still count for the same rung in a newer one).
CREATE TABLE ladder_rungs (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES ladder_versions (id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    required    INTEGER NOT NULL CHECK (required IN (0, 1)),
    UNIQUE (version_id, position),
    UNIQUE (version_id, code)
) STRICT;

INSERT INTO ladder_versions (id, note, created_by, created_at)
VALUES (1, 'Built-in default (domain reference)', NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

INSERT INTO ladder_rungs (version_id, position, code, name, description, required) VALUES
(1, 1, 'elective', 'Cancel or move non-urgent elective work',
    'Free doctors by moving planned work; record what elective work was kept and why.', 1),
(1, 2, 'urgent', 'Move urgent cases to the days either side',
    'Reschedule urgent cases away from the strike days where it is safe.', 1),
(1, 3, 'incentive', 'Incentives for doctors who are not striking',
    'Offer enhanced rates to non-striking doctors; record the rate offered.', 1),
(1, 4, 'redeploy', 'Redeploy non-striking doctors',
    'Move non-striking doctors from non-emergency work.', 1),
(1, 5, 'consultant', 'Consultants acting down or extra shifts',
    'Voluntary and paid at the agreed rate.', 1),
(1, 6, 'sas', 'SAS doctors',
    'Voluntary: job plans and leave are protected.', 1),
(1, 7, 'locum', 'Bank and agency locums',
    'Internal bank first; agency within the price cap, or break glass with chief executive sign-off at £100 an hour or more.', 1),
(1, 8, 'mutual_aid', 'Mutual aid and other staff groups',
    'Neighbouring trusts; other staff groups where clinically safe.', 1),
(1, 9, 'incident', 'Internal or critical incident declared',
    'Record whether an internal or critical incident has been declared.', 1);

-- One attempt to find cover, for one gap or a group of gaps (one agency call about six nights
-- counts for all six). A correction or a later outcome is a new row that supersedes this one;
-- each row can be superseded once.
CREATE TABLE attempts (
    id            INTEGER PRIMARY KEY,
    walkout_id    INTEGER NOT NULL REFERENCES walkouts (id),
    rung_id       INTEGER NOT NULL REFERENCES ladder_rungs (id),
    contact_kind  TEXT NOT NULL CHECK (contact_kind IN ('doctor', 'agency', 'bank', 'trust', 'manager', 'other')),
    asked         TEXT NOT NULL,
    asked_staff   INTEGER REFERENCES staff (id),
    asked_at      TEXT NOT NULL, -- ISO 8601 UTC
    channel       TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'text', 'in_person', 'bank_system', 'other')),
    rate_pence_per_hour INTEGER CHECK (rate_pence_per_hour IS NULL OR rate_pence_per_hour >= 0),
    outcome       TEXT NOT NULL CHECK (outcome IN ('asked', 'accepted', 'declined', 'no_reply', 'unavailable', 'partly')),
    reply_by      TEXT, -- ISO 8601 UTC: for no reply, the time by which an answer was needed
    notes         TEXT NOT NULL DEFAULT '',
    supersedes    INTEGER UNIQUE REFERENCES attempts (id),
    logged_by     INTEGER NOT NULL REFERENCES users (id),
    logged_at     TEXT NOT NULL
) STRICT;

CREATE TABLE attempt_gaps (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    gap_id     INTEGER NOT NULL REFERENCES gaps (id),
    accepted   INTEGER NOT NULL DEFAULT 0 CHECK (accepted IN (0, 1)),
    PRIMARY KEY (attempt_id, gap_id)
) STRICT;
CREATE INDEX attempt_gaps_by_gap ON attempt_gaps (gap_id);

-- A rung marked not applicable to a group of gaps (with the reason), or applicable again.
-- The latest mark for a gap and rung code wins.
CREATE TABLE rung_marks (
    id             INTEGER PRIMARY KEY,
    walkout_id     INTEGER NOT NULL REFERENCES walkouts (id),
    rung_code      TEXT NOT NULL,
    not_applicable INTEGER NOT NULL CHECK (not_applicable IN (0, 1)),
    reason         TEXT NOT NULL,
    marked_by      INTEGER NOT NULL REFERENCES users (id),
    marked_at      TEXT NOT NULL
) STRICT;

CREATE TABLE rung_mark_gaps (
    mark_id INTEGER NOT NULL REFERENCES rung_marks (id),
    gap_id  INTEGER NOT NULL REFERENCES gaps (id),
    PRIMARY KEY (mark_id, gap_id)
) STRICT;
CREATE INDEX rung_mark_gaps_by_gap ON rung_mark_gaps (gap_id);

-- Versions of the working-time rules' numbers (JSON: RuleSetting list with sources).
-- No row: the built-in defaults (version 0).
CREATE TABLE rule_sets (
    id         INTEGER PRIMARY KEY,
    settings   TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
) STRICT;

-- How a gap was covered, or that the cover fell through (kind 'release'). The latest row for a
-- gap wins. The rostered doctor on the duty is never changed.
CREATE TABLE fills (
    id              INTEGER PRIMARY KEY,
    gap_id          INTEGER NOT NULL REFERENCES gaps (id),
    kind            TEXT NOT NULL CHECK (kind IN ('fill', 'release')),
    rung_id         INTEGER REFERENCES ladder_rungs (id),
    staff_id        INTEGER REFERENCES staff (id),
    external_name   TEXT,
    external_org    TEXT,
    attempt_id      INTEGER REFERENCES attempts (id),
    rule_set_id     INTEGER REFERENCES rule_sets (id), -- NULL: built-in rules
    override_rules  TEXT,  -- JSON: the rules broken, when filled with an explicit override
    override_reason TEXT,
    reason          TEXT,  -- why a fill was released
    filled_by       INTEGER NOT NULL REFERENCES users (id),
    filled_at       TEXT NOT NULL,
    CHECK (kind = 'release' OR (rung_id IS NOT NULL AND (staff_id IS NOT NULL OR external_name IS NOT NULL)))
) STRICT;
CREATE INDEX fills_by_gap ON fills (gap_id);
CREATE INDEX fills_by_staff ON fills (staff_id) WHERE staff_id IS NOT NULL;

-- Which grade may cover which: a doctor may cover a duty whose grade's level is at most their
-- own grade's. NULL: the built-in level for the grade code.
ALTER TABLE grades ADD COLUMN cover_level INTEGER CHECK (cover_level IS NULL OR cover_level BETWEEN 1 AND 9);

CREATE TRIGGER ladder_versions_append_only_u BEFORE UPDATE ON ladder_versions
BEGIN SELECT RAISE(ABORT, 'ladder versions are append-only'); END;
CREATE TRIGGER ladder_versions_append_only_d BEFORE DELETE ON ladder_versions
BEGIN SELECT RAISE(ABORT, 'ladder versions are append-only'); END;
CREATE TRIGGER ladder_rungs_append_only_u BEFORE UPDATE ON ladder_rungs
BEGIN SELECT RAISE(ABORT, 'ladder versions are append-only'); END;
CREATE TRIGGER ladder_rungs_append_only_d BEFORE DELETE ON ladder_rungs
BEGIN SELECT RAISE(ABORT, 'ladder versions are append-only'); END;
CREATE TRIGGER attempts_append_only_u BEFORE UPDATE ON attempts
BEGIN SELECT RAISE(ABORT, 'the attempt log is append-only: log a correction instead'); END;
CREATE TRIGGER attempts_append_only_d BEFORE DELETE ON attempts
BEGIN SELECT RAISE(ABORT, 'the attempt log is append-only: log a correction instead'); END;
CREATE TRIGGER attempt_gaps_append_only_u BEFORE UPDATE ON attempt_gaps
BEGIN SELECT RAISE(ABORT, 'the attempt log is append-only: log a correction instead'); END;
CREATE TRIGGER attempt_gaps_append_only_d BEFORE DELETE ON attempt_gaps
BEGIN SELECT RAISE(ABORT, 'the attempt log is append-only: log a correction instead'); END;
CREATE TRIGGER rung_marks_append_only_u BEFORE UPDATE ON rung_marks
BEGIN SELECT RAISE(ABORT, 'rung marks are append-only'); END;
CREATE TRIGGER rung_marks_append_only_d BEFORE DELETE ON rung_marks
BEGIN SELECT RAISE(ABORT, 'rung marks are append-only'); END;
CREATE TRIGGER rung_mark_gaps_append_only_u BEFORE UPDATE ON rung_mark_gaps
BEGIN SELECT RAISE(ABORT, 'rung marks are append-only'); END;
CREATE TRIGGER rung_mark_gaps_append_only_d BEFORE DELETE ON rung_mark_gaps
BEGIN SELECT RAISE(ABORT, 'rung marks are append-only'); END;
CREATE TRIGGER fills_append_only_u BEFORE UPDATE ON fills
BEGIN SELECT RAISE(ABORT, 'fills are append-only: record a release instead'); END;
CREATE TRIGGER fills_append_only_d BEFORE DELETE ON fills
BEGIN SELECT RAISE(ABORT, 'fills are append-only: record a release instead'); END;
CREATE TRIGGER rule_sets_append_only_u BEFORE UPDATE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'rule versions are append-only'); END;
CREATE TRIGGER rule_sets_append_only_d BEFORE DELETE ON rule_sets
BEGIN SELECT RAISE(ABORT, 'rule versions are append-only'); END;
