//! Property tests against serde_json, the naive reference: generated bodies
//! (and mutations of them) must be accepted exactly when the reference
//! accepts them, with equal fields, or rejected with the error kind, field
//! and offset the reference names (see `common/reference.rs` for where it
//! can name them). Cases: `PROPTEST_CASES` (default 512; set it to 100000
//! or more for a soak run, ideally with `--release`).

mod common;

use common::generate::{Mutation, Role, Scope, Shape, apply, document, mutated_document, mutation};
use common::reference::{Checked, Reference, check_one_shot, judge};
use common::{CountingAllocator, count_allocations};
use nhncloud_header::{ErrorKind, parse, scan};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Everything one body must satisfy; says how closely the reference could
/// check it.
fn check(body: &[u8]) -> Result<Checked, TestCaseError> {
    let (parsed, parse_allocations) = count_allocations(|| parse(body));
    let (scanned, scan_allocations) = count_allocations(|| scan(body));
    prop_assert_eq!(
        parse_allocations + scan_allocations,
        0,
        "parse and scan allocate nothing"
    );
    check_one_shot(body, &parsed, &scanned).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(common::proptest_config(512))]

    #[test]
    fn generated_documents_agree_with_serde_json(body in document()) {
        check(&body)?;
    }

    #[test]
    fn mutated_documents_agree_with_serde_json(body in mutated_document()) {
        check(&body)?;
    }
}

/// `count` values of `strategy`, the same ones every run.
fn samples<S: Strategy>(strategy: S, count: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::deterministic();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// 2000 generated documents, shared by the tests of the generator: making
/// them is most of their cost.
static DOCUMENTS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| samples(document(), 2000));

/// The surrogate pairs in `body`, by how their hex digits are cased.
fn pair_spellings(body: &[u8]) -> BTreeSet<&'static str> {
    let is_unit = |escape: &[u8], second: &[u8]| {
        escape.len() == 6
            && escape[..2] == *b"\\u"
            && escape[2].eq_ignore_ascii_case(&b'd')
            && second.contains(&escape[3].to_ascii_lowercase())
            && escape[4..].iter().all(u8::is_ascii_hexdigit)
    };
    body.windows(12)
        .filter(|pair| is_unit(&pair[..6], b"89ab") && is_unit(&pair[6..], b"cdef"))
        .map(|pair| match (pair[2], pair[8]) {
            (b'D', b'D') => "upper",
            (b'd', b'd') => "lower",
            _ => "mixed",
        })
        .collect()
}

/// Guards the generator itself: a generator that only produced garbage, or
/// only the happy path, would make the properties above vacuous.
#[test]
fn generator_covers_valid_headers_and_each_rejection() {
    let (mut valid, mut invalid_json, mut too_deep) = (0, 0, 0);
    let (mut rejected, mut pairs) = (BTreeSet::new(), BTreeSet::new());
    for body in DOCUMENTS.iter() {
        pairs.extend(pair_spellings(body));
        match judge(body) {
            Reference::Header { .. } => valid += 1,
            Reference::InvalidJson(_) => invalid_json += 1,
            Reference::Rejected(rejection) => {
                rejected.insert(rejection.kind.name());
            }
            Reference::TooDeep { .. } => too_deep += 1,
        }
    }
    eprintln!("of 2000 generated documents: {valid} valid, rejections seen: {rejected:?}");
    assert!(
        valid >= 600,
        "only {valid} of 2000 generated documents carry a valid header"
    );
    assert_eq!(invalid_json, 0, "unmutated documents are valid JSON");
    assert!(too_deep > 0, "the generator never nested past 128 levels");
    for kind in [
        "missing_header",
        "missing_field",
        "duplicate_key",
        "wrong_type",
        "invalid_result_code",
    ] {
        assert!(
            rejected.contains(kind),
            "the generator never produced {kind}: {rejected:?}"
        );
    }
    assert_eq!(
        pairs,
        BTreeSet::from(["lower", "mixed", "upper"]),
        "surrogate pairs in every case"
    );
}

/// What a targeted mutation aims at, to tally that the generator reaches
/// each one.
fn target(mutation: &Mutation) -> Option<String> {
    Some(match mutation {
        Mutation::TrailingComma(scope, _) => format!("trailing comma in {scope:?}"),
        Mutation::DoubledComma(scope, _) => format!("doubled comma in {scope:?}"),
        Mutation::MissingColon(scope, _) => format!("missing colon in {scope:?}"),
        Mutation::Surrogate(role, _, _, shape) => format!("{shape:?} in a {role:?}"),
        Mutation::Straddle { .. } => "straddle".to_string(),
        _ => return None,
    })
}

/// The `\u` escapes (`width` 6) or surrogate pairs (`width` 12) in `body`
/// that straddle each multiple of 64.
fn straddled_boundaries(body: &[u8], width: usize) -> BTreeSet<usize> {
    (0..body.len().saturating_sub(width))
        .filter(|&at| body[at..].starts_with(b"\\u"))
        .filter(|&at| width == 6 || pair_spellings(&body[at..at + 12]).len() == 1)
        .filter_map(|at| {
            let boundary = (at / 64 + 1) * 64;
            (boundary < at + width).then_some(boundary)
        })
        .collect()
}

