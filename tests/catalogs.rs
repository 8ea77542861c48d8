//! The service catalogs against their reviewed data files
//! (`tests/data/catalogs/*.tsv`, format and rules in its README).
//!
//! This test also generates `src/catalog/tables.rs` from those files and
//! fails if it is stale: `NHNCLOUD_HEADER_BLESS=1 cargo test --test catalogs`
//! rewrites it. Then every row of every file is looked up in the compiled
//! catalog, every range at its boundaries, and codes absent from a table.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nhncloud_header::{
    Advice, Catalog, Category, Class, Codes, ComputeDetails, Entry, Remedy, ResultCode, Service,
    classify,
};

/// A row's code or codes as the data file gives them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Code {
    Range(i32, i32),
    Text(String),
}

/// One row of a data file.
#[derive(Debug, Clone)]
struct Row {
    line: usize,
    code: Code,
    is_successful: Option<bool>,
    category: Category,
    evidence: String,
    advice: Advice,
    advice_evidence: String,
    message: String,
    description: String,
}

impl Row {
    fn entry(&self) -> Entry {
        let codes = match &self.code {
            Code::Range(first, last) => Codes::Integers {
                first: *first,
                last: *last,
            },
            Code::Text(text) => Codes::Text(leak(text)),
        };
        Entry::new(
            codes,
            self.is_successful,
            self.category,
            self.advice,
            leak(&self.message),
            (!self.description.is_empty()).then(|| leak(&self.description)),
        )
    }

    /// The integer codes of the row (none for a string code).
    fn range(&self) -> Option<(i32, i32)> {
        match self.code {
            Code::Range(first, last) => Some((first, last)),
            Code::Text(_) => None,
        }
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

/// One data file: its service, its source's text, and its rows.
struct DataFile {
    name: String,
    path: PathBuf,
    source: String,
    rows: Vec<Row>,
}

fn catalogs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/catalogs")
}

/// Rule 1 of the README: the category an embedded HTTP status gives.
fn status_category(status: u16) -> Option<Category> {
    Some(match status {
        400 => Category::InvalidRequest,
        401 => Category::Unauthorized,
        403 => Category::Forbidden,
        404 | 410 => Category::NotFound,
        409 | 412 => Category::Conflict,
        429 => Category::LimitExceeded,
        500 | 501 => Category::ServerError,
        502..=504 => Category::Unavailable,
        408 => return None,
        405..=499 | 402 => Category::InvalidRequest,
        505..=599 => Category::ServerError,
        _ => return None,
    })
}

fn parse_code(text: &str) -> Option<Code> {
    if text.starts_with('"') {
        return serde_json::from_str(text).ok().map(Code::Text);
    }
    match text.split_once('~') {
        Some((first, last)) => Some(Code::Range(first.parse().ok()?, last.parse().ok()?)),
        None => text.parse().ok().map(|code| Code::Range(code, code)),
    }
}

/// Reads and checks one data file against the README's format and rules.
fn read(path: &Path) -> DataFile {
    let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let shown = path.display();
    let mut source_path = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut header_seen = false;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let at = format!("{shown}:{line_no}");
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(service) = comment.trim().strip_prefix("service:") {
                assert_eq!(service.trim(), name, "{at}: the service is the file's name");
            }
            if let Some(source) = comment.trim().strip_prefix("source:") {
                let file = source.split_whitespace().next().unwrap();
                source_path = Some(catalogs_dir().join(file));
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            assert_eq!(
                fields,
                [
                    "code",
                    "is_successful",
                    "category",
                    "evidence",
                    "advice",
                    "advice_evidence",
                    "message",
                    "description"
                ],
                "{at}: header line"
            );
            header_seen = true;
            continue;
        }
        let [
            code,
            is_successful,
            category,
            evidence,
            advice,
            advice_evidence,
            message,
            description,
        ] = fields[..]
        else {
            panic!("{at}: {} fields, not 8", fields.len());
        };
        let code = parse_code(code).unwrap_or_else(|| panic!("{at}: code {code:?}"));
        if let Code::Range(first, last) = code {
            assert!(first <= last, "{at}: a range runs upwards");
        }
        let is_successful = match is_successful {
            "true" => Some(true),
            "false" => Some(false),
            "-" => None,
            other => panic!("{at}: is_successful {other:?}"),
        };
        let category =
            Category::from_name(category).unwrap_or_else(|| panic!("{at}: category {category:?}"));
        let advice = Advice::from_name(advice).unwrap_or_else(|| panic!("{at}: advice {advice:?}"));
        for field in [message, description] {
            assert_eq!(field, field.trim(), "{at}: fields are trimmed");
        }
        rows.push(Row {
            line: line_no,
            code,
            is_successful,
            category,
            evidence: evidence.to_owned(),
            advice,
            advice_evidence: advice_evidence.to_owned(),
            message: message.to_owned(),
            description: description.to_owned(),
        });
    }
    assert!(header_seen && !rows.is_empty(), "{shown}: no rows");
    let source_path = source_path.unwrap_or_else(|| panic!("{shown}: no `# source:` comment"));
    let source = std::fs::read_to_string(&source_path)
        .unwrap_or_else(|error| panic!("{shown}: source {}: {error}", source_path.display()));
    DataFile {
        name,
        path: path.to_owned(),
        source,
        rows,
    }
}

