//! Derogation requests (pure): the canonical content, readiness checks, the lifecycle, and how a
//! selection of gaps splits into narrow requests.
//!
//! A request is narrow: one site and department, one grade or role, named shifts, a number of
//! doctors. Its content is versioned; each version has a SHA-256 of its canonical JSON. An
//! approval is bound to that hash: any change makes a new version, and the approval no longer
//! applies (see [`Lifecycle`]).
//!
//! Readiness checks mirror the reasons the BMA refused or revoked requests (see
//! `shared/domain.md`, "Why requests fail"). Each has a stable code, a name, a status (pass,
//! warning, fail) and a plain explanation. A request with a failing check cannot be sent for
//! approval.

mod content;
mod documents;
mod views;

#[cfg(test)]
mod tests;

pub use content::*;
pub use documents::*;
pub use views::*;

use serde::{Deserialize, Serialize};

wire_enum!(
    /// Where a request is in its life.
    RequestStatus {
        Draft = "draft" / "Draft",
        AwaitingApproval = "awaiting_approval" / "Awaiting approval",
        Approved = "approved" / "Approved",
        Sent = "sent" / "Sent",
        Granted = "granted" / "Granted",
        Declined = "declined" / "Declined",
        Withdrawn = "withdrawn" / "Withdrawn",
        NotDecided = "not_decided" / "Not decided by the deadline",
        Revoked = "revoked" / "Revoked",
    }
);

wire_enum!(
    /// A readiness check's result.
    CheckStatus {
        Pass = "pass" / "Pass",
        Warning = "warning" / "Warning",
        Fail = "fail" / "Fail",
    }
);

wire_enum!(
    /// What a local user profile may do.
    Role {
        Coordinator = "coordinator" / "Rota coordinator",
        MedicalDirector = "medical_director" / "Medical director",
        DeputyMedicalDirector = "deputy_medical_director" / "Deputy medical director",
        Viewer = "viewer" / "Viewer (read only)",
        Admin = "admin" / "Administrator",
    }
);

impl Role {
    /// May approve or return requests (with their own passphrase).
    pub fn may_approve(self) -> bool {
        matches!(self, Role::MedicalDirector | Role::DeputyMedicalDirector)
    }

    /// May change anything at all.
    pub fn may_write(self) -> bool {
        self != Role::Viewer
    }
}

wire_enum!(
    /// A decision (or a later event) the BMA or the trust records on a sent request.
    DecisionKind {
        Granted = "granted" / "Granted",
        Declined = "declined" / "Declined",
        Withdrawn = "withdrawn" / "Withdrawn",
        NotDecided = "not_decided" / "Not decided by the deadline",
        Revoked = "revoked" / "Revoked",
    }
);

impl DecisionKind {
    pub fn status(self) -> RequestStatus {
        match self {
            DecisionKind::Granted => RequestStatus::Granted,
            DecisionKind::Declined => RequestStatus::Declined,
            DecisionKind::Withdrawn => RequestStatus::Withdrawn,
            DecisionKind::NotDecided => RequestStatus::NotDecided,
            DecisionKind::Revoked => RequestStatus::Revoked,
        }
    }
}

/// The lifecycle's transitions. Every function says whether a step is allowed from a status and,
/// when not, why (in words for the window).
pub struct Lifecycle;

impl Lifecycle {
    /// Content may change (a new version) only before the request is sent.
    pub fn may_edit(status: RequestStatus) -> Result<(), String> {
        match status {
            RequestStatus::Draft | RequestStatus::AwaitingApproval | RequestStatus::Approved => {
                Ok(())
            }
            s => Err(format!(
                "a request that is {} cannot be changed; build a new request instead",
                s.label().to_lowercase()
            )),
        }
    }

    /// The status after an edit: a changed request needs approval again.
    pub fn after_edit(_status: RequestStatus) -> RequestStatus {
        RequestStatus::Draft
    }

