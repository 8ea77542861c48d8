//! The async readers: `read_from_tokio` over real loopback TCP connections
//! and failing readers, `read_from_async` (embedded-io-async) over an
//! in-memory reader driven by `embassy_futures::block_on`. Each must give
//! what the one-shot function of its mode gives for the whole body, however
//! the body is cut, or the reader's own error.
#![cfg(all(feature = "tokio", feature = "embedded-io-async"))]

mod common;

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use nhncloud_header::{
    Error, ErrorKind, Header, Mode, OwnedHeader, ReadError, ResultCode, StreamParser, parse, scan,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

const ROOM: usize = 256;

/// What the one-shot function of `mode` says, in the stream's terms.
fn expected(body: &[u8], mode: Mode) -> Result<(bool, ResultCode<String>, Option<String>), Error> {
    let header: Header<'_> = match mode {
        Mode::Scan => scan(body)?,
        Mode::Parse => parse(body)?,
    };
    Ok((
        header.is_successful,
        header.result_code.map(|text| text.to_string()),
        header.result_message.map(|m| m.to_string()),
    ))
}

fn seen<E>(
    result: Result<OwnedHeader<ROOM>, ReadError<E>>,
) -> Result<(bool, ResultCode<String>, Option<String>), Error>
where
    E: std::fmt::Debug,
{
    match result {
        Ok(header) => {
            assert!(!header.message_truncated());
            Ok((
                header.is_successful(),
                header.result_code().map(|text| text.to_string()),
                header.result_message().map(str::to_string),
            ))
        }
        Err(ReadError::Parse(error)) => Err(error),
        Err(ReadError::Read(error)) => panic!("the reader failed: {error:?}"),
    }
}

/// Bodies that cut escapes, surrogate pairs and multi-byte UTF-8 at every
/// byte when sent one byte at a time, plus the corpus and an error.
fn bodies() -> Vec<(String, Vec<u8>)> {
    let mut bodies = common::corpus();
    let escapes = r#"{"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : n\u00e9me \ud83d\ude00 \"q\" é€𝄞"},"servers":[{"id":"\u0041"}]}"#;
    bodies.push(("escapes and UTF-8".into(), escapes.as_bytes().to_vec()));
    let bad = r#"{"header":{"isSuccessful":false,"resultCode":1,"resultMessage":"bad \x escape"}}"#;
    bodies.push(("invalid escape".into(), bad.as_bytes().to_vec()));
    let tail_error =
        r#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"},"x":[1,}"#;
    bodies.push((
        "error after the header".into(),
        tail_error.as_bytes().to_vec(),
    ));
    bodies
}

/// Serves `body` on a fresh loopback connection in writes of `chunk` bytes,
/// then closes; returns the client's end.
async fn serve(body: Vec<u8>, chunk: usize) -> TcpStream {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        for piece in body.chunks(chunk) {
            // The client may stop reading early and close: not an error here.
            if socket.write_all(piece).await.is_err() || socket.flush().await.is_err() {
                return;
            }
        }
        let _ = socket.shutdown().await;
    });
    TcpStream::connect(address).await.unwrap()
}

#[tokio::test]
async fn tokio_reader_over_loopback_tcp_matches_the_one_shot_functions() {
    for (name, body) in bodies() {
        for mode in [Mode::Scan, Mode::Parse] {
            let want = expected(&body, mode);
            for (chunk, buffer_size) in [
                (1, 4096),
                (7, 3),
                (64, 1),
                (1024, 64),
                (65536, 65536),
                (65536, 0),
            ] {
                let mut stream = serve(body.clone(), chunk).await;
                let mut buffer = vec![0; buffer_size];
                let got = StreamParser::<ROOM>::new(mode)
                    .read_from_tokio(&mut stream, &mut buffer)
                    .await;
                assert_eq!(
                    seen(got),
                    want,
                    "{name}, {mode:?}, writes of {chunk}, buffer {buffer_size}"
                );
            }
        }
    }
}

