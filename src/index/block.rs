//! Stage 1: the masks of one 64-byte block. Quotes and backslashes give the
//! escaped bytes and, by prefix XOR, the bytes inside strings; the carries
//! (an escape and an open string) resume them across blocks. Raw control
//! bytes inside strings and invalid UTF-8 anywhere are found here in bulk.

use super::Kernel;
use crate::grammar::string::{CONTINUATION, FIRST_PRINTABLE, LEADS, NARROW_SECOND};

/// What stage 1 carries from one block to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Carry {
    /// 1 when the next block's first byte is escaped.
    pub(super) escaped: u64,
    /// All ones when the previous block ended inside a string.
    pub(super) in_string: u64,
    /// UTF-8 continuation bytes the next block must start with (bits 0..3).
    pub(super) continuations: u64,
    /// Bit `k` when the previous block ended with the lead `NARROW_SECOND[k]`.
    pub(super) narrow: u64,
}

impl Carry {
    /// Whether the blocks so far end where a JSON text may: outside any
    /// string, escape or UTF-8 sequence.
    pub(super) fn is_settled(&self) -> bool {
        self.escaped | self.in_string | self.continuations | self.narrow == 0
    }
}

/// The masks of one block: bit `i` for byte `i`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Masks {
    /// Inside a string: from an opening quote (included) to its closing
    /// quote (excluded).
    pub(super) in_string: u64,
    /// Quotes that open or close a string (not escaped ones).
    pub(super) quotes: u64,
    /// Bytes right after an escaping backslash.
    pub(super) escaped: u64,
    /// `{` and `[`, anywhere.
    pub(super) opens: u64,
    /// `}` and `]`, anywhere.
    pub(super) closes: u64,
    pub(super) colons: u64,
    pub(super) commas: u64,
    /// JSON whitespace, anywhere.
    pub(super) spaces: u64,
    /// Raw control bytes inside strings, and bytes that break UTF-8.
    pub(super) invalid: u64,
}

/// A block in a kernel's registers, of which the first `skip` bytes were
/// covered by the block before: the last block of a body is loaded
/// overlapping the one before it, so as never to read past the body, and
/// its masks are shifted down so that bit `i` is the `i`-th new byte. The
/// bits past the body's end are whitespace.
#[derive(Clone, Copy)]
struct Loaded<K: Kernel> {
    kernel: K,
    block: K::Block,
    skip: u32,
}

impl<K: Kernel> Loaded<K> {
    #[inline(always)]
    fn new(kernel: K, bytes: &[u8; 64], skip: u32) -> Self {
        Loaded {
            kernel,
            block: kernel.load(bytes),
            skip,
        }
    }

    #[inline(always)]
    fn equal<const N: usize>(self, bytes: [u8; N]) -> u64 {
        self.kernel.equal(self.block, bytes) >> self.skip
    }

    #[inline(always)]
    fn within(self, low: u8, high: u8) -> u64 {
        self.kernel.within(self.block, low, high) >> self.skip
    }

    #[inline(always)]
    fn non_ascii(self) -> u64 {
        self.kernel.non_ascii(self.block) >> self.skip
    }

    #[inline(always)]
    fn spaces(self) -> u64 {
        self.kernel.spaces(self.block) >> self.skip | !(u64::MAX >> self.skip)
    }
}

/// Stage 1 over one block, of which the first `skip` bytes are not new.
#[inline(always)]
pub(super) fn index<K: Kernel>(kernel: K, bytes: &[u8; 64], skip: u32, carry: &mut Carry) -> Masks {
    let block = Loaded::new(kernel, bytes, skip);
    let (escaped, quotes, in_string) = strings(block, carry);
    let non_ascii = block.non_ascii();
    let mut invalid = block.within(0, FIRST_PRINTABLE - 1) & in_string;
    if non_ascii | carry.continuations | carry.narrow != 0 {
        invalid |= utf8(block, non_ascii, carry);
    }
    Masks {
        in_string,
        quotes,
        escaped,
        opens: block.equal([b'{', b'[']),
        closes: block.equal([b'}', b']']),
        colons: block.equal([b':']),
        commas: block.equal([b',']),
        spaces: block.spaces(),
        invalid,
    }
}

