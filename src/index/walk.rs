//! Stage 2: the grammar of a body over its stage-1 masks, a block at a
//! time. What may follow each token comes from the structure table, checked
//! for all tokens of a block at once: from the end of each token, an
//! addition carries through the whitespace to the next token's start, which
//! must be one the table allows there. Only the brackets are walked one by
//! one, for the nesting; they also give, by prefix XOR, which commas are in
//! arrays and which keys are the top-level object's. Numbers, literals and
//! escapes are checked one by one by the grammar's own functions.

use super::Kernel;
use super::block::{self, Carry, Masks};
use crate::grammar::bytes::{Class, top_object};
use crate::grammar::string::decode_escape;
use crate::grammar::structure::{Expect, Token};
use crate::grammar::{key, scalar};
use crate::options::{MAX_DEPTH, Mode};

/// What the walk found.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Found {
    /// The top-level `header` key's opening quote is at this offset, and
    /// the body is valid: all of it in parse mode; in scan mode, all of it
    /// to the end of the 64-byte block in which the header's object closes.
    Header(usize),
    /// Invalid, or not for this engine: the byte-wise engine decides.
    HandOver,
}

/// Walks `body` (64 bytes or more; shorter ones are handed over) and says
/// where its top-level `header` key is, once the body is valid as far as
/// `mode` reads; or hands it over.
#[inline(always)]
pub(super) fn walk<K: Kernel>(kernel: K, body: &[u8], mode: Mode, max_depth: u8) -> Found {
    // The one token without a token before it: the top-level object's `{`.
    let Some((start, _)) = top_object(body) else {
        return Found::HandOver;
    };
    // A body shorter than a block is the byte-wise engine's: the last block
    // is loaded overlapping the one before it, and there must be one.
    let Some(last) = body.len().checked_sub(64) else {
        return Found::HandOver;
    };
    let mut walker = Walker::new(mode, max_depth);
    let mut offset = start;
    while offset < body.len() {
        // A whole block; or the body's last 64 bytes, the ones already
        // walked skipped (a second copy of the block's code, so that whole
        // blocks shift nothing).
        match body.get(offset..).and_then(|rest| rest.first_chunk::<64>()) {
            Some(bytes) => walker.block(kernel, body, bytes, offset, 0),
            None => {
                let Some(bytes) = body.get(last..).and_then(|rest| rest.first_chunk::<64>()) else {
                    return Found::HandOver;
                };
                walker.block(kernel, body, bytes, offset, (offset - last) as u32);
            }
        }
        offset += 64;
        if walker.is_invalid() || walker.found_in_scan() {
            break;
        }
    }
    walker.finish()
}

/// Stage 1 alone over the whole body (a checksum of its masks), to show how
/// far the walk is from the character scan's speed.
#[inline(always)]
pub(super) fn index_only<K: Kernel>(kernel: K, body: &[u8]) -> u64 {
    let mut carry = Carry::default();
    let mut sum = 0;
    let mut blocks = body.chunks_exact(64);
    for bytes in blocks.by_ref() {
        if let Some(bytes) = bytes.first_chunk::<64>() {
            let masks = block::index(kernel, bytes, 0, &mut carry);
            sum ^= masks.in_string ^ masks.opens ^ masks.closes ^ masks.invalid;
        }
    }
    let mut tail = [b' '; 64];
    let rest = blocks.remainder();
    if let Some(room) = tail.get_mut(..rest.len()) {
        room.copy_from_slice(rest);
    }
    sum ^ block::index(kernel, &tail, 0, &mut carry).in_string
}

/// The walk's state between blocks: plain values, and never borrowed by a
/// function that is not inlined, so that it can live in registers. The
/// one-bit carries share a word, to leave registers to the block's masks.
struct Walker {
    stage1: Carry,
    /// [`IN_SCALAR`], [`IN_KEY`], [`PENDING`] and [`IN_ARRAY`].
    carries: u64,
    /// One bit per open container, set for arrays; bit 0 is the innermost.
    nest: u128,
    depth: u8,
    max_depth: u8,
    /// [`SCAN`], [`CLOSED`], [`HEADER_CLOSED`] and [`INVALID`].
    flags: u8,
    /// Escapes before this offset have been checked (the second half of a
    /// surrogate pair is checked with the first).
    escapes_checked: usize,
    /// Where the top-level `header` key's quote is.
    header: Option<usize>,
}

