//! Row checks: every cell of every row, then the whole-file checks (one name per staff
//! number, no doctor on two overlapping duties). All problems are collected, none stops it.

use super::headers::ColumnIndex;
use super::source::RowView;
use super::types::{DutyRow, Field, RowError, MAX_ROW_ERRORS};
use super::values::{self, Cell, TIME_MESSAGE};
use crate::model::{ShiftType, StaffGroup};
use crate::time::{duty_span, SpanError};
use chrono::{Datelike, NaiveDate, NaiveTime};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Row errors, in row order, with a count of all of them.
#[derive(Default)]
pub(crate) struct Errors {
    pub(crate) kept: Vec<RowError>,
    pub(crate) total: usize,
}

/// Values are shown truncated to this many characters.
const MAX_VALUE_CHARS: usize = 80;

fn truncate(value: &str) -> String {
    match value.char_indices().nth(MAX_VALUE_CHARS) {
        Some((i, _)) => value[..i].to_string(),
        None => value.to_string(),
    }
}

fn row_error(row: u32, field: Field, value: &str, message: String) -> RowError {
    RowError {
        row,
        column: field.canonical().to_string(),
        value: truncate(value),
        message,
    }
}

impl Errors {
    /// Records one problem; the message is only built when it will be kept.
    fn push(&mut self, row: u32, field: Field, value: &str, message: impl FnOnce() -> String) {
        self.total += 1;
        if self.kept.len() < MAX_ROW_ERRORS {
            self.kept.push(row_error(row, field, value, message()));
        }
    }
}

/// UTC offsets of London days, cached: `time::duty_span` asks chrono-tz twice per duty,
/// and most days have one offset all day. Days with a clock change go to `duty_span`.
struct SpanCache {
    /// Per day from `BASE_DAY`: local-minus-UTC seconds, `UNKNOWN`, or `CHANGE_DAY`.
    offsets: Vec<i32>,
}

const BASE_DAY: i32 = 693_595; // 1900-01-01, days from the common era
const CACHE_DAYS: usize = 200 * 366;
const UNKNOWN: i32 = i32::MIN;
const CHANGE_DAY: i32 = i32::MAX;

impl SpanCache {
    fn new() -> SpanCache {
        SpanCache {
            offsets: Vec::new(),
        }
    }

    /// The offset in force all day long, or None for a clock-change day (or out of range).
    fn offset(&mut self, d: NaiveDate) -> Option<i64> {
        let idx = d.num_days_from_ce() - BASE_DAY;
        if idx < 0 || idx as usize >= CACHE_DAYS {
            return None;
        }
        if self.offsets.is_empty() {
            self.offsets = vec![UNKNOWN; CACHE_DAYS];
        }
        let slot = &mut self.offsets[idx as usize];
        if *slot == UNKNOWN {
            let midnight = crate::time::london_to_utc(d, NaiveTime::MIN);
            let next = d
                .succ_opt()
                .map(|n| crate::time::london_to_utc(n, NaiveTime::MIN));
            *slot = match next {
                Some(n) if n - midnight == 86_400 => {
                    (local_seconds(d, NaiveTime::MIN) - midnight) as i32
                }
                _ => CHANGE_DAY,
            };
        }
        (*slot != CHANGE_DAY).then_some(i64::from(*slot))
    }

    /// Same result as `time::duty_span`.
    fn span(
        &mut self,
        date: NaiveDate,
        start: NaiveTime,
        end: NaiveTime,
    ) -> Result<(i64, i64), SpanError> {
        let end_date = if end <= start {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        };
        match (self.offset(date), self.offset(end_date)) {
            (Some(o1), Some(o2)) => {
                let s = local_seconds(date, start) - o1;
                let e = local_seconds(end_date, end) - o2;
                if e - s > 24 * 3600 {
                    Err(SpanError::TooLong {
                        hours: (e - s) as f64 / 3600.0,
                    })
                } else {
                    Ok((s, e))
                }
            }
            _ => duty_span(date, start, end),
        }
    }
}

/// A wall-clock date and time as if it were UTC, in unix seconds.
fn local_seconds(d: NaiveDate, t: NaiveTime) -> i64 {
    d.and_time(t).and_utc().timestamp()
}

/// A small cache of loosely parsed values keyed by the exact cell text (a shift type column
/// holds a handful of distinct spellings across half a million rows).
struct Lookup<T: Copy> {
    seen: Vec<(String, Option<T>)>,
    parse: fn(&str) -> Option<T>,
}

