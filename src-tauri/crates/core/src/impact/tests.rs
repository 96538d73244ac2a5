use super::*;
use crate::time::london_to_utc;
use chrono::{NaiveDate, NaiveTime};

fn at(d: u32, h: u32, m: u32) -> i64 {
    london_to_utc(
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap(),
        NaiveTime::from_hms_opt(h, m, 0).unwrap(),
    )
}

fn gap(duty_id: i64, dept: i64, start: i64, cover: Cover) -> GapFact {
    GapFact {
        duty_id,
        department_id: dept,
        start,
        end: start + 12 * 3600,
        grade: "ST3".into(),
        cover,
    }
}

fn rung(code: &str, name: &str) -> Cover {
    Cover::Rung(code.into(), name.into())
}

fn request(
    id: i64,
    status: RequestStatus,
    decisions: Vec<(DecisionKind, i64)>,
    duty_ids: Vec<i64>,
) -> RequestFact {
    RequestFact {
        id,
        reference: format!("DR-{id}"),
        department_id: 10,
        department: "Emergency Department".into(),
        site: "Royal".into(),
        status,
        sent_at: Some(at(1, 9, 0)),
        due: Some(at(1, 21, 0)),
        decisions,
        duty_ids,
    }
}

fn incident(id: i64, dept: i64, occurred: i64) -> IncidentFact {
    IncidentFact {
        id,
        department_id: dept,
        occurred,
        reference: format!("LFPSE-{id}"),
        harm: "low".into(),
        near_miss: false,
        description: format!("incident {id}"),
    }
}

/// Walkout 07:00 on 2 June to 07:00 on 4 June (two days). Gaps: duties 1..=6 in department 10,
/// 7 in department 20.
fn scenario() -> ImpactInput {
    use DecisionKind as K;
    use RequestStatus as S;
    let mut not_sent = request(6, S::Draft, vec![], vec![]);
    not_sent.sent_at = None;
    ImpactInput {
        walkout: WalkoutFacts {
            id: 3,
            title: "June walkout".into(),
            body: "BMA".into(),
            trust: "Test Trust".into(),
            start: at(2, 7, 0),
            end: at(4, 7, 0),
        },
        rungs: vec![
            ("elective".into(), "Cancel elective work".into()),
            ("locum".into(), "Bank and agency locums".into()),
        ],
        requests: vec![
            // Granted on time (3 h), recall covers duty 1.
            request(1, S::Granted, vec![(K::Granted, at(1, 12, 0))], vec![1]),
            // Declined on time: duties 2 (short) and 3 (filled by a locum later).
            request(
                2,
                S::Declined,
                vec![(K::Declined, at(1, 20, 30))],
                vec![2, 3],
            ),
            // Not decided, then granted late, then revoked: duty 4 short.
            request(
                3,
                S::Revoked,
                vec![
                    (K::NotDecided, at(1, 21, 5)),
                    (K::Granted, at(1, 23, 45)),
                    (K::Revoked, at(2, 8, 0)),
                ],
                vec![4],
            ),
            // Not decided: duty 5 short.
            request(
                4,
                S::NotDecided,
                vec![(K::NotDecided, at(1, 21, 1))],
                vec![5],
            ),
            // Withdrawn before an answer.
            request(5, S::Withdrawn, vec![(K::Withdrawn, at(1, 10, 0))], vec![6]),
            not_sent,
        ],
        gaps: vec![
            gap(1, 10, at(2, 8, 0), Cover::Recall),
            gap(2, 10, at(2, 20, 0), Cover::Uncovered),
            gap(3, 10, at(3, 8, 0), rung("locum", "Bank and agency locums")),
            gap(4, 10, at(3, 20, 0), Cover::Uncovered),
            gap(5, 10, at(2, 9, 0), Cover::Uncovered),
            gap(6, 10, at(3, 9, 0), rung("elective", "Cancel elective work")),
            gap(7, 20, at(2, 20, 0), rung("old", "An old rung")),
        ],
        incidents: vec![
            incident(1, 10, at(2, 21, 0)), // in duty 2 (and at duty 5's end: outside it)
            incident(2, 20, at(2, 21, 0)), // other department
            incident(3, 10, at(3, 8, 30)), // duty 3 is covered
            incident(4, 10, at(4, 7, 59)), // before duty 4 ends (08:00)
            incident(5, 10, at(4, 8, 0)),  // at duty 4's end: outside
            incident(6, 10, at(2, 8, 59)), // before duty 5 starts
            incident(7, 10, at(2, 20, 59)), // in duty 5 (09:00-21:00) and duty 2
        ],
        sitrep: vec![],
    }
}

