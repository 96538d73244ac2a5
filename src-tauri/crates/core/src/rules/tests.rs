//! Unit tests of the working-time rules: every rule at its limit (allowed) and just past it
//! (excluded, with the message's numbers), clock changes, and the groups.

use super::*;
use crate::model::{ShiftType, StaffGroup};
use crate::time::london_to_utc;
use chrono::{NaiveDate, NaiveTime};

const H: i64 = 3600;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").expect("date dd/mm/yyyy")
}

/// An instant from a Europe/London date and time.
fn at(d: &str, t: &str) -> i64 {
    london_to_utc(
        date(d),
        NaiveTime::parse_from_str(t, "%H:%M").expect("time HH:MM"),
    )
}

/// A span written as a rota writes it: an end at or before the start is the next day.
fn sp(d: &str, start: &str, end: &str, shift_type: ShiftType) -> Span {
    let s = at(d, start);
    let mut e = at(d, end);
    if e <= s {
        let next = date(d).succ_opt().expect("date");
        e = london_to_utc(next, NaiveTime::parse_from_str(end, "%H:%M").expect("time"));
    }
    Span {
        start: s,
        end: e,
        shift_type,
    }
}

fn day(d: &str, start: &str, end: &str) -> Span {
    sp(d, start, end, ShiftType::Day)
}

fn night(d: &str) -> Span {
    sp(d, "20:00", "08:00", ShiftType::Night)
}

fn long_day(d: &str) -> Span {
    sp(d, "08:00", "20:30", ShiftType::LongDay)
}

/// A history of doctor 1 with the data covering all of 2024 and 2025 (so averages and
/// weekend shares are diluted unless a test narrows them).
fn hist(spans: &[Span]) -> History {
    hist_in(spans, at("01/01/2024", "00:00"), at("31/12/2025", "23:59"))
}

fn hist_in(spans: &[Span], from: i64, to: i64) -> History {
    History::build(spans.iter().map(|s| (1, *s)), from, to)
}

fn resident() -> DoctorFacts {
    DoctorFacts {
        staff_id: 1,
        group: StaffGroup::Resident,
        opted_out: false,
    }
}

fn consultant() -> DoctorFacts {
    DoctorFacts {
        staff_id: 1,
        group: StaffGroup::Consultant,
        opted_out: false,
    }
}

fn run(h: &History, doc: DoctorFacts, duty: Span) -> Assessment {
    assess(&RuleSet::default(), h, &doc, &duty)
}

fn run_with(rules: &RuleSet, h: &History, doc: DoctorFacts, duty: Span) -> Assessment {
    assess(rules, h, &doc, &duty)
}

fn keys(a: &Assessment) -> Vec<&str> {
    a.violations.iter().map(|v| v.rule.as_str()).collect()
}

/// The one violation of a rule (panics if there is none or more than one).
fn the<'a>(a: &'a Assessment, key: &str) -> &'a Violation {
    let found: Vec<&Violation> = a.violations.iter().filter(|v| v.rule == key).collect();
    assert_eq!(found.len(), 1, "{key} in {:#?}", a.violations);
    found[0]
}

fn has(a: &Assessment, key: &str) -> bool {
    a.violations.iter().any(|v| v.rule == key)
}

fn allowed(a: &Assessment) {
    assert!(a.violations.is_empty(), "{:#?}", a.violations);
}

/// Rules with one value changed.
fn rules_with(key: &str, value: f64) -> RuleSet {
    let mut s = RuleSet::default().settings();
    s.iter_mut().find(|r| r.key == key).expect("key").value = value;
    RuleSet::from_settings(&s).expect("valid")
}

// ---------------------------------------------------------------------------------------
// Settings

#[test]
fn settings_round_trip_with_defaults_and_sources() {
    let d = RuleSet::default();
    let s = d.settings();
    assert_eq!(RuleSet::from_settings(&s).unwrap(), d);
    assert_eq!(s.len(), 22);
    let mut keys: Vec<&str> = s.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), s.len(), "keys are unique");
    for r in &s {
        assert!(
            !r.label.is_empty() && !r.unit.is_empty() && !r.source.is_empty(),
            "{r:?}"
        );
        assert!(["resident", "consultant_sas", "all"].contains(&r.applies_to.as_str()));
    }
    let v = |k: &str| d.value(k).unwrap();
    assert_eq!(v("tcs_max_average_hours_week"), 48.0);
    assert_eq!(v("tcs_max_average_hours_week_opted_out"), 56.0);
    assert_eq!(v("tcs_max_hours_7_days"), 72.0);
    assert_eq!(v("tcs_max_shift_hours"), 13.0);
    assert_eq!(v("tcs_max_on_call_hours"), 24.0);
    assert_eq!(v("tcs_min_rest_between_shifts"), 11.0);
    assert_eq!(v("tcs_max_consecutive_nights"), 4.0);
    assert_eq!(v("tcs_rest_after_nights"), 46.0);
    assert_eq!(v("tcs_night_min_hours"), 3.0);
    assert_eq!(v("tcs_max_consecutive_long_shifts"), 4.0);
    assert_eq!(v("tcs_max_consecutive_long_evenings"), 4.0);
    assert_eq!(v("tcs_max_consecutive_shifts"), 7.0);
    assert_eq!(v("tcs_max_weekend_frequency"), 3.0);
    assert_eq!(v("reference_weeks"), 26.0);
    assert_eq!(v("wtr_max_average_hours_week"), 48.0);
    assert_eq!(v("wtr_min_daily_rest"), 11.0);
    assert_eq!(v("wtr_min_weekly_rest_7_days"), 24.0);
    assert_eq!(v("wtr_min_weekly_rest_14_days"), 48.0);
    let long = s
        .iter()
        .find(|r| r.key == "tcs_max_consecutive_long_shifts")
        .unwrap();
    assert!(long
        .source
        .contains("5 in the 2016 text, 4 after 2019: unconfirmed"));
    assert_eq!(d.value("no_such_rule"), None);
}

#[test]
fn settings_json_round_trip_keeps_edited_values_and_sources() {
    let mut s = RuleSet::default().settings();
    s[3].value = 70.5;
    s[3].source = "Local agreement, 2025".into();
    let json = serde_json::to_string(&s).unwrap();
    let back: Vec<RuleSetting> = serde_json::from_str(&json).unwrap();
    let rules = RuleSet::from_settings(&back).unwrap();
    let again = rules.settings();
    assert_eq!(again[3].key, "tcs_max_hours_7_days");
    assert_eq!(again[3].value, 70.5);
    assert_eq!(again[3].source, "Local agreement, 2025");
    assert_eq!(again, s);
}

#[test]
fn a_missing_setting_keeps_its_default() {
    let s: Vec<RuleSetting> = RuleSet::default()
        .settings()
        .into_iter()
        .filter(|r| r.key != "tcs_rest_after_nights")
        .collect();
    let r = RuleSet::from_settings(&s).unwrap();
    assert_eq!(r.value("tcs_rest_after_nights"), Some(46.0));
    assert_eq!(RuleSet::from_settings(&[]).unwrap(), RuleSet::default());
}

