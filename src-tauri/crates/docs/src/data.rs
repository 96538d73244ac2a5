//! What the template prints, as plain JSON: every label and value is made here, in British
//! English, so the template only lays out strings. Each string is inserted as text by the
//! template, never read as markup.

use serde_json::{json, Value};
use strikecover_core::requests::{ConsultantsView, RequestDocument};

/// The title printed and written into the PDF's metadata.
pub(crate) const TITLE: &str = "Derogation request (patient safety mitigation)";

/// The text of the banner on a document without an approval.
pub(crate) const DRAFT: &str = "DRAFT — not approved";

/// The JSON the template reads from `/data.json`.
pub(crate) fn build(doc: &RequestDocument) -> Value {
    let c = &doc.content;
    let w = &c.walkout;
    let hash = &doc.content_hash;
    let given = |s: &str| -> String {
        if s.trim().is_empty() {
            "Not given".into()
        } else {
            s.to_string()
        }
    };
    let yes_no = |b: bool| if b { "Yes" } else { "No" };

    let request = vec![
        field("Trust", &c.trust),
        field("Site", &c.site),
        field("Department or service", &c.department),
        field("Grade or role asked for", &c.role),
        field("Number of doctors", &c.doctors.to_string()),
        field("Shifts", &c.shifts.len().to_string()),
        field("Duration", &given(&c.duration)),
        field(
            "Decision needed by",
            c.decision_needed_by
                .as_ref()
                .map_or("Not given", |t| t.local.as_str()),
        ),
    ];
    let walkout = vec![
        field("Walkout", &w.name),
        field("Staff group taking action", &w.group),
        field("Starts", &w.starts),
        field("Ends", &w.ends),
    ];
    let shifts: Vec<Value> = c
        .shifts
        .iter()
        .map(|s| {
            row([
                s.date.as_str(),
                &s.day_or_night,
                &s.shift_type,
                &s.start,
                &s.end,
                &hours(s.hours),
                &s.grade,
            ])
        })
        .collect();

    let mut case = vec![
        field("What triggered the request", &given(&c.trigger)),
        field(
            "Clinical risk without the doctors",
            &given(&c.clinical_risk),
        ),
        field(
            "Internal or critical incident declared",
            yes_no(c.incident_declared),
        ),
    ];
    if c.incident_declared || !c.incident_detail.trim().is_empty() {
        case.push(field("Incident details", &given(&c.incident_detail)));
    }
    case.push(field("Consultants' view", c.consultants_view.label()));
    if c.consultants_view != ConsultantsView::NotRecorded || !c.consultants_who.trim().is_empty() {
        case.push(field(
            "Consultants' view given by",
            &given(&c.consultants_who),
        ));
    }
    case.push(field(
        "Elective work continuing in the service",
        match c.elective_continuing {
            Some(true) => "Yes",
            Some(false) => "No",
            None => "Not answered",
        },
    ));
    if c.elective_continuing == Some(true) || !c.elective_reason.trim().is_empty() {
        case.push(field("About elective work", &given(&c.elective_reason)));
    }
    case.push(field(
        "Exceptional pre-emptive request",
        match &c.pre_emptive_reason {
            Some(r) => r.as_str(),
            None => "No",
        },
    ));
    let clinician = vec![
        field("Requesting clinician", &given(&c.requesting_clinician)),
        field("Contact number", &given(&c.contact_phone)),
    ];

    let rungs: Vec<Value> = c
        .evidence
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let attempts: Vec<Value> = r
                .attempts
                .iter()
                .map(|a| {
                    row([
                        a.at.as_str(),
                        &a.by,
                        &a.asked,
                        &a.channel,
                        &a.terms,
                        &a.result,
                        &a.shifts,
                        &a.notes,
                    ])
                })
                .collect();
            json!({
                "title": t(&format!("{}. {}", i + 1, r.name)),
                "required": if r.required { "Required" } else { "Optional" },
                "state": t(&r.state),
                "not_applicable": r.not_applicable.iter().map(|n| t(n)).collect::<Vec<_>>(),
                "count": match r.attempts.len() {
                    0 => "No attempts logged".to_string(),
                    1 => "1 attempt".to_string(),
                    n => format!("{n} attempts"),
                },
                "attempts": attempts,
            })
        })
        .collect();

    let overrides: Vec<Value> = c
        .overrides
        .iter()
        .map(|o| {
            row([
                o.shift.as_str(),
                &o.doctor,
                &o.rules.join("; "),
                &o.reason,
                &format!("{} by {}", o.at, o.by),
                if o.released {
                    "Fell through: the shift is uncovered again"
                } else {
                    "Cover in place"
                },
            ])
        })
        .collect();

    let approval = doc.approval.as_ref().map(|a| {
        json!({
            "fields": [
                field("Approved by", &a.approver),
                field("Role", a.role.label()),
                field("Approved at", &a.at),
                field("Version approved", &a.version.to_string()),
                field("Telephone", &given(&a.phone)),
                field("Email", &given(&a.email)),
            ],
        })
    });

    let status = doc.status.label();
    json!({
        "meta": {
            "title": format!("{TITLE}: {} version {}", c.reference, c.version),
            "author": c.trust,
            "description": format!(
                "{TITLE} {} version {} for {}, {}, {}. Status: {}.",
                c.reference, c.version, c.department, c.site, c.trust,
                if doc.approval.is_some() { status } else { DRAFT },
            ),
            "keywords": [
                format!("sha256:{hash}"),
                c.reference.clone(),
                "derogation request".to_string(),
                "patient safety mitigation".to_string(),
            ],
        },
        "heading": {
            "trust": t(&c.trust),
            "title": TITLE,
            "reference": t(&c.reference),
            "version": c.version.to_string(),
            "status": status,
            "generated": t(&format!("{} by {}", doc.generated_at, doc.generated_by)),
        },
        "draft": if doc.approval.is_none() { Value::from(DRAFT) } else { Value::Null },
        "hash": hash,
        "hash_short": hash.chars().take(16).collect::<String>(),
        "request": request,
        "walkout": walkout,
        "shifts": shifts,
        "case": case,
        "clinician": clinician,
        "rungs": rungs,
        "overrides": overrides,
        "approval": approval,
        "schema": c.schema,
        "document_schema": doc.document_schema,
    })
}

