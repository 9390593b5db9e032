//! A serde serializer that writes a value as tagged raw bytes into a buffer, for hashing: what
//! JSON would tell apart, without formatting numbers as text or escaping strings.
//!
//! Every value starts with a tag byte; strings and bytes carry their length, so that no two
//! values give the same bytes; sequences, maps and structs end with an end tag.

use serde::ser::{self, Serialize};

/// Why a value could not be fed: never, in practice (the `Error` type serde requires).
#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value could not be fingerprinted")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Never {
        Never
    }
}

/// Appends values to a buffer.
pub struct Feed<'b>(pub &'b mut Vec<u8>);

const END: u8 = 0xfe;

impl Feed<'_> {
    fn tag(&mut self, tag: u8) {
        self.0.push(tag);
    }

    fn bytes(&mut self, tag: u8, bytes: &[u8]) {
        self.0.push(tag);
        self.0.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.0.extend_from_slice(bytes);
    }

    fn number(&mut self, tag: u8, bytes: &[u8]) {
        self.0.push(tag);
        self.0.extend_from_slice(bytes);
    }
}

macro_rules! numbers {
    ($($method:ident: $ty:ty = $tag:literal),+ $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Never> {
            self.number($tag, &v.to_le_bytes());
            Ok(())
        })+
    };
}

impl<'a, 'b> ser::Serializer for &'a mut Feed<'b> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    numbers!(
        serialize_i8: i8 = 1, serialize_i16: i16 = 2, serialize_i32: i32 = 3, serialize_i64: i64 = 4,
        serialize_u8: u8 = 5, serialize_u16: u16 = 6, serialize_u32: u32 = 7, serialize_u64: u64 = 8,
        serialize_f32: f32 = 9, serialize_f64: f64 = 10, serialize_i128: i128 = 11, serialize_u128: u128 = 12,
    );

    fn serialize_bool(self, v: bool) -> Result<(), Never> {
        self.number(13, &[u8::from(v)]);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.number(14, &u32::from(v).to_le_bytes());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.bytes(15, v.as_bytes());
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.bytes(16, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Never> {
        self.tag(17);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Never> {
        self.tag(18);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Never> {
        self.tag(19);
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.tag(19);
        Ok(())
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Never> {
        self.bytes(20, variant.as_bytes());
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.bytes(21, variant.as_bytes());
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(22);
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.tag(22);
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.tag(22);
        Ok(self)
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Self, Never> {
        self.bytes(23, variant.as_bytes());
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.tag(24);
        Ok(self)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        self.tag(24);
        Ok(self)
    }

    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Self, Never> {
        self.bytes(25, variant.as_bytes());
        Ok(self)
    }
}

/// The element methods of every compound: each element fed in turn, then the end tag.
macro_rules! compound {
    ($($trait:ident: $method:ident),+ $(,)?) => {
        $(impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Never;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Never> {
                self.tag(END);
                Ok(())
            }
        })+
    };
}

compound!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
    SerializeTupleVariant: serialize_field,
);

impl ser::SerializeMap for &mut Feed<'_> {
    type Ok = ();
    type Error = Never;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Never> {
        key.serialize(&mut **self)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Never> {
        self.tag(END);
        Ok(())
    }
}

/// Struct fields are fed as their name then their value; a skipped field is a field absent.
macro_rules! fields {
    ($($trait:ident),+) => {
        $(impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Never;

            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
                self.bytes(15, key.as_bytes());
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Never> {
                self.tag(END);
                Ok(())
            }
        })+
    };
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    fn fed(value: &impl Serialize) -> Vec<u8> {
        let mut buffer = Vec::new();
        value.serialize(&mut Feed(&mut buffer)).unwrap();
        buffer
    }

    #[test]
    fn values_json_tells_apart_give_different_bytes() {
        assert_ne!(fed(&("ab", "c")), fed(&("a", "bc")));
        assert_ne!(fed(&vec![vec![1], vec![]]), fed(&vec![vec![], vec![1]]));
        assert_ne!(fed(&Some(0u8)), fed(&None::<u8>));
        assert_ne!(fed(&1.0f64), fed(&1i64));
        assert_eq!(fed(&"same"), fed(&"same"));
    }
}
