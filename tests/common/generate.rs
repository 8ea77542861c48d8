//! Generated response bodies for property tests: random member order,
//! escapes, non-ASCII text, numbers of every shape, nesting, whitespace, a
//! header that is usually right and sometimes subtly wrong; and mutations of
//! all that, byte-level ones and targeted ones (trailing and doubled commas,
//! missing colons, every surrogate shape, escapes across 64-byte blocks).

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Characters worth testing inside strings.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range(' ', '~'),
        1 => select(vec!['"', '\\', '/', '\n', '\t', '\u{0}', '\u{1f}', '\u{7f}']),
        1 => select(vec!['é', 'ü', '€', 'エ', 'ラ', '한', '\u{FFFF}', '\u{D7FF}', '\u{E000}', '😀', '𝄞', '\u{10000}', '\u{10FFFF}']),
        1 => any::<char>(),
    ]
}

/// How each character of a string is written: raw where JSON allows, else
/// (or when asked) as an escape.
#[derive(Clone, Copy, Debug)]
enum Spelling {
    Raw,
    Short,
    Lower,
    Upper,
    /// A surrogate pair's high half in upper case, its low half in lower.
    MixedCase,
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        6 => Just(Spelling::Raw),
        1 => Just(Spelling::Short),
        1 => Just(Spelling::Lower),
        1 => Just(Spelling::Upper),
        1 => Just(Spelling::MixedCase),
    ]
}

/// Renders `text` as a JSON string literal, quotes included.
fn render_string(text: &str, spellings: &[Spelling]) -> String {
    let mut out = String::from("\"");
    for (i, ch) in text.chars().enumerate() {
        let spelling = spellings
            .get(i % spellings.len().max(1))
            .copied()
            .unwrap_or(Spelling::Raw);
        let short = match ch {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must_escape = ch == '"' || ch == '\\' || (ch as u32) < 0x20;
        match (spelling, short) {
            (Spelling::Raw, _) if !must_escape => out.push(ch),
            (Spelling::Raw | Spelling::Short, Some(short)) => out.push_str(short),
            (spelling, _) => {
                let mut units = [0u16; 2];
                for (half, unit) in ch.encode_utf16(&mut units).iter().enumerate() {
                    match (spelling, half) {
                        (Spelling::Upper, _) | (Spelling::MixedCase, 0) => {
                            out.push_str(&format!("\\u{unit:04X}"))
                        }
                        _ => out.push_str(&format!("\\u{unit:04x}")),
                    }
                }
            }
        }
    }
    out.push('"');
    out
}

fn string_literal(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (text, vec(spelling(), 1..8)).prop_map(|(text, spellings)| render_string(&text, &spellings))
}

fn any_text() -> impl Strategy<Value = String> {
    vec(text_char(), 0..12).prop_map(|chars| chars.into_iter().collect())
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i32>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just("-0".to_string()),
        (
            any::<i16>(),
            0u32..1000,
            prop_oneof![Just(""), Just("e"), Just("E"), Just("e+"), Just("e-")],
            0u32..40
        )
            .prop_map(|(int, frac, e, exp)| if e.is_empty() {
                format!("{int}.{frac}")
            } else {
                format!("{int}.{frac}{e}{exp}")
            }),
        (
            1u32..10,
            prop_oneof![Just("e"), Just("E+"), Just("e-")],
            0u32..300
        )
            .prop_map(|(m, e, x)| format!("{m}{e}{x}")),
        Just("123456789012345678901234567890".to_string()),
        // Beyond f64: valid JSON all the same.
        select(vec!["1e400", "-2.5E-999", "1e+99999"]).prop_map(String::from),
    ]
}

