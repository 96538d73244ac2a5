//! Candidate finder benchmark (issue 4). The large synthetic trust (2,500 doctors, 60
//! departments, 3 sites, 52 weeks) imported into a fresh database file; a 6-day walkout of
//! resident doctors starting in week 27 (so every doctor has 26 weeks of history before it),
//! with a third of them striking, a third working and a third not declared (counted as
//! uncovered). Then:
//! - the first candidate list (builds the rota history and caches it in the database handle);
//! - the candidate list for one gap, every rule, every doctor, warm: median over 50 gaps spread
//!   through the walkout (target: at most 5 ms);
//! - how many doctors could take each gap, for all the walkout's gaps (target: at most 2 s);
//! - the same for shorter histories (13 and 26 weeks of rota) to show how the cost grows.
//!
//! Run: `cargo bench -p strikecover-core --bench candidates`.

mod common;

use chrono::{Duration, NaiveDate};
use std::time::Instant;
use strikecover_core::demo::{write_synthetic_csv, SynthParams};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};
use strikecover_core::walkouts::Intent;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn run(weeks: u32, walkout_week: i64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("large.csv");
    let monday = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let p = SynthParams {
        weeks,
        ..SynthParams::large(monday)
    };
    let w = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create csv"));
    let rows = write_synthetic_csv(w, &p)
        .expect("write synthetic trust")
        .rows;
    let mut db = Db::open(&dir.path().join("large.sqlite3")).expect("open");
    let first = monday + Duration::weeks(walkout_week) + Duration::days(2);
    let ctx = Ctx::new("bench", chrono::Utc::now());
    usecases::import_file(&mut db, &ctx, &csv, &mut |_| {}).expect("import");
    let walkout = common::six_day_walkout(&mut db, &ctx, first);
    let intents = usecases::intents(&db, walkout.id).expect("intents");
    let striking: Vec<i64> = intents.iter().step_by(3).map(|i| i.staff_id).collect();
    let working: Vec<i64> = intents
        .iter()
        .skip(1)
        .step_by(3)
        .map(|i| i.staff_id)
        .collect();
    usecases::intent_set(&mut db, &ctx, walkout.id, &striking, Intent::Striking).expect("set");
    usecases::intent_set(&mut db, &ctx, walkout.id, &working, Intent::Working).expect("set");
    let gaps = usecases::gaps(&db, walkout.id).expect("gaps");
    println!(
        "{weeks} weeks of rota ({rows} rows), walkout from {}: {} gaps; {} residents affected ({} striking, {} working)",
        walkout.start_local,
        gaps.len(),
        intents.len(),
        striking.len(),
        working.len()
    );

    let t = Instant::now();
    let c = usecases::candidates(&db, walkout.id, gaps[0].duty_id).expect("candidates");
    println!(
        "  first candidate list (builds the history): {:.0} ms ({} eligible, {} left out)",
        ms(t),
        c.eligible.len(),
        c.excluded.len()
    );
    let step = (gaps.len() / 50).max(1);
    let mut times: Vec<f64> = Vec::new();
    let mut eligible = 0;
    // `CANDIDATES_BENCH_REPEAT=n` lists each gap n times (for profiling this phase).
    let repeat: usize = std::env::var("CANDIDATES_BENCH_REPEAT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    for g in gaps
        .iter()
        .step_by(step)
        .take(50)
        .flat_map(|g| std::iter::repeat_n(g, repeat))
    {
        let t = Instant::now();
        let c = usecases::candidates(&db, walkout.id, g.duty_id).expect("candidates");
        times.push(ms(t));
        eligible += c.eligible.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "  candidates for one gap, all rules, all doctors: median {:.2} ms, max {:.2} ms ({} gaps, {:.0} eligible on average)",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len(),
        eligible as f64 / times.len() as f64
    );
    let mut totals = Vec::new();
    let mut counted = 0;
    for _ in 0..3 {
        let t = Instant::now();
        counted = usecases::candidate_counts(&db, walkout.id)
            .expect("counts")
            .len();
        totals.push(ms(t));
    }
    totals.sort_by(f64::total_cmp);
    println!(
        "  candidate counts for all {counted} gaps: median {:.0} ms of 3 runs",
        totals[1]
    );
}

fn main() {
    // History length before the walkout: 13, 26 and 26 weeks with another 25 after it.
    // `CANDIDATES_BENCH_QUICK=1` runs the first only.
    run(16, 13);
    if std::env::var_os("CANDIDATES_BENCH_QUICK").is_none() {
        run(29, 26);
        run(52, 26);
    }
}