fn data_files() -> Vec<DataFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(catalogs_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "tsv"))
        .collect();
    paths.sort();
    paths.iter().map(|path| read(path)).collect()
}

/// The evidence of every row is of one of the README's four forms and holds:
/// a status gives the category rule 1 gives, a quote is found where it says.
#[test]
fn every_category_rests_on_its_evidence() {
    for file in data_files() {
        for row in &file.rows {
            let at = format!("{}:{}", file.path.display(), row.line);
            let evidence = row.evidence.as_str();
            if evidence == "none" {
                assert_eq!(row.category, Category::Unspecified, "{at}");
                continue;
            }
            assert_ne!(
                row.category,
                Category::Unspecified,
                "{at}: unspecified has no evidence"
            );
            if evidence == "status 4xx" {
                assert_eq!(row.category, Category::InvalidRequest, "{at}");
            } else if let Some(status) = evidence.strip_prefix("status ") {
                let status: u16 = status
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: {evidence}"));
                // A partial success or failure is the table's word over the
                // status (rule 2).
                if row.category != Category::PartialSuccess {
                    assert_eq!(Some(row.category), status_category(status), "{at}");
                }
                // Compute's scheme puts the status last (`NN404`), every
                // other scheme first (`404xx`, `404nnn`, `HHHcccnnn`).
                let (first, _) = row
                    .range()
                    .unwrap_or_else(|| panic!("{at}: a status in a string"));
                let (digits, status_digits) = (first.to_string(), status.to_string());
                let embedded = if file.name == "compute" {
                    digits.ends_with(&status_digits)
                } else {
                    digits.starts_with(&status_digits)
                };
                assert!(embedded, "{at}: {first} does not embed status {status}");
            } else if let Some(quote) = quoted(evidence, "words: ") {
                assert!(
                    row.message.contains(quote) || row.description.contains(quote),
                    "{at}: {quote:?} is not the row's own words"
                );
            } else if let Some(quote) = quoted(evidence, "table: ") {
                assert!(
                    file.source.contains(quote),
                    "{at}: {quote:?} is not in the source"
                );
            } else {
                panic!("{at}: evidence {evidence:?}");
            }
            if row.category == Category::Success {
                assert_ne!(row.is_successful, Some(false), "{at}");
            }
        }
    }
}

fn quoted<'a>(evidence: &'a str, prefix: &str) -> Option<&'a str> {
    evidence
        .strip_prefix(prefix)?
        .strip_prefix('"')?
        .strip_suffix('"')
}

/// Every row's advice rests on its evidence: the category's default
/// (`category`), or what the row's own words or the table say to do.
#[test]
fn every_advice_rests_on_its_evidence() {
    for file in data_files() {
        for row in &file.rows {
            let at = format!("{}:{}", file.path.display(), row.line);
            let evidence = row.advice_evidence.as_str();
            if evidence == "category" {
                assert_eq!(row.advice, row.category.advice(), "{at}");
            } else if let Some(quote) = quoted(evidence, "words: ") {
                assert!(
                    row.message.contains(quote) || row.description.contains(quote),
                    "{at}: {quote:?} is not the row's own words"
                );
            } else if let Some(quote) = quoted(evidence, "table: ") {
                assert!(
                    file.source.contains(quote),
                    "{at}: {quote:?} is not in the source"
                );
            } else {
                panic!("{at}: advice evidence {evidence:?}");
            }
        }
    }
}

