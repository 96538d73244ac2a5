//! `strikecover`: the command-line tool over the core, for IT staff and automation (a nightly
//! import of the rota export, backups, integrity checks, the demo trust). Tests drive it in
//! process through [`run`].
//!
//! Walkouts: `walkout create|list`, `intent set|import|list`, `gaps --walkout ID [--csv]`,
//! `sitrep --walkout ID [--csv]`.
//!
//! Sourcing: `ladder show`, `rules show`, `candidates --walkout ID --gap DUTY_ID [--all]`,
//! `attempt add|list`, `gap show|fill|release|na`.
//!
//! Requests: `request propose|build|edit|list|show|check|submit|approve|send|decide|recall|
//! export|verify`; profiles: `user list|add|passphrase`.
//!
//! Incidents: `incident add|edit|list|show`.
//!
//! Impact report: `impact --walkout ID [--csv FILE] [--pdf FILE]`.
//!
//! Audit trail: `audit verify [--anchor HASH]` (exit 1 when broken), `audit list` with
//! `--walkout`, `--gap`, `--request`, `--by`, `--from`, `--to`, `--limit`, `--before`.
//!
//! Exit codes: 0 done; 1 the input was refused (nothing changed); 2 usage error; 3 the database
//! cannot be used (damaged, newer, not ours); 4 an input/output failure.

mod audit;
mod impact;
mod incidents;
mod requests;
mod rounds;
mod sourcing;

use clap::{Parser, Subcommand};
use serde::Serialize;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use strikecover_core::demo::{write_synthetic_csv, SynthParams};
use strikecover_core::model::StaffGroup;
use strikecover_core::store::{Db, DB_ENV};
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::{Intent, WalkoutInput};
use strikecover_core::Error;

