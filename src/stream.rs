//! The streaming parser: the header out of a body that arrives in chunks of
//! any size, in memory fixed at compile time.

use core::fmt;

use crate::engine::{Machine, Progress, Sink};
use crate::error::Error;
use crate::header::{OwnedHeader, ResultCode, Room, room_header};
use crate::message::detail_of;
use crate::options::{Mode, Options};
use crate::room::Text;

/// Whether [`StreamParser::feed`] needs more input.
///
/// ```
/// use nhncloud_header::{Mode, Status, StreamParser};
///
/// let mut parser = StreamParser::<16>::new(Mode::Scan);
/// assert_eq!(parser.feed(br#"{"header":{"isSuccessful":true,"#)?, Status::Partial);
/// assert_eq!(parser.feed(br#""resultCode":0,"resultMessage":null}}"#)?, Status::Complete);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Status {
    /// Feed more, or [`finish`](StreamParser::finish) at the end of input.
    Partial,
    /// [`Mode::Scan`] only: the header has closed; call
    /// [`finish`](StreamParser::finish) without reading on.
    Complete,
}

/// A push parser that takes a response body in chunks and keeps only what
/// the header needs: at most `64 + N` bytes in all (see
/// [`StreamParser::SIZE_BOUND`]), with `N` the room for the decoded
/// `resultMessage` and a string `resultCode` together (see
/// [`OwnedHeader`]: a code is never cut, and one longer than `N` bytes is
/// [`ErrorKind::CodeTooLong`](crate::ErrorKind::CodeTooLong)).
///
/// It validates exactly as [`parse`](crate::parse) (in [`Mode::Parse`]) or
/// [`scan`](crate::scan) (in [`Mode::Scan`]) do, whatever the chunk
/// boundaries, and reports the same errors with offsets counted from the
/// start of the stream. Nested values are skipped with one bit of state per
/// level, never buffered. Once it has failed, every further `feed` returns
/// the same error.
///
/// ```
/// use nhncloud_header::{Mode, Status, StreamParser};
///
/// let body = br#"{"header":{"isSuccessful":false,"resultCode":-4,"resultMessage":"Invalid parameters : name"},"servers":[]}"#;
/// let mut parser = StreamParser::<16>::new(Mode::Scan);
/// for chunk in body.chunks(7) {
///     if parser.feed(chunk)? == Status::Complete {
///         break;
///     }
/// }
/// let header = parser.finish()?; // borrowed from the parser
/// assert_eq!(header.result_code(), -4);
/// // 16 bytes of room: the message is cut on a character boundary, and says so.
/// assert_eq!(header.result_message(), Some("Invalid paramete"));
/// assert!(header.message_truncated());
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct StreamParser<const N: usize> {
    machine: Machine,
    room: Room<N>,
}

impl<const N: usize> StreamParser<N> {
    /// The most memory a parser takes: `size_of::<StreamParser<N>>()` is at
    /// most this (48 bytes of state, and the `N` bytes of room with 4 for
    /// their lengths, on 64-bit targets; less on 32-bit ones).
    pub const SIZE_BOUND: usize = 64 + N;

    /// A parser at the start of a body, with the default [`Options`].
    pub const fn new(mode: Mode) -> Self {
        Self::with_options(mode, Options::new())
    }

    /// A parser at the start of a body.
    pub const fn with_options(mode: Mode, options: Options) -> Self {
        StreamParser {
            machine: Machine::new(mode, options.max_depth()),
            room: Room::new(),
        }
    }