#[test]
fn settings_are_range_checked_with_plain_messages() {
    let err = |key: &str, value: f64| {
        let mut s = RuleSet::default().settings();
        s.iter_mut().find(|r| r.key == key).unwrap().value = value;
        RuleSet::from_settings(&s).unwrap_err()
    };
    let e = |k: &str, m: &str| (k.to_string(), m.to_string());
    assert_eq!(
        err("tcs_max_hours_7_days", 169.0),
        e("tcs_max_hours_7_days", "must be between 1 and 168 h")
    );
    assert_eq!(
        err("tcs_max_hours_7_days", -1.0),
        e("tcs_max_hours_7_days", "must be between 1 and 168 h")
    );
    assert_eq!(
        err("tcs_max_hours_7_days", f64::NAN),
        e("tcs_max_hours_7_days", "must be between 1 and 168 h")
    );
    assert_eq!(
        err("tcs_max_consecutive_nights", 4.5),
        e(
            "tcs_max_consecutive_nights",
            "must be a whole number between 1 and 14 nights"
        )
    );
    assert_eq!(
        err("tcs_max_consecutive_nights", 0.0),
        e(
            "tcs_max_consecutive_nights",
            "must be a whole number between 1 and 14 nights"
        )
    );
    assert_eq!(
        err("tcs_max_weekend_frequency", 0.0),
        e(
            "tcs_max_weekend_frequency",
            "must be a whole number N between 1 and 13 (1 in N weekends)"
        )
    );
    assert_eq!(
        err("reference_weeks", 53.0),
        e(
            "reference_weeks",
            "must be a whole number between 1 and 52 weeks"
        )
    );
    assert_eq!(
        err("wtr_min_weekly_rest_14_days", 337.0),
        e("wtr_min_weekly_rest_14_days", "must be between 0 and 336 h")
    );
    // Limits at the ends of their ranges are fine.
    assert!(RuleSet::from_settings(&[RuleSetting {
        value: 168.0,
        ..RuleSet::default().settings()[3].clone()
    }])
    .is_ok());
    let unknown = RuleSetting {
        key: "max_coffee".into(),
        ..RuleSet::default().settings()[0].clone()
    };
    assert_eq!(
        RuleSet::from_settings(&[unknown]).unwrap_err(),
        e("max_coffee", "is not a known rule setting")
    );
    let twice = vec![
        RuleSet::default().settings()[0].clone(),
        RuleSet::default().settings()[0].clone(),
    ];
    assert_eq!(
        RuleSet::from_settings(&twice).unwrap_err(),
        e("reference_weeks", "is given more than once")
    );
}

// ---------------------------------------------------------------------------------------
// History

#[test]
fn history_sorts_drops_rest_and_keeps_duplicates() {
    let a = day("03/01/2024", "08:00", "17:00");
    let b = day("02/01/2024", "08:00", "17:00");
    let rest = sp("04/01/2024", "00:00", "23:59", ShiftType::Rest);
    let leave = sp("05/01/2024", "00:00", "23:59", ShiftType::Leave);
    let h = History::build(
        vec![(1, a), (2, b), (1, rest), (1, b), (1, a), (1, leave)],
        10,
        20,
    );
    assert_eq!(h.spans(1), &[b, a, a, leave]);
    assert_eq!(h.spans(2), &[b]);
    assert!(h.spans(3).is_empty());
    assert_eq!((h.data_from(), h.data_to()), (10, 20));
    fn send_sync<T: Send + Sync>() {}
    send_sync::<History>();
}

#[test]
fn doctors_are_found_by_any_staff_id() {
    // Dense ids (database row ids) and ids far apart (found by hash) give the same answers.
    let a = day("03/01/2024", "08:00", "17:00");
    let b = night("05/01/2024");
    let duty = day("03/01/2024", "16:00", "20:00");
    for ids in [[1, 2, 3], [-5, 7, 1_000_000_007], [i64::MIN, 0, i64::MAX]] {
        let h = History::build(
            vec![(ids[2], b), (ids[0], a), (ids[1], b)],
            at("01/01/2024", "00:00"),
            at("31/12/2025", "00:00"),
        );
        assert_eq!(h.spans(ids[0]), &[a]);
        assert_eq!(h.spans(ids[1]), &[b]);
        assert_eq!(h.spans(ids[2]), &[b]);
        assert!(h.spans(42).is_empty());
        let doc = |staff_id| DoctorFacts {
            staff_id,
            ..resident()
        };
        assert_eq!(keys(&run(&h, doc(ids[0]), duty)), vec!["clash"]);
        allowed(&run(&h, doc(ids[1]), duty));
        allowed(&run(&h, doc(42), duty));
    }
}

#[test]
fn odd_duties_and_spans_do_not_panic() {
    let h = hist(&[
        day("03/01/2024", "08:00", "17:00"),
        Span {
            start: at("04/01/2024", "08:00"),
            end: at("04/01/2024", "08:00"),
            shift_type: ShiftType::Day,
        },
        Span {
            start: at("05/01/2024", "08:00"),
            end: at("04/01/2024", "08:00"),
            shift_type: ShiftType::Night,
        },
        sp("01/01/2024", "00:00", "00:00", ShiftType::Leave),
    ]);
    let t0 = at("06/01/2024", "08:00");
    for (start, end) in [
        (t0, t0),
        (t0, t0 - 3600),
        (t0, t0 + 40 * 24 * 3600),
        (0, 3600),
    ] {
        for doc in [resident(), consultant()] {
            for shift_type in [ShiftType::Day, ShiftType::OnCall, ShiftType::Leave] {
                let _ = run(
                    &h,
                    doc,
                    Span {
                        start,
                        end,
                        shift_type,
                    },
                );
            }
        }
    }
    // A zero-length span is listed but has no effect.
    assert_eq!(h.spans(1).len(), 4);
    allowed(&run(&h, resident(), day("04/01/2024", "08:00", "16:00")));
}

#[test]
fn a_doctor_with_no_history_may_take_a_legal_duty() {
    let h = hist(&[]);
    let a = run(&h, resident(), day("03/01/2024", "08:00", "17:00"));
    allowed(&a);
    assert_eq!(a.hours_past_7_days, 0.0);
    assert_eq!(a.rest_before_hours, None);
    assert_eq!(a.rest_after_hours, None);
}

// ---------------------------------------------------------------------------------------
// Clash

#[test]
fn already_on_duty_or_on_leave_is_a_clash() {
    let h = hist(&[
        day("03/01/2024", "08:00", "17:00"),
        sp("05/01/2024", "00:00", "00:00", ShiftType::Leave),
    ]);
    for doc in [resident(), consultant()] {
        let a = run(&h, doc, day("03/01/2024", "16:00", "20:00"));
        let v = the(&a, "clash");
        assert_eq!(v.message, "already on duty 08:00–17:00 on 03/01/2024");
        assert_eq!(v.value, 1.0);
        let a = run(&h, doc, day("05/01/2024", "09:00", "17:00"));
        assert_eq!(the(&a, "clash").message, "on leave on 05/01/2024");
        assert_eq!(
            keys(&a),
            vec!["clash"],
            "leave is not hours, shifts or rest"
        );
    }
    // Touching is not a clash (it is a rest problem).
    let a = run(&h, resident(), day("03/01/2024", "17:00", "20:00"));
    assert!(!has(&a, "clash"));
    assert_eq!(a.rest_before_hours, Some(0.0));
    assert!(has(&a, "tcs_min_rest_between_shifts"));
}

