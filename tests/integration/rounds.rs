//! Rounds on real database files: a worked walkout (attempts, marks, a fill, a request with
//! wording, contacts, criticality, a ladder edited after it started) → a new walkout started
//! from it carries the ladder version, the contacts (with the agencies, banks and trusts asked
//! in its attempts), the criticality and the wording, and nothing of the evidence; editing the
//! trust's ladder afterwards leaves the new walkout's pinned ladder alone; bad input is refused
//! naming the field with the database byte for byte as it was. Then the CLI, in process.

use chrono::{TimeZone, Utc};
use strikecover_core::requests::{ConsultantsView, RequestInput};
use strikecover_core::rounds::{ContactInput, ContactListKind};
use strikecover_core::sourcing::{
    AttemptInput, Channel, ContactKind, FillInput, Outcome, RungInput, RungMarkInput,
};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::{Intent, WalkoutInput};
use strikecover_core::Error;
use strikecover_tests::{cli, residents_walkout, TestDb, HEADER};

fn now() -> Ctx {
    Ctx::new(
        "coordinator.test",
        Utc.with_ymd_and_hms(2024, 10, 27, 12, 0, 0).unwrap(),
    )
}

fn rota() -> String {
    [
        HEADER,
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000002,Ben Ode,ST4,Emergency Department,Northgate,27/10/2024,08:00,17:00,day,SD,,no",
        "1000003,Cara Lee,ST5,Cardiology,Northgate,26/10/2024,08:00,17:00,day,SD,,no",
        ",,ST3,Emergency Department,Northgate,27/10/2024,20:00,08:00,night,N,,",
    ]
    .join("\n")
        + "\n"
}

fn attempt(duty: i64, rung: &str, kind: ContactKind, asked: &str) -> AttemptInput {
    AttemptInput {
        duty_ids: vec![duty],
        rung_code: rung.into(),
        contact_kind: kind,
        asked: asked.into(),
        staff_id: None,
        asked_at: "27/10/2024 09:30".into(),
        channel: Channel::Phone,
        rate: String::new(),
        outcome: Outcome::Declined,
        reply_by: String::new(),
        accepted_duty_ids: vec![],
        notes: String::new(),
        supersedes: None,
    }
}

fn contact(kind: ContactListKind, name: &str, phone: &str) -> ContactInput {
    ContactInput {
        kind,
        name: name.into(),
        phone: phone.into(),
        email: String::new(),
        notes: String::new(),
        rung_code: String::new(),
    }
}

fn round_two() -> WalkoutInput {
    WalkoutInput {
        title: "Resident doctors, round 2".into(),
        ..residents_walkout()
    }
}

fn count(t: &TestDb, sql: &str, walkout: i64) -> i64 {
    let c = rusqlite::Connection::open(&t.path).unwrap();
    c.query_row(sql, [walkout], |r| r.get(0)).unwrap()
}

