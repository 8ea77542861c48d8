//! Every result-code catalog (`tests/data/catalogs/<service>.tsv`) against
//! the published table it was made from: the copied source its `# source:`
//! comment names. Both ways round:
//!
//! 1. every row of the source table is a row of the TSV, and
//! 2. every row of the TSV is a row of the source table,
//!
//! where a row is its code (a number, a range `FIRST~LAST`, or a Deploy
//! string) with its message and its description, compared verbatim (the
//! README: both are the table's text, trimmed). Several rows of one code
//! are several rows (Notification Hub's several messages per code), so a
//! row added to or removed from either side fails the test.
//!
//! The sources differ in format, so each service has its own reader below
//! (markdown tables share one parser). Where a TSV differs from its source
//! on purpose, its `# decision:` comments say why; each such difference is
//! in the service's `Exceptions`, a short named list quoting the decision
//! it rests on, and an exception that no longer applies fails too.
//!
//! This test reads files only, no API of the crate, so that it keeps
//! compiling while the library changes.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

// ---------------------------------------------------------------------
// Codes

/// A result code as a TSV row holds it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Code {
    /// `first..=last`; one code when they are equal.
    Range(i32, i32),
    /// A string code (Dev Tools > Deploy).
    Name(String),
}

impl Code {
    fn one(code: i32) -> Code {
        Code::Range(code, code)
    }

    /// A TSV's code column: `-1`, `10400~10499`, or a JSON string.
    fn parse_tsv(text: &str) -> Option<Code> {
        if text.starts_with('"') {
            return serde_json::from_str(text).ok().map(Code::Name);
        }
        match text.split_once('~') {
            Some((first, last)) => Some(Code::Range(first.parse().ok()?, last.parse().ok()?)),
            None => text.parse().ok().map(Code::one),
        }
    }

    /// A markdown table's code cell: `-1`, or a range written with full
    /// ends and spaces or not (`50001 ~ 50501`, `10400~10499`).
    fn parse_cell(text: &str) -> Option<Code> {
        match text.split_once('~') {
            Some((first, last)) => Some(Code::Range(
                first.trim().parse().ok()?,
                last.trim().parse().ok()?,
            )),
            None => text.trim().parse().ok().map(Code::one),
        }
    }

    fn is_within(&self, outer: &Code) -> bool {
        match (self, outer) {
            (Code::Range(first, last), Code::Range(outer_first, outer_last)) => {
                outer_first <= first && last <= outer_last
            }
            _ => false,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Range(first, last) if first == last => write!(f, "{first}"),
            Code::Range(first, last) => write!(f, "{first}~{last}"),
            Code::Name(name) => write!(f, "{name:?}"),
        }
    }
}

/// A code written in an exception list, in the TSV's syntax.
fn code(text: &str) -> Code {
    Code::parse_tsv(text).unwrap_or_else(|| panic!("exception code {text:?}"))
}

// ---------------------------------------------------------------------
// The TSV side

struct TsvRow {
    at: String,
    code: Code,
    message: String,
    description: String,
}

struct Tsv {
    name: String,
    source: PathBuf,
    /// The text of every `# decision:` comment.
    decisions: Vec<String>,
    rows: Vec<TsvRow>,
}

fn catalogs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/catalogs")
}

/// A path as the messages show it: from the crate's root.
fn shown(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", shown(path)))
}

/// Reads `<service>.tsv`; its columns are found by the header's names.
fn read_tsv(name: &str) -> Tsv {
    let path = catalogs_dir().join(format!("{name}.tsv"));
    let text = read_text(&path);
    let mut source = None;
    let mut decisions = Vec::new();
    let mut columns: Option<(usize, usize, usize, usize)> = None;
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let at = format!("{}:{}", shown(&path), index + 1);
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(file) = comment.strip_prefix("source:") {
                let file = file.split_whitespace().next().expect("a source file");
                source = Some(catalogs_dir().join(file));
            }
            if let Some(decision) = comment.strip_prefix("decision:") {
                decisions.push(decision.trim().to_owned());
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let Some((count, code_at, message_at, description_at)) = columns else {
            let find = |name: &str| {
                fields
                    .iter()
                    .position(|field| *field == name)
                    .unwrap_or_else(|| panic!("{at}: no column {name:?} in the header"))
            };
            columns = Some((
                fields.len(),
                find("code"),
                find("message"),
                find("description"),
            ));
            continue;
        };
        assert_eq!(fields.len(), count, "{at}: fields");
        let code_text = fields[code_at];
        let code = Code::parse_tsv(code_text).unwrap_or_else(|| panic!("{at}: code {code_text:?}"));
        // The README: string codes are Deploy's only.
        if matches!(code, Code::Name(_)) {
            assert_eq!(name, "deploy", "{at}: a string code");
        }
        rows.push(TsvRow {
            at,
            code,
            message: fields[message_at].to_owned(),
            description: fields[description_at].to_owned(),
        });
    }
    Tsv {
        name: name.to_owned(),
        source: source.unwrap_or_else(|| panic!("{}: no `# source:`", shown(&path))),
        decisions,
        rows,
    }
}

// ---------------------------------------------------------------------
// The source side: sections, markdown tables, JSON examples

/// One row of a source table, as its reader understood it.
#[derive(Clone, Debug)]
struct SourceRow {
    at: String,
    /// Which table or passage of the source it is in: a table's heading,
    /// an API's name, "example body: <heading>", ...
    origin: String,
    code: Code,
    message: String,
    description: String,
}

struct Source {
    shown: String,
    lines: Vec<String>,
}

/// The lines between one `---8<--- verbatim...` marker and the next marker:
/// one verbatim copy (the notes around them are not source text).
struct Section<'a> {
    source: &'a Source,
    /// The marker line, which names the file copied.
    title: &'a str,
    /// The index in `source.lines` of `lines[0]`.
    offset: usize,
    lines: &'a [String],
}

