//! Walkouts on real database files: gaps from the rota and intents, marks by hand that survive
//! a re-import and an intent change, the dashboard and situation report, and every bad input
//! refused with the database left byte for byte as it was. Then the CLI, in process.

use chrono::NaiveDate;
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::views::RotaQuery;
use strikecover_core::walkouts::{GapMark, GapReason, GapStatus, Intent, WalkoutInput};
use strikecover_core::Error;
use strikecover_tests::{cli, ctx, residents_walkout, small_rota, TestDb};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
}

/// The small rota imported, and the residents' walkout created (id 1).
fn seeded() -> (TestDb, i64) {
    let t = TestDb::new();
    let f = t.file("seed.csv", small_rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    let w = usecases::walkout_create(&mut db, &ctx(), &residents_walkout()).unwrap();
    (t, w.id)
}

fn staff_id(db: &Db, number: &str) -> i64 {
    usecases::staff(db)
        .unwrap()
        .into_iter()
        .find(|s| s.staff_number == number)
        .unwrap()
        .id
}

/// The id of the duty held by `number` (or vacant: "") starting on `day`.
fn duty_id(db: &Db, number: &str, day: &str) -> i64 {
    usecases::rota(
        db,
        &RotaQuery {
            site_id: None,
            department_id: None,
            from: date("24/10/2024"),
            days: 7,
        },
    )
    .unwrap()
    .into_iter()
    .find(|d| d.staff_number.as_deref().unwrap_or("") == number && d.date == date(day))
    .unwrap()
    .id
}

/// Records `intent` for the doctors with these staff numbers.
fn set_intent(db: &mut Db, walkout: i64, numbers: &[&str], intent: Intent) {
    let ids: Vec<i64> = numbers.iter().map(|n| staff_id(db, n)).collect();
    usecases::intent_set(db, &ctx(), walkout, &ids, intent).unwrap();
}

fn gap_summary(db: &Db, walkout: i64) -> Vec<(String, GapReason, bool)> {
    usecases::gaps(db, walkout)
        .unwrap()
        .into_iter()
        .map(|g| (g.staff_number.unwrap_or_default(), g.reason, g.manual))
        .collect()
}

fn audit_count(db: &Db) -> usize {
    usecases::audit_recent(db, 1000).unwrap().len()
}

#[test]
fn gaps_follow_the_rota_and_intents_across_the_clock_change() {
    let (t, w) = seeded();
    let mut db = t.open();
    let view = usecases::walkout(&db, w).unwrap();
    assert_eq!(view.start_local, "26/10/2024 07:00");
    assert_eq!(view.end_local, "28/10/2024 07:00");
    assert_eq!(view.end - view.start, 49 * 3600, "the clock goes back");
    assert_eq!((view.affected_staff, view.undeclared), (2, 2));

    let gaps = usecases::gaps(&db, w).unwrap();
    assert_eq!(
        gaps.iter()
            .map(|g| (g.staff_number.clone().unwrap_or_default(), g.reason))
            .collect::<Vec<_>>(),
        vec![
            ("1000002".to_string(), GapReason::Undeclared),
            ("1000001".to_string(), GapReason::Undeclared),
            (String::new(), GapReason::Vacant),
        ],
        "the consultant's on-call is not the residents' walkout's; the day before is not in it"
    );
    let night = &gaps[1];
    assert_eq!(night.hours, 13.0);
    assert_eq!(night.overlap_hours, 13.0);
    assert!(night.night);
    assert!(
        night.critical,
        "Emergency Department is critical by default"
    );
    assert_eq!(gaps[2].overlap_hours, 11.0, "20:00 to 07:00 GMT");
    assert!(!gaps[0].night);

    let before = audit_count(&db);
    set_intent(&mut db, w, &["1000002"], Intent::Working);
    set_intent(&mut db, w, &["1000001"], Intent::Striking);
    assert_eq!(audit_count(&db), before + 2);
    assert_eq!(
        gap_summary(&db, w),
        vec![
            ("1000001".into(), GapReason::Striking, false),
            (String::new(), GapReason::Vacant, false),
        ]
    );
    // Setting the same intent again changes nothing and writes no audit row.
    set_intent(&mut db, w, &["1000001"], Intent::Striking);
    assert_eq!(audit_count(&db), before + 2);

    // Not counting undeclared doctors: the default of another walkout.
    let mut covered = residents_walkout();
    covered.undeclared_uncovered = false;
    let w2 = usecases::walkout_create(&mut db, &ctx(), &covered)
        .unwrap()
        .id;
    assert_eq!(
        gap_summary(&db, w2),
        vec![(String::new(), GapReason::Vacant, false)],
        "overlapping walkouts are independent: no intents recorded in this one"
    );
    let list = usecases::walkouts(&db).unwrap();
    assert_eq!(list.len(), 2);
    assert!(db.integrity_problems().unwrap().is_empty());
}

#[test]
fn marks_by_hand_survive_a_reimport_and_an_intent_change() {
    let (t, w) = seeded();
    let mut db = t.open();
    let on_call = duty_id(&db, "1000003", "26/10/2024");
    let night = duty_id(&db, "1000001", "26/10/2024");
    let before = audit_count(&db);
    let g = usecases::gap_mark(
        &mut db,
        &ctx(),
        w,
        &GapMark {
            duty_id: on_call,
            uncovered: true,
            reason: "Consultant off sick; nobody to cover".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (g.reason, g.status, g.manual),
        (GapReason::Manual, GapStatus::Uncovered, true)
    );
    assert_eq!(
        g.note.as_deref(),
        Some("Consultant off sick; nobody to cover")
    );
    assert_eq!(g.marked_by.as_deref(), Some("coordinator.test"));
    let g = usecases::gap_mark(
        &mut db,
        &ctx(),
        w,
        &GapMark {
            duty_id: night,
            uncovered: false,
            reason: "Told us on the ward she will work".into(),
        },
    )
    .unwrap();
    assert_eq!(g.status, GapStatus::Covered);
    assert_eq!(audit_count(&db), before + 2);
    let expected = vec![
        ("1000002".to_string(), GapReason::Undeclared, false),
        ("1000003".to_string(), GapReason::Manual, true),
        (String::new(), GapReason::Vacant, false),
    ];
    assert_eq!(gap_summary(&db, w), expected);

    // Re-import: the vacant night now has a doctor, the rest is unchanged.
    let rota = small_rota().replace(
        ",,ST3,Emergency Department,Northgate,27/10/2024",
        "1000004,Ola Nowak,ST3,Emergency Department,Northgate,27/10/2024",
    );
    let f = t.file("again.csv", rota);
    let s = usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    assert_eq!((s.updated, s.added), (1, 0));
    assert_eq!(
        gap_summary(&db, w),
        vec![
            ("1000002".to_string(), GapReason::Undeclared, false),
            ("1000003".to_string(), GapReason::Manual, true),
            ("1000004".to_string(), GapReason::Undeclared, false),
        ]
    );
    // An intent change: the night's doctor strikes after all; the mark by hand still wins.
    set_intent(&mut db, w, &["1000001", "1000004"], Intent::Striking);
    let gaps = usecases::gaps(&db, w).unwrap();
    assert!(gaps.iter().all(|g| g.duty_id != night));
    assert_eq!(gaps.len(), 3);
    let held = gaps.iter().find(|g| g.duty_id == on_call).unwrap();
    assert_eq!(
        held.note.as_deref(),
        Some("Consultant off sick; nobody to cover")
    );
    // The rota itself was never rewritten.
    let rota = usecases::rota(
        &db,
        &RotaQuery {
            site_id: None,
            department_id: None,
            from: date("26/10/2024"),
            days: 1,
        },
    )
    .unwrap();
    assert!(rota
        .iter()
        .any(|d| d.id == night && d.staff_number.as_deref() == Some("1000001")));
    assert!(db.integrity_problems().unwrap().is_empty());
}

#[test]
fn dashboard_sitrep_and_csv_exports() {
    let (t, w) = seeded();
    let mut db = t.open();
    set_intent(&mut db, w, &["1000001"], Intent::Striking);
    let d = usecases::dashboard(&db, w).unwrap();
    assert_eq!(d.days, vec![date("26/10/2024"), date("27/10/2024")]);
    assert_eq!(d.rows.len(), 1, "only the ED has resident duties");
    let ed = &d.rows[0];
    assert!(ed.critical);
    assert_eq!(ed.cells[0].due, 2);
    assert_eq!(ed.cells[0].uncovered, 2);
    assert_eq!(ed.cells[1].due, 1);
    assert_eq!(ed.cells[1].uncovered, 1);
    assert_eq!(d.sitrep[0].staff_due, 2);
    assert_eq!(d.sitrep[0].staff_taking_action, 1);
    assert_eq!(d.sitrep[0].undeclared, 1);
    assert_eq!(d.sitrep[1].vacant_shifts, 1);

    let mut out = Vec::new();
    assert_eq!(usecases::sitrep_csv(&db, w, &mut out).unwrap(), 2);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "date,staff_due,staff_taking_action,undeclared,vacant_shifts\n26/10/2024,2,1,1,0\n27/10/2024,0,0,0,1\n"
    );
    let mut out = Vec::new();
    assert_eq!(usecases::gaps_csv(&db, w, &mut out).unwrap(), 3);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(",26/10/2024,20:00,08:00,13.00,13.00,yes,night,N,ST3,resident,Northgate,Emergency Department,yes,1000001,Aisha Khan,striking,uncovered,no,,,\n"), "{text}");

    let path = t.dir.path().join("sitrep.csv");
    assert_eq!(usecases::sitrep_export(&db, w, &path).unwrap(), 2);
    let err = usecases::sitrep_export(&db, w, &path).unwrap_err();
    assert_eq!(err.code(), "io");

    // Critical departments: the trust edits the list.
    let dept = ed.department_id;
    let sites = usecases::department_set_critical(&mut db, &ctx(), dept, false).unwrap();
    assert!(sites
        .iter()
        .flat_map(|s| &s.departments)
        .any(|d| d.id == dept && !d.critical));
    assert!(!usecases::gaps(&db, w).unwrap()[0].critical);
}

