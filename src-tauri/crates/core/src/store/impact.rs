//! Reads for the impact report: each request's decisions and asked duties, the current record of
//! each incident of a walkout, and the head of the audit trail.

use crate::error::Result;
use crate::impact::IncidentFact;
use crate::requests::DecisionKind;
use rusqlite::Connection;
use std::collections::HashMap;

/// Every decision on the walkout's requests, oldest first per request: request id -> (kind, at).
pub(crate) fn walkout_decisions(
    conn: &Connection,
    walkout_id: i64,
) -> Result<HashMap<i64, Vec<(DecisionKind, i64)>>> {
    let mut stmt = conn.prepare(
        "SELECT d.request_id, d.kind, d.decided_at_utc FROM decisions d
         JOIN requests r ON r.id = d.request_id WHERE r.walkout_id = ?1 ORDER BY d.id",
    )?;
    let mut rows = stmt.query([walkout_id])?;
    let mut out: HashMap<i64, Vec<(DecisionKind, i64)>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let kind = kind.parse::<DecisionKind>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, e.into())
        })?;
        out.entry(r.get(0)?).or_default().push((kind, r.get(2)?));
    }
    Ok(out)
}

/// The duties each request of the walkout asks for in its current version: request id -> duty
/// ids (in duty id order).
pub(crate) fn walkout_request_duties(
    conn: &Connection,
    walkout_id: i64,
) -> Result<HashMap<i64, Vec<i64>>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, g.duty_id FROM requests r
         JOIN request_gaps rg ON rg.request_id = r.id AND rg.version = r.version
         JOIN gaps g ON g.id = rg.gap_id
         WHERE r.walkout_id = ?1 ORDER BY r.id, g.duty_id",
    )?;
    let mut rows = stmt.query([walkout_id])?;
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(out)
}

/// The current record (highest version) of every incident logged against the walkout.
pub(crate) fn walkout_incidents(conn: &Connection, walkout_id: i64) -> Result<Vec<IncidentFact>> {
    let mut stmt = conn.prepare(
        "SELECT i.id, v.department_id, v.occurred_utc, v.reference, v.harm, v.near_miss, v.description
         FROM incidents i JOIN incident_versions v ON v.incident_id = i.id
         WHERE i.walkout_id = ?1
           AND v.version = (SELECT max(version) FROM incident_versions WHERE incident_id = i.id)
         ORDER BY v.occurred_utc, i.id",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        Ok(IncidentFact {
            id: r.get(0)?,
            department_id: r.get(1)?,
            occurred: r.get(2)?,
            reference: r.get(3)?,
            harm: r.get(4)?,
            near_miss: r.get::<_, i64>(5)? != 0,
            description: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The last row of the audit trail: (id, hash). `None` on an empty trail.
pub(crate) fn audit_last(conn: &Connection) -> Result<Option<(i64, String)>> {
    let mut stmt = conn.prepare("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")?;
    let mut rows = stmt.query([])?;
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?)),
        None => None,
    })
}
