//! Rules benchmark (pure, no database): synthetic rota histories for 2,500 doctors with 13,
//! 26 and 52 weeks of duties (about 4–5 a week: days, long days, runs of nights, long
//! evenings, weekends, on-call and leave weeks), then, for each history length, the time of
//! `History::build` and of `assess` for one proposed duty against all 2,500 doctors (median,
//! fastest and slowest of 50 runs), so the growth with doctors and history length shows.
//!
//! Run: `cargo bench -p strikecover-core --bench rules`. Target: assessing all 2,500 doctors
//! for one duty well under 5 ms (about 1 µs a doctor).

use chrono::{Duration, NaiveDate, NaiveTime};
use std::hint::black_box;
use std::time::Instant;
use strikecover_core::model::{ShiftType, StaffGroup};
use strikecover_core::rules::{assess, DoctorFacts, History, RuleSet, Span};
use strikecover_core::time::london_to_utc;

const DOCTORS: i64 = 2_500;
const RUNS: usize = 50;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

/// A duty written as a rota writes it (an end at or before the start is the next day).
fn duty(date: NaiveDate, start: NaiveTime, end: NaiveTime, shift_type: ShiftType) -> Span {
    let end_date = if end <= start {
        date + Duration::days(1)
    } else {
        date
    };
    Span {
        start: london_to_utc(date, start),
        end: london_to_utc(end_date, end),
        shift_type,
    }
}

/// One week of a resident's rota, by pattern (0 = Monday).
fn resident_week(monday: NaiveDate, pattern: u64, out: &mut Vec<Span>) {
    let d = |i: i64| monday + Duration::days(i);
    match pattern {
        // Days, Monday to Friday.
        0 | 1 => (0..5).for_each(|i| out.push(duty(d(i), t(8, 0), t(17, 0), ShiftType::Day))),
        // Long days Monday, Tuesday; days Thursday, Friday.
        2 => {
            (0..2).for_each(|i| out.push(duty(d(i), t(8, 0), t(20, 30), ShiftType::LongDay)));
            (3..5).for_each(|i| out.push(duty(d(i), t(8, 0), t(17, 0), ShiftType::Day)));
        }
        // Nights Monday to Thursday.
        3 => (0..4).for_each(|i| out.push(duty(d(i), t(20, 0), t(8, 30), ShiftType::Night))),
        // Weekend nights Friday to Sunday, a day on Tuesday.
        4 => {
            out.push(duty(d(1), t(8, 0), t(17, 0), ShiftType::Day));
            (4..7).for_each(|i| out.push(duty(d(i), t(20, 0), t(8, 30), ShiftType::Night)));
        }
        // Long evenings Monday to Thursday.
        5 => (0..4).for_each(|i| out.push(duty(d(i), t(14, 0), t(0, 30), ShiftType::LongEvening))),
        // Weekend long days, days Tuesday to Thursday.
        6 => {
            (1..4).for_each(|i| out.push(duty(d(i), t(8, 0), t(17, 0), ShiftType::Day)));
            (5..7).for_each(|i| out.push(duty(d(i), t(8, 0), t(20, 30), ShiftType::LongDay)));
        }
        // Leave, Monday to Friday.
        _ => (0..5).for_each(|i| out.push(duty(d(i), t(0, 0), t(0, 0), ShiftType::Leave))),
    }
}

/// One week of a consultant's or SAS doctor's job plan: days, an on-call some weekends,
/// leave some weeks.
fn senior_week(monday: NaiveDate, rng: &mut Rng, out: &mut Vec<Span>) {
    let d = |i: i64| monday + Duration::days(i);
    if rng.below(8) == 0 {
        (0..5).for_each(|i| out.push(duty(d(i), t(0, 0), t(0, 0), ShiftType::Leave)));
        return;
    }
    (0..5).for_each(|i| out.push(duty(d(i), t(9, 0), t(17, 0), ShiftType::Day)));
    if rng.below(6) == 0 {
        out.push(duty(d(5), t(9, 0), t(9, 0), ShiftType::OnCall));
    }
}

struct Trust {
    rows: Vec<(i64, Span)>,
    doctors: Vec<DoctorFacts>,
    from: i64,
    to: i64,
}

