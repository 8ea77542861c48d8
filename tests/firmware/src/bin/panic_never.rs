//! The link proof on the target itself: a program that calls every public
//! function that takes input, with a panic handler that calls a function
//! defined nowhere. If any panic path survives optimization in the code
//! this program reaches, linking fails on `a_panic_path_survived`. Built
//! by `.ci/run` with `--features panic-never` in the release profile the
//! other programs are measured in (opt-level "z", LTO).
//!
//! Unlike the host proof (tests/panic-free), it has no unwinding to trace,
//! so it also covers what goes through `core::fmt`: `Display` of the
//! message and the errors into a fixed buffer. The serde impls are proven
//! on the host only: serde-json-core has panic paths of its own.
#![no_std]
#![no_main]

use core::fmt::{self, Write};
use core::hint::black_box;
use core::panic::PanicInfo;

use nhncloud_header::{
    Catalog, ComputeDetails, Error, Header, Message, Mode, OwnedHeader, ReadError, ResultCode, Service,
    StreamParser,
};

#[panic_handler]
fn panic(_: &PanicInfo<'_>) -> ! {
    unsafe extern "C" {
        fn a_panic_path_survived() -> !;
    }
    // SAFETY: never defined; only reachable code makes the link fail.
    unsafe { a_panic_path_survived() }
}

#[unsafe(link_section = ".vector_table.reset")]
#[used]
static RESET: extern "C" fn() -> ! = reset;

/// Received bytes, opaque to the optimizer: a body as it came off the
/// network, and the sizes of the reads it came in.
static mut RECEIVED: [u8; 512] = [0; 512];
static mut LENGTH: usize = 0;

fn body() -> &'static [u8] {
    // SAFETY: single-threaded; read once, through a raw pointer.
    let received: &'static [u8; 512] = unsafe { &*core::ptr::addr_of!(RECEIVED) };
    // SAFETY: as above.
    let length = unsafe { core::ptr::read_volatile(core::ptr::addr_of!(LENGTH)) };
    black_box(received.get(..length).unwrap_or(received))
}

/// Keeps `value` alive, as if written to a register or sent on.
fn report(value: usize) {
    black_box(value);
}

/// A fixed buffer that `write!` fills until it is full, then refuses.
struct Fixed {
    bytes: [u8; 64],
    length: usize,
}

impl Write for Fixed {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let free = self.bytes.get_mut(self.length..).ok_or(fmt::Error)?;
        if text.len() > free.len() {
            return Err(fmt::Error);
        }
        // Byte by byte: `copy_from_slice` keeps a length check at opt-level "z".
        for (to, from) in free.iter_mut().zip(text.bytes()) {
            *to = from;
        }
        self.length += text.len();
        Ok(())
    }
}

/// A reader that hands out the body `step` bytes at a time.
struct Reader {
    rest: &'static [u8],
    step: usize,
}

impl embedded_io::ErrorType for Reader {
    type Error = embedded_io::ErrorKind;
}

impl embedded_io::Read for Reader {
    fn read(&mut self, buffer: &mut [u8]) -> Result<usize, Self::Error> {
        let mut length = 0;
        for (to, from) in buffer.iter_mut().zip(self.rest).take(self.step) {
            *to = *from;
            length += 1;
        }
        self.rest = self.rest.get(length..).unwrap_or_default();
        Ok(length)
    }
}

fn header(header: &Header<'_>, out: &mut Fixed) {
    if let Some(details) = header.compute_details() {
        report(details.class as usize + details.remedy.description().len());
        report(details.api.map_or(0, |api| api.thousand() as usize));
        report(details.http_status.map_or(0, usize::from));
    }
    report(header.meaning_in(&Catalog::COMPUTE).advice as usize);
    // A service chosen at run time: every table, every lookup.
    let service = Service::ALL[body().len() % Service::ALL.len()];
    let meaning = header.meaning(service);
    if let Some(entry) = meaning.entry {
        report(entry.message().len() + entry.category().name().len());
        report(entry.message_c_str().map_or(0, |text| text.count_bytes()));
    }
    report(header.entries_in(service).len() + meaning.table_text().map_or(0, str::len));
    report(meaning.consistent as usize + meaning.category as usize + meaning.retryable() as usize);
    if let ResultCode::Text(code) = header.result_code {
        show_message(code, out);
    }
    if let Some(message) = header.result_message {
        show_message(message, out);
    }
    match OwnedHeader::<16>::from_header(header) {
        Ok(owned) => owned_header(&owned),
        Err(error) => report(error.needed()),
    }
}

fn owned_header<const N: usize>(header: &OwnedHeader<N>) {
    report(header.detail().map_or(0, str::len) + header.message_truncated() as usize);
    match header.result_code() {
        ResultCode::Integer(code) => report(ComputeDetails::of(code).class as usize),
        ResultCode::Text(code) => report(code.len()),
    }
    report(header.meaning(Service::ALL[body().len() % Service::ALL.len()]).advice as usize);
}

fn show_message(message: Message<'_>, out: &mut Fixed) {
    let _ = write!(out, "{message}");
    report(message.chars().map(|ch| ch as usize).sum());
    report(message.decoded_len() + message.raw().len() + message.has_escapes() as usize);
    report(message.as_str().map_or(0, str::len));
    report(message.detail().map_or(0, |detail| detail.decoded_len()));
    let mut buffer = [0u8; 16];
    match message.unescape_into(&mut buffer) {
        Ok(text) => report(text.len()),
        Err(error) => {
            let _ = write!(out, "{error}");
        }
    }
}

fn error(error: Error, out: &mut Fixed) {
    let _ = write!(out, "{error}");
    report(error.offset() + error.kind().description().len());
    report(error.field().map_or(0, |field| field.key().len()));
}

fn stream<const N: usize>(step: usize, out: &mut Fixed) {
    let mut parser = StreamParser::<N>::new(Mode::Parse);
    for chunk in body().chunks(step.max(1)) {
        if let Err(failure) = parser.feed(chunk) {
            error(failure, out);
        }
    }
    report(parser.offset());
    report(parser.string_code_offset().unwrap_or(0));
    if let Ok(header) = parser.finish() {
        owned_header(&header.to_owned_header());
        report(header.result_message().map_or(0, str::len));
    }
    let mut buffer = [0u8; 32];
    let mut reader = Reader { rest: body(), step };
    match StreamParser::<N>::new(Mode::Scan).read_from(&mut reader, &mut buffer) {
        Ok(header) => report(header.result_code().integer().unwrap_or(0) as usize),
        Err(ReadError::Parse(failure)) => error(failure, out),
        Err(ReadError::Read(kind)) => report(kind as usize),
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn reset() -> ! {
    let mut out = Fixed {
        bytes: [0; 64],
        length: 0,
    };
    let body = body();
    for outcome in [
        nhncloud_header::parse(body),
        nhncloud_header::scan(body),
        nhncloud_header::locate(body),
    ] {
        match outcome {
            Ok(found) => header(&found, &mut out),
            Err(failure) => error(failure, &mut out),
        }
    }
    let step = body.len() % 13;
    stream::<0>(step, &mut out);
    stream::<1>(step, &mut out);
    stream::<64>(step, &mut out);
    stream::<4096>(step, &mut out);
    report(nhncloud_header::classify(body.len() as i32) as usize);
    report(out.length);
    loop {}
}
