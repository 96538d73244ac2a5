use super::rota::{Department, Plan, Tier, HEADER};
use super::*;
use crate::time::duty_span;
use chrono::NaiveTime;
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap()
}

/// One parsed row of the CSV the generators write.
struct Row {
    staff: String,
    name: String,
    grade: String,
    department: String,
    site: String,
    date: NaiveDate,
    shift_type: String,
    start: i64,
    end: i64,
}

fn parse(csv: &str) -> Vec<Row> {
    let mut lines = csv.lines();
    assert_eq!(Some(HEADER.trim_end()), lines.next());
    lines
        .map(|line| {
            let c: Vec<&str> = line.split(',').collect();
            assert_eq!(c.len(), 12, "{line}");
            let date = NaiveDate::parse_from_str(c[5], "%d/%m/%Y").unwrap();
            let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
            let (start, end) = duty_span(date, t(c[6]), t(c[7])).unwrap();
            assert!([
                "day",
                "long_day",
                "long_evening",
                "night",
                "on_call",
                "leave"
            ]
            .contains(&c[8]));
            assert!(
                ["", "resident", "consultant", "sas"].contains(&c[10]),
                "{line}"
            );
            if c[0].is_empty() {
                assert!(
                    c[1].is_empty() && c[10].is_empty() && c[11].is_empty(),
                    "{line}"
                );
            } else {
                assert!(c[0].len() == 8 && c[0].bytes().all(|b| b.is_ascii_digit()));
                assert!(c[11] == "yes" || c[11] == "no", "{line}");
            }
            Row {
                staff: c[0].to_string(),
                name: c[1].to_string(),
                grade: c[2].to_string(),
                department: c[3].to_string(),
                site: c[4].to_string(),
                date,
                shift_type: c[8].to_string(),
                start,
                end,
            }
        })
        .collect()
}

const H: i64 = 3600;

/// Checks each doctor's duties: no overlaps, and the 2016 TCS patterns the generators promise.
fn check_rules(rows: &[Row]) {
    let mut by_doctor: HashMap<&str, Vec<&Row>> = HashMap::new();
    for r in rows.iter().filter(|r| !r.staff.is_empty()) {
        by_doctor.entry(&r.staff).or_default().push(r);
    }
    for (staff, mut duties) in by_doctor {
        duties.sort_by_key(|r| r.start);
        let first = duties[0];
        for w in duties.windows(2) {
            assert!(w[0].end <= w[1].start, "{staff}: overlap on {}", w[1].date);
        }
        let work: Vec<&Row> = duties
            .iter()
            .copied()
            .filter(|r| r.shift_type != "leave")
            .collect();
        for r in &duties {
            assert_eq!((&r.name, &r.grade), (&first.name, &first.grade), "{staff}");
            let limit = if r.shift_type == "on_call" { 24 } else { 13 };
            assert!(
                r.end - r.start <= limit * H,
                "{staff}: long duty on {}",
                r.date
            );
        }
        for w in work.windows(2) {
            assert!(
                w[1].start - w[0].end >= 11 * H,
                "{staff}: less than 11 h rest before {}",
                w[1].date
            );
        }
        // Runs of consecutive dates worked, of nights, of long evenings and of long shifts.
        let is = |r: &Row, t: &str| i32::from(r.shift_type == t);
        let long = |r: &Row| i32::from(r.end - r.start > 10 * H && r.shift_type != "on_call");
        let (mut run, mut nights) = (1, is(work[0], "night"));
        let (mut evenings, mut longs) = (is(work[0], "long_evening"), long(work[0]));
        for w in work.windows(2) {
            let next_day = w[1].date == w[0].date.succ_opt().unwrap();
            run = if next_day { run + 1 } else { 1 };
            assert!(
                run <= 7,
                "{staff}: more than 7 shifts in a row to {}",
                w[1].date
            );
            longs = if next_day {
                longs * long(w[1]) + long(w[1])
            } else {
                long(w[1])
            };
            assert!(
                longs <= 4,
                "{staff}: more than 4 long shifts to {}",
                w[1].date
            );
            if evenings == 4 {
                assert!(w[1].start - w[0].end >= 48 * H, "{staff}: 4 long evenings");
            }
            let evening = is(w[1], "long_evening");
            evenings = if next_day {
                evenings * evening + evening
            } else {
                evening
            };
            assert!(evenings <= 4, "{staff}: more than 4 long evenings");
            if w[1].shift_type == "night" {
                nights = if next_day && w[0].shift_type == "night" {
                    nights + 1
                } else {
                    1
                };
                assert!(nights <= 4, "{staff}: more than 4 nights to {}", w[1].date);
            }
            if w[0].shift_type == "night" && w[1].shift_type != "night" {
                assert!(
                    w[1].start - w[0].end >= 46 * H,
                    "{staff}: less than 46 h after nights before {}",
                    w[1].date
                );
            }
        }
    }
}

