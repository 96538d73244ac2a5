//! The incident log on real database files: logged, changed as a new version with the earlier
//! one intact, a no-op save writes nothing, bad inputs refused naming the field with the
//! database byte for byte as it was, a viewer refused, append-only enforced by the database, and
//! the CLI round trip.

use chrono::{TimeZone, Utc};
use strikecover_core::incidents::{Harm, IncidentInput};
use strikecover_core::requests::{Role, UserInput};
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::Intent;
use strikecover_tests::{cli, residents_walkout, TestDb, HEADER};

/// 12:00 on Monday 28/10/2024, just after the walkout (26/10 07:00 to 28/10 07:00).
fn now() -> Ctx {
    Ctx::new(
        "coordinator.test",
        Utc.with_ymd_and_hms(2024, 10, 28, 12, 0, 0).unwrap(),
    )
}

struct Seeded {
    t: TestDb,
    walkout: i64,
    ed: i64,
    cardiology: i64,
    /// The striking ED night of 26/10 and the Cardiology night.
    ed_night: i64,
    cardiology_night: i64,
}

fn seeded() -> Seeded {
    let t = TestDb::new();
    let rows = [
        HEADER,
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000002,Ben Ode,ST3,Emergency Department,Northgate,24/10/2024,08:00,17:00,day,SD,,no",
        "1000004,Dev Patel,ST4,Cardiology,Northgate,26/10/2024,20:00,08:00,night,N,,no",
    ];
    let f = t.file("rota.csv", rows.join("\n") + "\n");
    let mut db = t.open();
    usecases::import_file(&mut db, &now(), &f, &mut |_| {}).unwrap();
    let w = usecases::walkout_create(&mut db, &now(), &residents_walkout()).unwrap();
    let striking = vec!["1000001".to_string(), "1000004".to_string()];
    usecases::intent_set_by_number(&mut db, &now(), w.id, &striking, Intent::Striking).unwrap();
    let gaps = usecases::gaps(&db, w.id).unwrap();
    let gap = |dept: &str| gaps.iter().find(|g| g.department == dept).unwrap();
    Seeded {
        walkout: w.id,
        ed: gap("Emergency Department").department_id,
        cardiology: gap("Cardiology").department_id,
        ed_night: gap("Emergency Department").duty_id,
        cardiology_night: gap("Cardiology").duty_id,
        t,
    }
}

fn input(s: &Seeded) -> IncidentInput {
    IncidentInput {
        walkout_id: s.walkout,
        occurred: "27/10/2024 02:15".into(),
        department_id: s.ed,
        duty_id: Some(s.ed_night),
        request_id: None,
        reference: "W12345".into(),
        harm: Harm::Low,
        near_miss: false,
        description: "Delayed review of a deteriorating patient; escalated to the consultant."
            .into(),
        change_reason: String::new(),
    }
}

