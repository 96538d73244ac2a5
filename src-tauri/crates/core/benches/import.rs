//! Import benchmark: the large synthetic trust (2,500 doctors, 60 departments, 3 sites,
//! 52 weeks) as CSV, imported into a fresh database file, against the sqlite3 shell's `.import`
//! of the same CSV into a bare table, in the same run.
//!
//! Run: `cargo bench -p strikecover-core --bench import` (needs the `sqlite3` shell for the
//! comparison). Each import runs in a child process so that its peak memory is its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use strikecover_core::demo::{write_synthetic_csv, SynthParams};
use strikecover_core::store::Db;
use strikecover_core::usecases::{self, Ctx};

const RUNS: usize = 3;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Child mode: import `csv` into a new database at `db`; print "secs peak_mib".
fn child(csv: &Path, db: &Path) {
    let started = Instant::now();
    let mut d = Db::open(db).expect("open");
    let parsed = strikecover_core::import::parse_file(csv, &mut |_| {}).expect("parse");
    let parse_secs = started.elapsed().as_secs_f64();
    let s = usecases::import_parsed(
        &mut d,
        &Ctx::new("bench", chrono::Utc::now()),
        &parsed,
        "sha",
        &mut |_| {},
    )
    .expect("import");
    drop(d);
    let secs = started.elapsed().as_secs_f64();
    eprintln!("parse {parse_secs:.2} s, write {:.2} s", secs - parse_secs);
    assert!(s.added > 400_000, "{} rows added", s.added);
    println!("{secs} {}", peak_rss_mib());
}

/// What the window asks for with the whole large trust loaded: the sites list, a site's week
/// and one department's week of the rota, the staff list. Median of 10 calls each.
fn views(db: &Path, monday: chrono::NaiveDate) {
    let db = Db::open(db).expect("open imported db");
    let sites = usecases::sites(&db).expect("sites");
    let site = &sites[0];
    let week = |site_id, department_id| strikecover_core::views::RotaQuery {
        site_id,
        department_id,
        from: monday + chrono::Duration::weeks(20),
        days: 7,
    };
    let time = |what: &str, f: &mut dyn FnMut() -> usize| {
        let mut t = Vec::new();
        let mut n = 0;
        for _ in 0..10 {
            let s = Instant::now();
            n = f();
            t.push(s.elapsed().as_secs_f64() * 1000.0);
        }
        println!("view {what}: {n} rows, median {:.1} ms", median(&mut t));
    };
    time("sites_list", &mut || usecases::sites(&db).unwrap().len());
    time("rota_query (a site's week)", &mut || {
        usecases::rota(&db, &week(Some(site.id), None))
            .unwrap()
            .len()
    });
    let dept = site.departments[0].id;
    time("rota_query (a department's week)", &mut || {
        usecases::rota(&db, &week(None, Some(dept))).unwrap().len()
    });
    time("staff_list", &mut || usecases::staff(&db).unwrap().len());
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 && args[1] == "--child" {
        child(Path::new(&args[2]), Path::new(&args[3]));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("large-trust.csv");
    let monday = chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
    let t = Instant::now();
    let stats = write_synthetic_csv(
        std::io::BufWriter::new(std::fs::File::create(&csv).unwrap()),
        &SynthParams::large(monday),
    )
    .expect("generate");
    println!(
        "generated {} rows ({} doctors, {} vacant, {:.1} MiB) in {:.2} s",
        stats.rows,
        stats.doctors,
        stats.vacancies,
        stats.bytes as f64 / 1048576.0,
        t.elapsed().as_secs_f64()
    );

    let me = std::env::current_exe().unwrap();
    let mut ours = Vec::new();
    let mut peaks = Vec::new();
    let mut size = 0u64;
    for i in 0..RUNS {
        let db: PathBuf = dir.path().join(format!("ours-{i}.sqlite3"));
        let out = Command::new(&me)
            .arg("--child")
            .arg(&csv)
            .arg(&db)
            .output()
            .expect("child");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        let mut it = text.split_whitespace();
        ours.push(it.next().unwrap().parse::<f64>().unwrap());
        peaks.push(it.next().unwrap().parse::<f64>().unwrap());
        size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0)
            + std::fs::metadata(db.with_extension("sqlite3-wal"))
                .map(|m| m.len())
                .unwrap_or(0);
    }

    let mut shell = Vec::new();
    for i in 0..RUNS {
        let db = dir.path().join(format!("bare-{i}.sqlite3"));
        let t = Instant::now();
        let out = Command::new("sqlite3")
            .arg(&db)
            .arg(".mode csv")
            .arg(format!(".import {} duties", csv.display()))
            .output();
        match out {
            Ok(o) if o.status.success() => shell.push(t.elapsed().as_secs_f64()),
            Ok(o) => panic!(
                "sqlite3 .import failed: {}",
                String::from_utf8_lossy(&o.stderr)
            ),
            Err(e) => {
                println!("sqlite3 shell not available ({e}): comparison skipped");
                break;
            }
        }
    }

    views(
        &dir.path().join(format!("ours-{}.sqlite3", RUNS - 1)),
        monday,
    );

    let ours_med = median(&mut ours);
    println!(
        "strikecover import: median {:.2} s over {RUNS} runs {:?}",
        ours_med, ours
    );
    println!(
        "peak memory (import process): {:.0} MiB",
        peaks.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "database size after import: {:.1} MiB",
        size as f64 / 1048576.0
    );
    if !shell.is_empty() {
        let shell_med = median(&mut shell);
        println!(
            "sqlite3 .import (bare table): median {:.2} s over {} runs {:?}",
            shell_med,
            shell.len(),
            shell
        );
        println!(
            "ratio: {:.2}x (target at most 2x); target at most 3 s: {}",
            ours_med / shell_med,
            if ours_med <= 3.0 { "met" } else { "NOT met" }
        );
    }
}
