//! Resident identity number (公民身份号码, GB 11643-1999): 17 digits and an
//! ISO 7064 MOD 11-2 check character; positions 7–14 are the birth date.

use std::fmt;

use chrono::NaiveDate;

use super::error::CodeError;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) for 17 ASCII digits.
/// Bytes that are not digits give a meaningless result.
pub fn check_char(first17: &[u8; 17]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    match (12 - sum % 11) % 11 {
        10 => b'X',
        c => b'0' + c as u8,
    }
}

/// A valid 18-character resident identity number.
///
/// Personal data: `Debug` and `Display` show the full number, so use
/// [`ResidentId::masked_for_list`] for anything published.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResidentId([u8; 18]);

impl ResidentId {
    /// Validates an already-normalised number. The birth date must be a real
    /// date between 1900-01-01 and `today`.
    pub fn parse(s: &str, today: NaiveDate) -> Result<ResidentId, CodeError> {
        let count = s.chars().count();
        if count == 0 {
            return Err(CodeError::Empty);
        }
        if count != 18 {
            return Err(CodeError::Length {
                found: count,
                expected: 18,
            });
        }
        let first17_ok = |(i, c): (usize, char)| i >= 17 || c.is_ascii_digit();
        if let Some((i, ch)) = s.chars().enumerate().find(|&p| !first17_ok(p)) {
            return Err(CodeError::NotDigit {
                position: i + 1,
                ch,
            });
        }
        // The first 17 characters are ASCII digits, so byte 17 starts the 18th.
        let expected = check_char(s.as_bytes()[..17].try_into().expect("17 bytes"));
        let last = s[17..].chars().next().expect("18 characters");
        if last != char::from(expected) {
            return Err(CodeError::CheckChar {
                found: last,
                expected: char::from(expected),
            });
        }
        let bytes: [u8; 18] = s.as_bytes().try_into().expect("18 ASCII characters");
        let id = ResidentId(bytes);
        let Some(date) = id.parse_birth_date() else {
            return Err(CodeError::BirthDate {
                raw: s[6..14].to_owned(),
            });
        };
        if date > today {
            return Err(CodeError::BirthDateFuture { date });
        }
        if date < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
            return Err(CodeError::BirthDateTooEarly { date });
        }
        Ok(id)
    }

    fn parse_birth_date(&self) -> Option<NaiveDate> {
        let d = |r: std::ops::Range<usize>| {
            self.0[r]
                .iter()
                .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'))
        };
        NaiveDate::from_ymd_opt(d(6..10) as i32, d(10..12), d(12..14))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("resident id bytes are ASCII")
    }

    /// Positions 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        self.parse_birth_date()
            .expect("birth date validated by parse")
    }

    /// The form published in red and black lists: birth month and day
    /// (positions 11–14) replaced by `****`.
    pub fn masked_for_list(&self) -> String {
        let s = self.as_str();
        format!("{}****{}", &s[..10], &s[14..])
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({:?})", self.as_str())
    }
}

impl serde::Serialize for ResidentId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // All numbers here are constructed (division + date + sequence, check
    // computed); real identity numbers are personal data.

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
    }

    fn with_check(first17: &str) -> String {
        let c = check_char(first17.as_bytes().try_into().unwrap());
        format!("{first17}{}", char::from(c))
    }

    #[test]
    fn valid_constructed() {
        let s = with_check("11010519491231003");
        assert_eq!(s, "110105194912310038");
        let id = ResidentId::parse(&s, today()).unwrap();
        assert_eq!(id.as_str(), s);
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
    }

    #[test]
    fn x_check() {
        let s = with_check("11010519491231002");
        assert_eq!(s, "11010519491231002X");
        assert!(ResidentId::parse(&s, today()).is_ok());
        let lower = s.to_ascii_lowercase();
        assert!(ResidentId::parse(&lower, today()).is_err());
    }

    #[test]
    fn bad_check() {
        assert_eq!(
            ResidentId::parse("110105194912310032", today())
                .unwrap_err()
                .to_string(),
            "check character is '2', expected '8'"
        );
        assert_eq!(
            ResidentId::parse("11010519491231003A", today()),
            Err(CodeError::CheckChar {
                found: 'A',
                expected: '8'
            })
        );
        assert_eq!(
            ResidentId::parse("11010519491231003中", today()),
            Err(CodeError::CheckChar {
                found: '中',
                expected: '8'
            })
        );
    }

    #[test]
    fn not_a_real_date() {
        let s = with_check("11010519900230002");
        assert_eq!(
            ResidentId::parse(&s, today()).unwrap_err().to_string(),
            "birth date 19900230 is not a real date"
        );
        let s = with_check("11010519901332002");
        assert_eq!(
            ResidentId::parse(&s, today()).unwrap_err().to_string(),
            "birth date 19901332 is not a real date"
        );
    }

    #[test]
    fn future_birth_date() {
        let s = with_check("11010520300101002");
        assert_eq!(
            ResidentId::parse(&s, today()).unwrap_err().to_string(),
            "birth date 2030-01-01 is in the future"
        );
        let s = with_check("11010520250701002");
        assert!(ResidentId::parse(&s, today()).is_err());
        let s = with_check("11010520250630002");
        assert!(ResidentId::parse(&s, today()).is_ok());
    }

    #[test]
    fn before_1900() {
        let s = with_check("11010518991231002");
        assert_eq!(
            ResidentId::parse(&s, today()).unwrap_err().to_string(),
            "birth date 1899-12-31 is before 1900-01-01"
        );
        let s = with_check("11010519000101002");
        assert!(ResidentId::parse(&s, today()).is_ok());
    }

    #[test]
    fn shapes() {
        assert_eq!(
            ResidentId::parse("11010519491231002", today()),
            Err(CodeError::Length {
                found: 17,
                expected: 18
            })
        );
        assert_eq!(
            ResidentId::parse("1101051949123100X1", today()),
            Err(CodeError::NotDigit {
                position: 17,
                ch: 'X'
            })
        );
        assert_eq!(ResidentId::parse("", today()), Err(CodeError::Empty));
    }

    #[test]
    fn masked_for_list() {
        let id = ResidentId::parse("110105194912310038", today()).unwrap();
        assert_eq!(id.masked_for_list(), "1101051949****0038");
        let x = ResidentId::parse("11010519491231002X", today()).unwrap();
        assert_eq!(x.masked_for_list(), "1101051949****002X");
    }
}