    pub fn may_submit(status: RequestStatus) -> Result<(), String> {
        match status {
            RequestStatus::Draft => Ok(()),
            s => Err(format!(
                "only a draft can be sent for approval; this request is {}",
                s.label().to_lowercase()
            )),
        }
    }

    pub fn may_approve(status: RequestStatus) -> Result<(), String> {
        match status {
            RequestStatus::AwaitingApproval => Ok(()),
            s => Err(format!(
                "only a request awaiting approval can be approved or returned; this one is {}",
                s.label().to_lowercase()
            )),
        }
    }

    pub fn may_send(status: RequestStatus) -> Result<(), String> {
        match status {
            RequestStatus::Approved => Ok(()),
            s => Err(format!(
                "only an approved request can be sent; this one is {}",
                s.label().to_lowercase()
            )),
        }
    }

    /// Which decisions may be recorded from `status`.
    pub fn may_decide(status: RequestStatus, kind: DecisionKind) -> Result<(), String> {
        use DecisionKind as K;
        use RequestStatus as S;
        let ok = match kind {
            // A late answer may still come after the deadline passed.
            K::Granted | K::Declined => matches!(status, S::Sent | S::NotDecided),
            K::NotDecided => status == S::Sent,
            K::Withdrawn => matches!(
                status,
                S::Draft | S::AwaitingApproval | S::Approved | S::Sent | S::NotDecided
            ),
            K::Revoked => status == S::Granted,
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "a request that is {} cannot be marked {}",
                status.label().to_lowercase(),
                kind.label().to_lowercase()
            ))
        }
    }
}

/// Facts from the database the checks need beyond the content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckFacts {
    /// Now, UTC unix seconds.
    pub now: i64,
    /// The walkout's start, UTC unix seconds.
    pub walkout_start: i64,
    /// Required rungs still without evidence: (rung name, the shifts it is missing on).
    pub missing: Vec<(String, Vec<String>)>,
    /// Shifts of the request covered meanwhile (labels).
    pub covered: Vec<String>,
}

/// One readiness check's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CheckView {
    pub code: String,
    pub name: String,
    pub status: CheckStatus,
    pub explanation: String,
}

fn check(code: &str, name: &str, status: CheckStatus, explanation: impl Into<String>) -> CheckView {
    CheckView {
        code: code.into(),
        name: name.into(),
        status,
        explanation: explanation.into(),
    }
}

/// Every readiness check, in a fixed order.
pub fn readiness(c: &RequestContent, f: &CheckFacts) -> Vec<CheckView> {
    vec![
        check_complete(c),
        check_evidence(f),
        check_rung_tried(
            c,
            "incentive",
            "Incentive offered",
            "an enhanced rate offered to doctors who are not striking",
        ),
        check_rung_tried(
            c,
            "redeploy",
            "Redeployment tried",
            "redeploying non-striking doctors from non-emergency work",
        ),
        check_elective(c),
        check_started(c, f),
        check_consultants(c),
        check_deadline(c, f),
        check_uncovered(f),
        check_overrides(c),
        check_doctors(c),
    ]
}

/// True when no check fails.
pub fn ready(checks: &[CheckView]) -> bool {
    checks.iter().all(|c| c.status != CheckStatus::Fail)
}

