//! Turns the latest criterion results of `benches/parse.rs` into the README's
//! markdown tables: median time and throughput per body per competitor, and
//! the ratios the benchmark targets are stated in.
//!
//! cargo bench --bench parse && cargo run --release --example bench_report

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// Median nanoseconds and body bytes, by group then competitor.
type Results = BTreeMap<String, BTreeMap<String, (f64, f64)>>;

fn read(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

fn results(root: &Path) -> Results {
    let mut results = Results::new();
    for group in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for bench in std::fs::read_dir(group.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let new = bench.path().join("new");
            let (Some(info), Some(estimates)) = (
                read(&new.join("benchmark.json")),
                read(&new.join("estimates.json")),
            ) else {
                continue;
            };
            let (Some(group), Some(function)) =
                (info["group_id"].as_str(), info["function_id"].as_str())
            else {
                continue;
            };
            let (Some(median), Some(bytes)) = (
                estimates["median"]["point_estimate"].as_f64(),
                info["throughput"]["Bytes"].as_f64(),
            ) else {
                continue;
            };
            results
                .entry(group.to_string())
                .or_default()
                .insert(function.to_string(), (median, bytes));
        }
    }
    results
}

fn time(ns: f64) -> String {
    match ns {
        ns if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        ns if ns >= 1e3 => format!("{:.1} µs", ns / 1e3),
        ns => format!("{ns:.0} ns"),
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    let results = results(&root);
    if results.is_empty() {
        eprintln!(
            "no results under {}: run `cargo bench --bench parse` first",
            root.display()
        );
        std::process::exit(1);
    }
    let order = [
        "header_only",
        "instances_1_first",
        "instances_1_last",
        "instances_100_first",
        "instances_100_last",
        "instances_1000_first",
        "instances_1000_last",
    ];
    let competitors: Vec<String> = {
        let mut all: Vec<_> = results.values().flat_map(|g| g.keys().cloned()).collect();
        all.sort();
        all.dedup();
        all
    };
    println!("| body (bytes) | {} |", competitors.join(" | "));
    println!("|---|{}", "---|".repeat(competitors.len()));
    for group in order {
        let Some(row) = results.get(group) else {
            continue;
        };
        let bytes = row.values().next().map_or(0.0, |&(_, b)| b);
        let cells: Vec<String> = competitors
            .iter()
            .map(|c| match row.get(c) {
                Some(&(ns, bytes)) => format!("{} ({:.2} GB/s)", time(ns), bytes / ns),
                None => "".to_string(),
            })
            .collect();
        println!("| {group} ({bytes:.0}) | {} |", cells.join(" | "));
    }
    let median = |group: &str, competitor: &str| {
        results
            .get(group)
            .and_then(|g| g.get(competitor))
            .map(|&(ns, _)| ns)
    };
    let ratio = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a / b);
    println!();
    println!("| target | measured | goal | met |");
    println!("|---|---|---|---|");
    let row = |name: &str, value: Option<f64>, goal: &str, met: fn(f64) -> bool| match value {
        Some(v) => println!(
            "| {name} | {v:.2} | {goal} | {} |",
            if met(v) { "yes" } else { "**no**" }
        ),
        None => println!("| {name} | not measured | {goal} | |"),
    };
    row(
        "header_only: parse time / serde-json-core time",
        ratio(
            median("header_only", "nhncloud_header/parse"),
            median("header_only", "serde_json_core/derive"),
        ),
        "≤ 0.50",
        |v| v <= 0.5,
    );
    row(
        "instances_1000_first: scan time / sonic-rs get time",
        ratio(
            median("instances_1000_first", "nhncloud_header/scan"),
            median("instances_1000_first", "sonic_rs/get"),
        ),
        "≤ 0.25",
        |v| v <= 0.25,
    );
    row(
        "scan time: instances_1000_first / instances_1_first",
        ratio(
            median("instances_1000_first", "nhncloud_header/scan"),
            median("instances_1_first", "nhncloud_header/scan"),
        ),
        "≤ 1.20",
        |v| v <= 1.2,
    );
    row(
        "instances_1000_last: parse throughput / serde_json",
        ratio(
            median("instances_1000_last", "serde_json/derive"),
            median("instances_1000_last", "nhncloud_header/parse"),
        ),
        "≥ 2.00",
        |v| v >= 2.0,
    );
    row(
        "instances_1000_last: parse throughput / sonic-rs get",
        ratio(
            median("instances_1000_last", "sonic_rs/get"),
            median("instances_1000_last", "nhncloud_header/parse"),
        ),
        "≥ 2.00",
        |v| v >= 2.0,
    );
    row(
        "instances_100_first: parse throughput / serde_json",
        ratio(
            median("instances_100_first", "serde_json/derive"),
            median("instances_100_first", "nhncloud_header/parse"),
        ),
        "≥ 2.00",
        |v| v >= 2.0,
    );
    if median("instances_1000_last", "nhncloud_header/stream_64").is_some() {
        row(
            "instances_1000_last: stream (64-byte chunks) time / parse time",
            ratio(
                median("instances_1000_last", "nhncloud_header/stream_64"),
                median("instances_1000_last", "nhncloud_header/parse"),
            ),
            "≤ 1.50",
            |v| v <= 1.5,
        );
    }
}
