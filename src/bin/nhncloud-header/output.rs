//! Standard output's buffer. A readable line is written in a dozen pieces,
//! a million times with `--lines`: each piece is appended to one `Vec`
//! inline (a constant piece with a copy of known length, not a call), and
//! the buffer goes out between lines, once it holds enough. `BufWriter`
//! checks for room and calls `memcpy` on every piece.

use std::io::{self, Write};

/// How much is gathered before it is written out.
const WRITE_FROM: usize = 256 << 10;

pub struct Output<W: Write> {
    buffer: Vec<u8>,
    inner: W,
}

impl<W: Write> Output<W> {
    pub fn new(inner: W) -> Self {
        Output {
            // Room for a last line past `WRITE_FROM`: no reallocation.
            buffer: Vec::with_capacity(2 * WRITE_FROM),
            inner,
        }
    }

    /// Called between lines: writes the buffer out once it holds enough.
    #[inline]
    pub fn end_line(&mut self) -> io::Result<()> {
        if self.buffer.len() >= WRITE_FROM {
            self.write_out()?;
        }
        Ok(())
    }

    fn write_out(&mut self) -> io::Result<()> {
        let written = self.inner.write_all(&self.buffer);
        self.buffer.clear();
        written
    }
}

/// Where a line is written: any `Write`, and numbers in decimal.
pub trait Sink: Write {
    fn put_integer(&mut self, negative: bool, magnitude: u64) -> io::Result<()>;
}

impl<W: Write> Sink for Output<W> {
    #[inline]
    fn put_integer(&mut self, negative: bool, magnitude: u64) -> io::Result<()> {
        push_integer(&mut self.buffer, negative, magnitude);
        Ok(())
    }
}

impl Sink for Vec<u8> {
    fn put_integer(&mut self, negative: bool, magnitude: u64) -> io::Result<()> {
        push_integer(self, negative, magnitude);
        Ok(())
    }
}

/// Digits appended in place: no formatting machinery, no 128-bit
/// division, no copy of unknown length (room for the longest is laid down
/// in one store, then cut to the digits).
#[inline]
fn push_integer(buffer: &mut Vec<u8>, negative: bool, magnitude: u64) {
    if negative {
        buffer.push(b'-');
    }
    let start = buffer.len();
    let digits = magnitude.checked_ilog10().unwrap_or(0) as usize + 1;
    buffer.extend_from_slice(&[0; 20]);
    buffer.truncate(start + digits);
    let mut rest = magnitude;
    for digit in buffer[start..].iter_mut().rev() {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
}

impl<W: Write> Write for Output<W> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_out()?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_in_decimal() {
        for (negative, magnitude, text) in [
            (false, 0, "0"),
            (true, 4, "-4"),
            (false, 10, "10"),
            (false, u64::MAX, "18446744073709551615"),
            (true, 2147483648, "-2147483648"),
        ] {
            let mut out = Output::new(Vec::new());
            out.write_all(b"x").unwrap();
            out.put_integer(negative, magnitude).unwrap();
            out.flush().unwrap();
            assert_eq!(out.inner, format!("x{text}").as_bytes());
        }
    }

    /// Nothing goes out before enough is gathered, all of it on `flush`.
    #[test]
    fn written_out_in_large_pieces() {
        let mut out = Output::new(Vec::new());
        let line = [b'a'; 100];
        let mut lines = 0;
        while out.inner.is_empty() {
            out.write_all(&line).unwrap();
            out.end_line().unwrap();
            lines += 1;
        }
        assert_eq!(lines, WRITE_FROM.div_ceil(line.len()));
        out.write_all(&line).unwrap();
        out.flush().unwrap();
        assert_eq!(out.inner.len(), (lines + 1) * line.len());
    }
}
