use chrono::NaiveDate;

/// Why a code failed validation. `Display` is a sentence naming the failed check.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    #[error("input is empty")]
    Empty,

    #[error("length is {found}, expected {expected}")]
    Length { found: usize, expected: usize },

    #[error("'{ch}' is not in the {alphabet} alphabet (position {position})")]
    NotInAlphabet {
        ch: char,
        position: usize,
        alphabet: &'static str,
    },

    #[error("position {position} must be a digit, found '{ch}'")]
    NotDigit { position: usize, ch: char },

    #[error("check character is '{found}', expected '{expected}'")]
    CheckChar { found: char, expected: char },

    #[error(
        "embedded organization code check character (position 17) is '{found}', expected '{expected}'"
    )]
    EmbeddedOrgCheck { found: char, expected: char },

    #[error("birth date {raw} is not a real date")]
    BirthDate { raw: String },

    #[error("birth date {date} is in the future")]
    BirthDateFuture { date: NaiveDate },

    #[error("birth date {date} is before 1900-01-01")]
    BirthDateTooEarly { date: NaiveDate },

    #[error(
        "not a recognised code: length is {length}; expected 18 characters (USCC or resident identity number), 9 (organization code) or 15 digits (registration number)"
    )]
    UnknownShape { length: usize },
}

/// The first character of `s` that fails `ok`, with its 1-based position.
///
/// Only used on error paths, so it may walk the string char by char.
pub(crate) fn first_bad_char(s: &str, ok: impl Fn(char) -> bool) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|&(_, c)| !ok(c))
        .map(|(i, c)| (i + 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        assert_eq!(
            CodeError::CheckChar {
                found: 'Q',
                expected: '8'
            }
            .to_string(),
            "check character is 'Q', expected '8'"
        );
        assert_eq!(
            CodeError::EmbeddedOrgCheck {
                found: '3',
                expected: '7'
            }
            .to_string(),
            "embedded organization code check character (position 17) is '3', expected '7'"
        );
        assert_eq!(
            CodeError::NotDigit {
                position: 5,
                ch: 'A'
            }
            .to_string(),
            "position 5 must be a digit, found 'A'"
        );
        assert_eq!(
            CodeError::NotInAlphabet {
                ch: 'I',
                position: 4,
                alphabet: "USCC"
            }
            .to_string(),
            "'I' is not in the USCC alphabet (position 4)"
        );
        assert_eq!(
            CodeError::Length {
                found: 17,
                expected: 18
            }
            .to_string(),
            "length is 17, expected 18"
        );
        assert_eq!(
            CodeError::BirthDate {
                raw: "19901332".into()
            }
            .to_string(),
            "birth date 19901332 is not a real date"
        );
        assert_eq!(
            CodeError::BirthDateFuture {
                date: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()
            }
            .to_string(),
            "birth date 2030-01-01 is in the future"
        );
    }

    #[test]
    fn first_bad_char_counts_chars_not_bytes() {
        assert_eq!(first_bad_char("中AB", |c| c.is_ascii()), Some((1, '中')));
        assert_eq!(first_bad_char("AB中", |c| c.is_ascii()), Some((3, '中')));
        assert_eq!(first_bad_char("AB", |c| c.is_ascii()), None);
    }
}
