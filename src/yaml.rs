//! The one place that parses YAML. serde_yaml is deprecated upstream; keeping every call
//! behind `parse` means swapping the crate touches this file only.
//!
//! serde_yaml gives no position for errors a value raises itself (an impossible date), and
//! accepts tags silently. On those paths only, saphyr-parser's event stream, which marks
//! where every node starts, locates the value and explains the problem; a front matter that
//! parses cleanly is read once, by serde_yaml alone.

use crate::recover;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

/// What kind of YAML problem it is, for callers and tests that must tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The text is not YAML.
    Syntax,
    /// A tab in the indentation, which YAML forbids.
    Tab,
    /// A YAML tag (`!!binary`, `!foo`): front matter holds plain values only.
    Tag,
    /// A control character, written as it is or as an escape (`"\0"`, `"\x07"`).
    Control,
    /// A key given twice in one mapping.
    DuplicateKey,
    /// A key the document's type does not have.
    UnknownKey,
    /// Aliases that expand past the repetition limit (a "billion laughs").
    TooManyAliases,
    /// Nesting deeper than the recursion limit.
    TooDeep,
    /// A value of the wrong type, or one that fails its own check.
    Value,
}

/// A YAML problem with its 1-based position inside the YAML text, when it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// For a repeated key: the line it first stands on, which the message names too.
    pub earlier_line: Option<usize>,
}

impl YamlError {
    /// The same error with lines counted in a file whose YAML starts on `first_line`
    /// (front matter starts on line 2), in its position and in its message alike.
    pub fn counting_from(mut self, first_line: usize) -> YamlError {
        let shift = |line: usize| line + first_line.saturating_sub(1);
        self.line = self.line.map(shift);
        if let Some(earlier) = self.earlier_line {
            let (old, new) = (duplicate_tail(earlier), duplicate_tail(shift(earlier)));
            self.message = self.message.replace(&old, &new);
            self.earlier_line = Some(shift(earlier));
        }
        self
    }
}

/// Deserialises `text` into `T`. An empty document counts as an empty mapping, so that
/// front matter with no keys reports the missing keys rather than a type error.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let quoted = big_integers_quoted(text);
    parse_keyed(quoted.as_deref().unwrap_or(text)).map_err(|(_, e)| e)
}

/// `parse`, reporting every top-level key that fails (a value that does not fit, a key `T`
/// does not have), the first exactly as `parse` reports it and the others in document
/// order, so an author fixes them in one round. Text that is not YAML, a tag, a repeated
/// key or an alias bomb stays one error: what the reader makes of the rest is a guess.
pub fn parse_each<T: DeserializeOwned>(text: &str) -> Result<T, Vec<YamlError>> {
    let quoted = big_integers_quoted(text);
    let text = quoted.as_deref().unwrap_or(text);
    let (key, first) = match parse_keyed(text) {
        Ok(value) => return Ok(value),
        Err(failed) => failed,
    };
    if !matches!(first.kind, YamlErrorKind::UnknownKey | YamlErrorKind::Value) {
        return Err(vec![first]);
    }
    let Ok(serde_yaml::Value::Mapping(mapping)) = serde_yaml::from_str(text) else { return Err(vec![first]) };
    // Read from the mapping, an error names its path but no position: `explain` finds it in
    // the author's text, as it does for the first error.
    let attempt = |mapping: &serde_yaml::Mapping| {
        let e = serde_path_to_error::deserialize::<_, T>(serde_yaml::Value::Mapping(mapping.clone())).err()?;
        Some((recover::top_key(e.path()), explain(text, e)))
    };
    // `shift_remove` keeps the document's order, so the next error read is the next written.
    let later = recover::later_failures(mapping, key, |m, k| m.shift_remove(k).is_some(), attempt);
    Err(std::iter::once(first).chain(later).collect())
}

/// `text` with each integer too large for 64 bits (a 21-digit account number, which
/// serde_yaml refuses, and the whole file with it) quoted, so that it is read as its
/// digits, as Ruby's YAML (Jekyll's) read it whole; None when there is none. Only text
/// with a run of 19 digits can hold one, so no other is read twice.
fn big_integers_quoted(text: &str) -> Option<String> {
    let long_run = text.as_bytes().split(|b| !b.is_ascii_digit()).any(|run| run.len() >= 19);
    if !long_run {
        return None;
    }
    let too_big = |v: &str| {
        let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && v.parse::<i64>().is_err()
            && v.parse::<u64>().is_err()
    };
    // Character indices, as the parser counts them.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        if let Event::Scalar(value, ScalarStyle::Plain, _, None) = &event {
            if too_big(value) {
                spans.push((span.start.index(), span.start.index() + value.chars().count()));
            }
        }
    }
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 2 * spans.len());
    let mut spans = spans.into_iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if spans.peek().is_some_and(|&(start, _)| start == i) {
            out.push('"');
        }
        out.push(c);
        if spans.peek().is_some_and(|&(_, end)| end == i + 1) {
            out.push('"');
            spans.next();
        }
    }
    Some(out)
}

/// `parse`, with the top-level key the error is about, when it is about one.
fn parse_keyed<T: DeserializeOwned>(text: &str) -> Result<T, (Option<String>, YamlError)> {
    if let Some((at, c)) = crate::escape::first_control(text) {
        let message = crate::escape::control_message(c);
        return Err((None, located(YamlErrorKind::Control, message, Some(crate::error::line_col(text, at)))));
    }
    if let Some(at) = flow_too_deep(text) {
        let at = Some(crate::error::line_col(text, at));
        return Err((None, located(YamlErrorKind::TooDeep, TOO_DEEP.into(), at)));
    }
    let source = if text.trim().is_empty() { "{}" } else { text };
    match serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(source)) {
        Ok(value) => match second_look(text) {
            Some(e) => Err((None, e)),
            None => Ok(value),
        },
        Err(e) => Err((recover::top_key(e.path()), explain(source, e))),
    }
}

