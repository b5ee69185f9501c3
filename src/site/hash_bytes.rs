//! The bytes a page's template input is fingerprinted from: every value serde gives,
//! written without escaping (strings as their length, then their bytes), with a tag per
//! kind of value so that no two different inputs write the same bytes. JSON, which this
//! replaces, spent most of an unchanged rebuild's fingerprinting time escaping text.
//! A long string (a page's HTML) is written as its own 128-bit hash instead of its
//! bytes: copied whole, each page's HTML was moved through memory twice (copy, then hash)
//! on every build (2.5 to 2.9 KB an article in the harness's corpus, so about 270 MB at
//! 100,000 articles).

use serde::ser::{self, Serialize};
use std::fmt;

#[derive(Debug)]
pub struct Unhashable(String);

impl fmt::Display for Unhashable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unhashable {}

impl ser::Error for Unhashable {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unhashable(msg.to_string())
    }
}

/// Appends `value`'s bytes to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Unhashable> {
    value.serialize(&mut Writer { out })
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

// One tag byte per kind of value; sequences and maps end with END, and every element
// delimits itself, so the stream reads back one way only.
const NONE: u8 = 0;
const SOME: u8 = 1;
const FALSE: u8 = 2;
const TRUE: u8 = 3;
const INT: u8 = 4;
const UINT: u8 = 5;
const FLOAT: u8 = 6;
const STR: u8 = 7;
const BYTES: u8 = 8;
const UNIT: u8 = 9;
const SEQ: u8 = 10;
const MAP: u8 = 11;
const VARIANT: u8 = 12;
const END: u8 = 13;
const CHAR: u8 = 14;
// 128-bit integers have tags of their own: their 16 bytes must never read as a 64-bit
// integer's 8 followed by something else.
const INT128: u8 = 15;
const UINT128: u8 = 16;
/// A string of at least [`LONG`] bytes, written as its XXH3-128 hash: the fingerprint
/// made of these bytes is that same hash, so this adds no likelier collision.
const LONG_STR: u8 = 17;
const LONG: usize = 1024;

impl Writer<'_> {
    fn tag(&mut self, t: u8) {
        self.out.push(t);
    }

    fn str(&mut self, s: &str) {
        if s.len() >= LONG {
            self.out.push(LONG_STR);
            self.out.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(s.as_bytes()).to_le_bytes());
            return;
        }
        self.out.push(STR);
        self.out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        self.out.extend_from_slice(s.as_bytes());
    }
}

