//! Patient safety incidents during a walkout (pure): the harm scale, what a user fills in, the
//! checks that need no database, and the wire types of the log.
//!
//! An incident is append-only: an edit saves a new version with a reason, and the highest
//! version is the current record (see `store/incidents.rs`). A near miss reached no patient, so
//! it carries no harm. An incident is dated between a day before the walkout starts and a week
//! after it ends ([`WINDOW_BEFORE_SECS`], [`WINDOW_AFTER_SECS`]), and never in the future: the
//! log is for what happened because of this walkout's gaps (an incident found at handover the
//! morning after a walkout is still in), not for a general incident register.

#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// The harm an incident caused (the NHS patient safety scale used by LFPSE and Datix).
    Harm {
        None = "none" / "No harm",
        Low = "low" / "Low harm",
        Moderate = "moderate" / "Moderate harm",
        Severe = "severe" / "Severe harm",
        Death = "death" / "Death",
    }
);

/// How long before a walkout starts an incident may be dated (the run-up: doctors sent home,
/// lists cancelled the evening before).
pub const WINDOW_BEFORE_SECS: i64 = 24 * 3600;
/// How long after a walkout ends an incident may be dated (delayed harm found in the days after).
pub const WINDOW_AFTER_SECS: i64 = 7 * 86_400;
/// How far in the future a stated time may lie (clocks differ between desktops).
pub const FUTURE_SLACK_SECS: i64 = 300;

/// What a user fills in to log or change an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IncidentInput {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    /// When it happened: "dd/mm/yyyy HH:MM" or "yyyy-mm-ddTHH:MM", Europe/London.
    pub occurred: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    /// The gap (a duty of the walkout that is a gap) it relates to, if any.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub duty_id: Option<i64>,
    /// The derogation request (of the same walkout) it relates to, if any.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub request_id: Option<i64>,
    /// The LFPSE or Datix reference (may be empty until it is reported there).
    pub reference: String,
    pub harm: Harm,
    pub near_miss: bool,
    pub description: String,
    /// Why a change is saved (required when editing; ignored for a new incident).
    pub change_reason: String,
}

/// One saved version of an incident, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IncidentVersionView {
    pub version: u32,
    /// UTC unix seconds and "dd/mm/yyyy HH:MM" Europe/London.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub occurred: i64,
    pub occurred_local: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    pub department: String,
    pub site: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub duty_id: Option<i64>,
    /// The linked gap's shift ("03/01/2024 Night 20:00–08:00 ST3"), if any.
    pub shift: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub request_id: Option<i64>,
    /// The linked request's reference ("DR-4"), if any.
    pub request_reference: Option<String>,
    pub reference: String,
    pub harm: Harm,
    pub near_miss: bool,
    pub description: String,
    pub change_reason: String,
    pub saved_by: String,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub saved_at: String,
}

/// An incident in the log: its current version and how many versions it has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IncidentSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub versions: u32,
    pub created_by: String,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub created_at: String,
    pub current: IncidentVersionView,
}

/// One incident with every version, oldest first (the last is the current record).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IncidentView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub walkout: String,
    pub created_by: String,
    pub created_at: String,
    pub versions: Vec<IncidentVersionView>,
}

/// The fields of an incident that a version stores (what "nothing changed" compares).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFields {
    pub occurred_utc: i64,
    pub department_id: i64,
    pub gap_id: Option<i64>,
    pub request_id: Option<i64>,
    pub reference: String,
    pub harm: Harm,
    pub near_miss: bool,
    pub description: String,
}

fn limit(field: &str, what: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{what} is longer than {max} characters; shorten it"),
        ));
    }
    Ok(())
}

/// The checks of the text fields and of harm against near miss. `editing`: a reason is needed.
pub fn check_text(input: &IncidentInput, editing: bool) -> Result<()> {
    if input.description.trim().is_empty() {
        return Err(Error::invalid(
            "description",
            "describe what happened (what went wrong, what was done, who was told)",
        ));
    }
    limit("description", "The description", &input.description, 4000)?;
    let reference = input.reference.trim();
    limit("reference", "The LFPSE or Datix reference", reference, 40)?;
    if !reference
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " -/_.".contains(c))
    {
        return Err(Error::invalid(
            "reference",
            format!("'{reference}' is not an LFPSE or Datix reference: use letters, digits, spaces and - / _ ."),
        ));
    }
    if input.near_miss && input.harm != Harm::None {
        return Err(Error::invalid(
            "harm",
            format!(
                "a near miss reached no patient, so it cannot carry harm ({}); choose \"No harm\" or untick near miss",
                input.harm.label().to_lowercase()
            ),
        ));
    }
    if editing {
        if input.change_reason.trim().is_empty() {
            return Err(Error::invalid(
                "change_reason",
                "say why the incident is being changed (kept with the new version)",
            ));
        }
        limit(
            "change_reason",
            "The reason for the change",
            &input.change_reason,
            1000,
        )?;
    }
    Ok(())
}

/// Whether an incident time lies in the walkout's window and not in the future. `start`, `end`
/// and `now` are UTC unix seconds; the texts describe the bounds for the message.
pub fn check_occurred(occurred: i64, start: i64, end: i64, now: i64) -> Result<()> {
    let fmt = crate::time::fmt_instant;
    if occurred > now + FUTURE_SLACK_SECS {
        return Err(Error::invalid(
            "occurred",
            format!(
                "{} is in the future; log an incident once it has happened",
                fmt(occurred)
            ),
        ));
    }
    if occurred < start - WINDOW_BEFORE_SECS || occurred > end + WINDOW_AFTER_SECS {
        return Err(Error::invalid(
            "occurred",
            format!(
                "{} is outside this walkout: an incident is logged against a walkout from a day before it starts to a week after it ends ({} to {})",
                fmt(occurred),
                fmt(start - WINDOW_BEFORE_SECS),
                fmt(end + WINDOW_AFTER_SECS)
            ),
        ));
    }
    Ok(())
}
