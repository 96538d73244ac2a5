//! Request commands: `request propose|build|list|show|check|submit|approve|send|decide|recall|
//! export|verify`, and `user list|add|passphrase`.

use crate::{print, Error};
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use strikecover_core::requests::{
    ApproveInput, CheckStatus, ConsultantsView, DecisionInput, DecisionKind, DocKind,
    PassphraseInput, RecallInput, RecallLine, RequestInput, RequestView, Role, SendInput,
    UserInput,
};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Elective {
    Yes,
    No,
    Unanswered,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum RequestCommand {
    /// How a set of gaps splits into narrow requests (one department and grade each).
    Propose {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long = "gap", value_name = "DUTY_ID", required = true)]
        gaps: Vec<i64>,
    },
    /// Build a draft request from gaps of one department; the evidence comes from the log.
    Build {
        #[arg(long, value_name = "ID")]
        walkout: i64,
        #[arg(long = "gap", value_name = "DUTY_ID", required = true)]
        gaps: Vec<i64>,
        #[command(flatten)]
        fields: Fields,
    },
    /// Change a request's fields (a new version; an approval no longer applies).
    Edit {
        id: i64,
        /// Replace the shifts (default: keep them).
        #[arg(long = "gap", value_name = "DUTY_ID")]
        gaps: Vec<i64>,
        #[command(flatten)]
        fields: Fields,
    },
    /// The requests, newest first.
    List {
        #[arg(long, value_name = "ID")]
        walkout: Option<i64>,
    },
    /// One request: fields, shifts, evidence, checks, approval, decision, history.
    Show { id: i64 },
    /// The readiness checks. Exit code 1 when a check fails.
    Check { id: i64 },
    /// Send a draft for approval (refused while a check fails).
    Submit { id: i64 },
    /// Approve (or return with --return-with) as a medical director or deputy; asks for the
    /// passphrase unless --passphrase-file is given.
    Approve {
        id: i64,
        /// The approver's profile (login name).
        #[arg(long = "as", value_name = "USERNAME")]
        approver: String,
        /// Read the passphrase from the first line of this file (for automation).
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        /// Return the request to the coordinator with this comment instead of approving.
        #[arg(long, value_name = "COMMENT")]
        return_with: Option<String>,
    },
    /// Record that the approved request was sent.
    Send {
        id: i64,
        /// To whom and how.
        #[arg(long)]
        to: String,
        /// When, "dd/mm/yyyy HH:MM" (default: now).
        #[arg(long, default_value = "")]
        at: String,
    },
    /// Record a decision: granted, declined, withdrawn, not_decided or revoked.
    Decide {
        id: i64,
        #[arg(long)]
        outcome: DecisionKind,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        reason: String,
        /// Granted: how many doctors (default: as asked).
        #[arg(long)]
        doctors: Option<u32>,
        /// Granted: a shift granted, by duty id (repeat; default: all asked).
        #[arg(long = "shift", value_name = "DUTY_ID")]
        shifts: Vec<i64>,
    },
    /// Record doctors recalled under a grant: --recall DUTY_ID:STAFF_NUMBER (repeat).
    Recall {
        id: i64,
        #[arg(long = "recall", value_name = "DUTY_ID:STAFF_NUMBER", required = true)]
        recalls: Vec<String>,
    },
    /// Write a document and record its SHA-256: `--pdf FILE`, `--json FILE`, `--email FILE` or
    /// `--ics FILE` (or just FILE, the kind from its extension: .pdf, .json, .txt, .ics).
    Export {
        id: i64,
        /// The file (with the global --json: the JSON document).
        file: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        email: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        ics: Option<PathBuf>,
    },
    /// Check an exported PDF or JSON against the database. Exit code 1 unless it is the
    /// approved version.
    Verify { file: PathBuf },
}