#[test]
fn leave_is_not_work_for_rest_or_hours() {
    let h = hist(&[sp("02/01/2024", "08:00", "20:00", ShiftType::Leave)]);
    let a = run(&h, resident(), day("03/01/2024", "06:00", "14:00"));
    allowed(&a);
    assert_eq!(a.rest_before_hours, None);
    assert_eq!(a.hours_past_7_days, 0.0);
}

// ---------------------------------------------------------------------------------------
// Shift length and clock changes

#[test]
fn a_night_over_the_october_change_lasts_13_hours_and_is_at_the_limit() {
    let duty = night("26/10/2024");
    assert_eq!(duty.end - duty.start, 13 * H);
    allowed(&run(&hist(&[]), resident(), duty));
    let spring = night("29/03/2025");
    assert_eq!(spring.end - spring.start, 11 * H);
    allowed(&run(&hist(&[]), resident(), spring));
    // The same printed times on the October night with a 12 h limit: 13 h is over.
    let a = run_with(
        &rules_with("tcs_max_shift_hours", 12.0),
        &hist(&[]),
        resident(),
        duty,
    );
    let v = the(&a, "tcs_max_shift_hours");
    assert_eq!(v.message, "the duty lasts 13.0 h (limit 12 h)");
    assert_eq!((v.value, v.limit), (13.0, 12.0));
}

#[test]
fn a_shift_just_over_13_hours_is_out() {
    let a = run(&hist(&[]), resident(), day("03/01/2024", "08:00", "21:01"));
    let v = the(&a, "tcs_max_shift_hours");
    assert_eq!(v.message, "the duty lasts 13.1 h (limit 13 h)");
    assert!(v.value > 13.0 && v.value < 13.02);
    allowed(&run(
        &hist(&[]),
        resident(),
        day("03/01/2024", "08:00", "21:00"),
    ));
}

#[test]
fn on_call_may_last_24_hours_but_not_25() {
    let ok = sp("05/01/2024", "09:00", "09:00", ShiftType::OnCall);
    assert_eq!(ok.end - ok.start, 24 * H);
    let a = run(&hist(&[]), resident(), ok);
    assert!(!has(&a, "tcs_max_on_call_hours") && !has(&a, "tcs_max_shift_hours"));
    // 09:00 to 09:00 over the October change is 25 h of real time.
    let long = sp("26/10/2024", "09:00", "09:00", ShiftType::OnCall);
    let a = run(&hist(&[]), resident(), long);
    let v = the(&a, "tcs_max_on_call_hours");
    assert_eq!(v.message, "the on-call period lasts 25.0 h (limit 24 h)");
    assert_eq!((v.value, v.limit), (25.0, 24.0));
    // A 24 h day shift is far over the shift limit.
    let a = run(
        &hist(&[]),
        resident(),
        sp("05/01/2024", "09:00", "09:00", ShiftType::Day),
    );
    assert_eq!(
        the(&a, "tcs_max_shift_hours").message,
        "the duty lasts 24.0 h (limit 13 h)"
    );
}

// ---------------------------------------------------------------------------------------
// 72 hours in any 7 days

/// Mon–Sat 08:00–18:00 (6 × 10 h = 60 h) in the week of 08/01/2024.
fn six_days() -> Vec<Span> {
    [
        "08/01/2024",
        "09/01/2024",
        "10/01/2024",
        "11/01/2024",
        "12/01/2024",
        "13/01/2024",
    ]
    .iter()
    .map(|d| day(d, "08:00", "18:00"))
    .collect()
}

#[test]
fn seventy_two_hours_in_7_days_is_allowed_and_73_is_not() {
    let h = hist(&six_days());
    let a = run(&h, resident(), day("14/01/2024", "08:00", "20:00"));
    allowed(&a);
    assert_eq!(a.hours_past_7_days, 60.0);
    assert_eq!(a.rest_before_hours, Some(14.0));
    let a = run(&h, resident(), day("14/01/2024", "08:00", "21:00"));
    let v = the(&a, "tcs_max_hours_7_days");
    assert_eq!(v.message, "would reach 73.0 h in 7 days (limit 72 h)");
    assert_eq!((v.value, v.limit), (73.0, 72.0));
}

#[test]
fn the_7_day_window_counts_the_part_of_a_shift_inside_it() {
    // A night ending 08:00 Monday, then Monday to Saturday. The window ending at the end of
    // the duty on Sunday 21:00 starts Sunday 21:00 the week before: it holds 11 h of the
    // 12 h night (21:00 to 08:00).
    let mut spans = six_days();
    spans.push(night("07/01/2024"));
    let rules = rules_with("tcs_rest_after_nights", 0.0);
    let h = hist(&spans);
    // Duty Sunday 14/01 08:00–13:00: windows containing it hold 60 h + 5 h + some of the
    // night; the best is the one ending at 13:00, starting 13:00 on 07/01: 7 h of the
    // night (13:00? no: the night is 20:00–08:00, all of it inside) -> 60 + 5 + 12 = 77.
    let a = run_with(&rules, &h, resident(), day("14/01/2024", "08:00", "13:00"));
    assert_eq!(the(&a, "tcs_max_hours_7_days").value, 77.0);
    // A duty Sunday 21:00–22:00: the best window ends at 22:00 (starts 22:00 on 07/01), so
    // it holds 10 h of the night: 60 + 1 + 10 = 71 h; allowed.
    let a = run_with(&rules, &h, resident(), day("14/01/2024", "21:00", "22:00"));
    assert!(!has(&a, "tcs_max_hours_7_days"), "{:?}", a.violations);
    // With a 70 h limit the same duty is out at 71 h exactly.
    let mut s = rules.settings();
    s.iter_mut()
        .find(|r| r.key == "tcs_max_hours_7_days")
        .unwrap()
        .value = 70.0;
    let r70 = RuleSet::from_settings(&s).unwrap();
    let a = run_with(&r70, &h, resident(), day("14/01/2024", "21:00", "22:00"));
    let v = the(&a, "tcs_max_hours_7_days");
    assert_eq!(v.message, "would reach 71.0 h in 7 days (limit 70 h)");
}

