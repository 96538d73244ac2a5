//! Sourcing: working the ladder of staffing sources for each gap, the attempt log, fills.
//!
//! Everything here is pure. The store keeps the evidence append-only (a correction is a new
//! attempt that supersedes the old one; a fill that falls through is a release row); this
//! module turns that evidence into each rung's state on a gap and says what is still missing
//! before a gap's alternatives count as exhausted.
//!
//! A rung's state on a gap, from the attempts still current (not superseded) that name the
//! gap, the latest not-applicable mark and the gap's current fill:
//! - **filled**: the gap is covered, and the cover came from this rung;
//! - **not applicable**: the latest mark for this rung on this gap says so (with a reason);
//! - **in progress**: an attempt is waiting for an answer ("asked"), or someone accepted this
//!   gap and it is not filled yet;
//! - **exhausted**: otherwise, at least one attempt had a negative outcome for this gap
//!   (declined, no reply by the time given, unavailable, or "partly" without this gap);
//! - **not started**: no attempt and no mark.
//!
//! A gap's alternatives are exhausted when every required rung of the ladder in force is
//! exhausted or not applicable. Rungs are matched by their stable `code`, so attempts logged
//! under an earlier version of the ladder still count.

mod views;

pub use views::*;

use std::collections::HashMap;

wire_enum!(
    /// Who or what was asked.
    ContactKind {
        Doctor = "doctor" / "Doctor",
        Agency = "agency" / "Agency",
        Bank = "bank" / "Staff bank",
        Trust = "trust" / "Neighbouring trust",
        Manager = "manager" / "Service manager",
        Other = "other" / "Other",
    }
);

wire_enum!(
    /// How they were asked.
    Channel {
        Phone = "phone" / "Phone",
        Email = "email" / "Email",
        Text = "text" / "Text message",
        InPerson = "in_person" / "In person",
        BankSystem = "bank_system" / "Bank system",
        Other = "other" / "Other",
    }
);

wire_enum!(
    /// What came of an attempt. `Asked` is the first half of "asked, then the outcome": the
    /// answer is logged later as a new attempt that supersedes it.
    Outcome {
        Asked = "asked" / "Asked, waiting for an answer",
        Accepted = "accepted" / "Accepted",
        Declined = "declined" / "Declined",
        NoReply = "no_reply" / "No reply",
        Unavailable = "unavailable" / "Unavailable",
        Partly = "partly" / "Accepted some shifts",
    }
);

wire_enum!(
    /// Where a rung stands on a gap.
    RungState {
        NotStarted = "not_started" / "Not started",
        InProgress = "in_progress" / "In progress",
        Exhausted = "exhausted" / "Exhausted",
        NotApplicable = "not_applicable" / "Not applicable",
        Filled = "filled" / "Filled",
    }
);

impl Outcome {
    /// Whether the outcome is an answer of "no" for a gap it names and did not accept.
    pub fn is_negative(self) -> bool {
        matches!(
            self,
            Outcome::Declined | Outcome::NoReply | Outcome::Unavailable | Outcome::Partly
        )
    }
}

/// The part of a current attempt the rung state needs, for one gap it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptFact {
    pub outcome: Outcome,
    /// Whether the attempt accepted this gap (accepted outright, or partly including it).
    pub accepted: bool,
}

/// What the evidence says about one rung on one gap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RungEvidence {
    /// Current (not superseded) attempts naming the gap on this rung.
    pub attempts: Vec<AttemptFact>,
    /// The latest not-applicable mark: `Some(true)` not applicable, `Some(false)` marked
    /// applicable again, `None` never marked.
    pub not_applicable: Option<bool>,
    /// The gap is covered by a fill from this rung.
    pub filled: bool,
}

/// A rung's state on a gap (see the module documentation).
pub fn rung_state(e: &RungEvidence) -> RungState {
    if e.filled {
        return RungState::Filled;
    }
    if e.not_applicable == Some(true) {
        return RungState::NotApplicable;
    }
    if e.attempts
        .iter()
        .any(|a| a.outcome == Outcome::Asked || a.accepted)
    {
        return RungState::InProgress;
    }
    if e.attempts.iter().any(|a| a.outcome.is_negative()) {
        return RungState::Exhausted;
    }
    RungState::NotStarted
}

/// Whether a rung in this state no longer stands between the gap and a request.
pub fn rung_done(state: RungState) -> bool {
    matches!(state, RungState::Exhausted | RungState::NotApplicable)
}

/// The required rungs (by code, in ladder order) not yet exhausted or not applicable, given
/// each rung's state. An empty list: the gap's alternatives are exhausted.
pub fn missing<'a>(
    ladder: &'a [(String, bool)],
    states: &HashMap<&str, RungState>,
) -> Vec<&'a str> {
    ladder
        .iter()
        .filter(|(code, required)| {
            *required
                && !rung_done(
                    states
                        .get(code.as_str())
                        .copied()
                        .unwrap_or(RungState::NotStarted),
                )
        })
        .map(|(code, _)| code.as_str())
        .collect()
}

/// Parses a rate in pounds an hour as typed ("45", "45.50", "£45.50") into pence. Refuses
/// negatives, more than two decimal places and anything above `max_pounds`.
pub fn parse_rate(s: &str, max_pounds: i64) -> Result<i64, String> {
    let t = s.trim().trim_start_matches('£').trim();
    let t = t
        .strip_suffix("/h")
        .or_else(|| t.strip_suffix("/hour"))
        .unwrap_or(t)
        .trim();
    let bad = || {
        format!(
            "'{}' is not a rate in pounds an hour: write it like 45 or 45.50",
            s.trim()
        )
    };
    if t.starts_with('-') {
        return Err(format!(
            "the rate cannot be negative ('{}'); leave it empty if no rate was offered",
            s.trim()
        ));
    }
    let (whole, frac) = match t.split_once('.') {
        Some((w, f)) => (w, f),
        None => (t, ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || whole.len() > 7
    {
        return Err(bad());
    }
    let pounds: i64 = whole.parse().map_err(|_| bad())?;
    let pence: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let total = pounds * 100 + pence;
    if total > max_pounds * 100 {
        return Err(format!(
            "£{pounds}.{pence:02} an hour is above the highest rate accepted (£{max_pounds}); check the figure"
        ));
    }
    Ok(total)
}

/// A rate in pence as "£45.50".
pub fn fmt_rate(pence: i64) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

/// A stable code for a new rung from its name ("Mutual aid" -> "mutual_aid").
pub fn rung_code(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    out.chars().take(40).collect()
}

#[cfg(test)]
mod tests;