fn trust(weeks: i64, first_monday: NaiveDate) -> Trust {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut rows = Vec::new();
    let mut doctors = Vec::new();
    let mut week = Vec::new();
    for id in 1..=DOCTORS {
        let group = match id % 10 {
            0..=6 => StaffGroup::Resident,
            7 | 8 => StaffGroup::Consultant,
            _ => StaffGroup::Sas,
        };
        doctors.push(DoctorFacts {
            staff_id: id,
            group,
            opted_out: id % 17 == 0,
        });
        // Residents follow an 8-week rota cycle, each starting at a different week.
        let offset = rng.below(8);
        for w in 0..weeks {
            let monday = first_monday + Duration::weeks(w);
            week.clear();
            if group == StaffGroup::Resident {
                let pattern = if rng.below(10) == 0 {
                    7
                } else {
                    (w as u64 + offset) % 7
                };
                resident_week(monday, pattern, &mut week);
            } else {
                senior_week(monday, &mut rng, &mut week);
            }
            rows.extend(week.iter().map(|s| (id, *s)));
        }
    }
    let from = london_to_utc(first_monday, t(0, 0));
    let to = london_to_utc(first_monday + Duration::weeks(weeks), t(0, 0));
    Trust {
        rows,
        doctors,
        from,
        to,
    }
}

/// Fastest, median and slowest.
fn stats(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn main() {
    let rules = RuleSet::default();
    let first_monday = NaiveDate::from_ymd_opt(2024, 9, 2).expect("date");
    println!(
        "rules benchmark: {DOCTORS} doctors, {RUNS} runs each (the data start on Monday {first_monday})"
    );
    for weeks in [13, 26, 52] {
        let tr = trust(weeks, first_monday);
        let mut builds = Vec::with_capacity(RUNS);
        let mut history = None;
        for _ in 0..RUNS {
            let rows = tr.rows.clone();
            let s = Instant::now();
            let h = History::build(rows, tr.from, tr.to);
            builds.push(s.elapsed().as_secs_f64() * 1000.0);
            history = Some(black_box(h));
        }
        let h = history.expect("built");
        let (b_min, b_med, b_max) = stats(&mut builds);
        println!(
            "{weeks} weeks: {} spans ({:.1} a doctor a week); History::build median {b_med:.1} ms (fastest {b_min:.1}, slowest {b_max:.1})",
            tr.rows.len(),
            tr.rows.len() as f64 / DOCTORS as f64 / weeks as f64
        );
        // Proposed duties in the third week from the end: a long day on Wednesday, a night
        // on Friday.
        let wed = first_monday + Duration::weeks(weeks - 3) + Duration::days(2);
        let fri = wed + Duration::days(2);
        for (what, d) in [
            (
                "long day",
                duty(wed, t(8, 0), t(20, 30), ShiftType::LongDay),
            ),
            ("night", duty(fri, t(20, 0), t(8, 30), ShiftType::Night)),
        ] {
            let mut times = Vec::with_capacity(RUNS);
            let mut free = 0;
            for _ in 0..RUNS {
                let s = Instant::now();
                let mut n = 0;
                for doc in &tr.doctors {
                    let a = assess(&rules, &h, doc, black_box(&d));
                    n += usize::from(a.violations.is_empty());
                }
                times.push(s.elapsed().as_secs_f64() * 1000.0);
                free = n;
            }
            let (min, med, max) = stats(&mut times);
            println!(
                "  assess one {what} against all {DOCTORS} doctors: median {med:.2} ms ({:.0} ns a doctor; fastest {min:.2} ms, slowest {max:.2} ms); {free} may take it",
                med * 1e6 / DOCTORS as f64
            );
        }
        // The first doctor for a new duty pays for the duty's own time-zone work.
        let mut cold = Vec::with_capacity(RUNS);
        for i in 0..RUNS as i64 {
            let d = duty(
                wed + Duration::days(i % 5),
                t(8, 0),
                t(16, i as u32 % 30),
                ShiftType::Day,
            );
            let s = Instant::now();
            black_box(assess(&rules, &h, &tr.doctors[0], &d));
            cold.push(s.elapsed().as_secs_f64() * 1e6);
        }
        let (c_min, c_med, c_max) = stats(&mut cold);
        println!(
            "  first doctor for a new duty (the duty's own time-zone work): median {c_med:.1} µs (fastest {c_min:.1}, slowest {c_max:.1})"
        );
    }
}
