//! The impact report as one CSV for the regional team, and the spreadsheet-safe text cell.

use super::ImpactReport;
use crate::time::fmt_date;
use std::borrow::Cow;

/// A text cell made safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be read as a formula (CSV injection), so it gets a leading `'`.
/// Numbers are written as numbers and never pass through here.
pub fn csv_safe(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// A cell of the report CSV: text (neutralised) or a number (as is).
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    T(String),
    N(i64),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::T(s.into())
}

fn n(v: impl Into<i64>) -> Cell {
    Cell::N(v.into())
}

fn section(rows: &mut Vec<Vec<Cell>>, title: &str, header: &[&str]) {
    if !rows.is_empty() {
        rows.push(vec![]);
    }
    rows.push(vec![t(title)]);
    rows.push(header.iter().map(|h| t(*h)).collect());
}

/// Writes the report as CSV: sections, each with a title row and its own header row, separated
/// by an empty row. Dates dd/mm/yyyy, times HH:MM Europe/London. Returns the rows written.
pub fn write_csv<W: std::io::Write>(r: &ImpactReport, w: W) -> std::io::Result<u64> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    section(
        &mut rows,
        "Impact report",
        &["trust", "walkout", "body", "start", "end"],
    );
    rows.push(vec![
        t(&r.trust),
        t(&r.title),
        t(&r.body),
        t(&r.start_local),
        t(&r.end_local),
    ]);

    let o = &r.outcomes;
    section(&mut rows, "Request outcomes", &["outcome", "requests"]);
    for (k, v) in [
        ("Requests made", o.made),
        ("Granted", o.granted),
        ("Declined", o.declined),
        ("Withdrawn", o.withdrawn),
        ("Not decided by the deadline", o.not_decided),
        ("Revoked", o.revoked),
        ("Awaiting a decision", o.awaiting),
        ("Not sent", o.not_sent),
        ("Answered after the deadline", o.late_answers),
    ] {
        rows.push(vec![t(k), n(v)]);
    }

    section(
        &mut rows,
        "Time to decision",
        &[
            "request",
            "site",
            "department",
            "outcome",
            "sent",
            "deadline",
            "decided",
            "time taken (h:mm)",
            "against the deadline",
        ],
    );
    for d in &r.timings {
        rows.push(vec![
            t(&d.reference),
            t(&d.site),
            t(&d.department),
            t(d.status.label()),
            t(&d.sent_local),
            t(d.due_local.clone().unwrap_or_default()),
            t(d.decided_local.clone().unwrap_or_default()),
            t(d.taken.clone().unwrap_or_default()),
            t(d.timing.label()),
        ]);
    }

    section(
        &mut rows,
        "Shifts short after refused or late requests",
        &[
            "request",
            "site",
            "department",
            "why",
            "date",
            "start",
            "end",
            "grade",
            "incident",
            "occurred",
            "harm",
            "near miss",
            "description",
        ],
    );
    for s in &r.shortfalls {
        let head = |tail: Vec<Cell>| {
            let mut row = vec![t(&s.reference), t(&s.site), t(&s.department), t(&s.why)];
            row.extend(tail);
            row
        };
        if s.short_shifts.is_empty() {
            rows.push(head(vec![t("no shift short")]));
        }
        for sh in &s.short_shifts {
            let shift = vec![
                t(&sh.date),
                t(&sh.start_local),
                t(&sh.end_local),
                t(&sh.grade),
            ];
            if sh.incidents.is_empty() {
                rows.push(head(shift.clone()));
            }
            for i in &sh.incidents {
                let mut row = shift.clone();
                row.extend([
                    t(&i.reference),
                    t(&i.occurred_local),
                    t(&i.harm),
                    t(if i.near_miss { "yes" } else { "no" }),
                    t(&i.description),
                ]);
                rows.push(head(row));
            }
        }
    }

    let mut header: Vec<&str> = vec!["date"];
    header.extend(r.sources.iter().map(|s| s.label.as_str()));
    section(&mut rows, "Shifts covered by source", &header);
    let mut total = vec![t("All days")];
    total.extend(r.sources.iter().map(|s| n(s.total)));
    rows.push(total);
    for d in &r.coverage_days {
        let mut row = vec![t(&d.date)];
        row.extend(d.counts.iter().map(|c| n(*c)));
        rows.push(row);
    }

    section(
        &mut rows,
        "Situation report",
        &[
            "date",
            "staff due",
            "staff taking action",
            "undeclared",
            "vacant shifts",
        ],
    );
    for d in &r.sitrep {
        rows.push(vec![
            t(fmt_date(d.date)),
            n(d.staff_due),
            n(d.staff_taking_action),
            n(d.undeclared),
            n(d.vacant_shifts),
        ]);
    }

    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(w);
    for row in &rows {
        let cells: Vec<Cow<'_, str>> = row
            .iter()
            .map(|c| match c {
                Cell::T(s) => csv_safe(s),
                Cell::N(v) => Cow::Owned(v.to_string()),
            })
            .collect();
        if cells.is_empty() {
            out.write_record([""]).map_err(std::io::Error::other)?;
        } else {
            out.write_record(cells.iter().map(|c| c.as_ref()))
                .map_err(std::io::Error::other)?;
        }
    }
    out.flush()?;
    Ok(rows.len() as u64)
}