/// A request's fields, as options.
#[derive(clap::Args, Debug)]
pub struct Fields {
    /// The grade or role asked for.
    #[arg(long, default_value = "")]
    role: String,
    #[arg(long, default_value_t = 1)]
    doctors: u32,
    #[arg(long, default_value = "")]
    trigger: String,
    /// Which patients are at risk and what harm is expected.
    #[arg(long, default_value = "")]
    risk: String,
    /// An internal or critical incident has been declared: which, when.
    #[arg(long, value_name = "DETAIL")]
    incident: Option<String>,
    /// unsafe, safe or not_recorded.
    #[arg(long, default_value = "not_recorded")]
    consultants: ConsultantsView,
    /// Who gave the consultants' view, and when.
    #[arg(long, default_value = "")]
    consultants_who: String,
    #[arg(long, value_enum, default_value = "unanswered")]
    elective: Elective,
    #[arg(long, default_value = "")]
    elective_reason: String,
    /// Mark as an exceptional pre-emptive request, with its reason.
    #[arg(long, default_value = "")]
    pre_emptive: String,
    /// Decision needed by, "dd/mm/yyyy HH:MM".
    #[arg(long, default_value = "")]
    deadline: String,
    #[arg(long, default_value = "")]
    clinician: String,
    #[arg(long, default_value = "")]
    phone: String,
}