impl Source {
    fn read(path: &Path) -> Source {
        Source {
            shown: shown(path),
            lines: read_text(path).lines().map(str::to_owned).collect(),
        }
    }

    fn sections(&self) -> Vec<Section<'_>> {
        let markers: Vec<usize> = (0..self.lines.len())
            .filter(|&index| self.lines[index].starts_with("---8<---"))
            .collect();
        let mut sections = Vec::new();
        for (number, &start) in markers.iter().enumerate() {
            let title = self.lines[start].as_str();
            if title.starts_with("---8<--- end") {
                continue;
            }
            let end = markers.get(number + 1).copied().unwrap_or(self.lines.len());
            sections.push(Section {
                source: self,
                title,
                offset: start + 1,
                lines: &self.lines[start + 1..end],
            });
        }
        sections
    }

    /// The one section whose marker names `file`.
    fn section(&self, file: &str) -> Section<'_> {
        let mut found: Vec<Section> = self
            .sections()
            .into_iter()
            .filter(|section| section.title.contains(file))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{}: sections copied from {file}",
            self.shown
        );
        found.remove(0)
    }

    /// The only section (most sources copy one file).
    fn only_section(&self) -> Section<'_> {
        let mut sections = self.sections();
        assert_eq!(sections.len(), 1, "{}: sections", self.shown);
        sections.remove(0)
    }

    /// The whole file, for a source copied without markers (Compute's seed).
    fn whole(&self) -> Section<'_> {
        assert!(self.sections().is_empty(), "{}: has sections", self.shown);
        Section {
            source: self,
            title: "",
            offset: 0,
            lines: &self.lines,
        }
    }
}

/// A markdown heading's level and text, without the `#`s.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    let text = &line[level..];
    (level > 0 && text.starts_with(' ')).then(|| (level, text.trim()))
}

impl Section<'_> {
    /// `file:line` of `lines[index]`.
    fn at(&self, index: usize) -> String {
        format!("{}:{}", self.source.shown, self.offset + index + 1)
    }

    /// The nearest heading above `lines[index]`, of `level` or of any level
    /// (`None`); empty if there is none.
    fn heading_above(&self, index: usize, level: Option<usize>) -> &str {
        self.lines[..index]
            .iter()
            .rev()
            .filter_map(|line| heading(line))
            .find(|(found, _)| level.is_none_or(|level| *found == level))
            .map_or("", |(_, text)| text)
    }

    /// Every markdown table: a `|` line, a separator line, then `|` lines.
    fn tables(&self) -> Vec<Table> {
        let lines = self.lines;
        let mut tables = Vec::new();
        let mut index = 0;
        while index + 1 < lines.len() {
            if !(is_table_line(&lines[index]) && is_separator(&lines[index + 1])) {
                index += 1;
                continue;
            }
            let mut table = Table {
                at: self.at(index),
                heading: self.heading_above(index, None).to_owned(),
                api: self.heading_above(index, Some(3)).to_owned(),
                columns: cells(&lines[index]),
                rows: Vec::new(),
            };
            index += 2;
            while index < lines.len() && is_table_line(&lines[index]) {
                let row = cells(&lines[index]);
                assert!(
                    row.len() <= table.columns.len(),
                    "{}: more cells than columns",
                    self.at(index)
                );
                table.rows.push((self.at(index), row));
                index += 1;
            }
            tables.push(table);
        }
        tables
    }

    /// The one table under the heading `text`.
    fn table_under(&self, text: &str) -> Table {
        let mut found: Vec<Table> = self
            .tables()
            .into_iter()
            .filter(|table| table.heading == text)
            .collect();
        assert_eq!(found.len(), 1, "{}: tables under {text:?}", self.title);
        found.remove(0)
    }

    /// The section's only table.
    fn only_table(&self) -> Table {
        let mut tables = self.tables();
        assert_eq!(tables.len(), 1, "{}: tables", self.title);
        tables.remove(0)
    }

    /// The header of every JSON example (a fenced block) of the section.
    fn examples(&self) -> Vec<Example> {
        let mut examples = Vec::new();
        let mut index = 0;
        while index < self.lines.len() {
            if !self.lines[index].trim_start().starts_with("```") {
                index += 1;
                continue;
            }
            let start = index;
            index += 1;
            while !self
                .lines
                .get(index)
                .is_some_and(|line| line.trim_start().starts_with("```"))
            {
                assert!(
                    index < self.lines.len(),
                    "{}: an open fence",
                    self.at(start)
                );
                index += 1;
            }
            let body = self.lines[start + 1..index].join("\n");
            let value: Value = serde_json::from_str(&body)
                .unwrap_or_else(|error| panic!("{}: not JSON: {error}", self.at(start)));
            let header = &value["header"];
            let code = match &header["resultCode"] {
                Value::Number(number) => Code::one(number.as_i64().unwrap().try_into().unwrap()),
                Value::String(name) => Code::Name(name.clone()),
                other => panic!("{}: resultCode {other}", self.at(start)),
            };
            examples.push(Example {
                index: start,
                at: self.at(start),
                heading: self.heading_above(start, None).to_owned(),
                code,
                message: header["resultMessage"].as_str().unwrap().trim().to_owned(),
            });
            index += 1;
        }
        examples
    }
}

fn is_table_line(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

fn is_separator(line: &str) -> bool {
    let cells = cells(line);
    !cells.is_empty()
        && cells
            .iter()
            .all(|cell| cell.contains('-') && cell.chars().all(|c| matches!(c, '-' | ':')))
}

/// A table line's cells, trimmed. The closing `|` may be missing
/// (KakaoTalk's -4018 row ends after its fourth cell).
fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line.strip_suffix('|').unwrap_or(line);
    line.split('|').map(|cell| cell.trim().to_owned()).collect()
}

