//! Escaping author text for where it lands: HTML text and attributes, XML (feeds,
//! sitemaps), and JSON inside a `<script>` element (JSON-LD, the calculator's rules); and
//! the one rule for the control characters that no author text may hold at all.
//! Templates, the dev server's error overlay, the job pages and the feeds all escape
//! through here, so one rule holds everywhere. URLs have their rules here too:
//! `encode_url` writes one as feeds, sitemaps and JSON-LD all write it, and the dev
//! server and redirect aliases decode a path segment by one rule, so an alias is written
//! where a request for it looks.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use std::borrow::Cow;

/// Escapes the five characters that matter in HTML text and quoted attributes. Tera's
/// default also escapes `/`, which bloats every URL without making anything safer.
/// Every `{{ }}` of every template comes through here.
pub fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    rewrite(&mut out, input, is_markup, |bytes, i| entity(bytes[i]).map(|e| (1, Rewrite::To(e))));
    out
}

/// The text a reader sees of a piece of HTML: tags, comments and what `<script>` and
/// `<style>` hold left out, character references read (`&amp;`, `&ndash;`, `&#x27;`),
/// and each run of white space one space. For the words a shortcode drew within a
/// sentence, which summaries and headings take as text.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        // A `<` that opens no tag (`1 < 2`) is text, as a browser reads it.
        if !after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            out.push_str(&references_read(&rest[..at + 1]));
            rest = after;
            continue;
        }
        out.push_str(&references_read(&rest[..at]));
        rest = &rest[at..];
        let end = match rest.starts_with("<!--") {
            true => rest.find("-->").map(|e| e + 3),
            false => tag_end(rest),
        };
        let tag = &rest[..end.unwrap_or(rest.len())];
        rest = &rest[tag.len()..];
        for raw in ["script", "style"] {
            // Bytes, not `str` slices: a tag's name may go on in any letter.
            let name = tag.as_bytes().get(1..raw.len() + 1).is_some_and(|n| n.eq_ignore_ascii_case(raw.as_bytes()));
            if name && !tag.as_bytes().get(raw.len() + 1).is_some_and(u8::is_ascii_alphanumeric) {
                let closes = |at: &usize| {
                    rest.as_bytes()[at + 2..].get(..raw.len()).is_some_and(|n| n.eq_ignore_ascii_case(raw.as_bytes()))
                };
                rest = rest.match_indices("</").map(|(at, _)| at).find(closes).map_or("", |e| &rest[e..]);
            }
        }
    }
    out.push_str(&references_read(rest));
    let spaced = |c: char| c.is_whitespace() && c != '\u{a0}';
    let mut text = String::with_capacity(out.len());
    for (n, word) in out.split(spaced).enumerate() {
        if n > 0 && !text.ends_with(' ') {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// Where the tag at the start of `html` ends (after its `>`), reading quoted attribute
/// values whole: `<abbr title='a>b'>` ends after `'>`.
fn tag_end(html: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// HTML text or an attribute's value with its character references read (`&amp;`,
/// `&#39;`, `&#x2F;`, `&copy;`); an `&` that starts none stays as written.
pub fn references_read(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (read, len) = character_reference(rest).unwrap_or(("&".into(), 1));
        out.push_str(&read);
        rest = &rest[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The longest character reference HTML names, `&CounterClockwiseContourIntegral;`.
const LONGEST_REFERENCE: usize = 33;

/// The character a reference at the start of `at` (`&amp;`, `&#39;`, `&#x2F;`, `&ndash;`)
/// stands for, and its length; None for an `&` that starts none, or one that stands for
/// a control character (which no author text may hold).
fn character_reference(at: &str) -> Option<(Cow<'static, str>, usize)> {
    let end = at.bytes().take(LONGEST_REFERENCE + 1).position(|b| b == b';')?;
    let name = &at[1..end];
    let common = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" | "#39" | "#x27" => "'",
        "nbsp" => "\u{a0}",
        _ => "",
    };
    if !common.is_empty() {
        return Some((Cow::Borrowed(common), end + 1));
    }
    let digits = |d: &str, radix: u32| !d.is_empty() && d.len() <= 7 && d.chars().all(|c| c.is_digit(radix));
    let well_formed = match name.strip_prefix('#') {
        Some(number) => number.strip_prefix(['x', 'X']).map_or(digits(number, 10), |hex| digits(hex, 16)),
        None => !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
    };
    if !well_formed {
        return None;
    }
    // CommonMark reads every reference HTML5 names, numeric ones by HTML's rules: the
    // Markdown parser's table is the one the rest of the page was read with.
    let reference = &at[..=end];
    let read: String = pulldown_cmark::Parser::new(reference)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    (read != reference && !read.chars().any(is_control)).then_some((Cow::Owned(read), end + 1))
}

/// The entity HTML and XML both write for one of the five markup characters.
fn entity(b: u8) -> Option<&'static str> {
    Some(match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        _ => return None,
    })
}

/// The bytes `entity` rewrites, as a test that compiles to comparisons alone.
fn is_markup(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'')
}

/// Where a character XML 1.0 forbids can start (see `xml_forbids`), as a superset.
fn may_be_forbidden_in_xml(b: u8) -> bool {
    (b < 0x20) | (b == 0xef)
}

/// What becomes of a character `rewrite` is told about.
enum Rewrite {
    To(&'static str),
    /// As `\uXXXX`, for JSON.
    Unicode(u32),
    Drop,
}

/// Appends `input` to `out`, copying each run of characters left as they are in one go
/// (a character at a time was most of a page's escaping time). `special(bytes, i)` says
/// when a character to rewrite starts at byte `i`: its length in bytes and what it
/// becomes. It is asked only where `candidate` accepts the byte (a superset of where
/// `special` answers), and pieces of `CHUNK` bytes that hold no candidate are passed over
/// whole, with a test the compiler does on all of them at once: most text holds nothing to
/// rewrite. Whole characters only, so every run copied is whole UTF-8 too.
fn rewrite(
    out: &mut String,
    input: &str,
    candidate: impl Fn(u8) -> bool,
    special: impl Fn(&[u8], usize) -> Option<(usize, Rewrite)>,
) {
    let bytes = input.as_bytes();
    let (mut i, mut run) = (0, 0);
    while i < bytes.len() {
        let end = match chunk_at(bytes, i) {
            Some(chunk) if !any_byte(chunk, &candidate) => {
                i += CHUNK;
                continue;
            }
            Some(_) => i + CHUNK,
            None => bytes.len(),
        };
        while i < end {
            let Some((len, what)) = candidate(bytes[i]).then(|| special(bytes, i)).flatten() else {
                i += 1;
                continue;
            };
            out.push_str(&input[run..i]);
            match what {
                Rewrite::To(s) => out.push_str(s),
                Rewrite::Unicode(c) => {
                    use std::fmt::Write as _;
                    let _ = write!(out, "\\u{c:04x}");
                }
                Rewrite::Drop => {}
            }
            i += len;
            run = i;
        }
    }
    out.push_str(&input[run..]);
}

/// How many bytes `rewrite` and `first_control` pass over at once: one SSE2 register.
const CHUNK: usize = 16;

/// The `CHUNK` bytes from `i`, when there are that many.
fn chunk_at(bytes: &[u8], i: usize) -> Option<&[u8; CHUNK]> {
    bytes.get(i..i.checked_add(CHUNK)?).and_then(|c| c.try_into().ok())
}

/// Whether any byte of `chunk` passes `test`: every byte is tested (no early exit), which
/// lets the compiler test them all in one vector operation.
fn any_byte(chunk: &[u8; CHUNK], test: impl Fn(u8) -> bool) -> bool {
    chunk.iter().fold(false, |any, &b| any | test(b))
}

/// Appends `input` to `out` as XML 1.0 text or attribute value: the five markup characters
/// as entities, and the characters XML 1.0 forbids outright (control characters other than
/// tab, newline and carriage return; U+FFFE and U+FFFF) dropped, since no escape can carry
/// them and one would make a whole feed unreadable. Appending, so that a feed of thousands
/// of entries is one growing string.
pub fn xml_into(out: &mut String, input: &str) {
    rewrite(
        out,
        input,
        |b| is_markup(b) | may_be_forbidden_in_xml(b),
        |bytes, i| match entity(bytes[i]) {
            Some(e) => Some((1, Rewrite::To(e))),
            None => xml_forbids(bytes, i).map(|len| (len, Rewrite::Drop)),
        },
    );
}

/// The length of the character at `bytes[i]` when XML 1.0's `Char` production leaves it
/// out (Rust's `char` already excludes surrogates): C0 controls but tab, newline and
/// carriage return, one byte each, and U+FFFE and U+FFFF, `EF BF BE` and `EF BF BF`.
fn xml_forbids(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        b'\t' | b'\n' | b'\r' => None,
        0..0x20 => Some(1),
        0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => Some(3),
        _ => None,
    }
}

/// Appends `input` to `out` as one or more CDATA sections, for job aggregators that ask
/// for job content in CDATA and read no entities (Indeed's feed). A CDATA section cannot
/// hold `]]>`, so the text is split there (`]]` ends one section, `>` starts the next) and
/// reads back as the same text; characters XML forbids are dropped, as in `xml_into`.
pub fn cdata_into(out: &mut String, input: &str) {
    out.push_str("<![CDATA[");
    let mut rest = input;
    while let Some(at) = rest.find("]]>") {
        push_xml_chars(out, &rest[..at + 2]);
        out.push_str("]]><![CDATA[");
        rest = &rest[at + 2..];
    }
    push_xml_chars(out, rest);
    out.push_str("]]>");
}

/// `input` without the characters XML 1.0 forbids, unescaped.
fn push_xml_chars(out: &mut String, input: &str) {
    rewrite(out, input, may_be_forbidden_in_xml, |bytes, i| xml_forbids(bytes, i).map(|len| (len, Rewrite::Drop)));
}

/// JSON safe inside `<script type="application/ld+json">`: `<`, `>` and `&` become
/// `\u` escapes, which JSON parsers read back as the same characters. So do DEL and the C1
/// controls, which serde_json writes raw but HTML counts as parse errors (it escapes C0).
pub fn script_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(text.len() + 16);
    // U+2028 and U+2029 are `E2 80 A8` and `E2 80 A9` in UTF-8; C1 controls `C2 80`..`C2 9F`.
    let candidate = |b: u8| (b == b'<') | (b == b'>') | (b == b'&') | (b == 0x7f) | (b == 0xc2) | (b == 0xe2);
    rewrite(&mut out, &text, candidate, |bytes, i| {
        let next = |k: usize| bytes.get(i + k).copied();
        match bytes[i] {
            b @ (b'<' | b'>' | b'&' | 0x7f) => Some((1, Rewrite::Unicode(b.into()))),
            0xc2 => next(1).filter(|c| (0x80..=0x9f).contains(c)).map(|c| (2, Rewrite::Unicode(c.into()))),
            0xe2 if next(1) == Some(0x80) => next(2)
                .filter(|c| matches!(c, 0xa8 | 0xa9))
                .map(|c| (3, Rewrite::Unicode(0x2000 + u32::from(c) - 0x80))),
            _ => None,
        }
    });
    out
}

