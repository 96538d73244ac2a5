//! The impact report of a walkout (pure): what happened to its derogation requests, how long
//! decisions took against their deadlines, which shifts ran short after a refused or late request
//! and the incidents during them, how each gap was closed (by rung of the ladder, by recall, or
//! not at all), and the daily situation-report figures. Also the CSV the regional team receives,
//! with every text cell neutralised for spreadsheets ([`csv_safe`]).
//!
//! The store gathers the facts ([`ImpactInput`]); [`build`] turns them into an [`ImpactReport`]
//! with no database, clock or file system, so the figures are unit-tested on a hand-built
//! scenario.
//!
//! Definitions:
//! - every request counts as *made*; its outcome is its status (the latest decision), or where
//!   it stands (awaiting a decision, not sent);
//! - its *answer* is its first grant or decline; time taken runs from sending to the answer;
//!   *late* when answered after the decision deadline, *no decision* when never answered;
//! - a request is *refused or late* when declined, revoked, not decided by the deadline or
//!   answered late; its *short shifts* are its gaps (current version) that no fill and no recall
//!   covers at the end; an incident counts for a short shift when it is in the request's
//!   department and occurred within the shift (start inclusive, end exclusive);
//! - each gap's cover is its fill in force (that fill's rung), else a recall under a grant still
//!   in force, else still uncovered; a gap counts on the dashboard's walkout day.

mod csv_out;
#[cfg(test)]
mod tests;

pub use csv_out::*;

use crate::requests::{DecisionKind, RequestStatus};
use crate::time::{fmt_date, fmt_instant, utc_to_london};
use crate::walkouts::{day_index, walkout_days, SitrepDay};
use serde::Serialize;
use std::collections::HashMap;

/// The walkout the report is about.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkoutFacts {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub trust: String,
    pub start: i64,
    pub end: i64,
}

/// A request with its decisions (oldest first) and the duties its current version asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestFact {
    pub id: i64,
    /// "DR-12".
    pub reference: String,
    pub department_id: i64,
    pub department: String,
    pub site: String,
    pub status: RequestStatus,
    pub sent_at: Option<i64>,
    pub due: Option<i64>,
    pub decisions: Vec<(DecisionKind, i64)>,
    pub duty_ids: Vec<i64>,
}

/// How a gap stands at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cover {
    /// The fill in force, made at this rung (code, name).
    Rung(String, String),
    /// A doctor recalled under a grant still in force.
    Recall,
    /// Not covered.
    Uncovered,
}

/// A gap of the walkout: a duty it left without a doctor.
#[derive(Debug, Clone, PartialEq)]
pub struct GapFact {
    pub duty_id: i64,
    pub department_id: i64,
    pub start: i64,
    pub end: i64,
    pub grade: String,
    pub cover: Cover,
}

/// The current record (highest version) of a patient safety incident.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentFact {
    pub id: i64,
    pub department_id: i64,
    pub occurred: i64,
    pub reference: String,
    pub harm: String,
    pub near_miss: bool,
    pub description: String,
}

/// Everything [`build`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImpactInput {
    pub walkout: WalkoutFacts,
    /// The ladder in force: (code, name), in order.
    pub rungs: Vec<(String, String)>,
    pub requests: Vec<RequestFact>,
    pub gaps: Vec<GapFact>,
    pub incidents: Vec<IncidentFact>,
    pub sitrep: Vec<SitrepDay>,
}

/// How many requests ended each way. `made` counts every request; the outcome is its latest
/// decision (or where it stands: not sent, awaiting a decision).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OutcomeCounts {
    pub made: u32,
    pub granted: u32,
    pub declined: u32,
    pub withdrawn: u32,
    pub not_decided: u32,
    pub revoked: u32,
    /// Sent, no decision recorded yet.
    pub awaiting: u32,
    /// Drafts, awaiting approval or approved but never sent.
    pub not_sent: u32,
    /// Sent requests answered (granted or declined) after their decision deadline.
    pub late_answers: u32,
}

wire_enum!(
    /// When the answer came against the deadline.
    Timing {
        OnTime = "on_time" / "On time",
        Late = "late" / "Late",
        NoDecision = "no_decision" / "No decision",
    }
);

/// A sent request's time to decision against its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DecisionTiming {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_id: i64,
    pub reference: String,
    pub department: String,
    pub site: String,
    pub status: RequestStatus,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sent_at: i64,
    pub sent_local: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub due: Option<i64>,
    pub due_local: Option<String>,
    /// The answer (first grant or decline).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub decided_at: Option<i64>,
    pub decided_local: Option<String>,
    /// Seconds from sending to the answer.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub taken_secs: Option<i64>,
    /// "h:mm".
    pub taken: Option<String>,
    /// Seconds the deadline allowed from sending.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub allowed_secs: Option<i64>,
    pub timing: Timing,
}

/// An incident in a short shift's department during the shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImpactIncident {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub occurred: i64,
    pub occurred_local: String,
    pub reference: String,
    pub harm: String,
    pub near_miss: bool,
    pub description: String,
}

