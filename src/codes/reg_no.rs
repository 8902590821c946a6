//! Business registration number (工商注册号, GS 15-2006): 15 digits, the last
//! an ISO 7064 MOD 11,10 check digit.

use std::fmt;
use std::str::FromStr;

use super::error::{CodeError, first_bad_char};
use super::normalize::normalize;

/// ISO 7064 MOD 11,10 check digit (ASCII) for 14 ASCII digits. Bytes that are
/// not digits give a meaningless result.
pub fn check_digit(first14: &[u8; 14]) -> u8 {
    let mut p = 10u32;
    for &b in first14 {
        let s = (p + u32::from(b.wrapping_sub(b'0'))) % 10;
        let s = if s == 0 { 10 } else { s };
        p = (s * 2) % 11;
    }
    b'0' + ((11 - p) % 10) as u8
}

/// A valid 15-digit business registration number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegNo([u8; 15]);

impl RegNo {
    /// Validates an already-normalised number; [`FromStr`] normalises first.
    pub fn parse(s: &str) -> Result<RegNo, CodeError> {
        let count = s.chars().count();
        if count == 0 {
            return Err(CodeError::Empty);
        }
        if count != 15 {
            return Err(CodeError::Length {
                found: count,
                expected: 15,
            });
        }
        if let Some((position, ch)) = first_bad_char(s, |c| c.is_ascii_digit()) {
            return Err(CodeError::NotDigit { position, ch });
        }
        let bytes: [u8; 15] = s.as_bytes().try_into().expect("15 ASCII digits");
        let expected = check_digit(bytes[..14].try_into().expect("14 bytes"));
        if bytes[14] != expected {
            return Err(CodeError::CheckChar {
                found: char::from(bytes[14]),
                expected: char::from(expected),
            });
        }
        Ok(RegNo(bytes))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("registration number bytes are ASCII")
    }
}

impl fmt::Display for RegNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RegNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegNo({:?})", self.as_str())
    }
}

impl FromStr for RegNo {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegNo::parse(&normalize(s).value)
    }
}

impl serde::Serialize for RegNo {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for RegNo {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        RegNo::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published numbers: 北京百度网讯科技有限公司 (a saved copy of its
    /// registry page); two from an enterprise directory page that lists them
    /// beside USCCs 91110108697746338J and 91310109583413236P; those of
    /// 北京竞财投资服务有限公司 and 福建众投客投资管理有限公司 as printed in
    /// agreement templates.
    const REAL: &[&str] = &[
        "110108002734659",
        "110108012399938",
        "310115001880896",
        "110107018557568",
        "110108019292109",
    ];

    #[test]
    fn real_numbers_pass() {
        for s in REAL {
            let r = RegNo::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(r.as_str(), *s);
            assert_eq!(r.to_string(), *s);
        }
    }

    #[test]
    fn check_digit_matches() {
        for s in REAL {
            let b = s.as_bytes();
            assert_eq!(check_digit(b[..14].try_into().unwrap()), b[14]);
        }
    }

    #[test]
    fn wrong_check_digit() {
        assert_eq!(
            RegNo::parse("110108002734658").unwrap_err().to_string(),
            "check character is '8', expected '9'"
        );
    }

    #[test]
    fn every_single_digit_change_is_caught() {
        let good = REAL[0].as_bytes();
        for i in 0..15 {
            for d in b'0'..=b'9' {
                if d == good[i] {
                    continue;
                }
                let mut b = good.to_vec();
                b[i] = d;
                let s = String::from_utf8(b).unwrap();
                assert!(RegNo::parse(&s).is_err(), "{s}");
            }
        }
    }

    #[test]
    fn bad_shapes() {
        assert_eq!(
            RegNo::parse("11010800273465"),
            Err(CodeError::Length {
                found: 14,
                expected: 15
            })
        );
        assert_eq!(
            RegNo::parse("1101080027A4659"),
            Err(CodeError::NotDigit {
                position: 11,
                ch: 'A'
            })
        );
        assert_eq!(RegNo::parse(""), Err(CodeError::Empty));
    }

    #[test]
    fn from_str_removes_excel_decimal() {
        let r: RegNo = "110108002734659.0".parse().unwrap();
        assert_eq!(r.as_str(), "110108002734659");
    }
}