/// The characters no author text may hold: C0 controls other than tab, newline and
/// carriage return, DEL, and the C1 controls. XML 1.0 cannot carry C0 at all, HTML counts
/// every one as a parse error, and none is visible, so each is an error where it is written.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// The byte offset and character of the first control character written in `text` as it
/// is (not as an escape). A scan of bytes: every file read pays for it.
pub fn first_control(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    // C0 and DEL are single bytes; a C1 control is 0xC2 followed by 0x80..=0x9F in UTF-8.
    let candidate = |b: u8| ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0x7f) | (b == 0xc2);
    let is_control = |k: usize| {
        candidate(bytes[k]) && (bytes[k] != 0xc2 || bytes.get(k + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    };
    let mut i = 0;
    let at = loop {
        if i >= bytes.len() {
            return None;
        }
        if chunk_at(bytes, i).is_some_and(|chunk| !any_byte(chunk, candidate)) {
            i += CHUNK;
            continue;
        }
        let end = (i + CHUNK).min(bytes.len());
        if let Some(k) = (i..end).find(|&k| is_control(k)) {
            break k;
        }
        i = end;
    };
    text[at..].chars().next().map(|c| (at, c))
}

/// What an error about control character `c` says, at the position it names.
pub fn control_message(c: char) -> String {
    format!(
        "this text holds the invisible control character U+{:04X}, which pages, feeds and structured \
         data cannot carry: remove it",
        c as u32
    )
}

/// One decoded URL path segment, or `None` when it is malformed or could step out of its
/// folder once decoded: `..`, an encoded separator or backslash, NUL, or a drive letter.
pub fn decode_path_segment(raw: &str) -> Option<String> {
    // percent-encoding passes a stray `%` through as it is; a path holding one is
    // malformed, not a file name.
    if stray_percent(raw) {
        return None;
    }
    let seg = percent_decode_str(raw).decode_utf8().ok()?;
    if seg == "." || seg == ".." || seg.contains(['/', '\\', '\0', ':']) {
        return None;
    }
    Some(seg.into_owned())
}

/// Why `url`, as an author wrote it, cannot be published as a link, if it cannot: a `%`
/// that starts no escape (feeds and sitemaps would publish it as it is, and no client reads
/// it), or a quote or angle bracket, which never stand in a URL and in one written by hand
/// are most often HTML pasted by mistake. Other characters outside RFC 3986 (a space, `|`)
/// are what `encode_url` encodes.
pub fn url_flaw(url: &str) -> Option<&'static str> {
    if stray_percent(url) {
        return Some("a `%` that starts no escape: write a `%` itself as %25");
    }
    url.contains(['"', '<', '>', '`'])
        .then_some("a quote or an angle bracket, which a URL cannot hold: write them as %22, %3C and %3E")
}

