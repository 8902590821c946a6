//! Parsing cell values: dates, 万元 amounts and the layouts' enumerations.
//!
//! Every parser is a pure function returning `Err` with a sentence for a
//! person that quotes the offending value.

use std::borrow::Cow;
use std::str::FromStr;

use chrono::{Days, NaiveDate};

const DATE_FORMS: &str = "expected forms like 2019-10-23, 2019/10/23, 2019年10月23日, 20191023";

/// Maps full-width ASCII (ＡＢＣ１２３．，－) and the ideographic space to their
/// ASCII forms, borrowing when there is nothing to change.
pub(crate) fn fold_width(value: &str) -> Cow<'_, str> {
    if value.is_ascii() {
        return Cow::Borrowed(value);
    }
    let needs = value
        .chars()
        .any(|c| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}'));
    if !needs {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            })
            .collect(),
    )
}

/// Parses a date in any of the forms departments send.
///
/// Accepts `2019-10-23`, `2019/10/23`, `2019.10.23`, `2019年10月23日`,
/// `20191023`, single-digit months and days, a trailing time part, full-width
/// digits, and an Excel serial day number (20000–80000, 1900 date system).
pub fn parse_date(value: &str) -> Result<NaiveDate, String> {
    let folded = fold_width(value);
    let text = folded.trim();
    if text.is_empty() {
        return Err(format!("the date is empty ({DATE_FORMS})"));
    }
    date_of(text).ok_or_else(|| format!("'{value}' is not a date ({DATE_FORMS})"))
}

/// Parses an expiry date, where `2099-12-31`, `9999-12-31`, 长期 and 永久 mean none.
pub fn parse_expiry(value: &str) -> Result<Option<NaiveDate>, String> {
    let folded = fold_width(value);
    let text = folded.trim();
    if matches!(text, "长期" | "永久" | "长期有效" | "永久有效") {
        return Ok(None);
    }
    if text.is_empty() {
        return Err(format!("the date is empty ({DATE_FORMS}, or 长期)"));
    }
    match date_of(text) {
        Some(date) if is_no_expiry(date) => Ok(None),
        Some(date) => Ok(Some(date)),
        None => Err(format!(
            "'{value}' is not a date or 长期 ({DATE_FORMS}, or 长期)"
        )),
    }
}

/// `date` as the store keeps it: `YYYY-MM-DD`, as chrono displays it.
pub fn iso_date(date: NaiveDate) -> String {
    match iso_date_bytes(date) {
        Some(bytes) => String::from_utf8(bytes.to_vec()).expect("ASCII digits"),
        None => date.to_string(),
    }
}

/// Whether `text` is `date` written as [`iso_date`] writes it, as most dates
/// in a file are: then the text itself is the normalised value.
pub fn is_iso_date(text: &str, date: NaiveDate) -> bool {
    iso_date_bytes(date).is_some_and(|bytes| text.as_bytes() == bytes)
}

/// [`iso_date`]'s ten bytes, for years 0 to 9999. Written digit by digit,
/// since chrono's display goes one character at a time through a
/// formatter, and this runs for several dates of every row.
fn iso_date_bytes(date: NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let Ok(year @ 0..=9999) = u32::try_from(date.year()) else {
        return None;
    };
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (month, day) = (date.month(), date.day());
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// Whether a character whose UTF-8 encoding starts with `lead` may be
/// whitespace (`char::is_whitespace`, Unicode's White_Space): U+0009 to
/// U+000D and U+0020 are these bytes themselves, U+0085 and U+00A0 start
/// with 0xC2, U+1680 with 0xE1, U+2000 to U+205F with 0xE2 and U+3000
/// with 0xE3. No other character starts with one of them.
pub(crate) fn may_be_whitespace(lead: u8) -> bool {
    matches!(lead, 0x09..=0x0d | 0x20 | 0xc2 | 0xe1..=0xe3)
}

/// `s.trim()`, at once when neither the first character nor the last can be
/// whitespace, as in most cells: `str::trim` decodes a character at each
/// end and looks it up, for every value of every row.
pub(crate) fn trim(s: &str) -> &str {
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return s;
    };
    // The last character starts at the last byte that does not continue
    // one (continuation bytes are 0b10xxxxxx).
    let last = bytes
        .iter()
        .rev()
        .find(|&&b| b & 0xc0 != 0x80)
        .copied()
        .unwrap_or(first);
    if may_be_whitespace(first) || may_be_whitespace(last) {
        s.trim()
    } else {
        s
    }
}

fn is_no_expiry(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (date.year() == 2099 || date.year() == 9999) && date.month() == 12 && date.day() == 31
}

fn date_of(text: &str) -> Option<NaiveDate> {
    if let Some(date) = serial_date(text) {
        return Some(date);
    }
    // The date ends at the first space or ISO `T`; what follows must be a time.
    let split = text.find(|c: char| c.is_whitespace() || c == 'T' || c == 't');
    let (date, time) = match split {
        Some(at) => (&text[..at], Some(text[at + 1..].trim())),
        None => (text, None),
    };
    if let Some(time) = time
        && !is_time(time)
    {
        return None;
    }
    let (y, m, d) = if let Some((y, rest)) = date.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日').unwrap_or(rest);
        (y, m, d)
    } else if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        (&date[..4], &date[4..6], &date[6..])
    } else {
        let sep = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        let mut parts = date.split(sep);
        let parts = (parts.next()?, parts.next()?, parts.next()?, parts.next());
        if parts.3.is_some() {
            return None;
        }
        (parts.0, parts.1, parts.2)
    };
    let all_digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !all_digits(y, 4, 4) || !all_digits(m, 1, 2) || !all_digits(d, 1, 2) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if year < 1900 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

