//! Wire types of the audit viewer and of `audit verify`.

use serde::{Deserialize, Serialize};

wire_enum!(
    /// What kind of break `audit verify` found.
    BreakKind {
        ContentChanged = "content_changed" / "A row's content was changed",
        RowsMissing = "rows_missing" / "Rows are missing",
        Reordered = "reordered" / "Rows were reordered or replaced",
        LastRowsDeleted = "last_rows_deleted" / "The last rows were deleted",
        HashEdited = "hash_edited" / "Hash fields were edited",
        RowAdded = "row_added" / "A row was added outside the app",
        HeadMissing = "head_missing" / "The head record is missing",
    }
);

wire_enum!(
    /// What an audit row can be linked to, for filtering.
    SubjectKind {
        Walkout = "walkout" / "Walkout",
        Duty = "duty" / "Shift (gap)",
        Request = "request" / "Request",
    }
);

/// The first place the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditBreak {
    /// The row where the break shows (for deleted last rows: the last row left).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub row_id: i64,
    pub kind: BreakKind,
    /// What it means, in plain English.
    pub explanation: String,
}

/// Whether a hash printed on a document (or written down from an earlier check) is in the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AnchorCheck {
    pub hash: String,
    /// The row that holds it (as its chain hash, or as a document's SHA-256 or content hash it
    /// records), if any.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub row_id: Option<i64>,
    /// Found, and the chain verifies up to and including that row.
    pub ok: bool,
    pub explanation: String,
}

/// The result of walking the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditVerifyView {
    /// The whole trail verifies (and the anchor, if one was given, is in it).
    pub ok: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows_checked: u64,
    /// How many of them were written before the upgrade (scheme 1).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub legacy_rows: u64,
    /// The head record: the last row the app wrote, and its hash.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub head_id: Option<i64>,
    pub head_hash: Option<String>,
    pub first_break: Option<AuditBreak>,
    pub anchor: Option<AnchorCheck>,
}

/// The audit viewer's filters. Every field is optional; dates are dd/mm/yyyy (Europe/London),
/// both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditFilter {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub walkout_id: Option<i64>,
    /// A gap, by its duty's id.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub duty_id: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub request_id: Option<i64>,
    /// A username.
    pub user: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Page size (default 100, at most 1,000).
    pub limit: Option<u32>,
    /// Only rows older than this id (the next page).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub before_id: Option<i64>,
}

/// One audit row in plain English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditEntryView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// ISO 8601 UTC, as stored.
    pub at: String,
    /// dd/mm/yyyy HH:MM, Europe/London.
    pub when: String,
    pub username: String,
    pub user_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// What happened, e.g. "logged: agency Medics4U declined 3 shifts".
    pub summary: String,
    /// Who, what and when, e.g. "Jo Smith logged: agency Medics4U declined 3 shifts, 14:02".
    pub sentence: String,
    /// The SHA-256 of an issued document this row records, if any.
    pub document_sha256: Option<String>,
    /// The details as stored (JSON text).
    pub detail: String,
}

/// A page of the audit viewer, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// Pass as `before_id` for the next (older) page; none when this is the last.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub next_before: Option<i64>,
}