/// Any JSON value, rendered compactly, nested up to a few levels.
pub fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        number(),
        string_literal(any_text()),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(|items| format!("[{}]", items.join(","))),
            vec((key(), inner), 0..6).prop_map(|members| {
                let members: Vec<_> = members
                    .into_iter()
                    .map(|(k, v)| format!("{k}:{v}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

/// A member key: sometimes one of the header's own names, to tempt the
/// parser into matching keys where it must not.
fn key() -> impl Strategy<Value = String> {
    let names = select(vec![
        "header",
        "header\u{0}",
        "headers",
        "head",
        "Header",
        "isSuccessful",
        "resultCode",
        "resultMessage",
        "instances",
        "id",
        "",
    ]);
    prop_oneof![
        3 => string_literal(names.prop_map(String::from)),
        1 => string_literal(any_text()),
    ]
}

/// A header field value: usually the right type, sometimes not.
fn field_value(field: &'static str) -> BoxedStrategy<String> {
    let right = match field {
        "isSuccessful" => select(vec!["true", "false"]).prop_map(String::from).boxed(),
        "resultCode" => prop_oneof![
            4 => any::<i32>().prop_map(|n| n.to_string()),
            2 => select(vec![0, -1, -4, -8, 10404, 20001, 50499]).prop_map(|n: i32| n.to_string()),
            1 => number(),
            // A string code (Deploy's), plain or escaped.
            1 => string_literal(prop_oneof![
                select(vec!["SUCCESS", "NOT_FOUND_OS", "GENERAL_EXCEPTION", ""]).prop_map(String::from),
                any_text(),
            ]),
        ]
        .boxed(),
        _ => prop_oneof![4 => string_literal(any_text()), 1 => Just("null".to_string())].boxed(),
    };
    prop_oneof![30 => right, 1 => value()].boxed()
}

/// The header object: the three fields (rarely one missing or repeated), in
/// any order, among extra members.
fn header_object() -> impl Strategy<Value = String> {
    let field = select(vec!["isSuccessful", "resultCode", "resultMessage"]);
    let fields = (
        vec(0u8..40, 3),
        prop_oneof![19 => Just(vec![]), 1 => vec((field, any::<bool>()), 1..2)],
        vec((key(), value()), 0..3),
        any::<u64>(),
    )
        .prop_flat_map(|(keep, repeats, extras, seed)| {
            let mut names: Vec<(&'static str, bool)> =
                ["isSuccessful", "resultCode", "resultMessage"]
                    .into_iter()
                    .zip(&keep)
                    .filter(|(_, k)| **k != 0)
                    .map(|(name, _)| (name, false))
                    .collect();
            names.extend(repeats);
            let values: Vec<_> = names.iter().map(|(name, _)| field_value(name)).collect();
            (Just(names), values, Just(extras), Just(seed))
        })
        .prop_map(|(names, values, extras, seed)| {
            let mut members: Vec<String> = names
                .iter()
                .zip(values)
                .map(|((name, escaped), value)| {
                    let key = if *escaped {
                        render_string(name, &[Spelling::Lower])
                    } else {
                        format!("\"{name}\"")
                    };
                    format!("{key}:{value}")
                })
                .chain(extras.into_iter().map(|(k, v)| format!("{k}:{v}")))
                .collect();
            shuffle(&mut members, seed);
            format!("{{{}}}", members.join(","))
        });
    prop_oneof![40 => fields, 1 => value()]
}

fn shuffle<T>(items: &mut [T], mut seed: u64) {
    for i in (1..items.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        items.swap(i, (seed >> 33) as usize % (i + 1));
    }
}

/// A whole response body, well-formed JSON, header usually present once.
pub fn document() -> impl Strategy<Value = Vec<u8>> {
    let header_key = prop_oneof![
        4 => Just("\"header\"".to_string()),
        1 => Just("\"he\\u0061der\"".to_string()),
    ];
    let header_count = prop_oneof![2 => Just(0usize), 20 => Just(1), 1 => Just(2)];
    // Now and then a member nested around the 128-level limit (the top-level
    // object is level 1): 126 to 131 levels in all.
    let deep = prop_oneof![
        29 => Just(None),
        1 => (125usize..=130).prop_map(|levels| Some(format!("{}0{}", "[".repeat(levels), "]".repeat(levels)))),
    ];
    (
        (vec((key(), value()), 0..5), deep).prop_map(|(mut others, deep)| {
            if let Some(nested) = deep {
                others.push(("\"deep\"".to_string(), nested));
            }
            others
        }),
        header_count.prop_flat_map(move |n| vec((header_key.clone(), header_object()), n)),
        any::<u64>(),
        vec(select(vec!["", "", "", " ", "\n", "\r\n\t", "  "]), 1..16),
        any::<bool>(),
    )
        .prop_map(|(others, headers, seed, spaces, bom)| {
            let mut members: Vec<String> = others
                .into_iter()
                .map(|(k, v)| format!("{k}:{v}"))
                .collect();
            members.extend(headers.into_iter().map(|(k, v)| format!("{k}:{v}")));
            shuffle(&mut members, seed);
            let body = format!("{{{}}}", members.join(","));
            let mut out = String::new();
            if bom && seed % 16 == 0 {
                out.push('\u{FEFF}');
            }
            spread_whitespace(&body, &spaces, &mut out);
            out.into_bytes()
        })
}

/// Copies `body` into `out`, adding whitespace after structural bytes
/// outside strings.
fn spread_whitespace(body: &str, spaces: &[&str], out: &mut String) {
    let (mut in_string, mut escaped, mut turn) = (false, false, 0);
    out.push_str(spaces[0]);
    for ch in body.chars() {
        out.push(ch);
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '{' | '}' | '[' | ']' | ',' | ':' => {
                turn += 1;
                out.push_str(spaces[turn % spaces.len()]);
            }
            _ => {}
        }
    }
}

/// A change to a body: byte-level ones anywhere, and targeted ones that
/// break (or, for the valid surrogate shapes, keep) one grammar rule at a
/// chosen place.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// One of the structural bytes (`{}[]:,"`), chosen by index, becomes another.
    Structural(usize, u8),
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
    /// A member, or something like one, after the top-level object.
    Append(usize),
    /// A `,` just before a closing bracket: `[1,]`, `{"a":1,}`.
    TrailingComma(Scope, usize),
    /// A `,` written twice: `[1,,2]`, `{"a":1,,"b":2}`.
    DoubledComma(Scope, usize),
    /// A member's `:` deleted: `{"a" 1}`.
    MissingColon(Scope, usize),
    /// A `\u` escape shape spliced into a string, between two characters.
    Surrogate(Role, usize, usize, Shape),
    /// Spaces before a string, so that one of its escapes starts `lead`
    /// bytes before a multiple of 64 and so straddles a block boundary
    /// (`lead` 1 to 5 for one `\u` escape, 1 to 11 for a pair).
    Straddle {
        escape: usize,
        lead: usize,
        surrogate_only: bool,
    },
}

/// Where a targeted structural mutation lands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Inside the top-level header object, its own brackets included.
    Header,
    /// An object anywhere.
    Object,
    /// An array anywhere.
    Array,
}

/// Which string a [`Shape`] is spliced into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Key,
    /// A string value other than the header's message.
    Value,
    /// The header's `resultMessage`.
    Message,
}

/// The `\u` escape shapes around the UTF-16 surrogate range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A high surrogate followed by whatever comes next in the string.
    LoneHigh,
    LoneLow,
    HighThenNonSurrogate,
    HighThenHigh,
    /// A low before a high: both halves, in the wrong order.
    LowThenHigh,
    HighThenRawChar,
    HighThenShortEscape,
    /// A high surrogate followed by a `\u` with a bad hex digit.
    HighThenBadHex,
    /// A high surrogate just before the closing quote.
    HighAtEnd,
    PairUpper,
    PairLower,
    PairMixedCase,
    /// The last code units before and after the surrogate range.
    BesideTheRange,
}

