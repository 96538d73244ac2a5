//! Derogation requests: build from the evidence, check, approve (bound to the content hash),
//! send, decide, recall; the documents; verification of an exported file.

use super::sourcing::{chosen_gaps, iso_to_ts, parse_local, request_evidence};
use super::{sha256_hex, Ctx};
use crate::error::{Error, Result};
use crate::requests::{
    self as rq, ApprovalBlock, ApproveInput, CheckFacts, CheckStatus, DecisionInput, DecisionKind,
    DecisionView, DocKind, ExportResult, IssuedDocView, Lifecycle, RecallChoice, RecallDoctor,
    RecallInput, RecallView, RequestContent, RequestDocument, RequestEventView, RequestInput,
    RequestProposal, RequestStatus, RequestSummary, RequestView, SendInput, ShiftLine, SplitGap,
    TimeField, Verdict, VerifyResult, WalkoutRef, CONTENT_SCHEMA, DOCUMENT_SCHEMA,
};
use crate::store::{self, append_audit, Db, NewDecision, NewEvent, NewIssued, NewVersion};
use crate::time::{fmt_date, fmt_instant};
use crate::walkouts::Intent;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Minutes a stated time may lie in the future (clocks differ between desktops).
const FUTURE_SLACK_SECS: i64 = 300;

fn reference(id: i64) -> String {
    format!("DR-{id}")
}

fn limit(field: &str, what: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{what} is longer than {max} characters; shorten it"),
        ));
    }
    Ok(())
}

/// A short label for a shift in lists: "03/01/2024 Night 20:00–08:00".
fn shift_label(s: &ShiftLine) -> String {
    format!("{} {} {}–{}", s.date, s.day_or_night, s.start, s.end)
}

/// A request version built from its input and the attempt log, with the facts its checks need.
struct Built {
    content: RequestContent,
    department_id: i64,
    gap_ids: Vec<i64>,
    facts: CheckFacts,
}

fn check_input(input: &RequestInput) -> Result<()> {
    for (field, what, value, max) in [
        ("role", "The grade or role", &input.role, 200),
        ("trigger", "The trigger", &input.trigger, 4000),
        (
            "clinical_risk",
            "The clinical risk",
            &input.clinical_risk,
            4000,
        ),
        (
            "incident_detail",
            "The incident",
            &input.incident_detail,
            1000,
        ),
        (
            "consultants_who",
            "Who gave the view",
            &input.consultants_who,
            500,
        ),
        (
            "elective_reason",
            "The reason",
            &input.elective_reason,
            2000,
        ),
        (
            "pre_emptive_reason",
            "The reason",
            &input.pre_emptive_reason,
            2000,
        ),
        (
            "requesting_clinician",
            "The requesting clinician",
            &input.requesting_clinician,
            200,
        ),
        (
            "contact_phone",
            "The contact number",
            &input.contact_phone,
            40,
        ),
    ] {
        limit(field, what, value, max)?;
    }
    if input.doctors > 50 {
        return Err(Error::invalid(
            "doctors",
            format!(
                "{} doctors is more than one request should ask for (at most 50); split it by shift",
                input.doctors
            ),
        ));
    }
    let phone = input.contact_phone.trim();
    if !phone.is_empty()
        && !phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-".contains(c))
    {
        return Err(Error::invalid(
            "contact_phone",
            format!("'{phone}' is not a telephone number: use digits, spaces, + ( ) and -"),
        ));
    }
    if phone.chars().filter(char::is_ascii_digit).count() > 0
        && phone.chars().filter(char::is_ascii_digit).count() < 5
    {
        return Err(Error::invalid(
            "contact_phone",
            format!("'{phone}' is too short to be a telephone number"),
        ));
    }
    Ok(())
}