#[derive(Parser, Debug)]
#[command(
    name = "strikecover",
    version,
    about = "Strike Cover: rota and strike-cover tool for NHS trusts (command line)"
)]
struct Cli {
    /// Database file (default: $STRIKECOVER_DB, else the app's database in the local data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Machine-readable JSON on standard output.
    #[arg(long, global = true)]
    json: bool,
    /// The user recorded in the audit trail (default: the operating-system login).
    #[arg(long, global = true, value_name = "NAME")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Import a rota export (CSV or .xlsx). All or nothing: one bad row and nothing is imported.
    Import {
        file: PathBuf,
        /// Only read and check the file; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export every duty as CSV in the import format (to standard output, or --out FILE).
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Copy the database to DEST with SQLite's online backup (safe while the app runs).
    Backup { dest: PathBuf },
    /// Full integrity check: SQLite's, foreign keys and the audit chain.
    Check,
    /// Create the built-in demo trust in an empty database.
    Demo,
    /// What the database holds.
    Status,
    /// Write a large synthetic trust's rota as CSV (for benchmarks and load tests; invented
    /// people). Defaults: 2,500 doctors, 60 departments, 3 sites, 52 weeks.
    Synth {
        out: PathBuf,
        #[arg(long, default_value_t = 2500)]
        doctors: u32,
        #[arg(long, default_value_t = 60)]
        departments: u32,
        #[arg(long, default_value_t = 3)]
        sites: u32,
        #[arg(long, default_value_t = 52)]
        weeks: u32,
        /// First Monday, dd/mm/yyyy (default: 06/01/2025).
        #[arg(long, value_parser = parse_uk_date)]
        from: Option<chrono::NaiveDate>,
    },
    /// Walkouts (strikes): create one, list them.
    Walkout {
        #[command(subcommand)]
        command: WalkoutCommand,
    },
    /// Doctors' intents for a walkout (striking, working, not declared).
    Intent {
        #[command(subcommand)]
        command: IntentCommand,
    },
    /// The duties a walkout leaves uncovered, as a table (or CSV with --csv).
    Gaps {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// CSV on standard output.
        #[arg(long)]
        csv: bool,
    },
    /// The daily situation report of a walkout (staff due to work, staff taking action).
    Sitrep {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// CSV on standard output.
        #[arg(long)]
        csv: bool,
    },
    /// The ladder of staffing sources.
    Ladder {
        #[command(subcommand)]
        command: sourcing::LadderCommand,
    },
    /// The working-time rules the candidate finder applies.
    Rules {
        #[command(subcommand)]
        command: sourcing::RulesCommand,
    },
    /// Who could legally cover a gap, best first, and why each other doctor is left out.
    Candidates {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// The gap, by the duty's id (see `gaps`).
        #[arg(long, value_name = "DUTY_ID")]
        gap: i64,
        /// List every doctor left out (default: the first 20).
        #[arg(long)]
        all: bool,
    },
    /// The attempt log: add an attempt, list them.
    Attempt {
        #[command(subcommand)]
        command: sourcing::AttemptCommand,
    },
    /// A gap's sourcing: show its ladder, fill it, release a fill, mark a rung not applicable.
    Gap {
        #[command(subcommand)]
        command: sourcing::GapCommand,
    },
    /// Derogation requests: build, check, approve, send, decide, recall, export, verify.
    Request {
        #[command(subcommand)]
        command: requests::RequestCommand,
    },
    /// Patient safety incidents of a walkout: log, change (a new version), list, show.
    Incident {
        #[command(subcommand)]
        command: incidents::IncidentCommand,
    },
    /// Local user profiles: roles and passphrases.
    User {
        #[command(subcommand)]
        command: requests::UserCommand,
    },
    /// The audit trail: verify its hash chain, list it in plain English.
    Audit {
        #[command(subcommand)]
        command: audit::AuditCommand,
    },
    /// The impact report of a walkout (request outcomes, decision times, short shifts and
    /// incidents, cover by source, situation report); save it with --csv FILE and/or --pdf FILE.
    Impact {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// Save the report as CSV (safe to open in a spreadsheet).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Save the report as an A4 PDF.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum WalkoutCommand {
    /// Create a walkout. It starts at --from (07:00 unless --from-time) and ends either at the
    /// start time on the day after --last-day, or at --end-date/--end-time.
    Create {
        /// The body taking action: BMA, HCSA, RCN or other.
        #[arg(long)]
        body: String,
        /// A short name (default: "<body> action from <first day>").
        #[arg(long, default_value = "")]
        title: String,
        /// A staff group affected (resident, consultant, sas, other); repeat for several.
        #[arg(long = "group", value_name = "GROUP")]
        groups: Vec<StaffGroup>,
        /// A grade affected (as in the grade table); repeat for several.
        #[arg(long = "grade", value_name = "GRADE")]
        grades: Vec<String>,
        /// First day, dd/mm/yyyy.
        #[arg(long, value_parser = parse_uk_date)]
        from: chrono::NaiveDate,
        #[arg(long, default_value = "07:00", value_name = "HH:MM")]
        from_time: String,
        /// Last day of action, dd/mm/yyyy: the walkout ends at the start time the day after.
        #[arg(long, value_parser = parse_uk_date, conflicts_with = "end_date")]
        last_day: Option<chrono::NaiveDate>,
        /// The day the walkout ends, dd/mm/yyyy (with --end-time, default 07:00).
        #[arg(long, alias = "to", value_parser = parse_uk_date)]
        end_date: Option<chrono::NaiveDate>,
        #[arg(long, alias = "to-time", value_name = "HH:MM", requires = "end_date")]
        end_time: Option<String>,
        /// The date notice was given, dd/mm/yyyy.
        #[arg(long, value_parser = parse_uk_date)]
        notice: Option<chrono::NaiveDate>,
        /// Count doctors who have not declared as covered (by default they count as uncovered).
        #[arg(long)]
        undeclared_covered: bool,
        /// Start from a previous walkout (its id): carry over its ladder, contacts, department
        /// criticality and request wording, never its attempts.
        #[arg(long, value_name = "ID")]
        from_walkout: Option<i64>,
    },
    /// What starting a walkout from a previous one would carry over.
    Carry {
        /// The previous walkout's id.
        #[arg(value_name = "ID")]
        previous: i64,
    },
    /// A walkout's contact list: agencies, the bank, neighbouring trusts.
    Contacts {
        #[command(subcommand)]
        command: rounds::ContactCommand,
    },
    /// List the walkouts, the latest first.
    List,
}

#[derive(Subcommand, Debug)]
enum IntentCommand {
    /// Record one intent for one or more doctors, by staff number.
    Set {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// striking, working or undeclared.
        #[arg(long)]
        intent: Intent,
        #[arg(required = true, value_name = "STAFF_NUMBER")]
        staff: Vec<String>,
    },
    /// Import intents from a CSV or .xlsx file with the columns staff_id and intent. All or
    /// nothing: one bad row and nothing is recorded.
    Import {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        file: PathBuf,
    },
    /// The affected doctors of a walkout and their intents.
    List {
        #[arg(long, value_name = "ID")]
        walkout: i64,
    },
}

fn parse_uk_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .map_err(|_| format!("'{s}' is not a date: use dd/mm/yyyy"))
}

/// The default database location, shared with the desktop app (same identifier).
pub fn default_db_path() -> Option<PathBuf> {
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    }?;
    Some(
        base.join("org.strikecover.desktop")
            .join("strikecover.sqlite3"),
    )
}

