//! Subject identifiers: the unified social credit code and the older codes it
//! replaced, with normalisation of dirty input and a combined `check`.

pub mod divisions;
pub mod error;
pub mod normalize;
pub mod org_code;
pub mod reg_no;
pub mod resident_id;
pub mod uscc;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

pub use error::CodeError;
pub use normalize::{Normalization, Normalized, normalize, normalize_name, normalized};
pub use org_code::OrgCode;
pub use reg_no::RegNo;
pub use resident_id::ResidentId;
pub use uscc::Uscc;

/// Which kind of code a string is (or is taken to be).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    Uscc,
    OrgCode,
    RegNo,
    ResidentId,
    Unknown,
}

impl CodeKind {
    pub const ALL: [CodeKind; 5] = [
        CodeKind::Uscc,
        CodeKind::OrgCode,
        CodeKind::RegNo,
        CodeKind::ResidentId,
        CodeKind::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Uscc => "uscc",
            CodeKind::OrgCode => "org_code",
            CodeKind::RegNo => "reg_no",
            CodeKind::ResidentId => "resident_id",
            CodeKind::Unknown => "unknown",
        }
    }
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[error("unknown code kind '{0}'; expected uscc, org_code, reg_no, resident_id or unknown")]
pub struct UnknownCodeKind(pub String);

impl FromStr for CodeKind {
    type Err = UnknownCodeKind;

    /// Accepts the `as_str` names, also with `-` for `_`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        CodeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| UnknownCodeKind(s.to_owned()))
    }
}

fn all_digits(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

/// Guesses the kind of a normalised code from its shape alone.
///
/// 18 characters are a resident identity number when the first 17 are digits,
/// positions 7–10 look like a year 18xx/19xx/20xx, positions 11–12 a month
/// and position 18 is a digit or `X`; otherwise a USCC. 9 characters are an
/// organization code, 15 digits a registration number.
pub fn detect(normalized: &str) -> CodeKind {
    let b = normalized.as_bytes();
    match normalized.chars().count() {
        18 if b.len() == 18 && looks_like_resident_id(b) => CodeKind::ResidentId,
        18 => CodeKind::Uscc,
        9 => CodeKind::OrgCode,
        15 if all_digits(b) => CodeKind::RegNo,
        _ => CodeKind::Unknown,
    }
}

fn looks_like_resident_id(b: &[u8]) -> bool {
    all_digits(&b[..17])
        && matches!(&b[6..8], b"18" | b"19" | b"20")
        && matches!((b[10], b[11]), (b'0', b'1'..=b'9') | (b'1', b'0'..=b'2'))
        && (b[17].is_ascii_digit() || b[17] == b'X')
}

/// Outcome of [`check`]. Serialised with exactly the keys `input`,
/// `normalized`, `kind`, `valid`, `error`, `warnings`, and for a USCC also
/// `authority`, `entity_type`, `division`, `division_name`, `org_code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub input: String,
    pub normalized: String,
    pub kind: CodeKind,
    pub valid: bool,
    pub error: Option<String>,
    pub warnings: Vec<String>,
    /// USCC only: position 1, e.g. `9`.
    pub authority: Option<String>,
    /// USCC only: positions 1–2, e.g. `91`.
    pub entity_type: Option<String>,
    /// USCC only: positions 3–8.
    pub division: Option<String>,
    /// USCC only: e.g. `北京市 东城区`; `None` when the table lacks the code.
    pub division_name: Option<String>,
    /// USCC only: positions 9–17.
    pub org_code: Option<String>,
    /// USCC only, for table output: e.g. `工商/市场监管`.
    pub authority_name: Option<String>,
    /// USCC only, for table output: e.g. `企业`.
    pub entity_type_name: Option<String>,
}

impl Serialize for CheckResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let uscc = self.kind == CodeKind::Uscc;
        let mut map = serializer.serialize_map(Some(if uscc { 11 } else { 6 }))?;
        map.serialize_entry("input", &self.input)?;
        map.serialize_entry("normalized", &self.normalized)?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("valid", &self.valid)?;
        map.serialize_entry("error", &self.error)?;
        map.serialize_entry("warnings", &self.warnings)?;
        if uscc {
            map.serialize_entry("authority", &self.authority)?;
            map.serialize_entry("entity_type", &self.entity_type)?;
            map.serialize_entry("division", &self.division)?;
            map.serialize_entry("division_name", &self.division_name)?;
            map.serialize_entry("org_code", &self.org_code)?;
        }
        map.end()
    }
}

