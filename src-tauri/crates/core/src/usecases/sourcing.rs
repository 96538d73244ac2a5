//! Sourcing: the ladder, the attempt log, not-applicable marks, the candidate finder, fills,
//! the working-time rules' versions and the grades' cover levels. Every change is one
//! transaction with its audit row; the evidence is append-only.

use super::walkouts::{dept_label, gap_view};
use super::Ctx;
use crate::error::{Error, Result};
use crate::model::default_cover_level;
use crate::rules::{
    assess, Assessment, DoctorFacts, History, RuleSet, RuleSetting, Span, Violation,
};
use crate::sourcing::{
    self, fmt_rate, parse_rate, rung_code, AttemptFact, AttemptInput, AttemptView, CandidateView,
    CandidatesView, ContactKind, CoverLevelView, FillInput, FillView, GapSourcingView, LadderView,
    Outcome, ReleaseInput, RuleSetView, RungEvidence, RungInput, RungMarkInput, RungState,
    RungStatusView, SourcingView,
};
use crate::store::{self, append_audit, AttemptRow, Db, PoolStaff, WalkoutRow, WindowDuty};
use crate::time::{fmt_date, fmt_instant, london_to_utc};
use crate::walkouts::{derive, DeptInfo, GapView, Intent, WalkoutRule};
use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// The highest hourly rate accepted, in pounds (agency "break glass" rates run to a few
/// hundred pounds; anything above this is a typing slip).
pub const MAX_RATE_POUNDS: i64 = 1_000;
/// How far ahead of the clock an attempt's time may be (clock drift between machines).
const FUTURE_SLACK_SECS: i64 = 5 * 60;
/// When a walkout has no notice date: attempts may be dated at most this long before it starts.
const DEFAULT_NOTICE_DAYS: i64 = 28;
const MAX_NAME: usize = 200;
const MAX_NOTES: usize = 2_000;

fn too_long(field: &str, what: &str, max: usize) -> Error {
    Error::invalid(
        field,
        format!("{what} is too long (at most {max} characters)"),
    )
}

// ---------------------------------------------------------------------------------------------
// The ladder

/// The ladder in force.
pub fn ladder(db: &Db) -> Result<LadderView> {
    store::ladder_current(db.conn())
}

/// The ladder a walkout uses: the version it is pinned to when it was started from a previous
/// walkout, else the trust's latest (as [`ladder`]).
pub fn walkout_ladder(db: &Db, walkout_id: i64) -> Result<LadderView> {
    store::walkout(db.conn(), walkout_id)?;
    store::ladder_for_walkout(db.conn(), walkout_id)
}

/// Saves a new version of the ladder (reordered, renamed, rungs added or made optional).
/// Attempts logged under earlier versions keep pointing at the rungs they were logged on.
pub fn ladder_set(db: &mut Db, ctx: &Ctx, rungs: &[RungInput], note: &str) -> Result<LadderView> {
    if rungs.is_empty() {
        return Err(Error::invalid(
            "rungs",
            "the ladder needs at least one rung",
        ));
    }
    if rungs.len() > 30 {
        return Err(Error::invalid(
            "rungs",
            "the ladder may have at most 30 rungs",
        ));
    }
    let mut codes: HashSet<String> = HashSet::new();
    let mut checked: Vec<(String, String, String, bool)> = Vec::new();
    for (i, r) in rungs.iter().enumerate() {
        let n = i + 1;
        let name = r.name.trim();
        if name.is_empty() {
            return Err(Error::invalid("rungs", format!("rung {n} has no name")));
        }
        if name.chars().count() > 120 {
            return Err(too_long("rungs", &format!("the name of rung {n}"), 120));
        }
        let description = r.description.trim();
        if description.chars().count() > 500 {
            return Err(too_long(
                "rungs",
                &format!("the description of rung {n}"),
                500,
            ));
        }
        let code = if r.code.trim().is_empty() {
            rung_code(name)
        } else {
            r.code.trim().to_string()
        };
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(Error::invalid(
                "rungs",
                format!("rung {n} ('{name}') needs a name with letters or digits"),
            ));
        }
        if !codes.insert(code.clone()) {
            return Err(Error::invalid(
                "rungs",
                format!("rung {n} ('{name}') repeats another rung; give each rung its own name"),
            ));
        }
        checked.push((code, name.to_string(), description.to_string(), r.required));
    }
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(too_long("note", "the note", 500));
    }
    let current = store::ladder_current(db.conn())?;
    let same = current.rungs.len() == checked.len()
        && current.rungs.iter().zip(&checked).all(|(a, b)| {
            a.code == b.0 && a.name == b.1 && a.description == b.2 && a.required == b.3
        });
    if same {
        return Ok(current);
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let new: Vec<store::NewRung<'_>> = checked
        .iter()
        .map(|(code, name, description, required)| store::NewRung {
            code,
            name,
            description,
            required: *required,
        })
        .collect();
    let version = store::insert_ladder(&tx, &new, note, user_id, &now)?;
    append_audit(
        &tx,
        user_id,
        &now,
        "ladder.set",
        "ladder",
        Some(&version.to_string()),
        &json!({
            "from_version": current.version,
            "note": note,
            "rungs": checked.iter().map(|(code, name, _, required)| json!({
                "code": code, "name": name, "required": required
            })).collect::<Vec<_>>(),
        }),
    )?;
    tx.commit()?;
    ladder(db)
}

// ---------------------------------------------------------------------------------------------
// Rules and cover levels

/// The rules in force: the latest saved version, or the built-in defaults (version 0).
pub(crate) fn current_rules(db: &Db) -> Result<(i64, RuleSet, RuleSetView)> {
    match store::rule_set_current(db.conn())? {
        None => {
            let rules = RuleSet::default();
            let view = RuleSetView {
                version: 0,
                note: "Built-in defaults (domain reference)".into(),
                created_by: None,
                created_at: None,
                settings: rules.settings(),
            };
            Ok((0, rules, view))
        }
        Some((id, settings, note, by, at)) => {
            let stored: Vec<RuleSetting> = serde_json::from_str(&settings)?;
            let rules = RuleSet::from_settings(&stored).map_err(|(key, message)| {
                Error::invalid(key, format!("stored rules version {id}: {message}"))
            })?;
            let view = RuleSetView {
                version: id,
                note,
                created_by: Some(by),
                created_at: Some(at),
                settings: rules.settings(),
            };
            Ok((id, rules, view))
        }
    }
}

/// The working-time rules in force, every number with its source.
pub fn rules(db: &Db) -> Result<RuleSetView> {
    Ok(current_rules(db)?.2)
}

/// Saves a new version of the rules' numbers (and their sources).
pub fn rules_set(
    db: &mut Db,
    ctx: &Ctx,
    settings: &[RuleSetting],
    note: &str,
) -> Result<RuleSetView> {
    let rules =
        RuleSet::from_settings(settings).map_err(|(key, message)| Error::invalid(key, message))?;
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(too_long("note", "the note", 500));
    }
    let (old_version, old, _) = current_rules(db)?;
    if old == rules {
        return rules_view(db);
    }
    let settings = rules.settings();
    let changed: Vec<serde_json::Value> = old
        .settings()
        .iter()
        .zip(&settings)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| json!({ "rule": b.key, "from": a.value, "to": b.value, "source": b.source }))
        .collect();
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let id = store::insert_rule_set(&tx, &serde_json::to_string(&settings)?, note, user_id, &now)?;
    append_audit(
        &tx,
        user_id,
        &now,
        "rules.set",
        "rules",
        Some(&id.to_string()),
        &json!({ "from_version": old_version, "note": note, "changed": changed }),
    )?;
    tx.commit()?;
    rules_view(db)
}

