//! Getting the header out of a response body: this crate against serde_json,
//! serde-json-core and sonic-rs, on the same bytes in the same run.
//!
//! cargo bench --bench parse
//!
//! One group per body; `Throughput::Bytes` so criterion reports GB/s. Every
//! competitor's answer is checked before it is timed.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};
use nhncloud_header::{Mode, OwnedHeader, StreamParser};
use serde::Deserialize;

/// The header, for the serde-based competitors: borrowed where possible.
#[derive(Deserialize, Debug, PartialEq)]
struct SerdeHeader<'a> {
    #[serde(rename = "isSuccessful")]
    is_successful: bool,
    #[serde(rename = "resultCode")]
    result_code: i32,
    #[serde(rename = "resultMessage", borrow)]
    result_message: Option<Cow<'a, str>>,
}

/// A response holding only the header; unknown members are skipped.
#[derive(Deserialize)]
struct Response<'a> {
    #[serde(borrow)]
    header: SerdeHeader<'a>,
}

/// serde-json-core lends `&str` only (escapes left in), so its own struct.
#[derive(Deserialize)]
struct CoreHeader<'a> {
    #[serde(rename = "isSuccessful")]
    is_successful: bool,
    #[serde(rename = "resultCode")]
    result_code: i32,
    #[serde(rename = "resultMessage", borrow)]
    result_message: Option<&'a str>,
}

#[derive(Deserialize)]
struct CoreResponse<'a> {
    #[serde(borrow)]
    header: CoreHeader<'a>,
}

const HEADER: &str = r#""header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}"#;

/// A small deterministic generator: the bodies are identical in every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn hex(&mut self, digits: usize) -> String {
        (0..digits)
            .map(|_| char::from_digit((self.next() % 16) as u32, 16).unwrap())
            .collect()
    }

    fn uuid(&mut self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(4),
            self.hex(4),
            self.hex(12)
        )
    }
}

/// One entry of a Compute `instances` list, in the shape of the documented
/// instance detail (tests/data/...instances-detail...json), about 0.8 KiB.
fn instance(index: usize, random: &mut Lcg) -> String {
    let mac: Vec<String> = (0..6)
        .map(|_| format!("{:02x}", random.next() % 256))
        .collect();
    let host = random.next() % 250 + 2;
    let (floating_a, floating_b) = (random.next() % 256, random.next() % 256);
    // Names as raw UTF-8 and as \u escapes; a description with escaped quotes and \n.
    let name = if index.is_multiple_of(2) {
        format!("web-サーバー-{index:04}")
    } else {
        format!("db-\\u30c7\\u30fc\\u30bf-{index:04}")
    };
    format!(
        concat!(
            r#"{{"addresses":[{{"macAddress":"{mac}","ipAddress":"192.168.{subnet}.{host}","version":4,"#,
            r#""floatingIpAddress":"133.186.{fa}.{fb}"}}],"availabilityZone":"kr-pub-{zone}","#,
            r#""flavor":{{"id":"{flavor}","name":"m2.c4m8","cpu":4,"ram":8192}},"status":"ACTIVE","#,
            r#""id":"{id}","name":"{name}","image":"{image}","#,
            r#""metadata":{{"description":"front \"edge\" node #{index}\nrole: web","owner":"team-\uD55C\uAE00","tier":"gold"}},"#,
            r#""keyName":"prod-key-{key}","volumes":{{"root":{{"size":50,"type":"General HDD"}},"#,
            r#""attachments":[{{"id":"{volume}","name":"data-{index}","size":100,"type":"General SSD"}}]}},"#,
            r#""securityGroups":[{{"name":"default"}},{{"name":"web-{zone}"}}],"#,
            r#""launchedAt":"2024-03-{day:02}T12:{minute:02}:56Z","createdAt":"2024-03-{day:02}T12:30:00Z","#,
            r#""updatedAt":"2024-03-{day:02}T12:35:10.123456Z","progress":100,"powerState":1,"locked":false,"ephemeral":null}}"#
        ),
        mac = mac.join(":"),
        subnet = index % 256,
        host = host,
        fa = floating_a,
        fb = floating_b,
        zone = if index.is_multiple_of(3) { "a" } else { "b" },
        flavor = random.uuid(),
        id = random.uuid(),
        name = name,
        image = random.uuid(),
        index = index,
        key = random.hex(6),
        volume = random.uuid(),
        day = index % 28 + 1,
        minute = index % 60,
    )
}

fn instances_body(count: usize, header_first: bool) -> Vec<u8> {
    let mut random = Lcg(0x5eed);
    let list: Vec<String> = (0..count).map(|i| instance(i, &mut random)).collect();
    let instances = format!(r#""instances":[{}]"#, list.join(","));
    let body = if header_first {
        format!("{{{HEADER},{instances}}}")
    } else {
        format!("{{{instances},{HEADER}}}")
    };
    body.into_bytes()
}

/// The seed's example body, byte for byte.
const HEADER_ONLY: &[u8] = include_bytes!(
    "../tests/data/compute-v1.0_header-example__TOAST-DOCS-Compute-Instance_en-old-error-code.json"
);

fn bodies() -> Vec<(String, Vec<u8>)> {
    let mut bodies = vec![("header_only".to_string(), HEADER_ONLY.to_vec())];
    for count in [1, 100, 1000] {
        for (position, first) in [("first", true), ("last", false)] {
            bodies.push((
                format!("instances_{count}_{position}"),
                instances_body(count, first),
            ));
        }
    }
    bodies
}

/// Every competitor must find the same header before it is timed.
fn check(body: &[u8]) {
    let expected = (true, 0, "SUCCESS");
    let streamed = stream_64(body).unwrap();
    assert_eq!(
        (
            streamed.is_successful,
            streamed.result_code,
            streamed.result_message.as_deref().unwrap()
        ),
        expected
    );
    let ours = nhncloud_header::parse(body).unwrap();
    assert_eq!(
        (
            ours.is_successful,
            ours.result_code,
            ours.result_message.unwrap().as_str().unwrap()
        ),
        expected
    );
    assert_eq!(nhncloud_header::scan(body).unwrap(), ours);
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
    let mut parser = StreamParser::<64>::new(Mode::Parse);
    for chunk in body.chunks(64) {
        parser.feed(chunk)?;
    }
    parser.finish()
}

fn competitors(group: &mut BenchmarkGroup<'_, WallTime>, body: &[u8]) {
    group.bench_function("nhncloud_header/stream_64", |b| {
        b.iter(|| stream_64(black_box(body)).map(|h| h.result_code))
    });
    group.bench_function("nhncloud_header/parse", |b| {
        b.iter(|| nhncloud_header::parse(black_box(body)))
    });
    group.bench_function("nhncloud_header/scan", |b| {
        b.iter(|| nhncloud_header::scan(black_box(body)))
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
