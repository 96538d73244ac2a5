//! Walkouts: create them, record intents, see and mark the gaps, the dashboard and the
//! situation report. Every change is one transaction with its audit row.

use super::{sha256_hex, Ctx};
use crate::error::{Error, Result};
use crate::import::{self, ImportError, RowError, MAX_ROW_ERRORS};
use crate::model::StaffGroup;
use crate::store::{self, append_audit, Db, IntentRecord, StaffInfo, WalkoutRow, WindowDuty};
use crate::time::{fmt_date, fmt_instant, hours, london_to_utc};
use crate::views::SiteView;
use crate::walkouts::{
    self, derive, derived_reason, is_night, overlap_secs, DashboardView, DeptInfo, Gap, GapMark,
    GapReason, GapStatus, GapView, Intent, IntentImportSummary, IntentView, RecordStatus,
    SitrepDay, WalkoutInput, WalkoutRule, WalkoutView,
};
use chrono::NaiveTime;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The longest walkout accepted, in days.
const MAX_WALKOUT_DAYS: i64 = 62;

fn parse_time(field: &str, s: &str) -> Result<NaiveTime> {
    import::values::parse_time(s.trim(), false).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "'{}' is not a time of day: write it as HH:MM, e.g. 07:00",
                s.trim()
            ),
        )
    })
}

/// Checks a new walkout; returns its body, title and rule.
pub(super) fn check_input(db: &Db, input: &WalkoutInput) -> Result<(String, String, WalkoutRule)> {
    let body = input.body.trim();
    if body.is_empty() || body.chars().count() > 100 {
        return Err(Error::invalid(
            "body",
            "say who is taking action (e.g. BMA, HCSA, RCN), in at most 100 characters",
        ));
    }
    let title = input.title.trim();
    if title.chars().count() > 200 {
        return Err(Error::invalid(
            "title",
            "the title is too long (at most 200 characters)",
        ));
    }
    let title = if title.is_empty() {
        format!("{body} action from {}", fmt_date(input.start_date))
    } else {
        title.to_string()
    };
    let mut groups: Vec<StaffGroup> = Vec::new();
    for g in &input.staff_groups {
        if !groups.contains(g) {
            groups.push(*g);
        }
    }
    let known = store::grade_codes(db.conn())?;
    let mut grades: Vec<String> = Vec::new();
    for g in &input.grades {
        let g = g.trim();
        if g.is_empty() {
            continue;
        }
        let Some(code) = known.iter().find(|k| k.eq_ignore_ascii_case(g)) else {
            let list = if known.is_empty() {
                "the grade table is empty: import a rota first".to_string()
            } else {
                format!("known grades: {}", known.join(", "))
            };
            return Err(Error::invalid(
                "grades",
                format!("unknown grade '{g}' ({list})"),
            ));
        };
        if !grades.contains(code) {
            grades.push(code.clone());
        }
    }
    if groups.is_empty() && grades.is_empty() {
        return Err(Error::invalid(
            "staff_groups",
            "choose at least one staff group or grade the walkout affects (e.g. resident doctors)",
        ));
    }
    let start = london_to_utc(
        input.start_date,
        parse_time("start_time", &input.start_time)?,
    );
    let end = london_to_utc(input.end_date, parse_time("end_time", &input.end_time)?);
    if end <= start {
        return Err(Error::invalid(
            "end_date",
            format!(
                "the walkout must end after it starts: it starts {} and ends {}",
                fmt_instant(start),
                fmt_instant(end)
            ),
        ));
    }
    if end - start > MAX_WALKOUT_DAYS * 86_400 {
        return Err(Error::invalid(
            "end_date",
            format!(
                "a walkout may last at most {MAX_WALKOUT_DAYS} days; this one runs from {} to {}",
                fmt_instant(start),
                fmt_instant(end)
            ),
        ));
    }
    if let Some(n) = input.notice_date {
        if n > input.start_date {
            return Err(Error::invalid(
                "notice_date",
                format!(
                    "notice is given before a walkout starts: the notice date {} is after the first day {}",
                    fmt_date(n),
                    fmt_date(input.start_date)
                ),
            ));
        }
    }
    Ok((
        body.to_string(),
        title,
        WalkoutRule {
            start,
            end,
            staff_groups: groups,
            grades,
            undeclared_uncovered: input.undeclared_uncovered,
        },
    ))
}

