//! Derogation requests on real database files: built from exhausted gaps, checked, approved
//! with a passphrase and bound to the content hash, voided by any change, sent, decided,
//! recalled, exported and verified; bad inputs refused with the database byte for byte as it
//! was; the CLI round trip.

use chrono::{TimeZone, Utc};
use strikecover_core::requests::{
    ApproveInput, CheckStatus, ConsultantsView, DecisionInput, DecisionKind, DocKind,
    PassphraseInput, RecallInput, RecallLine, RequestInput, RequestStatus, Role, SendInput,
    UserInput, Verdict,
};
use strikecover_core::sourcing::{AttemptInput, Channel, ContactKind, Outcome, RungMarkInput};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::{GapStatus, Intent};
use strikecover_tests::{cli, residents_walkout, TestDb, HEADER};

/// A change to a request's input.
type Change = Box<dyn Fn(&mut RequestInput)>;
/// One bad input, run against the database.
type Case<'a> = Box<dyn Fn(&mut Db) -> strikecover_core::Result<()> + 'a>;

const MD_PASS: &str = "correct horse battery staple";

fn at(h: u32, m: u32) -> Ctx {
    Ctx::new(
        "coordinator.test",
        Utc.with_ymd_and_hms(2024, 10, 26, h, m, 0).unwrap(),
    )
}

/// 12:00 on Saturday 26/10/2024, during the walkout.
fn now() -> Ctx {
    at(11, 0)
}

fn md() -> Ctx {
    Ctx::new("md.desk", now().now)
}

fn rota() -> String {
    let rows = [
        HEADER,
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000002,Ben Ode,ST3,Emergency Department,Northgate,27/10/2024,20:00,08:00,night,N,,no",
        "1000003,Cara Lee,ST5,Emergency Department,Northgate,24/10/2024,08:00,17:00,day,SD,,no",
        "1000004,Dev Patel,ST4,Cardiology,Northgate,26/10/2024,20:00,08:00,night,N,,no",
    ];
    rows.join("\n") + "\n"
}

struct Seeded {
    t: TestDb,
    walkout: i64,
    nights: Vec<i64>,
    cardiology: i64,
}

const RUNGS_TRIED: [(&str, ContactKind, &str); 6] = [
    ("incentive", ContactKind::Doctor, "Non-striking registrars"),
    ("redeploy", ContactKind::Manager, "Medicine rota lead"),
    ("consultant", ContactKind::Doctor, "ED consultants"),
    ("sas", ContactKind::Doctor, "SAS doctors"),
    ("locum", ContactKind::Agency, "Medics4U"),
    ("mutual_aid", ContactKind::Trust, "Southside NHS Trust"),
];

