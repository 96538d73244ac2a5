//! Sourcing commands: `ladder show`, `rules show`, `candidates`, `attempt add|list`,
//! `gap show|fill|release|na`.

use crate::{print, Error};
use clap::Subcommand;
use std::io::Write;
use strikecover_core::sourcing::{
    fmt_rate, AttemptInput, Channel, ContactKind, FillInput, Outcome, ReleaseInput, RungMarkInput,
    SourcingView,
};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};

#[derive(Subcommand, Debug)]
pub enum LadderCommand {
    /// The ladder of staffing sources in force, rung by rung.
    Show,
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// The working-time rules in force: every number with its source.
    Show,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum AttemptCommand {
    /// Log an attempt to find cover for one or more gaps (append-only).
    Add {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        /// A gap, by the duty's id (repeat for a group: one agency call about six nights).
        #[arg(long = "gap", value_name = "DUTY_ID", required = true)]
        gaps: Vec<i64>,
        /// The rung's code (see `ladder show`), e.g. incentive, locum.
        #[arg(long)]
        rung: String,
        /// doctor, agency, bank, trust, manager or other.
        #[arg(long, default_value = "doctor")]
        kind: ContactKind,
        /// Who was asked (an agency, a trust, a manager).
        #[arg(long, default_value = "")]
        asked: String,
        /// A doctor from the rota, by staff number.
        #[arg(long, value_name = "STAFF_NUMBER")]
        staff: Option<String>,
        /// phone, email, text, in_person, bank_system or other.
        #[arg(long)]
        channel: Channel,
        /// Rate offered, pounds an hour.
        #[arg(long, default_value = "")]
        rate: String,
        /// asked, accepted, declined, no_reply, unavailable or partly.
        #[arg(long)]
        outcome: Outcome,
        /// When asked, "dd/mm/yyyy HH:MM" Europe/London (default: now).
        #[arg(long, default_value = "")]
        at: String,
        /// For no_reply: the time an answer was needed by, "dd/mm/yyyy HH:MM".
        #[arg(long, default_value = "")]
        reply_by: String,
        /// For partly: a gap that was accepted (repeat).
        #[arg(long = "accepted", value_name = "DUTY_ID")]
        accepted: Vec<i64>,
        #[arg(long, default_value = "")]
        notes: String,
        /// The attempt this one corrects or answers.
        #[arg(long, value_name = "ATTEMPT_ID")]
        supersedes: Option<i64>,
    },
    /// The attempts logged for a gap (or for a whole walkout), newest first.
    List {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long = "gap", value_name = "DUTY_ID")]
        gaps: Vec<i64>,
    },
}

#[derive(Subcommand, Debug)]
pub enum GapCommand {
    /// A gap's ladder: each rung's state, what is missing, its cover.
    Show {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long = "gap", value_name = "DUTY_ID", required = true)]
        gaps: Vec<i64>,
    },
    /// Fill a gap from a doctor on the rota (--staff) or from outside it (--name, --org).
    Fill {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long, value_name = "DUTY_ID")]
        gap: i64,
        /// The rung the cover came from, e.g. incentive, locum.
        #[arg(long)]
        rung: String,
        #[arg(long, value_name = "STAFF_NUMBER", conflicts_with = "name")]
        staff: Option<String>,
        /// A locum's name, for cover from outside the rota.
        #[arg(long, default_value = "")]
        name: String,
        /// The locum's agency or trust.
        #[arg(long, default_value = "")]
        org: String,
        /// The attempt whose acceptance this records.
        #[arg(long, value_name = "ATTEMPT_ID")]
        attempt: Option<i64>,
        /// Fill even though the doctor breaks a rule, for this reason (recorded, and shown as
        /// a warning on any request).
        #[arg(long = "override", default_value = "", value_name = "REASON")]
        override_reason: String,
    },
    /// Record that a gap's cover fell through.
    Release {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long, value_name = "DUTY_ID")]
        gap: i64,
        #[arg(long)]
        reason: String,
    },
    /// Mark a rung not applicable to gaps, with the reason (--applicable to undo).
    Na {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long = "gap", value_name = "DUTY_ID", required = true)]
        gaps: Vec<i64>,
        #[arg(long)]
        rung: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        applicable: bool,
    },
}

