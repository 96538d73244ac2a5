//! Read models returned to the window and the CLI (serialised as JSON; TypeScript bindings are
//! generated from these with the `ts` feature into `ui/src/bindings/`).

use crate::model::{ShiftType, StaffGroup};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the window needs on start: is there a rota yet, and where is the database.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AppStatus {
    pub db_path: String,
    pub trust_name: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duties: i64,
    /// First and last local date with a duty, when there are duties.
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    pub schema_version: u32,
    /// The user the app acts as (from the operating system login).
    pub user: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DepartmentView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub critical: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duties: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SiteView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub departments: Vec<DepartmentView>,
}

/// Which duties to show: a site (all its departments) or one department, over `days` days
/// from `from` (local dates).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RotaQuery {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub site_id: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub department_id: Option<i64>,
    pub from: NaiveDate,
    pub days: u32,
}

/// One duty as the rota view shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DutyView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Local date the duty starts.
    pub date: NaiveDate,
    /// "HH:MM", Europe/London, as written in the rota.
    pub start_local: String,
    pub end_local: String,
    /// UTC unix seconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub end: i64,
    /// Real elapsed hours (clock changes included).
    pub hours: f64,
    /// True when the end falls on a later local date than the start.
    pub overnight: bool,
    pub shift_type: ShiftType,
    pub shift_code: Option<String>,
    pub grade: String,
    pub staff_group: StaffGroup,
    pub site: String,
    pub department: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    /// `None` for a vacant slot.
    pub staff_number: Option<String>,
    pub staff_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct StaffView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub staff_number: String,
    pub name: String,
    pub grade: String,
    /// Effective staff group: the doctor's own override if the file gave one, else the grade's.
    pub staff_group: StaffGroup,
    pub wtr_opt_out: bool,
    /// Department the doctor works most duties in.
    pub main_department: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duties: i64,
}

/// A row of the grade table the trust edits: which staff group a grade belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GradeView {
    pub grade: String,
    pub staff_group: StaffGroup,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub doctors: i64,
}

/// One change an import made to a duty already in the database.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DutyChange {
    /// Row in the file (0 for a duty removed because the file no longer has it).
    pub row: u32,
    /// e.g. "05/01/2024 20:00 Night, Emergency Department (Northgate), ST3".
    pub duty: String,
    /// e.g. "doctor: vacant -> 1234567 A Patel".
    pub change: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub import_id: i64,
    pub file_name: String,
    pub format: crate::import::FileFormat,
    pub encoding: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: i64,
    /// Distinct doctors named in the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub doctors: i64,
    /// Duties in the file (rows that are not leave or rest, vacancies included).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub shifts: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub vacancies: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub departments: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sites: i64,
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
    /// Rows new to the database.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub added: i64,
    /// Rows that matched a duty already held and changed it (doctor, code).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated: i64,
    /// Rows that matched a duty already held, unchanged.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unchanged: i64,
    /// Duties held for the file's departments and dates that the file no longer lists.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub removed: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub new_staff: i64,
    /// The first changes (updates and removals), for the summary screen.
    pub changes: Vec<DutyChange>,
    pub elapsed_ms: u32,
}