fn rules_view(db: &Db) -> Result<RuleSetView> {
    Ok(current_rules(db)?.2)
}

/// Every grade with the level that decides which duties its doctors may cover.
pub fn cover_levels(db: &Db) -> Result<Vec<CoverLevelView>> {
    Ok(store::cover_levels(db.conn())?
        .into_iter()
        .map(|(grade, staff_group, level, set_by_trust)| CoverLevelView {
            built_in: default_cover_level(&grade),
            grade,
            staff_group,
            level,
            set_by_trust,
        })
        .collect())
}

/// Sets a grade's cover level (1 to 9; `None`: back to the built-in level).
pub fn set_cover_level(
    db: &mut Db,
    ctx: &Ctx,
    grade: &str,
    level: Option<u8>,
) -> Result<Vec<CoverLevelView>> {
    if let Some(l) = level {
        if !(1..=9).contains(&l) {
            return Err(Error::invalid(
                "level",
                format!(
                    "a cover level is 1 to 9 (1 = foundation year 1, 6 = consultant); {l} is not"
                ),
            ));
        }
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let (code, old) = store::set_cover_level(&tx, grade.trim(), level)?;
    if old != level {
        append_audit(
            &tx,
            user_id,
            &now,
            "grade.set_cover_level",
            "grade",
            Some(&code),
            &json!({
                "from": old.unwrap_or_else(|| default_cover_level(&code)),
                "to": level.unwrap_or_else(|| default_cover_level(&code)),
                "set_by_trust": level.is_some(),
            }),
        )?;
        tx.commit()?;
    } else {
        drop(tx);
    }
    cover_levels(db)
}

// ---------------------------------------------------------------------------------------------
// Gaps, attempts and marks

/// The chosen duties of a walkout, each checked to be one of its gaps, with the views.
pub(super) struct Chosen {
    pub walkout: WalkoutRow,
    pub gaps: Vec<(WindowDuty, GapView)>,
    intents: HashMap<i64, Intent>,
    departments: HashMap<i64, DeptInfo>,
}

pub(super) fn chosen_gaps(db: &Db, walkout_id: i64, duty_ids: &[i64]) -> Result<Chosen> {
    let walkout = store::walkout(db.conn(), walkout_id)?;
    if duty_ids.is_empty() {
        return Err(Error::invalid("duty_ids", "choose at least one gap"));
    }
    if duty_ids.len() > 500 {
        return Err(Error::invalid(
            "duty_ids",
            "choose at most 500 gaps at a time",
        ));
    }
    let records = store::gap_records(db.conn(), walkout_id)?;
    let intents = store::intent_map(db.conn(), walkout_id)?;
    let departments = store::walkout_departments(db.conn(), walkout_id)?;
    let mut seen = HashSet::new();
    let mut gaps = Vec::new();
    for id in duty_ids {
        if !seen.insert(*id) {
            continue;
        }
        let d = store::duty(db.conn(), *id).map_err(|_| {
            Error::invalid("duty_ids", format!("there is no duty {id} in the rota"))
        })?;
        let one = std::slice::from_ref(&d);
        let Some(g) = derive(one, &intents, &walkout.rule, &records).pop() else {
            return Err(Error::invalid(
                "duty_ids",
                format!(
                    "the duty {} {}-{} {} ({}) is not a gap of this walkout",
                    fmt_date(d.date),
                    d.start_local,
                    d.end_local,
                    d.fact.grade,
                    describe_dept(&departments, d.department_id),
                ),
            ));
        };
        let view = gap_view(&d, &g, &walkout.rule, &departments, records.get(id));
        gaps.push((d, view));
    }
    Ok(Chosen {
        walkout,
        gaps,
        intents,
        departments,
    })
}

fn describe_dept(departments: &HashMap<i64, DeptInfo>, id: i64) -> String {
    departments.get(&id).map_or_else(
        || format!("department {id}"),
        |d| format!("{}, {}", d.name, d.site),
    )
}

/// Reads a Europe/London time written "yyyy-mm-ddTHH:MM", "yyyy-mm-dd HH:MM" or
/// "dd/mm/yyyy HH:MM"; returns the instant.
pub(super) fn parse_local(field: &str, s: &str) -> Result<i64> {
    let t = s.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(london_to_utc(dt.date(), dt.time()));
        }
    }
    Err(Error::invalid(
        field,
        format!(
            "'{t}' is not a date and time: write it as dd/mm/yyyy HH:MM, e.g. 03/01/2024 14:05"
        ),
    ))
}

