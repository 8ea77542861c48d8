//! Peak stack use of each entry point, measured by painting: fill the stack
//! below the current frame with a pattern, run the entry point, and find the
//! deepest byte it overwrote. Budgets hold for release builds, which
//! `.ci/run` measures in both configurations (`cargo test --release --test
//! stack`, and again with `--cfg nhncloud_header_small`), failing unless
//! both tests ran; debug builds use far more stack and are not what users
//! ship, so this binary's tests are ignored there, with that reason shown.
#![allow(unsafe_code)]

mod common;

use std::hint::black_box;

use common::corpus;
use nhncloud_header::engines::Engine;
use nhncloud_header::{
    Error, ErrorKind, Header, Mode, ResultCode, StreamParser, classify, parse, scan,
};

/// Bytes painted below the measuring frame.
const PAINTED: usize = 32 * 1024;
const PATTERN: u8 = 0xA5;

/// Budgets per entry point, in bytes, for a release build on x86_64: the
/// first figure for the default build, the second for the small-code build
/// (`--cfg nhncloud_header_small`). Each is about 5% above what it measured
/// when it was set (in brackets), and `parse` and `scan` stay within the
/// 512 bytes the README promises. A row's name starts with its entry point;
/// the StreamParser rows also count the parser's state and the owned header
/// the caller holds.
const BUDGETS: [(&str, usize, usize); 8] = [
    // [463 on the slowest engine; 247]
    ("parse on", 487, 260),
    ("scan on", 487, 260),
    // [407; 247]
    ("locate on", 428, 260),
    // [479; 303]
    ("parse (100000-deep arrays)", 503, 319),
    // [375; 303]
    ("locate (100000-deep arrays)", 394, 319),
    // [472; 424]
    ("StreamParser<64> feed + finish", 496, 446),
    // [8; 8]
    ("classify", 8, 8),
    // [176; 176]
    ("Message::unescape_into", 185, 185),
];

/// The budget of the row `name`, in the build being tested.
fn budget(name: &str) -> Option<usize> {
    let (_, default, small) = BUDGETS.iter().find(|(entry, ..)| name.starts_with(entry))?;
    Some(if cfg!(not(nhncloud_header_fast)) {
        *small
    } else {
        *default
    })
}

#[inline(never)]
fn paint() {
    let mut area = [0u8; PAINTED];
    for byte in area.iter_mut() {
        // SAFETY: a plain write to a local; volatile so it is not elided.
        unsafe { std::ptr::write_volatile(byte, PATTERN) };
    }
    black_box(&area);
}

/// Bytes of stack `f` used below this function's frame.
#[inline(never)]
fn peak_stack(f: &dyn Fn()) -> usize {
    let marker = 0u8;
    let top = black_box(&marker as *const u8 as usize);
    paint();
    f();
    let bottom = top - PAINTED;
    (bottom..top)
        // SAFETY: these addresses lie in this thread's stack, just painted
        // by `paint` and possibly overwritten by `f`; they stay mapped.
        .find(|&address| unsafe { std::ptr::read_volatile(address as *const u8) } != PATTERN)
        .map_or(0, |deepest| top - deepest)
}

/// Runs `f` on a fresh thread with room for the painting.
fn measure(f: impl Fn() + Send + 'static) -> usize {
    measure_after(move || peak_stack(&f))
}

/// Runs `setup` on a fresh thread; it prepares its inputs and measures only
/// the call of interest with `peak_stack`.
fn measure_after(setup: impl FnOnce() -> usize + Send + 'static) -> usize {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(setup)
        .unwrap()
        .join()
        .unwrap()
}

/// A function with a known frame: the painting must see about that much.
#[inline(never)]
fn uses_a_kilobyte() {
    let mut area = [0u8; 1024];
    for (i, byte) in area.iter_mut().enumerate() {
        // SAFETY: a plain write to a local; volatile so it is not elided.
        unsafe { std::ptr::write_volatile(byte, i as u8) };
    }
    black_box(&area);
}

/// Stands in for `parse` and `scan` to measure what calling them costs the
/// caller: the call and the returned header.
#[inline(never)]
fn stub(body: &[u8]) -> Result<Header<'_>, Error> {
    Ok(Header {
        is_successful: black_box(false),
        result_code: ResultCode::Integer(body.len() as i32),
        result_message: None,
    })
}