/// `value` with every merge key applied, in one pass: a mapping merged in has its own
/// merges applied first (`<<: *b` where `b` merged `a`), so that a chain costs what it
/// holds. None where a `<<` holds something other than a mapping or a list of them.
fn merge_all(value: &mut serde_yaml::Value) -> Option<()> {
    match value {
        serde_yaml::Value::Mapping(mapping) => {
            let merge = mapping.shift_remove("<<");
            for child in mapping.values_mut() {
                merge_all(child)?;
            }
            let Some(mut merge) = merge else { return Some(()) };
            merge_all(&mut merge)?;
            let sources = match merge {
                serde_yaml::Value::Mapping(one) => vec![one],
                serde_yaml::Value::Sequence(items) => items
                    .into_iter()
                    .map(|item| match item {
                        serde_yaml::Value::Mapping(one) => Some(one),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()?,
                _ => return None,
            };
            // The mapping's own keys come first, then each source's in order.
            for (key, v) in sources.into_iter().flatten() {
                mapping.entry(key).or_insert(v);
            }
            Some(())
        }
        serde_yaml::Value::Sequence(items) => items.iter_mut().try_for_each(merge_all),
        serde_yaml::Value::Tagged(tagged) => merge_all(&mut tagged.value),
        _ => Some(()),
    }
}

/// What a merge key is, for an author whose `<<` holds something else.
const MERGE_WORDS: &str =
    "`<<` must be given a mapping (`<<: *defaults`) or a list of mappings, which it merges into the mapping it stands in";

/// Where the merge key that holds something else most likely stands: the first whose value
/// on its line is neither an alias nor a flow collection, else the first.
fn bad_merge_at(text: &str) -> Option<usize> {
    let keys = || text.match_indices("<<").map(|(at, _)| at);
    let odd = keys().find(|&at| {
        let value = text[at + 2..].trim_start().strip_prefix(':').map(|v| v.split('\n').next().unwrap_or("").trim());
        value.is_some_and(|v| !v.is_empty() && !v.starts_with(['*', '{', '[', '#']))
    });
    odd.or_else(|| keys().next())
}

/// Whether `text` holds a merge key: a plain `<<` followed by its `:`. A quoted `"<<"`
/// is an ordinary key to every reader (though a document with both is merged whole).
fn has_merge_key(text: &str) -> bool {
    text.match_indices("<<").any(|(at, _)| {
        let quoted = text[..at].ends_with(['"', '\'']);
        !quoted && text[at + 2..].trim_start_matches([' ', '\t']).starts_with(':')
    })
}

/// What an author is told of values nested deeper than the reader goes.
const TOO_DEEP: &str = "values are nested too deeply: flatten them";

/// Flow collections (`[[[…`, `{{{…`) opened this deep are refused before libyaml reads
/// them: its scanner takes time growing with the square of the depth (100,000 levels took
/// 23 s) before it reaches its own limit, far below this one.
const FLOW_DEPTH: usize = 1_000;

/// Where `text` opens its `FLOW_DEPTH`-th nested `[` or `{`, counting every bracket: a
/// quoted bracket can only make the count higher, and no real text holds a thousand
/// unclosed ones.
fn flow_too_deep(text: &str) -> Option<usize> {
    // Most front matter is shorter than the depth: it cannot reach it, and is not scanned.
    if text.len() < FLOW_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth >= FLOW_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// What serde_yaml accepts silently: a tag, or a control character written as an escape.
/// A tag needs a `!` where a value starts, an escape a `\`: front matter with neither (a
/// title that ends in "!" included) never pays for the second parse.
fn second_look(text: &str) -> Option<YamlError> {
    if !may_have_tag(text) && !text.contains('\\') {
        return None;
    }
    let tree = Tree::read(text);
    tree.tag_error().or_else(|| tree.control_error())
}

/// Whether a `!` stands where a YAML node may start: at the start of the text, after
/// white space or a flow indicator, or right after the `:` of a quoted key in a flow
/// mapping (`{"a":!x b}`, which serde_yaml reads as a mapping `{"!x": "b"}`). A `!` inside
/// text ("Don't stop!") is no tag; a false alarm costs a second parse, never an error.
fn may_have_tag(text: &str) -> bool {
    text.match_indices('!')
        .any(|(at, _)| text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || "[{,:".contains(c)))
}

/// Free-form YAML (data files) as JSON-like values for templates. serde_yaml's values keep
/// the last of two equal keys, so the event stream is read too: a repeated key at any
/// depth is an error where it stands again, never a silent overwrite.
pub fn parse_value(text: &str) -> Result<serde_json::Value, YamlError> {
    let mut value: serde_yaml::Value = parse(text)?;
    if let Some(duplicate) = Tree::read(text).first_duplicate() {
        return Err(duplicate_key(duplicate));
    }
    // Merge keys (`<<: *defaults`) as Ruby's, Go's and JavaScript's readers apply them,
    // which give the mapping each key of `defaults` it lacks. Typed front matter keeps
    // reading the stream, whose plain scalars are text where a value is text.
    if has_merge_key(text) && merge_all(&mut value).is_none() {
        let at = bad_merge_at(text).map(|at| crate::error::line_col(text, at));
        return Err(located(YamlErrorKind::Value, MERGE_WORDS.into(), at));
    }
    serde_json::to_value(value).map_err(|e| located(YamlErrorKind::Value, e.to_string(), None))
}

/// Which plain words another generator's YAML reader took as true and false, beyond the
/// `true` and `false` of YAML 1.2, which serde_yaml reads: YAML 1.1's `yes`, `no`, `on` and
/// `off`, and Go's yaml.v2 also `y` and `n`. `published: no` kept a Jekyll post off its
/// site; read as the text "no", it would be published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Booleans {
    /// YAML 1.2's: serde_yaml, and JavaScript's js-yaml (Eleventy).
    #[default]
    Yaml12,
    /// Ruby's Psych (Jekyll): yes, no, on, off, true and false, in any case.
    Psych,
    /// Go's yaml.v2 (Hugo 0.111): those in lower case, capitalised or in capitals, and
    /// `y` and `n` too.
    GoYamlV2,
}

impl Booleans {
    /// What `plain`, a plain scalar, is as a boolean to this reader, when it is one.
    fn read(self, plain: &str) -> Option<bool> {
        let lower = plain.to_ascii_lowercase();
        // yaml.v2 takes `yes`, `Yes` and `YES`, not `yEs`.
        let capitalised = plain.get(1..) == lower.get(1..);
        let word = match self {
            Booleans::Yaml12 => return None,
            Booleans::Psych => lower.as_str(),
            Booleans::GoYamlV2 if capitalised || plain == lower.to_ascii_uppercase() => lower.as_str(),
            Booleans::GoYamlV2 => return None,
        };
        match word {
            "yes" | "on" | "true" => Some(true),
            "y" if self == Booleans::GoYamlV2 => Some(true),
            "no" | "off" | "false" => Some(false),
            "n" if self == Booleans::GoYamlV2 => Some(false),
            _ => None,
        }
    }
}

/// `parse_value`, for text an old generator read whose YAML kept the last of a key given
/// twice (Ruby's, Jekyll's): that value, with the repeat's error for the report.
pub fn parse_value_last_wins(text: &str) -> Result<(serde_json::Value, Option<YamlError>), YamlError> {
    match parse_value(text) {
        Err(e) if e.kind == YamlErrorKind::DuplicateKey => {
            // serde_json's map, unlike serde_yaml's, keeps the last of two equal keys.
            let value = parse::<serde_json::Value>(text).map_err(|_| e.clone())?;
            Ok((value, Some(e)))
        }
        other => other.map(|value| (value, None)),
    }
}

/// `parse_value` of text that parses, with each plain value (not a key) that `booleans`
/// reads as true or false made that boolean, as the generator that wrote the text read
/// it; None where that is what `parse_value` reads (no such word, or YAML 1.2's reader).
pub fn read_as(text: &str, booleans: Booleans) -> Option<serde_json::Value> {
    parse_value_last_wins(&booleans_written(text, booleans)?).ok().map(|(value, _)| value)
}

/// `text` with each plain scalar in a value's place that `booleans` reads as a boolean
/// written `true` or `false`; None when there is none.
fn booleans_written(text: &str, booleans: Booleans) -> Option<String> {
    if booleans == Booleans::Yaml12 {
        return None;
    }
    // Each open collection, and for a mapping whether its next node is a key.
    let mut open: Vec<Option<bool>> = Vec::new();
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    let next = |open: &mut Vec<Option<bool>>| {
        if let Some(Some(key_next)) = open.last_mut() {
            *key_next = !*key_next;
        }
    };
    let chars: Vec<char> = text.chars().collect();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { return None };
        match event {
            Event::Scalar(value, ScalarStyle::Plain, _, None) => {
                let a_key = matches!(open.last(), Some(Some(true)));
                // A scalar's span starts at its anchor (`&x yes`), if it has one; the word
                // ends it.
                let len = value.chars().count();
                let start = span.end.index().saturating_sub(len);
                let written = chars.get(start..span.end.index()).is_some_and(|w| w.iter().copied().eq(value.chars()));
                if let Some(b) = booleans.read(&value).filter(|_| !a_key && written) {
                    found.push((start, len, b));
                }
                next(&mut open);
            }
            Event::Scalar(..) | Event::Alias(_) => next(&mut open),
            Event::SequenceStart(..) => open.push(None),
            Event::MappingStart(..) => open.push(Some(true)),
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
                next(&mut open);
            }
            _ => {}
        }
    }
    if found.is_empty() {
        return None;
    }
    // Character indices, as the parser counts them.
    let mut out = String::with_capacity(text.len() + 4 * found.len());
    let mut at = 0;
    for (start, len, b) in found {
        out.extend(&chars[at..start]);
        out.push_str(if b { "true" } else { "false" });
        at = start + len;
    }
    out.extend(&chars[at..]);
    Some(out)
}