fn build(db: &Db, ctx: &Ctx, input: &RequestInput, request_id: i64, version: u32) -> Result<Built> {
    check_input(input)?;
    let chosen = chosen_gaps(db, input.walkout_id, &input.duty_ids)?;
    let departments: HashSet<i64> = chosen.gaps.iter().map(|g| g.1.department_id).collect();
    if departments.len() > 1 {
        let mut names: Vec<String> = chosen
            .gaps
            .iter()
            .map(|g| format!("{} ({})", g.1.department, g.1.site))
            .collect();
        names.sort();
        names.dedup();
        return Err(Error::invalid(
            "duty_ids",
            format!(
                "a request covers one department, and these shifts are in {}; build one request for each (the builder proposes the split)",
                names.join(" and ")
            ),
        ));
    }
    let mut gaps: Vec<_> = chosen.gaps.iter().map(|g| &g.1).collect();
    gaps.sort_by_key(|g| (g.start, g.duty_id));
    let first = gaps[0];
    let shifts: Vec<ShiftLine> = gaps
        .iter()
        .map(|g| ShiftLine {
            duty_id: g.duty_id,
            date: fmt_date(g.date),
            day_or_night: if g.night { "Night" } else { "Day" }.to_string(),
            shift_type: g.shift_type.label().to_string(),
            start: g.start_local.clone(),
            end: g.end_local.clone(),
            hours: g.hours,
            grade: g.grade.clone(),
            start_utc: g.start,
            end_utc: g.end,
        })
        .collect();
    let labels: Vec<(i64, String)> = shifts.iter().map(|s| (s.duty_id, shift_label(s))).collect();
    let ev = request_evidence(db, input.walkout_id, &labels)?;
    let w = &chosen.walkout;
    let decision_needed_by = match input.decision_needed_by.trim() {
        "" => None,
        t => {
            let utc = parse_local("decision_needed_by", t)?;
            Some(TimeField {
                utc,
                local: fmt_instant(utc),
            })
        }
    };
    let total: f64 = shifts.iter().map(|s| s.hours).sum();
    let last_end = shifts.iter().map(|s| s.end_utc).max().unwrap_or(first.end);
    let duration = format!(
        "{} shift{} from {} to {} ({:.1} hours of work in all)",
        shifts.len(),
        if shifts.len() == 1 { "" } else { "s" },
        fmt_instant(first.start),
        fmt_instant(last_end),
        total
    );
    let groups: Vec<&str> = w.rule.staff_groups.iter().map(|g| g.label()).collect();
    let mut group = groups.join(", ");
    if !w.rule.grades.is_empty() {
        if !group.is_empty() {
            group.push_str("; ");
        }
        group.push_str(&format!("grades {}", w.rule.grades.join(", ")));
    }
    let text = |s: &str| s.trim().to_string();
    let content = RequestContent {
        schema: CONTENT_SCHEMA.to_string(),
        reference: reference(request_id),
        version,
        trust: store::trust_name(db.conn())?.unwrap_or_default(),
        walkout: WalkoutRef {
            id: w.id,
            name: w.title.clone(),
            group,
            starts: fmt_instant(w.rule.start),
            ends: fmt_instant(w.rule.end),
        },
        site: first.site.clone(),
        department: first.department.clone(),
        role: text(&input.role),
        doctors: input.doctors,
        shifts,
        duration,
        trigger: text(&input.trigger),
        clinical_risk: text(&input.clinical_risk),
        incident_declared: input.incident_declared,
        incident_detail: if input.incident_declared {
            text(&input.incident_detail)
        } else {
            String::new()
        },
        consultants_view: input.consultants_view,
        consultants_who: text(&input.consultants_who),
        elective_continuing: input.elective_continuing,
        elective_reason: if input.elective_continuing == Some(true) {
            text(&input.elective_reason)
        } else {
            String::new()
        },
        pre_emptive_reason: Some(text(&input.pre_emptive_reason)).filter(|s| !s.is_empty()),
        decision_needed_by,
        requesting_clinician: text(&input.requesting_clinician),
        contact_phone: text(&input.contact_phone),
        evidence: ev.rungs,
        overrides: ev.overrides,
    };
    let covered: HashSet<i64> = ev.covered.iter().copied().collect();
    let recalled: HashSet<i64> = store::recalls(db.conn(), None, Some(input.walkout_id))?
        .into_iter()
        .filter(|r| r.request_id != request_id)
        .map(|r| r.duty_id)
        .collect();
    let facts = CheckFacts {
        now: ctx.now.timestamp(),
        walkout_start: w.rule.start,
        missing: ev.missing,
        covered: labels
            .iter()
            .filter(|(d, _)| covered.contains(d) || recalled.contains(d))
            .map(|(_, l)| l.clone())
            .collect(),
    };
    let mut gap_ids = Vec::new();
    for g in &gaps {
        gap_ids.push(g.duty_id);
    }
    Ok(Built {
        content,
        department_id: first.department_id,
        gap_ids,
        facts,
    })
}

/// Splits a selection of gaps into narrow requests (one department and grade each).
pub fn requests_propose(
    db: &Db,
    walkout_id: i64,
    duty_ids: &[i64],
) -> Result<Vec<RequestProposal>> {
    let chosen = chosen_gaps(db, walkout_id, duty_ids)?;
    // The gap views from `chosen_gaps` carry no ladder progress: count it here.
    let progress = super::sourcing::Progress::load(db, walkout_id)?;
    let split: Vec<SplitGap> = chosen
        .gaps
        .iter()
        .map(|(_, g)| {
            let mut g = g.clone();
            progress.annotate(&mut g);
            SplitGap {
                duty_id: g.duty_id,
                department_id: g.department_id,
                site: g.site,
                department: g.department,
                grade: g.grade,
                start: g.start,
                end: g.end,
                exhausted: g.rungs_to_do == 0,
            }
        })
        .collect();
    Ok(rq::propose(&split))
}

/// Stores a new version of a request (and its gaps) inside `tx`.
fn store_version(
    tx: &rusqlite::Transaction<'_>,
    request_id: i64,
    version: u32,
    input: &RequestInput,
    built: &Built,
    user_id: i64,
    now: &str,
) -> Result<String> {
    let content = String::from_utf8(built.content.canonical()).expect("JSON is UTF-8");
    let hash = built.content.hash();
    let walkout_id = input.walkout_id;
    let mut gap_ids = Vec::new();
    for d in &built.gap_ids {
        gap_ids.push(store::ensure_gap(tx, walkout_id, *d)?);
    }
    store::insert_version(
        tx,
        &NewVersion {
            request_id,
            version,
            input: &serde_json::to_string(input)?,
            content: &content,
            content_hash: &hash,
            gap_ids: &gap_ids,
        },
        user_id,
        now,
    )?;
    Ok(hash)
}

/// Builds a draft request (version 1) from gaps of one department; the evidence comes from the
/// attempt log.
pub fn request_create(db: &mut Db, ctx: &Ctx, input: &RequestInput) -> Result<RequestView> {
    // The id the insert below will take (one connection writes, under the app's lock), so the
    // content carries its reference and the request is built and checked once.
    let next_id: i64 =
        db.conn()
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM requests", [], |r| {
                r.get(0)
            })?;
    let built = build(db, ctx, input, next_id, 1)?;
    let department_id = built.department_id;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let id = store::insert_request(&tx, input.walkout_id, department_id, user_id, &now)?;
    debug_assert_eq!(id, next_id);
    let hash = store_version(&tx, id, 1, input, &built, user_id, &now)?;
    let row = store::RequestRow {
        id,
        walkout_id: input.walkout_id,
        department_id,
        status: RequestStatus::Draft,
        version: 1,
        decision_due: built.content.decision_needed_by.as_ref().map(|t| t.utc),
        sent_at: None,
        sent_to: None,
        created_by: ctx.user.clone(),
        created_at: now.clone(),
    };
    store::set_request_state(&tx, &row)?;
    event(
        &tx,
        id,
        1,
        "created",
        ctx.now.timestamp(),
        "",
        &json!({ "content_hash": hash }),
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "request.create",
        "request",
        Some(&id.to_string()),
        &json!({
            "walkout": input.walkout_id,
            "version": 1,
            "content_hash": hash,
            "duties": built.gap_ids,
        }),
    )?;
    tx.commit()?;
    request_get(db, ctx, id)
}