/// Normalises `input`, decides its kind (`forced` or [`detect`]) and validates
/// it. Every normalisation change and an unknown division are warnings; only a
/// failed check makes the code invalid.
pub fn check(input: &str, forced: Option<CodeKind>, today: NaiveDate) -> CheckResult {
    let Normalized { value, changes } = normalize(input);
    let kind = forced.unwrap_or_else(|| detect(&value));
    let mut result = CheckResult {
        input: input.to_owned(),
        normalized: String::new(),
        kind,
        valid: false,
        error: None,
        warnings: changes.iter().map(|c| c.describe().to_owned()).collect(),
        authority: None,
        entity_type: None,
        division: None,
        division_name: None,
        org_code: None,
        authority_name: None,
        entity_type_name: None,
    };
    let outcome = match kind {
        CodeKind::Uscc => Uscc::parse(&value).map(|u| fill_uscc(&mut result, &u)),
        CodeKind::OrgCode => OrgCode::parse(&value).map(drop),
        CodeKind::RegNo => RegNo::parse(&value).map(drop),
        CodeKind::ResidentId => ResidentId::parse(&value, today).map(drop),
        CodeKind::Unknown if value.is_empty() => Err(CodeError::Empty),
        CodeKind::Unknown => Err(CodeError::UnknownShape {
            length: value.chars().count(),
        }),
    };
    match outcome {
        Ok(()) => result.valid = true,
        Err(e) => result.error = Some(e.to_string()),
    }
    result.normalized = value;
    result
}