impl<T: Copy> Lookup<T> {
    fn new(parse: fn(&str) -> Option<T>) -> Self {
        Lookup {
            seen: Vec::new(),
            parse,
        }
    }
    fn get(&mut self, s: &str) -> Option<T> {
        if let Some((_, v)) = self.seen.iter().find(|(k, _)| k == s) {
            return *v;
        }
        let v = (self.parse)(s);
        if self.seen.len() < 64 {
            self.seen.push((s.to_string(), v));
        }
        v
    }
}

/// One shared copy of each distinct text of a piece of the file (grades, departments, sites,
/// shift codes), with the last one handed out checked first: rows come in runs.
#[derive(Default)]
struct Texts {
    seen: HashSet<Arc<str>>,
    last: Option<Arc<str>>,
}

impl Texts {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(last) = &self.last {
            if **last == *s {
                return last.clone();
            }
        }
        let shared = match self.seen.get(s) {
            Some(a) => a.clone(),
            None => {
                let a: Arc<str> = Arc::from(s);
                self.seen.insert(a.clone());
                a
            }
        };
        self.last = Some(shared.clone());
        shared
    }
}

/// A staff number as seen in one piece of the file.
pub(crate) struct Staff {
    id: u32,
    number: Arc<str>,
    /// The names written for it, in order of first appearance, each with its rows.
    names: Vec<(Arc<str>, Vec<u32>)>,
}

/// Checks the rows of one piece of a file (the whole file, or a part read on its own
/// thread). Row numbers may be relative to the piece; [`merge`] puts them right and runs the
/// whole-file checks.
pub(crate) struct Validator {
    cols: ColumnIndex,
    pub(crate) rows: Vec<DutyRow>,
    /// Per row in `rows`: index of its staff number in `staff`, or `u32::MAX` if vacant.
    staff_of_row: Vec<u32>,
    staff: HashMap<Arc<str>, Staff>,
    grades: Texts,
    departments: Texts,
    sites: Texts,
    shift_codes: Texts,
    pub(crate) errors: Errors,
    /// Non-blank data rows seen.
    pub(crate) count: u64,
    spans: SpanCache,
    shift_types: Lookup<ShiftType>,
    staff_groups: Lookup<StaffGroup>,
}

fn shift_type_message() -> String {
    let names: Vec<String> = ShiftType::ALL
        .iter()
        .map(|t| t.label().to_lowercase())
        .collect();
    format!(
        "unknown shift type: expected one of {} (or a code: SD, LD, LE, N, NROC, A/L, OFF)",
        names.join(", ")
    )
}

fn empty_message(f: Field) -> String {
    let what = match f {
        Field::Grade => "a grade",
        Field::Department => "a department",
        Field::Site => "a site",
        Field::Date => "a date",
        Field::Start => "a start time",
        Field::End => "an end time",
        Field::ShiftType => "a shift type",
        _ => "a value here",
    };
    format!("the cell is empty; every duty needs {what}")
}

impl Validator {
    /// `rows_hint`: about how many rows to expect (reserving up front spares the copies and
    /// page faults of a growing vector of half a million duties).
    pub(crate) fn new(cols: ColumnIndex, rows_hint: usize) -> Validator {
        let rows_hint = rows_hint.min(4_000_000);
        Validator {
            cols,
            rows: Vec::with_capacity(rows_hint),
            staff_of_row: Vec::with_capacity(rows_hint),
            staff: HashMap::new(),
            grades: Texts::default(),
            departments: Texts::default(),
            sites: Texts::default(),
            shift_codes: Texts::default(),
            errors: Errors::default(),
            count: 0,
            spans: SpanCache::new(),
            shift_types: Lookup::new(ShiftType::parse_loose),
            staff_groups: Lookup::new(StaffGroup::parse_loose),
        }
    }