fn exit_code(e: &Error) -> i32 {
    match e {
        Error::Import(_) | Error::Invalid { .. } | Error::NotFound { .. } => 1,
        Error::Corrupt { .. }
        | Error::NewerSchema { .. }
        | Error::NotOurs { .. }
        | Error::Db(_)
        | Error::Json(_) => 3,
        Error::Io { .. } => 4,
    }
}

#[derive(Serialize)]
struct JsonError<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    rows: &'a [strikecover_core::import::RowError],
}

/// Runs the CLI with `args` (the first is the program name). Returns the exit code.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = e.render().to_string();
            if code == 0 {
                let _ = write!(out, "{text}");
            } else {
                let _ = write!(err, "{text}");
            }
            return code;
        }
    };
    let json = cli.json;
    match execute(cli, out) {
        Ok(()) => 0,
        Err(e) => {
            // `audit verify` has already printed its (broken) result.
            if json && e.field() != Some(audit::REPORTED) {
                let j = JsonError {
                    code: e.code(),
                    message: e.to_string(),
                    rows: e.row_errors(),
                };
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&j).unwrap_or_default()
                );
            }
            let _ = writeln!(err, "strikecover: error: {e}");
            for r in e.row_errors() {
                let _ = writeln!(
                    err,
                    "  row {}, column {}: {} (value: {:?})",
                    r.row, r.column, r.message, r.value
                );
            }
            exit_code(&e)
        }
    }
}

fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, Error> {
    cli_db
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_db_path)
        .ok_or_else(|| {
            Error::invalid(
                "--db",
                "no database given and no home directory to find the default: pass --db PATH",
            )
        })
}

pub(crate) fn print<T: Serialize>(
    out: &mut dyn Write,
    json: bool,
    value: &T,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: "standard output".into(),
        message: e.to_string(),
    };
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(value)?).map_err(io)
    } else {
        text(out).map_err(io)
    }
}

