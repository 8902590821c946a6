//! Mapping a file's header row onto a layout's fields.
//!
//! Departments spell headers many ways: the Chinese name with or without its
//! parenthesised part, full- or half-width parentheses, the field code in any
//! case, our snake_case name, with stray spaces, a BOM, or a `*` marking a
//! required column in their template. All of them map to the same field.

use std::collections::HashMap;
use std::fmt;

use super::layout::{FieldId, LAYOUTS, Layout, LayoutId, Required};
use super::reader::Row;

/// Where each field of a layout sits in a file's columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderMap {
    layout: LayoutId,
    columns: Vec<Option<usize>>,
    /// Columns whose header matched no field: (column index, header).
    pub unknown: Vec<(usize, String)>,
    /// Columns whose field an earlier column already took: (column index,
    /// header, the field's snake_case name). The earlier column wins.
    pub duplicates: Vec<(usize, String, &'static str)>,
    /// Other layouts, as (Chinese name, `credit import` command), that the
    /// headers fit with fewer unknown columns: a file of old codes imported
    /// as a register of subjects has the register's required columns too.
    pub fits_better: Box<[(&'static str, &'static str)]>,
}

impl HeaderMap {
    /// The column holding `field`, if the file has one.
    pub fn index(&self, field: impl Into<FieldId>) -> Option<usize> {
        let id = field.into();
        debug_assert_eq!(id.layout(), self.layout, "field of another layout");
        self.columns[id.index()]
    }

    /// Whether the file has a column for `field`.
    pub fn has(&self, field: impl Into<FieldId>) -> bool {
        self.index(field).is_some()
    }

    /// The row's text for `field`; empty when the file has no such column.
    pub fn value<'r>(&self, row: &'r Row, field: impl Into<FieldId>) -> &'r str {
        match self.index(field) {
            Some(col) => row.get(col),
            None => "",
        }
    }
}

/// The header row lacks columns the layout requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingColumns {
    /// Chinese names of the missing required columns.
    pub missing: Vec<&'static str>,
    /// Groups of columns of which at least one was required and none found.
    pub missing_one_of: Vec<Vec<&'static str>>,
    /// The headers the file does have.
    pub found: Vec<String>,
    labels: Vec<String>,
    /// How many of `found` name a column of the layout.
    recognised: usize,
    /// The other layouts whose required columns the file has, as (Chinese
    /// name, `credit import` subcommand): the file may be one of those.
    pub fits: Box<[(&'static str, &'static str)]>,
}

/// The message shows this many headers found, each cut to this many
/// characters: a binary file or a wrong delimiter must not flood the terminal.
const MAX_HEADERS_SHOWN: usize = 20;
const MAX_HEADER_CHARS: usize = 40;