    #[inline]
    fn cell<'r>(&self, row: &'r dyn RowView, f: Field) -> Cell<'r> {
        match self.cols.get(f) {
            Some(i) => row.cell(i),
            None => Cell::Empty,
        }
    }

    /// A required text cell, or an error.
    fn required<'r>(&mut self, n: u32, row: &'r dyn RowView, f: Field) -> Option<Cow<'r, str>> {
        let c = self.cell(row, f);
        if c.is_empty() {
            self.errors.push(n, f, "", || empty_message(f));
            None
        } else {
            Some(c.to_text())
        }
    }

    /// Checks one non-blank data row; keeps it when it is good.
    pub(crate) fn row(&mut self, n: u32, row: &dyn RowView) {
        self.count += 1;
        let errors_before = self.errors.total;

        let staff = self.cell(row, Field::StaffId).to_text();
        let name = self.cell(row, Field::Name).to_text();
        let mut staff_idx = u32::MAX;
        let mut who = None;
        if !staff.is_empty() {
            let (idx, number, shared_name) = self.check_staff(n, &staff, &name);
            staff_idx = idx;
            who = Some((number, shared_name));
        }

        let grade = self.required(n, row, Field::Grade);
        let department = self.required(n, row, Field::Department);
        let site = self.required(n, row, Field::Site);

        let date = match self.cell(row, Field::Date) {
            Cell::Empty => {
                self.errors
                    .push(n, Field::Date, "", || empty_message(Field::Date));
                None
            }
            c => match values::date_from_cell(c) {
                Ok(d) => Some(d),
                Err(e) => {
                    self.errors
                        .push(n, Field::Date, &c.to_text(), || e.message());
                    None
                }
            },
        };
        let start = self.time(n, row, Field::Start);
        let end = self.time(n, row, Field::End);
        let mut span = None;
        if let (Some(d), Some(s), Some(e)) = (date, start, end) {
            match self.spans.span(d, s, e) {
                Ok(sp) => span = Some(sp),
                Err(err) => {
                    let v = self.cell(row, Field::End).to_text();
                    self.errors.push(n, Field::End, &v, || err.to_string());
                }
            }
        }

        let shift_type = match self.cell(row, Field::ShiftType) {
            Cell::Empty => {
                self.errors
                    .push(n, Field::ShiftType, "", || empty_message(Field::ShiftType));
                None
            }
            c => {
                let t = c.to_text();
                let parsed = self.shift_types.get(&t);
                if parsed.is_none() {
                    self.errors
                        .push(n, Field::ShiftType, &t, shift_type_message);
                }
                parsed
            }
        };

        let shift_code = match self.cell(row, Field::ShiftCode) {
            Cell::Empty => None,
            c => Some(self.shift_codes.get(&c.to_text())),
        };
        let staff_group = match self.cell(row, Field::StaffGroup) {
            Cell::Empty => None,
            c => {
                let t = c.to_text();
                let g = self.staff_groups.get(&t);
                if g.is_none() {
                    self.errors.push(n, Field::StaffGroup, &t, || {
                        "unknown staff group: expected resident, consultant, sas or other"
                            .to_string()
                    });
                }
                g
            }
        };
        let wtr_cell = self.cell(row, Field::WtrOptOut);
        let wtr_opt_out = match values::yes_no_from_cell(wtr_cell) {
            Ok(v) => v,
            Err(()) => {
                self.errors
                    .push(n, Field::WtrOptOut, &wtr_cell.to_text(), || {
                        "expected yes or no (or leave it blank)".to_string()
                    });
                None
            }
        };

        if self.errors.total != errors_before {
            return;
        }
        let (
            Some(grade),
            Some(department),
            Some(site),
            Some(date),
            Some(start_local),
            Some(end_local),
            Some((start, end)),
            Some(shift_type),
        ) = (grade, department, site, date, start, end, span, shift_type)
        else {
            return;
        };
        let (staff_number, name) = match who {
            Some((number, name)) => (Some(number), name),
            None => (None, None),
        };
        self.rows.push(DutyRow {
            row: n,
            staff_number,
            name,
            grade: self.grades.get(&grade),
            department: self.departments.get(&department),
            site: self.sites.get(&site),
            date,
            start_local,
            end_local,
            start,
            end,
            shift_type,
            shift_code,
            staff_group,
            wtr_opt_out,
        });
        self.staff_of_row.push(staff_idx);
    }

    fn time(&mut self, n: u32, row: &dyn RowView, f: Field) -> Option<NaiveTime> {
        match self.cell(row, f) {
            Cell::Empty => {
                self.errors.push(n, f, "", || empty_message(f));
                None
            }
            c => match values::time_from_cell(c, f == Field::End) {
                Ok(t) => Some(t),
                Err(()) => {
                    self.errors
                        .push(n, f, &c.to_text(), || TIME_MESSAGE.to_string());
                    None
                }
            },
        }
    }

    /// Registers a staff number and the name written with it; returns its index and the
    /// shared copies of both (no name when it is empty). An empty name is an error here;
    /// different names are found by [`merge`].
    fn check_staff(
        &mut self,
        n: u32,
        staff: &str,
        name: &str,
    ) -> (u32, Arc<str>, Option<Arc<str>>) {
        if name.is_empty() {
            self.errors.push(n, Field::Name, "", || {
                "the cell is empty; a name is needed when staff_id is filled in (leave staff_id empty for a vacant slot)".to_string()
            });
        }
        if let Some(entry) = self.staff.get_mut(staff) {
            let shared = note_name(entry, n, name);
            return (entry.id, entry.number.clone(), shared);
        }
        let id = self.staff.len() as u32;
        let number: Arc<str> = Arc::from(staff);
        let mut entry = Staff {
            id,
            number: number.clone(),
            names: Vec::new(),
        };
        let shared = note_name(&mut entry, n, name);
        self.staff.insert(number.clone(), entry);
        (id, number, shared)
    }
}