fn big_body() -> Vec<u8> {
    let instance = r#"{"id":"3f0d7a52-9c4e-4b1a-8e6f-000000000001","name":"web-サーバー","metadata":{"d":"a \"q\"\n\u30c6"},"n":[1,2.5e3,-0,true,null]}"#;
    let list = vec![instance; 2000].join(",");
    format!(r#"{{"instances":[{list}],"header":{{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not \u0046ound"}}}}"#)
        .into_bytes()
}

/// The header's key escaped, after 64 bytes, in a body long enough for the
/// index to run first: the index decodes it.
fn escaped_key_body() -> Vec<u8> {
    format!(
        r#"{{"padding":"{}","he\u0061der":{{"isSuccessful":true,"resultCode":0,"resultMessage":"S"}}}}"#,
        "x".repeat(300)
    )
    .into_bytes()
}

fn deep_body() -> Vec<u8> {
    let mut body = br#"{"a":"#.to_vec();
    body.extend(std::iter::repeat_n(b'[', 100_000));
    body
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack budgets are for release builds: run with --release"
)]
fn painting_measures_a_known_frame() {
    let used = measure(uses_a_kilobyte);
    assert!(
        (1024..1024 + 256).contains(&used),
        "measured {used} bytes for a 1024-byte frame"
    );
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "stack budgets are for release builds: run with --release"
)]
fn every_entry_point_stays_within_the_budget() {
    // What the harness itself uses, taken off each figure: a closure calling
    // a do-nothing function of `parse`'s signature (its result lives in the
    // closure's frame, as a caller's would), or an empty one.
    let stub_harness = measure(|| {
        let _ = black_box(stub(black_box(b"")));
    });
    let harness = measure(|| black_box(()));
    println!(
        "{:<48} {stub_harness:>5} bytes (harness for parse and scan)",
        "closure calling a stub"
    );
    println!(
        "{:<48} {harness:>5} bytes (harness for the rest)",
        "empty closure"
    );
    let small = corpus()
        .into_iter()
        .find(|(name, _)| name.contains("instances-detail"))
        .unwrap()
        .1;
    let small = std::sync::Arc::new(small);
    let big = std::sync::Arc::new(big_body());
    let deep = std::sync::Arc::new(deep_body());
    let mut rows = Vec::new();
    let mut row = |name: &str, measured: usize| {
        let one_shot = ["parse", "scan", "locate"]
            .iter()
            .any(|f| name.starts_with(f));
        let used = measured.saturating_sub(if one_shot { stub_harness } else { harness });
        println!("{name:<48} {used:>5} bytes");
        rows.push((name.to_string(), used));
    };
    let escaped = std::sync::Arc::new(escaped_key_body());
    // `parse` and `scan` on each engine they may run first here: the best
    // kernel of this CPU, and the others a CPU without it would run.
    let best = Engine::best();
    for engine in [Engine::Avx2, Engine::Sse2, Engine::Neon, Engine::ByteWise] {
        if !engine.set_best() {
            continue;
        }
        let e = engine.name();
        for (label, body) in [
            ("corpus instance detail", &small),
            ("2000 instances, header last", &big),
            ("escaped header key", &escaped),
        ] {
            let b = body.clone();
            row(
                &format!("parse on {e} ({label})"),
                measure(move || {
                    let _ = black_box(parse(black_box(&b)));
                }),
            );
            let b = body.clone();
            row(
                &format!("scan on {e} ({label})"),
                measure(move || {
                    let _ = black_box(scan(black_box(&b)));
                }),
            );
            let b = body.clone();
            row(
                &format!("locate on {e} ({label})"),
                measure(move || {
                    let _ = black_box(nhncloud_header::locate(black_box(&b)));
                }),
            );
        }
    }
    best.set_best();
    for (label, body) in [
        ("corpus instance detail", &small),
        ("2000 instances, header last", &big),
    ] {
        let b = body.clone();
        row(
            &format!("StreamParser<64> feed + finish, 64-byte chunks ({label})"),
            measure(move || {
                let mut parser = StreamParser::<64>::new(Mode::Parse);
                for chunk in b.chunks(64) {
                    let _ = black_box(parser.feed(black_box(chunk)));
                }
                let _ = black_box(parser.finish());
            }),
        );
    }
    let b = deep.clone();
    row(
        "parse (100000-deep arrays)",
        measure(move || {
            assert_eq!(
                parse(black_box(&b)).unwrap_err().kind(),
                ErrorKind::DepthLimit
            );
        }),
    );
    let b = deep.clone();
    row(
        "locate (100000-deep arrays)",
        measure(move || {
            assert_eq!(
                nhncloud_header::locate(black_box(&b)).unwrap_err().kind(),
                ErrorKind::DepthLimit
            );
        }),
    );
    row(
        "classify",
        measure(|| {
            black_box(classify(black_box(10404)));
        }),
    );
    let b = big.clone();
    row(
        "Message::unescape_into",
        measure_after(move || {
            let message = parse(&b).unwrap().result_message.unwrap();
            peak_stack(&|| {
                let mut buffer = [0u8; 32];
                let _ = black_box(message.unescape_into(black_box(&mut buffer)));
            })
        }),
    );
    for (entry, ..) in BUDGETS {
        assert!(
            rows.iter().any(|(name, _)| name.starts_with(entry)),
            "{entry} was not measured"
        );
    }
    println!("measured {} rows", rows.len());
    for (name, used) in rows {
        let budget = budget(&name).unwrap_or_else(|| panic!("{name} has no budget"));
        assert!(
            used <= budget,
            "{name}: {used} bytes of stack, budget {budget}"
        );
    }
}
