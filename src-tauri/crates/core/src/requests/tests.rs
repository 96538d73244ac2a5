use super::*;
use proptest::prelude::*;

const NOW: i64 = 1_704_300_000; // 03/01/2024 16:40 UTC
const START: i64 = 1_704_265_200; // 03/01/2024 07:00

fn shift(id: i64, start: i64, hours: i64) -> ShiftLine {
    ShiftLine {
        duty_id: id,
        date: "03/01/2024".into(),
        day_or_night: "Night".into(),
        shift_type: "Night".into(),
        start: "20:00".into(),
        end: "08:00".into(),
        hours: hours as f64,
        grade: "ST4".into(),
        start_utc: start,
        end_utc: start + hours * 3600,
    }
}

fn attempt(id: i64) -> EvidenceAttempt {
    EvidenceAttempt {
        attempt_id: id,
        at: "03/01/2024 09:00".into(),
        by: "coordinator".into(),
        asked: "Agency Medics4U".into(),
        channel: "Phone".into(),
        terms: "£120.00 an hour".into(),
        result: "Declined".into(),
        shifts: "all 2 shifts".into(),
        notes: String::new(),
    }
}

fn rung(code: &str, attempts: Vec<EvidenceAttempt>, na: Vec<String>) -> RungEvidence {
    RungEvidence {
        code: code.into(),
        name: code.replace('_', " "),
        required: true,
        state: "Exhausted".into(),
        not_applicable: na,
        attempts,
    }
}

/// A request that passes every check.
fn good() -> RequestContent {
    RequestContent {
        schema: CONTENT_SCHEMA.into(),
        reference: "DR-1".into(),
        version: 1,
        trust: "Demo NHS Foundation Trust".into(),
        walkout: WalkoutRef {
            id: 1,
            name: "January 2024".into(),
            group: "Resident doctors".into(),
            starts: "03/01/2024 07:00".into(),
            ends: "09/01/2024 07:00".into(),
        },
        site: "City Hospital".into(),
        department: "Emergency medicine".into(),
        role: "ST3+ registrar".into(),
        doctors: 1,
        shifts: vec![
            shift(10, NOW + 12 * 3600, 12),
            shift(11, NOW + 36 * 3600, 12),
        ],
        duration: "2 shifts".into(),
        trigger: "No registrar for the resuscitation area overnight".into(),
        clinical_risk: "Critically ill patients without senior review".into(),
        incident_declared: false,
        incident_detail: String::new(),
        consultants_view: ConsultantsView::Unsafe,
        consultants_who: "Dr A Consultant, clinical director, 03/01/2024 10:00".into(),
        elective_continuing: Some(false),
        elective_reason: String::new(),
        pre_emptive_reason: None,
        decision_needed_by: Some(TimeField {
            utc: NOW + 4 * 3600,
            local: "03/01/2024 20:40".into(),
        }),
        requesting_clinician: "Dr B Clinician".into(),
        contact_phone: "0161 496 0000".into(),
        evidence: vec![
            rung("incentive", vec![attempt(1)], vec![]),
            rung("redeploy", vec![attempt(2)], vec![]),
        ],
        overrides: vec![],
    }
}

fn facts() -> CheckFacts {
    CheckFacts {
        now: NOW,
        walkout_start: START,
        missing: vec![],
        covered: vec![],
    }
}

fn status_of(c: &RequestContent, f: &CheckFacts, code: &str) -> CheckStatus {
    readiness(c, f)
        .into_iter()
        .find(|x| x.code == code)
        .unwrap_or_else(|| panic!("no check {code}"))
        .status
}

#[test]
fn a_complete_request_passes_every_check() {
    let checks = readiness(&good(), &facts());
    assert_eq!(checks.len(), 11);
    for c in &checks {
        assert_eq!(c.status, CheckStatus::Pass, "{}: {}", c.code, c.explanation);
    }
    assert!(ready(&checks));
}

#[test]
fn missing_fields_fail_and_are_named() {
    let mut c = good();
    c.trigger = "  ".into();
    c.contact_phone.clear();
    c.trust.clear();
    let check = readiness(&c, &facts()).remove(0);
    assert_eq!(check.status, CheckStatus::Fail);
    assert!(
        check.explanation.contains("the trigger"),
        "{}",
        check.explanation
    );
    assert!(check.explanation.contains("a contact number"));
    assert!(check.explanation.contains("trust's name"));
    let mut c = good();
    c.incident_declared = true;
    assert_eq!(status_of(&c, &facts(), "complete"), CheckStatus::Fail);
    c.incident_detail = "Critical incident declared 03/01/2024 08:00".into();
    assert_eq!(status_of(&c, &facts(), "complete"), CheckStatus::Pass);
}

