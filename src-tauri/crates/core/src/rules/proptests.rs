//! Property tests of [`assess`]: more history never hides a violation (with the two
//! exceptions the rules make, see the module documentation), other doctors never matter,
//! and the 7-day maximum equals a brute-force scan.

use super::history::weekends_touched;
use super::*;
use crate::model::{ShiftType, StaffGroup};
use crate::time::london_to_utc;
use crate::walkouts::{night_secs, overlap_secs};
use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

const Q: i64 = 900; // a quarter of an hour
const WEEKS: i64 = 5;

/// Midnight on 01/10/2024 (5 weeks take in the October change) or 01/03/2025 (the March
/// change).
fn base(spring: bool) -> i64 {
    let d = if spring {
        NaiveDate::from_ymd_opt(2025, 3, 1)
    } else {
        NaiveDate::from_ymd_opt(2024, 10, 1)
    };
    london_to_utc(d.expect("date"), NaiveTime::MIN)
}

/// Shift types, weighted towards work.
const TYPES: [ShiftType; 10] = [
    ShiftType::Day,
    ShiftType::Day,
    ShiftType::LongDay,
    ShiftType::LongDay,
    ShiftType::Night,
    ShiftType::Night,
    ShiftType::LongEvening,
    ShiftType::OnCall,
    ShiftType::Leave,
    ShiftType::Rest,
];

/// A span on the quarter-hour grid within the data, 15 min to 26 h long.
fn loose_span(b: i64) -> impl Strategy<Value = Span> {
    (0..WEEKS * 7 * 96, 1i64..=104, 0..TYPES.len()).prop_map(move |(q, d, t)| Span {
        start: b + q * Q,
        end: b + (q + d) * Q,
        shift_type: TYPES[t],
    })
}

/// Rota shifts: (start, end, type), Europe/London times.
const TEMPLATES: [(u32, u32, u32, u32, ShiftType); 6] = [
    (8, 0, 16, 0, ShiftType::Day),
    (8, 0, 20, 30, ShiftType::LongDay),
    (20, 0, 8, 0, ShiftType::Night),
    (14, 0, 0, 30, ShiftType::LongEvening),
    (9, 0, 9, 0, ShiftType::OnCall),
    (0, 0, 0, 0, ShiftType::Leave),
];

/// Shift template `k` on day `day` after the base date (an end at or before the start is
/// the next day; real elapsed time, so clock changes stretch or shrink it).
fn shift(b: i64, day: i64, k: usize) -> Span {
    let (sh, sm, eh, em, shift_type) = TEMPLATES[k];
    let date = crate::time::utc_to_london(b).date_naive() + chrono::Duration::days(day);
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
    let start = london_to_utc(date, t(sh, sm));
    let end_date = if (eh, em) <= (sh, sm) {
        date + chrono::Duration::days(1)
    } else {
        date
    };
    Span {
        start,
        end: london_to_utc(end_date, t(eh, em)),
        shift_type,
    }
}

/// A rota shift on some day, or a loose span.
fn span(b: i64) -> impl Strategy<Value = Span> {
    prop_oneof![
        2 => (0..WEEKS * 7, 0..TEMPLATES.len()).prop_map(move |(d, k)| shift(b, d, k)),
        1 => loose_span(b),
    ]
}

/// Runs of the same rota shift on consecutive days, and loose spans.
fn history(b: i64) -> impl Strategy<Value = Vec<Span>> {
    (
        proptest::collection::vec((0..WEEKS * 7, 1i64..=8, 0..TEMPLATES.len()), 0..5),
        proptest::collection::vec(span(b), 0..6),
    )
        .prop_map(move |(blocks, mut spans)| {
            for (d0, n, k) in blocks {
                spans.extend((d0..(d0 + n).min(WEEKS * 7)).map(|d| shift(b, d, k)));
            }
            spans
        })
}

/// A proposed duty on day `dd`: a rota shift (not leave), or a loose span of 15 min to
/// 26 h starting that day.
fn duty(b: i64, dd: i64) -> impl Strategy<Value = Span> {
    prop_oneof![
        (0..TEMPLATES.len() - 1).prop_map(move |k| shift(b, dd, k)),
        (0..96i64, 1i64..=104, 0..8usize).prop_map(move |(q, d, t)| Span {
            start: b + (dd * 96 + q) * Q,
            end: b + (dd * 96 + q + d) * Q,
            shift_type: TYPES[t],
        }),
    ]
}

