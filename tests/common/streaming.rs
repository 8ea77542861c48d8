//! Feeding a body to the streaming parser in every way that matters, and
//! comparing with the one-shot function of the same mode.

use nhncloud_header::{
    Error, ErrorKind, Field, Header, Mode, OwnedHeader, Status, StreamParser, parse, scan,
};

/// Message room used by the equivalence checks: small enough that real
/// messages get truncated, so truncation is compared too.
pub const ROOM: usize = 16;

/// Feeds `chunks` in order until the parser is done, then finishes.
pub fn stream<'a, const N: usize>(
    mode: Mode,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Result<OwnedHeader<N>, Error> {
    let mut parser = StreamParser::<N>::new(mode);
    for chunk in chunks {
        if parser.feed(chunk)? == Status::Complete {
            break;
        }
    }
    parser.finish().map(|header| header.to_owned_header())
}

/// The one-shot function of the same mode.
pub fn one_shot(mode: Mode, body: &[u8]) -> Result<Header<'_>, Error> {
    match mode {
        Mode::Scan => scan(body),
        Mode::Parse => parse(body),
    }
}

/// Equal fields (a string code whole, the message cut to the rest of the
/// `N` bytes on a character boundary, and flagged if cut), or the same
/// error kind at the same offset; a string code longer than `N` bytes (or
/// 255, the most a room takes) is the stream's `code_too_long` at its
/// opening quote.
pub fn agree<const N: usize>(
    one_shot: &Result<Header<'_>, Error>,
    streamed: &Result<OwnedHeader<N>, Error>,
) -> Result<(), String> {
    let (header, owned) = match (one_shot, streamed) {
        (Err(a), Err(b))
            if a.kind() == b.kind() && a.offset() == b.offset() && a.field() == b.field() =>
        {
            return Ok(());
        }
        // Too long for the room before the one-shot function's error.
        (Err(later), Err(error))
            if error.kind() == ErrorKind::CodeTooLong && error.offset() < later.offset() =>
        {
            return Ok(());
        }
        (Ok(header), Err(error))
            if error.kind() == ErrorKind::CodeTooLong
                && error.field() == Some(Field::ResultCode)
                && header
                    .result_code
                    .text()
                    .is_some_and(|text| text.decoded_len() > N.min(255)) =>
        {
            return Ok(());
        }
        (Ok(header), Ok(owned)) => (header, owned),
        _ => return Err(format!("one-shot {one_shot:?}, streamed {streamed:?}")),
    };
    // A string code takes its bytes first; the message has the rest.
    let code = header.result_code.map(|text| text.to_string());
    let room = N - code.text().map_or(0, String::len);
    let expected_message = header.result_message.map(|message| {
        let text = message.to_string();
        let mut cut = text.len().min(room);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        (text[..cut].to_string(), cut < text.len())
    });
    let got_message = owned
        .result_message()
        .map(|m| (m.to_string(), owned.message_truncated()));
    if header.is_successful == owned.is_successful()
        && code == owned.result_code().map(|text| text.to_string())
        && expected_message == got_message
    {
        Ok(())
    } else {
        Err(format!(
            "one-shot {header:?} (message {expected_message:?}), streamed {owned:?}"
        ))
    }
}

/// `body` cut into chunks of the given sizes, used in turn and over again.
/// A size of 0 is an empty chunk followed by a one-byte chunk, so that the
/// cutting always gets through the body.
pub fn chunks_of<'a>(body: &'a [u8], sizes: &[usize]) -> Vec<&'a [u8]> {
    if sizes.is_empty() {
        return vec![body];
    }
    let mut chunks = Vec::new();
    let mut rest = body;
    for &size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        if size == 0 {
            chunks.push(&rest[..0]);
        }
        let (chunk, tail) = rest.split_at(size.max(1).min(rest.len()));
        chunks.push(chunk);
        rest = tail;
    }
    chunks
}