fn staff_id(db: &Db, number: Option<&str>) -> Result<Option<i64>, Error> {
    number
        .map(|n| usecases::staff_id_by_number(db, n))
        .transpose()
}

fn show_sourcing(o: &mut dyn Write, v: &SourcingView) -> std::io::Result<()> {
    for g in &v.gaps {
        let gap = &g.gap;
        writeln!(
            o,
            "Gap {}: {} {}-{} {} {} ({}, {}) - {}",
            gap.duty_id,
            gap.date.format("%d/%m/%Y"),
            gap.start_local,
            gap.end_local,
            gap.shift_type.label(),
            gap.grade,
            gap.department,
            gap.site,
            gap.status.as_str()
        )?;
        for r in &g.rungs {
            writeln!(
                o,
                "  {:<16} {:<45} {}{}",
                r.state.label(),
                r.name,
                if r.required { "" } else { "(optional) " },
                r.detail
            )?;
        }
        if let Some(f) = &g.fill {
            writeln!(
                o,
                "  Covered by {} from {} ({})",
                f.covered_by, f.rung_name, f.filled_at
            )?;
            for v in &f.overridden {
                writeln!(o, "  WARNING rule overridden: {}", v.message)?;
            }
        }
        if g.exhausted {
            writeln!(o, "  Alternatives exhausted.")?;
        } else {
            writeln!(o, "  Still to do: {}", g.missing.join("; "))?;
        }
    }
    Ok(())
}

fn show_attempts(o: &mut dyn Write, v: &SourcingView) -> std::io::Result<()> {
    for a in &v.attempts {
        writeln!(
            o,
            "{:>5} {} {:<40} {}{}{}",
            a.id,
            a.asked_at_local,
            a.rung_name,
            a.summary,
            if a.notes.is_empty() {
                String::new()
            } else {
                format!(" - {}", a.notes)
            },
            match (a.superseded_by, a.supersedes) {
                (Some(by), _) => format!(" [superseded by {by}]"),
                (None, Some(old)) => format!(" [supersedes {old}]"),
                _ => String::new(),
            }
        )?;
    }
    writeln!(o, "{} attempt(s)", v.attempts.len())
}

pub fn ladder(
    db: &Db,
    command: LadderCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        LadderCommand::Show => {
            let l = usecases::ladder(db)?;
            print(out, json, &l, |o| {
                writeln!(
                    o,
                    "Ladder version {} ({}, {})",
                    l.version,
                    l.created_by.as_deref().unwrap_or("built in"),
                    l.created_at
                )?;
                for r in &l.rungs {
                    writeln!(
                        o,
                        "{:>2}. {:<12} {}{}",
                        r.position,
                        r.code,
                        r.name,
                        if r.required { "" } else { " (optional)" }
                    )?;
                }
                Ok(())
            })
        }
    }
}

pub fn rules(db: &Db, command: RulesCommand, out: &mut dyn Write, json: bool) -> Result<(), Error> {
    match command {
        RulesCommand::Show => {
            let r = usecases::rules(db)?;
            print(out, json, &r, |o| {
                writeln!(o, "Rules version {}: {}", r.version, r.note)?;
                for s in &r.settings {
                    writeln!(
                        o,
                        "{:<50} {:>8} {:<10} {:<15} {}",
                        s.label, s.value, s.unit, s.applies_to, s.source
                    )?;
                }
                Ok(())
            })
        }
    }
}