#[test]
fn an_incident_is_logged_and_changed_as_a_new_version() {
    let s = seeded();
    let mut db = s.t.open();
    let v = usecases::incident_add(&mut db, &now(), &input(&s)).unwrap();
    assert_eq!(v.versions.len(), 1);
    let first = v.versions[0].clone();
    assert_eq!(first.occurred_local, "27/10/2024 02:15");
    assert_eq!(first.department, "Emergency Department");
    assert_eq!(first.site, "Northgate");
    assert_eq!(first.duty_id, Some(s.ed_night));
    assert_eq!(
        first.shift.as_deref(),
        Some("26/10/2024 Night 20:00–08:00 ST3")
    );
    assert_eq!(first.harm, Harm::Low);
    assert_eq!(first.saved_by, "coordinator.test");

    // A change: a new version with its reason; version 1 kept as it was.
    let later = Ctx::new("coordinator.test", now().now + chrono::Duration::hours(2));
    let mut i = input(&s);
    i.harm = Harm::Moderate;
    i.reference = "W12399".into();
    i.change_reason = "Datix number corrected; harm reviewed by the governance lead".into();
    let v2 = usecases::incident_update(&mut db, &later, v.id, &i).unwrap();
    assert_eq!(v2.versions.len(), 2);
    assert_eq!(v2.versions[0], first);
    assert_eq!(v2.versions[1].harm, Harm::Moderate);
    assert_eq!(v2.versions[1].reference, "W12399");
    assert_eq!(
        v2.versions[1].change_reason,
        "Datix number corrected; harm reviewed by the governance lead"
    );

    // The list shows the current version and the count.
    let list = usecases::incidents(&db, s.walkout).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].versions, 2);
    assert_eq!(list[0].current.harm, Harm::Moderate);

    // Saving with nothing changed writes nothing, whatever the reason says.
    let before = s.t.snapshot();
    i.change_reason = "no real change".into();
    let same = usecases::incident_update(&mut db, &later, v.id, &i).unwrap();
    assert_eq!(same.versions.len(), 2);
    assert_eq!(s.t.snapshot(), before, "a no-op save changed the database");

    // Unlinking the shift is a change.
    i.duty_id = None;
    i.change_reason = "Not linked to one shift".into();
    let v3 = usecases::incident_update(&mut db, &later, v.id, &i).unwrap();
    assert_eq!(v3.versions.len(), 3);
    assert_eq!(v3.versions[2].shift, None);

    // Audit rows in plain English keys.
    let audit = usecases::audit_recent(&db, 10).unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "incident.edit").count(),
        2,
        "{actions:?}"
    );
    assert_eq!(actions.iter().filter(|a| **a == "incident.add").count(), 1);
}

#[test]
fn bad_inputs_are_refused_naming_the_field_and_change_nothing() {
    let s = seeded();
    let mut db = s.t.open();
    let logged = usecases::incident_add(&mut db, &now(), &input(&s)).unwrap();
    type Change = Box<dyn Fn(&mut IncidentInput)>;
    let cases: Vec<(&str, Change)> = vec![
        ("walkout_id", Box::new(|i| i.walkout_id = 99)),
        (
            "occurred",
            Box::new(|i| i.occurred = "32/10/2024 10:00".into()),
        ),
        (
            "occurred",
            Box::new(|i| i.occurred = "24/10/2024 06:00".into()),
        ),
        (
            "occurred",
            Box::new(|i| i.occurred = "05/11/2024 08:00".into()),
        ),
        // In the window but after "now".
        (
            "occurred",
            Box::new(|i| i.occurred = "28/10/2024 18:00".into()),
        ),
        ("department_id", Box::new(|i| i.department_id = 999)),
        ("duty_id", Box::new(|i| i.duty_id = Some(999_999))),
        // The Cardiology night is a gap, but in another department.
        ("duty_id", {
            let c = s.cardiology_night;
            Box::new(move |i| i.duty_id = Some(c))
        }),
        ("request_id", Box::new(|i| i.request_id = Some(42))),
        (
            "reference",
            Box::new(|i| i.reference = "W1; DROP TABLE".into()),
        ),
        ("harm", Box::new(|i| i.near_miss = true)),
        ("description", Box::new(|i| i.description = "   ".into())),
        (
            "description",
            Box::new(|i| i.description = "x".repeat(4001)),
        ),
    ];
    for (field, change) in &cases {
        let mut i = input(&s);
        change(&mut i);
        let before = s.t.snapshot();
        let e = usecases::incident_add(&mut db, &now(), &i).unwrap_err();
        assert_eq!(e.field(), Some(*field), "{e}");
        assert_eq!(s.t.snapshot(), before, "{field}: the database changed");
        // The same input as an edit (with a reason) is refused the same way.
        i.change_reason = "a change".into();
        let e = usecases::incident_update(&mut db, &now(), logged.id, &i).unwrap_err();
        assert_eq!(e.field(), Some(*field), "edit: {e}");
        assert_eq!(s.t.snapshot(), before, "edit {field}: the database changed");
    }
    // An edit needs a reason; and cannot move to another walkout.
    let mut i = input(&s);
    i.harm = Harm::Severe;
    let before = s.t.snapshot();
    let e = usecases::incident_update(&mut db, &now(), logged.id, &i).unwrap_err();
    assert_eq!(e.field(), Some("change_reason"));
    assert_eq!(s.t.snapshot(), before);
    // The Cardiology night is accepted in its own department.
    let mut i = input(&s);
    i.department_id = s.cardiology;
    i.duty_id = Some(s.cardiology_night);
    i.harm = Harm::None;
    i.near_miss = true;
    usecases::incident_add(&mut db, &now(), &i).unwrap();
    assert_eq!(usecases::incidents(&db, s.walkout).unwrap().len(), 2);
}