struct Table {
    at: String,
    /// The nearest heading above the table.
    heading: String,
    /// The nearest `###` heading above it (an API of Face Recognition).
    api: String,
    columns: Vec<String>,
    /// Each row's `file:line` and cells; a short row lacks its last cells.
    rows: Vec<(String, Vec<String>)>,
}

impl Table {
    fn column(&self, name: &str) -> usize {
        self.columns
            .iter()
            .position(|column| column == name)
            .unwrap_or_else(|| panic!("{}: no column {name:?} in {:?}", self.at, self.columns))
    }
}

/// A row's cell; empty where the row lacks it.
fn cell(row: &[String], column: usize) -> &str {
    row.get(column).map_or("", String::as_str)
}

/// Which columns of a table hold a row's parts. `None`: the table has no
/// such column, and the README then wants the text empty.
struct Columns<'a> {
    code: &'a str,
    message: Option<&'a str>,
    description: Option<&'a str>,
    /// A column naming the row's group (SMS "Category"), which is then its
    /// origin; otherwise the origin is the table's heading.
    group: Option<&'a str>,
}

/// The rows of a table whose code cells are numbers or full ranges.
fn rows_of(table: &Table, columns: &Columns) -> Vec<SourceRow> {
    let code = table.column(columns.code);
    let message = columns.message.map(|name| table.column(name));
    let description = columns.description.map(|name| table.column(name));
    let group = columns.group.map(|name| table.column(name));
    let text = |row: &[String], column: Option<usize>| {
        column.map_or("", |column| cell(row, column)).to_owned()
    };
    table
        .rows
        .iter()
        .map(|(at, row)| SourceRow {
            at: at.clone(),
            origin: group.map_or(table.heading.clone(), |group| cell(row, group).to_owned()),
            code: Code::parse_cell(cell(row, code))
                .unwrap_or_else(|| panic!("{at}: code {:?}", cell(row, code))),
            message: text(row, message),
            description: text(row, description),
        })
        .collect()
}

/// A JSON example's header.
struct Example {
    /// The index of its opening fence in the section's lines.
    index: usize,
    at: String,
    heading: String,
    code: Code,
    message: String,
}

// ---------------------------------------------------------------------
// One reader per source format

/// Push, Email: one table, `resultCode` and `resultMessage`.
fn read_result_code_table(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().only_table(),
        &Columns {
            code: "resultCode",
            message: Some("resultMessage"),
            description: None,
            group: None,
        },
    )
}

/// Certificate Manager: one table with a Description column.
fn read_certificate_manager(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().only_table(),
        &Columns {
            code: "resultCode",
            message: Some("resultMessage"),
            description: Some("Description"),
            group: None,
        },
    )
}

/// SMS: the "API Result Code" table only (decision: the other sections are
/// per-message delivery results); message = "API response message",
/// description = "Result code message"; a row's group is its Category.
fn read_sms(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().table_under("API Result Code"),
        &Columns {
            code: "Result code",
            message: Some("API response message"),
            description: Some("Result code message"),
            group: Some("Category"),
        },
    )
}

/// KakaoTalk Bizmessage: the "API Response Code" table only (decision: the
/// "Delivery Result Code" HTML table is not header codes); message = "API
/// response message", description = "Result code message".
fn read_kakaotalk(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().table_under("API Response Code"),
        &Columns {
            code: "Result code",
            message: Some("API response message"),
            description: Some("Result code message"),
            group: None,
        },
    )
}

/// Notification Hub: the EN "List of Error Codes" table (decision: the
/// "Delivery Result Code" section is not header codes), one message column;
/// and 403000 from its copied KO row (decision: "403000 added from the KO
/// table").
fn read_notification_hub(source: &Source) -> Vec<SourceRow> {
    let mut rows = rows_of(
        &source
            .section("en/error-code.md")
            .table_under("List of Error Codes"),
        &Columns {
            code: "resultCode",
            message: Some("resultMessage"),
            description: None,
            group: None,
        },
    );
    // The KO excerpt is one row copied without the KO table's header; its
    // cells are the KO columns: category (the notes: KO "adds a category
    // column"), isSuccessful, resultCode, resultMessage.
    let excerpt = source.section("ko/error-code.md");
    for (index, line) in excerpt.lines.iter().enumerate() {
        if !is_table_line(line) {
            continue;
        }
        let row = cells(line);
        let [_category, _is_successful, code, message] = &row[..] else {
            panic!("{}: not a KO row", excerpt.at(index));
        };
        rows.push(SourceRow {
            at: excerpt.at(index),
            origin: "KO table".to_owned(),
            code: Code::parse_cell(code).unwrap(),
            message: message.clone(),
            description: String::new(),
        });
    }
    rows
}

/// CDN: `errorCode`, `errorMessage` (decision: the api-guide maps it to
/// header.resultMessage), `Description`.
fn read_cdn(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().only_table(),
        &Columns {
            code: "errorCode",
            message: Some("errorMessage"),
            description: Some("Description"),
            group: None,
        },
    )
}

/// Leaderboard: "Result Message" and "Description" (the hex column is not
/// kept).
fn read_leaderboard(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().only_table(),
        &Columns {
            code: "Result Code",
            message: Some("Result Message"),
            description: Some("Description"),
            group: None,
        },
    )
}

/// Document Recognizer: message = resultMessage, description = resultKey
/// (decision: the table's only other text column).
fn read_document_recognizer(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.only_section().only_table(),
        &Columns {
            code: "resultCode",
            message: Some("resultMessage"),
            description: Some("resultKey"),
            group: None,
        },
    )
}

