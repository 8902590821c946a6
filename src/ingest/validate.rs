//! Row validation for 双公示 records: every value checked and normalised,
//! every failure a [`Problem`] naming the column, the value and the reason.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::headers::HeaderMap;
use super::layout::{Layout, RecordKind, Required};
use super::reader::Row;
use super::values::{
    IdType, LicenseCategory, LicenseStatus, SubjectKind, is_iso_date, iso_date, may_be_whitespace,
    parse_date, parse_expiry, parse_penalty_categories, parse_wan_to_fen, trim,
};
use crate::codes::{self, CodeKind, OrgCode, RegNo, ResidentId, Uscc};
use crate::records::ContentHash;
use crate::records::fields::{self, Value};
use crate::subjects::{CodeKey, Identifier};

/// The USCC column's "no code" placeholder, used for individual businesses.
pub const NO_USCC: &str = "00000000000000000X";

/// One failed check in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The column's header as written in the file (its Chinese name when the file lacks it).
    pub column: String,
    pub value: String,
    pub reason: String,
}

impl Problem {
    /// A problem with the row as a whole rather than with a value of it.
    pub fn of_row(reason: String) -> Problem {
        Problem {
            column: String::new(),
            value: String::new(),
            reason,
        }
    }
}

/// A row that passed every check, normalised.
#[derive(Debug, Clone)]
pub struct ValidRecord {
    pub kind: RecordKind,
    pub authority_uscc: String,
    pub decision_no: String,
    pub authority: String,
    /// YYYY-MM-DD, as stored: formatted here, with the checking.
    pub decision_date: String,
    /// YYYY-MM-DD; `None` when not given or without expiry.
    pub valid_until: Option<String>,
    pub fine_fen: Option<i64>,
    pub confiscated_fen: Option<i64>,
    pub subject_kind: SubjectKind,
    pub subject_name: String,
    /// Most authoritative first.
    pub identifiers: Vec<Identifier>,
    pub legal_rep: Option<String>,
    /// The row's normalised values as `record.fields` stores them (see
    /// [`crate::records::fields`]).
    pub fields: String,
    /// SHA-256 of every value (`fields` with the values its columns stand
    /// in for put back): same identity and same hash is the same record.
    pub content_hash: ContentHash,
    /// The key the identity is found by (records::identity).
    pub identity: i64,
}

/// Validates rows of one file against one layout.
pub struct RecordValidator<'h> {
    kind: RecordKind,
    layout: &'static Layout,
    headers: &'h [String],
    map: &'h HeaderMap,
    today: NaiveDate,
    /// Each field's column in the file.
    col: Places,
    /// Each field's index in the layout.
    slot: Places,
    encoder: fields::Encoder,
}

/// Where each field validation treats specially stands: its column in the
/// file (see [`RecordValidator::col`]) or its index in the layout, where
/// its normalised value goes (see [`RecordValidator::slot`]). Worked out
/// once, rather than by name for every row.
struct Places {
    subject_name: Option<usize>,
    subject_kind: Option<usize>,
    uscc: Option<usize>,
    reg_no: Option<usize>,
    org_code: Option<usize>,
    tax_no: Option<usize>,
    institution_no: Option<usize>,
    social_org_no: Option<usize>,
    legal_rep: Option<usize>,
    legal_rep_id_type: Option<usize>,
    legal_rep_id_no: Option<usize>,
    id_type: Option<usize>,
    id_no: Option<usize>,
    decision_no: Option<usize>,
    decision_date: Option<usize>,
    valid_from: Option<usize>,
    valid_until: Option<usize>,
    publicity_until: Option<usize>,
    authority: Option<usize>,
    authority_uscc: Option<usize>,
    source_uscc: Option<usize>,
    fine_wan: Option<usize>,
    confiscated_wan: Option<usize>,
    penalty_categories: Option<usize>,
    license_category: Option<usize>,
    status: Option<usize>,
}

