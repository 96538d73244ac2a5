//! Writing a rota import: resolving sites, departments, grades and staff, then upserting duties
//! on their natural key (a bulk path for a first load), marking duties the export no longer
//! lists, and refusing doctors double-booked against duties already held.

use crate::error::{Error, Result};
use crate::import::{DutyRow, ImportError, ImportProgress, ParsedRota, RowError, MAX_ROW_ERRORS};
use crate::model::{default_critical, default_staff_group, ShiftType, StaffGroup};
use crate::time::fmt_instant;
use crate::views::{DutyChange, ImportSummary};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use super::rota::iso_to_uk;

/// At most this many changes are listed in an import summary (all are counted).
pub const MAX_LISTED_CHANGES: usize = 200;

/// Facts about the file that the import row records.
pub(crate) struct ImportMeta<'a> {
    pub sha256: &'a str,
    pub user_id: i64,
    pub now: &'a str,
}

/// Grouping key of interchangeable slots: same department, times, grade and shift type.
#[derive(Hash, PartialEq, Eq, Clone, Copy)]
struct SlotKey {
    dept: i64,
    start: i64,
    end: i64,
    grade: usize,
    shift: ShiftType,
}

struct Existing {
    id: i64,
    slot: i64,
    staff_id: Option<i64>,
    shift_code: Option<String>,
    removed: bool,
    matched: bool,
}

/// Canonical grade sort order: residents by seniority, then SAS, consultants, others.
fn grade_sort_order(code: &str) -> i64 {
    let c = code.trim().to_ascii_uppercase();
    let num = |p: &str| c.strip_prefix(p).and_then(|n| n.parse::<i64>().ok());
    if let Some(n) = num("FY") {
        return 10 + n;
    }
    if let Some(n) = num("CT") {
        return 20 + n;
    }
    if let Some(n) = num("ST") {
        return 30 + n;
    }
    match default_staff_group(code) {
        StaffGroup::Resident => 50,
        StaffGroup::Sas => 100,
        StaffGroup::Consultant => 200,
        StaffGroup::Other => 300,
    }
}

fn staff_label(number: Option<&str>, name: Option<&str>) -> String {
    match (number, name) {
        (Some(n), Some(m)) => format!("{n} {m}"),
        (Some(n), None) => n.to_string(),
        _ => "vacant".to_string(),
    }
}

