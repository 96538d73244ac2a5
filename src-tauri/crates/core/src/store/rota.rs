//! Rota storage: the read models (sites, the rota, staff, grades) and the CSV export.

use crate::error::{Error, Result};
use crate::model::{ShiftType, StaffGroup};
use crate::time::london_to_utc;
use crate::views::{DepartmentView, DutyView, GradeView, RotaQuery, SiteView, StaffView};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::str::FromStr;

pub(crate) fn count_duties(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM duties WHERE removed_import IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Whether the duties table holds any row at all (removed ones included).
pub(crate) fn has_duties(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM duties)", [], |r| r.get(0))?)
}

pub(crate) fn count_staff(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?)
}

pub(crate) fn trust_name(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM trust WHERE id = 1", [], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_trust_name(tx: &Transaction<'_>, name: &str, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO trust (id, name, created_at) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        params![name, now],
    )?;
    Ok(())
}

pub(crate) fn date_range(conn: &Connection) -> Result<Option<(NaiveDate, NaiveDate)>> {
    let r: (Option<String>, Option<String>) = conn.query_row(
        "SELECT min(duty_date), max(duty_date) FROM duties WHERE removed_import IS NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(match r {
        (Some(a), Some(b)) => Some((parse_iso(&a)?, parse_iso(&b)?)),
        _ => None,
    })
}

fn parse_iso(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| Error::invalid("duty_date", format!("{s}: {e}")))
}

pub(crate) fn sites(conn: &Connection) -> Result<Vec<SiteView>> {
    let mut counts: HashMap<i64, i64> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT department_id, count(*) FROM duties WHERE removed_import IS NULL GROUP BY department_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for r in rows {
            let (d, c) = r?;
            counts.insert(d, c);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name, d.id, d.name, d.critical FROM sites s
         LEFT JOIN departments d ON d.site_id = s.id
         ORDER BY s.name COLLATE NOCASE, d.critical DESC, d.name COLLATE NOCASE",
    )?;
    let mut out: Vec<SiteView> = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let sid: i64 = r.get(0)?;
        if out.last().map(|s| s.id) != Some(sid) {
            out.push(SiteView {
                id: sid,
                name: r.get(1)?,
                departments: Vec::new(),
            });
        }
        if let Some(did) = r.get::<_, Option<i64>>(2)? {
            out.last_mut()
                .expect("pushed")
                .departments
                .push(DepartmentView {
                    id: did,
                    name: r.get(3)?,
                    critical: r.get(4)?,
                    duties: counts.get(&did).copied().unwrap_or(0),
                });
        }
    }
    Ok(out)
}

const DUTY_VIEW_SELECT: &str =
    "SELECT d.id, d.duty_date, d.start_local, d.end_local, d.start_utc, d.end_utc,
        d.shift_type, d.shift_code, d.grade, COALESCE(st.group_override, g.staff_group),
        s.name, dp.name, d.department_id, st.staff_number, st.name
    FROM duties d
    JOIN departments dp ON dp.id = d.department_id
    JOIN sites s ON s.id = dp.site_id
    JOIN grades g ON g.code = d.grade
    LEFT JOIN staff st ON st.id = d.staff_id";

fn duty_view(r: &rusqlite::Row<'_>) -> rusqlite::Result<DutyView> {
    let date: String = r.get(1)?;
    let shift: String = r.get(6)?;
    let group: String = r.get(9)?;
    let start: i64 = r.get(4)?;
    let end: i64 = r.get(5)?;
    let conv = |e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    };
    let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|e| conv(e.to_string()))?;
    let end_date = crate::time::utc_to_london(end).date_naive();
    Ok(DutyView {
        id: r.get(0)?,
        date,
        start_local: r.get(2)?,
        end_local: r.get(3)?,
        start,
        end,
        hours: crate::time::hours(end - start),
        overnight: end_date > date,
        shift_type: ShiftType::from_str(&shift).map_err(conv)?,
        shift_code: r.get(7)?,
        grade: r.get(8)?,
        staff_group: StaffGroup::from_str(&group).map_err(conv)?,
        site: r.get(10)?,
        department: r.get(11)?,
        department_id: r.get(12)?,
        staff_number: r.get(13)?,
        staff_name: r.get(14)?,
    })
}

