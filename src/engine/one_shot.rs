//! The byte-wise engine over a whole body in one slice: what `parse`,
//! `scan` and `locate` run (alone on bare metal, after the structural index
//! elsewhere), and the header it hands them, borrowed from the body.

use super::{Machine, Progress, Sink};
use crate::error::Error;
use crate::header::{Header, ResultCode};
use crate::message::Message;
use crate::options::{Mode, Options};
use crate::room::Text;

/// The byte-wise engine: every answer, errors with their exact offsets.
#[inline(never)]
pub(crate) fn byte_wise(body: &[u8], mode: Mode, options: Options) -> Result<Header<'_>, Error> {
    let mut machine = Machine::new(mode, options.max_depth());
    let mut spans = Spans::default();
    if machine.feed(body, &mut spans)? == Progress::NeedMore {
        machine.finish()?;
    }
    Ok(header_of(&machine, &spans, body))
}

/// The header the machine read, its strings borrowed from the body.
fn header_of<'a>(machine: &Machine, spans: &Spans, body: &'a [u8]) -> Header<'a> {
    let text = |(start, end): (usize, usize)| {
        Message::from_validated(body.get(start..end).unwrap_or_default())
    };
    Header {
        is_successful: machine.is_successful(),
        result_code: if machine.code_is_text() {
            ResultCode::Text(text(spans.code))
        } else {
            ResultCode::Integer(machine.result_code())
        },
        result_message: (!machine.message_is_null()).then(|| text(spans.message)),
    }
}

#[cfg(nhncloud_header_fast)]
#[inline(never)]
pub(crate) fn from_key(body: &[u8], quote: usize, options: Options) -> Result<Header<'_>, Error> {
    let mut machine = Machine::at_top_level_key(options.max_depth(), quote);
    let mut spans = Spans::default();
    if machine.feed(body.get(quote..).unwrap_or_default(), &mut spans)? == Progress::NeedMore {
        machine.finish()?;
    }
    Ok(header_of(&machine, &spans, body))
}

/// Remembers where the raw text of the message and of a string code lie
/// (from the byte after the opening quote to the closing one); the text
/// stays in the body.
#[derive(Default)]
pub(crate) struct Spans {
    message: (usize, usize),
    code: (usize, usize),
}

impl Spans {
    fn of(&mut self, text: Text) -> &mut (usize, usize) {
        match text {
            Text::Message => &mut self.message,
            Text::Code => &mut self.code,
        }
    }
}

impl Sink for Spans {
    const NEEDS_TEXT: bool = false;

    fn text_begin(&mut self, text: Text, quote: usize) {
        self.of(text).0 = quote + 1;
    }

    fn text_char(&mut self, _: Text, _: char) -> bool {
        true
    }

    fn text_end(&mut self, text: Text, quote: usize) {
        self.of(text).1 = quote;
    }
}
