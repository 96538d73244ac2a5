//! Test support: fresh databases on real files in temp dirs, a fixed clock, file snapshots,
//! and the CLI run in process.

use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};
use strikecover_core::model::StaffGroup;
use strikecover_core::store::Db;
use strikecover_core::usecases::Ctx;
use strikecover_core::walkouts::WalkoutInput;
use tempfile::TempDir;

/// A temporary folder holding a database file (deleted on drop).
pub struct TestDb {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl TestDb {
    /// A new, empty, migrated database on a real file.
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("rota.sqlite3");
        drop(Db::open(&path).expect("open fresh db"));
        TestDb { dir, path }
    }

    pub fn open(&self) -> Db {
        Db::open(&self.path).expect("open db")
    }

    /// Writes `content` to a file in the temp dir and returns its path.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).expect("write file");
        p
    }

    /// The bytes of the database and its WAL, after a checkpoint: what "unchanged" means.
    pub fn snapshot(&self) -> Vec<u8> {
        snapshot(&self.path)
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

/// The database file's bytes after folding the WAL in (so two snapshots compare content, not
/// where SQLite happened to keep it).
pub fn snapshot(path: &Path) -> Vec<u8> {
    {
        let c = rusqlite_checkpoint(path);
        drop(c);
    }
    std::fs::read(path).expect("read db")
}

fn rusqlite_checkpoint(path: &Path) -> Db {
    let db = Db::open(path).expect("open for checkpoint");
    db.checkpoint().expect("checkpoint");
    db
}

/// A fixed acting user and clock: 10:00 on Monday 01/01/2024.
pub fn ctx() -> Ctx {
    Ctx::new(
        "coordinator.test",
        Utc.with_ymd_and_hms(2024, 1, 1, 10, 0, 0).unwrap(),
    )
}

/// Runs the CLI in process; returns (exit code, stdout, stderr).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut full = vec!["strikecover"];
    full.extend_from_slice(args);
    let code = strikecover_cli::run(full, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("utf-8 stdout"),
        String::from_utf8(err).expect("utf-8 stderr"),
    )
}

/// The canonical header.
pub const HEADER: &str = "staff_id,name,grade,department,site,date,start,end,shift_type,shift_code,staff_group,wtr_opt_out";

/// A small valid rota: two doctors, one vacancy, a night over the October clock change.
pub fn small_rota() -> String {
    [
        HEADER,
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,25/10/2024,08:00,17:00,day,SD,,no",
        "1000001,Aisha Khan,ST3,Emergency Department,Northgate,26/10/2024,20:00,08:00,night,N,,no",
        "1000002,Siân Evans,FY2,Emergency Department,Northgate,26/10/2024,08:00,20:30,long_day,LD,,yes",
        ",,ST3,Emergency Department,Northgate,27/10/2024,20:00,08:00,night,N,,",
        "1000003,Tomasz Nowak,Consultant,Obstetrics,Southside,26/10/2024,17:00,09:00,on_call,OC,,no",
    ]
    .join("\n")
        + "\n"
}

/// A date written dd/mm/yyyy.
pub fn uk_date(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y").expect("dd/mm/yyyy")
}

/// Resident doctors, 07:00 on 26/10/2024 to 07:00 on 28/10/2024 (over the October clock
/// change), notice given on 12/10/2024, doctors who have not declared counted as uncovered.
pub fn residents_walkout() -> WalkoutInput {
    WalkoutInput {
        body: "BMA".into(),
        title: "Resident doctors".into(),
        staff_groups: vec![StaffGroup::Resident],
        grades: vec![],
        start_date: uk_date("26/10/2024"),
        start_time: "07:00".into(),
        end_date: uk_date("28/10/2024"),
        end_time: "07:00".into(),
        notice_date: Some(uk_date("12/10/2024")),
        undeclared_uncovered: true,
    }
}