#[test]
fn intents_import_from_a_file() {
    let (t, w) = seeded();
    let mut db = t.open();
    let f = t.file(
        "intents.csv",
        "Staff number,Intent\n1000001,Strike\n1000002,not declared\n1000001,striking\n",
    );
    let before = audit_count(&db);
    let s = usecases::intent_import(&mut db, &ctx(), w, &f).unwrap();
    assert_eq!((s.rows, s.striking, s.working, s.undeclared), (3, 1, 0, 1));
    assert_eq!(audit_count(&db), before + 1);
    let list = usecases::intents(&db, w).unwrap();
    assert_eq!(list.len(), 2);
    let aisha = list.iter().find(|i| i.staff_number == "1000001").unwrap();
    assert_eq!(aisha.intent, Intent::Striking);
    assert_eq!(aisha.set_by.as_deref(), Some("coordinator.test"));
    assert_eq!(
        aisha.main_department.as_deref(),
        Some("Emergency Department (Northgate)")
    );
}

/// Runs `f` on the database and checks it was refused with `code` (and `field`, when given),
/// leaving the file byte for byte as it was.
fn refused(
    t: &TestDb,
    code: &str,
    field: Option<&str>,
    f: impl FnOnce(&mut Db, &Ctx) -> Result<(), Error>,
) -> Error {
    let before = t.snapshot();
    let err = {
        let mut db = t.open();
        f(&mut db, &ctx()).unwrap_err()
    };
    assert_eq!(err.code(), code, "{err}");
    if let Some(field) = field {
        assert_eq!(err.field(), Some(field), "{err}");
    }
    assert_eq!(t.snapshot(), before, "database changed by a refused {err}");
    err
}

