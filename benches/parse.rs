//! Getting the header out of a response body: this crate against serde_json,
//! serde-json-core and sonic-rs, on the same bytes in the same run.
//!
//! cargo bench --bench parse
//!
//! One group per body; `Throughput::Bytes` so criterion reports GB/s. Every
//! competitor's answer is checked before it is timed.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use nhncloud_header::engines::Engine;
use nhncloud_header::{Mode, Options, OwnedHeader, StreamParser};

#[path = "support/bodies.rs"]
mod bodies;

use bodies::{CoreResponse, Response, SerdeHeader, bodies};

/// Every competitor must find the same header before it is timed.
fn check(body: &[u8]) {
    let expected = (true, 0, "SUCCESS");
    assert_eq!(stream_16k(body), stream_64(body));
    let streamed = stream_64(body).unwrap();
    assert_eq!(
        (
            streamed.is_successful(),
            streamed.result_code().integer().unwrap(),
            streamed.result_message().unwrap()
        ),
        expected
    );
    let ours = nhncloud_header::parse(body).unwrap();
    assert_eq!(
        (
            ours.is_successful,
            ours.result_code.integer().unwrap(),
            ours.result_message.unwrap().as_str().unwrap()
        ),
        expected
    );
    assert_eq!(nhncloud_header::scan(body).unwrap(), ours);
    assert_eq!(nhncloud_header::locate(body).unwrap(), ours);
    let serde = serde_json::from_slice::<Response>(body).unwrap().header;
    assert_eq!(
        (
            serde.is_successful,
            serde.result_code,
            serde.result_message.as_deref().unwrap()
        ),
        expected
    );
    let (core, _) = serde_json_core::from_slice::<CoreResponse>(body).unwrap();
    let core = core.header;
    assert_eq!(
        (
            core.is_successful,
            core.result_code,
            core.result_message.unwrap()
        ),
        expected
    );
    let lazy = sonic_rs::get(body, ["header"]).unwrap();
    assert_eq!(
        sonic_rs::from_str::<SerdeHeader>(lazy.as_raw_str()).unwrap(),
        serde
    );
    // SAFETY: the body was just validated by three parsers.
    let unchecked = unsafe { sonic_rs::get_unchecked(body, ["header"]) }.unwrap();
    assert_eq!(
        sonic_rs::from_str::<SerdeHeader>(unchecked.as_raw_str()).unwrap(),
        serde
    );
}

/// The streaming parser in parse mode, fed the body in 64-byte chunks as a
/// device reading a socket into a 64-byte buffer would.
fn stream_64(body: &[u8]) -> Result<OwnedHeader<64>, nhncloud_header::Error> {
    stream(body, 64)
}

/// The streaming parser in parse mode, fed the body in 16 KiB chunks, as
/// hyper hands a gateway a response's frames.
fn stream_16k(body: &[u8]) -> Result<OwnedHeader<64>, nhncloud_header::Error> {
    stream(body, 16 << 10)
}

fn stream(body: &[u8], chunk_size: usize) -> Result<OwnedHeader<64>, nhncloud_header::Error> {
    let mut parser = StreamParser::<64>::new(Mode::Parse);
    for chunk in body.chunks(chunk_size) {
        parser.feed(chunk)?;
    }
    parser.finish().map(|header| header.to_owned_header())
}

/// `parse` and `locate` on each engine this machine runs, and stage 1
/// alone on each kernel: how far the walk is from the character scan.
fn engines(group: &mut BenchmarkGroup<'_, WallTime>, body: &[u8]) {
    for engine in Engine::ALL {
        if !engine.is_available() || engine == Engine::Portable {
            continue;
        }
        let expected = nhncloud_header::parse(body).unwrap();
        assert_eq!(
            engine.extract(body, Mode::Parse, Options::new()),
            Some(Ok(expected))
        );
        group.bench_function(format!("engine/parse_{}", engine.name()), |b| {
            b.iter(|| engine.extract(black_box(body), Mode::Parse, Options::new()))
        });
        assert_eq!(engine.locate(body, Options::new()), Some(Ok(expected)));
        group.bench_function(format!("engine/locate_{}", engine.name()), |b| {
            b.iter(|| engine.locate(black_box(body), Options::new()))
        });
        if engine != Engine::ByteWise {
            group.bench_function(format!("engine/stage1_{}", engine.name()), |b| {
                b.iter(|| engine.index_only(black_box(body)))
            });
        }
    }
}

fn competitors(group: &mut BenchmarkGroup<'_, WallTime>, body: &[u8]) {
    group.bench_function("nhncloud_header/stream_64", |b| {
        b.iter(|| stream_64(black_box(body)).map(|h| h.result_code().integer()))
    });
    group.bench_function("nhncloud_header/stream_16k", |b| {
        b.iter(|| stream_16k(black_box(body)).map(|h| h.result_code().integer()))
    });
    group.bench_function("nhncloud_header/parse", |b| {
        b.iter(|| nhncloud_header::parse(black_box(body)))
    });
    group.bench_function("nhncloud_header/scan", |b| {
        b.iter(|| nhncloud_header::scan(black_box(body)))
    });
    group.bench_function("nhncloud_header/locate", |b| {
        b.iter(|| nhncloud_header::locate(black_box(body)))
    });
    // The memory's yardstick: one pass over every byte, finding nothing.
    group.bench_function("memchr/absent_byte", |b| {
        b.iter(|| memchr::memchr(0xFF, black_box(body)))
    });
    group.bench_function("serde_json/derive", |b| {
        b.iter(|| serde_json::from_slice::<Response>(black_box(body)).map(|r| r.header.result_code))
    });
    group.bench_function("serde_json_core/derive", |b| {
        b.iter(|| {
            serde_json_core::from_slice::<CoreResponse>(black_box(body))
                .map(|(r, _)| r.header.result_code)
        })
    });
    group.bench_function("sonic_rs/get", |b| {
        b.iter(|| {
            let header = sonic_rs::get(black_box(body), ["header"]).unwrap();
            sonic_rs::from_str::<SerdeHeader>(header.as_raw_str()).map(|h| h.result_code)
        })
    });
    group.bench_function("sonic_rs/get_unchecked", |b| {
        b.iter(|| {
            // SAFETY: `check` validated this body; this is the no-validation reference.
            let header = unsafe { sonic_rs::get_unchecked(black_box(body), ["header"]) }.unwrap();
            sonic_rs::from_str::<SerdeHeader>(header.as_raw_str()).map(|h| h.result_code)
        })
    });
}

fn bench(c: &mut Criterion) {
    for (name, body) in bodies() {
        check(&body);
        let mut group = c.benchmark_group(&name);
        group.throughput(Throughput::Bytes(body.len() as u64));
        competitors(&mut group, &body);
        engines(&mut group, &body);
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
