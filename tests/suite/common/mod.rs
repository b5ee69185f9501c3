//! Helpers shared by the integration tests: fixture sites in temporary folders, running
//! the real `careerpress` binary, snapshots of output trees, and a small HTML scanner with
//! a generic link checker.

pub mod browser;
pub mod contrast;
pub mod server;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------

/// The repository root (where Cargo.toml is), never the current folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`; panics if it does not exist, so a typo fails loudly.
pub fn fixture_dir(name: &str) -> PathBuf {
    let dir = repo_root().join("tests").join("fixtures").join(name);
    assert!(dir.is_dir(), "no fixture folder {}", dir.display());
    dir
}

/// The repository's default theme, which fixtures use.
pub fn default_theme_dir() -> PathBuf {
    repo_root().join("themes").join("default")
}

/// The `careerpress` binary Cargo built for this test run.
pub fn careerpress_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_careerpress"))
}

// ---------------------------------------------------------------------------------------
// Fixture sites in temporary folders
// ---------------------------------------------------------------------------------------

/// Copies a folder recursively (files and folders; symlinks are copied as what they point to).
pub fn copy_dir_all(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let src = entry.path();
        let dest = to.join(entry.file_name());
        if src.is_dir() {
            copy_dir_all(&src, &dest);
        } else {
            fs::copy(&src, &dest)
                .unwrap_or_else(|e| panic!("cannot copy {} to {}: {e}", src.display(), dest.display()));
        }
    }
}

/// Copies `tests/fixtures/<fixture>` to `dest` and the repository's default theme to
/// `dest/themes/default`, so that `dest` is a complete site root. Returns `dest`.
pub fn install_fixture(fixture: &str, dest: &Path) -> PathBuf {
    copy_dir_all(&fixture_dir(fixture), dest);
    copy_dir_all(&default_theme_dir(), &dest.join("themes").join("default"));
    dest.to_path_buf()
}

/// A fresh temporary folder holding one or more fixture sites and their output folders.
///
/// Layout: `<tmp>/site/` is the site root (fixture + `themes/default`), `<tmp>/out/` is
/// the output folder. Keeping the output outside the root, and the root one level below
/// the temporary folder, means that "the root's parent" is a private folder the tests can
/// inspect, never the system's temporary folder.
pub struct TestSite {
    pub tmp: tempfile::TempDir,
    /// The site root: `<tmp>/site`.
    pub root: PathBuf,
    /// The default output folder for [`TestSite::build`]: `<tmp>/out`.
    pub out: PathBuf,
}

impl TestSite {
    /// Copies `tests/fixtures/<fixture>` and the default theme into a new temporary folder.
    pub fn new(fixture: &str) -> TestSite {
        let tmp = tempfile::tempdir().expect("cannot create a temporary folder");
        let root = install_fixture(fixture, &tmp.path().join("site"));
        let out = tmp.path().join("out");
        TestSite { tmp, root, out }
    }

    /// The temporary folder holding everything (the root's parent).
    pub fn dir(&self) -> &Path {
        self.tmp.path()
    }

    /// Installs another fixture as a second site root `<tmp>/<name>`, for example a broken
    /// site that is then built into the same output folder as a good one.
    pub fn add_site(&self, fixture: &str, name: &str) -> PathBuf {
        install_fixture(fixture, &self.tmp.path().join(name))
    }