#[test]
fn seven_day_hours_are_real_time_over_both_clock_changes() {
    // October: Mon–Fri 10 h days, then a 20:00–08:00 night on 26/10/2024 = 13 h real:
    // 63 h in 7 days (62 h on the clock's face).
    let week: Vec<Span> = [
        "21/10/2024",
        "22/10/2024",
        "23/10/2024",
        "24/10/2024",
        "25/10/2024",
    ]
    .iter()
    .map(|d| day(d, "08:00", "18:00"))
    .collect();
    let h = hist(&week);
    let at63 = rules_with("tcs_max_hours_7_days", 63.0);
    assert!(!has(
        &run_with(&at63, &h, resident(), night("26/10/2024")),
        "tcs_max_hours_7_days"
    ));
    let at62 = rules_with("tcs_max_hours_7_days", 62.0);
    let a = run_with(&at62, &h, resident(), night("26/10/2024"));
    assert_eq!(
        the(&a, "tcs_max_hours_7_days").message,
        "would reach 63.0 h in 7 days (limit 62 h)"
    );
    // March: the night on 29/03/2025 is 11 h: 61 h in 7 days.
    let week: Vec<Span> = [
        "24/03/2025",
        "25/03/2025",
        "26/03/2025",
        "27/03/2025",
        "28/03/2025",
    ]
    .iter()
    .map(|d| day(d, "08:00", "18:00"))
    .collect();
    let h = hist(&week);
    let at61 = rules_with("tcs_max_hours_7_days", 61.0);
    assert!(!has(
        &run_with(&at61, &h, resident(), night("29/03/2025")),
        "tcs_max_hours_7_days"
    ));
    let at60 = rules_with("tcs_max_hours_7_days", 60.0);
    let a = run_with(&at60, &h, resident(), night("29/03/2025"));
    assert_eq!(
        the(&a, "tcs_max_hours_7_days").message,
        "would reach 61.0 h in 7 days (limit 60 h)"
    );
    // The 168 h window is real time too: 168 h after 07:00 UTC (08:00 BST) on Monday
    // 21/10 is 07:00 GMT on Monday 28/10, not 08:00. A 1 h duty at 07:00 GMT shares no
    // window with the whole 10 h shift (a wall-clock week would say 11 h).
    let h = hist(&[day("21/10/2024", "08:00", "18:00")]);
    let rules = rules_with("tcs_max_hours_7_days", 10.0);
    let a = run_with(&rules, &h, resident(), day("28/10/2024", "07:00", "08:00"));
    assert!(!has(&a, "tcs_max_hours_7_days"), "{:?}", a.violations);
    let a = run_with(&rules, &h, resident(), day("28/10/2024", "06:59", "08:00"));
    assert_eq!(
        the(&a, "tcs_max_hours_7_days").message,
        "would reach 10.1 h in 7 days (limit 10 h)"
    );
    assert!((the(&a, "tcs_max_hours_7_days").value - (10.0 + 1.0 / 60.0)).abs() < 1e-9);
}

// ---------------------------------------------------------------------------------------
// Rest between shifts

#[test]
fn eleven_hours_rest_between_shifts_before_and_after() {
    let h = hist(&[
        day("08/01/2024", "08:00", "17:00"),
        day("10/01/2024", "09:00", "17:00"),
    ]);
    // Before: Monday 17:00 to Tuesday 04:00 is 11 h.
    let a = run(&h, resident(), day("09/01/2024", "04:00", "12:00"));
    allowed(&a);
    assert_eq!(a.rest_before_hours, Some(11.0));
    let a = run(&h, resident(), day("09/01/2024", "03:59", "12:00"));
    let v = the(&a, "tcs_min_rest_between_shifts");
    assert_eq!(
        v.message,
        "11 h rest between shifts needed; 10.9 h available before this duty"
    );
    assert!((v.value - (11.0 - 1.0 / 60.0)).abs() < 1e-9);
    // After: Tuesday 22:00 to Wednesday 09:00 is 11 h.
    let a = run(&h, resident(), day("09/01/2024", "14:00", "22:00"));
    allowed(&a);
    assert_eq!(a.rest_after_hours, Some(11.0));
    let a = run(&h, resident(), day("09/01/2024", "14:30", "22:30"));
    assert_eq!(
        the(&a, "tcs_min_rest_between_shifts").message,
        "11 h rest between shifts needed; 10.5 h available after this duty"
    );
}

#[test]
fn rest_is_real_time_over_both_clock_changes() {
    // October: 21:00 BST (20:00 UTC) on Saturday to 07:00 GMT on Sunday is 11 h of real
    // time (10 h on the clock's face): allowed.
    let h = hist(&[day("26/10/2024", "08:00", "21:00")]);
    let a = run(&h, resident(), day("27/10/2024", "07:00", "15:00"));
    assert_eq!(a.rest_before_hours, Some(11.0));
    assert!(!has(&a, "tcs_min_rest_between_shifts"));
    // March: 20:00 GMT on Saturday to 07:30 BST (06:30 UTC) on Sunday is 10.5 h (11.5 h on
    // the clock's face): out.
    let h = hist(&[day("29/03/2025", "08:00", "20:00")]);
    let a = run(&h, resident(), day("30/03/2025", "07:30", "15:00"));
    assert_eq!(a.rest_before_hours, Some(10.5));
    assert_eq!(
        the(&a, "tcs_min_rest_between_shifts").message,
        "11 h rest between shifts needed; 10.5 h available before this duty"
    );
    let a = run(&h, resident(), day("30/03/2025", "08:00", "15:00"));
    assert_eq!(a.rest_before_hours, Some(11.0));
    assert!(!has(&a, "tcs_min_rest_between_shifts"));
}

#[test]
fn rest_before_uses_the_latest_end_not_the_latest_start() {
    // A long span that started earlier but ends later than a short one after it.
    let h = hist(&[
        sp("08/01/2024", "08:00", "21:00", ShiftType::Day),
        sp("08/01/2024", "09:00", "10:00", ShiftType::Day),
    ]);
    let a = run(&h, resident(), day("09/01/2024", "07:00", "12:00"));
    assert_eq!(a.rest_before_hours, Some(10.0));
    assert!(has(&a, "tcs_min_rest_between_shifts"));
}

// ---------------------------------------------------------------------------------------
// Nights

#[test]
fn four_consecutive_nights_are_allowed_and_five_are_not() {
    let h = hist(&[
        night("08/01/2024"),
        night("09/01/2024"),
        night("10/01/2024"),
    ]);
    allowed(&run(&h, resident(), night("11/01/2024")));
    // A night on the day before the run joins it too.
    allowed(&run(&h, resident(), night("07/01/2024")));
    let h = hist(&[
        night("08/01/2024"),
        night("09/01/2024"),
        night("10/01/2024"),
        night("11/01/2024"),
    ]);
    let a = run(&h, resident(), night("12/01/2024"));
    let v = the(&a, "tcs_max_consecutive_nights");
    assert_eq!(v.message, "would work 5 consecutive nights (limit 4)");
    assert_eq!((v.value, v.limit), (5.0, 4.0));
    // Filling the gap in the middle of two runs counts the whole run.
    let h = hist(&[
        night("08/01/2024"),
        night("09/01/2024"),
        night("11/01/2024"),
        night("12/01/2024"),
    ]);
    let a = run(&h, resident(), night("10/01/2024"));
    assert_eq!(
        the(&a, "tcs_max_consecutive_nights").message,
        "would work 5 consecutive nights (limit 4)"
    );
}

#[test]
fn forty_six_hours_rest_after_a_single_night() {
    // Night Monday 20:00 to Tuesday 08:00; a day shift 24 h later is out.
    let h = hist(&[night("08/01/2024")]);
    let a = run(&h, resident(), day("10/01/2024", "08:00", "16:00"));
    let v = the(&a, "tcs_rest_after_nights");
    assert_eq!(v.message, "46 h rest needed after nights; 24.0 h available");
    assert_eq!((v.value, v.limit), (24.0, 46.0));
    assert_eq!(
        keys(&a),
        vec!["tcs_rest_after_nights"],
        "only the nights rule"
    );
    // 46 h after: Thursday 06:00.
    allowed(&run(&h, resident(), day("11/01/2024", "06:00", "14:00")));
    let a = run(&h, resident(), day("11/01/2024", "05:59", "14:00"));
    assert_eq!(
        the(&a, "tcs_rest_after_nights").message,
        "46 h rest needed after nights; 45.9 h available"
    );
    // A night two days later is a new run, 36 h after the first: out.
    let a = run(&h, resident(), night("10/01/2024"));
    assert_eq!(
        the(&a, "tcs_rest_after_nights").message,
        "46 h rest needed after nights; 36.0 h available"
    );
    // The next night continues the run: no rest owed.
    allowed(&run(&h, resident(), night("09/01/2024")));
}