fn check_complete(c: &RequestContent) -> CheckView {
    let mut missing = Vec::new();
    for (value, name) in [
        (&c.trust, "the trust's name (set it in Settings)"),
        (&c.role, "the grade or role"),
        (&c.trigger, "the trigger"),
        (&c.clinical_risk, "the clinical risk"),
        (&c.requesting_clinician, "the requesting clinician"),
        (&c.contact_phone, "a contact number"),
    ] {
        if value.trim().is_empty() {
            missing.push(name.to_string());
        }
    }
    if c.doctors == 0 {
        missing.push("the number of doctors".into());
    }
    if c.shifts.is_empty() {
        missing.push("the shifts".into());
    }
    if c.incident_declared && c.incident_detail.trim().is_empty() {
        missing.push("which incident was declared, and when".into());
    }
    let (code, name) = ("complete", "Every field filled in");
    if missing.is_empty() {
        check(
            code,
            name,
            CheckStatus::Pass,
            "Every field the BMA judges a request on is filled in.",
        )
    } else {
        check(
            code,
            name,
            CheckStatus::Fail,
            format!(
                "Missing: {}. Both revoked grants of 2023 were over facts missing from the form.",
                missing.join(", ")
            ),
        )
    }
}

fn check_evidence(f: &CheckFacts) -> CheckView {
    let (code, name) = ("evidence", "Every required rung has evidence");
    if f.missing.is_empty() {
        return check(
            code,
            name,
            CheckStatus::Pass,
            "Every required rung of the ladder is exhausted or marked not applicable, for every shift.",
        );
    }
    let parts: Vec<String> = f
        .missing
        .iter()
        .map(|(rung, shifts)| format!("{rung} ({})", shifts.join(", ")))
        .collect();
    check(
        code,
        name,
        CheckStatus::Fail,
        format!(
            "No evidence yet for: {}. Requests are refused for want of evidence that alternatives were tried.",
            parts.join("; ")
        ),
    )
}

fn check_rung_tried(c: &RequestContent, rung: &str, name: &str, what: &str) -> CheckView {
    let code = format!("{rung}_tried");
    let Some(r) = c.evidence.iter().find(|r| r.code == rung) else {
        return check(
            &code,
            name,
            CheckStatus::Warning,
            format!("The ladder in force has no rung for {what}. The BMA expects to see it tried."),
        );
    };
    if !r.attempts.is_empty() {
        return check(
            &code,
            name,
            CheckStatus::Pass,
            format!(
                "{} attempt{} logged under \"{}\".",
                r.attempts.len(),
                if r.attempts.len() == 1 { "" } else { "s" },
                r.name
            ),
        );
    }
    if !r.not_applicable.is_empty() {
        return check(
            &code,
            name,
            CheckStatus::Warning,
            format!(
                "\"{}\" is marked not applicable ({}). The BMA refuses requests where {what} was not tried: make sure the reason will satisfy it.",
                r.name,
                r.not_applicable.join("; ")
            ),
        );
    }
    check(
        &code,
        name,
        CheckStatus::Fail,
        format!(
            "Nothing is logged under \"{}\": no evidence of {what}. This is one of the BMA's stated reasons for refusal.",
            r.name
        ),
    )
}

fn check_elective(c: &RequestContent) -> CheckView {
    let (code, name) = ("elective", "Elective work stood down");
    match c.elective_continuing {
        None => check(
            code,
            name,
            CheckStatus::Fail,
            "Say whether non-urgent elective work continues in the service. The BMA treats continuing elective work as grounds to refuse.",
        ),
        Some(false) => check(
            code,
            name,
            CheckStatus::Pass,
            "Non-urgent elective work in the service has stopped.",
        ),
        Some(true) if c.elective_reason.trim().is_empty() => check(
            code,
            name,
            CheckStatus::Fail,
            "Elective work continues in the service and no reason is given. Give the reason (for example cancer surgery that cannot wait) or stop it.",
        ),
        Some(true) => check(
            code,
            name,
            CheckStatus::Warning,
            format!(
                "Elective work continues, with the reason given: {}. Expect the BMA to question it.",
                c.elective_reason.trim()
            ),
        ),
    }
}