/// Creates a walkout.
pub fn walkout_create(db: &mut Db, ctx: &Ctx, input: &WalkoutInput) -> Result<WalkoutView> {
    let (body, title, rule) = check_input(db, input)?;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let id = store::insert_walkout(
        &tx,
        &store::NewWalkout {
            body: &body,
            title: &title,
            rule: &rule,
            notice_date: input.notice_date,
            user_id,
            now: &now,
        },
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "walkout.create",
        "walkout",
        Some(&id.to_string()),
        &json!({
            "body": body,
            "title": title,
            "start": fmt_instant(rule.start),
            "end": fmt_instant(rule.end),
            "staff_groups": rule.staff_groups,
            "grades": rule.grades,
            "notice_date": input.notice_date,
            "undeclared_uncovered": rule.undeclared_uncovered,
        }),
    )?;
    tx.commit()?;
    walkout(db, id)
}

/// Sets whether doctors who have not declared count as uncovered in a walkout.
pub fn walkout_set_undeclared(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    uncovered: bool,
) -> Result<WalkoutView> {
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let old = store::set_undeclared_uncovered(&tx, walkout_id, uncovered)?;
    if old != uncovered {
        append_audit(
            &tx,
            user_id,
            &now,
            "walkout.set_undeclared",
            "walkout",
            Some(&walkout_id.to_string()),
            &json!({ "undeclared_uncovered": { "from": old, "to": uncovered } }),
        )?;
        tx.commit()?;
    } else {
        drop(tx);
    }
    walkout(db, walkout_id)
}

/// A walkout with the rota in its window and the intents recorded for it.
struct Loaded {
    walkout: WalkoutRow,
    duties: Vec<WindowDuty>,
    intents: HashMap<i64, IntentRecord>,
}

impl Loaded {
    fn intent_of(&self) -> HashMap<i64, Intent> {
        self.intents.iter().map(|(k, v)| (*k, v.intent)).collect()
    }
}

fn load(db: &Db, walkout_id: i64) -> Result<Loaded> {
    let walkout = store::walkout(db.conn(), walkout_id)?;
    let duties = store::window_duties(db.conn(), walkout.rule.start, walkout.rule.end)?;
    let intents = store::intents(db.conn(), walkout_id)?;
    Ok(Loaded {
        walkout,
        duties,
        intents,
    })
}

fn walkout_view(l: &Loaded) -> WalkoutView {
    let w = &l.walkout;
    let affected = walkouts::affected_staff(&w.rule, &l.duties);
    let count = |want: Intent| {
        affected
            .iter()
            .filter(|s| l.intents.get(s).map_or(Intent::Undeclared, |r| r.intent) == want)
            .count() as i64
    };
    WalkoutView {
        id: w.id,
        body: w.body.clone(),
        title: w.title.clone(),
        staff_groups: w.rule.staff_groups.clone(),
        grades: w.rule.grades.clone(),
        start: w.rule.start,
        end: w.rule.end,
        start_local: fmt_instant(w.rule.start),
        end_local: fmt_instant(w.rule.end),
        notice_date: w.notice_date,
        undeclared_uncovered: w.rule.undeclared_uncovered,
        created_by: w.created_by.clone(),
        created_at: w.created_at.clone(),
        affected_staff: affected.len() as i64,
        striking: count(Intent::Striking),
        working: count(Intent::Working),
        undeclared: count(Intent::Undeclared),
        previous_id: w.previous.as_ref().map(|p| p.0),
        previous_title: w.previous.as_ref().map(|p| p.1.clone()),
        ladder_version: w.ladder_version_id,
    }
}

/// One walkout.
pub fn walkout(db: &Db, walkout_id: i64) -> Result<WalkoutView> {
    Ok(walkout_view(&load(db, walkout_id)?))
}

/// Every walkout, the latest first.
pub fn walkouts(db: &Db) -> Result<Vec<WalkoutView>> {
    let mut out = Vec::new();
    for w in store::walkouts(db.conn())? {
        let duties = store::window_duties(db.conn(), w.rule.start, w.rule.end)?;
        let intents = store::intents(db.conn(), w.id)?;
        out.push(walkout_view(&Loaded {
            walkout: w,
            duties,
            intents,
        }));
    }
    Ok(out)
}

