//! Every public entry point that reads input, wrapped in `#[no_panic]`: if
//! the optimizer cannot remove every panic path from one of them, this
//! binary fails to link, naming the function. Inputs come from the command
//! line so that nothing is folded away at compile time.

use std::hint::black_box;

use nhncloud_header::engines::Engine;
use nhncloud_header::{
    BufferTooSmall, Catalog, Class, Error, Header, Lookup, Message, Mode, Options, OwnedHeader,
    Status, StreamParser,
};
use no_panic::no_panic;

#[no_panic]
fn parse(body: &[u8]) -> Result<Header<'_>, Error> {
    nhncloud_header::parse(body)
}

#[no_panic]
fn scan(body: &[u8]) -> Result<Header<'_>, Error> {
    nhncloud_header::scan(body)
}

#[no_panic]
fn parse_with(body: &[u8], depth: u8) -> Result<Header<'_>, Error> {
    nhncloud_header::parse_with(body, Options::new().with_max_depth(depth))
}

/// `parse`/`scan` on one engine (the structural index on each kernel, and
/// the byte-wise one): every engine that `parse` may run is proven.
#[no_panic]
fn extract_on(engine: Engine, body: &[u8], mode: Mode) -> Option<Result<Header<'_>, Error>> {
    engine.extract(body, mode, Options::new())
}

#[no_panic]
fn locate_with(body: &[u8], depth: u8) -> Result<Header<'_>, Error> {
    nhncloud_header::locate_with(body, Options::new().with_max_depth(depth))
}

/// `locate` on one engine: the index's walk on each kernel, and the
/// byte-wise follower.
#[no_panic]
fn locate_on(engine: Engine, body: &[u8], depth: u8) -> Option<Result<Header<'_>, Error>> {
    engine.locate(body, Options::new().with_max_depth(depth))
}

#[no_panic]
fn walk_on(engine: Engine, body: &[u8], depth: u8) -> Option<usize> {
    engine.walk(body, Mode::Parse, Options::new().with_max_depth(depth))
}

#[no_panic]
fn classify(code: i32) -> Class {
    nhncloud_header::classify(code)
}

#[no_panic]
fn lookup(code: i32) -> Lookup<Class, nhncloud_header::Api> {
    Catalog::COMPUTE.lookup(code)
}

#[no_panic]
fn feed(parser: &mut StreamParser<64>, chunk: &[u8]) -> Result<Status, Error> {
    parser.feed(chunk)
}

#[no_panic]
fn finish(parser: StreamParser<64>) -> Result<OwnedHeader<64>, Error> {
    parser.finish()
}

#[no_panic]
fn unescape_into<'b>(
    message: Message<'_>,
    buffer: &'b mut [u8],
) -> Result<&'b str, BufferTooSmall> {
    message.unescape_into(buffer)
}

#[no_panic]
fn detail(message: Message<'_>) -> Option<Message<'_>> {
    message.detail()
}

#[no_panic]
fn decoded_len(message: Message<'_>) -> usize {
    message.decoded_len()
}

fn main() {
    let body = std::env::args().nth(1).unwrap_or_default().into_bytes();
    let body = black_box(&body[..]);
    let depth = black_box(body.len() as u8);
    let mut parser = StreamParser::<64>::new(if depth.is_multiple_of(2) {
        Mode::Scan
    } else {
        Mode::Parse
    });
    for chunk in body.chunks(black_box(7)) {
        let _ = feed(&mut parser, chunk);
    }
    println!("{:?}", finish(parser));
    println!(
        "{:?} {:?} {:?}",
        parse(body),
        scan(body),
        parse_with(body, depth)
    );
    println!("{:?} {:?}", classify(depth as i32), lookup(-(depth as i32)));
    println!("{:?}", locate_with(body, depth));
    for engine in Engine::ALL {
        println!(
            "{:?} {:?} {:?} {:?}",
            extract_on(engine, body, Mode::Parse),
            extract_on(engine, body, Mode::Scan),
            walk_on(engine, body, depth),
            locate_on(engine, body, depth)
        );
    }
    if let Ok(Header {
        result_message: Some(message),
        ..
    }) = parse(body)
    {
        let mut buffer = vec![0; black_box(body.len() / 2)];
        println!(
            "{:?} {:?} {}",
            unescape_into(message, &mut buffer),
            detail(message),
            decoded_len(message)
        );
    }
}
