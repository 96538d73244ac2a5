//! The request PDF, read back with poppler's tools (poppler-utils): what a reader sees, the
//! structure a screen reader uses, the metadata, and that user text is only ever text.

use std::process::Command;
use std::sync::OnceLock;
use strikecover_core::requests::{RequestDocument, RequestStatus};
use strikecover_docs::{sample, DocsError, Renderer};

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(Renderer::new)
}

/// Runs a poppler tool on the PDF. A missing tool fails the test: it must not pass unchecked.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("request.pdf");
    std::fs::write(&path, pdf).expect("the PDF is written");
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{tool}` ({e}): these tests read the PDF back with poppler's tools; \
                 install them with `apt-get install -y poppler-utils`"
            )
        });
    assert!(
        out.status.success(),
        "`{tool}` failed on the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

/// The text in content order, with every run of white space made one space (table cells and
/// long values wrap onto several lines).
fn text(pdf: &[u8]) -> String {
    squash(&poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info(pdf: &[u8]) -> String {
    poppler("pdfinfo", &["-isodates"], pdf)
}

fn info_field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
        .map(str::trim)
        .unwrap_or_else(|| panic!("pdfinfo has no {name}: {info}"))
}

fn pages(pdf: &[u8]) -> usize {
    info_field(&info(pdf), "Pages")
        .parse()
        .expect("a page count")
}

fn hours(h: f64) -> String {
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Every value of the request that the PDF must show.
fn values(doc: &RequestDocument) -> Vec<String> {
    let c = &doc.content;
    let mut v = vec![
        c.reference.clone(),
        c.trust.clone(),
        c.site.clone(),
        c.department.clone(),
        c.role.clone(),
        c.doctors.to_string(),
        c.duration.clone(),
        c.trigger.clone(),
        c.clinical_risk.clone(),
        c.incident_detail.clone(),
        c.consultants_view.label().to_string(),
        c.consultants_who.clone(),
        c.elective_reason.clone(),
        c.requesting_clinician.clone(),
        c.contact_phone.clone(),
        c.walkout.name.clone(),
        c.walkout.group.clone(),
        c.walkout.starts.clone(),
        c.walkout.ends.clone(),
        doc.status.label().to_string(),
        doc.generated_at.clone(),
        doc.generated_by.clone(),
        doc.content_hash.clone(),
    ];
    v.extend(c.pre_emptive_reason.clone());
    v.extend(c.decision_needed_by.as_ref().map(|t| t.local.clone()));
    for s in &c.shifts {
        v.push(
            [
                s.date.as_str(),
                &s.day_or_night,
                &s.shift_type,
                &s.start,
                &s.end,
                &hours(s.hours),
                &s.grade,
            ]
            .join(" "),
        );
    }
    for r in &c.evidence {
        v.push(r.name.clone());
        v.push(r.state.clone());
        v.extend(r.not_applicable.iter().cloned());
        for a in &r.attempts {
            v.push(
                [
                    a.at.as_str(),
                    &a.by,
                    &a.asked,
                    &a.channel,
                    &a.terms,
                    &a.result,
                    &a.shifts,
                    &a.notes,
                ]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            );
        }
    }
    for o in &c.overrides {
        v.extend([o.shift.clone(), o.doctor.clone(), o.reason.clone()]);
        v.extend(o.rules.iter().cloned());
        v.push(format!("{} by {}", o.at, o.by));
    }
    if let Some(a) = &doc.approval {
        v.extend([
            a.approver.clone(),
            a.role.label().to_string(),
            a.at.clone(),
            a.phone.clone(),
            a.email.clone(),
        ]);
    }
    v
}

fn assert_shows_all(text: &str, doc: &RequestDocument) {
    let missing: Vec<String> = values(doc)
        .into_iter()
        .map(|v| squash(&v))
        .filter(|v| !text.contains(v.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the PDF does not show {missing:#?}\n\nIt reads:\n{text}"
    );
}

#[test]
fn an_approved_request_is_a_tagged_a4_pdf_showing_every_field_and_the_approval() {
    let doc = sample::document(6, 24);
    let pdf = renderer().pdf(&doc).expect("the sample renders");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");

    let info = info(&pdf);
    assert_eq!(info_field(&info, "Tagged"), "yes", "{info}");
    assert!(info_field(&info, "Page size").contains("(A4)"), "{info}");
    assert!(
        info_field(&info, "Title").contains("Derogation request (patient safety mitigation)"),
        "{info}"
    );
    assert_eq!(info_field(&info, "Author"), doc.content.trust);
    assert!(
        info_field(&info, "Keywords").contains(&format!("sha256:{}", doc.content_hash)),
        "{info}"
    );
    // The document's own time (03/01/2024 09:20 GMT), never the clock.
    assert!(
        info_field(&info, "CreationDate").starts_with("2024-01-03T09:20:00"),
        "{info}"
    );

    let text = text(&pdf);
    assert!(
        text.starts_with(&doc.content.trust),
        "the trust comes first: {text}"
    );
    assert!(text.contains("Derogation request (patient safety mitigation)"));
    assert_shows_all(&text, &doc);
    assert!(
        !text.contains("DRAFT"),
        "an approved request has no draft banner"
    );
    assert!(text.contains("Approved by Dr Helen Marsh"), "{text}");
    assert!(text.contains("Version approved 3"), "{text}");
    let n = pages(&pdf);
    let short = &doc.content_hash[..16];
    for p in 1..=n {
        assert!(
            text.contains(&format!(
                "DR-12 · Version 3 Page {p} of {n} SHA-256 {short}…"
            )),
            "the footer of page {p}: {text}"
        );
    }
}

#[test]
fn the_pdf_structure_is_marked_for_screen_readers() {
    let pdf = renderer()
        .pdf(&sample::document(3, 8))
        .expect("the sample renders");
    // The catalogue names the structure tree, says the content is marked and gives the
    // language; the structure has headings and tables with header cells.
    let raw = String::from_utf8_lossy(&pdf)
        .replace("/S /", "/S/")
        .replace("/Lang (", "/Lang(");
    for needle in [
        "/StructTreeRoot",
        "/MarkInfo",
        "/Marked true",
        "/Lang(en-GB)",
        "/S/Document",
        "/S/H1",
        "/S/H2",
        "/S/H3",
        "/S/Table",
        "/S/THead",
        "/S/TH",
        "/S/TD",
        // It declares PDF/UA-1, which typst checks while writing it.
        "<pdfuaid:part>1</pdfuaid:part>",
    ] {
        assert!(raw.contains(needle), "no {needle} in the PDF");
    }
    // One header cell per column of each table (7 shift columns, 8 per attempts table), not
    // one per page the header is repeated on.
    let th = raw.matches("/S/TH").count() - raw.matches("/S/THead").count();
    let tables = doc_tables(&sample::document(3, 8));
    assert_eq!(th, tables, "header cells");
}

fn doc_tables(doc: &RequestDocument) -> usize {
    let c = &doc.content;
    7 + 8 * c.evidence.iter().filter(|r| !r.attempts.is_empty()).count()
        + if c.overrides.is_empty() { 0 } else { 6 }
}

#[test]
fn a_request_without_an_approval_says_draft_not_approved() {
    let doc = sample::draft(6, 24);
    assert_eq!(doc.status, RequestStatus::AwaitingApproval);
    let pdf = renderer().pdf(&doc).expect("the draft renders");
    let text = text(&pdf);
    assert!(text.contains("DRAFT — not approved"), "{text}");
    assert!(
        text.contains("It must not be sent as an approved request."),
        "{text}"
    );
    assert_shows_all(&text, &doc);
    assert!(!text.contains("Dr Helen Marsh"), "no approver on a draft");
    assert!(!text.contains("Version approved"), "no approval block");
    // On every later page too.
    let n = pages(&pdf);
    let banners = text.matches("DRAFT — not approved").count();
    assert!(
        banners > n,
        "a banner on each page after the first: {banners} for {n} pages"
    );
}

#[test]
fn user_text_is_printed_literally_and_never_run_as_markup() {
    let mut doc = sample::draft(2, 4);
    let nasty = [
        "#panic(\"injected\")",
        "] #let x = 1 [",
        "$ x^2 $ and *bold* and _emph_",
        "`raw` <label> @ref // not a comment \\ = Heading",
        "#{ \"code\" } #import \"/data.json\"",
    ];
    let c = &mut doc.content;
    c.trust = nasty[0].into();
    c.site = nasty[1].into();
    c.trigger = nasty[2].into();
    c.clinical_risk = nasty[3].into();
    c.requesting_clinician = nasty[4].into();
    c.evidence[0].attempts[0].notes = nasty[0].into();
    c.evidence[0].attempts[0].asked = nasty[1].into();
    c.shifts[0].shift_type = nasty[2].into();
    doc.content_hash = doc.content.hash();
    let pdf = renderer()
        .pdf(&doc)
        .expect("text that looks like typst still renders");
    let text = text(&pdf);
    for n in nasty {
        assert!(
            text.contains(&squash(n)),
            "{n:?} is not printed as typed:\n{text}"
        );
    }
    assert_shows_all(&text, &doc);
}

#[test]
fn long_words_wrap_within_their_column_and_read_back_whole() {
    let mut doc = sample::draft(3, 8);
    let site = "Averyveryverylongsitenamewithoutanyspacesatallthatgoesonandonandonandonandonandon";
    let email = "registrar.bank.office.northshire@northshire-teaching-hospitals.nhs.uk";
    doc.content.site = site.into();
    doc.content.evidence[0].attempts[0].asked = email.into();
    doc.content_hash = doc.content.hash();
    let pdf = renderer().pdf(&doc).expect("renders");
    let raw = poppler("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    let joined: String = raw.split_whitespace().collect();
    assert!(joined.contains(site) && joined.contains(email), "{raw}");
    // No word runs past the right margin (18 mm from the edge of A4's 595.28 pt).
    let bbox = poppler("pdftotext", &["-bbox"], &pdf);
    let right = 595.28 - 18.0 * 72.0 / 25.4;
    for word in bbox.lines().filter(|l| l.contains("<word ")) {
        let x_max: f64 = word
            .split("xMax=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|x| x.parse().ok())
            .expect("a word's right edge");
        assert!(x_max <= right + 0.5, "past the margin: {word}");
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = sample::document(6, 24);
    let a = renderer().pdf(&doc).expect("renders");
    let b = Renderer::new().pdf(&doc).expect("renders");
    let c = renderer().pdf(&doc).expect("renders");
    assert!(a == b && b == c, "three renders differ");
    let mut other = doc.clone();
    other.content.contact_phone = "01632 960 124".into();
    other.content_hash = other.content.hash();
    other.approval = None;
    assert_ne!(renderer().pdf(&other).expect("renders"), a);
}

#[test]
fn a_large_request_runs_to_many_pages_with_the_table_header_repeated() {
    let doc = sample::document(40, 300);
    let pdf = renderer().pdf(&doc).expect("a large request renders");
    let n = pages(&pdf);
    assert!(n > 5, "300 attempts on {n} pages");
    let text = text(&pdf);
    assert_shows_all(&text, &doc);
    let header = "When Logged by Who was asked Channel Terms Result Shifts Notes";
    let repeats = text.matches(header).count();
    assert!(
        repeats
            > doc
                .content
                .evidence
                .iter()
                .filter(|r| !r.attempts.is_empty())
                .count(),
        "the attempts' header row is repeated on each page a table runs onto ({repeats})"
    );
}

#[test]
fn a_document_whose_hash_or_approval_does_not_match_its_content_is_refused() {
    let mut doc = sample::document(2, 4);
    doc.content.doctors = 5;
    let err = renderer().pdf(&doc).expect_err("a stale hash");
    assert!(matches!(err, DocsError::HashMismatch { .. }), "{err}");
    assert!(err.to_string().contains("not the SHA-256 of its content"));

    let mut doc = sample::document(2, 4);
    doc.content.version = 4;
    doc.content_hash = doc.content.hash();
    let err = renderer()
        .pdf(&doc)
        .expect_err("an approval of version 3 on version 4");
    assert!(matches!(err, DocsError::ApprovalMismatch { .. }), "{err}");
    assert!(
        err.to_string().contains("approval is for version 3"),
        "{err}"
    );

    let mut doc = sample::document(2, 4);
    doc.generated_at = "yesterday".into();
    let err = renderer().pdf(&doc).expect_err("an unreadable time");
    assert_eq!(
        err.to_string(),
        "the document's generation time 'yesterday' is not a dd/mm/yyyy HH:MM time"
    );
}

#[test]
fn the_renderer_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Renderer>();
    let doc = sample::document(3, 6);
    let alone = renderer().pdf(&doc).expect("renders");
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| renderer().pdf(&doc).expect("renders")))
            .collect();
        for h in handles {
            assert!(h.join().expect("no panic") == alone);
        }
    });
}