impl Shape {
    pub const ALL: [Shape; 13] = [
        Shape::LoneHigh,
        Shape::LoneLow,
        Shape::HighThenNonSurrogate,
        Shape::HighThenHigh,
        Shape::LowThenHigh,
        Shape::HighThenRawChar,
        Shape::HighThenShortEscape,
        Shape::HighThenBadHex,
        Shape::HighAtEnd,
        Shape::PairUpper,
        Shape::PairLower,
        Shape::PairMixedCase,
        Shape::BesideTheRange,
    ];

    pub fn text(self) -> &'static str {
        match self {
            Shape::LoneHigh => r"\uD800",
            Shape::LoneLow => r"\uDC00",
            Shape::HighThenNonSurrogate => r"\uD83D\u0041",
            Shape::HighThenHigh => r"\uDBFF\uD800",
            Shape::LowThenHigh => r"\udc00\ud800",
            Shape::HighThenRawChar => r"\ud800x",
            Shape::HighThenShortEscape => r"\uD800\n",
            Shape::HighThenBadHex => r"\uD834\uDD1G",
            Shape::HighAtEnd => r"\uDB40",
            Shape::PairUpper => r"\uD834\uDD1E",
            Shape::PairLower => r"\ud83d\ude00",
            Shape::PairMixedCase => r"\uDBFF\udfff",
            Shape::BesideTheRange => r"\uD7FF\uE000",
        }
    }

    /// Whether a string with this shape spliced in is still valid JSON.
    pub fn is_valid(self) -> bool {
        matches!(
            self,
            Shape::PairUpper | Shape::PairLower | Shape::PairMixedCase | Shape::BesideTheRange
        )
    }
}