// Bits of `Walker::carries`, by position.
/// The last block ended inside a number or literal.
const IN_SCALAR: u32 = 0;
/// The last block ended inside a key.
const IN_KEY: u32 = 1;
/// The planes (keys, values, closers) of a token that ended in an earlier
/// block, with no token started since: three bits from here.
const PENDING: u32 = 2;
/// The innermost open container is an array.
const IN_ARRAY: u32 = 5;

// Bits of `Walker::flags`.
/// Scan mode: done once the header's object has closed.
const SCAN: u8 = 1 << 0;
/// The top-level object has closed: only whitespace may follow.
const CLOSED: u8 = 1 << 1;
/// The header's object has closed (scan mode stops there).
const HEADER_CLOSED: u8 = 1 << 2;
/// Something is wrong, or not the index's to take: hand the body over.
const INVALID: u8 = 1 << 3;

impl Walker {
    fn new(mode: Mode, max_depth: u8) -> Self {
        Walker {
            stage1: Carry::default(),
            // The top-level object's `{` may open the body, as a value may.
            carries: 0b010 << PENDING,
            nest: 0,
            depth: 0,
            // The stack holds 128 levels, as the machine's does.
            max_depth: max_depth.min(MAX_DEPTH),
            flags: if mode == Mode::Scan { SCAN } else { 0 },
            escapes_checked: 0,
            header: None,
        }
    }

    fn is_invalid(&self) -> bool {
        self.flags & INVALID != 0
    }

    /// Scan mode stops after the block in which the header's object closes.
    fn found_in_scan(&self) -> bool {
        self.flags & (SCAN | HEADER_CLOSED) == SCAN | HEADER_CLOSED
    }

    /// The answer once the walk has stopped. In parse mode the carries are
    /// settled whenever the top-level object has closed with nothing wrong
    /// after it; they are checked again all the same.
    fn finish(&self) -> Found {
        match self.header {
            Some(at) if !self.is_invalid() && self.found_in_scan() => Found::Header(at),
            Some(at)
                if !self.is_invalid()
                    && self.flags & CLOSED != 0
                    && self.stage1.is_settled()
                    && self.carries >> IN_SCALAR & 1 == 0 =>
            {
                Found::Header(at)
            }
            _ => Found::HandOver,
        }
    }

