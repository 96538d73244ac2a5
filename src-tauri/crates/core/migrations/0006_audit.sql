-- Strike Cover schema, version 6: a tamper-evident audit trail, and links from audit rows to
-- the walkouts, shifts (duties) and requests they concern, for the audit viewer's filters.
--
-- Rows written before this version keep their original hash (scheme 1: hash = SHA-256 of the
-- previous hash and the fields). Nothing is re-hashed here, so nothing already written is
-- re-blessed: `audit verify` checks them under their own formula. Rows written from now on use
-- scheme 2 (store/audit.rs): content_hash = SHA-256 of the row's content, and
-- hash = SHA-256 of (id, prev_hash, content_hash). The first scheme-2 row chains from the last
-- scheme-1 row, so the trail stays one chain.

ALTER TABLE audit ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2));
ALTER TABLE audit ADD COLUMN content_hash TEXT;

-- The head of the chain: the last row the app wrote and its hash, updated in the same
-- transaction as every append. A chain alone cannot show that its last rows were deleted; the
-- head can. `legacy_through` is the last row written under scheme 1 (0: none), fixed here.
CREATE TABLE audit_head (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    last_id        INTEGER NOT NULL,
    last_hash      TEXT NOT NULL,
    legacy_through INTEGER NOT NULL
) STRICT;

INSERT INTO audit_head (id, last_id, last_hash, legacy_through)
SELECT 1,
       coalesce(max(id), 0),
       coalesce((SELECT hash FROM audit ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000'),
       coalesce(max(id), 0)
FROM audit;

-- The head only moves forward, and is never removed.
CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN NEW.last_id <= OLD.last_id OR NEW.legacy_through <> OLD.legacy_through
BEGIN
    SELECT RAISE(ABORT, 'the audit head only moves forward');
END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- What each audit row is about, derived when the row is appended (store/audit.rs `subjects`).
-- kind: 'walkout' (walkouts.id), 'duty' (duties.id: a gap is a walkout's duty), 'request'.
CREATE TABLE audit_subjects (
    kind     TEXT NOT NULL CHECK (kind IN ('walkout', 'duty', 'request')),
    value    INTEGER NOT NULL,
    audit_id INTEGER NOT NULL REFERENCES audit (id),
    PRIMARY KEY (kind, value, audit_id)
) STRICT;
CREATE INDEX audit_subjects_by_row ON audit_subjects (audit_id);

CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE INDEX audit_by_user ON audit (user_id, id);
CREATE INDEX audit_by_at ON audit (at);

-- Links for the rows already written (the same rules as store/audit.rs `subjects`).
INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT 'walkout', json_extract(detail, '$.walkout'), id FROM audit
WHERE json_valid(detail) AND json_type(detail, '$.walkout') = 'integer';

INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT 'walkout', CAST(entity_id AS INTEGER), id FROM audit
WHERE entity = 'walkout' AND entity_id GLOB '[0-9]*';

INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT 'duty', json_extract(detail, '$.duty'), id FROM audit
WHERE json_valid(detail) AND json_type(detail, '$.duty') = 'integer';

INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT 'duty', j.value, a.id FROM audit a, json_each(a.detail, '$.duties') j
WHERE json_valid(a.detail) AND json_type(a.detail, '$.duties') = 'array' AND j.type = 'integer';

INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT 'request', CAST(entity_id AS INTEGER), id FROM audit
WHERE entity = 'request' AND entity_id GLOB '[0-9]*';

INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT 'walkout', r.walkout_id, a.id FROM audit a JOIN requests r ON r.id = CAST(a.entity_id AS INTEGER)
WHERE a.entity = 'request' AND a.entity_id GLOB '[0-9]*';

INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id)
SELECT DISTINCT 'duty', g.duty_id, a.id
FROM audit a
JOIN request_gaps rg ON rg.request_id = CAST(a.entity_id AS INTEGER)
JOIN gaps g ON g.id = rg.gap_id
WHERE a.entity = 'request' AND a.entity_id GLOB '[0-9]*';
