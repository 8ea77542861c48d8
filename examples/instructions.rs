//! Runs one competitor of `benches/parse.rs` on one of its bodies, for
//! counting instructions with callgrind: exact and repeatable, whatever else
//! the machine is doing, where wall-clock timings on shared machines are not.
//!
//! cargo build --release --example instructions
//! valgrind --tool=callgrind target/release/examples/instructions parse instances_1000_last 3
//!
//! Subtract a run of `none` (building the bodies) and divide by the count.
//! The body `corpus` is every documentation body in `tests/data/` that
//! `parse` accepts, each run in turn; its byte count goes to standard error
//! (instructions per byte: the difference divided by count and bytes).
//! Competitors: parse, scan, stream_64, stream_16k, serde_json, serde_json_core,
//! sonic_rs_get, and `parse_ENGINE` / `stage1_KERNEL` for each engine this
//! machine runs (byte_wise, sse2, avx2, neon, portable).

use std::hint::black_box;

use nhncloud_header::engines::Engine;
use nhncloud_header::{Mode, Options, StreamParser};

#[path = "../benches/support/bodies.rs"]
mod bodies;

use bodies::{CoreResponse, Response, SerdeHeader, bodies};

fn run(competitor: &str, body: &[u8]) {
    match competitor {
        "parse" => drop(black_box(nhncloud_header::parse(black_box(body)).unwrap())),
        "scan" => drop(black_box(nhncloud_header::scan(black_box(body)).unwrap())),
        "locate" => drop(black_box(nhncloud_header::locate(black_box(body)).unwrap())),
        "stream_64" | "stream_16k" => {
            let size = if competitor == "stream_64" {
                64
            } else {
                16 << 10
            };
            let mut parser = StreamParser::<64>::new(Mode::Parse);
            for chunk in black_box(body).chunks(size) {
                parser.feed(chunk).unwrap();
            }
            black_box(parser.finish().unwrap().result_code().integer());
        }
        "serde_json" => drop(black_box(
            serde_json::from_slice::<Response>(black_box(body))
                .unwrap()
                .header
                .result_code,
        )),
        "serde_json_core" => {
            let (response, _) =
                serde_json_core::from_slice::<CoreResponse>(black_box(body)).unwrap();
            let header = response.header;
            black_box((
                header.is_successful,
                header.result_code,
                header.result_message,
            ));
        }
        "sonic_rs_get" => {
            let header = sonic_rs::get(black_box(body), ["header"]).unwrap();
            black_box(
                sonic_rs::from_str::<SerdeHeader>(header.as_raw_str())
                    .unwrap()
                    .result_code,
            );
        }
        "none" => {}
        engine
            if engine.starts_with("parse_")
                || engine.starts_with("locate_")
                || engine.starts_with("stage1_") =>
        {
            let (what, name) = engine.split_once('_').unwrap();
            let engine = Engine::ALL
                .into_iter()
                .find(|e| e.name() == name && e.is_available())
                .expect("an engine this machine runs");
            if what == "parse" {
                black_box(engine.extract(black_box(body), Mode::Parse, Options::new()));
            } else if what == "locate" {
                black_box(engine.locate(black_box(body), Options::new()));
            } else {
                black_box(engine.index_only(black_box(body)));
            }
        }
        other => panic!("unknown competitor {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, competitor, body_name, count] = &args[..] else {
        eprintln!("usage: instructions COMPETITOR BODY COUNT");
        std::process::exit(2);
    };
    let count = count.parse::<usize>().expect("a count");
    if body_name == "corpus" {
        let corpus = corpus();
        eprintln!(
            "{} bodies, {} bytes",
            corpus.len(),
            corpus.iter().map(Vec::len).sum::<usize>()
        );
        for _ in 0..count {
            for body in &corpus {
                run(competitor, body);
            }
        }
        return;
    }
    let body = bodies()
        .into_iter()
        .find(|(name, _)| name == body_name)
        .expect("a body of benches/parse.rs")
        .1;
    for _ in 0..count {
        run(competitor, &body);
    }
}

/// The documentation bodies of `tests/data/` that `parse` accepts, in name
/// order.
fn corpus() -> Vec<Vec<u8>> {
    let directory = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let mut paths: Vec<_> = std::fs::read_dir(directory)
        .expect("tests/data")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| std::fs::read(path).expect("a body"))
        .filter(|body| nhncloud_header::parse(body).is_ok())
        .collect()
}
