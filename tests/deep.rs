//! Nesting is tracked in a fixed bit stack, not by recursion: a body nested a
//! million levels deep is rejected on a small thread stack.

use nhncloud_header::{ErrorKind, parse, scan};

fn run_on_small_stack(body: Vec<u8>) -> [Result<(), nhncloud_header::Error>; 2] {
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || [parse(&body).map(drop), scan(&body).map(drop)])
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn a_million_nested_arrays_hit_the_depth_limit() {
    let mut body = br#"{"a":"#.to_vec();
    body.extend(std::iter::repeat_n(b'[', 1_000_000));
    let expected = 5 + 127; // the 128th array opens at depth 129
    for result in run_on_small_stack(body) {
        let error = result.unwrap_err();
        assert_eq!(
            (error.kind(), error.offset()),
            (ErrorKind::DepthLimit, expected)
        );
    }
}

#[test]
fn a_million_nested_objects_hit_the_depth_limit() {
    let body = r#"{"a":"#.repeat(1_000_000).into_bytes();
    for result in run_on_small_stack(body) {
        let error = result.unwrap_err();
        assert_eq!(
            (error.kind(), error.offset()),
            (ErrorKind::DepthLimit, 128 * 5)
        );
    }
}