/// ROLE: the KO table only (decision: "built from the KO table only"; the
/// EN table is stale), whose one text column `설명` is the message.
fn read_role(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.section("ko/error-code.md").only_table(),
        &Columns {
            code: "resultCode",
            message: Some("설명"),
            description: None,
            group: None,
        },
    )
}

/// Compute: the seed's table, whose ranges `NN400~NN499` are one row each
/// (the TSV splits them: see `COMPUTE`).
fn read_compute(source: &Source) -> Vec<SourceRow> {
    rows_of(
        &source.whole().only_table(),
        &Columns {
            code: "resultCode",
            message: Some("resultMessage"),
            description: Some("Description"),
            group: None,
        },
    )
}

/// Deploy: the Ver 1.0 table, whose codes are bare words (the TSV writes
/// them as JSON strings); one message column.
fn read_deploy(source: &Source) -> Vec<SourceRow> {
    let table = source.section("en/error-code.md").only_table();
    let (code, message) = (table.column("resultCode"), table.column("resultMessage"));
    table
        .rows
        .iter()
        .map(|(at, row)| SourceRow {
            at: at.clone(),
            origin: table.heading.clone(),
            code: Code::Name(cell(row, code).to_owned()),
            message: cell(row, message).to_owned(),
            description: String::new(),
        })
        .collect()
}

/// Gamebase: the Server table, with several codes in a cell and ranges
/// written short; and 0 from the API guide's common response.
fn read_gamebase(source: &Source) -> Vec<SourceRow> {
    let table = source.section("en/error-code.md").table_under("Server");
    let (module, codes, description) = (
        table.column("Module"),
        table.column("Error Code"),
        table.column("Description"),
    );
    let mut rows = Vec::new();
    let mut group = String::new();
    for (at, row) in &table.rows {
        // The Module cell is written once per group.
        if !cell(row, module).is_empty() {
            group = cell(row, module).to_owned();
        }
        // Decision: "multi-code cells give one row per code with the cell's
        // description".
        for item in cell(row, codes)
            .split("<br/>")
            .flat_map(|item| item.split("<br>"))
        {
            rows.push(SourceRow {
                at: at.clone(),
                origin: group.clone(),
                code: gamebase_code(item).unwrap_or_else(|| panic!("{at}: code {item:?}")),
                // Decision: "the table has no resultMessage column".
                message: String::new(),
                description: cell(row, description).to_owned(),
            });
        }
    }
    // Decision: "0 is not in the Server error table; it is taken from the
    // API guide's common response (excerpt appended to the source)".
    let guide = source.section("en/api-guide.md");
    for example in guide.examples() {
        rows.push(SourceRow {
            at: example.at,
            origin: "API guide: common response".to_owned(),
            code: example.code,
            message: example.message,
            description: String::new(),
        });
    }
    rows
}

/// `-4000003`, or a range whose short end is its last digits (decision:
/// "the short end is read as the last digits (4 = -4090004) and written
/// low~high"): `-4090001 ~ 4` is -4090004~-4090001.
fn gamebase_code(item: &str) -> Option<Code> {
    let Some((first, short)) = item.split_once('~') else {
        return Code::parse_cell(item);
    };
    let (first, short) = (first.trim(), short.trim());
    let other = format!(
        "{}{short}",
        first.get(..first.len().checked_sub(short.len())?)?
    );
    let (first, other): (i32, i32) = (first.parse().ok()?, other.parse().ok()?);
    Some(Code::Range(first.min(other), first.max(other)))
}

/// The twelve APIs whose "Error Codes" tables make Face Recognition's.
const FACE_APIS: [&str; 12] = [
    "Create Groups",
    "Group List",
    "Group Details",
    "Delete Group",
    "Recognize Face",
    "Register face",
    "Delete Face",
    "List of Faces within Group",
    "Search face by face ID",
    "Search face by image",
    "Compare Faces",
    "Face Verification",
];

/// Face Recognition: every per-API "Error Codes" table, each row's origin
/// its API (decision: "the rows are the union of the per-API Error Codes
/// tables"); and 0 from Common Response Information (decision: "row 0 is
/// in no Error Codes table; it comes from Common Response Information").
fn read_face_recognition(source: &Source) -> Vec<SourceRow> {
    let section = source.only_section();
    let mut rows = Vec::new();
    let mut apis = Vec::new();
    for table in section.tables() {
        if table.heading != "Error Codes" {
            continue;
        }
        apis.push(table.api.clone());
        let columns = Columns {
            code: "resultCode",
            message: Some("resultMessage"),
            description: Some("Description"),
            group: None,
        };
        rows.extend(rows_of(&table, &columns).into_iter().map(|row| SourceRow {
            origin: table.api.clone(),
            ..row
        }));
    }
    assert_eq!(apis, FACE_APIS, "{}: the APIs", source.shown);
    for example in section.examples() {
        assert_eq!(
            example.heading, "Common Response Information",
            "{}",
            example.at
        );
        if example.code == Code::one(0) {
            rows.push(SourceRow {
                at: example.at,
                origin: example.heading,
                code: example.code,
                message: example.message,
                description: String::new(),
            });
        } else {
            // The failure example illustrates a code of the tables: no row
            // of its own, but it must agree with theirs.
            assert!(
                rows.iter()
                    .any(|row| row.code == example.code && row.message == example.message),
                "{}: the failure example is no table's row",
                example.at
            );
        }
    }
    rows
}

