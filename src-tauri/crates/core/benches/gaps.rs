//! Gaps benchmark: the large synthetic trust (2,500 doctors, 60 departments, 3 sites,
//! 52 weeks) imported into a fresh database file, a 6-day walkout of all resident doctors
//! (07:00 to 07:00) with a third of them striking and the rest not declared (counted as
//! uncovered), then the time of `usecases::gaps` and `usecases::dashboard` over 20 runs each.
//!
//! Run: `cargo bench -p strikecover-core --bench gaps`. Target (issue 3): gaps at most 50 ms.

mod common;

use chrono::{Duration, NaiveDate};
use std::time::Instant;
use strikecover_core::demo::{write_synthetic_csv, SynthParams};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::Intent;

const RUNS: usize = 20;

fn stats(t: &mut [f64]) -> (f64, f64) {
    t.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    (t[t.len() / 2], t[t.len() - 1])
}

fn time<T>(what: &str, f: &mut dyn FnMut() -> T, count: impl Fn(&T) -> usize) {
    let mut t = Vec::with_capacity(RUNS);
    let mut n = 0;
    for _ in 0..RUNS {
        let s = Instant::now();
        let v = f();
        t.push(s.elapsed().as_secs_f64() * 1000.0);
        n = count(&v);
    }
    let (median, max) = stats(&mut t);
    println!("{what}: {n} rows, median {median:.1} ms, max {max:.1} ms ({RUNS} runs)");
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("large.csv");
    let monday = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let p = SynthParams::large(monday);
    let w = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create csv"));
    let stats_w = write_synthetic_csv(w, &p).expect("write synthetic trust");
    let db_path = dir.path().join("large.sqlite3");
    let mut db = Db::open(&db_path).expect("open");
    let ctx = Ctx::new("bench", chrono::Utc::now());
    let started = Instant::now();
    let s = usecases::import_file(&mut db, &ctx, &csv, &mut |_| {}).expect("import");
    println!(
        "large trust: {} rows, {} doctors, imported in {:.2} s",
        stats_w.rows,
        s.doctors,
        started.elapsed().as_secs_f64()
    );

    // A Wednesday in week 21: 6 days, 07:00 to 07:00 the day after the last day.
    let first = monday + Duration::weeks(20) + Duration::days(2);
    let walkout = common::six_day_walkout(&mut db, &ctx, first);
    let intents = usecases::intents(&db, walkout.id).expect("intents");
    let striking: Vec<i64> = intents.iter().step_by(3).map(|i| i.staff_id).collect();
    let working: Vec<i64> = intents
        .iter()
        .skip(1)
        .step_by(9)
        .map(|i| i.staff_id)
        .collect();
    usecases::intent_set(&mut db, &ctx, walkout.id, &striking, Intent::Striking).expect("set");
    usecases::intent_set(&mut db, &ctx, walkout.id, &working, Intent::Working).expect("set");
    println!(
        "walkout {} to {}: {} affected doctors, {} striking, {} working, {} not declared",
        walkout.start_local,
        walkout.end_local,
        intents.len(),
        striking.len(),
        working.len(),
        intents.len() - striking.len() - working.len()
    );

    time(
        "gaps (6-day walkout)",
        &mut || usecases::gaps(&db, walkout.id).expect("gaps"),
        Vec::len,
    );
    time(
        "dashboard (6-day walkout)",
        &mut || usecases::dashboard(&db, walkout.id).expect("dashboard"),
        |d| d.rows.len(),
    );
    time(
        "intents (6-day walkout)",
        &mut || usecases::intents(&db, walkout.id).expect("intents"),
        Vec::len,
    );
    time(
        "walkout_list",
        &mut || usecases::walkouts(&db).expect("walkouts"),
        Vec::len,
    );
}