/// Duties starting within the query's local days, for a department or a whole site, in start
/// order (then department and grade).
pub(crate) fn rota(conn: &Connection, q: &RotaQuery) -> Result<Vec<DutyView>> {
    if q.days == 0 || q.days > 62 {
        return Err(Error::invalid("days", "choose between 1 and 62 days"));
    }
    let lo = london_to_utc(q.from, NaiveTime::MIN);
    let hi = london_to_utc(
        q.from + chrono::Duration::days(q.days as i64),
        NaiveTime::MIN,
    );
    let depts: Vec<i64> = match (q.department_id, q.site_id) {
        (Some(d), _) => vec![d],
        (None, Some(s)) => {
            let mut stmt = conn.prepare("SELECT id FROM departments WHERE site_id = ?1")?;
            let v = stmt
                .query_map([s], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            v
        }
        (None, None) => {
            let mut stmt = conn.prepare("SELECT id FROM departments")?;
            let v = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            v
        }
    };
    let sql = format!(
        "{DUTY_VIEW_SELECT} WHERE d.department_id = ?1 AND d.start_utc >= ?2 AND d.start_utc < ?3
         AND d.removed_import IS NULL"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::new();
    for d in depts {
        let rows = stmt.query_map(params![d, lo, hi], duty_view)?;
        for r in rows {
            out.push(r?);
        }
    }
    out.sort_by(|a, b| {
        (a.start, &a.site, &a.department, &a.grade, a.id).cmp(&(
            b.start,
            &b.site,
            &b.department,
            &b.grade,
            b.id,
        ))
    });
    Ok(out)
}

pub(crate) fn staff(conn: &Connection) -> Result<Vec<StaffView>> {
    // Duties per doctor and department, counted here rather than by SQL's GROUP BY: a plain
    // scan and a hash map take a fraction of the time of SQLite's sort on a large trust.
    let mut counts: HashMap<(i64, i64), i64> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT staff_id, department_id FROM duties WHERE staff_id IS NOT NULL AND removed_import IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            *counts.entry((r.get(0)?, r.get(1)?)).or_insert(0) += 1;
        }
    }
    // staff -> (total, main department, its count); ties go to the lower department id.
    let mut per: HashMap<i64, (i64, i64, i64)> = HashMap::new();
    for ((s, d), c) in counts {
        let e = per.entry(s).or_insert((0, d, 0));
        e.0 += c;
        if c > e.2 || (c == e.2 && d < e.1) {
            e.1 = d;
            e.2 = c;
        }
    }
    let mut names: HashMap<i64, String> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT d.id, d.name || ' (' || s.name || ')' FROM departments d JOIN sites s ON s.id = d.site_id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (id, n) = r?;
            names.insert(id, n);
        }
    }
    let mut stmt = conn.prepare(
        "SELECT st.id, st.staff_number, st.name, st.grade, COALESCE(st.group_override, g.staff_group), st.wtr_opt_out
         FROM staff st JOIN grades g ON g.code = st.grade ORDER BY st.name COLLATE NOCASE, st.staff_number",
    )?;
    let rows = stmt.query_map([], |r| {
        let id: i64 = r.get(0)?;
        let group: String = r.get(4)?;
        Ok(StaffView {
            id,
            staff_number: r.get(1)?,
            name: r.get(2)?,
            grade: r.get(3)?,
            staff_group: StaffGroup::from_str(&group).unwrap_or(StaffGroup::Other),
            wtr_opt_out: r.get(5)?,
            main_department: per.get(&id).and_then(|p| names.get(&p.1).cloned()),
            duties: per.get(&id).map_or(0, |p| p.0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn grades(conn: &Connection) -> Result<Vec<GradeView>> {
    let mut stmt = conn.prepare(
        "SELECT g.code, g.staff_group, (SELECT count(*) FROM staff st WHERE st.grade = g.code)
         FROM grades g ORDER BY g.sort_order, g.code COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        let group: String = r.get(1)?;
        Ok(GradeView {
            grade: r.get(0)?,
            staff_group: StaffGroup::from_str(&group).unwrap_or(StaffGroup::Other),
            doctors: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a grade's staff group; returns the previous group.
pub(crate) fn set_grade_group(
    tx: &Transaction<'_>,
    grade: &str,
    group: StaffGroup,
) -> Result<(String, StaffGroup)> {
    let old: Option<(String, String)> = tx
        .query_row(
            "SELECT code, staff_group FROM grades WHERE code = ?1",
            [grade],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((code, old)) = old else {
        return Err(Error::NotFound {
            what: format!("grade '{grade}'"),
        });
    };
    tx.execute(
        "UPDATE grades SET staff_group = ?2 WHERE code = ?1",
        params![code, group.as_str()],
    )?;
    Ok((
        code,
        StaffGroup::from_str(&old).unwrap_or(StaffGroup::Other),
    ))
}

/// Every live duty in the canonical import format, in start order. Re-importing the output
/// changes nothing.
pub(crate) fn export_csv<W: std::io::Write>(conn: &Connection, w: W) -> Result<u64> {
    let mut out = csv::Writer::from_writer(w);
    let io = |e: csv::Error| Error::Io {
        path: "export".into(),
        message: e.to_string(),
    };
    out.write_record([
        "staff_id",
        "name",
        "grade",
        "department",
        "site",
        "date",
        "start",
        "end",
        "shift_type",
        "shift_code",
        "staff_group",
        "wtr_opt_out",
    ])
    .map_err(io)?;
    let mut stmt = conn.prepare(
        "SELECT st.staff_number, st.name, d.grade, dp.name, s.name, d.duty_date, d.start_local, d.end_local,
                d.shift_type, d.shift_code, st.group_override, st.wtr_opt_out
         FROM duties d JOIN departments dp ON dp.id = d.department_id JOIN sites s ON s.id = dp.site_id
         LEFT JOIN staff st ON st.id = d.staff_id
         WHERE d.removed_import IS NULL ORDER BY d.start_utc, s.name, dp.name, d.grade, d.slot",
    )?;
    let mut rows = stmt.query([])?;
    let mut n = 0u64;
    while let Some(r) = rows.next()? {
        let date: String = r.get(5)?;
        let opt: Option<bool> = r.get(11)?;
        let staff: Option<String> = r.get(0)?;
        out.write_record([
            staff.clone().unwrap_or_default(),
            r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            iso_to_uk(&date),
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            match (staff.is_some(), opt) {
                (true, Some(true)) => "yes".into(),
                (true, _) => "no".into(),
                _ => String::new(),
            },
        ])
        .map_err(io)?;
        n += 1;
    }
    out.flush().map_err(|e| Error::Io {
        path: "export".into(),
        message: e.to_string(),
    })?;
    Ok(n)
}

/// yyyy-mm-dd as dd/mm/yyyy (left as it is if it is not a date).
pub(super) fn iso_to_uk(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(crate::time::fmt_date)
        .unwrap_or_else(|_| iso.to_string())
}