fn check_started(c: &RequestContent, f: &CheckFacts) -> CheckView {
    let (code, name) = ("strike_started", "The strike has started");
    if f.now >= f.walkout_start {
        return check(code, name, CheckStatus::Pass, "The walkout is under way.");
    }
    match c.pre_emptive_reason.as_deref().map(str::trim) {
        Some(reason) if !reason.is_empty() => check(
            code,
            name,
            CheckStatus::Warning,
            format!(
                "The walkout has not started ({}). Marked as an exceptional pre-emptive request: {reason}.",
                c.walkout.starts
            ),
        ),
        _ => check(
            code,
            name,
            CheckStatus::Fail,
            format!(
                "The walkout starts at {}. Requests are expected once the strike is under way and the risk is present; mark it as an exceptional pre-emptive request with its reason if it cannot wait.",
                c.walkout.starts
            ),
        ),
    }
}

fn check_consultants(c: &RequestContent) -> CheckView {
    let (code, name) = ("consultants", "Consultants agree it is unsafe");
    match c.consultants_view {
        ConsultantsView::Unsafe if !c.consultants_who.trim().is_empty() => check(
            code,
            name,
            CheckStatus::Pass,
            format!(
                "The department's consultants say the service is unsafe without the doctors ({}).",
                c.consultants_who.trim()
            ),
        ),
        ConsultantsView::Unsafe => check(
            code,
            name,
            CheckStatus::Fail,
            "Say which consultants gave the view that the service is unsafe, and when.",
        ),
        ConsultantsView::Safe => check(
            code,
            name,
            CheckStatus::Fail,
            "The consultants said the service is safe without the doctors. Requests were refused on exactly this ground.",
        ),
        ConsultantsView::NotRecorded => check(
            code,
            name,
            CheckStatus::Fail,
            "The consultants' view is not recorded. Ask the department's consultants whether the service is unsafe without the doctors.",
        ),
    }
}

fn check_deadline(c: &RequestContent, f: &CheckFacts) -> CheckView {
    let (code, name) = ("deadline", "Decision deadline set");
    let Some(due) = &c.decision_needed_by else {
        return check(
            code,
            name,
            CheckStatus::Fail,
            "Give the time by which a decision is needed. NHS England asks every request to state it.",
        );
    };
    if due.utc <= f.now {
        return check(
            code,
            name,
            CheckStatus::Fail,
            format!(
                "The decision was needed by {}, which has passed. Set a new time.",
                due.local
            ),
        );
    }
    let first = c.shifts.iter().map(|s| s.start_utc).min();
    if let Some(first) = first.filter(|&first| due.utc > first) {
        let shift = c
            .shifts
            .iter()
            .find(|s| s.start_utc == first)
            .map(|s| format!("{} {}", s.date, s.start))
            .unwrap_or_default();
        return check(
            code,
            name,
            CheckStatus::Warning,
            format!(
                "A decision is needed by {}, after the first shift starts ({shift}).",
                due.local
            ),
        );
    }
    check(
        code,
        name,
        CheckStatus::Pass,
        format!("A decision is needed by {}.", due.local),
    )
}

fn check_uncovered(f: &CheckFacts) -> CheckView {
    let (code, name) = ("still_uncovered", "Every shift still uncovered");
    if f.covered.is_empty() {
        check(
            code,
            name,
            CheckStatus::Pass,
            "None of the shifts has been covered since the request was built.",
        )
    } else {
        check(
            code,
            name,
            CheckStatus::Fail,
            format!(
                "Covered meanwhile: {}. Take them out of the request.",
                f.covered.join(", ")
            ),
        )
    }
}

fn check_overrides(c: &RequestContent) -> CheckView {
    let (code, name) = ("overrides", "No working-time rule overridden");
    if c.overrides.is_empty() {
        return check(
            code,
            name,
            CheckStatus::Pass,
            "No fill in the evidence broke a working-time rule.",
        );
    }
    let parts: Vec<String> = c
        .overrides
        .iter()
        .map(|o| format!("{} on {} ({})", o.doctor, o.shift, o.rules.join("; ")))
        .collect();
    check(
        code,
        name,
        CheckStatus::Warning,
        format!(
            "The evidence includes cover that broke a working-time rule on purpose: {}. It is printed on the request.",
            parts.join(", ")
        ),
    )
}

