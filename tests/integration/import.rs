//! Importing rota exports into a real database: counts, clock changes, re-imports, and every
//! refused file leaving the database byte for byte as it was.

use chrono::NaiveDate;
use strikecover_core::model::StaffGroup;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::views::RotaQuery;
use strikecover_core::Error;
use strikecover_tests::{ctx, small_rota, TestDb, HEADER};

fn week_from(d: &str) -> RotaQuery {
    RotaQuery {
        site_id: None,
        department_id: None,
        from: NaiveDate::parse_from_str(d, "%d/%m/%Y").unwrap(),
        days: 7,
    }
}

#[test]
fn imports_a_small_rota_with_counts_and_real_hours() {
    let t = TestDb::new();
    let f = t.file("rota.csv", small_rota());
    let mut db = t.open();
    let s = usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    assert_eq!(s.rows, 5);
    assert_eq!(s.doctors, 3);
    assert_eq!(s.vacancies, 1);
    assert_eq!(s.departments, 2);
    assert_eq!(s.sites, 2);
    assert_eq!(s.added, 5);
    assert_eq!((s.updated, s.unchanged, s.removed), (0, 0, 0));
    assert_eq!(s.first_date, NaiveDate::from_ymd_opt(2024, 10, 25).unwrap());
    assert_eq!(s.last_date, NaiveDate::from_ymd_opt(2024, 10, 27).unwrap());

    let duties = usecases::rota(&db, &week_from("21/10/2024")).unwrap();
    assert_eq!(duties.len(), 5);
    let night = duties
        .iter()
        .find(|d| d.staff_name.as_deref() == Some("Aisha Khan") && d.start_local == "20:00")
        .unwrap();
    assert_eq!(
        night.hours, 13.0,
        "20:00-08:00 over the October change lasts 13 h"
    );
    assert!(night.overnight);
    let vacant = duties.iter().find(|d| d.staff_number.is_none()).unwrap();
    assert_eq!(vacant.grade, "ST3");
    assert_eq!(vacant.staff_group, StaffGroup::Resident);
    let names: Vec<_> = duties.iter().filter_map(|d| d.staff_name.clone()).collect();
    assert!(names.contains(&"Siân Evans".to_string()));

    let aisha = usecases::staff(&db)
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Aisha Khan")
        .unwrap();
    assert_eq!(aisha.duties, 2);
    assert_eq!(
        aisha.main_department.as_deref(),
        Some("Emergency Department (Northgate)")
    );

    let status = usecases::status(&db, "me").unwrap();
    assert_eq!(status.duties, 5);
    assert_eq!(status.staff, 3);
    let audit = usecases::audit_recent(&db, 10).unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "rota.import");
    assert_eq!(audit[0].user, "coordinator.test");
    assert!(db.integrity_problems().unwrap().is_empty());
}