/// Tails that look like more members after the top-level object's close.
const TAILS: [&str; 5] = [
    r#","":{}"#,
    r#","k":[]"#,
    r#","a":1,"b":{}"#,
    "{}",
    r#","x""#,
];

fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        select(b"{}[]:,\"\\/0123456789-+.eEtfnulrsa \n\t".to_vec()),
        select(vec![
            0x00, 0x1f, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff
        ]),
        any::<u8>(),
    ]
}

fn scope() -> impl Strategy<Value = Scope> {
    prop_oneof![
        2 => Just(Scope::Header),
        1 => Just(Scope::Object),
        1 => Just(Scope::Array),
    ]
}

fn role() -> impl Strategy<Value = Role> {
    select(vec![Role::Key, Role::Value, Role::Message])
}

/// One mutation: the six byte-level kinds at weight 2 each, the targeted
/// ones at 1 (the surrogate shapes at 2, being many).
pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<usize>(), select(b"{}[]:,\"".to_vec()))
            .prop_map(|(at, b)| Mutation::Structural(at, b)),
        2 => (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        2 => (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        2 => any::<usize>().prop_map(Mutation::Delete),
        2 => any::<usize>().prop_map(Mutation::Truncate),
        2 => any::<usize>().prop_map(Mutation::Append),
        1 => (scope(), any::<usize>()).prop_map(|(s, n)| Mutation::TrailingComma(s, n)),
        1 => (scope(), any::<usize>()).prop_map(|(s, n)| Mutation::DoubledComma(s, n)),
        1 => (prop_oneof![Just(Scope::Header), Just(Scope::Object)], any::<usize>())
            .prop_map(|(s, n)| Mutation::MissingColon(s, n)),
        2 => (role(), any::<usize>(), any::<usize>(), select(Shape::ALL.to_vec()))
            .prop_map(|(r, n, at, shape)| Mutation::Surrogate(r, n, at, shape)),
        1 => (any::<usize>(), 0usize..=12, any::<bool>()).prop_map(|(escape, lead, surrogate_only)| {
            Mutation::Straddle { escape, lead, surrogate_only }
        }),
    ]
}

