//! Opening databases: migrations from every earlier version (with a backup first), refusing a
//! newer, damaged or foreign file without touching it, and the audit trail's chain.

use strikecover_core::store::{Db, SCHEMA_VERSION};
use strikecover_core::usecases;
use strikecover_tests::{ctx, small_rota, snapshot, TestDb};

#[test]
fn migrates_from_empty_and_from_each_earlier_version_keeping_data() {
    for from in 0..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let (mut db, rep) = Db::open_to(&path, from).unwrap();
        assert_eq!(rep.to_version, from);
        if from >= 1 {
            let f = dir.path().join("rota.csv");
            std::fs::write(&f, small_rota()).unwrap();
            usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
        }
        drop(db);

        let (db, rep) = Db::open_reporting(&path).unwrap();
        assert_eq!(rep.from_version, from);
        assert_eq!(rep.to_version, SCHEMA_VERSION);
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(db.integrity_problems().unwrap().is_empty());
        if from >= 1 {
            assert_eq!(
                usecases::status(&db, "x").unwrap().duties,
                5,
                "data kept from v{from}"
            );
            let backup = rep
                .backup
                .expect("a copy is taken before migrating an existing database");
            let (old, _) = Db::open_to(&backup, from).unwrap();
            assert_eq!(
                old.schema_version().unwrap(),
                from,
                "the backup is the old version"
            );
            assert_eq!(usecases::status(&old, "x").unwrap().duties, 5);
        } else {
            assert!(rep.backup.is_none());
        }
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let t = TestDb::new();
    {
        let c = rusqlite::Connection::open(&t.path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&t.path).unwrap();
    let err = Db::open(&t.path).unwrap_err();
    assert_eq!(err.code(), "db_newer");
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_eq!(std::fs::read(&t.path).unwrap(), before);
}

#[test]
fn a_damaged_database_is_refused_untouched() {
    let t = TestDb::new();
    {
        let mut db = t.open();
        let f = t.file("rota.csv", small_rota());
        usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
        db.checkpoint().unwrap();
    }
    // Overwrite the b-tree header of every page after the first with garbage.
    let mut bytes = std::fs::read(&t.path).unwrap();
    let page = 4096;
    for p in 1..bytes.len() / page {
        for b in &mut bytes[p * page..p * page + 64] {
            *b = 0xA5;
        }
    }
    std::fs::write(&t.path, &bytes).unwrap();
    let err = Db::open(&t.path).unwrap_err();
    assert_eq!(err.code(), "db_corrupt", "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&t.path).unwrap(), bytes);
}

#[test]
fn other_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(
        &text,
        "this is not a database at all, just some text that is long enough to matter",
    )
    .unwrap();
    let before = std::fs::read(&text).unwrap();
    let err = Db::open(&text).unwrap_err();
    assert_eq!(err.code(), "db_not_ours", "{err}");
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other = dir.path().join("other.sqlite3");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE patients (id INTEGER); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let err = Db::open(&other).unwrap_err();
    assert_eq!(err.code(), "db_not_ours", "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn the_audit_trail_is_append_only_and_its_chain_shows_tampering() {
    let t = TestDb::new();
    {
        let mut db = t.open();
        let f = t.file("rota.csv", small_rota());
        usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
        usecases::set_trust_name(&mut db, &ctx(), "Test Trust").unwrap();
        assert!(db.integrity_problems().unwrap().is_empty());
    }
    let c = rusqlite::Connection::open(&t.path).unwrap();
    let e = c
        .execute("UPDATE audit SET detail = '{}' WHERE id = 1", [])
        .unwrap_err();
    assert!(e.to_string().contains("append-only"), "{e}");
    assert!(c.execute("DELETE FROM audit", []).is_err());
    // Someone with the file and a SQLite shell drops the trigger and edits history.
    c.execute_batch(
        "DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{\"rows\":1}' WHERE id = 1;",
    )
    .unwrap();
    drop(c);
    let db = t.open();
    let problems = db.integrity_problems().unwrap();
    assert!(
        problems.iter().any(|p| p.contains("audit row 1")),
        "{problems:?}"
    );
}

#[test]
fn backup_is_a_consistent_standalone_copy() {
    let t = TestDb::new();
    let mut db = t.open();
    let f = t.file("rota.csv", small_rota());
    usecases::import_file(&mut db, &ctx(), &f, &mut |_| {}).unwrap();
    let dest = t.dir.path().join("backups").join("copy.sqlite3");
    db.backup_to(&dest).unwrap();
    let copy = Db::open(&dest).unwrap();
    assert_eq!(usecases::status(&copy, "x").unwrap().duties, 5);
    // Never overwrite a file.
    let err = db.backup_to(&dest).unwrap_err();
    assert_eq!(err.code(), "io");
    let _ = snapshot(&dest);
}
