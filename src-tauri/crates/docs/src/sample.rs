//! A realistic request for tests, benchmarks and looking at the layout: ST3+ registrar nights
//! in an emergency department during a resident doctors' walkout in January 2024, with the
//! staff bank, agencies, consultants and doctors not taking action asked first, one working-time
//! override, and the medical director's approval.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use strikecover_core::requests::{
    ApprovalBlock, ConsultantsView, EvidenceAttempt, OverrideLine, RequestContent, RequestDocument,
    RequestStatus, Role, RungEvidence, ShiftLine, TimeField, WalkoutRef, CONTENT_SCHEMA,
    DOCUMENT_SCHEMA,
};
use strikecover_core::time::london_to_utc;

/// An approved request with `shifts` nights (two registrars a night) and `attempts` attempts
/// spread over four rungs of the ladder (a fifth rung is marked not applicable).
pub fn document(shifts: usize, attempts: usize) -> RequestDocument {
    let content = content(shifts, attempts);
    let content_hash = content.hash();
    RequestDocument {
        document_schema: DOCUMENT_SCHEMA.to_string(),
        approval: Some(ApprovalBlock {
            approver: "Dr Helen Marsh".into(),
            role: Role::MedicalDirector,
            at: "03/01/2024 09:15".into(),
            version: content.version,
            content_hash: content_hash.clone(),
            phone: "01632 960 555".into(),
            email: "helen.marsh@northshire.nhs.uk".into(),
        }),
        content,
        content_hash,
        status: RequestStatus::Approved,
        generated_at: "03/01/2024 09:20".into(),
        generated_by: "Priya Raman".into(),
    }
}

/// The same request before approval: awaiting the medical director, no approval block.
pub fn draft(shifts: usize, attempts: usize) -> RequestDocument {
    let mut doc = document(shifts, attempts);
    doc.approval = None;
    doc.status = RequestStatus::AwaitingApproval;
    doc
}