    /// A path inside the site root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a file inside the site root (creating folders), e.g. to edit an article.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        write_file(&self.root.join(rel), contents);
    }

    /// Runs `careerpress build --root <root> --output <out>` plus `extra` arguments.
    pub fn build(&self, extra: &[&str]) -> RunResult {
        self.build_into(&self.out, extra)
    }

    /// Runs `careerpress build --root <root> --output <out>` plus `extra` arguments.
    pub fn build_into(&self, out: &Path, extra: &[&str]) -> RunResult {
        build_site(&self.root, out, extra, self.dir())
    }

    /// [`TestSite::build`] with the build date fixed by `SOURCE_DATE_EPOCH` (seconds).
    pub fn build_dated(&self, epoch: &str, extra: &[&str]) -> RunResult {
        let mut args: Vec<std::ffi::OsString> =
            vec!["build".into(), "--root".into(), self.root.clone().into(), "--output".into(), self.out.clone().into()];
        args.extend(extra.iter().map(Into::into));
        run_careerpress_with(args, self.dir(), &[("SOURCE_DATE_EPOCH", epoch)])
    }

    /// Builds `tests/fixtures/<fixture>` expecting a clean failure (exit 1, no panic) that
    /// writes no output folder; returns the run for its messages.
    pub fn failing(fixture: &str) -> RunResult {
        let site = TestSite::new(fixture);
        let r = site.build(&[]);
        r.assert_clean_failure();
        assert!(!site.out.exists(), "a failed build wrote {}", site.out.display());
        r
    }

    /// [`TestSite::build`], panicking with the captured output unless it succeeds.
    pub fn build_ok(&self, extra: &[&str]) -> RunResult {
        let r = self.build(extra);
        r.assert_success();
        r
    }
}

/// Writes `contents` to `path`, creating its folders.
pub fn write_file(path: &Path, contents: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

// ---------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------

/// What one run of the binary produced.
#[derive(Debug, Clone)]
pub struct RunResult {
    /// The exit code; `None` when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// The arguments, for failure messages.
    pub args: Vec<String>,
}

impl fmt::Display for RunResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "careerpress {}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl RunResult {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// Panics with the whole run unless the exit code is 0.
    pub fn assert_success(&self) {
        assert!(self.success(), "expected success:\n{self}");
        assert_no_panic(self);
    }

    /// Panics unless the run failed cleanly: exit code 1 and no Rust panic message.
    pub fn assert_clean_failure(&self) {
        assert_eq!(self.code, Some(1), "expected exit code 1:\n{self}");
        assert_no_panic(self);
    }

    /// The number in "N written" of the build summary line; fails the test when the line
    /// is missing or changed shape, so a check built on it can never pass by not running.
    pub fn written_count(&self) -> usize {
        self.summary_count("written")
    }

    /// The number in "N reused" (pages taken from the last build unrendered), as above.
    pub fn reused_count(&self) -> usize {
        self.summary_count("reused")
    }

    fn summary_count(&self, word: &str) -> usize {
        let label = format!(" {word}");
        let idx = self.stdout.find(&label).unwrap_or_else(|| panic!("no \"N {word}\" in the summary:\n{self}"));
        let digits: String = self.stdout[..idx]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse().unwrap_or_else(|_| panic!("no number before \"{label}\" in the summary:\n{self}"))
    }
}

fn assert_no_panic(r: &RunResult) {
    assert!(!r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"), "the binary panicked:\n{r}");
}

/// Runs the binary with `args` in `cwd` and captures everything.
pub fn run_careerpress<I, S>(args: I, cwd: &Path) -> RunResult
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_careerpress_with(args, cwd, &[])
}

/// [`run_careerpress`] with extra environment variables.
pub fn run_careerpress_with<I, S>(args: I, cwd: &Path, env: &[(&str, &str)]) -> RunResult
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let output = Command::new(careerpress_bin())
        .args(&args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .output()
        .expect("cannot run careerpress");
    RunResult {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        args: args.iter().map(|a| a.to_string_lossy().into_owned()).collect(),
    }
}

/// [`run_careerpress`] for runs that might hang (a named pipe read, a symlink loop walked):
/// a run still going after `limit` is killed and the test fails, saying so.
pub fn run_careerpress_within<I, S>(args: I, cwd: &Path, limit: std::time::Duration) -> RunResult
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_careerpress_with_env_within(args, cwd, &[], limit)
}