/// API Gateway: the management API's table (en/api-error-code.md); the
/// gateway errors (en/error-code.md), which are prose sections with example
/// bodies, an access log and small tables; and the KO JWT table.
fn read_api_gateway(source: &Source) -> Vec<SourceRow> {
    let management = source.section("en/api-error-code.md").only_table();
    let mut rows = rows_of(
        &management,
        &Columns {
            code: "Error Code",
            message: Some("Error Message"),
            description: Some("Description"),
            group: None,
        },
    );
    for row in &mut rows {
        row.origin = "management table".to_owned();
    }
    let gateway = source.section("en/error-code.md");
    for table in gateway.tables() {
        let columns = Columns {
            code: "result code",
            message: Some("resultMessage"),
            description: Some("Description"),
            group: None,
        };
        rows.extend(rows_of(&table, &columns).into_iter().map(|row| SourceRow {
            origin: format!("table: {}", table.heading),
            ..row
        }));
    }
    // Decision: a code given only in a prose example body has "message =
    // the example's resultMessage verbatim; description = the section's
    // "Cause:" line verbatim (without "Cause: ") when it is one sentence of
    // at most 160 characters, else empty".
    for example in gateway.examples() {
        rows.push(SourceRow {
            at: example.at,
            origin: format!("example body: {}", example.heading),
            code: example.code,
            message: example.message,
            description: gateway_cause(&gateway, example.index),
        });
    }
    // Decision: 500000001 "is recorded only in the access log ...: message =
    // the access log's "Error message:" text, description = the section's
    // cause".
    for (index, line) in gateway.lines.iter().enumerate() {
        let Some(number) = line.trim().strip_prefix("- Error code:") else {
            continue;
        };
        let message = gateway.lines[index + 1]
            .trim()
            .strip_prefix("- Error message:");
        let message = message.unwrap_or_else(|| panic!("{}: no error message", gateway.at(index)));
        rows.push(SourceRow {
            at: gateway.at(index),
            origin: format!("access log: {}", gateway.heading_above(index, None)),
            code: Code::parse_cell(number).unwrap(),
            message: message.trim().to_owned(),
            description: gateway_cause(&gateway, index),
        });
    }
    let ko = source.section("ko/error-code.md");
    let columns = Columns {
        code: "result code",
        message: Some("resultMessage"),
        description: Some("설명"),
        group: None,
    };
    rows.extend(
        rows_of(&ko.only_table(), &columns)
            .into_iter()
            .map(|row| SourceRow {
                origin: "KO JWT table".to_owned(),
                ..row
            }),
    );
    rows
}

/// The `- Cause:` line nearest above `lines[index]` under the same heading,
/// when it is one sentence (no ". " inside) of at most 160 characters.
fn gateway_cause(section: &Section, index: usize) -> String {
    let cause = section.lines[..index]
        .iter()
        .rev()
        .take_while(|line| heading(line).is_none())
        .find_map(|line| line.trim().strip_prefix("- Cause:"))
        .map(str::trim);
    match cause {
        Some(cause) if !cause.contains(". ") && cause.chars().count() <= 160 => cause.to_owned(),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------
// The documented exceptions

/// A source row the TSV leaves out on purpose.
struct LeftOut {
    origin: &'static str,
    code: &'static str,
    message: &'static str,
    decision: &'static str,
}

/// A source row whose message the TSV takes from elsewhere.
struct OtherMessage {
    code: &'static str,
    /// The source row's message.
    source: &'static str,
    /// The TSV's.
    message: &'static str,
    decision: &'static str,
}

/// A code whose source rows, all with one message and description, are in
/// exactly these places, in this order: one TSV row.
struct ListedBy {
    code: &'static str,
    origins: &'static [&'static str],
    decision: &'static str,
}

/// A source range the TSV splits into `pieces` rows with its text, which
/// together cover it.
struct Split {
    code: &'static str,
    pieces: usize,
    decision: &'static str,
}

/// Every decision of a TSV that makes it differ from its source, each
/// quoting the `# decision:` it rests on (an exact excerpt).
struct Exceptions {
    left_out: &'static [LeftOut],
    other_message: &'static [OtherMessage],
    listed_by: &'static [ListedBy],
    split: &'static [Split],
}

const NONE: Exceptions = Exceptions {
    left_out: &[],
    other_message: &[],
    listed_by: &[],
    split: &[],
};

const fn left_out(
    origin: &'static str,
    code: &'static str,
    message: &'static str,
    decision: &'static str,
) -> LeftOut {
    LeftOut {
        origin,
        code,
        message,
        decision,
    }
}

const fn listed_by(
    code: &'static str,
    origins: &'static [&'static str],
    decision: &'static str,
) -> ListedBy {
    ListedBy {
        code,
        origins,
        decision,
    }
}

const fn split(code: &'static str, pieces: usize, decision: &'static str) -> Split {
    Split {
        code,
        pieces,
        decision,
    }
}

const SMS_REPEATED: &str = "-2044, -2045, -2046, -2047 are listed twice (Send/Query and Template) with the same texts; one row each";
const SMS_FROM_KO: &str = "EN rows -2052 and -2053 lack the \"API response message\" cell; their message is the KO table's (ko/error-code.md)";
const SEND_AND_TEMPLATE: &[&str] = &["Send/Query", "Template"];

const SMS: Exceptions = Exceptions {
    listed_by: &[
        listed_by("-2044", SEND_AND_TEMPLATE, SMS_REPEATED),
        listed_by("-2045", SEND_AND_TEMPLATE, SMS_REPEATED),
        listed_by("-2046", SEND_AND_TEMPLATE, SMS_REPEATED),
        listed_by("-2047", SEND_AND_TEMPLATE, SMS_REPEATED),
    ],
    other_message: &[
        OtherMessage {
            code: "-2052",
            source: "",
            message: "Blocked by organization message sending count exceed.",
            decision: SMS_FROM_KO,
        },
        OtherMessage {
            code: "-2053",
            source: "",
            message: "Blocked by daily country send limit.",
            decision: SMS_FROM_KO,
        },
    ],
    ..NONE
};

