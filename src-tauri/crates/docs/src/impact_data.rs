//! What the impact report template prints, as plain JSON: labels and values made here (British
//! English), chart figures as numbers. The template inserts every string as text, never markup.

use crate::data::t;
use serde_json::{json, Value};
use strikecover_core::impact::{ImpactDocument, Timing, SOURCE_RECALL, SOURCE_UNCOVERED};

/// The title printed and written into the PDF's metadata.
pub(crate) const TITLE: &str = "Impact report";

/// Colours of the coverage sources, in ladder order (NHS identity palette), told apart by
/// their labels too; recall and uncovered have their own.
const PALETTE: [&str; 9] = [
    "#005eb8", "#00a499", "#330072", "#ffb81c", "#ae2573", "#009639", "#ed8b00", "#768692",
    "#003087",
];
const RECALL: &str = "#41b6e6";
const UNCOVERED: &str = "#d5281b";

/// The colour of a coverage source.
pub(crate) fn source_colour(key: &str, index: usize) -> &'static str {
    match key {
        SOURCE_RECALL => RECALL,
        SOURCE_UNCOVERED => UNCOVERED,
        _ => PALETTE[index % PALETTE.len()],
    }
}

fn cells<'a>(v: impl IntoIterator<Item = &'a str>) -> Value {
    Value::from(v.into_iter().map(t).collect::<Vec<_>>())
}