fn iso(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(super) fn iso_to_ts(s: &str) -> i64 {
    DateTime::parse_from_rfc3339(s).map_or(0, |d| d.timestamp())
}

/// The earliest an attempt may be dated: the walkout's notice date, or some weeks before it
/// starts when no notice date was recorded.
fn announced(w: &WalkoutRow) -> (i64, String) {
    match w.notice_date {
        Some(d) => (
            london_to_utc(d, chrono::NaiveTime::MIN),
            format!("the walkout was announced on {}", fmt_date(d)),
        ),
        None => {
            let t = w.rule.start - DEFAULT_NOTICE_DAYS * 86_400;
            (
                t,
                format!(
                    "no notice date is recorded for the walkout, so attempts may go back {DEFAULT_NOTICE_DAYS} days before it starts ({})",
                    fmt_instant(t)
                ),
            )
        }
    }
}

fn check_when(field: &str, ts: i64, ctx: &Ctx, w: &WalkoutRow) -> Result<()> {
    if ts > ctx.now.timestamp() + FUTURE_SLACK_SECS {
        return Err(Error::invalid(
            field,
            format!(
                "{} is in the future (it is now {}); log an attempt once it has happened",
                fmt_instant(ts),
                fmt_instant(ctx.now.timestamp())
            ),
        ));
    }
    let (first, why) = announced(w);
    if ts < first {
        return Err(Error::invalid(
            field,
            format!(
                "{} is before the walkout was announced: {why}",
                fmt_instant(ts)
            ),
        ));
    }
    Ok(())
}

/// A doctor's staff id from their staff number (the CLI's way of naming doctors).
pub fn staff_id_by_number(db: &Db, number: &str) -> Result<i64> {
    let n = number.trim();
    store::pool_staff_one(db.conn(), None, Some(n))?
        .map(|s| s.id)
        .ok_or_else(|| {
            Error::invalid(
                "staff",
                format!("no doctor with staff number {n} in the rota"),
            )
        })
}

fn staff_by_id(db: &Db, id: i64) -> Result<PoolStaff> {
    store::pool_staff_one(db.conn(), Some(id), None)?.ok_or_else(|| {
        Error::invalid(
            "staff_id",
            format!("no doctor with staff id {id} in the rota"),
        )
    })
}

/// Logs an attempt to find cover for one gap or a group of gaps. Append-only: to correct an
/// attempt or record its answer, log a new one that supersedes it.
pub fn attempt_add(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    input: &AttemptInput,
) -> Result<SourcingView> {
    let chosen = chosen_gaps(db, walkout_id, &input.duty_ids)?;
    let w = &chosen.walkout;
    let ladder = store::ladder_for_walkout(db.conn(), walkout_id)?;
    let rung = ladder
        .rungs
        .iter()
        .find(|r| r.code == input.rung_code.trim())
        .ok_or_else(|| {
            Error::invalid(
                "rung_code",
                format!(
                    "'{}' is not a rung of the ladder in force ({})",
                    input.rung_code.trim(),
                    ladder
                        .rungs
                        .iter()
                        .map(|r| r.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
    // Who was asked.
    let staff = input.staff_id.map(|id| staff_by_id(db, id)).transpose()?;
    let asked = input.asked.trim();
    if asked.chars().count() > MAX_NAME {
        return Err(too_long("asked", "who was asked", MAX_NAME));
    }
    let asked = match (&staff, input.contact_kind) {
        (Some(_), k) if k != ContactKind::Doctor => {
            return Err(Error::invalid(
                "contact_kind",
                "a doctor from the rota was chosen, so the contact is a doctor",
            ))
        }
        (Some(s), _) if asked.is_empty() => format!("{} ({}, {})", s.name, s.staff_number, s.grade),
        (_, _) if asked.is_empty() => {
            return Err(Error::invalid(
                "asked",
                "say who was asked: a doctor from the rota, an agency, a trust or a manager",
            ))
        }
        _ => asked.to_string(),
    };
    // When.
    let asked_at = if input.asked_at.trim().is_empty() {
        ctx.now.timestamp()
    } else {
        parse_local("asked_at", &input.asked_at)?
    };
    check_when("asked_at", asked_at, ctx, w)?;
    let reply_by = if input.reply_by.trim().is_empty() {
        None
    } else {
        let t = parse_local("reply_by", &input.reply_by)?;
        if t < asked_at {
            return Err(Error::invalid(
                "reply_by",
                format!(
                    "the answer was needed by {}, before the question was asked ({})",
                    fmt_instant(t),
                    fmt_instant(asked_at)
                ),
            ));
        }
        Some(t)
    };
    if input.outcome == Outcome::NoReply && reply_by.is_none() {
        return Err(Error::invalid(
            "reply_by",
            "for no reply, give the time by which an answer was needed",
        ));
    }
    let rate = if input.rate.trim().is_empty() {
        None
    } else {
        Some(parse_rate(&input.rate, MAX_RATE_POUNDS).map_err(|m| Error::invalid("rate", m))?)
    };
    let notes = input.notes.trim();
    if notes.chars().count() > MAX_NOTES {
        return Err(too_long("notes", "the notes", MAX_NOTES));
    }
    // Which gaps were accepted.
    let duty_ids: Vec<i64> = chosen.gaps.iter().map(|(d, _)| d.fact.id).collect();
    let accepted: HashSet<i64> = match input.outcome {
        Outcome::Accepted => duty_ids.iter().copied().collect(),
        Outcome::Partly => {
            let acc: HashSet<i64> = input.accepted_duty_ids.iter().copied().collect();
            if acc.is_empty() {
                return Err(Error::invalid(
                    "accepted_duty_ids",
                    "for a partial yes, choose the shifts that were accepted",
                ));
            }
            if let Some(x) = acc.iter().find(|x| !duty_ids.contains(x)) {
                return Err(Error::invalid(
                    "accepted_duty_ids",
                    format!("duty {x} was accepted but is not one of the gaps asked about"),
                ));
            }
            if acc.len() == duty_ids.len() {
                return Err(Error::invalid(
                    "accepted_duty_ids",
                    "every shift was accepted: record the outcome as accepted",
                ));
            }
            acc
        }
        _ => {
            if !input.accepted_duty_ids.is_empty() {
                return Err(Error::invalid(
                    "accepted_duty_ids",
                    "only an accepted or partly accepted attempt names accepted shifts",
                ));
            }
            HashSet::new()
        }
    };
    // What it supersedes.
    let existing = store::attempts(db.conn(), walkout_id)?;
    if let Some(old) = input.supersedes {
        let Some(prev) = existing.iter().find(|a| a.id == old) else {
            return Err(Error::invalid(
                "supersedes",
                format!("there is no attempt {old} in this walkout"),
            ));
        };
        if let Some(later) = existing.iter().find(|a| a.supersedes == Some(old)) {
            return Err(Error::invalid(
                "supersedes",
                format!(
                    "attempt {old} has already been superseded by attempt {}; correct that one instead",
                    later.id
                ),
            ));
        }
        if iso_to_ts(&prev.asked_at) > asked_at {
            // An answer cannot come before its question; a correction may move the time.
            if input.outcome != Outcome::Asked && prev.outcome == Outcome::Asked {
                return Err(Error::invalid(
                    "asked_at",
                    format!(
                        "the answer is dated {}, before the question (attempt {old}, {})",
                        fmt_instant(asked_at),
                        fmt_instant(iso_to_ts(&prev.asked_at))
                    ),
                ));
            }
        }
    }

    let now = ctx.now_text();
    let asked_at_iso = iso(asked_at);
    let reply_iso = reply_by.map(iso);
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let mut links = Vec::new();
    for id in &duty_ids {
        let gap = store::ensure_gap(&tx, walkout_id, *id)?;
        links.push((gap, accepted.contains(id)));
    }
    let attempt = store::insert_attempt(
        &tx,
        &store::NewAttempt {
            walkout_id,
            rung_id: rung.id,
            contact_kind: input.contact_kind,
            asked: &asked,
            asked_staff: staff.as_ref().map(|s| s.id),
            asked_at: &asked_at_iso,
            channel: input.channel,
            rate_pence: rate,
            outcome: input.outcome,
            reply_by: reply_iso.as_deref(),
            notes,
            supersedes: input.supersedes,
            gaps: &links,
        },
        user_id,
        &now,
    )?;
    let fills = store::fills(&tx, walkout_id)?;
    for ((gap, _), id) in links.iter().zip(&duty_ids) {
        if !fills.contains_key(id) {
            store::set_gap_status(&tx, *gap, "sourcing")?;
        }
    }
    append_audit(
        &tx,
        user_id,
        &now,
        "attempt.add",
        "attempt",
        Some(&attempt.to_string()),
        &json!({
            "walkout": walkout_id,
            "rung": rung.code,
            "contact_kind": input.contact_kind,
            "asked": asked,
            "staff": staff.as_ref().map(|s| &s.staff_number),
            "asked_at": asked_at_iso,
            "channel": input.channel,
            "rate_pence_per_hour": rate,
            "outcome": input.outcome,
            "reply_by": reply_iso,
            "duties": duty_ids,
            "accepted": accepted.iter().collect::<Vec<_>>(),
            "supersedes": input.supersedes,
        }),
    )?;
    tx.commit()?;
    sourcing_view(db, walkout_id, &duty_ids)
}

/// Marks a rung not applicable for a group of gaps (with the reason), or applicable again.
pub fn rung_mark(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    input: &RungMarkInput,
) -> Result<SourcingView> {
    let chosen = chosen_gaps(db, walkout_id, &input.duty_ids)?;
    let ladder = store::ladder_for_walkout(db.conn(), walkout_id)?;
    let code = input.rung_code.trim();
    let Some(rung) = ladder.rungs.iter().find(|r| r.code == code) else {
        return Err(Error::invalid(
            "rung_code",
            format!("'{code}' is not a rung of the ladder in force"),
        ));
    };
    let reason = input.reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            if input.not_applicable {
                "say why this rung does not apply (e.g. no elective lists in this service on these days)"
            } else {
                "say why this rung applies after all"
            },
        ));
    }
    if reason.chars().count() > 500 {
        return Err(too_long("reason", "the reason", 500));
    }
    let duty_ids: Vec<i64> = chosen.gaps.iter().map(|(d, _)| d.fact.id).collect();
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let mut gap_ids = Vec::new();
    for id in &duty_ids {
        gap_ids.push(store::ensure_gap(&tx, walkout_id, *id)?);
    }
    let mark = store::insert_rung_mark(
        &tx,
        &store::NewRungMark {
            walkout_id,
            rung_code: &rung.code,
            not_applicable: input.not_applicable,
            reason,
            gap_ids: &gap_ids,
        },
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "rung.mark",
        "rung_mark",
        Some(&mark.to_string()),
        &json!({
            "walkout": walkout_id,
            "rung": rung.code,
            "not_applicable": input.not_applicable,
            "reason": reason,
            "duties": duty_ids,
        }),
    )?;
    tx.commit()?;
    sourcing_view(db, walkout_id, &duty_ids)
}

fn who(a: &AttemptRow) -> String {
    match a.contact_kind {
        ContactKind::Doctor => format!("Dr {}", a.asked),
        k => format!("{} {}", k.label(), a.asked),
    }
}

fn shifts(n: usize) -> String {
    if n == 1 {
        "1 shift".into()
    } else {
        format!("{n} shifts")
    }
}

/// One line of plain English about an attempt.
fn summary(a: &AttemptRow) -> String {
    let n = a.duties.len();
    let k = a.duties.iter().filter(|d| d.1).count();
    let what = match a.outcome {
        Outcome::Asked => format!("was asked about {}", shifts(n)),
        Outcome::Accepted => format!("accepted {}", shifts(n)),
        Outcome::Declined => format!("declined {}", shifts(n)),
        Outcome::NoReply => format!(
            "did not reply about {} by {}",
            shifts(n),
            a.reply_by
                .as_deref()
                .map_or_else(String::new, |t| fmt_instant(iso_to_ts(t)))
        ),
        Outcome::Unavailable => format!("was unavailable for {}", shifts(n)),
        Outcome::Partly => format!("accepted {k} of {}", shifts(n)),
    };
    let mut terms = vec![a.channel.label().to_lowercase()];
    if let Some(p) = a.rate_pence {
        terms.push(format!("{}/h", fmt_rate(p)));
    }
    format!("{} {what} ({})", who(a), terms.join(", "))
}

fn attempt_view(
    a: &AttemptRow,
    names: &HashMap<i64, (String, String)>,
    superseded_by: Option<i64>,
) -> AttemptView {
    let (code, name) = names.get(&a.rung_id).cloned().unwrap_or_default();
    AttemptView {
        id: a.id,
        rung_code: code,
        rung_name: name,
        contact_kind: a.contact_kind,
        asked: a.asked.clone(),
        staff_id: a.asked_staff,
        staff_number: a.staff_number.clone(),
        asked_at: a.asked_at.clone(),
        asked_at_local: fmt_instant(iso_to_ts(&a.asked_at)),
        channel: a.channel,
        rate_pence_per_hour: a.rate_pence,
        outcome: a.outcome,
        reply_by_local: a.reply_by.as_deref().map(|t| fmt_instant(iso_to_ts(t))),
        notes: a.notes.clone(),
        duty_ids: a.duties.iter().map(|d| d.0).collect(),
        accepted_duty_ids: a.duties.iter().filter(|d| d.1).map(|d| d.0).collect(),
        supersedes: a.supersedes,
        superseded_by,
        logged_by: a.logged_by.clone(),
        logged_at: a.logged_at.clone(),
        summary: summary(a),
    }
}

/// Everything recorded about a walkout's sourcing, read once.
struct Evidence {
    ladder: LadderView,
    names: HashMap<i64, (String, String)>,
    attempts: Vec<AttemptRow>,
    superseded_by: HashMap<i64, i64>,
    /// (duty, rung code) -> latest mark (not applicable?, reason)
    marks: HashMap<(i64, String), (bool, String)>,
    fills: HashMap<i64, store::FillRow>,
    /// Duty id -> who was recalled for it under a grant still in force.
    recalls: HashMap<i64, String>,
    /// Duty id -> indexes into `attempts` of the current (not superseded) attempts naming it.
    by_duty: HashMap<i64, Vec<usize>>,
}

fn evidence(db: &Db, walkout_id: i64) -> Result<Evidence> {
    let attempts = store::attempts(db.conn(), walkout_id)?;
    let superseded_by: HashMap<i64, i64> = attempts
        .iter()
        .filter_map(|a| a.supersedes.map(|s| (s, a.id)))
        .collect();
    let mut marks = HashMap::new();
    for m in store::rung_marks(db.conn(), walkout_id)? {
        marks.insert((m.duty_id, m.rung_code), (m.not_applicable, m.reason));
    }
    let mut by_duty: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, a) in attempts.iter().enumerate() {
        if superseded_by.contains_key(&a.id) {
            continue;
        }
        for d in &a.duties {
            by_duty.entry(d.0).or_default().push(i);
        }
    }
    Ok(Evidence {
        ladder: store::ladder_for_walkout(db.conn(), walkout_id)?,
        names: store::rung_names(db.conn())?,
        attempts,
        superseded_by,
        marks,
        fills: store::fills(db.conn(), walkout_id)?,
        recalls: store::recalls(db.conn(), None, Some(walkout_id))?
            .into_iter()
            .map(|r| {
                (
                    r.duty_id,
                    format!(
                        "{} ({}), recalled under DR-{}",
                        r.doctor, r.staff_number, r.request_id
                    ),
                )
            })
            .collect(),
        by_duty,
    })
}

/// Each gap's progress up the ladder, for the gap board.
pub(crate) struct Progress(Evidence);

impl Progress {
    pub(crate) fn load(db: &Db, walkout_id: i64) -> Result<Progress> {
        Ok(Progress(evidence(db, walkout_id)?))
    }

    /// Sets the gap's count of required rungs still to do and who covers it.
    pub(crate) fn annotate(&self, gap: &mut GapView) {
        let ev = &self.0;
        gap.rungs_to_do = ev
            .ladder
            .rungs
            .iter()
            .filter(|r| r.required && !sourcing::rung_done(ev.rung(gap.duty_id, &r.code).1))
            .count() as u32;
        gap.covered_by = ev.covered_by(gap.duty_id);
    }
}

impl Evidence {
    /// Who covers a gap: a fill, else a doctor recalled under a grant.
    fn covered_by(&self, duty: i64) -> Option<String> {
        self.fills
            .get(&duty)
            .map(fill_who)
            .or_else(|| self.recalls.get(&duty).cloned())
    }

    fn code_of(&self, rung_id: i64) -> &str {
        self.names.get(&rung_id).map_or("", |n| n.0.as_str())
    }

    /// A rung's current attempts on a duty (oldest first) and its state there.
    fn rung(&self, duty: i64, code: &str) -> (Vec<&AttemptRow>, RungState) {
        let current: Vec<&AttemptRow> = self
            .by_duty
            .get(&duty)
            .into_iter()
            .flatten()
            .map(|i| &self.attempts[*i])
            .filter(|a| self.code_of(a.rung_id) == code)
            .collect();
        let ev = RungEvidence {
            attempts: current
                .iter()
                .map(|a| AttemptFact {
                    outcome: a.outcome,
                    accepted: a.duties.iter().any(|d| d.0 == duty && d.1),
                })
                .collect(),
            not_applicable: self.marks.get(&(duty, code.to_string())).map(|m| m.0),
            filled: self
                .fills
                .get(&duty)
                .is_some_and(|f| self.code_of(f.rung_id) == code),
        };
        let state = sourcing::rung_state(&ev);
        (current, state)
    }

    fn gap_view(&self, mut gap: GapView) -> GapSourcingView {
        let duty = gap.duty_id;
        let fill = self.fills.get(&duty);
        let mut states: HashMap<&str, RungState> = HashMap::new();
        let mut rungs = Vec::new();
        for r in &self.ladder.rungs {
            let (current, state) = self.rung(duty, &r.code);
            let mark = self.marks.get(&(duty, r.code.clone()));
            states.insert(r.code.as_str(), state);
            let detail = match state {
                RungState::NotApplicable => mark.map_or_else(String::new, |m| m.1.clone()),
                RungState::Filled => {
                    fill.map_or_else(String::new, |f| format!("Covered by {}", fill_who(f)))
                }
                _ => current.last().map_or_else(String::new, |a| summary(a)),
            };
            rungs.push(RungStatusView {
                code: r.code.clone(),
                name: r.name.clone(),
                required: r.required,
                state,
                detail,
            });
        }
        let ladder: Vec<(String, bool)> = self
            .ladder
            .rungs
            .iter()
            .map(|r| (r.code.clone(), r.required))
            .collect();
        let missing: Vec<String> = sourcing::missing(&ladder, &states)
            .into_iter()
            .filter_map(|c| self.ladder.rungs.iter().find(|r| r.code == c))
            .map(|r| r.name.clone())
            .collect();
        gap.rungs_to_do = missing.len() as u32;
        gap.covered_by = self.covered_by(duty);
        GapSourcingView {
            exhausted: missing.is_empty(),
            missing,
            fill: fill.map(|f| self.fill_view(f)),
            rungs,
            gap,
        }
    }

    fn fill_view(&self, f: &store::FillRow) -> FillView {
        let (code, name) = self.names.get(&f.rung_id).cloned().unwrap_or_default();
        FillView {
            id: f.id,
            rung_code: code,
            rung_name: name,
            staff_id: f.staff_id,
            covered_by: fill_who(f),
            attempt_id: f.attempt_id,
            overridden: f
                .override_rules
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok())
                .unwrap_or_default(),
            override_reason: f.override_reason.clone(),
            filled_by: f.filled_by.clone(),
            filled_at: f.filled_at.clone(),
        }
    }
}

fn fill_who(f: &store::FillRow) -> String {
    match (&f.staff_label, &f.external_name) {
        (Some(s), _) => s.clone(),
        (None, Some(n)) => match f.external_org.as_deref().filter(|o| !o.is_empty()) {
            Some(o) => format!("{n} ({o})"),
            None => n.clone(),
        },
        (None, None) => String::new(),
    }
}

/// The sourcing screen for a gap or a group of gaps.
pub fn sourcing_view(db: &Db, walkout_id: i64, duty_ids: &[i64]) -> Result<SourcingView> {
    let chosen = chosen_gaps(db, walkout_id, duty_ids)?;
    let ev = evidence(db, walkout_id)?;
    let ids: HashSet<i64> = chosen.gaps.iter().map(|(d, _)| d.fact.id).collect();
    let mut attempts: Vec<AttemptView> = ev
        .attempts
        .iter()
        .filter(|a| a.duties.iter().any(|d| ids.contains(&d.0)))
        .map(|a| attempt_view(a, &ev.names, ev.superseded_by.get(&a.id).copied()))
        .collect();
    attempts.reverse();
    Ok(SourcingView {
        walkout_id,
        gaps: chosen
            .gaps
            .into_iter()
            .map(|(_, g)| ev.gap_view(g))
            .collect(),
        ladder: ev.ladder,
        attempts,
    })
}

// ---------------------------------------------------------------------------------------------
// Candidates

/// The rota history and the doctors, built once per version of the rota (cached in the
/// database handle until an import, a fill or a grade change).
pub(crate) struct Pool {
    staff: Vec<PoolStaff>,
    index: HashMap<i64, usize>,
    /// Where each doctor (by index) works most.
    main_dept: Vec<Option<i64>>,
    /// Each doctor's place in name order (case-insensitive, then staff number), for sorting.
    name_rank: Vec<u32>,
    history: History,
}

fn build_pool(db: &Db) -> Result<Pool> {
    let staff = store::pool_staff(db.conn())?;
    let index: HashMap<i64, usize> = staff.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut spans: Vec<(i64, Span)> = Vec::new();
    let mut dept_counts: Vec<HashMap<i64, u32>> = vec![HashMap::new(); staff.len()];
    let (mut from, mut to) = (i64::MAX, i64::MIN);
    store::for_each_staff_duty(db.conn(), |s, dept, start, end, shift_type| {
        spans.push((
            s,
            Span {
                start,
                end,
                shift_type,
            },
        ));
        from = from.min(start);
        to = to.max(end);
        if shift_type.is_work() {
            if let Some(i) = index.get(&s) {
                *dept_counts[*i].entry(dept).or_default() += 1;
            }
        }
    })?;
    for (s, start, end, shift_type) in store::filled_spans(db.conn())? {
        spans.push((
            s,
            Span {
                start,
                end,
                shift_type,
            },
        ));
    }
    if from > to {
        from = 0;
        to = 0;
    }
    let main_dept = dept_counts
        .iter()
        .map(|m| {
            m.iter()
                .max_by_key(|(d, n)| (**n, std::cmp::Reverse(**d)))
                .map(|(d, _)| *d)
        })
        .collect();
    Ok(Pool {
        history: History::build(spans, from, to),
        name_rank: name_ranks(&staff),
        staff,
        index,
        main_dept,
    })
}

/// Each doctor's place in name order.
fn name_ranks(staff: &[PoolStaff]) -> Vec<u32> {
    let lower: Vec<String> = staff.iter().map(|s| s.name.to_lowercase()).collect();
    let mut order: Vec<usize> = (0..staff.len()).collect();
    order.sort_by(|a, b| {
        lower[*a]
            .cmp(&lower[*b])
            .then_with(|| staff[*a].staff_number.cmp(&staff[*b].staff_number))
    });
    let mut rank = vec![0u32; staff.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

fn pool(db: &Db) -> Result<std::sync::Arc<Pool>> {
    let key = store::history_key(db.conn())?;
    db.cached(&key, build_pool)
}

/// What the candidate finder needs about the gap and the walkout.
struct GapContext<'a> {
    rule: &'a WalkoutRule,
    rules: &'a RuleSet,
    intents: &'a HashMap<i64, Intent>,
    duty: Span,
    grade: &'a str,
    level: u8,
    rostered: Option<i64>,
}

/// Every reason a doctor cannot take the gap: grade, the walkout, and the working-time rules
/// (with the facts used for ranking). With `full` false, a doctor already excluded by grade,
/// by the walkout or as the rostered doctor is not checked against the working-time rules
/// (the candidate list gives that reason; a fill records every rule).
fn judge(p: &Pool, i: usize, g: &GapContext<'_>, full: bool) -> (Vec<Violation>, Assessment) {
    let s = &p.staff[i];
    let mut reasons = Vec::new();
    if g.rostered == Some(s.id) {
        reasons.push(Violation {
            rule: "rostered".into(),
            message: "is the doctor rostered on this duty".into(),
            value: 0.0,
            limit: 0.0,
        });
    }
    if s.level < g.level {
        reasons.push(Violation {
            rule: "grade".into(),
            message: format!(
                "{} (cover level {}) cannot cover a {} duty (level {})",
                s.grade, s.level, g.grade, g.level
            ),
            value: f64::from(s.level),
            limit: f64::from(g.level),
        });
    }
    if g.rule.affects(&s.grade, s.staff_group) {
        match g.intents.get(&s.id).copied().unwrap_or(Intent::Undeclared) {
            Intent::Striking => reasons.push(Violation {
                rule: "striking".into(),
                message: "is taking action in this walkout".into(),
                value: 0.0,
                limit: 0.0,
            }),
            Intent::Undeclared if g.rule.undeclared_uncovered => reasons.push(Violation {
                rule: "not_declared".into(),
                message: "has not declared, and this walkout counts doctors who have not declared as taking action".into(),
                value: 0.0,
                limit: 0.0,
            }),
            _ => {}
        }
    }
    if !full && !reasons.is_empty() {
        let skipped = Assessment {
            violations: Vec::new(),
            hours_past_7_days: 0.0,
            rest_before_hours: None,
            rest_after_hours: None,
        };
        return (reasons, skipped);
    }
    let a = assess(
        g.rules,
        &p.history,
        &DoctorFacts {
            staff_id: s.id,
            group: s.staff_group,
            opted_out: s.opted_out,
        },
        &g.duty,
    );
    let mut a = a;
    reasons.append(&mut a.violations);
    (reasons, a)
}

/// `f(0..n)` in order, the range split across the machine's cores (at most 8 threads).
fn in_parallel<T: Send>(n: usize, f: &(dyn Fn(usize) -> T + Sync)) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 8);
    if threads == 1 || n < 64 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|lo| scope.spawn(move || (lo..(lo + chunk).min(n)).map(f).collect::<Vec<T>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("candidate thread"))
            .collect()
    })
}