/// Writes a parsed rota inside `tx`. Re-importing rows already held updates them (natural key)
/// and duties the file no longer lists, within each of its departments' date range, are marked
/// removed (kept on record). Returns the summary; the caller appends the audit row.
pub(crate) fn write_import(
    tx: &Transaction<'_>,
    parsed: &ParsedRota,
    meta: &ImportMeta<'_>,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let rows = &parsed.rows;
    let file = &parsed.file_name;
    if rows.is_empty() {
        return Err(ImportError::Empty { file: file.clone() }.into());
    }
    let total = rows.len() as u64;
    progress(ImportProgress::Writing { done: 0, total });

    tx.execute(
        "INSERT INTO imports (file_name, sha256, format, encoding, rows, user_id, imported_at, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '{}')",
        params![
            file,
            meta.sha256,
            serde_json::to_value(parsed.format)?.as_str().unwrap_or("csv"),
            parsed.encoding,
            rows.len() as i64,
            meta.user_id,
            meta.now
        ],
    )?;
    let import_id = tx.last_insert_rowid();

    let Dims {
        row_dept,
        row_grade,
        grade_codes,
        sites,
    } = resolve_dimensions(tx, rows)?;

    let mut changes: Vec<DutyChange> = Vec::new();
    let StaffIds {
        ids: staff_ids,
        names: staff_names,
        new: new_staff,
    } = upsert_staff(tx, rows, &row_grade, &grade_codes, meta.now, &mut changes)?;

    // Duties. An export covers its departments over its date range: from the first start it
    // lists to the last, in every department it names.
    let lo = rows.iter().map(|r| r.start).min().expect("rows not empty");
    let hi = rows.iter().map(|r| r.start).max().expect("rows not empty");
    let coverage: HashMap<i64, (i64, i64)> = row_dept.iter().map(|&d| (d, (lo, hi))).collect();
    let had_duties: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM duties)", [], |x| x.get(0))?;

    let mut existing = if had_duties {
        load_held(tx, &coverage, &grade_codes)?
    } else {
        HashMap::new()
    };

    // Match each file row to a held slot: same doctor first, then any free slot in order.
    let row_staff: Vec<Option<i64>> = rows
        .iter()
        .map(|r| r.staff_number.as_deref().map(|n| staff_ids[n]))
        .collect();
    let mut row_match: Vec<Option<(SlotKey, usize)>> = vec![None; rows.len()];
    let key_of = |i: usize, r: &DutyRow| SlotKey {
        dept: row_dept[i],
        start: r.start,
        end: r.end,
        grade: row_grade[i],
        shift: r.shift_type,
    };
    if !existing.is_empty() {
        for pass in 0..2 {
            for (i, r) in rows.iter().enumerate() {
                if row_match[i].is_some() {
                    continue;
                }
                let key = key_of(i, r);
                if let Some(held) = existing.get_mut(&key) {
                    let found = held.iter().position(|e| {
                        !e.matched
                            && (pass == 1 || (e.staff_id.is_some() && e.staff_id == row_staff[i]))
                    });
                    if let Some(p) = found {
                        held[p].matched = true;
                        row_match[i] = Some((key, p));
                    }
                }
            }
        }
    }

    // Loading into an empty rota: build the duty indexes once at the end (a sorted build)
    // rather than row by row. DDL is transactional, so a failed import restores them.
    let deferred_indexes = if had_duties {
        Vec::new()
    } else {
        drop_secondary_duty_indexes(tx)?
    };

    let (mut added, mut updated, mut unchanged) = (0i64, 0i64, 0i64);
    let mut next_slot: HashMap<SlotKey, i64> = HashMap::new();
    let mut row_duty_id: HashMap<i64, u32> = HashMap::new();
    let removed = {
        // New duties go in batches of many rows per statement on a first load; one at a time on
        // a re-import, where each new duty's id is needed for the overlap check.
        let text = RowText::new();
        let mut update = tx.prepare_cached(
            "UPDATE duties SET staff_id = ?2, shift_code = ?3, removed_import = NULL, import_id = ?4 WHERE id = ?1",
        )?;
        let mut date_text: HashMap<NaiveDate, String> = HashMap::new();
        if !had_duties {
            // A first load: every row is new (nothing to match or remove).
            added = bulk_insert_duties(
                tx,
                &BulkRows {
                    rows,
                    dept: &row_dept,
                    grade: &row_grade,
                    grade_codes: &grade_codes,
                    staff: &row_staff,
                },
                import_id,
                &text,
                &mut |done| progress(ImportProgress::Writing { done, total }),
            )?;
        }
        for (i, r) in rows.iter().enumerate().filter(|_| had_duties) {
            let key = key_of(i, r);
            let staff = row_staff[i];
            match row_match[i] {
                Some((k, p)) => {
                    let e = &existing[&k][p];
                    let mut what = Vec::new();
                    if e.removed {
                        what.push("back on the rota".to_string());
                    }
                    if e.staff_id != staff {
                        what.push(format!(
                            "doctor: {} -> {}",
                            e.staff_id
                                .map(|s| staff_names.get(&s).copied().unwrap_or("another doctor"))
                                .map(|n| n.to_string())
                                .unwrap_or_else(|| "vacant".into()),
                            staff_label(r.staff_number.as_deref(), r.name.as_deref())
                        ));
                    }
                    if e.shift_code.as_deref() != r.shift_code.as_deref() {
                        what.push(format!(
                            "shift code: {} -> {}",
                            e.shift_code.as_deref().unwrap_or("none"),
                            r.shift_code.as_deref().unwrap_or("none")
                        ));
                    }
                    if what.is_empty() {
                        unchanged += 1;
                    } else {
                        update.execute(params![e.id, staff, r.shift_code, import_id])?;
                        updated += 1;
                        if changes.len() < MAX_LISTED_CHANGES {
                            changes.push(DutyChange {
                                row: r.row,
                                duty: describe(r),
                                change: what.join("; "),
                            });
                        }
                    }
                    if staff.is_some() {
                        row_duty_id.insert(e.id, r.row);
                    }
                }
                None => {
                    let slot = next_slot.entry(key).or_insert_with(|| {
                        existing
                            .get(&key)
                            .and_then(|v| v.iter().map(|e| e.slot).max())
                            .map_or(0, |m| m + 1)
                    });
                    let date = date_text
                        .entry(r.date)
                        .or_insert_with(|| r.date.format("%Y-%m-%d").to_string());
                    let new = NewDuty {
                        dept: key.dept,
                        row: r,
                        grade: &grade_codes[key.grade],
                        slot: *slot,
                        date,
                        staff,
                    };
                    let id = insert_duty(tx, &new, import_id, &text)?;
                    *slot += 1;
                    added += 1;
                    if staff.is_some() {
                        row_duty_id.insert(id, r.row);
                    }
                }
            }
            if (i + 1) % 20_000 == 0 {
                progress(ImportProgress::Writing {
                    done: (i + 1) as u64,
                    total,
                });
            }
        }

        // Held duties in the export's coverage that it no longer lists.
        remove_unlisted(tx, &existing, import_id, &mut changes)?
    };
    build_indexes(tx, &deferred_indexes)?;
    progress(ImportProgress::Writing { done: total, total });

    // A doctor must not be booked on two overlapping duties, counting duties already held.
    if had_duties {
        check_overlaps_with_held(tx, file, &row_staff, &row_duty_id)?;
    }

    let doctors = staff_ids.len() as i64;
    let shifts = rows.iter().filter(|r| r.shift_type.is_work()).count() as i64;
    let vacancies = rows.iter().filter(|r| r.staff_number.is_none()).count() as i64;
    let first_date = rows.iter().map(|r| r.date).min().expect("rows not empty");
    let last_date = rows.iter().map(|r| r.date).max().expect("rows not empty");
    let summary = ImportSummary {
        import_id,
        file_name: file.clone(),
        format: parsed.format,
        encoding: parsed.encoding.clone(),
        rows: rows.len() as i64,
        doctors,
        shifts,
        vacancies,
        departments: coverage.len() as i64,
        sites: sites as i64,
        first_date,
        last_date,
        added,
        updated,
        unchanged,
        removed,
        new_staff,
        changes,
        elapsed_ms: 0,
    };
    tx.execute(
        "UPDATE imports SET summary = ?2 WHERE id = ?1",
        params![import_id, serde_json::to_string(&summary)?],
    )?;
    Ok(summary)
}