/// An Excel day number such as `43761` or `43761.5` (the time part dropped).
fn serial_date(text: &str) -> Option<NaiveDate> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.len() != 5
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let days: u64 = whole.parse().ok()?;
    if !(20_000..=80_000).contains(&days) {
        return None;
    }
    // Day 0 of Excel's 1900 system is 1899-12-30 once its phantom 1900-02-29
    // is behind: true for every serial in the accepted range.
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))
}

/// `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn is_time(text: &str) -> bool {
    let mut parts = text.split(':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return false;
    };
    let s = parts.next();
    if parts.next().is_some() {
        return false;
    }
    let number = |s: &str, len: std::ops::RangeInclusive<usize>, max: u32| {
        len.contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    let seconds_ok = match s {
        None => true,
        Some(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, "0"));
            number(whole, 2..=2, 60)
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b.is_ascii_digit())
        }
    };
    number(h, 1..=2, 23) && number(m, 2..=2, 59) && seconds_ok
}

/// Converts an amount in 万元 to integer fen exactly (1 万元 = 1,000,000 fen).
///
/// Decimal text only, never through a float: `0.2` → 200000. Accepts
/// thousands separators in their proper places and full-width digits.
pub fn parse_wan_to_fen(value: &str) -> Result<i64, String> {
    const FEN_PER_WAN: i64 = 1_000_000;
    let folded = fold_width(value);
    let text = folded.trim();
    let junk =
        || format!("'{value}' is not an amount in 万元 (expected a number like 0.2 or 1,200.5)");
    if text.is_empty() {
        return Err("the amount is empty (expected a number in 万元 like 0.2)".to_string());
    }
    if text.starts_with('-') {
        return Err(format!("'{value}' is negative; amounts cannot be negative"));
    }
    let text = text.strip_prefix('+').unwrap_or(text);
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if (whole.is_empty() && fraction.is_empty())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || !valid_grouping(whole)
    {
        return Err(junk());
    }
    let (kept, extra) = fraction.split_at(fraction.len().min(6));
    if extra.bytes().any(|b| b != b'0') {
        return Err(format!(
            "'{value}' has more than 6 decimal places; 万元 amounts are exact to the fen"
        ));
    }
    let too_large = || format!("'{value}' is too large an amount");
    let mut wan: i64 = 0;
    for b in whole.bytes().filter(u8::is_ascii_digit) {
        wan = wan
            .checked_mul(10)
            .and_then(|w| w.checked_add(i64::from(b - b'0')))
            .ok_or_else(too_large)?;
    }
    let mut fen: i64 = 0;
    for i in 0..6 {
        let digit = kept.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
        fen = fen * 10 + digit;
    }
    wan.checked_mul(FEN_PER_WAN)
        .and_then(|w| w.checked_add(fen))
        .ok_or_else(too_large)
}

/// Digits, optionally grouped by commas in threes (`1,200`, not `1,20`).
fn valid_grouping(whole: &str) -> bool {
    if !whole.contains(',') {
        return whole.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Splits a list of names joined by `；`, `;` or `、` (曾用名 columns).
pub fn split_names(value: &str) -> Vec<&str> {
    value
        .split(['；', ';', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The key spellings are compared by: full-width folded, no whitespace, ASCII lower case.
fn term_key(value: &str) -> Cow<'_, str> {
    let folded = fold_width(value);
    if !folded
        .chars()
        .any(|c| c.is_whitespace() || c.is_ascii_uppercase())
    {
        return folded;
    }
    Cow::Owned(
        folded
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect(),
    )
}

/// Looks `value` up in `(spelling, term)` pairs, each spelling its own
/// [`term_key`]; the error names `what` and lists `allowed`.
fn parse_term<T: Copy>(
    value: &str,
    spellings: &[(&str, T)],
    what: &str,
    allowed: &[&str],
) -> Result<T, String> {
    // A value spelt as one of them is its own key.
    if let Some(&(_, term)) = spellings.iter().find(|(s, _)| *s == value) {
        return Ok(term);
    }
    let key = term_key(value);
    spellings
        .iter()
        .find(|(s, _)| *s == key)
        .map(|&(_, t)| t)
        .ok_or_else(|| {
            if key.is_empty() {
                format!("the {what} is empty (allowed: {})", allowed.join(", "))
            } else {
                format!(
                    "'{value}' is not a {what} (allowed: {})",
                    allowed.join(", ")
                )
            }
        })
}

/// 行政相对人类别: the kind of subject a record is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SubjectKind {
    /// 法人及非法人组织
    Legal,
    /// 个体工商户
    Individual,
    /// 自然人
    NaturalPerson,
}

/// How departments spell each [`SubjectKind`], as [`term_key`]s.
const SUBJECT_KIND_SPELLINGS: &[(&str, SubjectKind)] = {
    use SubjectKind::*;
    &[
        ("法人及非法人组织", Legal),
        ("法人和非法人组织", Legal),
        ("法人或非法人组织", Legal),
        ("法人", Legal),
        ("非法人组织", Legal),
        ("法人及其他组织", Legal),
        ("法人和其他组织", Legal),
        ("法人或其他组织", Legal),
        ("legal", Legal),
        ("个体工商户", Individual),
        ("个体户", Individual),
        ("individual_business", Individual),
        ("自然人", NaturalPerson),
        ("natural_person", NaturalPerson),
    ]
};

impl SubjectKind {
    /// Every kind.
    pub const ALL: [SubjectKind; 3] = [
        SubjectKind::Legal,
        SubjectKind::Individual,
        SubjectKind::NaturalPerson,
    ];

    /// Stable snake_case text for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Legal => "legal",
            SubjectKind::Individual => "individual_business",
            SubjectKind::NaturalPerson => "natural_person",
        }
    }

    /// The national layout's Chinese term.
    pub fn chinese(self) -> &'static str {
        match self {
            SubjectKind::Legal => "法人及非法人组织",
            SubjectKind::Individual => "个体工商户",
            SubjectKind::NaturalPerson => "自然人",
        }
    }

    /// Parses the Chinese term, a common variant, or [`Self::as_str`].
    pub fn parse(value: &str) -> Result<Self, String> {
        parse_term(
            value,
            SUBJECT_KIND_SPELLINGS,
            "subject category",
            &["法人及非法人组织", "个体工商户", "自然人"],
        )
    }
}

