//! `audit verify` and `audit list`: the tamper-evident audit trail, in plain English.

use crate::{parse_uk_date, print};
use clap::Subcommand;
use std::io::Write;
use strikecover_core::audit::{AuditFilter, AuditVerifyView};
use strikecover_core::store::Db;
use strikecover_core::usecases;
use strikecover_core::Error;

/// The field of the error `audit verify` returns after printing a broken result: `run` does not
/// print it again as JSON, so `--json` output stays one document.
pub(crate) const REPORTED: &str = "audit trail";

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Walk the hash chain and report the first row where it breaks (exit code 1 if broken).
    Verify {
        /// Also check that this SHA-256 (printed on an issued document, or a head hash written
        /// down earlier) is still in the trail, in a row the chain verifies up to.
        #[arg(long, value_name = "HASH")]
        anchor: Option<String>,
    },
    /// The audit trail in plain English, newest first.
    List {
        #[arg(long, value_name = "ID")]
        walkout: Option<i64>,
        /// A gap, by its duty's id (see `gaps`).
        #[arg(long, value_name = "DUTY_ID")]
        gap: Option<i64>,
        #[arg(long, value_name = "ID")]
        request: Option<i64>,
        /// Only rows written by this username (`--user` is the global acting user).
        #[arg(long, value_name = "USERNAME")]
        by: Option<String>,
        /// First day, dd/mm/yyyy.
        #[arg(long, value_parser = parse_uk_date)]
        from: Option<chrono::NaiveDate>,
        /// Last day, dd/mm/yyyy.
        #[arg(long, value_parser = parse_uk_date)]
        to: Option<chrono::NaiveDate>,
        /// How many rows (default 100, at most 1,000).
        #[arg(long, default_value_t = usecases::AUDIT_PAGE)]
        limit: u32,
        /// Only rows older than this id (the next page).
        #[arg(long, value_name = "ID")]
        before: Option<i64>,
        /// Also print each row's action and details as stored.
        #[arg(long)]
        raw: bool,
    },
}

fn rows(n: u64) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

fn verify_text(o: &mut dyn Write, v: &AuditVerifyView) -> std::io::Result<()> {
    match &v.first_break {
        None => writeln!(
            o,
            "Audit trail intact: {} checked ({} written before the upgrade to the current scheme); head row {}, hash {}",
            rows(v.rows_checked),
            v.legacy_rows,
            v.head_id.unwrap_or(0),
            v.head_hash.as_deref().unwrap_or("-")
        )?,
        Some(b) => {
            writeln!(o, "Audit trail BROKEN at row {}: {}", b.row_id, b.kind.label())?;
            writeln!(o, "  {}", b.explanation)?;
            writeln!(
                o,
                "  {} verified before the break; head record: row {}, hash {}",
                rows(v.rows_checked),
                v.head_id.map_or("-".into(), |h| h.to_string()),
                v.head_hash.as_deref().unwrap_or("-")
            )?;
        }
    }
    if let Some(a) = &v.anchor {
        writeln!(
            o,
            "Anchor {}: {}",
            a.hash,
            if a.ok {
                "in the trail"
            } else {
                "NOT confirmed"
            }
        )?;
        writeln!(o, "  {}", a.explanation)?;
    }
    Ok(())
}

pub fn audit(db: &Db, command: AuditCommand, out: &mut dyn Write, json: bool) -> Result<(), Error> {
    match command {
        AuditCommand::Verify { anchor } => {
            let v = usecases::audit_verify(db, anchor.as_deref())?;
            print(out, json, &v, |o| verify_text(o, &v))?;
            if v.ok {
                Ok(())
            } else {
                let what = match (&v.first_break, &v.anchor) {
                    (Some(b), _) => format!("broken at row {} (see above)", b.row_id),
                    (None, Some(a)) => format!("the anchor is not confirmed: {}", a.explanation),
                    (None, None) => "not verified".into(),
                };
                Err(Error::invalid(REPORTED, what))
            }
        }
        AuditCommand::List {
            walkout,
            gap,
            request,
            by,
            from,
            to,
            limit,
            before,
            raw,
        } => {
            let filter = AuditFilter {
                walkout_id: walkout,
                duty_id: gap,
                request_id: request,
                user: by,
                from: from.map(|d| d.format("%d/%m/%Y").to_string()),
                to: to.map(|d| d.format("%d/%m/%Y").to_string()),
                limit: Some(limit),
                before_id: before,
            };
            let page = usecases::audit_list(db, &filter)?;
            print(out, json, &page, |o| {
                if page.entries.is_empty() {
                    writeln!(o, "No audit rows match.")?;
                }
                for e in &page.entries {
                    writeln!(o, "{:>6}  {}  {} {}", e.id, e.when, e.user_name, e.summary)?;
                    if let Some(sha) = &e.document_sha256 {
                        writeln!(o, "        document SHA-256 {sha}")?;
                    }
                    if raw {
                        writeln!(o, "        {} {}", e.action, e.detail)?;
                    }
                }
                if let Some(b) = page.next_before {
                    writeln!(o, "More: --before {b}")?;
                }
                Ok(())
            })
        }
    }
}