fn execute(cli: Cli, out: &mut dyn Write) -> Result<(), Error> {
    let ctx = match cli.user {
        Some(u) => Ctx::new(u, chrono::Utc::now()),
        None => Ctx::from_env(),
    };
    let json = cli.json;
    if let Command::Import {
        file,
        dry_run: true,
    } = &cli.command
    {
        let parsed = strikecover_core::import::parse_file(file, &mut |_| {})?;
        let v = serde_json::json!({ "file": parsed.file_name, "rows": parsed.rows.len(), "encoding": parsed.encoding, "ok": true });
        return print(out, json, &v, |o| {
            writeln!(
                o,
                "{}: {} rows, {}; no problems found (nothing written)",
                parsed.file_name,
                parsed.rows.len(),
                parsed.encoding
            )
        });
    }
    if let Command::Synth {
        out: file,
        doctors,
        departments,
        sites,
        weeks,
        from,
    } = &cli.command
    {
        let mut p =
            SynthParams::large(from.unwrap_or_else(|| {
                chrono::NaiveDate::from_ymd_opt(2025, 1, 6).expect("valid date")
            }));
        p.doctors = *doctors;
        p.departments = *departments;
        p.sites = *sites;
        p.weeks = *weeks;
        if p.doctors == 0
            || p.departments == 0
            || p.sites == 0
            || p.weeks == 0
            || p.sites > p.departments
        {
            return Err(Error::invalid("synth", "doctors, departments, sites and weeks must be positive, with no more sites than departments"));
        }
        let w = create_new(file)?;
        let stats = write_synthetic_csv(w, &p).map_err(|e| Error::Io {
            path: file.display().to_string(),
            message: e.to_string(),
        })?;
        let v = serde_json::json!({ "file": file.display().to_string(), "rows": stats.rows, "doctors": stats.doctors, "vacancies": stats.vacancies, "bytes": stats.bytes });
        return print(out, json, &v, |o| {
            writeln!(
                o,
                "Wrote {} rows ({} doctors, {} vacant) to {}",
                stats.rows,
                stats.doctors,
                stats.vacancies,
                file.display()
            )
        });
    }
    let path = db_path(cli.db)?;
    let mut db = Db::open(&path)?;
    match cli.command {
        Command::Import { file, .. } => {
            let s = usecases::import_file(&mut db, &ctx, &file, &mut |_| {})?;
            print(out, json, &s, |o| {
                writeln!(
                    o,
                    "Imported {} ({}, {}) into {}",
                    s.file_name,
                    s.rows,
                    s.encoding,
                    path.display()
                )?;
                writeln!(
                    o,
                    "  {} doctors, {} shifts, {} vacant, {} departments on {} sites, {} to {}",
                    s.doctors,
                    s.shifts,
                    s.vacancies,
                    s.departments,
                    s.sites,
                    s.first_date.format("%d/%m/%Y"),
                    s.last_date.format("%d/%m/%Y")
                )?;
                writeln!(
                    o,
                    "  added {}, updated {}, unchanged {}, removed {}, new staff {} ({} ms)",
                    s.added, s.updated, s.unchanged, s.removed, s.new_staff, s.elapsed_ms
                )?;
                for c in &s.changes {
                    if c.row > 0 {
                        writeln!(o, "  row {}: {}: {}", c.row, c.duty, c.change)?;
                    } else {
                        writeln!(o, "  {}: {}", c.duty, c.change)?;
                    }
                }
                Ok(())
            })
        }
        Command::Export { out: file } => match file {
            Some(f) => {
                let w = create_new(&f)?;
                let n = usecases::export_csv(&db, std::io::BufWriter::new(w))?;
                let v = serde_json::json!({ "file": f.display().to_string(), "duties": n });
                print(out, json, &v, |o| {
                    writeln!(o, "Exported {n} duties to {}", f.display())
                })
            }
            None => {
                usecases::export_csv(&db, &mut *out)?;
                Ok(())
            }
        },
        Command::Backup { dest } => {
            db.backup_to(&dest)?;
            let v = serde_json::json!({ "backup": dest.display().to_string() });
            print(out, json, &v, |o| {
                writeln!(o, "Backed up {} to {}", path.display(), dest.display())
            })
        }
        Command::Check => {
            let problems = db.integrity_problems()?;
            let v = serde_json::json!({ "ok": problems.is_empty(), "problems": problems });
            print(out, json, &v, |o| {
                if problems.is_empty() {
                    writeln!(o, "{}: ok", path.display())
                } else {
                    for p in &problems {
                        writeln!(o, "{p}")?;
                    }
                    Ok(())
                }
            })?;
            if problems.is_empty() {
                Ok(())
            } else {
                Err(Error::Corrupt {
                    path: path.display().to_string(),
                    detail: format!("{} problem(s)", problems.len()),
                })
            }
        }
        Command::Demo => {
            let s = usecases::load_demo(&mut db, &ctx, &mut |_| {})?;
            print(out, json, &s, |o| {
                writeln!(
                    o,
                    "Demo trust created in {}: {} doctors, {} shifts ({} vacant), {} departments, {} to {}",
                    path.display(),
                    s.doctors,
                    s.shifts,
                    s.vacancies,
                    s.departments,
                    s.first_date.format("%d/%m/%Y"),
                    s.last_date.format("%d/%m/%Y")
                )
            })
        }
        Command::Synth { .. } => unreachable!("handled above"),
        Command::Walkout { command } => walkout_command(&mut db, &ctx, command, out, json),
        Command::Intent { command } => intent_command(&mut db, &ctx, command, out, json),
        Command::Gaps { walkout, csv } => gaps_command(&db, walkout, csv, out, json),
        Command::Sitrep { walkout, csv } => sitrep_command(&db, walkout, csv, out, json),
        Command::Ladder { command } => sourcing::ladder(&db, command, out, json),
        Command::Rules { command } => sourcing::rules(&db, command, out, json),
        Command::Candidates { walkout, gap, all } => {
            sourcing::candidates(&db, walkout, gap, all, out, json)
        }
        Command::Attempt { command } => sourcing::attempt(&mut db, &ctx, command, out, json),
        Command::Gap { command } => sourcing::gap(&mut db, &ctx, command, out, json),
        Command::Request { command } => requests::request(&mut db, &ctx, command, out, json),
        Command::User { command } => requests::user(&mut db, &ctx, command, out, json),
        Command::Incident { command } => incidents::incident(&mut db, &ctx, command, out, json),
        Command::Audit { command } => audit::audit(&db, command, out, json),
        Command::Impact { walkout, csv, pdf } => {
            impact::impact(&mut db, &ctx, walkout, csv, pdf, out, json)
        }
        Command::Status => {
            let s = usecases::status(&db, &ctx.user)?;
            print(out, json, &s, |o| {
                writeln!(o, "Database: {} (schema {})", s.db_path, s.schema_version)?;
                writeln!(
                    o,
                    "Trust: {}",
                    s.trust_name.as_deref().unwrap_or("(not named)")
                )?;
                writeln!(o, "Staff: {}, duties: {}", s.staff, s.duties)?;
                if let (Some(a), Some(b)) = (s.first_date, s.last_date) {
                    writeln!(
                        o,
                        "Dates: {} to {}",
                        a.format("%d/%m/%Y"),
                        b.format("%d/%m/%Y")
                    )?;
                }
                Ok(())
            })
        }
    }
}