/// The extra span: usually a rota shift within 8 days of the duty's day.
fn extra(b: i64, dd: i64) -> impl Strategy<Value = Span> {
    prop_oneof![
        3 => (-8i64..=8, 0..TEMPLATES.len()).prop_map(move |(o, k)| shift(b, dd + o, k)),
        1 => span(b),
    ]
}

fn doctor() -> impl Strategy<Value = DoctorFacts> {
    (0..6usize, any::<bool>()).prop_map(|(g, opted_out)| DoctorFacts {
        staff_id: 1,
        group: StaffGroup::ALL[g.saturating_sub(2)],
        opted_out,
    })
}

/// The published rules, or ones with other counts, rests and thresholds.
fn rules() -> impl Strategy<Value = RuleSet> {
    (
        any::<bool>(),
        1u32..=5,
        1u32..=6,
        1u32..=8,
        0u32..=60,
        1u32..=6,
        1u32..=26,
        8u32..=13,
    )
        .prop_map(
            |(published, nights, long, consec, rest, night_h, weeks, long_h)| {
                if published {
                    return RuleSet::default();
                }
                let mut s = RuleSet::default().settings();
                for r in &mut s {
                    match r.key.as_str() {
                        "tcs_max_consecutive_nights" => r.value = f64::from(nights),
                        "tcs_max_consecutive_long_shifts" | "tcs_max_consecutive_long_evenings" => {
                            r.value = f64::from(long)
                        }
                        "tcs_max_consecutive_shifts" => r.value = f64::from(consec),
                        "tcs_rest_after_nights"
                        | "tcs_rest_after_long_shifts"
                        | "tcs_rest_after_consecutive_shifts" => r.value = f64::from(rest),
                        "tcs_night_min_hours" => r.value = f64::from(night_h),
                        "reference_weeks" => r.value = f64::from(weeks),
                        "tcs_long_shift_hours" => r.value = f64::from(long_h),
                        _ => {}
                    }
                }
                RuleSet::from_settings(&s).expect("valid rules")
            },
        )
}

fn build(b: i64, rows: impl IntoIterator<Item = (i64, Span)>) -> History {
    History::build(rows, b, b + WEEKS * 7 * 86_400)
}

fn keys(a: &Assessment) -> Vec<String> {
    a.violations.iter().map(|v| v.rule.clone()).collect()
}

fn weekends_of(s: &Span) -> Vec<i32> {
    let mut v = Vec::new();
    weekends_touched(s.start, s.end, |k| v.push(k));
    v
}

/// A case: base, history of doctor 1, an extra span, the duty, the doctor, the rules.
fn case() -> impl Strategy<Value = (i64, Vec<Span>, Span, Span, DoctorFacts, RuleSet)> {
    (any::<bool>(), 10..WEEKS * 7 - 10).prop_flat_map(|(spring, dd)| {
        let b = base(spring);
        (
            Just(b),
            history(b),
            extra(b, dd),
            duty(b, dd),
            doctor(),
            rules(),
        )
    })
}

