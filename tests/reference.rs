//! Property tests against serde_json, the naive reference: generated bodies
//! (and byte-level mutations of them) must be accepted exactly when the
//! reference accepts them, with equal fields, or rejected with the same
//! header rule. Cases: `PROPTEST_CASES` (default 512; set it to 100000 or
//! more for a soak run, ideally with `--release`).

mod common;

use common::generate::{document, mutated_document};
use common::reference::{Reference, check_one_shot, judge};
use common::{CountingAllocator, count_allocations};
use nhncloud_header::{parse, scan};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Everything one body must satisfy.
fn check(body: &[u8]) -> Result<(), TestCaseError> {
    let (parsed, parse_allocations) = count_allocations(|| parse(body));
    let (scanned, scan_allocations) = count_allocations(|| scan(body));
    prop_assert_eq!(
        parse_allocations + scan_allocations,
        0,
        "parse and scan allocate nothing"
    );
    check_one_shot(body, &parsed, &scanned).map_err(TestCaseError::fail)?;
    Ok(())
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

/// Guards the generator itself: a generator that only produced garbage, or
/// only the happy path, would make the properties above vacuous.
#[test]
fn generator_covers_valid_headers_and_each_rejection() {
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let (mut valid, mut invalid_json, mut too_deep, mut rejected) =
        (0, 0, 0, std::collections::BTreeSet::new());
    for _ in 0..2000 {
        let body = strategy.new_tree(&mut runner).unwrap().current();
        match judge(&body) {
            Reference::Header { .. } => valid += 1,
            Reference::InvalidJson => invalid_json += 1,
            Reference::Rejected(kind) => {
                rejected.insert(kind.name());
            }
            Reference::TooDeep => too_deep += 1,
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
}

#[test]
fn counting_allocator_counts() {
    let (vector, count) = count_allocations(|| vec![1u8; 100]);
    assert_eq!(vector.len(), 100);
    assert_eq!(count, 1);
}
