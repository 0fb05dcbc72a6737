//! Scalar types of the bundle that need more than serde's defaults: exact decimals read
//! without a trip through `f64` (JSON numbers or strings like `"87,12"`), calendar dates
//! that must exist, and years. Each deserialises through a named newtype so the bundle
//! loader (`de.rs`) can parse it leniently, record a located error, and go on.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Newtype name the loader recognises for decimals.
pub const DEC_NAME: &str = "$lkjip::Dec";
/// Newtype name the loader recognises for dates.
pub const DATE_NAME: &str = "$lkjip::Date";
/// Newtype name the loader recognises for years.
pub const YEAR_NAME: &str = "$lkjip::Year";

/// An exact decimal amount or percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(pub Decimal);

/// A calendar date that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31 (valid for the month).
    pub day: u32,
}

/// A year (1900–2200).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(pub i32);

/// Parse a decimal written as a JSON number (`87.12`, `1e3`) or a string (`"87,12"`,
/// `"1.234.567,89"`, `"87.12"`).
pub fn parse_dec(raw: &str, from_string: bool) -> Result<Decimal, String> {
    if from_string {
        return crate::format::parse_decimal(raw);
    }
    if raw.contains(['e', 'E']) {
        return Decimal::from_scientific(raw).map_err(|_| {
            format!("number {raw} is out of range (at most 28 significant digits, below 7,9e28)")
        });
    }
    Decimal::from_str_exact(raw).map_err(|_| {
        format!("number {raw} is out of range (at most 28 significant digits, below 7,9e28)")
    })
}

/// Days in a month of a year (Gregorian).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Parse `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(format!("expected a date as YYYY-MM-DD, found {s:?}"));
        }
        let year: i32 = s[0..4].parse().map_err(|_| "bad year".to_string())?;
        let month: u32 = s[5..7].parse().map_err(|_| "bad month".to_string())?;
        let day: u32 = s[8..10].parse().map_err(|_| "bad day".to_string())?;
        if !(1..=12).contains(&month) {
            return Err(format!(
                "impossible date {s:?} (month {month} does not exist)"
            ));
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(format!(
                "impossible date {s:?} ({} {year} has {max} days)",
                crate::format::month_name(month)
            ));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Year {
    /// Parse a year written as digits, checking its range.
    pub fn parse(s: &str) -> Result<Year, String> {
        match s.parse::<i32>() {
            Ok(y) if (1900..=2200).contains(&y) => Ok(Year(y)),
            _ => Err(format!(
                "expected a year between 1900 and 2200, found {s:?}"
            )),
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

struct StrVisitor<T>(fn(&str) -> Result<T, String>, &'static str);

impl<'de, T> Visitor<'de> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        (self.0)(&v.to_string()).map_err(E::custom)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        (self.0)(&v.to_string()).map_err(E::custom)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The loader hands over the raw number text; strings are prefixed with '"'.
        d.deserialize_newtype_struct(
            DEC_NAME,
            StrVisitor(
                |s| match s.strip_prefix('"') {
                    Some(inner) => parse_dec(inner, true).map(Dec),
                    None => parse_dec(s, s.contains(',')).map(Dec),
                },
                "a decimal number",
            ),
        )
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(DATE_NAME, StrVisitor(Date::parse, "a date YYYY-MM-DD"))
    }
}

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(YEAR_NAME, StrVisitor(Year::parse, "a year"))
    }
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Year {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

impl JsonSchema for Dec {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Exact decimal: a JSON number, or a string such as \"87,12\", \"87.12\" or \"1.234.567,89\".",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^-?[0-9][0-9.]*(,[0-9]+)?$"}
            ]
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Calendar date YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

impl JsonSchema for Year {
    fn schema_name() -> Cow<'static, str> {
        "Year".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A year between 1900 and 2200 (as a map key: its digits).",
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": "^[0-9]{4}$"}
            ]
        })
    }
}
