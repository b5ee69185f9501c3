//! Every failing top-level key of a document in one pass, not only the first: serde stops
//! at its first error, so the key that failed is dropped and the rest is read again. Only
//! error paths come here; a document that reads cleanly is read once, by its own parser.

use serde_path_to_error::{Path, Segment};

/// The top-level key an error's path starts with, when it starts with one.
pub fn top_key(path: &Path) -> Option<String> {
    match path.iter().next()? {
        Segment::Map { key } => Some(key.clone()),
        Segment::Seq { .. } | Segment::Enum { .. } | Segment::Unknown => None,
    }
}

/// The errors that follow one already reported for the top-level key `first` of `map`:
/// that key is removed, `attempt` reads what is left, and each error it returns is kept and
/// its key removed in turn, until the rest reads cleanly. Every round removes a key, so it
/// ends within as many rounds as the map has keys.
///
/// An error with no top-level key (a missing field, a wrong type for the whole document)
/// ends the search unreported: removing keys may be what caused it, and no key can be
/// dropped to look past it.
pub fn later_failures<M, E>(
    mut map: M,
    first: Option<String>,
    remove: impl Fn(&mut M, &str) -> bool,
    attempt: impl Fn(&M) -> Option<(Option<String>, E)>,
) -> Vec<E> {
    let mut found = Vec::new();
    let mut key = first;
    while let Some(failed) = key.take() {
        if !remove(&mut map, &failed) {
            break;
        }
        if let Some((next, error)) = attempt(&map) {
            if next.is_some() {
                found.push(error);
            }
            key = next;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    type Map = BTreeMap<String, serde_json::Value>;

    /// Only its shape matters: the tests look at the errors it produces.
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        count: Option<u32>,
        flag: Option<bool>,
    }

    fn attempt(map: &Map) -> Option<(Option<String>, String)> {
        let value = serde_json::to_value(map).unwrap();
        let e = serde_path_to_error::deserialize::<_, Doc>(value).err()?;
        Some((top_key(e.path()), e.to_string()))
    }

    fn first(map: &Map) -> Option<String> {
        attempt(map).and_then(|(key, _)| key)
    }

    fn map(json: serde_json::Value) -> Map {
        serde_json::from_value(json).unwrap()
    }

    fn remove(m: &mut Map, key: &str) -> bool {
        m.remove(key).is_some()
    }

    #[test]
    fn every_failing_key_is_reported_once_after_the_first() {
        let doc = map(serde_json::json!({"title": "t", "count": "x", "flag": 3, "layout": "post", "zz": 1}));
        assert_eq!(first(&doc).as_deref(), Some("count"));
        let later = later_failures(doc.clone(), first(&doc), remove, attempt);
        assert_eq!(later.len(), 3, "{later:#?}");
        assert!(later[0].starts_with("flag: invalid type"), "{later:#?}");
        assert!(later[1].contains("unknown field `layout`"), "{later:#?}");
        assert!(later[2].contains("unknown field `zz`"), "{later:#?}");
    }

    #[test]
    fn one_failure_gives_no_later_ones() {
        let doc = map(serde_json::json!({"title": "t", "count": -1}));
        assert!(later_failures(doc.clone(), first(&doc), remove, attempt).is_empty());
        assert!(later_failures(doc, None, remove, attempt).is_empty());
    }

    #[test]
    fn a_missing_field_left_by_a_removal_is_not_reported() {
        // `title` has the wrong type: once it is removed, the document lacks it.
        let doc = map(serde_json::json!({"title": 1, "zz": "x"}));
        assert_eq!(first(&doc).as_deref(), Some("title"));
        let later = later_failures(doc.clone(), first(&doc), remove, attempt);
        assert_eq!(later.len(), 1, "{later:#?}");
        assert!(later[0].contains("unknown field `zz`"), "{later:#?}");
    }

    #[test]
    fn a_key_that_cannot_be_removed_ends_the_search() {
        let doc = map(serde_json::json!({"title": "t", "count": "x", "flag": 3}));
        let never = |_: &mut Map, _: &str| false;
        assert!(later_failures(doc.clone(), first(&doc), never, attempt).is_empty());
    }

    #[test]
    fn top_key_is_the_first_mapping_key() {
        let e =
            serde_path_to_error::deserialize::<_, Doc>(serde_json::json!({"title": "t", "count": [1]})).unwrap_err();
        assert_eq!(top_key(e.path()).as_deref(), Some("count"));
        let e = serde_path_to_error::deserialize::<_, Doc>(serde_json::json!([1])).unwrap_err();
        assert_eq!(top_key(e.path()), None);
    }
}
