//! `--lines`: every line of an input is one response body (JSON Lines),
//! split with `memchr`: in a regular file mapped into memory, or, from a
//! pipe, inside one reused buffer. There, a line longer than the buffer is
//! read through the streaming parser, piece by piece, so it is judged like
//! any other (its message kept up to the parser's room).

use std::io::{self, Read};

use memchr::memchr;
use nhncloud_header::{Error, Mode, OwnedHeader, Status, StreamParser};

/// The buffer lines are split in: a line longer than this is streamed.
pub const LINE_BUFFER: usize = 1 << 20;

/// One line of an input.
pub enum Line<'a> {
    /// The line's bytes, newline (and any `\r`) excluded.
    Whole(&'a [u8]),
    /// A line longer than the buffer, judged by the streaming parser.
    Streamed(&'a Result<OwnedHeader<{ crate::MESSAGE_ROOM }>, Error>),
}

/// Why reading the lines stopped early.
pub enum Stop {
    /// The input could not be read (the lines before were handled).
    Read(io::Error),
    /// `on_line` failed: writing the output.
    Output(io::Error),
}

/// Reads `reader` to its end, calling `on_line` with each non-blank line
/// and its 1-based number, and `on_progress` with the bytes of each read.
/// Long lines are parsed in `mode`.
pub fn for_each_line(
    reader: &mut dyn Read,
    buffer: &mut [u8],
    mode: Mode,
    mut on_line: impl FnMut(u64, Line<'_>) -> io::Result<()>,
    mut on_progress: impl FnMut(usize),
) -> Result<(), Stop> {
    let (mut start, mut end, mut number) = (0, 0, 0u64);
    loop {
        if let Some(newline) = memchr(b'\n', &buffer[start..end]) {
            number += 1;
            let line = &buffer[start..start + newline];
            if !is_blank(line) {
                on_line(number, Line::Whole(line)).map_err(Stop::Output)?;
            }
            start += newline + 1;
            continue;
        }
        // No newline in what is left: keep the partial line, read more.
        buffer.copy_within(start..end, 0);
        end -= start;
        start = 0;
        if end == buffer.len() {
            number += 1;
            let (result, rest) =
                stream_long_line(reader, buffer, mode, &mut on_progress).map_err(Stop::Read)?;
            on_line(number, Line::Streamed(&result)).map_err(Stop::Output)?;
            (start, end) = rest;
            continue;
        }
        let read = read_some(reader, &mut buffer[end..]).map_err(Stop::Read)?;
        if read == 0 {
            let line = &buffer[..end];
            if !is_blank(line) {
                on_line(number + 1, Line::Whole(line)).map_err(Stop::Output)?;
            }
            return Ok(());
        }
        on_progress(read);
        end += read;
    }
}

/// How often a mapped input reports progress.
const PROGRESS_STEP: usize = 4 << 20;

/// Calls `on_line` with each non-blank line of `bytes` (a mapped file) and
/// its 1-based number, and `on_progress` every few MiB.
pub fn for_each_line_in(
    bytes: &[u8],
    mut on_line: impl FnMut(u64, Line<'_>) -> io::Result<()>,
    mut on_progress: impl FnMut(usize),
) -> io::Result<()> {
    let (mut start, mut number, mut reported) = (0, 0u64, 0);
    while start < bytes.len() {
        let end = memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |newline| start + newline);
        number += 1;
        let line = &bytes[start..end];
        if !is_blank(line) {
            on_line(number, Line::Whole(line))?;
        }
        start = end + 1;
        if start - reported >= PROGRESS_STEP {
            on_progress(start - reported);
            reported = start;
        }
    }
    on_progress(bytes.len().saturating_sub(reported));
    Ok(())
}

/// JSON whitespace only (a `\r` of a CRLF log included).
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|byte| matches!(byte, b' ' | b'\t' | b'\r'))
}

fn read_some(reader: &mut dyn Read, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buffer) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}

/// Feeds a full buffer without a newline, then further reads up to the
/// newline, to a streaming parser (which stops taking input once a scan
/// has its header). Returns the verdict and where the bytes after the
/// newline now lie in `buffer`.
fn stream_long_line(
    reader: &mut dyn Read,
    buffer: &mut [u8],
    mode: Mode,
    on_progress: &mut impl FnMut(usize),
) -> io::Result<(
    Result<OwnedHeader<{ crate::MESSAGE_ROOM }>, Error>,
    (usize, usize),
)> {
    let mut parser = StreamParser::<{ crate::MESSAGE_ROOM }>::new(mode);
    let mut outcome = Ok(Status::Partial);
    let mut piece = buffer.len();
    loop {
        let newline = memchr(b'\n', &buffer[..piece]);
        if let Ok(Status::Partial) = outcome {
            outcome = parser.feed(&buffer[..newline.unwrap_or(piece)]);
        }
        if let Some(newline) = newline {
            return Ok((finish(parser, outcome), (newline + 1, piece)));
        }
        piece = read_some(reader, buffer)?;
        if piece == 0 {
            return Ok((finish(parser, outcome), (0, 0)));
        }
        on_progress(piece);
    }
}

fn finish(
    parser: StreamParser<{ crate::MESSAGE_ROOM }>,
    outcome: Result<Status, Error>,
) -> Result<OwnedHeader<{ crate::MESSAGE_ROOM }>, Error> {
    outcome?;
    parser.finish()
}