const JWT_FROM_KO: &str = "JWT rows 4012001, 4012002, 4012003 are taken from ko/error-code.md";
const JWT_EXAMPLE: &str = "The JWT example body (EN and KO) shows 4012001 \"Token is invalid.\", which agrees with neither table; the KO table is followed.";
const JWKS_FROM_EN: &str = "5012001 and 5012002 are taken from the EN JWT table.";
const BAN_REQUEST: &str = "5030001 appears in two example bodies (\"Ban Request\": \"Upstream Service Unavailable (CircuitBreaker {detailErrorMessage})\", with a 245-character cause; \"Backend Endpoint Service Connection Error\": \"Upstream Service Unavailable ({error detail message})\"); one row, with the general connection-error message and its cause.";
const IN_BOTH: &str = "4011001 and 4031010 appear in both an example body and a table with the same message; one row each, from the table.";

const API_GATEWAY: Exceptions = Exceptions {
    left_out: &[
        // The EN JWT table is garbled: the KO table's JWT rows are shipped.
        left_out(
            "table: JWT",
            "4012002",
            "Authorization is empty.",
            JWT_FROM_KO,
        ),
        left_out(
            "table: JWT",
            "4012001",
            "Token type is invalid.",
            JWT_FROM_KO,
        ),
        left_out("table: JWT", "4012001", "Toekn is invalid.", JWT_FROM_KO),
        left_out(
            "example body: JWT",
            "4012001",
            "Token is invalid.",
            JWT_EXAMPLE,
        ),
        // ... but not its 5012001 and 5012002, which EN has right.
        left_out(
            "KO JWT table",
            "5012001",
            "jwks url is unavailable.",
            JWKS_FROM_EN,
        ),
        left_out(
            "KO JWT table",
            "5012002",
            "jwks format is invalid.",
            JWKS_FROM_EN,
        ),
        left_out(
            "example body: Ban Request",
            "5030001",
            "Upstream Service Unavailable (CircuitBreaker {detailErrorMessage})",
            BAN_REQUEST,
        ),
        // The table's row stands for the example body's.
        left_out(
            "example body: HMAC",
            "4011001",
            "Authorization is empty.",
            IN_BOTH,
        ),
        left_out(
            "example body: API Key",
            "4031010",
            "Request api key is empty.",
            IN_BOTH,
        ),
    ],
    ..NONE
};

const COMPUTE_SPLIT: &str = "each NN400~NN499 range is split by the status it embeds (rule 1): one table row becomes 14 rows with the range's message and description.";

const COMPUTE: Exceptions = Exceptions {
    split: &[
        split("10400~10499", 14, COMPUTE_SPLIT),
        split("11400~11499", 14, COMPUTE_SPLIT),
        split("12400~12499", 14, COMPUTE_SPLIT),
        split("13400~13499", 14, COMPUTE_SPLIT),
        split("20400~20499", 14, COMPUTE_SPLIT),
        split("21400~21499", 14, COMPUTE_SPLIT),
        split("22400~22499", 14, COMPUTE_SPLIT),
        split("23400~23499", 14, COMPUTE_SPLIT),
        split("24400~24499", 14, COMPUTE_SPLIT),
        split("30400~30499", 14, COMPUTE_SPLIT),
        split("40400~40499", 14, COMPUTE_SPLIT),
        split("50400~50499", 14, COMPUTE_SPLIT),
    ],
    ..NONE
};

/// The APIs that list the image codes (Face Recognition's decisions).
const FACE_IMAGE_APIS: &[&str] = &[
    "Recognize Face",
    "Register face",
    "Search face by image",
    "Compare Faces",
    "Face Verification",
];

const FACE_40030_APIS: &[&str] = &[
    "Group Details",
    "Delete Group",
    "Register face",
    "Delete Face",
    "List of Faces within Group",
    "Search face by face ID",
    "Search face by image",
    "Compare Faces",
    "Face Verification",
];

