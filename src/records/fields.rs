//! A record's values as the store keeps them in `fields`.
//!
//! `fields` is a JSON array in the order of the record's layout
//! (`ingest::layout`): position `i` holds the value of the layout's field
//! `i`, `null` where the file gave none, and trailing `null`s are left off.
//! The layout names the positions, so its fields may be appended to but
//! never reordered (`positions_are_pinned` below fails if they are).
//!
//! In `record`, a value the row also has a column for (decision number,
//! authority and its USCC, decision date, valid until, amounts) is `null`
//! when that column gives it back exactly, so it is not stored twice.
//! `record_history` keeps every value, since a former version's columns are
//! not kept.
//!
//! Values: normalised text, amounts as integer fen, lists (处罚类别) as
//! arrays, and a date field's "no expiry" (2099-12-31 / 长期) as `"长期"`.
//! Listings show the record as an object by field name, amounts under
//! `*_fen`, and no expiry as `null`.
//!
//! The content hash is the SHA-256 of the array with every value in place,
//! so what is stored can always be checked against it.

use std::borrow::Cow;
use std::fmt::Write;

use serde_json::{Map, Value as Json};

use crate::ingest::layout::Layout;

/// One value of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Text(Cow<'a, str>),
    /// An amount in fen.
    Int(i64),
    List(Vec<Cow<'a, str>>),
    /// A date field's 2099-12-31 / 长期.
    NoExpiry,
}

/// How "no expiry" is stored.
const NO_EXPIRY: &str = "长期";

/// Date fields that may say "no expiry".
fn may_not_expire(field: &str) -> bool {
    matches!(field, "valid_from" | "valid_until" | "publicity_until")
}

/// The columns of a `record` row that repeat one of its values.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub decision_no: &'a str,
    pub authority: &'a str,
    pub authority_uscc: &'a str,
    pub decision_date: &'a str,
    pub valid_until: Option<&'a str>,
    pub fine_fen: Option<i64>,
    pub confiscated_fen: Option<i64>,
}

impl<'a> Columns<'a> {
    /// The value the column of `field` gives back, when it has one.
    fn value(&self, field: &str) -> Option<Value<'a>> {
        let text = |s: &'a str| Some(Value::Text(Cow::Borrowed(s)));
        match field {
            "decision_no" => text(self.decision_no),
            "authority" => text(self.authority),
            "authority_uscc" => text(self.authority_uscc),
            "decision_date" => text(self.decision_date),
            "valid_until" => self.valid_until.and_then(text),
            "fine_wan" => self.fine_fen.map(Value::Int),
            "confiscated_wan" => self.confiscated_fen.map(Value::Int),
            _ => None,
        }
    }
}

/// A record's values written as `fields`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// For `record.fields`: values their column gives back left out.
    pub stored: String,
    /// Every value: for `record_history.fields` and the content hash.
    pub full: String,
}

/// Writes `values` (one per field of `layout`, in its order) as `fields`.
///
/// Every value a column stands in for must be present: a column holding a
/// value the file did not give could not be told apart from one elided.
pub fn encode(layout: &Layout, values: &[Option<Value<'_>>], columns: &Columns<'_>) -> Encoded {
    debug_assert_eq!(values.len(), layout.fields.len());
    let mut full = Array::new();
    let mut stored = Array::new();
    for (field, value) in layout.fields.iter().zip(values) {
        let value = value.as_ref();
        let column = columns.value(field.name);
        debug_assert!(
            value.is_some() || column.is_none(),
            "{} has a column value but no value",
            field.name
        );
        // Each value is escaped once; the stored array copies its text.
        let written = full.push(value);
        stored.push_json(match value {
            Some(_) if column.as_ref() != value => Some(&full.out[written]),
            _ => None,
        });
    }
    Encoded {
        stored: stored.finish(),
        full: full.finish(),
    }
}

/// Writes `values` with every value in place: `record_history.fields`.
pub fn full(values: &[Option<Value<'_>>]) -> String {
    let mut array = Array::new();
    for value in values {
        array.push(value.as_ref());
    }
    array.finish()
}

/// A JSON array written value by value, trailing `null`s left off.
struct Array {
    out: String,
    /// Length up to the last value written.
    kept: usize,
    /// Positions written, `null`s included.
    len: usize,
}

impl Array {
    fn new() -> Array {
        let mut out = String::with_capacity(512);
        out.push('[');
        Array {
            out,
            kept: 1,
            len: 0,
        }
    }

    fn next_position(&mut self) {
        if self.len > 0 {
            self.out.push(',');
        }
        self.len += 1;
    }

    /// Writes `value`; returns where its text stands in `out`.
    fn push(&mut self, value: Option<&Value<'_>>) -> std::ops::Range<usize> {
        self.next_position();
        let start = self.out.len();
        let out = &mut self.out;
        match value {
            None => {
                out.push_str("null");
                return start..self.out.len();
            }
            Some(Value::Text(s)) => json_str(out, s),
            Some(Value::Int(i)) => write!(out, "{i}").expect("writing to memory"),
            Some(Value::NoExpiry) => json_str(out, NO_EXPIRY),
            Some(Value::List(items)) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_str(out, item);
                }
                out.push(']');
            }
        }
        self.kept = self.out.len();
        start..self.kept
    }

    /// Writes a value already written as JSON, or `null`.
    fn push_json(&mut self, json: Option<&str>) {
        self.next_position();
        match json {
            None => self.out.push_str("null"),
            Some(json) => {
                self.out.push_str(json);
                self.kept = self.out.len();
            }
        }
    }

    fn finish(mut self) -> String {
        self.out.truncate(self.kept);
        self.out.push(']');
        self.out
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it. Written here
/// rather than through serde_json, whose writer takes bytes that would have
/// to be checked for UTF-8 again: this runs for every value of every row.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
    } else {
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            // `i` is an ASCII byte, so a char boundary.
            out.push_str(&s[start..i]);
            if escape.is_empty() {
                write!(out, "\\u{b:04x}").expect("writing to memory");
            } else {
                out.push_str(escape);
            }
            start = i + 1;
        }
        out.push_str(&s[start..]);
    }
    out.push('"');
}