fn level_of(db: &Db, grade: &str) -> Result<u8> {
    Ok(store::cover_levels(db.conn())?
        .into_iter()
        .find(|(code, ..)| code.eq_ignore_ascii_case(grade))
        .map_or_else(|| default_cover_level(grade), |g| g.2))
}

fn one_decimal(h: f64) -> String {
    format!("{h:.1}")
}

/// The doctors who could take a gap, best first, and every doctor left out with the rules
/// that exclude them.
pub fn candidates(db: &Db, walkout_id: i64, duty_id: i64) -> Result<CandidatesView> {
    let Chosen {
        walkout: w,
        gaps,
        intents,
        departments,
    } = chosen_gaps(db, walkout_id, &[duty_id])?;
    let (duty, gap) = gaps.into_iter().next().expect("one gap");
    let (rules_version, rules, _) = current_rules(db)?;
    let p = pool(db)?;
    let labels: HashMap<i64, String> = departments
        .keys()
        .filter_map(|id| dept_label(&departments, *id).map(|l| (*id, l)))
        .collect();
    let ctx = GapContext {
        rule: &w.rule,
        rules: &rules,
        intents: &intents,
        duty: Span {
            start: duty.fact.start,
            end: duty.fact.end,
            shift_type: duty.fact.shift_type,
        },
        grade: &duty.fact.grade,
        level: level_of(db, &duty.fact.grade)?,
        rostered: duty.fact.staff_id,
    };
    // Who has been asked about this gap already, and their latest answer.
    let ev_attempts = store::attempts(db.conn(), walkout_id)?;
    let mut asked: HashMap<i64, String> = HashMap::new();
    for a in &ev_attempts {
        if let Some(s) = a.asked_staff {
            if a.duties.iter().any(|d| d.0 == duty_id) {
                asked.insert(
                    s,
                    format!(
                        "{} {}",
                        a.outcome.label(),
                        fmt_instant(iso_to_ts(&a.asked_at))
                    ),
                );
            }
        }
    }
    let dept = departments.get(&duty.department_id);
    // Judge every doctor. (Splitting this across threads was measured slower: the work per
    // doctor is a few microseconds.)
    let view_of = |i: usize| -> CandidateView {
        let s = &p.staff[i];
        let (reasons, a) = judge(&p, i, &ctx, false);
        let main = p.main_dept[i];
        let same_site = main
            .and_then(|m| departments.get(&m))
            .zip(dept)
            .is_some_and(|(a, b)| a.site_id == b.site_id);
        let view = CandidateView {
            staff_id: s.id,
            staff_number: s.staff_number.clone(),
            name: s.name.clone(),
            grade: s.grade.clone(),
            staff_group: s.staff_group,
            department: main.and_then(|m| labels.get(&m)).cloned(),
            same_department: main == Some(duty.department_id),
            same_site,
            rank: None,
            hours_past_7_days: a.hours_past_7_days,
            rest_before_hours: a.rest_before_hours,
            rest_after_hours: a.rest_after_hours,
            why: String::new(),
            reasons,
            asked: asked.get(&s.id).cloned(),
        };
        view
    };
    // Sort indexes, not the rows themselves (a row is a few hundred bytes).
    let mut all: Vec<Option<CandidateView>> =
        (0..p.staff.len()).map(|i| Some(view_of(i))).collect();
    let view = |i: usize| all[i].as_ref().expect("each row taken once");
    let (mut eligible_at, mut excluded_at): (Vec<usize>, Vec<usize>) =
        (0..all.len()).partition(|i| view(*i).reasons.is_empty());
    let name = |i: usize| p.name_rank[i];
    eligible_at.sort_by(|i, j| {
        let (a, b) = (view(*i), view(*j));
        b.same_department
            .cmp(&a.same_department)
            .then(b.same_site.cmp(&a.same_site))
            .then(a.hours_past_7_days.total_cmp(&b.hours_past_7_days))
            .then(
                b.rest_before_hours
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&a.rest_before_hours.unwrap_or(f64::INFINITY)),
            )
            .then(name(*i).cmp(&name(*j)))
    });
    excluded_at.sort_by(|i, j| {
        let (a, b) = (view(*i), view(*j));
        a.reasons
            .len()
            .cmp(&b.reasons.len())
            .then(b.same_department.cmp(&a.same_department))
            .then(name(*i).cmp(&name(*j)))
    });
    let mut take = |order: Vec<usize>| -> Vec<CandidateView> {
        order.into_iter().filter_map(|i| all[i].take()).collect()
    };
    let mut eligible = take(eligible_at);
    let excluded = take(excluded_at);
    for (k, c) in eligible.iter_mut().enumerate() {
        c.rank = Some(k as u32 + 1);
        let place = if c.same_department {
            "same department"
        } else if c.same_site {
            "same site, another department"
        } else {
            "another site"
        };
        let rest = c.rest_before_hours.map_or_else(
            || "no duty before it in the rota".to_string(),
            |h| format!("{} h rest before", one_decimal(h)),
        );
        c.why = format!(
            "{place}; {} h in the past 7 days; {rest}",
            one_decimal(c.hours_past_7_days)
        );
    }
    Ok(CandidatesView {
        walkout_id,
        gap,
        rules_version,
        eligible,
        excluded,
    })
}