/// A shift a refused or late request asked for that was still uncovered at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ShortShift {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duty_id: i64,
    /// dd/mm/yyyy, HH:MM (Europe/London).
    pub date: String,
    pub start_local: String,
    pub end_local: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub start: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub end: i64,
    pub grade: String,
    pub incidents: Vec<ImpactIncident>,
}

/// A refused (declined, revoked) or late (not decided in time, answered after the deadline)
/// request with the shifts that then ran short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Shortfall {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub request_id: i64,
    pub reference: String,
    pub department: String,
    pub site: String,
    pub status: RequestStatus,
    /// "Declined", "Revoked", "Not decided by the deadline" or "Answered late".
    pub why: String,
    pub shifts_asked: u32,
    pub short_shifts: Vec<ShortShift>,
}

/// Gaps closed by each source on one walkout day (columns as [`ImpactReport::sources`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CoverageDay {
    pub date: String,
    pub counts: Vec<u32>,
}

/// Key of the recall column.
pub const SOURCE_RECALL: &str = "recall";
/// Key of the uncovered column.
pub const SOURCE_UNCOVERED: &str = "uncovered";

/// A column of the coverage table: a rung's code, [`SOURCE_RECALL`] or [`SOURCE_UNCOVERED`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CoverSource {
    pub key: String,
    pub label: String,
    pub total: u32,
}

/// The impact report of one walkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImpactReport {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub walkout_id: i64,
    pub title: String,
    pub body: String,
    pub trust: String,
    pub start_local: String,
    pub end_local: String,
    pub outcomes: OutcomeCounts,
    pub timings: Vec<DecisionTiming>,
    pub shortfalls: Vec<Shortfall>,
    /// Gaps of the walkout, and of them covered (by a fill or a recall).
    pub gaps: u32,
    pub covered: u32,
    /// Short shifts after refused or late requests, and incidents during them.
    pub short_shifts: u32,
    pub incidents_in_short_shifts: u32,
    /// Ladder rungs in order, then recall, then still uncovered.
    pub sources: Vec<CoverSource>,
    pub coverage_days: Vec<CoverageDay>,
    pub sitrep: Vec<SitrepDay>,
}

