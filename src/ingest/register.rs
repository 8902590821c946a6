//! Row validation for the registration authority's register of subjects.

use super::headers::HeaderMap;
use super::layout::SubjectField;
use super::reader::Row;
use super::validate::Problem;
use super::values::{SubjectKind, split_names};
use crate::codes::{self, OrgCode, RegNo, Uscc};
use crate::subjects::Identifier;

/// A register row that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterEntry {
    pub kind: SubjectKind,
    pub name: String,
    /// The USCC first, then the old codes given.
    pub identifiers: Vec<Identifier>,
    pub legal_rep: Option<String>,
    pub division: Option<String>,
    pub former_names: Vec<String>,
}

/// Validates register rows.
pub struct RegisterValidator<'h> {
    headers: &'h [String],
    map: &'h HeaderMap,
}

impl<'h> RegisterValidator<'h> {
    pub fn new(headers: &'h [String], map: &'h HeaderMap) -> Self {
        RegisterValidator { headers, map }
    }

    fn column(&self, field: SubjectField) -> String {
        match self.map.index(field).and_then(|c| self.headers.get(c)) {
            Some(h) => h.trim().to_string(),
            None => field.field().chinese.to_string(),
        }
    }

    /// Checks one row; `Err` carries every problem found in it.
    pub fn validate(&self, row: &Row) -> Result<RegisterEntry, Vec<Problem>> {
        let mut problems = Vec::new();
        let value = |f: SubjectField| self.map.value(row, f).trim();
        let mut problem = |f: SubjectField, v: &str, reason: String| {
            problems.push(Problem {
                column: self.column(f),
                value: v.to_string(),
                reason,
            })
        };
        let name = value(SubjectField::Name);
        if name.is_empty() {
            problem(SubjectField::Name, "", "required value is empty".into());
        }
        let mut identifiers = Vec::new();
        let uscc_text = value(SubjectField::Uscc);
        let uscc = if uscc_text.is_empty() {
            problem(SubjectField::Uscc, "", "required value is empty".into());
            None
        } else {
            match Uscc::parse(&codes::normalize(uscc_text).value) {
                Ok(u) => {
                    identifiers.push(Identifier {
                        kind: "uscc",
                        value: u.as_str().into(),
                    });
                    Some(u)
                }
                Err(e) => {
                    problem(
                        SubjectField::Uscc,
                        uscc_text,
                        format!("not a valid unified social credit code: {e}"),
                    );
                    None
                }
            }
        };
        let kind_text = value(SubjectField::SubjectKind);
        let kind = if kind_text.is_empty() {
            // The USCC says it: entity type 92 is an individual business.
            Some(match uscc.as_ref().map(|u| u.entity_type()) {
                Some("92") => SubjectKind::Individual,
                _ => SubjectKind::Legal,
            })
        } else {
            match SubjectKind::parse(kind_text) {
                Ok(SubjectKind::NaturalPerson) => {
                    problem(
                        SubjectField::SubjectKind,
                        kind_text,
                        "the register lists organisations and individual businesses, not natural persons".into(),
                    );
                    None
                }
                Ok(k) => Some(k),
                Err(reason) => {
                    problem(SubjectField::SubjectKind, kind_text, reason);
                    None
                }
            }
        };
        let org_text = value(SubjectField::OrgCode);
        if !org_text.is_empty() {
            match OrgCode::parse(&codes::normalize(org_text).value) {
                Ok(c) => identifiers.push(Identifier {
                    kind: "org_code",
                    value: c.as_str().into(),
                }),
                Err(e) => problem(
                    SubjectField::OrgCode,
                    org_text,
                    format!("not a valid organization code: {e}"),
                ),
            }
        }
        let reg_text = value(SubjectField::RegNo);
        if !reg_text.is_empty() {
            match RegNo::parse(&codes::normalize(reg_text).value) {
                Ok(c) => identifiers.push(Identifier {
                    kind: "reg_no",
                    value: c.as_str().into(),
                }),
                Err(e) => problem(
                    SubjectField::RegNo,
                    reg_text,
                    format!("not a valid registration number: {e}"),
                ),
            }
        }
        let tax_text = value(SubjectField::TaxNo);
        if !tax_text.is_empty() {
            let n = codes::normalize(tax_text).value;
            if (15..=20).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_alphanumeric()) {
                identifiers.push(Identifier {
                    kind: "tax_no",
                    value: n,
                });
            } else {
                problem(
                    SubjectField::TaxNo,
                    tax_text,
                    "a tax registration number has 15 to 20 letters and digits".into(),
                );
            }
        }
        let division_text = value(SubjectField::Division);
        let division = if division_text.is_empty() {
            uscc.as_ref().map(|u| u.division().to_string())
        } else if division_text.len() == 6 && division_text.bytes().all(|b| b.is_ascii_digit()) {
            Some(division_text.to_string())
        } else {
            problem(
                SubjectField::Division,
                division_text,
                "a division code has 6 digits (GB/T 2260)".into(),
            );
            None
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let legal_rep = value(SubjectField::LegalRep);
        Ok(RegisterEntry {
            kind: kind.expect("checked above"),
            name: name.to_string(),
            identifiers,
            legal_rep: (!legal_rep.is_empty()).then(|| legal_rep.to_string()),
            division,
            former_names: split_names(value(SubjectField::FormerNames))
                .into_iter()
                .map(str::to_string)
                .filter(|n| !n.is_empty() && n != name)
                .collect(),
        })
    }
}