/// [`run_careerpress_within`] with extra environment variables.
pub fn run_careerpress_with_env_within<I, S>(
    args: I,
    cwd: &Path,
    env: &[(&str, &str)],
    limit: std::time::Duration,
) -> RunResult
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    use std::io::Read;
    use std::process::Stdio;
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let mut child = Command::new(careerpress_bin())
        .args(&args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run careerpress");
    let read_all = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("cannot wait for careerpress") {
            break status;
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("careerpress {:?} still ran after {limit:?}: it hangs", args);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    RunResult {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        args: args.iter().map(|a| a.to_string_lossy().into_owned()).collect(),
    }
}

/// Runs `careerpress build --root <root> --output <out> <extra...>` in `cwd`.
pub fn build_site(root: &Path, out: &Path, extra: &[&str], cwd: &Path) -> RunResult {
    let mut args: Vec<std::ffi::OsString> =
        vec!["build".into(), "--root".into(), root.into(), "--output".into(), out.into()];
    args.extend(extra.iter().map(Into::into));
    run_careerpress(args, cwd)
}

/// Asserts that stderr names `rel_path` (as shown relative to the site root) followed by
/// `:line:` when `line` is given, or by `:` otherwise, at the start of one of its lines
/// (after an optional `error: ` prefix and indentation), and returns that line.
pub fn assert_error_location(run: &RunResult, rel_path: &str, line: Option<usize>) -> String {
    let wanted = match line {
        Some(l) => format!("{rel_path}:{l}:"),
        None => format!("{rel_path}:"),
    };
    run.stderr
        .lines()
        .map(|l| l.trim_start())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .find(|l| l.starts_with(&wanted))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("stderr has no line starting with {wanted:?}:\n{run}"))
}

// ---------------------------------------------------------------------------------------
// Output trees
// ---------------------------------------------------------------------------------------

/// One entry of a folder snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(Vec<u8>),
    Symlink(PathBuf),
    /// A named pipe, socket or device: recorded, never opened (opening a pipe waits).
    Special,
}

