//! The demo trust's past walkout, worked from start to finish through the real use cases, so the
//! dashboard, the requests, the incident log, the audit trail and the impact report show
//! something real as soon as the demo is loaded.
//!
//! "BMA resident doctors, 48 hours" runs from 07:00 on the Tuesday to 07:00 on the Thursday of
//! the demo's first (past) week. Each step runs with a `Ctx` whose `now` is a plausible moment
//! before, during or after it, so every row is consistent and audited:
//!
//! - announced two weeks before; created the next day by the demo coordinator;
//! - intents recorded the week before: every resident striking except every seventh (working);
//! - the Sunday before: four gaps covered through different rungs (a consultant acting down, an
//!   agency locum, the staff bank, mutual aid from a neighbouring trust), each with its attempt;
//! - four departments' gaps worked to the end of the ladder (elective, urgent and incident work
//!   not applicable with a reason; every other rung asked and declined), then on the Tuesday,
//!   once the strike has started (the BMA's rule), a request each, approved by the demo medical
//!   director and sent: one granted (and a doctor recalled), one declined, one not decided by
//!   its deadline, one withdrawn;
//! - three incidents in the department whose request was declined, during its short shifts
//!   (one near miss, one low harm, one no harm later changed to low harm: a second version).
//!
//! Deterministic: the same first Monday gives the same story.

use crate::error::{Error, Result};
use crate::incidents::{Harm, IncidentInput};
use crate::model::StaffGroup;
use crate::requests::{
    ApproveInput, ConsultantsView, DecisionInput, DecisionKind, PassphraseInput, RecallInput,
    RecallLine, RequestInput, Role, SendInput, UserInput,
};
use crate::sourcing::{AttemptInput, Channel, ContactKind, FillInput, Outcome, RungMarkInput};
use crate::store::Db;
use crate::time::london_to_utc;
use crate::usecases::{self as uc, Ctx};
use crate::walkouts::{GapView, Intent, WalkoutInput};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

/// The demo's coordinator (the profile every step but the approvals is recorded under).
pub const DEMO_COORDINATOR: &str = "demo.coordinator";
/// The demo's medical director, who approves the requests.
pub const DEMO_DIRECTOR: &str = "demo.director";
/// The demo medical director's passphrase: for the demo only (it is in the README).
pub const DEMO_PASSPHRASE: &str = "demo passphrase only";
/// The past walkout's title.
pub const DEMO_WALKOUT_TITLE: &str = "BMA resident doctors, 48 hours";

/// Rungs with no work to move in the departments the requests are for.
const NOT_APPLICABLE: [(&str, &str); 3] = [
    (
        "elective",
        "No elective work is booked on these shifts (out of hours)",
    ),
    (
        "urgent",
        "No urgent lists run on these shifts; nothing to move",
    ),
    (
        "incident",
        "Not needed: the department is not in a declared incident",
    ),
];

/// Rungs asked and declined before a request.
const ASKED: [(&str, ContactKind, &str, &str); 6] = [
    (
        "incentive",
        ContactKind::Doctor,
        "Non-striking doctors of the department",
        "£120 an hour offered; nobody free",
    ),
    (
        "redeploy",
        ContactKind::Manager,
        "Medicine rota lead",
        "No one can be moved from other wards",
    ),
    (
        "consultant",
        ContactKind::Doctor,
        "Department consultants",
        "All already on call or acting down",
    ),
    (
        "sas",
        ContactKind::Doctor,
        "SAS doctors of the department",
        "Already working their job plans",
    ),
    (
        "locum",
        ContactKind::Agency,
        "Medics4U and the staff bank",
        "No locum at or under the cap",
    ),
    (
        "mutual_aid",
        ContactKind::Trust,
        "Southmoor NHS Trust",
        "Their own residents are striking",
    ),
];

fn at(date: NaiveDate, hm: &str) -> DateTime<Utc> {
    let t = NaiveTime::parse_from_str(hm, "%H:%M").expect("a demo time");
    DateTime::from_timestamp(london_to_utc(date, t), 0).expect("a demo instant")
}

fn stamp(date: NaiveDate, hm: &str) -> String {
    format!("{} {hm}", date.format("%d/%m/%Y"))
}