/// Whether a `%` in `text` is not followed by two hex digits, as every one in a URL must be.
fn stray_percent(text: &str) -> bool {
    text.split('%').skip(1).any(|after| !after.get(..2).is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())))
}

/// What URLs in machine-readable outputs may not carry as they are: controls, space, the
/// characters RFC 3986 never allows (`"<>\^`{|}`) and, always, every non-ASCII byte. `%`
/// stays, so a base URL that is already encoded is not encoded twice.
const URL_ESCAPE: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'\\').add(b'^').add(b'`').add(b'{').add(b'|').add(b'}');

/// A URL as every machine-readable output writes it: a host outside ASCII in its IDNA
/// (Punycode) form (`bücher.example` → `xn--bcher-kva.example`), and percent-encoded UTF-8
/// for anything else outside ASCII (`/tags/面接/` → `/tags/%E9%9D%A2%E6%8E%A5/`). Feeds and
/// sitemaps take URIs, not IRIs, and search engines want JSON-LD's URLs valid too; as the
/// one rule for all of them (`feeds`, `seo::jsonld`, `jobs::jsonld`), it makes a site name
/// each of its URLs one way wherever crawlers and aggregators read it, so they can match
/// an article or a listing across its outputs by URL. Pages keep the name people read.
pub fn encode_url(url: &str) -> Cow<'_, str> {
    match ascii_host(url) {
        Cow::Borrowed(url) => utf8_percent_encode(url, URL_ESCAPE).into(),
        Cow::Owned(url) => Cow::Owned(utf8_percent_encode(&url, URL_ESCAPE).to_string()),
    }
}

