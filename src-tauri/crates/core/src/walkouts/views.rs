//! Wire types of walkouts: what the window sends and receives, what the CLI prints as JSON.
//! TypeScript bindings are generated from these with the `ts` feature.

use super::{GapReason, GapStatus, Intent};
use crate::model::{ShiftType, StaffGroup};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A new walkout as the coordinator enters it. Times are Europe/London wall-clock "HH:MM";
/// the window offers 07:00 on the first day to 07:00 on the day after the last day.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WalkoutInput {
    /// The body taking action: BMA, HCSA, RCN, or free text.
    pub body: String,
    /// A short name; when blank, "<body> action from <first day>".
    pub title: String,
    pub staff_groups: Vec<StaffGroup>,
    /// Grades affected in addition to the staff groups (codes from the trust's grade table).
    pub grades: Vec<String>,
    pub start_date: NaiveDate,
    pub start_time: String,
    pub end_date: NaiveDate,
    pub end_time: String,
    pub notice_date: Option<NaiveDate>,
    /// Whether a doctor who has not declared their intent counts as uncovered.
    pub undeclared_uncovered: bool,
}

/// A walkout with its intent counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WalkoutView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub body: String,
    pub title: String,
    pub staff_groups: Vec<StaffGroup>,
    pub grades: Vec<String>,
    /// UTC unix seconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub end: i64,
    /// "dd/mm/yyyy HH:MM", Europe/London.
    pub start_local: String,
    pub end_local: String,
    pub notice_date: Option<NaiveDate>,
    pub undeclared_uncovered: bool,
    pub created_by: String,
    pub created_at: String,
    /// Doctors of the affected groups or grades with at least one working duty in the window.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub affected_staff: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub striking: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub working: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub undeclared: i64,
    /// The walkout this one was started from (a previous round), and its title.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub previous_id: Option<i64>,
    pub previous_title: Option<String>,
    /// The ladder version this walkout is pinned to; `None`: the trust's ladder in force.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub ladder_version: Option<i64>,
}

/// One affected doctor's intent for a walkout (undeclared until someone records otherwise).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IntentView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_id: i64,
    pub staff_number: String,
    pub name: String,
    pub grade: String,
    pub staff_group: StaffGroup,
    /// The department the doctor is rostered in most during the walkout, "Name (Site)".
    pub main_department: Option<String>,
    pub intent: Intent,
    pub set_by: Option<String>,
    pub set_at: Option<String>,
}

/// What an intents file did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IntentImportSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub striking: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub working: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub undeclared: i64,
}

/// One duty a walkout leaves uncovered (or, as returned by an unmark, the duty marked as not
/// uncovered: then `status` is `covered`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GapView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    /// Local date the duty starts.
    pub date: NaiveDate,
    /// "HH:MM", as written in the rota.
    pub start_local: String,
    pub end_local: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub end: i64,
    /// Real elapsed hours of the duty.
    pub hours: f64,
    /// Real elapsed hours of the duty inside the walkout window.
    pub overlap_hours: f64,
    /// At least 3 h between 23:00 and 06:00.
    pub night: bool,
    pub shift_type: ShiftType,
    pub shift_code: Option<String>,
    pub grade: String,
    pub staff_group: StaffGroup,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub site_id: i64,
    pub site: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    pub department: String,
    pub critical: bool,
    /// The rostered doctor (`None` for a vacant slot).
    pub staff_number: Option<String>,
    pub staff_name: Option<String>,
    pub reason: GapReason,
    pub status: GapStatus,
    /// Marked by hand (see `note`, `marked_by`, `marked_at`).
    pub manual: bool,
    pub note: Option<String>,
    pub marked_by: Option<String>,
    pub marked_at: Option<String>,
    /// Required rungs of the ladder not yet exhausted or not applicable for this gap (0: its
    /// alternatives are exhausted).
    pub rungs_to_do: u32,
    /// Who covers the gap, when it is filled.
    pub covered_by: Option<String>,
}

/// Mark (`uncovered: true`) or unmark a duty by hand, with the reason.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GapMark {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    pub uncovered: bool,
    pub reason: String,
}

/// Duties of one department on one day of the walkout. `due` = `covered` + `uncovered` +
/// `sourcing` + `requested`; `covered` counts duties with a doctor (working, or cover found).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DashboardCell {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub due: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub covered: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub uncovered: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sourcing: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub requested: i64,
}

/// One department's row of the heat map: one cell per walkout day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DashboardRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    pub department: String,
    pub site: String,
    pub critical: bool,
    pub cells: Vec<DashboardCell>,
}

/// The daily situation-report figures NHS England collects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SitrepDay {
    pub date: NaiveDate,
    /// Doctors of the affected groups rostered to work duties of that walkout day.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_due: i64,
    /// Of them, those striking.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_taking_action: i64,
    /// Of them, those who have not declared.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub undeclared: i64,
    /// Vacant slots of the affected groups or grades that day.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub vacant_shifts: i64,
}

/// A walkout at a glance: the heat map (critical departments first, then by uncovered
/// duties) and the daily situation report. Day N runs from the walkout's start time on
/// `days[N]` to the same time the next day (the last one ends with the walkout).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DashboardView {
    pub walkout: WalkoutView,
    pub days: Vec<NaiveDate>,
    pub rows: Vec<DashboardRow>,
    pub sitrep: Vec<SitrepDay>,
}
