//! Generated response bodies for property tests: random member order,
//! escapes, non-ASCII text, numbers of every shape, nesting, whitespace, a
//! header that is usually right and sometimes subtly wrong, and byte-level
//! mutations of all that.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Characters worth testing inside strings.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range(' ', '~'),
        1 => select(vec!['"', '\\', '/', '\n', '\t', '\u{0}', '\u{1f}', '\u{7f}']),
        1 => select(vec!['é', 'ü', '€', 'エ', 'ラ', '한', '\u{FFFF}', '\u{D7FF}', '\u{E000}', '😀', '\u{10FFFF}']),
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
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        6 => Just(Spelling::Raw),
        1 => Just(Spelling::Short),
        1 => Just(Spelling::Lower),
        1 => Just(Spelling::Upper),
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
                for unit in ch.encode_utf16(&mut units) {
                    match spelling {
                        Spelling::Upper => out.push_str(&format!("\\u{unit:04X}")),
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

/// A byte-level change to a body.
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

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), select(b"{}[]:,\"".to_vec()))
            .prop_map(|(at, b)| Mutation::Structural(at, b)),
        (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (any::<usize>(), interesting_byte()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::Append),
    ]
}

pub fn apply(body: &mut Vec<u8>, mutation: &Mutation) {
    let len = body.len();
    match *mutation {
        Mutation::Structural(at, byte) => {
            let structural: Vec<usize> = (0..len)
                .filter(|&i| b"{}[]:,\"".contains(&body[i]))
                .collect();
            if !structural.is_empty() {
                body[structural[at % structural.len()]] = byte;
            }
        }
        Mutation::Replace(at, byte) if len > 0 => body[at % len] = byte,
        Mutation::Insert(at, byte) => body.insert(at % (len + 1), byte),
        Mutation::Delete(at) if len > 0 => {
            body.remove(at % len);
        }
        Mutation::Truncate(at) => body.truncate(at % (len + 1)),
        Mutation::Append(which) => body.extend_from_slice(TAILS[which % TAILS.len()].as_bytes()),
        _ => {}
    }
}

/// A generated document, left alone half the time and otherwise changed by
/// one to three byte-level mutations.
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