#[allow(clippy::too_many_arguments)]
fn event(
    tx: &rusqlite::Transaction<'_>,
    request_id: i64,
    version: u32,
    kind: &str,
    at: i64,
    comment: &str,
    detail: &serde_json::Value,
    user_id: i64,
    now: &str,
) -> Result<()> {
    store::insert_event(
        tx,
        &NewEvent {
            request_id,
            version,
            kind,
            at,
            comment,
            detail,
        },
        user_id,
        now,
    )
}

fn stored_input(db: &Db, id: i64, version: u32) -> Result<(RequestInput, store::VersionRow)> {
    let v = store::version(db.conn(), id, version)?;
    Ok((serde_json::from_str(&v.input)?, v))
}

/// Saves a change as a new version (nothing happens when nothing changed). A request awaiting
/// approval or approved goes back to draft: its approval no longer applies.
pub fn request_update(
    db: &mut Db,
    ctx: &Ctx,
    request_id: i64,
    input: &RequestInput,
) -> Result<RequestView> {
    let mut row = store::request(db.conn(), request_id)?;
    Lifecycle::may_edit(row.status).map_err(|m| Error::invalid("status", m))?;
    if input.walkout_id != row.walkout_id {
        return Err(Error::invalid(
            "walkout_id",
            "a request stays with the walkout it was built for",
        ));
    }
    let current = store::version(db.conn(), request_id, row.version)?;
    let version = row.version + 1;
    let built = build(db, ctx, input, request_id, version)?;
    if built.department_id != row.department_id {
        return Err(Error::invalid(
            "duty_ids",
            "a request stays with its department; build a new request for shifts elsewhere",
        ));
    }
    // Unchanged apart from the version number: no new version.
    let mut same = built.content.clone();
    same.version = row.version;
    if same.hash() == current.content_hash && serde_json::to_string(input)? == current.input {
        return request_get(db, ctx, request_id);
    }
    let was = row.status;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    let hash = store_version(&tx, request_id, version, input, &built, user_id, &now)?;
    row.version = version;
    row.status = Lifecycle::after_edit(was);
    row.decision_due = built.content.decision_needed_by.as_ref().map(|t| t.utc);
    store::set_request_state(&tx, &row)?;
    let voided = matches!(
        was,
        RequestStatus::Approved | RequestStatus::AwaitingApproval
    );
    event(
        &tx,
        request_id,
        version,
        "edited",
        ctx.now.timestamp(),
        if voided {
            "changed after it was sent for approval: it needs approval again"
        } else {
            ""
        },
        &json!({ "content_hash": hash, "was": was.as_str() }),
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "request.edit",
        "request",
        Some(&request_id.to_string()),
        &json!({ "version": version, "content_hash": hash, "was": was.as_str(), "approval_voided": was == RequestStatus::Approved }),
    )?;
    tx.commit()?;
    request_get(db, ctx, request_id)
}

fn summary_of(
    db: &Db,
    ctx: &Ctx,
    r: &store::RequestRow,
    decided: &HashMap<i64, i64>,
    walkouts: &HashMap<i64, String>,
) -> Result<RequestSummary> {
    let v = store::version(db.conn(), r.id, r.version)?;
    let content: RequestContent = serde_json::from_str(&v.content)?;
    let failing = if matches!(
        r.status,
        RequestStatus::Draft | RequestStatus::AwaitingApproval
    ) {
        let (input, _) = stored_input(db, r.id, r.version)?;
        match build(db, ctx, &input, r.id, r.version) {
            Ok(b) => rq::readiness(&b.content, &b.facts)
                .iter()
                .filter(|c| c.status == CheckStatus::Fail)
                .count() as u32,
            // A shift that is no longer a gap: the request cannot be rebuilt as it is.
            Err(_) => 1,
        }
    } else {
        0
    };
    Ok(RequestSummary {
        id: r.id,
        reference: content.reference.clone(),
        walkout_id: r.walkout_id,
        walkout: walkouts.get(&r.walkout_id).cloned().unwrap_or_default(),
        site: content.site.clone(),
        department: content.department.clone(),
        role: content.role.clone(),
        doctors: content.doctors,
        shifts: content.shifts.len() as u32,
        status: r.status,
        version: r.version,
        decision_needed_by: content.decision_needed_by.as_ref().map(|t| t.utc),
        decision_needed_by_local: content.decision_needed_by.as_ref().map(|t| t.local.clone()),
        sent_at: r.sent_at,
        decided_at: decided.get(&r.id).copied(),
        failing,
    })
}

/// Requests, newest first: of one walkout, or all.
pub fn requests_list(db: &Db, ctx: &Ctx, walkout_id: Option<i64>) -> Result<Vec<RequestSummary>> {
    let rows = store::requests(db.conn(), walkout_id)?;
    let decided = store::decided_at(db.conn())?;
    let walkouts: HashMap<i64, String> = store::walkouts_where(db.conn(), None)?
        .into_iter()
        .map(|w| (w.id, w.title))
        .collect();
    rows.iter()
        .map(|r| summary_of(db, ctx, r, &decided, &walkouts))
        .collect()
}

fn approval_block(db: &Db, id: i64, v: &store::VersionRow) -> Result<Option<ApprovalBlock>> {
    Ok(
        store::approval(db.conn(), id, v.version, &v.content_hash)?.map(|a| ApprovalBlock {
            approver: a.approver,
            role: a.role,
            at: fmt_instant(iso_to_ts(&a.approved_at)),
            version: v.version,
            content_hash: v.content_hash.clone(),
            phone: a.phone,
            email: a.email,
        }),
    )
}