#[test]
fn outcomes_count_latest_decision_and_late_answers() {
    let r = build(&scenario());
    assert_eq!(
        r.outcomes,
        OutcomeCounts {
            made: 6,
            granted: 1,
            declined: 1,
            withdrawn: 1,
            not_decided: 1,
            revoked: 1,
            awaiting: 0,
            not_sent: 1,
            late_answers: 1,
        }
    );
}

#[test]
fn timings_against_deadlines() {
    let r = build(&scenario());
    let by: HashMap<i64, &DecisionTiming> = r.timings.iter().map(|t| (t.request_id, t)).collect();
    assert_eq!(r.timings.len(), 5, "the draft was never sent");
    assert_eq!(by[&1].taken.as_deref(), Some("3:00"));
    assert_eq!(by[&1].timing, Timing::OnTime);
    assert_eq!(by[&2].taken.as_deref(), Some("11:30"));
    assert_eq!(by[&2].timing, Timing::OnTime);
    assert_eq!(by[&3].taken.as_deref(), Some("14:45"));
    assert_eq!(by[&3].timing, Timing::Late);
    assert_eq!(by[&3].decided_local.as_deref(), Some("01/06/2026 23:45"));
    assert_eq!(by[&4].timing, Timing::NoDecision);
    assert_eq!(by[&4].taken, None);
    assert_eq!(by[&5].timing, Timing::NoDecision);
    assert_eq!(by[&1].sent_local, "01/06/2026 09:00");
    assert_eq!(by[&1].due_local.as_deref(), Some("01/06/2026 21:00"));
    assert_eq!(by[&1].allowed_secs, Some(12 * 3600));
}

#[test]
fn shortfalls_name_short_shifts_and_incidents_in_them() {
    let r = build(&scenario());
    let refs: Vec<(&str, &str)> = r
        .shortfalls
        .iter()
        .map(|s| (s.reference.as_str(), s.why.as_str()))
        .collect();
    assert_eq!(
        refs,
        [
            ("DR-2", "Declined"),
            ("DR-3", "Revoked"),
            ("DR-4", "Not decided by the deadline")
        ]
    );
    let dr2 = &r.shortfalls[0];
    assert_eq!(dr2.shifts_asked, 2);
    assert_eq!(dr2.short_shifts.len(), 1, "duty 3 was filled");
    let s = &dr2.short_shifts[0];
    assert_eq!(
        (s.duty_id, s.date.as_str(), s.start_local.as_str()),
        (2, "02/06/2026", "20:00")
    );
    assert_eq!(s.end_local, "08:00");
    let ids: Vec<i64> = s.incidents.iter().map(|i| i.id).collect();
    assert_eq!(ids, [7, 1], "in time order; other department excluded");
    let dr3 = &r.shortfalls[1];
    let ids: Vec<i64> = dr3.short_shifts[0].incidents.iter().map(|i| i.id).collect();
    assert_eq!(ids, [4], "an incident at the shift's end is outside it");
    let dr4 = &r.shortfalls[2];
    let ids: Vec<i64> = dr4.short_shifts[0].incidents.iter().map(|i| i.id).collect();
    assert_eq!(ids, [7]);
    assert_eq!(r.short_shifts, 3);
    assert_eq!(r.incidents_in_short_shifts, 3, "incident 7 counted once");
}

#[test]
fn late_answer_counts_as_shortfall_even_if_granted() {
    let mut input = scenario();
    input.requests[0].decisions = vec![(DecisionKind::Granted, at(1, 22, 0))];
    input.gaps[0].cover = Cover::Uncovered;
    let r = build(&input);
    assert_eq!(r.outcomes.late_answers, 2);
    assert_eq!(r.shortfalls[0].reference, "DR-1");
    assert_eq!(r.shortfalls[0].why, "Answered late");
    assert_eq!(r.shortfalls[0].short_shifts.len(), 1);
}