fn who(user: &str, date: NaiveDate, hm: &str) -> Ctx {
    Ctx::new(user, at(date, hm))
}

fn story_error(step: &str, e: Error) -> Error {
    Error::invalid(
        "demo",
        format!("the demo's past walkout could not be built ({step}): {e}"),
    )
}

/// Writes the past walkout into a database that holds the demo rota from `first_monday`.
pub(crate) fn write_story(db: &mut Db, first_monday: NaiveDate) -> Result<()> {
    let mon = first_monday;
    let day = |n: i64| mon + Duration::days(n);
    let coord = |d: NaiveDate, hm: &str| who(DEMO_COORDINATOR, d, hm);

    // The coordinator's profile, so the audit trail and the documents name a person.
    uc::user_save(
        db,
        &coord(day(-13), "09:55"),
        &UserInput {
            username: DEMO_COORDINATOR.into(),
            display_name: "Jo Smith".into(),
            role: Role::Coordinator,
            email: "medical.staffing@northbridge.example.nhs.uk".into(),
            phone: "0113 496 0002".into(),
            authoriser: String::new(),
            authoriser_passphrase: String::new(),
        },
    )
    .map_err(|e| story_error("coordinator", e))?;

    // The walkout, announced two weeks ahead.
    let w = uc::walkout_create(
        db,
        &coord(day(-13), "10:00"),
        &WalkoutInput {
            body: "BMA".into(),
            title: DEMO_WALKOUT_TITLE.into(),
            staff_groups: vec![StaffGroup::Resident],
            grades: vec![],
            start_date: day(1),
            start_time: "07:00".into(),
            end_date: day(3),
            end_time: "07:00".into(),
            notice_date: Some(day(-14)),
            undeclared_uncovered: true,
        },
    )
    .map_err(|e| story_error("walkout", e))?;

    // Intents: every seventh resident works, the others strike.
    let mut residents: Vec<String> = uc::staff(db)?
        .into_iter()
        .filter(|s| s.staff_group == StaffGroup::Resident)
        .map(|s| s.staff_number)
        .collect();
    residents.sort();
    let (mut working, mut striking) = (Vec::new(), Vec::new());
    for (i, n) in residents.into_iter().enumerate() {
        if i % 7 == 3 {
            working.push(n);
        } else {
            striking.push(n);
        }
    }
    let ctx = coord(day(-6), "09:00");
    uc::intent_set_by_number(db, &ctx, w.id, &striking, Intent::Striking)
        .map_err(|e| story_error("intents", e))?;
    uc::intent_set_by_number(db, &ctx, w.id, &working, Intent::Working)
        .map_err(|e| story_error("intents", e))?;

    // The gaps by department and grade, nights first then by start: a stable order.
    let gaps = uc::gaps(db, w.id)?;
    let mut groups: BTreeMap<(String, String), Vec<GapView>> = BTreeMap::new();
    // Shifts that start once the strike has (a night that starts the evening before and runs
    // into it is a gap too, but an odd one to ask for or to date an incident in).
    for g in gaps.into_iter().filter(|g| g.start >= w.start) {
        groups
            .entry((g.department.clone(), g.grade.clone()))
            .or_default()
            .push(g);
    }
    for v in groups.values_mut() {
        v.sort_by_key(|g| (!g.night, g.start, g.duty_id));
    }
    let mut departments: Vec<String> = groups.keys().map(|k| k.0.clone()).collect();
    departments.dedup();
    if departments.len() < 5 {
        return Err(story_error(
            "gaps",
            Error::invalid("gaps", "fewer than five departments have gaps"),
        ));
    }
    // The department of each group's first two nights, in name order.
    let pick = |dept: &str| -> Vec<GapView> {
        let mut best: Option<&Vec<GapView>> = None;
        for ((d, _), v) in &groups {
            if d == dept && best.is_none_or(|b| v.len() > b.len()) {
                best = Some(v);
            }
        }
        best.map(|v| v.iter().take(2).cloned().collect())
            .unwrap_or_default()
    };

    // Cover found the Sunday before, through four different rungs, in the first department.
    let sunday = day(-1);
    let fill_dept = &departments[0];
    let mut fill_gaps: Vec<GapView> = groups
        .iter()
        .filter(|((d, _), _)| d == fill_dept)
        .flat_map(|(_, v)| v.iter().cloned())
        .collect();
    fill_gaps.sort_by_key(|g| (g.start, g.duty_id));
    // A consultant acting down takes the first shift one is free for within the rules.
    let mut consultant = None;
    for (i, g) in fill_gaps.iter().enumerate().take(24) {
        if let Some(c) = uc::candidates(db, w.id, g.duty_id)?
            .eligible
            .into_iter()
            .find(|c| c.staff_group == StaffGroup::Consultant)
        {
            consultant = Some((i, c));
            break;
        }
    }
    if let Some((i, _)) = &consultant {
        let g = fill_gaps.remove(*i);
        fill_gaps.insert(0, g);
    }
    fill_gaps.truncate(4);
    cover(db, w.id, sunday, &fill_gaps, consultant.map(|c| c.1))?;

    // Director profile and passphrase.
    let setup = coord(day(-2), "16:00");
    uc::user_save(
        db,
        &setup,
        &UserInput {
            username: DEMO_DIRECTOR.into(),
            display_name: "Dr Demo Director".into(),
            role: Role::MedicalDirector,
            email: "medical.director@northbridge.example.nhs.uk".into(),
            phone: "0113 496 0001".into(),
            authoriser: String::new(),
            authoriser_passphrase: String::new(),
        },
    )
    .map_err(|e| story_error("director", e))?;
    uc::user_passphrase_set(
        db,
        &who(DEMO_DIRECTOR, day(-2), "16:05"),
        &PassphraseInput {
            username: DEMO_DIRECTOR.into(),
            current: String::new(),
            new: DEMO_PASSPHRASE.into(),
        },
    )
    .map_err(|e| story_error("passphrase", e))?;

    // Four requests, one department each, all worked to the end of the ladder first.
    let outcomes = [
        DecisionKind::Granted,
        DecisionKind::Declined,
        DecisionKind::NotDecided,
        DecisionKind::Withdrawn,
    ];
    let mut declined: Option<(i64, Vec<GapView>)> = None;
    for (k, kind) in outcomes.iter().enumerate() {
        let dept = &departments[k + 1];
        let shifts = pick(dept);
        let id = request(db, w.id, sunday, day(1), &shifts, k)?;
        decide(db, day(1), id, *kind, &shifts)?;
        if *kind == DecisionKind::Declined {
            declined = Some((id, shifts));
        }
    }

    // Incidents in the department whose request was declined, during its short shifts, logged
    // the morning after the walkout.
    if let Some((request_id, shifts)) = declined {
        incidents(db, w.id, day(3), request_id, &shifts)?;
    }
    Ok(())
}

