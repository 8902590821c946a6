//! `fields` as schema versions 3 and 4 stored it, read once more by the
//! migration to version 5 (see [`super::fields`] for the form since).
//!
//! - Version 3: a JSON object by field name, as listings still show a
//!   record (amounts under `*_fen`, no expiry as `null`).
//! - Version 4: a JSON array by layout position, `null` where the file gave
//!   no value; in `record`, also `null` where the row's own column
//!   (decision number, authority and its USCC, decision date, valid until,
//!   amounts) gives the value back.
//!
//! In both, values are strings, amounts integers in fen, lists (处罚类别)
//! arrays of strings, and a date field's "no expiry" `"长期"`.

use std::borrow::Cow;

use serde_json::{Map, Value as Json};

use super::fields::{Columns, FieldsError, NO_EXPIRY, Value, may_not_expire};
use crate::ingest::layout::Layout;

/// The values of a `fields` written before version 5, in either form; in an
/// array, a `null` is given back by the row's own column when `columns` has
/// a value for it.
pub fn decode(
    layout: &Layout,
    fields: &str,
    columns: Option<&Columns<'_>>,
) -> Result<Vec<Option<Value<'static>>>, FieldsError> {
    let array = match serde_json::from_str(fields)? {
        Json::Object(object) => return from_object(layout, &object),
        Json::Array(array) => array,
        other => {
            return Err(FieldsError::Shape(format!(
                "neither an object nor an array: {other}"
            )));
        }
    };
    if array.len() > layout.fields.len() {
        return Err(FieldsError::too_many(layout, array.len()));
    }
    let mut array = array.into_iter();
    layout
        .fields
        .iter()
        .map(|field| match array.next().unwrap_or(Json::Null) {
            Json::Null => Ok(columns
                .and_then(|c| c.own(field.name))
                .map(Value::into_owned)),
            json => value_of(field.name, json).map(Some),
        })
        .collect()
}

/// The values of a record stored (before schema version 4) as an object
/// by field name, the way listings show it.
fn from_object(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layout::PENALTY;
    use crate::records::fields::tests::penalty;
    use crate::records::fields::to_object;

    /// A penalty as version 4 stored it in `record` and in
    /// `record_history`, its columns, and its values. Version 4 did not
    /// give the data source unit back from the authority's columns, and
    /// this penalty has none.
    fn version_4() -> (
        &'static str,
        &'static str,
        Columns<'static>,
        Vec<Option<Value<'static>>>,
    ) {
        let stored = r#"["白城市鑫源商贸有限公司",null,"91220802MA0Y5L2K92",null,null,null,null,null,null,null,null,null,null,"洮北市监处罚〔2025〕 12号",null,null,null,["警告","罚款"],null,null,null,null,null,"长期",null,null,null,null,null,"长期"]"#;
        let full = r#"["白城市鑫源商贸有限公司",null,"91220802MA0Y5L2K92",null,null,null,null,null,null,null,null,null,null,"洮北市监处罚〔2025〕 12号",null,null,null,["警告","罚款"],null,200000,null,null,"2025-03-14","长期",null,"白城市洮北区市场监督管理局","11220802MB1A0001XP",null,null,"长期"]"#;
        let (mut values, columns) = penalty();
        for name in ["source", "source_uscc"] {
            values[PENALTY.field_id(name).unwrap().index()] = None;
        }
        (stored, full, columns, values)
    }

    #[test]
    fn a_version_4_array_reads_with_its_columns_put_back() {
        let (stored, full, columns, values) = version_4();
        assert_eq!(decode(&PENALTY, stored, Some(&columns)).unwrap(), values);
        assert_eq!(decode(&PENALTY, full, None).unwrap(), values);
    }

    #[test]
    fn a_version_3_object_reads_as_listings_show_it() {
        let (_, _, _, values) = version_4();
        let object = Json::Object(to_object(&PENALTY, &values)).to_string();
        assert!(object.contains(r#""fine_fen":200000"#), "{object}");
        assert_eq!(decode(&PENALTY, &object, None).unwrap(), values);
    }

    #[test]
    fn what_does_not_fit_the_layout_is_refused() {
        let too_long = format!("[{}]", vec!["null"; PENALTY.fields.len() + 1].join(","));
        assert!(matches!(
            decode(&PENALTY, &too_long, None),
            Err(FieldsError::Shape(_))
        ));
        assert!(matches!(
            decode(&PENALTY, "{", None),
            Err(FieldsError::Json(_))
        ));
        assert!(matches!(
            decode(&PENALTY, "[null,null,true]", None),
            Err(FieldsError::Shape(_))
        ));
        assert!(matches!(
            decode(&PENALTY, "\"text\"", None),
            Err(FieldsError::Shape(_))
        ));
        let error = decode(
            &PENALTY,
            r#"{"subject_name": "x", "shoe_size": "42"}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "fields: no field of the penalty layout is named shoe_size"
        );
        assert!(decode(&PENALTY, r#"{"facts": null}"#, None).is_err());
    }
}
