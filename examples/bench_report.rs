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
        "escaped_1000_last",
    ];
    let all: Vec<String> = {
        let mut all: Vec<_> = results.values().flat_map(|g| g.keys().cloned()).collect();
        all.sort();
        all.dedup();
        all
    };
    // One table for the competitors, one for this crate's engines.
    let (engines, competitors): (Vec<String>, Vec<String>) =
        all.into_iter().partition(|c| c.starts_with("engine/"));
    for columns in [&competitors, &engines] {
        println!("| body (bytes) | {} |", columns.join(" | "));
        println!("|---|{}", "---|".repeat(columns.len()));
        for group in order {
            let Some(row) = results.get(group) else {
                continue;
            };
            let bytes = row.values().next().map_or(0.0, |&(_, b)| b);
            let cells: Vec<String> = columns
                .iter()
                .map(|c| match row.get(c) {
                    Some(&(ns, bytes)) => format!("{} ({:.2} GB/s)", time(ns), bytes / ns),
                    None => "".to_string(),
                })
                .collect();
            println!("| {group} ({bytes:.0}) | {} |", cells.join(" | "));
        }
        println!();
    }
    let median = |group: &str, competitor: &str| {
        results
            .get(group)
            .and_then(|g| g.get(competitor))
            .map(|&(ns, _)| ns)
    };
    // How many times faster `fast` is than `slow` on `group` (a throughput ratio).
    let speedup = |group: &str, fast: &str, slow: &str| {
        median(group, slow)
            .zip(median(group, fast))
            .map(|(s, f)| s / f)
    };
    println!("| target | measured | goal | met |");
    println!("|---|---|---|---|");
    let row = |name: &str, value: Option<f64>, goal: &str, met: bool| match value {
        Some(v) => println!(
            "| {name} | {v:.2} | {goal} | {} |",
            if met { "yes" } else { "**no**" }
        ),
        None => println!("| {name} | not measured | {goal} | |"),
    };
    let at_least = |v: Option<f64>, goal: f64| v.is_some_and(|v| v >= goal);
    let at_most = |v: Option<f64>, goal: f64| v.is_some_and(|v| v <= goal);
    for body in [
        "instances_1000_last",
        "escaped_1000_last",
        "instances_100_last",
    ] {
        for function in ["parse", "scan"] {
            let ours = format!("nhncloud_header/{function}");
            let v = speedup(body, &ours, "serde_json/derive");
            row(
                &format!("{body}: {function} throughput / serde_json"),
                v,
                "≥ 2.50",
                at_least(v, 2.5),
            );
            let v = speedup(body, &ours, "sonic_rs/get");
            row(
                &format!("{body}: {function} throughput / sonic-rs get"),
                v,
                "≥ 2.00",
                at_least(v, 2.0),
            );
        }
        let v = speedup(body, "engine/parse_sse2", "serde_json/derive");
        row(
            &format!("{body}: parse on SSE2 / serde_json"),
            v,
            "≥ 1.80",
            at_least(v, 1.8),
        );
    }
    let v = median("header_only", "nhncloud_header/parse")
        .zip(median("header_only", "serde_json_core/derive"))
        .map(|(a, b)| a / b);
    row(
        "header_only: parse time / serde-json-core time",
        v,
        "≤ 0.40",
        at_most(v, 0.4),
    );
    let v = median("instances_1000_first", "nhncloud_header/scan")
        .zip(median("instances_1_first", "nhncloud_header/scan"))
        .map(|(a, b)| a / b);
    row(
        "scan time: instances_1000_first / instances_1_first",
        v,
        "≤ 1.20",
        at_most(v, 1.2),
    );
}
