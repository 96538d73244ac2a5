//! Incident storage: the header and its append-only versions (the database refuses any UPDATE
//! or DELETE of either; see migration 0005). The current record is the highest version.

use crate::error::{Error, Result};
use crate::incidents::{Harm, IncidentFields};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use std::str::FromStr;

/// One version of an incident with what the log shows beside it. With `version` the current
/// one, this is also what the impact report reads ([`incidents_in`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentRecord {
    pub id: i64,
    pub walkout_id: i64,
    pub version: u32,
    /// How many versions the incident has.
    pub versions: u32,
    /// UTC unix seconds.
    pub occurred_utc: i64,
    pub department_id: i64,
    pub department: String,
    pub site_id: i64,
    pub site: String,
    pub gap_id: Option<i64>,
    /// The linked gap's duty, and its shift ("03/01/2024 Night 20:00–08:00 ST3").
    pub duty_id: Option<i64>,
    pub shift: Option<String>,
    pub request_id: Option<i64>,
    pub reference: String,
    pub harm: Harm,
    pub near_miss: bool,
    pub description: String,
    pub change_reason: String,
    pub saved_by: String,
    pub saved_at: String,
    pub created_by: String,
    pub created_at: String,
}

impl IncidentRecord {
    pub(crate) fn fields(&self) -> IncidentFields {
        IncidentFields {
            occurred_utc: self.occurred_utc,
            department_id: self.department_id,
            gap_id: self.gap_id,
            request_id: self.request_id,
            reference: self.reference.clone(),
            harm: self.harm,
            near_miss: self.near_miss,
            description: self.description.clone(),
        }
    }
}

const COLS: &str = "i.id, i.walkout_id, v.version,
    (SELECT COUNT(*) FROM incident_versions c WHERE c.incident_id = i.id),
    v.occurred_utc, v.department_id, d.name, s.id, s.name, v.gap_id, gp.duty_id,
    du.duty_date, du.start_local, du.end_local, du.shift_type, du.grade, v.request_id,
    v.reference, v.harm, v.near_miss, v.description, v.change_reason, us.username, v.saved_at,
    uc.username, i.created_at
    FROM incidents i
    JOIN incident_versions v ON v.incident_id = i.id
    JOIN departments d ON d.id = v.department_id
    JOIN sites s ON s.id = d.site_id
    LEFT JOIN gaps gp ON gp.id = v.gap_id
    LEFT JOIN duties du ON du.id = gp.duty_id
    JOIN users us ON us.id = v.saved_by
    JOIN users uc ON uc.id = i.created_by";

/// Only the highest version of each incident.
const CURRENT: &str = "v.version = (SELECT MAX(m.version) FROM incident_versions m
    WHERE m.incident_id = i.id)";

fn record(r: &Row<'_>) -> rusqlite::Result<IncidentRecord> {
    let harm: String = r.get(18)?;
    let shift = match r.get::<_, Option<String>>(11)? {
        Some(date) => {
            let date = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                .map(crate::time::fmt_date)
                .unwrap_or(date);
            let kind: String = r.get(14)?;
            let night = kind == "night";
            Some(format!(
                "{date} {} {}–{} {}",
                if night { "Night" } else { "Day" },
                r.get::<_, String>(12)?,
                r.get::<_, String>(13)?,
                r.get::<_, String>(15)?
            ))
        }
        None => None,
    };
    Ok(IncidentRecord {
        id: r.get(0)?,
        walkout_id: r.get(1)?,
        version: r.get(2)?,
        versions: r.get(3)?,
        occurred_utc: r.get(4)?,
        department_id: r.get(5)?,
        department: r.get(6)?,
        site_id: r.get(7)?,
        site: r.get(8)?,
        gap_id: r.get(9)?,
        duty_id: r.get(10)?,
        shift,
        request_id: r.get(16)?,
        reference: r.get(17)?,
        harm: Harm::from_str(&harm).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(18, rusqlite::types::Type::Text, e.into())
        })?,
        near_miss: r.get(19)?,
        description: r.get(20)?,
        change_reason: r.get(21)?,
        saved_by: r.get(22)?,
        saved_at: r.get(23)?,
        created_by: r.get(24)?,
        created_at: r.get(25)?,
    })
}

/// A new incident (header and version 1); returns its id.
pub(crate) fn insert_incident(
    tx: &Transaction<'_>,
    walkout_id: i64,
    f: &IncidentFields,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO incidents (walkout_id, created_by, created_at) VALUES (?1, ?2, ?3)",
        params![walkout_id, user_id, now],
    )?;
    let id = tx.last_insert_rowid();
    insert_incident_version(tx, id, 1, f, "", user_id, now)?;
    Ok(id)
}

/// Appends a version of an incident.
pub(crate) fn insert_incident_version(
    tx: &Transaction<'_>,
    incident_id: i64,
    version: u32,
    f: &IncidentFields,
    change_reason: &str,
    user_id: i64,
    now: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO incident_versions (incident_id, version, occurred_utc, department_id,
            gap_id, request_id, reference, harm, near_miss, description, change_reason,
            saved_by, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            incident_id,
            version,
            f.occurred_utc,
            f.department_id,
            f.gap_id,
            f.request_id,
            f.reference,
            f.harm.as_str(),
            f.near_miss,
            f.description,
            change_reason,
            user_id,
            now
        ],
    )?;
    Ok(())
}

/// The current version of one incident.
pub(crate) fn incident(conn: &Connection, id: i64) -> Result<IncidentRecord> {
    conn.query_row(
        &format!("SELECT {COLS} WHERE i.id = ?1 AND {CURRENT}"),
        [id],
        record,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: format!("incident {id}"),
    })
}

/// Every version of one incident, oldest first.
pub(crate) fn incident_versions(conn: &Connection, id: i64) -> Result<Vec<IncidentRecord>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} WHERE i.id = ?1 ORDER BY v.version"))?;
    let rows = stmt.query_map([id], record)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The current version of every incident of a walkout, in the order they happened. This is the
/// query the impact report reads.
pub(crate) fn incidents_in(conn: &Connection, walkout_id: i64) -> Result<Vec<IncidentRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} WHERE i.walkout_id = ?1 AND {CURRENT} ORDER BY v.occurred_utc, i.id"
    ))?;
    let rows = stmt.query_map([walkout_id], record)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