fn event_text(e: &store::EventRow) -> String {
    let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
    let v = e.version;
    match e.kind.as_str() {
        "created" => format!("{} built version {v}", e.by),
        "edited" => format!("{} saved version {v}", e.by),
        "submitted" => format!("{} sent version {v} for approval", e.by),
        "returned" => format!("{} returned version {v} to the coordinator", e.by),
        "approved" => format!("{} approved version {v}", e.by),
        "sent" => format!(
            "{} recorded version {v} as sent to {}",
            e.by,
            detail["to"].as_str().unwrap_or("")
        ),
        "granted" => format!("{} recorded the decision: granted", e.by),
        "declined" => format!("{} recorded the decision: declined", e.by),
        "withdrawn" => format!("{} withdrew the request", e.by),
        "not_decided" => format!("{} recorded that no decision came by the deadline", e.by),
        "revoked" => format!("{} recorded that the grant was revoked", e.by),
        "recalled" => format!(
            "{} recorded {} doctor{} recalled",
            e.by,
            detail["count"].as_u64().unwrap_or(0),
            if detail["count"].as_u64() == Some(1) {
                ""
            } else {
                "s"
            }
        ),
        "exported" => format!(
            "{} exported version {v} as {}",
            e.by,
            detail["kind"]
                .as_str()
                .and_then(|k| k.parse::<DocKind>().ok())
                .map_or("a document", |k| k.label())
        ),
        k => format!("{} {k}", e.by),
    }
}

/// One request with everything the builder, the approval page and the tracker show.
pub fn request_get(db: &Db, ctx: &Ctx, request_id: i64) -> Result<RequestView> {
    let row = store::request(db.conn(), request_id)?;
    let (input, v) = stored_input(db, request_id, row.version)?;
    let content: RequestContent = serde_json::from_str(&v.content)?;
    let (checks, log_changed) = match build(db, ctx, &input, request_id, row.version) {
        Ok(b) => {
            let checks = rq::readiness(&content, &b.facts);
            (checks, b.content.hash() != v.content_hash)
        }
        Err(e) => (
            vec![rq::CheckView {
                code: "shifts".into(),
                name: "Every shift is still a gap".into(),
                status: CheckStatus::Fail,
                explanation: format!("The request cannot be rebuilt from the rota: {e}"),
            }],
            false,
        ),
    };
    let approval = approval_block(db, request_id, &v)?;
    let decisions = store::decisions(db.conn(), request_id)?;
    let decision = decisions.last().map(|d| DecisionView {
        kind: d.kind,
        at: d.at,
        at_local: fmt_instant(d.at),
        reason: d.reason.clone(),
        granted_doctors: d.granted_doctors,
        granted_duty_ids: d.granted_duties.clone(),
        minutes_taken: row.sent_at.map(|s| (d.at - s) / 60),
        on_time: content
            .decision_needed_by
            .as_ref()
            .map(|due| d.kind != DecisionKind::NotDecided && d.at <= due.utc),
    });
    let labels: HashMap<i64, String> = content
        .shifts
        .iter()
        .map(|s| (s.duty_id, shift_label(s)))
        .collect();
    let recalls = store::recalls(db.conn(), Some(request_id), None)?
        .into_iter()
        .map(|r| RecallView {
            duty_id: r.duty_id,
            shift: labels.get(&r.duty_id).cloned().unwrap_or_default(),
            staff_id: r.staff_id,
            doctor: format!("{} ({})", r.doctor, r.staff_number),
            at_local: fmt_instant(iso_to_ts(&r.at)),
            by: r.by,
        })
        .collect();
    let documents = store::issued(db.conn(), request_id)?
        .into_iter()
        .map(|d| IssuedDocView {
            kind: d.kind,
            version: d.version,
            sha256: d.sha256,
            content_hash: d.content_hash,
            at_local: fmt_instant(iso_to_ts(&d.at)),
            by: d.by,
            approved: d.approved,
        })
        .collect();
    let history = store::events(db.conn(), request_id)?
        .iter()
        .map(|e| RequestEventView {
            at: e.at,
            at_local: fmt_instant(e.at),
            by: e.by.clone(),
            kind: e.kind.clone(),
            text: event_text(e),
            version: e.version,
            comment: e.comment.clone(),
        })
        .collect();
    let can_submit = row.status == RequestStatus::Draft && rq::ready(&checks);
    Ok(RequestView {
        id: request_id,
        status: row.status,
        content_hash: v.content_hash.clone(),
        content,
        input,
        checks,
        can_submit,
        log_changed,
        approval,
        decision,
        sent_at: row.sent_at,
        sent_at_local: row.sent_at.map(fmt_instant),
        sent_to: row.sent_to.clone().unwrap_or_default(),
        recalls,
        documents,
        history,
    })
}

/// Sends a draft for approval. The evidence is refreshed from the attempt log first (a new
/// version if it changed); refused while any check fails.
pub fn request_submit(
    db: &mut Db,
    ctx: &Ctx,
    request_id: i64,
    version: u32,
) -> Result<RequestView> {
    let row = store::request(db.conn(), request_id)?;
    Lifecycle::may_submit(row.status).map_err(|m| Error::invalid("status", m))?;
    if version != row.version {
        return Err(stale(row.version));
    }
    let (input, _) = stored_input(db, request_id, row.version)?;
    let mut view = request_update(db, ctx, request_id, &input)?;
    let failing: Vec<&str> = view
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.name.as_str())
        .collect();
    if !failing.is_empty() {
        return Err(Error::invalid(
            "checks",
            format!(
                "{} check{} fail{}: {}. Put them right before sending the request for approval",
                failing.len(),
                if failing.len() == 1 { "" } else { "s" },
                if failing.len() == 1 { "s" } else { "" },
                failing.join("; ")
            ),
        ));
    }
    let mut row = store::request(db.conn(), request_id)?;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    row.status = RequestStatus::AwaitingApproval;
    store::set_request_state(&tx, &row)?;
    event(
        &tx,
        request_id,
        row.version,
        "submitted",
        ctx.now.timestamp(),
        "",
        &json!({ "content_hash": view.content_hash }),
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "request.submit",
        "request",
        Some(&request_id.to_string()),
        &json!({ "version": row.version, "content_hash": view.content_hash }),
    )?;
    tx.commit()?;
    view = request_get(db, ctx, request_id)?;
    Ok(view)
}

fn stale(current: u32) -> Error {
    Error::invalid(
        "content_hash",
        format!("the request changed since you opened it (it is now version {current}); reload it and read it again"),
    )
}

