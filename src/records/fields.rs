//! A record's values as the store keeps them in `fields`.
//!
//! `fields` holds the values in the order of the record's layout
//! (`ingest::layout`), one after the other with U+001F (unit separator)
//! between them: position `i` holds the value of the layout's field `i`, and
//! is empty where the file gave none; trailing empty positions are left off.
//! The layout names the positions, so its fields may be appended to but
//! never reordered (`positions_are_pinned` below fails if they are).
//!
//! A value is written without quotes:
//! - text as it is, with U+001B (escape) before any of U+001B, U+001D,
//!   U+001E and U+001F it holds;
//! - an amount (the `*_wan` fields) in integer fen;
//! - a list (处罚类别) as its items, each after a U+001E (record separator);
//! - a date field's "no expiry" (2099-12-31 / 长期) as `长期`.
//!
//! In `record`, a value the row's columns give back exactly is written as a
//! lone U+001D (group separator), so that it is not stored twice: the
//! decision number, the authority and its USCC, the decision date, valid
//! until and the amounts from their own columns, and the data source unit
//! (数据来源单位) and its USCC from the authority's, since a department most
//! often reports its own decisions. `record_history` keeps every value in
//! place, since a former version's columns are not kept.
//!
//! The content hash is the SHA-256 of the values with every value in place,
//! so what is stored can always be checked against it. Before schema
//! version 5, `fields` was JSON (see [`super::legacy_fields`]); the
//! separators take a third less room than JSON's quotes and `null`s.
//! Listings show the record as an object by field name, amounts under
//! `*_fen`, and no expiry as `null`.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

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

impl Value<'_> {
    /// The same value, holding its own text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
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
}

/// How "no expiry" is stored.
pub(super) const NO_EXPIRY: &str = "长期";

/// Between two positions.
const UNIT: char = '\u{1f}';
/// Before each item of a list.
const ITEM: char = '\u{1e}';
/// Alone at a position: the value is the one the row's columns give back.
const COLUMN: &str = "\u{1d}";
/// Before a character of the text that is one of these four.
const ESCAPE: char = '\u{1b}';

/// Whether `b` is one of the four marks, which text escapes.
fn is_special(b: u8) -> bool {
    matches!(b, 0x1b | 0x1d..=0x1f)
}

/// Whether `bytes` holds a byte below 0x20, as every mark is: eight bytes
/// at a time, since values are mostly short and rarely hold any.
fn below_space(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Some byte of `x` is below 0x20 exactly when this is not zero
    // ("determine if a word has a byte less than n", Bit Twiddling Hacks).
    let any_below = |x: u64| x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0;
    let mut chunks = bytes.chunks_exact(8);
    if chunks
        .by_ref()
        .any(|c| any_below(u64::from_ne_bytes(c.try_into().expect("8 bytes"))))
    {
        return true;
    }
    let mut last = [b' '; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    any_below(u64::from_ne_bytes(last))
}

/// Date fields that may say "no expiry".
pub(super) fn may_not_expire(field: &str) -> bool {
    matches!(field, "valid_from" | "valid_until" | "publicity_until")
}

/// Fields holding an amount, kept in fen.
fn is_amount(field: &str) -> bool {
    field.ends_with("_wan")
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

/// One of [`Columns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    DecisionNo,
    Authority,
    AuthorityUscc,
    DecisionDate,
    ValidUntil,
    Fine,
    Confiscated,
}

impl Column {
    /// The column holding `field`'s value, when it has one of its own.
    fn own(field: &str) -> Option<Column> {
        Some(match field {
            "decision_no" => Column::DecisionNo,
            "authority" => Column::Authority,
            "authority_uscc" => Column::AuthorityUscc,
            "decision_date" => Column::DecisionDate,
            "valid_until" => Column::ValidUntil,
            "fine_wan" => Column::Fine,
            "confiscated_wan" => Column::Confiscated,
            _ => return None,
        })
    }

    /// The column that gives `field`'s value back: its own, and for the
    /// data source unit and its USCC, the authority's.
    fn giving_back(field: &str) -> Option<Column> {
        match field {
            "source" => Some(Column::Authority),
            "source_uscc" => Some(Column::AuthorityUscc),
            _ => Column::own(field),
        }
    }
}

impl<'a> Columns<'a> {
    /// The value of `field`'s own column, when it has one.
    pub(super) fn own(&self, field: &str) -> Option<Value<'a>> {
        self.value(Column::own(field)?)
    }

    /// The value the columns give back for `field` (see [`Column::giving_back`]).
    fn gives_back(&self, field: &str) -> Option<Value<'a>> {
        self.value(Column::giving_back(field)?)
    }

    fn value(&self, column: Column) -> Option<Value<'a>> {
        let text = |s: &'a str| Some(Value::Text(Cow::Borrowed(s)));
        match column {
            Column::DecisionNo => text(self.decision_no),
            Column::Authority => text(self.authority),
            Column::AuthorityUscc => text(self.authority_uscc),
            Column::DecisionDate => text(self.decision_date),
            Column::ValidUntil => self.valid_until.and_then(text),
            Column::Fine => self.fine_fen.map(Value::Int),
            Column::Confiscated => self.confiscated_fen.map(Value::Int),
        }
    }
}