/// Where the Compute seed says what to do, the advice is the seed's: every
/// code's remedy and advice say the same (a remedy of "retry after acting on
/// the message" takes the action the code's status names).
#[test]
fn compute_advice_is_the_seeds_remedy() {
    let compatible = |remedy: Remedy, advice: Advice| match remedy {
        Remedy::None => advice == Advice::None,
        Remedy::RetryAfterFix => matches!(
            advice,
            Advice::FixRequest
                | Advice::Authenticate
                | Advice::GetPermission
                | Advice::CheckState
                | Advice::RetryLater
        ),
        Remedy::ContactSupport => advice == Advice::ContactSupport,
        Remedy::SeeDetail => advice == Advice::SeeDetail,
        Remedy::CheckRequestBody | Remedy::CheckNetworkId => advice == Advice::FixRequest,
        Remedy::Unknown => advice == Advice::ReadMessage,
    };
    for code in -100..=60_000 {
        let remedy = ComputeDetails::of(code).remedy;
        let advice = Catalog::COMPUTE.advice(code);
        assert!(
            compatible(remedy, advice),
            "{code}: {remedy} against {advice}"
        );
    }
    // The issue's case: -2 is a server error the seed says to report.
    assert_eq!(Catalog::COMPUTE.advice(-2), Advice::ContactSupport);
    assert!(!Service::Compute.meaning(-2, false).retryable());
}

/// Messages and descriptions are the source table's text: each is found
/// verbatim in the copied source.
#[test]
fn every_text_is_in_its_source() {
    for file in data_files() {
        for row in &file.rows {
            let at = format!("{}:{}", file.path.display(), row.line);
            for text in [&row.message, &row.description] {
                assert!(
                    file.source.contains(text.as_str()),
                    "{at}: {text:?} is not in the source"
                );
            }
        }
    }
}

/// Sorted, ranges apart, one kind of code per file, and a code's several
/// rows share its category and advice.
#[test]
fn rows_are_sorted_and_disjoint() {
    for file in data_files() {
        let texts = file
            .rows
            .iter()
            .filter(|row| matches!(row.code, Code::Text(_)))
            .count();
        assert!(
            texts == 0 || texts == file.rows.len(),
            "{}: one kind of code",
            file.name
        );
        for pair in file.rows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let at = format!("{}:{}", file.path.display(), b.line);
            if a.code == b.code {
                assert_eq!(a.category, b.category, "{at}: one code, one category");
                assert_eq!(a.advice, b.advice, "{at}: one code, one advice");
                assert_ne!(a.message, b.message, "{at}: a repeated row");
            } else {
                match (&a.code, &b.code) {
                    (Code::Range(_, last), Code::Range(first, _)) => {
                        assert!(last < first, "{at}: not sorted, or overlapping")
                    }
                    (a, b) => assert!(a < b, "{at}: not sorted"),
                }
            }
        }
        let catalog = catalog_of(&file);
        let rebuilt = Catalog::new(catalog.name(), catalog.entries()).map(|c| c.entries().len());
        assert_eq!(
            rebuilt,
            Some(file.rows.len()),
            "{}: Catalog::new takes it",
            file.name
        );
    }
}

fn constant_name(service: &str) -> String {
    service.to_uppercase().replace('-', "_")
}

fn variant_name(service: &str) -> String {
    service
        .split(['-', '_'])
        .map(|word| word[..1].to_uppercase() + &word[1..])
        .collect()
}

