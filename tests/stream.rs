//! The streaming parser: same answers as the one-shot functions however the
//! body is cut, in fixed memory, without allocating, truncating the message
//! only openly.

mod common;

use common::generate::{document, mutated_document};
use common::streaming::{
    ROOM, agree, check_cuts_at_escapes, check_every_feeding, chunks_of, one_shot, random_chunks,
    stream,
};
use common::{CountingAllocator, corpus, count_allocations};
use nhncloud_header::{
    ErrorKind, Mode, OwnedHeader, ReadError, ResultCode, Status, StreamParser, parse,
};
use proptest::prelude::*;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn every_corpus_body_fed_every_way_agrees_with_the_one_shot_functions() {
    for (name, body) in corpus() {
        check_every_feeding(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

proptest! {
    #![proptest_config(common::proptest_config(256))]

    #[test]
    fn generated_documents_at_random_chunk_sizes(body in mutated_document(), sizes in proptest::collection::vec(0usize..100, 1..40)) {
        let chunks = chunks_of(&body, &sizes);
        prop_assert_eq!(chunks.concat(), body.clone());
        for mode in [Mode::Scan, Mode::Parse] {
            let (streamed, allocations) = count_allocations(|| stream::<ROOM>(mode, chunks.iter().copied()));
            prop_assert_eq!(allocations, 0);
            if let Err(disagreement) = agree(&one_shot(mode, &body), &streamed) {
                return Err(TestCaseError::fail(format!("{mode:?}: {disagreement}\nbody: {:?}", String::from_utf8_lossy(&body))));
            }
        }
    }

    #[test]
    fn mutated_documents_cut_at_their_escapes(body in mutated_document()) {
        if let Err(disagreement) = check_cuts_at_escapes(&body) {
            return Err(TestCaseError::fail(disagreement));
        }
    }

    #[test]
    fn generated_documents_at_every_split(body in document().prop_filter("short", |b| b.len() <= 600)) {
        if let Err(disagreement) = check_every_feeding(&body) {
            return Err(TestCaseError::fail(disagreement));
        }
    }
}

#[test]
fn state_fits_in_64_bytes_plus_the_message_room() {
    fn check<const N: usize>() {
        let size = size_of::<StreamParser<N>>();
        assert!(
            size <= StreamParser::<N>::SIZE_BOUND,
            "StreamParser<{N}> is {size} bytes"
        );
        assert_eq!(StreamParser::<N>::SIZE_BOUND, 64 + N);
    }
    check::<0>();
    check::<1>();
    check::<7>();
    check::<8>();
    check::<15>();
    check::<64>();
    check::<100>();
    check::<256>();
    check::<1000>();
    println!("StreamParser<64>: {} bytes", size_of::<StreamParser<64>>());
}

#[test]
fn feeding_allocates_nothing() {
    let (_, control) = count_allocations(|| Box::new(1));
    assert_eq!(control, 1, "the counter counts");
    for (_, body) in corpus() {
        for mode in [Mode::Scan, Mode::Parse] {
            let (result, allocations) = count_allocations(|| stream::<64>(mode, body.chunks(3)));
            assert!(result.is_ok());
            assert_eq!(allocations, 0);
        }
    }
}

#[test]
fn a_million_nested_arrays_one_byte_at_a_time() {
    let mut body = br#"{"a":"#.to_vec();
    body.extend(std::iter::repeat_n(b'[', 1_000_000));
    let result = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || stream::<8>(Mode::Parse, body.chunks(1)))
        .unwrap()
        .join()
        .unwrap();
    let error = result.unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (ErrorKind::DepthLimit, 5 + 127)
    );
}

#[test]
fn an_error_sticks() {
    let mut parser = StreamParser::<8>::new(Mode::Parse);
    assert_eq!(parser.feed(b"{\"a\":"), Ok(Status::Partial));
    let error = parser.feed(b"01,").unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (ErrorKind::InvalidNumber, 6)
    );
    assert_eq!(parser.feed(b"\"fine\"}"), Err(error));
    assert_eq!(parser.feed(b""), Err(error));
    assert_eq!(
        parser.offset(),
        5 + 3,
        "chunks after the error are not counted"
    );
    assert_eq!(parser.finish(), Err(error));
}

#[test]
fn after_the_header_scan_reads_no_further() {
    let mut parser = StreamParser::<8>::new(Mode::Scan);
    let body = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"OK"}"#;
    assert_eq!(parser.feed(&body[..20]), Ok(Status::Partial));
    assert_eq!(parser.feed(&body[20..]), Ok(Status::Complete));
    assert_eq!(
        parser.feed(b"garbage that is never read \xff"),
        Ok(Status::Complete)
    );
    assert_eq!(parser.offset(), body.len());
    let header = parser.finish().unwrap();
    assert_eq!(
        (header.is_successful(), header.result_code()),
        (true, ResultCode::Integer(0))
    );
    assert_eq!(header.result_message(), Some("OK"));
    assert!(!header.message_truncated());
}

