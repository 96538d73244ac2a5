//! SQLite storage. The only module that writes SQL.
//!
//! Opening a database: read-only checks first (is it ours, is it newer than us, does it pass
//! `PRAGMA quick_check`), so a file we refuse is left byte for byte as it was; then the pragmas
//! of design.md (WAL, synchronous=FULL, foreign keys, busy timeout); then, if the schema is older
//! than this build, a copy is taken with SQLite's online backup API before migrating.

mod audit;
mod impact;
mod incidents;
mod requests;
mod rota;
mod rota_import;
mod rounds;
mod sourcing;
mod walkouts;

pub(crate) use audit::append_audit;
pub(crate) use audit::{
    find_hash as audit_find_hash, list as audit_list, verify as audit_verify, AuditQuery,
};
pub use audit::{recent as audit_recent, AuditEntry};
pub(crate) use impact::*;
pub(crate) use incidents::*;
pub(crate) use requests::*;
pub(crate) use rota::*;
pub(crate) use rota_import::*;
pub(crate) use rounds::*;
pub(crate) use sourcing::*;
pub(crate) use walkouts::*;

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};
use std::any::Any;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// `PRAGMA application_id` of a Strike Cover database ("SCOV").
pub const APPLICATION_ID: i32 = 0x5343_4F56;

/// Migrations in order; the schema version is the number applied (`PRAGMA user_version`).
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_rota.sql"),
    include_str!("../../migrations/0002_strike.sql"),
    include_str!("../../migrations/0003_sourcing.sql"),
    include_str!("../../migrations/0004_requests.sql"),
    include_str!("../../migrations/0005_incidents.sql"),
    include_str!("../../migrations/0006_audit.sql"),
    include_str!("../../migrations/0007_rounds.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Environment variable naming the database file (the CLI's and the app's `--db` wins over it).
pub const DB_ENV: &str = "STRIKECOVER_DB";

/// An open Strike Cover database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// One derived read model kept between calls (the candidate finder's rota history),
    /// with the fingerprint of the data it was built from.
    cache: RefCell<Option<(String, Arc<dyn Any + Send + Sync>)>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

/// What happened when a database was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub from_version: u32,
    pub to_version: u32,
    /// The copy taken before migrating, if a migration ran on an existing database.
    pub backup: Option<PathBuf>,
}

