//! Where in a body an error lies, as a person reads the body: its line and
//! column (1-based, the column counted in characters), from the byte offset
//! the parser reports. Worked out only for an error, never per body.

use std::collections::VecDeque;

use memchr::{memchr_iter, memrchr};

/// A line and a column, both from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub line: u64,
    pub column: u64,
}

impl Place {
    pub const START: Place = Place { line: 1, column: 1 };

    /// Where the byte after `bytes` lies, `bytes` starting here.
    fn after(self, bytes: &[u8]) -> Place {
        match memrchr(b'\n', bytes) {
            Some(last) => Place {
                line: self.line + memchr_iter(b'\n', bytes).count() as u64,
                column: 1 + characters(&bytes[last + 1..]),
            },
            None => Place {
                line: self.line,
                column: self.column + characters(bytes),
            },
        }
    }
}

/// UTF-8 characters in `bytes`: the bytes that do not continue a character
/// (so a byte that is not UTF-8 at all counts as one, as an editor shows it).
fn characters(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .filter(|&&byte| !(0x80..0xc0).contains(&byte))
        .count() as u64
}

/// Where byte `offset` of `body` lies (the end of the body, for an offset
/// past it).
pub fn place_in(body: &[u8], offset: usize) -> Place {
    Place::START.after(&body[..offset.min(body.len())])
}

/// How far back before the piece being read a [`Tracker`] can place an
/// offset. The streaming parser reports an error at the byte it reads, or
/// back at the start of what it was reading: the opening quote of a
/// duplicate key or of a string `resultCode`, the first digit of a
/// `resultCode` (further back than this only for a code of thousands of
/// bytes).
const WINDOW: usize = 64 << 10;

/// [`place_in`] for a body read piece by piece, in fixed memory: the last
/// [`WINDOW`] bytes before the piece being read, and the place of the first
/// of them.
pub struct Tracker {
    /// The offset of `window`'s first byte, and its place.
    start: usize,
    place: Place,
    window: VecDeque<u8>,
}

impl Tracker {
    pub fn new() -> Self {
        Tracker {
            start: 0,
            place: Place::START,
            window: VecDeque::new(),
        }
    }

    /// The body's next piece, read and done with.
    pub fn see(&mut self, mut piece: &[u8]) {
        // The bytes that no longer fit are folded into `place`.
        let leaving = (self.window.len() + piece.len()).saturating_sub(WINDOW);
        let from_window = leaving.min(self.window.len());
        let (front, back) = self.window.as_slices();
        let from_front = from_window.min(front.len());
        self.place = self
            .place
            .after(&front[..from_front])
            .after(&back[..from_window - from_front]);
        self.window.drain(..from_window);
        let from_piece = leaving - from_window;
        self.place = self.place.after(&piece[..from_piece]);
        piece = &piece[from_piece..];
        self.start += leaving;
        self.window.extend(piece);
    }

    /// Where byte `offset` of the body lies, `current` being the piece
    /// read after those seen; `None` if the offset has left the window, or
    /// lies past `current`.
    pub fn place(&self, offset: usize, current: &[u8]) -> Option<Place> {
        let into = offset.checked_sub(self.start)?;
        let (front, back) = self.window.as_slices();
        let from_front = into.min(front.len());
        let from_back = (into - from_front).min(back.len());
        let from_current = into - from_front - from_back;
        if from_current > current.len() {
            return None;
        }
        Some(
            self.place
                .after(&front[..from_front])
                .after(&back[..from_back])
                .after(&current[..from_current]),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every offset of a body of several lines, with accents, a CRLF and a
    /// byte that is not UTF-8: counted naively, by `place_in`, and by a
    /// tracker fed in pieces of every size.
    #[test]
    fn places_agree_with_a_naive_count() {
        let mut body =
            b"{\n  \"header\": {\"r\xc3\xa9sult\":\r\n\t\"\xf0\x9d\x84\x9e\"\xff,\n\n}".to_vec();
        body.extend(b"x".repeat(2 * WINDOW + 10));
        body.extend(b"\n\xc3\xa9!");
        // Each offset's place, counted byte by byte.
        let mut naive = vec![Place::START];
        for &byte in &body {
            let last = *naive.last().unwrap();
            naive.push(match byte {
                b'\n' => Place {
                    line: last.line + 1,
                    column: 1,
                },
                0x80..0xc0 => last,
                _ => Place {
                    column: last.column + 1,
                    ..last
                },
            });
        }
        let naive = |offset: usize| naive[offset];
        // Every offset of the lines at each end, a few in between.
        let ends = (0..300).chain(body.len() - 300..=body.len());
        for offset in ends.chain((300..body.len()).step_by(997)) {
            assert_eq!(place_in(&body, offset), naive(offset), "offset {offset}");
        }
        assert_eq!(place_in(&body, body.len() + 5), naive(body.len()));
        for piece in [1, 2, 3, 7, 100, WINDOW - 1, WINDOW, WINDOW + 1, body.len()] {
            let mut tracker = Tracker::new();
            let mut seen = 0;
            // Checked every few KiB: a check reads the whole window.
            let every = (4096 / piece).max(1);
            for (index, current) in body.chunks(piece).enumerate() {
                let end = seen + current.len();
                if index % every != 0 {
                    tracker.see(current);
                    seen = end;
                    continue;
                }
                // The piece being read, the window's oldest byte, and the
                // end of what was seen are placed.
                for offset in [seen.saturating_sub(WINDOW), seen, (seen + end) / 2, end] {
                    assert_eq!(
                        tracker.place(offset, current),
                        Some(naive(offset)),
                        "pieces of {piece}, offset {offset}"
                    );
                }
                assert_eq!(tracker.place(end + 1, current), None, "not read");
                if let Some(left) = seen.checked_sub(WINDOW + 1) {
                    assert_eq!(tracker.place(left, current), None, "left");
                }
                tracker.see(current);
                seen = end;
            }
            assert_eq!(tracker.place(seen, &[]), Some(naive(seen)));
        }
    }
}