/// Applies `mutation` to `body`; false if it found nothing to act on (a
/// trailing comma in a body without arrays, a message that is `null`).
pub fn apply(body: &mut Vec<u8>, mutation: &Mutation) -> bool {
    let len = body.len();
    match *mutation {
        Mutation::Structural(at, byte) => {
            let structural: Vec<usize> = (0..len)
                .filter(|&i| b"{}[]:,\"".contains(&body[i]))
                .collect();
            if structural.is_empty() {
                return false;
            }
            body[structural[at % structural.len()]] = byte;
        }
        Mutation::Replace(at, byte) if len > 0 => body[at % len] = byte,
        Mutation::Insert(at, byte) => body.insert(at % (len + 1), byte),
        Mutation::Delete(at) if len > 0 => {
            body.remove(at % len);
        }
        Mutation::Truncate(at) => body.truncate(at % (len + 1)),
        Mutation::Append(which) => body.extend_from_slice(TAILS[which % TAILS.len()].as_bytes()),
        Mutation::TrailingComma(scope, which) => {
            let closer = match scope {
                Scope::Header => b"}]".as_slice(),
                Scope::Object => b"}",
                Scope::Array => b"]",
            };
            let Some(at) = layout(body).pick(scope, closer, which) else {
                return false;
            };
            body.insert(at, b',');
        }
        Mutation::DoubledComma(scope, which) => {
            let Some(at) = layout(body).pick(scope, b",", which) else {
                return false;
            };
            body.insert(at, b',');
        }
        Mutation::MissingColon(scope, which) => {
            let Some(at) = layout(body).pick(scope, b":", which) else {
                return false;
            };
            body.remove(at);
        }
        Mutation::Surrogate(role, which, at, shape) => {
            let strings: Vec<StringSpan> = layout(body)
                .strings
                .into_iter()
                .filter(|s| s.role == role && s.close < len)
                .collect();
            if strings.is_empty() {
                return false;
            }
            let string = &strings[which % strings.len()];
            let at = match shape {
                Shape::HighAtEnd => string.close,
                _ => {
                    let boundaries = character_boundaries(body, string);
                    boundaries[at % boundaries.len()]
                }
            };
            body.splice(at..at, shape.text().bytes());
        }
        Mutation::Straddle {
            escape,
            lead,
            surrogate_only,
        } => {
            let layout = layout(body);
            let surrogates: Vec<&Escape> = layout.escapes.iter().filter(|e| e.surrogate).collect();
            let escapes: Vec<&Escape> = if surrogate_only && !surrogates.is_empty() {
                surrogates
            } else {
                layout.escapes.iter().collect()
            };
            if escapes.is_empty() {
                return false;
            }
            let escape = escapes[escape % escapes.len()];
            let pad = (64 - (escape.at + lead) % 64) % 64;
            body.splice(
                escape.string_open..escape.string_open,
                std::iter::repeat_n(b' ', pad),
            );
        }
        _ => return false,
    }
    true
}

/// A string literal in a body: its quotes' offsets (`close` is the body's
/// length when it never closes) and its role.
struct StringSpan {
    open: usize,
    close: usize,
    role: Role,
}

/// A structural byte outside strings, with what it lies in.
struct StructuralByte {
    at: usize,
    byte: u8,
    /// `{` or `[`: the innermost container (for a bracket, its own).
    container: Option<u8>,
    in_header: bool,
}

/// A backslash inside a string, and where that string opens.
struct Escape {
    at: usize,
    string_open: usize,
    /// A `\u` escape of a surrogate code unit.
    surrogate: bool,
}

/// Where the targeted mutations can act, read naively from any body.
struct Layout {
    strings: Vec<StringSpan>,
    structural: Vec<StructuralByte>,
    escapes: Vec<Escape>,
}

impl Layout {
    /// The offset of the `which`-th (modulo) of `bytes` in `scope`.
    fn pick(&self, scope: Scope, bytes: &[u8], which: usize) -> Option<usize> {
        let candidates: Vec<usize> = self
            .structural
            .iter()
            .filter(|s| bytes.contains(&s.byte))
            .filter(|s| match scope {
                Scope::Header => s.in_header,
                Scope::Object => s.container == Some(b'{'),
                Scope::Array => s.container == Some(b'['),
            })
            .map(|s| s.at)
            .collect();
        (!candidates.is_empty()).then(|| candidates[which % candidates.len()])
    }
}