impl Places {
    /// Each field's place, as `place` finds it by name.
    fn new(place: impl Fn(&str) -> Option<usize>) -> Places {
        Places {
            subject_name: place("subject_name"),
            subject_kind: place("subject_kind"),
            uscc: place("uscc"),
            reg_no: place("reg_no"),
            org_code: place("org_code"),
            tax_no: place("tax_no"),
            institution_no: place("institution_no"),
            social_org_no: place("social_org_no"),
            legal_rep: place("legal_rep"),
            legal_rep_id_type: place("legal_rep_id_type"),
            legal_rep_id_no: place("legal_rep_id_no"),
            id_type: place("id_type"),
            id_no: place("id_no"),
            decision_no: place("decision_no"),
            decision_date: place("decision_date"),
            valid_from: place("valid_from"),
            valid_until: place("valid_until"),
            publicity_until: place("publicity_until"),
            authority: place("authority"),
            authority_uscc: place("authority_uscc"),
            source_uscc: place("source_uscc"),
            fine_wan: place("fine_wan"),
            confiscated_wan: place("confiscated_wan"),
            penalty_categories: place("penalty_categories"),
            license_category: place("license_category"),
            status: place("status"),
        }
    }
}

/// Puts `value` at `slot`, a field of the layout: a column was found for
/// it, so the layout has it.
fn put<'r>(normalised: &mut [Option<Value<'r>>], slot: Option<usize>, value: Value<'r>) {
    // No room at all: only the row's codes are wanted (see `code_keys`).
    if !normalised.is_empty() {
        normalised[slot.expect("a field of the layout")] = Some(value);
    }
}

/// A normalised value: the cell's own text when normalising left it as it
/// was, as it mostly does, else the normalised form.
fn text_value<'r>(cell: &'r str, normal: &str) -> Value<'r> {
    Value::Text(if cell == normal {
        Cow::Borrowed(cell)
    } else {
        Cow::Owned(normal.to_owned())
    })
}

/// A date's normalised value: the cell's own text when it is written so.
fn date_value(cell: &str, date: NaiveDate) -> Value<'_> {
    Value::Text(if is_iso_date(cell, date) {
        Cow::Borrowed(cell)
    } else {
        Cow::Owned(iso_date(date))
    })
}

/// Records a problem: column, field name, value, reason.
type ReportProblem<'a> = dyn FnMut(Option<usize>, &str, &str, String) + 'a;

/// Takes a subject's code as it is found: kind, value, and whether it leads
/// the others (a natural person's document number).
type FoundCode<'a> = dyn FnMut(&'static str, &str, bool) + 'a;

impl<'h> RecordValidator<'h> {
    pub fn new(
        kind: RecordKind,
        headers: &'h [String],
        map: &'h HeaderMap,
        today: NaiveDate,
    ) -> Self {
        let layout = kind.layout();
        let col = Places::new(|name| layout.field_id(name).and_then(|id| map.index(id)));
        let slot = Places::new(|name| layout.field_id(name).map(|id| id.index()));
        RecordValidator {
            kind,
            layout,
            headers,
            map,
            today,
            col,
            slot,
            encoder: fields::Encoder::new(layout),
        }
    }

    fn label(&self, col: Option<usize>, field: &str) -> String {
        match col.and_then(|c| self.headers.get(c)) {
            Some(header) => header.trim().to_string(),
            None => self
                .layout
                .field_id(field)
                .map(|id| self.layout.field(id).chinese.to_string())
                .unwrap_or_else(|| field.to_string()),
        }
    }

    /// Checks one row; `Err` carries every problem found in it.
    pub fn validate(&self, row: &Row) -> Result<ValidRecord, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut normalised: Vec<Option<Value>> =
            (0..self.layout.fields.len()).map(|_| None).collect();
        let cell = |col: Option<usize>| col.map_or("", |c| trim(row.get(c)));
        let mut problem = |col: Option<usize>, field: &str, value: &str, reason: String| {
            problems.push(Problem {
                column: self.label(col, field),
                value: value.to_string(),
                reason,
            })
        };

        // Required values, in column order.
        for (index, field) in self.layout.fields.iter().enumerate() {
            if field.required == Required::Yes {
                let col = self.map.index(self.layout.id_at(index));
                if cell(col).is_empty() {
                    problem(col, field.name, "", "required value is empty".into());
                }
            }
        }

        let subject_kind = match cell(self.col.subject_kind) {
            "" => None,
            text => match SubjectKind::parse(text) {
                Ok(kind) => Some(kind),
                Err(reason) => {
                    problem(self.col.subject_kind, "subject_kind", text, reason);
                    None
                }
            },
        };