pub(super) fn dept_label(departments: &HashMap<i64, DeptInfo>, id: i64) -> Option<String> {
    departments
        .get(&id)
        .map(|d| format!("{} ({})", d.name, d.site))
}

fn intent_views(db: &Db, l: &Loaded) -> Result<Vec<IntentView>> {
    let staff = store::staff_info(db.conn())?;
    let departments = store::walkout_departments(db.conn(), l.walkout.id)?;
    // Each affected doctor's duties per department in the window.
    let mut per: HashMap<i64, HashMap<i64, u32>> = HashMap::new();
    let w = &l.walkout.rule;
    for d in &l.duties {
        let f = &d.fact;
        if let Some(s) = f.staff_id {
            if f.shift_type.is_work()
                && w.affects(&f.grade, f.staff_group)
                && overlap_secs(f.start, f.end, w.start, w.end) > 0
            {
                *per.entry(s)
                    .or_default()
                    .entry(d.department_id)
                    .or_default() += 1;
            }
        }
    }
    let mut out: Vec<IntentView> = per
        .iter()
        .filter_map(|(id, depts)| {
            let s = staff.get(id)?;
            let main = depts
                .iter()
                .max_by_key(|(dept, n)| (**n, std::cmp::Reverse(**dept)))
                .and_then(|(dept, _)| dept_label(&departments, *dept));
            let rec = l.intents.get(id);
            Some(IntentView {
                staff_id: *id,
                staff_number: s.staff_number.clone(),
                name: s.name.clone(),
                grade: s.grade.clone(),
                staff_group: s.staff_group,
                main_department: main,
                intent: rec.map_or(Intent::Undeclared, |r| r.intent),
                set_by: rec.map(|r| r.set_by.clone()),
                set_at: rec.map(|r| r.set_at.clone()),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.staff_number.cmp(&b.staff_number))
    });
    Ok(out)
}

/// The affected doctors of a walkout (of its groups or grades, with a working duty in its
/// window) and their intents; undeclared unless someone recorded otherwise.
pub fn intents(db: &Db, walkout_id: i64) -> Result<Vec<IntentView>> {
    let l = load(db, walkout_id)?;
    intent_views(db, &l)
}

/// Whether a doctor may have an intent for the walkout: of its groups or grades, or holding
/// an affected duty in its window.
fn in_scope(rule: &WalkoutRule, s: &StaffInfo, affected: &HashSet<i64>) -> bool {
    rule.affects(&s.grade, s.staff_group) || affected.contains(&s.id)
}

fn not_affected(s: &StaffInfo) -> String {
    format!(
        "{} {} ({}, {}) is not in the groups or grades this walkout affects",
        s.staff_number, s.name, s.grade, s.staff_group
    )
}

/// Records one intent for several doctors (by staff id). Returns the intents list.
pub fn intent_set(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    staff_ids: &[i64],
    intent: Intent,
) -> Result<Vec<IntentView>> {
    let l = load(db, walkout_id)?;
    if staff_ids.is_empty() {
        return Err(Error::invalid("staff_ids", "choose at least one doctor"));
    }
    let staff = store::staff_info(db.conn())?;
    let affected = walkouts::affected_staff(&l.walkout.rule, &l.duties);
    let mut chosen: Vec<&StaffInfo> = Vec::new();
    let mut seen = HashSet::new();
    for id in staff_ids {
        let s = staff
            .get(id)
            .ok_or_else(|| Error::invalid("staff_ids", format!("no doctor with staff id {id}")))?;
        if !in_scope(&l.walkout.rule, s, &affected) {
            return Err(Error::invalid("staff_ids", not_affected(s)));
        }
        if seen.insert(*id) {
            chosen.push(s);
        }
    }
    write_intents(db, ctx, walkout_id, &chosen, intent)?;
    intent_views(db, &load(db, walkout_id)?)
}

/// As [`intent_set`], naming doctors by staff number (the CLI's way).
pub fn intent_set_by_number(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    staff_numbers: &[String],
    intent: Intent,
) -> Result<Vec<IntentView>> {
    store::walkout(db.conn(), walkout_id)?;
    let staff = store::staff_info(db.conn())?;
    let by_number: HashMap<&str, i64> = staff
        .values()
        .map(|s| (s.staff_number.as_str(), s.id))
        .collect();
    let unknown: Vec<&str> = staff_numbers
        .iter()
        .map(|n| n.trim())
        .filter(|n| !by_number.contains_key(n))
        .collect();
    if !unknown.is_empty() {
        return Err(Error::invalid(
            "staff_number",
            format!(
                "no doctor with staff number {} in the rota",
                unknown.join(", ")
            ),
        ));
    }
    let ids: Vec<i64> = staff_numbers.iter().map(|n| by_number[n.trim()]).collect();
    intent_set(db, ctx, walkout_id, &ids, intent)
}

/// One transaction: the intents and their audit row (none when nothing changed).
fn write_intents(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    chosen: &[&StaffInfo],
    intent: Intent,
) -> Result<usize> {
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let changes: Vec<(i64, Intent)> = chosen.iter().map(|s| (s.id, intent)).collect();
    let n = store::set_intents(&tx, walkout_id, &changes, user_id, &now)?;
    if n > 0 {
        let staff: Vec<&str> = chosen.iter().map(|s| s.staff_number.as_str()).collect();
        append_audit(
            &tx,
            user_id,
            &now,
            "intent.set",
            "walkout",
            Some(&walkout_id.to_string()),
            &json!({ "intent": intent, "changed": n, "staff": staff }),
        )?;
        tx.commit()?;
    } else {
        drop(tx);
    }
    Ok(n)
}

fn norm_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Imports intents from a CSV or xlsx file with the columns staff_id (the staff number) and
/// intent. All or nothing: a file with any bad row changes nothing and every bad row is named.
pub fn intent_import(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    path: &Path,
) -> Result<IntentImportSummary> {
    let l = load(db, walkout_id)?;
    let (file, bytes) = import::read_file(path)?;
    let table = import::read_table(&file, &bytes)?;
    let mut rows = table.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err(ImportError::Empty { file }.into());
    };
    let names: Vec<String> = header.iter().map(|h| norm_header(h)).collect();
    let find = |want: &[&str]| names.iter().position(|h| want.contains(&h.as_str()));
    let staff_col = find(&[
        "staffid",
        "staffnumber",
        "staffno",
        "esr",
        "esrnumber",
        "assignmentnumber",
        "employeenumber",
        "employeeid",
    ]);
    let intent_col = find(&["intent", "intention", "declaration", "status"]);
    let (Some(staff_col), Some(intent_col)) = (staff_col, intent_col) else {
        let mut missing = Vec::new();
        if staff_col.is_none() {
            missing.push("staff_id".to_string());
        }
        if intent_col.is_none() {
            missing.push("intent".to_string());
        }
        return Err(ImportError::MissingColumns {
            file,
            found: header.into_iter().filter(|h| !h.is_empty()).collect(),
            missing,
            expected: vec!["staff_id".into(), "intent".into()],
        }
        .into());
    };
    let staff = store::staff_info(db.conn())?;
    let by_number: HashMap<&str, &StaffInfo> = staff
        .values()
        .map(|s| (s.staff_number.as_str(), s))
        .collect();
    let affected = walkouts::affected_staff(&l.walkout.rule, &l.duties);
    let mut errors: Vec<RowError> = Vec::new();
    let mut total_errors = 0usize;
    let mut err = |row: u32, column: &str, value: &str, message: String| {
        total_errors += 1;
        if errors.len() < MAX_ROW_ERRORS {
            errors.push(RowError {
                row,
                column: column.to_string(),
                value: value.chars().take(80).collect(),
                message,
            });
        }
    };
    let mut seen: HashMap<i64, (u32, Intent)> = HashMap::new();
    let mut by_intent: HashMap<Intent, Vec<&StaffInfo>> = HashMap::new();
    let mut count = 0i64;
    let mut summary = IntentImportSummary {
        rows: 0,
        striking: 0,
        working: 0,
        undeclared: 0,
    };
    for (row, cells) in rows {
        count += 1;
        let number = cells.get(staff_col).map_or("", |s| s.trim());
        let value = cells.get(intent_col).map_or("", |s| s.trim());
        let doctor = if number.is_empty() {
            err(row, "staff_id", number, "the staff number is empty".into());
            None
        } else {
            match by_number.get(number) {
                None => {
                    err(
                        row,
                        "staff_id",
                        number,
                        "no doctor with this staff number in the rota".into(),
                    );
                    None
                }
                Some(s) if !in_scope(&l.walkout.rule, s, &affected) => {
                    err(row, "staff_id", number, not_affected(s));
                    None
                }
                Some(s) => Some(*s),
            }
        };
        let intent = if value.is_empty() {
            err(
                row,
                "intent",
                value,
                "the intent is empty: write striking, working or not declared".into(),
            );
            None
        } else {
            let i = Intent::parse_loose(value);
            if i.is_none() {
                err(
                    row,
                    "intent",
                    value,
                    "not an intent: write striking, working or not declared".into(),
                );
            }
            i
        };
        let (Some(s), Some(intent)) = (doctor, intent) else {
            continue;
        };
        match seen.get(&s.id) {
            Some((first, other)) if *other != intent => {
                err(
                    row,
                    "staff_id",
                    number,
                    format!("this doctor is already on row {first} with another intent ({other})"),
                );
                continue;
            }
            Some(_) => continue,
            None => {
                seen.insert(s.id, (row, intent));
            }
        }
        by_intent.entry(intent).or_default().push(s);
        match intent {
            Intent::Striking => summary.striking += 1,
            Intent::Working => summary.working += 1,
            Intent::Undeclared => summary.undeclared += 1,
        }
    }
    if count == 0 {
        return Err(ImportError::Empty { file }.into());
    }
    if total_errors > 0 {
        return Err(ImportError::BadRows {
            file,
            errors,
            total: total_errors,
        }
        .into());
    }
    summary.rows = count;
    let sha = sha256_hex(&bytes);
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let mut changed = 0;
    for (intent, chosen) in &by_intent {
        let changes: Vec<(i64, Intent)> = chosen.iter().map(|s| (s.id, *intent)).collect();
        changed += store::set_intents(&tx, walkout_id, &changes, user_id, &now)?;
    }
    append_audit(
        &tx,
        user_id,
        &now,
        "intent.import",
        "walkout",
        Some(&walkout_id.to_string()),
        &json!({
            "file": file,
            "sha256": sha,
            "rows": summary.rows,
            "striking": summary.striking,
            "working": summary.working,
            "undeclared": summary.undeclared,
            "changed": changed,
        }),
    )?;
    tx.commit()?;
    Ok(summary)
}

