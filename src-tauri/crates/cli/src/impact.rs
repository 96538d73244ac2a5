//! `strikecover impact --walkout ID [--json] [--csv FILE] [--pdf FILE]`: the impact report of a
//! walkout on standard output, and/or saved as CSV and PDF (each file's SHA-256 recorded in the
//! audit trail).

use crate::print;
use std::io::Write;
use std::path::PathBuf;
use strikecover_core::impact::{ImpactExport, ImpactFormat, ImpactReport, Timing};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::Error;

pub fn impact(
    db: &mut Db,
    ctx: &Ctx,
    walkout: i64,
    csv: Option<PathBuf>,
    pdf: Option<PathBuf>,
    out: &mut dyn Write,
    json: bool,
) -> Result<(), Error> {
    if csv.is_none() && pdf.is_none() {
        let r = usecases::impact_report(db, walkout)?;
        return print(out, json, &r, |o| report_text(o, &r));
    }
    let renderer = std::sync::OnceLock::new();
    let mut saved: Vec<ImpactExport> = Vec::new();
    for (format, path) in [(ImpactFormat::Csv, csv), (ImpactFormat::Pdf, pdf)] {
        let Some(path) = path else { continue };
        saved.push(usecases::impact_export(
            db,
            ctx,
            walkout,
            format,
            &path,
            &|doc| {
                renderer
                    .get_or_init(strikecover_docs::Renderer::new)
                    .impact_pdf(doc)
                    .map_err(|e| e.to_string())
            },
        )?);
    }
    print(out, json, &saved, |o| {
        for s in &saved {
            writeln!(
                o,
                "Wrote {} ({}, {} bytes), SHA-256 {}",
                s.path,
                s.format.label(),
                s.bytes,
                s.sha256
            )?;
        }
        Ok(())
    })
}

fn report_text(o: &mut dyn Write, r: &ImpactReport) -> std::io::Result<()> {
    writeln!(o, "Impact report: {} ({})", r.title, r.trust)?;
    writeln!(o, "{} to {}", r.start_local, r.end_local)?;
    let c = &r.outcomes;
    writeln!(o)?;
    writeln!(
        o,
        "Requests made {}: granted {}, declined {}, withdrawn {}, not decided by the deadline {}, revoked {}, awaiting {}, not sent {}; answered late {}",
        c.made, c.granted, c.declined, c.withdrawn, c.not_decided, c.revoked, c.awaiting, c.not_sent, c.late_answers
    )?;
    writeln!(
        o,
        "Gaps {}: covered {}; shifts short after refused or late requests {}, incidents in them {}",
        r.gaps, r.covered, r.short_shifts, r.incidents_in_short_shifts
    )?;
    writeln!(o)?;
    writeln!(o, "Time to decision")?;
    for t in &r.timings {
        writeln!(
            o,
            "  {:<7} {:<28} sent {}  deadline {}  answered {}  taken {:>6}  {}",
            t.reference,
            t.department,
            t.sent_local,
            t.due_local.as_deref().unwrap_or("none"),
            t.decided_local.as_deref().unwrap_or("-"),
            t.taken.as_deref().unwrap_or("-"),
            match t.timing {
                Timing::OnTime => "on time",
                Timing::Late => "LATE",
                Timing::NoDecision => "no decision",
            }
        )?;
    }
    writeln!(o)?;
    writeln!(o, "Shifts short after refused or late requests")?;
    for s in &r.shortfalls {
        writeln!(
            o,
            "  {} {} ({}): {} of {} shifts short",
            s.reference,
            s.department,
            s.why,
            s.short_shifts.len(),
            s.shifts_asked
        )?;
        for sh in &s.short_shifts {
            writeln!(
                o,
                "    {} {}-{} {}: {} incident(s)",
                sh.date,
                sh.start_local,
                sh.end_local,
                sh.grade,
                sh.incidents.len()
            )?;
            for i in &sh.incidents {
                writeln!(
                    o,
                    "      {} {} harm {}{}: {}",
                    i.occurred_local,
                    i.reference,
                    i.harm,
                    if i.near_miss { " (near miss)" } else { "" },
                    i.description
                )?;
            }
        }
    }
    writeln!(o)?;
    writeln!(o, "Shifts covered by source")?;
    for s in r.sources.iter().filter(|s| s.total > 0) {
        writeln!(o, "  {:<50} {:>5}", s.label, s.total)?;
    }
    writeln!(o)?;
    writeln!(o, "Situation report")?;
    for d in &r.sitrep {
        writeln!(
            o,
            "  {}  due {}  taking action {}  undeclared {}  vacant {}",
            d.date.format("%d/%m/%Y"),
            d.staff_due,
            d.staff_taking_action,
            d.undeclared,
            d.vacant_shifts
        )?;
    }
    Ok(())
}