#[test]
fn demo_first_monday_is_the_monday_of_last_week() {
    assert_eq!(demo_first_monday(d("05/01/2024")), d("25/12/2023"));
    assert_eq!(demo_first_monday(d("01/01/2024")), d("25/12/2023"));
    assert_eq!(demo_first_monday(d("07/01/2024")), d("25/12/2023"));
}

#[test]
fn demo_has_the_shape_of_a_trust() {
    let csv = demo_rota_csv(d("01/01/2024"));
    let rows = parse(&csv);
    let sites: BTreeSet<&str> = rows.iter().map(|r| r.site.as_str()).collect();
    assert!(sites.len() >= 2);
    let depts: BTreeSet<&str> = rows.iter().map(|r| r.department.as_str()).collect();
    assert!(depts.len() >= 6, "{depts:?}");
    for name in ["Neonatal Unit", "Emergency Department", "Obstetrics"] {
        assert!(depts.contains(name), "{name}");
    }
    let doctors: BTreeSet<&str> = rows
        .iter()
        .filter(|r| !r.staff.is_empty())
        .map(|r| r.staff.as_str())
        .collect();
    assert!((70..=90).contains(&doctors.len()), "{}", doctors.len());
    let grades: BTreeSet<&str> = rows.iter().map(|r| r.grade.as_str()).collect();
    for g in [
        "FY1",
        "FY2",
        "CT1",
        "CT2",
        "CT3",
        "ST1",
        "ST2",
        "ST3",
        "ST4",
        "ST5",
        "ST6",
        "ST7",
        "ST8",
        "Consultant",
        "Specialty Doctor",
        "Specialist",
        "Associate Specialist",
    ] {
        assert!(grades.contains(g), "{g}");
    }
    let types: BTreeSet<&str> = rows.iter().map(|r| r.shift_type.as_str()).collect();
    for t in [
        "day",
        "long_day",
        "long_evening",
        "night",
        "on_call",
        "leave",
    ] {
        assert!(types.contains(t), "{t}");
    }
    let dates: BTreeSet<NaiveDate> = rows.iter().map(|r| r.date).collect();
    assert_eq!(dates.len(), 56);
    assert_eq!(dates.first(), Some(&d("01/01/2024")));
    let vacancies: Vec<&Row> = rows.iter().filter(|r| r.staff.is_empty()).collect();
    assert!((10..=20).contains(&vacancies.len()), "{}", vacancies.len());
    for critical in ["Emergency Department", "Neonatal Unit", "Obstetrics"] {
        assert!(
            vacancies.iter().any(|r| r.department == critical),
            "{critical}"
        );
    }
    let opted_out = csv
        .lines()
        .filter(|l| l.ends_with(",yes"))
        .map(|l| l.split(',').next().unwrap())
        .collect::<BTreeSet<_>>();
    assert!((2..=12).contains(&opted_out.len()), "{}", opted_out.len());
    // Residents hold the out-of-hours duties on site; consultants are on call from home.
    for r in rows.iter().filter(|r| r.shift_type == "night") {
        assert_ne!(r.grade, "Consultant");
    }
}

#[test]
fn demo_rotas_are_legal() {
    // Over both clock changes too.
    for first in ["01/01/2024", "11/03/2024", "07/10/2024", "09/10/2024"] {
        check_rules(&parse(&demo_rota_csv(d(first))));
    }
}

#[test]
fn demo_is_deterministic_and_rolls_back_to_monday() {
    let a = demo_rota_csv(d("01/01/2024"));
    assert_eq!(a, demo_rota_csv(d("01/01/2024")));
    assert_eq!(a, demo_rota_csv(d("04/01/2024")));
    assert!(a.starts_with(HEADER));
}

#[test]
fn demo_every_day_has_a_night_and_an_on_call_in_every_department() {
    let rows = parse(&demo_rota_csv(d("01/01/2024")));
    let mut cover: BTreeMap<(&str, NaiveDate, &str), usize> = BTreeMap::new();
    for r in &rows {
        *cover
            .entry((r.department.as_str(), r.date, r.shift_type.as_str()))
            .or_default() += 1;
    }
    for dept in rows
        .iter()
        .map(|r| r.department.as_str())
        .collect::<BTreeSet<_>>()
    {
        for day in 0..56 {
            let date = d("01/01/2024") + Duration::days(day);
            assert_eq!(
                cover.get(&(dept, date, "on_call")),
                Some(&1),
                "{dept} {date}"
            );
            assert!(cover.contains_key(&(dept, date, "night")), "{dept} {date}");
        }
    }
}