fn create(input: WalkoutInput) -> impl FnOnce(&mut Db, &Ctx) -> Result<(), Error> {
    move |db, ctx| usecases::walkout_create(db, ctx, &input).map(drop)
}

#[test]
fn bad_walkouts_are_refused_naming_the_field() {
    let (t, _) = seeded();
    let mut w = residents_walkout();
    w.end_date = date("26/10/2024");
    let e = refused(&t, "invalid", Some("end_date"), create(w));
    assert!(e.to_string().contains("must end after it starts"), "{e}");
    let mut w = residents_walkout();
    w.end_time = "06:00".into();
    w.end_date = date("26/10/2024");
    refused(&t, "invalid", Some("end_date"), create(w));
    let mut w = residents_walkout();
    w.staff_groups.clear();
    let e = refused(&t, "invalid", Some("staff_groups"), create(w));
    assert!(
        e.to_string().contains("at least one staff group or grade"),
        "{e}"
    );
    let mut w = residents_walkout();
    w.grades = vec!["ST99".into()];
    let e = refused(&t, "invalid", Some("grades"), create(w));
    assert!(e.to_string().contains("ST99"), "{e}");
    let mut w = residents_walkout();
    w.start_time = "7 o'clock".into();
    refused(&t, "invalid", Some("start_time"), create(w));
    let mut w = residents_walkout();
    w.end_time = "25:00".into();
    refused(&t, "invalid", Some("end_time"), create(w));
    let mut w = residents_walkout();
    w.body = "  ".into();
    refused(&t, "invalid", Some("body"), create(w));
    let mut w = residents_walkout();
    w.notice_date = Some(date("27/10/2024"));
    refused(&t, "invalid", Some("notice_date"), create(w));
    let mut w = residents_walkout();
    w.end_date = date("01/02/2025");
    refused(&t, "invalid", Some("end_date"), create(w));
    // A grade alone is scope enough, in any case.
    let mut db = t.open();
    let mut w = residents_walkout();
    w.staff_groups.clear();
    w.grades = vec!["st3".into()];
    let v = usecases::walkout_create(&mut db, &ctx(), &w).unwrap();
    assert_eq!(v.grades, vec!["ST3".to_string()]);
    assert_eq!(v.affected_staff, 1);
}