/// Two striking ED nights with every rung worked to exhausted, a Cardiology night not worked,
/// the trust named, a medical director with a passphrase.
fn seeded() -> Seeded {
    let t = TestDb::new();
    let f = t.file("ed.csv", rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &now(), &f, &mut |_| {}).unwrap();
    usecases::set_trust_name(&mut db, &now(), "Northgate NHS Foundation Trust").unwrap();
    let w = usecases::walkout_create(&mut db, &now(), &residents_walkout()).unwrap();
    let striking: Vec<String> = ["1000001", "1000002", "1000004"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    usecases::intent_set_by_number(&mut db, &now(), w.id, &striking, Intent::Striking).unwrap();
    let gaps = usecases::gaps(&db, w.id).unwrap();
    let mut nights: Vec<i64> = gaps
        .iter()
        .filter(|g| g.department == "Emergency Department")
        .map(|g| g.duty_id)
        .collect();
    nights.sort_unstable();
    let cardiology = gaps
        .iter()
        .find(|g| g.department == "Cardiology")
        .unwrap()
        .duty_id;
    for rung in ["elective", "urgent", "incident"] {
        usecases::rung_mark(
            &mut db,
            &now(),
            w.id,
            &RungMarkInput {
                duty_ids: nights.clone(),
                rung_code: rung.into(),
                not_applicable: true,
                reason: format!("{rung}: no such work in the department overnight"),
            },
        )
        .unwrap();
    }
    for (rung, kind, asked) in RUNGS_TRIED {
        usecases::attempt_add(
            &mut db,
            &now(),
            w.id,
            &AttemptInput {
                duty_ids: nights.clone(),
                rung_code: rung.into(),
                contact_kind: kind,
                asked: asked.into(),
                staff_id: None,
                asked_at: "26/10/2024 09:30".into(),
                channel: Channel::Phone,
                rate: if rung == "incentive" {
                    "150".into()
                } else {
                    String::new()
                },
                outcome: Outcome::Declined,
                reply_by: String::new(),
                accepted_duty_ids: vec![],
                notes: String::new(),
                supersedes: None,
            },
        )
        .unwrap();
    }
    usecases::user_save(
        &mut db,
        &now(),
        &UserInput {
            username: "mdirector".into(),
            display_name: "Dr Maya Director".into(),
            role: Role::MedicalDirector,
            email: "md@northgate.nhs.uk".into(),
            phone: "0161 496 0001".into(),
            authoriser: String::new(),
            authoriser_passphrase: String::new(),
        },
    )
    .unwrap();
    usecases::user_passphrase_set(
        &mut db,
        &now(),
        &PassphraseInput {
            username: "mdirector".into(),
            current: String::new(),
            new: MD_PASS.into(),
        },
    )
    .unwrap();
    drop(db);
    Seeded {
        t,
        walkout: w.id,
        nights,
        cardiology,
    }
}

fn input(s: &Seeded) -> RequestInput {
    RequestInput {
        walkout_id: s.walkout,
        duty_ids: s.nights.clone(),
        role: "ST3+ registrar (Emergency Department)".into(),
        doctors: 1,
        trigger: "No registrar for the department overnight".into(),
        clinical_risk: "Critically ill patients in resus without senior review".into(),
        incident_declared: false,
        incident_detail: String::new(),
        consultants_view: ConsultantsView::Unsafe,
        consultants_who: "Dr E Consultant, clinical director, 26/10/2024 10:00".into(),
        elective_continuing: Some(false),
        elective_reason: String::new(),
        pre_emptive_reason: String::new(),
        decision_needed_by: "26/10/2024 17:00".into(),
        requesting_clinician: "Dr F Clinician".into(),
        contact_phone: "0161 496 0000".into(),
    }
}

fn approve(db: &mut Db, id: i64, pass: &str) -> strikecover_core::Result<RequestStatus> {
    let v = usecases::request_get(db, &md(), id)?;
    usecases::request_approve(
        db,
        &md(),
        &ApproveInput {
            request_id: id,
            version: v.content.version,
            content_hash: v.content_hash.clone(),
            approver: "mdirector".into(),
            passphrase: pass.into(),
            approve: true,
            comment: String::new(),
        },
    )
    .map(|v| v.status)
}

/// Builds and submits the ED request; returns its id.
fn submitted(s: &Seeded, db: &mut Db) -> i64 {
    let v = usecases::request_create(db, &now(), &input(s)).unwrap();
    let v = usecases::request_submit(db, &now(), v.id, v.content.version).unwrap();
    assert_eq!(v.status, RequestStatus::AwaitingApproval);
    v.id
}

fn no_pdf(_: &strikecover_core::requests::RequestDocument) -> Result<Vec<u8>, String> {
    Err("no PDF in this test".into())
}

#[test]
fn from_exhausted_gaps_to_an_approved_request_then_sent_decided_and_recalled() {
    let s = seeded();
    let mut db = s.t.open();

    // The builder splits a mixed selection by department.
    let mut all = s.nights.clone();
    all.push(s.cardiology);
    let p = usecases::requests_propose(&db, s.walkout, &all).unwrap();
    assert_eq!(p.len(), 2);
    let ed = p
        .iter()
        .find(|p| p.department == "Emergency Department")
        .unwrap();
    assert_eq!(ed.duty_ids, s.nights);
    assert_eq!(ed.doctors, 1, "the two nights do not overlap");
    assert!(ed.not_exhausted.is_empty());
    let cardio = p.iter().find(|p| p.department == "Cardiology").unwrap();
    assert_eq!(cardio.not_exhausted, vec![s.cardiology]);

    let v = usecases::request_create(&mut db, &now(), &input(&s)).unwrap();
    assert_eq!(v.status, RequestStatus::Draft);
    assert_eq!(v.content.reference, format!("DR-{}", v.id));
    assert_eq!(v.content.trust, "Northgate NHS Foundation Trust");
    assert_eq!(v.content.shifts.len(), 2);
    // 26/10 20:00 BST to 27/10 08:00 GMT: 13 real hours over the clock change.
    assert_eq!(v.content.shifts[0].hours, 13.0);
    let failing: Vec<_> = v
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
        .map(|c| format!("{}: {}", c.code, c.explanation))
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert!(v.can_submit);
    // The evidence is the log, rung by rung.
    let locum = v
        .content
        .evidence
        .iter()
        .find(|r| r.code == "locum")
        .unwrap();
    assert_eq!(locum.state, "Exhausted");
    assert_eq!(locum.attempts.len(), 1);
    assert_eq!(locum.attempts[0].asked, "Agency Medics4U");
    assert_eq!(locum.attempts[0].shifts, "all 2 shifts");
    let incentive = v
        .content
        .evidence
        .iter()
        .find(|r| r.code == "incentive")
        .unwrap();
    assert_eq!(incentive.attempts[0].terms, "£150.00 an hour");
    let elective = v
        .content
        .evidence
        .iter()
        .find(|r| r.code == "elective")
        .unwrap();
    assert_eq!(elective.state, "Not applicable");
    assert_eq!(elective.not_applicable.len(), 1);

    let id = v.id;
    let v = usecases::request_submit(&mut db, &now(), id, 1).unwrap();
    assert_eq!(v.status, RequestStatus::AwaitingApproval);
    assert_eq!(v.content.version, 1, "nothing changed: no new version");

    assert_eq!(
        approve(&mut db, id, MD_PASS).unwrap(),
        RequestStatus::Approved
    );
    let v = usecases::request_get(&db, &now(), id).unwrap();
    let a = v.approval.clone().unwrap();
    assert_eq!(a.approver, "Dr Maya Director");
    assert_eq!(a.content_hash, v.content_hash);

    // Exports are recorded and verify.
    let json = s.t.file("dr.json", "");
    let r = usecases::request_export(&mut db, &now(), id, DocKind::Json, &json, &no_pdf).unwrap();
    assert_eq!(r.sha256.len(), 64);
    let ver = usecases::request_verify(&db, &json).unwrap();
    assert_eq!(ver.verdict, Verdict::Approved, "{}", ver.message);
    let email = s.t.file("dr.txt", "");
    let r = usecases::request_export(&mut db, &now(), id, DocKind::Email, &email, &no_pdf).unwrap();
    assert!(r.text.unwrap().contains("Approved by Dr Maya Director"));
    let pdf = s.t.file("dr.pdf", "");
    let e = usecases::request_export(&mut db, &now(), id, DocKind::Pdf, &pdf, &no_pdf).unwrap_err();
    assert!(e.to_string().contains("the PDF could not be made"), "{e}");

    // Sent, then granted for one of the two nights.
    let v = usecases::request_send(
        &mut db,
        &at(11, 30),
        &SendInput {
            request_id: id,
            at: String::new(),
            to: "NHS England regional team by email".into(),
        },
    )
    .unwrap();
    assert_eq!(v.status, RequestStatus::Sent);
    let gaps = usecases::gaps(&db, s.walkout).unwrap();
    let g = gaps.iter().find(|g| g.duty_id == s.nights[0]).unwrap();
    assert_eq!(g.status, GapStatus::Requested);

    let v = usecases::request_decide(
        &mut db,
        &at(13, 0),
        &DecisionInput {
            request_id: id,
            kind: DecisionKind::Granted,
            at: "26/10/2024 13:45".into(),
            reason: "alternatives exhausted".into(),
            granted_doctors: Some(1),
            granted_duty_ids: vec![s.nights[0]],
        },
    )
    .unwrap();
    assert_eq!(v.status, RequestStatus::Granted);
    let d = v.decision.unwrap();
    assert_eq!(d.minutes_taken, Some(75), "sent 12:30, decided 13:45 BST");
    assert_eq!(d.on_time, Some(true));

    let choices = usecases::request_recall_choices(&db, id).unwrap();
    assert_eq!(choices.len(), 1, "only the granted night");
    let first = &choices[0].doctors[0];
    assert!(first.rostered);
    assert_eq!(first.name, "Aisha Khan");
    // A recall for a shift not granted is refused.
    let before = s.t.snapshot();
    let e = usecases::request_recall(
        &mut db,
        &at(14, 0),
        &RecallInput {
            request_id: id,
            recalls: vec![RecallLine {
                duty_id: s.nights[1],
                staff_id: first.staff_id,
            }],
        },
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("recalls"));
    assert_eq!(s.t.snapshot(), before);

    let v = usecases::request_recall(
        &mut db,
        &at(14, 0),
        &RecallInput {
            request_id: id,
            recalls: vec![RecallLine {
                duty_id: s.nights[0],
                staff_id: first.staff_id,
            }],
        },
    )
    .unwrap();
    assert_eq!(v.recalls.len(), 1);
    let gaps = usecases::gaps(&db, s.walkout).unwrap();
    let g = gaps.iter().find(|g| g.duty_id == s.nights[0]).unwrap();
    assert_eq!(g.status, GapStatus::Covered);
    assert!(
        g.covered_by
            .as_deref()
            .unwrap()
            .contains("recalled under DR-"),
        "{:?}",
        g.covered_by
    );

    let ics = s.t.file("recall.ics", "");
    usecases::request_export(&mut db, &at(14, 5), id, DocKind::Ics, &ics, &no_pdf).unwrap();
    let cal = std::fs::read_to_string(&ics).unwrap();
    assert!(
        cal.contains("DTSTART;TZID=Europe/London:20241026T200000"),
        "{cal}"
    );
    assert!(cal.contains("DTEND;TZID=Europe/London:20241027T080000"));

    // Revoked: the recall no longer covers the gap.
    usecases::request_decide(
        &mut db,
        &at(15, 0),
        &DecisionInput {
            request_id: id,
            kind: DecisionKind::Revoked,
            at: String::new(),
            reason: "information not on the request".into(),
            granted_doctors: None,
            granted_duty_ids: vec![],
        },
    )
    .unwrap();
    let gaps = usecases::gaps(&db, s.walkout).unwrap();
    let g = gaps.iter().find(|g| g.duty_id == s.nights[0]).unwrap();
    assert_eq!(g.status, GapStatus::Sourcing);
    assert_eq!(g.covered_by, None);

    let v = usecases::request_get(&db, &now(), id).unwrap();
    let kinds: Vec<&str> = v.history.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "created",
            "submitted",
            "approved",
            "exported",
            "exported",
            "sent",
            "granted",
            "recalled",
            "exported",
            "revoked"
        ]
    );
    assert!(db.integrity_problems().unwrap().is_empty());
}