/// Every path under `dir` (relative, `/`-separated) with its contents; symlinks are
/// recorded, not followed. An absent folder gives an empty snapshot.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Entry> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Entry>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = rel_slash(&path, base);
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                out.insert(rel, Entry::Symlink(fs::read_link(&path).unwrap()));
            } else if meta.is_dir() {
                out.insert(rel, Entry::Dir);
                walk(base, &path, out);
            } else if meta.is_file() {
                out.insert(rel, Entry::File(fs::read(&path).unwrap()));
            } else {
                out.insert(rel, Entry::Special);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Paths that differ between two snapshots: added, removed or changed.
pub fn changed_paths(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>) -> BTreeSet<String> {
    before.keys().chain(after.keys()).filter(|k| before.get(*k) != after.get(*k)).cloned().collect()
}

/// Panics with the differing paths unless two snapshots are equal.
pub fn assert_same_tree(before: &BTreeMap<String, Entry>, after: &BTreeMap<String, Entry>, what: &str) {
    let changed = changed_paths(before, after);
    assert!(changed.is_empty(), "{what}: these paths changed: {changed:#?}");
}

/// The files (not folders) under `dir`, relative and `/`-separated.
pub fn list_files(dir: &Path) -> BTreeSet<String> {
    snapshot(dir).into_iter().filter(|(_, e)| matches!(e, Entry::File(_))).map(|(p, _)| p).collect()
}

/// The HTML files under `dir`, relative and `/`-separated.
pub fn list_html_files(dir: &Path) -> BTreeSet<String> {
    list_files(dir).into_iter().filter(|p| p.ends_with(".html")).collect()
}

/// Reads a file of the output as text, with a clear message when it is missing.
pub fn read_output(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn rel_slash(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

// ---------------------------------------------------------------------------------------
// A small HTML scanner
// ---------------------------------------------------------------------------------------

/// A start tag with its attributes, values already entity-decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlTag {
    /// Lower case.
    pub name: String,
    /// Names in lower case, in document order.
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<` in the document.
    pub offset: usize,
}

impl HtmlTag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether a space-separated attribute (`class`, `rel`) contains `token`.
    pub fn has_token(&self, attr: &str, token: &str) -> bool {
        self.attr(attr).is_some_and(|v| v.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
    }
}

/// Every start tag of `html`, in order. Skips comments, `<!DOCTYPE>`, end tags and the
/// contents of `<script>`/`<style>`. Good enough for generated pages, not a full parser.
pub fn parse_tags(html: &str) -> Vec<HtmlTag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(html.len(), |e| start + e + 1);
            continue;
        }
        let mut j = start + 1;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j == start + 1 {
            // A lone `<` in text.
            i = start + 1;
            continue;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let name_start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let attr_name = html[name_start..j].to_ascii_lowercase();
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < bytes.len() && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let quote = bytes[j] as char;
                    let v_start = j + 1;
                    let v_end = html[v_start..].find(quote).map_or(html.len(), |e| v_start + e);
                    value = decode_entities(&html[v_start..v_end]);
                    j = (v_end + 1).min(html.len());
                } else {
                    let v_start = j;
                    while j < bytes.len() && !bytes[j].is_ascii_whitespace() && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[v_start..j]);
                }
            }
            if !attr_name.is_empty() {
                attrs.push((attr_name, value));
            }
        }
        i = j.min(html.len());
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..].to_ascii_lowercase().find(&close).map_or(html.len(), |e| i + e);
        }
        tags.push(HtmlTag { name, attrs, offset: start });
    }
    tags
}

/// The levels of the headings (`h1`…`h6`) of `html`, in document order.
pub fn heading_levels(html: &str) -> Vec<u8> {
    parse_tags(html)
        .iter()
        .filter_map(|t| match t.name.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
            _ => None,
        })
        .collect()
}

/// Decodes the character references found in attribute values: numeric ones and the
/// common named ones. Unknown names are left as they are.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[1..].find(';').map(|k| k + 1).filter(|&k| k <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = if let Some(hex) = entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = entity.strip_prefix('#') {
            dec.parse().ok().and_then(char::from_u32)
        } else {
            match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `content` of every `<meta>` whose `property` (OpenGraph) or `name` (description,
/// Twitter cards) is `key`, decoded, in document order.
pub fn meta_contents(html: &str, key: &str) -> Vec<String> {
    parse_tags(html)
        .into_iter()
        .filter(|t| t.name == "meta" && (t.attr("property") == Some(key) || t.attr("name") == Some(key)))
        .filter_map(|t| t.attr("content").map(str::to_string))
        .collect()
}

/// The single `content` of the `<meta>` named `key`; panics when there is none or more.
pub fn meta_content(html: &str, key: &str) -> String {
    let mut all = meta_contents(html, key);
    assert_eq!(all.len(), 1, "expected one <meta> {key}, found {all:?}");
    all.remove(0)
}

/// The contents of every `<script type="application/ld+json">` element.
pub fn json_ld_blocks(html: &str) -> Vec<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            let end = rest.find("</script>").expect("unclosed JSON-LD script");
            serde_json::from_str(&rest[..end]).unwrap_or_else(|e| panic!("invalid JSON-LD: {e}\n{}", &rest[..end]))
        })
        .collect()
}

/// Every `href` and `src` value of `html`, decoded, in document order.
pub fn extract_links(html: &str) -> Vec<String> {
    parse_tags(html)
        .into_iter()
        .flat_map(|t| t.attrs.into_iter().filter(|(n, _)| n == "href" || n == "src").map(|(_, v)| v))
        .collect()
}

/// Every value of attribute `attr` on any tag of `html`, decoded, in document order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    parse_tags(html).into_iter().filter_map(|t| t.attr(attr).map(str::to_string)).collect()
}

/// The `id`s of `html`, for checking `#fragment` targets.
pub fn element_ids(html: &str) -> BTreeSet<String> {
    attr_values(html, "id").into_iter().collect()
}

/// The `href`s of tags (`<a>`, `<link>`) whose `rel` contains `rel`, e.g. "prev" or "next".
pub fn rel_links(html: &str, rel: &str) -> Vec<String> {
    parse_tags(html)
        .into_iter()
        .filter(|t| t.has_token("rel", rel))
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect()
}

/// The single `rel="prev"` and `rel="next"` targets of a page; panics if either appears
/// more than once, since a page has at most one of each.
pub fn prev_next(html: &str) -> (Option<String>, Option<String>) {
    let one = |rel: &str| {
        let links = rel_links(html, rel);
        assert!(links.len() <= 1, "more than one rel={rel} link: {links:?}");
        links.into_iter().next()
    };
    (one("prev"), one("next"))
}

/// The articles a list page shows, in order: the first link after each element of class
/// `card-title` (the default theme's `partials/summary.html` card).
pub fn listed_links(html: &str) -> Vec<String> {
    let tags = parse_tags(html);
    let mut links = Vec::new();
    let mut want = false;
    for t in &tags {
        if t.has_token("class", "card-title") {
            want = true;
        } else if want && t.name == "a" {
            if let Some(h) = t.attr("href") {
                links.push(h.to_string());
            }
            want = false;
        }
    }
    links
}

/// The `datetime` of the first `<time>` element, e.g. an article's date.
pub fn first_datetime(html: &str) -> Option<String> {
    parse_tags(html).into_iter().find(|t| t.name == "time").and_then(|t| t.attr("datetime").map(str::to_string))
}

// ---------------------------------------------------------------------------------------
// URLs and the link checker
// ---------------------------------------------------------------------------------------

/// `(scheme, host)` of an absolute URL, lower case; `None` for other forms.
fn origin(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    Some((scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

/// Whether `url` starts with a URL scheme such as `https:` or `mailto:`.
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) if i > 0 => {
            let s = &url[..i];
            s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        _ => false,
    }
}

/// Decodes `%XX` escapes (as UTF-8); invalid escapes are kept.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let b = u8::from_str_radix(&s[i + 1..i + 3], 16).expect("two hex digits");
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How a link found in the output relates to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    /// `#id` on the same page.
    Fragment(String),
    /// Another site, or a non-http scheme such as `mailto:`: not checked.
    External,
    /// Inside the site: the output file it maps to, relative to the output folder, and
    /// its fragment if any.
    Internal { file: String, fragment: Option<String> },
    /// A link to this site that does not start with base_url (root-relative with an
    /// absolute base, relative, or outside the base path), with the reason.
    Unprefixed(String),
}

/// Classifies `url` as found in a page of a site whose base URL is `base_url` (absolute,
/// like `https://a.io/careers/`, or root-relative, like `/careers/`; with or without a
/// trailing slash). An internal URL maps to a file: a path ending in `/` (or empty)
/// means its `index.html`; query and fragment are dropped; `%XX` escapes are decoded.
pub fn classify_url(url: &str, base_url: &str) -> LinkKind {
    let base = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
    if let Some(frag) = url.strip_prefix('#') {
        return LinkKind::Fragment(frag.to_string());
    }
    let base_origin = origin(&base);
    // Make protocol-relative URLs absolute with the base's scheme.
    let url_abs = match (url.strip_prefix("//"), &base_origin) {
        (Some(rest), Some((scheme, _))) => format!("{scheme}://{rest}"),
        (Some(rest), None) => format!("https://{rest}"),
        (None, _) => url.to_string(),
    };
    let url = url_abs.as_str();
    if has_scheme(url) {
        let Some(url_origin) = origin(url) else {
            return LinkKind::External; // mailto:, tel:, data:, javascript:...
        };
        if !matches!(url_origin.0.as_str(), "http" | "https") {
            return LinkKind::External;
        }
        match &base_origin {
            Some(b) if b.1 == url_origin.1 => {}
            // Another host (or a root-relative base, where any absolute URL is foreign).
            _ => return LinkKind::External,
        }
    } else if !url.starts_with('/') {
        return LinkKind::Unprefixed(format!("relative URL, not starting with {base}"));
    } else if base_origin.is_some() {
        return LinkKind::Unprefixed(format!("root-relative URL, not starting with {base}"));
    }
    let Some(rest) = url.strip_prefix(base.as_str()) else {
        // Same host (or root-relative with a root-relative base) but outside base_url.
        // `https://a.io/careers` without the slash also lands here, on purpose.
        return LinkKind::Unprefixed(format!("does not start with {base}"));
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string())),
        None => (rest, None),
    };
    let rest = rest.split('?').next().unwrap_or("");
    let mut file = percent_decode(rest);
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    LinkKind::Internal { file, fragment }
}

/// Maps a URL of the site to the output file that serves it (`posts/` → `posts/index.html`),
/// or `None` when the URL is not an internal, base_url-prefixed one.
pub fn url_to_output_file(url: &str, base_url: &str, out: &Path) -> Option<PathBuf> {
    match classify_url(url, base_url) {
        LinkKind::Internal { file, .. } => Some(out.join(file)),
        _ => None,
    }
}

/// Reads the page a URL of the site points at, panicking if it is not an existing file.
pub fn read_page_at(url: &str, base_url: &str, out: &Path) -> String {
    let file = url_to_output_file(url, base_url, out)
        .unwrap_or_else(|| panic!("{url} is not an internal URL of base {base_url}"));
    fs::read_to_string(&file).unwrap_or_else(|e| panic!("{url} → {}: {e}", file.display()))
}

/// The outcome of [`check_links`].
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Internal links (and fragments) checked.
    pub checked: usize,
    /// Of those, links to a file (not same-page fragments).
    pub internal: usize,
    /// External links seen and skipped.
    pub external: usize,
    /// One line per problem: page, URL, reason.
    pub problems: Vec<String>,
}