/// For `#[serde(deserialize_with)]` on free-form mappings such as `extra`: a plain map
/// would let a repeated key silently replace the first, serde_yaml's own values refuse it.
pub fn deserialize_unique_map<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<serde_json::Map<String, serde_json::Value>, D::Error> {
    use serde::de::Error;
    let value: serde_yaml::Mapping = serde::Deserialize::deserialize(d)?;
    match serde_json::to_value(value).map_err(D::Error::custom)? {
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(D::Error::custom("expected a mapping")),
    }
}

/// Where a key and its value start, as 1-based (line, column) in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub key: (usize, usize),
    pub value: (usize, usize),
}

/// Finds the key at `path` (mapping keys from the top) in `text`, e.g. `["salary", "min"]`.
pub fn locate(text: &str, path: &[&str]) -> Option<Located> {
    let path: Vec<Step> = path.iter().map(|k| Step::Key(k.to_string())).collect();
    Tree::read(text).locate(&path)
}

/// Where each of the first `count` items of the list at the top-level `key` starts, for
/// messages about one item; `None` for an item not found. A list given by a YAML alias
/// (`aliases: *old`) is located at the alias, where the author can follow it.
pub fn locate_items(text: &str, key: &str, count: usize) -> Vec<Option<(usize, usize)>> {
    let tree = Tree::read(text);
    (0..count).map(|i| tree.locate(&[Step::Key(key.to_string()), Step::Index(i)]).map(|at| at.value)).collect()
}

/// Turns serde_yaml's error into one that says what is wrong and where.
fn explain(text: &str, e: serde_path_to_error::Error<serde_yaml::Error>) -> YamlError {
    let path_text = e.path().to_string();
    let path: Vec<Step> = e
        .path()
        .iter()
        .map_while(|s| match s {
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect();
    let inner = e.into_inner();
    let given = inner.location().map(|l| (l.line(), l.column()));
    let mut message = inner.to_string();
    let whole = message.clone();
    // serde_yaml appends " at line L column C"; positions are reported separately.
    if let Some(idx) = message.find(" at line ") {
        message.truncate(idx);
    }
    let tree = Tree::read(text);
    if let Some(tagged) = tree.tag_error() {
        return tagged;
    }
    if message.contains("more than one document") {
        let message = "a second YAML document starts here: front matter and data files hold one, \
                       so remove this `---` or what follows it"
            .to_string();
        return located(YamlErrorKind::Syntax, message, second_document(text).or(given));
    }
    // Checked before the event stream's own errors: saphyr-parser has a depth limit too.
    if message.contains("recursion limit exceeded") {
        return located(YamlErrorKind::TooDeep, TOO_DEEP.into(), given);
    }
    if let Some(scan) = &tree.scan_error {
        if let Some(unclosed) = never_closed(text, &tree, &whole, given).or_else(|| runs_on(text, given)) {
            return unclosed;
        }
        return explain_scan_error(text, scan, message, given);
    }
    explain_value(&tree, &path, &path_text, message, given)
}

/// A repeated key, reported where it stands again.
fn duplicate_key((key, first, again): Duplicate) -> YamlError {
    let message = format!("`{key}` is given twice, here{}", duplicate_tail(first.0));
    YamlError { earlier_line: Some(first.0), ..located(YamlErrorKind::DuplicateKey, message, Some(again)) }
}

/// The end of a repeated key's message, naming the line it first stands on.
fn duplicate_tail(line: usize) -> String {
    format!(" and on line {line}: keep one")
}

fn located(kind: YamlErrorKind, message: String, at: Option<(usize, usize)>) -> YamlError {
    YamlError { kind, message, line: at.map(|p| p.0), column: at.map(|p| p.1), earlier_line: None }
}

/// Where the text's second document starts: its `---`, or its first line after a `...`.
fn second_document(text: &str) -> Option<(usize, usize)> {
    Parser::new_from_str(text)
        .map_while(Result::ok)
        .filter(|(event, _)| matches!(event, Event::DocumentStart(_)))
        .nth(1)
        .map(|(_, span)| position(&span))
}

/// Where the quote libyaml was scanning when it failed opens: its message ends
/// "..., while scanning a quoted scalar at line L column C".
fn quote_opened_at(message: &str) -> Option<(usize, usize)> {
    let (_, context) = message.rsplit_once(", while ")?;
    let at = context.strip_prefix("scanning a quoted scalar at line ")?;
    let (line, column) = at.split_once(" column ")?;
    Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
}

/// A quote, `[` or `{` never closed, which libyaml reports where it gave up (the end of
/// the text, or the next key), reported where the author opened it instead, since that
/// is where the closing mark is missing. `message` is libyaml's whole message.
fn never_closed(text: &str, tree: &Tree, message: &str, given: Option<(usize, usize)>) -> Option<YamlError> {
    let failed_line = given.map_or(usize::MAX, |at| at.0);
    let ran_out = message.starts_with("found unexpected end of stream")
        || message.starts_with("found unexpected document indicator");
    let mark_at =
        |(line, column): (usize, usize)| text.lines().nth(line.checked_sub(1)?)?.chars().nth(column.checked_sub(1)?);
    if let Some(opened) = quote_opened_at(message) {
        let mark = mark_at(opened).filter(|m| *m == '"' || *m == '\'')?;
        if (!ran_out && failed_line <= opened.0) || closes_later(text, opened, mark) {
            return None;
        }
        let message = format!("the quoted value that starts here with {mark} is never closed: end it with {mark}");
        return Some(located(YamlErrorKind::Syntax, message, Some(opened)));
    }
    let expected_more = ran_out
        || message.starts_with("did not find expected ','")
        || message.starts_with("did not find expected node content");
    // The innermost collection still open, if it is written with brackets.
    let opened = *tree.open_at_error.last()?;
    let mark = mark_at(opened)?;
    if !expected_more || failed_line <= opened.0 || closes_later(text, opened, mark) {
        return None;
    }
    let message = match mark {
        '[' => "the list that starts here with [ is never closed: end it with ]",
        '{' => "the mapping that starts here with { is never closed: end it with }",
        _ => return None,
    };
    Some(located(YamlErrorKind::Syntax, message.to_string(), Some(opened)))
}

/// A quoted value whose closing quote is missing, when the next quote closes it instead:
/// `title: "Follow-up` then `description: "When…"` reads as one value up to the second
/// `"`, and libyaml fails right after that quote, a line or more below the missing one.
/// Reported at the opening quote when a line before the failure opens a quote it does not
/// close, every line between reads as a key of its own, and the failing line's quote
/// before the failure is the one that closed the value.
fn runs_on(text: &str, given: Option<(usize, usize)>) -> Option<YamlError> {
    let (failed_line, failed_column) = given?;
    let lines: Vec<&str> = text.lines().collect();
    let failing = lines.get(failed_line.checked_sub(1)?)?;
    let before_failure: String = failing.chars().take(failed_column.saturating_sub(1)).collect();
    // The nearest line above that opens a quote and leaves it open, a few lines up at most.
    for opening_line in (failed_line.saturating_sub(5).max(1)..failed_line).rev() {
        let line = lines[opening_line - 1];
        let Some((_, value)) = line.split_once(": ") else { continue };
        let value = value.trim_start();
        let Some(quote) = value.chars().next().filter(|q| *q == '"' || *q == '\'') else { continue };
        let left_open = !skip_quoted(&mut value[1..].chars().peekable(), quote);
        let between_are_keys = lines[opening_line..failed_line].iter().all(|l| key_of(l).is_some());
        if !left_open || !between_are_keys || !before_failure.contains(quote) {
            return None;
        }
        let key = key_of(lines[opening_line])?;
        let column = line.len() - value.len();
        let column = line[..column].chars().count() + 1;
        let message =
            format!("the quoted value that starts here runs on into `{key}:` below: end it with {quote} on this line");
        return Some(located(YamlErrorKind::Syntax, message, Some((opening_line, column))));
    }
    None
}

/// The key a line of a block mapping sets (`description` for `description: "x"`), when
/// it reads as one.
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')).then_some(key)
}

/// Whether the quote, `[` or `{` at `opened` (1-based line and column) is closed further
/// on: then something inside it is wrong (a missing comma, a `...` line), and libyaml's
/// own words and place are the better ones. Quoted text and comments are skipped while
/// brackets are counted.
fn closes_later(text: &str, opened: (usize, usize), mark: char) -> bool {
    let line_start: usize = text.split_inclusive('\n').take(opened.0 - 1).map(str::len).sum();
    let Some((column_at, _)) = text[line_start..].char_indices().nth(opened.1 - 1) else { return false };
    let mut chars = text[line_start + column_at..].chars().peekable();
    chars.next();
    if mark == '"' || mark == '\'' {
        return skip_quoted(&mut chars, mark);
    }
    let mut depth = 1usize;
    let mut previous = mark;
    while let Some(c) = chars.next() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            '"' | '\'' => {
                skip_quoted(&mut chars, c);
            }
            '#' if previous.is_whitespace() => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
        previous = c;
    }
    false
}

