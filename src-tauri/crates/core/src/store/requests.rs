//! Request storage: requests, their append-only versions, events, approvals, decisions, recalls
//! and issued documents; user profiles and passphrases.

use crate::error::{Error, Result};
use crate::requests::{DecisionKind, DocKind, RequestStatus, Role};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use std::collections::HashMap;
use std::str::FromStr;

fn parse_enum<T: FromStr<Err = String>>(idx: usize, s: String) -> rusqlite::Result<T> {
    T::from_str(&s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, e.into())
    })
}

/// A request's current state (mirrors its latest version and events).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RequestRow {
    pub id: i64,
    pub walkout_id: i64,
    pub department_id: i64,
    pub status: RequestStatus,
    pub version: u32,
    pub decision_due: Option<i64>,
    pub sent_at: Option<i64>,
    pub sent_to: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

const REQUEST_COLS: &str = "r.id, r.walkout_id, r.department_id, r.status, r.version,
    r.decision_due_utc, r.sent_at_utc, r.sent_to, u.username, r.created_at
    FROM requests r JOIN users u ON u.id = r.created_by";

fn request_row(r: &Row<'_>) -> rusqlite::Result<RequestRow> {
    Ok(RequestRow {
        id: r.get(0)?,
        walkout_id: r.get(1)?,
        department_id: r.get(2)?,
        status: parse_enum(3, r.get(3)?)?,
        version: r.get(4)?,
        decision_due: r.get(5)?,
        sent_at: r.get(6)?,
        sent_to: r.get(7)?,
        created_by: r.get(8)?,
        created_at: r.get(9)?,
    })
}

pub(crate) fn request(conn: &Connection, id: i64) -> Result<RequestRow> {
    conn.query_row(
        &format!("SELECT {REQUEST_COLS} WHERE r.id = ?1"),
        [id],
        request_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: format!("request DR-{id}"),
    })
}