impl FromStr for SubjectKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

/// 处罚类别: one category of administrative penalty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PenaltyCategory {
    /// 警告
    Warning,
    /// 通报批评
    PublicCriticism,
    /// 罚款
    Fine,
    /// 没收违法所得、没收非法财物
    Confiscation,
    /// 暂扣或者吊销许可证、暂扣或者吊销执照
    LicenseSuspensionOrRevocation,
    /// 降低资质等级
    QualificationDowngrade,
    /// 限制开展生产经营活动
    BusinessRestriction,
    /// 责令停产停业
    SuspensionOfBusiness,
    /// 责令关闭
    OrderedClosure,
    /// 限制从业
    PracticeRestriction,
    /// 行政拘留
    Detention,
    /// 其他
    Other,
}

const PENALTY_CATEGORY_SPELLINGS: &[(&str, PenaltyCategory)] = {
    use PenaltyCategory::*;
    &[
        ("警告", Warning),
        ("通报批评", PublicCriticism),
        ("罚款", Fine),
        ("没收违法所得、没收非法财物", Confiscation),
        ("没收违法所得和非法财物", Confiscation),
        ("没收违法所得", Confiscation),
        ("没收非法财物", Confiscation),
        (
            "暂扣或者吊销许可证、暂扣或者吊销执照",
            LicenseSuspensionOrRevocation,
        ),
        (
            "暂扣或吊销许可证、暂扣或吊销执照",
            LicenseSuspensionOrRevocation,
        ),
        ("暂扣或者吊销许可证", LicenseSuspensionOrRevocation),
        ("暂扣或者吊销执照", LicenseSuspensionOrRevocation),
        ("暂扣或吊销许可证", LicenseSuspensionOrRevocation),
        ("暂扣或吊销执照", LicenseSuspensionOrRevocation),
        ("暂扣许可证件", LicenseSuspensionOrRevocation),
        ("吊销许可证件", LicenseSuspensionOrRevocation),
        ("暂扣许可证", LicenseSuspensionOrRevocation),
        ("吊销许可证", LicenseSuspensionOrRevocation),
        ("暂扣执照", LicenseSuspensionOrRevocation),
        ("吊销执照", LicenseSuspensionOrRevocation),
        ("吊销营业执照", LicenseSuspensionOrRevocation),
        ("降低资质等级", QualificationDowngrade),
        ("限制开展生产经营活动", BusinessRestriction),
        ("责令停产停业", SuspensionOfBusiness),
        ("责令停产", SuspensionOfBusiness),
        ("责令停业", SuspensionOfBusiness),
        ("责令关闭", OrderedClosure),
        ("限制从业", PracticeRestriction),
        ("行政拘留", Detention),
        ("其他", Other),
        ("其它", Other),
        ("warning", Warning),
        ("public_criticism", PublicCriticism),
        ("fine", Fine),
        ("confiscation", Confiscation),
        (
            "license_suspension_or_revocation",
            LicenseSuspensionOrRevocation,
        ),
        ("qualification_downgrade", QualificationDowngrade),
        ("business_restriction", BusinessRestriction),
        ("suspension_of_business", SuspensionOfBusiness),
        ("ordered_closure", OrderedClosure),
        ("practice_restriction", PracticeRestriction),
        ("detention", Detention),
        ("other", Other),
    ]
};

