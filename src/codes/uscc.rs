//! Unified social credit code (统一社会信用代码, GB 32100-2015).

use std::fmt;
use std::str::FromStr;

use super::error::{CodeError, first_bad_char};
use super::normalize::normalize;
use super::org_code::{self, OrgCode};

/// The 31 characters of GB 32100, in value order.
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

const INVALID: u8 = 0xFF;

/// Value of each byte in [`ALPHABET`], `INVALID` for every other byte.
const VALUE: [u8; 256] = {
    let mut t = [INVALID; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Check character (position 18) for the first 17 characters, or `None` if
/// `first17` is not 17 characters of [`ALPHABET`].
pub fn check_char(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&b, w) in first17.iter().zip(WEIGHTS) {
        let v = VALUE[b as usize];
        if v == INVALID {
            return None;
        }
        sum += u32::from(v) * w;
    }
    Some(ALPHABET[((31 - sum % 31) % 31) as usize])
}

/// A valid USCC: right length and alphabet, digits in positions 3–8, and both
/// the final and the embedded organization-code check characters correct.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uscc([u8; 18]);

impl Uscc {
    /// Validates an already-normalised code (see
    /// [`normalize`](crate::codes::normalize::normalize)); [`FromStr`]
    /// normalises first. Does not allocate on success.
    pub fn parse(s: &str) -> Result<Uscc, CodeError> {
        let Ok(bytes) = <[u8; 18]>::try_from(s.as_bytes()) else {
            return Err(Self::slow_error(s));
        };

        let mut sum = 0u32;
        let mut bad = false;
        let mut nondigit = false;
        let mut i = 0;
        while i < 17 {
            let v = VALUE[bytes[i] as usize];
            bad |= v == INVALID;
            if (2..8).contains(&i) {
                nondigit |= v >= 10;
            }
            sum += u32::from(v) * WEIGHTS[i];
            i += 1;
        }
        if bad || nondigit || VALUE[bytes[17] as usize] == INVALID {
            return Err(Self::slow_error(s));
        }

        let expected = ALPHABET[((31 - sum % 31) % 31) as usize];
        if bytes[17] != expected {
            return Err(CodeError::CheckChar {
                found: char::from(bytes[17]),
                expected: char::from(expected),
            });
        }

        let body: &[u8; 8] = bytes[8..16].try_into().expect("8 bytes");
        let org_expected = org_code::check_char_unchecked(body);
        if bytes[16] != org_expected {
            return Err(CodeError::EmbeddedOrgCheck {
                found: char::from(bytes[16]),
                expected: char::from(org_expected),
            });
        }
        Ok(Uscc(bytes))
    }

    /// Explains a code that failed the length, alphabet or digit test.
    #[cold]
    fn slow_error(s: &str) -> CodeError {
        let count = s.chars().count();
        if count == 0 {
            return CodeError::Empty;
        }
        if count != 18 {
            return CodeError::Length {
                found: count,
                expected: 18,
            };
        }
        let in_alphabet = |c: char| c.is_ascii() && VALUE[c as usize] != INVALID;
        if let Some((position, ch)) = first_bad_char(s, in_alphabet) {
            return CodeError::NotInAlphabet {
                ch,
                position,
                alphabet: "USCC",
            };
        }
        match s
            .chars()
            .enumerate()
            .skip(2)
            .take(6)
            .find(|(_, c)| !c.is_ascii_digit())
        {
            Some((i, ch)) => CodeError::NotDigit {
                position: i + 1,
                ch,
            },
            None => unreachable!("slow_error called for a well-formed code"),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("USCC bytes are ASCII")
    }

    /// Position 1: the registration authority (登记管理部门).
    pub fn authority(&self) -> char {
        char::from(self.0[0])
    }

    /// Positions 1–2: authority and entity type (机构类别), e.g. `91`.
    pub fn entity_type(&self) -> &str {
        &self.as_str()[..2]
    }

    /// Positions 3–8: GB/T 2260 division of the registering office.
    pub fn division(&self) -> &str {
        &self.as_str()[2..8]
    }

    /// Positions 9–17: the organization code.
    pub fn org_code(&self) -> OrgCode {
        OrgCode::from_validated(self.0[8..17].try_into().expect("9 bytes"))
    }
}

/// Name of a registration authority (position 1), per GB 32100-2015
/// appendix A.
pub fn authority_name(authority: char) -> Option<&'static str> {
    Some(match authority {
        '1' => "机构编制",
        '2' => "外交",
        '3' => "司法行政",
        '4' => "文化",
        '5' => "民政",
        '6' => "旅游",
        '7' => "宗教",
        '8' => "工会",
        '9' => "工商/市场监管",
        'A' => "中央军委改革和编制办公室",
        'N' => "农业",
        'Y' => "其他",
        _ => return None,
    })
}

/// Name of an entity type given positions 1–2, per GB 32100-2015 appendix A.
pub fn entity_type_name(entity_type: &str) -> Option<&'static str> {
    Some(match entity_type {
        "11" => "机关",
        "12" => "事业单位",
        "13" => "中央编办直接管理机构编制的群众团体",
        "19" => "其他",
        "21" => "外国常住新闻机构",
        "29" => "其他",
        "31" => "律师执业机构",
        "32" => "公证处",
        "33" => "基层法律服务所",
        "34" => "司法鉴定机构",
        "35" => "仲裁委员会",
        "39" => "其他",
        "41" => "外国在华文化中心",
        "49" => "其他",
        "51" => "社会团体",
        "52" => "民办非企业单位",
        "53" => "基金会",
        "59" => "其他",
        "61" => "外国旅游部门常驻代表机构",
        "62" => "港澳台地区旅游部门常驻内地（大陆）代表机构",
        "69" => "其他",
        "71" => "宗教活动场所",
        "72" => "宗教院校",
        "79" => "其他",
        "81" => "基层工会",
        "89" => "其他",
        "91" => "企业",
        "92" => "个体工商户",
        "93" => "农民专业合作社",
        "A1" => "军队事业单位",
        "A9" => "其他",
        "N1" => "组级集体经济组织",
        "N2" => "村级集体经济组织",
        "N3" => "乡镇级集体经济组织",
        "N9" => "其他",
        "Y1" => "其他",
        _ => return None,
    })
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uscc({:?})", self.as_str())
    }
}