impl Db {
    /// Opens (creating if needed) and migrates to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Db> {
        Ok(Self::open_reporting(path)?.0)
    }

    /// As [`Db::open`], also saying whether a migration (and a backup) happened.
    pub fn open_reporting(path: &Path) -> Result<(Db, OpenReport)> {
        Self::open_to(path, SCHEMA_VERSION)
    }

    /// Opens and migrates to `target` (at most [`SCHEMA_VERSION`]). Tests use this to build
    /// databases at each earlier version.
    pub fn open_to(path: &Path, target: u32) -> Result<(Db, OpenReport)> {
        assert!(target <= SCHEMA_VERSION);
        let display = path.display().to_string();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let existed = path.exists()
            && std::fs::metadata(path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Io {
            path: display.clone(),
            message: e.to_string(),
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;

        // Read-only checks first: nothing below writes until they pass.
        let (app_id, version) = match read_header(&conn) {
            Ok(v) => v,
            Err(rusqlite::Error::SqliteFailure(e, msg))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(Error::NotOurs {
                    path: display,
                    detail: msg.unwrap_or_else(|| "not an SQLite database".into()),
                })
            }
            Err(e) => {
                return Err(Error::Corrupt {
                    path: display,
                    detail: e.to_string(),
                })
            }
        };
        if existed {
            let tables: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| Error::Corrupt {
                    path: display.clone(),
                    detail: e.to_string(),
                })?;
            if app_id != APPLICATION_ID && (tables > 0 || version > 0) {
                return Err(Error::NotOurs {
                    path: display,
                    detail: "it holds other data (unknown application id)".into(),
                });
            }
            if version > SCHEMA_VERSION {
                return Err(Error::NewerSchema {
                    path: display,
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            quick_check(&conn, &display)?;
        }

        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -65536)?; // 64 MiB: a whole large trust's hot pages
        conn.pragma_update(None, "threads", 2)?; // sorter helper threads for index builds
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            cache: RefCell::new(None),
        };

        let mut backup = None;
        if version < target {
            if existed && version > 0 {
                let dest = backup_path_for(path, version);
                db.backup_to(&dest)?;
                backup = Some(dest);
            }
            db.migrate(version, target)?;
        }
        Ok((
            db,
            OpenReport {
                from_version: version,
                to_version: target.max(version),
                backup,
            },
        ))
    }

    /// Applies migrations `from+1..=to` in one transaction, with foreign-key enforcement off so
    /// a migration may rebuild a table others refer to (SQLite's documented procedure); every
    /// reference is checked with `PRAGMA foreign_key_check` before the commit.
    fn migrate(&mut self, from: u32, to: u32) -> Result<()> {
        let path = self.path.display().to_string();
        self.without_foreign_keys(|db| db.migrate_in_tx(from, to, &path))
    }

    fn migrate_in_tx(&mut self, from: u32, to: u32, path: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (i, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .take(to as usize)
            .skip(from as usize)
        {
            tx.execute_batch(sql).map_err(|e| Error::Corrupt {
                path: path.to_string(),
                detail: format!("migration to version {} failed: {e}", i + 1),
            })?;
        }
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
            .optional()?;
        if let Some(table) = broken {
            return Err(Error::Corrupt {
                path: path.to_string(),
                detail: format!("migration to version {to} left a broken reference in {table}"),
            });
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", to)?;
        tx.commit()?;
        Ok(())
    }

    /// Folds the WAL into the main file (`PRAGMA wal_checkpoint(TRUNCATE)`).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs `f` with foreign-key enforcement off, and puts it back on afterwards whatever
    /// happened. The pragma cannot change inside a transaction, so `f` opens its own. Only for
    /// a first load into an empty rota (see `usecases::import_parsed` for why that is safe).
    pub(crate) fn without_foreign_keys<T>(
        &mut self,
        f: impl FnOnce(&mut Db) -> Result<T>,
    ) -> Result<T> {
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = f(self);
        let restored = self.conn.pragma_update(None, "foreign_keys", "ON");
        let value = result?;
        restored?;
        Ok(value)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Copies the live database to `dest` with SQLite's online backup API (consistent even
    /// while the app is writing). Refuses to overwrite an existing file.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let d = dest.display().to_string();
        if dest.exists() {
            return Err(Error::Io {
                path: d,
                message: "already exists; choose a new file name for the backup".into(),
            });
        }
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.display().to_string(),
                message: e.to_string(),
            })?;
        }
        let mut out = Connection::open(dest).map_err(|e| Error::Io {
            path: d.clone(),
            message: e.to_string(),
        })?;
        {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            b.run_to_completion(1024, Duration::from_millis(0), None)?;
        }
        // A backup is one self-contained file: no WAL beside it.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }

    /// A copy of the whole database in memory, to put back with [`Db::restore_in_memory`] when
    /// a change made of several use cases (the demo trust and its story) fails part way.
    pub(crate) fn snapshot_in_memory(&self) -> Result<Connection> {
        let mut mem = Connection::open_in_memory()?;
        {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut mem)?;
            b.run_to_completion(1024, Duration::from_millis(0), None)?;
        }
        Ok(mem)
    }

    /// Puts back a copy taken with [`Db::snapshot_in_memory`].
    pub(crate) fn restore_in_memory(&mut self, mem: &Connection) -> Result<()> {
        {
            let b = rusqlite::backup::Backup::new(mem, &mut self.conn)?;
            b.run_to_completion(1024, Duration::from_millis(0), None)?;
        }
        self.cache.replace(None);
        Ok(())
    }

    /// Full `PRAGMA integrity_check` plus a foreign-key check. Returns the problems found
    /// (empty when the database is sound).
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            let r = r?;
            if r != "ok" {
                problems.push(r);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok(format!(
                "row {} of table {} refers to a missing row of {}",
                r.get::<_, i64>(1)?,
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            ))
        })?;
        for r in rows {
            problems.push(r?);
        }
        problems.extend(audit::verify_chain(&self.conn)?);
        Ok(problems)
    }

    /// A transaction for one use case. Its audit row is appended with [`append_audit`] before
    /// commit.
    pub(crate) fn tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction()?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The cached value of type `T` if it was built from data with fingerprint `key`;
    /// otherwise builds it with `build`, keeps it (replacing whatever was cached) and returns it.
    pub(crate) fn cached<T: Any + Send + Sync>(
        &self,
        key: &str,
        build: impl FnOnce(&Db) -> Result<T>,
    ) -> Result<Arc<T>> {
        if let Some((k, v)) = self.cache.borrow().as_ref() {
            if k == key {
                if let Ok(v) = Arc::clone(v).downcast::<T>() {
                    return Ok(v);
                }
            }
        }
        let v = Arc::new(build(self)?);
        *self.cache.borrow_mut() = Some((key.to_string(), v.clone()));
        Ok(v)
    }
}

fn read_header(conn: &Connection) -> rusqlite::Result<(i32, u32)> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app_id, version))
}

fn quick_check(conn: &Connection, display: &str) -> Result<()> {
    let res: rusqlite::Result<Vec<String>> = (|| {
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })();
    match res {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(Error::Corrupt {
            path: display.to_string(),
            detail: rows.into_iter().take(5).collect::<Vec<_>>().join("; "),
        }),
        Err(e) => Err(Error::Corrupt {
            path: display.to_string(),
            detail: e.to_string(),
        }),
    }
}

/// Where the pre-migration copy goes: beside the database, named after the old version.
fn backup_path_for(path: &Path, version: u32) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "strikecover.sqlite3".into());
    let mut candidate = path.with_file_name(format!("{name}.v{version}-{stamp}.bak"));
    let mut n = 1;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.v{version}-{stamp}-{n}.bak"));
        n += 1;
    }
    candidate
}

/// The id of the user `username` who is about to change something, created on first use (as a
/// coordinator). A viewer's profile may not change anything.
pub(crate) fn user_id(tx: &Transaction<'_>, username: &str, now: &str) -> Result<i64> {
    if let Some((id, role)) = tx
        .query_row(
            "SELECT id, role FROM users WHERE username = ?1",
            [username],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
    {
        if role == "viewer" {
            return Err(Error::invalid(
                "user",
                format!("{username} has a viewer's profile, which can read but not change anything; ask the medical staffing team to change the role in Settings"),
            ));
        }
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO users (username, display_name, created_at) VALUES (?1, ?1, ?2)",
        (username, now),
    )?;
    Ok(tx.last_insert_rowid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_is_at_current_version_with_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.sqlite3");
        let (db, rep) = Db::open_reporting(&p).unwrap();
        assert_eq!(rep.from_version, 0);
        assert_eq!(rep.to_version, SCHEMA_VERSION);
        assert!(rep.backup.is_none());
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = db
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = db
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = db
            .conn()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        assert!(db.integrity_problems().unwrap().is_empty());
    }
}
