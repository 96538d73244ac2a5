//! The command-line tool, run in process: global options anywhere, JSON output, exit codes,
//! clear errors on standard error.

use strikecover_tests::{cli, small_rota, TestDb, HEADER};

#[test]
fn db_option_is_accepted_before_or_after_the_subcommand() {
    let t = TestDb::new();
    let db = t.path.to_str().unwrap();
    let f = t.file("rota.csv", small_rota());
    let f = f.to_str().unwrap();
    let (code, out, err) = cli(&["--db", db, "import", f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported rota.csv"), "{out}");
    assert!(out.contains("added 5"), "{out}");
    let (code, out, _) = cli(&["status", "--db", db, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["duties"], 5);
    assert_eq!(v["staff"], 3);
}

#[test]
fn import_json_and_bad_input_exit_codes() {
    let t = TestDb::new();
    let db = t.path.to_str().unwrap();
    let f = t.file("rota.csv", small_rota());
    let (code, out, _) = cli(&["import", f.to_str().unwrap(), "--db", db, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["added"], 5);
    assert_eq!(v["first_date"], "2024-10-25");

    let before = t.snapshot();
    let bad = t.file(
        "bad.csv",
        format!("{HEADER}\n1,A,ST1,ED,N,not-a-date,08:00,17:00,day,,,\n"),
    );
    let (code, out, err) = cli(&["--db", db, "--json", "import", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.csv"), "{err}");
    assert!(err.contains("row 2, column date"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["code"], "import_bad_rows");
    assert_eq!(v["rows"][0]["row"], 2);
    assert_eq!(t.snapshot(), before);

    let (code, _, err) = cli(&["--db", db, "import", "/nonexistent/rota.csv"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("rota.csv") && err.contains("cannot read"),
        "{err}"
    );

    let (code, _, err) = cli(&["--db", db, "frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("frobnicate"), "{err}");
}

#[test]
fn dry_run_writes_nothing() {
    let t = TestDb::new();
    let before = t.snapshot();
    let f = t.file("rota.csv", small_rota());
    let (code, out, _) = cli(&[
        "--db",
        t.path.to_str().unwrap(),
        "import",
        "--dry-run",
        f.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("5 rows"), "{out}");
    assert_eq!(t.snapshot(), before);
}

#[test]
fn demo_export_backup_and_check() {
    let t = TestDb::new();
    let db = t.path.to_str().unwrap();
    let (code, out, err) = cli(&["--db", db, "demo"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Demo trust created"), "{out}");
    let (code, _, err) = cli(&["--db", db, "demo"]);
    assert_eq!(code, 1);
    assert!(err.contains("empty database"), "{err}");

    let (code, csv, _) = cli(&["--db", db, "export"]);
    assert_eq!(code, 0);
    assert!(csv.starts_with("staff_id,name,grade,department,site,date,start,end,shift_type"));
    let out_file = t.dir.path().join("export.csv");
    let (code, out, _) = cli(&["export", "--out", out_file.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), csv);
    let (code, _, err) = cli(&["export", "--out", out_file.to_str().unwrap(), "--db", db]);
    assert_eq!(code, 4, "never overwrites: {err}");

    let dest = t.dir.path().join("backup.sqlite3");
    let (code, out, err) = cli(&["--db", db, "backup", dest.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Backed up"));
    let (code, out, _) = cli(&["--db", dest.to_str().unwrap(), "check", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
}

#[test]
fn a_damaged_database_gives_exit_code_3() {
    let t = TestDb::new();
    std::fs::write(&t.path, vec![0x42u8; 8192]).unwrap();
    let (code, _, err) = cli(&["--db", t.path.to_str().unwrap(), "status"]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("not a Strike Cover database") || err.contains("damaged"),
        "{err}"
    );
}