/// The medical director (or a named deputy) approves exactly the version and content hash they
/// saw, with their own passphrase; or returns the request with a comment.
pub fn request_approve(db: &mut Db, ctx: &Ctx, input: &ApproveInput) -> Result<RequestView> {
    let mut row = store::request(db.conn(), input.request_id)?;
    Lifecycle::may_approve(row.status).map_err(|m| Error::invalid("status", m))?;
    let v = store::version(db.conn(), row.id, row.version)?;
    if input.version != row.version || input.content_hash != v.content_hash {
        return Err(stale(row.version));
    }
    let approver = super::users::authenticate(db, &input.approver, &input.passphrase, "approver")?;
    let comment = input.comment.trim();
    limit("comment", "The comment", comment, 2000)?;
    if !input.approve && comment.is_empty() {
        return Err(Error::invalid(
            "comment",
            "say what the coordinator should change before the request can be approved",
        ));
    }
    if input.approve {
        let view = request_get(db, ctx, row.id)?;
        let failing: Vec<&str> = view
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .map(|c| c.name.as_str())
            .collect();
        if !failing.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "the request cannot be approved while a check fails ({}); return it to the coordinator",
                    failing.join("; ")
                ),
            ));
        }
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let kind = if input.approve {
        store::insert_approval(&tx, row.id, row.version, &v.content_hash, approver.id, &now)?;
        row.status = RequestStatus::Approved;
        "approved"
    } else {
        row.status = RequestStatus::Draft;
        "returned"
    };
    store::set_request_state(&tx, &row)?;
    let detail = json!({ "content_hash": v.content_hash, "desktop_user": ctx.user });
    event(
        &tx,
        row.id,
        row.version,
        kind,
        ctx.now.timestamp(),
        comment,
        &detail,
        approver.id,
        &now,
    )?;
    append_audit(
        &tx,
        approver.id,
        &now,
        &format!(
            "request.{}",
            if input.approve { "approve" } else { "return" }
        ),
        "request",
        Some(&row.id.to_string()),
        &json!({ "version": row.version, "content_hash": v.content_hash, "comment": comment, "desktop_user": ctx.user }),
    )?;
    tx.commit()?;
    request_get(db, ctx, row.id)
}

/// A time the user stated ("" = now), not in the future.
fn stated_time(ctx: &Ctx, field: &str, s: &str) -> Result<i64> {
    if s.trim().is_empty() {
        return Ok(ctx.now.timestamp());
    }
    let t = parse_local(field, s)?;
    if t > ctx.now.timestamp() + FUTURE_SLACK_SECS {
        return Err(Error::invalid(
            field,
            format!(
                "{} is in the future (it is now {}); record it once it has happened",
                fmt_instant(t),
                fmt_instant(ctx.now.timestamp())
            ),
        ));
    }
    Ok(t)
}

/// Sets the status of a request's gaps that are not covered.
fn set_gaps(
    tx: &rusqlite::Transaction<'_>,
    request_id: i64,
    version: u32,
    from: &[&str],
    to: &str,
) -> Result<()> {
    tx.execute(
        &format!(
            "UPDATE gaps SET status = ?3 WHERE id IN (SELECT gap_id FROM request_gaps WHERE request_id = ?1 AND version = ?2)
             AND status IN ({})",
            from.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ")
        ),
        rusqlite::params![request_id, version, to],
    )?;
    Ok(())
}