    /// Consumes the next chunk of the body; any size, empty included.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Status, Error> {
        match self.machine.feed(chunk, &mut self.room)? {
            Progress::NeedMore => Ok(Status::Partial),
            Progress::HeaderClosed => Ok(Status::Complete),
        }
    }

    /// Ends the body: after [`Status::Complete`], or once the input has run
    /// out. In [`Mode::Parse`] this is where an incomplete body is found.
    /// The header stays in the parser's memory, borrowed (nothing is moved
    /// or copied: a firmware's stack holds no second parser);
    /// [`StreamHeader::to_owned_header`] makes an [`OwnedHeader`] of it.
    /// Called again, it gives the same answer.
    pub fn finish(&mut self) -> Result<StreamHeader<'_, N>, Error> {
        self.machine.finish()?;
        Ok(StreamHeader {
            is_successful: self.machine.is_successful(),
            code: self.machine.result_code(),
            room: &self.room,
        })
    }

    /// [`finish`](Self::finish), and the header in memory of its own.
    fn finish_owned(mut self) -> Result<OwnedHeader<N>, Error> {
        self.machine.finish()?;
        Ok(OwnedHeader::from_room(
            self.machine.is_successful(),
            self.machine.result_code(),
            self.room,
        ))
    }

    /// The part of `resultMessage` decoded so far (for logging).
    #[cfg(feature = "defmt")]
    pub(crate) fn message_so_far(&self) -> &str {
        self.room.message().unwrap_or_default()
    }

    /// Bytes fed while the parser was still reading: the offset in the
    /// stream of the next chunk, until it completes or fails.
    pub fn offset(&self) -> usize {
        self.machine.offset()
    }

    /// Where a string `resultCode`'s opening quote is in the stream, once
    /// the parser has met one (up to `u32::MAX`): for a reader that judges
    /// the code after [`finish`](Self::finish), as the C API does when a
    /// code does not fit its header. `None` for an integer code.
    pub fn string_code_offset(&self) -> Option<usize> {
        self.machine.code_text_offset()
    }

    /// Drives the parser from a reader: `read` fills (part of) `buffer` and
    /// returns how many bytes it put there, 0 at the end of the input. Stops
    /// reading as soon as the header is known. An empty `buffer` still works,
    /// one byte at a time.
    pub fn read_with<E>(
        mut self,
        buffer: &mut [u8],
        mut read: impl FnMut(&mut [u8]) -> Result<usize, E>,
    ) -> Result<OwnedHeader<N>, ReadError<E>> {
        let mut one = [0];
        let buffer = at_least_one_byte(buffer, &mut one);
        loop {
            let length = read(buffer).map_err(ReadError::Read)?;
            if self.take_read(buffer, length)? == Next::Finish {
                return self.finish_owned().map_err(ReadError::Parse);
            }
        }
    }

    /// Drives the parser from an [`embedded_io::Read`], through `buffer`.
    #[cfg(feature = "embedded-io")]
    #[cfg_attr(docsrs, doc(cfg(feature = "embedded-io")))]
    pub fn read_from<R: embedded_io::Read>(
        self,
        reader: &mut R,
        buffer: &mut [u8],
    ) -> Result<OwnedHeader<N>, ReadError<R::Error>> {
        self.read_with(buffer, |buffer| reader.read(buffer))
    }

    /// Drives the parser from an [`embedded_io_async::Read`] (embassy-net's
    /// `TcpSocket`, a reqwless response body), through `buffer`: as
    /// [`read_with`](Self::read_with), awaiting each read.
    ///
    /// ```
    /// # embassy_futures::block_on(async {
    /// use nhncloud_header::{Mode, StreamParser};
    ///
    /// let mut socket: &[u8] = br#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}}"#;
    /// let mut buffer = [0; 64];
    /// let header = StreamParser::<32>::new(Mode::Scan)
    ///     .read_from_async(&mut socket, &mut buffer)
    ///     .await?;
    /// assert_eq!(header.result_code(), 0);
    /// # Ok::<(), nhncloud_header::ReadError<core::convert::Infallible>>(())
    /// # }).unwrap();
    /// ```
    #[cfg(feature = "embedded-io-async")]
    #[cfg_attr(docsrs, doc(cfg(feature = "embedded-io-async")))]
    pub async fn read_from_async<R: embedded_io_async::Read>(
        mut self,
        reader: &mut R,
        buffer: &mut [u8],
    ) -> Result<OwnedHeader<N>, ReadError<R::Error>> {
        let mut one = [0];
        let buffer = at_least_one_byte(buffer, &mut one);
        loop {
            let length = reader.read(buffer).await.map_err(ReadError::Read)?;
            if self.take_read(buffer, length)? == Next::Finish {
                return self.finish_owned().map_err(ReadError::Parse);
            }
        }
    }

    /// Drives the parser from a [`tokio::io::AsyncRead`] (a `TcpStream`, a
    /// body adapted with `StreamReader`), through `buffer`, retrying
    /// interrupted reads. The future is `Send` when the reader is.
    #[cfg(feature = "tokio")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tokio")))]
    pub async fn read_from_tokio<R: tokio::io::AsyncRead + Unpin>(
        mut self,
        reader: &mut R,
        buffer: &mut [u8],
    ) -> Result<OwnedHeader<N>, ReadError<std::io::Error>> {
        use tokio::io::AsyncReadExt;
        let mut one = [0];
        let buffer = at_least_one_byte(buffer, &mut one);
        loop {
            let length = match reader.read(buffer).await {
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                result => result.map_err(ReadError::Read)?,
            };
            if self.take_read(buffer, length)? == Next::Finish {
                return self.finish_owned().map_err(ReadError::Parse);
            }
        }
    }

    /// Drives the parser from a [`std::io::Read`], through `buffer`,
    /// retrying interrupted reads.
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn read_from_std<R: std::io::Read>(
        self,
        reader: &mut R,
        buffer: &mut [u8],
    ) -> Result<OwnedHeader<N>, ReadError<std::io::Error>> {
        self.read_with(buffer, |buffer| {
            loop {
                match reader.read(buffer) {
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                    result => return result,
                }
            }
        })
    }

    /// What every reader does with one read of `length` bytes into `buffer`
    /// (0 at the end of the input): feed them, and say whether to read on.
    fn take_read<E>(&mut self, buffer: &[u8], length: usize) -> Result<Next, ReadError<E>> {
        if length == 0 {
            return Ok(Next::Finish);
        }
        // A reader that claims more than the buffer holds is held to it.
        let chunk = buffer.get(..length).unwrap_or(buffer);
        match self.feed(chunk).map_err(ReadError::Parse)? {
            Status::Partial => Ok(Next::Read),
            Status::Complete => Ok(Next::Finish),
        }
    }
}