pub(super) fn gap_view(
    d: &WindowDuty,
    g: &Gap,
    w: &WalkoutRule,
    departments: &HashMap<i64, DeptInfo>,
    record: Option<&walkouts::GapRecord>,
) -> GapView {
    let f = &d.fact;
    let dept = departments.get(&d.department_id);
    let manual = record.filter(|r| r.manual);
    GapView {
        duty_id: f.id,
        date: d.date,
        start_local: d.start_local.clone(),
        end_local: d.end_local.clone(),
        start: f.start,
        end: f.end,
        hours: hours(f.end - f.start),
        overlap_hours: hours(overlap_secs(f.start, f.end, w.start, w.end)),
        night: is_night(f.start, f.end),
        shift_type: f.shift_type,
        shift_code: d.shift_code.clone(),
        grade: f.grade.clone(),
        staff_group: f.staff_group,
        site_id: dept.map_or(0, |x| x.site_id),
        site: dept.map_or_else(String::new, |x| x.site.clone()),
        department_id: d.department_id,
        department: dept.map_or_else(String::new, |x| x.name.clone()),
        critical: dept.is_some_and(|x| x.critical),
        staff_number: d.staff_number.clone(),
        staff_name: d.staff_name.clone(),
        reason: g.reason,
        status: g.status,
        manual: g.manual,
        note: manual.and_then(|r| r.reason.clone()),
        marked_by: manual.and_then(|r| r.marked_by.clone()),
        marked_at: manual.and_then(|r| r.marked_at.clone()),
        rungs_to_do: 0,
        covered_by: None,
    }
}