#[test]
fn a_proposed_night_needs_46_hours_before_a_rostered_shift() {
    let h = hist(&[day("11/01/2024", "08:00", "16:00")]);
    // Night Monday ends Tuesday 08:00; Thursday 08:00 is 48 h later: fine.
    allowed(&run(&h, resident(), night("08/01/2024")));
    // Night Tuesday ends Wednesday 08:00; Thursday 08:00 is 24 h later: out.
    let a = run(&h, resident(), night("09/01/2024"));
    assert_eq!(
        the(&a, "tcs_rest_after_nights").message,
        "46 h rest needed after nights; 24.0 h available"
    );
    // ...but a rostered night the next day continues the run, and the rest is owed after it.
    let h = hist(&[night("10/01/2024"), day("14/01/2024", "08:00", "16:00")]);
    allowed(&run(&h, resident(), night("09/01/2024")));
}

#[test]
fn rest_after_nights_is_real_time_over_the_october_change() {
    // Night Friday 25/10/2024 ends 08:00 BST Saturday (07:00 UTC); 46 h later is 05:00 GMT
    // on Monday 28/10: 45 h on the clock's face.
    let h = hist(&[night("25/10/2024")]);
    allowed(&run(&h, resident(), day("28/10/2024", "05:00", "13:00")));
    let a = run(&h, resident(), day("28/10/2024", "04:00", "13:00"));
    assert_eq!(
        the(&a, "tcs_rest_after_nights").message,
        "46 h rest needed after nights; 45.0 h available"
    );
    // March: night Friday 28/03/2025 ends 08:00 GMT Saturday; 46 h later is 07:00 BST on
    // Monday 31/03 (the clock's face says 47 h).
    let h = hist(&[night("28/03/2025")]);
    allowed(&run(&h, resident(), day("31/03/2025", "07:00", "15:00")));
    let a = run(&h, resident(), day("31/03/2025", "06:00", "15:00"));
    assert_eq!(
        the(&a, "tcs_rest_after_nights").message,
        "46 h rest needed after nights; 45.0 h available"
    );
}

#[test]
fn a_night_is_three_hours_between_23_and_06() {
    // 17:00–02:00 has exactly 3 h in the night window: a night.
    let late = sp("08/01/2024", "17:00", "02:00", ShiftType::Day);
    let h = hist(&[late]);
    let a = run(&h, resident(), day("10/01/2024", "08:00", "16:00"));
    assert!(has(&a, "tcs_rest_after_nights"));
    // 17:00–01:59 has 2 h 59 min: not a night.
    let h = hist(&[sp("08/01/2024", "17:00", "01:59", ShiftType::Day)]);
    allowed(&run(&h, resident(), day("10/01/2024", "08:00", "16:00")));
    // The threshold is a setting.
    let r = rules_with("tcs_night_min_hours", 4.0);
    let h = hist(&[late]);
    assert!(!has(
        &run_with(&r, &h, resident(), day("10/01/2024", "08:00", "16:00")),
        "tcs_rest_after_nights"
    ));
}

#[test]
fn a_night_starting_after_midnight_belongs_to_the_evening_before() {
    // Night Sunday 20:00–08:00 (rota day Sunday), then 00:30–08:30 on Tuesday morning (rota
    // day Monday): consecutive nights, so no rest is owed between them.
    let h = hist(&[night("07/01/2024")]);
    let a = run(
        &h,
        resident(),
        sp("09/01/2024", "00:30", "08:30", ShiftType::Night),
    );
    assert!(!has(&a, "tcs_rest_after_nights"), "{:?}", a.violations);
}

// ---------------------------------------------------------------------------------------
// Long shifts and long evenings

#[test]
fn four_consecutive_long_shifts_then_48_hours_rest() {
    let h = hist(&[
        long_day("08/01/2024"),
        long_day("09/01/2024"),
        long_day("10/01/2024"),
    ]);
    allowed(&run(&h, resident(), long_day("11/01/2024")));
    let h = hist(&[
        long_day("08/01/2024"),
        long_day("09/01/2024"),
        long_day("10/01/2024"),
        long_day("11/01/2024"),
    ]);
    let a = run(&h, resident(), long_day("12/01/2024"));
    let v = the(&a, "tcs_max_consecutive_long_shifts");
    assert_eq!(v.message, "would work 5 consecutive long shifts (limit 4)");
    assert_eq!((v.value, v.limit), (5.0, 4.0));
    // The fifth also comes too soon after the fourth.
    assert_eq!(
        the(&a, "tcs_rest_after_long_shifts").message,
        "48 h rest needed after 4 consecutive long shifts; 11.5 h available"
    );
    // After the fourth (Thursday 20:30): Saturday 20:30 is 48 h later.
    allowed(&run(
        &h,
        resident(),
        sp("13/01/2024", "20:30", "23:30", ShiftType::Day),
    ));
    let a = run(&h, resident(), day("13/01/2024", "08:00", "16:00"));
    assert_eq!(
        the(&a, "tcs_rest_after_long_shifts").message,
        "48 h rest needed after 4 consecutive long shifts; 35.5 h available"
    );
    assert_eq!(the(&a, "tcs_rest_after_long_shifts").value, 35.5);
    // Three long shifts need no 48 h rest.
    let h = hist(&[
        long_day("08/01/2024"),
        long_day("09/01/2024"),
        long_day("10/01/2024"),
    ]);
    allowed(&run(&h, resident(), day("12/01/2024", "08:00", "16:00")));
}

#[test]
fn the_proposed_long_shift_can_be_the_fourth_of_a_run_that_then_needs_rest() {
    // Long days Mon, Tue, Thu rostered, a short day Sat. A long day on Wednesday makes a run
    // of four ending Thursday 20:30; Saturday 08:00 is 35.5 h later.
    let h = hist(&[
        long_day("08/01/2024"),
        long_day("09/01/2024"),
        long_day("11/01/2024"),
        day("13/01/2024", "08:00", "16:00"),
    ]);
    let a = run(&h, resident(), long_day("10/01/2024"));
    assert_eq!(
        the(&a, "tcs_rest_after_long_shifts").message,
        "48 h rest needed after 4 consecutive long shifts; 35.5 h available"
    );
    // A short day on Wednesday breaks the run of long shifts.
    let a = run(&h, resident(), day("10/01/2024", "08:00", "16:00"));
    allowed(&a);
}

#[test]
fn long_shift_limit_is_a_setting_and_10_hours_is_not_long() {
    let rules = rules_with("tcs_max_consecutive_long_shifts", 5.0);
    let h = hist(&[
        long_day("08/01/2024"),
        long_day("09/01/2024"),
        long_day("10/01/2024"),
        long_day("11/01/2024"),
    ]);
    allowed(&run_with(&rules, &h, resident(), long_day("12/01/2024")));
    // Exactly 10 h is not a long shift.
    let tens: Vec<Span> = ["08/01/2024", "09/01/2024", "10/01/2024", "11/01/2024"]
        .iter()
        .map(|d| day(d, "08:00", "18:00"))
        .collect();
    allowed(&run(
        &hist(&tens),
        resident(),
        day("12/01/2024", "08:00", "18:00"),
    ));
}

