//! `walkout carry` and `walkout contacts`: rounds of a strike.

use crate::print;
use clap::Subcommand;
use std::io::Write;
use strikecover_core::rounds::{ContactInput, ContactListKind};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::Error;

#[derive(Subcommand, Debug)]
pub(crate) enum ContactCommand {
    /// The contacts of a walkout.
    List {
        #[arg(long, value_name = "ID")]
        walkout: i64,
    },
    /// Add a contact to a walkout's list.
    Add {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// agency, bank, trust or other.
        #[arg(long)]
        kind: ContactListKind,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        notes: String,
        /// The ladder rung it belongs to (e.g. locum, mutual_aid).
        #[arg(long, default_value = "")]
        rung: String,
    },
    /// Remove a contact from a walkout's list (it stays in the record, marked removed).
    Remove {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(value_name = "CONTACT_ID")]
        contact: i64,
    },
}

fn list_text(
    o: &mut dyn Write,
    list: &[strikecover_core::rounds::ContactView],
) -> std::io::Result<()> {
    if list.is_empty() {
        return writeln!(o, "No contacts yet (add one with 'walkout contacts add').");
    }
    for c in list {
        writeln!(
            o,
            "{:>4}  {:<20} {:<32} {:<16} {:<28} {}",
            c.id,
            c.kind.label(),
            c.name,
            c.phone,
            c.email,
            c.rung_code.as_deref().unwrap_or("")
        )?;
    }
    Ok(())
}

pub(crate) fn contacts(
    db: &mut Db,
    ctx: &Ctx,
    command: ContactCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    let list = match command {
        ContactCommand::List { walkout } => usecases::contacts(db, walkout)?,
        ContactCommand::Add {
            walkout,
            kind,
            name,
            phone,
            email,
            notes,
            rung,
        } => usecases::contact_add(
            db,
            ctx,
            walkout,
            &ContactInput {
                kind,
                name,
                phone,
                email,
                notes,
                rung_code: rung,
            },
        )?,
        ContactCommand::Remove { walkout, contact } => {
            usecases::contact_remove(db, ctx, walkout, contact)?
        }
    };
    print(out, json, &list, |o| list_text(o, &list))
}

pub(crate) fn carry(db: &Db, previous: i64, out: &mut dyn Write, json: bool) -> Result<(), Error> {
    let p = usecases::walkout_carry_preview(db, previous)?;
    print(out, json, &p, |o| {
        writeln!(
            o,
            "Starting from walkout {} ({}) carries:",
            p.previous_id, p.previous_title
        )?;
        writeln!(
            o,
            "  ladder version {}: {}",
            p.ladder_version,
            p.ladder_rungs
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(" → ")
        )?;
        writeln!(o, "  {} contacts", p.contacts.len())?;
        for c in &p.contacts {
            let from = if c.from_attempts {
                " (asked in its attempts)"
            } else {
                ""
            };
            writeln!(o, "    {}: {}{from}", c.kind.label(), c.name)?;
        }
        writeln!(
            o,
            "  criticality of {} departments; critical: {}",
            p.departments,
            if p.critical_departments.is_empty() {
                "none".to_string()
            } else {
                p.critical_departments.join(", ")
            }
        )?;
        writeln!(o, "  {} request wordings", p.wordings.len())?;
        for w in &p.wordings {
            writeln!(o, "    {w}")?;
        }
        writeln!(
            o,
            "Never carried: attempts, not-applicable marks, fills, intents, gaps, requests, incidents."
        )
    })
}