impl FromStr for Uscc {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uscc::parse(&normalize(s).value)
    }
}

impl serde::Serialize for Uscc {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Strict: stored data must already be normalised.
impl<'de> serde::Deserialize<'de> for Uscc {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Uscc::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published codes; each source is noted where the code appears.
    const REAL: &[&str] = &[
        // Tencent (Shenzhen) computer systems; Huawei Technologies; Bank of China.
        "91440300708461136T",
        "914403001922038216",
        "911000001000013428",
        // Validator examples in dromara/hutool's CreditCodeUtilTest.
        "91310115591693856A",
        "91310110666007217T",
        // Validator examples in winjs-dev/cloud-utils (MA… bodies, and a 92
        // individual business).
        "91230184MA1BUFLT44",
        "92371000MA3MXH0E3W",
        // An enterprise directory page listing 注册号, 组织机构代码 and USCC
        // together (org codes 697746338 and 583413236).
        "91110108697746338J",
        "91310109583413236P",
        // 北京市司法局, on banshi.beijing.gov.cn.
        "11110000000029209E",
        // 荥阳市司法局, quoted from a court ruling (豫01行终492号).
        "11410182005291054B",
        // 浙江大学, 复旦大学 and 上海工程技术大学 payment details (事业单位).
        "12100000470095016Q",
        "12100000425006117P",
        "12310000425022547M",
        // 上海市杨浦区科技企业联合会, a social group registered with the
        // Yangpu district civil affairs bureau.
        "51310110501144395U",
        // A 53 (foundation) code used as a sample by an org-code library.
        "53640000MJX1736997",
    ];

    /// Constructed, not published (no real letter-authority code was found in
    /// a citable source): a village collective (N2, whose embedded
    /// organization code ends in X) and a Y1 code, each with a valid embedded
    /// organization code and computed final check.
    const CONSTRUCTED_LETTER_AUTHORITY: &[&str] = &["N2330109MA2H7LX1XC", "Y1110108MA01ABCD55"];

    fn with_check(first17: &str) -> String {
        let c = check_char(first17.as_bytes()).expect("valid first 17");
        format!("{first17}{}", char::from(c))
    }

    #[test]
    fn real_codes_pass_both_checks() {
        for s in REAL {
            let u = Uscc::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(u.as_str(), *s);
            assert_eq!(u.to_string(), *s);
        }
    }

    #[test]
    fn constructed_letter_authority_codes_pass() {
        for s in CONSTRUCTED_LETTER_AUTHORITY {
            let u = Uscc::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert!(u.authority().is_ascii_uppercase());
        }
    }

    #[test]
    fn parts() {
        let u = Uscc::parse("91440300708461136T").unwrap();
        assert_eq!(u.authority(), '9');
        assert_eq!(u.entity_type(), "91");
        assert_eq!(u.division(), "440300");
        assert_eq!(u.org_code().as_str(), "708461136");
        assert_eq!(u.org_code().display_hyphenated(), "70846113-6");
        assert_eq!(format!("{u:?}"), "Uscc(\"91440300708461136T\")");
    }

    #[test]
    fn check_char_matches_real_codes() {
        for s in REAL {
            assert_eq!(check_char(&s.as_bytes()[..17]), Some(s.as_bytes()[17]));
        }
        assert_eq!(check_char(b"9144030070846113"), None);
        assert_eq!(check_char(b"91440300708461I36"), None);
    }

    #[test]
    fn wrong_final_character() {
        assert_eq!(
            Uscc::parse("91440300708461136Q"),
            Err(CodeError::CheckChar {
                found: 'Q',
                expected: 'T'
            })
        );
        assert_eq!(
            Uscc::parse("914403001922038217").unwrap_err().to_string(),
            "check character is '7', expected '6'"
        );
    }