/// Each "listed by" decision of face-recognition.tsv, in its words.
const FACE_RECOGNITION: Exceptions = Exceptions {
    left_out: &[left_out(
        "Register face",
        "-40070",
        "ServiceQuotaExceededException",
        "-40070 listed by Create Groups, Register face, same message ServiceQuotaExceededException, different descriptions: one row with the Create Groups description",
    )],
    listed_by: &[
        listed_by("-50000", &FACE_APIS, "-50000 listed by all 12 APIs"),
        listed_by(
            "-45080",
            FACE_IMAGE_APIS,
            "-45080 listed by Recognize Face, Register face, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-45060",
            FACE_IMAGE_APIS,
            "-45060 listed by Recognize Face, Register face, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-45050",
            FACE_IMAGE_APIS,
            "-45050 listed by Recognize Face, Register face, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-45040",
            FACE_IMAGE_APIS,
            "-45040 listed by Recognize Face, Register face, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-45030",
            FACE_IMAGE_APIS,
            "-45030 listed by Recognize Face, Register face, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-45020",
            FACE_IMAGE_APIS,
            "-45020 listed by Recognize Face, Register face, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by("-41005", &FACE_APIS, "-41005 listed by all 12 APIs"),
        listed_by(
            "-40050",
            &["Delete Face", "Search face by face ID", "Face Verification"],
            "-40050 listed by Delete Face, Search face by face ID, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-40040",
            &["Group List", "List of Faces within Group"],
            "-40040 listed by Group List, List of Faces within Group, same message and description: one row.",
        ),
        listed_by(
            "-40030",
            FACE_40030_APIS,
            "-40030 listed by Group Details, Delete Group, Register face, Delete Face, List of Faces within Group, Search face by face ID, Search face by image, Compare Faces, Face Verification, same message and description: one row.",
        ),
        listed_by(
            "-40020",
            &["Create Groups"],
            "-40020 listed by Create Groups only.",
        ),
        listed_by(
            "-40010",
            &["Create Groups"],
            "-40010 listed by Create Groups only.",
        ),
        listed_by("-40000", &FACE_APIS, "-40000 listed by all 12 APIs"),
        listed_by(
            "40070",
            &["Register face"],
            "40070 listed by Register face only.",
        ),
    ],
    ..NONE
};

// ---------------------------------------------------------------------
// The services

struct Catalog {
    name: &'static str,
    read: fn(&Source) -> Vec<SourceRow>,
    exceptions: Exceptions,
}

const fn catalog(
    name: &'static str,
    read: fn(&Source) -> Vec<SourceRow>,
    exceptions: Exceptions,
) -> Catalog {
    Catalog {
        name,
        read,
        exceptions,
    }
}

const CATALOGS: [Catalog; 15] = [
    catalog("api-gateway", read_api_gateway, API_GATEWAY),
    catalog("cdn", read_cdn, NONE),
    catalog("certificate-manager", read_certificate_manager, NONE),
    catalog("compute", read_compute, COMPUTE),
    catalog("deploy", read_deploy, NONE),
    catalog("document-recognizer", read_document_recognizer, NONE),
    catalog("email", read_result_code_table, NONE),
    catalog("face-recognition", read_face_recognition, FACE_RECOGNITION),
    catalog("gamebase", read_gamebase, NONE),
    catalog("kakaotalk-bizmessage", read_kakaotalk, NONE),
    catalog("leaderboard", read_leaderboard, NONE),
    catalog("notification-hub", read_notification_hub, NONE),
    catalog("push", read_result_code_table, NONE),
    catalog("role", read_role, NONE),
    catalog("sms", read_sms, SMS),
];

/// One reader per TSV, and a TSV per reader.
#[test]
fn every_catalog_has_its_reader() {
    let mut files: Vec<String> = std::fs::read_dir(catalogs_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "tsv"))
        .map(|path| path.file_stem().unwrap().to_str().unwrap().to_owned())
        .collect();
    files.sort();
    let names: Vec<&str> = CATALOGS.iter().map(|catalog| catalog.name).collect();
    assert_eq!(files, names);
}

/// Reads a TSV and its source, applies the TSV's exceptions, and compares.
fn check(name: &str) {
    let catalog = CATALOGS
        .iter()
        .find(|catalog| catalog.name == name)
        .unwrap_or_else(|| panic!("no catalog {name}"));
    let tsv = read_tsv(name);
    let source = Source::read(&tsv.source);
    let mut rows = (catalog.read)(&source);
    assert!(!rows.is_empty(), "{}: no rows read", source.shown);
    let mut problems = Vec::new();
    apply(&catalog.exceptions, &tsv, &mut rows, &mut problems);
    compare(&tsv, &rows, catalog.exceptions.split, &mut problems);
    assert!(
        problems.is_empty(),
        "{name}.tsv against {}: {} problems\n{}",
        source.shown,
        problems.len(),
        problems.join("\n")
    );
}

/// Applies the exceptions to the source's rows. Each must rest on a
/// `# decision:` of the TSV and still apply: one that finds nothing to
/// apply to is a problem too.
fn apply(
    exceptions: &Exceptions,
    tsv: &Tsv,
    rows: &mut Vec<SourceRow>,
    problems: &mut Vec<String>,
) {
    let decisions: BTreeSet<&str> = exceptions
        .left_out
        .iter()
        .map(|left_out| left_out.decision)
        .chain(exceptions.other_message.iter().map(|other| other.decision))
        .chain(exceptions.listed_by.iter().map(|listed| listed.decision))
        .chain(exceptions.split.iter().map(|split| split.decision))
        .collect();
    for decision in decisions {
        if !tsv.decisions.iter().any(|text| text.contains(decision)) {
            problems.push(format!(
                "exception on no `# decision:` of {}.tsv: {decision:?}",
                tsv.name
            ));
        }
    }
    for left_out in exceptions.left_out {
        let found: Vec<usize> = (0..rows.len())
            .filter(|&index| {
                let row = &rows[index];
                row.origin == left_out.origin
                    && row.code == code(left_out.code)
                    && row.message == left_out.message
            })
            .collect();
        match found[..] {
            [index] => {
                rows.remove(index);
            }
            _ => problems.push(format!(
                "left out: {} {} {:?} is in {} source rows, not one",
                left_out.origin,
                left_out.code,
                left_out.message,
                found.len()
            )),
        }
    }
    for other in exceptions.other_message {
        let mut found = rows
            .iter_mut()
            .filter(|row| row.code == code(other.code) && row.message == other.source)
            .collect::<Vec<_>>();
        match &mut found[..] {
            [row] => row.message = other.message.to_owned(),
            _ => problems.push(format!(
                "other message: {} {:?} is in {} source rows, not one",
                other.code,
                other.source,
                found.len()
            )),
        }
    }
    for listed in exceptions.listed_by {
        let code = code(listed.code);
        let found: Vec<usize> = (0..rows.len())
            .filter(|&index| rows[index].code == code)
            .collect();
        let origins: Vec<&str> = found
            .iter()
            .map(|&index| rows[index].origin.as_str())
            .collect();
        if origins != listed.origins {
            problems.push(format!(
                "{code} is listed by {origins:?}, not {:?}",
                listed.origins
            ));
            continue;
        }
        let first = &rows[found[0]];
        if let Some(&other) = found.iter().find(|&&index| {
            (&rows[index].message, &rows[index].description) != (&first.message, &first.description)
        }) {
            problems.push(format!(
                "{code}: {} and {} differ in text",
                first.at, rows[other].at
            ));
            continue;
        }
        for &index in found[1..].iter().rev() {
            rows.remove(index);
        }
    }
    for split in exceptions.split {
        let found = rows
            .iter()
            .filter(|row| row.code == code(split.code))
            .count();
        if found != 1 {
            problems.push(format!(
                "split: {} is {found} source rows, not one",
                split.code
            ));
        }
    }
    // What is left is one row per TSV row: a row repeated with the same
    // text, which no decision makes one, is a problem of its own.
    for (index, row) in rows.iter().enumerate() {
        if let Some(again) = rows[index + 1..].iter().find(|other| same_row(other, row)) {
            problems.push(format!(
                "{} and {}: the same row twice, and no decision makes them one",
                row.at, again.at
            ));
        }
    }
}