#[tokio::test]
async fn tokio_reader_split_at_every_byte_of_an_escape_and_a_character() {
    let body = r#"{"header":{"isSuccessful":false,"resultCode":-5,"resultMessage":"\u00e9\ud83d\ude00𝄞"}}"#.as_bytes();
    let start = body.windows(2).position(|w| w == br"\u").unwrap();
    for mode in [Mode::Scan, Mode::Parse] {
        for cut in start..body.len() - 4 {
            let (first, rest) = body.split_at(cut);
            let mut reader = first.chain(rest);
            let got = StreamParser::<ROOM>::new(mode)
                .read_from_tokio(&mut reader, &mut [0; 5])
                .await;
            assert_eq!(seen(got), expected(body, mode), "cut at {cut}");
        }
    }
}

#[tokio::test]
async fn tokio_reader_peer_closing_early_is_unexpected_end_at_the_cut() {
    let body = br#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found"},"servers":[]}"#;
    let header_end = body.windows(2).position(|w| w == b"},").unwrap() + 1;
    for mode in [Mode::Scan, Mode::Parse] {
        for cut in [1, 20, header_end - 1] {
            let mut stream = serve(body[..cut].to_vec(), 8).await;
            let got = StreamParser::<ROOM>::new(mode)
                .read_from_tokio(&mut stream, &mut [0; 16])
                .await;
            let error = seen(got).unwrap_err();
            assert_eq!(
                (error.kind(), error.offset()),
                (ErrorKind::UnexpectedEnd, cut),
                "{mode:?}, cut at {cut}"
            );
        }
    }
    // After the header, only parse needs the rest.
    let mut stream = serve(body[..header_end + 3].to_vec(), 8).await;
    let got = StreamParser::<ROOM>::new(Mode::Scan)
        .read_from_tokio(&mut stream, &mut [0; 16])
        .await;
    assert_eq!(seen(got).unwrap().1, 10404);
    let mut stream = serve(body[..header_end + 3].to_vec(), 8).await;
    let got = StreamParser::<ROOM>::new(Mode::Parse)
        .read_from_tokio(&mut stream, &mut [0; 16])
        .await;
    assert_eq!(seen(got).unwrap_err().kind(), ErrorKind::UnexpectedEnd);
}

/// Hands out `body` in reads of at most `chunk` bytes, then fails (or is
/// interrupted once) at `fail_at`; counts the bytes it handed out.
struct Scripted {
    body: Vec<u8>,
    at: usize,
    chunk: usize,
    fail_at: Option<usize>,
    interrupt_at: Option<usize>,
}

impl AsyncRead for Scripted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.interrupt_at == Some(self.at) {
            self.interrupt_at = None;
            return Poll::Ready(Err(io::ErrorKind::Interrupted.into()));
        }
        if self.fail_at == Some(self.at) {
            return Poll::Ready(Err(io::Error::other("connection reset by test")));
        }
        let end = (self.at + self.chunk)
            .min(self.body.len())
            .min(self.at + out.remaining());
        let end = self.fail_at.map_or(end, |fail| end.min(fail));
        out.put_slice(&self.body[self.at..end]);
        self.at = end;
        Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn tokio_reader_error_is_returned_as_the_readers_and_interruptions_are_retried() {
    let body =
        br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}}"#.to_vec();
    let mut failing = Scripted {
        body: body.clone(),
        at: 0,
        chunk: 10,
        fail_at: Some(25),
        interrupt_at: None,
    };
    let got = StreamParser::<ROOM>::new(Mode::Parse)
        .read_from_tokio(&mut failing, &mut [0; 64])
        .await;
    match got {
        Err(ReadError::Read(error)) => assert_eq!(error.to_string(), "connection reset by test"),
        other => panic!("expected the reader's error, got {other:?}"),
    }
    let mut interrupted = Scripted {
        body,
        at: 0,
        chunk: 10,
        fail_at: None,
        interrupt_at: Some(20),
    };
    let got = StreamParser::<ROOM>::new(Mode::Parse)
        .read_from_tokio(&mut interrupted, &mut [0; 64])
        .await;
    assert_eq!(seen(got).unwrap().2.as_deref(), Some("SUCCESS"));
}

#[tokio::test]
async fn tokio_reader_stops_at_the_header_in_scan_mode() {
    let mut body =
        br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"},"servers":["#
            .to_vec();
    let header_len = body.len() - 12;
    body.extend(std::iter::repeat_n(b"{\"id\":1},".as_slice(), 100_000).flatten());
    let mut reader = Scripted {
        body,
        at: 0,
        chunk: 4096,
        fail_at: None,
        interrupt_at: None,
    };
    let got = StreamParser::<ROOM>::new(Mode::Scan)
        .read_from_tokio(&mut reader, &mut [0; 64])
        .await;
    assert_eq!(seen(got).unwrap().1, 0);
    assert!(reader.at <= header_len + 64, "read {} bytes", reader.at);
}