        // The subject's codes.
        let mut identifiers = Vec::new();
        let placeholder = self.subject_codes(
            row,
            subject_kind,
            &mut problem,
            &mut normalised,
            &mut |kind, value, lead| {
                let identifier = Identifier {
                    kind,
                    value: value.to_string(),
                };
                if lead {
                    identifiers.insert(0, identifier);
                } else {
                    identifiers.push(identifier);
                }
            },
        );
        let legal_rep = cell(self.col.legal_rep);
        match subject_kind {
            Some(SubjectKind::Legal) | Some(SubjectKind::Individual) => {
                let any_code = [
                    self.col.uscc,
                    self.col.reg_no,
                    self.col.org_code,
                    self.col.tax_no,
                    self.col.institution_no,
                    self.col.social_org_no,
                ]
                .into_iter()
                .any(|col| !cell(col).is_empty());
                if placeholder && cell(self.col.reg_no).is_empty() {
                    problem(self.col.reg_no, "reg_no", "", "the unified social credit code is the placeholder 00000000000000000X, so the registration number is required".into());
                } else if !any_code {
                    problem(self.col.uscc, "uscc", cell(self.col.uscc), "an organisation needs at least one of its codes (统一社会信用代码, 工商注册号, 组织机构代码, 税务登记号, 事业单位证书号, 社会组织登记证号)".into());
                }
                if subject_kind == Some(SubjectKind::Legal) && legal_rep.is_empty() {
                    problem(
                        self.col.legal_rep,
                        "legal_rep",
                        "",
                        "required for a legal person or organisation (法定代表人)".into(),
                    );
                }
            }
            Some(SubjectKind::NaturalPerson) | None => {}
        }
        let rep_id = cell(self.col.legal_rep_id_no);
        if !rep_id.is_empty()
            && matches!(
                IdType::parse(cell(self.col.legal_rep_id_type)),
                Ok(IdType::IdCard)
            )
        {
            match ResidentId::parse(&codes::normalized(rep_id), self.today) {
                Ok(id) => put(
                    &mut normalised,
                    self.slot.legal_rep_id_no,
                    text_value(rep_id, id.as_str()),
                ),
                Err(e) => problem(
                    self.col.legal_rep_id_no,
                    "legal_rep_id_no",
                    rep_id,
                    format!("not a valid resident identity number: {e}"),
                ),
            }
        }

        // Deciding authority and source.
        let authority_uscc = self.uscc_field(
            cell(self.col.authority_uscc),
            self.col.authority_uscc,
            self.slot.authority_uscc,
            "authority_uscc",
            &mut problem,
            &mut normalised,
        );
        self.uscc_field(
            cell(self.col.source_uscc),
            self.col.source_uscc,
            self.slot.source_uscc,
            "source_uscc",
            &mut problem,
            &mut normalised,
        );

        // Dates.
        let decision_date = match cell(self.col.decision_date) {
            "" => None,
            text => match parse_date(text) {
                Ok(date) if date > self.today => {
                    problem(
                        self.col.decision_date,
                        "decision_date",
                        text,
                        format!("decision date {date} is after today ({})", self.today),
                    );
                    None
                }
                Ok(date) => {
                    put(
                        &mut normalised,
                        self.slot.decision_date,
                        date_value(text, date),
                    );
                    Some(date)
                }
                Err(reason) => {
                    problem(self.col.decision_date, "decision_date", text, reason);
                    None
                }
            },
        };
        let mut valid_until = None;
        if let Some(col) = self.col.valid_until {
            let text = cell(Some(col));
            if !text.is_empty() {
                match parse_expiry(text) {
                    Ok(date) => {
                        if let (Some(until), Some(decided)) = (date, decision_date)
                            && until < decided
                        {
                            problem(
                                Some(col),
                                "valid_until",
                                text,
                                format!("ends on {until}, before the decision date {decided}"),
                            );
                        }
                        put(
                            &mut normalised,
                            self.slot.valid_until,
                            date.map_or(Value::NoExpiry, |d| date_value(text, d)),
                        );
                        valid_until = date;
                    }
                    Err(reason) => problem(Some(col), "valid_until", text, reason),
                }
            }
        }
        for (col, slot, name) in [
            (self.col.valid_from, self.slot.valid_from, "valid_from"),
            (
                self.col.publicity_until,
                self.slot.publicity_until,
                "publicity_until",
            ),
        ] {
            let text = cell(col);
            if text.is_empty() {
                continue;
            }
            match parse_expiry(text) {
                Ok(date) => put(
                    &mut normalised,
                    slot,
                    date.map_or(Value::NoExpiry, |d| date_value(text, d)),
                ),
                Err(reason) => problem(col, name, text, reason),
            }
        }