/// Sites, departments and grades of the rows, each spelling resolved once (created when new).
struct Dims {
    /// Department id of each row.
    row_dept: Vec<i64>,
    /// Index into `grade_codes` of each row.
    row_grade: Vec<usize>,
    /// Grade codes as the database spells them.
    grade_codes: Vec<String>,
    /// Distinct sites named.
    sites: usize,
}

fn resolve_dimensions(tx: &Transaction<'_>, rows: &[DutyRow]) -> Result<Dims> {
    let mut site_ids: HashMap<&str, i64> = HashMap::new();
    let mut dept_ids: HashMap<(&str, &str), i64> = HashMap::new();
    let mut grade_idx: HashMap<&str, usize> = HashMap::new();
    let mut grade_codes: Vec<String> = Vec::new();
    let mut row_dept: Vec<i64> = Vec::with_capacity(rows.len());
    let mut row_grade: Vec<usize> = Vec::with_capacity(rows.len());
    // Rows come in runs of one department and grade: the previous row's answer first.
    let mut prev: Option<(&DutyRow, i64, usize)> = None;
    for r in rows {
        if let Some((p, dept_id, g)) = prev {
            if p.site == r.site && p.department == r.department && p.grade == r.grade {
                row_dept.push(dept_id);
                row_grade.push(g);
                continue;
            }
        }
        let site_id = match site_ids.get(&*r.site) {
            Some(&id) => id,
            None => {
                tx.execute(
                    "INSERT INTO sites (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
                    [&r.site],
                )?;
                let id: i64 =
                    tx.query_row("SELECT id FROM sites WHERE name = ?1", [&r.site], |x| {
                        x.get(0)
                    })?;
                site_ids.insert(&r.site, id);
                id
            }
        };
        let dept_id = match dept_ids.get(&(&*r.site, &*r.department)) {
            Some(&id) => id,
            None => {
                tx.execute(
                    "INSERT INTO departments (site_id, name, critical) VALUES (?1, ?2, ?3)
                     ON CONFLICT (site_id, name) DO NOTHING",
                    params![site_id, r.department, default_critical(&r.department)],
                )?;
                let id: i64 = tx.query_row(
                    "SELECT id FROM departments WHERE site_id = ?1 AND name = ?2",
                    params![site_id, r.department],
                    |x| x.get(0),
                )?;
                dept_ids.insert((&r.site, &r.department), id);
                id
            }
        };
        let g = match grade_idx.get(&*r.grade) {
            Some(&g) => g,
            None => {
                tx.execute(
                    "INSERT INTO grades (code, staff_group, sort_order) VALUES (?1, ?2, ?3)
                     ON CONFLICT (code) DO NOTHING",
                    params![
                        r.grade,
                        default_staff_group(&r.grade).as_str(),
                        grade_sort_order(&r.grade)
                    ],
                )?;
                let code: String =
                    tx.query_row("SELECT code FROM grades WHERE code = ?1", [&r.grade], |x| {
                        x.get(0)
                    })?;
                let idx = match grade_codes.iter().position(|c| *c == code) {
                    Some(i) => i,
                    None => {
                        grade_codes.push(code);
                        grade_codes.len() - 1
                    }
                };
                grade_idx.insert(&r.grade, idx);
                idx
            }
        };
        row_dept.push(dept_id);
        row_grade.push(g);
        prev = Some((r, dept_id, g));
    }

    let sites = site_ids.values().collect::<HashSet<_>>().len();
    Ok(Dims {
        row_dept,
        row_grade,
        grade_codes,
        sites,
    })
}