/// A record's values written as `fields`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    /// For `record.fields`: values the columns give back as a mark.
    pub stored: String,
    /// Every value in place: for `record_history.fields` and the content hash.
    pub full: String,
}

/// Writes `values` (one per field of `layout`, in its order) as `fields`.
pub fn encode(layout: &Layout, values: &[Option<Value<'_>>], columns: &Columns<'_>) -> Encoded {
    Encoder::new(layout).encode(values, columns)
}

/// Writes the values of one layout as `fields`, row after row: which column
/// gives each field back is worked out once.
#[derive(Debug, Clone)]
pub struct Encoder {
    giving_back: Vec<Option<Column>>,
}

impl Encoder {
    pub fn new(layout: &Layout) -> Encoder {
        Encoder {
            giving_back: layout
                .fields
                .iter()
                .map(|f| Column::giving_back(f.name))
                .collect(),
        }
    }

    /// Writes `values` (one per field of the layout, in its order).
    pub fn encode(&self, values: &[Option<Value<'_>>], columns: &Columns<'_>) -> Encoded {
        debug_assert_eq!(values.len(), self.giving_back.len());
        let mut full = Positions::new();
        let mut stored = Positions::new();
        for (column, value) in self.giving_back.iter().zip(values) {
            let value = value.as_ref();
            // Each value is written once; the stored form copies its text.
            let written = full.push(value);
            let given_back = match (column, value) {
                (Some(column), Some(value)) => columns.value(*column).as_ref() == Some(value),
                _ => false,
            };
            if given_back {
                stored.push_written(COLUMN);
            } else {
                stored.push_written(&full.out[written]);
            }
        }
        Encoded {
            stored: stored.finish(),
            full: full.finish(),
        }
    }
}

/// Writes `values` with every value in place: `record_history.fields`.
pub fn full(values: &[Option<Value<'_>>]) -> String {
    let mut positions = Positions::new();
    for value in values {
        positions.push(value.as_ref());
    }
    positions.finish()
}

/// Values written position by position, trailing empty ones left off.
struct Positions {
    out: String,
    /// Length up to the last value written.
    kept: usize,
    /// Positions written, empty ones included.
    len: usize,
}

impl Positions {
    fn new() -> Positions {
        Positions {
            out: String::with_capacity(512),
            kept: 0,
            len: 0,
        }
    }

    fn next_position(&mut self) {
        if self.len > 0 {
            self.out.push(UNIT);
        }
        self.len += 1;
    }

    /// Writes `value`; returns where it stands in `out`.
    fn push(&mut self, value: Option<&Value<'_>>) -> Range<usize> {
        self.next_position();
        let start = self.out.len();
        let out = &mut self.out;
        match value {
            None => return start..start,
            Some(Value::Text(s)) => text(out, s),
            Some(Value::Int(i)) => write!(out, "{i}").expect("writing to memory"),
            Some(Value::NoExpiry) => out.push_str(NO_EXPIRY),
            Some(Value::List(items)) => {
                for item in items {
                    out.push(ITEM);
                    text(out, item);
                }
            }
        }
        debug_assert!(self.out.len() > start, "an empty value is no value");
        self.kept = self.out.len();
        start..self.kept
    }

    /// Writes a value already written, or an empty position.
    fn push_written(&mut self, written: &str) {
        self.next_position();
        if !written.is_empty() {
            self.out.push_str(written);
            self.kept = self.out.len();
        }
    }

    fn finish(mut self) -> String {
        self.out.truncate(self.kept);
        self.out
    }
}

/// Writes `s`, escaping the characters that mark positions, items and
/// columns. This runs for every value of every row: most have none.
fn text(out: &mut String, s: &str) {
    if !below_space(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        if u8::try_from(c).is_ok_and(is_special) {
            out.push(ESCAPE);
        }
        out.push(c);
    }
}

/// Why a stored `fields` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("fields are not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("fields: {0}")]
    Shape(String),
}

impl FieldsError {
    /// `count` values, more than `layout` has fields.
    pub(super) fn too_many(layout: &Layout, count: usize) -> FieldsError {
        FieldsError::Shape(format!(
            "{count} values for the {} fields of the {} layout",
            layout.fields.len(),
            layout.name
        ))
    }
}

/// The values of a stored `fields` (`record` or `record_history`), a
/// column's value put back where it is marked.
pub fn decode(
    layout: &Layout,
    fields: &str,
    columns: Option<&Columns<'_>>,
) -> Result<Vec<Option<Value<'static>>>, FieldsError> {
    let positions = cut(fields, UNIT);
    if positions.len() > layout.fields.len() {
        return Err(FieldsError::too_many(layout, positions.len()));
    }
    let mut positions = positions.into_iter();
    layout
        .fields
        .iter()
        .map(|field| match positions.next().unwrap_or("") {
            "" => Ok(None),
            COLUMN => columns
                .and_then(|c| c.gives_back(field.name))
                .map(|v| Some(v.into_owned()))
                .ok_or_else(|| {
                    FieldsError::Shape(format!(
                        "{}: marked as its column's value, but no column holds one",
                        field.name
                    ))
                }),
            written => value_of(field.name, written).map(Some),
        })
        .collect()
}

/// A value of `field` as written at its position.
fn value_of(field: &str, written: &str) -> Result<Value<'static>, FieldsError> {
    if let Some(items) = written.strip_prefix(ITEM) {
        return Ok(Value::List(
            cut(items, ITEM).into_iter().map(unescape).collect(),
        ));
    }
    if is_amount(field) {
        return match written.parse() {
            Ok(fen) => Ok(Value::Int(fen)),
            Err(_) => Err(FieldsError::Shape(format!(
                "{field}: {written:?} is not an amount in fen"
            ))),
        };
    }
    if written == NO_EXPIRY && may_not_expire(field) {
        return Ok(Value::NoExpiry);
    }
    Ok(Value::Text(unescape(written)))
}