/// Seconds as "h:mm" (hours may exceed 24).
pub fn fmt_hmm(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let m = secs.abs() / 60;
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

fn local_hm(ts: i64) -> String {
    utc_to_london(ts).format("%H:%M").to_string()
}

fn timing_of(r: &RequestFact) -> Option<DecisionTiming> {
    let sent = r.sent_at?;
    let answer = r
        .decisions
        .iter()
        .find(|(k, _)| matches!(k, DecisionKind::Granted | DecisionKind::Declined))
        .map(|(_, at)| *at);
    let timing = match (answer, r.due) {
        (None, _) => Timing::NoDecision,
        (Some(a), Some(d)) if a > d => Timing::Late,
        (Some(_), _) => Timing::OnTime,
    };
    Some(DecisionTiming {
        request_id: r.id,
        reference: r.reference.clone(),
        department: r.department.clone(),
        site: r.site.clone(),
        status: r.status,
        sent_at: sent,
        sent_local: fmt_instant(sent),
        due: r.due,
        due_local: r.due.map(fmt_instant),
        decided_at: answer,
        decided_local: answer.map(fmt_instant),
        taken_secs: answer.map(|a| a - sent),
        taken: answer.map(|a| fmt_hmm(a - sent)),
        allowed_secs: r.due.map(|d| d - sent),
        timing,
    })
}

/// Builds the report from the facts.
pub fn build(input: &ImpactInput) -> ImpactReport {
    let w = &input.walkout;
    let mut outcomes = OutcomeCounts {
        made: input.requests.len() as u32,
        ..OutcomeCounts::default()
    };
    for r in &input.requests {
        use RequestStatus as S;
        match r.status {
            S::Granted => outcomes.granted += 1,
            S::Declined => outcomes.declined += 1,
            S::Withdrawn => outcomes.withdrawn += 1,
            S::NotDecided => outcomes.not_decided += 1,
            S::Revoked => outcomes.revoked += 1,
            S::Sent => outcomes.awaiting += 1,
            S::Draft | S::AwaitingApproval | S::Approved => outcomes.not_sent += 1,
        }
    }
    let mut requests: Vec<&RequestFact> = input.requests.iter().collect();
    requests.sort_by_key(|r| (r.sent_at.unwrap_or(i64::MAX), r.id));
    let timings: Vec<DecisionTiming> = requests.iter().filter_map(|r| timing_of(r)).collect();
    outcomes.late_answers = timings.iter().filter(|t| t.timing == Timing::Late).count() as u32;
    let late: HashMap<i64, bool> = timings
        .iter()
        .map(|t| (t.request_id, t.timing == Timing::Late))
        .collect();

    let gap_of: HashMap<i64, &GapFact> = input.gaps.iter().map(|g| (g.duty_id, g)).collect();
    let mut shortfalls = Vec::new();
    for r in &requests {
        let why = match r.status {
            RequestStatus::Declined | RequestStatus::Revoked | RequestStatus::NotDecided => {
                r.status.label().to_string()
            }
            _ if late.get(&r.id).copied().unwrap_or(false) => "Answered late".to_string(),
            _ => continue,
        };
        let mut short: Vec<&GapFact> = r
            .duty_ids
            .iter()
            .filter_map(|d| gap_of.get(d).copied())
            .filter(|g| g.cover == Cover::Uncovered)
            .collect();
        short.sort_by_key(|g| (g.start, g.duty_id));
        short.dedup_by_key(|g| g.duty_id);
        let short_shifts = short
            .iter()
            .map(|g| {
                let mut incidents: Vec<ImpactIncident> = input
                    .incidents
                    .iter()
                    .filter(|i| {
                        i.department_id == r.department_id
                            && i.occurred >= g.start
                            && i.occurred < g.end
                    })
                    .map(|i| ImpactIncident {
                        id: i.id,
                        occurred: i.occurred,
                        occurred_local: fmt_instant(i.occurred),
                        reference: i.reference.clone(),
                        harm: i.harm.clone(),
                        near_miss: i.near_miss,
                        description: i.description.clone(),
                    })
                    .collect();
                incidents.sort_by_key(|i| (i.occurred, i.id));
                ShortShift {
                    duty_id: g.duty_id,
                    date: fmt_date(utc_to_london(g.start).date_naive()),
                    start_local: local_hm(g.start),
                    end_local: local_hm(g.end),
                    start: g.start,
                    end: g.end,
                    grade: g.grade.clone(),
                    incidents,
                }
            })
            .collect();
        shortfalls.push(Shortfall {
            request_id: r.id,
            reference: r.reference.clone(),
            department: r.department.clone(),
            site: r.site.clone(),
            status: r.status,
            why,
            shifts_asked: r.duty_ids.len() as u32,
            short_shifts,
        });
    }

    // Coverage columns: the ladder in order, rungs of older ladders that fills name, recall,
    // uncovered.
    let mut sources: Vec<CoverSource> = input
        .rungs
        .iter()
        .map(|(code, name)| CoverSource {
            key: code.clone(),
            label: name.clone(),
            total: 0,
        })
        .collect();
    for g in &input.gaps {
        if let Cover::Rung(code, name) = &g.cover {
            if !sources.iter().any(|s| &s.key == code) {
                sources.push(CoverSource {
                    key: code.clone(),
                    label: name.clone(),
                    total: 0,
                });
            }
        }
    }
    sources.push(CoverSource {
        key: SOURCE_RECALL.into(),
        label: "Derogation (recall)".into(),
        total: 0,
    });
    sources.push(CoverSource {
        key: SOURCE_UNCOVERED.into(),
        label: "Still uncovered".into(),
        total: 0,
    });
    let column: HashMap<String, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    let days = walkout_days(w.start, w.end);
    let mut coverage_days: Vec<CoverageDay> = days
        .iter()
        .map(|(d, _)| CoverageDay {
            date: fmt_date(*d),
            counts: vec![0; sources.len()],
        })
        .collect();
    for g in &input.gaps {
        let key = match &g.cover {
            Cover::Rung(code, _) => code.as_str(),
            Cover::Recall => SOURCE_RECALL,
            Cover::Uncovered => SOURCE_UNCOVERED,
        };
        let c = column[key];
        sources[c].total += 1;
        if !coverage_days.is_empty() {
            coverage_days[day_index(&days, g.start)].counts[c] += 1;
        }
    }
    let uncovered = sources.last().map_or(0, |s| s.total);
    let short_shifts = shortfalls.iter().map(|s| s.short_shifts.len() as u32).sum();
    let incidents_in_short_shifts = {
        let mut ids: Vec<i64> = shortfalls
            .iter()
            .flat_map(|s| &s.short_shifts)
            .flat_map(|s| s.incidents.iter().map(|i| i.id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len() as u32
    };
    ImpactReport {
        walkout_id: w.id,
        title: w.title.clone(),
        body: w.body.clone(),
        trust: w.trust.clone(),
        start_local: fmt_instant(w.start),
        end_local: fmt_instant(w.end),
        outcomes,
        timings,
        shortfalls,
        gaps: input.gaps.len() as u32,
        covered: input.gaps.len() as u32 - uncovered,
        short_shifts,
        incidents_in_short_shifts,
        sources,
        coverage_days,
        sitrep: input.sitrep.clone(),
    }
}

wire_enum!(
    /// What the impact report is exported as.
    ImpactFormat {
        Pdf = "pdf" / "PDF",
        Csv = "csv" / "CSV",
    }
);

/// What the PDF shows: the report, when it was made, and the head of the audit trail at that
/// moment (an anchor a reader can check against the trust's audit trail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImpactDocument {
    pub report: ImpactReport,
    /// "dd/mm/yyyy HH:MM" Europe/London.
    pub generated_local: String,
    pub generated_by: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub audit_head_id: Option<i64>,
    pub audit_head_hash: Option<String>,
}

/// A saved export of the impact report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImpactExport {
    pub path: String,
    pub format: ImpactFormat,
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
}