/// A header as the message shows it: control characters escaped, cut short.
fn shown(header: &str) -> String {
    let mut out = String::new();
    for (i, c) in header.chars().enumerate() {
        if i == MAX_HEADER_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for MissingColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.labels.len() == 1 { "" } else { "s" };
        write!(
            f,
            "missing required column{plural} {}",
            self.labels.join(", ")
        )?;
        if self.found.is_empty() {
            return f.write_str("; headers found: (none)");
        }
        let shown: Vec<String> = self
            .found
            .iter()
            .take(MAX_HEADERS_SHOWN)
            .map(|h| shown(h))
            .collect();
        write!(f, "; headers found: {}", shown.join(", "))?;
        if self.found.len() > MAX_HEADERS_SHOWN {
            write!(f, " and {} more", self.found.len() - MAX_HEADERS_SHOWN)?;
        }
        if !self.fits.is_empty() {
            let names: Vec<&str> = self.fits.iter().map(|(chinese, _)| *chinese).collect();
            let commands: Vec<String> = self
                .fits
                .iter()
                .map(|(_, command)| format!("`credit import {command}`"))
                .collect();
            write!(
                f,
                " (these headers fit {}: to import it as such, run {})",
                names.join(" or "),
                commands.join(" or ")
            )?;
        } else if self.recognised == 0 {
            f.write_str(
                " (none of them names a column of this layout: \
                 is the first row the header row, and is it the right file?)",
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for MissingColumns {}

/// Maps `headers` onto `layout`'s fields, failing when a required column is absent.
pub fn map_headers(layout: &Layout, headers: &[String]) -> Result<HeaderMap, MissingColumns> {
    let Placed {
        columns,
        unknown,
        duplicates,
    } = place(layout, headers);
    let absent = lacking(layout, &columns);
    if !absent.labels.is_empty() {
        let found = headers
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .filter(|h| !h.is_empty())
            .collect();
        let fits = fitting(layout, headers, usize::MAX);
        return Err(MissingColumns {
            missing: absent.missing,
            missing_one_of: absent.missing_one_of,
            found,
            labels: absent.labels,
            recognised: columns.iter().flatten().count() + duplicates.len(),
            fits,
        });
    }

    let fits_better = if unknown.is_empty() {
        Box::default()
    } else {
        fitting(layout, headers, unknown.len())
    };
    Ok(HeaderMap {
        layout: layout.id,
        columns,
        unknown,
        duplicates,
        fits_better,
    })
}

/// The layouts other than `layout` whose required columns `headers` all
/// name, leaving fewer than `unknown` of them unknown, as (Chinese name,
/// `credit import` command).
fn fitting(
    layout: &Layout,
    headers: &[String],
    unknown: usize,
) -> Box<[(&'static str, &'static str)]> {
    LAYOUTS
        .iter()
        .filter(|other| other.id != layout.id)
        .filter(|other| {
            let placed = place(other, headers);
            placed.unknown.len() < unknown && lacking(other, &placed.columns).labels.is_empty()
        })
        .map(|other| (other.chinese, other.command))
        .collect()
}

/// Where a file's headers fall in a layout.
struct Placed {
    /// Each field's column, in field order.
    columns: Vec<Option<usize>>,
    unknown: Vec<(usize, String)>,
    duplicates: Vec<(usize, String, &'static str)>,
}

fn place(layout: &Layout, headers: &[String]) -> Placed {
    let keys = spelling_index(layout);
    let mut placed = Placed {
        columns: vec![None; layout.fields.len()],
        unknown: Vec::new(),
        duplicates: Vec::new(),
    };
    for (col, header) in headers.iter().enumerate() {
        let key = normalise(header);
        if key.is_empty() {
            // Trailing blank columns are everywhere in spreadsheet exports;
            // warning about each would drown the real warnings.
            continue;
        }
        match lookup(layout, &keys, &key) {
            Some(field) if placed.columns[field].is_none() => placed.columns[field] = Some(col),
            Some(field) => placed
                .duplicates
                .push((col, header.clone(), layout.fields[field].name)),
            None => placed.unknown.push((col, header.clone())),
        }
    }
    placed
}

/// The required columns a file lacks.
struct Lacking {
    missing: Vec<&'static str>,
    missing_one_of: Vec<Vec<&'static str>>,
    /// One per missing column or group, as the message names it.
    labels: Vec<String>,
}

fn lacking(layout: &Layout, columns: &[Option<usize>]) -> Lacking {
    let mut lacking = Lacking {
        missing: Vec::new(),
        missing_one_of: Vec::new(),
        labels: Vec::new(),
    };
    for (i, field) in layout.fields.iter().enumerate() {
        if field.required == Required::Yes && columns[i].is_none() {
            lacking.missing.push(field.chinese);
            lacking.labels.push(label(layout, i));
        }
    }
    for group in layout.one_of {
        if group.iter().all(|id| columns[id.index()].is_none()) {
            lacking.missing_one_of.push(
                group
                    .iter()
                    .map(|id| layout.fields[id.index()].chinese)
                    .collect(),
            );
            let alternatives: Vec<String> =
                group.iter().map(|id| label(layout, id.index())).collect();
            lacking.labels.push(alternatives.join(" or "));
        }
    }
    lacking
}

fn label(layout: &Layout, index: usize) -> String {
    let field = &layout.fields[index];
    let tag = if field.code.is_empty() {
        field.name
    } else {
        field.code
    };
    format!("{} ({tag})", field.chinese)
}

/// Every accepted spelling of every field, normalised, to its field index.
fn spelling_index(layout: &Layout) -> HashMap<String, usize> {
    let mut keys = HashMap::new();
    for (i, field) in layout.fields.iter().enumerate() {
        let mut add = |spelling: &str| {
            let key = normalise(spelling);
            if !key.is_empty() {
                keys.entry(key).or_insert(i);
            }
        };
        add(field.name);
        add(field.code);
        for name in std::iter::once(&field.chinese).chain(field.aliases) {
            add(name);
            let normalised = normalise(name);
            if let Some((base, _)) = split_paren(&normalised) {
                add(base);
            }
        }
    }
    keys
}

fn lookup(layout: &Layout, keys: &HashMap<String, usize>, key: &str) -> Option<usize> {
    if let Some(&field) = keys.get(key) {
        return Some(field);
    }
    // An unknown parenthesised suffix such as (必填) or a swapped code label
    // still names the field its base names, except where the suffix states a
    // different unit: 罚款金额(元) holds yuan, and reading it as 万元 would be
    // ten thousand times wrong.
    let (base, suffix) = split_paren(key)?;
    let &field = keys.get(base)?;
    let declared = normalise(layout.fields[field].chinese);
    if let Some((_, unit)) = split_paren(&declared)
        && unit.contains('元')
        && suffix.contains('元')
        && unit != suffix
    {
        return None;
    }
    Some(field)
}

/// Splits `base(suffix)` into its parts; `None` without a trailing group.
fn split_paren(key: &str) -> Option<(&str, &str)> {
    let inner = key.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let base = &inner[..open];
    (!base.is_empty()).then(|| (base, &inner[open + 1..]))
}

/// Folds a header to the form spellings are compared in.
fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.chars() {
        if c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}') {
            continue;
        }
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        out.push(c.to_ascii_lowercase());
    }
    let trimmed = out.trim_matches('*');
    if trimmed.len() != out.len() {
        out = trimmed.to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::layout::{
        LICENSE, LicenseField, MAPPINGS, MappingField, PENALTY, PenaltyField, SUBJECTS,
        SubjectField,
    };

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    /// A full penalty header row, with `replace` substituted at `at`.
    fn penalty_headers(at: PenaltyField, replace: &str) -> Vec<String> {
        PENALTY
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if i == at as usize {
                    replace.to_string()
                } else {
                    f.chinese.to_string()
                }
            })
            .collect()
    }

    fn maps(field: PenaltyField, header: &str) {
        let map = map_headers(&PENALTY, &penalty_headers(field, header))
            .unwrap_or_else(|e| panic!("{header}: {e}"));
        assert_eq!(map.index(field), Some(field as usize), "{header}");
        assert!(map.unknown.is_empty(), "{header}: {:?}", map.unknown);
        assert!(map.duplicates.is_empty(), "{header}: {:?}", map.duplicates);
    }

    #[test]
    fn every_field_maps_by_its_full_chinese_name() {
        let headers: Vec<String> = PENALTY.fields.iter().map(|f| f.chinese.into()).collect();
        let map = map_headers(&PENALTY, &headers).unwrap();
        for &f in PenaltyField::ALL {
            assert_eq!(map.index(f), Some(f as usize));
        }
        let headers: Vec<String> = LICENSE.fields.iter().map(|f| f.chinese.into()).collect();
        let map = map_headers(&LICENSE, &headers).unwrap();
        for &f in LicenseField::ALL {
            assert_eq!(map.index(f), Some(f as usize));
        }
    }

    #[test]
    fn every_field_maps_by_code_and_snake_name() {
        for layout in [&PENALTY, &LICENSE] {
            let codes: Vec<String> = layout.fields.iter().map(|f| f.code.into()).collect();
            let lower: Vec<String> = codes.iter().map(|c| c.to_lowercase()).collect();
            let snake: Vec<String> = layout.fields.iter().map(|f| f.name.into()).collect();
            for headers in [codes, lower, snake] {
                let map = map_headers(layout, &headers).unwrap();
                for (i, header) in headers.iter().enumerate() {
                    assert_eq!(map.index(layout.id_at(i)), Some(i), "{header}");
                }
            }
        }
    }

    #[test]
    fn chinese_spellings() {
        use PenaltyField::*;
        maps(Uscc, "行政相对人代码_1(统一社会信用代码)");
        maps(Uscc, "行政相对人代码_1（统一社会信用代码）");
        maps(Uscc, "行政相对人代码_1");
        maps(Uscc, " 行政相对人代码_1 (统一社会信用代码) ");
        maps(Uscc, "行政相对人代码＿1（统一社会信用代码）");
        maps(Uscc, "统一社会信用代码");
        maps(Uscc, "行政相对人代码-统一社会信用代码");
        maps(RegNo, "行政相对人代码_2");
        maps(SocialOrgNo, "行政相对人代码_6");
        maps(FineWan, "罚款金额");
        maps(FineWan, "罚款金额（万元）");
        maps(ConfiscatedWan, "没收违法所得、没收非法财物的金额");
        maps(DecisionNo, "*行政处罚决定书文号");
        maps(DecisionNo, "行政处罚决定书文号(必填)");
        maps(DecisionNo, "cf_wsh");
        maps(DecisionNo, "Cf_Wsh");
        maps(DecisionNo, "ＣＦ＿ＷＳＨ");
        maps(DecisionNo, "decision_no");
        maps(Note, "bz");
    }

    #[test]
    fn a_bom_on_the_first_header_is_ignored() {
        let mut headers = penalty_headers(PenaltyField::SubjectName, "\u{feff}行政相对人名称");
        let map = map_headers(&PENALTY, &headers).unwrap();
        assert_eq!(map.index(PenaltyField::SubjectName), Some(0));
        headers[0] = "\u{feff}CF_XDR_MC".into();
        assert!(map_headers(&PENALTY, &headers).is_ok());
    }

    #[test]
    fn a_different_unit_does_not_map() {
        let headers = penalty_headers(PenaltyField::FineWan, "罚款金额(元)");
        let map = map_headers(&PENALTY, &headers).unwrap();
        assert_eq!(map.index(PenaltyField::FineWan), None);
        assert_eq!(
            map.unknown,
            vec![(PenaltyField::FineWan as usize, "罚款金额(元)".to_string())]
        );
    }

    #[test]
    fn older_licence_document_number_spelling() {
        let mut headers: Vec<String> = LICENSE.fields.iter().map(|f| f.chinese.into()).collect();
        headers[LicenseField::DecisionNo as usize] = "行政许可决定书文号".into();
        let map = map_headers(&LICENSE, &headers).unwrap();
        assert_eq!(
            map.index(LicenseField::DecisionNo),
            Some(LicenseField::DecisionNo as usize)
        );
    }

    #[test]
    fn unknown_duplicate_and_blank_headers() {
        let mut headers: Vec<String> = PENALTY.fields.iter().map(|f| f.chinese.into()).collect();
        headers.push("CF_WSH".into());
        headers.push("经办人".into());
        headers.push("".into());
        let map = map_headers(&PENALTY, &headers).unwrap();
        assert_eq!(map.index(PenaltyField::DecisionNo), Some(13));
        assert_eq!(map.duplicates, vec![(30, "CF_WSH".into(), "decision_no")]);
        assert_eq!(map.unknown, vec![(31, "经办人".into())]);
    }

    #[test]
    fn missing_required_column_message() {
        let headers: Vec<String> = PENALTY
            .fields
            .iter()
            .filter(|f| f.code != "CF_WSH")
            .map(|f| f.chinese.into())
            .collect();
        let err = map_headers(&PENALTY, &headers).unwrap_err();
        assert_eq!(err.missing, vec!["行政处罚决定书文号"]);
        let text = err.to_string();
        assert!(
            text.starts_with(
                "missing required column 行政处罚决定书文号 (CF_WSH); headers found: 行政相对人名称, 行政相对人类别, "
            ),
            "{text}"
        );

        let err = map_headers(&PENALTY, &strings(&["a", "b", "c"])).unwrap_err();
        assert!(err.to_string().starts_with(
            "missing required columns 行政相对人名称 (CF_XDR_MC), 行政相对人类别 (CF_XDR_LB), "
        ));
        assert!(err.to_string().ends_with(
            "; headers found: a, b, c (none of them names a column of this layout: \
             is the first row the header row, and is it the right file?)"
        ));
    }

    #[test]
    fn a_file_of_another_layout_is_named_as_such() {
        let penalty: Vec<String> = PENALTY.fields.iter().map(|f| f.chinese.into()).collect();
        let err = map_headers(&LICENSE, &penalty).unwrap_err();
        assert_eq!(*err.fits, [("行政处罚", "penalties")]);
        assert!(
            err.to_string().ends_with(
                " (these headers fit 行政处罚: to import it as such, run `credit import penalties`)"
            ),
            "{err}"
        );
        // A register has what a mapping table needs too: both are named.
        let register = strings(&["统一社会信用代码", "名称", "组织机构代码"]);
        let err = map_headers(&PENALTY, &register).unwrap_err();
        assert_eq!(
            *err.fits,
            [("主体登记信息", "subjects"), ("新旧代码映射", "mappings")]
        );
        // Headers no layout fits: no such hint.
        let err = map_headers(&LICENSE, &strings(&["统一社会信用代码"])).unwrap_err();
        assert!(err.fits.is_empty());
        assert!(!err.to_string().contains("these headers fit"), "{err}");
    }

    #[test]
    fn a_file_another_layout_fits_better_is_named_as_such() {
        // The example table of old codes has a register's required columns.
        let mappings = strings(&["旧代码", "统一社会信用代码", "名称", "来源", "映射日期"]);
        let map = map_headers(&SUBJECTS, &mappings).unwrap();
        assert_eq!(map.unknown.len(), 3);
        assert_eq!(*map.fits_better, [("新旧代码映射", "mappings")]);
        // A register with one column of a mapping table's: the mapping
        // layout knows no more of it (法定代表人 is unknown there), so
        // nothing is said.
        let register = strings(&[
            "统一社会信用代码",
            "名称",
            "组织机构代码",
            "法定代表人",
            "来源",
        ]);
        let map = map_headers(&SUBJECTS, &register).unwrap();
        assert_eq!(map.unknown.len(), 1);
        assert!(map.fits_better.is_empty(), "{:?}", map.fits_better);
        // No unknown column: no layout can fit better.
        let map = map_headers(&MAPPINGS, &mappings).unwrap();
        assert!(map.unknown.is_empty());
        assert!(map.fits_better.is_empty());
    }

    #[test]
    fn headers_found_are_shown_printable_and_bounded() {
        // What a binary file read as GB18030 gives: control characters and
        // long runs of nonsense in as many "headers" as it has commas.
        let mut headers = vec!["ELF\u{1}\u{0}\u{7f}x".to_string(), "\u{fffd}".repeat(60)];
        headers.extend((0..40).map(|i| format!("h{i}")));
        let text = map_headers(&PENALTY, &headers).unwrap_err().to_string();
        let found = text.split_once("; headers found: ").unwrap().1;
        let shown_long = format!("{}…", "\u{fffd}".repeat(MAX_HEADER_CHARS));
        assert_eq!(
            found,
            format!(
                "ELF\\u{{1}}\\u{{0}}\\u{{7f}}x, {shown_long}, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, \
                 h10, h11, h12, h13, h14, h15, h16, h17 and 22 more (none of them names a column \
                 of this layout: is the first row the header row, and is it the right file?)"
            )
        );
        assert!(!text.chars().any(char::is_control), "{text}");
    }

    #[test]
    fn optional_and_conditional_columns_may_be_absent() {
        let headers: Vec<String> = PENALTY
            .fields
            .iter()
            .filter(|f| f.required == Required::Yes)
            .map(|f| f.chinese.into())
            .collect();
        let map = map_headers(&PENALTY, &headers).unwrap();
        assert_eq!(map.index(PenaltyField::Uscc), None);
        assert_eq!(map.index(PenaltyField::DecisionNo), Some(2));
    }

    #[test]
    fn subjects_layout() {
        let map = map_headers(
            &SUBJECTS,
            &strings(&[
                "统一社会信用代码",
                "企业名称",
                "类别",
                "负责人",
                "行政区划",
                "曾用名",
            ]),
        )
        .unwrap();
        assert_eq!(map.index(SubjectField::Name), Some(1));
        assert_eq!(map.index(SubjectField::LegalRep), Some(3));
        assert_eq!(map.index(SubjectField::Division), Some(4));
        let err = map_headers(&SUBJECTS, &strings(&["名称"])).unwrap_err();
        assert_eq!(err.missing, vec!["统一社会信用代码"]);
        assert_eq!(
            err.to_string(),
            "missing required column 统一社会信用代码 (uscc); headers found: 名称"
        );
    }

    #[test]
    fn mappings_accept_one_old_code_column_or_several() {
        let map = map_headers(&MAPPINGS, &strings(&["原代码", "新代码", "名称"])).unwrap();
        assert_eq!(map.index(MappingField::OldCode), Some(0));
        assert_eq!(map.index(MappingField::Uscc), Some(1));

        let map = map_headers(
            &MAPPINGS,
            &strings(&["组织机构代码", "工商注册号", "统一社会信用代码"]),
        )
        .unwrap();
        assert_eq!(map.index(MappingField::OldCode), None);
        assert_eq!(map.index(MappingField::OrgCode), Some(0));
        assert_eq!(map.index(MappingField::RegNo), Some(1));

        let err = map_headers(&MAPPINGS, &strings(&["统一社会信用代码", "名称"])).unwrap_err();
        assert!(err.missing.is_empty());
        assert_eq!(
            err.missing_one_of,
            vec![vec!["旧代码", "组织机构代码", "注册号", "税务登记号"]]
        );
        assert_eq!(
            err.to_string(),
            "missing required column 旧代码 (old_code) or 组织机构代码 (org_code) or \
             注册号 (reg_no) or 税务登记号 (tax_no); headers found: 统一社会信用代码, 名称 \
             (these headers fit 主体登记信息: to import it as such, run `credit import subjects`)"
        );
    }

    #[test]
    fn no_two_fields_share_a_spelling() {
        for layout in [&PENALTY, &LICENSE, &SUBJECTS, &MAPPINGS] {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for field in layout.fields {
                let mut spellings = vec![field.name.to_string(), field.code.to_string()];
                for name in std::iter::once(&field.chinese).chain(field.aliases) {
                    let n = normalise(name);
                    if let Some((base, _)) = split_paren(&n) {
                        spellings.push(base.to_string());
                    }
                    spellings.push(n);
                }
                spellings.sort();
                spellings.dedup();
                for s in spellings.into_iter().map(|s| normalise(&s)) {
                    if s.is_empty() {
                        continue;
                    }
                    if let Some(other) = seen.insert(s.clone(), field.name) {
                        panic!(
                            "{}: '{s}' names both {other} and {}",
                            layout.name, field.name
                        );
                    }
                }
            }
        }
    }
}
