//! The audit trail: one row per change, in the change's own transaction, hash-chained (see
//! `crate::audit` for the hashes and the walk), with a head record and subject links.

use crate::audit::{self as chain, ChainRow, ChainWalker, Head, SubjectKind, GENESIS};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// One audit row as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub detail: serde_json::Value,
}

/// One audit row for the viewer, with the user's display name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AuditListRow {
    pub id: i64,
    pub at: String,
    pub username: String,
    pub display_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub detail: String,
}

/// Filters of [`list`], already resolved to stored values.
#[derive(Debug, Clone, Default)]
pub(crate) struct AuditQuery {
    pub walkout: Option<i64>,
    pub duty: Option<i64>,
    pub request: Option<i64>,
    pub user: Option<String>,
    /// ISO 8601 UTC text, inclusive.
    pub from_at: Option<String>,
    /// ISO 8601 UTC text, exclusive.
    pub to_at: Option<String>,
    pub before_id: Option<i64>,
    pub limit: u32,
}

fn head(conn: &Connection) -> Result<Option<Head>> {
    Ok(conn
        .query_row(
            "SELECT last_id, last_hash, legacy_through FROM audit_head WHERE id = 1",
            [],
            |r| {
                Ok(Head {
                    last_id: r.get(0)?,
                    last_hash: r.get(1)?,
                    legacy_through: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Appends an audit row inside `tx`. Call it in the same transaction as the change.
///
/// The row chains from the head record (the last row the app wrote), not from whatever row is
/// last in the table: if rows were deleted outside the app, the new row does not hide it. Its
/// id follows the head's, so deleted ids stay a visible gap. The head moves to the new row and
/// the row's subjects (walkout, shifts, request) are linked for the viewer's filters.
pub(crate) fn append_audit(
    tx: &Transaction<'_>,
    user_id: i64,
    at: &str,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    detail: &serde_json::Value,
) -> Result<i64> {
    let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < 6 {
        return append_legacy(tx, user_id, at, action, entity, entity_id, detail);
    }
    let max_id: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?;
    let (prev, last_id) = match head(tx)? {
        Some(h) => (h.last_hash, h.last_id),
        None => {
            // The head was removed outside the app. It is not made again: `verify` keeps
            // reporting its absence (so deleted last rows are never laundered), and the app
            // keeps working, chaining from the last row.
            let prev: String = tx
                .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
                    r.get(0)
                })
                .optional()?
                .unwrap_or_else(|| GENESIS.to_string());
            (prev, max_id)
        }
    };
    let id = last_id.max(max_id) + 1;
    let detail_text = detail.to_string();
    let content = chain::content_hash(at, user_id, action, entity, entity_id, &detail_text);
    let hash = chain::link_hash(id, &prev, &content);
    tx.execute(
        "INSERT INTO audit (id, at, user_id, action, entity, entity_id, detail, prev_hash, hash, scheme, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 2, ?10)",
        (
            id,
            at,
            user_id,
            action,
            entity,
            entity_id,
            &detail_text,
            &prev,
            &hash,
            &content,
        ),
    )?;
    // No row to update if the head was removed outside the app (see above).
    tx.execute(
        "UPDATE audit_head SET last_id = ?1, last_hash = ?2 WHERE id = 1",
        (id, &hash),
    )?;
    let mut subjects = chain::subjects(entity, entity_id, detail);
    let requests: Vec<i64> = subjects
        .iter()
        .filter(|(k, _)| *k == SubjectKind::Request)
        .map(|(_, v)| *v)
        .collect();
    for r in requests {
        if let Some(w) = tx
            .query_row("SELECT walkout_id FROM requests WHERE id = ?1", [r], |x| {
                x.get::<_, i64>(0)
            })
            .optional()?
        {
            subjects.push((SubjectKind::Walkout, w));
        }
        let mut stmt = tx.prepare_cached(
            "SELECT DISTINCT g.duty_id FROM request_gaps rg JOIN gaps g ON g.id = rg.gap_id
             WHERE rg.request_id = ?1",
        )?;
        let duties = stmt.query_map([r], |x| x.get::<_, i64>(0))?;
        for d in duties {
            subjects.push((SubjectKind::Duty, d?));
        }
    }
    // A gap named by its row id (e.g. an incident's `gap_id`) is its walkout's duty.
    if let Some(gap) = detail.get("gap_id").and_then(|v| v.as_i64()) {
        if let Some((w, d)) = tx
            .query_row(
                "SELECT walkout_id, duty_id FROM gaps WHERE id = ?1",
                [gap],
                |x| Ok((x.get::<_, i64>(0)?, x.get::<_, i64>(1)?)),
            )
            .optional()?
        {
            subjects.push((SubjectKind::Walkout, w));
            subjects.push((SubjectKind::Duty, d));
        }
    }
    if let (Some(id), "incident") = (entity_id.and_then(|s| s.parse::<i64>().ok()), entity) {
        if let Some(w) = tx
            .query_row(
                "SELECT walkout_id FROM incidents WHERE id = ?1",
                [id],
                |x| x.get::<_, i64>(0),
            )
            .optional()?
        {
            subjects.push((SubjectKind::Walkout, w));
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO audit_subjects (kind, value, audit_id) VALUES (?1, ?2, ?3)",
    )?;
    for (kind, value) in subjects {
        stmt.execute((kind.as_str(), value, id))?;
    }
    Ok(id)
}

/// A row as schema versions before 6 wrote it (scheme 1). Only reached on a database opened
/// at an older version, which the app never does (it migrates first): tests build earlier
/// versions' databases with the real use cases this way.
fn append_legacy(
    tx: &Transaction<'_>,
    user_id: i64,
    at: &str,
    action: &str,
    entity: &str,
    entity_id: Option<&str>,
    detail: &serde_json::Value,
) -> Result<i64> {
    let prev: String = tx
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let detail = detail.to_string();
    let hash = chain::legacy_hash(&prev, at, user_id, action, entity, entity_id, &detail);
    tx.execute(
        "INSERT INTO audit (at, user_id, action, entity, entity_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            at, user_id, action, entity, entity_id, &detail, &prev, &hash,
        ),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Walks the whole chain in id order and compares its end with the head record.
pub(crate) fn verify(conn: &Connection) -> Result<crate::audit::AuditVerifyView> {
    let mut walker = ChainWalker::new(head(conn)?);
    let mut stmt = conn.prepare(
        "SELECT id, at, user_id, action, entity, entity_id, detail, scheme, content_hash, prev_hash, hash
         FROM audit ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row = ChainRow {
            id: r.get(0)?,
            at: r.get(1)?,
            user_id: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            detail: r.get(6)?,
            scheme: r.get(7)?,
            content_hash: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
        };
        if !walker.push(&row) {
            break;
        }
    }
    Ok(walker.finish())
}

/// The first row that holds `hash`: as its chain hash, its content hash, or a hash it records
/// in its details (a document's SHA-256 or a request's content hash).
pub(crate) fn find_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM audit
             WHERE hash = ?1 OR content_hash = ?1
                OR (json_valid(detail) AND (json_extract(detail, '$.sha256') = ?1
                                            OR json_extract(detail, '$.content_hash') = ?1))
             ORDER BY id LIMIT 1",
            [hash],
            |r| r.get(0),
        )
        .optional()?)
}

/// Recomputes the chain; returns a line per problem (for `check`): the first break, if any.
pub(crate) fn verify_chain(conn: &Connection) -> Result<Vec<String>> {
    let v = verify(conn)?;
    Ok(v.first_break
        .map(|b| format!("audit row {}: {}", b.row_id, b.explanation))
        .into_iter()
        .collect())
}

/// Audit rows matching `q`, newest first.
pub(crate) fn list(conn: &Connection, q: &AuditQuery) -> Result<Vec<AuditListRow>> {
    let mut sql = String::from(
        "SELECT a.id, a.at, u.username, u.display_name, a.action, a.entity, a.entity_id, a.detail
         FROM audit a JOIN users u ON u.id = a.user_id WHERE 1 = 1",
    );
    let mut params: Vec<rusqlite::types::Value> = Vec::new();
    let mut subject = |sql: &mut String, kind: &str, v: Option<i64>| {
        if let Some(v) = v {
            params.push(v.into());
            sql.push_str(&format!(
                " AND a.id IN (SELECT audit_id FROM audit_subjects WHERE kind = '{kind}' AND value = ?{})",
                params.len()
            ));
        }
    };
    subject(&mut sql, "walkout", q.walkout);
    subject(&mut sql, "duty", q.duty);
    subject(&mut sql, "request", q.request);
    if let Some(u) = &q.user {
        params.push(u.clone().into());
        sql.push_str(&format!(" AND u.username = ?{}", params.len()));
    }
    if let Some(f) = &q.from_at {
        params.push(f.clone().into());
        sql.push_str(&format!(" AND a.at >= ?{}", params.len()));
    }
    if let Some(t) = &q.to_at {
        params.push(t.clone().into());
        sql.push_str(&format!(" AND a.at < ?{}", params.len()));
    }
    if let Some(b) = q.before_id {
        params.push(b.into());
        sql.push_str(&format!(" AND a.id < ?{}", params.len()));
    }
    params.push(i64::from(q.limit).into());
    sql.push_str(&format!(" ORDER BY a.id DESC LIMIT ?{}", params.len()));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| {
        Ok(AuditListRow {
            id: r.get(0)?,
            at: r.get(1)?,
            username: r.get(2)?,
            display_name: r.get(3)?,
            action: r.get(4)?,
            entity: r.get(5)?,
            entity_id: r.get(6)?,
            detail: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The most recent audit rows, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.at, u.username, a.action, a.entity, a.entity_id, a.detail
         FROM audit a JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            detail: serde_json::from_str(&r.get::<_, String>(6)?)
                .unwrap_or(serde_json::Value::Null),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
