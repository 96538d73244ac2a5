//! Walkout storage: walkouts and their scope, intents, gap records, the duties in a window,
//! critical departments.

use crate::error::{Error, Result};
use crate::model::{ShiftType, StaffGroup};
use crate::walkouts::{DeptInfo, DutyFact, GapRecord, Intent, RecordStatus, WalkoutRule};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::str::FromStr;

/// A stored walkout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WalkoutRow {
    pub id: i64,
    pub body: String,
    pub title: String,
    pub rule: WalkoutRule,
    pub notice_date: Option<NaiveDate>,
    pub created_by: String,
    pub created_at: String,
    /// The walkout this one was started from, with its title.
    pub previous: Option<(i64, String)>,
    /// The ladder version this walkout is pinned to (`None`: the trust's latest).
    pub ladder_version_id: Option<i64>,
}

/// A new walkout, checked.
pub(crate) struct NewWalkout<'a> {
    pub body: &'a str,
    pub title: &'a str,
    pub rule: &'a WalkoutRule,
    pub notice_date: Option<NaiveDate>,
    pub user_id: i64,
    pub now: &'a str,
}

/// A duty in a walkout's window, with what the board shows of it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WindowDuty {
    pub fact: DutyFact,
    pub department_id: i64,
    pub date: NaiveDate,
    pub start_local: String,
    pub end_local: String,
    pub shift_code: Option<String>,
    pub staff_number: Option<String>,
    pub staff_name: Option<String>,
}

impl AsRef<DutyFact> for WindowDuty {
    fn as_ref(&self) -> &DutyFact {
        &self.fact
    }
}

/// A doctor as the intents list shows them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StaffInfo {
    pub id: i64,
    pub staff_number: String,
    pub name: String,
    pub grade: String,
    pub staff_group: StaffGroup,
}

/// A recorded intent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IntentRecord {
    pub intent: Intent,
    pub set_by: String,
    pub set_at: String,
}

fn conv(e: impl ToString) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.to_string().into())
}

fn parse_iso(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(conv)
}