/// Each targeted mutation is drawn, lands, and makes the body exactly as
/// valid as intended: the trailing and doubled commas, missing colons and
/// broken surrogates invalid JSON, the valid surrogate shapes and the
/// block-straddling padding not. (The crate agreeing on each is the
/// property tests' job; it is checked here too.)
#[test]
fn generator_produces_each_targeted_mutation() {
    // Each document takes two mutations in turn.
    let documents: Vec<_> = DOCUMENTS
        .iter()
        .filter(|body| !matches!(judge(body), Reference::TooDeep { .. }))
        .collect();
    let mutations = samples(mutation(), 4000);
    let mut landed: BTreeMap<String, usize> = BTreeMap::new();
    let (mut escapes_straddled, mut pairs_straddled) = (BTreeSet::new(), BTreeSet::new());
    for (document, mutation) in documents.iter().cycle().zip(&mutations) {
        let Some(target) = target(mutation) else {
            continue;
        };
        let mut body = document.to_vec();
        if !apply(&mut body, mutation) {
            continue;
        }
        *landed.entry(target.clone()).or_default() += 1;
        let keeps_valid = match mutation {
            Mutation::Surrogate(.., shape) => shape.is_valid(),
            Mutation::Straddle { .. } => {
                escapes_straddled.extend(straddled_boundaries(&body, 6));
                pairs_straddled.extend(straddled_boundaries(&body, 12));
                true
            }
            _ => false,
        };
        let reference = judge(&body);
        assert_eq!(
            matches!(reference, Reference::InvalidJson(_)),
            !keeps_valid,
            "{target}: {reference:?}\nbody: {:?}",
            String::from_utf8_lossy(&body)
        );
        check(&body).unwrap_or_else(|e| panic!("{target}: {e}"));
    }
    eprintln!("targeted mutations that landed: {landed:?}");
    let mut targets = vec!["straddle".to_string()];
    for scope in [Scope::Header, Scope::Object, Scope::Array] {
        targets.push(format!("trailing comma in {scope:?}"));
        targets.push(format!("doubled comma in {scope:?}"));
    }
    for scope in [Scope::Header, Scope::Object] {
        targets.push(format!("missing colon in {scope:?}"));
    }
    for role in [Role::Key, Role::Value, Role::Message] {
        for shape in Shape::ALL {
            targets.push(format!("{shape:?} in a {role:?}"));
        }
    }
    for target in targets {
        assert!(
            landed.contains_key(&target),
            "the generator never produced {target}"
        );
    }
    for boundary in [64, 128] {
        assert!(
            escapes_straddled.contains(&boundary),
            "no \\u escape across offset {boundary}"
        );
        assert!(
            pairs_straddled.contains(&boundary),
            "no surrogate pair across offset {boundary}"
        );
    }
}

/// The offset comparison must not match nothing: most rejections of
/// mutated documents that serde_json finds invalid are checked at the
/// offset its line and column name, every rejection of valid JSON at the
/// offset of the key or value serde_json read, and each error kind is
/// checked at an offset at least once (but `not_an_object`: a mutated
/// object is seldom valid JSON of another type; `empty`: a body cut to
/// whitespace alone is as rare; the rule rows and every prefix of the
/// corpus have both; and `code_too_long`, which only a reader with a
/// bounded room gives).
#[test]
fn most_rejections_are_checked_at_an_offset() {
    let mut tally: BTreeMap<(&str, Checked), usize> = BTreeMap::new();
    let mut kinds_at_offset = BTreeSet::new();
    let mut kinds_before: BTreeMap<&str, usize> = BTreeMap::new();
    for body in samples(mutated_document(), 2500) {
        let how = check(&body).unwrap_or_else(|e| panic!("{e}"));
        let reference = match judge(&body) {
            Reference::Header { .. } => "valid",
            Reference::InvalidJson(_) => "invalid JSON",
            Reference::Rejected(_) => "header rule",
            Reference::TooDeep { .. } => "too deep",
        };
        *tally.entry((reference, how)).or_default() += 1;
        match (how, parse(&body)) {
            (Checked::Offset, Err(error)) => {
                kinds_at_offset.insert(error.kind().name());
            }
            (Checked::Before, Err(error)) => {
                *kinds_before.entry(error.kind().name()).or_default() += 1;
            }
            _ => {}
        }
    }
    eprintln!(
        "of 2500 mutated documents, by the reference's verdict and how closely checked: {tally:?}"
    );
    eprintln!("error kinds checked at an offset: {kinds_at_offset:?}; before: {kinds_before:?}");
    let count = |reference, how| tally.get(&(reference, how)).copied().unwrap_or(0);
    let (at_offset, before) = (
        count("invalid JSON", Checked::Offset),
        count("invalid JSON", Checked::Before),
    );
    assert!(
        at_offset * 3 >= (at_offset + before) * 2,
        "only {at_offset} of {} rejections of invalid JSON checked at an offset",
        at_offset + before
    );
    assert!(
        count("header rule", Checked::Offset) >= 100,
        "too few rejections of valid JSON: {tally:?}"
    );
    let missed: Vec<&str> = ErrorKind::ALL
        .iter()
        .map(|kind| kind.name())
        .filter(|&kind| {
            !matches!(kind, "not_an_object" | "empty" | "code_too_long")
                && !kinds_at_offset.contains(kind)
        })
        .collect();
    assert!(missed.is_empty(), "never checked at an offset: {missed:?}");
}

#[test]
fn counting_allocator_counts() {
    let (vector, count) = count_allocations(|| vec![1u8; 100]);
    assert_eq!(vector.len(), 100);
    assert_eq!(count, 1);
}