#[test]
fn a_required_rung_without_evidence_fails_naming_rung_and_shifts() {
    let mut f = facts();
    f.missing = vec![(
        "Mutual aid".into(),
        vec!["03/01/2024 Night 20:00–08:00".into()],
    )];
    let check = readiness(&good(), &f).remove(1);
    assert_eq!(check.code, "evidence");
    assert_eq!(check.status, CheckStatus::Fail);
    assert!(check
        .explanation
        .contains("Mutual aid (03/01/2024 Night 20:00–08:00)"));
    assert!(!ready(&readiness(&good(), &f)));
}

#[test]
fn incentive_and_redeployment_fail_without_attempts_and_warn_when_not_applicable() {
    for code in ["incentive", "redeploy"] {
        let check = format!("{code}_tried");
        let mut c = good();
        let r = c.evidence.iter_mut().find(|r| r.code == code).unwrap();
        r.attempts.clear();
        assert_eq!(status_of(&c, &facts(), &check), CheckStatus::Fail, "{code}");
        let r = c.evidence.iter_mut().find(|r| r.code == code).unwrap();
        r.not_applicable = vec!["no non-striking doctors in the specialty".into()];
        assert_eq!(status_of(&c, &facts(), &check), CheckStatus::Warning);
        let mut c = good();
        c.evidence.retain(|r| r.code != code);
        assert_eq!(status_of(&c, &facts(), &check), CheckStatus::Warning);
    }
}

#[test]
fn elective_work_continuing_needs_a_reason() {
    let mut c = good();
    c.elective_continuing = None;
    assert_eq!(status_of(&c, &facts(), "elective"), CheckStatus::Fail);
    c.elective_continuing = Some(true);
    assert_eq!(status_of(&c, &facts(), "elective"), CheckStatus::Fail);
    c.elective_reason = "cancer surgery that cannot wait".into();
    assert_eq!(status_of(&c, &facts(), "elective"), CheckStatus::Warning);
}

#[test]
fn before_the_strike_only_a_marked_pre_emptive_request_may_go() {
    let mut f = facts();
    f.walkout_start = NOW + 60;
    let mut c = good();
    assert_eq!(status_of(&c, &f, "strike_started"), CheckStatus::Fail);
    c.pre_emptive_reason = Some("  ".into());
    assert_eq!(status_of(&c, &f, "strike_started"), CheckStatus::Fail);
    c.pre_emptive_reason = Some("pathology provider cyber attack".into());
    assert_eq!(status_of(&c, &f, "strike_started"), CheckStatus::Warning);
    f.walkout_start = NOW;
    assert_eq!(status_of(&good(), &f, "strike_started"), CheckStatus::Pass);
}

#[test]
fn consultants_view_must_be_unsafe_and_attributed() {
    let mut c = good();
    c.consultants_who.clear();
    assert_eq!(status_of(&c, &facts(), "consultants"), CheckStatus::Fail);
    for v in [ConsultantsView::Safe, ConsultantsView::NotRecorded] {
        let mut c = good();
        c.consultants_view = v;
        assert_eq!(status_of(&c, &facts(), "consultants"), CheckStatus::Fail);
    }
}

#[test]
fn the_deadline_must_be_given_and_not_past() {
    let mut c = good();
    c.decision_needed_by = None;
    assert_eq!(status_of(&c, &facts(), "deadline"), CheckStatus::Fail);
    c.decision_needed_by = Some(TimeField {
        utc: NOW,
        local: "x".into(),
    });
    assert_eq!(status_of(&c, &facts(), "deadline"), CheckStatus::Fail);
    // After the first shift starts: allowed, with a warning.
    c.decision_needed_by = Some(TimeField {
        utc: NOW + 13 * 3600,
        local: "x".into(),
    });
    assert_eq!(status_of(&c, &facts(), "deadline"), CheckStatus::Warning);
}

#[test]
fn a_shift_covered_meanwhile_fails() {
    let mut f = facts();
    f.covered = vec!["03/01/2024 Night 20:00–08:00".into()];
    let c = readiness(&good(), &f)
        .into_iter()
        .find(|c| c.code == "still_uncovered")
        .unwrap();
    assert_eq!(c.status, CheckStatus::Fail);
    assert!(c.explanation.contains("03/01/2024 Night"));
}