#[test]
fn rows_are_sorted_by_date_then_department() {
    let csv = demo_rota_csv(d("01/01/2024"));
    let rows = parse(&csv);
    for w in rows.windows(2) {
        assert!(
            (w[0].date, &w[0].department) <= (w[1].date, &w[1].department),
            "{} {}",
            w[0].date,
            w[1].department
        );
    }
}

fn small() -> SynthParams {
    SynthParams {
        doctors: 100,
        departments: 6,
        sites: 2,
        weeks: 4,
        first_monday: d("21/10/2024"),
        seed: 7,
    }
}

#[test]
fn small_synthetic_trust_is_legal_and_as_dense_as_planned() {
    let p = small();
    let mut out = Vec::new();
    let stats = write_synthetic_csv(&mut out, &p).unwrap();
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.starts_with(HEADER));
    let rows = parse(&csv);
    check_rules(&rows);
    assert_eq!(stats.rows, rows.len() as u64);
    assert_eq!(stats.rows, p.planned_rows());
    assert_eq!(stats.bytes, csv.len() as u64);
    assert_eq!(stats.doctors, 100);
    assert_eq!(
        stats.vacancies,
        rows.iter().filter(|r| r.staff.is_empty()).count() as u64
    );
    assert!(stats.vacancies > 0);
    let per_doctor_day = stats.rows as f64 / (100.0 * 28.0);
    assert!(
        (0.52 * 0.85..=0.52 * 1.15).contains(&per_doctor_day),
        "{per_doctor_day}"
    );
    for w in rows.windows(2) {
        assert!((w[0].date, &w[0].department) <= (w[1].date, &w[1].department));
    }
    let mut again = Vec::new();
    write_synthetic_csv(&mut again, &p).unwrap();
    assert_eq!(csv.as_bytes(), &again[..]);
}

#[test]
fn large_synthetic_trust_plans_about_470k_rows() {
    let p = SynthParams::large(d("06/01/2025"));
    let rows = p.planned_rows();
    assert!((440_000..=500_000).contains(&rows), "{rows}");
}

#[test]
fn resident_cycles_work_at_most_one_weekend_in_three() {
    for n in rota::MIN_RESIDENT_LINES..=60 {
        let cycle = rota::resident_cycle(n);
        assert_eq!(cycle.len(), n);
        let weekends = cycle
            .iter()
            .filter(|w| {
                w[4] == rota::Code::Night || w[5] != rota::Code::Off || w[6] != rota::Code::Off
            })
            .count();
        assert!(weekends * 3 <= n, "{n}: {weekends}");
    }
}

/// Every cycle length the builders make is legal across its own wrap-around: a department
/// with tiers of every size, run for longer than the longest cycle.
#[test]
fn every_cycle_length_is_legal() {
    let mut maker = DoctorMaker::new(1);
    let mut tiers = Vec::new();
    for n in 1..=26 {
        let docs: Vec<_> = (0..n).map(|_| maker.add("ST4")).collect();
        tiers.push(Tier::new(
            &MIDDLE_TIMES,
            rota::resident_cycle(n),
            docs.clone(),
            "ST4",
            false,
        ));
        let docs: Vec<_> = (0..n).map(|_| maker.add("FY1")).collect();
        tiers.push(Tier::new(
            &JUNIOR_TIMES,
            rota::resident_cycle(n),
            docs,
            "FY1",
            false,
        ));
        tiers.push(maker.consultant_tier(n));
    }
    let plan = Plan {
        departments: vec![Department {
            name: "Test".into(),
            site: "Site".into(),
            tiers,
            vacancy_ppm: 0,
            vacancy_out_of_hours_only: false,
        }],
        doctors: maker.doctors,
        seed: 1,
        leave_ppm: 100_000,
    };
    // 54 weeks from late March: both clock changes.
    let mut out = Vec::new();
    plan.write(&mut out, d("04/03/2024"), 54).unwrap();
    let rows = parse(&String::from_utf8(out).unwrap());
    check_rules(&rows);
}

#[test]
fn demo_and_synthetic_csv_import_cleanly() {
    let csv = demo_rota_csv(d("07/10/2024"));
    let parsed = crate::import::parse_bytes("demo.csv", csv.as_bytes(), &mut |_| {}).unwrap();
    assert_eq!(parsed.rows.len(), csv.lines().count() - 1);
    assert!(parsed.rows.iter().any(|r| r.staff_number.is_none()));

    let mut out = Vec::new();
    let stats = write_synthetic_csv(&mut out, &small()).unwrap();
    let parsed = crate::import::parse_bytes("synthetic.csv", &out, &mut |_| {}).unwrap();
    assert_eq!(parsed.rows.len() as u64, stats.rows);
}