impl LinkReport {
    /// Panics listing every problem, or when no link to another file of the site was
    /// checked at all (a wrong base URL makes every link look external).
    pub fn assert_ok(&self) {
        assert!(
            self.problems.is_empty(),
            "{} broken or unprefixed link(s):\n{}",
            self.problems.len(),
            self.problems.join("\n")
        );
        assert!(self.internal > 0, "no internal link was checked ({} external): is the base URL right?", self.external);
    }
}

/// Checks every `href`/`src` in every HTML file under `out` for a site served at
/// `base_url`: each internal link must start with `base_url` and map to an existing file
/// of `out`, and each `#fragment` (same page or on another page of the site) must name an
/// `id` of the target page. External links and other schemes are skipped.
pub fn check_links(out: &Path, base_url: &str) -> LinkReport {
    let mut report = LinkReport::default();
    let mut ids_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        ids_cache
            .entry(file.to_string())
            .or_insert_with(|| fs::read_to_string(out.join(file)).map(|h| element_ids(&h)).unwrap_or_default())
            .clone()
    };
    for page in list_html_files(out) {
        let html = read_output(out, &page);
        for url in extract_links(&html) {
            let problem = |why: String| format!("{page}: {url:?}: {why}");
            if url.trim().is_empty() {
                report.problems.push(problem("empty URL".into()));
                continue;
            }
            match classify_url(&url, base_url) {
                LinkKind::External => report.external += 1,
                LinkKind::Fragment(frag) => {
                    report.checked += 1;
                    if !ids_of(&page).contains(&percent_decode(&frag)) {
                        report.problems.push(problem("no element with this id on the page".into()));
                    }
                }
                LinkKind::Unprefixed(why) => report.problems.push(problem(why)),
                LinkKind::Internal { file, fragment } => {
                    report.checked += 1;
                    report.internal += 1;
                    if !out.join(&file).is_file() {
                        report.problems.push(problem(format!("no output file {file}")));
                        continue;
                    }
                    if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
                        if file.ends_with(".html") && !ids_of(&file).contains(&percent_decode(&frag)) {
                            report.problems.push(problem(format!("{file} has no id {frag:?}")));
                        }
                    }
                }
            }
        }
    }
    report
}