/// Moves `chars` past the quoted text a `quote` opened; whether a closing quote ended it.
fn skip_quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, quote: char) -> bool {
    while let Some(c) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                return true;
            }
        }
    }
    false
}

/// The text is not YAML: a tab in the indentation gets its own plain explanation.
fn explain_scan_error(text: &str, scan: &ScanError, message: String, given: Option<(usize, usize)>) -> YamlError {
    // serde_yaml may refuse a value's type before it reaches the text that is no YAML (a
    // list, then `key: value`), naming a type of ours: the scanner's complaint is the one.
    let (message, given) = match message.starts_with("invalid type: ") || message.starts_with("invalid value: ") {
        true => (scan.info().to_string(), Some((scan.marker().line(), scan.marker().col() + 1))),
        false => (message, given),
    };
    if !scan.info().contains("tab") {
        let message = match in_plain_words(&message) {
            Some(plain) => format!("{plain} (YAML: {message})"),
            None => message,
        };
        return located(YamlErrorKind::Syntax, message, given);
    }
    // The scanner may name the scalar before the tab; the tab itself is at or after the
    // start of that line.
    let line_start =
        text.split_inclusive('\n').take(scan.marker().line().saturating_sub(1)).map(str::len).sum::<usize>();
    let tab = text[line_start..].find('\t').map_or(line_start, |i| line_start + i);
    let at = crate::error::line_col(text, tab);
    located(
        YamlErrorKind::Tab,
        "a tab indents this line: YAML indents with spaces only, so replace the tab with spaces".into(),
        Some(at),
    )
}

/// What the YAML scanner's most common complaints mean for a page's front matter, in the
/// author's words: the scanner says what it expected, not what to change.
fn in_plain_words(message: &str) -> Option<&'static str> {
    Some(match message {
        "did not find expected key" => {
            "a `key:` was expected here: text follows a quoted value on its line, or this line is \
             indented unlike the keys around it; quote the whole value, or line the key up with the others"
        }
        "mapping values are not allowed in this context" => {
            "a `: ` here would start a key inside a value: quote the value (`title: \"Offers: a guide\"`), \
             or put a nested key on a line of its own, indented under its parent"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "a `- item` of a list was expected here: front matter that starts as a list (`- a`) holds \
             items only; it is keys and values (`title: …`), each on its own line"
        }
        "found character that cannot start any token" => {
            "a value cannot start with this character (YAML keeps `@` and `` ` `` for itself): quote the value"
        }
        _ => return None,
    })
}

/// Well-formed YAML whose values do not fit: a repeated or unknown key, an alias bomb, or
/// a value that failed its own check, each located by the event stream.
fn explain_value(
    tree: &Tree,
    path: &[Step],
    path_text: &str,
    message: String,
    given: Option<(usize, usize)>,
) -> YamlError {
    if message.starts_with("duplicate field `") || message.contains("duplicate entry with key") {
        if let Some(duplicate) = tree.first_duplicate() {
            return duplicate_key(duplicate);
        }
    }
    let found = tree.locate(path);
    if message.contains("repetition limit exceeded") {
        let at = found.map(|l| l.value).or(tree.first_alias);
        return located(
            YamlErrorKind::TooManyAliases,
            "aliases (`*name`) repeat anchored values so often that the document would grow \
             past the repetition limit: write the values out instead"
                .into(),
            at,
        );
    }
    if message.starts_with("unknown field `") {
        return located(YamlErrorKind::UnknownKey, message, found.map(|l| l.key).or(given));
    }
    let mut message = crate::mismatch::plain(&message, crate::mismatch::Syntax::Yaml);
    let prefix = format!("{path_text}: ");
    if path_text != "." && !message.starts_with(&prefix) {
        message.insert_str(0, &prefix);
    }
    located(YamlErrorKind::Value, message, found.map(|l| l.value).or(given))
}

/// One step down a document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A repeated key: its name, where it first stands, and where it stands again.
type Duplicate = (String, (usize, usize), (usize, usize));

/// A node of the document and where it starts (1-based line and column).
#[derive(Debug)]
struct Node {
    at: (usize, usize),
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// Aliases are not expanded: they are what a "billion laughs" multiplies.
    Alias,
}

/// The document as saphyr-parser reads it: nodes with positions, the first tag and alias,
/// and the error that stopped the reading, if any.
#[derive(Debug, Default)]
struct Tree {
    root: Option<Node>,
    first_tag: Option<(String, (usize, usize))>,
    first_alias: Option<(usize, usize)>,
    scan_error: Option<ScanError>,
    /// Where each collection still open at the scan error starts, outermost first.
    open_at_error: Vec<(usize, usize)>,
}

