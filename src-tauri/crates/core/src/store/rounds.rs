//! Rounds storage: the walkout a walkout was started from and its ladder pin, the contact list
//! (removal is a tombstone), per-walkout department criticality snapshots and carried request
//! wording.

use crate::error::{Error, Result};
use crate::rounds::{ContactListKind, ContactView, WordingFields};
use crate::walkouts::DeptInfo;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::str::FromStr;

fn conv(e: impl ToString) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.to_string().into())
}

/// Records where a walkout was started from and the ladder version it is pinned to.
pub(crate) fn set_walkout_round(
    tx: &Transaction<'_>,
    walkout_id: i64,
    previous_id: i64,
    ladder_version_id: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE walkouts SET previous_id = ?2, ladder_version_id = ?3 WHERE id = ?1",
        params![walkout_id, previous_id, ladder_version_id],
    )?;
    Ok(())
}

/// A new contact, checked.
pub(crate) struct NewContact<'a> {
    pub walkout_id: i64,
    pub kind: ContactListKind,
    pub name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub notes: &'a str,
    pub rung_code: Option<&'a str>,
}

pub(crate) fn insert_contact(
    tx: &Transaction<'_>,
    c: &NewContact<'_>,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO contacts (walkout_id, kind, name, phone, email, notes, rung_code, added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.walkout_id,
            c.kind.as_str(),
            c.name,
            c.phone,
            c.email,
            c.notes,
            c.rung_code,
            user_id,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

const CONTACT_COLS: &str = "c.id, c.walkout_id, c.kind, c.name, c.phone, c.email, c.notes,
    c.rung_code, u.username, c.added_at";
const CONTACT_FROM: &str = "FROM contacts c JOIN users u ON u.id = c.added_by";

fn contact_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ContactView> {
    let kind: String = r.get(2)?;
    Ok(ContactView {
        id: r.get(0)?,
        walkout_id: r.get(1)?,
        kind: ContactListKind::from_str(&kind).map_err(conv)?,
        name: r.get(3)?,
        phone: r.get(4)?,
        email: r.get(5)?,
        notes: r.get(6)?,
        rung_code: r.get(7)?,
        added_by: r.get(8)?,
        added_at: r.get(9)?,
    })
}

/// A walkout's contacts not removed, by kind then name.
pub(crate) fn contacts(conn: &Connection, walkout_id: i64) -> Result<Vec<ContactView>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONTACT_COLS} {CONTACT_FROM} WHERE c.walkout_id = ?1 AND c.removed_at IS NULL
         ORDER BY c.kind, c.name COLLATE NOCASE, c.id"
    ))?;
    let rows = stmt.query_map([walkout_id], contact_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One contact (removed or not) with whether it is removed, or `NotFound`.
pub(crate) fn contact(conn: &Connection, id: i64) -> Result<(ContactView, bool)> {
    conn.query_row(
        &format!("SELECT {CONTACT_COLS}, c.removed_at IS NOT NULL {CONTACT_FROM} WHERE c.id = ?1"),
        [id],
        |r| Ok((contact_row(r)?, r.get(10)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: format!("contact {id}"),
    })
}

/// Marks a contact removed (a tombstone: the row stays).
pub(crate) fn remove_contact(tx: &Transaction<'_>, id: i64, user_id: i64, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE contacts SET removed_by = ?2, removed_at = ?3 WHERE id = ?1 AND removed_at IS NULL",
        params![id, user_id, now],
    )?;
    Ok(())
}

/// The (kind, name) of every agency, bank and trust asked in a walkout's attempts, in the order
/// first asked.
pub(crate) fn attempt_contacts(
    conn: &Connection,
    walkout_id: i64,
) -> Result<Vec<(ContactListKind, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT contact_kind, asked FROM attempts
         WHERE walkout_id = ?1 AND contact_kind IN ('agency', 'bank', 'trust') AND trim(asked) <> ''
         ORDER BY id",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        let kind: String = r.get(0)?;
        Ok((
            ContactListKind::from_str(&kind).map_err(conv)?,
            r.get::<_, String>(1)?.trim().to_string(),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every department with its site and the critical flag that applies in a walkout: the
/// walkout's snapshot where it has one, else the trust-wide flag.
pub(crate) fn walkout_departments(
    conn: &Connection,
    walkout_id: i64,
) -> Result<HashMap<i64, DeptInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.name, s.id, s.name, coalesce(wd.critical, d.critical)
         FROM departments d JOIN sites s ON s.id = d.site_id
         LEFT JOIN walkout_departments wd ON wd.department_id = d.id AND wd.walkout_id = ?1",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            DeptInfo {
                name: r.get(1)?,
                site_id: r.get(2)?,
                site: r.get(3)?,
                critical: r.get(4)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes (or replaces) a walkout's criticality for one department.
pub(crate) fn put_walkout_department(
    tx: &Transaction<'_>,
    walkout_id: i64,
    department_id: i64,
    critical: bool,
) -> Result<()> {
    tx.execute(
        "INSERT INTO walkout_departments (walkout_id, department_id, critical) VALUES (?1, ?2, ?3)
         ON CONFLICT (walkout_id, department_id) DO UPDATE SET critical = excluded.critical",
        params![walkout_id, department_id, critical],
    )?;
    Ok(())
}

/// Carried wording of a walkout: (department id, role as typed, fields).
pub(crate) fn wordings(
    conn: &Connection,
    walkout_id: i64,
) -> Result<Vec<(i64, String, WordingFields)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT department_id, role, fields FROM request_wordings WHERE walkout_id = ?1
         ORDER BY department_id, role",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        let fields: String = r.get(2)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            serde_json::from_str(&fields).map_err(conv)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_wording(
    tx: &Transaction<'_>,
    walkout_id: i64,
    department_id: i64,
    role: &str,
    fields: &WordingFields,
    from_request_id: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO request_wordings (walkout_id, department_id, role, fields, from_request_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            walkout_id,
            department_id,
            role,
            serde_json::to_string(fields)?,
            from_request_id
        ],
    )?;
    Ok(())
}