#[test]
fn an_override_in_the_evidence_warns() {
    let mut c = good();
    c.overrides.push(OverrideLine {
        shift: "03/01/2024 Night 20:00–08:00".into(),
        doctor: "Dr C Locum".into(),
        rules: vec!["would reach 77.0 h in 7 days (limit 72 h)".into()],
        reason: "no one else".into(),
        at: "03/01/2024 12:00".into(),
        by: "coordinator".into(),
        released: true,
    });
    assert_eq!(status_of(&c, &facts(), "overrides"), CheckStatus::Warning);
    assert!(ready(&readiness(&c, &facts())), "a warning does not block");
}

#[test]
fn more_doctors_than_concurrent_shifts_warns() {
    let mut c = good();
    c.doctors = 2; // the two shifts do not overlap
    assert_eq!(status_of(&c, &facts(), "doctors"), CheckStatus::Warning);
    c.doctors = 0;
    assert_eq!(status_of(&c, &facts(), "complete"), CheckStatus::Fail);
}

#[test]
fn concurrency_counts_back_to_back_shifts_once() {
    let a = shift(1, 0, 12);
    let b = shift(2, 12 * 3600, 12);
    let c = shift(3, 6 * 3600, 12);
    assert_eq!(max_concurrent(&[a.clone(), b.clone()]), 1);
    assert_eq!(max_concurrent(&[a, b, c]), 2);
    assert_eq!(max_concurrent(&[]), 0);
}

#[test]
fn lifecycle_allows_only_the_documented_steps() {
    use DecisionKind as K;
    use RequestStatus as S;
    assert!(Lifecycle::may_submit(S::Draft).is_ok());
    assert!(Lifecycle::may_submit(S::Approved).is_err());
    assert!(Lifecycle::may_approve(S::AwaitingApproval).is_ok());
    assert!(Lifecycle::may_approve(S::Draft).is_err());
    assert!(Lifecycle::may_send(S::Approved).is_ok());
    assert!(Lifecycle::may_send(S::AwaitingApproval).is_err());
    assert!(Lifecycle::may_edit(S::Approved).is_ok());
    assert!(Lifecycle::may_edit(S::Sent).is_err());
    assert_eq!(Lifecycle::after_edit(S::Approved), S::Draft);
    assert!(Lifecycle::may_decide(S::Sent, K::Granted).is_ok());
    assert!(Lifecycle::may_decide(S::NotDecided, K::Declined).is_ok());
    assert!(Lifecycle::may_decide(S::Draft, K::Granted).is_err());
    assert!(Lifecycle::may_decide(S::Granted, K::Revoked).is_ok());
    assert!(Lifecycle::may_decide(S::Sent, K::Revoked).is_err());
    assert!(Lifecycle::may_decide(S::Approved, K::Withdrawn).is_ok());
    assert!(Lifecycle::may_decide(S::Granted, K::Withdrawn).is_err());
    assert!(Lifecycle::may_decide(S::Declined, K::Granted).is_err());
}

#[test]
fn proposals_split_by_department_and_grade() {
    let g = |id, dept: i64, grade: &str, start, exhausted| SplitGap {
        duty_id: id,
        department_id: dept,
        site: "City".into(),
        department: format!("Dept {dept}"),
        grade: grade.into(),
        start,
        end: start + 12 * 3600,
        exhausted,
    };
    let p = propose(&[
        g(1, 1, "ST4", 100, true),
        g(2, 2, "ST4", 0, true),
        g(3, 1, "ST4", 0, false),
        g(4, 1, "FY1", 0, true),
    ]);
    assert_eq!(p.len(), 3);
    let st4 = p
        .iter()
        .find(|p| p.department_id == 1 && p.grade == "ST4")
        .unwrap();
    assert_eq!(st4.duty_ids, vec![3, 1], "in time order");
    assert_eq!(st4.doctors, 2, "the two shifts overlap");
    assert_eq!(st4.not_exhausted, vec![3]);
}