/// The newest attempt's id (the one just logged).
fn newest_attempt(v: &crate::sourcing::SourcingView) -> Option<i64> {
    v.attempts.iter().map(|a| a.id).max()
}

/// Covers `gaps`: the first by `consultant` (acting down; when no consultant is free within
/// the rules, an agency locum instead), then an agency locum, the staff bank, mutual aid.
fn cover(
    db: &mut Db,
    walkout_id: i64,
    sunday: NaiveDate,
    gaps: &[GapView],
    consultant: Option<crate::sourcing::CandidateView>,
) -> Result<()> {
    let ctx = |hm: &str| who(DEMO_COORDINATOR, sunday, hm);
    for (i, g) in gaps.iter().enumerate() {
        let (rung, kind, asked, org, name, staff_id, rate) = match (i, &consultant) {
            (0, Some(c)) => (
                "consultant",
                ContactKind::Doctor,
                c.name.clone(),
                String::new(),
                String::new(),
                Some(c.staff_id),
                String::new(),
            ),
            (0 | 1, _) => (
                "locum",
                ContactKind::Agency,
                "Medics4U".to_string(),
                "Medics4U".to_string(),
                "Dr Locum Agency".to_string(),
                None,
                "95".to_string(),
            ),
            (2, _) => (
                "locum",
                ContactKind::Bank,
                "Staff bank".to_string(),
                "Northbridge staff bank".to_string(),
                "Dr Bank Doctor".to_string(),
                None,
                "70".to_string(),
            ),
            _ => (
                "mutual_aid",
                ContactKind::Trust,
                "Southmoor NHS Trust".to_string(),
                "Southmoor NHS Trust".to_string(),
                "Dr Mutual Aid".to_string(),
                None,
                String::new(),
            ),
        };
        let minute = 10 + i * 10;
        let v = uc::attempt_add(
            db,
            &ctx(&format!("10:{minute:02}")),
            walkout_id,
            &AttemptInput {
                duty_ids: vec![g.duty_id],
                rung_code: rung.into(),
                contact_kind: kind,
                asked,
                staff_id,
                asked_at: stamp(sunday, &format!("10:{minute:02}")),
                channel: Channel::Phone,
                rate,
                outcome: Outcome::Accepted,
                reply_by: String::new(),
                accepted_duty_ids: vec![g.duty_id],
                notes: String::new(),
                supersedes: None,
            },
        )
        .map_err(|e| story_error("attempt", e))?;
        uc::gap_fill(
            db,
            &ctx(&format!("11:{minute:02}")),
            walkout_id,
            &FillInput {
                duty_id: g.duty_id,
                rung_code: rung.into(),
                staff_id,
                external_name: name,
                external_org: org,
                attempt_id: newest_attempt(&v),
                override_reason: String::new(),
            },
        )
        .map_err(|e| story_error("fill", e))?;
    }
    Ok(())
}