/// `src/catalog/tables.rs` as the data files give it.
fn generate(files: &[DataFile]) -> String {
    let mut out = String::from(
        "//! The service tables. @generated by `tests/catalogs.rs` from\n\
         //! `tests/data/catalogs/*.tsv`: do not edit.\n\
         //! `NHNCLOUD_HEADER_BLESS=1 cargo test --test catalogs` rewrites it.\n\
         //! Every text ends with a NUL, for C callers (`Entry::message_c_str`);\n\
         //! each table's texts are one string, each text once.\n\n\
         use super::{Catalog, Entry, row, text_row};\n\
         use crate::vocabulary::Advice as A;\n\
         use crate::vocabulary::Category as C;\n\n\
         const T: Option<bool> = Some(true);\n\
         const F: Option<bool> = Some(false);\n\
         const N: Option<bool> = None;\n\n\
         impl Catalog {\n",
    );
    for file in files {
        let constant = constant_name(&file.name);
        writeln!(
            out,
            "    /// `{}`: {} rows, from `tests/data/catalogs/{}.tsv`.\n    \
             pub const {constant}: Catalog = Catalog {{\n        \
             name: {:?},\n        entries: &{constant},\n    }};",
            file.name,
            file.rows.len(),
            file.name,
            file.name,
        )
        .unwrap();
    }
    out.push_str("}\n");
    for file in files {
        let constant = constant_name(&file.name);
        // The table's texts, each once, with the NUL after it.
        let mut texts = String::new();
        let mut at: Vec<(String, usize)> = Vec::new();
        let mut place = |text: &str, texts: &mut String| -> (usize, usize) {
            if text.is_empty() {
                return (0, 0);
            }
            let length = text.len() + 1;
            match at.iter().find(|(known, _)| known == text) {
                Some((_, offset)) => (*offset, length),
                None => {
                    let offset = texts.len();
                    texts.push_str(text);
                    texts.push('\0');
                    at.push((text.to_owned(), offset));
                    (offset, length)
                }
            }
        };
        let mut rows = Vec::new();
        for row in &file.rows {
            // An empty message is a lone NUL, so that it is a C string too.
            let message = if row.message.is_empty() {
                let offset = texts.len();
                texts.push('\0');
                (offset, 1)
            } else {
                place(&row.message, &mut texts)
            };
            let description = place(&row.description, &mut texts);
            rows.push((row, message, description));
        }
        writeln!(out, "\nconst {constant}_TEXTS: &str = concat!(").unwrap();
        for text in texts.split_inclusive('\0') {
            writeln!(out, "    {text:?},").unwrap();
        }
        out.push_str(");\n");
        writeln!(out, "\nstatic {constant}: [Entry; {}] = [", file.rows.len()).unwrap();
        for (row, message, description) in rows {
            let is_successful = match row.is_successful {
                Some(true) => "T",
                Some(false) => "F",
                None => "N",
            };
            let code = match &row.code {
                Code::Range(first, last) => format!("row({first}, {last}"),
                Code::Text(text) => format!("text_row({text:?}"),
            };
            writeln!(
                out,
                "    {code}, {is_successful}, C::{}, A::{}, {constant}_TEXTS, {message:?}, {description:?}),",
                variant_name(row.category.name()),
                variant_name(row.advice.name()),
            )
            .unwrap();
        }
        out.push_str("];\n");
    }
    out
}

#[test]
fn generated_tables_are_fresh() {
    let generated = generate(&data_files());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/catalog/tables.rs");
    if std::env::var_os("NHNCLOUD_HEADER_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("writable src/catalog/tables.rs");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "src/catalog/tables.rs is stale: NHNCLOUD_HEADER_BLESS=1 cargo test --test catalogs"
    );
}

/// One data file per service, and the other way round.
#[test]
fn every_service_has_its_data_file() {
    let files: BTreeSet<String> = data_files().into_iter().map(|file| file.name).collect();
    let services: BTreeSet<String> = Service::ALL
        .iter()
        .map(|service| service.name().to_owned())
        .collect();
    assert_eq!(files, services);
    for service in Service::ALL {
        assert_eq!(Service::from_name(service.name()), Some(service));
        assert_eq!(service.name().parse(), Ok(service));
        assert_eq!(service.catalog().name(), service.name());
        assert_eq!(service.to_string(), service.name());
    }
    assert_eq!(Service::from_name("Compute"), None);
    assert_eq!(Service::from_name(""), None);
    assert!("Compute".parse::<Service>().is_err());
}

fn catalog_of(file: &DataFile) -> Catalog {
    Service::from_name(&file.name)
        .unwrap_or_else(|| panic!("no service {}", file.name))
        .catalog()
}