/// A collection still being read.
enum Open {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

fn position(span: &Span) -> (usize, usize) {
    (span.start.line(), span.start.col() + 1)
}

/// `!!binary` for core-schema tags, `!foo` for local ones, as the author wrote them.
fn tag_text(tag: &Tag) -> String {
    match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        "!" => format!("!{}", tag.suffix),
        "" => format!("!<{}>", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    }
}

impl Tree {
    /// Reads the first document. Iterative, so that deep nesting cannot overflow the stack.
    fn read(text: &str) -> Tree {
        let mut tree = Tree::default();
        let mut stack: Vec<((usize, usize), Open)> = Vec::new();
        for event in Parser::new_from_str(text) {
            let (event, span) = match event {
                Ok(e) => e,
                Err(e) => {
                    // The parser repeats its error forever: stop at the first.
                    tree.scan_error = Some(e);
                    tree.open_at_error = stack.iter().map(|(at, _)| *at).collect();
                    break;
                }
            };
            let at = position(&span);
            let tag = match &event {
                Event::Scalar(_, _, _, tag) | Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => {
                    tag.as_ref()
                }
                _ => None,
            };
            if let (Some(tag), None) = (tag, &tree.first_tag) {
                tree.first_tag = Some((tag_text(tag), at));
            }
            let done = match event {
                Event::Scalar(value, ..) => Node { at, kind: Kind::Scalar(value.into_owned()) },
                Event::Alias(_) => {
                    tree.first_alias.get_or_insert(at);
                    Node { at, kind: Kind::Alias }
                }
                Event::SequenceStart(..) => {
                    stack.push((at, Open::Seq(Vec::new())));
                    continue;
                }
                Event::MappingStart(..) => {
                    stack.push((at, Open::Map(Vec::new(), None)));
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                    Some((at, Open::Seq(items))) => Node { at, kind: Kind::Seq(items) },
                    Some((at, Open::Map(entries, _))) => Node { at, kind: Kind::Map(entries) },
                    None => continue,
                },
                // Front matter is one document; serde_yaml rejects a second one.
                Event::DocumentEnd => break,
                _ => continue,
            };
            match stack.last_mut() {
                Some((_, Open::Seq(items))) => items.push(done),
                Some((_, Open::Map(entries, pending))) => match pending.take() {
                    Some(key) => entries.push((key, done)),
                    None => *pending = Some(done),
                },
                None => tree.root = Some(done),
            }
        }
        tree
    }

    fn tag_error(&self) -> Option<YamlError> {
        let (tag, (line, column)) = self.first_tag.as_ref()?;
        let message = format!(
            "the YAML tag `{tag}` is not supported: careerpress reads plain text, numbers, \
             lists and mappings; remove the tag (quote the value if it should stay text)"
        );
        Some(located(YamlErrorKind::Tag, message, Some((*line, *column))))
    }

    /// The first key or value, in document order, that holds a control character. Only an
    /// escape in a double-quoted scalar puts one there: `first_control` has seen the text.
    fn control_error(&self) -> Option<YamlError> {
        let mut pending: Vec<&Node> = self.root.iter().collect();
        let mut first: Option<((usize, usize), char)> = None;
        while let Some(node) = pending.pop() {
            match &node.kind {
                Kind::Scalar(text) => {
                    if let Some(c) = text.chars().find(|&c| crate::escape::is_control(c)) {
                        first = first.filter(|(at, _)| *at < node.at).or(Some((node.at, c)));
                    }
                }
                Kind::Map(entries) => pending.extend(entries.iter().flat_map(|(k, v)| [k, v])),
                Kind::Seq(items) => pending.extend(items),
                Kind::Alias => {}
            }
        }
        let (at, c) = first?;
        Some(located(YamlErrorKind::Control, crate::escape::control_message(c), Some(at)))
    }

    /// The key and value at `path`, or as far down it as the document goes through an
    /// alias (which is where a repetition problem starts).
    fn locate(&self, path: &[Step]) -> Option<Located> {
        let mut node = self.root.as_ref()?;
        let mut found = Located { key: node.at, value: node.at };
        for step in path {
            let next = match (&node.kind, step) {
                (Kind::Map(entries), Step::Key(wanted)) => {
                    entries.iter().find(|(k, _)| matches!(&k.kind, Kind::Scalar(s) if s == wanted)).map(|(k, v)| (k, v))
                }
                (Kind::Seq(items), Step::Index(i)) => items.get(*i).map(|v| (v, v)),
                (Kind::Alias, _) => return Some(found),
                _ => None,
            };
            let (key, value) = next?;
            found = Located { key: key.at, value: value.at };
            node = value;
        }
        Some(found)
    }

