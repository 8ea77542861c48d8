//! The library's modules import one way: no cycle among them, and the
//! grammar, the ground floor, imports nothing above it. Read from the
//! sources' own `crate::` and `super::` paths (root re-exports resolved
//! through `lib.rs`), so that a new import running back up fails here, not
//! in a reviewer's head.
//!
//! A module's own submodules are its parts: a child naming its parent
//! (`super::Machine`) is not an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Module = Vec<String>;

#[test]
fn no_import_cycle() {
    let graph = Graph::of_library();
    assert!(graph.modules.len() > 20, "found only {:?}", graph.modules);
    if let Some(cycle) = graph.cycle() {
        panic!(
            "import cycle: {}",
            cycle.iter().map(name).collect::<Vec<_>>().join(" -> ")
        );
    }
}

#[test]
fn the_grammar_imports_nothing_above_it() {
    let graph = Graph::of_library();
    let grammar = vec!["grammar".to_string()];
    let mut seen = 0;
    for (from, targets) in &graph.edges {
        if !from.starts_with(&grammar) {
            continue;
        }
        seen += 1;
        for to in targets {
            assert!(
                to.starts_with(&grammar),
                "{} imports {}",
                name(from),
                name(to)
            );
        }
    }
    assert!(seen >= 5, "the grammar's modules were not read");
}

/// The checks see what they should: a made-up cycle is found, and the
/// use-tree reader resolves nested groups and root re-exports.
#[test]
fn the_reader_sees_groups_re_exports_and_cycles() {
    let exports = BTreeMap::from([("Options".to_string(), module("options"))]);
    let paths = imported_paths(
        "use crate::{engine::{byte_wise, Sink}, grammar::key::header_first, Options};\n\
         // use crate::parse;  (a comment: not read)\n\
         fn f() { let _ = super::x::y(); }",
    );
    let mut resolved: Vec<_> = paths
        .iter()
        .filter_map(|(base, path)| {
            let modules = BTreeSet::from([
                module("engine"),
                module("grammar"),
                module("grammar::key"),
                module("options"),
                module("a::x"),
            ]);
            resolve(&module("a::b"), *base, path, &modules, &exports)
        })
        .map(|m| name(&m))
        .collect();
    resolved.sort();
    resolved.dedup();
    assert_eq!(resolved, ["a::x", "engine", "grammar::key", "options"]);

    let mut graph = Graph::default();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.modules.insert(module(from));
        graph.modules.insert(module(to));
        graph
            .edges
            .entry(module(from))
            .or_default()
            .insert(module(to));
    }
    assert_eq!(graph.cycle().map(|c| c.len()), Some(4));
    graph
        .edges
        .get_mut(&module("c"))
        .unwrap()
        .remove(&module("a"));
    assert_eq!(graph.cycle(), None);
}