fn long_evening(d: &str) -> Span {
    sp(d, "14:00", "00:30", ShiftType::LongEvening)
}

#[test]
fn four_consecutive_long_evenings_then_48_hours_rest() {
    // Long evenings are long shifts too; the 2016 limit of 5 long shifts isolates the
    // long-evening rule.
    let rules = rules_with("tcs_max_consecutive_long_shifts", 5.0);
    let three = [
        long_evening("08/01/2024"),
        long_evening("09/01/2024"),
        long_evening("10/01/2024"),
    ];
    allowed(&run_with(
        &rules,
        &hist(&three),
        resident(),
        long_evening("11/01/2024"),
    ));
    let four = [
        long_evening("08/01/2024"),
        long_evening("09/01/2024"),
        long_evening("10/01/2024"),
        long_evening("11/01/2024"),
    ];
    let h = hist(&four);
    let a = run_with(&rules, &h, resident(), long_evening("12/01/2024"));
    let v = the(&a, "tcs_max_consecutive_long_evenings");
    assert_eq!(
        v.message,
        "would work 5 consecutive long evenings (limit 4)"
    );
    assert!(!has(&a, "tcs_max_consecutive_long_shifts"));
    // The fourth ends Friday 00:30; Sunday 00:30 is 48 h later (rota day Saturday).
    allowed(&run_with(
        &rules,
        &h,
        resident(),
        sp("14/01/2024", "00:30", "04:00", ShiftType::Day),
    ));
    let a = run_with(&rules, &h, resident(), day("13/01/2024", "08:00", "16:00"));
    assert_eq!(
        the(&a, "tcs_rest_after_long_evenings").message,
        "48 h rest needed after 4 consecutive long evenings; 31.5 h available"
    );
    // Ending at 23:00 exactly is not a long evening (it must end after 23:00), nor is
    // starting at 16:00.
    let not_late: Vec<Span> = ["08/01/2024", "09/01/2024", "10/01/2024", "11/01/2024"]
        .iter()
        .map(|d| sp(d, "12:30", "23:00", ShiftType::LongEvening))
        .collect();
    allowed(&run_with(
        &rules,
        &hist(&not_late),
        resident(),
        sp("12/01/2024", "12:30", "23:00", ShiftType::LongEvening),
    ));
    let late_start: Vec<Span> = ["08/01/2024", "09/01/2024", "10/01/2024", "11/01/2024"]
        .iter()
        .map(|d| sp(d, "16:00", "02:30", ShiftType::LongEvening))
        .collect();
    let a = run_with(
        &rules,
        &hist(&late_start),
        resident(),
        sp("12/01/2024", "16:00", "02:30", ShiftType::LongEvening),
    );
    assert!(
        !has(&a, "tcs_max_consecutive_long_evenings"),
        "{:?}",
        a.violations
    );
}

// ---------------------------------------------------------------------------------------
// Shifts on consecutive days

fn days(list: &[&str]) -> Vec<Span> {
    list.iter().map(|d| day(d, "08:00", "16:00")).collect()
}

const WEEK_OF_8_JAN: [&str; 7] = [
    "08/01/2024",
    "09/01/2024",
    "10/01/2024",
    "11/01/2024",
    "12/01/2024",
    "13/01/2024",
    "14/01/2024",
];

#[test]
fn seven_shifts_on_consecutive_days_then_48_hours_rest() {
    let h = hist(&days(&WEEK_OF_8_JAN[..6]));
    allowed(&run(&h, resident(), day("14/01/2024", "08:00", "16:00")));
    let h = hist(&days(&WEEK_OF_8_JAN));
    let a = run(&h, resident(), day("15/01/2024", "08:00", "16:00"));
    let v = the(&a, "tcs_max_consecutive_shifts");
    assert_eq!(
        v.message,
        "would work 8 shifts on consecutive days (limit 7)"
    );
    assert_eq!((v.value, v.limit), (8.0, 7.0));
    // Sunday ends 16:00; Tuesday 16:00 is 48 h later.
    allowed(&run(&h, resident(), day("16/01/2024", "16:00", "22:00")));
    let a = run(&h, resident(), day("16/01/2024", "08:00", "16:00"));
    assert_eq!(
        the(&a, "tcs_rest_after_consecutive_shifts").message,
        "48 h rest needed after 7 shifts on consecutive days; 40.0 h available"
    );
}

#[test]
fn a_day_with_no_shift_starting_breaks_consecutive_days() {
    // Mon–Wed, Fri–Sun: a day off on Thursday. A duty on Thursday makes 7: allowed. Two
    // shifts on one day count once.
    let mut spans = days(&[
        "08/01/2024",
        "09/01/2024",
        "10/01/2024",
        "12/01/2024",
        "13/01/2024",
    ]);
    spans.push(day("13/01/2024", "17:00", "18:00"));
    spans.push(day("14/01/2024", "09:00", "16:00"));
    let h = hist(&spans);
    let a = run(&h, resident(), day("11/01/2024", "08:00", "16:00"));
    assert!(!has(&a, "tcs_max_consecutive_shifts"), "{:?}", a.violations);
    // A night ending on the morning of a day does not make that day a working day: nights
    // Mon and Tue (rota days), then Thursday is the next start: Wednesday is a day off.
    let h = hist(&[
        day("05/01/2024", "08:00", "16:00"),
        day("06/01/2024", "08:00", "16:00"),
        day("07/01/2024", "08:00", "16:00"),
    ]);
    // Fri, Sat, Sun rostered; a duty Monday makes 4.
    let a = run_with(
        &rules_with("tcs_max_consecutive_shifts", 3.0),
        &h,
        resident(),
        day("08/01/2024", "08:00", "16:00"),
    );
    assert_eq!(
        the(&a, "tcs_max_consecutive_shifts").message,
        "would work 4 shifts on consecutive days (limit 3)"
    );
    let a = run_with(
        &rules_with("tcs_max_consecutive_shifts", 3.0),
        &h,
        resident(),
        day("09/01/2024", "08:00", "16:00"),
    );
    assert!(!has(&a, "tcs_max_consecutive_shifts"));
}

// ---------------------------------------------------------------------------------------
// Weekends

/// Data from Monday 06/01/2025 00:00: 9 weekends up to Sunday 09/03/2025.
fn weekend_hist(spans: &[Span]) -> History {
    hist_in(spans, at("06/01/2025", "00:00"), at("10/03/2025", "00:00"))
}

#[test]
fn one_weekend_in_three() {
    // Two weekends worked of the 9 up to 08/03; a duty on Saturday 08/03 makes 3 of 9.
    let spans = [
        day("11/01/2025", "08:00", "16:00"),
        day("26/01/2025", "08:00", "16:00"),
    ];
    let h = weekend_hist(&spans);
    let duty = day("08/03/2025", "08:00", "16:00");
    allowed(&run(&h, resident(), duty));
    // A third weekend already worked: 4 of 9.
    let mut more = spans.to_vec();
    more.push(day("15/02/2025", "08:00", "16:00"));
    let h = weekend_hist(&more);
    let a = run(&h, resident(), duty);
    let v = the(&a, "tcs_max_weekend_frequency");
    assert_eq!(v.message, "would work 4 of 9 weekends (limit 1 in 3)");
    assert_eq!((v.value, v.limit), (4.0, 3.0));
    // A weekend the doctor already works does not count again.
    more.push(day("09/03/2025", "08:00", "16:00"));
    let h = weekend_hist(&more);
    assert!(!has(
        &run(&h, resident(), duty),
        "tcs_max_weekend_frequency"
    ));
    // A weekday duty does not touch the rule.
    let h = weekend_hist(&more[..3]);
    allowed(&run(&h, resident(), day("05/03/2025", "08:00", "16:00")));
}