impl Fields {
    fn input(&self, walkout_id: i64, duty_ids: Vec<i64>) -> RequestInput {
        RequestInput {
            walkout_id,
            duty_ids,
            role: self.role.clone(),
            doctors: self.doctors,
            trigger: self.trigger.clone(),
            clinical_risk: self.risk.clone(),
            incident_declared: self.incident.is_some(),
            incident_detail: self.incident.clone().unwrap_or_default(),
            consultants_view: self.consultants,
            consultants_who: self.consultants_who.clone(),
            elective_continuing: match self.elective {
                Elective::Yes => Some(true),
                Elective::No => Some(false),
                Elective::Unanswered => None,
            },
            elective_reason: self.elective_reason.clone(),
            pre_emptive_reason: self.pre_emptive.clone(),
            decision_needed_by: self.deadline.clone(),
            requesting_clinician: self.clinician.clone(),
            contact_phone: self.phone.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// The local profiles and their roles.
    List,
    /// Add or change a profile.
    Add {
        username: String,
        #[arg(long)]
        name: String,
        /// coordinator, medical_director, deputy_medical_director, viewer or admin.
        #[arg(long)]
        role: Role,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        /// A medical director authorising a change to an approver's role.
        #[arg(long, value_name = "USERNAME", default_value = "")]
        authoriser: String,
        #[arg(long, value_name = "FILE")]
        authoriser_passphrase_file: Option<PathBuf>,
    },
    /// Set or change a profile's passphrase (asked for twice, unless --new-file is given).
    Passphrase {
        username: String,
        #[arg(long, value_name = "FILE")]
        new_file: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        current_file: Option<PathBuf>,
    },
}

fn io(path: &str) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Io {
        path: path.to_string(),
        message: e.to_string(),
    }
}

/// The first line of a file, or a prompt on the terminal without echo.
fn secret(file: Option<&Path>, prompt: &str) -> Result<String, Error> {
    match file {
        Some(f) => {
            let name = f.display().to_string();
            let text = std::fs::read_to_string(f).map_err(io(&name))?;
            Ok(text.lines().next().unwrap_or("").to_string())
        }
        None => rpassword::prompt_password(prompt).map_err(io("the terminal")),
    }
}

fn show_checks(o: &mut dyn Write, v: &RequestView) -> std::io::Result<()> {
    for c in &v.checks {
        let mark = match c.status {
            CheckStatus::Pass => "PASS",
            CheckStatus::Warning => "WARN",
            CheckStatus::Fail => "FAIL",
        };
        writeln!(o, "  {mark}  {}: {}", c.name, c.explanation)?;
    }
    Ok(())
}

fn show(o: &mut dyn Write, v: &RequestView) -> std::io::Result<()> {
    let c = &v.content;
    writeln!(
        o,
        "{} version {} ({}), content SHA-256 {}",
        c.reference,
        c.version,
        v.status.label(),
        v.content_hash
    )?;
    writeln!(o, "{}: {}, {}", c.trust, c.site, c.department)?;
    writeln!(o, "{} x {}; {}", c.doctors, c.role, c.duration)?;
    for s in &c.shifts {
        writeln!(
            o,
            "  duty {:>6}  {} {} {}-{} {}",
            s.duty_id, s.date, s.day_or_night, s.start, s.end, s.grade
        )?;
    }
    writeln!(
        o,
        "Decision needed by: {}",
        c.decision_needed_by
            .as_ref()
            .map_or("not given", |t| t.local.as_str())
    )?;
    writeln!(o, "Evidence:")?;
    for r in &c.evidence {
        writeln!(
            o,
            "  {}: {} ({} attempts)",
            r.name,
            r.state,
            r.attempts.len()
        )?;
        for reason in &r.not_applicable {
            writeln!(o, "    not applicable: {reason}")?;
        }
    }
    for x in &c.overrides {
        writeln!(
            o,
            "  override: {} on {}: {}",
            x.doctor,
            x.shift,
            x.rules.join("; ")
        )?;
    }
    writeln!(o, "Checks:")?;
    show_checks(o, v)?;
    if let Some(a) = &v.approval {
        writeln!(
            o,
            "Approved by {} ({}) at {}",
            a.approver,
            a.role.label(),
            a.at
        )?;
    }
    if let Some(d) = &v.decision {
        writeln!(
            o,
            "Decision: {} at {} {}",
            d.kind.label(),
            d.at_local,
            d.reason
        )?;
    }
    for r in &v.recalls {
        writeln!(o, "Recalled: {} for {}", r.doctor, r.shift)?;
    }
    for h in &v.history {
        writeln!(
            o,
            "  {}  {}{}",
            h.at_local,
            h.text,
            if h.comment.is_empty() {
                String::new()
            } else {
                format!(": {}", h.comment)
            }
        )?;
    }
    Ok(())
}

fn print_view(out: &mut dyn Write, json: bool, v: &RequestView) -> Result<(), Error> {
    print(out, json, v, |o| show(o, v))
}

pub fn request(
    db: &mut Db,
    ctx: &Ctx,
    command: RequestCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        RequestCommand::Propose { walkout, gaps } => {
            let p = usecases::requests_propose(db, walkout, &gaps)?;
            print(out, json, &p, |o| {
                for x in &p {
                    writeln!(
                        o,
                        "{}, {}: {} x {} for {} shift(s): duties {}{}",
                        x.department,
                        x.site,
                        x.doctors,
                        x.role,
                        x.duty_ids.len(),
                        x.duty_ids
                            .iter()
                            .map(|d| d.to_string())
                            .collect::<Vec<_>>()
                            .join(" "),
                        if x.not_exhausted.is_empty() {
                            String::new()
                        } else {
                            format!(" ({} not yet exhausted)", x.not_exhausted.len())
                        }
                    )?;
                }
                Ok(())
            })
        }
        RequestCommand::Build {
            walkout,
            gaps,
            fields,
        } => {
            let v = usecases::request_create(db, ctx, &fields.input(walkout, gaps))?;
            print_view(out, json, &v)
        }
        RequestCommand::Edit { id, gaps, fields } => {
            let current = usecases::request_get(db, ctx, id)?;
            let gaps = if gaps.is_empty() {
                current.input.duty_ids.clone()
            } else {
                gaps
            };
            let v = usecases::request_update(
                db,
                ctx,
                id,
                &fields.input(current.input.walkout_id, gaps),
            )?;
            print_view(out, json, &v)
        }
        RequestCommand::List { walkout } => {
            let list = usecases::requests_list(db, ctx, walkout)?;
            print(out, json, &list, |o| {
                for r in &list {
                    writeln!(
                        o,
                        "{:<7} v{:<2} {:<18} {}, {}: {} x {}, {} shift(s); decision by {}",
                        r.reference,
                        r.version,
                        r.status.label(),
                        r.department,
                        r.site,
                        r.doctors,
                        r.role,
                        r.shifts,
                        r.decision_needed_by_local.as_deref().unwrap_or("-")
                    )?;
                }
                Ok(())
            })
        }
        RequestCommand::Show { id } => print_view(out, json, &usecases::request_get(db, ctx, id)?),
        RequestCommand::Check { id } => {
            let v = usecases::request_get(db, ctx, id)?;
            print(out, json, &v.checks, |o| show_checks(o, &v))?;
            let failing = v
                .checks
                .iter()
                .filter(|c| c.status == CheckStatus::Fail)
                .count();
            if failing > 0 {
                return Err(Error::invalid(
                    "checks",
                    format!("{failing} check(s) fail; the request cannot be sent for approval"),
                ));
            }
            Ok(())
        }
        RequestCommand::Submit { id } => {
            let current = usecases::request_get(db, ctx, id)?;
            let v = usecases::request_submit(db, ctx, id, current.content.version)?;
            print_view(out, json, &v)
        }
        RequestCommand::Approve {
            id,
            approver,
            passphrase_file,
            return_with,
        } => {
            let current = usecases::request_get(db, ctx, id)?;
            let passphrase = secret(
                passphrase_file.as_deref(),
                &format!("Passphrase for {approver}: "),
            )?;
            let v = usecases::request_approve(
                db,
                ctx,
                &ApproveInput {
                    request_id: id,
                    version: current.content.version,
                    content_hash: current.content_hash.clone(),
                    approver,
                    passphrase,
                    approve: return_with.is_none(),
                    comment: return_with.unwrap_or_default(),
                },
            )?;
            print_view(out, json, &v)
        }
        RequestCommand::Send { id, to, at } => {
            let v = usecases::request_send(
                db,
                ctx,
                &SendInput {
                    request_id: id,
                    at,
                    to,
                },
            )?;
            print_view(out, json, &v)
        }
        RequestCommand::Decide {
            id,
            outcome,
            at,
            reason,
            doctors,
            shifts,
        } => {
            let v = usecases::request_decide(
                db,
                ctx,
                &DecisionInput {
                    request_id: id,
                    kind: outcome,
                    at,
                    reason,
                    granted_doctors: doctors,
                    granted_duty_ids: shifts,
                },
            )?;
            print_view(out, json, &v)
        }
        RequestCommand::Recall { id, recalls } => {
            let mut lines = Vec::new();
            for r in &recalls {
                let (duty, staff) = r.split_once(':').ok_or_else(|| {
                    Error::invalid("--recall", format!("'{r}' is not DUTY_ID:STAFF_NUMBER"))
                })?;
                let duty_id = duty.trim().parse().map_err(|_| {
                    Error::invalid("--recall", format!("'{duty}' is not a duty id"))
                })?;
                lines.push(RecallLine {
                    duty_id,
                    staff_id: usecases::staff_id_by_number(db, staff)?,
                });
            }
            let v = usecases::request_recall(
                db,
                ctx,
                &RecallInput {
                    request_id: id,
                    recalls: lines,
                },
            )?;
            print_view(out, json, &v)
        }
        RequestCommand::Export {
            id,
            file,
            pdf,
            email,
            ics,
        } => {
            let by_ext = |p: &Path| -> Option<DocKind> {
                match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
                    "pdf" => Some(DocKind::Pdf),
                    "json" => Some(DocKind::Json),
                    "txt" | "eml" => Some(DocKind::Email),
                    "ics" => Some(DocKind::Ics),
                    _ => None,
                }
            };
            let chosen = match (pdf, email, ics, file) {
                (Some(p), None, None, None) => Some((DocKind::Pdf, p)),
                (None, Some(p), None, None) => Some((DocKind::Email, p)),
                (None, None, Some(p), None) => Some((DocKind::Ics, p)),
                (None, None, None, Some(p)) if json => Some((DocKind::Json, p)),
                (None, None, None, Some(p)) => by_ext(&p).map(|k| (k, p)),
                _ => None,
            };
            let (kind, path) = chosen.ok_or_else(|| {
                Error::invalid(
                    "export",
                    "say which one document: --pdf FILE, --json FILE, --email FILE or --ics FILE",
                )
            })?;
            let renderer = std::sync::OnceLock::new();
            let r = usecases::request_export(db, ctx, id, kind, &path, &|doc| {
                renderer
                    .get_or_init(strikecover_docs::Renderer::new)
                    .pdf(doc)
                    .map_err(|e| e.to_string())
            })?;
            print(out, json, &r, |o| {
                writeln!(
                    o,
                    "Wrote {} ({} bytes), SHA-256 {}",
                    r.path, r.bytes, r.sha256
                )
            })
        }
        RequestCommand::Verify { file } => {
            let r = usecases::request_verify(db, &file)?;
            print(out, json, &r, |o| {
                writeln!(o, "{}: {}", r.verdict.label(), r.message)?;
                writeln!(o, "File SHA-256: {}", r.sha256)
            })?;
            if r.verdict != strikecover_core::requests::Verdict::Approved {
                return Err(Error::invalid(
                    "file",
                    format!(
                        "{} is not the approved version: {}",
                        r.file,
                        r.verdict.label()
                    ),
                ));
            }
            Ok(())
        }
    }
}