pub fn candidates(
    db: &Db,
    walkout: i64,
    gap: i64,
    all: bool,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    let c = usecases::candidates(db, walkout, gap)?;
    print(out, json, &c, |o| {
        let g = &c.gap;
        writeln!(
            o,
            "Candidates for gap {}: {} {}-{} {} {} ({}, {}); rules version {}",
            g.duty_id,
            g.date.format("%d/%m/%Y"),
            g.start_local,
            g.end_local,
            g.shift_type.label(),
            g.grade,
            g.department,
            g.site,
            c.rules_version
        )?;
        for e in &c.eligible {
            writeln!(
                o,
                "{:>4}. {:<10} {:<28} {:<12} {:<32} {}{}",
                e.rank.unwrap_or(0),
                e.staff_number,
                e.name,
                e.grade,
                e.department.as_deref().unwrap_or(""),
                e.why,
                e.asked
                    .as_deref()
                    .map(|a| format!(" [asked: {a}]"))
                    .unwrap_or_default()
            )?;
        }
        writeln!(
            o,
            "{} eligible, {} left out",
            c.eligible.len(),
            c.excluded.len()
        )?;
        let shown = if all {
            c.excluded.len()
        } else {
            c.excluded.len().min(20)
        };
        for e in &c.excluded[..shown] {
            let why: Vec<&str> = e.reasons.iter().map(|r| r.message.as_str()).collect();
            writeln!(
                o,
                "  out: {:<10} {:<28} {:<12} {}",
                e.staff_number,
                e.name,
                e.grade,
                why.join("; ")
            )?;
        }
        if shown < c.excluded.len() {
            writeln!(
                o,
                "  ... and {} more (--all to list them)",
                c.excluded.len() - shown
            )?;
        }
        Ok(())
    })
}

pub fn attempt(
    db: &mut Db,
    ctx: &Ctx,
    command: AttemptCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        AttemptCommand::Add {
            walkout,
            gaps,
            rung,
            kind,
            asked,
            staff,
            channel,
            rate,
            outcome,
            at,
            reply_by,
            accepted,
            notes,
            supersedes,
        } => {
            let input = AttemptInput {
                duty_ids: gaps,
                rung_code: rung,
                contact_kind: kind,
                asked,
                staff_id: staff_id(db, staff.as_deref())?,
                asked_at: at,
                channel,
                rate,
                outcome,
                reply_by,
                accepted_duty_ids: accepted,
                notes,
                supersedes,
            };
            let v = usecases::attempt_add(db, ctx, walkout, &input)?;
            print(out, json, &v, |o| {
                if let Some(a) = v.attempts.first() {
                    writeln!(
                        o,
                        "Attempt {} logged: {}{}",
                        a.id,
                        a.summary,
                        a.rate_pence_per_hour
                            .map(|p| format!(" at {}/h", fmt_rate(p)))
                            .unwrap_or_default()
                    )?;
                }
                show_sourcing(o, &v)
            })
        }
        AttemptCommand::List { walkout, gaps } => {
            let gaps = if gaps.is_empty() {
                usecases::gaps(db, walkout)?
                    .iter()
                    .map(|g| g.duty_id)
                    .collect()
            } else {
                gaps
            };
            if gaps.is_empty() {
                return print(out, json, &Vec::<()>::new(), |o| {
                    writeln!(o, "This walkout has no gaps.")
                });
            }
            let v = usecases::sourcing_view(db, walkout, &gaps)?;
            print(out, json, &v.attempts, |o| show_attempts(o, &v))
        }
    }
}

pub fn gap(
    db: &mut Db,
    ctx: &Ctx,
    command: GapCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    let v = match command {
        GapCommand::Show { walkout, gaps } => usecases::sourcing_view(db, walkout, &gaps)?,
        GapCommand::Fill {
            walkout,
            gap,
            rung,
            staff,
            name,
            org,
            attempt,
            override_reason,
        } => {
            let input = FillInput {
                duty_id: gap,
                rung_code: rung,
                staff_id: staff_id(db, staff.as_deref())?,
                external_name: name,
                external_org: org,
                attempt_id: attempt,
                override_reason,
            };
            usecases::gap_fill(db, ctx, walkout, &input)?
        }
        GapCommand::Release {
            walkout,
            gap,
            reason,
        } => usecases::gap_release(
            db,
            ctx,
            walkout,
            &ReleaseInput {
                duty_id: gap,
                reason,
            },
        )?,
        GapCommand::Na {
            walkout,
            gaps,
            rung,
            reason,
            applicable,
        } => usecases::rung_mark(
            db,
            ctx,
            walkout,
            &RungMarkInput {
                duty_ids: gaps,
                rung_code: rung,
                not_applicable: !applicable,
                reason,
            },
        )?,
    };
    print(out, json, &v, |o| show_sourcing(o, &v))
}