/// Notes the name written on row `n`; returns its shared copy.
fn note_name(entry: &mut Staff, n: u32, name: &str) -> Option<Arc<str>> {
    if name.is_empty() {
        return None;
    }
    match entry.names.iter_mut().find(|(x, _)| **x == *name) {
        Some((x, rows)) => {
            rows.push(n);
            Some(x.clone())
        }
        None => {
            let shared: Arc<str> = Arc::from(name);
            entry.names.push((shared.clone(), vec![n]));
            Some(shared)
        }
    }
}

/// One piece of a file, checked, and the number to add to its row numbers.
pub(crate) struct Piece {
    pub(crate) checked: Validator,
    pub(crate) row_offset: u32,
}

/// The whole file, checked.
pub(crate) struct Merged {
    pub(crate) rows: Vec<DutyRow>,
    pub(crate) errors: Errors,
    pub(crate) count: u64,
}

/// A staff number with two names: the row, the staff number, and the name on that row.
struct NameClash {
    row: u32,
    staff: u32,
    name: u32,
}

/// Joins the pieces of a file in order and runs the whole-file checks: one name per staff
/// number (the first one written wins; every other row is reported) and no doctor on two
/// overlapping working duties. Errors end up in row order, at most [`MAX_ROW_ERRORS`] kept.
pub(crate) fn merge(pieces: Vec<Piece>) -> Merged {
    let mut rows: Vec<DutyRow> = Vec::new();
    let mut staff_of_row: Vec<u32> = Vec::new();
    let mut kept: Vec<RowError> = Vec::new();
    let mut total = 0usize;
    let mut count = 0u64;

    let mut global: HashMap<Arc<str>, u32> = HashMap::new();
    let mut numbers: Vec<Arc<str>> = Vec::new();
    // Per staff number: the first name written (index into `names`) and its row.
    let mut first: Vec<Option<(u32, u32)>> = Vec::new();
    let mut names: Vec<Arc<str>> = Vec::new();
    let mut clashes: Vec<NameClash> = Vec::new();

    for (k, piece) in pieces.into_iter().enumerate() {
        let v = piece.checked;
        let off = piece.row_offset;
        count += v.count;
        total += v.errors.total;
        kept.extend(v.errors.kept.into_iter().map(|mut e| {
            e.row = e.row.saturating_add(off);
            e
        }));

        // In order of first appearance, so that global ids follow the file: a file sorted by
        // doctor then sorts for the overlap check in linear time.
        let mut staff: Vec<(Arc<str>, Staff)> = v.staff.into_iter().collect();
        staff.sort_unstable_by_key(|(_, st)| st.id);
        let mut to_global = vec![0u32; staff.len()];
        for (number, st) in staff {
            let gid = match global.get(&number) {
                Some(g) => *g,
                None => {
                    let g = numbers.len() as u32;
                    global.insert(number.clone(), g);
                    numbers.push(number);
                    first.push(None);
                    g
                }
            };
            to_global[st.id as usize] = gid;
            for (name, name_rows) in st.names {
                let first_name = match first[gid as usize] {
                    Some((f, _)) => f,
                    None => {
                        let f = names.len() as u32;
                        names.push(name);
                        first[gid as usize] = Some((f, name_rows[0].saturating_add(off)));
                        continue;
                    }
                };
                if names[first_name as usize] != name {
                    let idx = names.len() as u32;
                    names.push(name);
                    clashes.extend(name_rows.iter().map(|r| NameClash {
                        row: r.saturating_add(off),
                        staff: gid,
                        name: idx,
                    }));
                }
            }
        }

        let remap = |s: u32| {
            if s == u32::MAX {
                s
            } else {
                to_global[s as usize]
            }
        };
        if k == 0 {
            rows = v.rows;
            staff_of_row = v.staff_of_row.into_iter().map(remap).collect();
        } else {
            rows.extend(v.rows.into_iter().map(|mut r| {
                r.row = r.row.saturating_add(off);
                r
            }));
            staff_of_row.extend(v.staff_of_row.into_iter().map(remap));
        }
    }

    let overlaps = overlaps(&rows, &staff_of_row);
    total += clashes.len() + overlaps.len();
    clashes.sort_by_key(|c| c.row);
    kept.extend(clashes.iter().take(MAX_ROW_ERRORS).map(|c| {
        let (f, f_row) = first[c.staff as usize].unwrap_or_default();
        let name = &names[c.name as usize];
        let staff = &numbers[c.staff as usize];
        let first_name = &names[f as usize];
        row_error(
            c.row,
            Field::Name,
            name,
            format!("staff_id {staff} is named '{first_name}' on row {f_row}"),
        )
    }));
    kept.extend(
        overlaps
            .iter()
            .take(MAX_ROW_ERRORS)
            .map(|&(later, earlier)| overlap_error(&rows[later as usize], &rows[earlier as usize])),
    );
    kept.sort_by_key(|e| (e.row, column_order(&e.column)));
    kept.truncate(MAX_ROW_ERRORS);
    Merged {
        rows,
        errors: Errors { kept, total },
        count,
    }
}

