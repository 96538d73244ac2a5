//! Wire types of requests, approvals, decisions, recalls, documents and user profiles, as the
//! window sends and receives them and the CLI prints them as JSON.

use super::{CheckView, ConsultantsView, DecisionKind, RequestContent, RequestStatus, Role};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// A document issued for a request.
    DocKind {
        Pdf = "pdf" / "PDF",
        Json = "json" / "JSON",
        Email = "email" / "Email text",
        Ics = "ics" / "Recall calendar (iCalendar)",
    }
);

/// What the coordinator fills in to build or change a request. The shifts are gaps of one
/// walkout in one department; the evidence is never typed, it comes from the attempt log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub duty_ids: Vec<i64>,
    pub role: String,
    pub doctors: u32,
    pub trigger: String,
    pub clinical_risk: String,
    pub incident_declared: bool,
    pub incident_detail: String,
    pub consultants_view: ConsultantsView,
    pub consultants_who: String,
    pub elective_continuing: Option<bool>,
    pub elective_reason: String,
    /// Empty: not pre-emptive.
    pub pre_emptive_reason: String,
    /// "dd/mm/yyyy HH:MM" or "yyyy-mm-ddTHH:MM", Europe/London; empty: not given.
    pub decision_needed_by: String,
    pub requesting_clinician: String,
    pub contact_phone: String,
}

/// A request in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub reference: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub walkout: String,
    pub site: String,
    pub department: String,
    pub role: String,
    pub doctors: u32,
    pub shifts: u32,
    pub status: RequestStatus,
    pub version: u32,
    /// UTC unix seconds (for the countdown) and its local text.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub decision_needed_by: Option<i64>,
    pub decision_needed_by_local: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub sent_at: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub decided_at: Option<i64>,
    /// Failing checks now (0 for a request past approval).
    pub failing: u32,
}

/// The approval of one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApprovalBlock {
    pub approver: String,
    pub role: Role,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub at: String,
    pub version: u32,
    pub content_hash: String,
    pub phone: String,
    pub email: String,
}

/// One step in a request's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestEventView {
    /// UTC unix seconds and local text.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub at: i64,
    pub at_local: String,
    pub by: String,
    /// created, edited, submitted, returned, approved, sent, granted, declined, withdrawn,
    /// not_decided, revoked, recalled, exported.
    pub kind: String,
    /// Plain English ("Dr M Patel approved version 2").
    pub text: String,
    pub version: u32,
    pub comment: String,
}

/// The decision recorded on a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecisionView {
    pub kind: DecisionKind,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub at: i64,
    pub at_local: String,
    pub reason: String,
    /// For a grant: how many doctors and which shifts (may be narrower than asked).
    pub granted_doctors: Option<u32>,
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub granted_duty_ids: Vec<i64>,
    /// Minutes from sending to this decision.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub minutes_taken: Option<i64>,
    /// Decided by the deadline (None when no deadline was set).
    pub on_time: Option<bool>,
}

/// A doctor recalled for a shift under a grant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecallView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    pub shift: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_id: i64,
    pub doctor: String,
    pub at_local: String,
    pub by: String,
}

/// A document issued (exported) for a request, with the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IssuedDocView {
    pub kind: DocKind,
    pub version: u32,
    pub sha256: String,
    pub content_hash: String,
    pub at_local: String,
    pub by: String,
    /// The version was approved when it was issued.
    pub approved: bool,
}

/// A request with everything the builder, the approval screen and the tracker show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub status: RequestStatus,
    pub content: RequestContent,
    pub content_hash: String,
    /// The input the current version was built from (for editing).
    pub input: RequestInput,
    /// Readiness now (for a request past approval: as they stand, for information).
    pub checks: Vec<CheckView>,
    /// No check fails and the status is draft.
    pub can_submit: bool,
    /// The attempt log has changed since this version was saved: sending it for approval
    /// saves a new version with the evidence as it now stands.
    pub log_changed: bool,
    /// The approval of the current version, if any (an approval of an earlier version is in
    /// the history but does not count).
    pub approval: Option<ApprovalBlock>,
    pub decision: Option<DecisionView>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub sent_at: Option<i64>,
    pub sent_at_local: Option<String>,
    pub sent_to: String,
    pub recalls: Vec<RecallView>,
    pub documents: Vec<IssuedDocView>,
    pub history: Vec<RequestEventView>,
}