#[test]
fn coverage_by_source_overall_and_per_day() {
    let r = build(&scenario());
    let keys: Vec<&str> = r.sources.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["elective", "locum", "old", "recall", "uncovered"]);
    let totals: Vec<u32> = r.sources.iter().map(|s| s.total).collect();
    assert_eq!(totals, [1, 1, 1, 1, 3]);
    assert_eq!(r.sources[3].label, "Derogation (recall)");
    assert_eq!((r.gaps, r.covered), (7, 4));
    assert_eq!(r.coverage_days.len(), 2);
    assert_eq!(r.coverage_days[0].date, "02/06/2026");
    // Day 1 (02/06 07:00 - 03/06 07:00): duties 1 (recall), 2, 5 (uncovered), 7 (old).
    assert_eq!(r.coverage_days[0].counts, [0, 0, 1, 1, 2]);
    // Day 2: duties 3 (locum), 4 (uncovered), 6 (elective).
    assert_eq!(r.coverage_days[1].counts, [1, 1, 0, 0, 1]);
}

#[test]
fn fmt_hmm_formats_long_and_short_durations() {
    assert_eq!(fmt_hmm(0), "0:00");
    assert_eq!(fmt_hmm(59), "0:00");
    assert_eq!(fmt_hmm(3 * 3600 + 5 * 60), "3:05");
    assert_eq!(fmt_hmm(27 * 3600 + 30 * 60), "27:30");
    assert_eq!(fmt_hmm(-90 * 60), "-1:30");
}

#[test]
fn csv_safe_neutralises_formula_starts() {
    assert_eq!(
        csv_safe("=HYPERLINK(\"http://x\")"),
        "'=HYPERLINK(\"http://x\")"
    );
    assert_eq!(csv_safe("+44 20 7946 0000"), "'+44 20 7946 0000");
    assert_eq!(csv_safe("-3 nights"), "'-3 nights");
    assert_eq!(csv_safe("@SUM(A1:A2)"), "'@SUM(A1:A2)");
    assert_eq!(csv_safe("\tcmd"), "'\tcmd");
    assert_eq!(csv_safe("\rcmd"), "'\rcmd");
    assert_eq!(csv_safe("Emergency Department"), "Emergency Department");
    assert_eq!(csv_safe("a=b"), "a=b");
    assert_eq!(csv_safe(""), "");
}

#[test]
fn csv_has_every_section_and_neutralises_text_only() {
    let mut input = scenario();
    input.requests[1].department = "=HYPERLINK(\"http://evil\")".into();
    input.incidents[0].description = "-3 nights short".into();
    input.walkout.title = "@SUM(1+1)".into();
    let r = build(&input);
    let mut buf = Vec::new();
    let rows = write_csv(&r, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(rows > 20);
    for s in [
        "Impact report",
        "Request outcomes",
        "Time to decision",
        "Shifts short after refused or late requests",
        "Shifts covered by source",
        "Situation report",
    ] {
        assert!(text.contains(&format!("{s}\n")), "{s} missing:\n{text}");
    }
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{text}"
    );
    assert!(text.contains(",'-3 nights short"), "{text}");
    assert!(text.contains(",'@SUM(1+1),"), "{text}");
    assert!(text.contains("Requests made,6\n"));
    assert!(
        text.contains("DR-3,Royal,Emergency Department,Revoked,01/06/2026 09:00,01/06/2026 21:00,01/06/2026 23:45,14:45,Late\n"),
        "{text}"
    );
    assert!(text.contains("All days,1,1,1,1,3\n"), "{text}");
    assert!(text.contains("02/06/2026,0,0,1,1,2\n"), "{text}");
    // Every text cell is safe: no cell starts like a formula unless it is a number.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    for rec in reader.records() {
        for cell in rec.unwrap().iter() {
            if cell.parse::<i64>().is_ok() {
                continue;
            }
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unsafe cell {cell:?}"
            );
        }
    }
}