/// The JSON the template reads from `/data.json`.
pub(crate) fn build(doc: &ImpactDocument) -> Value {
    let r = &doc.report;
    let o = &r.outcomes;
    let outcomes = [
        ("Granted", o.granted, "#009639"),
        ("Declined", o.declined, "#d5281b"),
        ("Revoked", o.revoked, "#8a1538"),
        ("Not decided by the deadline", o.not_decided, "#ed8b00"),
        ("Withdrawn", o.withdrawn, "#768692"),
        ("Awaiting a decision", o.awaiting, "#41b6e6"),
        ("Not sent", o.not_sent, "#aeb7bd"),
    ];
    let sources: Vec<Value> = r
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "label": t(&s.label),
                "total": s.total,
                "colour": source_colour(&s.key, i),
            })
        })
        .collect();
    let days: Vec<Value> = r
        .coverage_days
        .iter()
        .map(|d| json!({ "date": d.date, "counts": d.counts, "total": d.counts.iter().sum::<u32>() }))
        .collect();
    let timings: Vec<Value> = r
        .timings
        .iter()
        .map(|d| {
            json!({
                "reference": t(&d.reference),
                "row": cells([
                    d.reference.as_str(),
                    d.department.as_str(),
                    d.status.label(),
                    d.sent_local.as_str(),
                    d.due_local.as_deref().unwrap_or("None set"),
                    d.decided_local.as_deref().unwrap_or("—"),
                    d.taken.as_deref().unwrap_or("—"),
                    d.timing.label(),
                ]),
                "taken_h": d.taken_secs.map(|s| s as f64 / 3600.0),
                "allowed_h": d.allowed_secs.map(|s| s as f64 / 3600.0),
                "taken": d.taken.clone().unwrap_or_else(|| "No decision".into()),
                "late": d.timing == Timing::Late,
                "answered": d.timing != Timing::NoDecision,
            })
        })
        .collect();
    let mut short_rows = Vec::new();
    for s in &r.shortfalls {
        if s.short_shifts.is_empty() {
            short_rows.push(cells([
                s.reference.as_str(),
                s.department.as_str(),
                s.why.as_str(),
                "No shift short",
                "",
                "",
            ]));
        }
        for sh in &s.short_shifts {
            let when = format!("{} {}–{}", sh.date, sh.start_local, sh.end_local);
            let incidents = if sh.incidents.is_empty() {
                "None recorded".to_string()
            } else {
                sh.incidents
                    .iter()
                    .map(|i| {
                        format!(
                            "{} {} ({} harm{}): {}",
                            i.occurred_local,
                            if i.reference.is_empty() {
                                "no reference"
                            } else {
                                &i.reference
                            },
                            i.harm,
                            if i.near_miss { ", near miss" } else { "" },
                            i.description
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            short_rows.push(cells([
                s.reference.as_str(),
                s.department.as_str(),
                s.why.as_str(),
                when.as_str(),
                sh.grade.as_str(),
                incidents.as_str(),
            ]));
        }
    }
    let mut cover_header = vec![Value::from("Day")];
    cover_header.extend(r.sources.iter().map(|s| t(&s.label)));
    let mut cover_rows = vec![{
        let mut row = vec![Value::from("All days")];
        row.extend(r.sources.iter().map(|s| Value::from(s.total.to_string())));
        Value::from(row)
    }];
    for d in &r.coverage_days {
        let mut row = vec![Value::from(d.date.clone())];
        row.extend(d.counts.iter().map(|c| Value::from(c.to_string())));
        cover_rows.push(Value::from(row));
    }
    let sitrep: Vec<Value> = r
        .sitrep
        .iter()
        .map(|d| {
            Value::from(vec![
                d.date.format("%d/%m/%Y").to_string(),
                d.staff_due.to_string(),
                d.staff_taking_action.to_string(),
                d.undeclared.to_string(),
                d.vacant_shifts.to_string(),
            ])
        })
        .collect();
    let anchor = match (&doc.audit_head_id, &doc.audit_head_hash) {
        (Some(id), Some(hash)) => format!(
            "Audit trail: row {id} · {}…",
            hash.chars().take(16).collect::<String>()
        ),
        _ => "Audit trail empty".to_string(),
    };
    let anchor_full = match (&doc.audit_head_id, &doc.audit_head_hash) {
        (Some(id), Some(hash)) => format!(
            "When this report was exported, the last entry of the trust's audit trail was row {id} with hash {hash}. The command “strikecover audit verify --anchor {hash}” checks that this entry is still in an intact trail."
        ),
        _ => "The trust's audit trail was empty when this report was exported.".to_string(),
    };
    json!({
        "meta": {
            "title": format!("{TITLE}: {}", r.title),
            "author": r.trust,
            "description": format!("{TITLE} for the walkout {} ({} to {}), {}.", r.title, r.start_local, r.end_local, r.trust),
            "keywords": ["impact report".to_string(), "industrial action".to_string(), format!("walkout {}", r.walkout_id)],
        },
        "heading": {
            "trust": t(&r.trust),
            "title": TITLE,
            "walkout": t(&r.title),
            "body": t(&r.body),
            "period": format!("{} to {}", r.start_local, r.end_local),
            "generated": t(&format!("{} by {}", doc.generated_local, doc.generated_by)),
        },
        "headline": [
            { "label": "Requests made", "value": o.made.to_string() },
            { "label": "Granted", "value": o.granted.to_string() },
            { "label": "Refused (declined or revoked)", "value": (o.declined + o.revoked).to_string() },
            { "label": "Not decided or answered late", "value": (o.not_decided + o.late_answers).to_string() },
            { "label": "Gaps covered", "value": format!("{} of {}", r.covered, r.gaps) },
            { "label": "Shifts short after refusals", "value": r.short_shifts.to_string() },
            { "label": "Incidents in short shifts", "value": r.incidents_in_short_shifts.to_string() },
        ],
        "outcomes": outcomes.iter().map(|(l, n, c)| json!({ "label": l, "count": n, "colour": c })).collect::<Vec<_>>(),
        "made": o.made,
        "late_answers": o.late_answers,
        "sources": sources,
        "days": days,
        "timings": timings,
        "short_rows": short_rows,
        "cover_header": cover_header,
        "cover_rows": cover_rows,
        "sitrep": sitrep,
        "anchor": anchor,
        "anchor_full": t(&anchor_full),
        "walkout_id": r.walkout_id,
    })
}
