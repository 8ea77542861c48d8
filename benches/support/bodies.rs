//! The bodies the benchmarks run on, generated deterministically (no network,
//! no randomness between runs), and the serde types of the competitors.
//! Shared by `benches/parse.rs` and `examples/instructions.rs`.

use std::borrow::Cow;

use serde::Deserialize;

/// The header, for the serde-based competitors: borrowed where possible.
#[derive(Deserialize, Debug, PartialEq)]
pub struct SerdeHeader<'a> {
    #[serde(rename = "isSuccessful")]
    pub is_successful: bool,
    #[serde(rename = "resultCode")]
    pub result_code: i32,
    #[serde(rename = "resultMessage", borrow)]
    pub result_message: Option<Cow<'a, str>>,
}

/// A response holding only the header; unknown members are skipped.
#[derive(Deserialize)]
pub struct Response<'a> {
    #[serde(borrow)]
    pub header: SerdeHeader<'a>,
}

/// serde-json-core lends `&str` only (escapes left in), so its own struct.
#[derive(Deserialize)]
pub struct CoreHeader<'a> {
    #[serde(rename = "isSuccessful")]
    pub is_successful: bool,
    #[serde(rename = "resultCode")]
    pub result_code: i32,
    #[serde(rename = "resultMessage", borrow)]
    pub result_message: Option<&'a str>,
}

#[derive(Deserialize)]
pub struct CoreResponse<'a> {
    #[serde(borrow)]
    pub header: CoreHeader<'a>,
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
/// instance detail (tests/data/...instances-detail...json), about 0.9 KiB.
/// With `escaped`, every entry carries raw Korean and `\u` escapes in its
/// name and a `\"` and `\n` in its description.
fn instance(index: usize, random: &mut Lcg, escaped: bool) -> String {
    let mac: Vec<String> = (0..6)
        .map(|_| format!("{:02x}", random.next() % 256))
        .collect();
    let host = random.next() % 250 + 2;
    let (floating_a, floating_b) = (random.next() % 256, random.next() % 256);
    // Names as raw UTF-8 and as \u escapes; a description with escaped quotes and \n.
    let name = if escaped {
        format!("웹-\\\"서버\\\"-\\uc11c\\ubc84-{index:04}")
    } else if index.is_multiple_of(2) {
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

fn instances_body(count: usize, header_first: bool, escaped: bool) -> Vec<u8> {
    let mut random = Lcg(0x5eed);
    let list: Vec<String> = (0..count)
        .map(|i| instance(i, &mut random, escaped))
        .collect();
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
    "../../tests/data/compute-v1.0_header-example__TOAST-DOCS-Compute-Instance_en-old-error-code.json"
);

pub fn bodies() -> Vec<(String, Vec<u8>)> {
    let mut bodies = vec![("header_only".to_string(), HEADER_ONLY.to_vec())];
    for count in [1, 100, 1000] {
        for (position, first) in [("first", true), ("last", false)] {
            bodies.push((
                format!("instances_{count}_{position}"),
                instances_body(count, first, false),
            ));
        }
    }
    bodies.push((
        "escaped_1000_last".to_string(),
        instances_body(1000, false, true),
    ));
    bodies
}