/// Works a department's shifts to the end of the ladder, then builds, submits, approves and
/// sends a request for them; returns its id.
fn request(
    db: &mut Db,
    walkout_id: i64,
    sunday: NaiveDate,
    monday: NaiveDate,
    shifts: &[GapView],
    k: usize,
) -> Result<i64> {
    let duty_ids: Vec<i64> = shifts.iter().map(|g| g.duty_id).collect();
    let Some(first) = shifts.first() else {
        return Err(story_error(
            "request",
            Error::invalid("duty_ids", "a department without gaps"),
        ));
    };
    let sun = |hm: &str| who(DEMO_COORDINATOR, sunday, hm);
    for (rung, reason) in NOT_APPLICABLE {
        uc::rung_mark(
            db,
            &sun(&format!("13:{:02}", k * 10)),
            walkout_id,
            &RungMarkInput {
                duty_ids: duty_ids.clone(),
                rung_code: rung.into(),
                not_applicable: true,
                reason: reason.into(),
            },
        )
        .map_err(|e| story_error("rung", e))?;
    }
    for (j, (rung, kind, asked, notes)) in ASKED.iter().enumerate() {
        let hm = format!("{:02}:{:02}", 14 + k, j * 5);
        uc::attempt_add(
            db,
            &sun(&hm),
            walkout_id,
            &AttemptInput {
                duty_ids: duty_ids.clone(),
                rung_code: (*rung).into(),
                contact_kind: *kind,
                asked: (*asked).into(),
                staff_id: None,
                asked_at: stamp(sunday, &hm),
                channel: Channel::Phone,
                rate: if *rung == "incentive" {
                    "120".into()
                } else {
                    String::new()
                },
                outcome: Outcome::Declined,
                reply_by: String::new(),
                accepted_duty_ids: vec![],
                notes: (*notes).into(),
                supersedes: None,
            },
        )
        .map_err(|e| story_error("attempt", e))?;
    }
    let mon = |hm: &str| who(DEMO_COORDINATOR, monday, hm);
    let v = uc::request_create(
        db,
        &mon("08:00"),
        &RequestInput {
            walkout_id,
            duty_ids: duty_ids.clone(),
            role: format!("{} ({})", first.grade, first.department),
            doctors: 1,
            trigger: format!(
                "No {} for {} on the strike nights after every source was tried",
                first.grade, first.department
            ),
            clinical_risk: "Unwell inpatients without a resident doctor overnight; delayed review of deteriorating patients".into(),
            incident_declared: false,
            incident_detail: String::new(),
            consultants_view: ConsultantsView::Unsafe,
            consultants_who: format!(
                "Clinical director, {}, {}",
                first.department,
                stamp(sunday, "17:00")
            ),
            elective_continuing: Some(false),
            elective_reason: String::new(),
            pre_emptive_reason: String::new(),
            decision_needed_by: stamp(monday, "16:00"),
            requesting_clinician: "Dr Demo Clinician".into(),
            contact_phone: "0113 496 0000".into(),
        },
    )
    .map_err(|e| story_error("request", e))?;
    let id = v.id;
    let v = uc::request_submit(db, &mon("08:15"), id, v.content.version)
        .map_err(|e| story_error("submit", e))?;
    let md = who(DEMO_DIRECTOR, monday, "08:45");
    uc::request_approve(
        db,
        &md,
        &ApproveInput {
            request_id: id,
            version: v.content.version,
            content_hash: v.content_hash.clone(),
            approver: DEMO_DIRECTOR.into(),
            passphrase: DEMO_PASSPHRASE.into(),
            approve: true,
            comment: String::new(),
        },
    )
    .map_err(|e| story_error("approve", e))?;
    uc::request_send(
        db,
        &mon("09:00"),
        &SendInput {
            request_id: id,
            at: stamp(monday, "09:00"),
            to: "BMA industrial action team and NHS England regional team, by email".into(),
        },
    )
    .map_err(|e| story_error("send", e))?;
    Ok(id)
}