#[test]
fn any_change_after_approval_voids_it_and_every_version_is_kept() {
    let s = seeded();
    let mut db = s.t.open();
    let changes: Vec<(&str, Change)> = vec![
        ("role", Box::new(|i| i.role.push_str(" or above"))),
        ("doctors", Box::new(|i| i.doctors = 2)),
        (
            "shifts",
            Box::new(|i| {
                i.duty_ids.pop();
            }),
        ),
        ("trigger", Box::new(|i| i.trigger.push('.'))),
        ("clinical_risk", Box::new(|i| i.clinical_risk.push('.'))),
        (
            "incident",
            Box::new(|i| {
                i.incident_declared = true;
                i.incident_detail = "Internal incident 26/10/2024 08:00".into();
            }),
        ),
        ("consultants_who", Box::new(|i| i.consultants_who.push('.'))),
        (
            "elective",
            Box::new(|i| {
                i.elective_continuing = Some(true);
                i.elective_reason = "cancer surgery".into();
            }),
        ),
        (
            "deadline",
            Box::new(|i| i.decision_needed_by = "26/10/2024 18:00".into()),
        ),
        ("clinician", Box::new(|i| i.requesting_clinician.push('.'))),
        (
            "phone",
            Box::new(|i| i.contact_phone = "0161 496 0009".into()),
        ),
    ];
    let id = submitted(&s, &mut db);
    let mut version = 1;
    for (what, change) in changes {
        assert_eq!(
            approve(&mut db, id, MD_PASS).unwrap(),
            RequestStatus::Approved,
            "{what}"
        );
        let approved = usecases::request_get(&db, &now(), id).unwrap();
        assert!(approved.approval.is_some());
        let mut i = approved.input.clone();
        change(&mut i);
        let v = usecases::request_update(&mut db, &now(), id, &i).unwrap();
        version += 1;
        assert_eq!(v.content.version, version, "{what}: a new version");
        assert_eq!(v.status, RequestStatus::Draft, "{what}");
        assert!(
            v.approval.is_none(),
            "{what}: the approval no longer applies"
        );
        assert_ne!(v.content_hash, approved.content_hash);
        // Put it back up for approval (undo the field so the checks pass again).
        let v = usecases::request_update(&mut db, &now(), id, &approved.input).unwrap();
        version += 1;
        assert!(
            v.approval.is_none(),
            "{what}: even the old content needs approval again"
        );
        usecases::request_submit(&mut db, &now(), id, v.content.version).unwrap();
    }
    let n: i64 = rusqlite::Connection::open(s.t.path.as_path())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM request_versions WHERE request_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, i64::from(version), "every version kept");
}