/// Why a stored `fields` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("fields are not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("fields: {0}")]
    Shape(String),
}

/// The values of a stored `fields` (`record` or `record_history`), a
/// column's value put back where it was left out.
pub fn decode(
    layout: &Layout,
    fields: &str,
    columns: Option<&Columns<'_>>,
) -> Result<Vec<Option<Value<'static>>>, FieldsError> {
    let array: Vec<Json> = serde_json::from_str(fields)?;
    if array.len() > layout.fields.len() {
        return Err(FieldsError::Shape(format!(
            "{} values for the {} fields of the {} layout",
            array.len(),
            layout.fields.len(),
            layout.name
        )));
    }
    let mut array = array.into_iter();
    layout
        .fields
        .iter()
        .map(|field| match array.next().unwrap_or(Json::Null) {
            Json::Null => Ok(columns.and_then(|c| c.value(field.name)).map(into_owned)),
            json => value_of(field.name, json).map(Some),
        })
        .collect()
}

/// A value of `field` as JSON holds it, in either form (`null` only as a
/// date's "no expiry": a value not given is no value at all).
fn value_of(field: &str, json: Json) -> Result<Value<'static>, FieldsError> {
    let shape = |what: String| FieldsError::Shape(format!("{field}: {what}"));
    Ok(match json {
        Json::Null if may_not_expire(field) => Value::NoExpiry,
        Json::String(s) if s == NO_EXPIRY && may_not_expire(field) => Value::NoExpiry,
        Json::String(s) => Value::Text(Cow::Owned(s)),
        Json::Number(n) => match n.as_i64() {
            Some(fen) => Value::Int(fen),
            None => return Err(shape(format!("{n} is not an amount in fen"))),
        },
        Json::Array(items) => Value::List(
            items
                .into_iter()
                .map(|item| match item {
                    Json::String(s) => Ok(Cow::Owned(s)),
                    other => Err(shape(format!("{other} in a list of text"))),
                })
                .collect::<Result<_, _>>()?,
        ),
        other => return Err(shape(format!("unexpected {other}"))),
    })
}