#[test]
fn tokio_reader_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut stream = serve(b"{}".to_vec(), 1).await;
        let mut buffer = [0; 8];
        let future =
            StreamParser::<ROOM>::new(Mode::Scan).read_from_tokio(&mut stream, &mut buffer);
        assert_send(&future);
        assert_eq!(
            seen(future.await).unwrap_err().kind(),
            ErrorKind::MissingHeader
        );
    });
}

/// An in-memory `embedded_io_async::Read`: reads of at most `chunk` bytes,
/// and an error at `fail_at`.
struct Memory<'a> {
    body: &'a [u8],
    chunk: usize,
    fail_at: Option<usize>,
    at: usize,
}

#[derive(Debug, PartialEq)]
struct Reset;

impl std::fmt::Display for Reset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection reset")
    }
}

impl std::error::Error for Reset {}

impl embedded_io_async::Error for Reset {
    fn kind(&self) -> embedded_io_async::ErrorKind {
        embedded_io_async::ErrorKind::ConnectionReset
    }
}

impl embedded_io_async::ErrorType for Memory<'_> {
    type Error = Reset;
}

impl embedded_io_async::Read for Memory<'_> {
    async fn read(&mut self, out: &mut [u8]) -> Result<usize, Reset> {
        if self.fail_at == Some(self.at) {
            return Err(Reset);
        }
        let end = (self.at + self.chunk)
            .min(self.body.len())
            .min(self.at + out.len());
        let end = self.fail_at.map_or(end, |fail| end.min(fail));
        let length = end - self.at;
        out[..length].copy_from_slice(&self.body[self.at..end]);
        self.at = end;
        // Yield once per read, as a socket would.
        embassy_futures::yield_now().await;
        Ok(length)
    }
}

fn read_async(
    body: &[u8],
    mode: Mode,
    chunk: usize,
    buffer_size: usize,
) -> Result<OwnedHeader<ROOM>, ReadError<Reset>> {
    let mut reader = Memory {
        body,
        chunk,
        fail_at: None,
        at: 0,
    };
    let mut buffer = vec![0; buffer_size];
    embassy_futures::block_on(
        StreamParser::<ROOM>::new(mode).read_from_async(&mut reader, &mut buffer),
    )
}

#[test]
fn embedded_io_async_reader_matches_the_one_shot_functions() {
    for (name, body) in bodies() {
        for mode in [Mode::Scan, Mode::Parse] {
            for (chunk, buffer_size) in [(1, 64), (3, 7), (64, 1), (1024, 0), (65536, 65536)] {
                let got = read_async(&body, mode, chunk, buffer_size);
                assert_eq!(
                    seen(got),
                    expected(&body, mode),
                    "{name}, {mode:?}, reads of {chunk}"
                );
            }
        }
    }
}

#[test]
fn embedded_io_async_reader_early_end_and_reader_error() {
    let body =
        r#"{"header":{"isSuccessful":false,"resultCode":22404,"resultMessage":"Not Found : é"}}"#
            .as_bytes();
    for cut in 1..body.len() {
        for mode in [Mode::Scan, Mode::Parse] {
            // Every cut is an unexpected end, except in scan mode once the
            // header has closed: as the one-shot functions say.
            let got = read_async(&body[..cut], mode, 5, 16);
            let want = expected(&body[..cut], mode);
            let closed = mode == Mode::Scan && cut == body.len() - 1;
            assert_eq!(want.is_ok(), closed, "cut at {cut}");
            assert_eq!(seen(got), want, "cut at {cut}");
        }
    }
    let mut reader = Memory {
        body,
        chunk: 8,
        fail_at: Some(40),
        at: 0,
    };
    let got = embassy_futures::block_on(
        StreamParser::<ROOM>::new(Mode::Scan).read_from_async(&mut reader, &mut [0; 16]),
    );
    assert_eq!(got.unwrap_err(), ReadError::Read(Reset));
}
