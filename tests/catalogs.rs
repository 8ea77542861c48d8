//! The service catalogs against their reviewed data files
//! (`tests/data/catalogs/*.tsv`, format and rules in its README).
//!
//! This test also generates `src/service/tables.rs` from those files and
//! fails if it is stale: `NHNCLOUD_HEADER_BLESS=1 cargo test --test catalogs`
//! rewrites it. Then every row of every file is looked up in the compiled
//! catalog, every range at its boundaries, and codes absent from a table.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nhncloud_header::{Category, Class, Entry, Service, ServiceCatalog, classify};

/// One row of a data file.
#[derive(Debug, Clone)]
struct Row {
    line: usize,
    first: i32,
    last: i32,
    is_successful: Option<bool>,
    category: Category,
    evidence: String,
    message: String,
    description: String,
}

impl Row {
    fn entry(&self) -> Entry {
        Entry {
            first: self.first,
            last: self.last,
            is_successful: self.is_successful,
            category: self.category,
            message: leak(&self.message),
            description: (!self.description.is_empty()).then(|| leak(&self.description)),
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

fn parse_code(text: &str) -> Option<(i32, i32)> {
    match text.split_once('~') {
        Some((first, last)) => Some((first.parse().ok()?, last.parse().ok()?)),
        None => text.parse().ok().map(|code| (code, code)),
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
            message,
            description,
        ] = fields[..]
        else {
            panic!("{at}: {} fields, not 6", fields.len());
        };
        let (first, last) = parse_code(code).unwrap_or_else(|| panic!("{at}: code {code:?}"));
        assert!(first <= last, "{at}: a range runs upwards");
        let is_successful = match is_successful {
            "true" => Some(true),
            "false" => Some(false),
            "-" => None,
            other => panic!("{at}: is_successful {other:?}"),
        };
        let category =
            Category::from_name(category).unwrap_or_else(|| panic!("{at}: category {category:?}"));
        for field in [message, description] {
            assert_eq!(field, field.trim(), "{at}: fields are trimmed");
        }
        rows.push(Row {
            line: line_no,
            first,
            last,
            is_successful,
            category,
            evidence: evidence.to_owned(),
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
                let (digits, status_digits) = (row.first.to_string(), status.to_string());
                let embedded = if file.name == "compute" {
                    digits.ends_with(&status_digits)
                } else {
                    digits.starts_with(&status_digits)
                };
                assert!(
                    embedded,
                    "{at}: {} does not embed status {status}",
                    row.first
                );
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

/// Sorted, ranges apart, and a code's several rows share its category.
#[test]
fn rows_are_sorted_and_disjoint() {
    for file in data_files() {
        for pair in file.rows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let at = format!("{}:{}", file.path.display(), b.line);
            if (a.first, a.last) == (b.first, b.last) {
                assert_eq!(a.category, b.category, "{at}: one code, one category");
                assert_ne!(a.message, b.message, "{at}: a repeated row");
            } else {
                assert!(a.last < b.first, "{at}: not sorted, or overlapping");
            }
        }
    }
}

fn constant_name(service: &str) -> String {
    service.to_uppercase().replace('-', "_")
}

fn variant_name(service: &str) -> String {
    service
        .split('-')
        .map(|word| word[..1].to_uppercase() + &word[1..])
        .collect()
}

fn category_variant(category: Category) -> String {
    variant_name(&category.name().replace('_', "-"))
}

/// `src/service/tables.rs` as the data files give it.
fn generate(files: &[DataFile]) -> String {
    let mut out = String::from(
        "//! The service tables. @generated by `tests/catalogs.rs` from\n\
         //! `tests/data/catalogs/*.tsv`: do not edit.\n\
         //! `NHNCLOUD_HEADER_BLESS=1 cargo test --test catalogs` rewrites it.\n\n\
         use super::Category::*;\n\
         use super::{Entry, Service, ServiceCatalog, row};\n\n\
         const T: Option<bool> = Some(true);\n\
         const F: Option<bool> = Some(false);\n\
         const N: Option<bool> = None;\n\n\
         impl ServiceCatalog {\n",
    );
    for file in files {
        let constant = constant_name(&file.name);
        writeln!(
            out,
            "    /// `{}`: {} rows, from `tests/data/catalogs/{}.tsv`.\n    \
             pub const {constant}: ServiceCatalog = ServiceCatalog {{\n        \
             service: Service::{},\n        entries: &{constant},\n    }};",
            file.name,
            file.rows.len(),
            file.name,
            variant_name(&file.name)
        )
        .unwrap();
    }
    out.push_str("}\n");
    for file in files {
        writeln!(
            out,
            "\nstatic {}: [Entry; {}] = [",
            constant_name(&file.name),
            file.rows.len()
        )
        .unwrap();
        for row in &file.rows {
            let is_successful = match row.is_successful {
                Some(true) => "T",
                Some(false) => "F",
                None => "N",
            };
            writeln!(
                out,
                "    row({}, {}, {is_successful}, {}, {:?}, {:?}),",
                row.first,
                row.last,
                category_variant(row.category),
                row.message,
                row.description
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
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/service/tables.rs");
    if std::env::var_os("NHNCLOUD_HEADER_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("writable src/service/tables.rs");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "src/service/tables.rs is stale: NHNCLOUD_HEADER_BLESS=1 cargo test --test catalogs"
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
        assert_eq!(service.catalog().service, service);
        assert_eq!(service.to_string(), service.name());
    }
    assert_eq!(Service::from_name("Compute"), None);
    assert_eq!(Service::from_name(""), None);
}

fn catalog_of(file: &DataFile) -> ServiceCatalog {
    Service::from_name(&file.name)
        .unwrap_or_else(|| panic!("no service {}", file.name))
        .catalog()
}

/// Every row is in the compiled catalog, equal, at both ends of its range;
/// a code's rows come back together, in the file's order.
#[test]
fn every_row_is_in_the_compiled_catalog() {
    for file in data_files() {
        let catalog = catalog_of(&file);
        assert_eq!(catalog.entries.len(), file.rows.len(), "{}", file.name);
        let mut index = 0;
        while index < file.rows.len() {
            let row = &file.rows[index];
            let same: Vec<Entry> = file.rows[index..]
                .iter()
                .take_while(|other| (other.first, other.last) == (row.first, row.last))
                .map(Row::entry)
                .collect();
            for code in [row.first, row.last, row.first + (row.last - row.first) / 2] {
                let at = format!("{}:{} code {code}", file.path.display(), row.line);
                assert_eq!(catalog.entries_of(code), &same[..], "{at}");
                assert_eq!(catalog.lookup(code), Some(&same[0]), "{at}");
                assert_eq!(catalog.category(code), row.category, "{at}");
                assert_eq!(catalog.service.lookup(code), Some(&same[0]), "{at}");
            }
            index += same.len();
        }
    }
}

/// Past each end of every row is another row or nothing: never this one.
/// Codes in no row are unknown: no entry, `unspecified`.
#[test]
fn range_boundaries_and_absent_codes() {
    for file in data_files() {
        let catalog = catalog_of(&file);
        let covered = |code: i32| {
            file.rows
                .iter()
                .any(|row| (row.first..=row.last).contains(&code))
        };
        let mut probes = vec![i32::MIN, i32::MAX, -9_999_999, 7_777_777, 123_456_789];
        for row in &file.rows {
            probes.extend([row.first.saturating_sub(1), row.last.saturating_add(1)]);
        }
        for code in probes {
            let at = format!("{} code {code}", file.name);
            if covered(code) {
                let entry = catalog.lookup(code).unwrap();
                assert!((entry.first..=entry.last).contains(&code), "{at}");
            } else {
                assert_eq!(catalog.lookup(code), None, "{at}");
                assert!(catalog.entries_of(code).is_empty(), "{at}");
                assert_eq!(catalog.category(code), Category::Unspecified, "{at}");
                assert!(catalog.is_consistent(code, false), "{at}");
                assert!(!catalog.is_consistent(code, true), "{at}");
            }
        }
    }
}

/// The Compute data file and `classify` name the same codes: every code of
/// the file is classified, and every code classify knows is in the file.
#[test]
fn compute_rows_agree_with_classify() {
    let compute = ServiceCatalog::COMPUTE;
    for code in -100..=60_000 {
        let known = classify(code) != Class::Unknown;
        assert_eq!(compute.lookup(code).is_some(), known, "code {code}");
        if let Some(entry) = compute.lookup(code) {
            assert_eq!(
                entry.is_successful,
                Some(classify(code) == Class::Success),
                "code {code}"
            );
        }
    }
}

/// `retryable` is true exactly for the three categories the issue names.
#[test]
fn retryable_categories() {
    let retryable: Vec<&str> = Category::ALL
        .into_iter()
        .filter(|category| category.retryable())
        .map(Category::name)
        .collect();
    assert_eq!(retryable, ["limit_exceeded", "server_error", "unavailable"]);
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
}

/// The binary search against the naive model, a linear scan of the rows,
/// on any code in any service.
mod against_a_linear_scan {
    use super::*;
    use proptest::prelude::*;

    fn linear(catalog: &ServiceCatalog, code: i32) -> Vec<Entry> {
        catalog
            .entries
            .iter()
            .filter(|entry| (entry.first..=entry.last).contains(&code))
            .copied()
            .collect()
    }

    /// Any `i32`, or one near a row's ends, where mistakes would be.
    fn code() -> impl Strategy<Value = i32> {
        let rows: Vec<i32> = Service::ALL
            .iter()
            .flat_map(|service| service.catalog().entries)
            .flat_map(|entry| [entry.first, entry.last])
            .collect();
        prop_oneof![
            any::<i32>(),
            (proptest::sample::select(rows), -2..=2i32)
                .prop_map(|(code, shift)| code.saturating_add(shift)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn lookup_is_a_linear_scan(code in code()) {
            for service in Service::ALL {
                let catalog = service.catalog();
                let rows = linear(&catalog, code);
                prop_assert_eq!(catalog.entries_of(code), &rows[..], "{} {}", service, code);
                prop_assert_eq!(
                    catalog.category(code),
                    rows.first().map_or(Category::Unspecified, |row| row.category)
                );
            }
        }
    }
}