/// Every row is in the compiled catalog, equal, at both ends of its range;
/// a code's rows come back together, in the file's order; every built-in
/// text is a C string too.
#[test]
fn every_row_is_in_the_compiled_catalog() {
    for file in data_files() {
        let catalog = catalog_of(&file);
        assert_eq!(catalog.entries().len(), file.rows.len(), "{}", file.name);
        let mut index = 0;
        while index < file.rows.len() {
            let row = &file.rows[index];
            let same: Vec<Entry> = file.rows[index..]
                .iter()
                .take_while(|other| other.code == row.code)
                .map(Row::entry)
                .collect();
            match &row.code {
                Code::Range(first, last) => {
                    for code in [*first, *last, first + (last - first) / 2] {
                        let at = format!("{}:{} code {code}", file.path.display(), row.line);
                        assert_eq!(catalog.entries_of(code), &same[..], "{at}");
                        assert_eq!(catalog.lookup(code), Some(&same[0]), "{at}");
                        assert_eq!(catalog.category(code), row.category, "{at}");
                        assert_eq!(catalog.advice(code), row.advice, "{at}");
                        assert_eq!(
                            catalog.entries_for(&ResultCode::<&str>::Integer(code)),
                            &same[..],
                            "{at}"
                        );
                        // A string never finds an integer row.
                        let text = ResultCode::Text(&*code.to_string().leak());
                        assert!(catalog.entries_for(&text).is_empty(), "{at}");
                    }
                }
                Code::Text(text) => {
                    let at = format!("{}:{} code {text:?}", file.path.display(), row.line);
                    assert_eq!(catalog.entries_of_text(&text.as_str()), &same[..], "{at}");
                    assert_eq!(catalog.lookup_text(text), Some(&same[0]), "{at}");
                    // Escaped, as a body may write it, the same rows.
                    let escaped = format!("\\u{:04X}{}", text.as_bytes()[0], &text[1..]);
                    let body = format!(
                        r#"{{"header":{{"isSuccessful":false,"resultCode":"{escaped}","resultMessage":null}}}}"#
                    );
                    let header = nhncloud_header::parse(body.as_bytes()).unwrap();
                    assert_eq!(catalog.entries_for(&header.result_code), &same[..], "{at}");
                }
            }
            for entry in catalog.entries_for(&match &row.code {
                Code::Range(first, _) => ResultCode::Integer(*first),
                Code::Text(text) => ResultCode::Text(text.as_str()),
            }) {
                assert_eq!(
                    entry.message_c_str().map(|c| c.to_str().unwrap()),
                    Some(entry.message())
                );
                assert_eq!(
                    entry.description_c_str().map(|c| c.to_str().unwrap()),
                    entry.description()
                );
            }
            index += same.len();
        }
    }
}

/// Past each end of every row is another row or nothing: never this one.
/// Codes in no row are unknown: no entry, `unspecified`, read the message.
#[test]
fn range_boundaries_and_absent_codes() {
    for file in data_files() {
        let catalog = catalog_of(&file);
        let covered = |code: i32| {
            file.rows.iter().any(|row| {
                row.range()
                    .is_some_and(|(first, last)| (first..=last).contains(&code))
            })
        };
        let mut probes = vec![i32::MIN, i32::MAX, -9_999_999, 7_777_777, 123_456_789, 0];
        for row in &file.rows {
            if let Some((first, last)) = row.range() {
                probes.extend([first.saturating_sub(1), last.saturating_add(1)]);
            }
        }
        for code in probes {
            let at = format!("{} code {code}", file.name);
            if covered(code) {
                let entry = catalog.lookup(code).unwrap();
                assert!(entry.contains(code), "{at}");
            } else {
                assert_eq!(catalog.lookup(code), None, "{at}");
                assert!(catalog.entries_of(code).is_empty(), "{at}");
                assert_eq!(catalog.category(code), Category::Unspecified, "{at}");
                assert_eq!(catalog.advice(code), Advice::ReadMessage, "{at}");
                assert!(catalog.is_consistent(code, false), "{at}");
                assert!(!catalog.is_consistent(code, true), "{at}");
                let meaning =
                    catalog.meaning(&ResultCode::<&str>::Integer(code), true, None::<&&str>);
                assert!(
                    !meaning.known && !meaning.consistent && !meaning.retryable(),
                    "{at}"
                );
            }
        }
        for text in [
            "",
            "SUCCESS ",
            "success",
            "NOT_FOUND",
            "ZZZ",
            "0",
            "\u{30b5}",
        ] {
            let at = format!("{} code {text:?}", file.name);
            let expected = file
                .rows
                .iter()
                .filter(|row| row.code == Code::Text(text.to_owned()))
                .count();
            assert_eq!(catalog.entries_of_text(&text).len(), expected, "{at}");
            if expected == 0 {
                let meaning = catalog.meaning(&ResultCode::Text(text), false, None::<&&str>);
                assert!(!meaning.known && meaning.consistent, "{at}");
                assert_eq!(meaning.category, Category::Unspecified, "{at}");
            }
        }
    }
}

/// The Compute data file and `classify` name the same codes: every code of
/// the file is classified, and every code classify knows is in the file.
#[test]
fn compute_rows_agree_with_classify() {
    let compute = Catalog::COMPUTE;
    for code in -100..=60_000 {
        let known = classify(code) != Class::Unknown;
        assert_eq!(compute.lookup(code).is_some(), known, "code {code}");
        if let Some(entry) = compute.lookup(code) {
            assert_eq!(
                entry.is_successful(),
                Some(classify(code) == Class::Success),
                "code {code}"
            );
        }
    }
}