/// How many doctors could take each gap of a walkout (by duty id). Doctors excluded by grade
/// or by the walkout are not assessed against the working-time rules.
pub fn candidate_counts(db: &Db, walkout_id: i64) -> Result<HashMap<i64, usize>> {
    let w = store::walkout(db.conn(), walkout_id)?;
    let gaps = super::gaps(db, walkout_id)?;
    let (_, rules, _) = current_rules(db)?;
    let intents = store::intent_map(db.conn(), walkout_id)?;
    let levels: HashMap<String, u8> = store::cover_levels(db.conn())?
        .into_iter()
        .map(|(code, _, level, _)| (code.to_ascii_lowercase(), level))
        .collect();
    let p = pool(db)?;
    // Who the walkout takes out, once.
    let out_of_walkout: Vec<bool> = p
        .staff
        .iter()
        .map(|s| {
            w.rule.affects(&s.grade, s.staff_group)
                && match intents.get(&s.id).copied().unwrap_or(Intent::Undeclared) {
                    Intent::Striking => true,
                    Intent::Undeclared => w.rule.undeclared_uncovered,
                    Intent::Working => false,
                }
        })
        .collect();
    let count = |g: &GapView| -> usize {
        let level = levels
            .get(&g.grade.to_ascii_lowercase())
            .copied()
            .unwrap_or_else(|| default_cover_level(&g.grade));
        let duty = Span {
            start: g.start,
            end: g.end,
            shift_type: g.shift_type,
        };
        p.staff
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                !out_of_walkout[*i]
                    && s.level >= level
                    && g.staff_number.as_deref() != Some(s.staff_number.as_str())
                    && assess(
                        &rules,
                        &p.history,
                        &DoctorFacts {
                            staff_id: s.id,
                            group: s.staff_group,
                            opted_out: s.opted_out,
                        },
                        &duty,
                    )
                    .violations
                    .is_empty()
            })
            .count()
    };
    let out: HashMap<i64, usize> = in_parallel(gaps.len(), &|i| (gaps[i].duty_id, count(&gaps[i])))
        .into_iter()
        .collect();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Fills

