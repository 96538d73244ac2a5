//! The impact report of a walkout: gathered from the store, built by [`crate::impact`], written
//! as CSV or PDF with the file's SHA-256 recorded in the audit trail.

use super::{sha256_hex, Ctx};
use crate::error::{Error, Result};
use crate::impact::{
    self, Cover, GapFact, ImpactDocument, ImpactExport, ImpactFormat, ImpactInput, ImpactReport,
    RequestFact, WalkoutFacts,
};
use crate::requests::RequestContent;
use crate::store::{self, append_audit, Db};
use serde_json::json;
use std::collections::HashSet;
use std::path::Path;

/// The facts of one walkout for its impact report.
fn impact_input(db: &Db, walkout_id: i64) -> Result<ImpactInput> {
    let conn = db.conn();
    let w = store::walkout(conn, walkout_id)?;
    let rungs = store::ladder_for_walkout(conn, walkout_id)?
        .rungs
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let mut decisions = store::walkout_decisions(conn, walkout_id)?;
    let mut duties = store::walkout_request_duties(conn, walkout_id)?;
    let mut requests = Vec::new();
    for r in store::requests(conn, Some(walkout_id))? {
        let v = store::version(conn, r.id, r.version)?;
        let content: RequestContent = serde_json::from_str(&v.content)?;
        requests.push(RequestFact {
            id: r.id,
            reference: content.reference,
            department_id: r.department_id,
            department: content.department,
            site: content.site,
            status: r.status,
            sent_at: r.sent_at,
            due: content.decision_needed_by.map(|t| t.utc).or(r.decision_due),
            decisions: decisions.remove(&r.id).unwrap_or_default(),
            duty_ids: duties.remove(&r.id).unwrap_or_default(),
        });
    }
    let fills = store::fills(conn, walkout_id)?;
    let names = store::rung_names(conn)?;
    let recalled: HashSet<i64> = store::recalls(conn, None, Some(walkout_id))?
        .into_iter()
        .map(|r| r.duty_id)
        .collect();
    let gaps = super::gaps(db, walkout_id)?
        .into_iter()
        .map(|g| GapFact {
            duty_id: g.duty_id,
            department_id: g.department_id,
            start: g.start,
            end: g.end,
            grade: g.grade,
            cover: match fills.get(&g.duty_id) {
                Some(f) => {
                    let (code, name) = names.get(&f.rung_id).cloned().unwrap_or_default();
                    Cover::Rung(code, name)
                }
                None if recalled.contains(&g.duty_id) => Cover::Recall,
                None => Cover::Uncovered,
            },
        })
        .collect();
    Ok(ImpactInput {
        walkout: WalkoutFacts {
            id: w.id,
            title: w.title,
            body: w.body,
            trust: store::trust_name(conn)?.unwrap_or_default(),
            start: w.rule.start,
            end: w.rule.end,
        },
        rungs,
        requests,
        gaps,
        incidents: store::walkout_incidents(conn, walkout_id)?,
        sitrep: super::dashboard(db, walkout_id)?.sitrep,
    })
}

/// The impact report of a walkout: request outcomes, time to decision against each deadline,
/// the shifts short after refused or late requests with the incidents during them, shifts
/// covered by source, and the daily situation report.
pub fn impact_report(db: &Db, walkout_id: i64) -> Result<ImpactReport> {
    Ok(impact::build(&impact_input(db, walkout_id)?))
}

/// The impact report as one CSV (every text cell safe to open in a spreadsheet).
pub fn impact_csv<W: std::io::Write>(db: &Db, walkout_id: i64, w: W) -> Result<u64> {
    let r = impact_report(db, walkout_id)?;
    impact::write_csv(&r, w).map_err(|e| Error::Io {
        path: "CSV output".into(),
        message: e.to_string(),
    })
}

/// What the PDF of the impact report shows, with the head of the audit trail now.
pub fn impact_document(db: &Db, ctx: &Ctx, walkout_id: i64) -> Result<ImpactDocument> {
    let report = impact_report(db, walkout_id)?;
    let head = store::audit_last(db.conn())?;
    let by = store::user_by_name(db.conn(), &ctx.user)?
        .map_or_else(|| ctx.user.clone(), |u| u.display_name);
    Ok(ImpactDocument {
        report,
        generated_local: crate::time::fmt_instant(ctx.now.timestamp()),
        generated_by: by,
        audit_head_id: head.as_ref().map(|h| h.0),
        audit_head_hash: head.map(|h| h.1),
    })
}

/// Writes the impact report to `path` as PDF or CSV and records the SHA-256 of the bytes in
/// the audit trail (`impact.export`). The file is written beside `path` first and moved into
/// place after the record is committed, so no recorded hash names a half-written file. `pdf`
/// renders the PDF (the documents crate; the core does not know typst).
pub fn impact_export(
    db: &mut Db,
    ctx: &Ctx,
    walkout_id: i64,
    format: ImpactFormat,
    path: &Path,
    pdf: &dyn Fn(&ImpactDocument) -> std::result::Result<Vec<u8>, String>,
) -> Result<ImpactExport> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid("path", "choose where to save the file"));
    }
    let bytes = match format {
        ImpactFormat::Pdf => {
            let doc = impact_document(db, ctx, walkout_id)?;
            pdf(&doc).map_err(|m| Error::Io {
                path: path.display().to_string(),
                message: format!("the PDF could not be made: {m}"),
            })?
        }
        ImpactFormat::Csv => {
            let mut buf = Vec::new();
            impact_csv(db, walkout_id, &mut buf)?;
            buf
        }
    };
    let sha = sha256_hex(&bytes);
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let tmp = path.with_file_name(format!(
        ".{}.part",
        path.file_name()
            .map_or_else(|| "impact".into(), |n| n.to_string_lossy())
    ));
    std::fs::write(&tmp, &bytes).map_err(io)?;
    let recorded = (|| -> Result<()> {
        let now = ctx.now_text();
        let tx = db.tx()?;
        let user_id = store::user_id(&tx, &ctx.user, &now)?;
        append_audit(
            &tx,
            user_id,
            &now,
            "impact.export",
            "walkout",
            Some(&walkout_id.to_string()),
            &json!({
                "walkout_id": walkout_id,
                "kind": format.as_str(),
                "sha256": sha,
                "path": path.display().to_string(),
            }),
        )?;
        tx.commit()?;
        Ok(())
    })();
    if let Err(e) = recorded {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(ImpactExport {
        path: path.display().to_string(),
        format,
        sha256: sha,
        bytes: bytes.len() as u64,
    })
}
