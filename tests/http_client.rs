//! `examples/http_client.rs` against a real HTTP server on 127.0.0.1: the
//! corpus bodies served in small chunks with delays give the same header as
//! `scan`, and on a header-first body of several megabytes the client stops
//! reading early: the server is asked for only a small part of the body.
#![cfg(feature = "tokio")]

mod common;
#[path = "../examples/http_client.rs"]
mod http_client;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use nhncloud_header::OwnedHeader;
use tokio::net::TcpListener;
use tokio::time::Sleep;

/// A body handed to hyper `chunk` bytes at a time, `delay` apart, counting
/// the bytes hyper asked for: hyper asks for the next frame only once it
/// has written the last, so the count is what the server sent.
struct Trickle {
    data: Bytes,
    chunk: usize,
    delay: Duration,
    pause: Option<Pin<Box<Sleep>>>,
    sent: Arc<AtomicUsize>,
}

impl Body for Trickle {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(pause) = self.pause.as_mut() {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.pause = None;
        }
        if self.data.is_empty() {
            return Poll::Ready(None);
        }
        let take = self.chunk.min(self.data.len());
        let frame = self.data.split_to(take);
        self.sent.fetch_add(take, Ordering::SeqCst);
        self.pause = Some(Box::pin(tokio::time::sleep(self.delay)));
        Poll::Ready(Some(Ok(Frame::data(frame))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.data.len() as u64)
    }
}

/// Serves `/N` as `bodies[N]` in `chunk`-byte frames `delay` apart; returns
/// the address and the count of body bytes handed to hyper.
async fn serve(
    bodies: Vec<Vec<u8>>,
    chunk: usize,
    delay: Duration,
) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let sent = Arc::new(AtomicUsize::new(0));
    let bodies: Arc<Vec<Bytes>> = Arc::new(bodies.into_iter().map(Bytes::from).collect());
    let counter = sent.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let (bodies, sent) = (bodies.clone(), counter.clone());
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<Incoming>| {
                    let index: usize = request.uri().path()[1..].parse().unwrap();
                    let body = Trickle {
                        data: bodies[index].clone(),
                        chunk,
                        delay,
                        pause: None,
                        sent: sent.clone(),
                    };
                    async move { Ok::<_, Infallible>(Response::new(body)) }
                });
                // The client hangs up mid-body on purpose: not an error here.
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (address, sent)
}

#[tokio::test]
async fn corpus_bodies_in_small_delayed_chunks_give_scans_header() {
    let bodies: Vec<Vec<u8>> = common::corpus().into_iter().map(|(_, body)| body).collect();
    let (address, _) = serve(bodies.clone(), 37, Duration::from_millis(1)).await;
    for (index, body) in bodies.iter().enumerate() {
        let fetched = http_client::fetch_header(&format!("http://{address}/{index}"))
            .await
            .unwrap();
        let want = nhncloud_header::scan(body).unwrap();
        assert_eq!(fetched.http_status, 200);
        assert_eq!(fetched.header, OwnedHeader::from_header(&want).unwrap());
        assert_eq!(
            http_client::describe(&fetched.header),
            "0 success none \"SUCCESS\""
        );
    }
}

/// An 8 MiB header-first body: a 10404 and a long `servers` list.
fn large_body() -> Vec<u8> {
    let mut body = br#"{"header":{"isSuccessful":false,"resultCode":10404,"resultMessage":"Not Found"},"servers":["#.to_vec();
    let server =
        br#"{"id":"0f6f0eb7-3c86-4a1e-8b0f-5d7e0e7f2b54","name":"agent","status":"ACTIVE"},"#;
    while body.len() < 8 << 20 {
        body.extend_from_slice(server);
    }
    body.pop();
    body.extend_from_slice(b"]}");
    body
}

#[tokio::test]
async fn the_client_stops_reading_a_large_body_after_its_header() {
    let body = large_body();
    let size = body.len();
    let (address, sent) = serve(vec![body], 16 << 10, Duration::from_millis(2)).await;

    let fetched = http_client::fetch_header(&format!("http://{address}/0"))
        .await
        .unwrap();
    assert_eq!(
        http_client::describe(&fetched.header),
        "10404 not_found fix_request \"Not Found\""
    );
    // Give the server time to notice the closed connection (or to go on
    // sending, if the client had not closed it).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = sent.load(Ordering::SeqCst);
    println!(
        "early stop: the client read {} bytes, the server sent {sent}, of a {size}-byte body",
        fetched.body_bytes_read
    );
    assert!(
        fetched.body_bytes_read <= 16 << 10,
        "read {}",
        fetched.body_bytes_read
    );
    assert!(sent < size / 16, "the server sent {sent} of {size} bytes");
}

/// docs/gateway.md's reqwest loop: `chunk()` into a scan-mode parser, then drop.
async fn fetch_with_reqwest(url: &str) -> (nhncloud_header::OwnedHeader<256>, usize) {
    use nhncloud_header::{Mode, Status, StreamParser};
    let client = reqwest::Client::new();
    let mut response = client.get(url).send().await.unwrap();
    let mut parser = StreamParser::<256>::new(Mode::Scan);
    let mut read = 0;
    while let Some(chunk) = response.chunk().await.unwrap() {
        read += chunk.len();
        if parser.feed(&chunk).unwrap() == Status::Complete {
            break;
        }
    }
    let header = parser.finish().unwrap().to_owned_header();
    drop(response);
    (header, read)
}

#[tokio::test]
async fn the_reqwest_loop_stops_reading_a_large_body_after_its_header() {
    let body = large_body();
    let size = body.len();
    let (address, sent) = serve(vec![body], 16 << 10, Duration::from_millis(2)).await;
    let (header, read) = fetch_with_reqwest(&format!("http://{address}/0")).await;
    assert_eq!(
        http_client::describe(&header),
        "10404 not_found fix_request \"Not Found\""
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent = sent.load(Ordering::SeqCst);
    println!("early stop (reqwest): read {read} bytes, the server sent {sent}, of {size}");
    assert!(read <= 16 << 10, "read {read}");
    assert!(sent < size / 16, "the server sent {sent} of {size} bytes");
}

#[tokio::test]
async fn the_example_refuses_what_it_cannot_do() {
    let error = http_client::fetch_header("https://127.0.0.1:1/")
        .await
        .err()
        .unwrap();
    assert_eq!(
        error.to_string(),
        "only http:// URLs (this example has no TLS)"
    );
}
