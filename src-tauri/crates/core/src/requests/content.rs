//! A derogation request's canonical content: exactly what the medical director approves, what the
//! documents print and what the content hash covers. Field order is the serialisation order, so
//! `serde_json::to_vec` of this struct is the canonical form (see [`RequestContent::canonical`]).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The JSON schema name and version of [`RequestContent`] (documented in docs/request-schema.md).
pub const CONTENT_SCHEMA: &str = "strikecover.request/1";

wire_enum!(
    /// Whether the department's consultants agree the service is unsafe without the doctors.
    ConsultantsView {
        Unsafe = "unsafe" / "Unsafe without the doctors asked for",
        Safe = "safe" / "Safe without them",
        NotRecorded = "not_recorded" / "Not recorded",
    }
);

/// The walkout a request belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WalkoutRef {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    /// The staff group taking action, as a label ("Resident doctors").
    pub group: String,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub starts: String,
    pub ends: String,
}

/// One shift asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ShiftLine {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    /// "dd/mm/yyyy", the local date the shift starts.
    pub date: String,
    /// "Day" or "Night" (a night has at least 3 h between 23:00 and 06:00).
    pub day_or_night: String,
    /// The rota's shift type label ("Long day", "Night", ...).
    pub shift_type: String,
    /// "HH:MM" Europe/London, as rostered.
    pub start: String,
    pub end: String,
    /// Real elapsed hours (clock changes counted).
    pub hours: f64,
    pub grade: String,
    /// UTC unix seconds, for machines.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start_utc: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub end_utc: i64,
}

/// A time the user gave, both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TimeField {
    /// UTC unix seconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub utc: i64,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub local: String,
}

/// One attempt in the evidence, as logged (the latest correction of it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EvidenceAttempt {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub attempt_id: i64,
    /// When the contact was made, "dd/mm/yyyy HH:MM".
    pub at: String,
    /// Who logged it.
    pub by: String,
    /// Who or what was asked ("Medics4U (agency)", "Dr A Shah (ST4, Emergency medicine)").
    pub asked: String,
    pub channel: String,
    /// "£120.00 an hour", or empty when no rate was offered.
    pub terms: String,
    /// The outcome label ("Declined", "No reply by 14:00 03/01/2024", "Accepted 2 of 3 shifts").
    pub result: String,
    /// Which of the request's shifts it was about ("all 3 shifts", or "03/01 Night, 04/01 Night").
    pub shifts: String,
    pub notes: String,
}

/// One rung of the ladder with what was done on it for the request's shifts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RungEvidence {
    pub code: String,
    pub name: String,
    pub required: bool,
    /// The rung's state over the request's shifts: the least advanced shift's state label
    /// ("Exhausted", "Not applicable", "In progress", "Not started").
    pub state: String,
    /// Reasons given for "not applicable" (one per distinct reason).
    pub not_applicable: Vec<String>,
    pub attempts: Vec<EvidenceAttempt>,
}

/// A fill that broke a working-time rule on purpose, within the request's shifts' evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OverrideLine {
    /// "03/01/2024 Night 20:00–08:00".
    pub shift: String,
    pub doctor: String,
    pub rules: Vec<String>,
    pub reason: String,
    pub at: String,
    pub by: String,
    /// The cover later fell through (so the shift is uncovered again).
    pub released: bool,
}

/// The canonical content of one version of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestContent {
    pub schema: String,
    /// "DR-<request id>", stable across versions.
    pub reference: String,
    pub version: u32,
    pub trust: String,
    pub walkout: WalkoutRef,
    pub site: String,
    pub department: String,
    /// Grade or role asked for ("ST3+ registrar", "one junior doctor").
    pub role: String,
    pub doctors: u32,
    pub shifts: Vec<ShiftLine>,
    /// From the first shift's start to the last one's end, in words.
    pub duration: String,
    /// What triggered the request.
    pub trigger: String,
    /// Which patients are at risk and what harm is expected without the doctors.
    pub clinical_risk: String,
    pub incident_declared: bool,
    /// Internal or critical incident: which, when, reference.
    pub incident_detail: String,
    pub consultants_view: ConsultantsView,
    /// Who gave the consultants' view, and when.
    pub consultants_who: String,
    /// Whether elective (non-urgent) work continues in the service; `None`: not answered.
    pub elective_continuing: Option<bool>,
    pub elective_reason: String,
    /// Marked as an exceptional pre-emptive request (before the strike starts): the reason.
    pub pre_emptive_reason: Option<String>,
    pub decision_needed_by: Option<TimeField>,
    pub requesting_clinician: String,
    pub contact_phone: String,
    /// Generated from the attempt log, rung by rung. Nobody types it.
    pub evidence: Vec<RungEvidence>,
    pub overrides: Vec<OverrideLine>,
}

impl RequestContent {
    /// The canonical bytes: compact JSON in field order.
    pub fn canonical(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("request content always serialises")
    }

    /// SHA-256 of [`RequestContent::canonical`], lower-case hex.
    pub fn hash(&self) -> String {
        hex_of(&Sha256::digest(self.canonical()))
    }
}

/// Lower-case hex of bytes.
pub fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
