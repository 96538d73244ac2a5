//! Walkouts: which duties a strike leaves uncovered.
//!
//! Everything here is pure: no database. The store reads the rota in a walkout's window, the
//! intents and the stored gap records; [`derive`] turns them into gaps, and [`board`] into
//! the dashboard's heat map and situation report. Re-importing a rota or changing an intent
//! only changes the inputs: the records people made (manual marks with reasons) are kept
//! apart and applied on top every time.
//!
//! Rules:
//! - a duty is in the walkout when it overlaps the window at all (`start < end of window` and
//!   `end > start of window`); the overlap is counted in real elapsed time (clock changes);
//! - it is affected when its grade's staff group (or the doctor's own override) is one of the
//!   walkout's groups, or its grade one of the walkout's grades;
//! - an affected working duty (not leave or rest) is a gap when it is vacant, or its doctor is
//!   striking, or has not declared and the walkout counts undeclared doctors as uncovered;
//! - a manual mark overrides: "uncovered" adds the duty (any working duty in the window),
//!   "not uncovered" removes it.

mod views;

pub use views::*;

use crate::model::{ShiftType, StaffGroup};
use crate::time::{london_to_utc, utc_to_london};
use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

/// What a doctor has said they will do during a walkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Intent {
    Striking,
    Working,
    Undeclared,
}

impl Intent {
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Striking => "striking",
            Intent::Working => "working",
            Intent::Undeclared => "undeclared",
        }
    }

    /// "striking", "strike", "on strike", "taking action"; "working", "work", "not striking";
    /// "undeclared", "not declared", "unknown". Case-insensitive.
    pub fn parse_loose(s: &str) -> Option<Intent> {
        let t: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == '_' || c == '-' { ' ' } else { c })
            .collect();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match t.as_str() {
            "striking" | "strike" | "on strike" | "taking action" | "s" => Intent::Striking,
            "working" | "work" | "not striking" | "will work" | "w" => Intent::Working,
            "undeclared" | "not declared" | "unknown" | "no answer" | "u" => Intent::Undeclared,
            _ => return None,
        })
    }
}

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Intent {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Intent::parse_loose(s).ok_or_else(|| {
            format!("unknown intent '{s}' (expected striking, working or not declared)")
        })
    }
}

/// Where a gap stands. Sourcing, covered and requested are filled by later features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum GapStatus {
    Uncovered,
    Sourcing,
    Covered,
    Requested,
}

impl GapStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GapStatus::Uncovered => "uncovered",
            GapStatus::Sourcing => "sourcing",
            GapStatus::Covered => "covered",
            GapStatus::Requested => "requested",
        }
    }
}

/// Why a duty is a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum GapReason {
    /// The rostered doctor is striking.
    Striking,
    /// The rostered doctor has not said, and the walkout counts that as uncovered.
    Undeclared,
    /// Nobody was rostered.
    Vacant,
    /// Marked uncovered by hand (no rule made it a gap).
    Manual,
}

impl GapReason {
    pub fn as_str(self) -> &'static str {
        match self {
            GapReason::Striking => "striking",
            GapReason::Undeclared => "undeclared",
            GapReason::Vacant => "vacant",
            GapReason::Manual => "manual",
        }
    }
}

/// The part of a walkout the rules need.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkoutRule {
    /// UTC unix seconds.
    pub start: i64,
    pub end: i64,
    pub staff_groups: Vec<StaffGroup>,
    /// Grade codes (compared without regard to case, as the grade table does).
    pub grades: Vec<String>,
    pub undeclared_uncovered: bool,
}

impl WalkoutRule {
    /// Whether the walkout affects a duty of this grade and staff group.
    pub fn affects(&self, grade: &str, group: StaffGroup) -> bool {
        self.staff_groups.contains(&group)
            || self.grades.iter().any(|g| g.eq_ignore_ascii_case(grade))
    }
}

/// The part of a duty the rules need.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyFact {
    pub id: i64,
    /// UTC unix seconds.
    pub start: i64,
    pub end: i64,
    pub shift_type: ShiftType,
    pub grade: String,
    /// The rostered doctor (`None`: vacant).
    pub staff_id: Option<i64>,
    /// Effective staff group: the doctor's own override, else the grade's.
    pub staff_group: StaffGroup,
}

impl AsRef<DutyFact> for DutyFact {
    fn as_ref(&self) -> &DutyFact {
        self
    }
}

/// A stored gap record's status: a gap's status, or "not uncovered" (a manual unmark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordStatus {
    Gap(GapStatus),
    NotUncovered,
}

impl RecordStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordStatus::Gap(s) => s.as_str(),
            RecordStatus::NotUncovered => "not_uncovered",
        }
    }

    pub fn parse(s: &str) -> Option<RecordStatus> {
        Some(match s {
            "uncovered" => RecordStatus::Gap(GapStatus::Uncovered),
            "sourcing" => RecordStatus::Gap(GapStatus::Sourcing),
            "covered" => RecordStatus::Gap(GapStatus::Covered),
            "requested" => RecordStatus::Gap(GapStatus::Requested),
            "not_uncovered" => RecordStatus::NotUncovered,
            _ => return None,
        })
    }
}