/// `retryable` is true exactly for the two retrying advices; the
/// vocabularies' names in order; every category's default advice.
#[test]
fn vocabularies() {
    let retryable: Vec<&str> = Advice::ALL
        .into_iter()
        .filter(|advice| advice.retryable())
        .map(Advice::name)
        .collect();
    assert_eq!(retryable, ["retry_later", "retry"]);
    let names: Vec<&str> = Category::ALL.into_iter().map(Category::name).collect();
    assert_eq!(
        names,
        [
            "success",
            "partial_success",
            "invalid_request",
            "unauthorized",
            "forbidden",
            "not_found",
            "conflict",
            "limit_exceeded",
            "server_error",
            "unavailable",
            "unspecified"
        ]
    );
    let defaults: Vec<(&str, &str)> = Category::ALL
        .into_iter()
        .map(|category| (category.name(), category.advice().name()))
        .collect();
    assert_eq!(
        defaults,
        [
            ("success", "none"),
            ("partial_success", "check_result"),
            ("invalid_request", "fix_request"),
            ("unauthorized", "authenticate"),
            ("forbidden", "get_permission"),
            ("not_found", "fix_request"),
            ("conflict", "check_state"),
            ("limit_exceeded", "retry_later"),
            ("server_error", "retry"),
            ("unavailable", "retry"),
            ("unspecified", "read_message")
        ]
    );
    for advice in Advice::ALL {
        assert_eq!(advice.name().parse(), Ok(advice));
        assert_eq!(advice.to_string(), advice.name());
    }
    for category in Category::ALL {
        assert_eq!(category.name().parse(), Ok(category));
    }
    assert!("Retry".parse::<Advice>().is_err());
}

/// The binary search against the naive model, a linear scan of the rows,
/// on any code in any service.
mod against_a_linear_scan {
    use super::*;
    use proptest::prelude::*;

    fn linear(catalog: &Catalog, code: i32) -> Vec<Entry> {
        catalog
            .entries()
            .iter()
            .filter(|entry| entry.contains(code))
            .copied()
            .collect()
    }

    fn linear_text(catalog: &Catalog, code: &str) -> Vec<Entry> {
        catalog
            .entries()
            .iter()
            .filter(|entry| matches!(entry.codes(), Codes::Text(text) if text == code))
            .copied()
            .collect()
    }

    /// Any `i32`, or one near a row's ends, where mistakes would be.
    fn code() -> impl Strategy<Value = i32> {
        let rows: Vec<i32> = Service::ALL
            .iter()
            .flat_map(|service| service.catalog().entries())
            .flat_map(|entry| match entry.codes() {
                Codes::Integers { first, last } => vec![first, last],
                Codes::Text(_) => vec![],
            })
            .collect();
        prop_oneof![
            any::<i32>(),
            (proptest::sample::select(rows), -2..=2i32)
                .prop_map(|(code, shift)| code.saturating_add(shift)),
        ]
    }

    /// Any short string, or a string code of a table with a byte changed.
    fn text() -> impl Strategy<Value = String> {
        let texts: Vec<String> = Catalog::DEPLOY
            .entries()
            .iter()
            .filter_map(|entry| match entry.codes() {
                Codes::Text(text) => Some(text.to_owned()),
                Codes::Integers { .. } => None,
            })
            .collect();
        prop_oneof![
            "[A-Z_]{0,30}",
            proptest::sample::select(texts.clone()),
            (
                proptest::sample::select(texts),
                any::<prop::sample::Index>(),
                b'A'..=b'_'
            )
                .prop_map(|(text, at, byte)| {
                    let mut bytes = text.into_bytes();
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                    String::from_utf8(bytes).unwrap()
                }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn lookup_is_a_linear_scan(code in code(), text in text()) {
            for service in Service::ALL {
                let catalog = service.catalog();
                let rows = linear(&catalog, code);
                prop_assert_eq!(catalog.entries_of(code), &rows[..], "{} {}", service, code);
                prop_assert_eq!(
                    catalog.category(code),
                    rows.first().map_or(Category::Unspecified, |row| row.category())
                );
                let rows = linear_text(&catalog, &text);
                prop_assert_eq!(catalog.entries_of_text(&text.as_str()), &rows[..], "{} {:?}", service, text);
            }
        }
    }
}