/// The staging folder careerpress keeps beside an output folder (`.<name>.careerpress-staging`),
/// to check that a refused or failed build did not create it.
pub fn staging_sibling(out: &Path) -> PathBuf {
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    out.with_file_name(format!(".{name}.careerpress-staging"))
}

// ---------------------------------------------------------------------------------------
// Section listings and previous/next
// ---------------------------------------------------------------------------------------

/// The whole listing of a section, in order, following the pager's `rel="next"` links
/// from its first list page (`section_url`, e.g. `https://a.io/posts/`). Returns the
/// article permalinks and the list page URLs visited.
pub fn section_listing(section_url: &str, base_url: &str, out: &Path) -> (Vec<String>, Vec<String>) {
    let mut items = Vec::new();
    let mut pages = Vec::new();
    let mut next = Some(section_url.to_string());
    while let Some(url) = next {
        assert!(!pages.contains(&url), "pager loops back to {url}: {pages:?}");
        assert!(pages.len() < 1000, "pager does not end");
        let html = read_page_at(&url, base_url, out);
        items.extend(listed_links(&html));
        next = prev_next(&html).1;
        pages.push(url);
    }
    (items, pages)
}

/// Follows `rel` links (e.g. "next") from `start`, returning every URL visited, `start`
/// first; panics on a loop.
pub fn follow_rel_chain(start: &str, rel: &str, base_url: &str, out: &Path) -> Vec<String> {
    let mut seen = vec![start.to_string()];
    loop {
        let html = read_page_at(seen.last().unwrap(), base_url, out);
        let links = rel_links(&html, rel);
        assert!(links.len() <= 1, "{} has several rel={rel} links: {links:?}", seen.last().unwrap());
        match links.into_iter().next() {
            None => return seen,
            Some(url) => {
                assert!(!seen.contains(&url), "rel={rel} chain loops back to {url}: {seen:?}");
                seen.push(url);
            }
        }
    }
}