/// The gaps of a walkout: every duty in its window it leaves uncovered (by the rules or
/// marked by hand), in start order.
pub fn gaps(db: &Db, walkout_id: i64) -> Result<Vec<GapView>> {
    let l = load(db, walkout_id)?;
    let records = store::gap_records(db.conn(), walkout_id)?;
    let departments = store::walkout_departments(db.conn(), walkout_id)?;
    let found = derive(&l.duties, &l.intent_of(), &l.walkout.rule, &records);
    let progress = super::sourcing::Progress::load(db, walkout_id)?;
    let mut out: Vec<GapView> = found
        .iter()
        .map(|g| {
            gap_view(
                &l.duties[g.index],
                g,
                &l.walkout.rule,
                &departments,
                records.get(&g.duty_id),
            )
        })
        .collect();
    for g in &mut out {
        progress.annotate(g);
    }
    out.sort_by(|a, b| {
        (a.start, &a.site, &a.department, &a.grade, a.duty_id).cmp(&(
            b.start,
            &b.site,
            &b.department,
            &b.grade,
            b.duty_id,
        ))
    });
    Ok(out)
}

/// Marks a duty uncovered (or not uncovered) by hand, with the reason. Returns the duty as
/// the gap board shows it; after an unmark it is no longer a gap and comes back with status
/// `covered`.
pub fn gap_mark(db: &mut Db, ctx: &Ctx, walkout_id: i64, mark: &GapMark) -> Result<GapView> {
    let reason = mark.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(Error::invalid(
            "reason",
            "give the reason for marking the duty by hand (e.g. the doctor said on the day they will strike), in at most 500 characters",
        ));
    }
    let w = store::walkout(db.conn(), walkout_id)?;
    let d = store::duty(db.conn(), mark.duty_id)?;
    let describe = || {
        format!(
            "{} {}-{} {} {}",
            fmt_date(d.date),
            d.start_local,
            d.end_local,
            d.fact.shift_type.label(),
            d.fact.grade
        )
    };
    if overlap_secs(d.fact.start, d.fact.end, w.rule.start, w.rule.end) == 0 {
        return Err(Error::invalid(
            "duty_id",
            format!(
                "the duty {} is outside the walkout ({} to {})",
                describe(),
                fmt_instant(w.rule.start),
                fmt_instant(w.rule.end)
            ),
        ));
    }
    if !d.fact.shift_type.is_work() {
        return Err(Error::invalid(
            "duty_id",
            format!("{} is leave or rest, not a duty to cover", describe()),
        ));
    }
    let status = if mark.uncovered {
        RecordStatus::Gap(GapStatus::Uncovered)
    } else {
        RecordStatus::NotUncovered
    };
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let previous = store::mark_gap(&tx, walkout_id, d.fact.id, status, reason, user_id, &now)?;
    append_audit(
        &tx,
        user_id,
        &now,
        "gap.mark",
        "gap",
        Some(&format!("{walkout_id}:{}", d.fact.id)),
        &json!({
            "walkout": walkout_id,
            "duty": d.fact.id,
            "uncovered": mark.uncovered,
            "reason": reason,
            "previous": previous,
        }),
    )?;
    tx.commit()?;

    let records = store::gap_records(db.conn(), walkout_id)?;
    let intents: HashMap<i64, Intent> = store::intents(db.conn(), walkout_id)?
        .into_iter()
        .map(|(k, v)| (k, v.intent))
        .collect();
    let departments = store::walkout_departments(db.conn(), walkout_id)?;
    let one = std::slice::from_ref(&d);
    let g = derive(one, &intents, &w.rule, &records)
        .pop()
        .unwrap_or_else(|| Gap {
            index: 0,
            duty_id: d.fact.id,
            reason: derived_reason(&d.fact, &intents, &w.rule).unwrap_or(GapReason::Manual),
            status: GapStatus::Covered,
            manual: true,
            overlap: overlap_secs(d.fact.start, d.fact.end, w.rule.start, w.rule.end),
        });
    let mut view = gap_view(&d, &g, &w.rule, &departments, records.get(&d.fact.id));
    super::sourcing::Progress::load(db, walkout_id)?.annotate(&mut view);
    Ok(view)
}