/// A deterministic pseudo-random chunking of `body`: chunk sizes 0 to 70.
pub fn random_chunks(body: &[u8], seed: u64) -> Vec<&[u8]> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut chunks = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let size = (state % 71) as usize;
        let (chunk, tail) = rest.split_at(size.min(rest.len()));
        chunks.push(chunk);
        rest = tail;
    }
    chunks
}

/// Every way of feeding `body` that the equivalence promise covers, in both
/// modes: whole, split in two at every point, one byte at a time, and eight
/// random chunkings with empty chunks among them.
pub fn check_every_feeding(body: &[u8]) -> Result<(), String> {
    for mode in [Mode::Scan, Mode::Parse] {
        let expected = one_shot(mode, body);
        let check = |how: &str, streamed: Result<OwnedHeader<ROOM>, Error>| {
            agree(&expected, &streamed).map_err(|e| {
                format!(
                    "{mode:?}, {how}: {e}\nbody: {:?}",
                    String::from_utf8_lossy(body)
                )
            })
        };
        check("whole", stream(mode, [body]))?;
        for split in 0..=body.len() {
            let (head, tail) = body.split_at(split);
            check(&format!("split at {split}"), stream(mode, [head, tail]))?;
        }
        check("one byte at a time", stream(mode, body.chunks(1)))?;
        for seed in 0..8 {
            check(
                &format!("random chunks, seed {seed}"),
                stream(mode, random_chunks(body, seed)),
            )?;
        }
    }
    Ok(())
}

/// `body` cut at its escapes, in both modes: in two at every byte from a
/// backslash to 12 bytes on (all of a `\u` escape, and of a surrogate
/// pair), and in pieces that hold an escape's hex digits, or a pair's
/// second `\u`, alone. At most 16 escapes, spread over the body, to keep the
/// cost bounded.
pub fn check_cuts_at_escapes(body: &[u8]) -> Result<(), String> {
    let escapes: Vec<usize> = (0..body.len()).filter(|&i| body[i] == b'\\').collect();
    let step = escapes.len().div_ceil(16).max(1);
    for mode in [Mode::Scan, Mode::Parse] {
        let expected = one_shot(mode, body);
        for &at in escapes.iter().step_by(step) {
            let mut cuts: Vec<Vec<usize>> = (at..=at + 12).map(|cut| vec![cut]).collect();
            cuts.extend([
                vec![at + 2, at + 6],
                vec![at + 3, at + 7],
                vec![at + 6, at + 8, at + 12],
            ]);
            for cut in cuts {
                let mut chunks = Vec::new();
                let mut start = 0;
                for &end in &cut {
                    let end = end.clamp(start, body.len());
                    chunks.push(&body[start..end]);
                    start = end;
                }
                chunks.push(&body[start..]);
                agree(&expected, &stream::<ROOM>(mode, chunks)).map_err(|e| {
                    format!(
                        "{mode:?}, cut at {cut:?}: {e}\nbody: {:?}",
                        String::from_utf8_lossy(body)
                    )
                })?;
            }
        }
    }
    Ok(())
}

/// The `stream` fuzz target's check, on its input layout: the first byte
/// says how many of the next bytes are chunk sizes, the rest is the body.
/// Both modes must agree with the one-shot functions.
pub fn check_fuzz_input(input: &[u8]) -> Result<(), String> {
    let Some((&count, rest)) = input.split_first() else {
        return Ok(());
    };
    let count = (count as usize % 8).min(rest.len());
    let (sizes, body) = rest.split_at(count);
    let sizes: Vec<usize> = sizes.iter().map(|&size| size as usize).collect();
    let chunks = chunks_of(body, &sizes);
    for mode in [Mode::Scan, Mode::Parse] {
        let streamed = stream::<ROOM>(mode, chunks.iter().copied());
        agree(&one_shot(mode, body), &streamed).map_err(|disagreement| {
            let sizes: Vec<usize> = chunks.iter().map(|c| c.len()).collect();
            format!("{mode:?}, chunks {sizes:?}: {disagreement}")
        })?;
    }
    Ok(())
}
