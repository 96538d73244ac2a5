//! Sourcing storage: the ladder's versions, the attempt log, not-applicable marks, fills, the
//! rules' versions, grade cover levels, and the rota history the candidate finder reads.
//! Evidence tables are append-only (triggers in migration 0003 refuse UPDATE and DELETE).

use crate::error::{Error, Result};
use crate::model::{default_cover_level, ShiftType, StaffGroup};
use crate::sourcing::{Channel, ContactKind, LadderView, Outcome, RungView};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::str::FromStr;

fn conv(e: impl ToString) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.to_string().into())
}

fn parse<T: FromStr>(s: &str) -> rusqlite::Result<T>
where
    T::Err: ToString,
{
    T::from_str(s).map_err(conv)
}

/// The latest ladder version (the trust's ladder) with its rungs in order.
pub(crate) fn ladder_current(conn: &Connection) -> Result<LadderView> {
    ladder_version(conn, None)
}

/// The ladder a walkout uses: the version it is pinned to (a walkout started from a previous
/// one), else the trust's latest.
pub(crate) fn ladder_for_walkout(conn: &Connection, walkout_id: i64) -> Result<LadderView> {
    let pin: Option<i64> = conn
        .query_row(
            "SELECT ladder_version_id FROM walkouts WHERE id = ?1",
            [walkout_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    ladder_version(conn, pin)
}

/// One ladder version (`None`: the latest) with its rungs in order.
pub(crate) fn ladder_version(conn: &Connection, id: Option<i64>) -> Result<LadderView> {
    let (version, note, created_by, created_at): (i64, Option<String>, Option<String>, String) =
        conn.query_row(
            "SELECT v.id, v.note, u.username, v.created_at FROM ladder_versions v
             LEFT JOIN users u ON u.id = v.created_by
             WHERE ?1 IS NULL OR v.id = ?1 ORDER BY v.id DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, position, code, name, description, required FROM ladder_rungs
         WHERE version_id = ?1 ORDER BY position",
    )?;
    let rungs = stmt
        .query_map([version], |r| {
            Ok(RungView {
                id: r.get(0)?,
                position: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                description: r.get(4)?,
                required: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(LadderView {
        version,
        note: note.unwrap_or_default(),
        created_by,
        created_at,
        rungs,
    })
}

/// A rung of a new ladder version.
pub(crate) struct NewRung<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub required: bool,
}

/// Writes a new ladder version; returns its id.
pub(crate) fn insert_ladder(
    tx: &Transaction<'_>,
    rungs: &[NewRung<'_>],
    note: &str,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO ladder_versions (note, created_by, created_at) VALUES (?1, ?2, ?3)",
        params![note, user_id, now],
    )?;
    let version = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO ladder_rungs (version_id, position, code, name, description, required)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, r) in rungs.iter().enumerate() {
        stmt.execute(params![
            version,
            i as i64 + 1,
            r.code,
            r.name,
            r.description,
            r.required
        ])?;
    }
    Ok(version)
}

/// Every rung of every version: id -> (code, name).
pub(crate) fn rung_names(conn: &Connection) -> Result<HashMap<i64, (String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT id, code, name FROM ladder_rungs")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The gap record id of a duty in a walkout, created (status uncovered, not a manual mark) if
/// nobody has recorded anything about it yet.
pub(crate) fn ensure_gap(tx: &Transaction<'_>, walkout_id: i64, duty_id: i64) -> Result<i64> {
    tx.execute(
        "INSERT INTO gaps (walkout_id, duty_id, status, manual) VALUES (?1, ?2, 'uncovered', 0)
         ON CONFLICT (walkout_id, duty_id) DO NOTHING",
        [walkout_id, duty_id],
    )?;
    Ok(tx.query_row(
        "SELECT id FROM gaps WHERE walkout_id = ?1 AND duty_id = ?2",
        [walkout_id, duty_id],
        |r| r.get(0),
    )?)
}

/// Sets a gap record's status (uncovered, sourcing or covered).
pub(crate) fn set_gap_status(tx: &Transaction<'_>, gap_id: i64, status: &str) -> Result<()> {
    tx.execute(
        "UPDATE gaps SET status = ?2 WHERE id = ?1 AND status <> 'not_uncovered'",
        params![gap_id, status],
    )?;
    Ok(())
}

/// A new attempt, checked.
pub(crate) struct NewAttempt<'a> {
    pub walkout_id: i64,
    pub rung_id: i64,
    pub contact_kind: ContactKind,
    pub asked: &'a str,
    pub asked_staff: Option<i64>,
    pub asked_at: &'a str,
    pub channel: Channel,
    pub rate_pence: Option<i64>,
    pub outcome: Outcome,
    pub reply_by: Option<&'a str>,
    pub notes: &'a str,
    pub supersedes: Option<i64>,
    /// (gap record id, accepted)
    pub gaps: &'a [(i64, bool)],
}

/// Appends an attempt and its gaps; returns its id.
pub(crate) fn insert_attempt(
    tx: &Transaction<'_>,
    a: &NewAttempt<'_>,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO attempts (walkout_id, rung_id, contact_kind, asked, asked_staff, asked_at,
             channel, rate_pence_per_hour, outcome, reply_by, notes, supersedes, logged_by, logged_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            a.walkout_id,
            a.rung_id,
            a.contact_kind.as_str(),
            a.asked,
            a.asked_staff,
            a.asked_at,
            a.channel.as_str(),
            a.rate_pence,
            a.outcome.as_str(),
            a.reply_by,
            a.notes,
            a.supersedes,
            user_id,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO attempt_gaps (attempt_id, gap_id, accepted) VALUES (?1, ?2, ?3)",
    )?;
    for (gap, accepted) in a.gaps {
        stmt.execute(params![id, gap, accepted])?;
    }
    Ok(id)
}

/// A stored attempt with the duties it names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AttemptRow {
    pub id: i64,
    pub rung_id: i64,
    pub contact_kind: ContactKind,
    pub asked: String,
    pub asked_staff: Option<i64>,
    pub staff_number: Option<String>,
    pub asked_at: String,
    pub channel: Channel,
    pub rate_pence: Option<i64>,
    pub outcome: Outcome,
    pub reply_by: Option<String>,
    pub notes: String,
    pub supersedes: Option<i64>,
    pub logged_by: String,
    pub logged_at: String,
    /// (duty id, accepted)
    pub duties: Vec<(i64, bool)>,
}

/// Every attempt of a walkout, oldest first.
pub(crate) fn attempts(conn: &Connection, walkout_id: i64) -> Result<Vec<AttemptRow>> {
    let mut links: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT ag.attempt_id, g.duty_id, ag.accepted FROM attempt_gaps ag
             JOIN gaps g ON g.id = ag.gap_id WHERE g.walkout_id = ?1 ORDER BY g.duty_id",
        )?;
        let mut rows = stmt.query([walkout_id])?;
        while let Some(r) = rows.next()? {
            links
                .entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, r.get(2)?));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.rung_id, a.contact_kind, a.asked, a.asked_staff, st.staff_number,
                a.asked_at, a.channel, a.rate_pence_per_hour, a.outcome, a.reply_by, a.notes,
                a.supersedes, u.username, a.logged_at
         FROM attempts a JOIN users u ON u.id = a.logged_by
         LEFT JOIN staff st ON st.id = a.asked_staff
         WHERE a.walkout_id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        let id: i64 = r.get(0)?;
        let kind: String = r.get(2)?;
        let channel: String = r.get(7)?;
        let outcome: String = r.get(9)?;
        Ok(AttemptRow {
            id,
            rung_id: r.get(1)?,
            contact_kind: parse(&kind)?,
            asked: r.get(3)?,
            asked_staff: r.get(4)?,
            staff_number: r.get(5)?,
            asked_at: r.get(6)?,
            channel: parse(&channel)?,
            rate_pence: r.get(8)?,
            outcome: parse(&outcome)?,
            reply_by: r.get(10)?,
            notes: r.get(11)?,
            supersedes: r.get(12)?,
            logged_by: r.get(13)?,
            logged_at: r.get(14)?,
            duties: Vec::new(),
        })
    })?;
    let mut out: Vec<AttemptRow> = rows.collect::<rusqlite::Result<_>>()?;
    for a in &mut out {
        a.duties = links.remove(&a.id).unwrap_or_default();
    }
    Ok(out)
}