        // Money.
        let mut amount = |col: Option<usize>,
                          slot: Option<usize>,
                          name: &str,
                          problem: &mut ReportProblem<'_>|
         -> Option<i64> {
            let text = cell(col);
            if text.is_empty() {
                return None;
            }
            match parse_wan_to_fen(text) {
                Ok(fen) => {
                    put(&mut normalised, slot, Value::Int(fen));
                    Some(fen)
                }
                Err(reason) => {
                    problem(col, name, text, reason);
                    None
                }
            }
        };
        let fine_fen = amount(
            self.col.fine_wan,
            self.slot.fine_wan,
            "fine_wan",
            &mut problem,
        );
        let confiscated_fen = amount(
            self.col.confiscated_wan,
            self.slot.confiscated_wan,
            "confiscated_wan",
            &mut problem,
        );

        // Enumerations.
        let text = cell(self.col.penalty_categories);
        if !text.is_empty() {
            match parse_penalty_categories(text) {
                Ok(list) => put(
                    &mut normalised,
                    self.slot.penalty_categories,
                    Value::List(list.iter().map(|c| c.chinese().into()).collect()),
                ),
                Err(reason) => problem(
                    self.col.penalty_categories,
                    "penalty_categories",
                    text,
                    reason,
                ),
            }
        }
        let text = cell(self.col.license_category);
        if !text.is_empty() {
            match LicenseCategory::parse(text) {
                Ok(c) => put(
                    &mut normalised,
                    self.slot.license_category,
                    Value::Text(c.chinese().into()),
                ),
                Err(reason) => problem(self.col.license_category, "license_category", text, reason),
            }
        }
        let text = cell(self.col.status);
        if !text.is_empty() {
            match LicenseStatus::parse(text) {
                Ok(s) => put(
                    &mut normalised,
                    self.slot.status,
                    Value::Text(s.chinese().into()),
                ),
                Err(reason) => problem(self.col.status, "status", text, reason),
            }
        }
        if let Some(kind) = subject_kind {
            put(
                &mut normalised,
                self.slot.subject_kind,
                Value::Text(kind.chinese().into()),
            );
        }