/// `s` cut at each `mark` that is not escaped. Every mark is ASCII, so each
/// cut falls between characters.
fn cut(s: &str, mark: char) -> Vec<&str> {
    let (bytes, mark) = (s.as_bytes(), mark as u8);
    let mut parts = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b if b == ESCAPE as u8 => i += 2,
            b if b == mark => {
                parts.push(&s[start..i]);
                start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Written text as it was: each escape dropped, the character after it kept.
fn unescape(s: &str) -> Cow<'static, str> {
    if !s.contains(ESCAPE) {
        return Cow::Owned(s.to_owned());
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == ESCAPE {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ingest::layout::{LICENSE, PENALTY};

    #[test]
    fn a_byte_below_space_is_found_at_any_place_in_any_length() {
        for len in 0..=17 {
            assert!(!below_space(&vec![b'a'; len]));
            assert!(!below_space("一二三四五六".repeat(len).as_bytes()));
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'~'; len];
                    bytes[at] = b;
                    assert_eq!(below_space(&bytes), b < 0x20, "{b:#x} at {at} of {len}");
                }
            }
        }
    }

    fn text(s: &str) -> Option<Value<'_>> {
        Some(Value::Text(Cow::Borrowed(s)))
    }

    /// A penalty with every kind of value, and its columns.
    pub(in crate::records) fn penalty() -> (Vec<Option<Value<'static>>>, Columns<'static>) {
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
        set("source", text("白城市洮北区市场监督管理局"));
        set("source_uscc", text("11220802MB1A0001XP"));
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
    fn positions_are_pinned() {
        // Stored values are read by these positions: append, never reorder.
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

    /// `fields` with its marks made visible: | between positions, + before
    /// an item, = for a column's value, \ for an escape.
    fn shown(fields: &str) -> String {
        fields
            .replace('\u{1b}', "\\")
            .replace('\u{1d}', "=")
            .replace('\u{1e}', "+")
            .replace('\u{1f}', "|")
    }

    #[test]
    fn values_a_column_gives_back_are_stored_once_and_put_back_when_read() {
        let (values, columns) = penalty();
        let encoded = encode(&PENALTY, &values, &columns);
        assert_eq!(
            shown(&encoded.stored),
            "白城市鑫源商贸有限公司||91220802MA0Y5L2K92|||||||||||洮北市监处罚〔2025〕 12号||||+警告+罚款||=|||=|长期||=|=|=|=|长期"
        );
        assert_eq!(
            shown(&encoded.full),
            "白城市鑫源商贸有限公司||91220802MA0Y5L2K92|||||||||||洮北市监处罚〔2025〕 12号||||+警告+罚款||200000|||2025-03-14|长期||白城市洮北区市场监督管理局|11220802MB1A0001XP|白城市洮北区市场监督管理局|11220802MB1A0001XP|长期"
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
        assert!(
            shown(&encoded.stored).ends_with("|=|=|="),
            "{}",
            encoded.stored
        );
        assert!(
            encoded.full.ends_with("11220802MB1A0001XP"),
            "{}",
            encoded.full
        );
        assert_eq!(
            decode(&PENALTY, &encoded.stored, Some(&columns)).unwrap(),
            values
        );
        let nothing = vec![None; PENALTY.fields.len()];
        assert_eq!(full(&nothing), "");
        assert_eq!(decode(&PENALTY, "", None).unwrap(), nothing);
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
        // Both the authority and the data source unit, which named it.
        assert_eq!(
            encoded.stored.matches("白城市洮北区市场监督管理局").count(),
            2
        );
        assert_eq!(
            decode(&PENALTY, &encoded.stored, Some(&columns)).unwrap(),
            values
        );
    }

    #[test]
    fn a_data_source_unit_not_given_is_not_taken_for_the_authority() {
        // In a licence the data source unit is optional: its empty position
        // must not read back as the authority its column holds.
        let mut values = vec![None; LICENSE.fields.len()];
        let mut set = |name: &str, value| values[LICENSE.field_id(name).unwrap().index()] = value;
        set("subject_name", text("白城市鑫源商贸有限公司"));
        set("decision_no", text("洮北市监许〔2025〕3号"));
        set("authority", text("白城市洮北区市场监督管理局"));
        set("authority_uscc", text("11220802MB1A0001XP"));
        let columns = Columns {
            decision_no: "洮北市监许〔2025〕3号",
            authority: "白城市洮北区市场监督管理局",
            authority_uscc: "11220802MB1A0001XP",
            decision_date: "2025-03-14",
            valid_until: None,
            fine_fen: None,
            confiscated_fen: None,
        };
        let encoded = encode(&LICENSE, &values, &columns);
        assert_eq!(
            shown(&encoded.stored),
            "白城市鑫源商贸有限公司||||||||||||||=||||||||=|="
        );
        let read = decode(&LICENSE, &encoded.stored, Some(&columns)).unwrap();
        assert_eq!(read, values);
        assert_eq!(read[LICENSE.field_id("source").unwrap().index()], None);
    }

    #[test]
    fn text_holding_the_marks_reads_back_as_it_was() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("罚款\"2000\"元\\〔2025〕");
        let (mut values, columns) = penalty();
        for s in [
            every.as_str(),
            "\u{1d}",
            "\u{1e}警告",
            "末尾\u{1b}",
            "\u{1f}",
        ] {
            values[PENALTY.field_id("facts").unwrap().index()] = text(s);
            values[PENALTY.field_id("penalty_categories").unwrap().index()] =
                Some(Value::List(vec![s.into(), "罚款".into(), s.into()]));
            let encoded = encode(&PENALTY, &values, &columns);
            assert_eq!(
                decode(&PENALTY, &encoded.stored, Some(&columns)).unwrap(),
                values,
                "{}",
                shown(&encoded.stored)
            );
            assert_eq!(decode(&PENALTY, &encoded.full, None).unwrap(), values);
        }
    }

    #[test]
    fn the_object_listings_show_names_amounts_in_fen() {
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
    }

    #[test]
    fn what_does_not_fit_the_layout_is_refused() {
        let too_long = "\u{1f}".repeat(PENALTY.fields.len());
        let error = decode(&PENALTY, &too_long, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "fields: 31 values for the 30 fields of the penalty layout"
        );
        let not_fen = format!("{}x", "\u{1f}".repeat(19));
        let error = decode(&PENALTY, &not_fen, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "fields: fine_wan: \"x\" is not an amount in fen"
        );
        // A column's mark where there is no column to read it from.
        let error = decode(&PENALTY, "\u{1d}", None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "fields: subject_name: marked as its column's value, but no column holds one"
        );
    }
}