fn walkout_line(w: &strikecover_core::walkouts::WalkoutView) -> String {
    let mut scope: Vec<String> = w.staff_groups.iter().map(|g| g.to_string()).collect();
    scope.extend(w.grades.iter().cloned());
    format!(
        "{:>4}  {:<6} {:<32} {} to {}  {:<20} affected {:>5}, striking {:>5}, working {:>5}, not declared {:>5}",
        w.id,
        w.body,
        w.title,
        w.start_local,
        w.end_local,
        scope.join(", "),
        w.affected_staff,
        w.striking,
        w.working,
        w.undeclared
    )
}

fn walkout_command(
    db: &mut Db,
    ctx: &Ctx,
    command: WalkoutCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        WalkoutCommand::Create {
            body,
            title,
            groups,
            grades,
            from,
            from_time,
            last_day,
            end_date,
            end_time,
            notice,
            undeclared_covered,
            from_walkout,
        } => {
            let (end_date, end_time) = match (last_day, end_date) {
                (Some(last), _) => (last + chrono::Duration::days(1), from_time.clone()),
                (None, Some(end)) => (end, end_time.unwrap_or_else(|| "07:00".into())),
                (None, None) => {
                    return Err(Error::invalid(
                        "--last-day",
                        "say when the walkout ends: --last-day dd/mm/yyyy (the last day of action), or --end-date dd/mm/yyyy [--end-time HH:MM]",
                    ))
                }
            };
            let input = WalkoutInput {
                body,
                title,
                staff_groups: groups,
                grades,
                start_date: from,
                start_time: from_time,
                end_date,
                end_time,
                notice_date: notice,
                undeclared_uncovered: !undeclared_covered,
            };
            let w = match from_walkout {
                Some(previous) => usecases::walkout_create_from(db, ctx, previous, &input)?,
                None => usecases::walkout_create(db, ctx, &input)?,
            };
            print(out, json, &w, |o| {
                writeln!(
                    o,
                    "Walkout {} created: {} ({} to {}), {} doctors affected",
                    w.id, w.title, w.start_local, w.end_local, w.affected_staff
                )?;
                if let (Some(p), Some(t), Some(v)) =
                    (w.previous_id, &w.previous_title, w.ladder_version)
                {
                    writeln!(o, "Started from walkout {p} ({t}); uses ladder version {v}")?;
                }
                Ok(())
            })
        }
        WalkoutCommand::Carry { previous } => rounds::carry(db, previous, out, json),
        WalkoutCommand::Contacts { command } => rounds::contacts(db, ctx, command, out, json),
        WalkoutCommand::List => {
            let list = usecases::walkouts(db)?;
            print(out, json, &list, |o| {
                if list.is_empty() {
                    return writeln!(o, "No walkouts yet (create one with 'walkout create').");
                }
                for w in &list {
                    writeln!(o, "{}", walkout_line(w))?;
                }
                Ok(())
            })
        }
    }
}