/// The staff of an import, by staff number.
struct StaffIds<'a> {
    ids: HashMap<&'a str, i64>,
    names: HashMap<i64, &'a str>,
    /// How many were new to the database.
    new: i64,
}

/// Creates or updates every doctor the rows name: the latest row of each gives their name and
/// grade. Changes to doctors already held are listed in `changes`.
fn upsert_staff<'a>(
    tx: &Transaction<'_>,
    rows: &'a [DutyRow],
    row_grade: &[usize],
    grade_codes: &[String],
    now: &str,
    changes: &mut Vec<DutyChange>,
) -> Result<StaffIds<'a>> {
    let mut latest: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(n) = r.staff_number.as_deref() {
            let e = latest.entry(n).or_insert(i);
            if rows[*e].start <= r.start {
                *e = i;
            }
        }
    }
    let mut staff_ids: HashMap<&str, i64> = HashMap::with_capacity(latest.len());
    let mut staff_names: HashMap<i64, &str> = HashMap::with_capacity(latest.len());
    let mut new_staff = 0i64;
    let mut numbers: Vec<&str> = latest.keys().copied().collect();
    numbers.sort_unstable();
    {
        let mut find = tx.prepare_cached(
            "SELECT id, name, grade, group_override, wtr_opt_out FROM staff WHERE staff_number = ?1",
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO staff (staff_number, name, grade, group_override, wtr_opt_out, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?;
        let mut update = tx.prepare_cached(
            "UPDATE staff SET name = ?2, grade = ?3, group_override = ?4, wtr_opt_out = ?5, updated_at = ?6
             WHERE id = ?1",
        )?;
        for number in numbers {
            let i = latest[number];
            let r = &rows[i];
            let name = r.name.as_deref().unwrap_or(number);
            let grade = &grade_codes[row_grade[i]];
            let existing = find
                .query_row([number], |x| {
                    Ok((
                        x.get::<_, i64>(0)?,
                        x.get::<_, String>(1)?,
                        x.get::<_, String>(2)?,
                        x.get::<_, Option<String>>(3)?,
                        x.get::<_, bool>(4)?,
                    ))
                })
                .optional()?;
            let id = match existing {
                None => {
                    insert.execute(params![
                        number,
                        name,
                        grade,
                        r.staff_group.map(|g| g.as_str()),
                        r.wtr_opt_out.unwrap_or(false),
                        now
                    ])?;
                    new_staff += 1;
                    tx.last_insert_rowid()
                }
                Some((id, old_name, old_grade, old_group, old_opt)) => {
                    let group = r
                        .staff_group
                        .map(|g| g.as_str().to_string())
                        .or(old_group.clone());
                    let opt = r.wtr_opt_out.unwrap_or(old_opt);
                    let mut what = Vec::new();
                    if old_name != name {
                        what.push(format!("name: {old_name} -> {name}"));
                    }
                    if !old_grade.eq_ignore_ascii_case(grade) {
                        what.push(format!("grade: {old_grade} -> {grade}"));
                    }
                    if old_group != group {
                        what.push(format!(
                            "staff group: {} -> {}",
                            old_group.as_deref().unwrap_or("from grade"),
                            group.as_deref().unwrap_or("from grade")
                        ));
                    }
                    if old_opt != opt {
                        what.push(format!(
                            "WTR opt-out: {} -> {}",
                            yes_no(old_opt),
                            yes_no(opt)
                        ));
                    }
                    if !what.is_empty() {
                        update.execute(params![id, name, grade, group, opt, now])?;
                        if changes.len() < MAX_LISTED_CHANGES {
                            changes.push(DutyChange {
                                row: r.row,
                                duty: format!("staff {number}"),
                                change: what.join("; "),
                            });
                        }
                    }
                    id
                }
            };
            staff_ids.insert(number, id);
            staff_names.insert(id, name);
        }
    }

    Ok(StaffIds {
        ids: staff_ids,
        names: staff_names,
        new: new_staff,
    })
}

/// Duties already held in the departments and dates an export covers, grouped by slot key.
fn load_held(
    tx: &Transaction<'_>,
    coverage: &HashMap<i64, (i64, i64)>,
    grade_codes: &[String],
) -> Result<HashMap<SlotKey, Vec<Existing>>> {
    let mut existing: HashMap<SlotKey, Vec<Existing>> = HashMap::new();
    let grade_lookup: HashMap<String, usize> = grade_codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.to_ascii_lowercase(), i))
        .collect();
    let mut other_grades: HashMap<String, usize> = HashMap::new();
    let mut stmt = tx.prepare_cached(
        "SELECT id, start_utc, end_utc, grade, shift_type, slot, staff_id, shift_code, removed_import IS NOT NULL
         FROM duties WHERE department_id = ?1 AND start_utc BETWEEN ?2 AND ?3",
    )?;
    for (&dept, &(lo, hi)) in coverage {
        let mut q = stmt.query(params![dept, lo, hi])?;
        while let Some(x) = q.next()? {
            let grade: String = x.get(3)?;
            let shift: String = x.get(4)?;
            let lower = grade.to_ascii_lowercase();
            let g = match grade_lookup.get(&lower) {
                Some(&g) => g,
                // A grade the file does not use: its slots cannot match a file row (they are
                // removed if not listed), so each such grade gets an index of its own.
                None => {
                    let n = grade_codes.len() + other_grades.len();
                    *other_grades.entry(lower).or_insert(n)
                }
            };
            let key = SlotKey {
                dept,
                start: x.get(1)?,
                end: x.get(2)?,
                grade: g,
                shift: ShiftType::from_str(&shift).map_err(|m| Error::invalid("shift_type", m))?,
            };
            existing.entry(key).or_default().push(Existing {
                id: x.get(0)?,
                slot: x.get(5)?,
                staff_id: x.get(6)?,
                shift_code: x.get(7)?,
                removed: x.get(8)?,
                matched: false,
            });
        }
    }
    Ok(existing)
}

