//! The one place that parses YAML. serde_yaml is deprecated upstream; keeping every call
//! behind `parse` means swapping the crate touches this file only.

use serde::de::DeserializeOwned;

/// A YAML problem with its 1-based position inside the YAML text, when the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Deserialises `text` into `T`. An empty document counts as an empty mapping, so that
/// front matter with no keys reports the missing keys rather than a type error.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let result = if text.trim().is_empty() { serde_yaml::from_str("{}") } else { serde_yaml::from_str(text) };
    result.map_err(|e| {
        let location = e.location();
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the caller reports positions itself.
        if let Some(idx) = message.find(" at line ") {
            message.truncate(idx);
        }
        YamlError { message, line: location.as_ref().map(|l| l.line()), column: location.as_ref().map(|l| l.column()) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn reports_position_of_syntax_errors() {
        let err = parse::<BTreeMap<String, String>>("a: b\nc: [d\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
    }

    #[test]
    fn empty_document_is_empty_mapping() {
        let map: BTreeMap<String, String> = parse("  \n").unwrap();
        assert!(map.is_empty());
    }

    #[test]
    fn message_has_no_duplicate_position() {
        let err = parse::<BTreeMap<String, u32>>("a: x\n").unwrap_err();
        assert!(!err.message.contains(" at line "), "{}", err.message);
        assert_eq!(err.line, Some(1));
    }
}