/// Flags a department as critical (or not). Returns the sites list.
pub fn department_set_critical(
    db: &mut Db,
    ctx: &Ctx,
    department_id: i64,
    critical: bool,
) -> Result<Vec<SiteView>> {
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let (old, name) = store::set_department_critical(&tx, department_id, critical)?;
    if old != critical {
        append_audit(
            &tx,
            user_id,
            &now,
            "department.set_critical",
            "department",
            Some(&department_id.to_string()),
            &json!({ "department": name, "from": old, "to": critical }),
        )?;
        tx.commit()?;
    } else {
        drop(tx);
    }
    store::sites(db.conn())
}

/// The walkout dashboard: the heat map by department and day, and the situation report.
pub fn dashboard(db: &Db, walkout_id: i64) -> Result<DashboardView> {
    let l = load(db, walkout_id)?;
    let records = store::gap_records(db.conn(), walkout_id)?;
    let departments = store::walkout_departments(db.conn(), walkout_id)?;
    let intents = l.intent_of();
    let found = derive(&l.duties, &intents, &l.walkout.rule, &records);
    let (days, rows, sitrep) = walkouts::board(
        &l.walkout.rule,
        &l.duties,
        |i| l.duties[i].department_id,
        &found,
        &intents,
        &departments,
    );
    Ok(DashboardView {
        walkout: walkout_view(&l),
        days,
        rows,
        sitrep,
    })
}

