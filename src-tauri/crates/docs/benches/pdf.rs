//! Request PDF timings (release: `cargo bench -p strikecover-docs`): a request with 40 shifts
//! and 300 attempts.
//!
//! (a) First render in a fresh process, `Renderer::new()` included: the bench runs itself as a
//!     child process five times (`STRIKECOVER_DOCS_BENCH_CHILD=1`), each child timing its one
//!     render, and prints the median and the worst.
//! (b) Warm renders with one `Renderer`: 20 renders, each of a new version (so no render is a
//!     repeat of the one before), median and worst; then the same with typst's memo cache
//!     emptied before each render, i.e. the cost with nothing reused.

use std::process::Command;
use std::time::{Duration, Instant};
use strikecover_docs::{sample, Renderer};

const CHILD: &str = "STRIKECOVER_DOCS_BENCH_CHILD";
const SHIFTS: usize = 40;
const ATTEMPTS: usize = 300;

fn main() {
    if std::env::var_os(CHILD).is_some() {
        let doc = sample::document(SHIFTS, ATTEMPTS);
        let t = Instant::now();
        let pdf = Renderer::new()
            .pdf(&doc)
            .expect("the bench request renders");
        let took = t.elapsed();
        println!("{} {}", took.as_nanos(), pdf.len());
        return;
    }

    let exe = std::env::current_exe().expect("the bench binary's path");
    let mut first: Vec<Duration> = (0..5)
        .map(|_| {
            let out = Command::new(&exe)
                .env(CHILD, "1")
                .output()
                .expect("the bench runs itself");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let line = String::from_utf8(out.stdout).expect("UTF-8");
            let nanos: u64 = line
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .expect("the child prints its time");
            Duration::from_nanos(nanos)
        })
        .collect();
    first.sort();
    println!(
        "pdf first render in a fresh process (Renderer::new + render, {SHIFTS} shifts, {ATTEMPTS} attempts), 5 processes: median {:.0} ms, max {:.0} ms",
        ms(first[2]),
        ms(first[4])
    );

    let renderer = Renderer::new();
    let doc = sample::document(SHIFTS, ATTEMPTS);
    let render = |version: u32| {
        let mut d = doc.clone();
        d.content.version = version;
        d.content_hash = d.content.hash();
        d.approval = d.approval.map(|mut a| {
            a.version = version;
            a.content_hash = d.content_hash.clone();
            a
        });
        let t = Instant::now();
        let pdf = renderer.pdf(&d).expect("renders");
        (t.elapsed(), pdf.len())
    };
    let (_, bytes) = render(1);
    let rss_first = memory("VmRSS");
    let mut warm: Vec<Duration> = (0..20).map(|i| render(2 + i).0).collect();
    warm.sort();
    println!(
        "pdf warm render (same Renderer, a new version each time), 20 renders: median {:.0} ms, max {:.0} ms ({} KiB)",
        ms(warm[10]),
        ms(warm[19]),
        bytes / 1024
    );

    let mut cold: Vec<Duration> = (0..10)
        .map(|i| {
            typst::comemo::evict(0);
            render(100 + i).0
        })
        .collect();
    cold.sort();
    println!(
        "pdf render with typst's memo cache emptied first, 10 renders: median {:.0} ms, max {:.0} ms",
        ms(cold[5]),
        ms(cold[9])
    );
    let more: Vec<_> = (0..20).map(|i| render(200 + i).0).collect();
    drop(more);
    println!(
        "memory: resident {} after the first render, {} after 50 more (typst's memo cache is trimmed after each render); peak {}",
        rss_first,
        memory("VmRSS"),
        memory("VmHWM")
    );
}

/// A line of /proc/self/status (Linux), e.g. "VmRSS: 123456 kB", as MiB.
fn memory(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or_else(|| "unknown".into(), |kb| format!("{} MiB", kb / 1024))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