fn field(e: Error) -> String {
    match e {
        Error::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

struct Worked {
    t: TestDb,
    walkout: i64,
    ed: i64,
    cardiology: i64,
    night: i64,
}

/// A walkout worked through: the ladder edited once it began (version 2, a new rung), attempts
/// to an agency, the bank, a neighbouring trust and a doctor, a not-applicable mark, a fill,
/// a request with its wording, two contacts, Cardiology flagged critical.
fn worked() -> Worked {
    let t = TestDb::new();
    let f = t.file("ed.csv", rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &now(), &f, &mut |_| {}).unwrap();
    let w = usecases::walkout_create(&mut db, &now(), &residents_walkout()).unwrap();
    usecases::intent_set_by_number(&mut db, &now(), w.id, &["1000001".into()], Intent::Striking)
        .unwrap();
    let gaps = usecases::gaps(&db, w.id).unwrap();
    let night = gaps
        .iter()
        .find(|g| g.staff_number.as_deref() == Some("1000001"))
        .unwrap();
    let vacant = gaps.iter().find(|g| g.staff_number.is_none()).unwrap();
    let ed = night.department_id;
    let sites = usecases::sites(&db).unwrap();
    let cardiology = sites
        .iter()
        .flat_map(|s| s.departments.iter())
        .find(|d| d.name == "Cardiology")
        .unwrap()
        .id;

    let mut rungs: Vec<RungInput> = usecases::ladder(&db)
        .unwrap()
        .rungs
        .iter()
        .map(|r| RungInput {
            code: r.code.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
            required: true,
        })
        .collect();
    rungs.push(RungInput {
        code: String::new(),
        name: "Physician associates".into(),
        description: String::new(),
        required: false,
    });
    assert_eq!(
        usecases::ladder_set(&mut db, &now(), &rungs, "PAs added")
            .unwrap()
            .version,
        2
    );

    for (rung, kind, asked) in [
        ("locum", ContactKind::Agency, "Medics4U"),
        ("locum", ContactKind::Bank, "NHSP"),
        ("mutual_aid", ContactKind::Trust, "Southport NHS FT"),
        ("mutual_aid", ContactKind::Trust, "southport  nhs ft"),
        ("incentive", ContactKind::Doctor, "Dr Somebody"),
    ] {
        usecases::attempt_add(
            &mut db,
            &now(),
            w.id,
            &attempt(night.duty_id, rung, kind, asked),
        )
        .unwrap();
    }
    usecases::rung_mark(
        &mut db,
        &now(),
        w.id,
        &RungMarkInput {
            duty_ids: vec![night.duty_id],
            rung_code: "elective".into(),
            not_applicable: true,
            reason: "No elective lists in ED overnight".into(),
        },
    )
    .unwrap();
    usecases::gap_fill(
        &mut db,
        &now(),
        w.id,
        &FillInput {
            duty_id: vacant.duty_id,
            rung_code: "locum".into(),
            staff_id: None,
            external_name: "Dr Locum".into(),
            external_org: "Medics4U".into(),
            attempt_id: None,
            override_reason: String::new(),
        },
    )
    .unwrap();
    usecases::request_create(
        &mut db,
        &now(),
        &RequestInput {
            walkout_id: w.id,
            duty_ids: vec![night.duty_id],
            role: "ST3+ registrar".into(),
            doctors: 1,
            trigger: "No registrar for the department overnight".into(),
            clinical_risk: "Critically ill patients in resus without senior review".into(),
            incident_declared: false,
            incident_detail: String::new(),
            consultants_view: ConsultantsView::Unsafe,
            consultants_who: "Dr E Consultant, clinical director".into(),
            elective_continuing: Some(false),
            elective_reason: String::new(),
            pre_emptive_reason: String::new(),
            decision_needed_by: "26/10/2024 17:00".into(),
            requesting_clinician: "Dr F Clinician".into(),
            contact_phone: "0161 496 0000".into(),
        },
    )
    .unwrap();
    usecases::contact_add(
        &mut db,
        &now(),
        w.id,
        &ContactInput {
            rung_code: "locum".into(),
            email: "bookings@medics4u.example".into(),
            ..contact(ContactListKind::Agency, "Medics4U", "0161 496 0100")
        },
    )
    .unwrap();
    let list = usecases::contact_add(
        &mut db,
        &now(),
        w.id,
        &contact(ContactListKind::Other, "Switchboard", "0161 496 0999"),
    )
    .unwrap();
    assert_eq!(list.len(), 2);
    usecases::department_set_critical(&mut db, &now(), cardiology, true).unwrap();
    drop(db);
    Worked {
        t,
        walkout: w.id,
        ed,
        cardiology,
        night: night.duty_id,
    }
}

#[test]
fn a_new_round_carries_ladder_contacts_criticality_and_wording_never_evidence() {
    let s = worked();
    let mut db = s.t.open();

    let p = usecases::walkout_carry_preview(&db, s.walkout).unwrap();
    assert_eq!(p.ladder_version, 2);
    assert_eq!(p.ladder_rungs.len(), 10);
    // The list's two, plus the bank and the trust asked (the agency is already on the list,
    // the trust's second spelling is the same trust, the doctor is never a contact).
    let names: Vec<(&str, bool)> = p
        .contacts
        .iter()
        .map(|c| (c.name.as_str(), c.from_attempts))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Medics4U", false),
            ("Switchboard", false),
            ("NHSP", true),
            ("Southport NHS FT", true)
        ]
    );
    assert!(p
        .critical_departments
        .contains(&"Cardiology (Northgate)".to_string()));
    assert!(p
        .critical_departments
        .contains(&"Emergency Department (Northgate)".to_string()));
    assert_eq!(p.wordings.len(), 1);

    let w2 = usecases::walkout_create_from(&mut db, &now(), s.walkout, &round_two()).unwrap();
    assert_eq!(w2.previous_id, Some(s.walkout));
    assert_eq!(w2.previous_title.as_deref(), Some("Resident doctors"));
    assert_eq!(w2.ladder_version, Some(2));

    // Contacts: with their details, kinds as on the list, names only from the attempts.
    let c = usecases::contacts(&db, w2.id).unwrap();
    assert_eq!(c.len(), 4);
    let medics = c.iter().find(|c| c.name == "Medics4U").unwrap();
    assert_eq!(medics.phone, "0161 496 0100");
    assert_eq!(medics.rung_code.as_deref(), Some("locum"));
    let nhsp = c.iter().find(|c| c.name == "NHSP").unwrap();
    assert_eq!(nhsp.kind, ContactListKind::Bank);
    assert_eq!(nhsp.phone, "");
    assert!(!c.iter().any(|c| c.name == "Dr Somebody"));

    // Wording: pre-fill for the same department and role (case and spacing ignored).
    let wording = usecases::request_wording(&db, w2.id, s.ed, "st3+  REGISTRAR")
        .unwrap()
        .unwrap();
    assert_eq!(
        wording.fields.trigger,
        "No registrar for the department overnight"
    );
    assert_eq!(
        wording.fields.consultants_who,
        "Dr E Consultant, clinical director"
    );
    assert_eq!(wording.from_walkout, "Resident doctors");
    assert!(usecases::request_wording(&db, w2.id, s.ed, "SHO")
        .unwrap()
        .is_none());
    assert!(
        usecases::request_wording(&db, w2.id, s.cardiology, "ST3+ registrar")
            .unwrap()
            .is_none()
    );
    assert!(
        usecases::request_wording(&db, s.walkout, s.ed, "ST3+ registrar")
            .unwrap()
            .is_none()
    );

    // Never carried.
    for (sql, what) in [
        (
            "SELECT count(*) FROM attempts WHERE walkout_id = ?1",
            "attempts",
        ),
        (
            "SELECT count(*) FROM rung_marks WHERE walkout_id = ?1",
            "marks",
        ),
        (
            "SELECT count(*) FROM fills f JOIN gaps g ON g.id = f.gap_id WHERE g.walkout_id = ?1",
            "fills",
        ),
        (
            "SELECT count(*) FROM intents WHERE walkout_id = ?1",
            "intents",
        ),
        (
            "SELECT count(*) FROM gaps WHERE walkout_id = ?1",
            "gap records",
        ),
        (
            "SELECT count(*) FROM requests WHERE walkout_id = ?1",
            "requests",
        ),
        (
            "SELECT count(*) FROM incidents WHERE walkout_id = ?1",
            "incidents",
        ),
    ] {
        assert!(
            count(&s.t, sql, s.walkout) > 0 || what == "incidents",
            "{what} in round 1"
        );
        assert_eq!(count(&s.t, sql, w2.id), 0, "{what} carried");
    }
    assert!(usecases::requests_list(&db, &now(), Some(w2.id))
        .unwrap()
        .is_empty());
    // Every gap of round 2 starts uncovered, with no intents: all undeclared, all gaps.
    let g2 = usecases::gaps(&db, w2.id).unwrap();
    assert!(g2.iter().any(|g| g.duty_id == s.night));
    let v = usecases::sourcing_view(&db, w2.id, &[s.night]).unwrap();
    assert!(v.attempts.is_empty());
    assert!(v.gaps[0].fill.is_none());

    // Criticality: a snapshot. Changing the trust-wide flag afterwards changes round 1 (no
    // snapshot) but not round 2.
    usecases::department_set_critical(&mut db, &now(), s.cardiology, false).unwrap();
    usecases::department_set_critical(&mut db, &now(), s.ed, false).unwrap();
    let crit = |db: &Db, w: i64| {
        usecases::gaps(db, w)
            .unwrap()
            .iter()
            .filter(|g| g.department_id == s.ed)
            .all(|g| g.critical)
    };
    assert!(crit(&db, w2.id));
    assert!(!crit(&db, s.walkout));

    // The ladder: editing the trust's ladder leaves the pinned walkout on version 2.
    let mut rungs: Vec<RungInput> = usecases::ladder(&db)
        .unwrap()
        .rungs
        .iter()
        .map(|r| RungInput {
            code: r.code.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
            required: r.required,
        })
        .collect();
    rungs.push(RungInput {
        code: String::new(),
        name: "Nurse consultants".into(),
        description: String::new(),
        required: true,
    });
    assert_eq!(
        usecases::ladder_set(&mut db, &now(), &rungs, "")
            .unwrap()
            .version,
        3
    );
    assert_eq!(usecases::walkout_ladder(&db, w2.id).unwrap().version, 2);
    assert_eq!(usecases::walkout_ladder(&db, s.walkout).unwrap().version, 3);
    let e = usecases::attempt_add(
        &mut db,
        &now(),
        w2.id,
        &attempt(s.night, "nurse_consultants", ContactKind::Other, "Ward"),
    )
    .unwrap_err();
    assert_eq!(field(e), "rung_code");
    let v = usecases::attempt_add(
        &mut db,
        &now(),
        w2.id,
        &attempt(
            s.night,
            "physician_associates",
            ContactKind::Other,
            "PA lead",
        ),
    )
    .unwrap();
    assert_eq!(v.gaps[0].rungs.len(), 10);

    // One audit row, with the counts.
    let audit = usecases::audit_recent(&db, 50).unwrap();
    let row = audit
        .iter()
        .find(|a| a.action == "walkout.create_from")
        .unwrap();
    assert_eq!(row.detail["carried"]["contacts"], 4);
    assert_eq!(row.detail["carried"]["contacts_from_attempts"], 2);
    assert_eq!(row.detail["carried"]["wordings"], 1);
    assert_eq!(row.detail["carried"]["ladder_version"], 2);
}