#[test]
fn a_weekend_runs_from_00_01_saturday_to_23_59_sunday() {
    let two = [
        day("11/01/2025", "08:00", "16:00"),
        day("26/01/2025", "08:00", "16:00"),
    ];
    let three = [
        day("11/01/2025", "08:00", "16:00"),
        day("26/01/2025", "08:00", "16:00"),
        day("15/02/2025", "08:00", "16:00"),
    ];
    // With three weekends worked, any duty touching the weekend of 08/03 is out...
    let h = weekend_hist(&three);
    // A Friday evening ending 00:01 Saturday does not touch it, one ending 00:02 does.
    assert!(!has(
        &run(
            &h,
            resident(),
            sp("07/03/2025", "16:00", "00:01", ShiftType::Day)
        ),
        "tcs_max_weekend_frequency"
    ));
    assert!(has(
        &run(
            &h,
            resident(),
            sp("07/03/2025", "16:00", "00:02", ShiftType::Day)
        ),
        "tcs_max_weekend_frequency"
    ));
    // A Friday night into Saturday morning does.
    assert!(has(
        &run(&h, resident(), night("07/03/2025")),
        "tcs_max_weekend_frequency"
    ));
    // A Sunday night does (20:00–23:59 is in the weekend).
    assert!(has(
        &run(&h, resident(), night("09/03/2025")),
        "tcs_max_weekend_frequency"
    ));
    // And the Friday night as a rostered shift makes the weekend already worked.
    let mut with_fri = two.to_vec();
    with_fri.push(night("14/02/2025"));
    let h = weekend_hist(&with_fri);
    let a = run(&h, resident(), day("08/03/2025", "08:00", "16:00"));
    assert_eq!(
        the(&a, "tcs_max_weekend_frequency").message,
        "would work 4 of 9 weekends (limit 1 in 3)"
    );
}

// ---------------------------------------------------------------------------------------
// Averages

/// Four weeks of data from Monday 06/01/2025: Mon–Fri 09:00–17:00 (160 h) and Saturdays
/// 08:00–16:00 in weeks 1–3 (24 h): 184 h.
fn four_weeks() -> (Vec<Span>, i64, i64) {
    let mut spans = Vec::new();
    let mon = date("06/01/2025");
    for w in 0..4 {
        for d in 0..5 {
            let x = mon + chrono::Duration::days(w * 7 + d);
            spans.push(day(&x.format("%d/%m/%Y").to_string(), "09:00", "17:00"));
        }
        if w < 3 {
            let sat = mon + chrono::Duration::days(w * 7 + 5);
            spans.push(day(&sat.format("%d/%m/%Y").to_string(), "08:00", "16:00"));
        }
    }
    (spans, at("06/01/2025", "00:00"), at("03/02/2025", "00:00"))
}

#[test]
fn average_of_48_hours_a_week_is_allowed_and_more_is_not() {
    let (spans, from, to) = four_weeks();
    let h = hist_in(&spans, from, to);
    // Sunday 02/02 16:00–24:00: 192 h over exactly 4 weeks = 48 h a week.
    let duty = sp("02/02/2025", "16:00", "00:00", ShiftType::Day);
    allowed(&run(&h, consultant(), duty));
    let duty9 = sp("02/02/2025", "15:00", "00:00", ShiftType::Day);
    let a = run(&h, consultant(), duty9);
    let v = the(&a, "wtr_max_average_hours_week");
    assert_eq!(
        v.message,
        "would average 48.3 h a week over 4.0 weeks (limit 48 h)"
    );
    assert_eq!((v.value, v.limit), (48.25, 48.0));
    // Opted out: no average limit for a consultant.
    let out = DoctorFacts {
        opted_out: true,
        ..consultant()
    };
    allowed(&run(&h, out, duty9));
    // A resident: 48 h (weekends set to every weekend to isolate the average).
    let every = rules_with("tcs_max_weekend_frequency", 1.0);
    assert!(run_with(&every, &h, resident(), duty).violations.is_empty());
    let a = run_with(&every, &h, resident(), duty9);
    assert_eq!(
        the(&a, "tcs_max_average_hours_week").message,
        "would average 48.3 h a week over 4.0 weeks (limit 48 h)"
    );
    // An opted-out resident: 56 h.
    let res_out = DoctorFacts {
        opted_out: true,
        ..resident()
    };
    assert!(run_with(&every, &h, res_out, duty9).violations.is_empty());
}

#[test]
fn average_over_56_for_an_opted_out_resident() {
    // One week of data, Monday to Sunday: 4 × 12.5 h long days (50 h) + a 6 h duty = 56 h.
    let spans = [
        long_day("06/01/2025"),
        long_day("07/01/2025"),
        long_day("08/01/2025"),
        long_day("09/01/2025"),
    ];
    let h = hist_in(&spans, at("06/01/2025", "00:00"), at("13/01/2025", "00:00"));
    let out = DoctorFacts {
        opted_out: true,
        ..resident()
    };
    let every = rules_with("tcs_max_weekend_frequency", 1.0);
    let duty = day("12/01/2025", "08:00", "14:00");
    assert!(run_with(&every, &h, out, duty).violations.is_empty());
    let a = run_with(&every, &h, out, day("12/01/2025", "08:00", "15:00"));
    assert_eq!(
        the(&a, "tcs_max_average_hours_week_opted_out").message,
        "would average 57.0 h a week over 1.0 weeks (limit 56 h, opted out)"
    );
    // Not opted out: 48 h.
    let a = run_with(&every, &h, resident(), duty);
    assert_eq!(
        the(&a, "tcs_max_average_hours_week").message,
        "would average 56.0 h a week over 1.0 weeks (limit 48 h)"
    );
}

#[test]
fn reference_period_is_clipped_to_the_data_and_to_reference_weeks() {
    // Two weeks of data with 100 h in the first week: over 2 weeks, 50 h + duty.
    let spans: Vec<Span> = (0..8)
        .map(|i| {
            let x = date("06/01/2025") + chrono::Duration::days(i);
            sp(
                &x.format("%d/%m/%Y").to_string(),
                "08:00",
                "20:30",
                ShiftType::Day,
            )
        })
        .collect();
    let h = hist_in(&spans, at("06/01/2025", "00:00"), at("20/01/2025", "00:00"));
    let duty = day("19/01/2025", "08:00", "12:00");
    // 100 + 4 = 104 h over the two weeks of data: the period runs on past the duty to the end
    // of the data, so it is as long as the data allows.
    let a = run(&h, consultant(), duty);
    let v = the(&a, "wtr_max_average_hours_week");
    assert!((v.value - 52.0).abs() < 1e-9, "{}", v.value);
    assert!(v.message.contains("over 2.0 weeks"), "{}", v.message);
    // A one-week reference period sees only the last 7 days (two long days, 25 h + 4 h).
    let r = rules_with("reference_weeks", 1.0);
    assert!(!has(
        &run_with(&r, &h, consultant(), duty),
        "wtr_max_average_hours_week"
    ));
}