fn layout(body: &[u8]) -> Layout {
    let mut layout = Layout {
        strings: Vec::new(),
        structural: Vec::new(),
        escapes: Vec::new(),
    };
    // Open containers, each with whether it is the top-level header object.
    let mut open: Vec<(u8, bool)> = Vec::new();
    let mut header_key_seen = false;
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'"' => {
                let string_open = i;
                i += 1;
                while i < body.len() && body[i] != b'"' {
                    if body[i] == b'\\' {
                        let hex = body.get(i + 1..i + 6).filter(|e| e[0] == b'u');
                        let surrogate = hex
                            .and_then(|e| std::str::from_utf8(&e[1..]).ok())
                            .and_then(|digits| u16::from_str_radix(digits, 16).ok())
                            .is_some_and(|unit| (0xD800..=0xDFFF).contains(&unit));
                        layout.escapes.push(Escape {
                            at: i,
                            string_open,
                            surrogate,
                        });
                        i += 1;
                    }
                    i += 1;
                }
                let close = i.min(body.len());
                let text = &body[string_open..(close + 1).min(body.len())];
                let next = body[close.min(body.len())..]
                    .iter()
                    .skip(1)
                    .find(|b| !b" \t\r\n".contains(b));
                let in_header = open.iter().any(|&(_, header)| header);
                let role = if next == Some(&b':') {
                    if open.len() == 1 {
                        header_key_seen = text == br#""header""# || text == br#""he\u0061der""#;
                    }
                    Role::Key
                } else if in_header
                    && layout.strings.last().is_some_and(|key| {
                        key.role == Role::Key
                            && &body[key.open..=key.close] == br#""resultMessage""#
                    })
                {
                    Role::Message
                } else {
                    Role::Value
                };
                layout.strings.push(StringSpan {
                    open: string_open,
                    close,
                    role,
                });
            }
            byte @ (b'{' | b'[') => {
                let header = byte == b'{' && open.len() == 1 && header_key_seen;
                header_key_seen = false;
                open.push((byte, header));
                layout.structural.push(StructuralByte {
                    at: i,
                    byte,
                    container: Some(byte),
                    in_header: open.iter().any(|&(_, header)| header),
                });
            }
            byte @ (b'}' | b']' | b',' | b':') => {
                if byte == b',' {
                    header_key_seen = false;
                }
                layout.structural.push(StructuralByte {
                    at: i,
                    byte,
                    container: open.last().map(|&(container, _)| container),
                    in_header: open.iter().any(|&(_, header)| header),
                });
                if matches!(byte, b'}' | b']') {
                    open.pop();
                }
            }
            _ => {}
        }
        i += 1;
    }
    layout
}

/// Offsets inside `string` (from just after its opening quote to its
/// closing quote) that split neither an escape, a surrogate pair, nor a
/// UTF-8 sequence.
fn character_boundaries(body: &[u8], string: &StringSpan) -> Vec<usize> {
    let mut boundaries = Vec::new();
    let mut i = string.open + 1;
    while i < string.close {
        boundaries.push(i);
        i += match body[i] {
            b'\\' if body.get(i + 1) == Some(&b'u') => {
                let is_high = |at: usize| {
                    body.get(at + 2..at + 4).is_some_and(|d| {
                        d[0].eq_ignore_ascii_case(&b'd') && b"89abAB".contains(&d[1])
                    })
                };
                if is_high(i) && body.get(i + 6..i + 8) == Some(b"\\u") {
                    12
                } else {
                    6
                }
            }
            b'\\' => 2,
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
    }
    boundaries.push(string.close);
    boundaries
}

/// A generated document, left alone half the time and otherwise changed by
/// one to three mutations.
pub fn mutated_document() -> impl Strategy<Value = Vec<u8>> {
    (document(), any::<bool>(), vec(mutation(), 1..4)).prop_map(|(mut body, mutate, mutations)| {
        if mutate {
            for m in &mutations {
                apply(&mut body, m);
            }
        }
        body
    })
}
