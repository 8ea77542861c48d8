//! GET a URL with hyper 1.x and read only as far as the response's
//! `header`: each body frame goes into a scan-mode `StreamParser`, and the
//! connection is dropped the moment the header is complete, so a gateway
//! that needs only the verdict never downloads the rest of the body.
//!
//! ```text
//! cargo run --example http_client -- http://127.0.0.1:8080/v1.0/appkeys/KEY/servers
//! 10404 not_found fix_request "Not Found"
//! read 104 of the body's bytes (HTTP 200)
//! ```
//!
//! `tests/http_client.rs` runs `fetch_header` against a loopback server.

use std::error::Error;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use nhncloud_header::{Mode, OwnedHeader, Status, StreamParser};
use tokio::net::TcpStream;

/// Room for the decoded `resultMessage`; longer ones are cut and flagged.
pub const MESSAGE_ROOM: usize = 256;

/// What one GET gave.
pub struct Fetched {
    pub header: OwnedHeader<MESSAGE_ROOM>,
    /// Body bytes received before the header was complete (the frames
    /// hyper had already read included).
    pub body_bytes_read: usize,
    pub http_status: u16,
}

pub type BoxError = Box<dyn Error + Send + Sync>;

/// GETs `url` (plain `http://`), reads the body's header, and closes the
/// connection without reading further.
pub async fn fetch_header(url: &str) -> Result<Fetched, BoxError> {
    let uri: hyper::Uri = url.parse()?;
    if uri.scheme_str() != Some("http") {
        return Err("only http:// URLs (this example has no TLS)".into());
    }
    // An IPv6 literal comes bracketed in a URL, not in a socket address.
    let host = uri
        .host()
        .ok_or("the URL has no host")?
        .trim_start_matches('[')
        .trim_end_matches(']');
    let authority = uri.authority().ok_or("the URL has no authority")?.clone();
    let stream = TcpStream::connect((host, uri.port_u16().unwrap_or(80))).await?;
    let (mut sender, connection) = http1::handshake(TokioIo::new(stream)).await?;
    // The connection runs in its own task until it is aborted below.
    let connection = tokio::spawn(connection);

    let path = uri.path_and_query().map_or("/", |path| path.as_str());
    let request = Request::get(path)
        .header(hyper::header::HOST, authority.as_str())
        .header(hyper::header::ACCEPT, "application/json")
        .body(Empty::<Bytes>::new())?;
    let mut response = sender.send_request(request).await?;
    let http_status = response.status().as_u16();

    let mut parser = StreamParser::<MESSAGE_ROOM>::new(Mode::Scan);
    let mut body_bytes_read = 0;
    while let Some(frame) = response.frame().await {
        if let Some(data) = frame?.data_ref() {
            body_bytes_read += data.len();
            if parser.feed(data)? == Status::Complete {
                break;
            }
        }
    }
    let header = parser.finish()?.to_owned_header();

    // Stop here: dropping the response and aborting the connection task
    // closes the socket, and the server's further writes fail.
    drop(response);
    drop(sender);
    connection.abort();
    Ok(Fetched {
        header,
        body_bytes_read,
        http_status,
    })
}

/// `10404 not_found fix_request "Not Found"`: the code read in Compute's
/// table.
pub fn describe(header: &OwnedHeader<MESSAGE_ROOM>) -> String {
    let meaning = header.meaning(nhncloud_header::Service::Compute);
    let mut line = format!(
        "{} {} {}",
        header.result_code(),
        meaning.category,
        meaning.advice
    );
    if meaning.retryable() {
        line += " retryable";
    }
    match header.result_message() {
        Some(message) => line += &format!(" {message:?}"),
        None => line += " null",
    }
    line
}

#[tokio::main(flavor = "current_thread")]
#[allow(dead_code)] // tests/http_client.rs includes this file for `fetch_header`
async fn main() -> Result<(), BoxError> {
    let url = std::env::args()
        .nth(1)
        .ok_or("usage: http_client URL (http://host:port/path)")?;
    let fetched = fetch_header(&url).await?;
    println!("{}", describe(&fetched.header));
    println!(
        "read {} of the body's bytes (HTTP {})",
        fetched.body_bytes_read, fetched.http_status
    );
    Ok(())
}