/// Marks removed the held duties the export no longer lists (kept on record); returns how many.
fn remove_unlisted(
    tx: &Transaction<'_>,
    existing: &HashMap<SlotKey, Vec<Existing>>,
    import_id: i64,
    changes: &mut Vec<DutyChange>,
) -> Result<i64> {
    let mut remove = tx.prepare_cached("UPDATE duties SET removed_import = ?2 WHERE id = ?1")?;
    let mut describe_held = tx.prepare_cached(
        "SELECT d.duty_date, d.start_local, d.end_local, d.shift_type, dp.name, s.name, d.grade
         FROM duties d JOIN departments dp ON dp.id = d.department_id JOIN sites s ON s.id = dp.site_id
         WHERE d.id = ?1",
    )?;
    let mut gone: Vec<i64> = existing
        .values()
        .flatten()
        .filter(|e| !e.matched && !e.removed)
        .map(|e| e.id)
        .collect();
    gone.sort_unstable();
    let gone_count = gone.len() as i64;
    for id in gone {
        remove.execute(params![id, import_id])?;
        if changes.len() < MAX_LISTED_CHANGES {
            let duty = describe_held.query_row([id], |x| {
                let date: String = x.get(0)?;
                let shift: String = x.get(3)?;
                Ok(format!(
                    "{} {}-{} {}, {} ({}), {}",
                    iso_to_uk(&date),
                    x.get::<_, String>(1)?,
                    x.get::<_, String>(2)?,
                    ShiftType::from_str(&shift)
                        .map(|s| s.label())
                        .unwrap_or("duty"),
                    x.get::<_, String>(4)?,
                    x.get::<_, String>(5)?,
                    x.get::<_, String>(6)?
                ))
            })?;
            changes.push(DutyChange {
                row: 0,
                duty,
                change: "removed: no longer in the export (kept on record)".into(),
            });
        }
    }
    Ok(gone_count)
}