/// Fills a gap: from a doctor on the rota (checked against every rule; a doctor who breaks
/// one needs an explicit override with a reason) or from outside it (a bank or agency locum
/// by name). The rostered doctor stays on record.
pub fn gap_fill(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    input: &FillInput,
) -> Result<SourcingView> {
    let chosen = chosen_gaps(db, walkout_id, &[input.duty_id])?;
    let (duty, gap) = &chosen.gaps[0];
    let ev = evidence(db, walkout_id)?;
    if let Some(f) = ev.fills.get(&input.duty_id) {
        return Err(Error::invalid(
            "duty_id",
            format!(
                "this gap is already covered by {}; record that the cover fell through before filling it again",
                fill_who(f)
            ),
        ));
    }
    let rung = ev
        .ladder
        .rungs
        .iter()
        .find(|r| r.code == input.rung_code.trim())
        .ok_or_else(|| {
            Error::invalid(
                "rung_code",
                format!(
                    "'{}' is not a rung of the ladder in force",
                    input.rung_code.trim()
                ),
            )
        })?;
    if let Some(a) = input.attempt_id {
        let ok = ev
            .attempts
            .iter()
            .any(|x| x.id == a && x.duties.iter().any(|d| d.0 == input.duty_id && d.1));
        if !ok {
            return Err(Error::invalid(
                "attempt_id",
                format!("attempt {a} did not accept this gap"),
            ));
        }
    }
    let name = input.external_name.trim();
    let org = input.external_org.trim();
    if name.chars().count() > MAX_NAME || org.chars().count() > MAX_NAME {
        return Err(too_long("external_name", "the name", MAX_NAME));
    }
    let override_reason = input.override_reason.trim();
    if override_reason.chars().count() > 1_000 {
        return Err(too_long("override_reason", "the reason", 1_000));
    }
    let (rules_version, rules, _) = current_rules(db)?;
    let mut broken: Vec<Violation> = Vec::new();
    let staff = match (input.staff_id, name.is_empty()) {
        (Some(_), false) => {
            return Err(Error::invalid(
                "external_name",
                "choose a doctor from the rota or name someone from outside it, not both",
            ))
        }
        (None, true) => {
            return Err(Error::invalid(
                "staff_id",
                "say who covers the shift: a doctor from the rota, or a locum by name",
            ))
        }
        (None, false) => None,
        (Some(id), true) => {
            let p = pool(db)?;
            let Some(&i) = p.index.get(&id) else {
                return Err(Error::invalid(
                    "staff_id",
                    format!("no doctor with staff id {id} in the rota"),
                ));
            };
            let g = GapContext {
                rule: &chosen.walkout.rule,
                rules: &rules,
                intents: &chosen.intents,
                duty: Span {
                    start: duty.fact.start,
                    end: duty.fact.end,
                    shift_type: duty.fact.shift_type,
                },
                grade: &duty.fact.grade,
                level: level_of(db, &duty.fact.grade)?,
                rostered: duty.fact.staff_id,
            };
            let (reasons, _) = judge(&p, i, &g, true);
            if reasons.iter().any(|r| r.rule == "rostered") {
                return Err(Error::invalid(
                    "staff_id",
                    "this doctor is rostered on the duty: the gap is theirs",
                ));
            }
            if !reasons.is_empty() && override_reason.is_empty() {
                let list: Vec<&str> = reasons.iter().map(|r| r.message.as_str()).collect();
                return Err(Error::invalid(
                    "override_reason",
                    format!(
                        "{} cannot take this duty: {}. To fill it anyway, give the reason for overriding; it is recorded and shown as a warning on any request",
                        p.staff[i].name,
                        list.join("; ")
                    ),
                ));
            }
            broken = reasons;
            Some(p.staff[i].clone())
        }
    };
    if staff.is_none() && !override_reason.is_empty() {
        return Err(Error::invalid(
            "override_reason",
            "an override is only for a doctor from the rota who breaks a rule",
        ));
    }
    if staff.is_some() && broken.is_empty() && !override_reason.is_empty() {
        return Err(Error::invalid(
            "override_reason",
            "this doctor breaks no rule; leave the override empty",
        ));
    }
    let override_json = if broken.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&broken)?)
    };
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let gap_id = store::ensure_gap(&tx, walkout_id, input.duty_id)?;
    let fill = store::insert_fill(
        &tx,
        &store::NewFill {
            gap_id,
            release: false,
            rung_id: Some(rung.id),
            staff_id: staff.as_ref().map(|s| s.id),
            external_name: (!name.is_empty()).then_some(name),
            external_org: (!org.is_empty()).then_some(org),
            attempt_id: input.attempt_id,
            rule_set_id: (rules_version > 0).then_some(rules_version),
            override_rules: override_json.as_deref(),
            override_reason: (!override_reason.is_empty()).then_some(override_reason),
            reason: None,
        },
        user_id,
        &now,
    )?;
    store::set_gap_status(&tx, gap_id, "covered")?;
    append_audit(
        &tx,
        user_id,
        &now,
        "gap.fill",
        "gap",
        Some(&format!("{walkout_id}:{}", input.duty_id)),
        &json!({
            "fill": fill,
            "walkout": walkout_id,
            "duty": input.duty_id,
            "date": fmt_date(gap.date),
            "rung": rung.code,
            "staff": staff.as_ref().map(|s| &s.staff_number),
            "external_name": (!name.is_empty()).then_some(name),
            "external_org": (!org.is_empty()).then_some(org),
            "attempt": input.attempt_id,
            "rules_version": rules_version,
            "override": broken.iter().map(|v| &v.message).collect::<Vec<_>>(),
            "override_reason": (!override_reason.is_empty()).then_some(override_reason),
        }),
    )?;
    tx.commit()?;
    sourcing_view(db, walkout_id, &[input.duty_id])
}