#[test]
fn empty_chunks_change_nothing() {
    let body = br#"{"header":{"isSuccessful":false,"resultCode":-1,"resultMessage":null}}"#;
    let mut parser = StreamParser::<8>::new(Mode::Parse);
    for chunk in body.chunks(5) {
        assert_eq!(parser.feed(b""), Ok(Status::Partial));
        assert_eq!(parser.feed(chunk), Ok(Status::Partial));
    }
    let header = parser.finish().unwrap();
    assert_eq!(
        (
            header.is_successful(),
            header.result_code(),
            header.result_message()
        ),
        (false, ResultCode::Integer(-1), None)
    );
}

fn with_message(literal: &str) -> Vec<u8> {
    format!(r#"{{"header":{{"isSuccessful":false,"resultCode":-4,"resultMessage":{literal}}}}}"#)
        .into_bytes()
}

#[test]
fn a_long_message_keeps_whole_characters_and_says_it_was_cut() {
    // "éé" is 4 bytes, "€" 3 more: with room for 5, only "éé" fits.
    let body = with_message(r#""\u00e9é€x""#);
    for chunking in [body.chunks(1).collect::<Vec<_>>(), vec![&body[..]]] {
        let header: OwnedHeader<5> = stream(Mode::Parse, chunking).unwrap();
        assert_eq!(header.result_message(), Some("éé"));
        assert!(header.message_truncated());
    }
    let exact: OwnedHeader<8> = stream(Mode::Parse, [&body[..]]).unwrap();
    assert_eq!(exact.result_message(), Some("éé€x"));
    assert!(!exact.message_truncated());
    let none: OwnedHeader<0> = stream(Mode::Scan, [&body[..]]).unwrap();
    assert_eq!(none.result_message(), Some(""));
    assert!(none.message_truncated());
}

#[test]
fn owned_header_detail_and_meaning() {
    let body = br#"{"header":{"isSuccessful":false,"resultCode":24404,"resultMessage":"Not Found : sg-1 "}}"#;
    let header: OwnedHeader<32> = stream(Mode::Scan, [&body[..]]).unwrap();
    assert_eq!(header.detail(), Some("sg-1"));
    let meaning = header.meaning(nhncloud_header::Service::Compute);
    assert_eq!(meaning.category, nhncloud_header::Category::NotFound);
    assert_eq!(meaning.advice, nhncloud_header::Advice::FixRequest);
    assert!(meaning.consistent && meaning.known && !meaning.retryable());
    assert_eq!(
        meaning,
        parse(body)
            .unwrap()
            .meaning(nhncloud_header::Service::Compute)
    );
}

/// A string code (Deploy's) takes its room first and is never cut: the
/// message has what is left, cut on a character boundary and flagged; a
/// code longer than the room is `code_too_long` at its quote, whether the
/// message comes first or not, whole or one byte at a time.
#[test]
fn a_string_code_shares_the_room_and_is_never_cut() {
    let message_first = br#"{"header":{"isSuccessful":false,"resultMessage":"The OS could not be found","resultCode":"NOT_FOUND_OS"}}"#;
    let code_first = br#"{"header":{"isSuccessful":false,"resultCode":"NOT_FOUND_OS","resultMessage":"The OS could not be found"}}"#;
    for body in [&message_first[..], &code_first[..]] {
        for chunking in [body.chunks(1).collect::<Vec<_>>(), vec![body]] {
            let header: OwnedHeader<20> = stream(Mode::Parse, chunking.clone()).unwrap();
            assert_eq!(header.result_code(), ResultCode::Text("NOT_FOUND_OS"));
            assert_eq!(header.result_message(), Some("The OS c"));
            assert!(header.message_truncated());
            let exact: OwnedHeader<37> = stream(Mode::Parse, chunking.clone()).unwrap();
            assert_eq!(exact.result_message(), Some("The OS could not be found"));
            assert!(!exact.message_truncated());
            let error = stream::<12>(Mode::Parse, chunking.clone()).map(|_| ());
            assert!(error.is_ok(), "12 bytes hold the code exactly");
            let error = stream::<11>(Mode::Parse, chunking).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::CodeTooLong);
            assert_eq!(error.field(), Some(nhncloud_header::Field::ResultCode));
            let quote = body
                .windows(14)
                .position(|w| w == br#""NOT_FOUND_OS""#)
                .unwrap();
            assert_eq!(error.offset(), quote);
        }
    }
    // No room takes a code of more than 255 bytes, whatever its size.
    let long = format!(
        r#"{{"header":{{"isSuccessful":false,"resultCode":"{}","resultMessage":null}}}}"#,
        "C".repeat(256)
    );
    let error = stream::<512>(Mode::Parse, [long.as_bytes()]).unwrap_err();
    assert_eq!((error.kind(), error.offset()), (ErrorKind::CodeTooLong, 45));
    let header = parse(long.as_bytes()).unwrap();
    assert_eq!(
        OwnedHeader::<512>::from_header(&header)
            .unwrap_err()
            .needed(),
        256
    );
    let fits = long.replace(&"C".repeat(256), &"C".repeat(255));
    let header: OwnedHeader<255> = stream(Mode::Parse, [fits.as_bytes()]).unwrap();
    assert_eq!(
        header.result_code().text().map(|code| code.len()),
        Some(255)
    );
    // A message cut where a character would straddle the code's room.
    let body =
        br#"{"header":{"isSuccessful":false,"resultMessage":"ab\u00e9","resultCode":"CODE"}}"#;
    let header: OwnedHeader<7> = stream(Mode::Scan, [&body[..]]).unwrap();
    assert_eq!(
        (header.result_message(), header.message_truncated()),
        (Some("ab"), true)
    );
    let header: OwnedHeader<8> = stream(Mode::Scan, [&body[..]]).unwrap();
    assert_eq!(
        (header.result_message(), header.message_truncated()),
        (Some("ab\u{e9}"), false)
    );
}

#[test]
fn read_with_drives_the_parser_from_any_reader() {
    let body = with_message(r#""Invalid parameters : name""#);
    let mut rest = &body[..];
    let reads = std::cell::Cell::new(0);
    let header = StreamParser::<64>::new(Mode::Parse)
        .read_with(&mut [0; 7], |buffer: &mut [u8]| {
            reads.set(reads.get() + 1);
            let n = buffer.len().min(rest.len());
            buffer[..n].copy_from_slice(&rest[..n]);
            rest = &rest[n..];
            Ok::<_, ()>(n)
        })
        .unwrap();
    assert_eq!(header.detail(), Some("name"));
    assert_eq!(
        reads.get(),
        body.len().div_ceil(7) + 1,
        "reads to the end in parse mode"
    );

    // An empty buffer still works, one byte at a time; a failing reader fails.
    let mut rest = &body[..];
    let header = StreamParser::<64>::new(Mode::Scan)
        .read_with(&mut [], |buffer: &mut [u8]| {
            let n = buffer.len().min(rest.len());
            buffer[..n].copy_from_slice(&rest[..n]);
            rest = &rest[n..];
            Ok::<_, ()>(n)
        })
        .unwrap();
    assert_eq!(header.result_code(), -4);
    let failed = StreamParser::<8>::new(Mode::Scan).read_with(&mut [0; 8], |_| Err("link down"));
    assert_eq!(failed, Err(ReadError::Read("link down")));
    assert_eq!(failed.unwrap_err().to_string(), "read failed: link down");
    let truncated = StreamParser::<8>::new(Mode::Parse).read_with(&mut [0; 8], |_| Ok::<_, ()>(0));
    assert!(matches!(truncated, Err(ReadError::Parse(e)) if e.kind() == ErrorKind::Empty));
}

#[test]
fn scan_mode_reads_only_as_far_as_the_header() {
    let mut body = with_message(r#""x""#);
    body.truncate(body.len() - 1); // the top-level object never closes
    body.extend_from_slice(br#","instances":["#);
    let mut reads = 0;
    let mut rest = &body[..];
    let header = StreamParser::<8>::new(Mode::Scan)
        .read_with(&mut [0; 16], |buffer: &mut [u8]| {
            reads += 1;
            let n = buffer.len().min(rest.len());
            buffer[..n].copy_from_slice(&rest[..n]);
            rest = &rest[n..];
            Ok::<_, ()>(n)
        })
        .unwrap();
    assert_eq!(header.result_message(), Some("x"));
    assert!(!rest.is_empty(), "stopped before the end of the body");
    assert!(reads < body.len().div_ceil(16) + 1);
}

#[cfg(feature = "embedded-io")]
#[test]
fn read_from_an_embedded_io_reader() {
    let body = with_message(r#""No accessible network""#);
    let mut reader = &body[..];
    let header = StreamParser::<32>::new(Mode::Scan)
        .read_from(&mut reader, &mut [0; 64])
        .unwrap();
    assert_eq!(header.result_message(), Some("No accessible network"));
}

#[cfg(feature = "std")]
#[test]
fn read_from_a_std_reader() {
    let body = with_message("null");
    let header = StreamParser::<32>::new(Mode::Parse)
        .read_from_std(&mut std::io::Cursor::new(&body), &mut [0; 64])
        .unwrap();
    assert_eq!(
        (header.result_code(), header.result_message()),
        (ResultCode::Integer(-4), None)
    );
}

#[test]
fn chunking_by_sizes_gets_through_with_zero_sizes() {
    let body = b"0123456789";
    assert_eq!(chunks_of(body, &[0]).concat(), body);
    assert_eq!(chunks_of(body, &[0]).len(), 20);
    assert_eq!(
        chunks_of(body, &[3, 0]),
        [&b"012"[..], b"", b"3", b"456", b"", b"7", b"89"]
    );
    assert_eq!(chunks_of(body, &[]), [&body[..]]);
}

#[test]
fn random_chunking_covers_empty_and_long_chunks() {
    let body = vec![b'x'; 10_000];
    let chunks = random_chunks(&body, 3);
    assert!(chunks.iter().any(|c| c.is_empty()));
    assert!(chunks.iter().any(|c| c.len() >= 60));
    assert_eq!(chunks.concat(), body);
}