        if !problems.is_empty() {
            return Err(problems);
        }
        let authority_uscc = authority_uscc.expect("checked above").as_str().to_owned();
        let decision_no = decision_no(cell(self.col.decision_no));
        let decision_date = iso_date(decision_date.expect("checked above"));
        let valid_until = valid_until.map(iso_date);
        let authority = cell(self.col.authority);
        let encoded = self.encode(
            row,
            normalised,
            &fields::Columns {
                decision_no: &decision_no,
                authority,
                authority_uscc: &authority_uscc,
                decision_date: &decision_date,
                valid_until: valid_until.as_deref(),
                fine_fen,
                confiscated_fen,
            },
        );
        let content_hash = crate::records::content_hash(&encoded.full);
        let identity = crate::records::identity(self.kind.as_str(), &authority_uscc, &decision_no);
        Ok(ValidRecord {
            identity,
            kind: self.kind,
            authority_uscc,
            decision_no,
            authority: authority.to_string(),
            decision_date,
            valid_until,
            fine_fen,
            confiscated_fen,
            subject_kind: subject_kind.expect("checked above"),
            subject_name: cell(self.col.subject_name).to_string(),
            identifiers,
            legal_rep: (!legal_rep.is_empty()).then(|| legal_rep.to_string()),
            fields: encoded.stored,
            content_hash,
        })
    }

    /// Gives `found` the subject's codes in a row, the USCC first, the
    /// identity document marked as leading the others for a natural person;
    /// whether the USCC is the placeholder 00000000000000000X. Each code is
    /// checked and its normalised value put in `normalised` (when it has
    /// room for values).
    fn subject_codes<'r>(
        &self,
        row: &'r Row,
        subject_kind: Option<SubjectKind>,
        problem: &mut ReportProblem<'_>,
        normalised: &mut [Option<Value<'r>>],
        found: &mut FoundCode<'_>,
    ) -> bool {
        let cell = |col: Option<usize>| col.map_or("", |c| trim(row.get(c)));
        let uscc_text = cell(self.col.uscc);
        let mut placeholder = false;
        if !uscc_text.is_empty() {
            let n = codes::normalized(uscc_text);
            if n == NO_USCC {
                placeholder = true;
            } else {
                match Uscc::parse(&n) {
                    Ok(code) => {
                        found("uscc", code.as_str(), false);
                        put(
                            normalised,
                            self.slot.uscc,
                            text_value(uscc_text, code.as_str()),
                        );
                    }
                    Err(e) => problem(
                        self.col.uscc,
                        "uscc",
                        uscc_text,
                        format!("not a valid unified social credit code: {e}"),
                    ),
                }
            }
        }
        // Some files swap the labels of the registration number and the
        // organization code columns: the code's shape decides what it is.
        for (col, slot, name) in [
            (self.col.reg_no, self.slot.reg_no, "reg_no"),
            (self.col.org_code, self.slot.org_code, "org_code"),
        ] {
            let text = cell(col);
            if text.is_empty() {
                continue;
            }
            let n = codes::normalized(text);
            let mut accept = |kind, value: &str| {
                put(normalised, slot, text_value(text, value));
                found(kind, value, false);
            };
            match codes::detect(&n) {
                CodeKind::RegNo => match RegNo::parse(&n) {
                    Ok(code) => accept("reg_no", code.as_str()),
                    Err(e) => problem(col, name, text, format!("not a valid registration number: {e}")),
                },
                CodeKind::OrgCode => match OrgCode::parse(&n) {
                    Ok(code) => accept("org_code", code.as_str()),
                    Err(e) => problem(col, name, text, format!("not a valid organization code: {e}")),
                },
                _ => problem(col, name, text, "neither a registration number (15 digits) nor an organization code (9 characters)".into()),
            }
        }
        let tax_text = cell(self.col.tax_no);
        if !tax_text.is_empty() {
            let n = codes::normalized(tax_text);
            if (15..=20).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_alphanumeric()) {
                put(normalised, self.slot.tax_no, text_value(tax_text, &n));
                found("tax_no", &n, false);
            } else {
                problem(
                    self.col.tax_no,
                    "tax_no",
                    tax_text,
                    "a tax registration number has 15 to 20 letters and digits".into(),
                );
            }
        }
        for (col, kind) in [
            (self.col.institution_no, "institution_no"),
            (self.col.social_org_no, "social_org_no"),
        ] {
            let text = cell(col);
            if !text.is_empty() {
                found(kind, text, false);
            }
        }

        if subject_kind == Some(SubjectKind::NaturalPerson) {
            let id_type_text = cell(self.col.id_type);
            let id_no_text = cell(self.col.id_no);
            if id_type_text.is_empty() {
                problem(
                    self.col.id_type,
                    "id_type",
                    "",
                    "required for a natural person (证件类型)".into(),
                );
            }
            if id_no_text.is_empty() {
                problem(
                    self.col.id_no,
                    "id_no",
                    "",
                    "required for a natural person (证件号码)".into(),
                );
            }
            if !id_type_text.is_empty() && !id_no_text.is_empty() {
                match IdType::parse(id_type_text) {
                    Err(reason) => problem(self.col.id_type, "id_type", id_type_text, reason),
                    Ok(IdType::IdCard) => {
                        match ResidentId::parse(&codes::normalized(id_no_text), self.today) {
                            Ok(id) => {
                                put(
                                    normalised,
                                    self.slot.id_no,
                                    text_value(id_no_text, id.as_str()),
                                );
                                found("resident_id", id.as_str(), true);
                            }
                            Err(e) => problem(
                                self.col.id_no,
                                "id_no",
                                id_no_text,
                                format!("not a valid resident identity number: {e}"),
                            ),
                        }
                    }
                    Ok(other) => {
                        let value = codes::normalized(id_no_text);
                        put(normalised, self.slot.id_no, text_value(id_no_text, &value));
                        found(other.as_str(), &value, true);
                    }
                }
                if let Ok(kind) = IdType::parse(id_type_text) {
                    put(
                        normalised,
                        self.slot.id_type,
                        Value::Text(kind.chinese().into()),
                    );
                }
            }
        }
        placeholder
    }

    /// The columns of the file [`code_keys`](Self::code_keys) reads.
    pub fn identifier_columns(&self) -> Vec<usize> {
        let c = &self.col;
        [
            c.subject_kind,
            c.uscc,
            c.reg_no,
            c.org_code,
            c.tax_no,
            c.institution_no,
            c.social_org_no,
            c.id_type,
            c.id_no,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The keys of the codes [`validate`](Self::validate) finds a row's
    /// subject by, added to `keys`, without checking the rest of the row:
    /// for reading a file ahead of its import (see [`super::scout`]). A row
    /// with bad codes gives those that pass; a code that packs into no key
    /// gives none.
    pub fn code_keys(&self, row: &Row, keys: &mut Vec<CodeKey>) {
        let cell = |col: Option<usize>| col.map_or("", |c| trim(row.get(c)));
        let subject_kind = SubjectKind::parse(cell(self.col.subject_kind)).ok();
        self.subject_codes(
            row,
            subject_kind,
            &mut |_, _, _, _| {},
            &mut [],
            &mut |kind, value, _| keys.extend(CodeKey::new(kind, value)),
        );
    }

    fn uscc_field<'r>(
        &self,
        text: &'r str,
        col: Option<usize>,
        slot: Option<usize>,
        name: &str,
        problem: &mut ReportProblem<'_>,
        normalised: &mut [Option<Value<'r>>],
    ) -> Option<Uscc> {
        if text.is_empty() {
            return None;
        }
        match Uscc::parse(&codes::normalized(text)) {
            Ok(code) => {
                put(normalised, slot, text_value(text, code.as_str()));
                Some(code)
            }
            Err(e) => {
                problem(
                    col,
                    name,
                    text,
                    format!("not a valid unified social credit code: {e}"),
                );
                None
            }
        }
    }

    /// The row's values in layout order, as `fields` (see [`fields`]): the
    /// normalised ones, and every other non-empty cell as its trimmed text.
    fn encode<'r>(
        &self,
        row: &'r Row,
        mut values: Vec<Option<Value<'r>>>,
        columns: &fields::Columns<'_>,
    ) -> fields::Encoded {
        for (index, value) in values.iter_mut().enumerate() {
            if value.is_none()
                && let Some(col) = self.map.index(self.layout.id_at(index))
            {
                let text = trim(row.get(col));
                if !text.is_empty() {
                    *value = Some(Value::Text(text.into()));
                }
            }
        }
        self.encoder.encode(&values, columns)
    }
}

