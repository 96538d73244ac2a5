//! Impact report timings on a large walkout (release: `cargo bench -p strikecover-docs --bench
//! impact`): 6 days, 40 departments, 3,000 gaps, 400 requests (1 to 10 shifts each, every
//! outcome), 600 incidents. Times `impact::build` (the pure computation), the CSV, and the PDF
//! (first render with `Renderer::new()`, then warm renders), median and worst.

use std::time::{Duration, Instant};
use strikecover_core::impact::{
    build, write_csv, Cover, GapFact, ImpactDocument, ImpactInput, IncidentFact, RequestFact,
    WalkoutFacts,
};
use strikecover_core::requests::{DecisionKind, RequestStatus};
use strikecover_core::walkouts::SitrepDay;
use strikecover_docs::Renderer;

const DAYS: i64 = 6;
const DEPTS: i64 = 40;
const GAPS: i64 = 3_000;
const REQUESTS: i64 = 400;
const INCIDENTS: i64 = 600;

fn input() -> ImpactInput {
    let start = 1_780_000_000; // a Tuesday in June 2026, 07:00-ish: the exact hour is immaterial
    let end = start + DAYS * 86_400;
    let rungs: Vec<(String, String)> = [
        "elective",
        "urgent",
        "incentive",
        "redeploy",
        "consultant",
        "sas",
        "locum",
        "mutual_aid",
        "incident",
    ]
    .iter()
    .map(|c| (c.to_string(), format!("Rung {c}")))
    .collect();
    let gaps: Vec<GapFact> = (0..GAPS)
        .map(|i| {
            let s = start + (i * 7_919) % (DAYS * 86_400 - 43_200);
            GapFact {
                duty_id: i + 1,
                department_id: i % DEPTS + 1,
                start: s,
                end: s + 12 * 3600,
                grade: format!("ST{}", i % 6 + 1),
                cover: match i % 11 {
                    0..=3 => Cover::Uncovered,
                    4 => Cover::Recall,
                    k => {
                        let (c, n) = &rungs[(k as usize) % rungs.len()];
                        Cover::Rung(c.clone(), n.clone())
                    }
                },
            }
        })
        .collect();
    let statuses = [
        (RequestStatus::Granted, DecisionKind::Granted),
        (RequestStatus::Declined, DecisionKind::Declined),
        (RequestStatus::NotDecided, DecisionKind::NotDecided),
        (RequestStatus::Withdrawn, DecisionKind::Withdrawn),
        (RequestStatus::Revoked, DecisionKind::Revoked),
    ];
    let requests: Vec<RequestFact> = (0..REQUESTS)
        .map(|i| {
            let (status, kind) = statuses[(i % 5) as usize];
            let sent = start - 86_400 + i * 60;
            let dept = i % DEPTS + 1;
            let duty_ids: Vec<i64> = gaps
                .iter()
                .filter(|g| g.department_id == dept)
                .skip((i / DEPTS) as usize)
                .take((i % 10 + 1) as usize)
                .map(|g| g.duty_id)
                .collect();
            let mut decisions = vec![];
            if kind == DecisionKind::Revoked {
                decisions.push((DecisionKind::Granted, sent + (i % 20) * 1800));
            }
            decisions.push((kind, sent + (i % 20) * 1800 + 600));
            RequestFact {
                id: i + 1,
                reference: format!("DR-{}", i + 1),
                department_id: dept,
                department: format!("Department {dept}"),
                site: "Royal".into(),
                status,
                sent_at: Some(sent),
                due: Some(sent + 6 * 3600),
                decisions,
                duty_ids,
            }
        })
        .collect();
    let incidents: Vec<IncidentFact> = (0..INCIDENTS)
        .map(|i| IncidentFact {
            id: i + 1,
            department_id: i % DEPTS + 1,
            occurred: start + (i * 6_007) % (DAYS * 86_400),
            reference: format!("LFPSE-{:06}", i + 1),
            harm: ["none", "low", "moderate", "severe"][(i % 4) as usize].into(),
            near_miss: i % 3 == 0,
            description:
                "Delayed review of a deteriorating patient; escalated to the consultant on call"
                    .into(),
        })
        .collect();
    let sitrep = (0..DAYS)
        .map(|d| SitrepDay {
            date: chrono::NaiveDate::from_ymd_opt(2026, 5, 28 + d as u32 % 3).unwrap(),
            staff_due: 900,
            staff_taking_action: 600,
            undeclared: 50,
            vacant_shifts: 30,
        })
        .collect();
    ImpactInput {
        walkout: WalkoutFacts {
            id: 1,
            title: "Large walkout".into(),
            body: "BMA".into(),
            trust: "Large Synthetic Trust".into(),
            start,
            end,
        },
        rungs,
        requests,
        gaps,
        incidents,
        sitrep,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    (ms(v[v.len() / 2]), ms(*v.last().unwrap()))
}

fn main() {
    let input = input();
    let builds: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(build(&input));
            t.elapsed()
        })
        .collect();
    let report = build(&input);
    let (m, w) = stats(builds);
    println!(
        "impact::build: {} requests, {} gaps, {} incidents -> {} short shifts, {} incidents in them: median {m:.1} ms, max {w:.1} ms (20 runs)",
        REQUESTS, GAPS, INCIDENTS, report.short_shifts, report.incidents_in_short_shifts
    );
    let csvs: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            let mut buf = Vec::new();
            write_csv(&report, &mut buf).unwrap();
            std::hint::black_box(buf);
            t.elapsed()
        })
        .collect();
    let (m, w) = stats(csvs);
    println!("CSV: median {m:.1} ms, max {w:.1} ms (10 runs)");

    let doc = ImpactDocument {
        report,
        generated_local: "10/06/2026 09:00".into(),
        generated_by: "Bench".into(),
        audit_head_id: Some(123_456),
        audit_head_hash: Some("ab".repeat(32)),
    };
    let t = Instant::now();
    let renderer = Renderer::new();
    let pdf = renderer.impact_pdf(&doc).expect("the bench report renders");
    println!(
        "PDF first render (Renderer::new + render): {:.0} ms, {} KiB",
        ms(t.elapsed()),
        pdf.len() / 1024
    );
    let warm: Vec<Duration> = (0..5)
        .map(|k| {
            let mut d = doc.clone();
            d.generated_by = format!("Bench {k}");
            let t = Instant::now();
            std::hint::black_box(renderer.impact_pdf(&d).unwrap());
            t.elapsed()
        })
        .collect();
    let (m, w) = stats(warm);
    println!("PDF warm render: median {m:.0} ms, max {w:.0} ms (5 renders)");
}