/// Records that a gap's cover fell through: the gap is open again (the fill stays on record).
pub fn gap_release(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    input: &ReleaseInput,
) -> Result<SourcingView> {
    chosen_gaps(db, walkout_id, &[input.duty_id])?;
    let fills = store::fills(db.conn(), walkout_id)?;
    let Some(f) = fills.get(&input.duty_id) else {
        return Err(Error::invalid("duty_id", "this gap is not covered"));
    };
    let reason = input.reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(Error::invalid(
            "reason",
            "say why the cover fell through (e.g. the locum cancelled), in at most 500 characters",
        ));
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let gap_id = store::ensure_gap(&tx, walkout_id, input.duty_id)?;
    store::insert_fill(
        &tx,
        &store::NewFill {
            gap_id,
            release: true,
            rung_id: None,
            staff_id: None,
            external_name: None,
            external_org: None,
            attempt_id: None,
            rule_set_id: None,
            override_rules: None,
            override_reason: None,
            reason: Some(reason),
        },
        user_id,
        &now,
    )?;
    store::set_gap_status(&tx, gap_id, "sourcing")?;
    append_audit(
        &tx,
        user_id,
        &now,
        "gap.release",
        "gap",
        Some(&format!("{walkout_id}:{}", input.duty_id)),
        &json!({ "walkout": walkout_id, "duty": input.duty_id, "fill": f.id, "covered_by": fill_who(f), "reason": reason }),
    )?;
    tx.commit()?;
    sourcing_view(db, walkout_id, &[input.duty_id])
}