#[test]
fn contacts_are_added_and_removed_with_audit_and_bad_input_changes_nothing() {
    let s = worked();
    let mut db = s.t.open();
    let before = s.t.snapshot();
    for (input, want) in [
        (contact(ContactListKind::Agency, "  ", ""), "name"),
        (contact(ContactListKind::Agency, "medics4u", ""), "name"),
        (
            contact(ContactListKind::Agency, "Locums R Us", "call me"),
            "phone",
        ),
        (
            ContactInput {
                email: "not an email".into(),
                ..contact(ContactListKind::Agency, "Locums R Us", "")
            },
            "email",
        ),
        (
            ContactInput {
                rung_code: "nonsense".into(),
                ..contact(ContactListKind::Agency, "Locums R Us", "")
            },
            "rung_code",
        ),
    ] {
        let e = usecases::contact_add(&mut db, &now(), s.walkout, &input).unwrap_err();
        assert_eq!(field(e), want);
    }
    assert!(matches!(
        usecases::contact_add(
            &mut db,
            &now(),
            999,
            &contact(ContactListKind::Bank, "NHSP", "")
        ),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        field(usecases::contact_remove(&mut db, &now(), s.walkout, 999).unwrap_err()),
        "contact_id"
    );
    // Unknown previous walkout; a bad walkout input with a good previous one.
    assert_eq!(
        field(usecases::walkout_create_from(&mut db, &now(), 999, &round_two()).unwrap_err()),
        "previous_id"
    );
    let bad = WalkoutInput {
        body: " ".into(),
        ..round_two()
    };
    assert_eq!(
        field(usecases::walkout_create_from(&mut db, &now(), s.walkout, &bad).unwrap_err()),
        "body"
    );
    assert_eq!(
        field(usecases::walkout_carry_preview(&db, 999).unwrap_err()),
        "previous_id"
    );
    drop(db);
    assert_eq!(s.t.snapshot(), before, "refused input changed the database");

    // Same name, other kind: allowed. Remove: a tombstone, audited; twice is refused.
    let mut db = s.t.open();
    let list = usecases::contact_add(
        &mut db,
        &now(),
        s.walkout,
        &contact(ContactListKind::Bank, "Medics4U", ""),
    )
    .unwrap();
    assert_eq!(list.len(), 3);
    let id = list.iter().find(|c| c.name == "Switchboard").unwrap().id;
    let list = usecases::contact_remove(&mut db, &now(), s.walkout, id).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        field(usecases::contact_remove(&mut db, &now(), s.walkout, id).unwrap_err()),
        "contact_id"
    );
    assert_eq!(
        count(
            &s.t,
            "SELECT count(*) FROM contacts WHERE walkout_id = ?1",
            s.walkout
        ),
        3
    );
    let audit = usecases::audit_recent(&db, 20).unwrap();
    let removed = audit.iter().find(|a| a.action == "contact.remove").unwrap();
    assert_eq!(removed.detail["name"], "Switchboard");
    assert_eq!(removed.detail["walkout_id"], s.walkout);
    assert!(audit.iter().any(|a| a.action == "contact.add"));
    // A new round does not bring back a removed contact.
    let w2 = usecases::walkout_create_from(&mut db, &now(), s.walkout, &round_two()).unwrap();
    assert!(!usecases::contacts(&db, w2.id)
        .unwrap()
        .iter()
        .any(|c| c.name == "Switchboard"));
}

