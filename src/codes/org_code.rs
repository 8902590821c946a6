//! Organization code (组织机构代码, GB 11714): 8 characters and a check character.

use std::fmt;
use std::str::FromStr;

use super::error::CodeError;
use super::normalize::normalize;

const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Value of a body character: digits 0–9, letters A=10 … Z=35, anything else 0xFF.
const VALUE: [u8; 256] = {
    let mut t = [0xFF_u8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut j = 0;
    while j < 26 {
        t[b'A' as usize + j] = 10 + j as u8;
        j += 1;
    }
    t
};

/// Check character for the first 8 characters, or `None` if `first8` is not 8
/// characters of `[0-9A-Z]`.
pub fn check_char(first8: &[u8]) -> Option<u8> {
    if first8.len() != 8 {
        return None;
    }
    let mut sum = 0u32;
    for (&b, w) in first8.iter().zip(WEIGHTS) {
        let v = VALUE[b as usize];
        if v == 0xFF {
            return None;
        }
        sum += u32::from(v) * w;
    }
    Some(check_from_sum(sum))
}

#[inline]
pub(crate) fn check_from_sum(sum: u32) -> u8 {
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        c => b'0' + c as u8,
    }
}

/// Check character of a body already known to be in the USCC alphabet (a
/// subset of `[0-9A-Z]`).
#[inline]
pub(crate) fn check_char_unchecked(first8: &[u8; 8]) -> u8 {
    let mut sum = 0u32;
    let mut i = 0;
    while i < 8 {
        sum += u32::from(VALUE[first8[i] as usize]) * WEIGHTS[i];
        i += 1;
    }
    check_from_sum(sum)
}

/// A valid organization code, stored without the hyphen.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrgCode([u8; 9]);

impl OrgCode {
    /// Parses `XXXXXXXX-X` or `XXXXXXXXX`. Expects normalised input (upper
    /// case, no spaces); [`FromStr`] normalises first. Positions in errors
    /// count the 9 characters without the hyphen.
    pub fn parse(s: &str) -> Result<OrgCode, CodeError> {
        let count = s.chars().count();
        let hyphenated = count == 10 && s.chars().nth(8) == Some('-');
        if count != 9 && !hyphenated {
            return Err(CodeError::Length {
                found: count,
                expected: 9,
            });
        }
        let mut chars = ['\0'; 9];
        let without_hyphen = s
            .chars()
            .enumerate()
            .filter(|&(i, _)| !(hyphenated && i == 8))
            .map(|(_, c)| c);
        for (slot, c) in chars.iter_mut().zip(without_hyphen) {
            *slot = c;
        }
        let mut body = [0u8; 9];
        for (i, &c) in chars[..8].iter().enumerate() {
            if !(c.is_ascii_digit() || c.is_ascii_uppercase()) {
                return Err(CodeError::NotInAlphabet {
                    ch: c,
                    position: i + 1,
                    alphabet: "organization code",
                });
            }
            body[i] = c as u8;
        }
        let first8: &[u8; 8] = body[..8].try_into().expect("8 bytes");
        let expected = check_char_unchecked(first8);
        if chars[8] != char::from(expected) {
            return Err(CodeError::CheckChar {
                found: chars[8],
                expected: char::from(expected),
            });
        }
        body[8] = expected;
        Ok(OrgCode(body))
    }

    /// Builds from 9 bytes already validated as part of a USCC.
    pub(crate) fn from_validated(bytes: [u8; 9]) -> OrgCode {
        OrgCode(bytes)
    }

    /// The 9 characters without hyphen.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("organization code bytes are ASCII")
    }

    /// The conventional printed form `XXXXXXXX-X`.
    pub fn display_hyphenated(&self) -> String {
        let s = self.as_str();
        format!("{}-{}", &s[..8], &s[8..])
    }
}

impl fmt::Display for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for OrgCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrgCode({:?})", self.as_str())
    }
}