/// `url` with its host in IDNA's ASCII form when it is not ASCII: a percent-encoded host,
/// as the path is encoded, names no host DNS can find. Anything else, and a host IDNA
/// refuses (site.toml's `base_url` never has one: `config` checks it), is left as it is.
pub fn ascii_host(url: &str) -> Cow<'_, str> {
    let Some((scheme, rest)) = url.split_once("://") else { return url.into() };
    let is_scheme = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    if authority.is_ascii() || !is_scheme(scheme) {
        return url.into();
    }
    // `user@host:port`; a host outside ASCII is never an IPv6 literal, so a `:` after the
    // host starts the port.
    let host_start = authority.rfind('@').map_or(0, |at| at + 1);
    let host_end = authority[host_start..].find(':').map_or(authority.len(), |colon| host_start + colon);
    match idna::domain_to_ascii_cow(&authority.as_bytes()[host_start..host_end], idna::AsciiDenyList::URL) {
        Ok(host) => Cow::Owned(format!("{scheme}://{}{host}{}", &authority[..host_start], &rest[host_end..])),
        Err(_) => url.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(html("</script>&\"'"), "&lt;/script&gt;&amp;&quot;&#39;");
        assert_eq!(html("https://a.io/x/"), "https://a.io/x/");
    }

    #[test]
    fn xml_escapes_markup_and_drops_what_xml_forbids() {
        let mut out = String::from("kept ");
        xml_into(&mut out, "a <b> & \"c\" 'd'");
        assert_eq!(out, "kept a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;");
        let mut out = String::new();
        xml_into(&mut out, "tab\tnl\ncr\r nul\0 bell\u{7} esc\u{1b} \u{FFFE}\u{FFFF}\u{FFFD} 面接 🎯");
        assert_eq!(out, "tab\tnl\ncr\r nul bell esc \u{FFFD} 面接 🎯");
        // Already escaped text is escaped again: the feed carries it literally.
        let mut out = String::new();
        xml_into(&mut out, "&amp;");
        assert_eq!(out, "&amp;amp;");
    }

    #[test]
    fn cdata_splits_its_end_marker_and_drops_what_xml_forbids() {
        let cdata = |text: &str| {
            let mut out = String::new();
            cdata_into(&mut out, text);
            out
        };
        assert_eq!(cdata("a < b & c"), "<![CDATA[a < b & c]]>");
        assert_eq!(cdata(""), "<![CDATA[]]>");
        assert_eq!(cdata("x]]>y"), "<![CDATA[x]]]]><![CDATA[>y]]>");
        assert_eq!(cdata("]]>]]>"), "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>");
        assert_eq!(cdata("]]]>"), "<![CDATA[]]]]]><![CDATA[>]]>");
        assert_eq!(cdata("nul\0 bell\u{7} \u{FFFE}tab\t面接"), "<![CDATA[nul bell tab\t面接]]>");
        // Joined back, the sections are the text: no `]]>` survives inside one.
        for text in ["]]>", "a]]>b]]>c", "]]]]>>", "]>]]"] {
            let out = cdata(text);
            let inner = &out["<![CDATA[".len()..out.len() - "]]>".len()];
            assert_eq!(inner.replace("]]><![CDATA[", ""), text, "{out}");
        }
    }

    #[test]
    fn script_json_cannot_close_the_script_and_round_trips() {
        let v = json!({ "title": "</script><script>alert(1)</script> & more" });
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn script_json_escapes_del_and_c1_controls_too() {
        let v = json!({ "t": "a\0b\u{1f}c\u{7f}d\u{85}e\u{9f}f\u{a0}g" });
        let s = script_json(&v);
        assert!(!s.chars().any(is_control), "{s:?}");
        assert!(s.contains("\\u0000") && s.contains("\\u007f") && s.contains("\\u0085") && s.contains("\u{a0}"));
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }

    #[test]
    fn runs_copied_whole_escape_every_character_as_one_at_a_time_would() {
        // The rules a character at a time, as they read in the standards.
        let html_one = |c: char| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        };
        let xml_allows = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..);
        let json_one = |c: char| match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\u{7f}'..='\u{9f}' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        };
        // Every character of the first three UTF-8 lengths and a sample of the fourth, each
        // between ordinary text, at the ends and next to another special one.
        let chars = (0..=0xffffu32).chain((0x10000..=0x10ffff).step_by(997)).filter_map(char::from_u32);
        for c in chars {
            for text in [format!("a{c}b"), format!("{c}"), format!("{c}<{c}é")] {
                let expect: String = text.chars().map(html_one).collect();
                assert_eq!(html(&text), expect, "U+{:04X}", c as u32);
                let mut xml = String::new();
                xml_into(&mut xml, &text);
                let expect: String = text.chars().filter(|&c| xml_allows(c)).map(html_one).collect();
                assert_eq!(xml, expect, "U+{:04X}", c as u32);
                let json_text = serde_json::to_string(&Value::String(text.clone())).unwrap();
                let expect: String = json_text.chars().map(json_one).collect();
                assert_eq!(script_json(&Value::String(text)), expect, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn control_characters_are_c0_but_tab_newline_return_del_and_c1() {
        let controls: Vec<u32> =
            (0..0x110000).filter_map(char::from_u32).filter(|&c| is_control(c)).map(u32::from).collect();
        let expected: Vec<u32> = (0..0x20).filter(|c| ![9, 10, 13].contains(c)).chain(0x7f..=0x9f).collect();
        assert_eq!(controls, expected);
        assert_eq!(first_control("tab\tnl\ncr\r é 面接 \u{a0}\u{2028}"), None);
        assert_eq!(first_control("ab\0"), Some((2, '\0')));
        assert_eq!(first_control("é\u{85}x\u{1}"), Some((2, '\u{85}')), "C1 is found by its UTF-8 bytes");
        assert_eq!(first_control("\u{7f}"), Some((0, '\u{7f}')));
        // Every character's own scan agrees with the byte scan.
        for c in (0..0x800).filter_map(char::from_u32) {
            assert_eq!(first_control(&format!("a{c}")).is_some(), is_control(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn segments_decode_only_when_well_formed_and_harmless() {
        assert_eq!(decode_path_segment("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_path_segment("100%25").as_deref(), Some("100%"), "an encoded % is a plain %");
        assert_eq!(decode_path_segment("%C3%a9t%C3%A9").as_deref(), Some("été"), "hex digits of either case");
        assert_eq!(decode_path_segment("...").as_deref(), Some("..."), "only . and .. are special");
        for bad in ["%", "a%", "%4", "%4g", "%%41", "%e9", "%C3", "%2F", "%2f", "%5C", "%00", "%3A", "%2E%2e", "%2E"] {
            assert_eq!(decode_path_segment(bad), None, "{bad}");
        }
    }

    /// The chunked scans against the rules written a character at a time, on strings that
    /// put every kind of character at every offset around a chunk's edges.
    #[test]
    fn chunked_scans_match_the_rules_a_character_at_a_time() {
        let pieces = [
            "a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\0", "\u{1b}", "\u{7f}", "\u{85}", "\u{9f}", "£", "é",
            "\u{a0}", "\u{2028}", "\u{2029}", "\u{2030}", "\u{fffd}", "\u{fffe}", "\u{ffff}", "面", "🎯",
        ];
        let html_ref = |t: &str| -> String {
            t.chars().map(|c| entity(c as u8).filter(|_| c.is_ascii()).map_or(c.to_string(), str::to_string)).collect()
        };
        let xml_ref = |t: &str| -> String {
            t.chars()
                .filter(|&c| !((c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'))
                .map(|c| entity(c as u8).filter(|_| c.is_ascii()).map_or(c.to_string(), str::to_string))
                .collect()
        };
        let json_ref = |t: &str| -> String {
            serde_json::to_string(&Value::String(t.to_string()))
                .unwrap()
                .chars()
                .map(|c| match c {
                    '<' | '>' | '&' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' => format!("\\u{:04x}", c as u32),
                    c => c.to_string(),
                })
                .collect()
        };
        let mut next = crate::testing::random(0x2545_f491);
        for _ in 0..3000 {
            // Mostly plain letters, so that whole chunks of nothing to rewrite come up too.
            let text: String =
                (0..next(70)).map(|_| if next(4) == 0 { pieces[next(pieces.len())] } else { "a" }).collect();
            assert_eq!(html(&text), html_ref(&text), "{text:?}");
            let mut xml = String::new();
            xml_into(&mut xml, &text);
            assert_eq!(xml, xml_ref(&text), "{text:?}");
            assert_eq!(script_json(&Value::String(text.clone())), json_ref(&text), "{text:?}");
            let control = text.char_indices().find(|&(_, c)| is_control(c));
            assert_eq!(first_control(&text), control, "{text:?}");
        }
    }

    #[test]
    fn urls_are_percent_encoded_once() {
        assert_eq!(encode_url("https://a.io/tags/面接/"), "https://a.io/tags/%E9%9D%A2%E6%8E%A5/");
        assert_eq!(encode_url("https://a.io/über café/"), "https://a.io/%C3%BCber%20caf%C3%A9/");
        // Already encoded stays as it is; the query and fragment characters too.
        assert_eq!(encode_url("https://a.io/caf%C3%A9/?a=1&b#x"), "https://a.io/caf%C3%A9/?a=1&b#x");
        assert!(matches!(encode_url("https://a.io/posts/x/"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_host_outside_ascii_is_written_in_punycode_and_only_the_host() {
        assert_eq!(encode_url("https://bücher.example/"), "https://xn--bcher-kva.example/");
        // The path is still percent-encoded; the port, a user and the query are kept.
        assert_eq!(
            encode_url("https://bücher.example:8443/über/?q=ü#ä"),
            "https://xn--bcher-kva.example:8443/%C3%BCber/?q=%C3%BC#%C3%A4"
        );
        assert_eq!(encode_url("http://ana@bücher.example"), "http://ana@xn--bcher-kva.example");
        // IDNA maps case: the host is written as DNS has it.
        assert_eq!(encode_url("https://BÜCHER.example/"), "https://xn--bcher-kva.example/");
        // Already ASCII, or no host at all: as before.
        assert_eq!(encode_url("https://xn--bcher-kva.example/"), "https://xn--bcher-kva.example/");
        assert_eq!(encode_url("/tags/ü/?next=https://ü.example/"), "/tags/%C3%BC/?next=https://%C3%BC.example/");
    }

    #[test]
    fn the_text_of_html_is_what_a_reader_sees() {
        assert_eq!(html_text("<kbd>Ctrl</kbd>&nbsp;+ <b>C</b>"), "Ctrl\u{a0}+ C");
        assert_eq!(html_text("a &amp; b &lt;i&gt; &quot;q&quot; &#x27;s&#39; &#x2F;x"), "a & b <i> \"q\" 's' /x");
        assert_eq!(html_text("v<!-- note <b> -->2"), "v2");
        assert_eq!(html_text("AT&T &unknown; & &#1; &#xZZ; &#+65;"), "AT&T &unknown; & &#1; &#xZZ; &#+65;");
        assert_eq!(html_text("v2 &ndash; beta &copy; &hellip;&#8212;"), "v2 – beta © …—");
        assert_eq!(html_text("cut <span"), "cut ");
        // Quoted `>`, a `<` of text, what scripts and styles hold, and lines.
        assert_eq!(html_text("<abbr title='a>b'>GT</abbr>"), "GT");
        assert_eq!(html_text("1 < 2 <i>x</i>"), "1 < 2 x");
        assert_eq!(html_text("a<script>var s = 1;</script>b<STYLE x>p{}</style>c<scripts>d"), "abcd");
        assert_eq!(html_text("<scripé>x</scripé><stylé>y"), "xy");
        assert_eq!(html_text("\n<kbd>Ctrl</kbd>\n\n  <kbd>C</kbd> "), " Ctrl C ");
        // Each `&` looks a few bytes ahead only: a long run of them is read once.
        let ampersands = "&".repeat(200_000);
        assert_eq!(references_read(&format!("{ampersands};")).len(), 200_001);
        assert!(matches!(references_read("no references"), Cow::Borrowed(_)));
        assert_eq!(references_read("/x/?a=1&amp;b=2&c"), "/x/?a=1&b=2&c");
    }
}
