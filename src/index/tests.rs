//! Every kernel this machine has against the portable one (the reference),
//! and stage 1 against naive readings of escapes and UTF-8. Each check is
//! written once, generic over the kernel, and run for each.

extern crate std;

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::Kernel;
#[cfg(target_arch = "aarch64")]
use super::aarch64::neon::Neon;
use super::block::{self, Carry, Masks};
use super::portable::Portable;
#[cfg(target_arch = "x86_64")]
use super::x86_64::{avx2::Avx2, sse2::Sse2};
use crate::grammar::bytes::SPACES;
use crate::grammar::string::{CONTINUATION, FIRST_PRINTABLE, LEADS, NARROW_SECOND};

/// Stage 1 on one kernel.
type Stage1<'a> = &'a dyn Fn(&[u8; 64], u32, &mut Carry) -> Masks;

/// Runs `check` for every kernel the CPU has (the portable one included),
/// and says how many ran.
fn for_each_kernel(check: &mut dyn FnMut(Stage1<'_>, &str)) -> usize {
    fn stage1<K: Kernel>(kernel: K) -> impl Fn(&[u8; 64], u32, &mut Carry) -> Masks {
        move |bytes, skip, carry| block::index(kernel, bytes, skip, carry)
    }
    let mut ran = 0;
    check(&stage1(Portable), "portable");
    ran += 1;
    #[cfg(target_arch = "x86_64")]
    if let Some(kernel) = Sse2::new() {
        check(&stage1(kernel), "sse2");
        ran += 1;
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(kernel) = Avx2::new() {
        check(&stage1(kernel), "avx2");
        ran += 1;
    }
    #[cfg(target_arch = "aarch64")]
    if let Some(kernel) = Neon::new() {
        check(&stage1(kernel), "neon");
        ran += 1;
    }
    ran
}

/// The compares each kernel supplies, against the portable kernel's, for
/// one block.
fn compares_agree<K: Kernel>(kernel: K, bytes: &[u8; 64]) -> Result<(), String> {
    let (block, reference) = (kernel.load(bytes), Portable.load(bytes));
    let mut sets: Vec<(String, u64, u64)> = vec![
        (
            "quote".into(),
            kernel.equal(block, [b'"']),
            Portable.equal(reference, [b'"']),
        ),
        (
            "brackets".into(),
            kernel.equal(block, [b'{', b'[']),
            Portable.equal(reference, [b'{', b'[']),
        ),
        (
            "spaces".into(),
            kernel.spaces(block),
            Portable.equal(reference, SPACES),
        ),
        (
            "non_ascii".into(),
            kernel.non_ascii(block),
            Portable.non_ascii(reference),
        ),
    ];
    let mut ranges = vec![
        (0, FIRST_PRINTABLE - 1),
        CONTINUATION,
        (b'0', b'9'),
        (0x80, 0xFF),
        (0, 0),
    ];
    ranges.extend(LEADS);
    ranges.extend(NARROW_SECOND.iter().map(|&(_, range)| range));
    for (low, high) in ranges {
        sets.push((
            format!("within {low:#x}..={high:#x}"),
            kernel.within(block, low, high),
            Portable.within(reference, low, high),
        ));
    }
    for bits in [0, 1, 0x8000_0000_0000_0001, 0xDEAD_BEEF_1234_5678, u64::MAX] {
        sets.push((
            "prefix_xor".into(),
            kernel.prefix_xor(bits),
            Portable.prefix_xor(bits),
        ));
    }
    for (name, got, want) in sets {
        if got != want {
            return Err(format!(
                "{name}: {got:#018x}, portable {want:#018x}, block {bytes:02x?}"
            ));
        }
    }
    Ok(())
}

fn each_kernel_compares(bytes: &[u8; 64]) {
    compares_agree(Portable, bytes).unwrap();
    #[cfg(target_arch = "x86_64")]
    if let Some(kernel) = Sse2::new() {
        compares_agree(kernel, bytes).unwrap_or_else(|e| panic!("sse2 {e}"));
    }
    #[cfg(target_arch = "x86_64")]
    if let Some(kernel) = Avx2::new() {
        compares_agree(kernel, bytes).unwrap_or_else(|e| panic!("avx2 {e}"));
    }
    #[cfg(target_arch = "aarch64")]
    if let Some(kernel) = Neon::new() {
        compares_agree(kernel, bytes).unwrap_or_else(|e| panic!("neon {e}"));
    }
}

/// A small deterministic generator.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Bytes a JSON body is made of, and now and then any byte at all.
    fn byte(&mut self) -> u8 {
        const JSON: &[u8] = b"{}[]:,\"\\ \t\n\r0123456789-+.eEtrufalsn/bxyz\x00\x1f\x7f\x80\xbf\xc2\xdf\xe0\xed\xef\xf0\xf4\xff";
        match self.next() % 8 {
            0 => self.next() as u8,
            _ => JSON[(self.next() % JSON.len() as u64) as usize],
        }
    }

    fn block(&mut self) -> [u8; 64] {
        let mut bytes = [0; 64];
        for byte in bytes.iter_mut() {
            *byte = self.byte();
        }
        bytes
    }
}

const ALL_LANES: [usize; 64] = {
    let mut lanes = [0; 64];
    let mut i = 0;
    while i < 64 {
        lanes[i] = i;
        i += 1;
    }
    lanes
};

/// Cases for the slower tests: a few under Miri, which interprets.
const fn cases(native: usize) -> usize {
    if cfg!(miri) {
        native / 1000 + 1
    } else {
        native
    }
}

/// Every byte value in every lane: four blocks hold all 256 values, each
/// rotated through all 64 lanes (two rotations under Miri).
#[test]
fn every_byte_value_in_every_lane_compares_as_the_portable_kernel() {
    let rotations = if cfg!(miri) {
        [0, 37].as_slice()
    } else {
        &ALL_LANES
    };
    for &rotation in rotations {
        for part in 0..4 {
            let mut bytes = [0; 64];
            for (lane, byte) in bytes.iter_mut().enumerate() {
                *byte = (part * 64 + (lane + rotation) % 64) as u8;
            }
            each_kernel_compares(&bytes);
        }
    }
}

#[test]
fn random_blocks_compare_as_the_portable_kernel() {
    let mut random = Random(0x5eed_1234);
    for _ in 0..cases(20_000) {
        each_kernel_compares(&random.block());
    }
}

/// Every carry a block can start with, on random blocks and with every
/// skip: each kernel's stage 1 gives the portable kernel's masks and
/// carries.
#[test]
fn stage1_agrees_with_the_portable_kernel_for_every_carry_in() {
    let mut random = Random(0xface_feed);
    let mut carries = Vec::new();
    let continuations = if cfg!(miri) {
        [0, 5].as_slice()
    } else {
        &[0, 1, 2, 3, 4, 5, 6, 7]
    };
    for escaped in [0, 1] {
        for in_string in [0, u64::MAX] {
            for &continuations in continuations {
                for narrow in [0, 1, 2, 4, 8]
                    .into_iter()
                    .take(if cfg!(miri) { 2 } else { 5 })
                {
                    carries.push(Carry {
                        escaped,
                        in_string,
                        continuations,
                        narrow,
                    });
                }
            }
        }
    }
    let mut reference = Vec::new();
    let blocks: Vec<([u8; 64], u32)> = (0..cases(640))
        .map(|i| (random.block(), (i % 64) as u32 * (i % 3 == 0) as u32))
        .collect();
    for_each_kernel(&mut |stage1, name| {
        let mut answers = Vec::new();
        for (bytes, skip) in &blocks {
            for carry in &carries {
                let mut after = *carry;
                answers.push((stage1(bytes, *skip, &mut after), after));
            }
        }
        if reference.is_empty() {
            reference = answers;
        } else {
            for (k, (got, want)) in answers.iter().zip(&reference).enumerate() {
                let (block, carry) = (k / carries.len(), k % carries.len());
                assert_eq!(
                    got, want,
                    "{name}, block {block:?} with {:?}",
                    carries[carry]
                );
            }
        }
    });
}

/// The bytes right after a whole run of backslashes of odd length,
/// counted naively over a whole text. (The backslashes inside a run are
/// escaped too, but only as `\\\\`, always valid, and never a quote.)
fn naive_escaped(text: &[u8]) -> Vec<bool> {
    let mut run = 0;
    text.iter()
        .map(|&byte| {
            let escaped = run % 2 == 1 && byte != b'\\';
            run = if byte == b'\\' { run + 1 } else { 0 };
            escaped
        })
        .collect()
}

#[test]
fn escapes_across_blocks_match_a_naive_count() {
    let mut random = Random(0xbac_51a5);
    for _ in 0..cases(4_000) {
        // Runs of backslashes of every length, across block boundaries.
        let length = 64 * (1 + random.next() % 4) as usize;
        let text: Vec<u8> = (0..length)
            .map(|_| {
                if random.next().is_multiple_of(3) {
                    b'a'
                } else {
                    b'\\'
                }
            })
            .collect();
        let expected = naive_escaped(&text);
        let mut carry = 0;
        for (block, want) in text.chunks(64).zip(expected.chunks(64)) {
            let backslashes = block
                .iter()
                .enumerate()
                .fold(0u64, |mask, (i, &b)| mask | ((b == b'\\') as u64) << i);
            let got = block::escaped(backslashes, &mut carry);
            for (i, &escaped) in want.iter().enumerate() {
                assert_eq!(got >> i & 1 == 1, escaped, "byte {i} of {text:?}");
            }
        }
    }
}

/// Text without quotes, backslashes or control bytes, so that only UTF-8
/// can make it invalid, over several blocks.
#[test]
fn utf8_in_bulk_agrees_with_core() {
    let mut random = Random(0x07f8_c0de);
    let pieces: [&[u8]; 14] = [
        b"a",
        "é".as_bytes(),
        "€".as_bytes(),
        "𝄞".as_bytes(),
        "한".as_bytes(),
        b"\x80",
        b"\xc0\x80",
        b"\xe0\x9f\xbf",
        b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80",
        b"\xe3\x81",
        b"\xf0\x9f\x98",
        b"\xff",
        b" ",
    ];
    for round in 0..cases(20_000) {
        let mut text = Vec::new();
        let valid_only = round % 2 == 0;
        while text.len() < 64 * (1 + round % 3) + (random.next() % 64) as usize {
            let piece = pieces[(random.next() % pieces.len() as u64) as usize];
            if !valid_only || core::str::from_utf8(piece).is_ok() {
                text.extend_from_slice(piece);
            }
        }
        let expected = core::str::from_utf8(&text).is_ok();
        for_each_kernel(&mut |stage1, name| {
            let mut carry = Carry::default();
            let mut invalid = 0;
            for chunk in text.chunks(64) {
                let mut bytes = [b' '; 64];
                bytes[..chunk.len()].copy_from_slice(chunk);
                invalid |= stage1(&bytes, 0, &mut carry).invalid;
            }
            let valid = invalid == 0 && carry.is_settled();
            assert_eq!(valid, expected, "{name}: {text:02x?}");
        });
    }
}

#[test]
fn every_kernel_the_machine_has_is_tested() {
    let ran = for_each_kernel(&mut |_, _| {});
    #[cfg(target_arch = "x86_64")]
    assert!(ran >= 2, "SSE2 is part of x86_64");
    #[cfg(target_arch = "aarch64")]
    assert!(ran >= 2, "NEON is part of aarch64");
    assert!(ran >= 1);
}

/// A sample of the agreement tests (`tests/engines.rs` has them all),
/// small enough for Miri: bodies that take every path of the walk and
/// leave it at every kind of byte, at a few shifts, on every engine.
#[test]
fn sampled_bodies_agree_with_the_byte_wise_engine() {
    use crate::engines::Engine;
    use crate::options::Mode;
    use crate::options::Options;
    let (shifts, bodies, modes) = if cfg!(miri) {
        ([0, 63].as_slice(), 3, [Mode::Parse].as_slice())
    } else {
        (
            ALL_LANES.as_slice(),
            usize::MAX,
            [Mode::Parse, Mode::Scan].as_slice(),
        )
    };
    for body in crate::engine::tests::BODIES.iter().take(bodies) {
        for &shift in shifts {
            let mut shifted = std::vec![b' '; shift];
            shifted.extend_from_slice(body);
            for &mode in modes {
                let expected = Engine::ByteWise.extract(&shifted, mode, Options::new());
                for engine in Engine::ALL
                    .into_iter()
                    .filter(|engine| engine.is_available())
                {
                    let got = engine.extract(&shifted, mode, Options::new());
                    assert_eq!(
                        got, expected,
                        "{engine:?} {mode:?} shifted {shift}: {body:?}"
                    );
                }
            }
        }
    }
}

/// The planes a token lays down, and the check of the token after it, say
/// exactly what the structure table says, for every expectation and every
/// kind of token; but for a close of the other kind (`{]`, `[}`), which the
/// planes let through and the nesting rejects.
#[test]
fn planes_are_the_structure_table() {
    use super::walk::{Planes, Starts};
    use crate::grammar::bytes::{CLASSES, Class};
    use crate::grammar::structure::Expect;
    for expect in Expect::ALL {
        let laid = Planes::<bool>::laid_by(expect);
        let planes = Planes {
            keys: laid.keys as u64,
            values: laid.values as u64,
            closers: laid.closers as u64,
        };
        for class in CLASSES {
            let start = |kinds: &[Class]| kinds.contains(&class) as u64;
            let starts = Starts {
                quotes: start(&[Class::Quote]),
                values: start(&[
                    Class::OpenObject,
                    Class::OpenArray,
                    Class::Minus,
                    Class::Zero,
                    Class::Digit,
                    Class::Letter,
                ]),
                closes: start(&[Class::CloseObject, Class::CloseArray]),
                colons: start(&[Class::Colon]),
                commas: start(&[Class::Comma]),
            };
            let allowed = planes.misplaced(starts) == 0;
            let mismatch = matches!(
                (expect, class),
                (Expect::ObjectFirst, Class::CloseArray) | (Expect::ArrayFirst, Class::CloseObject)
            );
            if matches!(class, Class::Space | Class::Other) {
                // Never a token start: whitespace, or a stray byte, which
                // the index takes for a number and the grammar rejects.
                continue;
            }
            assert_eq!(
                allowed,
                expect.rule(class) || mismatch,
                "{expect:?} then {class:?}"
            );
        }
        // A key lays no plane: only a colon may follow it.
        assert_eq!(
            laid == Planes {
                keys: false,
                values: false,
                closers: false
            },
            expect == Expect::Colon
        );
    }
}