#[derive(Default)]
struct Graph {
    modules: BTreeSet<Module>,
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

impl Graph {
    fn of_library() -> Graph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        let mut graph = Graph::default();
        for (module, _) in &files {
            graph.modules.insert(module.clone());
        }
        let lib = fs::read_to_string(root.join("lib.rs")).unwrap();
        let exports = root_exports(&lib);
        for (from, text) in &files {
            for (base, path) in imported_paths(&without_tests(text)) {
                if let Some(to) = resolve(from, base, &path, &graph.modules, &exports)
                    && !from.starts_with(&to)
                    && !to.is_empty()
                {
                    graph.edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        graph
    }

    /// A cycle, its first module repeated at its end; `None` when the
    /// graph has none.
    fn cycle(&self) -> Option<Vec<Module>> {
        // 0: not seen, 1: on the current path, 2: done.
        let mut state: BTreeMap<&Module, u8> = BTreeMap::new();
        let mut path: Vec<&Module> = Vec::new();
        fn visit<'g>(
            graph: &'g Graph,
            at: &'g Module,
            state: &mut BTreeMap<&'g Module, u8>,
            path: &mut Vec<&'g Module>,
        ) -> Option<Vec<Module>> {
            state.insert(at, 1);
            path.push(at);
            for next in graph.edges.get(at).into_iter().flatten() {
                match state.get(next).copied().unwrap_or(0) {
                    1 => {
                        let from = path.iter().position(|m| *m == next).unwrap();
                        let mut cycle: Vec<Module> =
                            path[from..].iter().map(|m| (*m).clone()).collect();
                        cycle.push(next.clone());
                        return Some(cycle);
                    }
                    0 => {
                        if let Some(cycle) = visit(graph, next, state, path) {
                            return Some(cycle);
                        }
                    }
                    _ => {}
                }
            }
            path.pop();
            state.insert(at, 2);
            None
        }
        for module in &self.modules {
            if state.get(module).copied().unwrap_or(0) == 0
                && let Some(cycle) = visit(self, module, &mut state, &mut path)
            {
                return Some(cycle);
            }
        }
        None
    }
}

fn module(path: &str) -> Module {
    path.split("::").map(str::to_string).collect()
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// The library's files (not the tool's, under `src/bin`, nor unit-test
/// files), each with its module path.
fn collect(root: &Path, dir: &Path, files: &mut Vec<(Module, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                collect(root, &path, files);
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs")
            || path.file_stem().is_some_and(|s| s == "tests")
        {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap().with_extension("");
        let mut module: Module = relative
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        if module
            .last()
            .is_some_and(|last| last == "mod" || last == "lib")
        {
            module.pop();
        }
        files.push((module, fs::read_to_string(&path).unwrap()));
    }
}

/// The text before its `#[cfg(test)]` unit tests, comments removed.
fn without_tests(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..end].to_string()
}

/// `pub use module::{Name, ...};` in `lib.rs`: which module each root name
/// comes from.
fn root_exports(lib: &str) -> BTreeMap<String, Module> {
    let mut exports = BTreeMap::new();
    for (base, path) in imported_paths(&lib.replace("pub use ", "pub use crate::")) {
        if base == Base::Crate && path.len() >= 2 {
            exports.insert(
                path.last().unwrap().clone(),
                path[..path.len() - 1].to_vec(),
            );
        }
    }
    exports
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Base {
    Crate,
    Super,
}

/// Every path written after `crate::` or `super::`, use-tree groups
/// expanded, comments skipped.
fn imported_paths(text: &str) -> Vec<(Base, Vec<String>)> {
    let code: String = text
        .lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = code.as_bytes();
    let mut paths = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let preceded_by_ident =
            at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        let base = if rest.starts_with(b"crate::") {
            Some((Base::Crate, "crate::".len()))
        } else if rest.starts_with(b"super::") {
            Some((Base::Super, "super::".len()))
        } else {
            None
        };
        match base {
            Some((base, length)) if !preceded_by_ident => {
                let mut reader = TreeReader {
                    bytes,
                    at: at + length,
                };
                for path in reader.tree() {
                    paths.push((base, path));
                }
                at = reader.at.max(at + length);
            }
            _ => at += 1,
        }
    }
    paths
}

/// Reads a use tree: `a::b`, `a::{b, c::{d}}`, `self`, `*`.
struct TreeReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl TreeReader<'_> {
    fn skip_space(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_space();
        let start = self.at;
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'*')
        {
            self.at += 1;
        }
        (self.at > start).then(|| String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())
    }

    fn tree(&mut self) -> Vec<Vec<String>> {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&b'{') {
            self.at += 1;
            let mut paths = Vec::new();
            loop {
                self.skip_space();
                match self.bytes.get(self.at) {
                    Some(b'}') => {
                        self.at += 1;
                        return paths;
                    }
                    Some(b',') => self.at += 1,
                    None => return paths,
                    _ => {
                        let before = self.at;
                        paths.extend(self.tree());
                        if self.at == before {
                            self.at += 1;
                        }
                    }
                }
            }
        }
        let Some(first) = self.ident() else {
            return Vec::new();
        };
        if self.bytes[self.at..].starts_with(b"::") {
            self.at += 2;
            let mut paths = self.tree();
            if paths.is_empty() {
                paths.push(Vec::new());
            }
            for path in &mut paths {
                path.insert(0, first.clone());
            }
            return paths;
        }
        vec![vec![first]]
    }
}

/// The module a path names: its longest prefix that is a module, after a
/// root re-export is followed.
fn resolve(
    from: &Module,
    base: Base,
    path: &[String],
    modules: &BTreeSet<Module>,
    exports: &BTreeMap<String, Module>,
) -> Option<Module> {
    let mut full: Module = match base {
        Base::Crate => Vec::new(),
        Base::Super => from[..from.len().saturating_sub(1)].to_vec(),
    };
    full.extend(path.iter().filter(|s| *s != "self").cloned());
    if base == Base::Crate
        && let Some(first) = full.first()
        && !modules.contains(&vec![first.clone()])
        && let Some(module) = exports.get(first)
    {
        return Some(module.clone());
    }
    (0..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|m| modules.contains(m) || m.is_empty())
}