pub(crate) fn insert_walkout(tx: &Transaction<'_>, w: &NewWalkout<'_>) -> Result<i64> {
    tx.execute(
        "INSERT INTO walkouts (body, title, start_utc, end_utc, notice_date, undeclared_uncovered, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            w.body,
            w.title,
            w.rule.start,
            w.rule.end,
            w.notice_date.map(|d| d.format("%Y-%m-%d").to_string()),
            w.rule.undeclared_uncovered,
            w.user_id,
            w.now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx.prepare(
        "INSERT INTO walkout_scope (walkout_id, staff_group, grade) VALUES (?1, ?2, ?3)",
    )?;
    for g in &w.rule.staff_groups {
        stmt.execute(params![id, g.as_str(), None::<String>])?;
    }
    for g in &w.rule.grades {
        stmt.execute(params![id, None::<String>, g])?;
    }
    Ok(id)
}

/// A walkout's scope: the staff groups and the grades it affects.
type Scope = (Vec<StaffGroup>, Vec<String>);

fn scopes(conn: &Connection) -> Result<HashMap<i64, Scope>> {
    let mut stmt = conn.prepare_cached(
        "SELECT walkout_id, staff_group, grade FROM walkout_scope ORDER BY rowid",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<i64, Scope> = HashMap::new();
    while let Some(r) = rows.next()? {
        let e = out.entry(r.get(0)?).or_default();
        if let Some(g) = r.get::<_, Option<String>>(1)? {
            e.0.push(StaffGroup::from_str(&g).map_err(conv)?);
        }
        if let Some(g) = r.get::<_, Option<String>>(2)? {
            e.1.push(g);
        }
    }
    Ok(out)
}

pub(crate) fn walkouts_where(conn: &Connection, id: Option<i64>) -> Result<Vec<WalkoutRow>> {
    let scopes = scopes(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.body, w.title, w.start_utc, w.end_utc, w.notice_date, w.undeclared_uncovered,
                u.username, w.created_at, w.previous_id, p.title, w.ladder_version_id
         FROM walkouts w JOIN users u ON u.id = w.created_by
         LEFT JOIN walkouts p ON p.id = w.previous_id
         WHERE ?1 IS NULL OR w.id = ?1
         ORDER BY w.start_utc DESC, w.id DESC",
    )?;
    let rows = stmt.query_map([id], |r| {
        let id: i64 = r.get(0)?;
        let (groups, grades) = scopes.get(&id).cloned().unwrap_or_default();
        Ok(WalkoutRow {
            id,
            body: r.get(1)?,
            title: r.get(2)?,
            rule: WalkoutRule {
                start: r.get(3)?,
                end: r.get(4)?,
                staff_groups: groups,
                grades,
                undeclared_uncovered: r.get(6)?,
            },
            notice_date: r
                .get::<_, Option<String>>(5)?
                .map(|s| parse_iso(&s))
                .transpose()?,
            created_by: r.get(7)?,
            created_at: r.get(8)?,
            previous: match r.get::<_, Option<i64>>(9)? {
                Some(p) => Some((p, r.get(10)?)),
                None => None,
            },
            ladder_version_id: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every walkout, latest start first.
pub(crate) fn walkouts(conn: &Connection) -> Result<Vec<WalkoutRow>> {
    walkouts_where(conn, None)
}

/// One walkout, or `NotFound`.
pub(crate) fn walkout(conn: &Connection, id: i64) -> Result<WalkoutRow> {
    walkouts_where(conn, Some(id))?
        .pop()
        .ok_or_else(|| Error::NotFound {
            what: format!("walkout {id}"),
        })
}

/// Sets whether undeclared doctors count as uncovered; returns the previous value.
pub(crate) fn set_undeclared_uncovered(tx: &Transaction<'_>, id: i64, value: bool) -> Result<bool> {
    let old: Option<bool> = tx
        .query_row(
            "SELECT undeclared_uncovered FROM walkouts WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let old = old.ok_or_else(|| Error::NotFound {
        what: format!("walkout {id}"),
    })?;
    tx.execute(
        "UPDATE walkouts SET undeclared_uncovered = ?2 WHERE id = ?1",
        params![id, value],
    )?;
    Ok(old)
}

/// The grade table's codes as the trust wrote them.
pub(crate) fn grade_codes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT code FROM grades ORDER BY sort_order, code COLLATE NOCASE")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const WINDOW_SELECT: &str =
    "SELECT d.id, d.start_utc, d.end_utc, d.shift_type, d.grade, d.staff_id,
        COALESCE(st.group_override, g.staff_group), d.department_id, d.duty_date, d.start_local,
        d.end_local, d.shift_code, st.staff_number, st.name
    FROM duties d
    JOIN grades g ON g.code = d.grade
    LEFT JOIN staff st ON st.id = d.staff_id";

fn window_duty(r: &rusqlite::Row<'_>) -> rusqlite::Result<WindowDuty> {
    let shift: String = r.get(3)?;
    let group: String = r.get(6)?;
    let date: String = r.get(8)?;
    Ok(WindowDuty {
        fact: DutyFact {
            id: r.get(0)?,
            start: r.get(1)?,
            end: r.get(2)?,
            shift_type: ShiftType::from_str(&shift).map_err(conv)?,
            grade: r.get(4)?,
            staff_id: r.get(5)?,
            staff_group: StaffGroup::from_str(&group).map_err(conv)?,
        },
        department_id: r.get(7)?,
        date: parse_iso(&date)?,
        start_local: r.get(9)?,
        end_local: r.get(10)?,
        shift_code: r.get(11)?,
        staff_number: r.get(12)?,
        staff_name: r.get(13)?,
    })
}

/// Every live duty that overlaps [start, end), in start order. One range scan of the
/// natural-key index per department: a duty lasts at most 24 h, so one that overlaps the
/// window starts after `start - 24 h`.
pub(crate) fn window_duties(conn: &Connection, start: i64, end: i64) -> Result<Vec<WindowDuty>> {
    let depts: Vec<i64> = {
        let mut stmt = conn.prepare_cached("SELECT id FROM departments")?;
        let v = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        v
    };
    let sql = format!(
        "{WINDOW_SELECT} WHERE d.department_id = ?1 AND d.start_utc > ?2 AND d.start_utc < ?3
         AND d.end_utc > ?4 AND d.removed_import IS NULL"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::new();
    for d in depts {
        let rows = stmt.query_map(params![d, start - 86_400, end, start], window_duty)?;
        for r in rows {
            out.push(r?);
        }
    }
    out.sort_by_key(|d| (d.fact.start, d.department_id, d.fact.id));
    Ok(out)
}

/// One live duty.
pub(crate) fn duty(conn: &Connection, id: i64) -> Result<WindowDuty> {
    let sql = format!("{WINDOW_SELECT} WHERE d.id = ?1 AND d.removed_import IS NULL");
    conn.prepare_cached(&sql)?
        .query_row([id], window_duty)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: format!("duty {id}"),
        })
}

/// Every department with its site and critical flag.
pub(crate) fn departments(conn: &Connection) -> Result<HashMap<i64, DeptInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.name, s.id, s.name, d.critical FROM departments d JOIN sites s ON s.id = d.site_id",
    )?;
    let rows = stmt.query_map([], |r| {
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

/// Sets a department's critical flag; returns the previous value and its name.
pub(crate) fn set_department_critical(
    tx: &Transaction<'_>,
    id: i64,
    critical: bool,
) -> Result<(bool, String)> {
    let old: Option<(bool, String)> = tx
        .query_row(
            "SELECT d.critical, d.name || ' (' || s.name || ')' FROM departments d
             JOIN sites s ON s.id = d.site_id WHERE d.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let old = old.ok_or_else(|| Error::NotFound {
        what: format!("department {id}"),
    })?;
    tx.execute(
        "UPDATE departments SET critical = ?2 WHERE id = ?1",
        params![id, critical],
    )?;
    Ok(old)
}

/// The intents recorded for a walkout, by staff id.
pub(crate) fn intents(conn: &Connection, walkout_id: i64) -> Result<HashMap<i64, IntentRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.staff_id, i.intent, u.username, i.set_at FROM intents i
         JOIN users u ON u.id = i.set_by WHERE i.walkout_id = ?1",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        let intent: String = r.get(1)?;
        Ok((
            r.get::<_, i64>(0)?,
            IntentRecord {
                intent: Intent::from_str(&intent).map_err(conv)?,
                set_by: r.get(2)?,
                set_at: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The intents recorded for a walkout, by staff id (without who set them).
pub(crate) fn intent_map(conn: &Connection, walkout_id: i64) -> Result<HashMap<i64, Intent>> {
    let mut stmt =
        conn.prepare_cached("SELECT staff_id, intent FROM intents WHERE walkout_id = ?1")?;
    let mut rows = stmt.query([walkout_id])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let intent = match r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)? {
            "striking" => Intent::Striking,
            "working" => Intent::Working,
            _ => Intent::Undeclared,
        };
        out.insert(r.get(0)?, intent);
    }
    Ok(out)
}

/// Records `intent` for each doctor. Returns how many rows changed intent (new rows count).
pub(crate) fn set_intents(
    tx: &Transaction<'_>,
    walkout_id: i64,
    changes: &[(i64, Intent)],
    user_id: i64,
    now: &str,
) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO intents (walkout_id, staff_id, intent, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (walkout_id, staff_id) DO UPDATE
         SET intent = excluded.intent, set_by = excluded.set_by, set_at = excluded.set_at
         WHERE intents.intent <> excluded.intent",
    )?;
    let mut n = 0;
    for (staff, intent) in changes {
        n += stmt.execute(params![walkout_id, staff, intent.as_str(), user_id, now])?;
    }
    Ok(n)
}

/// Every doctor, by id.
pub(crate) fn staff_info(conn: &Connection) -> Result<HashMap<i64, StaffInfo>> {
    let mut stmt = conn.prepare(
        "SELECT st.id, st.staff_number, st.name, st.grade, COALESCE(st.group_override, g.staff_group)
         FROM staff st JOIN grades g ON g.code = st.grade",
    )?;
    let rows = stmt.query_map([], |r| {
        let group: String = r.get(4)?;
        Ok((
            r.get::<_, i64>(0)?,
            StaffInfo {
                id: r.get(0)?,
                staff_number: r.get(1)?,
                name: r.get(2)?,
                grade: r.get(3)?,
                staff_group: StaffGroup::from_str(&group).map_err(conv)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The gap records of a walkout, by duty id.
pub(crate) fn gap_records(conn: &Connection, walkout_id: i64) -> Result<HashMap<i64, GapRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT gp.duty_id, gp.status, gp.manual, gp.reason, u.username, gp.marked_at
         FROM gaps gp LEFT JOIN users u ON u.id = gp.marked_by WHERE gp.walkout_id = ?1",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        let status: String = r.get(1)?;
        Ok((
            r.get::<_, i64>(0)?,
            GapRecord {
                status: RecordStatus::parse(&status)
                    .ok_or_else(|| conv(format!("unknown gap status {status}")))?,
                manual: r.get(2)?,
                reason: r.get(3)?,
                marked_by: r.get(4)?,
                marked_at: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records a manual mark on a duty (replacing an earlier mark); returns the previous record's
/// status, if there was one.
pub(crate) fn mark_gap(
    tx: &Transaction<'_>,
    walkout_id: i64,
    duty_id: i64,
    status: RecordStatus,
    reason: &str,
    user_id: i64,
    now: &str,
) -> Result<Option<String>> {
    let old: Option<String> = tx
        .query_row(
            "SELECT status FROM gaps WHERE walkout_id = ?1 AND duty_id = ?2",
            [walkout_id, duty_id],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "INSERT INTO gaps (walkout_id, duty_id, status, manual, reason, marked_by, marked_at)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)
         ON CONFLICT (walkout_id, duty_id) DO UPDATE
         SET status = excluded.status, manual = 1, reason = excluded.reason,
             marked_by = excluded.marked_by, marked_at = excluded.marked_at",
        params![walkout_id, duty_id, status.as_str(), reason, user_id, now],
    )?;
    Ok(old)
}
