//! GB/T 2260 administrative divisions, embedded from `gb2260-divisions.csv`.

use std::sync::OnceLock;

const CSV: &str = include_str!("gb2260-divisions.csv");

/// One division code with its current name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Division {
    pub code: u32,
    /// The latest name: the table writes renamed divisions as
    /// `old,[1992-]new`, and this is the part after the last `]`.
    pub name: &'static str,
    pub province: &'static str,
    pub from_year: Option<u16>,
    pub until_year: Option<u16>,
}

impl Division {
    /// `北京市 东城区`, or just `北京市` for the province itself.
    pub fn display_name(&self) -> String {
        if self.name == self.province {
            return self.province.to_owned();
        }
        // Built by hand: `format!` costs several times more, and `check` is
        // called once per row of large imports.
        let mut s = String::with_capacity(self.province.len() + 1 + self.name.len());
        s.push_str(self.province);
        s.push(' ');
        s.push_str(self.name);
        s
    }
}

/// Splits one line into its 5 fields. Only the name field is ever quoted in
/// this table, and never contains an escaped quote.
fn fields(line: &'static str) -> Option<[&'static str; 5]> {
    let (code, rest) = line.split_once(',')?;
    let (name, rest) = match rest.strip_prefix('"') {
        Some(quoted) => {
            let (name, after) = quoted.split_once('"')?;
            (name, after.strip_prefix(',')?)
        }
        None => rest.split_once(',')?,
    };
    let mut it = rest.splitn(3, ',');
    let province = it.next()?;
    let from = it.next()?;
    let until = it.next()?;
    Some([code, name, province, from, until])
}

fn latest_name(name: &'static str) -> &'static str {
    match name.rfind(']') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn parse_table(csv: &'static str) -> Vec<Division> {
    let mut rows: Vec<Division> = csv
        .lines()
        .skip(1)
        .filter_map(|line| {
            let line = line.trim_end_matches('\r');
            let [code, name, province, from, until] = fields(line)?;
            Some(Division {
                code: code.parse().ok()?,
                name: latest_name(name),
                province,
                from_year: from.parse().ok(),
                until_year: until.parse().ok(),
            })
        })
        .collect();
    // For a code listed more than once, keep the open-ended row, else the one
    // that ended last.
    let rank = |d: &Division| d.until_year.unwrap_or(u16::MAX);
    rows.sort_by(|a, b| a.code.cmp(&b.code).then(rank(b).cmp(&rank(a))));
    rows.dedup_by_key(|d| d.code);
    rows
}

fn table() -> &'static [Division] {
    static TABLE: OnceLock<Vec<Division>> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(CSV))
}

/// The division for a 6-digit code, if the table has it.
pub fn lookup(code: &str) -> Option<&'static Division> {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = code.parse().ok()?;
    let t = table();
    t.binary_search_by_key(&n, |d| d.code).ok().map(|i| &t[i])
}

/// The division's own name, e.g. `东城区`.
pub fn name(code: &str) -> Option<&'static str> {
    lookup(code).map(|d| d.name)
}

/// The province the division belongs to, e.g. `北京市`.
pub fn province(code: &str) -> Option<&'static str> {
    lookup(code).map(|d| d.province)
}

/// `北京市 东城区`, or just the province for a province-level code.
pub fn display_name(code: &str) -> Option<String> {
    lookup(code).map(Division::display_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses() {
        let data_rows = CSV.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
        let parsed = CSV
            .lines()
            .skip(1)
            .filter_map(|l| fields(l.trim_end_matches('\r')))
            .filter(|f| f[0].len() == 6 && f[0].parse::<u32>().is_ok())
            .count();
        assert_eq!(parsed, data_rows);
        assert!(table().len() > 6000);
        assert!(table().windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn names() {
        assert_eq!(name("110101"), Some("东城区"));
        assert_eq!(province("110101"), Some("北京市"));
        assert_eq!(display_name("110101").as_deref(), Some("北京市 东城区"));
        assert_eq!(display_name("110000").as_deref(), Some("北京市"));
        assert_eq!(display_name("440300").as_deref(), Some("广东省 深圳市"));
        assert_eq!(display_name("310110").as_deref(), Some("上海市 杨浦区"));
    }

    #[test]
    fn renamed_divisions_show_latest_name() {
        let d = lookup("120110").unwrap();
        assert_eq!(d.name, "东丽区");
        assert_eq!(d.until_year, Some(1991));
        assert_eq!(name("350211"), Some("集美区"));
        assert_eq!(name("440305"), Some("南山区"));
    }

    #[test]
    fn years() {
        let d = lookup("110118").unwrap();
        assert_eq!((d.from_year, d.until_year), (Some(2015), None));
        let d = lookup("110103").unwrap();
        assert_eq!((d.from_year, d.until_year), (None, Some(2010)));
    }

    #[test]
    fn unknown_or_malformed() {
        assert_eq!(lookup("999999"), None);
        assert_eq!(lookup("11010"), None);
        assert_eq!(lookup("11010A"), None);
        assert_eq!(lookup("+11010"), None);
    }

    #[test]
    fn duplicate_codes_prefer_open_rows() {
        let csv: &'static str = "code,name,province,from_year,until_year\n\
            100001,旧名,某省,1983,1990\n\
            100001,新名,某省,1991,\n\
            100002,甲,某省,,1995\n\
            100002,乙,某省,,2005\n";
        let t = parse_table(csv);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].name, "新名");
        assert_eq!(t[1].name, "乙");
    }

    #[test]
    fn quoted_field() {
        assert_eq!(
            fields("120110,\"东郊区,[1992-]东丽区\",天津市,,1991"),
            Some(["120110", "东郊区,[1992-]东丽区", "天津市", "", "1991"])
        );
    }
}