fn at(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

fn content(shifts: usize, attempts: usize) -> RequestContent {
    let first = NaiveDate::from_ymd_opt(2024, 1, 3).expect("a real date");
    let start = NaiveTime::from_hms_opt(20, 0, 0).expect("a real time");
    let end = NaiveTime::from_hms_opt(8, 30, 0).expect("a real time");
    let grades = ["ST4", "ST6", "ST3", "ST5"];
    let lines: Vec<ShiftLine> = (0..shifts)
        .map(|i| {
            let date = first + Duration::days((i / 2) as i64);
            let next = date + Duration::days(1);
            ShiftLine {
                duty_id: 5001 + i as i64,
                date: date.format("%d/%m/%Y").to_string(),
                day_or_night: "Night".into(),
                shift_type: "Night (ED registrar)".into(),
                start: "20:00".into(),
                end: "08:30".into(),
                hours: 12.5,
                grade: grades[i % grades.len()].into(),
                start_utc: london_to_utc(date, start),
                end_utc: london_to_utc(next, end),
            }
        })
        .collect();
    let nights = shifts.div_ceil(2);
    let last_end = first + Duration::days(nights.max(1) as i64);
    let short = |i: usize| {
        let date = first + Duration::days((i / 2) as i64);
        format!("{} Night", date.format("%d/%m"))
    };
    let about = |i: usize| -> String {
        match (i % 3, shifts) {
            (_, 0) => "none".into(),
            (0, n) => format!("all {n} shifts"),
            (1, _) => short(0),
            _ => (0..shifts.min(2))
                .map(|k| short(k * 2))
                .collect::<Vec<_>>()
                .join(", "),
        }
    };

    // (code, name, who was asked, channels, results)
    type Rung<'a> = (&'a str, &'a str, [&'a str; 4], [&'a str; 2], [&'a str; 2]);
    let rungs: [Rung; 4] = [
        (
            "bank",
            "Staff bank",
            [
                "Dr L Okoro (ST5, staff bank)",
                "Dr M Byrne (ST4, staff bank)",
                "Trust bank office (all ED registrars)",
                "Dr E Nwosu (ST6, staff bank)",
            ],
            ["Bank app broadcast", "Phone"],
            [
                "£75.00 an hour (enhanced bank rate)",
                "£90.00 an hour (escalated)",
            ],
        ),
        (
            "agency",
            "Agencies",
            [
                "Medics4U (agency)",
                "Northern Locums Ltd (agency)",
                "Meridian Medical Staffing (agency)",
                "Pennine Doctors (agency)",
            ],
            ["Email", "Agency portal"],
            ["£120.00 an hour", "£145.00 an hour (above the cap, agreed)"],
        ),
        (
            "consultants",
            "Consultants acting down",
            [
                "Dr P Hughes (consultant, Emergency medicine)",
                "Dr S Baptiste (consultant, Emergency medicine)",
                "Dr J Morrow (consultant, Emergency medicine)",
                "Dr K Lindqvist (consultant, Emergency medicine)",
            ],
            ["Phone", "Consultant rota meeting"],
            ["£176.00 an hour (BMA rate card)", ""],
        ),
        (
            "non_striking",
            "Doctors not taking action",
            [
                "Dr F Haddad (specialty doctor)",
                "Dr R Chaudhry (locally employed doctor)",
                "Dr T Adeyemi (ST4, not a BMA member)",
                "Dr N Kowalski (trust grade registrar)",
            ],
            ["Phone", "Text message"],
            ["", "£75.00 an hour (enhanced bank rate)"],
        ),
    ];
    let results = [
        "Declined",
        "No reply by 14:00 02/01/2024",
        "Unavailable (annual leave)",
        "Accepted 1 of 3 shifts, then withdrew at 17:10",
        "Declined: already working the day before",
    ];
    let notes = [
        "",
        "Asked twice; the second call went to voicemail and a message was left.",
        "Rate escalated to the enhanced rate with the finance director's agreement.",
        "",
        "Would come only if the 11-hour rest rule were waived; not offered.",
    ];
    let loggers = ["Priya Raman", "Sam Okafor"];
    let base = NaiveDateTime::new(
        NaiveDate::from_ymd_opt(2024, 1, 2).expect("a real date"),
        NaiveTime::from_hms_opt(8, 0, 0).expect("a real time"),
    );
    let mut per_rung: Vec<Vec<EvidenceAttempt>> = vec![Vec::new(); rungs.len()];
    for i in 0..attempts {
        let r = i % rungs.len();
        let k = i / rungs.len();
        let (_, _, asked, channels, terms) = &rungs[r];
        per_rung[r].push(EvidenceAttempt {
            attempt_id: 9001 + i as i64,
            at: at(base + Duration::minutes(7 * i as i64)),
            by: loggers[i % loggers.len()].into(),
            asked: asked[k % asked.len()].into(),
            channel: channels[k % channels.len()].into(),
            terms: terms[k % terms.len()].into(),
            result: results[(i + k) % results.len()].into(),
            shifts: about(i),
            notes: notes[(i + 2 * k) % notes.len()].into(),
        });
    }
    let mut evidence: Vec<RungEvidence> = rungs
        .iter()
        .zip(per_rung)
        .map(|((code, name, ..), attempts)| RungEvidence {
            code: (*code).into(),
            name: (*name).into(),
            required: true,
            state: if attempts.is_empty() {
                "Not started".into()
            } else {
                "Exhausted".into()
            },
            not_applicable: Vec::new(),
            attempts,
        })
        .collect();
    evidence.push(RungEvidence {
        code: "cross_site".into(),
        name: "Registrars from the trust's other sites".into(),
        required: false,
        state: "Not applicable".into(),
        not_applicable: vec![
            "Single emergency department: the trust's other site has no registrar rota to draw from."
                .into(),
        ],
        attempts: Vec::new(),
    });

    RequestContent {
        schema: CONTENT_SCHEMA.to_string(),
        reference: "DR-12".into(),
        version: 3,
        trust: "Northshire Teaching Hospitals NHS Foundation Trust".into(),
        walkout: WalkoutRef {
            id: 7,
            name: "Resident doctors' strike, January 2024".into(),
            group: "Resident doctors".into(),
            starts: "03/01/2024 07:00".into(),
            ends: "09/01/2024 07:00".into(),
        },
        site: "Northshire General Hospital".into(),
        department: "Emergency medicine".into(),
        role: "ST3+ registrar".into(),
        doctors: if shifts > 1 { 2 } else { 1 },
        shifts: lines,
        duration: format!(
            "From {} 20:00 to {} 08:30 ({} nights)",
            first.format("%d/%m/%Y"),
            last_end.format("%d/%m/%Y"),
            nights
        ),
        trigger: "Two of the four ST3+ registrar night slots are uncovered after every rung of \
                  the ladder was tried; the department needs two senior decision-makers \
                  overnight to run majors and resuscitation safely."
            .into(),
        clinical_risk: "Without a second registrar overnight, patients with time-critical \
                        conditions (sepsis, stroke, major trauma, acute coronary syndromes) \
                        would wait beyond safe limits for a senior review, and ambulance \
                        handover delays of more than four hours are expected."
            .into(),
        incident_declared: true,
        incident_detail: "Critical incident declared 02/01/2024 16:00 by the chief operating \
                          officer (reference CI-2024-001)."
            .into(),
        consultants_view: ConsultantsView::Unsafe,
        consultants_who: "Dr P Hughes, clinical director, for the department's consultants, \
                          02/01/2024 17:30"
            .into(),
        elective_continuing: Some(false),
        elective_reason: "The ambulatory clinics are stood down for the strike.".into(),
        pre_emptive_reason: Some(
            "A critical incident is already declared and the first night starts at 20:00 on \
             the first day of the strike."
                .into(),
        ),
        decision_needed_by: Some(TimeField {
            utc: london_to_utc(
                first,
                NaiveTime::from_hms_opt(12, 0, 0).expect("a real time"),
            ),
            local: "03/01/2024 12:00".into(),
        }),
        requesting_clinician: "Dr P Hughes, clinical director for emergency medicine".into(),
        contact_phone: "01632 960 123".into(),
        evidence,
        overrides: vec![OverrideLine {
            shift: format!("{} Night 20:00–08:30", first.format("%d/%m/%Y")),
            doctor: "Dr T Adeyemi (ST4)".into(),
            rules: vec![
                "Minimum 11 hours' rest between shifts (9.5 h)".into(),
                "No more than 4 long shifts in a row (5)".into(),
            ],
            reason: "No other registrar could be found; the consultant on call agreed and will \
                     review the doctor at 02:00."
                .into(),
            at: "02/01/2024 18:05".into(),
            by: "Priya Raman".into(),
            released: false,
        }],
    }
}
