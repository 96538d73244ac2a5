//! Wire types of sourcing: the ladder, attempts, rung states, candidates and fills, as the
//! window sends and receives them and the CLI prints them as JSON.

use super::{Channel, ContactKind, Outcome, RungState};
use crate::model::StaffGroup;
use crate::rules::{RuleSetting, Violation};
use crate::walkouts::GapView;
use serde::{Deserialize, Serialize};

/// One rung of a ladder version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RungView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub position: u32,
    /// Stable across versions (e.g. "incentive").
    pub code: String,
    pub name: String,
    pub description: String,
    pub required: bool,
}

/// The ladder in force (its latest version).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LadderView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: i64,
    pub note: String,
    /// `None`: the built-in default.
    pub created_by: Option<String>,
    pub created_at: String,
    pub rungs: Vec<RungView>,
}

/// A rung as the trust edits the ladder. `code` empty: a new rung (its code is made from the
/// name); otherwise an existing rung's code, kept so that evidence carries over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RungInput {
    pub code: String,
    pub name: String,
    pub description: String,
    pub required: bool,
}

/// An attempt to find cover, as the coordinator logs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AttemptInput {
    /// The gaps (duty ids in the walkout) the attempt was about.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub duty_ids: Vec<i64>,
    pub rung_code: String,
    pub contact_kind: ContactKind,
    /// Who or what was asked: an agency's name, a trust, a manager. For a doctor from the
    /// rota, `staff_id` names them and this may be empty.
    pub asked: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub staff_id: Option<i64>,
    /// Europe/London "yyyy-mm-ddTHH:MM" (or "dd/mm/yyyy HH:MM"); empty: now.
    pub asked_at: String,
    pub channel: Channel,
    /// Pounds an hour as typed ("45.50"); empty: no rate offered.
    pub rate: String,
    pub outcome: Outcome,
    /// For "no reply": the time an answer was needed by (same forms as `asked_at`).
    pub reply_by: String,
    /// For "partly": the gaps accepted (a subset of `duty_ids`).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub accepted_duty_ids: Vec<i64>,
    pub notes: String,
    /// The attempt this one corrects or answers (it stays in the history, marked superseded).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub supersedes: Option<i64>,
}

/// One logged attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AttemptView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub rung_code: String,
    pub rung_name: String,
    pub contact_kind: ContactKind,
    pub asked: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub staff_id: Option<i64>,
    pub staff_number: Option<String>,
    /// ISO 8601 UTC.
    pub asked_at: String,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub asked_at_local: String,
    pub channel: Channel,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub rate_pence_per_hour: Option<i64>,
    pub outcome: Outcome,
    pub reply_by_local: Option<String>,
    pub notes: String,
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub duty_ids: Vec<i64>,
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub accepted_duty_ids: Vec<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub supersedes: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub superseded_by: Option<i64>,
    pub logged_by: String,
    /// ISO 8601 UTC.
    pub logged_at: String,
    /// One line of plain English: "Agency Medics4U declined 3 shifts (phone, £95.00/h)".
    pub summary: String,
}

/// A rung marked not applicable (or applicable again) for a group of gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RungMarkInput {
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub duty_ids: Vec<i64>,
    pub rung_code: String,
    pub not_applicable: bool,
    pub reason: String,
}

/// A rung's state on one gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RungStatusView {
    pub code: String,
    pub name: String,
    pub required: bool,
    pub state: RungState,
    /// Plain English: the latest attempt's summary, or the not-applicable reason.
    pub detail: String,
}

/// How a gap is covered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FillView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub rung_code: String,
    pub rung_name: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub staff_id: Option<i64>,
    /// "Name (staff number, grade)" for a doctor on the rota, "Name (organisation)" otherwise.
    pub covered_by: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub attempt_id: Option<i64>,
    /// Rules the doctor breaks by taking the duty, accepted with an explicit override.
    pub overridden: Vec<Violation>,
    pub override_reason: Option<String>,
    pub filled_by: String,
    pub filled_at: String,
}

/// One gap on the sourcing screen: the gap, each rung's state, what is missing, the fill.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GapSourcingView {
    pub gap: GapView,
    pub rungs: Vec<RungStatusView>,
    /// Every required rung exhausted or not applicable.
    pub exhausted: bool,
    /// Names of the required rungs still standing (empty when exhausted).
    pub missing: Vec<String>,
    pub fill: Option<FillView>,
}

/// The sourcing screen for a gap or a group of gaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SourcingView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub ladder: LadderView,
    pub gaps: Vec<GapSourcingView>,
    /// Every attempt naming any of these gaps, newest first, superseded ones included.
    pub attempts: Vec<AttemptView>,
}

/// Filling a gap: from a doctor on the rota (`staff_id`) or from outside it (a bank or agency
/// locum by name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FillInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    pub rung_code: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub staff_id: Option<i64>,
    pub external_name: String,
    pub external_org: String,
    /// The attempt whose acceptance this fill records, if any.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub attempt_id: Option<i64>,
    /// Needed (and recorded) when the doctor would break a working-time rule.
    pub override_reason: String,
}

/// Cover that fell through: the gap is open again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReleaseInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    pub reason: String,
}

/// A doctor who could (or could not) take a gap, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CandidateView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_id: i64,
    pub staff_number: String,
    pub name: String,
    pub grade: String,
    pub staff_group: StaffGroup,
    /// Where the doctor works most, "Name (Site)".
    pub department: Option<String>,
    pub same_department: bool,
    pub same_site: bool,
    /// 1 for the best-placed eligible doctor; `None` when excluded.
    pub rank: Option<u32>,
    pub hours_past_7_days: f64,
    pub rest_before_hours: Option<f64>,
    pub rest_after_hours: Option<f64>,
    /// Why ranked here: "same department; 22.5 h in the past 7 days; 35.0 h rest before".
    pub why: String,
    /// Everything that excludes the doctor (empty: eligible), with the numbers.
    pub reasons: Vec<Violation>,
    /// The latest answer this doctor gave for this gap, if asked ("Declined 14:02").
    pub asked: Option<String>,
}

/// The candidate list for one gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CandidatesView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub gap: GapView,
    /// The rules version used (0: the built-in defaults).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rules_version: i64,
    pub eligible: Vec<CandidateView>,
    pub excluded: Vec<CandidateView>,
}

/// The working-time rules in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RuleSetView {
    /// 0: the built-in defaults.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: i64,
    pub note: String,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub settings: Vec<RuleSetting>,
}

/// A grade and the level that decides which duties its doctors may cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CoverLevelView {
    pub grade: String,
    pub staff_group: StaffGroup,
    /// 1 (foundation year 1) to 9; a doctor may cover duties of grades at or below theirs.
    pub level: u8,
    /// Whether the trust set it (otherwise the built-in level for the grade code).
    pub set_by_trust: bool,
    /// The built-in level for the grade code (what "back to built-in" restores).
    pub built_in: u8,
}