/// What people recorded about a duty in a walkout, kept apart from the derivation.
#[derive(Debug, Clone, PartialEq)]
pub struct GapRecord {
    pub status: RecordStatus,
    pub manual: bool,
    pub reason: Option<String>,
    pub marked_by: Option<String>,
    pub marked_at: Option<String>,
}

/// One derived gap. `index` is the duty's position in the slice given to [`derive`].
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub index: usize,
    pub duty_id: i64,
    pub reason: GapReason,
    pub status: GapStatus,
    pub manual: bool,
    /// Seconds of the duty inside the window.
    pub overlap: i64,
}

/// Seconds the spans [a0, a1) and [b0, b1) share.
pub fn overlap_secs(a0: i64, a1: i64, b0: i64, b1: i64) -> i64 {
    (a1.min(b1) - a0.max(b0)).max(0)
}

/// Seconds of a span between 23:00 and 06:00 Europe/London (real elapsed time).
pub fn night_secs(start: i64, end: i64) -> i64 {
    let first = utc_to_london(start).date_naive() - Duration::days(1);
    let last = utc_to_london(end).date_naive();
    let eleven = NaiveTime::from_hms_opt(23, 0, 0).expect("valid time");
    let six = NaiveTime::from_hms_opt(6, 0, 0).expect("valid time");
    let mut total = 0;
    let mut d = first;
    while d <= last {
        let ns = london_to_utc(d, eleven);
        let ne = london_to_utc(d + Duration::days(1), six);
        total += overlap_secs(start, end, ns, ne);
        d += Duration::days(1);
    }
    total
}

/// A night: at least 3 h between 23:00 and 06:00.
pub fn is_night(start: i64, end: i64) -> bool {
    night_secs(start, end) >= 3 * 3600
}

/// Why the rules alone make a duty a gap (ignoring manual marks), if they do.
pub fn derived_reason(
    d: &DutyFact,
    intents: &HashMap<i64, Intent>,
    w: &WalkoutRule,
) -> Option<GapReason> {
    if overlap_secs(d.start, d.end, w.start, w.end) == 0
        || !d.shift_type.is_work()
        || !w.affects(&d.grade, d.staff_group)
    {
        return None;
    }
    match d.staff_id {
        None => Some(GapReason::Vacant),
        Some(s) => match intents.get(&s).copied().unwrap_or(Intent::Undeclared) {
            Intent::Striking => Some(GapReason::Striking),
            Intent::Undeclared if w.undeclared_uncovered => Some(GapReason::Undeclared),
            _ => None,
        },
    }
}

/// The gaps of a walkout: every working duty in the window that the rules or a manual mark
/// make uncovered, in the order of `duties`. Pure: the same inputs give the same gaps.
pub fn derive<D: AsRef<DutyFact>>(
    duties: &[D],
    intents: &HashMap<i64, Intent>,
    w: &WalkoutRule,
    records: &HashMap<i64, GapRecord>,
) -> Vec<Gap> {
    let mut out = Vec::new();
    for (index, d) in duties.iter().enumerate() {
        let d = d.as_ref();
        let overlap = overlap_secs(d.start, d.end, w.start, w.end);
        if overlap == 0 || !d.shift_type.is_work() {
            continue;
        }
        let derived = derived_reason(d, intents, w);
        let (reason, status, manual) = match records.get(&d.id) {
            Some(r) if r.manual => match r.status {
                RecordStatus::NotUncovered => continue,
                RecordStatus::Gap(s) => (derived.unwrap_or(GapReason::Manual), s, true),
            },
            Some(r) => match (derived, r.status) {
                (Some(reason), RecordStatus::Gap(s)) => (reason, s, false),
                (Some(reason), RecordStatus::NotUncovered) => (reason, GapStatus::Uncovered, false),
                (None, _) => continue,
            },
            None => match derived {
                Some(reason) => (reason, GapStatus::Uncovered, false),
                None => continue,
            },
        };
        out.push(Gap {
            index,
            duty_id: d.id,
            reason,
            status,
            manual,
            overlap,
        });
    }
    out
}

/// The walkout's days: day N runs from the start's wall-clock time on `days[N]` to the same
/// time the next day (07:00 to 07:00 for most strikes, so a 6-day strike has 6 days), the
/// last one ending with the walkout. Returns each day's date and start instant.
pub fn walkout_days(start: i64, end: i64) -> Vec<(NaiveDate, i64)> {
    let local = utc_to_london(start);
    let time = local.time();
    let mut date = local.date_naive();
    let mut out = vec![(date, start)];
    // At most a year of days (walkouts are refused beyond 62 days).
    for _ in 0..366 {
        date += Duration::days(1);
        let s = london_to_utc(date, time);
        if s >= end {
            break;
        }
        out.push((date, s));
    }
    out
}

