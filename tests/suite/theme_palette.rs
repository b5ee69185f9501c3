//! The default theme's colours, read from style.css without a browser (issue 15): every
//! colour is a custom property set in `:root`, once for light and once for dark mode, and
//! each text/background pair the theme draws meets WCAG AA in both. `browser_theme` checks
//! what a browser computes; this one runs on every `cargo test`.

use crate::common::contrast::{parse, ratio, ratio_of, Rgba};
use crate::common::default_theme_dir;
use std::collections::BTreeMap;

/// Text drawn on a background, and the least contrast it needs: 4.5 for text, 3 for the
/// focus ring and the edge of a control (WCAG 1.4.11).
const PAIRS: &[(&str, &str, f64)] = &[
    ("--text", "--bg", 4.5),
    ("--text", "--soft", 4.5),
    ("--muted", "--bg", 4.5),
    ("--muted", "--soft", 4.5),
    ("--accent", "--bg", 4.5),
    ("--accent", "--soft", 4.5),
    ("--accent-dark", "--bg", 4.5),
    ("--accent-dark", "--soft", 4.5),
    ("--on-accent", "--accent", 4.5),
    ("--on-accent", "--accent-dark", 4.5),
    ("--warn-text", "--warn-bg", 4.5),
    ("--text", "--warn-bg", 4.5),
    ("--accent", "--warn-bg", 4.5),
    ("--text", "--note-bg", 4.5),
    ("--accent", "--note-bg", 4.5),
    ("--error", "--bg", 4.5),
    ("--focus", "--bg", 3.0),
    ("--focus", "--soft", 3.0),
    ("--control-border", "--bg", 3.0),
    ("--note-border", "--note-bg", 3.0),
];

fn stylesheet() -> String {
    std::fs::read_to_string(default_theme_dir().join("static/style.css")).expect("the theme's style.css")
}

/// The block that follows `opening` (up to its matching `}`), without its braces.
fn block_after<'a>(css: &'a str, opening: &str) -> &'a str {
    let start = css.find(opening).unwrap_or_else(|| panic!("{opening} not in style.css")) + opening.len();
    let mut depth = 1;
    for (i, c) in css[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &css[start..start + i];
                }
            }
            _ => {}
        }
    }
    panic!("{opening} is not closed in style.css")
}

/// The `--name: value` declarations of a `:root` rule, comments dropped.
fn custom_properties(block: &str) -> BTreeMap<String, String> {
    let mut text = String::new();
    let mut rest = block;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |e| &rest[i + e + 2..]);
    }
    text.push_str(rest);
    text.split(';')
        .filter_map(|d| d.split_once(':'))
        .filter(|(name, _)| name.trim().starts_with("--"))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect()
}

fn palettes() -> [(&'static str, BTreeMap<String, String>); 2] {
    let css = stylesheet();
    let light = custom_properties(block_after(&css, ":root {"));
    let dark_media = block_after(&css, "@media (prefers-color-scheme: dark) {");
    let mut dark = light.clone();
    dark.extend(custom_properties(block_after(dark_media, ":root {")));
    [("light", light), ("dark", dark)]
}

#[test]
fn the_contrast_arithmetic_matches_known_ratios() {
    let white = parse("#fff").unwrap();
    assert!((ratio(parse("#000000").unwrap(), white) - 21.0).abs() < 1e-9);
    assert!((ratio(white, white) - 1.0).abs() < 1e-9);
    // #777 on white is the classic near miss: 4.48, just under AA.
    let grey = ratio_of("#777777", "#ffffff");
    assert!((grey - 4.48).abs() < 0.01 && grey < 4.5, "{grey}");
    // The order does not matter, and computed-style forms read as the hex ones.
    assert_eq!(ratio_of("rgb(119, 119, 119)", "rgb(255, 255, 255)"), grey);
    assert_eq!(ratio_of("#fff", "#777"), grey);
    assert_eq!(parse("rgba(0, 0, 0, 0)"), Some(Rgba { r: 0.0, g: 0.0, b: 0.0, a: 0.0 }));
    // Translucent text is blended onto its background: black at 50% on white is grey.
    let half = ratio_of("rgba(0, 0, 0, 0.5)", "#ffffff");
    assert!(half > 3.0 && half < 5.0, "{half}");
    for bad in ["", "#12", "red", "rgb(1, 2)", "hsl(0 0% 0%)", "#ggg"] {
        assert_eq!(parse(bad), None, "{bad:?}");
    }
}

#[test]
fn every_text_pair_of_both_palettes_meets_wcag_aa() {
    let mut failures = Vec::new();
    for (scheme, palette) in palettes() {
        for (fg, bg, least) in PAIRS {
            let colour = |name: &str| {
                palette.get(name).cloned().unwrap_or_else(|| panic!("{scheme}: {name} is not set in :root"))
            };
            let r = ratio_of(&colour(fg), &colour(bg));
            if r < *least {
                failures.push(format!("{scheme}: {fg} on {bg} is {r:.2}:1, under {least}:1"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_dark_palette_sets_every_colour_the_light_one_does() {
    let css = stylesheet();
    let light = custom_properties(block_after(&css, ":root {"));
    let dark = custom_properties(block_after(block_after(&css, "@media (prefers-color-scheme: dark) {"), ":root {"));
    for (name, value) in &light {
        if parse(value).is_some() {
            assert!(dark.contains_key(name), "dark mode keeps the light {name}: {value}");
        }
    }
}

/// One palette switch does it: outside the `:root` rules no rule names a colour of its own
/// (bar black and white in the print section, which is black on white by design).
#[test]
fn colours_are_only_set_through_custom_properties() {
    let css = stylesheet();
    let print_at = css.find("@media print {").expect("a print section");
    let mut outside = css[..print_at].to_string();
    for opening in [":root {", "@media (prefers-color-scheme: dark) {"] {
        let block = block_after(&css, opening);
        outside = outside.replacen(block, "", 1);
    }
    let bytes = outside.as_bytes();
    let mut found = Vec::new();
    for (i, _) in outside.match_indices('#') {
        let hex = bytes[i + 1..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
        let ident = bytes.get(i + 1 + hex).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-');
        if (hex == 3 || hex == 6) && !ident {
            found.push(outside[i..i + 1 + hex].to_string());
        }
    }
    assert!(found.is_empty(), "colours written into rules instead of custom properties: {found:?}");
}

#[test]
fn pages_say_they_support_both_colour_schemes() {
    let base = std::fs::read_to_string(default_theme_dir().join("templates/base.html")).unwrap();
    assert!(base.contains(r#"<meta name="color-scheme" content="light dark">"#), "{base}");
}