// ---------------------------------------------------------------------------------------------
// Evidence for a derogation request

/// The evidence for a request's gaps, generated from the attempt log, rung by rung.
pub(super) struct RequestEvidence {
    pub rungs: Vec<crate::requests::RungEvidence>,
    pub overrides: Vec<crate::requests::OverrideLine>,
    /// Required rungs still without evidence: (rung name, the shifts it is missing on).
    pub missing: Vec<(String, Vec<String>)>,
    /// Duty ids covered by a fill in force.
    pub covered: Vec<i64>,
}

fn state_rank(s: RungState) -> u8 {
    match s {
        RungState::NotStarted => 0,
        RungState::InProgress => 1,
        RungState::Exhausted | RungState::NotApplicable => 2,
        RungState::Filled => 3,
    }
}

/// What came of an attempt, in words for a document.
fn result_text(a: &AttemptRow) -> String {
    let n = a.duties.len();
    match a.outcome {
        Outcome::NoReply => match a.reply_by.as_deref() {
            Some(t) => format!("No reply by {}", fmt_instant(iso_to_ts(t))),
            None => Outcome::NoReply.label().to_string(),
        },
        Outcome::Partly => format!(
            "Accepted {} of {}",
            a.duties.iter().filter(|d| d.1).count(),
            shifts(n)
        ),
        o => o.label().to_string(),
    }
}

/// The evidence for `duties` (duty id, short label such as "03/01 Night 20:00") of a walkout.
pub(super) fn request_evidence(
    db: &Db,
    walkout_id: i64,
    duties: &[(i64, String)],
) -> Result<RequestEvidence> {
    let ev = evidence(db, walkout_id)?;
    let label: HashMap<i64, &str> = duties.iter().map(|(d, l)| (*d, l.as_str())).collect();
    let mut rungs = Vec::new();
    let mut missing = Vec::new();
    for r in &ev.ladder.rungs {
        let states: Vec<(i64, RungState)> = duties
            .iter()
            .map(|(d, _)| (*d, ev.rung(*d, &r.code).1))
            .collect();
        let least = states
            .iter()
            .map(|s| s.1)
            .min_by_key(|s| state_rank(*s))
            .unwrap_or(RungState::NotStarted);
        let all_same = states.iter().all(|s| s.1 == least);
        let state = if all_same || states.is_empty() {
            least.label().to_string()
        } else {
            format!("{} (varies by shift)", least.label())
        };
        let mut not_applicable: Vec<String> = Vec::new();
        for (d, s) in &states {
            if *s == RungState::NotApplicable {
                if let Some(m) = ev.marks.get(&(*d, r.code.clone())) {
                    if !not_applicable.contains(&m.1) {
                        not_applicable.push(m.1.clone());
                    }
                }
            }
        }
        if r.required {
            let short: Vec<String> = states
                .iter()
                .filter(|s| !sourcing::rung_done(s.1))
                .map(|s| label.get(&s.0).copied().unwrap_or_default().to_string())
                .collect();
            if !short.is_empty() {
                missing.push((r.name.clone(), short));
            }
        }
        let mut attempts: Vec<&AttemptRow> = ev
            .attempts
            .iter()
            .filter(|a| !ev.superseded_by.contains_key(&a.id))
            .filter(|a| ev.code_of(a.rung_id) == r.code)
            .filter(|a| a.duties.iter().any(|d| label.contains_key(&d.0)))
            .collect();
        attempts.sort_by(|a, b| (&a.asked_at, a.id).cmp(&(&b.asked_at, b.id)));
        let attempts = attempts
            .into_iter()
            .map(|a| {
                let mine: Vec<&str> = a
                    .duties
                    .iter()
                    .filter_map(|d| label.get(&d.0).copied())
                    .collect();
                crate::requests::EvidenceAttempt {
                    attempt_id: a.id,
                    at: fmt_instant(iso_to_ts(&a.asked_at)),
                    by: a.logged_by.clone(),
                    asked: match (&a.staff_number, a.contact_kind) {
                        (Some(n), ContactKind::Doctor) => format!("Dr {} ({n})", a.asked),
                        _ => who(a),
                    },
                    channel: a.channel.label().to_string(),
                    terms: a
                        .rate_pence
                        .map_or_else(String::new, |p| format!("{} an hour", fmt_rate(p))),
                    result: result_text(a),
                    shifts: if mine.len() == duties.len() && duties.len() > 1 {
                        format!("all {} shifts", duties.len())
                    } else {
                        mine.join(", ")
                    },
                    notes: a.notes.clone(),
                }
            })
            .collect();
        rungs.push(crate::requests::RungEvidence {
            code: r.code.clone(),
            name: r.name.clone(),
            required: r.required,
            state,
            not_applicable,
            attempts,
        });
    }
    let overrides = store::override_fills(db.conn(), walkout_id)?
        .into_iter()
        .filter(|f| label.contains_key(&f.duty_id))
        .map(|f| crate::requests::OverrideLine {
            shift: label
                .get(&f.duty_id)
                .copied()
                .unwrap_or_default()
                .to_string(),
            doctor: fill_who(&f),
            rules: f
                .override_rules
                .as_deref()
                .and_then(|s| serde_json::from_str::<Vec<Violation>>(s).ok())
                .map(|v| v.into_iter().map(|v| v.message).collect())
                .unwrap_or_default(),
            reason: f.override_reason.clone().unwrap_or_default(),
            at: fmt_instant(iso_to_ts(&f.filled_at)),
            by: f.filled_by.clone(),
            released: ev.fills.get(&f.duty_id).map(|c| c.id) != Some(f.id),
        })
        .collect();
    let covered = duties
        .iter()
        .filter(|(d, _)| ev.fills.contains_key(d))
        .map(|(d, _)| *d)
        .collect();
    Ok(RequestEvidence {
        rungs,
        overrides,
        missing,
        covered,
    })
}