/// The medical director approves exactly what they saw: the version and its content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ApproveInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_id: i64,
    pub version: u32,
    pub content_hash: String,
    /// The approver's profile (username) and their own passphrase.
    pub approver: String,
    pub passphrase: String,
    /// Return with this comment instead of approving (approve when empty and `approve`).
    pub approve: bool,
    pub comment: String,
}

/// Recording that the approved request went out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SendInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_id: i64,
    /// "dd/mm/yyyy HH:MM" or "yyyy-mm-ddTHH:MM"; empty: now.
    pub at: String,
    /// To whom and how ("NHS England regional team by email").
    pub to: String,
}

/// A decision or later event: granted (maybe narrower), declined, withdrawn, not decided,
/// revoked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecisionInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_id: i64,
    pub kind: DecisionKind,
    /// "dd/mm/yyyy HH:MM" or "yyyy-mm-ddTHH:MM"; empty: now.
    pub at: String,
    pub reason: String,
    /// Granted: how many doctors (empty: as asked).
    pub granted_doctors: Option<u32>,
    /// Granted: which shifts (empty: all asked).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub granted_duty_ids: Vec<i64>,
}

/// Doctors recalled under a grant, shift by shift.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecallInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_id: i64,
    pub recalls: Vec<RecallLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecallLine {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_id: i64,
}

/// What a document prints: the content, its hash, the status and the approval block.
/// The JSON export is exactly this (schema in docs/request-schema.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestDocument {
    /// "strikecover.request-document/1".
    pub document_schema: String,
    pub content: RequestContent,
    /// SHA-256 of the content's canonical JSON.
    pub content_hash: String,
    pub status: RequestStatus,
    /// The approval of exactly this content, if any.
    pub approval: Option<ApprovalBlock>,
    /// "dd/mm/yyyy HH:MM" and who produced the document.
    pub generated_at: String,
    pub generated_by: String,
}

/// The document schema name of [`RequestDocument`].
pub const DOCUMENT_SCHEMA: &str = "strikecover.request-document/1";

wire_enum!(
    /// What `verify` found.
    Verdict {
        Approved = "approved" / "The approved version",
        ApprovedSuperseded = "approved_superseded" / "An approved version, since changed",
        NotApproved = "not_approved" / "Not an approved version",
        Altered = "altered" / "Altered after it was exported",
        Unknown = "unknown" / "Not issued from this database",
    }
);

/// The result of checking an exported file against the database.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct VerifyResult {
    pub file: String,
    pub verdict: Verdict,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub request_id: Option<i64>,
    pub reference: Option<String>,
    pub version: Option<u32>,
    pub sha256: String,
    pub content_hash: Option<String>,
    /// Plain English: what the file is and whether it may be relied on.
    pub message: String,
}

/// A file written for a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportResult {
    pub path: String,
    pub kind: DocKind,
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// For the email body: the text itself, to copy.
    pub text: Option<String>,
}

/// A local user profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UserView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub email: String,
    pub phone: String,
    pub has_passphrase: bool,
    /// The profile of whoever runs the app now.
    pub is_me: bool,
}

/// Adding or changing a profile. Giving or taking the medical director's role, once a medical
/// director has a passphrase, needs a medical director's passphrase (`authoriser`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UserInput {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub email: String,
    pub phone: String,
    /// The authorising medical director's username and passphrase, when needed.
    pub authoriser: String,
    pub authoriser_passphrase: String,
}

/// Setting a profile's passphrase (the current one is needed to change it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PassphraseInput {
    pub username: String,
    pub current: String,
    pub new: String,
}

/// Who may be recalled for one granted shift: the doctor rostered on it first, then other
/// doctors of the department taking action.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecallChoice {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    pub shift: String,
    pub doctors: Vec<RecallDoctor>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecallDoctor {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub staff_id: i64,
    pub name: String,
    pub staff_number: String,
    pub grade: String,
    /// Rostered on this very shift.
    pub rostered: bool,
}