/// Records that the approved request went out: when and to whom.
pub fn request_send(db: &mut Db, ctx: &Ctx, input: &SendInput) -> Result<RequestView> {
    let mut row = store::request(db.conn(), input.request_id)?;
    Lifecycle::may_send(row.status).map_err(|m| Error::invalid("status", m))?;
    let v = store::version(db.conn(), row.id, row.version)?;
    let Some(approval) = store::approval(db.conn(), row.id, row.version, &v.content_hash)? else {
        return Err(Error::invalid(
            "status",
            "this version has no approval; it must be approved before it is sent",
        ));
    };
    let to = input.to.trim();
    if to.is_empty() {
        return Err(Error::invalid(
            "to",
            "say to whom and how it was sent (e.g. NHS England regional team by email)",
        ));
    }
    limit("to", "To whom", to, 300)?;
    let at = stated_time(ctx, "at", &input.at)?;
    if at < iso_to_ts(&approval.approved_at) - FUTURE_SLACK_SECS {
        return Err(Error::invalid(
            "at",
            format!(
                "{} is before the request was approved ({})",
                fmt_instant(at),
                fmt_instant(iso_to_ts(&approval.approved_at))
            ),
        ));
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    row.status = RequestStatus::Sent;
    row.sent_at = Some(at);
    row.sent_to = Some(to.to_string());
    store::set_request_state(&tx, &row)?;
    set_gaps(
        &tx,
        row.id,
        row.version,
        &["uncovered", "sourcing"],
        "requested",
    )?;
    event(
        &tx,
        row.id,
        row.version,
        "sent",
        at,
        "",
        &json!({ "to": to, "content_hash": v.content_hash }),
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "request.send",
        "request",
        Some(&row.id.to_string()),
        &json!({ "version": row.version, "at": at, "to": to, "content_hash": v.content_hash }),
    )?;
    tx.commit()?;
    request_get(db, ctx, row.id)
}

/// Records a decision or a later event: granted (perhaps narrower), declined, withdrawn, not
/// decided by the deadline, revoked.
pub fn request_decide(db: &mut Db, ctx: &Ctx, input: &DecisionInput) -> Result<RequestView> {
    let mut row = store::request(db.conn(), input.request_id)?;
    Lifecycle::may_decide(row.status, input.kind).map_err(|m| Error::invalid("kind", m))?;
    let v = store::version(db.conn(), row.id, row.version)?;
    let content: RequestContent = serde_json::from_str(&v.content)?;
    let at = stated_time(ctx, "at", &input.at)?;
    if let Some(sent) = row.sent_at.filter(|s| at < *s) {
        return Err(Error::invalid(
            "at",
            format!(
                "{} is before the request was sent ({})",
                fmt_instant(at),
                fmt_instant(sent)
            ),
        ));
    }
    let reason = input.reason.trim();
    limit("reason", "The reason", reason, 2000)?;
    if reason.is_empty()
        && matches!(
            input.kind,
            DecisionKind::Declined | DecisionKind::Withdrawn | DecisionKind::Revoked
        )
    {
        return Err(Error::invalid(
            "reason",
            match input.kind {
                DecisionKind::Declined => "give the reason the BMA gave for declining",
                DecisionKind::Withdrawn => "say why the request was withdrawn (e.g. cover found)",
                _ => "give the reason the BMA gave for revoking the grant",
            },
        ));
    }
    if input.kind == DecisionKind::NotDecided {
        match &content.decision_needed_by {
            Some(due) if ctx.now.timestamp() < due.utc => {
                return Err(Error::invalid(
                    "kind",
                    format!("the deadline ({}) has not passed yet", due.local),
                ))
            }
            _ => {}
        }
    }
    let asked: Vec<i64> = content.shifts.iter().map(|s| s.duty_id).collect();
    let (granted_doctors, granted_duties) = if input.kind == DecisionKind::Granted {
        let duties = if input.granted_duty_ids.is_empty() {
            asked.clone()
        } else {
            for d in &input.granted_duty_ids {
                if !asked.contains(d) {
                    return Err(Error::invalid(
                        "granted_duty_ids",
                        format!("duty {d} is not one of the shifts this request asked for"),
                    ));
                }
            }
            let mut d = input.granted_duty_ids.clone();
            d.sort_unstable();
            d.dedup();
            d
        };
        let n = input.granted_doctors.unwrap_or(content.doctors);
        if n == 0 || n > content.doctors {
            return Err(Error::invalid(
                "granted_doctors",
                format!(
                    "a grant is for between 1 and the {} doctor{} asked for",
                    content.doctors,
                    if content.doctors == 1 { "" } else { "s" }
                ),
            ));
        }
        (Some(n), duties)
    } else {
        (None, Vec::new())
    };
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    store::insert_decision(
        &tx,
        &NewDecision {
            request_id: row.id,
            kind: input.kind,
            at,
            reason,
            granted_doctors,
            granted_duties: &granted_duties,
        },
        user_id,
        &now,
    )?;
    row.status = input.kind.status();
    store::set_request_state(&tx, &row)?;
    match input.kind {
        DecisionKind::Granted => {}
        DecisionKind::Revoked => {
            set_gaps(
                &tx,
                row.id,
                row.version,
                &["requested", "covered"],
                "sourcing",
            )?;
        }
        _ => set_gaps(&tx, row.id, row.version, &["requested"], "sourcing")?,
    }
    let detail = json!({
        "granted_doctors": granted_doctors,
        "granted_duties": granted_duties,
        "content_hash": v.content_hash,
    });
    event(
        &tx,
        row.id,
        row.version,
        input.kind.as_str(),
        at,
        reason,
        &detail,
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        &format!("request.{}", input.kind.as_str()),
        "request",
        Some(&row.id.to_string()),
        &json!({ "at": at, "reason": reason, "granted_doctors": granted_doctors, "granted_duties": granted_duties }),
    )?;
    tx.commit()?;
    request_get(db, ctx, row.id)
}

fn granted_shifts(db: &Db, row: &store::RequestRow) -> Result<(RequestContent, Vec<i64>)> {
    if row.status != RequestStatus::Granted {
        return Err(Error::invalid(
            "status",
            format!(
                "doctors can be recalled only under a grant; this request is {}",
                row.status.label().to_lowercase()
            ),
        ));
    }
    let v = store::version(db.conn(), row.id, row.version)?;
    let content: RequestContent = serde_json::from_str(&v.content)?;
    let d = store::decisions(db.conn(), row.id)?
        .into_iter()
        .rev()
        .find(|d| d.kind == DecisionKind::Granted)
        .map(|d| d.granted_duties)
        .unwrap_or_default();
    Ok((content, d))
}

/// Who may be recalled for each granted shift: the rostered doctor first, then the other
/// doctors of the department taking action (or not declared).
pub fn request_recall_choices(db: &Db, request_id: i64) -> Result<Vec<RecallChoice>> {
    let row = store::request(db.conn(), request_id)?;
    let (content, granted) = granted_shifts(db, &row)?;
    let intents = store::intent_map(db.conn(), row.walkout_id)?;
    let staff = store::department_staff(db.conn(), row.department_id)?;
    let mut out = Vec::new();
    for s in content
        .shifts
        .iter()
        .filter(|s| granted.contains(&s.duty_id))
    {
        let rostered = store::duty_staff(db.conn(), s.duty_id)?;
        let mut doctors: Vec<RecallDoctor> = Vec::new();
        for st in &staff {
            let is_rostered = Some(st.0) == rostered;
            let striking = matches!(
                intents.get(&st.0),
                Some(Intent::Striking) | Some(Intent::Undeclared) | None
            ) && intents.contains_key(&st.0);
            if is_rostered || striking {
                doctors.push(RecallDoctor {
                    staff_id: st.0,
                    name: st.1.clone(),
                    staff_number: st.2.clone(),
                    grade: st.3.clone(),
                    rostered: is_rostered,
                });
            }
        }
        doctors.sort_by(|a, b| (!a.rostered, &a.name).cmp(&(!b.rostered, &b.name)));
        out.push(RecallChoice {
            duty_id: s.duty_id,
            shift: shift_label(s),
            doctors,
        });
    }
    Ok(out)
}

/// Records the doctors recalled under a grant; their shifts count as covered by derogation.
pub fn request_recall(db: &mut Db, ctx: &Ctx, input: &RecallInput) -> Result<RequestView> {
    let row = store::request(db.conn(), input.request_id)?;
    let (_, granted) = granted_shifts(db, &row)?;
    if input.recalls.is_empty() {
        return Err(Error::invalid(
            "recalls",
            "choose a doctor for at least one shift",
        ));
    }
    let mut seen = HashSet::new();
    for l in &input.recalls {
        if !granted.contains(&l.duty_id) {
            return Err(Error::invalid(
                "recalls",
                format!("duty {} is not one of the granted shifts", l.duty_id),
            ));
        }
        if !seen.insert(l.duty_id) {
            return Err(Error::invalid(
                "recalls",
                format!(
                    "duty {} is listed twice; recall one doctor per shift",
                    l.duty_id
                ),
            ));
        }
        store::pool_staff_one(db.conn(), Some(l.staff_id), None)?.ok_or_else(|| {
            Error::invalid(
                "recalls",
                format!("no doctor with staff id {} in the rota", l.staff_id),
            )
        })?;
    }
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    for l in &input.recalls {
        let gap = store::ensure_gap(&tx, row.walkout_id, l.duty_id)?;
        store::insert_recall(&tx, row.id, gap, l.staff_id, user_id, &now)?;
        store::set_gap_status(&tx, gap, "covered")?;
    }
    let lines: Vec<serde_json::Value> = input
        .recalls
        .iter()
        .map(|l| json!({ "duty": l.duty_id, "staff": l.staff_id }))
        .collect();
    event(
        &tx,
        row.id,
        row.version,
        "recalled",
        ctx.now.timestamp(),
        "",
        &json!({ "count": lines.len(), "recalls": lines }),
        user_id,
        &now,
    )?;
    append_audit(
        &tx,
        user_id,
        &now,
        "request.recall",
        "request",
        Some(&row.id.to_string()),
        &json!({ "recalls": lines }),
    )?;
    tx.commit()?;
    request_get(db, ctx, row.id)
}

// ---------------------------------------------------------------------------------------------
// Documents

/// What a document prints for the request's current version.
pub fn request_document(db: &Db, ctx: &Ctx, request_id: i64) -> Result<RequestDocument> {
    let row = store::request(db.conn(), request_id)?;
    let v = store::version(db.conn(), request_id, row.version)?;
    let generated_by = store::user_by_name(db.conn(), &ctx.user)?
        .map_or_else(|| ctx.user.clone(), |u| u.display_name);
    Ok(RequestDocument {
        document_schema: DOCUMENT_SCHEMA.to_string(),
        content: serde_json::from_str(&v.content)?,
        content_hash: v.content_hash.clone(),
        status: row.status,
        approval: approval_block(db, request_id, &v)?,
        generated_at: fmt_instant(ctx.now.timestamp()),
        generated_by,
    })
}

/// The JSON export: the document, pretty-printed (schema in docs/request-schema.md).
pub fn document_json(doc: &RequestDocument) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(doc).expect("a document always serialises");
    out.push(b'\n');
    out
}