/// A decision document number as the record's identity: surrounding and
/// inner white space removed, nothing else touched (〔2019〕 is part of it).
pub fn decision_no(text: &str) -> String {
    if !text.bytes().any(may_be_whitespace) || !text.contains(char::is_whitespace) {
        return text.to_owned();
    }
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::headers::map_headers;
    use crate::ingest::layout::PENALTY;

    const HEADERS: [&str; 16] = [
        "行政相对人名称",
        "行政相对人类别",
        "行政相对人代码_1(统一社会信用代码)",
        "行政相对人代码_2(工商注册号)",
        "法定代表人",
        "证件类型",
        "证件号码",
        "行政处罚决定书文号",
        "违法行为类型",
        "违法事实",
        "处罚依据",
        "处罚类别",
        "处罚内容",
        "罚款金额(万元)",
        "处罚决定日期",
        "处罚有效期",
    ];
    const TAIL: [&str; 4] = [
        "处罚机关",
        "处罚机关统一社会信用代码",
        "数据来源单位",
        "数据来源单位统一社会信用代码",
    ];
    const AUTHORITY: &str = "11220802MB1A0001XP";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    /// Validates one row given as its 16 leading cells.
    fn validate(cells: [&str; 16]) -> Result<ValidRecord, Vec<Problem>> {
        with_validator(cells, |validator, row| validator.validate(row))
    }

    /// Calls `f` with a validator of the columns of [`HEADERS`] and
    /// [`TAIL`], and the row of `cells` and the authority's.
    fn with_validator<T>(cells: [&str; 16], f: impl FnOnce(&RecordValidator, &Row) -> T) -> T {
        let headers: Vec<String> = HEADERS
            .iter()
            .chain(TAIL.iter())
            .map(|h| h.to_string())
            .collect();
        let map = map_headers(RecordKind::Penalty.layout(), &headers).unwrap();
        let validator = RecordValidator::new(RecordKind::Penalty, &headers, &map, today());
        let mut all: Vec<&str> = cells.to_vec();
        all.extend([
            "白城市洮北区市场监督管理局",
            AUTHORITY,
            "白城市洮北区市场监督管理局",
            AUTHORITY,
        ]);
        f(&validator, &Row::from_cells(2, &all))
    }

    #[test]
    fn a_rows_code_keys_are_those_of_the_identifiers_it_validates_with() {
        // The example penalties: organisations, individual businesses and
        // natural persons, dirty codes and bad ones, each row read whole and
        // read again for the identifier columns only, as a scout reads it.
        use crate::ingest::reader::{Encoding, InputFormat, Source, open, open_again};
        let file = Source::Path(
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/penalties.csv").into(),
        );
        let mut whole = open(&file, InputFormat::Csv, Encoding::Auto, None).unwrap();
        let headers = whole.headers().to_vec();
        let map = map_headers(RecordKind::Penalty.layout(), &headers).unwrap();
        let validator = RecordValidator::new(RecordKind::Penalty, &headers, &map, today());
        let columns = validator.identifier_columns();
        assert_eq!(columns.len(), 9, "{columns:?}");
        let mut again = open_again(&file, InputFormat::Csv, Encoding::Auto, &columns).unwrap();
        let (mut row, mut cells) = (Row::new(), Row::new());
        let (mut valid, mut rows, mut natural_persons) = (0, 0, 0);
        while whole.next_row(&mut row).unwrap() {
            let mut keys = Vec::new();
            validator.code_keys(&row, &mut keys);
            if let Ok(record) = validator.validate(&row) {
                let validated: Vec<CodeKey> =
                    record.identifiers.iter().filter_map(CodeKey::of).collect();
                // The same keys; a natural person's document number leads
                // the identifiers only.
                assert_eq!(keys.len(), validated.len(), "row {}", row.number);
                assert!(
                    validated.iter().all(|key| keys.contains(key)),
                    "row {}",
                    row.number
                );
                valid += 1;
                if record.identifiers[0].kind == "resident_id" {
                    natural_persons += 1;
                }
            }
            if keys.is_empty() {
                continue;
            }
            assert!(again.next_row(&mut cells).unwrap(), "row {}", row.number);
            // Rows with no code in those columns are passed over.
            while cells.number < row.number {
                assert!(again.next_row(&mut cells).unwrap());
            }
            assert_eq!(cells.number, row.number);
            let mut from_cells = Vec::new();
            validator.code_keys(&cells, &mut from_cells);
            assert_eq!(from_cells, keys, "row {}", row.number);
            rows += 1;
        }
        assert!(rows >= 10, "{rows} rows with codes");
        assert!(
            valid >= 5 && natural_persons >= 1,
            "{valid} valid rows, {natural_persons} of natural persons"
        );
    }

    #[test]
    fn a_row_with_bad_codes_gives_the_keys_of_those_that_pass() {
        let mut cells = organisation();
        // Neither a registration number nor an organization code.
        cells[3] = "12345";
        let mut keys = vec![CodeKey::new("org_code", "MA0Y5L2K9").unwrap()];
        with_validator(cells, |validator, row| {
            assert_eq!(
                reasons(validator.validate(row)),
                [
                    "行政相对人代码_2(工商注册号): neither a registration number (15 digits) nor an organization code (9 characters)"
                ]
            );
            validator.code_keys(row, &mut keys);
        });
        // Added to what was there.
        assert_eq!(
            keys,
            [
                CodeKey::new("org_code", "MA0Y5L2K9").unwrap(),
                CodeKey::new("uscc", "91220802MA0Y5L2K92").unwrap(),
            ]
        );
    }

    fn organisation() -> [&'static str; 16] {
        [
            "白城市鑫源商贸有限公司",
            "法人及非法人组织",
            "91220802MA0Y5L2K92",
            "",
            "王建国",
            "",
            "",
            "洮北市监处罚〔2025〕 12号",
            "销售不合格商品",
            "事实",
            "依据",
            "警告、罚款",
            "内容",
            "0.2",
            "2025/3/14",
            "长期",
        ]
    }

    fn reasons(r: Result<ValidRecord, Vec<Problem>>) -> Vec<String> {
        r.err()
            .unwrap()
            .into_iter()
            .map(|p| format!("{}: {}", p.column, p.reason))
            .collect()
    }

    #[test]
    fn a_valid_row_is_normalised_into_fields_and_an_identity() {
        let r = validate(organisation()).unwrap();
        assert_eq!(r.decision_no, "洮北市监处罚〔2025〕12号");
        assert_eq!(r.decision_date, "2025-03-14");
        assert_eq!(r.valid_until, None);
        assert_eq!(r.fine_fen, Some(200_000));
        assert_eq!(
            r.identifiers,
            vec![Identifier {
                kind: "uscc",
                value: "91220802MA0Y5L2K92".into()
            }]
        );
        assert_eq!(
            r.identity,
            crate::records::identity("penalty", AUTHORITY, "洮北市监处罚〔2025〕12号")
        );
        // Stored by position, the values the columns give back marked.
        let stored: Vec<&str> = r.fields.split('\u{1f}').collect();
        let at = |name: &str| stored[PENALTY.field_id(name).unwrap().index()];
        assert_eq!(at("subject_name"), "白城市鑫源商贸有限公司");
        assert_eq!(at("penalty_categories"), "\u{1e}警告\u{1e}罚款");
        assert_eq!(at("valid_until"), "长期");
        for name in ["decision_date", "fine_wan", "authority", "authority_uscc"] {
            assert_eq!(at(name), "\u{1d}", "{name} is stored twice");
        }
        // The file's decision number has a space its column does not keep.
        assert_eq!(at("decision_no"), "洮北市监处罚〔2025〕 12号");
        // The data source unit's USCC is the authority's.
        assert_eq!(at("source_uscc"), "\u{1d}");
        // Shown by name, every value in place.
        let columns = fields::Columns {
            decision_no: &r.decision_no,
            authority: &r.authority,
            authority_uscc: &r.authority_uscc,
            decision_date: &r.decision_date,
            valid_until: None,
            fine_fen: r.fine_fen,
            confiscated_fen: r.confiscated_fen,
        };
        let values = fields::decode(&PENALTY, &r.fields, Some(&columns)).unwrap();
        let shown = fields::to_object(&PENALTY, &values);
        assert_eq!(shown["fine_fen"], 200_000);
        assert_eq!(shown["valid_until"], serde_json::Value::Null);
        assert_eq!(shown["decision_date"], "2025-03-14");
        assert_eq!(shown["decision_no"], "洮北市监处罚〔2025〕 12号");
        assert_eq!(shown["authority_uscc"], AUTHORITY);
        assert!(shown.get("fine_wan").is_none());
        assert_eq!(
            r.content_hash,
            crate::records::content_hash(&fields::full(&values))
        );
    }

    #[test]
    fn the_code_shape_decides_when_column_labels_are_swapped() {
        let mut row = organisation();
        row[2] = "";
        row[3] = "69774633-8";
        let r = validate(row).unwrap();
        assert_eq!(
            r.identifiers,
            vec![Identifier {
                kind: "org_code",
                value: "697746338".into()
            }]
        );
    }

    #[test]
    fn the_placeholder_uscc_needs_a_registration_number() {
        let mut row = organisation();
        row[1] = "个体工商户";
        row[2] = "00000000000000000X";
        assert_eq!(
            reasons(validate(row)),
            [
                "行政相对人代码_2(工商注册号): the unified social credit code is the placeholder 00000000000000000X, so the registration number is required"
            ]
        );
        row[3] = "220802600001232";
        let r = validate(row).unwrap();
        assert_eq!(
            r.identifiers,
            vec![Identifier {
                kind: "reg_no",
                value: "220802600001232".into()
            }]
        );
    }

    #[test]
    fn a_natural_person_is_known_by_the_identity_document() {
        let mut row = organisation();
        row[0] = "李明";
        row[1] = "自然人";
        row[2] = "";
        row[4] = "";
        row[5] = "护照";
        row[6] = "e1234 5678";
        let r = validate(row).unwrap();
        assert_eq!(
            r.identifiers,
            vec![Identifier {
                kind: "passport",
                value: "E12345678".into()
            }]
        );
        row[5] = "身份证";
        row[6] = "220802198503120042";
        assert_eq!(
            reasons(validate(row)),
            [
                "证件号码: not a valid resident identity number: check character is '2', expected '1'"
            ]
        );
    }

    #[test]
    fn dates_must_be_in_order_and_not_in_the_future() {
        let mut row = organisation();
        row[14] = "2027年1月1日";
        assert_eq!(
            reasons(validate(row)),
            ["处罚决定日期: decision date 2027-01-01 is after today (2026-11-21)"]
        );
        let mut row = organisation();
        row[15] = "2025-03-13";
        assert_eq!(
            reasons(validate(row)),
            ["处罚有效期: ends on 2025-03-13, before the decision date 2025-03-14"]
        );
    }

    #[test]
    fn every_problem_of_a_row_is_reported() {
        let mut row = organisation();
        row[0] = "";
        row[11] = "罚钱";
        row[13] = "1.2.5";
        let r = reasons(validate(row));
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[0], "行政相对人名称: required value is empty");
    }
}
