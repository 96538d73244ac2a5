//! The impact report PDF, read back with poppler's pdftotext: the figures a reader sees, user
//! text printed as text, the audit anchor in the footer, and the same bytes every time.

use chrono::{NaiveDate, NaiveTime};
use std::process::Command;
use std::sync::OnceLock;
use strikecover_core::impact::{
    build, Cover, GapFact, ImpactDocument, ImpactInput, IncidentFact, RequestFact, WalkoutFacts,
};
use strikecover_core::requests::{DecisionKind, RequestStatus};
use strikecover_core::time::london_to_utc;
use strikecover_core::walkouts::SitrepDay;
use strikecover_docs::Renderer;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(Renderer::new)
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("impact.pdf");
    std::fs::write(&path, pdf).expect("the PDF is written");
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run pdftotext ({e}); install poppler-utils: the PDF must be read back")
        });
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn at(d: u32, h: u32) -> i64 {
    london_to_utc(
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap(),
        NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
    )
}

fn request(id: i64, status: RequestStatus, decisions: Vec<(DecisionKind, i64)>) -> RequestFact {
    RequestFact {
        id,
        reference: format!("DR-{id}"),
        department_id: 1,
        department: "Emergency Department".into(),
        site: "Royal".into(),
        status,
        sent_at: Some(at(1, 9)),
        due: Some(at(1, 21)),
        decisions,
        duty_ids: vec![id],
    }
}

pub fn document(description: &str) -> ImpactDocument {
    use DecisionKind as K;
    use RequestStatus as S;
    let gap = |id: i64, start: i64, cover: Cover| GapFact {
        duty_id: id,
        department_id: 1,
        start,
        end: start + 12 * 3600,
        grade: "ST4".into(),
        cover,
    };
    let input = ImpactInput {
        walkout: WalkoutFacts {
            id: 7,
            title: "June walkout".into(),
            body: "BMA".into(),
            trust: "Northshire Teaching Hospitals".into(),
            start: at(2, 7),
            end: at(4, 7),
        },
        rungs: vec![
            ("elective".into(), "Cancel elective work".into()),
            ("locum".into(), "Bank and agency locums".into()),
        ],
        requests: vec![
            request(1, S::Granted, vec![(K::Granted, at(1, 12))]),
            request(2, S::Declined, vec![(K::Declined, at(1, 23))]),
            request(3, S::NotDecided, vec![(K::NotDecided, at(1, 22))]),
        ],
        gaps: vec![
            gap(1, at(2, 8), Cover::Recall),
            gap(2, at(2, 20), Cover::Uncovered),
            gap(3, at(3, 8), Cover::Uncovered),
            gap(
                4,
                at(3, 9),
                Cover::Rung("locum".into(), "Bank and agency locums".into()),
            ),
        ],
        incidents: vec![IncidentFact {
            id: 1,
            department_id: 1,
            occurred: at(2, 23),
            reference: "LFPSE-1234".into(),
            harm: "moderate".into(),
            near_miss: false,
            description: description.into(),
        }],
        sitrep: vec![SitrepDay {
            date: NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
            staff_due: 40,
            staff_taking_action: 31,
            undeclared: 4,
            vacant_shifts: 2,
        }],
    };
    ImpactDocument {
        report: build(&input),
        generated_local: "05/06/2026 10:30".into(),
        generated_by: "Jo Smith".into(),
        audit_head_id: Some(42),
        audit_head_hash: Some("ab12cd34ef56ab12cd34ef56ab12cd34ef56".into()),
    }
}

#[test]
fn impact_pdf_shows_every_section_and_figure() {
    let pdf = renderer()
        .impact_pdf(&document("Delayed review of a deteriorating patient"))
        .expect("the PDF is made");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdftotext(&pdf);
    for s in [
        "Northshire Teaching Hospitals",
        "Impact report: June walkout",
        "02/06/2026 07:00 to 04/06/2026 07:00",
        "Headline figures",
        "Requests made",
        "Request outcomes",
        "Shifts covered by source",
        "Derogation (recall)",
        "Still uncovered",
        "Time to decision against the deadline",
        "Shifts short after refused or late requests",
        "LFPSE-1234",
        "Delayed review of a deteriorating patient",
        "Daily situation report",
        "Page 1 of",
        "Audit trail: row 42 · ab12cd34ef56ab12",
        "hash ab12cd34ef56ab12cd34ef56ab12cd34ef56",
        "05/06/2026 10:30 by Jo Smith",
    ] {
        assert!(text.contains(s), "{s:?} missing from:\n{text}");
    }
    // DR-2 was declined at 23:00, two hours after its deadline: 14:00 taken, late.
    assert!(text.contains("14:00"), "{text}");
    assert!(text.contains("Late"), "{text}");
    // The situation report's figures.
    assert!(text.contains("02/06/2026") && text.contains("31"), "{text}");
}

#[test]
fn user_text_is_printed_as_text_never_run() {
    let nasty = "#set page(fill: red) = Heading *bold* $x$ <lbl> @ref \\ #read(\"/etc/passwd\")";
    let pdf = renderer()
        .impact_pdf(&document(nasty))
        .expect("the PDF is made");
    let text = pdftotext(&pdf);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("#set page(fill: red)"), "{flat}");
    assert!(flat.contains("#read(\"/etc/passwd\")"), "{flat}");
}

#[test]
fn same_document_same_bytes() {
    let doc = document("same");
    let a = renderer().impact_pdf(&doc).unwrap();
    let b = renderer().impact_pdf(&doc).unwrap();
    assert_eq!(a, b, "rendering is deterministic");
}

#[test]
fn an_empty_walkout_still_renders() {
    let mut doc = document("x");
    doc.report.timings.clear();
    doc.report.shortfalls.clear();
    doc.report.coverage_days.clear();
    doc.report.sitrep.clear();
    doc.audit_head_id = None;
    doc.audit_head_hash = None;
    let text = pdftotext(&renderer().impact_pdf(&doc).unwrap());
    assert!(text.contains("No request was sent."), "{text}");
    assert!(text.contains("Audit trail empty"), "{text}");
}