/// Drops the duties table's secondary indexes (all but the natural key, which a first load
/// fills in order) and returns the SQL that recreates them.
fn drop_secondary_duty_indexes(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'duties'
         AND sql IS NOT NULL AND name <> 'duties_natural_key'",
    )?;
    let found: Vec<(String, String)> = stmt
        .query_map([], |x| Ok((x.get(0)?, x.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &found {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(found.into_iter().map(|(_, sql)| sql).collect())
}

/// Builds indexes dropped by [`drop_secondary_duty_indexes`].
fn build_indexes(tx: &Transaction<'_>, sqls: &[String]) -> Result<()> {
    if sqls.is_empty() {
        return Ok(());
    }
    // SQLite's sorter takes its memory budget from cache_size. With the whole budget it
    // sorts everything in one run, in memory, on this thread; with a small one it sorts
    // runs of about 1 MiB on its helper threads (PRAGMA threads) while this thread goes on
    // reading the table, then merges them: about half the time on two cores. Dirty pages
    // are not dropped meanwhile (a smaller cache only writes some of them to the WAL
    // early), and the budget is put back straight after.
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |x| x.get(0))?;
    tx.pragma_update(None, "cache_size", -SORTER_RUN_KIB)?;
    let built = sqls.iter().try_for_each(|sql| tx.execute_batch(sql));
    tx.pragma_update(None, "cache_size", cache)?;
    built?;
    Ok(())
}

fn check_overlaps_with_held(
    tx: &Transaction<'_>,
    file: &str,
    row_staff: &[Option<i64>],
    row_duty_id: &HashMap<i64, u32>,
) -> Result<()> {
    let staff: HashSet<i64> = row_staff.iter().flatten().copied().collect();
    let mut staff: Vec<i64> = staff.into_iter().collect();
    staff.sort_unstable();
    let mut stmt = tx.prepare_cached(
        "SELECT d.id, d.start_utc, d.end_utc, dp.name, s.name
         FROM duties d JOIN departments dp ON dp.id = d.department_id JOIN sites s ON s.id = dp.site_id
         WHERE d.staff_id = ?1 AND d.removed_import IS NULL ORDER BY d.start_utc",
    )?;
    let mut errors: Vec<RowError> = Vec::new();
    let mut total = 0usize;
    for sid in staff {
        let duties: Vec<(i64, i64, i64, String, String)> = stmt
            .query_map([sid], |x| {
                Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut latest_end: Option<usize> = None;
        for (j, d) in duties.iter().enumerate() {
            if let Some(k) = latest_end {
                let prev = &duties[k];
                if d.1 < prev.2 {
                    // One of the two comes from this file (two from the file were refused by
                    // the parser; two held ones were accepted before).
                    let (mine, other) = if row_duty_id.contains_key(&d.0) {
                        (d, prev)
                    } else {
                        (prev, d)
                    };
                    if let Some(&row) = row_duty_id.get(&mine.0) {
                        total += 1;
                        if errors.len() < MAX_ROW_ERRORS {
                            errors.push(RowError {
                                row,
                                column: "start".into(),
                                value: fmt_instant(mine.1),
                                message: format!(
                                    "the doctor is already on a duty then: {} to {} in {} ({})",
                                    fmt_instant(other.1),
                                    fmt_instant(other.2),
                                    other.3,
                                    other.4
                                ),
                            });
                        }
                    }
                }
                if d.2 > prev.2 {
                    latest_end = Some(j);
                }
            } else {
                latest_end = Some(j);
            }
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| e.row);
    Err(ImportError::BadRows {
        file: file.to_string(),
        errors,
        total,
    }
    .into())
}

/// What a first load inserts: the file's rows with their resolved department, grade (index
/// into `grade_codes`) and doctor.
struct BulkRows<'a> {
    rows: &'a [DutyRow],
    dept: &'a [i64],
    grade: &'a [usize],
    grade_codes: &'a [String],
    staff: &'a [Option<i64>],
}

/// Inserts every row of a first load, in the order of the natural-key index (BINARY text
/// comparison) so that its pages fill in sequence, many rows per statement. Identical slots
/// are numbered in file order, as a re-import numbers new ones. Returns the number inserted.
fn bulk_insert_duties(
    tx: &Transaction<'_>,
    b: &BulkRows<'_>,
    import_id: i64,
    text: &RowText,
    progress: &mut dyn FnMut(u64),
) -> Result<i64> {
    let rows = b.rows;
    let n = rows.len();
    // Rank of each grade and shift type in BINARY order of their text.
    let mut by_text: Vec<usize> = (0..b.grade_codes.len()).collect();
    by_text.sort_unstable_by(|&x, &y| b.grade_codes[x].as_bytes().cmp(b.grade_codes[y].as_bytes()));
    let mut grade_rank = vec![0u64; b.grade_codes.len()];
    for (rank, &g) in by_text.iter().enumerate() {
        grade_rank[g] = rank as u64;
    }
    let mut shifts = ShiftType::ALL;
    shifts.sort_unstable_by_key(|t| t.as_str());
    let shift_rank = |t: ShiftType| shifts.iter().position(|&x| x == t).unwrap_or(0) as u64;

    // The insert order: a packed u128 key when every part fits (always, for real rotas),
    // else a sort on the full tuple. Either way ties keep file order (the row index).
    let lo = rows.iter().map(|r| r.start).min().unwrap_or(0);
    let fits = n < (1 << 32)
        && b.grade_codes.len() < (1 << 12)
        && b.dept.iter().all(|&d| (0..1 << 24).contains(&d))
        && rows
            .iter()
            .all(|r| r.start - lo < (1 << 40) && (0..1 << 17).contains(&(r.end - r.start)));
    let order: Vec<u32> = if fits {
        let mut keys: Vec<u128> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let hi = (b.dept[i] as u64) << 40 | (r.start - lo) as u64;
                let lo = grade_rank[b.grade[i]] << 52
                    | shift_rank(r.shift_type) << 49
                    | ((r.end - r.start) as u64) << 32
                    | i as u64;
                (hi as u128) << 64 | lo as u128
            })
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|k| k as u32).collect()
    } else {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by_key(|&i| {
            let (i, r) = (i as usize, &rows[i as usize]);
            (
                b.dept[i],
                r.start,
                grade_rank[b.grade[i]],
                shift_rank(r.shift_type),
                r.end,
                i,
            )
        });
        order
    };

    // "yyyy-mm-dd" of each day the file covers.
    let first = rows.iter().map(|r| r.date).min().expect("rows not empty");
    let last = rows.iter().map(|r| r.date).max().expect("rows not empty");
    let days: Vec<String> = first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();

    let same_slot = |i: usize, j: usize| {
        let (x, y) = (&rows[i], &rows[j]);
        b.dept[i] == b.dept[j]
            && x.start == y.start
            && x.end == y.end
            && b.grade[i] == b.grade[j]
            && x.shift_type == y.shift_type
    };
    let mut slot = 0i64;
    let mut prev: Option<usize> = None;
    let mut done = 0usize;
    for chunk in order.chunks(INSERT_BATCH) {
        let values = vec!["(?,?,?,?,?,?,?,?,?,?,?,?)"; chunk.len()].join(",");
        let mut stmt = tx.prepare_cached(&format!("{DUTY_COLUMNS}{values}"))?;
        let mut p = 1;
        for &i in chunk {
            let i = i as usize;
            let r = &rows[i];
            slot = match prev {
                Some(j) if same_slot(i, j) => slot + 1,
                _ => 0,
            };
            prev = Some(i);
            let day = (r.date - first).num_days() as usize;
            stmt.raw_bind_parameter(p, b.dept[i])?;
            stmt.raw_bind_parameter(p + 1, r.start)?;
            stmt.raw_bind_parameter(p + 2, r.end)?;
            stmt.raw_bind_parameter(p + 3, b.grade_codes[b.grade[i]].as_str())?;
            stmt.raw_bind_parameter(p + 4, r.shift_type.as_str())?;
            stmt.raw_bind_parameter(p + 5, slot)?;
            stmt.raw_bind_parameter(p + 6, days[day].as_str())?;
            stmt.raw_bind_parameter(p + 7, text.hhmm(r.start_local))?;
            stmt.raw_bind_parameter(p + 8, text.hhmm(r.end_local))?;
            stmt.raw_bind_parameter(p + 9, r.shift_code.as_deref())?;
            stmt.raw_bind_parameter(p + 10, b.staff[i])?;
            stmt.raw_bind_parameter(p + 11, import_id)?;
            p += 12;
        }
        stmt.raw_execute()?;
        let before = done / 20_000;
        done += chunk.len();
        if done / 20_000 != before {
            progress(done as u64);
        }
    }
    Ok(n as i64)
}

/// Rows per INSERT statement on a first load (12 parameters each, well under SQLite's limit).
const INSERT_BATCH: usize = 256;
/// The sorter's run size while building the deferred duty indexes (see `write_import`).
const SORTER_RUN_KIB: i64 = 1024;
const DUTY_COLUMNS: &str =
    "INSERT INTO duties (department_id, start_utc, end_utc, grade, shift_type, slot, duty_date,
     start_local, end_local, shift_code, staff_id, import_id) VALUES ";