/// Position of a canonical column name in the canonical order (for sorting errors in a row).
fn column_order(column: &str) -> usize {
    Field::REQUIRED
        .iter()
        .chain(Field::OPTIONAL.iter())
        .position(|f| f.canonical() == column)
        .unwrap_or(usize::MAX)
}

/// No doctor on two overlapping working duties (leave and rest rows are not checked).
/// Sorts by (doctor, start) and sweeps, so it is O(n log n). Returns (later, earlier) row
/// indices, "later" being the one further down the file, sorted by row.
fn overlaps(rows: &[DutyRow], staff_of_row: &[u32]) -> Vec<(u32, u32)> {
    let mut order: Vec<(u32, i64, u32)> = rows
        .iter()
        .zip(staff_of_row)
        .enumerate()
        .filter(|(_, (r, s))| **s != u32::MAX && r.shift_type.is_work())
        .map(|(i, (r, s))| (*s, r.start, i as u32))
        .collect();
    order.sort_unstable();

    let mut found: Vec<(u32, u32)> = Vec::new();
    let mut open: Option<(u32, usize)> = None; // (staff, index of the row ending latest so far)
    for &(staff, start, i) in &order {
        let i = i as usize;
        match open {
            Some((s, j)) if s == staff => {
                if start < rows[j].end {
                    let (later, earlier) = if rows[i].row > rows[j].row {
                        (i, j)
                    } else {
                        (j, i)
                    };
                    found.push((later as u32, earlier as u32));
                }
                if rows[i].end > rows[j].end {
                    open = Some((staff, i));
                }
            }
            _ => open = Some((staff, i)),
        }
    }
    found.sort_unstable_by_key(|&(later, earlier)| {
        (rows[later as usize].row, rows[earlier as usize].row)
    });
    found
}

fn overlap_error(r: &DutyRow, o: &DutyRow) -> RowError {
    row_error(
        r.row,
        Field::Start,
        &values::fmt_time(r.start_local),
        format!(
            "overlaps row {} ({} {}-{}) for the same doctor (staff_id {})",
            o.row,
            crate::time::fmt_date(o.date),
            values::fmt_time(o.start_local),
            values::fmt_time(o.end_local),
            r.staff_number.as_deref().unwrap_or_default()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_cache_agrees_with_duty_span() {
        let mut cache = SpanCache::new();
        let times: Vec<NaiveTime> = [
            (0, 0),
            (0, 30),
            (1, 0),
            (1, 30),
            (2, 0),
            (7, 0),
            (8, 0),
            (20, 0),
            (23, 59),
        ]
        .iter()
        .map(|&(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
        .collect();
        let mut d = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        while d.year() < 2027 {
            for &s in &times {
                for &e in &times {
                    assert_eq!(cache.span(d, s, e), duty_span(d, s, e), "{d} {s}-{e}");
                }
            }
            d = d.succ_opt().unwrap();
        }
        // Outside the cached range it falls back to duty_span.
        let far = NaiveDate::from_ymd_opt(2200, 6, 1).unwrap();
        assert_eq!(
            cache.span(far, times[6], times[7]),
            duty_span(far, times[6], times[7])
        );
    }

    #[test]
    fn values_are_truncated_to_80_characters() {
        let long: String = "é".repeat(100);
        assert_eq!(truncate(&long).chars().count(), 80);
        assert_eq!(truncate("short"), "short");
    }
}
