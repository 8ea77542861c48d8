//! A body read piece by piece through the streaming parser, in fixed
//! memory (`--chunk`, and a line of `--lines` longer than its buffer), with
//! the place of its error tracked as the pieces go by.

use std::io::{self, Read};

use nhncloud_header::{Mode, OwnedHeader, Status, StreamParser};

use crate::failure::Malformed;
use crate::position::Tracker;

/// Room for the decoded message; a longer message is cut on a character
/// boundary and reported with `"messageTruncated":true`.
pub const MESSAGE_ROOM: usize = 4096;

pub type Streamed = Result<OwnedHeader<MESSAGE_ROOM>, Malformed>;

pub struct Stream {
    parser: StreamParser<MESSAGE_ROOM>,
    tracker: Tracker,
    /// `Complete` once a scan has its header, or the error.
    status: Result<Status, Malformed>,
}

impl Stream {
    pub fn new(mode: Mode) -> Self {
        Stream {
            parser: StreamParser::new(mode),
            tracker: Tracker::new(),
            status: Ok(Status::Partial),
        }
    }

    /// Feeds the body's next piece, unless the parser is done with the
    /// body; returns whether it wants more.
    pub fn feed(&mut self, piece: &[u8]) -> bool {
        if let Ok(Status::Partial) = self.status {
            self.status = match self.parser.feed(piece) {
                Ok(status) => {
                    self.tracker.see(piece);
                    Ok(status)
                }
                Err(error) => Err(Malformed {
                    error,
                    place: self.tracker.place(error.offset(), piece),
                }),
            };
        }
        matches!(self.status, Ok(Status::Partial))
    }

    /// Reads the body from `reader` through `buffer` (`--chunk`), until
    /// its end or, in a scan, its header's.
    pub fn read_from(mut self, reader: &mut dyn Read, buffer: &mut [u8]) -> io::Result<Streamed> {
        loop {
            let read = read_some(reader, buffer)?;
            if read == 0 || !self.feed(&buffer[..read]) {
                return Ok(self.finish());
            }
        }
    }

    /// The body has ended (or a scan has its header).
    pub fn finish(mut self) -> Streamed {
        self.status?;
        match self.parser.finish() {
            Ok(header) => Ok(header.to_owned_header()),
            Err(error) => Err(Malformed {
                error,
                place: self.tracker.place(error.offset(), &[]),
            }),
        }
    }
}

/// One read, retried when interrupted by a signal.
pub fn read_some(reader: &mut dyn Read, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buffer) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}
