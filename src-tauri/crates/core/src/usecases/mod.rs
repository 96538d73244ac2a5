//! What a user can do. Every change is one transaction that also appends its audit row; every
//! use case takes the acting user and `now` (see [`Ctx`]) so tests are deterministic.

use crate::error::{Error, Result};
use crate::import::{self, ImportProgress, ParsedRota};
use crate::model::StaffGroup;
use crate::store::{self, append_audit, Db, ImportMeta};
use crate::views::{AppStatus, DutyView, GradeView, ImportSummary, RotaQuery, SiteView, StaffView};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Instant;

mod audit;
mod impact;
mod incidents;
mod requests;
mod rounds;
mod sourcing;
mod users;
mod walkouts;
pub use audit::*;
pub use impact::*;
pub use incidents::*;
pub use requests::*;
pub use rounds::*;
pub use sourcing::*;
pub use users::*;
pub use walkouts::*;

/// Who is acting, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ctx {
    pub user: String,
    pub now: DateTime<Utc>,
}

impl Ctx {
    pub fn new(user: impl Into<String>, now: DateTime<Utc>) -> Ctx {
        Ctx {
            user: user.into(),
            now,
        }
    }

    /// The operating-system login at the present moment.
    pub fn from_env() -> Ctx {
        Ctx::new(os_user(), Utc::now())
    }

    fn now_text(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// Today's date in Europe/London.
    pub fn today(&self) -> NaiveDate {
        self.now
            .with_timezone(&chrono_tz::Europe::London)
            .date_naive()
    }
}

/// The login name of whoever runs the app: USER / USERNAME / LOGNAME, else (on Linux, where a
/// process may be started without them) the name of the process's user id in /etc/passwd.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(passwd_user)
        .unwrap_or_else(|| "unknown".to_string())
}

fn passwd_user() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        (f.nth(1)? == uid).then(|| name.to_string())
    })
}

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads and imports a rota export. All or nothing: on any error the database is unchanged.
pub fn import_file(
    db: &mut Db,
    ctx: &Ctx,
    path: &Path,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let started = Instant::now();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path).map_err(|e| import::ImportError::Read {
        file: name.clone(),
        message: e.to_string(),
    })?;
    import_bytes(db, ctx, &name, &bytes, progress, started)
}

fn import_bytes(
    db: &mut Db,
    ctx: &Ctx,
    name: &str,
    bytes: &[u8],
    progress: &mut dyn FnMut(ImportProgress),
    started: Instant,
) -> Result<ImportSummary> {
    let parsed = import::parse_bytes(name, bytes, progress)?;
    let sha = sha256_hex(bytes);
    let mut summary = import_parsed(db, ctx, &parsed, &sha, progress)?;
    summary.elapsed_ms = started.elapsed().as_millis().min(u32::MAX as u128) as u32;
    Ok(summary)
}

/// Writes an already parsed rota (one transaction with its audit row).
pub fn import_parsed(
    db: &mut Db,
    ctx: &Ctx,
    parsed: &ParsedRota,
    sha256: &str,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let now = ctx.now_text();
    // A first load into an empty rota runs without foreign-key enforcement: it saves SQLite
    // four parent-key look-ups per duty (department, grade, doctor, import), about 5% of the
    // import. Integrity holds by construction: every id and grade code the import writes was
    // inserted or read back from its parent table by this same transaction (`write_import`
    // resolves sites, departments, grades and staff first, and the import row before them),
    // and nothing is deleted. Re-imports, the subtler path, keep enforcement. The pragma
    // cannot change inside a transaction, so it is set around it and put back ON afterwards
    // whatever happened (a failed import included); the database itself stays foreign-keyed.
    if store::has_duties(db.conn())? {
        return write_import_tx(db, ctx, parsed, sha256, &now, progress);
    }
    db.without_foreign_keys(|db| write_import_tx(db, ctx, parsed, sha256, &now, progress))
}

fn write_import_tx(
    db: &mut Db,
    ctx: &Ctx,
    parsed: &ParsedRota,
    sha256: &str,
    now: &str,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, now)?;
    let meta = ImportMeta {
        sha256,
        user_id,
        now,
    };
    let summary = store::write_import(&tx, parsed, &meta, progress)?;
    append_audit(
        &tx,
        user_id,
        now,
        "rota.import",
        "import",
        Some(&summary.import_id.to_string()),
        &json!({
            "file": summary.file_name,
            "sha256": sha256,
            "rows": summary.rows,
            "added": summary.added,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "removed": summary.removed,
            "new_staff": summary.new_staff,
        }),
    )?;
    tx.commit()?;
    Ok(summary)
}