    /// One block, whose first byte is at `base`.
    #[inline(always)]
    fn block<K: Kernel>(
        &mut self,
        kernel: K,
        body: &[u8],
        bytes: &[u8; 64],
        base: usize,
        skip: u32,
    ) {
        let masks = block::index(kernel, bytes, skip, &mut self.stage1);
        let Masks {
            in_string,
            quotes,
            escaped,
            opens,
            closes,
            colons,
            commas,
            spaces,
            invalid,
        } = masks;
        let mut wrong = invalid;
        if self.flags & CLOSED != 0 {
            wrong |= !spaces;
        }
        let carries = self.carries;
        let outside = !in_string;
        let (opens, closes, colons, commas) = (
            opens & outside,
            closes & outside,
            colons & outside,
            commas & outside,
        );
        let open_quotes = quotes & in_string;
        let close_quotes = quotes & outside;
        // Numbers and literals, and any stray byte: everything else outside strings.
        let scalar = !(in_string | quotes | opens | closes | colons | commas | spaces);
        let scalar_before = scalar << 1 | (carries >> IN_SCALAR & 1);
        let scalar_starts = scalar & !scalar_before;
        let scalar_ends = scalar_before & !scalar;

        let depth_before = self.depth;
        let brackets = if opens | closes != 0 {
            self.brackets(bytes, skip, opens | closes)
        } else {
            Brackets::default()
        };
        wrong |= brackets.wrong | (brackets.after_end & !spaces);
        let in_array =
            kernel.prefix_xor(brackets.array_toggles) ^ (carries >> IN_ARRAY & 1).wrapping_neg();

        // What each token allows after it, as three planes (see `Planes`):
        // from the end of each token, an addition carries through the
        // whitespace to the next token's start, which gets the planes of
        // the token before it. A plane's tokens are those whose expectation
        // lays it down (`LAID`); the compiler folds the table at compile
        // time. Here, where each token ends (numbers and literals are added
        // shifted, as `scalar_ends`).
        let ends = |key_closes: u64| {
            move |token: Token| match token {
                Token::Open { array: false } => opens & !brackets.arrays,
                Token::Open { array: true } => opens & brackets.arrays,
                Token::Comma { in_array: false } => commas & !in_array,
                Token::Comma { in_array: true } => commas & in_array,
                Token::Colon => colons,
                Token::Key => key_closes,
                Token::Value => (close_quotes & !key_closes) | closes,
            }
        };
        let pending = carries >> PENDING;
        // Keys first: a key's own end lays no plane (it expects a colon).
        let (keys, carried_keys) = follow(spaces, LAID.keys.of(ends(0)), pending & 1);
        let key_opens = open_quotes & keys;
        // A key's opening quote carries through its string to its closing one.
        let (sum, in_key) = in_string.overflowing_add(key_opens | (carries >> IN_KEY & 1));
        let key_closes = sum & close_quotes;
        let ends = ends(key_closes);
        let (values, carried_values) = follow(spaces, LAID.values.of(ends), pending >> 1 & 1);
        // After numbers and literals too, found where they end (a number
        // ending at the last block's end shows at bit 0).
        let (closers, carried_closers) = follow(
            spaces,
            LAID.closers.of(ends),
            scalar_ends | pending >> 2 & 1,
        );
        self.carries = (scalar >> 63) << IN_SCALAR
            | (in_key as u64) << IN_KEY
            | (carried_keys | carried_values << 1 | carried_closers << 2) << PENDING
            | (in_array >> 63) << IN_ARRAY;
        let planes = Planes {
            keys,
            values,
            closers,
        };
        wrong |= planes.misplaced(Starts {
            quotes: open_quotes,
            values: opens | scalar_starts,
            closes,
            colons,
            commas,
        });

        // Keys of the top-level object, where the depth is 1: few blocks
        // have any, so the depth is only followed bracket by bracket there.
        if depth_before == 1 || brackets.at_top {
            let (at_top, returns_to_top) = depth_one(bytes, skip, opens | closes, depth_before);
            let mut top_keys = key_opens & at_top;
            while top_keys != 0 {
                let at = base + top_keys.trailing_zeros() as usize;
                top_keys &= top_keys - 1;
                if key::header_end(body, at).is_some() {
                    // A second `header`: the byte-wise engine says where.
                    // (One that is not an object is found when it is read.)
                    if self.header.is_some() {
                        wrong |= 1;
                    }
                    self.header = Some(at);
                }
            }
            if let Some(key) = self.header {
                // The header's object closes where the depth next returns to 1.
                let after_key = u64::MAX.checked_shl(key.saturating_sub(base) as u32);
                if returns_to_top & after_key.unwrap_or(0) != 0 {
                    self.flags |= HEADER_CLOSED;
                }
            }
        }
        // The tokens the grammar's own functions check, one by one, last:
        // the block's registers are free by then.
        if scalar_starts != 0 && !check_scalars(body, scalar_starts, base) {
            wrong |= 1;
        }
        if escaped != 0 {
            match check_escapes(body, escaped, base, self.escapes_checked) {
                Some(checked) => self.escapes_checked = checked,
                None => wrong |= 1,
            }
        }
        if wrong != 0 {
            self.flags |= INVALID;
        }
    }