/// The plain-text email body.
pub fn document_email(doc: &RequestDocument) -> String {
    rq::email_body(doc)
}

/// The recalled duties of a granted request as iCalendar (Europe/London).
pub fn request_ics(db: &Db, ctx: &Ctx, request_id: i64) -> Result<String> {
    let view = request_get(db, ctx, request_id)?;
    if view.recalls.is_empty() {
        return Err(Error::invalid(
            "kind",
            "no doctor has been recalled under this request yet; record the recalls first",
        ));
    }
    let shifts: HashMap<i64, &ShiftLine> =
        view.content.shifts.iter().map(|s| (s.duty_id, s)).collect();
    let events: Vec<rq::IcsEvent> = view
        .recalls
        .iter()
        .filter_map(|r| {
            shifts.get(&r.duty_id).map(|s| rq::IcsEvent {
                uid: format!(
                    "{}-duty-{}@strikecover",
                    view.content.reference.to_lowercase(),
                    r.duty_id
                ),
                start: s.start_utc,
                end: s.end_utc,
                summary: format!(
                    "Recalled under derogation {}: {} {} shift",
                    view.content.reference,
                    view.content.department,
                    s.day_or_night.to_lowercase()
                ),
                description: format!(
                    "{} recalled for {} ({}, {}), {} {}. Normal work on normal pay.",
                    r.doctor,
                    shift_label(s),
                    view.content.site,
                    view.content.department,
                    view.content.trust,
                    view.content.reference
                ),
                location: format!("{}, {}", view.content.department, view.content.site),
            })
        })
        .collect();
    Ok(rq::ics(&events, ctx.now.timestamp()))
}

/// Writes a document of the request to `path` and records the SHA-256 of the bytes written (in
/// the issued documents and the audit trail). `pdf` renders the PDF (the documents crate; the
/// core does not know typst). The file is written beside `path` first and moved into place
/// after the record is committed, so no recorded hash names a half-written file.
pub fn request_export(
    db: &mut Db,
    ctx: &Ctx,
    request_id: i64,
    kind: DocKind,
    path: &Path,
    pdf: &dyn Fn(&RequestDocument) -> std::result::Result<Vec<u8>, String>,
) -> Result<ExportResult> {
    let doc = request_document(db, ctx, request_id)?;
    let mut text = None;
    let bytes = match kind {
        DocKind::Pdf => pdf(&doc).map_err(|m| Error::Io {
            path: path.display().to_string(),
            message: format!("the PDF could not be made: {m}"),
        })?,
        DocKind::Json => document_json(&doc),
        DocKind::Email => {
            let t = document_email(&doc);
            text = Some(t.clone());
            t.into_bytes()
        }
        DocKind::Ics => request_ics(db, ctx, request_id)?.into_bytes(),
    };
    let sha = sha256_hex(&bytes);
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("path", "choose where to save the file"));
    }
    let tmp = path.with_file_name(format!(
        ".{}.part",
        path.file_name()
            .map_or_else(|| "export".into(), |n| n.to_string_lossy())
    ));
    std::fs::write(&tmp, &bytes).map_err(io)?;
    let recorded = (|| -> Result<()> {
        let row = store::request(db.conn(), request_id)?;
        let now = ctx.now_text();
        let tx = db.tx()?;
        let user_id = store::user_id(&tx, &ctx.user, &now)?;
        let approved = doc.approval.is_some();
        store::insert_issued(
            &tx,
            &NewIssued {
                request_id,
                version: row.version,
                kind,
                sha256: &sha,
                content_hash: &doc.content_hash,
                approved,
            },
            user_id,
            &now,
        )?;
        event(
            &tx,
            request_id,
            row.version,
            "exported",
            ctx.now.timestamp(),
            "",
            &json!({ "kind": kind.as_str(), "sha256": sha }),
            user_id,
            &now,
        )?;
        append_audit(
            &tx,
            user_id,
            &now,
            "request.export",
            "request",
            Some(&request_id.to_string()),
            &json!({ "kind": kind.as_str(), "version": row.version, "sha256": sha, "content_hash": doc.content_hash, "approved": approved, "file": path.display().to_string() }),
        )?;
        tx.commit()?;
        Ok(())
    })();
    if let Err(e) = recorded {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(ExportResult {
        path: path.display().to_string(),
        kind,
        sha256: sha,
        bytes: bytes.len() as u64,
        text,
    })
}

