//! User-facing sentences as templates with `{name}` slots, kept as data: the Rust fills
//! them here, and the calculator page's script gets the same templates in its rules JSON
//! and fills them the same way, so no sentence is copied by hand.

/// Puts each slot's value where the template says `{name}`; an unknown `{...}` stays as it
/// is. The page's script has the same function for the same templates.
pub fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after.find('}').and_then(|close| {
            let name = &after[..close];
            slots.iter().find(|(key, _)| *key == name).map(|(_, value)| (close, *value))
        });
        match slot {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "1 page", "2 pages": summaries read as sentences.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_slots_only() {
        assert_eq!(fill("{a} and {b}", &[("a", "x"), ("b", "{a}")]), "x and {a}");
        assert_eq!(fill("{unknown} {a", &[("a", "x")]), "{unknown} {a");
        assert_eq!(fill("no slots", &[]), "no slots");
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(0, "page", "pages"), "0 pages");
        assert_eq!(count(1, "page", "pages"), "1 page");
        assert_eq!(count(2, "file", "files"), "2 files");
    }
}