    /// The brackets of a block, in order: the nesting, and what it says
    /// about the rest of the block.
    #[inline(always)]
    fn brackets(&mut self, bytes: &[u8; 64], skip: u32, brackets: u64) -> Brackets {
        let mut out = Brackets::default();
        let mut bits = brackets;
        while bits != 0 {
            let bit = bits & bits.wrapping_neg();
            let at = bits.trailing_zeros();
            bits &= bits - 1;
            let byte = bytes[((at + skip) & 63) as usize];
            // `[` and `]` have bit 5 clear, `{` and `}` set; openers have bit 1 set.
            let array = byte & 0x20 == 0;
            let was_array = self.nest & 1 != 0;
            if byte & 0x02 != 0 {
                // Nothing opens after the top-level object has closed.
                if self.depth >= self.max_depth || self.flags & CLOSED != 0 {
                    out.wrong = bit;
                    break;
                }
                self.nest = self.nest << 1 | array as u128;
                self.depth += 1;
                // Only the top-level object's `{` opens to depth 1.
                out.at_top |= self.depth == 1;
            } else {
                if self.depth == 0 || was_array != array {
                    out.wrong = bit;
                    break;
                }
                self.nest >>= 1;
                self.depth -= 1;
                if self.depth <= 1 {
                    out.at_top = true;
                    if self.depth == 0 {
                        // Only whitespace may follow, here and in later blocks.
                        self.flags |= CLOSED;
                        out.after_end |= u64::MAX.checked_shl(at + 1).unwrap_or(0);
                    }
                }
            }
            if array {
                out.arrays |= bit;
            }
            let is_array = self.nest & 1 != 0;
            out.array_toggles |= ((was_array != is_array) as u64) << at;
        }
        out
    }
}

/// What a token allows after it, as three planes: a key, a value, the
/// container's close. Each token start gets the planes of the token before
/// it (per bit, or as single flags), and is checked against them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Planes<T> {
    pub(super) keys: T,
    pub(super) values: T,
    pub(super) closers: T,
}

impl Planes<bool> {
    /// The planes a token lays down after itself, by the expectation it
    /// leaves: the structure table, read at compile time.
    pub(super) const fn laid_by(expect: Expect) -> Self {
        Planes {
            keys: expect.takes_key() && expect.rule(Class::Quote),
            values: expect.rule(Class::Digit),
            closers: expect.rule(Class::CloseObject) || expect.rule(Class::CloseArray),
        }
    }
}

/// The token starts of a block, by what they start.
#[derive(Clone, Copy, Debug)]
pub(super) struct Starts {
    /// Opening quotes: a key or a string value.
    pub(super) quotes: u64,
    /// `{`, `[`, numbers and literals: values that cannot be keys.
    pub(super) values: u64,
    /// `}` and `]`: which one, the nesting checks.
    pub(super) closes: u64,
    pub(super) colons: u64,
    pub(super) commas: u64,
}

impl Planes<u64> {
    /// The token starts the planes before them do not allow. A colon is
    /// allowed only after a key, which lays no plane; a comma only after a
    /// value, which lays the closers' alone.
    #[inline(always)]
    pub(super) fn misplaced(self, starts: Starts) -> u64 {
        let Planes {
            keys,
            values,
            closers,
        } = self;
        (starts.quotes & !(keys | values))
            | (starts.values & !values)
            | (starts.closes & !closers)
            | (starts.colons & (keys | values | closers))
            | (starts.commas & (keys | values | !closers))
    }
}

/// Which tokens (bits in `Token::ALL`'s order) lay each plane: the
/// expectation each leaves (`Expect::after`) and what it allows
/// (`Expect::rule`), read at compile time.
const LAID: Planes<Laid> = {
    let mut laid = Planes {
        keys: Laid(0),
        values: Laid(0),
        closers: Laid(0),
    };
    let mut k = 0;
    while k < Token::ALL.len() {
        let planes = Planes::laid_by(Expect::after(Token::ALL[k]));
        laid.keys.0 |= (planes.keys as u8) << k;
        laid.values.0 |= (planes.values as u8) << k;
        laid.closers.0 |= (planes.closers as u8) << k;
        k += 1;
    }
    laid
};