/// Which walkout day a duty counts on: the day in which its part inside the window begins.
pub fn day_index(days: &[(NaiveDate, i64)], duty_start: i64) -> usize {
    let t = duty_start.max(days.first().map_or(duty_start, |d| d.1));
    days.partition_point(|d| d.1 <= t).saturating_sub(1)
}

/// A department for the heat map.
#[derive(Debug, Clone, PartialEq)]
pub struct DeptInfo {
    pub name: String,
    pub site_id: i64,
    pub site: String,
    pub critical: bool,
}

/// The heat map rows and the situation report of a walkout, from the duties in its window
/// (with their departments), its derived gaps and the intents.
pub fn board<D: AsRef<DutyFact>>(
    w: &WalkoutRule,
    duties: &[D],
    department_of: impl Fn(usize) -> i64,
    gaps: &[Gap],
    intents: &HashMap<i64, Intent>,
    departments: &HashMap<i64, DeptInfo>,
) -> (Vec<NaiveDate>, Vec<DashboardRow>, Vec<SitrepDay>) {
    let days = walkout_days(w.start, w.end);
    let n = days.len();
    let mut cells: HashMap<i64, Vec<DashboardCell>> = HashMap::new();
    let mut due_staff: Vec<HashSet<i64>> = vec![HashSet::new(); n];
    let mut vacant = vec![0i64; n];
    let gap_at: HashMap<usize, &Gap> = gaps.iter().map(|g| (g.index, g)).collect();
    for (i, d) in duties.iter().enumerate() {
        let d = d.as_ref();
        if overlap_secs(d.start, d.end, w.start, w.end) == 0 || !d.shift_type.is_work() {
            continue;
        }
        let affected = w.affects(&d.grade, d.staff_group);
        let gap = gap_at.get(&i);
        if !affected && gap.is_none() {
            continue;
        }
        let day = day_index(&days, d.start);
        let cell = &mut cells
            .entry(department_of(i))
            .or_insert_with(|| vec![DashboardCell::default(); n])[day];
        cell.due += 1;
        match gap.map(|g| g.status) {
            Some(GapStatus::Uncovered) => cell.uncovered += 1,
            Some(GapStatus::Sourcing) => cell.sourcing += 1,
            Some(GapStatus::Requested) => cell.requested += 1,
            Some(GapStatus::Covered) | None => cell.covered += 1,
        }
        if affected {
            match d.staff_id {
                Some(s) => {
                    due_staff[day].insert(s);
                }
                None => vacant[day] += 1,
            }
        }
    }
    let mut rows: Vec<DashboardRow> = cells
        .into_iter()
        .map(|(id, cells)| {
            let info = departments.get(&id);
            DashboardRow {
                department_id: id,
                department: info.map_or_else(String::new, |i| i.name.clone()),
                site: info.map_or_else(String::new, |i| i.site.clone()),
                critical: info.is_some_and(|i| i.critical),
                cells,
            }
        })
        .collect();
    let uncovered = |r: &DashboardRow| r.cells.iter().map(|c| c.uncovered).sum::<i64>();
    rows.sort_by(|a, b| {
        b.critical
            .cmp(&a.critical)
            .then_with(|| uncovered(b).cmp(&uncovered(a)))
            .then_with(|| {
                a.department
                    .to_lowercase()
                    .cmp(&b.department.to_lowercase())
            })
            .then_with(|| a.site.to_lowercase().cmp(&b.site.to_lowercase()))
            .then_with(|| a.department_id.cmp(&b.department_id))
    });
    let sitrep = days
        .iter()
        .enumerate()
        .map(|(k, (date, _))| {
            let staff = &due_staff[k];
            let count = |want: Intent| {
                staff
                    .iter()
                    .filter(|s| intents.get(s).copied().unwrap_or(Intent::Undeclared) == want)
                    .count() as i64
            };
            SitrepDay {
                date: *date,
                staff_due: staff.len() as i64,
                staff_taking_action: count(Intent::Striking),
                undeclared: count(Intent::Undeclared),
                vacant_shifts: vacant[k],
            }
        })
        .collect();
    (days.into_iter().map(|d| d.0).collect(), rows, sitrep)
}

/// The doctors a walkout affects: those holding an affected working duty in its window.
pub fn affected_staff<D: AsRef<DutyFact>>(w: &WalkoutRule, duties: &[D]) -> HashSet<i64> {
    duties
        .iter()
        .map(AsRef::as_ref)
        .filter(|d| {
            overlap_secs(d.start, d.end, w.start, w.end) > 0
                && d.shift_type.is_work()
                && w.affects(&d.grade, d.staff_group)
        })
        .filter_map(|d| d.staff_id)
        .collect()
}

#[cfg(test)]
mod tests;