/// A not-applicable (or applicable again) mark for a rung on some gaps.
pub(crate) struct NewRungMark<'a> {
    pub walkout_id: i64,
    pub rung_code: &'a str,
    pub not_applicable: bool,
    pub reason: &'a str,
    pub gap_ids: &'a [i64],
}

/// Appends a rung mark; returns its id.
pub(crate) fn insert_rung_mark(
    tx: &Transaction<'_>,
    m: &NewRungMark<'_>,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO rung_marks (walkout_id, rung_code, not_applicable, reason, marked_by, marked_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![m.walkout_id, m.rung_code, m.not_applicable, m.reason, user_id, now],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt =
        tx.prepare_cached("INSERT INTO rung_mark_gaps (mark_id, gap_id) VALUES (?1, ?2)")?;
    for g in m.gap_ids {
        stmt.execute([id, *g])?;
    }
    Ok(id)
}

/// A stored rung mark on one duty.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RungMarkRow {
    pub id: i64,
    pub duty_id: i64,
    pub rung_code: String,
    pub not_applicable: bool,
    pub reason: String,
    pub marked_by: String,
    pub marked_at: String,
}

/// Every rung mark of a walkout, one row per duty, oldest first.
pub(crate) fn rung_marks(conn: &Connection, walkout_id: i64) -> Result<Vec<RungMarkRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, g.duty_id, m.rung_code, m.not_applicable, m.reason, u.username, m.marked_at
         FROM rung_marks m JOIN rung_mark_gaps mg ON mg.mark_id = m.id
         JOIN gaps g ON g.id = mg.gap_id JOIN users u ON u.id = m.marked_by
         WHERE m.walkout_id = ?1 ORDER BY m.id",
    )?;
    let rows = stmt.query_map([walkout_id], |r| {
        Ok(RungMarkRow {
            id: r.get(0)?,
            duty_id: r.get(1)?,
            rung_code: r.get(2)?,
            not_applicable: r.get(3)?,
            reason: r.get(4)?,
            marked_by: r.get(5)?,
            marked_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A new fill or release.
pub(crate) struct NewFill<'a> {
    pub gap_id: i64,
    pub release: bool,
    pub rung_id: Option<i64>,
    pub staff_id: Option<i64>,
    pub external_name: Option<&'a str>,
    pub external_org: Option<&'a str>,
    pub attempt_id: Option<i64>,
    pub rule_set_id: Option<i64>,
    pub override_rules: Option<&'a str>,
    pub override_reason: Option<&'a str>,
    pub reason: Option<&'a str>,
}

pub(crate) fn insert_fill(
    tx: &Transaction<'_>,
    f: &NewFill<'_>,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO fills (gap_id, kind, rung_id, staff_id, external_name, external_org, attempt_id,
             rule_set_id, override_rules, override_reason, reason, filled_by, filled_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            f.gap_id,
            if f.release { "release" } else { "fill" },
            f.rung_id,
            f.staff_id,
            f.external_name,
            f.external_org,
            f.attempt_id,
            f.rule_set_id,
            f.override_rules,
            f.override_reason,
            f.reason,
            user_id,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A gap's current fill (its latest fill row, when that is not a release).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FillRow {
    pub id: i64,
    pub duty_id: i64,
    pub rung_id: i64,
    pub staff_id: Option<i64>,
    pub staff_label: Option<String>,
    pub external_name: Option<String>,
    pub external_org: Option<String>,
    pub attempt_id: Option<i64>,
    pub override_rules: Option<String>,
    pub override_reason: Option<String>,
    pub filled_by: String,
    pub filled_at: String,
}

const FILL_COLS: &str = "f.id, g.duty_id, f.kind, f.rung_id, f.staff_id,
        st.name || ' (' || st.staff_number || ', ' || st.grade || ')',
        f.external_name, f.external_org, f.attempt_id, f.override_rules, f.override_reason,
        u.username, f.filled_at
    FROM fills f JOIN gaps g ON g.id = f.gap_id JOIN users u ON u.id = f.filled_by
    LEFT JOIN staff st ON st.id = f.staff_id";

fn fill_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FillRow> {
    Ok(FillRow {
        id: r.get(0)?,
        duty_id: r.get(1)?,
        rung_id: r.get(3)?,
        staff_id: r.get(4)?,
        staff_label: r.get(5)?,
        external_name: r.get(6)?,
        external_org: r.get(7)?,
        attempt_id: r.get(8)?,
        override_rules: r.get(9)?,
        override_reason: r.get(10)?,
        filled_by: r.get(11)?,
        filled_at: r.get(12)?,
    })
}

/// The current fills of a walkout's gaps, by duty id.
pub(crate) fn fills(conn: &Connection, walkout_id: i64) -> Result<HashMap<i64, FillRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FILL_COLS} WHERE g.walkout_id = ?1 ORDER BY f.id"
    ))?;
    let mut rows = stmt.query([walkout_id])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let duty: i64 = r.get(1)?;
        let kind: String = r.get(2)?;
        if kind == "release" {
            out.remove(&duty);
            continue;
        }
        out.insert(duty, fill_row(r)?);
    }
    Ok(out)
}