/// A set of tokens, one bit each in `Token::ALL`'s order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Laid(u8);

impl Laid {
    /// The union of the ends of this set's tokens.
    #[inline(always)]
    fn of(self, ends: impl Fn(Token) -> u64) -> u64 {
        let mut mask = 0;
        for (k, &token) in Token::ALL.iter().enumerate() {
            if self.0 >> k & 1 != 0 {
                mask |= ends(token);
            }
        }
        mask
    }
}

/// The next token start after each token that ends at a bit of `ends`,
/// through the whitespace `spaces`, and after each bit of `after` (the
/// bytes after tokens found otherwise, and bit 0 for a token that ended the
/// last block); and whether a follower is still to come in the next block
/// (a token ends at bit 63, or whitespace runs past the end).
#[inline(always)]
fn follow(spaces: u64, ends: u64, after: u64) -> (u64, u64) {
    let (sum, carried) = spaces.overflowing_add(ends << 1 | after);
    (sum & !spaces, ends >> 63 | carried as u64)
}

/// The bytes of a block at depth 1, given the depth at its start, and the
/// closes that return to it: the brackets followed one by one.
#[inline(never)]
fn depth_one(bytes: &[u8; 64], skip: u32, brackets: u64, depth: u8) -> (u64, u64) {
    let mut depth = depth;
    let (mut at_one, mut returns) = (0, 0);
    let mut bits = brackets;
    let mut from = 0;
    loop {
        let to = bits.trailing_zeros();
        if depth == 1 {
            at_one |=
                u64::MAX.checked_shl(from).unwrap_or(0) & !u64::MAX.checked_shl(to).unwrap_or(0);
        }
        if bits == 0 {
            return (at_one, returns);
        }
        bits &= bits - 1;
        let open = bytes[((to + skip) & 63) as usize] & 0x02 != 0;
        depth = if open {
            depth.wrapping_add(1)
        } else {
            depth.wrapping_sub(1)
        };
        if !open && depth == 1 {
            returns |= 1 << to;
        }
        from = to + 1;
    }
}

/// What a block's brackets say.
#[derive(Clone, Copy, Default)]
struct Brackets {
    /// `[` and `]`.
    arrays: u64,
    /// Where the innermost container changes between array and object.
    array_toggles: u64,
    /// Whether the depth is 1 somewhere in the block (or 0, after the top
    /// level's close): top-level keys may be there.
    at_top: bool,
    /// The bytes after the top-level object's close.
    after_end: u64,
    /// A bracket that breaks the nesting.
    wrong: u64,
}

/// The escapes whose escaped bytes are `escaped` (in the block at `base`),
/// each in full, but those before `checked` (the second half of a
/// surrogate pair, checked with the first). Where checking has got to, or
/// `None` for an invalid escape.
#[inline(never)]
fn check_escapes(body: &[u8], escaped: u64, base: usize, checked: usize) -> Option<usize> {
    let mut checked = checked;
    let mut bits = escaped;
    while bits != 0 {
        // An escaped byte follows its backslash, so is never the body's first.
        let backslash = (base + bits.trailing_zeros() as usize).checked_sub(1)?;
        bits &= bits - 1;
        if backslash >= checked {
            let (_, length) = decode_escape(body, backslash)?;
            checked = backslash + length;
        }
    }
    Some(checked)
}

/// Whether the numbers and literals starting at `starts` (in the block at
/// `base`) are each whole and end at a delimiter. A stray byte starts
/// neither.
#[inline(never)]
fn check_scalars(body: &[u8], starts: u64, base: usize) -> bool {
    let mut bits = starts;
    while bits != 0 {
        let at = base + bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if !scalar::end(body, at).is_some_and(|end| scalar::delimited(body, end)) {
            return false;
        }
    }
    true
}