impl PenaltyCategory {
    /// Every category, in the order of the law.
    pub const ALL: [PenaltyCategory; 12] = {
        use PenaltyCategory::*;
        [
            Warning,
            PublicCriticism,
            Fine,
            Confiscation,
            LicenseSuspensionOrRevocation,
            QualificationDowngrade,
            BusinessRestriction,
            SuspensionOfBusiness,
            OrderedClosure,
            PracticeRestriction,
            Detention,
            Other,
        ]
    };

    /// Stable snake_case text for storage.
    pub fn as_str(self) -> &'static str {
        use PenaltyCategory::*;
        match self {
            Warning => "warning",
            PublicCriticism => "public_criticism",
            Fine => "fine",
            Confiscation => "confiscation",
            LicenseSuspensionOrRevocation => "license_suspension_or_revocation",
            QualificationDowngrade => "qualification_downgrade",
            BusinessRestriction => "business_restriction",
            SuspensionOfBusiness => "suspension_of_business",
            OrderedClosure => "ordered_closure",
            PracticeRestriction => "practice_restriction",
            Detention => "detention",
            Other => "other",
        }
    }

    /// The canonical Chinese term.
    pub fn chinese(self) -> &'static str {
        use PenaltyCategory::*;
        match self {
            Warning => "警告",
            PublicCriticism => "通报批评",
            Fine => "罚款",
            Confiscation => "没收违法所得、没收非法财物",
            LicenseSuspensionOrRevocation => "暂扣或者吊销许可证、暂扣或者吊销执照",
            QualificationDowngrade => "降低资质等级",
            BusinessRestriction => "限制开展生产经营活动",
            SuspensionOfBusiness => "责令停产停业",
            OrderedClosure => "责令关闭",
            PracticeRestriction => "限制从业",
            Detention => "行政拘留",
            Other => "其他",
        }
    }
}

/// Whether `c` joins the categories of a 处罚类别 cell.
fn is_category_separator(c: char) -> bool {
    matches!(c, '；' | ';' | ',' | '，' | '、' | '/')
}

/// Parses a 处罚类别 cell holding one or more categories.
///
/// Categories are joined by `；`, `;`, `,`, `，` or `、`, but two canonical
/// names contain `、` themselves, so the cell is read by matching the longest
/// known name at each position rather than by splitting. Halves such as
/// 吊销执照 map to their combined category; repeats are dropped.
pub fn parse_penalty_categories(value: &str) -> Result<Vec<PenaltyCategory>, String> {
    let key = term_key(value);
    let mut found = Vec::new();
    let mut rest = &*key;
    loop {
        rest = rest.trim_start_matches(is_category_separator);
        if rest.is_empty() {
            break;
        }
        // No spelling holds a separator but `、`: a spelling that is all
        // of the text up to the next other separator is the longest match.
        let part = rest
            .find(|c: char| c != '、' && is_category_separator(c))
            .map_or(rest, |end| &rest[..end]);
        let hit = PENALTY_CATEGORY_SPELLINGS
            .iter()
            .find(|(name, _)| *name == part)
            .or_else(|| {
                PENALTY_CATEGORY_SPELLINGS
                    .iter()
                    .filter(|(name, _)| {
                        rest.strip_prefix(name).is_some_and(|after| {
                            after.is_empty() || after.starts_with(is_category_separator)
                        })
                    })
                    .max_by_key(|(name, _)| name.len())
            });
        match hit {
            Some(&(name, category)) => {
                if !found.contains(&category) {
                    found.push(category);
                }
                rest = &rest[name.len()..];
            }
            None => {
                let unknown = rest.split(is_category_separator).next().unwrap_or(rest);
                let allowed: Vec<&str> = PenaltyCategory::ALL.iter().map(|c| c.chinese()).collect();
                let whole = if unknown == key {
                    String::new()
                } else {
                    format!(" in '{value}'")
                };
                return Err(format!(
                    "'{unknown}'{whole} is not a penalty category (allowed: {})",
                    allowed.join(" / ")
                ));
            }
        }
    }
    if found.is_empty() {
        return Err("the penalty category is empty".to_string());
    }
    Ok(found)
}

/// 许可类别: the category of an administrative licence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LicenseCategory {
    /// 普通
    Ordinary,
    /// 特许
    Franchise,
    /// 认可
    Recognition,
    /// 核准
    Approval,
    /// 登记
    Registration,
    /// 其他
    Other,
}

impl LicenseCategory {
    /// Every category.
    pub const ALL: [LicenseCategory; 6] = [
        LicenseCategory::Ordinary,
        LicenseCategory::Franchise,
        LicenseCategory::Recognition,
        LicenseCategory::Approval,
        LicenseCategory::Registration,
        LicenseCategory::Other,
    ];