/// Every fill of a walkout made with an override of the working-time rules, in force or since
/// released, oldest first.
pub(crate) fn override_fills(conn: &Connection, walkout_id: i64) -> Result<Vec<FillRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FILL_COLS} WHERE g.walkout_id = ?1 AND f.kind = 'fill' AND f.override_rules IS NOT NULL ORDER BY f.id"
    ))?;
    let rows = stmt.query_map([walkout_id], fill_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The spans doctors cover by fills still in force (any walkout): (staff id, start, end,
/// shift type).
pub(crate) fn filled_spans(conn: &Connection) -> Result<Vec<(i64, i64, i64, ShiftType)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.gap_id, f.kind, f.staff_id, d.start_utc, d.end_utc, d.shift_type
         FROM fills f JOIN gaps g ON g.id = f.gap_id JOIN duties d ON d.id = g.duty_id
         ORDER BY f.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: HashMap<i64, Option<(i64, i64, i64, ShiftType)>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let gap: i64 = r.get(0)?;
        let kind: String = r.get(1)?;
        let staff: Option<i64> = r.get(2)?;
        let shift: String = r.get(5)?;
        let span = match (kind.as_str(), staff) {
            ("fill", Some(s)) => Some((s, r.get(3)?, r.get(4)?, parse(&shift)?)),
            _ => None,
        };
        current.insert(gap, span);
    }
    let mut out: Vec<_> = current.into_values().flatten().collect();
    out.sort_by_key(|s| (s.0, s.1));
    Ok(out)
}

