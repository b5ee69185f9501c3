//! Rules the code keeps, checked over `src/` so that they cannot slip back unnoticed: no
//! `unsafe` block in careerpress's own code, and no function longer than 60 lines
//! (longer ones are split into named steps). Reads the rustfmt-formatted sources.

use crate::common::repo_root;
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

#[test]
fn no_unsafe_block_in_src() {
    for (path, text) in sources() {
        for (n, line) in text.lines().enumerate() {
            let has_unsafe = code(line).split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "unsafe");
            assert!(!has_unsafe, "{}:{}: {line}", path.display(), n + 1);
        }
    }
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
