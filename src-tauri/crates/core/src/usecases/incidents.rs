//! The incident log of a walkout: log, change (a new version with a reason), list, show.

use super::sourcing::{chosen_gaps, iso_to_ts, parse_local};
use super::Ctx;
use crate::error::{Error, Result};
use crate::incidents::{
    check_occurred, check_text, IncidentFields, IncidentInput, IncidentSummary,
    IncidentVersionView, IncidentView,
};
use crate::store::{self, append_audit, Db, IncidentRecord};
use crate::time::fmt_instant;
use rusqlite::OptionalExtension;
use serde_json::json;

/// The input checked against the database: the fields a version stores, with the linked gap's
/// duty (its gap record is created, if need be, inside the write's transaction).
struct Checked {
    fields: IncidentFields,
    duty_id: Option<i64>,
}

fn check(db: &Db, ctx: &Ctx, input: &IncidentInput, editing: bool) -> Result<Checked> {
    check_text(input, editing)?;
    let walkout = store::walkout(db.conn(), input.walkout_id).map_err(|_| {
        Error::invalid(
            "walkout_id",
            format!("there is no walkout {}", input.walkout_id),
        )
    })?;
    let occurred = parse_local("occurred", &input.occurred)?;
    check_occurred(
        occurred,
        walkout.rule.start,
        walkout.rule.end,
        ctx.now.timestamp(),
    )?;
    let departments = store::departments(db.conn())?;
    let Some(dept) = departments.get(&input.department_id) else {
        return Err(Error::invalid(
            "department_id",
            format!(
                "there is no department {} in the rota; choose one from the list",
                input.department_id
            ),
        ));
    };
    let mut gap_id = None;
    if let Some(duty_id) = input.duty_id {
        let chosen = chosen_gaps(db, input.walkout_id, &[duty_id]).map_err(|e| match e {
            Error::Invalid { message, .. } => Error::invalid("duty_id", message),
            e => e,
        })?;
        let gap = &chosen.gaps[0].1;
        if gap.department_id != input.department_id {
            return Err(Error::invalid(
                "duty_id",
                format!(
                    "the shift {} {}–{} is in {} ({}), not in {} ({}): an incident linked to a shift is logged in that shift's department; choose that department or no shift",
                    crate::time::fmt_date(gap.date),
                    gap.start_local,
                    gap.end_local,
                    gap.department,
                    gap.site,
                    dept.name,
                    dept.site
                ),
            ));
        }
        gap_id = db
            .conn()
            .query_row(
                "SELECT id FROM gaps WHERE walkout_id = ?1 AND duty_id = ?2",
                [input.walkout_id, duty_id],
                |r| r.get(0),
            )
            .optional()?;
    }
    if let Some(request_id) = input.request_id {
        let ok = store::request(db.conn(), request_id)
            .ok()
            .is_some_and(|r| r.walkout_id == input.walkout_id);
        if !ok {
            return Err(Error::invalid(
                "request_id",
                format!("DR-{request_id} is not a request of this walkout"),
            ));
        }
    }
    Ok(Checked {
        fields: IncidentFields {
            occurred_utc: occurred,
            department_id: input.department_id,
            gap_id,
            request_id: input.request_id,
            reference: input.reference.trim().to_string(),
            harm: input.harm,
            near_miss: input.near_miss,
            description: input.description.trim().to_string(),
        },
        duty_id: input.duty_id,
    })
}

/// The gap record of the linked duty, created if nobody had recorded anything about it yet.
fn resolve_gap(tx: &rusqlite::Transaction<'_>, walkout_id: i64, c: &mut Checked) -> Result<()> {
    if let Some(duty_id) = c.duty_id {
        c.fields.gap_id = Some(store::ensure_gap(tx, walkout_id, duty_id)?);
    }
    Ok(())
}

fn detail(id: i64, walkout_id: i64, f: &IncidentFields, dept: &str) -> serde_json::Value {
    json!({
        "walkout_id": walkout_id,
        "incident_id": id,
        "harm": f.harm.as_str(),
        "near_miss": f.near_miss,
        "department_id": f.department_id,
        "department": dept,
        "reference": f.reference,
        "request_id": f.request_id,
        "gap_id": f.gap_id,
        "occurred_utc": f.occurred_utc,
    })
}

fn dept_name(db: &Db, id: i64) -> Result<String> {
    Ok(store::departments(db.conn())?
        .get(&id)
        .map_or_else(String::new, |d| format!("{}, {}", d.name, d.site)))
}

