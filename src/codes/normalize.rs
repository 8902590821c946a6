//! Cleaning of codes and names as they arrive from spreadsheets and forms.

use std::borrow::Cow;

/// One kind of change `normalize` made to its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Normalization {
    FullWidth,
    LowerCase,
    Spaces,
    Hyphens,
    LeadingApostrophe,
    TrailingDotZero,
}

impl Normalization {
    /// Canonical reporting order.
    pub const ALL: [Normalization; 6] = [
        Normalization::FullWidth,
        Normalization::LowerCase,
        Normalization::Spaces,
        Normalization::Hyphens,
        Normalization::LeadingApostrophe,
        Normalization::TrailingDotZero,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Normalization::FullWidth => "full-width characters converted to half-width",
            Normalization::LowerCase => "lower case converted to upper case",
            Normalization::Spaces => "spaces removed",
            Normalization::Hyphens => "hyphens removed",
            Normalization::LeadingApostrophe => "leading apostrophe removed",
            Normalization::TrailingDotZero => "trailing '.0' removed",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A normalised code and what was changed to get it, each kind listed once in
/// the order of [`Normalization::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub value: String,
    pub changes: Vec<Normalization>,
}

/// Full-width forms U+FF01..=U+FF5E map onto ASCII U+0021..=U+007E.
fn half_width(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

fn is_space(c: char) -> bool {
    // Zero-width space and BOM are invisible in a spreadsheet cell but are not
    // Unicode White_Space.
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{FF07}' | '\u{2018}' | '\u{2019}')
}

/// Whether `input` is a code as [`normalize`] leaves it and needs nothing
/// done: digits and upper-case letters only, as most codes arrive.
fn is_clean(input: &str) -> bool {
    !input.is_empty()
        && input
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// [`normalize`]'s value alone, borrowing `input` when nothing changes.
pub fn normalized(input: &str) -> Cow<'_, str> {
    if is_clean(input) {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(normalize(input).value)
    }
}

/// Cleans a code typed or pasted by a person: full-width to half-width, upper
/// case, no whitespace, no hyphens, no leading apostrophe (Excel's text
/// marker), no trailing `.0` (Excel's number formatting).
pub fn normalize(input: &str) -> Normalized {
    if is_clean(input) {
        return Normalized {
            value: input.to_owned(),
            changes: Vec::new(),
        };
    }

    let mut flags = 0u8;
    let mut out = String::with_capacity(input.len());
    let mut apostrophe_seen = false;
    for raw in input.chars() {
        if is_space(raw) {
            flags |= Normalization::Spaces.bit();
            continue;
        }
        if is_hyphen(raw) {
            flags |= Normalization::Hyphens.bit();
            continue;
        }
        if is_apostrophe(raw) && out.is_empty() && !apostrophe_seen {
            apostrophe_seen = true;
            flags |= Normalization::LeadingApostrophe.bit();
            continue;
        }
        let c = match half_width(raw) {
            Some(h) => {
                flags |= Normalization::FullWidth.bit();
                h
            }
            None => raw,
        };
        if c.is_ascii_lowercase() {
            flags |= Normalization::LowerCase.bit();
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    if out.len() > 2 && out.ends_with(".0") {
        out.truncate(out.len() - 2);
        flags |= Normalization::TrailingDotZero.bit();
    }

    let changes = Normalization::ALL
        .into_iter()
        .filter(|n| flags & n.bit() != 0)
        .collect();
    Normalized {
        value: out,
        changes,
    }
}

/// Canonical form of a subject name for matching: full-width to half-width,
/// every kind of bracket to `(` and `)`, no whitespace.
pub fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for raw in s.chars() {
        if is_space(raw) {
            continue;
        }
        let c = half_width(raw).unwrap_or(raw);
        let c = match c {
            '(' | '[' | '\u{3010}' | '\u{3014}' => '(',
            ')' | ']' | '\u{3011}' | '\u{3015}' => ')',
            other => other,
        };
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Normalization::*;
    use super::*;

    fn n(s: &str) -> (String, Vec<Normalization>) {
        let r = normalize(s);
        (r.value, r.changes)
    }

    #[test]
    fn clean_input_is_unchanged() {
        let r = normalize("91440300708461136T");
        assert_eq!(r.value, "91440300708461136T");
        assert!(r.changes.is_empty());
        assert_eq!(r.changes.capacity(), 0);
    }

    #[test]
    fn full_width() {
        assert_eq!(
            n("９１４４０３００７０８４６１１３６Ｔ"),
            ("91440300708461136T".into(), vec![FullWidth])
        );
    }

    #[test]
    fn full_width_lower_case_counts_as_both() {
        assert_eq!(n("ａ１"), ("A1".into(), vec![FullWidth, LowerCase]));
    }

    #[test]
    fn lower_case() {
        assert_eq!(
            n("91440300708461136t"),
            ("91440300708461136T".into(), vec![LowerCase])
        );
    }

    #[test]
    fn spaces_of_every_kind() {
        assert_eq!(
            n(" 9144 0300\t7084\u{00A0}6113\u{3000}6T \r\n"),
            ("91440300708461136T".into(), vec![Spaces])
        );
        assert_eq!(n("12\u{200B}3"), ("123".into(), vec![Spaces]));
    }

    #[test]
    fn hyphens_of_every_kind() {
        assert_eq!(n("69774633-8"), ("697746338".into(), vec![Hyphens]));
        assert_eq!(n("69774633–8"), ("697746338".into(), vec![Hyphens]));
        assert_eq!(n("69774633—8"), ("697746338".into(), vec![Hyphens]));
        assert_eq!(n("69774633－8"), ("697746338".into(), vec![Hyphens]));
    }

    #[test]
    fn leading_apostrophe() {
        assert_eq!(
            n("'914403001922038216"),
            ("914403001922038216".into(), vec![LeadingApostrophe])
        );
        assert_eq!(n("＇123"), ("123".into(), vec![LeadingApostrophe]));
        assert_eq!(n("‘123"), ("123".into(), vec![LeadingApostrophe]));
        assert_eq!(n(" '123"), ("123".into(), vec![Spaces, LeadingApostrophe]));
    }

    #[test]
    fn inner_apostrophe_is_kept_for_validation_to_reject() {
        assert_eq!(n("12'3"), ("12'3".into(), vec![]));
        assert_eq!(n("''3"), ("'3".into(), vec![LeadingApostrophe]));
    }

    #[test]
    fn trailing_dot_zero() {
        assert_eq!(
            n("110108002734659.0"),
            ("110108002734659".into(), vec![TrailingDotZero])
        );
        assert_eq!(n(".0"), (".0".into(), vec![]));
        assert_eq!(n("12.00"), ("12.00".into(), vec![]));
    }

    #[test]
    fn several_changes_reported_once_each_in_order() {
        assert_eq!(
            n(" '9144-0300-7084-6113-6t "),
            (
                "91440300708461136T".into(),
                vec![LowerCase, Spaces, Hyphens, LeadingApostrophe]
            )
        );
    }

    #[test]
    fn describe() {
        let all: Vec<_> = Normalization::ALL.iter().map(|n| n.describe()).collect();
        assert_eq!(
            all,
            [
                "full-width characters converted to half-width",
                "lower case converted to upper case",
                "spaces removed",
                "hyphens removed",
                "leading apostrophe removed",
                "trailing '.0' removed",
            ]
        );
    }

    #[test]
    fn empty_input() {
        assert_eq!(n(""), (String::new(), vec![]));
        assert_eq!(n("   "), (String::new(), vec![Spaces]));
    }

    #[test]
    fn the_value_alone_borrows_a_clean_code_and_equals_normalize_s() {
        for input in [
            "91110000600037341L",
            "９１１１００００６００",
            "91110000-600037341l",
            " 123456789 ",
            "'330106000123456",
            "12345.0",
            "",
            "X",
        ] {
            let value = normalized(input);
            assert_eq!(value, normalize(input).value, "{input:?}");
            assert_eq!(
                matches!(value, Cow::Borrowed(_)),
                value == input && !input.is_empty(),
                "{input:?}"
            );
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            normalize_name("阿里巴巴（中国） 有限公司"),
            "阿里巴巴(中国)有限公司"
        );
        assert_eq!(normalize_name("某某【北京】科技"), "某某(北京)科技");
        assert_eq!(normalize_name("某某〔北京〕科技"), "某某(北京)科技");
        assert_eq!(normalize_name("某某[北京]科技"), "某某(北京)科技");
        assert_eq!(normalize_name("某某［北京］科技"), "某某(北京)科技");
        assert_eq!(normalize_name("ＡＢＣ\u{3000}科技\t公司"), "ABC科技公司");
    }
}
