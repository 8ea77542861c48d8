//! `--lines`: every line of an input is one response body (JSON Lines),
//! split with `memchr` inside one reused buffer (or, with `--mmap`, in the
//! file mapped into memory). A line longer than the buffer is read through
//! the streaming parser, piece by piece, so it is judged like any other
//! (its message kept up to the parser's room). An input with a NUL byte
//! near its start is binary, and is skipped unless asked for.

use std::io::{self, Read};

use memchr::memchr;
use nhncloud_header::Mode;

use crate::streamed::{Stream, Streamed, read_some};

/// The buffer lines are split in: a line longer than this is streamed.
pub const LINE_BUFFER: usize = 1 << 20;

/// One line of an input.
pub enum Line<'a> {
    /// The line's bytes, without its newline (a `\r` before it stays: it
    /// is JSON whitespace).
    Whole(&'a [u8]),
    /// A line longer than the buffer, judged by the streaming parser.
    Streamed(&'a Streamed),
}

/// How much of an input's start is looked at for a NUL byte: grep's 8 KiB
/// (a text log has none; an executable, an image or a compressed log has
/// one within its first few bytes).
pub const BINARY_SNIFF: usize = 8 << 10;

/// The offset of a NUL byte in the first [`BINARY_SNIFF`] bytes of `start`.
fn nul_in(start: &[u8]) -> Option<usize> {
    memchr(0, &start[..start.len().min(BINARY_SNIFF)])
}

/// Why reading the lines stopped early.
#[derive(Debug)]
pub enum Stop {
    /// The input could not be read, in the given line (the lines before
    /// were handled).
    Read(io::Error, u64),
    /// `on_line` failed: writing the output.
    Output(io::Error),
    /// The input is binary: a NUL byte at this offset. No line was read.
    Binary(usize),
}

/// Reads `reader` to its end through `buffer`, calling `on_line` with each
/// non-blank line and its 1-based number, and `on_progress` with the bytes
/// of each read. Lines longer than `buffer` are parsed in `mode`. Unless
/// `binary` is allowed, an input with a NUL byte in its first
/// [`BINARY_SNIFF`] bytes stops before any line.
pub fn for_each_line(
    reader: &mut dyn Read,
    buffer: &mut [u8],
    mode: Mode,
    binary: bool,
    mut on_line: impl FnMut(u64, Line<'_>) -> io::Result<()>,
    mut on_progress: impl FnMut(usize),
) -> Result<(), Stop> {
    let (mut start, mut end, mut number) = (0, 0, 0u64);
    // Set once a read has returned 0: a terminal would wait for another.
    let mut ended = false;
    if !binary {
        // A pipe may hand the start over in small reads. A read error is
        // left to the loop below, which names its line.
        let sniff = BINARY_SNIFF.min(buffer.len());
        while end < sniff {
            match read_some(reader, &mut buffer[end..]) {
                Ok(0) => {
                    ended = true;
                    break;
                }
                Ok(read) => {
                    on_progress(read);
                    end += read;
                }
                Err(_) => break,
            }
        }
        if let Some(at) = nul_in(&buffer[..end]) {
            return Err(Stop::Binary(at));
        }
    }
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
            let long = stream_long_line(reader, buffer, mode, &mut on_progress)
                .map_err(|error| Stop::Read(error, number))?;
            if let Some(result) = &long.result {
                on_line(number, Line::Streamed(result)).map_err(Stop::Output)?;
            }
            match long.rest {
                Some(rest) => (start, end) = rest,
                None => return Ok(()),
            }
            continue;
        }
        let read = if ended {
            0
        } else {
            read_some(reader, &mut buffer[end..]).map_err(|error| Stop::Read(error, number + 1))?
        };
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
/// its 1-based number, and `on_progress` every few MiB; stops before any
/// line on a binary input, as [`for_each_line`] does.
pub fn for_each_line_in(
    bytes: &[u8],
    binary: bool,
    mut on_line: impl FnMut(u64, Line<'_>) -> io::Result<()>,
    mut on_progress: impl FnMut(usize),
) -> Result<(), Stop> {
    if let Some(at) = nul_in(bytes).filter(|_| !binary) {
        return Err(Stop::Binary(at));
    }
    let (mut start, mut number, mut reported) = (0, 0u64, 0);
    while start < bytes.len() {
        let end = memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |newline| start + newline);
        number += 1;
        let line = &bytes[start..end];
        if !is_blank(line) {
            on_line(number, Line::Whole(line)).map_err(Stop::Output)?;
        }
        start = (end + 1).min(bytes.len());
        if start - reported >= PROGRESS_STEP {
            on_progress(start - reported);
            reported = start;
        }
    }
    on_progress(bytes.len() - reported);
    Ok(())
}

/// JSON whitespace only (a `\r` of a CRLF log included).
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|byte| matches!(byte, b' ' | b'\t' | b'\r'))
}

/// A line longer than the buffer, read to its end.
struct LongLine {
    /// The verdict; `None` for a line of whitespace only (skipped, as a
    /// short blank line is).
    result: Option<Streamed>,
    /// Where the bytes after its newline lie in the buffer; `None` at the
    /// end of the input (nothing more to read).
    rest: Option<(usize, usize)>,
}