fn verdict_of(
    db: &Db,
    request_id: i64,
    version: u32,
    content_hash: &str,
) -> Result<(Verdict, String)> {
    let row = store::request(db.conn(), request_id)?;
    let approval = store::approval(db.conn(), request_id, version, content_hash)?;
    let r = reference(request_id);
    Ok(match approval {
        Some(a) if version == row.version => (
            Verdict::Approved,
            format!(
                "This is version {version} of {r}, approved by {} ({}) at {}. The request is now {}.",
                a.approver,
                a.role.label(),
                fmt_instant(iso_to_ts(&a.approved_at)),
                row.status.label().to_lowercase()
            ),
        ),
        Some(a) => (
            Verdict::ApprovedSuperseded,
            format!(
                "This is version {version} of {r}, approved by {} at {}, but the request has changed since: version {} is current. Do not rely on this file.",
                a.approver,
                fmt_instant(iso_to_ts(&a.approved_at)),
                row.version
            ),
        ),
        None => (
            Verdict::NotApproved,
            format!(
                "This is version {version} of {r}, which was not approved{}. It must not be sent as an approved request.",
                if version == row.version { "" } else { " (and is no longer current)" }
            ),
        ),
    })
}

/// Checks an exported PDF or JSON against the database: was it issued from here, and is it the
/// approved version?
pub fn request_verify(db: &Db, path: &Path) -> Result<VerifyResult> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: file.clone(),
        message: e.to_string(),
    })?;
    let sha = sha256_hex(&bytes);
    if let Some(d) = store::issued_with_sha(db.conn(), &sha)? {
        let (verdict, message) = verdict_of(db, d.request_id, d.version, &d.content_hash)?;
        return Ok(VerifyResult {
            file,
            verdict,
            request_id: Some(d.request_id),
            reference: Some(reference(d.request_id)),
            version: Some(d.version),
            sha256: sha,
            content_hash: Some(d.content_hash),
            message: format!(
                "{message} Exported by {} at {} as {}; its bytes are unchanged.",
                d.by,
                fmt_instant(iso_to_ts(&d.at)),
                d.kind.label()
            ),
        });
    }
    let unknown = |message: String, content_hash: Option<String>| VerifyResult {
        file: file.clone(),
        verdict: Verdict::Unknown,
        request_id: None,
        reference: None,
        version: None,
        sha256: sha.clone(),
        content_hash,
        message,
    };
    // A JSON document carries its content: check it against its own hash and the database.
    if let Ok(doc) = serde_json::from_slice::<RequestDocument>(&bytes) {
        let actual = doc.content.hash();
        if actual != doc.content_hash {
            return Ok(VerifyResult {
                verdict: Verdict::Altered,
                message: format!(
                    "The file's content does not match the hash written in it: it was changed after it was exported. It names {} version {}.",
                    doc.content.reference, doc.content.version
                ),
                reference: Some(doc.content.reference.clone()),
                version: Some(doc.content.version),
                content_hash: Some(actual),
                ..unknown(String::new(), None)
            });
        }
        return Ok(match store::versions_with_hash(db.conn(), &actual)?.first() {
            Some(&(id, version)) => {
                let (verdict, message) = verdict_of(db, id, version, &actual)?;
                VerifyResult {
                    verdict,
                    request_id: Some(id),
                    reference: Some(reference(id)),
                    version: Some(version),
                    content_hash: Some(actual),
                    message: format!("{message} (The file itself was not exported from this database byte for byte, but its content matches.)"),
                    ..unknown(String::new(), None)
                }
            }
            None => unknown(
                "The file is a request document, but no request in this database has this content. It was made elsewhere or changed.".into(),
                Some(actual),
            ),
        });
    }
    // A PDF names its content hash in its metadata; if that hash is ours, the bytes changed.
    if bytes.starts_with(b"%PDF") {
        let named = find_hash(&bytes);
        if let Some(h) = named.clone() {
            if let Some(&(id, version)) = store::versions_with_hash(db.conn(), &h)?.first() {
                return Ok(VerifyResult {
                    verdict: Verdict::Altered,
                    request_id: Some(id),
                    reference: Some(reference(id)),
                    version: Some(version),
                    content_hash: Some(h),
                    message: format!(
                        "The PDF names {} version {version}, but its bytes are not those exported: it has been changed or re-saved since. Export it again from the request.",
                        reference(id)
                    ),
                    ..unknown(String::new(), None)
                });
            }
        }
        return Ok(unknown(
            "This PDF was not exported from this database (no issued document has its SHA-256)."
                .into(),
            named,
        ));
    }
    Ok(unknown(
        "The file is neither a PDF nor a request JSON exported by Strike Cover.".into(),
        None,
    ))
}

/// The first "sha256:<64 hex>" in the bytes (a PDF's metadata keywords).
fn find_hash(bytes: &[u8]) -> Option<String> {
    let needle = b"sha256:";
    bytes
        .windows(needle.len() + 64)
        .find(|w| w.starts_with(needle) && w[needle.len()..].iter().all(u8::is_ascii_hexdigit))
        .map(|w| String::from_utf8_lossy(&w[needle.len()..]).to_lowercase())
}