#[test]
fn email_body_carries_every_field_and_the_draft_warning() {
    let doc = RequestDocument {
        document_schema: DOCUMENT_SCHEMA.into(),
        content_hash: good().hash(),
        content: good(),
        status: RequestStatus::Draft,
        approval: None,
        generated_at: "03/01/2024 17:00".into(),
        generated_by: "Coordinator".into(),
    };
    let body = email_body(&doc);
    for needle in [
        "DRAFT: NOT APPROVED",
        "Demo NHS Foundation Trust",
        "City Hospital",
        "Emergency medicine",
        "ST3+ registrar",
        "Number of doctors: 1",
        "No registrar for the resuscitation area",
        "Critically ill patients",
        "Dr A Consultant",
        "03/01/2024 20:40",
        "Dr B Clinician, 0161 496 0000",
        "Agency Medics4U",
        "£120.00 an hour",
        &doc.content_hash,
    ] {
        assert!(body.contains(needle), "missing {needle}:\n{body}");
    }
}

#[test]
fn ics_folds_long_lines_escapes_text_and_uses_london_time() {
    let long = "x".repeat(200);
    let cal = ics(
        &[IcsEvent {
            uid: "dr-1-duty-10@strikecover".into(),
            start: 1_704_312_000, // 03/01/2024 20:00 GMT
            end: 1_704_355_200,
            summary: "Recalled; night, ED".into(),
            description: long,
            location: "ED".into(),
        }],
        NOW,
    );
    assert!(cal.contains("DTSTART;TZID=Europe/London:20240103T200000\r\n"));
    assert!(cal.contains("SUMMARY:Recalled\\; night\\, ED\r\n"));
    assert!(cal.lines().all(|l| l.len() <= 76), "folded at 75 octets");
    assert!(cal.contains("\r\n x"));
    // 01:30 BST on 27/10/2024 exists twice: the second is written in UTC.
    let first = 1_729_989_000; // 00:30 UTC = 01:30 BST
    let second = first + 3600; // 01:30 UTC = 01:30 GMT
    let cal = ics(
        &[IcsEvent {
            uid: "u".into(),
            start: first,
            end: second,
            summary: "s".into(),
            description: "d".into(),
            location: "l".into(),
        }],
        NOW,
    );
    assert!(cal.contains("DTSTART;TZID=Europe/London:20241027T013000"));
    assert!(cal.contains("DTEND:20241027T013000Z"));
}

#[test]
fn the_document_json_round_trips() {
    let doc = RequestDocument {
        document_schema: DOCUMENT_SCHEMA.into(),
        content_hash: good().hash(),
        content: good(),
        status: RequestStatus::Approved,
        approval: Some(ApprovalBlock {
            approver: "Dr M Director".into(),
            role: Role::MedicalDirector,
            at: "03/01/2024 17:00".into(),
            version: 1,
            content_hash: good().hash(),
            phone: "0161".into(),
            email: "md@example.nhs.uk".into(),
        }),
        generated_at: "03/01/2024 17:05".into(),
        generated_by: "Coordinator".into(),
    };
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let back: RequestDocument = serde_json::from_str(&text).unwrap();
    assert_eq!(back, doc);
    assert_eq!(back.content.hash(), doc.content_hash);
}

/// Every way to change one field of the content.
fn mutate(c: &mut RequestContent, which: u8, text: &str, n: u32) {
    let t = text.to_string();
    match which % 20 {
        0 => c.trust = t,
        1 => c.site = t,
        2 => c.department = t,
        3 => c.role = t,
        4 => c.doctors = n,
        5 => c.shifts[0].start = t,
        6 => c.shifts.pop().map(|_| ()).unwrap_or(()),
        7 => c.trigger = t,
        8 => c.clinical_risk = t,
        9 => c.incident_declared = !c.incident_declared,
        10 => c.consultants_view = ConsultantsView::Safe,
        11 => c.consultants_who = t,
        12 => c.elective_continuing = None,
        13 => c.pre_emptive_reason = Some(t),
        14 => c.decision_needed_by = None,
        15 => c.requesting_clinician = t,
        16 => c.contact_phone = t,
        17 => c.evidence[0].attempts[0].result = t,
        18 => c.evidence[1].not_applicable.push(t),
        _ => c.shifts[1].end_utc += i64::from(n) + 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// An approval is bound to the content hash: any change to any field gives another hash,
    /// so the approval no longer applies.
    #[test]
    fn any_change_after_approval_changes_the_hash(which in 0u8..20, text in "[a-zA-Z0-9 ]{0,20}", n in 0u32..60) {
        let approved = good();
        let mut changed = approved.clone();
        mutate(&mut changed, which, &text, n);
        prop_assume!(changed != approved);
        prop_assert_ne!(changed.hash(), approved.hash());
    }
}