/// Checks previous/next navigation between the articles of one listing (in listing order):
/// the first has no `rel="prev"`, the last no `rel="next"`, each has exactly one
/// neighbour link per side otherwise, following `rel="next"` from the first visits the
/// whole listing in order, and the links are mutual (A next→B implies B prev→A).
pub fn assert_prev_next_follow_listing(listing: &[String], base_url: &str, out: &Path) {
    assert!(listing.len() >= 2, "need at least two articles: {listing:?}");
    let links: Vec<(Option<String>, Option<String>)> =
        listing.iter().map(|url| prev_next(&read_page_at(url, base_url, out))).collect();
    let n = listing.len();
    assert_eq!(links[0].0, None, "the first article {} has a rel=prev link", listing[0]);
    assert!(links[0].1.is_some(), "the first article {} has no rel=next link", listing[0]);
    assert!(links[n - 1].0.is_some(), "the last article {} has no rel=prev link", listing[n - 1]);
    assert_eq!(links[n - 1].1, None, "the last article {} has a rel=next link", listing[n - 1]);
    let chain = follow_rel_chain(&listing[0], "next", base_url, out);
    assert_eq!(chain, listing, "following rel=next from the first article");
    let back = follow_rel_chain(&listing[n - 1], "prev", base_url, out);
    let mut reversed = listing.to_vec();
    reversed.reverse();
    assert_eq!(back, reversed, "following rel=prev from the last article");
    for (i, url) in listing.iter().enumerate() {
        if let Some(next) = &links[i].1 {
            let j = listing.iter().position(|u| u == next).expect("next is in the listing");
            assert_eq!(links[j].0.as_ref(), Some(url), "{url} next→{next}, but not back");
        }
        if let Some(prev) = &links[i].0 {
            let j = listing.iter().position(|u| u == prev).expect("prev is in the listing");
            assert_eq!(links[j].1.as_ref(), Some(url), "{url} prev→{prev}, but not back");
        }
    }
}