impl<'a, 'b> ser::Serializer for &'a mut Writer<'b> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    /// Not human-readable: a value may give its inputs here instead of the text made of
    /// them, and skip making it when the page is reused (`site::seo::JsonLd`).
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Unhashable> {
        self.tag(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unhashable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unhashable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unhashable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unhashable> {
        self.tag(INT);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unhashable> {
        self.tag(INT128);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unhashable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unhashable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unhashable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unhashable> {
        self.tag(UINT);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unhashable> {
        self.tag(UINT128);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unhashable> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unhashable> {
        self.tag(FLOAT);
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unhashable> {
        self.tag(CHAR);
        self.out.extend_from_slice(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unhashable> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unhashable> {
        self.tag(BYTES);
        self.out.extend_from_slice(&(v.len() as u64).to_le_bytes());
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unhashable> {
        self.tag(NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unhashable> {
        self.tag(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unhashable> {
        self.tag(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unhashable> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result<(), Unhashable> {
        self.tag(VARIANT);
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Unhashable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.tag(VARIANT);
        self.str(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Unhashable> {
        self.tag(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Unhashable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unhashable> {
        self.tag(VARIANT);
        self.str(variant);
        self.serialize_seq(None)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Unhashable> {
        self.tag(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Unhashable> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unhashable> {
        self.tag(VARIANT);
        self.str(variant);
        self.serialize_map(None)
    }
}

/// Elements of sequences, tuples and maps: each writes itself, then END closes the lot.
macro_rules! compound {
    ($trait:ident, $method:ident) => {
        impl<'a, 'b> ser::$trait for &'a mut Writer<'b> {
            type Ok = ();
            type Error = Unhashable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Unhashable> {
                self.tag(END);
                Ok(())
            }
        }
    };
}
compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);

impl<'a, 'b> ser::SerializeMap for &'a mut Writer<'b> {
    type Ok = ();
    type Error = Unhashable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unhashable> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unhashable> {
        self.tag(END);
        Ok(())
    }
}

/// Struct fields: the name, then the value, as a map's entries.
macro_rules! fields {
    ($trait:ident) => {
        impl<'a, 'b> ser::$trait for &'a mut Writer<'b> {
            type Ok = ();
            type Error = Unhashable;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unhashable> {
                self.str(key);
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Unhashable> {
                self.tag(END);
                Ok(())
            }
        }
    };
}
fields!(SerializeStruct);
fields!(SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bytes(v: &serde_json::Value) -> Vec<u8> {
        let mut out = Vec::new();
        write(&mut out, v).unwrap();
        out
    }

    #[test]
    fn a_body_is_fingerprinted_by_its_hash_and_templates_get_its_text() {
        use crate::markdown::Html;
        let of = |text: &str| {
            let mut out = Vec::new();
            write(&mut out, &Html::new(text.to_string())).unwrap();
            out
        };
        let long = "<p>Follow up after five working days.</p>".repeat(40);
        assert_eq!(of(&long), of(&long.clone()));
        assert_ne!(of(&long), of(&long.replace("five", "four")), "a change anywhere changes it");
        assert_ne!(of(""), of("<p>a</p>"));
        assert!(!of(&long).windows(10).any(|w| w == &long.as_bytes()[..10]), "the text itself is not copied");
        let html = Html::new(long.clone());
        assert_eq!(serde_json::to_value(&html).unwrap(), json!(long), "human-readable: the text");
        assert_eq!(of(""), {
            let mut out = Vec::new();
            write(&mut out, &Html::default()).unwrap();
            out
        });
    }

    #[test]
    fn different_values_never_write_the_same_bytes() {
        // Pairs JSON-like concatenation would confuse without lengths, tags and ends.
        let values = [
            json!(["ab", "c"]),
            json!(["a", "bc"]),
            json!([["a"], "b"]),
            json!([["a", "b"]]),
            json!({"a": "b", "c": "d"}),
            json!({"a": {"b": "c"}, "d": null}),
            json!({"ab": "c"}),
            json!("1"),
            json!(1),
            json!(1.0),
            json!(-1),
            json!(true),
            json!(null),
            json!([]),
            json!({}),
            json!([null]),
            json!(""),
            json!("\"quoted\""),
        ];
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                assert_ne!(bytes(a), bytes(b), "{a} and {b}");
            }
        }
        assert_eq!(bytes(&json!({"t": "x"})), bytes(&json!({"t": "x"})));
    }

    /// A 128-bit integer's 16 bytes once shared the 64-bit tag, so they could read as a
    /// 64-bit integer followed by eight units (the unit's tag is 9).
    #[test]
    fn a_128_bit_integer_never_writes_what_a_64_bit_one_and_more_would() {
        let mut le = 7u64.to_le_bytes().to_vec();
        le.extend([UNIT; 8]);
        let wide = u128::from_le_bytes(le.try_into().unwrap());
        let mut one = Vec::new();
        write(&mut one, &(wide,)).unwrap();
        let mut nine = Vec::new();
        write(&mut nine, &(7u64, (), (), (), (), (), (), (), ())).unwrap();
        assert_ne!(one, nine);
        let (mut signed, mut unsigned) = (Vec::new(), Vec::new());
        write(&mut signed, &1i128).unwrap();
        write(&mut unsigned, &1u128).unwrap();
        assert_ne!(signed, unsigned);
    }

    #[test]
    fn a_long_string_is_written_as_its_hash_and_still_told_apart() {
        let long = "x".repeat(LONG);
        let mut other = long.clone();
        other.replace_range(LONG / 2..LONG / 2 + 1, "y");
        assert_eq!(bytes(&json!(long)).len(), 17, "a tag and 16 bytes, whatever its length");
        assert_ne!(bytes(&json!(long)), bytes(&json!(other)));
        assert_eq!(bytes(&json!(long)), bytes(&json!(long.clone())));
        // Just under the limit, the bytes themselves; never the same as a long string's.
        let short = &long[1..];
        assert_eq!(bytes(&json!(short)).len(), 1 + 8 + short.len());
        assert_ne!(bytes(&json!([short, "x"])), bytes(&json!([long])));
    }

    #[test]
    fn structs_options_and_enums_are_told_apart() {
        #[derive(serde::Serialize)]
        struct A<'a> {
            title: &'a str,
            tags: Vec<&'a str>,
            draft: Option<bool>,
        }
        #[derive(serde::Serialize)]
        enum Kind {
            Page,
            Section,
        }
        let mut x = Vec::new();
        let mut y = Vec::new();
        write(&mut x, &A { title: "a", tags: vec!["b"], draft: None }).unwrap();
        write(&mut y, &A { title: "a", tags: vec!["b"], draft: Some(false) }).unwrap();
        assert_ne!(x, y);
        let (mut p, mut s) = (Vec::new(), Vec::new());
        write(&mut p, &Kind::Page).unwrap();
        write(&mut s, &Kind::Section).unwrap();
        assert_ne!(p, s);
    }
}