/// Most shifts running at one instant.
pub fn max_concurrent(shifts: &[ShiftLine]) -> u32 {
    let mut edges: Vec<(i64, i32)> = shifts
        .iter()
        .flat_map(|s| [(s.start_utc, 1), (s.end_utc, -1)])
        .collect();
    // Ends sort before starts at the same instant: back-to-back shifts do not overlap.
    edges.sort();
    let (mut now, mut most) = (0i32, 0i32);
    for (_, d) in edges {
        now += d;
        most = most.max(now);
    }
    most as u32
}

fn check_doctors(c: &RequestContent) -> CheckView {
    let (code, name) = ("doctors", "Number of doctors fits the shifts");
    let most = max_concurrent(&c.shifts);
    if c.doctors as usize > c.shifts.len() || (most > 0 && c.doctors > most) {
        check(
            code,
            name,
            CheckStatus::Warning,
            format!(
                "{} doctors asked for, but at most {most} of the shifts run at once. Ask for no more than the shifts need.",
                c.doctors
            ),
        )
    } else {
        check(
            code,
            name,
            CheckStatus::Pass,
            format!(
                "{} doctor{} for {} shift{}.",
                c.doctors,
                if c.doctors == 1 { "" } else { "s" },
                c.shifts.len(),
                if c.shifts.len() == 1 { "" } else { "s" }
            ),
        )
    }
}

/// A proposed narrow request: the gaps of one department and one grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestProposal {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub department_id: i64,
    pub site: String,
    pub department: String,
    pub grade: String,
    /// Suggested wording of the grade or role.
    pub role: String,
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub duty_ids: Vec<i64>,
    /// Suggested number of doctors: the most shifts running at once.
    pub doctors: u32,
    /// Gaps whose alternatives are not yet exhausted (they can be included, but a check fails).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub not_exhausted: Vec<i64>,
}

/// One gap as the splitter sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitGap {
    pub duty_id: i64,
    pub department_id: i64,
    pub site: String,
    pub department: String,
    pub grade: String,
    pub start: i64,
    pub end: i64,
    pub exhausted: bool,
}

/// Splits a selection of gaps into narrow requests: one per department and grade, in order of
/// site, department, grade; each with its shifts in time order.
pub fn propose(gaps: &[SplitGap]) -> Vec<RequestProposal> {
    let mut groups: std::collections::BTreeMap<(String, String, String, i64), Vec<&SplitGap>> =
        Default::default();
    for g in gaps {
        groups
            .entry((
                g.site.to_lowercase(),
                g.department.to_lowercase(),
                g.grade.clone(),
                g.department_id,
            ))
            .or_default()
            .push(g);
    }
    groups
        .into_values()
        .map(|mut gs| {
            gs.sort_by_key(|g| (g.start, g.duty_id));
            let first = gs[0];
            let lines: Vec<ShiftLine> = gs
                .iter()
                .map(|g| ShiftLine {
                    duty_id: g.duty_id,
                    date: String::new(),
                    day_or_night: String::new(),
                    shift_type: String::new(),
                    start: String::new(),
                    end: String::new(),
                    hours: 0.0,
                    grade: g.grade.clone(),
                    start_utc: g.start,
                    end_utc: g.end,
                })
                .collect();
            RequestProposal {
                department_id: first.department_id,
                site: first.site.clone(),
                department: first.department.clone(),
                grade: first.grade.clone(),
                role: format!("{} ({})", first.grade, first.department),
                duty_ids: gs.iter().map(|g| g.duty_id).collect(),
                doctors: max_concurrent(&lines).max(1),
                not_exhausted: gs
                    .iter()
                    .filter(|g| !g.exhausted)
                    .map(|g| g.duty_id)
                    .collect(),
            }
        })
        .collect()
}