    /// Stable snake_case text for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseCategory::Ordinary => "ordinary",
            LicenseCategory::Franchise => "franchise",
            LicenseCategory::Recognition => "recognition",
            LicenseCategory::Approval => "approval",
            LicenseCategory::Registration => "registration",
            LicenseCategory::Other => "other",
        }
    }

    /// The national layout's Chinese term.
    pub fn chinese(self) -> &'static str {
        match self {
            LicenseCategory::Ordinary => "普通",
            LicenseCategory::Franchise => "特许",
            LicenseCategory::Recognition => "认可",
            LicenseCategory::Approval => "核准",
            LicenseCategory::Registration => "登记",
            LicenseCategory::Other => "其他",
        }
    }

    /// Parses the Chinese term (optionally followed by 许可) or [`Self::as_str`].
    pub fn parse(value: &str) -> Result<Self, String> {
        let key = term_key(value);
        let key = key.strip_suffix("许可").unwrap_or(&key);
        let key = if key == "其它" { "其他" } else { key };
        Self::ALL
            .into_iter()
            .find(|c| c.chinese() == key || c.as_str() == key)
            .ok_or_else(|| {
                let allowed: Vec<&str> = Self::ALL.iter().map(|c| c.chinese()).collect();
                format!(
                    "'{value}' is not a licence category (allowed: {})",
                    allowed.join(", ")
                )
            })
    }
}

impl FromStr for LicenseCategory {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

/// 当前状态 of a licence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LicenseStatus {
    /// 有效 (`1`)
    Valid,
    /// 无效 (`2`)
    Invalid,
}

/// How departments spell each [`LicenseStatus`], as [`term_key`]s.
const LICENSE_STATUS_SPELLINGS: &[(&str, LicenseStatus)] = &[
    ("1", LicenseStatus::Valid),
    ("有效", LicenseStatus::Valid),
    ("valid", LicenseStatus::Valid),
    ("2", LicenseStatus::Invalid),
    ("无效", LicenseStatus::Invalid),
    ("invalid", LicenseStatus::Invalid),
];

impl LicenseStatus {
    /// Stable snake_case text for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseStatus::Valid => "valid",
            LicenseStatus::Invalid => "invalid",
        }
    }

    /// The Chinese term.
    pub fn chinese(self) -> &'static str {
        match self {
            LicenseStatus::Valid => "有效",
            LicenseStatus::Invalid => "无效",
        }
    }

    /// Parses `1`/`2`, 有效/无效 or [`Self::as_str`].
    pub fn parse(value: &str) -> Result<Self, String> {
        parse_term(
            value,
            LICENSE_STATUS_SPELLINGS,
            "licence status",
            &["1 (有效)", "2 (无效)"],
        )
    }
}

impl FromStr for LicenseStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

/// 证件类型: the kind of identity document of a natural person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdType {
    /// 身份证
    IdCard,
    /// 护照号
    Passport,
    /// 港澳居民来往内地通行证
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证
    TaiwanPermit,
    /// 外国人永久居留身份证
    ForeignPermanentResident,
}

/// How departments spell each [`IdType`], as [`term_key`]s.
const ID_TYPE_SPELLINGS: &[(&str, IdType)] = {
    use IdType::*;
    &[
        ("身份证", IdCard),
        ("居民身份证", IdCard),
        ("身份证号", IdCard),
        ("id_card", IdCard),
        ("护照号", Passport),
        ("护照", Passport),
        ("passport", Passport),
        ("港澳居民来往内地通行证", HkMacaoPermit),
        ("hk_macao_permit", HkMacaoPermit),
        ("台湾居民来往大陆通行证", TaiwanPermit),
        ("taiwan_permit", TaiwanPermit),
        ("外国人永久居留身份证", ForeignPermanentResident),
        ("外国人永久居留证", ForeignPermanentResident),
        ("foreign_permanent_resident", ForeignPermanentResident),
    ]
};

impl IdType {
    /// Every document kind.
    pub const ALL: [IdType; 5] = [
        IdType::IdCard,
        IdType::Passport,
        IdType::HkMacaoPermit,
        IdType::TaiwanPermit,
        IdType::ForeignPermanentResident,
    ];

    /// Stable snake_case text for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            IdType::IdCard => "id_card",
            IdType::Passport => "passport",
            IdType::HkMacaoPermit => "hk_macao_permit",
            IdType::TaiwanPermit => "taiwan_permit",
            IdType::ForeignPermanentResident => "foreign_permanent_resident",
        }
    }

    /// The national layout's Chinese term.
    pub fn chinese(self) -> &'static str {
        match self {
            IdType::IdCard => "身份证",
            IdType::Passport => "护照号",
            IdType::HkMacaoPermit => "港澳居民来往内地通行证",
            IdType::TaiwanPermit => "台湾居民来往大陆通行证",
            IdType::ForeignPermanentResident => "外国人永久居留身份证",
        }
    }

    /// Parses the Chinese term, a common variant, or [`Self::as_str`].
    pub fn parse(value: &str) -> Result<Self, String> {
        let allowed: Vec<&str> = Self::ALL.iter().map(|t| t.chinese()).collect();
        parse_term(value, ID_TYPE_SPELLINGS, "document type", &allowed)
    }
}