#[test]
fn a_viewer_is_refused_and_the_database_keeps_incidents_append_only() {
    let s = seeded();
    let mut db = s.t.open();
    let v = usecases::incident_add(&mut db, &now(), &input(&s)).unwrap();
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
    let before = s.t.snapshot();
    let e = usecases::incident_add(&mut db, &viewer, &input(&s)).unwrap_err();
    assert_eq!(e.field(), Some("user"));
    let mut i = input(&s);
    i.harm = Harm::Moderate;
    i.change_reason = "viewer tries".into();
    let e = usecases::incident_update(&mut db, &viewer, v.id, &i).unwrap_err();
    assert_eq!(e.field(), Some("user"));
    assert_eq!(s.t.snapshot(), before);
    // Reading is allowed.
    assert_eq!(usecases::incidents(&db, s.walkout).unwrap().len(), 1);
    drop(db);

    // The database itself refuses to change or delete a saved version or header.
    let c = rusqlite::Connection::open(&s.t.path).unwrap();
    for sql in [
        "UPDATE incident_versions SET harm = 'none'",
        "DELETE FROM incident_versions",
        "UPDATE incidents SET walkout_id = walkout_id",
        "DELETE FROM incidents",
    ] {
        let e = c.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
    drop(c);
    assert_eq!(s.t.snapshot(), before);
}

#[test]
fn the_cli_logs_edits_lists_and_shows_incidents() {
    let s = seeded();
    let db = s.t.path.to_str().unwrap().to_string();
    let walkout = s.walkout.to_string();
    let gap = s.ed_night.to_string();
    // The CLI's clock is now: the walkout of 2024 lies in the past.
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "--json",
        "incident",
        "add",
        "--walkout",
        &walkout,
        "--at",
        "27/10/2024 03:40",
        "--department",
        "Emergency Department",
        "--gap",
        &gap,
        "--reference",
        "W777",
        "--harm",
        "none",
        "--near-miss",
        "--description",
        "Wrong dose prescribed, caught by the pharmacist before it was given",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = v["id"].as_i64().unwrap().to_string();
    assert_eq!(v["versions"][0]["near_miss"], true);
    // Refused: a near miss with harm; the field is named.
    let (code, _, err) = cli(&[
        "--db", &db, "incident", "edit", &id, "--harm", "low", "--reason", "regraded",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("harm"), "{err}");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "incident",
        "edit",
        &id,
        "--harm",
        "low",
        "--not-near-miss",
        "--reason",
        "It reached the patient after all",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Saved version 2"), "{out}");
    let (code, out, _) = cli(&["--db", &db, "incident", "list", "--walkout", &walkout]);
    assert_eq!(code, 0);
    assert!(out.contains("27/10/2024 03:40"), "{out}");
    assert!(out.contains("Low harm"), "{out}");
    assert!(out.contains("v2"), "{out}");
    let (code, out, _) = cli(&["--db", &db, "incident", "show", &id]);
    assert_eq!(code, 0);
    assert!(out.contains("Version 1"), "{out}");
    assert!(out.contains("It reached the patient after all"), "{out}");
}
