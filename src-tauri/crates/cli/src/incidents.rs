//! Incident commands: `incident add|edit|list|show`.

use crate::{print, Error};
use clap::Subcommand;
use std::io::Write;
use strikecover_core::incidents::{Harm, IncidentInput, IncidentView};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};

#[derive(Subcommand, Debug)]
pub enum IncidentCommand {
    /// Log a patient safety incident of a walkout.
    Add {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[command(flatten)]
        fields: Fields,
    },
    /// Change an incident: a new version with --reason (the earlier versions are kept).
    /// Options not given keep their current value.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: Fields,
        /// Remove the link to a shift.
        #[arg(long, conflicts_with = "gap")]
        no_gap: bool,
        /// Remove the link to a request.
        #[arg(long, conflicts_with = "request")]
        no_request: bool,
        /// Why the incident is changed (required).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// The incidents of a walkout (their current versions).
    List {
        #[arg(long, value_name = "ID")]
        walkout: i64,
    },
    /// One incident with every version.
    Show { id: i64 },
}

/// An incident's fields, as options.
#[derive(clap::Args, Debug)]
pub struct Fields {
    /// When it happened, "dd/mm/yyyy HH:MM" (Europe/London).
    #[arg(long)]
    at: Option<String>,
    /// The department: its id or its name (as in the rota).
    #[arg(long)]
    department: Option<String>,
    /// The gap it relates to, by the duty's id (see `gaps`).
    #[arg(long, value_name = "DUTY_ID")]
    gap: Option<i64>,
    /// The request it relates to: its id or reference (DR-4).
    #[arg(long)]
    request: Option<String>,
    /// The LFPSE or Datix reference.
    #[arg(long)]
    reference: Option<String>,
    /// none, low, moderate, severe or death.
    #[arg(long)]
    harm: Option<Harm>,
    /// It was a near miss (reached no patient).
    #[arg(long)]
    near_miss: bool,
    /// Edit: it was not a near miss after all.
    #[arg(long, conflicts_with = "near_miss")]
    not_near_miss: bool,
    /// What happened.
    #[arg(long)]
    description: Option<String>,
}