proptest! {
    // No regression files: failures are printed with their minimal input instead.
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Adding any span to a doctor's history never removes a violation (the set of rule
    /// keys only grows), except: a night may join two runs of nights (the rest owed between
    /// them goes), and a span on a weekend the duty touches makes it one already worked.
    #[test]
    fn more_history_never_removes_a_violation(
        (b, spans, extra, duty, doc, rules) in case()
    ) {
        let h = build(b, spans.iter().map(|s| (1, *s)));
        let before = keys(&assess(&rules, &h, &doc, &duty));
        let h2 = build(b, spans.iter().chain(std::iter::once(&extra)).map(|s| (1, *s)));
        let after = keys(&assess(&rules, &h2, &doc, &duty));
        let work = extra.shift_type.is_work() && extra.end > extra.start;
        let night_min = (rules.value("tcs_night_min_hours").unwrap() * 3600.0) as i64;
        let is_night = work
            && extra.shift_type != ShiftType::OnCall
            && night_secs(extra.start, extra.end) >= night_min;
        let dw = weekends_of(&duty);
        let same_weekend = work && weekends_of(&extra).iter().any(|k| dw.contains(k));
        for k in &before {
            let exempt = (k == "tcs_rest_after_nights" && is_night)
                || (k == "tcs_max_weekend_frequency" && same_weekend);
            prop_assert!(
                after.contains(k) || exempt,
                "{k} disappeared after adding {extra:?}; before {before:?}, after {after:?}"
            );
        }
        if extra.shift_type == ShiftType::Rest {
            prop_assert_eq!(before, after);
        }
    }

    /// Other doctors' spans never change a doctor's assessment.
    #[test]
    fn other_doctors_do_not_matter(
        (b, spans, _extra, duty, doc, rules) in case(),
        others in proptest::collection::vec((0i64..6, 0..WEEKS * 7 * 96, 1i64..=104, 0..TYPES.len()), 0..60),
    ) {
        let alone = build(b, spans.iter().map(|s| (1, *s)));
        // Ids near 1 (looked up directly) and far apart (looked up by hash).
        const IDS: [i64; 6] = [2, 3, 4, -9, 1_000_000_007, i64::MAX];
        let rows = spans.iter().map(|s| (1, *s)).chain(others.iter().map(|&(id, q, d, t)| {
            (IDS[id as usize % IDS.len()], Span { start: b + q * Q, end: b + (q + d) * Q, shift_type: TYPES[t] })
        }));
        let crowd = build(b, rows);
        prop_assert_eq!(assess(&rules, &alone, &doc, &duty), assess(&rules, &crowd, &doc, &duty));
        prop_assert_eq!(alone.spans(1), crowd.spans(1));
    }

    /// The most hours in a 168 h window containing part of the duty, against a scan of every
    /// window start on the quarter-hour grid.
    #[test]
    fn seven_day_maximum_matches_a_brute_force_scan(
        (b, spans, _extra, duty, _doc, _rules) in case()
    ) {
        let mut s = RuleSet::default().settings();
        s.iter_mut().find(|r| r.key == "tcs_max_hours_7_days").unwrap().value = 1.0;
        let rules = RuleSet::from_settings(&s).unwrap();
        let doc = DoctorFacts { staff_id: 1, group: StaffGroup::Resident, opted_out: false };
        let h = build(b, spans.iter().map(|s| (1, *s)));
        let a = assess(&rules, &h, &doc, &duty);
        let w = 168 * 3600;
        let mut best = 0;
        let mut t = duty.start - w;
        while t <= duty.end {
            let mut sum = overlap_secs(duty.start, duty.end, t, t + w);
            for s in &spans {
                if s.shift_type.is_work() {
                    sum += overlap_secs(s.start, s.end, t, t + w);
                }
            }
            best = best.max(sum);
            t += Q;
        }
        let got = a.violations.iter().find(|v| v.rule == "tcs_max_hours_7_days");
        if best > 3600 {
            let got = got.expect("a violation");
            prop_assert_eq!((got.value * 3600.0).round() as i64, best);
        } else {
            prop_assert!(got.is_none());
        }
        // Hours in the 7 days before the duty, and the rest either side, by brute force.
        let past: i64 = spans
            .iter()
            .filter(|s| s.shift_type.is_work())
            .map(|s| overlap_secs(s.start, s.end, duty.start - w, duty.start))
            .sum();
        prop_assert_eq!((a.hours_past_7_days * 3600.0).round() as i64, past);
        let work = || spans.iter().filter(|s| s.shift_type.is_work() && s.end > s.start);
        let before = work().filter(|s| s.end <= duty.start).map(|s| duty.start - s.end).min();
        let after = work().filter(|s| s.start >= duty.end).map(|s| s.start - duty.end).min();
        prop_assert_eq!(a.rest_before_hours.map(|h| (h * 3600.0).round() as i64), before);
        prop_assert_eq!(a.rest_after_hours.map(|h| (h * 3600.0).round() as i64), after);
    }

    /// Settings read back what they wrote, or name the one key that is out of range.
    #[test]
    fn settings_round_trip_or_name_the_bad_key(i in 0usize..22, v in -10.0f64..400.0, whole in any::<bool>()) {
        let mut s = RuleSet::default().settings();
        let v = if whole { v.round() } else { v };
        s[i].value = v;
        match RuleSet::from_settings(&s) {
            Ok(r) => prop_assert_eq!(r.settings(), s),
            Err((key, message)) => {
                prop_assert_eq!(&key, &s[i].key);
                prop_assert!(message.starts_with("must be"));
            }
        }
    }
}