/// Logs an incident (version 1), with its audit row, in one transaction.
pub fn incident_add(db: &mut Db, ctx: &Ctx, input: &IncidentInput) -> Result<IncidentView> {
    let mut checked = check(db, ctx, input, false)?;
    let dept = dept_name(db, input.department_id)?;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    resolve_gap(&tx, input.walkout_id, &mut checked)?;
    let id = store::insert_incident(&tx, input.walkout_id, &checked.fields, user_id, &now)?;
    let mut d = detail(id, input.walkout_id, &checked.fields, &dept);
    d["version"] = json!(1);
    append_audit(
        &tx,
        user_id,
        &now,
        "incident.add",
        "incident",
        Some(&id.to_string()),
        &d,
    )?;
    tx.commit()?;
    incident(db, id)
}

/// Saves a change to an incident as a new version with its reason. Saving with nothing changed
/// writes nothing.
pub fn incident_update(
    db: &mut Db,
    ctx: &Ctx,
    incident_id: i64,
    input: &IncidentInput,
) -> Result<IncidentView> {
    let current = store::incident(db.conn(), incident_id)?;
    if input.walkout_id != current.walkout_id {
        return Err(Error::invalid(
            "walkout_id",
            format!(
                "incident {incident_id} belongs to walkout {}; an incident cannot move to another walkout",
                current.walkout_id
            ),
        ));
    }
    // Nothing changed (the reason aside): no version, no audit row, whatever the reason says.
    let mut unchanged = input.clone();
    unchanged.change_reason = "unchanged".into();
    if let Ok(c) = check(db, ctx, &unchanged, true) {
        let same_gap = c.duty_id == current.duty_id;
        let mut f = c.fields.clone();
        f.gap_id = current.gap_id;
        if same_gap && f == current.fields() {
            return incident(db, incident_id);
        }
    }
    let mut checked = check(db, ctx, input, true)?;
    let dept = dept_name(db, input.department_id)?;
    let now = ctx.now_text();
    let tx = db.tx()?;
    let user_id = store::user_id(&tx, &ctx.user, &now)?;
    resolve_gap(&tx, input.walkout_id, &mut checked)?;
    let version = current.versions + 1;
    let reason = input.change_reason.trim();
    store::insert_incident_version(
        &tx,
        incident_id,
        version,
        &checked.fields,
        reason,
        user_id,
        &now,
    )?;
    let mut d = detail(incident_id, input.walkout_id, &checked.fields, &dept);
    d["version"] = json!(version);
    d["change_reason"] = json!(reason);
    append_audit(
        &tx,
        user_id,
        &now,
        "incident.edit",
        "incident",
        Some(&incident_id.to_string()),
        &d,
    )?;
    tx.commit()?;
    incident(db, incident_id)
}

fn version_view(r: &IncidentRecord) -> IncidentVersionView {
    IncidentVersionView {
        version: r.version,
        occurred: r.occurred_utc,
        occurred_local: fmt_instant(r.occurred_utc),
        department_id: r.department_id,
        department: r.department.clone(),
        site: r.site.clone(),
        duty_id: r.duty_id,
        shift: r.shift.clone(),
        request_id: r.request_id,
        request_reference: r.request_id.map(|id| format!("DR-{id}")),
        reference: r.reference.clone(),
        harm: r.harm,
        near_miss: r.near_miss,
        description: r.description.clone(),
        change_reason: r.change_reason.clone(),
        saved_by: r.saved_by.clone(),
        saved_at: fmt_instant(iso_to_ts(&r.saved_at)),
    }
}

/// The incidents of a walkout (their current versions), in the order they happened.
pub fn incidents(db: &Db, walkout_id: i64) -> Result<Vec<IncidentSummary>> {
    store::walkout(db.conn(), walkout_id)?;
    Ok(store::incidents_in(db.conn(), walkout_id)?
        .iter()
        .map(|r| IncidentSummary {
            id: r.id,
            walkout_id: r.walkout_id,
            versions: r.versions,
            created_by: r.created_by.clone(),
            created_at: fmt_instant(iso_to_ts(&r.created_at)),
            current: version_view(r),
        })
        .collect())
}

/// One incident with every version, oldest first.
pub fn incident(db: &Db, incident_id: i64) -> Result<IncidentView> {
    let versions = store::incident_versions(db.conn(), incident_id)?;
    let Some(first) = versions.first() else {
        return Err(Error::NotFound {
            what: format!("incident {incident_id}"),
        });
    };
    let walkout = store::walkout(db.conn(), first.walkout_id)?;
    Ok(IncidentView {
        id: incident_id,
        walkout_id: first.walkout_id,
        walkout: walkout.title,
        created_by: first.created_by.clone(),
        created_at: fmt_instant(iso_to_ts(&first.created_at)),
        versions: versions.iter().map(version_view).collect(),
    })
}