#[test]
fn reimport_is_idempotent() {
    let t = TestDb::new();
    let f = t.file("rota.csv", small_rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    let before = usecases::rota(&db, &week_from("21/10/2024")).unwrap();
    let s = usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    assert_eq!((s.added, s.updated, s.removed, s.new_staff), (0, 0, 0, 0));
    assert_eq!(s.unchanged, 5);
    assert!(s.changes.is_empty());
    let after = usecases::rota(&db, &week_from("21/10/2024")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn reimport_updates_on_the_natural_key_and_says_what_changed() {
    let t = TestDb::new();
    let f = t.file("rota.csv", small_rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    // The vacancy is filled, Siân's long day is given a new code, the consultant's on-call is
    // no longer in the export.
    let changed = [
        HEADER,
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,25/10/2024,08:00,17:00,day,SD,,no",
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000002,Siân Evans,FY2,Emergency Department,Northgate,26/10/2024,08:00,20:30,long_day,LD2,,yes",
        "1000004,Priya Patel,ST3,Emergency Department,Northgate,27/10/2024,20:00,08:00,night,N,,no",
        "1000003,Tomasz Nowak,Consultant,Obstetrics,Southside,25/10/2024,09:00,17:00,day,SD,,no",
    ]
    .join("\n");
    let f2 = t.file("rota2.csv", changed);
    let s = usecases::import_file(&mut db, &ctx(), &f2, &mut |_| {}).unwrap();
    assert_eq!(s.added, 1, "the consultant's new day");
    assert_eq!(s.updated, 2, "vacancy filled, code changed");
    assert_eq!(s.unchanged, 2);
    assert_eq!(s.removed, 1, "the on-call the export no longer lists");
    assert_eq!(s.new_staff, 1);
    let text: Vec<String> = s
        .changes
        .iter()
        .map(|c| format!("{} | {}", c.duty, c.change))
        .collect();
    assert!(
        text.iter()
            .any(|c| c.contains("doctor: vacant -> 1000004 Priya Patel")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|c| c.contains("shift code: LD -> LD2")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|c| c.contains("On call") && c.contains("removed")),
        "{text:?}"
    );

    let duties = usecases::rota(&db, &week_from("21/10/2024")).unwrap();
    assert_eq!(duties.len(), 5);
    assert_eq!(
        duties.iter().filter(|d| d.staff_number.is_none()).count(),
        0
    );
}

#[test]
fn a_text_that_looks_like_html_is_kept_as_data() {
    let t = TestDb::new();
    let csv = format!(
        "{HEADER}\n1000009,<img src=x onerror=alert(1)>,ST1,Paediatrics,Northgate,01/02/2024,08:00,17:00,day,SD,,\n"
    );
    let f = t.file("xss.csv", csv);
    let mut db = t.open();
    usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    let staff = usecases::staff(&db).unwrap();
    assert_eq!(staff[0].name, "<img src=x onerror=alert(1)>");
}

/// Asserts that importing `content` fails with `code` and leaves the database bytes unchanged.
fn refused(t: &TestDb, name: &str, content: &[u8], code: &str) -> Error {
    let before = t.snapshot();
    let f = t.file(name, content);
    let err = {
        let mut db = t.open();
        usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap_err()
    };
    assert_eq!(err.code(), code, "{err}");
    assert!(
        err.to_string().contains(name),
        "the error names the file: {err}"
    );
    assert_eq!(
        t.snapshot(),
        before,
        "database changed by a refused import of {name}"
    );
    err
}

fn seeded() -> TestDb {
    let t = TestDb::new();
    let f = t.file("seed.csv", small_rota());
    let mut db = t.open();
    usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    t
}

#[test]
fn bad_rows_are_all_listed_and_nothing_changes() {
    let t = seeded();
    let csv = [
        HEADER,
        "2000001,Rhys Jones,ST2,Acute Medicine,Northgate,31/02/2024,08:00,17:00,day,SD,,",
        "2000002,Zoë Clarke,ST2,Acute Medicine,Northgate,01/03/2024,25:00,17:00,day,SD,,",
        "2000003,Chloé Martin,ST2,Acute Medicine,Northgate,01/03/2024,08:00,17:00,banana,SD,,",
        "2000004,José Silva,ST2,Acute Medicine,Northgate,01/03/2024,08:00,17:00,day,SD,,",
    ]
    .join("\n");
    let err = refused(&t, "bad.csv", csv.as_bytes(), "import_bad_rows");
    let rows: Vec<(u32, &str)> = err
        .row_errors()
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(rows, vec![(2, "date"), (3, "start"), (4, "shift_type")]);
}

#[test]
fn a_missing_column_lists_what_was_found_and_expected() {
    let t = seeded();
    let csv =
        "staff_id,name,grade,department,site,date,start,end\n1,A,ST1,ED,N,01/01/2024,08:00,17:00\n";
    let err = refused(&t, "short.csv", csv.as_bytes(), "import_missing_columns");
    let msg = err.to_string();
    assert!(msg.contains("shift_type"), "{msg}");
    assert!(msg.contains("staff_id"), "{msg}");
}

#[test]
fn overlapping_duties_in_the_file_are_refused() {
    let t = seeded();
    let csv = [
        HEADER,
        "2000001,Rhys Jones,ST2,Acute Medicine,Northgate,01/03/2024,08:00,20:30,long_day,LD,,",
        "2000001,Rhys Jones,ST2,Acute Medicine,Northgate,01/03/2024,20:00,08:00,night,N,,",
    ]
    .join("\n");
    let err = refused(&t, "overlap.csv", csv.as_bytes(), "import_bad_rows");
    assert_eq!(err.row_errors()[0].row, 3);
    assert!(
        err.row_errors()[0].message.contains("row 2"),
        "{:?}",
        err.row_errors()
    );
}

#[test]
fn a_duty_overlapping_one_already_held_is_refused() {
    let t = seeded();
    // Aisha Khan is on a night in the ED from 20:00 on 26/10/2024; another department's export
    // books her on a long day overlapping it.
    let csv = [
        HEADER,
        "1000001,Aisha Khan,ST3,Acute Medicine,Northgate,27/10/2024,07:00,19:00,long_day,LD,,no",
    ]
    .join("\n");
    let err = refused(&t, "other-dept.csv", csv.as_bytes(), "import_bad_rows");
    let e = &err.row_errors()[0];
    assert_eq!((e.row, e.column.as_str()), (2, "start"));
    assert!(e.message.contains("Emergency Department"), "{}", e.message);
}

#[test]
fn other_refused_files_change_nothing() {
    let t = seeded();
    refused(
        &t,
        "empty.csv",
        format!("{HEADER}\n").as_bytes(),
        "import_empty",
    );
    refused(
        &t,
        "junk.csv",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0],
        "import_format",
    );
    let long = format!("{HEADER}\n2000001,Rhys Jones,ST2,Acute Medicine,Northgate,26/10/2024,09:00,09:00,on_call,OC,,\n");
    let err = refused(&t, "long.csv", long.as_bytes(), "import_bad_rows");
    assert!(
        err.row_errors()[0].message.contains("24 h"),
        "{:?}",
        err.row_errors()
    );
}

#[test]
fn windows_1252_and_utf16_exports_keep_names_intact() {
    let t = TestDb::new();
    let text = format!("{HEADER}\n3000001,Siân Ó Dónaill,ST4,Neonatal Unit,Northgate,05/01/2024,08:00,17:00,day,SD,,\n");
    // Windows-1252
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'â' => 0xE2,
            'Ó' => 0xD3,
            'ó' => 0xF3,
            c => c as u8,
        })
        .collect();
    let f = t.file("cp1252.csv", cp1252);
    let mut db = t.open();
    let s = usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    assert_eq!(s.encoding, "Windows-1252");
    assert_eq!(usecases::staff(&db).unwrap()[0].name, "Siân Ó Dónaill");

    // UTF-16LE with BOM: the same rota again is unchanged.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let f = t.file("utf16.csv", utf16);
    let s = usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    assert_eq!(s.unchanged, 1);
    assert_eq!(s.updated, 0);
}

#[test]
fn the_demo_trust_is_realistic_and_only_loads_into_an_empty_database() {
    let t = TestDb::new();
    let mut db = t.open();
    let s = usecases::load_demo(&mut db, &ctx(), &mut |_| {}).unwrap();
    assert!((70..=90).contains(&s.doctors), "{} doctors", s.doctors);
    assert_eq!(s.sites, 2);
    assert!(s.departments >= 6);
    assert!(s.vacancies > 0);
    assert!((s.last_date - s.first_date).num_days() >= 55);
    let sites = usecases::sites(&db).unwrap();
    let depts: Vec<String> = sites
        .iter()
        .flat_map(|s| s.departments.iter().map(|d| d.name.clone()))
        .collect();
    for want in ["Neonatal Unit", "Emergency Department", "Obstetrics"] {
        assert!(
            depts.iter().any(|d| d == want),
            "{want} missing from {depts:?}"
        );
    }
    assert!(sites
        .iter()
        .flat_map(|s| &s.departments)
        .any(|d| d.critical));
    let status = usecases::status(&db, "me").unwrap();
    assert!(status.trust_name.is_some());

    let before = t.snapshot();
    drop(db);
    let mut db = t.open();
    let err = usecases::load_demo(&mut db, &ctx(), &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "invalid");
    drop(db);
    assert_eq!(t.snapshot(), before);
}

#[test]
fn editing_the_grade_table_moves_doctors_between_groups_with_an_audit_row() {
    let t = seeded();
    let mut db = t.open();
    let table = usecases::set_grade_group(&mut db, &ctx(), "fy2", StaffGroup::Other).unwrap();
    let fy2 = table.iter().find(|g| g.grade == "FY2").unwrap();
    assert_eq!(fy2.staff_group, StaffGroup::Other);
    assert_eq!(fy2.doctors, 1);
    let sian = usecases::staff(&db)
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Siân Evans")
        .unwrap();
    assert_eq!(sian.staff_group, StaffGroup::Other);
    let audit = usecases::audit_recent(&db, 1).unwrap();
    assert_eq!(audit[0].action, "grade.set_group");

    let before = t.snapshot();
    drop(db);
    let mut db = t.open();
    let err = usecases::set_grade_group(&mut db, &ctx(), "ST99", StaffGroup::Other).unwrap_err();
    assert_eq!(err.code(), "not_found");
    drop(db);
    assert_eq!(t.snapshot(), before);
}

#[test]
fn export_then_reimport_changes_nothing() {
    let t = TestDb::new();
    let mut db = t.open();
    usecases::load_demo(&mut db, &Ctx::new("a", chrono::Utc::now()), &mut |_| {}).unwrap();
    let mut out = Vec::new();
    let n = usecases::export_csv(&db, &mut out).unwrap();
    let f = t.file("export.csv", &out);
    let s = usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    assert_eq!(s.rows as u64, n);
    assert_eq!(
        (s.added, s.updated, s.removed),
        (0, 0, 0),
        "{:?}",
        s.changes
    );
    assert_eq!(s.unchanged as u64, n);
}