/// Creates the built-in demo trust (8 weeks from the week before today) with a past walkout
/// worked from start to finish (see `demo/story.rs`). Only on an empty database: a user's real
/// rota is never mixed with invented doctors. All or nothing.
pub fn load_demo(
    db: &mut Db,
    ctx: &Ctx,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let started = Instant::now();
    if store::count_duties(db.conn())? > 0 || store::count_staff(db.conn())? > 0 {
        return Err(Error::invalid(
            "database",
            "this database already holds a rota; the demo trust can only be loaded into an empty database (use --db to choose another file)",
        ));
    }
    let first_monday = crate::demo::demo_first_monday(ctx.today());
    let csv = crate::demo::demo_rota_csv(first_monday);
    let parsed = import::parse_bytes("demo-trust.csv", csv.as_bytes(), progress)?;
    let sha = sha256_hex(csv.as_bytes());
    let now = ctx.now_text();
    let before = db.snapshot_in_memory()?;
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    store::set_trust_name(&tx, crate::demo::DEMO_TRUST_NAME, &now)?;
    let meta = ImportMeta {
        sha256: &sha,
        user_id,
        now: &now,
    };
    let mut summary = store::write_import(&tx, &parsed, &meta, progress)?;
    append_audit(
        &tx,
        user_id,
        &now,
        "demo.load",
        "import",
        Some(&summary.import_id.to_string()),
        &json!({ "trust": crate::demo::DEMO_TRUST_NAME, "rows": summary.rows }),
    )?;
    // The rota and the past walkout's story (many use cases, each its own transaction) are all
    // or nothing: on a failure part way the database is put back as it was before the demo.
    tx.commit()?;
    if let Err(e) = crate::demo::write_story(db, first_monday) {
        db.restore_in_memory(&before)?;
        return Err(e);
    }
    summary.elapsed_ms = started.elapsed().as_millis().min(u32::MAX as u128) as u32;
    Ok(summary)
}

/// Sets the trust's name (shown in the window's header and on documents).
pub fn set_trust_name(db: &mut Db, ctx: &Ctx, name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::invalid(
            "name",
            "give the trust's name (1 to 200 characters)",
        ));
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let old = store::trust_name(&tx)?;
    store::set_trust_name(&tx, name, &now)?;
    append_audit(
        &tx,
        user_id,
        &now,
        "trust.rename",
        "trust",
        Some("1"),
        &json!({ "from": old, "to": name }),
    )?;
    tx.commit()?;
    Ok(())
}

/// Moves a grade to another staff group (the trust's grade table). Returns the whole table.
pub fn set_grade_group(
    db: &mut Db,
    ctx: &Ctx,
    grade: &str,
    group: StaffGroup,
) -> Result<Vec<GradeView>> {
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let (code, old) = store::set_grade_group(&tx, grade, group)?;
    if old != group {
        append_audit(
            &tx,
            user_id,
            &now,
            "grade.set_group",
            "grade",
            Some(&code),
            &json!({ "from": old, "to": group }),
        )?;
        tx.commit()?;
    } else {
        drop(tx);
    }
    store::grades(db.conn())
}

/// What the window shows on start.
pub fn status(db: &Db, user: &str) -> Result<AppStatus> {
    let conn = db.conn();
    let range = store::date_range(conn)?;
    Ok(AppStatus {
        db_path: db.path().display().to_string(),
        trust_name: store::trust_name(conn)?,
        staff: store::count_staff(conn)?,
        duties: store::count_duties(conn)?,
        first_date: range.map(|r| r.0),
        last_date: range.map(|r| r.1),
        schema_version: db.schema_version()?,
        user: user.to_string(),
    })
}

pub fn sites(db: &Db) -> Result<Vec<SiteView>> {
    store::sites(db.conn())
}

pub fn rota(db: &Db, q: &RotaQuery) -> Result<Vec<DutyView>> {
    store::rota(db.conn(), q)
}

pub fn staff(db: &Db) -> Result<Vec<StaffView>> {
    store::staff(db.conn())
}

pub fn grades(db: &Db) -> Result<Vec<GradeView>> {
    store::grades(db.conn())
}

/// Writes every live duty as canonical CSV; returns the number of duties.
pub fn export_csv<W: std::io::Write>(db: &Db, w: W) -> Result<u64> {
    store::export_csv(db.conn(), w)
}

/// The latest audit rows, newest first.
pub fn audit_recent(db: &Db, limit: u32) -> Result<Vec<store::AuditEntry>> {
    store::audit_recent(db.conn(), limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk_on(db: &Db) -> bool {
        db.conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get::<_, i64>(0))
            .unwrap()
            == 1
    }

    #[test]
    fn foreign_keys_are_on_again_after_a_first_load_good_or_bad() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("a.sqlite3")).unwrap();
        let ctx = Ctx::new(
            "tester",
            DateTime::from_timestamp(1_735_689_600, 0).unwrap(),
        );
        let mut empty = import::parse_bytes(
            "a.csv",
            crate::demo::demo_rota_csv(ctx.today()).as_bytes(),
            &mut |_| {},
        )
        .unwrap();
        let good = empty.clone();
        empty.rows.clear();
        assert!(import_parsed(&mut db, &ctx, &empty, "sha", &mut |_| {}).is_err());
        assert!(fk_on(&db));
        import_parsed(&mut db, &ctx, &good, "sha", &mut |_| {}).unwrap();
        assert!(fk_on(&db));
        assert!(db.integrity_problems().unwrap().is_empty());
        // A re-import (enforcement kept) changes nothing.
        let again = import_parsed(&mut db, &ctx, &good, "sha", &mut |_| {}).unwrap();
        assert_eq!((again.added, again.updated, again.removed), (0, 0, 0));
        assert!(fk_on(&db));
    }

    #[test]
    fn the_os_user_is_found_without_environment_variables_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(passwd_user().is_some_and(|u| !u.is_empty()));
        }
    }
}