fn decide(
    db: &mut Db,
    monday: NaiveDate,
    id: i64,
    kind: DecisionKind,
    shifts: &[GapView],
) -> Result<()> {
    let (hm, reason) = match kind {
        DecisionKind::Granted => ("13:30", "Alternatives exhausted; granted for the nights"),
        DecisionKind::Declined => (
            "14:00",
            "Consultant cover judged sufficient by the BMA; request declined",
        ),
        DecisionKind::NotDecided => ("16:30", "No answer by 16:00"),
        _ => ("10:00", "Cover found by the department itself"),
    };
    let ctx = who(DEMO_COORDINATOR, monday, hm);
    uc::request_decide(
        db,
        &ctx,
        &DecisionInput {
            request_id: id,
            kind,
            at: stamp(monday, hm),
            reason: reason.into(),
            granted_doctors: (kind == DecisionKind::Granted).then_some(1),
            granted_duty_ids: if kind == DecisionKind::Granted {
                shifts.iter().map(|g| g.duty_id).collect()
            } else {
                vec![]
            },
        },
    )
    .map_err(|e| story_error("decision", e))?;
    if kind == DecisionKind::Granted {
        let choices = uc::request_recall_choices(db, id)?;
        if let Some((c, d)) = choices
            .iter()
            .find_map(|c| c.doctors.first().map(|d| (c, d)))
        {
            uc::request_recall(
                db,
                &who(DEMO_COORDINATOR, monday, "15:00"),
                &RecallInput {
                    request_id: id,
                    recalls: vec![RecallLine {
                        duty_id: c.duty_id,
                        staff_id: d.staff_id,
                    }],
                },
            )
            .map_err(|e| story_error("recall", e))?;
        }
    }
    Ok(())
}