#[test]
fn bad_intents_are_refused_and_nothing_changes() {
    let (t, w) = seeded();
    let (aisha, tomasz) = {
        let db = t.open();
        (staff_id(&db, "1000001"), staff_id(&db, "1000003"))
    };
    let e = refused(&t, "invalid", Some("staff_ids"), |db, c| {
        usecases::intent_set(db, c, w, &[aisha, 987_654], Intent::Striking).map(drop)
    });
    assert!(e.to_string().contains("987654"), "{e}");
    let e = refused(&t, "invalid", Some("staff_ids"), |db, c| {
        usecases::intent_set(db, c, w, &[tomasz], Intent::Striking).map(drop)
    });
    assert!(e.to_string().contains("Tomasz Nowak"), "{e}");
    refused(&t, "invalid", Some("staff_ids"), |db, c| {
        usecases::intent_set(db, c, w, &[], Intent::Striking).map(drop)
    });
    refused(&t, "not_found", None, |db, c| {
        usecases::intent_set(db, c, 99, &[aisha], Intent::Striking).map(drop)
    });
    let e = refused(&t, "invalid", Some("staff_number"), |db, c| {
        usecases::intent_set_by_number(db, c, w, &["1000001".into(), "42".into()], Intent::Working)
            .map(drop)
    });
    assert!(e.to_string().contains("42"), "{e}");

    let bad = t.file(
        "intents.csv",
        "staff_id,intent\n1000001,striking\n42,working\n1000002,perhaps\n1000003,striking\n,working\n1000001,working\n",
    );
    let e = refused(&t, "import_bad_rows", None, |db, c| {
        usecases::intent_import(db, c, w, &bad).map(drop)
    });
    let rows: Vec<(u32, &str)> = e
        .row_errors()
        .iter()
        .map(|r| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (3, "staff_id"),
            (4, "intent"),
            (5, "staff_id"),
            (6, "staff_id"),
            (7, "staff_id")
        ]
    );
    assert!(e.to_string().contains("intents.csv"), "{e}");
    assert!(e.row_errors()[4].message.contains("row 2"), "{e}");

    let no_intent = t.file("columns.csv", "staff_id,name\n1000001,Aisha Khan\n");
    let e = refused(&t, "import_missing_columns", None, |db, c| {
        usecases::intent_import(db, c, w, &no_intent).map(drop)
    });
    assert!(e.to_string().contains("intent"), "{e}");
    let empty = t.file("empty.csv", "staff_id,intent\n");
    refused(&t, "import_empty", None, |db, c| {
        usecases::intent_import(db, c, w, &empty).map(drop)
    });
    let missing = t.dir.path().join("nope.csv");
    refused(&t, "import_read", None, |db, c| {
        usecases::intent_import(db, c, w, &missing).map(drop)
    });
}