/// Feeds a full buffer without a newline, then further reads up to the
/// newline, to a streaming parser (which stops taking input once a scan
/// has its header).
fn stream_long_line(
    reader: &mut dyn Read,
    buffer: &mut [u8],
    mode: Mode,
    on_progress: &mut impl FnMut(usize),
) -> io::Result<LongLine> {
    let mut stream = Stream::new(mode);
    let mut blank = true;
    let mut piece = buffer.len();
    loop {
        let newline = memchr(b'\n', &buffer[..piece]);
        let content = &buffer[..newline.unwrap_or(piece)];
        blank = blank && is_blank(content);
        stream.feed(content);
        let rest = match newline {
            Some(newline) => Some((newline + 1, piece)),
            None => {
                piece = read_some(reader, buffer)?;
                if piece != 0 {
                    on_progress(piece);
                    continue;
                }
                None
            }
        };
        let result = (!blank).then(|| stream.finish());
        return Ok(LongLine { result, rest });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out `data` in reads of 1, 2 or 3 bytes, in turn.
    struct Trickle<'a> {
        data: &'a [u8],
        turn: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            self.turn += 1;
            let length = (1 + self.turn % 3).min(out.len()).min(self.data.len());
            out[..length].copy_from_slice(&self.data[..length]);
            self.data = &self.data[length..];
            Ok(length)
        }
    }

    /// What `for_each_line` reports for `input` through a buffer of `size`
    /// bytes: each line's number and either its text or its verdict.
    fn lines_of(input: &[u8], size: usize, mode: Mode) -> Vec<(u64, String)> {
        let mut seen = Vec::new();
        let mut buffer = vec![0; size];
        let mut reader = Trickle {
            data: input,
            turn: 0,
        };
        let mut progress = 0;
        for_each_line(
            &mut reader,
            &mut buffer,
            mode,
            false,
            |number, line| {
                seen.push(match line {
                    Line::Whole(bytes) => (number, String::from_utf8(bytes.to_vec()).unwrap()),
                    Line::Streamed(Ok(header)) => {
                        (number, format!("streamed {}", header.result_code()))
                    }
                    Line::Streamed(Err(malformed)) => (
                        number,
                        format!(
                            "streamed {} at column {}",
                            malformed.error.kind(),
                            malformed.place.unwrap().column
                        ),
                    ),
                });
                Ok(())
            },
            |read| progress += read,
        )
        .unwrap();
        assert_eq!(progress, input.len(), "every byte read is reported once");
        seen
    }

    const OK: &str = r#"{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"}}"#;

    #[test]
    fn short_lines_across_refills_crlf_blanks_and_no_final_newline() {
        let input = format!("{OK}\r\n\n  \r\n{OK}\n{OK}");
        for size in [OK.len() + 2, OK.len() + 3, 4096] {
            let seen = lines_of(input.as_bytes(), size, Mode::Parse);
            assert_eq!(
                seen,
                [
                    (1, format!("{OK}\r")),
                    (4, OK.to_string()),
                    (5, OK.to_string())
                ],
                "buffer {size}"
            );
        }
    }

    #[test]
    fn long_lines_are_streamed_with_their_numbers() {
        let bad = format!("{}x}}", &OK[..OK.len() - 1]);
        let blank = " ".repeat(40);
        let input = format!("{OK}\n{bad}\n{blank}\r\n{OK}\n{OK}");
        // A buffer of 16 bytes: every line but the blank one is longer.
        let seen = lines_of(input.as_bytes(), 16, Mode::Parse);
        let want = [
            (1, "streamed 0".to_string()),
            (
                2,
                format!("streamed unexpected_byte at column {}", OK.len()),
            ),
            (4, "streamed 0".to_string()),
            (5, "streamed 0".to_string()),
        ];
        assert_eq!(seen, want);
        // In scan mode the parser stops at the header; the rest of the
        // line is still skipped up to its newline.
        let seen = lines_of(input.as_bytes(), 16, Mode::Scan);
        assert_eq!(
            seen,
            [
                (1, "streamed 0"),
                (2, "streamed 0"),
                (4, "streamed 0"),
                (5, "streamed 0")
            ]
            .map(|(n, s)| (n, s.to_string()))
        );
    }

    #[test]
    fn a_newline_on_a_read_boundary_and_a_long_last_line() {
        // A buffer exactly as long as the first line: its newline arrives
        // with the next read.
        let input = format!("{OK}\n{OK}{}", " ".repeat(100));
        let seen = lines_of(input.as_bytes(), OK.len(), Mode::Scan);
        assert_eq!(
            seen,
            [(1, "streamed 0".to_string()), (2, "streamed 0".to_string())]
        );
    }

    /// A reader that fails after handing out `data`.
    struct Failing<'a>(&'a [u8]);

    impl Read for Failing<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk error"));
            }
            let length = out.len().min(self.0.len());
            out[..length].copy_from_slice(&self.0[..length]);
            self.0 = &self.0[length..];
            Ok(length)
        }
    }

    #[test]
    fn a_read_error_names_its_line() {
        for size in [16, 4096] {
            let input = format!("{OK}\n{OK}\n{{\"header\"");
            let mut buffer = vec![0; size];
            let mut count = 0;
            let stop = for_each_line(
                &mut Failing(input.as_bytes()),
                &mut buffer,
                Mode::Parse,
                false,
                |_, _| {
                    count += 1;
                    Ok(())
                },
                |_| {},
            )
            .unwrap_err();
            match stop {
                Stop::Read(error, line) => assert_eq!(
                    (error.to_string().as_str(), line, count),
                    ("disk error", 3, 2)
                ),
                other => panic!("{other:?}"),
            }
        }
    }

    /// A NUL byte in the first 8 KiB, even handed over a few bytes at a
    /// time, stops the input before its first line; one further on, or
    /// with `binary` allowed, is only a malformed line's.
    #[test]
    fn a_nul_near_the_start_is_binary() {
        let text = format!("{OK}\n").repeat(BINARY_SNIFF / OK.len() + 1);
        let near = [&text.as_bytes()[..BINARY_SNIFF - 1], b"\0", text.as_bytes()].concat();
        let far = [text.as_bytes(), b"\0\n", text.as_bytes()].concat();
        for size in [16, 4096, BINARY_SNIFF, 1 << 20] {
            let stopped = |input: &[u8], binary: bool| {
                let mut count = 0;
                let result = for_each_line(
                    &mut Trickle {
                        data: input,
                        turn: 0,
                    },
                    &mut vec![0; size],
                    Mode::Scan,
                    binary,
                    |_, _| {
                        count += 1;
                        Ok(())
                    },
                    |_| {},
                );
                (result, count)
            };
            // Every line ends with a newline.
            let lines = near.iter().filter(|&&byte| byte == b'\n').count();
            let in_buffer = size >= BINARY_SNIFF;
            match stopped(&near, false) {
                (Err(Stop::Binary(at)), 0) if in_buffer => assert_eq!(at, BINARY_SNIFF - 1),
                // A buffer smaller than 8 KiB looks at what it holds.
                (Ok(()), count) if !in_buffer => assert_eq!(count, lines),
                other => panic!("buffer {size}: {other:?}"),
            }
            assert!(matches!(stopped(&near, true), (Ok(()), count) if count == lines));
            let far_lines = far.iter().filter(|&&byte| byte == b'\n').count();
            assert!(matches!(stopped(&far, false), (Ok(()), count) if count == far_lines));
        }
        let mut count = 0;
        let mapped = for_each_line_in(
            &near,
            false,
            |_, _| {
                count += 1;
                Ok(())
            },
            |_| {},
        );
        assert!(matches!((mapped, count), (Err(Stop::Binary(at)), 0) if at == BINARY_SNIFF - 1));
        assert!(for_each_line_in(&near, true, |_, _| Ok(()), |_| {}).is_ok());
    }

    /// Interrupted once, then a plain reader.
    struct Interrupted<'a>(&'a [u8], bool);

    impl Read for Interrupted<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if !self.1 {
                self.1 = true;
                return Err(io::ErrorKind::Interrupted.into());
            }
            self.0.read(out)
        }
    }

    #[test]
    fn an_interrupted_read_is_retried() {
        let input = format!("{OK}\n{OK}");
        let mut count = 0;
        for_each_line(
            &mut Interrupted(input.as_bytes(), false),
            &mut [0; 4096],
            Mode::Parse,
            false,
            |_, _| {
                count += 1;
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        assert_eq!(count, 2);
    }

    #[test]
    fn mapped_progress_comes_in_steps_and_adds_up() {
        let line = format!("{OK}\n");
        let input = line.repeat((9 << 20) / line.len());
        let mut steps = Vec::new();
        let mut count = 0;
        for_each_line_in(
            input.as_bytes(),
            false,
            |_, _| {
                count += 1;
                Ok(())
            },
            |read| steps.push(read),
        )
        .unwrap();
        assert_eq!(count, input.len() / line.len());
        assert_eq!(steps.iter().sum::<usize>(), input.len());
        assert_eq!(steps.len(), 3, "two steps of 4 MiB and the rest: {steps:?}");
        assert!(
            steps[..2]
                .iter()
                .all(|&step| (PROGRESS_STEP..PROGRESS_STEP + line.len()).contains(&step)),
            "{steps:?}"
        );
    }

    #[test]
    fn mapped_lines_match_read_lines() {
        let input = format!("{OK}\r\n\n  \n{OK}\n{OK}");
        let mut mapped = Vec::new();
        let mut progress = 0;
        for_each_line_in(
            input.as_bytes(),
            false,
            |number, line| {
                if let Line::Whole(bytes) = line {
                    mapped.push((number, String::from_utf8(bytes.to_vec()).unwrap()));
                }
                Ok(())
            },
            |read| progress += read,
        )
        .unwrap();
        assert_eq!(mapped, lines_of(input.as_bytes(), 4096, Mode::Parse));
        assert_eq!(progress, input.len());
    }
}