fn incidents(
    db: &mut Db,
    walkout_id: i64,
    thursday: NaiveDate,
    request_id: i64,
    shifts: &[GapView],
) -> Result<()> {
    let ctx = |hm: &str| who(DEMO_COORDINATOR, thursday, hm);
    let local = |ts: i64| crate::time::fmt_instant(ts);
    let one =
        |g: &GapView, after_h: i64, harm: Harm, near: bool, text: &str, r: &str| IncidentInput {
            walkout_id,
            occurred: local(g.start + after_h * 3600),
            department_id: g.department_id,
            duty_id: Some(g.duty_id),
            request_id: Some(request_id),
            reference: r.into(),
            harm,
            near_miss: near,
            description: text.into(),
            change_reason: String::new(),
        };
    let a = &shifts[0];
    let b = shifts.get(1).unwrap_or(a);
    uc::incident_add(
        db,
        &ctx("09:00"),
        &one(
            a,
            3,
            Harm::None,
            true,
            "Wrong dose of enoxaparin prescribed by a doctor covering two wards; caught by the pharmacist before it was given",
            "W40211",
        ),
    )
    .map_err(|e| story_error("incident", e))?;
    uc::incident_add(
        db,
        &ctx("09:20"),
        &one(
            a,
            6,
            Harm::Low,
            false,
            "Review of a deteriorating patient (NEWS2 7) delayed by 90 minutes; escalated to the consultant on call, recovered with fluids",
            "W40215",
        ),
    )
    .map_err(|e| story_error("incident", e))?;
    let third = uc::incident_add(
        db,
        &ctx("09:40"),
        &one(
            b,
            2,
            Harm::None,
            false,
            "Fall on the ward while the doctor was in resus; no injury found on the first review",
            "",
        ),
    )
    .map_err(|e| story_error("incident", e))?;
    let mut changed = one(
        b,
        2,
        Harm::Low,
        false,
        "Fall on the ward while the doctor was in resus; a wrist fracture was found on the X-ray next morning",
        "W40230",
    );
    changed.change_reason =
        "X-ray showed a wrist fracture; harm regraded and Datix number added".into();
    uc::incident_update(db, &ctx("15:10"), third.id, &changed)
        .map_err(|e| story_error("incident", e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::RequestStatus;

    #[test]
    fn the_demo_holds_a_past_walkout_worked_from_start_to_finish() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("demo.sqlite3")).unwrap();
        // Wednesday 15/01/2025: the demo starts on Monday 06/01/2025.
        let ctx = Ctx::new(
            "tester",
            DateTime::from_timestamp(1_736_935_200, 0).unwrap(),
        );
        let started = std::time::Instant::now();
        uc::load_demo(&mut db, &ctx, &mut |_| {}).unwrap();
        eprintln!("load_demo with its story: {:?}", started.elapsed());
        let walkouts = uc::walkouts(&db).unwrap();
        assert_eq!(walkouts.len(), 1);
        let w = &walkouts[0];
        assert_eq!(w.title, DEMO_WALKOUT_TITLE);
        assert_eq!(w.start_local, "07/01/2025 07:00");
        assert_eq!(w.end_local, "09/01/2025 07:00");
        assert!(w.striking > 0 && w.working > 0);

        let mut statuses: Vec<RequestStatus> = uc::requests_list(&db, &ctx, Some(w.id))
            .unwrap()
            .iter()
            .map(|r| r.status)
            .collect();
        statuses.sort_by_key(|s| s.as_str());
        assert_eq!(
            statuses,
            vec![
                RequestStatus::Declined,
                RequestStatus::Granted,
                RequestStatus::NotDecided,
                RequestStatus::Withdrawn
            ]
        );
        let granted = uc::requests_list(&db, &ctx, Some(w.id))
            .unwrap()
            .into_iter()
            .find(|r| r.status == RequestStatus::Granted)
            .unwrap();
        assert_eq!(
            uc::request_get(&db, &ctx, granted.id)
                .unwrap()
                .recalls
                .len(),
            1
        );

        let incidents = uc::incidents(&db, w.id).unwrap();
        assert_eq!(incidents.len(), 3);
        assert_eq!(incidents.iter().filter(|i| i.current.near_miss).count(), 1);
        assert_eq!(incidents.iter().filter(|i| i.versions == 2).count(), 1);
        let declined = uc::requests_list(&db, &ctx, Some(w.id))
            .unwrap()
            .into_iter()
            .find(|r| r.status == RequestStatus::Declined)
            .unwrap();
        assert!(incidents
            .iter()
            .all(|i| i.current.request_id == Some(declined.id)
                && i.current.department == declined.department));

        // Four gaps covered, through four kinds of source.
        let gaps = uc::gaps(&db, w.id).unwrap();
        let covered: Vec<_> = gaps.iter().filter_map(|g| g.covered_by.clone()).collect();
        eprintln!("{covered:?}");
        // Four filled (one a consultant acting down) and the doctor recalled under the grant.
        assert_eq!(covered.len(), 5, "{covered:?}");
        assert_eq!(
            covered
                .iter()
                .filter(|c| c.contains("recalled under"))
                .count(),
            1
        );
        for who in ["Consultant)", "Medics4U", "staff bank", "Southmoor"] {
            assert!(
                covered.iter().any(|c| c.contains(who)),
                "{who}: {covered:?}"
            );
        }

        assert!(db.integrity_problems().unwrap().is_empty());
        // The same day gives the same story.
        let dir2 = tempfile::tempdir().unwrap();
        let mut db2 = Db::open(&dir2.path().join("demo.sqlite3")).unwrap();
        uc::load_demo(&mut db2, &ctx, &mut |_| {}).unwrap();
        let a: Vec<_> = uc::incidents(&db2, w.id).unwrap();
        assert_eq!(a, incidents);
    }
}