#[test]
fn bad_marks_are_refused_and_nothing_changes() {
    let t = TestDb::new();
    let rota = small_rota()
        + "1000001,Aisha Khan,ST3,Emergency Department,Northgate,27/10/2024,08:00,17:00,leave,AL,,no\n";
    let f = t.file("seed.csv", rota);
    let w = {
        let mut db = t.open();
        usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
        usecases::walkout_create(&mut db, &ctx(), &residents_walkout())
            .unwrap()
            .id
    };
    let (night, before_window, leave) = {
        let db = t.open();
        (
            duty_id(&db, "1000001", "26/10/2024"),
            duty_id(&db, "1000001", "25/10/2024"),
            duty_id(&db, "1000001", "27/10/2024"),
        )
    };
    let mark = |duty_id: i64, reason: &str| GapMark {
        duty_id,
        uncovered: true,
        reason: reason.into(),
    };
    refused(&t, "invalid", Some("reason"), |db, c| {
        usecases::gap_mark(db, c, w, &mark(night, "   ")).map(drop)
    });
    let e = refused(&t, "invalid", Some("duty_id"), |db, c| {
        usecases::gap_mark(db, c, w, &mark(before_window, "sick")).map(drop)
    });
    assert!(e.to_string().contains("outside the walkout"), "{e}");
    let e = refused(&t, "invalid", Some("duty_id"), |db, c| {
        usecases::gap_mark(db, c, w, &mark(leave, "sick")).map(drop)
    });
    assert!(e.to_string().contains("leave or rest"), "{e}");
    refused(&t, "not_found", None, |db, c| {
        usecases::gap_mark(db, c, w, &mark(123_456, "sick")).map(drop)
    });
    refused(&t, "not_found", None, |db, c| {
        usecases::gap_mark(db, c, 77, &mark(night, "sick")).map(drop)
    });
    refused(&t, "not_found", None, |db, c| {
        usecases::department_set_critical(db, c, 999, true).map(drop)
    });
}

// The CLI, in process.

