//! Shared by the integration tests: the bundled corpus, a counting
//! allocator, the serde_json reference model and the document generator.
//! Each test binary uses part of it.
#![allow(dead_code)]

pub mod classify_reference;
pub mod engines;
pub mod generate;
pub mod locating;
pub mod reference;
pub mod rows;
pub mod streaming;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::PathBuf;

/// Property-test settings: `PROPTEST_CASES` cases (default `default_cases`;
/// set it to 100000 or more for a soak run, ideally with `--release`).
pub fn proptest_config(default_cases: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    proptest::test_runner::Config {
        cases,
        ..proptest::test_runner::Config::default()
    }
}

/// `body` with `shift` whitespace bytes before it (after its byte order
/// mark, if it has one).
pub fn shifted(body: &[u8], shift: usize) -> Vec<u8> {
    let (bom, rest) = match body.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&body[..3], rest),
        None => (&body[..0], body),
    };
    let pad = b" \n\t\r".iter().cycle().take(shift);
    bom.iter().chain(pad).chain(rest).copied().collect()
}

/// `check` on `body` shifted by every count from 0 to 130, so that each of
/// its structures falls at every position of a 64-byte block and across
/// block boundaries.
pub fn at_every_shift(
    body: &[u8],
    check: impl Fn(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    (0..=130).try_for_each(|shift| {
        check(&shifted(body, shift)).map_err(|e| format!("shifted by {shift}: {e}"))
    })
}

/// Every `.json` body under `tests/data`, sorted by file name.
pub fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut bodies: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("readable corpus file"))
        })
        .collect();
    bodies.sort();
    assert!(bodies.len() >= 20, "the corpus is bundled in tests/data");
    bodies
}

/// Counts allocations made by the current thread, so that tests running in
/// parallel do not disturb each other's counts.
pub struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `f` and returns its result with the number of allocations it made
/// on this thread. Only meaningful in a binary whose global allocator is
/// [`CountingAllocator`].
pub fn count_allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (result, ALLOCATIONS.with(Cell::get) - before)
}