fn intent_command(
    db: &mut Db,
    ctx: &Ctx,
    command: IntentCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        IntentCommand::Set {
            walkout,
            intent,
            staff,
        } => {
            let list = usecases::intent_set_by_number(db, ctx, walkout, &staff, intent)?;
            let w = usecases::walkout(db, walkout)?;
            print(out, json, &list, |o| {
                writeln!(
                    o,
                    "{} doctor(s) set to {intent} in walkout {walkout}: now {} striking, {} working, {} not declared of {} affected",
                    staff.len(),
                    w.striking,
                    w.working,
                    w.undeclared,
                    w.affected_staff
                )
            })
        }
        IntentCommand::Import { walkout, file } => {
            let s = usecases::intent_import(db, ctx, walkout, &file)?;
            print(out, json, &s, |o| {
                writeln!(
                    o,
                    "Imported {} intent(s) from {} into walkout {walkout}: {} striking, {} working, {} not declared",
                    s.rows,
                    file.display(),
                    s.striking,
                    s.working,
                    s.undeclared
                )
            })
        }
        IntentCommand::List { walkout } => {
            let list = usecases::intents(db, walkout)?;
            print(out, json, &list, |o| {
                for i in &list {
                    writeln!(
                        o,
                        "{:<10} {:<28} {:<12} {:<40} {}",
                        i.staff_number,
                        i.name,
                        i.grade,
                        i.main_department.as_deref().unwrap_or(""),
                        i.intent
                    )?;
                }
                writeln!(o, "{} affected doctor(s)", list.len())
            })
        }
    }
}

fn gaps_command(
    db: &Db,
    walkout: i64,
    csv: bool,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    if csv {
        usecases::gaps_csv(db, walkout, &mut *out)?;
        return Ok(());
    }
    let gaps = usecases::gaps(db, walkout)?;
    print(out, json, &gaps, |o| {
        for g in &gaps {
            writeln!(
                o,
                "{} {}-{} {:>5.1} h{} {:<40} {:<12} {:<30} {:<10} {}{}",
                g.date.format("%d/%m/%Y"),
                g.start_local,
                g.end_local,
                g.overlap_hours,
                if g.night { " night" } else { "      " },
                format!(
                    "{}{} ({})",
                    if g.critical { "* " } else { "" },
                    g.department,
                    g.site
                ),
                g.grade,
                match (&g.staff_number, &g.staff_name) {
                    (Some(n), Some(name)) => format!("{n} {name}"),
                    (Some(n), None) => n.clone(),
                    _ => "(vacant)".into(),
                },
                g.reason.as_str(),
                g.status.as_str(),
                g.note
                    .as_deref()
                    .map(|n| format!(" (by hand: {n})"))
                    .unwrap_or_default()
            )?;
        }
        writeln!(o, "{} uncovered duties (* critical department)", gaps.len())
    })
}

fn sitrep_command(
    db: &Db,
    walkout: i64,
    csv: bool,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    if csv {
        usecases::sitrep_csv(db, walkout, &mut *out)?;
        return Ok(());
    }
    let d = usecases::dashboard(db, walkout)?;
    print(out, json, &d.sitrep, |o| {
        writeln!(o, "{}", d.walkout.title)?;
        writeln!(
            o,
            "{:<10} {:>9} {:>13} {:>12} {:>13}",
            "Date", "Staff due", "Taking action", "Not declared", "Vacant shifts"
        )?;
        for s in &d.sitrep {
            writeln!(
                o,
                "{:<10} {:>9} {:>13} {:>12} {:>13}",
                s.date.format("%d/%m/%Y"),
                s.staff_due,
                s.staff_taking_action,
                s.undeclared,
                s.vacant_shifts
            )?;
        }
        Ok(())
    })
}

fn create_new(f: &Path) -> Result<std::fs::File, Error> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(f)
        .map_err(|e| Error::Io {
            path: f.display().to_string(),
            message: if e.kind() == std::io::ErrorKind::AlreadyExists {
                "already exists; choose a new file name".into()
            } else {
                e.to_string()
            },
        })
}