#[test]
fn bad_inputs_are_refused_naming_the_field_and_change_nothing() {
    let s = seeded();
    let mut db = s.t.open();
    let id = submitted(&s, &mut db);
    let cases: Vec<(&str, Case)> = vec![
        (
            "duty_ids",
            Box::new(|db| {
                let mut i = input(&s);
                i.duty_ids.push(s.cardiology);
                usecases::request_create(db, &now(), &i).map(|_| ())
            }),
        ),
        (
            "duty_ids",
            Box::new(|db| {
                let mut i = input(&s);
                i.duty_ids = vec![999_999];
                usecases::request_create(db, &now(), &i).map(|_| ())
            }),
        ),
        (
            "contact_phone",
            Box::new(|db| {
                let mut i = input(&s);
                i.contact_phone = "call me".into();
                usecases::request_create(db, &now(), &i).map(|_| ())
            }),
        ),
        (
            "decision_needed_by",
            Box::new(|db| {
                let mut i = input(&s);
                i.decision_needed_by = "tomorrow".into();
                usecases::request_create(db, &now(), &i).map(|_| ())
            }),
        ),
        (
            "passphrase",
            Box::new(|db| approve(db, id, "not the passphrase").map(|_| ())),
        ),
        (
            "content_hash",
            Box::new(|db| {
                usecases::request_approve(
                    db,
                    &md(),
                    &ApproveInput {
                        request_id: id,
                        version: 1,
                        content_hash: "0".repeat(64),
                        approver: "mdirector".into(),
                        passphrase: MD_PASS.into(),
                        approve: true,
                        comment: String::new(),
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "approver",
            Box::new(|db| {
                usecases::request_approve(
                    db,
                    &md(),
                    &ApproveInput {
                        request_id: id,
                        version: 1,
                        content_hash: usecases::request_get(db, &now(), id)?.content_hash,
                        approver: "coordinator.test".into(),
                        passphrase: MD_PASS.into(),
                        approve: true,
                        comment: String::new(),
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "comment",
            Box::new(|db| {
                usecases::request_approve(
                    db,
                    &md(),
                    &ApproveInput {
                        request_id: id,
                        version: 1,
                        content_hash: usecases::request_get(db, &now(), id)?.content_hash,
                        approver: "mdirector".into(),
                        passphrase: MD_PASS.into(),
                        approve: false,
                        comment: " ".into(),
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "status",
            Box::new(|db| {
                usecases::request_send(
                    db,
                    &now(),
                    &SendInput {
                        request_id: id,
                        at: String::new(),
                        to: "NHSE".into(),
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "kind",
            Box::new(|db| {
                usecases::request_decide(
                    db,
                    &now(),
                    &DecisionInput {
                        request_id: id,
                        kind: DecisionKind::Granted,
                        at: String::new(),
                        reason: String::new(),
                        granted_doctors: None,
                        granted_duty_ids: vec![],
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "authoriser",
            Box::new(|db| {
                usecases::user_save(
                    db,
                    &now(),
                    &UserInput {
                        username: "coordinator.test".into(),
                        display_name: "Me".into(),
                        role: Role::MedicalDirector,
                        email: String::new(),
                        phone: String::new(),
                        authoriser: String::new(),
                        authoriser_passphrase: String::new(),
                    },
                )
                .map(|_| ())
            }),
        ),
        (
            "current",
            Box::new(|db| {
                usecases::user_passphrase_set(
                    db,
                    &now(),
                    &PassphraseInput {
                        username: "mdirector".into(),
                        current: "guess guess guess".into(),
                        new: "a new passphrase".into(),
                    },
                )
                .map(|_| ())
            }),
        ),
    ];
    for (field, case) in cases {
        let before = s.t.snapshot();
        let e = case(&mut db).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
        assert_eq!(s.t.snapshot(), before, "{field}: the database changed");
    }
    // A viewer reads but changes nothing.
    usecases::user_save(
        &mut db,
        &now(),
        &UserInput {
            username: "watcher".into(),
            display_name: "Wendy Watcher".into(),
            role: Role::Viewer,
            email: String::new(),
            phone: String::new(),
            authoriser: String::new(),
            authoriser_passphrase: String::new(),
        },
    )
    .unwrap();
    let viewer = Ctx::new("watcher", now().now);
    assert!(usecases::requests_list(&db, &viewer, None).unwrap().len() == 1);
    let before = s.t.snapshot();
    let e = usecases::request_create(&mut db, &viewer, &input(&s)).unwrap_err();
    assert_eq!(e.field(), Some("user"));
    assert_eq!(s.t.snapshot(), before);
}

#[test]
fn a_failing_check_blocks_sending_for_approval() {
    let s = seeded();
    let mut db = s.t.open();
    let mut i = input(&s);
    i.consultants_view = ConsultantsView::Safe;
    i.decision_needed_by.clear();
    let v = usecases::request_create(&mut db, &now(), &i).unwrap();
    assert!(!v.can_submit);
    let failing: Vec<&str> = v
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(failing, ["consultants", "deadline"]);
    let before = s.t.snapshot();
    let e = usecases::request_submit(&mut db, &now(), v.id, 1).unwrap_err();
    assert_eq!(e.field(), Some("checks"));
    assert!(
        e.to_string().contains("Consultants agree it is unsafe"),
        "{e}"
    );
    assert_eq!(s.t.snapshot(), before);

    // Gaps not yet exhausted: the evidence check names the rungs.
    let mut i = input(&s);
    i.duty_ids = vec![s.cardiology];
    let v = usecases::request_create(&mut db, &now(), &i).unwrap();
    let ev = v.checks.iter().find(|c| c.code == "evidence").unwrap();
    assert_eq!(ev.status, CheckStatus::Fail);
    assert!(
        ev.explanation.contains("Bank and agency locums") || ev.explanation.contains("locum"),
        "{}",
        ev.explanation
    );
}

#[test]
fn verify_tells_approved_superseded_altered_and_unknown_apart() {
    let s = seeded();
    let mut db = s.t.open();
    let id = submitted(&s, &mut db);
    let draft = s.t.file("draft.json", "");
    usecases::request_export(&mut db, &now(), id, DocKind::Json, &draft, &no_pdf).unwrap();
    assert_eq!(
        usecases::request_verify(&db, &draft).unwrap().verdict,
        Verdict::NotApproved
    );
    approve(&mut db, id, MD_PASS).unwrap();
    let good = s.t.file("approved.json", "");
    usecases::request_export(&mut db, &now(), id, DocKind::Json, &good, &no_pdf).unwrap();
    assert_eq!(
        usecases::request_verify(&db, &good).unwrap().verdict,
        Verdict::Approved
    );

    // Edited by hand: a doctor more.
    let text = std::fs::read_to_string(&good).unwrap();
    let altered = s.t.file(
        "altered.json",
        text.replace("\"doctors\": 1", "\"doctors\": 3"),
    );
    let r = usecases::request_verify(&db, &altered).unwrap();
    assert_eq!(r.verdict, Verdict::Altered, "{}", r.message);
    // Re-indented but the same content: still recognised.
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let compact =
        s.t.file("compact.json", serde_json::to_string(&doc).unwrap());
    assert_eq!(
        usecases::request_verify(&db, &compact).unwrap().verdict,
        Verdict::Approved
    );
    let other = s.t.file("other.pdf", "%PDF-1.7 nothing of ours");
    assert_eq!(
        usecases::request_verify(&db, &other).unwrap().verdict,
        Verdict::Unknown
    );

    // Changed after approval: the approved file is now superseded.
    let mut i = input(&s);
    i.doctors = 2;
    usecases::request_update(&mut db, &now(), id, &i).unwrap();
    let r = usecases::request_verify(&db, &good).unwrap();
    assert_eq!(r.verdict, Verdict::ApprovedSuperseded, "{}", r.message);
}

#[test]
fn request_tables_are_append_only() {
    let s = seeded();
    let mut db = s.t.open();
    let id = submitted(&s, &mut db);
    approve(&mut db, id, MD_PASS).unwrap();
    drop(db);
    let conn = rusqlite::Connection::open(s.t.path.as_path()).unwrap();
    for sql in [
        "UPDATE request_versions SET content = '{}'",
        "DELETE FROM request_versions",
        "UPDATE approvals SET content_hash = 'x'",
        "DELETE FROM approvals",
        "UPDATE request_events SET comment = 'x'",
        "DELETE FROM request_gaps",
    ] {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
}

#[test]
fn cli_builds_checks_approves_exports_and_verifies() {
    let s = seeded();
    let db = s.t.path.as_path().display().to_string();
    let pass = s.t.file("pass.txt", format!("{MD_PASS}\n"));
    let gap = |d: i64| d.to_string();
    let (a, b) = (gap(s.nights[0]), gap(s.nights[1]));
    let walkout = s.walkout.to_string();
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "--user",
        "coordinator.test",
        "request",
        "build",
        "--walkout",
        &walkout,
        "--gap",
        &a,
        "--gap",
        &b,
        "--role",
        "ST3+ registrar",
        "--trigger",
        "No registrar overnight",
        "--risk",
        "Resus without senior review",
        "--consultants",
        "unsafe",
        "--consultants-who",
        "Dr E Consultant",
        "--elective",
        "no",
        "--deadline",
        "31/12/2099 17:00",
        "--clinician",
        "Dr F Clinician",
        "--phone",
        "0161 496 0000",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("DR-1 version 1 (Draft)"), "{out}");
    let (code, out, _) = cli(&["--db", &db, "request", "check", "1"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("PASS  Every required rung has evidence"),
        "{out}"
    );
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "--user",
        "coordinator.test",
        "request",
        "submit",
        "1",
    ]);
    assert_eq!(code, 0, "{err}");
    let passf = pass.display().to_string();
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "request",
        "approve",
        "1",
        "--as",
        "coordinator.test",
        "--passphrase-file",
        &passf,
    ]);
    assert_eq!(code, 1, "a coordinator cannot approve: {err}");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "request",
        "approve",
        "1",
        "--as",
        "mdirector",
        "--passphrase-file",
        &passf,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Approved by Dr Maya Director"), "{out}");
    let json =
        s.t.path
            .as_path()
            .with_file_name("dr-1.json")
            .display()
            .to_string();
    let (code, _, err) = cli(&["--db", &db, "request", "export", "1", "--json", &json]);
    assert_eq!(code, 0, "{err}");
    let pdf = s.t.path.with_file_name("dr-1.pdf").display().to_string();
    let (code, _, err) = cli(&["--db", &db, "request", "export", "1", "--pdf", &pdf]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = cli(&["--db", &db, "request", "verify", &pdf]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("The approved version"), "{out}");
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = cli(&["--db", &db, "request", "verify", &json]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("The approved version"), "{out}");
    let (code, _, _) = cli(&["--db", &db, "request", "verify", &passf]);
    assert_eq!(code, 1, "not a request document");
}