fn into_owned(value: Value<'_>) -> Value<'static> {
    match value {
        Value::Text(s) => Value::Text(Cow::Owned(s.into_owned())),
        Value::Int(i) => Value::Int(i),
        Value::List(items) => Value::List(
            items
                .into_iter()
                .map(|s| Cow::Owned(s.into_owned()))
                .collect(),
        ),
        Value::NoExpiry => Value::NoExpiry,
    }
}

/// The record as listings show it: an object by field name, in layout order.
pub fn to_object(layout: &Layout, values: &[Option<Value<'_>>]) -> Map<String, Json> {
    let mut object = Map::new();
    for (field, value) in layout.fields.iter().zip(values) {
        let Some(value) = value else { continue };
        let (name, json) = match value {
            // Amounts arrive in 万元 and are kept in fen: the name says which.
            Value::Int(i) => match field.name.strip_suffix("_wan") {
                Some(stem) => (format!("{stem}_fen"), Json::from(*i)),
                None => (field.name.to_string(), Json::from(*i)),
            },
            Value::Text(s) => (field.name.to_string(), Json::from(s.as_ref())),
            Value::List(items) => (
                field.name.to_string(),
                Json::Array(items.iter().map(|s| Json::from(s.as_ref())).collect()),
            ),
            Value::NoExpiry => (field.name.to_string(), Json::Null),
        };
        object.insert(name, json);
    }
    object
}

/// The values of a record shown (or stored, before schema version 4) as an
/// object by field name: the inverse of [`to_object`].
pub fn from_object(
    layout: &Layout,
    object: &Map<String, Json>,
) -> Result<Vec<Option<Value<'static>>>, FieldsError> {
    let mut used = 0;
    let values = layout
        .fields
        .iter()
        .map(|field| {
            let fen = field
                .name
                .strip_suffix("_wan")
                .and_then(|stem| object.get(&format!("{stem}_fen")));
            let Some(json) = fen.or_else(|| object.get(field.name)) else {
                return Ok(None);
            };
            used += 1;
            value_of(field.name, json.clone()).map(Some)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if used != object.len() {
        let unknown: Vec<&str> = object
            .keys()
            .filter(|key| {
                !layout.fields.iter().any(|f| {
                    f.name == key.as_str()
                        || f.name
                            .strip_suffix("_wan")
                            .map(|stem| format!("{stem}_fen"))
                            == Some(key.to_string())
                })
            })
            .map(String::as_str)
            .collect();
        return Err(FieldsError::Shape(format!(
            "no field of the {} layout is named {}",
            layout.name,
            unknown.join(", ")
        )));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layout::{LICENSE, PENALTY};

    fn text(s: &str) -> Option<Value<'_>> {
        Some(Value::Text(Cow::Borrowed(s)))
    }

    /// A penalty with every kind of value, and its columns.
    fn penalty() -> (Vec<Option<Value<'static>>>, Columns<'static>) {
        let mut values = vec![None; PENALTY.fields.len()];
        let mut set = |name: &str, value| values[PENALTY.field_id(name).unwrap().index()] = value;
        set("subject_name", text("白城市鑫源商贸有限公司"));
        set("uscc", text("91220802MA0Y5L2K92"));
        set("decision_no", text("洮北市监处罚〔2025〕 12号"));
        set(
            "penalty_categories",
            Some(Value::List(vec!["警告".into(), "罚款".into()])),
        );
        set("fine_wan", Some(Value::Int(200_000)));
        set("decision_date", text("2025-03-14"));
        set("valid_until", Some(Value::NoExpiry));
        set("authority", text("白城市洮北区市场监督管理局"));
        set("authority_uscc", text("11220802MB1A0001XP"));
        set("note", text("长期"));
        let columns = Columns {
            decision_no: "洮北市监处罚〔2025〕12号",
            authority: "白城市洮北区市场监督管理局",
            authority_uscc: "11220802MB1A0001XP",
            decision_date: "2025-03-14",
            valid_until: None,
            fine_fen: Some(200_000),
            confiscated_fen: None,
        };
        (values, columns)
    }

    #[test]
    fn text_is_escaped_as_serde_json_escapes_it() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("罚款\"2000\"元\\〔2025〕");
        for s in [every.as_str(), "", "plain", "末尾\n"] {
            let mut out = String::new();
            json_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn positions_are_pinned() {
        // Stored arrays are read by these positions: append, never reorder.
        let names = |layout: &Layout| layout.fields.iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(
            names(&PENALTY),
            [
                "subject_name",
                "subject_kind",
                "uscc",
                "reg_no",
                "org_code",
                "tax_no",
                "institution_no",
                "social_org_no",
                "legal_rep",
                "legal_rep_id_type",
                "legal_rep_id_no",
                "id_type",
                "id_no",
                "decision_no",
                "violation_type",
                "facts",
                "basis",
                "penalty_categories",
                "content",
                "fine_wan",
                "confiscated_wan",
                "license_revoked",
                "decision_date",
                "valid_until",
                "publicity_until",
                "authority",
                "authority_uscc",
                "source",
                "source_uscc",
                "note",
            ]
        );
        assert_eq!(
            names(&LICENSE),
            [
                "subject_name",
                "subject_kind",
                "uscc",
                "reg_no",
                "org_code",
                "tax_no",
                "institution_no",
                "social_org_no",
                "legal_rep",
                "legal_rep_id_type",
                "legal_rep_id_no",
                "id_type",
                "id_no",
                "decision_document",
                "decision_no",
                "license_category",
                "certificate_name",
                "license_no",
                "content",
                "decision_date",
                "valid_from",
                "valid_until",
                "authority",
                "authority_uscc",
                "status",
                "source",
                "source_uscc",
                "note",
            ]
        );
    }

    #[test]
    fn values_a_column_gives_back_are_stored_once_and_put_back_when_read() {
        let (values, columns) = penalty();
        let encoded = encode(&PENALTY, &values, &columns);
        assert_eq!(
            encoded.stored,
            r#"["白城市鑫源商贸有限公司",null,"91220802MA0Y5L2K92",null,null,null,null,null,null,null,null,null,null,"洮北市监处罚〔2025〕 12号",null,null,null,["警告","罚款"],null,null,null,null,null,"长期",null,null,null,null,null,"长期"]"#
        );
        assert_eq!(
            encoded.full,
            r#"["白城市鑫源商贸有限公司",null,"91220802MA0Y5L2K92",null,null,null,null,null,null,null,null,null,null,"洮北市监处罚〔2025〕 12号",null,null,null,["警告","罚款"],null,200000,null,null,"2025-03-14","长期",null,"白城市洮北区市场监督管理局","11220802MB1A0001XP",null,null,"长期"]"#
        );
        assert_eq!(
            decode(&PENALTY, &encoded.stored, Some(&columns)).unwrap(),
            values
        );
        assert_eq!(decode(&PENALTY, &encoded.full, None).unwrap(), values);
        assert_eq!(full(&values), encoded.full);
    }

    #[test]
    fn trailing_values_not_given_are_left_off() {
        let (mut values, columns) = penalty();
        values[PENALTY.fields.len() - 1] = None;
        let encoded = encode(&PENALTY, &values, &columns);
        assert!(encoded.stored.ends_with(r#""长期"]"#), "{}", encoded.stored);
        assert!(
            encoded.full.ends_with(r#""11220802MB1A0001XP"]"#),
            "{}",
            encoded.full
        );
        assert_eq!(
            decode(&PENALTY, &encoded.stored, Some(&columns)).unwrap(),
            values
        );
    }

    #[test]
    fn no_expiry_and_no_value_stay_apart() {
        let (values, columns) = penalty();
        let mut absent = values.clone();
        absent[PENALTY.field_id("valid_until").unwrap().index()] = None;
        let no_expiry = encode(&PENALTY, &values, &columns);
        let not_given = encode(&PENALTY, &absent, &columns);
        assert_ne!(no_expiry.full, not_given.full);
        assert_eq!(
            decode(&PENALTY, &not_given.stored, Some(&columns)).unwrap(),
            absent
        );
        let shown = to_object(&PENALTY, &values);
        assert_eq!(shown["valid_until"], Json::Null);
        assert!(!to_object(&PENALTY, &absent).contains_key("valid_until"));
        // 长期 is "no expiry" in a date field only.
        assert_eq!(shown["note"], "长期");
    }

    #[test]
    fn a_value_other_than_its_column_is_kept() {
        let (values, mut columns) = penalty();
        columns.authority = "白城市洮北区市场监管局";
        let encoded = encode(&PENALTY, &values, &columns);
        assert!(encoded.stored.contains("白城市洮北区市场监督管理局"));
        assert_eq!(
            decode(&PENALTY, &encoded.stored, Some(&columns)).unwrap(),
            values
        );
    }

    #[test]
    fn the_object_listings_show_converts_back() {
        let (values, _) = penalty();
        let object = to_object(&PENALTY, &values);
        assert_eq!(object["fine_fen"], 200_000);
        assert!(!object.contains_key("fine_wan"));
        assert_eq!(
            object["penalty_categories"],
            serde_json::json!(["警告", "罚款"])
        );
        assert_eq!(
            object.keys().next().map(String::as_str),
            Some("subject_name")
        );
        assert_eq!(from_object(&PENALTY, &object).unwrap(), values);
    }

    #[test]
    fn what_does_not_fit_the_layout_is_refused() {
        let too_long = format!("[{}]", vec!["null"; PENALTY.fields.len() + 1].join(","));
        assert!(matches!(
            decode(&PENALTY, &too_long, None),
            Err(FieldsError::Shape(_))
        ));
        assert!(matches!(
            decode(&PENALTY, "{}", None),
            Err(FieldsError::Json(_))
        ));
        assert!(matches!(
            decode(&PENALTY, "[null,null,true]", None),
            Err(FieldsError::Shape(_))
        ));
        let object = serde_json::json!({"subject_name": "x", "shoe_size": "42"});
        let error = from_object(&PENALTY, object.as_object().unwrap()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "fields: no field of the penalty layout is named shoe_size"
        );
        let object = serde_json::json!({"facts": null});
        assert!(from_object(&PENALTY, object.as_object().unwrap()).is_err());
    }
}
