//! Rules the code keeps, checked over `src/` so that they cannot slip back unnoticed: no
//! `unsafe` in the library and one justified block in the binary, no function longer than 60 lines (longer ones
//! are split into named steps), no two modules that import each other, directly or
//! round a longer cycle, and no enum read by serde's derive alone. Reads the
//! rustfmt-formatted sources.

use crate::common::repo_root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const MAX_FUNCTION_LINES: usize = 60;

fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(repo_root().join("src")) {
        let entry = entry.expect("src/ is readable");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).expect("a source file is UTF-8");
            files.push((entry.into_path(), text));
        }
    }
    assert!(files.len() > 20, "src/ was not found: {files:?}");
    files
}

/// Code lines, without comments: the word `unsafe` in a comment or a name is fine.
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// The library forbids `unsafe` (`#![forbid(unsafe_code)]`, which the compiler holds). The
/// binary has the one call that cannot be made without it, setting mimalloc's options,
/// for which its binding has no safe function: every `unsafe` there stands under a
/// `// SAFETY:` comment saying why it is sound.
#[test]
fn unsafe_only_in_main_and_each_under_a_safety_comment() {
    let mut main_blocks = 0;
    for (path, text) in sources() {
        let lib = path.ends_with("src/lib.rs");
        if lib {
            assert!(text.contains("#![forbid(unsafe_code)]"), "src/lib.rs must forbid unsafe code");
        }
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let has_unsafe = code(line).split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "unsafe");
            if !has_unsafe || lib {
                continue;
            }
            let comment_above = lines[..n].iter().rev().take_while(|l| l.trim_start().starts_with("//"));
            let justified = comment_above.into_iter().any(|l| l.contains("SAFETY:"));
            assert!(path.ends_with("src/main.rs"), "unsafe outside src/main.rs: {}:{}: {line}", path.display(), n + 1);
            assert!(justified, "unsafe without a SAFETY comment above it: {}:{}: {line}", path.display(), n + 1);
            main_blocks += 1;
        }
    }
    assert!(main_blocks <= 1, "src/main.rs has {main_blocks} unsafe blocks: keep them to the allocator's one");
}

#[test]
fn no_function_over_sixty_lines() {
    let mut long = Vec::new();
    for (path, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        for (start, line) in lines.iter().enumerate() {
            let trimmed = code(line).trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(super) fn ", "pub(crate) fn ", "async fn ", "pub async fn "]
                .iter()
                .any(|p| trimmed.starts_with(p));
            if !is_fn || trimmed.trim_end().ends_with(';') {
                continue;
            }
            // rustfmt closes a function on a line of its own at the indentation it opened with.
            let indent = &line[..line.len() - line.trim_start().len()];
            let close = format!("{indent}}}");
            if let Some(len) = lines[start..].iter().position(|l| *l == close) {
                if len + 1 > MAX_FUNCTION_LINES {
                    long.push(format!("{}:{}: {} lines", path.display(), start + 1, len + 1));
                }
            }
        }
    }
    assert!(long.is_empty(), "functions over {MAX_FUNCTION_LINES} lines:\n{}", long.join("\n"));
}

/// serde's derive reads an enum with `deserialize_enum`, which each reader refuses in its
/// own words ("expected a YAML tag starting with '!'", "wanted string or table"), naming
/// none of the words an author may write: an enum read from what authors write is either
/// untagged, with an `expecting` of its own, or an enum of words read by
/// `mismatch::words_enum!`, which needs its derives kept as `remote = "Self"`.
#[test]
fn every_enum_serde_reads_names_what_it_takes() {
    let mut bare = Vec::new();
    for (path, text) in sources() {
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            if !(line.trim_start().starts_with("#[derive(") && line.contains("Deserialize")) {
                continue;
            }
            let attributes: Vec<&str> =
                lines[n..].iter().take_while(|l| !l.contains("enum ") && !l.contains("struct ")).copied().collect();
            let item = lines.get(n + attributes.len()).copied().unwrap_or("");
            let said = attributes.iter().any(|a| a.contains("untagged") || a.contains("remote = \"Self\""));
            if item.contains("enum ") && !said {
                bare.push(format!("{}:{}: {}", path.display(), n + attributes.len() + 1, item.trim()));
            }
        }
    }
    assert!(bare.is_empty(), "enums read by serde's derive alone (see mismatch::words_enum!):\n{}", bare.join("\n"));
}

/// The module a source file belongs to at the top of the crate (`src/site/seo.rs` → `site`).
fn top_module(path: &std::path::Path) -> Option<String> {
    let rel = path.strip_prefix(repo_root().join("src")).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
    (first != "lib" && first != "main").then_some(first)
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources() {
        let Some(module) = top_module(&path) else { continue };
        let deps = uses.entry(module.clone()).or_default();
        for line in text.lines().map(code) {
            for (at, _) in line.match_indices("crate::") {
                let name: String =
                    line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name != module {
                    deps.insert(name);
                }
            }
        }
    }
    assert!(uses.get("site").is_some_and(|d| d.contains("content")), "the scan sees imports: {uses:?}");
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(m: &str, uses: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>) {
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!("import cycle: {} -> {m}", path[at..].join(" -> "));
        }
        if !done.insert(m.to_string()) {
            return;
        }
        path.push(m.to_string());
        for dep in uses.get(m).into_iter().flatten() {
            visit(dep, uses, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in uses.keys() {
        visit(m, &uses, &mut Vec::new(), &mut done);
    }
}