fn field(label: &str, value: &str) -> Value {
    json!({ "label": label, "value": t(value) })
}

/// A value to print. A string, or, when it has a run of more than [`RUN`] characters without a
/// space (an email address, a web address, a reference), the pieces between which a line may
/// break: the template joins them with an empty box, which allows a break but adds nothing to
/// the text, so copying or reading it out gives the value exactly as typed. Without this a long
/// word would run over the next column or off the page.
pub(crate) fn t(s: &str) -> Value {
    const AFTER: &[char] = &[
        '/', '@', '.', '_', '-', '\\', ':', '=', '&', '?', '+', ',', ';', '|',
    ];
    if !s.split_whitespace().any(|w| w.chars().count() > RUN) {
        return Value::from(s);
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut piece = String::new();
    for word in s.split_inclusive(char::is_whitespace) {
        if word.trim_end().chars().count() <= RUN {
            piece.push_str(word);
            continue;
        }
        let mut run = 0;
        for ch in word.chars() {
            piece.push(ch);
            run += 1;
            if !ch.is_whitespace() && (run >= RUN || (run >= 4 && AFTER.contains(&ch))) {
                pieces.push(std::mem::take(&mut piece));
                run = 0;
            }
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    Value::from(pieces)
}

/// The longest run of characters printed without a place to break the line.
const RUN: usize = 12;

fn row<'a>(cells: impl IntoIterator<Item = &'a str>) -> Value {
    Value::from(cells.into_iter().map(t).collect::<Vec<_>>())
}

/// Hours as printed: "12", "12.5", "12.75".
pub(crate) fn hours(h: f64) -> String {
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::{hours, t};
    use serde_json::json;

    #[test]
    fn long_words_get_places_to_break_and_nothing_else_changes() {
        assert_eq!(
            t("Dr P Hughes (consultant)"),
            json!("Dr P Hughes (consultant)")
        );
        assert_eq!(t(""), json!(""));
        let email = "rota.office@northshire-teaching.nhs.uk";
        let pieces = t(&format!("Ask {email} now"));
        assert_eq!(
            pieces,
            json!([
                "Ask rota.",
                "office@",
                "northshire-",
                "teaching.",
                "nhs.",
                "uk now"
            ])
        );
        let joined: String = pieces
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(joined, format!("Ask {email} now"));
        let word = "a".repeat(30);
        assert_eq!(
            t(&word),
            json!(["a".repeat(12), "a".repeat(12), "a".repeat(6)])
        );
    }

    #[test]
    fn hours_print_without_trailing_zeros() {
        assert_eq!(hours(12.0), "12");
        assert_eq!(hours(12.5), "12.5");
        assert_eq!(hours(12.75), "12.75");
        assert_eq!(hours(13.0), "13");
        assert_eq!(hours(0.25), "0.25");
    }
}
