//! serde's message for a value that does not fit its key, said in an author's words. serde
//! names Rust's types ("expected u32", "expected struct Location", "data did not match any
//! variant of untagged enum RemoteMeta"), which tell an author nothing about what to
//! write. YAML and TOML readers alike pass their messages through `plain`, so one table
//! says each type the way authors know it; a type whose plain name says too little (a
//! mapping's keys, an untagged enum's forms) gives its own words with serde's `expecting`.
//! An enum of words (`employment_type: FULL_TIME`) is read by `one_word`, so that every
//! value it refuses is answered with the words it takes, whatever the reader.

use serde::de::{self, value, Deserializer, IntoDeserializer, Unexpected, Visitor};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

/// The language a value was written in: a mapping is a table in TOML, and text there is
/// always quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// `message` as an author reads it: serde's "invalid type: string \"x\", expected u32" is
/// "expected a whole number of 0 or more, not the text \"x\""; other messages are kept. A
/// key path before serde's words (serde_yaml writes "salary.min: invalid type: …") is kept.
pub fn plain(message: &str, syntax: Syntax) -> String {
    let starts = ["invalid type: ", "invalid value: ", UNTAGGED].iter().filter_map(|m| message.find(m)).min();
    let Some(at) = starts.filter(|&at| at == 0 || message[..at].ends_with(": ")) else {
        return message.to_string();
    };
    let (path, serde) = message.split_at(at);
    let mismatch = serde.strip_prefix("invalid type: ").or_else(|| serde.strip_prefix("invalid value: "));
    // What was given comes first and may be any text, quoted; what was expected is ours.
    let said = match mismatch.and_then(|rest| rest.rsplit_once(", expected ")) {
        Some((given, expected)) => {
            format!("expected {}, not {}", expected_words(expected, syntax), given_words(given, syntax))
        }
        // Every untagged enum has its own `expecting`; this is for one added without.
        None if serde.starts_with(UNTAGGED) => "this is none of the forms this key takes".to_string(),
        None => serde.to_string(),
    };
    format!("{path}{said}")
}

/// How serde begins its message for a value that fits no form of an untagged enum.
const UNTAGGED: &str = "data did not match any variant of untagged enum ";

/// What serde's `expected` part names, as an author writes it.
fn expected_words(expected: &str, syntax: Syntax) -> String {
    let mapping = match syntax {
        Syntax::Yaml => "a mapping",
        Syntax::Toml => "a table",
    };
    let words = match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number of 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        "a string" | "a borrowed string" | "a character" => match syntax {
            Syntax::Yaml => "text",
            Syntax::Toml => "text in quotes",
        },
        "a map" | "a YAML mapping" => mapping,
        _ if expected.starts_with("struct ") => mapping,
        // An `expecting` of ours says "a mapping with …": in TOML that is a table.
        _ => {
            return expected.strip_prefix("a mapping").map_or_else(|| expected.to_string(), |r| format!("{mapping}{r}"))
        }
    };
    words.to_string()
}

/// What serde's `Unexpected` names (`integer `3``, `string "x"`, `map`), as an author
/// reads it.
fn given_words(given: &str, syntax: Syntax) -> String {
    let ticked = |kind: &str| given.strip_prefix(kind).and_then(|v| v.strip_prefix(" `")?.strip_suffix('`'));
    if let Some(number) = ticked("integer").or_else(|| ticked("floating point")) {
        return format!("the number {number}");
    }
    if let Some(flag) = ticked("boolean") {
        return flag.to_string();
    }
    if let Some(text) = given.strip_prefix("string ") {
        return format!("the text {text}");
    }
    match given {
        "map" => match syntax {
            Syntax::Yaml => "a mapping",
            Syntax::Toml => "a table",
        },
        "sequence" => "a list",
        "unit value" | "null" | "Option value" => "an empty value",
        _ => given,
    }
    .to_string()
}

/// An enum of words, such as `employment_type`, whose derives are kept as
/// `#[serde(remote = "Self")]` so that `words_enum!` can read it through `one_word`.
pub trait Words: Sized {
    /// serde's derived reading, which knows the words (with `rename_all`) and their variants.
    fn derived<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// `Deserialize` and `Serialize` for enums of words declared with `#[serde(remote =
/// "Self")]`: serde's derive reads them with `deserialize_enum`, which each reader answers
/// in its own words for a value that is not a word (serde_yaml "a YAML tag starting with
/// '!'", its `Value` "a Value::Tagged enum", toml "string or table") and which says the
/// words only for a wrong word. Read through `one_word`, every refusal names them.
macro_rules! words_enum {
    ($($name:ty),+) => {$(
        impl $crate::mismatch::Words for $name {
            fn derived<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$name>::deserialize(deserializer)
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::mismatch::one_word(deserializer)
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$name>::serialize(self, serializer)
            }
        }
    )+};
}
pub(crate) use words_enum;

