//! An agent's request to NHN Cloud over embassy-net: send the request, skip
//! the HTTP response head, then read the body's header with
//! `StreamParser::read_from_async` straight from the `TcpSocket`, in 64 +
//! 48 bytes of parser state and a 128-byte read buffer, and stop reading as
//! soon as the header is known.
#![no_std]

use embassy_net::tcp::{Error as TcpError, TcpSocket};
use embedded_io_async::Write;
use nhncloud_header::{Mode, OwnedHeader, ReadError, StreamParser};

/// What went wrong on the way to the header.
#[derive(Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum FetchError {
    /// The socket failed.
    Tcp(TcpError),
    /// The connection closed before the body began.
    NoBody,
    /// The body was read, and is not a valid response.
    Body(ReadError<TcpError>),
}

/// Sends `request` on a connected socket and returns the response body's
/// header. Send an HTTP/1.0 request: its response is never chunked, so the
/// body follows the head as it is (the head itself is skipped unread).
pub async fn fetch_header(
    socket: &mut TcpSocket<'_>,
    request: &[u8],
) -> Result<OwnedHeader<48>, FetchError> {
    socket.write_all(request).await.map_err(FetchError::Tcp)?;
    socket.flush().await.map_err(FetchError::Tcp)?;
    skip_head(socket).await?;
    let mut buffer = [0; 128];
    let header = StreamParser::<48>::new(Mode::Scan)
        .read_from_async(socket, &mut buffer)
        .await
        .map_err(FetchError::Body)?;
    #[cfg(feature = "defmt")]
    defmt::info!(
        "{} ({})",
        header,
        header.meaning_in(&nhncloud_header::Catalog::COMPUTE).advice
    );
    Ok(header)
}

/// Reads up to the blank line that ends the response head, a byte at a
/// time (the head is short; the body is left in the socket).
async fn skip_head(socket: &mut TcpSocket<'_>) -> Result<(), FetchError> {
    let mut last = [0u8; 4];
    let mut byte = [0u8; 1];
    while last != *b"\r\n\r\n" {
        if socket.read(&mut byte).await.map_err(FetchError::Tcp)? == 0 {
            return Err(FetchError::NoBody);
        }
        last = [last[1], last[2], last[3], byte[0]];
    }
    Ok(())
}