/// The latest rules version: (id, settings JSON, note, created by, created at).
pub(crate) type RuleSetRow = (i64, String, String, String, String);

pub(crate) fn rule_set_current(conn: &Connection) -> Result<Option<RuleSetRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.settings, r.note, u.username, r.created_at FROM rule_sets r
             JOIN users u ON u.id = r.created_by ORDER BY r.id DESC LIMIT 1",
        )?
        .query_row([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?)
}

pub(crate) fn insert_rule_set(
    tx: &Transaction<'_>,
    settings: &str,
    note: &str,
    user_id: i64,
    now: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO rule_sets (settings, note, created_by, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![settings, note, user_id, now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Every grade with its staff group and cover level: (code, group, level, set by the trust).
pub(crate) fn cover_levels(conn: &Connection) -> Result<Vec<(String, StaffGroup, u8, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, staff_group, cover_level FROM grades ORDER BY sort_order, code COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        let code: String = r.get(0)?;
        let group: String = r.get(1)?;
        let level: Option<u8> = r.get(2)?;
        Ok((
            code.clone(),
            parse(&group)?,
            level.unwrap_or_else(|| default_cover_level(&code)),
            level.is_some(),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a grade's cover level (`None`: back to the built-in level); returns the grade's code
/// as stored and the previous level.
pub(crate) fn set_cover_level(
    tx: &Transaction<'_>,
    grade: &str,
    level: Option<u8>,
) -> Result<(String, Option<u8>)> {
    let old: Option<(String, Option<u8>)> = tx
        .query_row(
            "SELECT code, cover_level FROM grades WHERE code = ?1",
            [grade],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (code, old) = old.ok_or_else(|| Error::NotFound {
        what: format!("grade {grade}"),
    })?;
    tx.execute(
        "UPDATE grades SET cover_level = ?2 WHERE code = ?1",
        params![code, level],
    )?;
    Ok((code, old))
}

/// A doctor as the candidate finder needs them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PoolStaff {
    pub id: i64,
    pub staff_number: String,
    pub name: String,
    pub grade: String,
    pub staff_group: StaffGroup,
    pub opted_out: bool,
    pub level: u8,
}

const POOL_STAFF_SELECT: &str =
    "SELECT st.id, st.staff_number, st.name, st.grade, COALESCE(st.group_override, g.staff_group),
            st.wtr_opt_out, g.cover_level
     FROM staff st JOIN grades g ON g.code = st.grade";

fn pool_staff_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PoolStaff> {
    let group: String = r.get(4)?;
    let grade: String = r.get(3)?;
    let level: Option<u8> = r.get(6)?;
    Ok(PoolStaff {
        id: r.get(0)?,
        staff_number: r.get(1)?,
        level: level.unwrap_or_else(|| default_cover_level(&grade)),
        name: r.get(2)?,
        grade,
        staff_group: parse(&group)?,
        opted_out: r.get(5)?,
    })
}

/// Every doctor with their cover level.
pub(crate) fn pool_staff(conn: &Connection) -> Result<Vec<PoolStaff>> {
    let mut stmt = conn.prepare(&format!("{POOL_STAFF_SELECT} ORDER BY st.id"))?;
    let rows = stmt.query_map([], pool_staff_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One doctor with their cover level, by staff id or by staff number.
pub(crate) fn pool_staff_one(
    conn: &Connection,
    id: Option<i64>,
    number: Option<&str>,
) -> Result<Option<PoolStaff>> {
    let sql = format!("{POOL_STAFF_SELECT} WHERE st.id = ?1 OR st.staff_number = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![id, number], pool_staff_row)
        .optional()?)
}

/// Calls `f(staff id, department id, start, end, shift type)` for every live rostered duty,
/// in staff and start order.
pub(crate) fn for_each_staff_duty(
    conn: &Connection,
    mut f: impl FnMut(i64, i64, i64, i64, ShiftType),
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT staff_id, department_id, start_utc, end_utc, shift_type FROM duties
         WHERE staff_id IS NOT NULL AND removed_import IS NULL ORDER BY staff_id, start_utc",
    )?;
    let mut rows = stmt.query([])?;
    let mut types: HashMap<String, ShiftType> = HashMap::new();
    while let Some(r) = rows.next()? {
        let t = r.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
        let shift = match types.get(t) {
            Some(s) => *s,
            None => {
                let s: ShiftType = parse(t)?;
                types.insert(t.to_string(), s);
                s
            }
        };
        f(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, shift);
    }
    Ok(())
}

/// A cheap fingerprint of everything the candidate finder's cached history depends on: the
/// rota (imports, duties), fills, and the grade table.
pub(crate) fn history_key(conn: &Connection) -> Result<String> {
    Ok(conn.prepare_cached(
        "SELECT (SELECT ifnull(max(id), 0) FROM imports) || ':' ||
                (SELECT ifnull(max(id), 0) FROM duties) || ':' ||
                (SELECT ifnull(max(id), 0) FROM fills) || ':' ||
                (SELECT ifnull(max(id), 0) FROM staff) || ':' ||
                (SELECT ifnull(group_concat(code || '=' || staff_group || '/' || ifnull(cover_level, ''), ','), '') FROM grades)",
    )?
    .query_row([], |r| r.get(0))?)
}
