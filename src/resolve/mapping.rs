//! The official old-code to USCC table: validating its rows and storing
//! them without ever writing one USCC over another.

use rusqlite::{Connection, OptionalExtension, params};

use crate::codes::{self, CodeKind, OrgCode, RegNo, Uscc};
use crate::ingest::headers::HeaderMap;
use crate::ingest::layout::MappingField;
use crate::ingest::reader::Row;
use crate::ingest::validate::Problem;
use crate::ingest::values::parse_date;

/// One old code and the USCC it maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub old_kind: &'static str,
    pub old_code: String,
    pub uscc: String,
    pub name: Option<String>,
    pub source: Option<String>,
    pub mapped_on: Option<String>,
}

/// What storing a mapping did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    Inserted,
    Unchanged,
    /// The store maps the old code to another USCC; the new one was kept
    /// aside as a conflict.
    Conflict {
        existing: String,
    },
}

/// Validates mapping rows: the old code by its kind's check, the USCC by both of its checks.
pub struct MappingValidator<'h> {
    headers: &'h [String],
    map: &'h HeaderMap,
}

impl<'h> MappingValidator<'h> {
    pub fn new(headers: &'h [String], map: &'h HeaderMap) -> Self {
        MappingValidator { headers, map }
    }

    fn column(&self, field: MappingField) -> String {
        match self.map.index(field).and_then(|c| self.headers.get(c)) {
            Some(h) => h.trim().to_string(),
            None => field.field().chinese.to_string(),
        }
    }

    /// The row's mappings (one per old-code column filled); `Err` carries every problem.
    pub fn validate(&self, row: &Row) -> Result<Vec<Mapping>, Vec<Problem>> {
        let mut problems = Vec::new();
        let value = |f: MappingField| self.map.value(row, f).trim();
        let mut problem = |f: MappingField, v: &str, reason: String| {
            problems.push(Problem {
                column: self.column(f),
                value: v.to_string(),
                reason,
            })
        };
        let uscc_text = value(MappingField::Uscc);
        let uscc = match Uscc::parse(&codes::normalize(uscc_text).value) {
            _ if uscc_text.is_empty() => {
                problem(MappingField::Uscc, "", "required value is empty".into());
                None
            }
            Ok(u) => Some(u),
            Err(e) => {
                problem(
                    MappingField::Uscc,
                    uscc_text,
                    format!("not a valid unified social credit code: {e}"),
                );
                None
            }
        };
        let mut old = Vec::new();
        let mut old_rejected = false;
        for field in [
            MappingField::OldCode,
            MappingField::OrgCode,
            MappingField::RegNo,
            MappingField::TaxNo,
        ] {
            let text = value(field);
            if text.is_empty() {
                continue;
            }
            match old_code(field, text) {
                Ok(code) => old.push(code),
                Err(reason) => {
                    old_rejected = true;
                    problem(field, text, reason)
                }
            }
        }
        if old.is_empty() && !old_rejected {
            problem(
                MappingField::OldCode,
                "",
                "no old code: fill the organization code, registration number or tax number".into(),
            );
        }
        let mapped_on_text = value(MappingField::MappedOn);
        let mapped_on = if mapped_on_text.is_empty() {
            None
        } else {
            match parse_date(mapped_on_text) {
                Ok(d) => Some(d.to_string()),
                Err(reason) => {
                    problem(MappingField::MappedOn, mapped_on_text, reason);
                    None
                }
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let uscc = uscc.expect("checked above");
        let text = |f: MappingField| Some(value(f).to_string()).filter(|s| !s.is_empty());
        Ok(old
            .into_iter()
            .map(|(old_kind, old_code)| Mapping {
                old_kind,
                old_code,
                uscc: uscc.as_str().to_string(),
                name: text(MappingField::Name),
                source: text(MappingField::Source),
                mapped_on: mapped_on.clone(),
            })
            .collect())
    }
}

/// An old code, checked: the column says its kind, or its shape does for
/// the generic old-code column.
fn old_code(field: MappingField, text: &str) -> Result<(&'static str, String), String> {
    let code = codes::normalize(text).value;
    let kind = match field {
        MappingField::OrgCode => CodeKind::OrgCode,
        MappingField::RegNo => CodeKind::RegNo,
        MappingField::TaxNo => CodeKind::Unknown,
        _ => codes::detect(&code),
    };
    match kind {
        CodeKind::OrgCode => OrgCode::parse(&code)
            .map(|c| ("org_code", c.as_str().to_string()))
            .map_err(|e| format!("not a valid organization code: {e}")),
        CodeKind::RegNo => RegNo::parse(&code)
            .map(|c| ("reg_no", c.as_str().to_string()))
            .map_err(|e| format!("not a valid registration number: {e}")),
        CodeKind::Uscc if field == MappingField::OldCode => {
            Err("is a unified social credit code, not an old code".into())
        }
        _ if super::is_tax_no(&code) => Ok(("tax_no", code)),
        _ => Err(
            "not an old code (a 9-character organization code, 15-digit registration number or 15–20 character tax number)"
                .into(),
        ),
    }
}

/// Stores a mapping. An old code already mapped to another USCC is not
/// overwritten: the new pair is recorded as a conflict.
pub fn store(conn: &Connection, m: &Mapping, today: &str) -> rusqlite::Result<Stored> {
    let existing: Option<String> = conn
        .prepare_cached("SELECT uscc FROM code_mapping WHERE old_code = ?1")?
        .query_row([&m.old_code], |r| r.get(0))
        .optional()?;
    match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO code_mapping (old_code, old_kind, uscc, name, source, mapped_on, imported_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                m.old_code, m.old_kind, m.uscc, m.name, m.source, m.mapped_on, today
            ])?;
            Ok(Stored::Inserted)
        }
        Some(uscc) if uscc == m.uscc => Ok(Stored::Unchanged),
        Some(existing) => {
            conn.prepare_cached(
                "INSERT OR IGNORE INTO code_mapping_conflict (old_code, uscc, name, source, found_on) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![m.old_code, m.uscc, m.name, m.source, today])?;
            Ok(Stored::Conflict { existing })
        }
    }
}

/// A recorded conflict: an old code with more than one USCC.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    pub old_code: String,
    pub usccs: Vec<String>,
}

/// Every old code with conflicting USCCs.
pub fn conflicts(conn: &Connection) -> rusqlite::Result<Vec<Conflict>> {
    let mut stmt = conn.prepare(
        "SELECT c.old_code, m.uscc, group_concat(c.uscc, ' ') FROM code_mapping_conflict c \
         JOIN code_mapping m ON m.old_code = c.old_code GROUP BY c.old_code ORDER BY c.old_code",
    )?;
    stmt.query_map([], |r| {
        let mapped: String = r.get(1)?;
        let others: String = r.get(2)?;
        let mut usccs = vec![mapped];
        usccs.extend(others.split(' ').map(str::to_string));
        Ok(Conflict {
            old_code: r.get(0)?,
            usccs,
        })
    })?
    .collect()
}