/// Requests, newest first; of one walkout or all.
pub(crate) fn requests(conn: &Connection, walkout_id: Option<i64>) -> Result<Vec<RequestRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REQUEST_COLS} WHERE (?1 IS NULL OR r.walkout_id = ?1) ORDER BY r.id DESC"
    ))?;
    let rows = stmt.query_map([walkout_id], request_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_request(
    tx: &Transaction<'_>,
    walkout_id: i64,
    department_id: i64,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO requests (walkout_id, department_id, status, version, created_by, created_at)
         VALUES (?1, ?2, 'draft', 0, ?3, ?4)",
        params![walkout_id, department_id, user_id, now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Puts the mirrored state of a request (status, version, deadline, sending).
pub(crate) fn set_request_state(tx: &Transaction<'_>, r: &RequestRow) -> Result<()> {
    tx.execute(
        "UPDATE requests SET status = ?2, version = ?3, decision_due_utc = ?4, sent_at_utc = ?5,
         sent_to = ?6 WHERE id = ?1",
        params![
            r.id,
            r.status.as_str(),
            r.version,
            r.decision_due,
            r.sent_at,
            r.sent_to
        ],
    )?;
    Ok(())
}

/// One stored version.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VersionRow {
    pub version: u32,
    pub input: String,
    pub content: String,
    pub content_hash: String,
    pub created_by: String,
    pub created_at: String,
}

pub(crate) struct NewVersion<'a> {
    pub request_id: i64,
    pub version: u32,
    pub input: &'a str,
    pub content: &'a str,
    pub content_hash: &'a str,
    pub gap_ids: &'a [i64],
}

pub(crate) fn insert_version(
    tx: &Transaction<'_>,
    v: &NewVersion<'_>,
    user_id: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO request_versions (request_id, version, input, content, content_hash, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![v.request_id, v.version, v.input, v.content, v.content_hash, user_id, now],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO request_gaps (request_id, version, gap_id) VALUES (?1, ?2, ?3)",
    )?;
    for g in v.gap_ids {
        stmt.execute(params![v.request_id, v.version, g])?;
    }
    Ok(())
}

pub(crate) fn version(conn: &Connection, request_id: i64, version: u32) -> Result<VersionRow> {
    conn.query_row(
        "SELECT v.version, v.input, v.content, v.content_hash, u.username, v.created_at
         FROM request_versions v JOIN users u ON u.id = v.created_by
         WHERE v.request_id = ?1 AND v.version = ?2",
        params![request_id, version],
        |r| {
            Ok(VersionRow {
                version: r.get(0)?,
                input: r.get(1)?,
                content: r.get(2)?,
                content_hash: r.get(3)?,
                created_by: r.get(4)?,
                created_at: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: format!("version {version} of request DR-{request_id}"),
    })
}

/// Every (request, version) whose content has this hash.
pub(crate) fn versions_with_hash(conn: &Connection, hash: &str) -> Result<Vec<(i64, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT request_id, version FROM request_versions WHERE content_hash = ?1 ORDER BY request_id, version",
    )?;
    let rows = stmt.query_map([hash], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) struct NewEvent<'a> {
    pub request_id: i64,
    pub version: u32,
    pub kind: &'a str,
    pub at: i64,
    pub comment: &'a str,
    pub detail: &'a serde_json::Value,
}

pub(crate) fn insert_event(
    tx: &Transaction<'_>,
    e: &NewEvent<'_>,
    user_id: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO request_events (request_id, version, kind, at_utc, user_id, comment, detail, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            e.request_id,
            e.version,
            e.kind,
            e.at,
            user_id,
            e.comment,
            e.detail.to_string(),
            now
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventRow {
    pub version: u32,
    pub kind: String,
    pub at: i64,
    pub by: String,
    pub comment: String,
    pub detail: String,
}

pub(crate) fn events(conn: &Connection, request_id: i64) -> Result<Vec<EventRow>> {
    let mut stmt = conn.prepare(
        "SELECT e.version, e.kind, e.at_utc, u.display_name, e.comment, e.detail
         FROM request_events e JOIN users u ON u.id = e.user_id
         WHERE e.request_id = ?1 ORDER BY e.id",
    )?;
    let rows = stmt.query_map([request_id], |r| {
        Ok(EventRow {
            version: r.get(0)?,
            kind: r.get(1)?,
            at: r.get(2)?,
            by: r.get(3)?,
            comment: r.get(4)?,
            detail: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_approval(
    tx: &Transaction<'_>,
    request_id: i64,
    version: u32,
    content_hash: &str,
    approver: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO approvals (request_id, version, content_hash, approver, approved_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![request_id, version, content_hash, approver, now],
    )?;
    Ok(())
}

/// An approval with the approver's profile.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApprovalRow {
    pub approver: String,
    pub role: Role,
    pub phone: String,
    pub email: String,
    pub approved_at: String,
}

/// The approval of exactly this version and content, if any.
pub(crate) fn approval(
    conn: &Connection,
    request_id: i64,
    version: u32,
    content_hash: &str,
) -> Result<Option<ApprovalRow>> {
    Ok(conn
        .query_row(
            "SELECT u.display_name, u.role, coalesce(u.phone, ''), coalesce(u.email, ''), a.approved_at
             FROM approvals a JOIN users u ON u.id = a.approver
             WHERE a.request_id = ?1 AND a.version = ?2 AND a.content_hash = ?3
             ORDER BY a.id DESC LIMIT 1",
            params![request_id, version, content_hash],
            |r| {
                Ok(ApprovalRow {
                    approver: r.get(0)?,
                    role: parse_enum(1, r.get(1)?)?,
                    phone: r.get(2)?,
                    email: r.get(3)?,
                    approved_at: r.get(4)?,
                })
            },
        )
        .optional()?)
}

pub(crate) struct NewDecision<'a> {
    pub request_id: i64,
    pub kind: DecisionKind,
    pub at: i64,
    pub reason: &'a str,
    pub granted_doctors: Option<u32>,
    pub granted_duties: &'a [i64],
}

pub(crate) fn insert_decision(
    tx: &Transaction<'_>,
    d: &NewDecision<'_>,
    user_id: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO decisions (request_id, kind, decided_at_utc, reason, granted_doctors, granted_duties, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            d.request_id,
            d.kind.as_str(),
            d.at,
            d.reason,
            d.granted_doctors,
            serde_json::to_string(d.granted_duties)?,
            user_id,
            now
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DecisionRow {
    pub kind: DecisionKind,
    pub at: i64,
    pub reason: String,
    pub granted_doctors: Option<u32>,
    pub granted_duties: Vec<i64>,
}

fn decision_row(r: &Row<'_>) -> rusqlite::Result<DecisionRow> {
    let duties: String = r.get(4)?;
    Ok(DecisionRow {
        kind: parse_enum(0, r.get(0)?)?,
        at: r.get(1)?,
        reason: r.get(2)?,
        granted_doctors: r.get(3)?,
        granted_duties: serde_json::from_str(&duties).unwrap_or_default(),
    })
}

/// Every decision on a request, oldest first.
pub(crate) fn decisions(conn: &Connection, request_id: i64) -> Result<Vec<DecisionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, decided_at_utc, reason, granted_doctors, granted_duties FROM decisions
         WHERE request_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([request_id], decision_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each request's latest decision time.
pub(crate) fn decided_at(conn: &Connection) -> Result<HashMap<i64, i64>> {
    let mut stmt = conn.prepare(
        "SELECT request_id, decided_at_utc FROM decisions d
         WHERE id = (SELECT max(id) FROM decisions WHERE request_id = d.request_id)",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_recall(
    tx: &Transaction<'_>,
    request_id: i64,
    gap_id: i64,
    staff_id: i64,
    user_id: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO recalls (request_id, gap_id, staff_id, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![request_id, gap_id, staff_id, user_id, now],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RecallRow {
    pub request_id: i64,
    pub duty_id: i64,
    pub staff_id: i64,
    pub doctor: String,
    pub staff_number: String,
    pub at: String,
    pub by: String,
}

/// The recalls in force (latest per gap) of one request, or of every granted request of a
/// walkout.
pub(crate) fn recalls(
    conn: &Connection,
    request_id: Option<i64>,
    walkout_id: Option<i64>,
) -> Result<Vec<RecallRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rc.request_id, g.duty_id, rc.staff_id, st.name, st.staff_number, rc.recorded_at, u.display_name
         FROM recalls rc JOIN gaps g ON g.id = rc.gap_id JOIN staff st ON st.id = rc.staff_id
         JOIN users u ON u.id = rc.recorded_by JOIN requests r ON r.id = rc.request_id
         WHERE (?1 IS NULL OR rc.request_id = ?1)
           AND (?2 IS NULL OR (r.walkout_id = ?2 AND r.status = 'granted'))
           AND rc.id = (SELECT max(id) FROM recalls WHERE request_id = rc.request_id AND gap_id = rc.gap_id)
         ORDER BY g.duty_id",
    )?;
    let rows = stmt.query_map(params![request_id, walkout_id], |r| {
        Ok(RecallRow {
            request_id: r.get(0)?,
            duty_id: r.get(1)?,
            staff_id: r.get(2)?,
            doctor: r.get(3)?,
            staff_number: r.get(4)?,
            at: r.get(5)?,
            by: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) struct NewIssued<'a> {
    pub request_id: i64,
    pub version: u32,
    pub kind: DocKind,
    pub sha256: &'a str,
    pub content_hash: &'a str,
    pub approved: bool,
}

pub(crate) fn insert_issued(
    tx: &Transaction<'_>,
    d: &NewIssued<'_>,
    user_id: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO issued_documents (request_id, version, kind, sha256, content_hash, approved, issued_by, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            d.request_id,
            d.version,
            d.kind.as_str(),
            d.sha256,
            d.content_hash,
            d.approved,
            user_id,
            now
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IssuedRow {
    pub request_id: i64,
    pub version: u32,
    pub kind: DocKind,
    pub sha256: String,
    pub content_hash: String,
    pub approved: bool,
    pub by: String,
    pub at: String,
}

fn issued_row(r: &Row<'_>) -> rusqlite::Result<IssuedRow> {
    Ok(IssuedRow {
        request_id: r.get(0)?,
        version: r.get(1)?,
        kind: parse_enum(2, r.get(2)?)?,
        sha256: r.get(3)?,
        content_hash: r.get(4)?,
        approved: r.get(5)?,
        by: r.get(6)?,
        at: r.get(7)?,
    })
}

const ISSUED_COLS: &str = "d.request_id, d.version, d.kind, d.sha256, d.content_hash, d.approved,
    u.display_name, d.issued_at FROM issued_documents d JOIN users u ON u.id = d.issued_by";

pub(crate) fn issued(conn: &Connection, request_id: i64) -> Result<Vec<IssuedRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ISSUED_COLS} WHERE d.request_id = ?1 ORDER BY d.id"
    ))?;
    let rows = stmt.query_map([request_id], issued_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn issued_with_sha(conn: &Connection, sha256: &str) -> Result<Option<IssuedRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {ISSUED_COLS} WHERE d.sha256 = ?1 ORDER BY d.id DESC LIMIT 1"),
            [sha256],
            issued_row,
        )
        .optional()?)
}

// ---------------------------------------------------------------------------------------------
// User profiles

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub email: String,
    pub phone: String,
    pub passphrase_hash: Option<String>,
}

const USER_COLS: &str =
    "id, username, display_name, role, coalesce(email, ''), coalesce(phone, ''),
    passphrase_hash FROM users";

fn user_row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    let role: String = r.get(3)?;
    Ok(UserRow {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        // The built-in 'system' user acts as an administrator.
        role: if role == "system" {
            Role::Admin
        } else {
            parse_enum(3, role)?
        },
        email: r.get(4)?,
        phone: r.get(5)?,
        passphrase_hash: r.get(6)?,
    })
}

/// Every profile except the built-in system user, by display name.
pub(crate) fn users(conn: &Connection) -> Result<Vec<UserRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {USER_COLS} WHERE role <> 'system' ORDER BY display_name COLLATE NOCASE, username"
    ))?;
    let rows = stmt.query_map([], user_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn user_by_name(conn: &Connection, username: &str) -> Result<Option<UserRow>> {
    Ok(conn
        .query_row(
            &format!("SELECT {USER_COLS} WHERE username = ?1"),
            [username],
            user_row,
        )
        .optional()?)
}

pub(crate) struct UserFields<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub email: &'a str,
    pub phone: &'a str,
}

/// Creates or changes a profile; returns its id.
pub(crate) fn save_user(tx: &Transaction<'_>, u: &UserFields<'_>, now: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO users (username, display_name, role, email, phone, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name,
             role = excluded.role, email = excluded.email, phone = excluded.phone",
        params![
            u.username,
            u.display_name,
            u.role.as_str(),
            u.email,
            u.phone,
            now
        ],
    )?;
    Ok(tx.query_row(
        "SELECT id FROM users WHERE username = ?1",
        [u.username],
        |r| r.get(0),
    )?)
}

pub(crate) fn set_passphrase(
    tx: &Transaction<'_>,
    user_id: i64,
    hash: &str,
    now: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE users SET passphrase_hash = ?2, passphrase_set_at = ?3 WHERE id = ?1",
        params![user_id, hash, now],
    )?;
    Ok(())
}

/// Whether any medical director or deputy has a passphrase.
pub(crate) fn approver_with_passphrase(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE role IN ('medical_director', 'deputy_medical_director')
         AND passphrase_hash IS NOT NULL)",
        [],
        |r| r.get(0),
    )?)
}

/// The doctors with any duty in a department: (staff id, name, staff number, grade), by name.
pub(crate) fn department_staff(
    conn: &Connection,
    department_id: i64,
) -> Result<Vec<(i64, String, String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT st.id, st.name, st.staff_number, st.grade FROM staff st
         WHERE st.id IN (SELECT DISTINCT staff_id FROM duties WHERE department_id = ?1 AND staff_id IS NOT NULL)
         ORDER BY st.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([department_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The doctor rostered on a duty (None for a vacant slot).
pub(crate) fn duty_staff(conn: &Connection, duty_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT staff_id FROM duties WHERE id = ?1",
            [duty_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}