fn csv_io(e: impl ToString) -> Error {
    Error::Io {
        path: "CSV output".into(),
        message: e.to_string(),
    }
}

fn write_sitrep<W: std::io::Write>(sitrep: &[SitrepDay], w: W) -> Result<u64> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "date",
        "staff_due",
        "staff_taking_action",
        "undeclared",
        "vacant_shifts",
    ])
    .map_err(csv_io)?;
    for d in sitrep {
        out.write_record([
            fmt_date(d.date),
            d.staff_due.to_string(),
            d.staff_taking_action.to_string(),
            d.undeclared.to_string(),
            d.vacant_shifts.to_string(),
        ])
        .map_err(csv_io)?;
    }
    out.flush().map_err(csv_io)?;
    Ok(sitrep.len() as u64)
}

/// The daily situation report as CSV (date dd/mm/yyyy, staff due, staff taking action,
/// undeclared, vacant shifts). Returns the number of days written.
pub fn sitrep_csv<W: std::io::Write>(db: &Db, walkout_id: i64, w: W) -> Result<u64> {
    write_sitrep(&dashboard(db, walkout_id)?.sitrep, w)
}

/// Writes the situation report to a new file (never overwrites). Returns the days written.
pub fn sitrep_export(db: &Db, walkout_id: i64, path: &Path) -> Result<u64> {
    let sitrep = dashboard(db, walkout_id)?.sitrep;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: if e.kind() == std::io::ErrorKind::AlreadyExists {
                "already exists; choose a new file name".into()
            } else {
                e.to_string()
            },
        })?;
    write_sitrep(&sitrep, std::io::BufWriter::new(f)).map_err(|e| match e {
        Error::Io { message, .. } => Error::Io {
            path: path.display().to_string(),
            message,
        },
        e => e,
    })
}

/// The gaps as CSV, one row per duty. Returns the number of gaps written.
pub fn gaps_csv<W: std::io::Write>(db: &Db, walkout_id: i64, w: W) -> Result<u64> {
    let gaps = gaps(db, walkout_id)?;
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "duty_id",
        "date",
        "start",
        "end",
        "hours",
        "hours_in_walkout",
        "night",
        "shift_type",
        "shift_code",
        "grade",
        "staff_group",
        "site",
        "department",
        "critical",
        "staff_id",
        "name",
        "reason",
        "status",
        "marked_by_hand",
        "note",
        "marked_by",
        "marked_at",
    ])
    .map_err(csv_io)?;
    let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
    for g in &gaps {
        out.write_record(
            [
                g.duty_id.to_string(),
                fmt_date(g.date),
                g.start_local.clone(),
                g.end_local.clone(),
                format!("{:.2}", g.hours),
                format!("{:.2}", g.overlap_hours),
                yes(g.night),
                g.shift_type.as_str().to_string(),
                g.shift_code.clone().unwrap_or_default(),
                g.grade.clone(),
                g.staff_group.as_str().to_string(),
                g.site.clone(),
                g.department.clone(),
                yes(g.critical),
                g.staff_number.clone().unwrap_or_default(),
                g.staff_name.clone().unwrap_or_default(),
                g.reason.as_str().to_string(),
                g.status.as_str().to_string(),
                yes(g.manual),
                g.note.clone().unwrap_or_default(),
                g.marked_by.clone().unwrap_or_default(),
                g.marked_at.clone().unwrap_or_default(),
            ]
            // Names, notes and departments are user text: neutralise formula starts (the
            // numbers here are never negative, so they pass unchanged).
            .iter()
            .map(|c| crate::impact::csv_safe(c).into_owned()),
        )
        .map_err(csv_io)?;
    }
    out.flush().map_err(csv_io)?;
    Ok(gaps.len() as u64)
}