// ---------------------------------------------------------------------------------------
// Residents, consultants, weekly rest

#[test]
fn consultants_are_judged_by_the_working_time_regulations_only() {
    // After a night, a day shift 24 h later: out for a resident (46 h rule), fine for a
    // consultant (11 h daily rest is met).
    let h = hist(&[night("08/01/2024")]);
    let duty = day("10/01/2024", "08:00", "16:00");
    assert!(has(&run(&h, resident(), duty), "tcs_rest_after_nights"));
    for group in [StaffGroup::Consultant, StaffGroup::Sas, StaffGroup::Other] {
        let doc = DoctorFacts {
            group,
            ..consultant()
        };
        allowed(&run(&h, doc, duty));
    }
    // A 16 h day: over the resident shift limit; no shift limit under the WTR.
    let duty = day("15/01/2024", "06:00", "22:00");
    assert!(has(&run(&h, resident(), duty), "tcs_max_shift_hours"));
    allowed(&run(&h, consultant(), duty));
    // Daily rest applies to consultants with its own key.
    let h = hist(&[day("08/01/2024", "08:00", "17:00")]);
    let a = run(&h, consultant(), day("09/01/2024", "03:00", "12:00"));
    let v = the(&a, "wtr_min_daily_rest");
    assert_eq!(
        v.message,
        "11 h daily rest needed; 10.0 h available before this duty"
    );
    allowed(&run(&h, consultant(), day("09/01/2024", "04:00", "12:00")));
}

fn opted_out_consultant() -> DoctorFacts {
    DoctorFacts {
        opted_out: true,
        ..consultant()
    }
}

/// Three weeks from Monday 06/01/2025, every day 08:00–20:00 (12 h rest between), except
/// in the week of 13/01: Wednesday 20:00–06:00, Thursday 17:00–23:00, Friday 10:00–20:00
/// (11 h rest between those), so that the longest rest in that week is Tuesday 20:00 to
/// Wednesday at `wed_start`. Saturday 18/01 is left out (it is the duty), and so are the
/// dates in `skip`.
fn weekly(wed_start: &str, skip: &[&str]) -> Vec<Span> {
    let mut spans = Vec::new();
    for i in 0..21 {
        let x = (date("06/01/2025") + chrono::Duration::days(i))
            .format("%d/%m/%Y")
            .to_string();
        if skip.contains(&x.as_str()) || x == "18/01/2025" {
            continue;
        }
        spans.push(match x.as_str() {
            "15/01/2025" => sp(&x, wed_start, "06:00", ShiftType::Night),
            "16/01/2025" => day(&x, "17:00", "23:00"),
            "17/01/2025" => day(&x, "10:00", "20:00"),
            _ => day(&x, "08:00", "20:00"),
        });
    }
    spans
}

fn three_weeks(spans: &[Span]) -> History {
    hist_in(spans, at("06/01/2025", "00:00"), at("27/01/2025", "00:00"))
}

#[test]
fn weekly_rest_24_hours_in_the_week_is_allowed_and_less_is_not() {
    let duty = day("18/01/2025", "08:00", "20:00");
    // Tuesday 20:00 to Wednesday 20:00: exactly 24 h.
    let h = three_weeks(&weekly("20:00", &[]));
    allowed(&run(&h, opted_out_consultant(), duty));
    // Wednesday from 19:59: 23 h 59 min, and no fortnight around it holds 48 h.
    let h = three_weeks(&weekly("19:59", &[]));
    let a = run(&h, opted_out_consultant(), duty);
    let v = the(&a, "wtr_min_weekly_rest_7_days");
    assert_eq!(
        v.message,
        "no 24 h uninterrupted rest in the week from Monday 13/01/2025 (longest 23.9 h), nor 48 h in either fortnight around it"
    );
    assert_eq!(v.limit, 24.0);
    assert!((v.value - (24.0 - 1.0 / 60.0)).abs() < 1e-9);
    assert_eq!(keys(&a), vec!["wtr_min_weekly_rest_7_days"]);
    // Residents are not under this rule (theirs are the TCS rules).
    assert!(!has(
        &run(&h, resident(), duty),
        "wtr_min_weekly_rest_7_days"
    ));
}

#[test]
fn weekly_rest_may_be_48_hours_in_a_fortnight_instead() {
    let duty = day("18/01/2025", "08:00", "20:00");
    // The weekend before off: Friday 10/01 20:00 to Monday 13/01 08:00 is 60 h, in the
    // fortnight 06/01–19/01.
    let h = three_weeks(&weekly("19:59", &["11/01/2025", "12/01/2025"]));
    allowed(&run(&h, opted_out_consultant(), duty));
    // Or the weekend after: Friday 24/01 20:00 to Monday 27/01 (the end of the data).
    let h = three_weeks(&weekly("19:59", &["25/01/2025", "26/01/2025"]));
    allowed(&run(&h, opted_out_consultant(), duty));
    // Only Sunday off before: Saturday 20:00 to Monday 08:00 is 36 h: not enough.
    let h = three_weeks(&weekly("19:59", &["12/01/2025"]));
    assert!(has(
        &run(&h, opted_out_consultant(), duty),
        "wtr_min_weekly_rest_7_days"
    ));
}

#[test]
fn hours_past_7_days_and_rest_are_reported_for_ranking() {
    let h = hist(&[
        day("08/01/2024", "08:00", "17:00"),
        day("12/01/2024", "09:00", "17:00"),
    ]);
    let a = run(&h, consultant(), day("10/01/2024", "08:00", "16:00"));
    assert_eq!(a.hours_past_7_days, 9.0);
    assert_eq!(a.rest_before_hours, Some(39.0));
    assert_eq!(a.rest_after_hours, Some(41.0));
}

#[test]
fn violations_come_in_a_fixed_order_and_other_doctors_do_not_count() {
    let mut rows: Vec<(i64, Span)> = WEEK_OF_8_JAN
        .iter()
        .map(|d| (1, day(d, "08:00", "16:00")))
        .collect();
    rows.push((1, night("15/01/2024")));
    // Doctor 2 works the same duty; that is no clash for doctor 1.
    rows.push((2, day("16/01/2024", "09:00", "14:00")));
    let h = History::build(rows, at("01/01/2024", "00:00"), at("31/12/2025", "00:00"));
    let a = run(&h, resident(), day("16/01/2024", "09:00", "14:00"));
    assert_eq!(
        keys(&a),
        vec![
            "tcs_min_rest_between_shifts",
            "tcs_rest_after_nights",
            "tcs_max_consecutive_shifts",
            "tcs_rest_after_consecutive_shifts",
        ]
    );
}

#[test]
fn fractional_limits_are_shown_as_set() {
    let h = hist(&six_days());
    let r = rules_with("tcs_max_hours_7_days", 70.5);
    // 60 h + 11 h = 71 h against 70.5 h.
    let a = run_with(&r, &h, resident(), day("14/01/2024", "08:00", "19:00"));
    let v = the(&a, "tcs_max_hours_7_days");
    assert_eq!(v.message, "would reach 71.0 h in 7 days (limit 70.5 h)");
    assert_eq!((v.value, v.limit), (71.0, 70.5));
    // 60 h + 10.5 h is exactly at the limit.
    assert!(!has(
        &run_with(&r, &h, resident(), day("14/01/2024", "08:00", "18:30")),
        "tcs_max_hours_7_days"
    ));
}
