//! Which fields of which types a set of sample values fills: a serde `Serializer` that walks a
//! value and records, for every field of every struct it meets (by the struct's Rust name), whether
//! some sample gave it a value other than the default — `None`, `false`, `0`, `""`, an empty
//! list or map — or left it out (`skip_serializing_if`). The schema snapshot lists only what the
//! samples show, so a field without a sample would change the protocol unseen.

use serde::ser::{self, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// `Type.field` → whether any sample filled it.
#[derive(Default)]
pub struct Fields {
    seen: BTreeMap<String, bool>,
}

impl Fields {
    pub fn add(&mut self, value: &impl Serialize) {
        value
            .serialize(Walker { fields: self })
            .expect("a sample serializes");
    }

    /// The fields no sample filled, as `Type.field`.
    pub fn unfilled(&self) -> Vec<String> {
        self.seen
            .iter()
            .filter(|(_, filled)| !**filled)
            .map(|(field, _)| field.clone())
            .collect()
    }

    pub fn count(&self) -> usize {
        self.seen.len()
    }

    fn record(&mut self, owner: &str, field: &str, filled: bool) {
        *self.seen.entry(format!("{owner}.{field}")).or_default() |= filled;
    }
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Serializes a value into nothing; `Ok(true)` when the value is not a default one.
struct Walker<'a> {
    fields: &'a mut Fields,
}

/// A list, tuple or map being walked: filled when it has an element.
struct Many<'a> {
    fields: &'a mut Fields,
    filled: bool,
}

/// A struct being walked: records each field under the struct's name.
struct Record<'a> {
    fields: &'a mut Fields,
    name: &'static str,
}

impl<'a> ser::Serializer for Walker<'a> {
    type Ok = bool;
    type Error = Error;
    type SerializeSeq = Many<'a>;
    type SerializeTuple = Many<'a>;
    type SerializeTupleStruct = Many<'a>;
    type SerializeTupleVariant = Many<'a>;
    type SerializeMap = Many<'a>;
    type SerializeStruct = Record<'a>;
    type SerializeStructVariant = Record<'a>;

    fn serialize_bool(self, v: bool) -> Result<bool, Error> {
        Ok(v)
    }
    fn serialize_i8(self, v: i8) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_i16(self, v: i16) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_i32(self, v: i32) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_i64(self, v: i64) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_u8(self, v: u8) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_u16(self, v: u16) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_u32(self, v: u32) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_u64(self, v: u64) -> Result<bool, Error> {
        Ok(v != 0)
    }
    fn serialize_f32(self, v: f32) -> Result<bool, Error> {
        Ok(v != 0.0)
    }
    fn serialize_f64(self, v: f64) -> Result<bool, Error> {
        Ok(v != 0.0)
    }
    fn serialize_char(self, _: char) -> Result<bool, Error> {
        Ok(true)
    }
    fn serialize_str(self, v: &str) -> Result<bool, Error> {
        Ok(!v.is_empty())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<bool, Error> {
        Ok(!v.is_empty())
    }
    fn serialize_none(self) -> Result<bool, Error> {
        Ok(false)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<bool, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<bool, Error> {
        Ok(false)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<bool, Error> {
        Ok(false)
    }
    /// A unit variant (a severity, a kind) is a value; which variant is a default is not known.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<bool, Error> {
        Ok(true)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<bool, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<bool, Error> {
        value.serialize(self)?;
        Ok(true)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Many<'a>, Error> {
        Ok(self.many())
    }
    fn serialize_tuple(self, _: usize) -> Result<Many<'a>, Error> {
        Ok(self.many())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Many<'a>, Error> {
        Ok(self.many())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Many<'a>, Error> {
        Ok(self.many())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Many<'a>, Error> {
        Ok(self.many())
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Record<'a>, Error> {
        Ok(Record {
            fields: self.fields,
            name,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Record<'a>, Error> {
        Ok(Record {
            fields: self.fields,
            name: variant,
        })
    }
}

impl<'a> Walker<'a> {
    fn many(self) -> Many<'a> {
        Many {
            fields: self.fields,
            filled: false,
        }
    }
}

impl Many<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Walker {
            fields: self.fields,
        })?;
        self.filled = true;
        Ok(())
    }
}

/// A sequence, tuple or tuple struct is filled when it has an element.
macro_rules! impl_many {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Many<'_> {
            type Ok = bool;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<bool, Error> {
                Ok(self.filled)
            }
        }
    )*};
}

impl_many!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeTupleVariant for Many<'_> {
    type Ok = bool;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<bool, Error> {
        Ok(true)
    }
}

impl ser::SerializeMap for Many<'_> {
    type Ok = bool;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<bool, Error> {
        Ok(self.filled)
    }
}

impl Record<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let filled = value.serialize(Walker {
            fields: self.fields,
        })?;
        self.fields.record(self.name, key, filled);
        Ok(())
    }
}

/// A struct (or struct variant) records each of its fields as filled or not; `skip_field` is a
/// field `skip_serializing_if` left out, which this sample did not fill.
macro_rules! impl_record {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Record<'_> {
            type Ok = bool;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
                self.fields.record(self.name, key, false);
                Ok(())
            }
            fn end(self) -> Result<bool, Error> {
                Ok(true)
            }
        }
    )*};
}

impl_record!(SerializeStruct, SerializeStructVariant);