/// "HH:MM" for every minute of the day, made once per import.
struct RowText {
    minutes: Vec<String>,
}

impl RowText {
    fn new() -> RowText {
        RowText {
            minutes: (0..24 * 60)
                .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
                .collect(),
        }
    }

    fn hhmm(&self, t: NaiveTime) -> &str {
        use chrono::Timelike;
        &self.minutes[(t.hour() * 60 + t.minute()) as usize]
    }
}

/// Inserts one new duty (a re-import, where each new duty's id is needed for the overlap
/// check); returns its id.
fn insert_duty(
    tx: &Transaction<'_>,
    d: &NewDuty<'_>,
    import_id: i64,
    text: &RowText,
) -> Result<i64> {
    let mut stmt = tx.prepare_cached(&format!("{DUTY_COLUMNS}(?,?,?,?,?,?,?,?,?,?,?,?)"))?;
    let r = d.row;
    stmt.execute(params![
        d.dept,
        r.start,
        r.end,
        d.grade,
        r.shift_type.as_str(),
        d.slot,
        d.date,
        text.hhmm(r.start_local),
        text.hhmm(r.end_local),
        r.shift_code.as_deref(),
        d.staff,
        import_id
    ])?;
    Ok(tx.last_insert_rowid())
}

struct NewDuty<'a> {
    dept: i64,
    row: &'a DutyRow,
    grade: &'a str,
    slot: i64,
    date: &'a str,
    staff: Option<i64>,
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn describe(r: &DutyRow) -> String {
    format!(
        "{} {}-{} {}, {} ({}), {}",
        crate::time::fmt_date(r.date),
        hhmm(r.start_local),
        hhmm(r.end_local),
        r.shift_type.label(),
        r.department,
        r.site,
        r.grade
    )
}
