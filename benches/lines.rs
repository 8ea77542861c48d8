//! `nhncloud-header --lines` over a log of one million header-first
//! response bodies, against in-process `scan` over the same lines (split
//! with memchr, classified): how much of the library's rate the tool keeps
//! once it reads a file, writes a line per response and runs as a process.
//!
//! cargo bench --bench lines --features cli
//!
//! `Throughput::Bytes`, so criterion reports MB/s; lines per second are the
//! million lines over the time. The log is written once to a temporary
//! file; the tool's output goes to /dev/null.
//!
//! On a machine shared with other work, wall-clock time is mostly the
//! others' load: `NHNCLOUD_HEADER_BENCH_CPU=1` measures the CPU time used
//! instead (user and system, the tool's as a child process; from
//! /proc/self/stat, so Linux, in 10 ms ticks over samples of seconds).

use std::hint::black_box;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const LINES: usize = 1_000_000;

/// A million header-first bodies: mostly successes, some failures of each
/// kind, with a payload after the header as list responses have.
fn log() -> (PathBuf, Vec<u8>) {
    let codes: [(bool, i32, &str); 6] = [
        (true, 0, "SUCCESS"),
        (true, 0, "SUCCESS"),
        (true, 0, "SUCCESS"),
        (false, 10404, "Not Found : instance"),
        (false, -4, "Invalid parameters : name"),
        (false, 20001, "No available IP"),
    ];
    let mut log = Vec::with_capacity(LINES * 160);
    for line in 0..LINES {
        let (ok, code, message) = codes[line % codes.len()];
        log.extend_from_slice(
            format!(
                r#"{{"header":{{"isSuccessful":{ok},"resultCode":{code},"resultMessage":"{message}"}},"servers":[{{"id":"{line:08x}-5f3c-4b7e-a8a9-1e7c5d6f4a20","status":"ACTIVE"}}]}}"#
            )
            .as_bytes(),
        );
        log.push(b'\n');
    }
    let path = std::env::temp_dir().join(format!(
        "nhncloud-header-lines-bench-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(&path, &log).unwrap();
    (path, log)
}

/// In-process: split with memchr, `scan` each line and read its code in
/// Compute's table (what the tool prints: category, advice, consistency).
fn scan_lines(log: &[u8]) -> usize {
    let mut unsuccessful = 0;
    for line in memchr::memchr_iter(b'\n', log).scan(0, |start, end| {
        let line = &log[*start..end];
        *start = end + 1;
        Some(line)
    }) {
        let header = nhncloud_header::scan(line).unwrap();
        let meaning = header.meaning(nhncloud_header::Service::Compute);
        unsuccessful += usize::from(meaning.category != nhncloud_header::Category::Success);
    }
    unsuccessful
}

fn tool(path: &PathBuf, flags: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_nhncloud-header"))
        .args(flags)
        .arg(path)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    // 1: some bodies say isSuccessful false; none is malformed.
    assert_eq!(status.code(), Some(1));
}

/// The CPU time this process and its waited-for children have used:
/// fields 14 to 17 of /proc/self/stat, in clock ticks of 1/100 s (Linux's
/// USER_HZ).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    // The command name, in parentheses, may hold spaces: count from after it.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: u64 = fields[11..15]
        .iter()
        .map(|field| field.parse::<u64>().unwrap())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// `iters` runs of `run`, timed on the wall clock or, when asked, in CPU
/// time.
fn timed(iters: u64, mut run: impl FnMut()) -> Duration {
    let cpu = std::env::var_os("NHNCLOUD_HEADER_BENCH_CPU").is_some();
    let (wall, used) = (Instant::now(), cpu_time());
    for _ in 0..iters {
        run();
    }
    if cpu {
        cpu_time() - used
    } else {
        wall.elapsed()
    }
}

fn lines(c: &mut Criterion) {
    let (path, log) = log();
    assert_eq!(
        scan_lines(&log),
        (0..LINES).filter(|line| line % 6 >= 3).count()
    );
    let mut group = c.benchmark_group("lines_1M");
    group.throughput(Throughput::Bytes(log.len() as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("in_process_scan", |b| {
        b.iter_custom(|iters| {
            timed(iters, || {
                black_box(scan_lines(black_box(&log)));
            })
        })
    });
    for (name, flags) in [
        ("tool_lines_scan", &["--lines", "--scan"][..]),
        ("tool_lines_scan_mmap", &["--lines", "--scan", "--mmap"]),
        ("tool_lines_scan_json", &["--lines", "--scan", "--json"]),
        ("tool_lines_parse_summary", &["--lines", "--summary"]),
    ] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| timed(iters, || tool(&path, flags)))
        });
    }
    group.finish();
    let _ = std::fs::remove_file(path);
}

criterion_group!(benches, lines);
criterion_main!(benches);