    /// The first key repeated in one mapping, in document order: (key, first, repeat).
    fn first_duplicate(&self) -> Option<Duplicate> {
        let mut pending: Vec<&Node> = self.root.iter().collect();
        let mut best: Option<Duplicate> = None;
        while let Some(node) = pending.pop() {
            match &node.kind {
                Kind::Map(entries) => {
                    for (i, (key, value)) in entries.iter().enumerate() {
                        if let Kind::Scalar(name) = &key.kind {
                            let earlier =
                                entries[..i].iter().find(|(k, _)| matches!(&k.kind, Kind::Scalar(s) if s == name));
                            if let Some((first, _)) = earlier {
                                if best.as_ref().is_none_or(|b| key.at < b.2) {
                                    best = Some((name.clone(), first.at, key.at));
                                }
                            }
                        }
                        pending.push(value);
                    }
                }
                Kind::Seq(items) => pending.extend(items),
                Kind::Scalar(_) | Kind::Alias => {}
            }
        }
        best
    }
}

/// Front matter text for `pairs`, in their order (`import` writes careerpress's keys
/// first, then `extra`). Strings that YAML would read as another type are quoted.
pub fn front_matter_text(pairs: &[(String, serde_json::Value)]) -> Result<String, String> {
    let mut out = String::new();
    for (key, value) in pairs {
        let one: std::collections::BTreeMap<&str, &serde_json::Value> = [(key.as_str(), value)].into();
        out.push_str(&serde_yaml::to_string(&one).map_err(|e| format!("`{key}`: {e}"))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_generators_booleans_are_read_as_they_read_them() {
        use serde_json::json;
        let text = "published: no\ntitle: \"no\"\ncomments: On\nyes: keep\ntags: [yes, n, 'off', Y]\nnote: |\n  no\nx: {a: OFF, b: nO}\n";
        let value = |b| read_as(text, b).unwrap_or_else(|| parse_value(text).unwrap());
        // Keys, quoted text and block text stay text; a case yaml.v2 does not write stays too.
        let read = |tags, b| json!({"published": false, "title": "no", "comments": true, "yes": "keep", "tags": tags, "note": "no\n", "x": {"a": false, "b": b}});
        assert_eq!(value(Booleans::Psych), read(json!([true, "n", "off", "Y"]), json!(false)));
        assert_eq!(value(Booleans::GoYamlV2), read(json!([true, false, "off", true]), json!("nO")));
        assert_eq!(
            value(Booleans::Yaml12),
            json!({"published": "no", "title": "no", "comments": "On", "yes": "keep", "tags": ["yes", "n", "off", "Y"], "note": "no\n", "x": {"a": "OFF", "b": "nO"}})
        );
        assert_eq!(read_as(text, Booleans::Yaml12), None);
        // A key given twice: the last value, as Ruby's YAML kept it, and the repeat said.
        let (value, repeat) = parse_value_last_wins("title: A\ndraft: no\ntitle: B\n").unwrap();
        assert_eq!(value, serde_json::json!({"title": "B", "draft": "no"}));
        assert_eq!(repeat.map(|e| (e.kind, e.line)), Some((YamlErrorKind::DuplicateKey, Some(3))));
        assert_eq!(read_as("title: A\ndraft: no\ntitle: B\n", Booleans::Psych).unwrap()["draft"], false);
        assert_eq!(read_as("a: yes\nb: [1\n", Booleans::Psych), None, "text that does not parse");
        // Anchors, aliases and collections as items keep the count of keys and values.
        let tricky = "c: &x yes\nd: *x\ne: 'no'\nl:\n  - {a: no}\n  - [off]\n  - no\nf: on   # said so\n";
        assert_eq!(
            read_as(tricky, Booleans::Psych).unwrap(),
            json!({"c": true, "d": true, "e": "no", "l": [{"a": false}, [false], false], "f": true})
        );
    }

    #[test]
    fn flow_collections_a_thousand_deep_are_refused_where_they_go_too_deep() {
        let text = format!("title: x\nextra: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse_value(&text).unwrap_err();
        assert_eq!((e.kind, e.line, e.column), (YamlErrorKind::TooDeep, Some(2), Some(8 + FLOW_DEPTH - 1)));
        assert_eq!(e.message, TOO_DEEP);
        // Deep, but not that deep, and a thousand brackets that close as they open, are read.
        let fine = format!("x: {}{}\ny: \"{}\"\n", "[".repeat(50), "]".repeat(50), "[]".repeat(5_000));
        assert!(parse_value(&fine).is_ok());
    }

    #[test]
    fn the_scanners_common_complaints_say_what_to_change_and_keep_its_words() {
        for (text, change, its_words) in [
            ("title: \"x\" y\n", "quote the whole value", "did not find expected key"),
            ("title: a: b\n", "quote the value", "mapping values are not allowed in this context"),
            ("title: @x\n", "quote the value", "found character that cannot start any token"),
        ] {
            let e = parse_value(text).unwrap_err();
            assert!(e.message.contains(change) && e.message.ends_with(&format!("(YAML: {its_words})")), "{e:?}");
            assert_eq!(e.line, Some(1), "{e:?}");
        }
    }

    #[test]
    fn only_a_bang_where_a_node_starts_may_be_a_tag() {
        for tagged in ["a: !!binary x", "- !foo 1", "[!a b]", "!x", "a: &anchor !t v", "a:\n\t!t v", "{\"a\":!t v}"] {
            assert!(may_have_tag(tagged), "{tagged:?}");
        }
        for plain in ["title: Don't stop!", "a: b!c", "title: \"Yes!\"", "no bang"] {
            assert!(!may_have_tag(plain), "{plain:?}");
        }
    }
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Salary {
        min: f64,
        max: f64,
    }

    /// Only its shape matters: the tests look at the errors it produces.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Option<String>,
        date: Option<crate::dates::Date>,
        salary: Option<Salary>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default, deserialize_with = "deserialize_unique_map")]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    fn err(text: &str) -> YamlError {
        parse::<Doc>(text).unwrap_err()
    }

    fn at(e: &YamlError) -> (Option<usize>, Option<usize>) {
        (e.line, e.column)
    }

    #[test]
    fn text_that_is_no_yaml_is_said_so_though_a_type_was_refused_first() {
        for text in ["- list\ntitle: x\n", "- a\n- b\ntags: [c]\n"] {
            let e = err(text);
            assert_eq!(e.kind, YamlErrorKind::Syntax, "{text:?}: {}", e.message);
            assert!(!e.message.contains("struct") && !e.message.contains("invalid type"), "{}", e.message);
            assert!(e.message.starts_with("a `- item` of a list was expected here"), "{}", e.message);
            assert_eq!(e.line, Some(text.lines().position(|l| !l.starts_with('-')).unwrap() + 1), "{}", e.message);
        }
    }

    #[test]
    fn merge_keys_give_a_mapping_the_keys_it_lacks_as_other_readers_do() {
        let text = "title: Own\nextra:\n  a: &a {k: 1, team: ops}\n  b: &b {<<: *a, j: 2}\n  c: {<<: *b}\n  \
                    d: {<<: [{k: 5}, *b], k: 9}\n  e:\n    <<: *a\n    team: dev\n";
        let value = parse_value(text).unwrap();
        let extra = &value["extra"];
        assert_eq!(extra["c"], serde_json::json!({"k": 1, "team": "ops", "j": 2}), "a chain of merges");
        assert_eq!(extra["d"], serde_json::json!({"k": 9, "team": "ops", "j": 2}), "its own key first");
        assert_eq!(extra["e"], serde_json::json!({"k": 1, "team": "dev"}));
        // A quoted "<<" is a key like any other.
        let quoted = parse_value("ops:\n  \"<<\": shift left\nmore:\n  '<<': {a: 1}\n").unwrap();
        assert_eq!(
            (&quoted["ops"]["<<"], &quoted["more"]["<<"]),
            (&serde_json::json!("shift left"), &serde_json::json!({"a": 1}))
        );
        // A merge key holding a scalar is named where it stands, not at an earlier one.
        let e = parse_value("extra:\n  a: {<<: {x: 1}}\n  <<: 5\n").unwrap_err();
        assert_eq!((at(&e), e.kind), ((Some(3), Some(3)), YamlErrorKind::Value));
        assert!(e.message.contains("`<<` must be given a mapping"), "{e:?}");
        // Typed front matter reads the stream as ever: a number is the text of a title there.
        let doc = parse::<Doc>("title: 2024\nextra:\n  a: &a {k: 1}\n  b:\n    <<: *a\n").unwrap();
        assert_eq!(doc.title.as_deref(), Some("2024"));
    }

    #[test]
    fn reports_position_of_syntax_errors() {
        let e = parse::<BTreeMap<String, String>>("a: b\nc: [d\n").unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert!(e.line.is_some(), "{e:?}");
    }

    #[test]
    fn empty_document_is_empty_mapping() {
        let map: BTreeMap<String, String> = parse("  \n").unwrap();
        assert!(map.is_empty());
    }

    #[test]
    fn message_has_no_duplicate_position() {
        let e = parse::<BTreeMap<String, u32>>("a: x\n").unwrap_err();
        assert!(!e.message.contains(" at line "), "{}", e.message);
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn a_value_failing_its_own_check_points_at_itself_not_at_the_same_text_earlier() {
        let e = err("title: 2025-02-30\n\ndate: 2025-02-30\n");
        assert_eq!(e.kind, YamlErrorKind::Value);
        assert_eq!(at(&e), (Some(3), Some(7)), "{e:?}");
        let date = crate::dates::parse_date("2025-02-30").unwrap_err();
        assert_eq!(e.message, format!("date: {date}"));
        let e = err("title: x\ndate:    \"2025-13-01\"\n");
        assert_eq!(at(&e), (Some(2), Some(10)), "{e:?}");
    }

    #[test]
    fn nested_values_point_at_themselves() {
        let e = err("title: max\nsalary:\n  max: 3\n  min: max\n");
        assert_eq!(at(&e), (Some(4), Some(8)), "{e:?}");
        assert_eq!(e.message, "salary.min: expected a number, not the text \"max\"");
        let e = err("title: x\nsalary: { max: 3, min: [1] }\n");
        assert_eq!(at(&e), (Some(2), Some(24)), "{e:?}");
        let e = err("tags: [a, b, [c]]\n");
        assert_eq!(at(&e), (Some(1), Some(14)), "{e:?}");
        assert!(e.message.starts_with("tags[2]: "), "{}", e.message);
    }

    #[test]
    fn locate_finds_keys_and_values() {
        let text = "title: a\nsalary:\n  min: 1\n  max: 2\n";
        assert_eq!(locate(text, &["salary", "max"]), Some(Located { key: (4, 3), value: (4, 8) }));
        assert_eq!(locate(text, &["title"]), Some(Located { key: (1, 1), value: (1, 8) }));
        assert_eq!(locate(text, &["salary", "currency"]), None);
        assert_eq!(locate(text, &["title", "x"]), None);
        assert_eq!(locate("a: [\n", &["a"]), None, "broken YAML has no complete mapping");
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let e = err("title: ok\n  \ntitel: x\n");
        assert_eq!(e.kind, YamlErrorKind::UnknownKey);
        assert_eq!(at(&e), (Some(3), Some(1)));
        assert!(e.message.contains("titel"), "{}", e.message);
    }

    #[test]
    fn parse_each_reports_every_failing_key_the_first_as_parse_does() {
        let text = "title: x\ndate: 2025-02-30\ntitel: y\nsalary: { min: a, max: 1 }\ntags: [a, [b]]\n";
        let errors = parse_each::<Doc>(text).unwrap_err();
        assert_eq!(errors[0], err(text));
        let found: Vec<_> = errors.iter().map(|e| (e.kind, at(e))).collect();
        use YamlErrorKind::{UnknownKey, Value};
        let expected = [
            (Value, (Some(2), Some(7))),
            (UnknownKey, (Some(3), Some(1))),
            (Value, (Some(4), Some(16))),
            (Value, (Some(5), Some(11))),
        ];
        assert_eq!(found, expected, "{errors:#?}");
        assert_eq!(errors[3].message, "tags[1]: expected text, not a list", "{errors:#?}");
        assert_eq!(parse_each::<Doc>("title: x\ntags: [a]\n").unwrap().tags, ["a"]);
    }

    #[test]
    fn parse_each_gives_one_error_where_the_text_itself_is_wrong() {
        for text in ["titel: a\ndate: [\n", "titel: a\ntitle: b\ntitle: c\n", "titel: a\ntags: !x [a]\n", "[1, 2]\n"] {
            let errors = parse_each::<Doc>(text).unwrap_err();
            assert_eq!(errors, [err(text)], "{text:?}");
        }
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_repeat() {
        let e = err("title: a\ntags: [x]\ntitle: b\n");
        assert_eq!(e.kind, YamlErrorKind::DuplicateKey);
        assert_eq!(at(&e), (Some(3), Some(1)));
        assert_eq!(e.message, "`title` is given twice, here and on line 1: keep one");
        let e = err("title: a\nextra:\n  a: 1\n  b: { c: 1, d: 2, c: 3 }\n");
        assert_eq!(e.kind, YamlErrorKind::DuplicateKey);
        assert_eq!(at(&e), (Some(4), Some(20)));
        assert_eq!(e.message, "`c` is given twice, here and on line 4: keep one");
        let doc: Doc = parse("extra:\n  a: 1\n  b: { c: [x], 7: y }\n").unwrap();
        assert_eq!(doc.extra["b"], serde_json::json!({"c": ["x"], "7": "y"}));
    }

    #[test]
    fn a_quote_or_bracket_never_closed_is_reported_where_it_opens() {
        let cases = [
            ("title: \"Unclosed\ndate: 2026-01-01\ntags: [a]\n", (1, 8), "with \""),
            ("tags: [b]\ntitle: 'Ünclosed\ndate: x\n", (2, 8), "with '"),
            ("tags: [a, b\ndate: x\n", (1, 7), "with ["),
            ("extra: {b: c\ntags: e\n", (1, 8), "with {"),
            ("title: \"x", (1, 8), "with \""),
            ("tags: [1,\n  2,\n", (1, 7), "with ["),
            ("[a\n", (1, 1), "with ["),
            ("extra:\n  - {b: 1\n", (2, 5), "with {"),
            ("title: \"ok\"\ntags: \"bad\n  more\n", (2, 7), "with \""),
        ];
        for (text, place, mark) in cases {
            let e = parse_value(text).unwrap_err();
            assert_eq!(e.kind, YamlErrorKind::Syntax, "{text:?}");
            assert_eq!(at(&e), (Some(place.0), Some(place.1)), "{text:?}: {}", e.message);
            assert!(e.message.contains(mark) && e.message.contains("never closed"), "{text:?}: {}", e.message);
        }
        // Broken on the line it opens: libyaml's own position and words are the better ones.
        // Closed further on, with something wrong inside: libyaml's words and place.
        for text in [
            "tags: [a, {b]\n",
            "title: \"x\\qy\"\n",
            "tags: [\n  \"career\"\n  \"jobs\",\n]\n",
            "tags: [\n  a,\n  - b,\n]\n",
            "extra: {\n a: 1,\n b: [1, 2] x,\n}\n",
            "a: \"abc\n...\ndef\"\n",
            "tags: [\n  'it''s', \"a ] b\" # ]\n  \"c\" \"d\",\n]\n",
        ] {
            let e = parse_value(text).unwrap_err();
            assert!(!e.message.contains("never closed"), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn a_quote_closed_by_the_next_value_s_quote_is_reported_where_it_opens() {
        for (text, place, key) in [
            ("title: \"Follow-up timing\ndescription: \"When to write\"\ndate: 2025-02-01\n", (1, 8), "description"),
            ("a: 1\ntitle: 'Follow-up\ndate: 2025-02-01\nsummary: 'x'\n", (2, 8), "date"),
        ] {
            let e = parse_value(text).unwrap_err();
            assert_eq!(at(&e), (Some(place.0), Some(place.1)), "{text:?}: {}", e.message);
            assert!(e.message.contains(&format!("runs on into `{key}:`")), "{}", e.message);
        }
        // A quoted value that really spans lines, then a real error further down: as before.
        let e = parse_value("title: \"one\n  two\"\nx: [a\ny: b\n").unwrap_err();
        assert!(!e.message.contains("runs on"), "{}", e.message);
    }

    #[test]
    fn a_second_document_is_reported_where_it_starts() {
        for (text, line) in [("a: 1\n---\nb: 2\n", 2), ("a: 1\n...\n%YAML 1.2\n---\nb: 2\n", 4)] {
            let e = parse_value(text).unwrap_err();
            assert_eq!(e.line, Some(line), "{text:?}: {}", e.message);
            assert!(e.message.contains("second YAML document"), "{}", e.message);
        }
    }

    #[test]
    fn tabs_in_indentation_are_named() {
        let e = err("title: x\nsalary:\n\tmin: 3\n");
        assert_eq!(e.kind, YamlErrorKind::Tab);
        assert_eq!(at(&e), (Some(3), Some(1)));
        assert!(e.message.contains("tab") && e.message.contains("spaces"), "{}", e.message);
        let e = err("title: x\n\tdate: 2025-01-01\n");
        assert_eq!(e.kind, YamlErrorKind::Tab);
        assert_eq!(at(&e), (Some(2), Some(1)));
        // A tab inside a value is just text.
        assert_eq!(parse::<Doc>("title: \"a\tb\"\n").unwrap().title.as_deref(), Some("a\tb"));
    }

    #[test]
    fn tags_are_refused_even_where_serde_yaml_would_accept_them() {
        for (text, tag, position) in [
            ("title: !!binary aGVsbG8=\n", "!!binary", (1, 8)),
            ("title: x\ntags: !foo [a]\n", "!foo", (2, 7)),
            ("title: x\nextra:\n  a: !foo x\n", "!foo", (3, 6)),
            ("title: !<tag:example.com:x> y\n", "!<tag:example.com:x>", (1, 8)),
            ("title: !!str 2025\ndate: nope\n", "!!str", (1, 8)),
            // After a quoted key's `:` in a flow mapping a value may start with no space.
            ("title: x\nextra: {\"a\":!!binary aGVsbG8=}\n", "!!binary", (2, 13)),
            ("title: x\nextra: {\"k\":!foo v}\n", "!foo", (2, 13)),
        ] {
            let e = err(text);
            assert_eq!(e.kind, YamlErrorKind::Tag, "{text:?}");
            assert_eq!(at(&e), (Some(position.0), Some(position.1)), "{text:?}");
            assert!(e.message.contains(&format!("`{tag}` is not supported")), "{}", e.message);
        }
        // An exclamation mark in text is not a tag.
        let doc: Doc = parse("title: Hired!\ntags: [\"!x\"]\n").unwrap();
        assert_eq!(doc.title.as_deref(), Some("Hired!"));
    }

    #[test]
    fn control_characters_are_refused_escaped_or_not_keys_included() {
        for (text, position, code) in [
            ("title: \"a\\0b\"\n", (1, 8), "U+0000"),
            ("title: x\ntags: [ok, \"\\x07\"]\n", (2, 12), "U+0007"),
            ("title: x\nextra:\n  a: { b: \"\\u0085\" }\n", (3, 11), "U+0085"),
            ("title: x\nextra:\n  \"k\\e\": 1\n", (3, 3), "U+001B"),
            ("extra: { a: \"\\x7f\" }\ntitle: \"\\N\"\n", (1, 13), "U+007F"),
            ("title: a\u{1}b\n", (1, 9), "U+0001"),
        ] {
            let e = err(text);
            assert_eq!(e.kind, YamlErrorKind::Control, "{text:?}: {e:?}");
            assert_eq!(at(&e), (Some(position.0), Some(position.1)), "{text:?}");
            assert!(e.message.contains(code), "{text:?}: {}", e.message);
        }
        // Escapes of ordinary characters, and backslashes that escape nothing, are text.
        let doc: Doc = parse("title: \"tab\\there \\u00e9 \\\\0\"\ntags: ['\\0', C:\\0]\n").unwrap();
        assert_eq!(doc.title.as_deref(), Some("tab\there é \\0"));
        assert_eq!(doc.tags, ["\\0", "C:\\0"]);
        assert_eq!(parse_value("a: [\"\\0\"]\n").unwrap_err().kind, YamlErrorKind::Control);
    }

    #[test]
    fn billion_laughs_hits_the_repetition_limit_with_a_plain_message() {
        let mut text = String::from(
            "title: x\nextra:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
            let aliases = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("  {name}: &{name} [{aliases}]\n"));
        }
        let e = err(&text);
        assert_eq!(e.kind, YamlErrorKind::TooManyAliases);
        assert!(e.message.contains("aliases") && e.message.contains("repetition limit"), "{}", e.message);
        let line = e.line.unwrap();
        assert!((4..=10).contains(&line), "{e:?}");
        assert!(text.lines().nth(line - 1).unwrap().contains('*'), "{e:?}");
        // After an unknown key, looking for more errors must not expand the aliases either.
        let errors = parse_each::<Doc>(&format!("titel: y\n{text}")).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.kind).collect::<Vec<_>>(), [YamlErrorKind::UnknownKey]);
        // A few aliases are fine.
        let doc: Doc = parse("extra:\n  a: &a [1]\n  b: *a\n").unwrap();
        assert_eq!(doc.extra["b"], serde_json::json!([1]));
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing() {
        let text = format!("extra:\n  a: {}1{}\n", "[".repeat(5000), "]".repeat(5000));
        let e = err(&text);
        assert_eq!(e.kind, YamlErrorKind::TooDeep, "{e:?}");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn crlf_and_unicode_columns_are_counted_in_characters() {
        let e = err("title: café\r\ndate: 2025-13-01\r\n");
        assert_eq!(at(&e), (Some(2), Some(7)));
        let e = err("extra: { é: 1, x: !t y }\n");
        assert_eq!(at(&e), (Some(1), Some(19)));
    }

    #[test]
    fn integers_past_64_bits_are_read_as_their_digits() {
        // A Google+ id in a Jekyll theme's _config.yml: serde_yaml refused the whole file.
        let text =
            "author:\n  gplus: 101827554735084402671\n  n: -99999999999999999999\nname: é 12345678901234567890123\n";
        let v = parse_value(text).unwrap();
        assert_eq!(v["author"]["gplus"], serde_json::json!("101827554735084402671"));
        assert_eq!(v["author"]["n"], serde_json::json!("-99999999999999999999"));
        assert_eq!(v["name"], serde_json::json!("é 12345678901234567890123"), "digits inside text stay text");
        let fits = parse_value("a: 18446744073709551615\nb: [123456789012345678901, x]\n").unwrap();
        assert_eq!(fits["a"], serde_json::json!(18446744073709551615u64), "a u64 stays a number");
        assert_eq!(fits["b"], serde_json::json!(["123456789012345678901", "x"]));
        assert_eq!(big_integers_quoted("a: 1\nb: '12345678901234567890123'\n"), None, "quoted already");
        // What follows still reports its own errors where they stand.
        let e = err("title: x\nextra:\n  id: 123456789012345678901234\ndate: 2025-13-01\n");
        assert_eq!(at(&e), (Some(4), Some(7)));
    }

    /// An enum of words as the front matter's are declared: the tests read it.
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "kebab-case", remote = "Self")]
    enum Shade {
        LightGrey,
        Dark,
    }

    crate::mismatch::words_enum!(Shade);

    #[derive(Debug, serde::Deserialize)]
    struct ShadeDoc {
        #[allow(dead_code)]
        shade: Shade,
    }

    /// What an author is told of `shade` written as `yaml` in YAML and `toml` in TOML: the
    /// YAML is read from its text and from a mapping already read, as `recover` reads it,
    /// and all three must say the same but for a mapping's name.
    fn said_of(yaml: &str, toml: &str) -> String {
        // Through `yaml`, the one reader of YAML, as front matter is read.
        let text = super::parse::<ShadeDoc>(&format!("shade: {yaml}")).unwrap_err().message;
        let value = super::parse_value(&format!("shade: {yaml}")).unwrap();
        let value = crate::mismatch::plain(
            &serde_json::from_value::<ShadeDoc>(value).unwrap_err().to_string(),
            crate::mismatch::Syntax::Yaml,
        );
        let table = toml::from_str::<ShadeDoc>(&format!("shade = {toml}")).unwrap_err();
        let table = crate::mismatch::plain(table.message(), crate::mismatch::Syntax::Toml);
        assert_eq!(text, format!("shade: {value}"), "{yaml}");
        assert_eq!(value.replace("a mapping", "a table"), table, "{toml}");
        value
    }

    #[test]
    fn an_enum_of_words_names_its_words_whatever_is_written() {
        let words = "expected one of light-grey or dark, not";
        for (yaml, toml, given) in [
            ("[dark]", "[\"dark\"]", "a list"),
            ("{dark: 1}", "{ dark = 1 }", "a mapping"),
            ("5", "5", "the number 5"),
            ("1.5", "1.5", "the number 1.5"),
            ("true", "true", "true"),
            ("LightGrey", "\"LightGrey\"", "the text \"LightGrey\""),
        ] {
            assert_eq!(said_of(yaml, toml), format!("{words} {given}"));
        }
    }

    #[test]
    fn an_enum_of_words_reads_and_writes_its_words() {
        let doc: ShadeDoc = super::parse("shade: light-grey").unwrap();
        assert_eq!(doc.shade, Shade::LightGrey);
        assert_eq!(serde_json::to_string(&Shade::Dark).unwrap(), "\"dark\"");
        let said = super::parse::<ShadeDoc>("shade: ~").unwrap_err().message;
        assert!(said.contains("expected one of light-grey or dark"), "{said}");
    }
}