fn same_row(a: &SourceRow, b: &SourceRow) -> bool {
    (&a.code, &a.message, &a.description) == (&b.code, &b.message, &b.description)
}

fn matches(tsv: &TsvRow, row: &SourceRow) -> bool {
    (&tsv.code, &tsv.message, &tsv.description) == (&row.code, &row.message, &row.description)
}

/// Both directions: each source row is one TSV row (or, split, the TSV rows
/// that cover it), and each TSV row is taken by one source row.
fn compare(tsv: &Tsv, rows: &[SourceRow], split: &[Split], problems: &mut Vec<String>) {
    let mut taken = vec![false; tsv.rows.len()];
    for row in rows {
        if let Some(split) = split.iter().find(|split| code(split.code) == row.code) {
            check_split(tsv, row, split, &mut taken, problems);
            continue;
        }
        match (0..tsv.rows.len()).find(|&index| !taken[index] && matches(&tsv.rows[index], row)) {
            Some(index) => taken[index] = true,
            None => {
                let near: Vec<String> = tsv
                    .rows
                    .iter()
                    .filter(|other| other.code == row.code)
                    .map(|other| {
                        format!(
                            "\n      {} has {:?} / {:?}",
                            other.at, other.message, other.description
                        )
                    })
                    .collect();
                problems.push(format!(
                    "{}: {} {:?} / {:?} ({}) is not in the TSV{}",
                    row.at,
                    row.code,
                    row.message,
                    row.description,
                    row.origin,
                    near.concat()
                ));
            }
        }
    }
    for (index, tsv_row) in tsv.rows.iter().enumerate() {
        if taken[index] {
            continue;
        }
        let near: Vec<String> = rows
            .iter()
            .filter(|row| row.code == tsv_row.code)
            .map(|row| {
                format!(
                    "\n      {} has {:?} / {:?}",
                    row.at, row.message, row.description
                )
            })
            .collect();
        problems.push(format!(
            "{}: {} {:?} / {:?} is in no source row{}",
            tsv_row.at,
            tsv_row.code,
            tsv_row.message,
            tsv_row.description,
            near.concat()
        ));
    }
}

/// A split source range: the TSV rows inside it have its text, are as many
/// as the decision says, and cover it from end to end without overlapping.
fn check_split(
    tsv: &Tsv,
    row: &SourceRow,
    split: &Split,
    taken: &mut [bool],
    problems: &mut Vec<String>,
) {
    let Code::Range(first, last) = row.code else {
        unreachable!("a split code is a range");
    };
    let mut inside: Vec<usize> = (0..tsv.rows.len())
        .filter(|&index| tsv.rows[index].code.is_within(&row.code))
        .collect();
    inside.sort_by_key(|&index| tsv.rows[index].code.clone());
    let mut next = i64::from(first);
    for &index in &inside {
        let piece = &tsv.rows[index];
        let Code::Range(piece_first, piece_last) = piece.code else {
            unreachable!("inside a range");
        };
        if i64::from(piece_first) != next {
            problems.push(format!(
                "{}: {} does not follow on in {}",
                piece.at, piece.code, row.code
            ));
        }
        next = i64::from(piece_last) + 1;
        if (&piece.message, &piece.description) != (&row.message, &row.description) {
            problems.push(format!(
                "{}: not the text of {} ({})",
                piece.at, row.code, row.at
            ));
        }
        taken[index] = true;
    }
    if next != i64::from(last) + 1 {
        problems.push(format!(
            "{}: {} is not covered to its end",
            row.at, row.code
        ));
    }
    if inside.len() != split.pieces {
        problems.push(format!(
            "{}: {} is {} rows in the TSV, not {}",
            row.at,
            row.code,
            inside.len(),
            split.pieces
        ));
    }
}

#[test]
fn api_gateway() {
    check("api-gateway");
}

#[test]
fn cdn() {
    check("cdn");
}

#[test]
fn certificate_manager() {
    check("certificate-manager");
}

#[test]
fn compute() {
    check("compute");
}

#[test]
fn deploy() {
    check("deploy");
}

#[test]
fn document_recognizer() {
    check("document-recognizer");
}

#[test]
fn email() {
    check("email");
}

#[test]
fn face_recognition() {
    check("face-recognition");
}

#[test]
fn gamebase() {
    check("gamebase");
}

#[test]
fn kakaotalk_bizmessage() {
    check("kakaotalk-bizmessage");
}

#[test]
fn leaderboard() {
    check("leaderboard");
}

#[test]
fn notification_hub() {
    check("notification-hub");
}

#[test]
fn push() {
    check("push");
}

#[test]
fn role() {
    check("role");
}

#[test]
fn sms() {
    check("sms");
}

/// Gamebase's short ranges, read as the decision says.
#[test]
fn gamebase_short_ranges() {
    assert_eq!(
        gamebase_code("-4090001 ~ 4"),
        Some(Code::Range(-4090004, -4090001))
    );
    assert_eq!(
        gamebase_code("-5000001 ~ 15"),
        Some(Code::Range(-5000015, -5000001))
    );
    assert_eq!(
        gamebase_code("-100007 ~ 8"),
        Some(Code::Range(-100008, -100007))
    );
    assert_eq!(gamebase_code(" -4000002"), Some(Code::one(-4000002)));
}