    #[test]
    fn only_the_embedded_check_fails() {
        // Position 17 of Tencent's code changed from 6 to 3, final recomputed.
        let s = with_check("91440300708461133");
        assert_eq!(
            Uscc::parse(&s),
            Err(CodeError::EmbeddedOrgCheck {
                found: '3',
                expected: '6'
            })
        );
        assert_eq!(
            Uscc::parse(&s).unwrap_err().to_string(),
            "embedded organization code check character (position 17) is '3', expected '6'"
        );
    }

    #[test]
    fn letters_in_division_rejected() {
        let s = with_check("9144A300708461136");
        assert_eq!(
            Uscc::parse(&s).unwrap_err().to_string(),
            "position 5 must be a digit, found 'A'"
        );
        let s = with_check("91440300708461136");
        assert!(Uscc::parse(&s).is_ok());
        let s = with_check("914403B0708461136");
        assert_eq!(
            Uscc::parse(&s),
            Err(CodeError::NotDigit {
                position: 7,
                ch: 'B'
            })
        );
    }

    #[test]
    fn letters_allowed_in_positions_1_2_and_9_17() {
        assert!(Uscc::parse("91230184MA1BUFLT44").is_ok());
        assert!(Uscc::parse("N2330109MA2H7LX1XC").is_ok());
    }

    #[test]
    fn excluded_letters() {
        for (bad, pos) in [('I', 4), ('O', 10), ('S', 12), ('V', 1), ('Z', 18)] {
            let mut b = *b"91440300708461136T";
            b[pos - 1] = bad as u8;
            let s = std::str::from_utf8(&b).unwrap();
            assert_eq!(
                Uscc::parse(s),
                Err(CodeError::NotInAlphabet {
                    ch: bad,
                    position: pos,
                    alphabet: "USCC"
                }),
                "{s}"
            );
        }
        assert_eq!(
            Uscc::parse("914I0300708461136T").unwrap_err().to_string(),
            "'I' is not in the USCC alphabet (position 4)"
        );
    }

    #[test]
    fn lower_case_is_not_normalised_by_parse() {
        assert_eq!(
            Uscc::parse("91440300708461136t"),
            Err(CodeError::NotInAlphabet {
                ch: 't',
                position: 18,
                alphabet: "USCC"
            })
        );
    }

    #[test]
    fn wrong_length() {
        assert_eq!(
            Uscc::parse("91440300708461136").unwrap_err().to_string(),
            "length is 17, expected 18"
        );
        assert_eq!(
            Uscc::parse("91440300708461136TT"),
            Err(CodeError::Length {
                found: 19,
                expected: 18
            })
        );
        assert_eq!(Uscc::parse(""), Err(CodeError::Empty));
    }

    #[test]
    fn non_ascii_counts_characters() {
        // 18 characters, 20 bytes.
        assert_eq!(
            Uscc::parse("９1440300708461136T"),
            Err(CodeError::NotInAlphabet {
                ch: '９',
                position: 1,
                alphabet: "USCC"
            })
        );
        // 18 bytes but 16 characters.
        assert_eq!(
            Uscc::parse("中144030070846113"),
            Err(CodeError::Length {
                found: 16,
                expected: 18
            })
        );
    }

    #[test]
    fn from_str_normalises_dirty_input() {
        for dirty in [
            "９１４４０３００７０８４６１１３６Ｔ",
            "91440300708461136t",
            " 9144 0300 7084 6113 6T ",
            "9144-0300-7084-6113-6T",
            "'91440300708461136T",
        ] {
            let u: Uscc = dirty.parse().unwrap_or_else(|e| panic!("{dirty}: {e}"));
            assert_eq!(u.as_str(), "91440300708461136T");
        }
    }

    #[test]
    fn names() {
        assert_eq!(authority_name('9'), Some("工商/市场监管"));
        assert_eq!(authority_name('N'), Some("农业"));
        assert_eq!(authority_name('Q'), None);
        assert_eq!(entity_type_name("91"), Some("企业"));
        assert_eq!(entity_type_name("51"), Some("社会团体"));
        assert_eq!(entity_type_name("N2"), Some("村级集体经济组织"));
        assert_eq!(entity_type_name("94"), None);
    }

    #[test]
    fn ordering_is_string_ordering() {
        let mut v: Vec<Uscc> = REAL.iter().map(|s| Uscc::parse(s).unwrap()).collect();
        v.sort();
        let mut s: Vec<&str> = REAL.to_vec();
        s.sort();
        assert_eq!(v.iter().map(|u| u.as_str()).collect::<Vec<_>>(), s);
    }

    #[test]
    fn serde_as_string() {
        use serde_json::to_string as json;
        let from_str =
            |s: &str| serde_json::from_value::<Uscc>(serde_json::Value::String(s.into()));
        let u = Uscc::parse("91440300708461136T").unwrap();
        assert_eq!(json(&u).unwrap(), "\"91440300708461136T\"");
        assert_eq!(from_str("91440300708461136T").unwrap(), u);
        assert!(from_str("91440300708461136Q").is_err());
    }
}