/// What `locate` follows in a block: its strings and brackets, nothing
/// validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Skeleton {
    /// As in [`Masks`].
    pub(super) in_string: u64,
    /// As in [`Masks`].
    pub(super) quotes: u64,
    /// `{` and `[` outside strings and not escaped (a backslash outside a
    /// string escapes the next byte too, as the byte-wise follower reads it).
    pub(super) opens: u64,
    /// `}` and `]`, likewise.
    pub(super) closes: u64,
}

/// Stage 1 for `locate`: the string carries only.
#[inline(always)]
pub(super) fn skeleton<K: Kernel>(
    kernel: K,
    bytes: &[u8; 64],
    skip: u32,
    carry: &mut Carry,
) -> Skeleton {
    let block = Loaded::new(kernel, bytes, skip);
    let (escaped, quotes, in_string) = strings(block, carry);
    let structural = !(in_string | escaped);
    Skeleton {
        in_string,
        quotes,
        opens: block.equal([b'{', b'[']) & structural,
        closes: block.equal([b'}', b']']) & structural,
    }
}

/// The escaped bytes, the quotes that open or close strings, and the bytes
/// inside strings, with the escape and string carries.
#[inline(always)]
fn strings<K: Kernel>(block: Loaded<K>, carry: &mut Carry) -> (u64, u64, u64) {
    let backslashes = block.equal([b'\\']);
    let escaped = escaped(backslashes, &mut carry.escaped);
    let quotes = block.equal([b'"']) & !escaped;
    let in_string = block.kernel.prefix_xor(quotes) ^ carry.in_string;
    carry.in_string = ((in_string as i64) >> 63) as u64;
    (escaped, quotes, in_string)
}

/// The bytes right after a whole run of backslashes of odd length, the run
/// perhaps begun in earlier blocks (`carry`: the last block ended in an
/// odd run). Those are the escaped bytes that matter: quotes among them do
/// not close strings, and each is checked as an escape; the backslashes
/// inside a run are escaped too, but only as `\\`, always valid. Runs that
/// start on an even bit and end on an odd one, or the other way round, are
/// odd; adding each run's start to the run carries to the byte after it.
#[inline(always)]
pub(super) fn escaped(backslashes: u64, carry: &mut u64) -> u64 {
    const EVEN: u64 = 0x5555_5555_5555_5555;
    if backslashes == 0 {
        return core::mem::take(carry);
    }
    let starts = backslashes & !(backslashes << 1);
    // A run continuing an odd one from the last block starts "odd" at bit 0.
    let even_start_mask = EVEN ^ *carry;
    let even_starts = starts & even_start_mask;
    let odd_starts = starts & !even_start_mask;
    let even_ends = backslashes.wrapping_add(even_starts) & !backslashes;
    let (odd_ends, overflow) = backslashes.overflowing_add(odd_starts);
    let odd_ends = (odd_ends | *carry) & !backslashes;
    *carry = overflow as u64;
    (even_ends & !EVEN) | (odd_ends & EVEN)
}

/// UTF-8 over a block with non-ASCII bytes (or a sequence running into
/// it), by the grammar's lead and continuation ranges: every continuation
/// byte is one a lead asks for and the other way round, no byte leads
/// nothing, and the narrow second bytes hold.
#[inline(always)]
fn utf8<K: Kernel>(block: Loaded<K>, non_ascii: u64, carry: &mut Carry) -> u64 {
    let continuation = block.within(CONTINUATION.0, CONTINUATION.1);
    let mut asked = carry.continuations;
    let mut next_block = 0;
    let mut leads = 0;
    for (k, &(low, high)) in LEADS.iter().enumerate() {
        let lead = block.within(low, high);
        leads |= lead;
        for n in 1..=k + 1 {
            asked |= lead << n;
            next_block |= lead >> (64 - n);
        }
    }
    let mut invalid = (asked ^ continuation) | (non_ascii & !(continuation | leads));
    let mut narrow = 0;
    for (k, &(lead, (low, high))) in NARROW_SECOND.iter().enumerate() {
        let leads = block.equal([lead]);
        let seconds = leads << 1 | (carry.narrow >> k & 1);
        invalid |= seconds & !block.within(low, high);
        narrow |= (leads >> 63) << k;
    }
    carry.continuations = next_block;
    carry.narrow = narrow;
    invalid
}