fn department_id(db: &Db, text: &str) -> Result<i64, Error> {
    let t = text.trim();
    if let Ok(id) = t.parse::<i64>() {
        return Ok(id);
    }
    let mut found = Vec::new();
    for s in usecases::sites(db)? {
        for d in &s.departments {
            if d.name.eq_ignore_ascii_case(t)
                || format!("{}, {}", d.name, s.name).eq_ignore_ascii_case(t)
            {
                found.push((d.id, format!("{}, {}", d.name, s.name)));
            }
        }
    }
    match found.len() {
        1 => Ok(found[0].0),
        0 => Err(Error::invalid(
            "department",
            format!("there is no department called '{t}'; give its id or name as in the rota"),
        )),
        _ => Err(Error::invalid(
            "department",
            format!(
                "'{t}' names several departments ({}); give \"NAME, SITE\" or the id",
                found
                    .iter()
                    .map(|f| f.1.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )),
    }
}

fn request_id(text: &str) -> Result<i64, Error> {
    let t = text.trim();
    let digits = t
        .strip_prefix("DR-")
        .or_else(|| t.strip_prefix("dr-"))
        .unwrap_or(t);
    digits.parse().map_err(|_| {
        Error::invalid(
            "request",
            format!("'{t}' is not a request: give its id or reference, e.g. DR-4"),
        )
    })
}

fn show(o: &mut dyn Write, v: &IncidentView) -> std::io::Result<()> {
    writeln!(o, "Incident {} ({})", v.id, v.walkout)?;
    writeln!(o, "Logged by {} on {}", v.created_by, v.created_at)?;
    for s in v.versions.iter().rev() {
        writeln!(o)?;
        writeln!(
            o,
            "Version {} saved by {} on {}{}",
            s.version,
            s.saved_by,
            s.saved_at,
            if s.change_reason.is_empty() {
                String::new()
            } else {
                format!(": {}", s.change_reason)
            }
        )?;
        writeln!(o, "  When:        {}", s.occurred_local)?;
        writeln!(o, "  Where:       {}, {}", s.department, s.site)?;
        writeln!(o, "  Reference:   {}", or_dash(&s.reference))?;
        writeln!(
            o,
            "  Harm:        {}{}",
            s.harm.label(),
            if s.near_miss { " (near miss)" } else { "" }
        )?;
        writeln!(o, "  Shift:       {}", s.shift.as_deref().unwrap_or("-"))?;
        writeln!(
            o,
            "  Request:     {}",
            s.request_reference.as_deref().unwrap_or("-")
        )?;
        writeln!(o, "  Description: {}", s.description)?;
    }
    Ok(())
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

pub fn incident(
    db: &mut Db,
    ctx: &Ctx,
    command: IncidentCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        IncidentCommand::Add { walkout, fields } => {
            let input = IncidentInput {
                walkout_id: walkout,
                occurred: fields.at.unwrap_or_default(),
                department_id: match fields.department.as_deref() {
                    Some(d) => department_id(db, d)?,
                    None => {
                        return Err(Error::invalid(
                            "department",
                            "give the department (--department ID or NAME)",
                        ))
                    }
                },
                duty_id: fields.gap,
                request_id: fields.request.as_deref().map(request_id).transpose()?,
                reference: fields.reference.unwrap_or_default(),
                harm: fields.harm.ok_or_else(|| {
                    Error::invalid(
                        "harm",
                        "give the harm (--harm none, low, moderate, severe or death)",
                    )
                })?,
                near_miss: fields.near_miss,
                description: fields.description.unwrap_or_default(),
                change_reason: String::new(),
            };
            let v = usecases::incident_add(db, ctx, &input)?;
            print(out, json, &v, |o| {
                writeln!(o, "Logged incident {}", v.id)?;
                show(o, &v)
            })
        }
        IncidentCommand::Edit {
            id,
            fields,
            no_gap,
            no_request,
            reason,
        } => {
            let now = usecases::incident(db, id)?;
            let cur = now.versions.last().expect("an incident has a version");
            let input = IncidentInput {
                walkout_id: now.walkout_id,
                occurred: fields.at.unwrap_or_else(|| cur.occurred_local.clone()),
                department_id: match fields.department.as_deref() {
                    Some(d) => department_id(db, d)?,
                    None => cur.department_id,
                },
                duty_id: if no_gap {
                    None
                } else {
                    fields.gap.or(cur.duty_id)
                },
                request_id: if no_request {
                    None
                } else {
                    match fields.request.as_deref() {
                        Some(r) => Some(request_id(r)?),
                        None => cur.request_id,
                    }
                },
                reference: fields.reference.unwrap_or_else(|| cur.reference.clone()),
                harm: fields.harm.unwrap_or(cur.harm),
                near_miss: if fields.near_miss {
                    true
                } else if fields.not_near_miss {
                    false
                } else {
                    cur.near_miss
                },
                description: fields
                    .description
                    .unwrap_or_else(|| cur.description.clone()),
                change_reason: reason,
            };
            let before = now.versions.len();
            let v = usecases::incident_update(db, ctx, id, &input)?;
            print(out, json, &v, |o| {
                if v.versions.len() == before {
                    writeln!(o, "Nothing changed: incident {id} kept at version {before}")
                } else {
                    writeln!(o, "Saved version {} of incident {id}", v.versions.len())
                }
            })
        }
        IncidentCommand::List { walkout } => {
            let list = usecases::incidents(db, walkout)?;
            print(out, json, &list, |o| {
                if list.is_empty() {
                    return writeln!(o, "No incidents logged for walkout {walkout}");
                }
                for i in &list {
                    let c = &i.current;
                    writeln!(
                        o,
                        "{:>4}  {}  {}, {}  {:<10} {:<13}{}  v{}  {}",
                        i.id,
                        c.occurred_local,
                        c.department,
                        c.site,
                        or_dash(&c.reference),
                        c.harm.label(),
                        if c.near_miss { " near miss" } else { "" },
                        i.versions,
                        excerpt(&c.description, 60)
                    )?;
                }
                Ok(())
            })
        }
        IncidentCommand::Show { id } => {
            let v = usecases::incident(db, id)?;
            print(out, json, &v, |o| show(o, &v))
        }
    }
}

fn excerpt(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}