#[test]
fn cli_creates_a_round_and_edits_contacts() {
    let s = worked();
    let db = s.t.path.to_str().unwrap().to_string();
    let w = s.walkout.to_string();
    let (code, out, err) = cli(&["--db", &db, "walkout", "carry", &w]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ladder version 2"), "{out}");
    assert!(
        out.contains("Southport NHS FT (asked in its attempts)"),
        "{out}"
    );
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--title",
        "Round 2",
        "--group",
        "resident",
        "--from",
        "26/10/2024",
        "--last-day",
        "27/10/2024",
        "--from-walkout",
        &w,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Started from walkout"), "{out}");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "contacts",
        "add",
        "--walkout",
        &w,
        "--kind",
        "trust",
        "--name",
        "Northshire FT",
        "--phone",
        "0161 496 0200",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Northshire FT"), "{out}");
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "contacts",
        "add",
        "--walkout",
        &w,
        "--kind",
        "doctor",
        "--name",
        "X",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("doctor"), "{err}");
    let (code, out, _) = cli(&[
        "--db",
        &db,
        "--json",
        "walkout",
        "contacts",
        "list",
        "--walkout",
        &w,
    ]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Northshire FT")
        .unwrap()["id"]
        .to_string();
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "contacts",
        "remove",
        "--walkout",
        &w,
        &id,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Northshire FT"), "{out}");
}