/// The header a [`StreamParser`] has read, borrowed from it by
/// [`finish`](StreamParser::finish): the accessors of an [`OwnedHeader`],
/// over the parser's own room.
///
/// ```
/// use nhncloud_header::{Mode, OwnedHeader, StreamParser};
///
/// let mut parser = StreamParser::<32>::new(Mode::Parse);
/// parser.feed(br#"{"header":{"isSuccessful":false,"resultCode":-4,"#)?;
/// parser.feed(br#""resultMessage":"Invalid parameters : name"}}"#)?;
/// let header = parser.finish()?;
/// assert_eq!(header.detail(), Some("name"));
/// // A copy that outlives the parser.
/// let owned: OwnedHeader<32> = header.to_owned_header();
/// assert_eq!(owned.result_code(), -4);
/// # Ok::<(), nhncloud_header::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct StreamHeader<'a, const N: usize> {
    is_successful: bool,
    code: i32,
    room: &'a Room<N>,
}

room_header!(impl<const N: usize> StreamHeader<'_, N>);

impl<const N: usize> StreamHeader<'_, N> {
    const fn room(&self) -> &Room<N> {
        self.room
    }

    /// The header in memory of its own (a copy of the parser's room).
    pub fn to_owned_header(&self) -> OwnedHeader<N> {
        OwnedHeader::from_room(self.is_successful, self.code, self.room.clone())
    }
}

#[cfg(feature = "defmt")]
impl<const N: usize> defmt::Format for StreamHeader<'_, N> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{}", self.to_owned_header());
    }
}

impl<const N: usize> PartialEq for StreamHeader<'_, N> {
    fn eq(&self, other: &Self) -> bool {
        self.is_successful == other.is_successful
            && self.result_code() == other.result_code()
            && self.result_message() == other.result_message()
            && self.message_truncated() == other.message_truncated()
    }
}

impl<const N: usize> Eq for StreamHeader<'_, N> {}

impl<const N: usize> PartialEq<OwnedHeader<N>> for StreamHeader<'_, N> {
    fn eq(&self, other: &OwnedHeader<N>) -> bool {
        self.to_owned_header() == *other
    }
}

impl<const N: usize> From<StreamHeader<'_, N>> for OwnedHeader<N> {
    fn from(header: StreamHeader<'_, N>) -> Self {
        header.to_owned_header()
    }
}

/// After a read: read on, or finish (the input ended, or the header is known).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    Read,
    Finish,
}

/// `buffer`, or `one` if `buffer` is empty: a reader needs room for a byte.
fn at_least_one_byte<'a>(buffer: &'a mut [u8], one: &'a mut [u8; 1]) -> &'a mut [u8] {
    if buffer.is_empty() { one } else { buffer }
}

/// The decoded strings go straight into the parser's fixed room.
impl<const N: usize> Sink for Room<N> {
    const NEEDS_TEXT: bool = true;

    fn text_begin(&mut self, text: Text, _: usize) {
        self.begin(text);
    }

    fn text_char(&mut self, text: Text, ch: char) -> bool {
        self.push(text, ch)
    }

    fn text_end(&mut self, text: Text, _: usize) {
        self.end(text);
    }
}

/// Why [`StreamParser::read_with`] and its kin stopped.
///
/// ```
/// use nhncloud_header::{ErrorKind, Mode, ReadError, StreamParser};
///
/// let mut chunks = [&b"{\"header\":"[..], b"[]}"].into_iter();
/// let result = StreamParser::<16>::new(Mode::Scan).read_with(&mut [0; 16], |buffer: &mut [u8]| {
///     let chunk = chunks.next().unwrap_or_default();
///     buffer[..chunk.len()].copy_from_slice(chunk);
///     Ok::<usize, ()>(chunk.len())
/// });
/// assert!(matches!(result, Err(ReadError::Parse(error)) if error.kind() == ErrorKind::WrongType));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum ReadError<E> {
    /// The reader failed.
    Read(E),
    /// The body is not a valid response.
    Parse(Error),
}

impl<E: fmt::Display> fmt::Display for ReadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Read(error) => write!(f, "read failed: {error}"),
            ReadError::Parse(error) => error.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> core::error::Error for ReadError<E> {}