impl FromStr for IdType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_kept_as_chrono_displays_them() {
        let days = [
            ymd(2025, 3, 14),
            ymd(2099, 12, 31),
            ymd(1999, 1, 1),
            ymd(1, 1, 1),
            ymd(999, 10, 9),
            ymd(9999, 12, 31),
            ymd(-1, 6, 30),
            NaiveDate::MAX,
            NaiveDate::MIN,
        ];
        for day in days {
            assert_eq!(iso_date(day), day.to_string());
            assert!(is_iso_date(&day.to_string(), day) || !(0..=9999).contains(&day.year()));
        }
        assert_eq!(iso_date(ymd(2025, 3, 4)), "2025-03-04");
        assert!(is_iso_date("2025-03-04", ymd(2025, 3, 4)));
        for other in [
            "2025-3-4",
            "2025/03/04",
            "20250304",
            "2025-03-04 ",
            "2025-03-05",
        ] {
            assert!(!is_iso_date(other, ymd(2025, 3, 4)), "{other:?}");
        }
    }

    #[test]
    fn trimming_is_str_trim_s() {
        // Every White_Space character, at either end, alone and around
        // text; and characters whose encodings share their lead bytes.
        let spaces: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(spaces.len(), 25);
        let mut cells = vec![
            String::new(),
            "a".into(),
            "罚款".into(),
            "〔2023〕".into(),
            "\u{2010}x\u{3001}".into(),
            "\u{80}\u{a9}".into(),
            "\u{1680}\u{1681}".into(),
        ];
        for c in spaces {
            assert!(may_be_whitespace(c.to_string().as_bytes()[0]), "{c:?}");
            for text in ["", "a", "罚款", "〔1〕"] {
                cells.push(format!("{c}{text}"));
                cells.push(format!("{text}{c}"));
                cells.push(format!("{c}{text}{c}{c}"));
            }
        }
        for cell in &cells {
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
    }

    #[test]
    fn date_forms() {
        let want = ymd(2019, 10, 23);
        for text in [
            "2019-10-23",
            "2019/10/23",
            "2019.10.23",
            "2019年10月23日",
            "2019年10月23",
            "20191023",
            "2019-10-23 14:30:00",
            "2019-10-23T14:30:00",
            "2019-10-23 14:30",
            "2019-10-23 00:00:00.0",
            "2019/10/23 0:00",
            "２０１９－１０－２３",
            "２０１９年１０月２３日",
            "  2019-10-23\t",
            "\u{3000}2019-10-23",
            "43761",
            "43761.0",
            "43761.604166",
        ] {
            assert_eq!(parse_date(text), Ok(want), "{text:?}");
        }
        assert_eq!(parse_date("2019-1-5"), Ok(ymd(2019, 1, 5)));
        assert_eq!(parse_date("2019/1/5"), Ok(ymd(2019, 1, 5)));
        assert_eq!(parse_date("2019年1月5日"), Ok(ymd(2019, 1, 5)));
        assert_eq!(parse_date("45943"), Ok(ymd(2025, 10, 13)));
        assert_eq!(parse_date("2020-02-29"), Ok(ymd(2020, 2, 29)));
    }

    #[test]
    fn date_rejections() {
        assert_eq!(
            parse_date("2019-13-01"),
            Err(
                "'2019-13-01' is not a date (expected forms like 2019-10-23, 2019/10/23, \
                 2019年10月23日, 20191023)"
                    .to_string()
            )
        );
        for text in [
            "2019-02-30",
            "2019-10",
            "2019-10-23-1",
            "19-10-23",
            "2019-10/23x",
            "20191323",
            "2019102",
            "191023",
            "1234",
            "99999",
            "2019-10-23 25:00",
            "2019-10-23 abc",
            "2019-10-23T",
            "0219-10-23",
            "昨天",
            "2019年10月",
            "1.5",
        ] {
            let err = parse_date(text).unwrap_err();
            assert!(err.starts_with(&format!("'{text}' is not a date")), "{err}");
        }
        assert!(parse_date("  ").unwrap_err().contains("empty"));
    }

    #[test]
    fn expiry_forms() {
        assert_eq!(parse_expiry("2099-12-31"), Ok(None));
        assert_eq!(parse_expiry("2099/12/31"), Ok(None));
        assert_eq!(parse_expiry("2099年12月31日"), Ok(None));
        assert_eq!(parse_expiry("20991231"), Ok(None));
        assert_eq!(parse_expiry("2099-12-31 00:00:00"), Ok(None));
        assert_eq!(parse_expiry("9999-12-31"), Ok(None));
        assert_eq!(parse_expiry("长期"), Ok(None));
        assert_eq!(parse_expiry(" 永久 "), Ok(None));
        assert_eq!(parse_expiry("长期有效"), Ok(None));
        assert_eq!(parse_expiry("2024-06-30"), Ok(Some(ymd(2024, 6, 30))));
        assert_eq!(parse_expiry("2099-12-30"), Ok(Some(ymd(2099, 12, 30))));
        let err = parse_expiry("短期").unwrap_err();
        assert!(err.starts_with("'短期' is not a date or 长期"), "{err}");
    }

    #[test]
    fn amount_forms() {
        for (text, fen) in [
            ("0.2", 200_000),
            ("0.200000", 200_000),
            ("0.2000000000", 200_000),
            ("1,200.5", 1_200_500_000),
            ("1,234,567.000001", 1_234_567_000_001),
            ("０.５", 500_000),
            ("０．５", 500_000),
            ("１，２００", 1_200_000_000),
            (" 3 ", 3_000_000),
            ("0", 0),
            ("0.000001", 1),
            ("12.", 12_000_000),
            (".5", 500_000),
            ("007.25", 7_250_000),
        ] {
            assert_eq!(parse_wan_to_fen(text), Ok(fen), "{text:?}");
        }
    }

    #[test]
    fn amount_rejections() {
        assert_eq!(
            parse_wan_to_fen("0.1234567"),
            Err(
                "'0.1234567' has more than 6 decimal places; 万元 amounts are exact to the fen"
                    .to_string()
            )
        );
        assert_eq!(
            parse_wan_to_fen("-0.2"),
            Err("'-0.2' is negative; amounts cannot be negative".to_string())
        );
        for text in [
            "1.2.3", "abc", "1,20.5", "1,2000", ",100", "100,", "1.2,5", ".", "1e3", "0x10",
            "2000元", "1 000", "+",
        ] {
            let err = parse_wan_to_fen(text).unwrap_err();
            assert_eq!(
                err,
                format!(
                    "'{text}' is not an amount in 万元 (expected a number like 0.2 or 1,200.5)"
                )
            );
        }
        assert!(parse_wan_to_fen("").unwrap_err().contains("empty"));
        let err = parse_wan_to_fen("99999999999999").unwrap_err();
        assert!(err.contains("too large"), "{err}");
        assert!(parse_wan_to_fen("9223372036854").is_ok());
        assert!(parse_wan_to_fen("9223372036855").is_err());
    }

    #[test]
    fn subject_kinds() {
        for (text, kind) in [
            ("法人及非法人组织", SubjectKind::Legal),
            ("法人和非法人组织", SubjectKind::Legal),
            ("法人", SubjectKind::Legal),
            ("非法人组织", SubjectKind::Legal),
            ("法人及其他组织", SubjectKind::Legal),
            (" 法人及非法人组织 ", SubjectKind::Legal),
            ("legal", SubjectKind::Legal),
            ("个体工商户", SubjectKind::Individual),
            ("个体户", SubjectKind::Individual),
            ("individual_business", SubjectKind::Individual),
            ("自然人", SubjectKind::NaturalPerson),
            ("NATURAL_PERSON", SubjectKind::NaturalPerson),
        ] {
            assert_eq!(SubjectKind::parse(text), Ok(kind), "{text}");
        }
        for kind in SubjectKind::ALL {
            assert_eq!(kind.as_str().parse(), Ok(kind));
            assert_eq!(kind.chinese().parse(), Ok(kind));
        }
        assert_eq!(
            SubjectKind::parse("公司"),
            Err(
                "'公司' is not a subject category (allowed: 法人及非法人组织, 个体工商户, 自然人)"
                    .to_string()
            )
        );
        assert!(SubjectKind::parse("1").is_err());
    }

    #[test]
    fn every_spelling_of_a_term_is_its_own_key_and_parses_as_itself() {
        // parse_term looks a value up as it is written before working out
        // its key: right only when every spelling is a key already.
        for &(name, kind) in SUBJECT_KIND_SPELLINGS {
            assert_eq!(term_key(name), name);
            assert_eq!(SubjectKind::parse(name), Ok(kind));
        }
        for &(name, status) in LICENSE_STATUS_SPELLINGS {
            assert_eq!(term_key(name), name);
            assert_eq!(LicenseStatus::parse(name), Ok(status));
        }
        for &(name, id_type) in ID_TYPE_SPELLINGS {
            assert_eq!(term_key(name), name);
            assert_eq!(IdType::parse(name), Ok(id_type));
        }
        // Spelt otherwise, they are read through their keys.
        assert_eq!(
            SubjectKind::parse(" 自然人\u{3000}"),
            Ok(SubjectKind::NaturalPerson)
        );
        assert_eq!(SubjectKind::parse("LEGAL"), Ok(SubjectKind::Legal));
        assert_eq!(IdType::parse("ＰＡＳＳＰＯＲＴ"), Ok(IdType::Passport));
        assert_eq!(LicenseStatus::parse("１"), Ok(LicenseStatus::Valid));
    }

    #[test]
    fn penalty_categories() {
        use PenaltyCategory::*;
        let cases: &[(&str, &[PenaltyCategory])] = &[
            ("警告", &[Warning]),
            ("罚款", &[Fine]),
            ("警告；罚款", &[Warning, Fine]),
            ("警告;罚款", &[Warning, Fine]),
            ("警告,罚款", &[Warning, Fine]),
            ("警告，罚款", &[Warning, Fine]),
            ("警告、罚款", &[Warning, Fine]),
            ("警告 ； 罚款", &[Warning, Fine]),
            ("没收违法所得、没收非法财物", &[Confiscation]),
            ("罚款、没收违法所得、没收非法财物", &[Fine, Confiscation]),
            ("没收违法所得、没收非法财物、罚款", &[Confiscation, Fine]),
            ("没收违法所得", &[Confiscation]),
            ("没收非法财物", &[Confiscation]),
            ("没收违法所得、罚款", &[Confiscation, Fine]),
            (
                "暂扣或者吊销许可证、暂扣或者吊销执照",
                &[LicenseSuspensionOrRevocation],
            ),
            (
                "罚款；暂扣或者吊销许可证、暂扣或者吊销执照；责令停产停业",
                &[Fine, LicenseSuspensionOrRevocation, SuspensionOfBusiness],
            ),
            ("吊销许可证", &[LicenseSuspensionOrRevocation]),
            ("暂扣许可证", &[LicenseSuspensionOrRevocation]),
            ("吊销执照", &[LicenseSuspensionOrRevocation]),
            ("暂扣执照", &[LicenseSuspensionOrRevocation]),
            ("暂扣许可证、吊销执照", &[LicenseSuspensionOrRevocation]),
            ("责令停产停业", &[SuspensionOfBusiness]),
            ("行政拘留", &[Detention]),
            ("其他", &[Other]),
            ("其它", &[Other]),
            ("通报批评", &[PublicCriticism]),
            ("降低资质等级", &[QualificationDowngrade]),
            ("限制开展生产经营活动", &[BusinessRestriction]),
            ("责令关闭", &[OrderedClosure]),
            ("限制从业", &[PracticeRestriction]),
            ("罚款；罚款", &[Fine]),
            ("；罚款；", &[Fine]),
            ("fine;warning", &[Fine, Warning]),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse_penalty_categories(text).as_deref(),
                Ok(*want),
                "{text}"
            );
        }
        for &(name, category) in PENALTY_CATEGORY_SPELLINGS {
            // Each spelling is read as itself, and holds no separator but
            // `、` (the whole text up to one is looked up first).
            assert_eq!(parse_penalty_categories(name), Ok(vec![category]));
            assert_eq!(term_key(name), name);
            assert!(
                !name.contains(|c| c != '、' && is_category_separator(c)),
                "{name}"
            );
        }
        for category in PenaltyCategory::ALL {
            assert_eq!(
                parse_penalty_categories(category.chinese()),
                Ok(vec![category])
            );
            assert_eq!(
                parse_penalty_categories(category.as_str()),
                Ok(vec![category])
            );
        }
    }

    #[test]
    fn penalty_category_rejections() {
        let err = parse_penalty_categories("罚款；记过").unwrap_err();
        assert!(
            err.starts_with("'记过' in '罚款；记过' is not a penalty category (allowed: 警告 / "),
            "{err}"
        );
        let err = parse_penalty_categories("罚款金额").unwrap_err();
        assert!(
            err.starts_with("'罚款金额' is not a penalty category"),
            "{err}"
        );
        assert!(parse_penalty_categories("没收违法所得、没收").is_err());
        assert!(parse_penalty_categories("").unwrap_err().contains("empty"));
        assert!(
            parse_penalty_categories("；")
                .unwrap_err()
                .contains("empty")
        );
    }

    #[test]
    fn license_categories() {
        for category in LicenseCategory::ALL {
            assert_eq!(LicenseCategory::parse(category.chinese()), Ok(category));
            assert_eq!(LicenseCategory::parse(category.as_str()), Ok(category));
        }
        assert_eq!(
            LicenseCategory::parse("普通许可"),
            Ok(LicenseCategory::Ordinary)
        );
        assert_eq!(
            LicenseCategory::parse(" 特许 "),
            Ok(LicenseCategory::Franchise)
        );
        assert_eq!(LicenseCategory::parse("其它"), Ok(LicenseCategory::Other));
        assert_eq!(
            LicenseCategory::parse("特殊"),
            Err(
                "'特殊' is not a licence category (allowed: 普通, 特许, 认可, 核准, 登记, 其他)"
                    .to_string()
            )
        );
    }

    #[test]
    fn license_statuses() {
        for (text, status) in [
            ("1", LicenseStatus::Valid),
            ("有效", LicenseStatus::Valid),
            ("valid", LicenseStatus::Valid),
            ("２", LicenseStatus::Invalid),
            ("无效", LicenseStatus::Invalid),
            ("invalid", LicenseStatus::Invalid),
        ] {
            assert_eq!(LicenseStatus::parse(text), Ok(status), "{text}");
        }
        assert_eq!(
            LicenseStatus::parse("3"),
            Err("'3' is not a licence status (allowed: 1 (有效), 2 (无效))".to_string())
        );
    }

    #[test]
    fn id_types() {
        for (text, kind) in [
            ("身份证", IdType::IdCard),
            ("居民身份证", IdType::IdCard),
            ("护照号", IdType::Passport),
            ("护照", IdType::Passport),
            ("港澳居民来往内地通行证", IdType::HkMacaoPermit),
            ("台湾居民来往大陆通行证", IdType::TaiwanPermit),
            ("外国人永久居留身份证", IdType::ForeignPermanentResident),
        ] {
            assert_eq!(IdType::parse(text), Ok(kind), "{text}");
        }
        for kind in IdType::ALL {
            assert_eq!(IdType::parse(kind.as_str()), Ok(kind));
        }
        let err = IdType::parse("驾驶证").unwrap_err();
        assert!(
            err.starts_with("'驾驶证' is not a document type (allowed: 身份证, 护照号, "),
            "{err}"
        );
    }

    #[test]
    fn former_names_split() {
        assert_eq!(
            split_names("甲公司；乙公司;丙厂、 丁店 "),
            ["甲公司", "乙公司", "丙厂", "丁店"]
        );
        assert!(split_names(" ").is_empty());
    }
}