pub fn user(
    db: &mut Db,
    ctx: &Ctx,
    command: UserCommand,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    match command {
        UserCommand::List => {
            let list = usecases::users_list(db, ctx)?;
            print(out, json, &list, |o| {
                for u in &list {
                    writeln!(
                        o,
                        "{:<20} {:<28} {:<26} {}{}",
                        u.username,
                        u.display_name,
                        u.role.label(),
                        if u.has_passphrase {
                            "passphrase set"
                        } else {
                            "no passphrase"
                        },
                        if u.is_me { " (you)" } else { "" }
                    )?;
                }
                Ok(())
            })
        }
        UserCommand::Add {
            username,
            name,
            role,
            email,
            phone,
            authoriser,
            authoriser_passphrase_file,
        } => {
            let authoriser_passphrase = if authoriser.is_empty() {
                String::new()
            } else {
                secret(
                    authoriser_passphrase_file.as_deref(),
                    &format!("Passphrase for {authoriser}: "),
                )?
            };
            let u = usecases::user_save(
                db,
                ctx,
                &UserInput {
                    username,
                    display_name: name,
                    role,
                    email,
                    phone,
                    authoriser,
                    authoriser_passphrase,
                },
            )?;
            print(out, json, &u, |o| {
                writeln!(
                    o,
                    "Saved {} ({}): {}",
                    u.display_name,
                    u.username,
                    u.role.label()
                )
            })
        }
        UserCommand::Passphrase {
            username,
            new_file,
            current_file,
        } => {
            let has = usecases::users_list(db, ctx)?
                .iter()
                .any(|u| u.username == username && u.has_passphrase);
            let current = if has {
                secret(current_file.as_deref(), "Current passphrase: ")?
            } else {
                String::new()
            };
            let new = secret(new_file.as_deref(), "New passphrase: ")?;
            if new_file.is_none() && secret(None, "Again: ")? != new {
                return Err(Error::invalid("new", "the two passphrases differ"));
            }
            let u = usecases::user_passphrase_set(
                db,
                ctx,
                &PassphraseInput {
                    username,
                    current,
                    new,
                },
            )?;
            print(out, json, &u, |o| {
                writeln!(o, "Passphrase set for {} ({})", u.display_name, u.username)
            })
        }
    }
}