fn fill_uscc(r: &mut CheckResult, u: &Uscc) {
    let division = u.division();
    r.authority = Some(u.authority().to_string());
    r.authority_name = uscc::authority_name(u.authority()).map(str::to_owned);
    r.entity_type = Some(u.entity_type().to_owned());
    r.entity_type_name = uscc::entity_type_name(u.entity_type()).map(str::to_owned);
    r.division = Some(division.to_owned());
    r.division_name = divisions::display_name(division);
    if r.division_name.is_none() {
        r.warnings
            .push(format!("division {division} is not in the GB/T 2260 table"));
    }
    r.org_code = Some(u.org_code().as_str().to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::to_string as json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
    }

    #[test]
    fn kind_names_round_trip() {
        for k in CodeKind::ALL {
            assert_eq!(k.as_str().parse::<CodeKind>(), Ok(k));
            assert_eq!(json(&k).unwrap(), format!("\"{}\"", k.as_str()));
            assert_eq!(k.to_string(), k.as_str());
        }
        assert_eq!("ORG-CODE".parse::<CodeKind>(), Ok(CodeKind::OrgCode));
        let err = "ssn".parse::<CodeKind>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown code kind 'ssn'; expected uscc, org_code, reg_no, resident_id or unknown"
        );
    }

    #[test]
    fn detect_each_shape() {
        assert_eq!(detect("91440300708461136T"), CodeKind::Uscc);
        assert_eq!(detect("914403001922038216"), CodeKind::Uscc);
        assert_eq!(detect("11110000000029209E"), CodeKind::Uscc);
        assert_eq!(detect("N2330109MA2H7LX1XC"), CodeKind::Uscc);
        assert_eq!(detect("110105194912310038"), CodeKind::ResidentId);
        assert_eq!(detect("44030419900101123X"), CodeKind::ResidentId);
        // Shape only: a bad day still looks like a resident id, but month 13
        // or year 17xx does not.
        assert_eq!(detect("110105199012320021"), CodeKind::ResidentId);
        assert_eq!(detect("110105199013320021"), CodeKind::Uscc);
        assert_eq!(detect("110105170001010021"), CodeKind::Uscc);
        assert_eq!(detect("697746338"), CodeKind::OrgCode);
        assert_eq!(detect("MJX173699"), CodeKind::OrgCode);
        assert_eq!(detect("110108002734659"), CodeKind::RegNo);
        assert_eq!(detect("11010800273465A"), CodeKind::Unknown);
        assert_eq!(detect("9144030070846113"), CodeKind::Unknown);
        assert_eq!(detect(""), CodeKind::Unknown);
        assert_eq!(detect("中1440300708461136T"), CodeKind::Uscc);
    }

    #[test]
    fn check_valid_uscc() {
        let r = check("91440300708461136T", None, today());
        assert_eq!(
            r,
            CheckResult {
                input: "91440300708461136T".into(),
                normalized: "91440300708461136T".into(),
                kind: CodeKind::Uscc,
                valid: true,
                error: None,
                warnings: vec![],
                authority: Some("9".into()),
                entity_type: Some("91".into()),
                division: Some("440300".into()),
                division_name: Some("广东省 深圳市".into()),
                org_code: Some("708461136".into()),
                authority_name: Some("工商/市场监管".into()),
                entity_type_name: Some("企业".into()),
            }
        );
        assert_eq!(
            json(&r).unwrap(),
            concat!(
                r#"{"input":"91440300708461136T","normalized":"91440300708461136T","#,
                r#""kind":"uscc","valid":true,"error":null,"warnings":[],"#,
                r#""authority":"9","entity_type":"91","division":"440300","#,
                r#""division_name":"广东省 深圳市","org_code":"708461136"}"#
            )
        );
    }

    #[test]
    fn check_government_and_social_group() {
        let r = check("11110000000029209E", None, today());
        assert!(r.valid);
        assert_eq!(r.entity_type_name.as_deref(), Some("机关"));
        assert_eq!(r.division_name.as_deref(), Some("北京市"));
        let r = check("51310110501144395U", None, today());
        assert!(r.valid);
        assert_eq!(r.authority_name.as_deref(), Some("民政"));
        assert_eq!(r.entity_type_name.as_deref(), Some("社会团体"));
        assert_eq!(r.division_name.as_deref(), Some("上海市 杨浦区"));
    }

    #[test]
    fn check_dirty_uscc_reports_each_change() {
        let r = check(" '９１４４-０３００-７０８４-６１１３-６ｔ ", None, today());
        assert!(r.valid, "{:?}", r.error);
        assert_eq!(r.normalized, "91440300708461136T");
        assert_eq!(
            r.warnings,
            [
                "full-width characters converted to half-width",
                "lower case converted to upper case",
                "spaces removed",
                "hyphens removed",
                "leading apostrophe removed",
            ]
        );
    }

    #[test]
    fn check_unknown_division_is_a_warning() {
        let first17 = "91999999708461136";
        let c = uscc::check_char(first17.as_bytes()).unwrap();
        let code = format!("{first17}{}", char::from(c));
        let r = check(&code, None, today());
        assert!(r.valid);
        assert_eq!(r.error, None);
        assert_eq!(r.division.as_deref(), Some("999999"));
        assert_eq!(r.division_name, None);
        assert_eq!(
            r.warnings,
            ["division 999999 is not in the GB/T 2260 table"]
        );
    }

    #[test]
    fn check_letter_authority_without_name() {
        // Constructed: authority 'Q' has no published meaning, which is not
        // an error.
        let first17 = "Q1110108697746338";
        let c = uscc::check_char(first17.as_bytes()).unwrap();
        let r = check(&format!("{first17}{}", char::from(c)), None, today());
        assert!(r.valid);
        assert_eq!(r.authority.as_deref(), Some("Q"));
        assert_eq!(r.authority_name, None);
        assert_eq!(r.entity_type_name, None);
    }

    #[test]
    fn check_invalid_uscc() {
        let r = check("91440300708461136Q", None, today());
        assert!(!r.valid);
        assert_eq!(
            r.error.as_deref(),
            Some("check character is 'Q', expected 'T'")
        );
        assert_eq!(r.authority, None);
        assert_eq!(r.org_code, None);
    }

    #[test]
    fn check_other_kinds() {
        let r = check("69774633-8", None, today());
        assert_eq!((r.kind, r.valid), (CodeKind::OrgCode, true));
        assert_eq!(r.normalized, "697746338");
        assert_eq!(r.warnings, ["hyphens removed"]);
        assert_eq!(r.org_code, None);

        let r = check("110108002734659.0", None, today());
        assert_eq!((r.kind, r.valid), (CodeKind::RegNo, true));
        assert_eq!(r.warnings, ["trailing '.0' removed"]);

        let r = check("110105194912310038", None, today());
        assert_eq!((r.kind, r.valid), (CodeKind::ResidentId, true));
        assert_eq!(r.authority, None);

        let r = check("110105199002300028", None, today());
        assert_eq!(r.kind, CodeKind::ResidentId);
        assert!(!r.valid);
        assert_eq!(
            r.error.as_deref(),
            Some("birth date 19900230 is not a real date")
        );
    }

    #[test]
    fn check_forced_kind() {
        let r = check("110108002734659", Some(CodeKind::Uscc), today());
        assert_eq!(r.kind, CodeKind::Uscc);
        assert_eq!(r.error.as_deref(), Some("length is 15, expected 18"));
        let r = check("914403001922038216", Some(CodeKind::ResidentId), today());
        assert!(!r.valid);
    }

    #[test]
    fn check_unknown_shape_and_empty() {
        let r = check("12345", None, today());
        assert_eq!(r.kind, CodeKind::Unknown);
        assert!(!r.valid);
        assert!(
            r.error
                .unwrap()
                .starts_with("not a recognised code: length is 5")
        );
        let r = check("  ", None, today());
        assert_eq!(r.error.as_deref(), Some("input is empty"));
        assert_eq!(r.warnings, ["spaces removed"]);
    }
}