fn seeded_cli() -> (TestDb, String) {
    let t = TestDb::new();
    let db = t.path.to_str().unwrap().to_string();
    let f = t.file("rota.csv", small_rota());
    let (code, _, err) = cli(&["--db", &db, "import", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    (t, db)
}

#[test]
fn cli_walkout_intents_gaps_and_sitrep() {
    let (t, db) = seeded_cli();
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--group",
        "resident",
        "--from",
        "26/10/2024",
        "--last-day",
        "27/10/2024",
        "--notice",
        "12/10/2024",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Walkout 1 created"), "{out}");
    assert!(
        out.contains("26/10/2024 07:00 to 28/10/2024 07:00"),
        "{out}"
    );

    let (code, out, _) = cli(&["--db", &db, "walkout", "list", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["affected_staff"], 2);
    assert_eq!(v[0]["title"], "BMA action from 26/10/2024");

    let (code, out, err) = cli(&[
        "--db",
        &db,
        "intent",
        "set",
        "--walkout",
        "1",
        "--intent",
        "working",
        "1000002",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 working"), "{out}");
    let f = t.file("intents.csv", "staff_id,intent\n1000001,striking\n");
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "intent",
        "import",
        "--walkout",
        "1",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 striking"), "{out}");

    let (code, out, _) = cli(&["--db", &db, "gaps", "--walkout", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("1000001 Aisha Khan"), "{out}");
    assert!(out.contains("(vacant)"), "{out}");
    assert!(out.contains("2 uncovered duties"), "{out}");
    let (code, out, _) = cli(&["--db", &db, "gaps", "--walkout", "1", "--csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3);
    assert!(out.starts_with("duty_id,date,start,end,hours,hours_in_walkout,night"));
    let (code, out, _) = cli(&["--db", &db, "gaps", "--walkout", "1", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["reason"], "striking");

    let (code, out, _) = cli(&["--db", &db, "sitrep", "--walkout", "1", "--csv"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "date,staff_due,staff_taking_action,undeclared,vacant_shifts\n26/10/2024,2,1,0,0\n27/10/2024,0,0,0,1\n"
    );
    let (code, out, _) = cli(&["--db", &db, "sitrep", "--walkout", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("Taking action"), "{out}");

    let (code, out, _) = cli(&["--db", &db, "check"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn cli_bad_walkout_input_changes_nothing() {
    let (t, db) = seeded_cli();
    let before = t.snapshot();
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--group",
        "resident",
        "--from",
        "26/10/2024",
        "--end-date",
        "25/10/2024",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("end_date: the walkout must end after it starts"),
        "{err}"
    );
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--from",
        "26/10/2024",
        "--last-day",
        "27/10/2024",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("staff_groups"), "{err}");
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--group",
        "resident",
        "--from",
        "26/10/2024",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--last-day"), "{err}");
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--group",
        "nurses",
        "--from",
        "26/10/2024",
        "--last-day",
        "27/10/2024",
    ]);
    assert_eq!(code, 2, "a usage error: {err}");
    assert!(err.contains("nurses"), "{err}");
    assert_eq!(t.snapshot(), before);

    let (code, _, _) = cli(&[
        "--db",
        &db,
        "walkout",
        "create",
        "--body",
        "BMA",
        "--group",
        "resident",
        "--from",
        "26/10/2024",
        "--last-day",
        "27/10/2024",
    ]);
    assert_eq!(code, 0);
    let before = t.snapshot();
    let (code, _, err) = cli(&[
        "--db",
        &db,
        "intent",
        "set",
        "--walkout",
        "1",
        "--intent",
        "striking",
        "1000001",
        "5555555",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("5555555"), "{err}");
    let bad = t.file(
        "intents.csv",
        format!("staff_id,intent\n1000001,maybe\n{}\n", "9,striking"),
    );
    let (code, out, err) = cli(&[
        "--db",
        &db,
        "--json",
        "intent",
        "import",
        "--walkout",
        "1",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("row 2, column intent"), "{err}");
    assert!(err.contains("row 3, column staff_id"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["code"], "import_bad_rows");
    let (code, _, err) = cli(&["--db", &db, "gaps", "--walkout", "9"]);
    assert_eq!(code, 1);
    assert!(err.contains("walkout 9 not found"), "{err}");
    assert_eq!(t.snapshot(), before);
}