impl FromStr for OrgCode {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgCode::parse(&normalize(s).value)
    }
}

impl serde::Serialize for OrgCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for OrgCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        OrgCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_with_and_without_hyphen() {
        // 69774633-8: embedded in 91110108697746338J, listed with its
        // 注册号 110108012399938 on an enterprise directory page.
        // 58341323-6: 上海财华保网络科技有限公司 (91310109583413236P), same page.
        // 10000134-2: Bank of China, embedded in 911000001000013428.
        for s in [
            "697746338",
            "69774633-8",
            "583413236",
            "58341323-6",
            "100001342",
        ] {
            let c = OrgCode::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(c.as_str(), s.replace('-', ""));
        }
        let c = OrgCode::parse("69774633-8").unwrap();
        assert_eq!(c.to_string(), "697746338");
        assert_eq!(c.display_hyphenated(), "69774633-8");
    }

    #[test]
    fn letter_bodies() {
        // MJX17369-9: embedded in 53640000MJX1736997, quoted as a sample in
        // a public organization-code library.
        assert!(OrgCode::parse("MJX173699").is_ok());
        // MA1BUFLT-4: embedded in 91230184MA1BUFLT44 (a validator's example).
        assert!(OrgCode::parse("MA1BUFLT-4").is_ok());
    }

    #[test]
    fn x_and_zero_check_characters() {
        // Constructed: bodies whose weighted sums give 10 (X) and 11 (0).
        assert_eq!(check_char(b"00000006"), Some(b'X'));
        assert!(OrgCode::parse("00000006-X").is_ok());
        assert!(OrgCode::parse("00000006X").is_ok());
        assert_eq!(check_char(b"00000000"), Some(b'0'));
        assert!(OrgCode::parse("000000000").is_ok());
        assert_eq!(
            OrgCode::parse("000000061"),
            Err(CodeError::CheckChar {
                found: '1',
                expected: 'X'
            })
        );
    }

    #[test]
    fn wrong_check_character() {
        assert_eq!(
            OrgCode::parse("69774633-9"),
            Err(CodeError::CheckChar {
                found: '9',
                expected: '8'
            })
        );
        assert_eq!(
            OrgCode::parse("69774633A").unwrap_err().to_string(),
            "check character is 'A', expected '8'"
        );
    }

    #[test]
    fn bad_shapes() {
        assert_eq!(
            OrgCode::parse("6977463-8"),
            Err(CodeError::NotInAlphabet {
                ch: '-',
                position: 8,
                alphabet: "organization code"
            })
        );
        assert_eq!(
            OrgCode::parse("69774633"),
            Err(CodeError::Length {
                found: 8,
                expected: 9
            })
        );
        assert_eq!(
            OrgCode::parse("69774633-88"),
            Err(CodeError::Length {
                found: 11,
                expected: 9
            })
        );
        assert_eq!(
            OrgCode::parse("697a46338").unwrap_err().to_string(),
            "'a' is not in the organization code alphabet (position 4)"
        );
        assert_eq!(
            OrgCode::parse("69７746338"),
            Err(CodeError::NotInAlphabet {
                ch: '７',
                position: 3,
                alphabet: "organization code"
            })
        );
        assert_eq!(check_char(b"1234567"), None);
        assert_eq!(check_char(b"1234567a"), None);
    }

    #[test]
    fn from_str_normalises() {
        let c: OrgCode = " ６９７７４６３３－８ ".parse().unwrap();
        assert_eq!(c.as_str(), "697746338");
    }

    #[test]
    fn serde_as_string() {
        let c = OrgCode::parse("697746338").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"697746338\"");
        let back: OrgCode =
            serde_json::from_value::<OrgCode>(serde_json::Value::String("69774633-8".into()))
                .unwrap();
        assert_eq!(back, c);
        assert!(
            serde_json::from_value::<OrgCode>(serde_json::Value::String("697746339".into()))
                .is_err()
        );
    }
}