/// Reads one of `T`'s words. The value is taken as it stands (`deserialize_any`), so a
/// number is "the number 5" whether the document or a mapping already read from it is read
/// (`recover` reads the second), and anything but a known word is refused with
/// `invalid type` or `invalid value`, naming the words, which `plain` then says.
pub fn one_word<'de, D: Deserializer<'de>, T: Words>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(OneWord(PhantomData))
}

struct OneWord<T>(PhantomData<T>);

impl<'de, T: Words> Visitor<'de> for OneWord<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let words = words::<T>();
        match words.split_last() {
            Some((last, [])) => f.write_str(last),
            Some((last, rest)) => write!(f, "one of {} or {last}", rest.join(", ")),
            None => f.write_str("a word"),
        }
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<T, E> {
        let derived: Result<T, value::Error> = T::derived(word.into_deserializer());
        derived.map_err(|_| E::invalid_value(Unexpected::Str(word), &self))
    }
}

/// `T`'s words, as its derived reading offers them to `deserialize_enum`: asked only when
/// a value is refused, of a reader that reads nothing.
fn words<T: Words>() -> &'static [&'static str] {
    let offered = Cell::new(&[][..]);
    let _ = T::derived(Probe(&offered));
    offered.get()
}

/// A reader with no value: it notes the variants an enum asks for, and fails.
struct Probe<'a>(&'a Cell<&'static [&'static str]>);

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, value::Error> {
        Err(de::Error::custom("not an enum"))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, value::Error> {
        self.0.set(variants);
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case: serde's message, then what YAML and TOML authors are told (an empty TOML
    /// answer: the YAML one).
    fn assert_said(cases: &[(&str, &str, &str)]) {
        for &(serde, yaml, toml) in cases {
            assert_eq!(plain(serde, Syntax::Yaml), yaml, "{serde}");
            let toml = if toml.is_empty() { yaml } else { toml };
            assert_eq!(plain(serde, Syntax::Toml), toml, "{serde}");
        }
    }

    #[test]
    fn rust_types_are_said_as_what_to_write() {
        assert_said(&[
            (
                "invalid type: string \"lots\", expected u32",
                "expected a whole number of 0 or more, not the text \"lots\"",
                "expected a whole number of 0 or more, not the text \"lots\"",
            ),
            (
                "invalid value: integer `-2`, expected usize",
                "expected a whole number of 0 or more, not the number -2",
                "",
            ),
            ("invalid type: floating point `1.5`, expected i64", "expected a whole number, not the number 1.5", ""),
            ("invalid type: string \"x\", expected f64", "expected a number, not the text \"x\"", ""),
            (
                "invalid type: integer `3`, expected a string",
                "expected text, not the number 3",
                "expected text in quotes, not the number 3",
            ),
            ("invalid type: string \"a, b\", expected a sequence", "expected a list, not the text \"a, b\"", ""),
            (
                "invalid type: map, expected a boolean",
                "expected true or false, not a mapping",
                "expected true or false, not a table",
            ),
            (
                "invalid type: boolean `true`, expected struct Salary",
                "expected a mapping, not true",
                "expected a table, not true",
            ),
            (
                "invalid type: sequence, expected a YAML mapping",
                "expected a mapping, not a list",
                "expected a table, not a list",
            ),
            (
                "invalid type: unit value, expected a map",
                "expected a mapping, not an empty value",
                "expected a table, not an empty value",
            ),
            (
                "invalid type: string \"Leeds\", expected a mapping with `city` and `country`",
                "expected a mapping with `city` and `country`, not the text \"Leeds\"",
                "expected a table with `city` and `country`, not the text \"Leeds\"",
            ),
        ]);
    }

    #[test]
    fn other_messages_and_key_paths_are_kept() {
        assert_said(&[
            // The text given may hold serde's own words.
            (
                "invalid type: string \"a, expected b\", expected u8",
                "expected a whole number of 0 or more, not the text \"a, expected b\"",
                "",
            ),
            (
                "data did not match any variant of untagged enum RemoteMeta",
                "this is none of the forms this key takes",
                "",
            ),
            // A key path before serde's words stays before them.
            (
                "salary.min: invalid type: string \"x\", expected f64",
                "salary.min: expected a number, not the text \"x\"",
                "",
            ),
            (
                "tags[0]: invalid type: sequence, expected a string",
                "tags[0]: expected text, not a list",
                "tags[0]: expected text in quotes, not a list",
            ),
            ("title: text with invalid type: in it", "title: text with invalid type: in it", ""),
            // Messages that name no Rust type stay as they are.
            ("unknown field `x`, expected one of `a`, `b`", "unknown field `x`, expected one of `a`, `b`", ""),
            ("missing field `max`", "missing field `max`", ""),
        ]);
    }
}
