//! Deterministic generator of realistic, valid input files for benchmarks and
//! manual testing.
//!
//! ```text
//! cargo run --release --example gen -- KIND N [--seed S] [--format csv|xlsx|jsonl]
//!     [--encoding utf-8|gb18030] [--out FILE]
//! ```
//!
//! KIND is one of
//!
//! - `penalties`: N rows of the 30-column 行政处罚 layout (about N/5 distinct subjects);
//! - `licenses`: N rows of the 28-column 行政许可 layout;
//! - `subjects`: N rows of the register of subjects (the same subjects the
//!   penalties and licences of the same seed are about);
//! - `codes`: N codes in one column `code`: ~90% valid USCCs, ~5% USCCs with a
//!   wrong final character, ~5% valid hyphenated organization codes;
//! - `resolve`: with `--out PREFIX`, writes `PREFIX-subjects.csv` (a register
//!   whose USCCs embed the organization codes below), `PREFIX-mappings.csv`
//!   (N old code → USCC mappings) and `PREFIX-old-codes.csv` (N old codes:
//!   ~60% in the mappings, ~30% only embedded in a register USCC, ~10% known
//!   nowhere).
//!
//! Output goes to stdout unless `--out` is given (xlsx and resolve need it).
//! Every code is valid (both USCC checks, GB 11714, GS 15-2006, GB 11643), and
//! every penalty and licence row passes validation. Rows are generated one at
//! a time from a seeded splitmix64, so the output depends only on the
//! arguments and memory stays flat however large N is (xlsx uses
//! `rust_xlsxwriter`'s constant memory mode).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono::{Datelike, Days, Months, NaiveDate};
use credit::codes::{org_code, reg_no, resident_id, uscc};
use credit::ingest::layout::{LICENSE, Layout, PENALTY};

// ---------------------------------------------------------------------------
// PRNG

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The splitmix64 finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(mix(seed))
    }

    /// An independent generator for item `k` of `stream`: subjects are
    /// derived from their index alone, so they recur identically.
    fn for_item(seed: u64, stream: u64, k: u64) -> Rng {
        Rng::new(mix(seed.wrapping_add(stream.wrapping_mul(GOLDEN))) ^ mix(k ^ 0x5EED_5EED))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` percent.
    fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn text(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index into `weights`, chosen proportionally.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(u64::from(total)) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------
// Places, names and codes

/// code, full prefix of an authority, company-name prefix, district, short
/// form, province abbreviation, city abbreviation.
struct Div {
    code: &'static str,
    full: &'static str,
    city: &'static str,
    district: &'static str,
    short: &'static str,
    prov: &'static str,
    city_abbr: &'static str,
}

const DIVS: [Div; 8] = [
    Div {
        code: "110105",
        full: "北京市朝阳区",
        city: "北京",
        district: "朝阳区",
        short: "朝阳",
        prov: "京",
        city_abbr: "朝",
    },
    Div {
        code: "310115",
        full: "上海市浦东新区",
        city: "上海",
        district: "浦东新区",
        short: "浦东",
        prov: "沪",
        city_abbr: "浦",
    },
    Div {
        code: "440305",
        full: "深圳市南山区",
        city: "深圳市",
        district: "南山区",
        short: "南山",
        prov: "粤",
        city_abbr: "深",
    },
    Div {
        code: "330106",
        full: "杭州市西湖区",
        city: "杭州市",
        district: "西湖区",
        short: "西湖",
        prov: "浙",
        city_abbr: "杭",
    },
    Div {
        code: "510107",
        full: "成都市武侯区",
        city: "成都市",
        district: "武侯区",
        short: "武侯",
        prov: "川",
        city_abbr: "蓉",
    },
    Div {
        code: "420106",
        full: "武汉市武昌区",
        city: "武汉市",
        district: "武昌区",
        short: "武昌",
        prov: "鄂",
        city_abbr: "汉",
    },
    Div {
        code: "220802",
        full: "白城市洮北区",
        city: "白城市",
        district: "洮北区",
        short: "洮北",
        prov: "吉",
        city_abbr: "白",
    },
    Div {
        code: "430424",
        full: "衡东县",
        city: "衡东县",
        district: "衡东县",
        short: "衡东",
        prov: "湘",
        city_abbr: "衡",
    },
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "武", "戴", "孔",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "兰", "霞", "平", "刚", "桂", "华", "志", "海", "燕", "国", "庆", "红", "梅", "玉",
    "春", "生", "建", "文", "斌", "宇", "浩", "凯", "鹏", "辉", "晨", "欣", "婷", "雪", "琳", "颖",
    "博", "宁", "成", "东", "亮", "林", "峰", "波", "俊", "鑫", "帅", "佳", "新", "秀", "福", "德",
];

const WORD_A: &[&str] = &[
    "华", "鑫", "恒", "宏", "金", "瑞", "永", "天", "博", "嘉", "盛", "汇", "东", "佳", "鼎", "兴",
    "德", "万", "福", "长", "安", "新", "中", "正", "明", "润", "利", "远", "海", "信", "泰", "顺",
];

const WORD_B: &[&str] = &[
    "信", "达", "泰", "远", "鹏", "丰", "盛", "成", "源", "禾", "世", "通", "方", "乐", "隆", "业",
    "顺", "辉", "泽", "桥", "民", "航", "川", "晟", "安", "和", "祥", "锐", "润", "宇", "峰", "诚",
];

const INDUSTRIES: &[&str] = &[
    "商贸",
    "科技",
    "建筑工程",
    "餐饮管理",
    "食品",
    "物流",
    "农业发展",
    "医药",
    "汽车销售",
    "装饰工程",
    "信息技术",
    "环保科技",
    "置业",
    "化工",
    "机械设备",
    "文化传媒",
    "酒店管理",
    "粮油",
    "建材",
    "电子",
    "物业管理",
    "劳务",
    "广告",
    "运输",
    "生物科技",
];

const SHOPS: &[&str] = &[
    "餐饮店",
    "便利店",
    "五金店",
    "理发店",
    "水果店",
    "小吃部",
    "日杂商店",
    "汽车修理部",
    "服装店",
    "烟酒商行",
    "超市",
    "粮油店",
    "手机店",
    "干洗店",
    "面馆",
    "药店",
];

const INSTITUTIONS: &[&str] = &[
    "疾病预防控制中心",
    "第三实验小学",
    "农业技术推广中心",
    "人民医院",
    "妇幼保健院",
    "第二中学",
    "社会保险事业管理中心",
    "公共资源交易中心",
    "图书馆",
    "水利工程管理站",
];

const CROPS: &[&str] = &[
    "玉米",
    "水稻",
    "蔬菜",
    "杂粮",
    "中药材",
    "食用菌",
    "肉牛养殖",
    "生猪养殖",
];

const ASSOCIATIONS: &[&str] = &[
    "餐饮行业协会",
    "个体劳动者协会",
    "物流协会",
    "建筑业协会",
    "企业家协会",
    "书法家协会",
];

const ROADS: &[&str] = &[
    "人民路",
    "解放路",
    "中山路",
    "建设街",
    "胜利大街",
    "文化路",
    "新华路",
    "长江路",
    "和平街",
    "幸福路",
    "青年路",
    "光明街",
    "民主路",
    "迎宾大道",
    "工业园区",
];

fn person_name(r: &mut Rng, out: &mut String) {
    out.push_str(r.text(SURNAMES));
    out.push_str(r.text(GIVEN));
    if r.pct(70) {
        out.push_str(r.text(GIVEN));
    }
}

fn word(r: &mut Rng, out: &mut String) {
    out.push_str(r.text(WORD_A));
    out.push_str(r.text(WORD_B));
}

/// An enterprise name such as 白城市华信商贸有限公司.
fn company_name(r: &mut Rng, div: &Div) -> String {
    let mut s = String::with_capacity(48);
    s.push_str(div.city);
    word(r, &mut s);
    s.push_str(r.text(INDUSTRIES));
    s.push_str(["有限公司", "有限责任公司", "股份有限公司"][r.weighted(&[80, 15, 5])]);
    if r.pct(4) {
        s.push_str(div.district);
        s.push_str("分公司");
    }
    s
}

/// The 31 characters of GB 32100; organization-code bodies embedded in a USCC
/// must use them.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A bijection of `0..10^7` (the multiplier is prime to 10).
fn scramble7(k: u64) -> u64 {
    (k % 10_000_000 * 7_654_321 + 3_141_592) % 10_000_000
}

/// The body (first 8 characters) of an organization code, distinct for every
/// `(stream, k)` with `k < 10^7` and `stream < 13`: either 8 digits led by a
/// per-stream digit (older codes) or `MA` and 6 base-31 characters (codes
/// issued with the USCC since 2015).
fn org_body(stream: u64, k: u64, new_style: bool) -> [u8; 8] {
    let mut b = [b'0'; 8];
    if new_style || k >= 10_000_000 {
        let v = (k & 0x3FF_FFFF).wrapping_mul(0x2545_F491) & 0x3FF_FFFF;
        let mut v = stream * (1 << 26) + v;
        b[0] = b'M';
        b[1] = b'A';
        for slot in b[2..].iter_mut().rev() {
            *slot = ALPHABET[(v % 31) as usize];
            v /= 31;
        }
    } else {
        const LEAD: [u8; 13] = *b"7653248919876";
        b[0] = LEAD[stream as usize];
        let v = scramble7(k);
        for (i, slot) in b[1..].iter_mut().rev().enumerate() {
            *slot = b'0' + ((v / 10u64.pow(i as u32)) % 10) as u8;
        }
    }
    b
}

/// The 9-character organization code for a body.
fn org_code_of(body: &[u8; 8]) -> String {
    let check = org_code::check_char(body).expect("body in the alphabet");
    let mut s = String::from_utf8(body.to_vec()).expect("ASCII");
    s.push(char::from(check));
    s
}

/// A USCC from its first two characters, division and organization code.
fn uscc_of(prefix: &str, division: &str, org: &str) -> String {
    let mut s = String::with_capacity(18);
    s.push_str(prefix);
    s.push_str(division);
    s.push_str(org);
    let check = uscc::check_char(s.as_bytes()).expect("17 characters of the alphabet");
    s.push(char::from(check));
    s
}

/// A 15-digit registration number: division, `kind` digit, 7 digits, check.
fn reg_no_of(division: &str, kind: u8, serial: u64) -> String {
    let mut s = String::with_capacity(15);
    s.push_str(division);
    s.push(char::from(kind));
    write!(s, "{serial:07}").unwrap();
    let first14: &[u8; 14] = s.as_bytes().try_into().expect("14 digits");
    let check = reg_no::check_digit(first14);
    s.push(char::from(check));
    s
}

/// A resident identity number born `day` days after 1950-01-01 with
/// sequence `seq` (0–999).
fn resident_id_of(division: &str, day: u64, seq: u64) -> String {
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Days::new(day);
    let mut s = String::with_capacity(18);
    s.push_str(division);
    write!(s, "{}{seq:03}", birth.format("%Y%m%d")).unwrap();
    let first17: &[u8; 17] = s.as_bytes().try_into().expect("17 digits");
    s.push(char::from(resident_id::check_char(first17)));
    s
}

/// A random valid USCC (for the codes file): no uniqueness promised.
fn random_uscc(r: &mut Rng, out: &mut String) {
    const PREFIXES: [&str; 7] = ["91", "92", "12", "11", "51", "52", "93"];
    let prefix = PREFIXES[r.weighted(&[70, 12, 6, 3, 3, 3, 3])];
    let div = r.pick(&DIVS).code;
    let mut body = [0u8; 8];
    if r.pct(50) {
        body[0] = b'M';
        body[1] = b'A';
        for b in &mut body[2..] {
            *b = *r.pick(ALPHABET);
        }
    } else {
        for b in &mut body {
            *b = b'0' + r.below(10) as u8;
        }
    }
    out.push_str(&uscc_of(prefix, div, &org_code_of(&body)));
}

// ---------------------------------------------------------------------------
// Subjects

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Legal,
    Individual,
    Natural,
}

impl Kind {
    fn chinese(self) -> &'static str {
        match self {
            Kind::Legal => "法人及非法人组织",
            Kind::Individual => "个体工商户",
            Kind::Natural => "自然人",
        }
    }
}

/// A subject, derived from `(seed, stream, k)` alone.
struct Subject {
    kind: Kind,
    div: usize,
    name: String,
    former_name: String,
    /// Empty for a natural person.
    uscc: String,
    /// The organization code embedded in the USCC.
    org: String,
    /// A registration number (individual businesses always; older
    /// enterprises sometimes); empty otherwise.
    reg_no: String,
    /// An individual business whose records carry the placeholder USCC and
    /// the registration number.
    placeholder: bool,
    /// The legal representative or operator; for a natural person the name.
    rep: String,
    rep_id: String,
    /// A natural person's resident id.
    id_no: String,
}

/// Registration-number kind digits per stream: (enterprise, individual business).
const REG_KIND: [(u8, u8); 4] = [(b'1', b'6'), (b'0', b'7'), (b'2', b'8'), (b'3', b'9')];

fn subject(seed: u64, stream: u64, k: u64, allow_natural: bool) -> Subject {
    let mut r = Rng::for_item(seed, stream, k);
    let roll = r.below(100);
    let kind = match roll {
        _ if roll < 85 || (roll >= 95 && !allow_natural) => Kind::Legal,
        _ if roll < 95 => Kind::Individual,
        _ => Kind::Natural,
    };
    let div_index = r.below(DIVS.len() as u64) as usize;
    let div = &DIVS[div_index];
    let mut s = Subject {
        kind,
        div: div_index,
        name: String::new(),
        former_name: String::new(),
        uscc: String::new(),
        org: String::new(),
        reg_no: String::new(),
        placeholder: false,
        rep: String::new(),
        rep_id: String::new(),
        id_no: String::new(),
    };
    let (reg_enterprise, reg_individual) = REG_KIND[(stream as usize).min(3)];
    match kind {
        Kind::Legal => {
            let prefix = ["91", "12", "52", "51", "93"][r.weighted(&[88, 4, 3, 2, 3])];
            let old_style = prefix != "91" || r.pct(50);
            s.org = org_code_of(&org_body(stream, k, !old_style));
            s.uscc = uscc_of(prefix, div.code, &s.org);
            s.name = match prefix {
                "91" => company_name(&mut r, div),
                "12" => format!("{}{}", div.full, r.pick(INSTITUTIONS)),
                "52" => {
                    let mut n = String::from(div.full);
                    word(&mut r, &mut n);
                    n.push_str(if r.pct(50) {
                        "职业培训学校"
                    } else {
                        "幼儿园"
                    });
                    n
                }
                "51" => format!("{}{}", div.city, r.pick(ASSOCIATIONS)),
                _ => {
                    let mut n = String::from(div.full);
                    word(&mut r, &mut n);
                    n.push_str(r.text(CROPS));
                    n.push_str("专业合作社");
                    n
                }
            };
            if prefix == "91" && old_style {
                s.reg_no = reg_no_of(div.code, reg_enterprise, scramble7(k));
            }
            if prefix == "91" && r.pct(10) {
                s.former_name = company_name(&mut r, div);
            }
            person_name(&mut r, &mut s.rep);
        }
        Kind::Individual => {
            s.org = org_code_of(&org_body(stream, k, true));
            s.uscc = uscc_of("92", div.code, &s.org);
            s.reg_no = reg_no_of(div.code, reg_individual, scramble7(k));
            s.placeholder = r.pct(30);
            let surname = *r.pick(SURNAMES);
            s.name.push_str(div.district);
            if r.pct(60) {
                s.name.push_str(surname);
                s.name.push('记');
            } else {
                word(&mut r, &mut s.name);
            }
            s.name.push_str(r.text(SHOPS));
            s.rep.push_str(surname);
            s.rep.push_str(r.text(GIVEN));
            if r.pct(70) {
                s.rep.push_str(r.text(GIVEN));
            }
        }
        Kind::Natural => {
            // Distinct for every k below 18,250,000 (the multiplier is prime
            // to 2, 5 and 73).
            let v = (k % 18_250_000 * 7_777_777 + 4_321) % 18_250_000;
            s.id_no = resident_id_of(div.code, v % 18_250, v / 18_250);
            person_name(&mut r, &mut s.name);
            s.rep = s.name.clone();
        }
    }
    if kind != Kind::Natural {
        let day = r.below(18_250);
        let seq = r.below(1000);
        s.rep_id = resident_id_of(DIVS[r.below(8) as usize].code, day, seq);
    }
    s
}

// ---------------------------------------------------------------------------
// Authorities

const DEPTS: [(&str, &str); 5] = [
    ("市场监督管理局", "市监"),
    ("生态环境局", "环"),
    ("应急管理局", "应急"),
    ("交通运输局", "交"),
    ("卫生健康局", "卫"),
];

const MARKET: usize = 0;
const ENVIRONMENT: usize = 1;
const SAFETY: usize = 2;
const TRANSPORT: usize = 3;
const HEALTH: usize = 4;

struct Authority {
    name: String,
    uscc: String,
    div: usize,
    dept: usize,
}

/// 40 deciding authorities (8 divisions × 5 departments), then each
/// division's 发展和改革局 (a data source), each with its own USCC.
fn authorities() -> Vec<Authority> {
    let mut v = Vec::new();
    for (d, div) in DIVS.iter().enumerate() {
        for (p, (dept, _)) in DEPTS.iter().enumerate() {
            v.push((d, p, format!("{}{}", div.full, dept)));
        }
    }
    for (d, div) in DIVS.iter().enumerate() {
        v.push((d, usize::MAX, format!("{}发展和改革局", div.full)));
    }
    v.into_iter()
        .enumerate()
        .map(|(i, (div, dept, name))| {
            let body = format!("0{:07}", (1_234_567 + i as u64 * 98_765) % 10_000_000);
            let body: [u8; 8] = body.as_bytes().try_into().unwrap();
            Authority {
                uscc: uscc_of("11", DIVS[div].code, &org_code_of(&body)),
                name,
                div,
                dept,
            }
        })
        .collect()
}

/// Index of division `div`'s department `dept` in [`authorities`].
fn authority_index(div: usize, dept: usize) -> usize {
    div * DEPTS.len() + dept
}

/// Index of division `div`'s 发展和改革局.
fn reform_bureau(div: usize) -> usize {
    DIVS.len() * DEPTS.len() + div
}

/// Per authority and year, the next decision number.
struct Counters(Vec<[u32; 8]>);

impl Counters {
    fn new() -> Counters {
        Counters(vec![[0; 8]; DIVS.len() * DEPTS.len()])
    }

    fn next(&mut self, authority: usize, year: i32) -> u32 {
        let slot = &mut self.0[authority][(year - 2019) as usize];
        *slot += 1;
        *slot
    }
}

// ---------------------------------------------------------------------------
// Dates and amounts

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2019, 1, 1).unwrap()
}

/// A decision date from 2019-01-01 to 2026-10-31.
fn decision_date(r: &mut Rng) -> NaiveDate {
    let last = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let span = (last - first_day()).num_days() as u64;
    first_day() + Days::new(r.below(span + 1))
}

/// A date 1 to `max_days` days before `date`.
fn before(r: &mut Rng, date: NaiveDate, max_days: u64) -> NaiveDate {
    date - Days::new(r.range(1, max_days))
}

fn chinese_date(out: &mut String, d: NaiveDate) {
    write!(out, "{}年{}月{}日", d.year(), d.month(), d.day()).unwrap();
}

/// Fen as 万元 with up to 6 decimals: 200000 fen is `0.2`.
fn wan(out: &mut String, fen: u64) {
    write!(out, "{}", fen / 1_000_000).unwrap();
    let frac = fen % 1_000_000;
    if frac != 0 {
        let digits = format!("{frac:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

/// Fen as yuan: `5000`, `1234.5`.
fn yuan(out: &mut String, fen: u64) {
    write!(out, "{}", fen / 100).unwrap();
    match fen % 100 {
        0 => {}
        f if f % 10 == 0 => write!(out, ".{}", f / 10).unwrap(),
        f => write!(out, ".{f:02}").unwrap(),
    }
}

fn fine_fen(r: &mut Rng) -> u64 {
    if r.pct(15) {
        // An amount computed from the goods' value, exact to the fen.
        return r.range(10_000, 30_000_000);
    }
    const YUAN: [u64; 14] = [
        200, 500, 1000, 2000, 3000, 5000, 8000, 10000, 15000, 20000, 30000, 50000, 100000, 123450,
    ];
    YUAN[r.weighted(&[3, 8, 10, 14, 10, 14, 5, 12, 5, 7, 4, 4, 2, 2])] * 100
}

// ---------------------------------------------------------------------------
// Penalty texts

struct Violation {
    dept: usize,
    /// 违法行为类型, as a category.
    kind: &'static str,
    /// The act in a few words, the whole of a short 违法事实.
    desc: &'static str,
    law: &'static str,
    basis: &'static str,
    /// `{d}` a date, `{a}` an address, `{g}` goods, `{e}` equipment, `{q}` a
    /// small quantity, `{v}` a value in yuan, `{w}` the illegal income, `{n}`
    /// a serial number, `{x}` a measurement, `{p}` a plate, `{s}` a venue.
    facts: &'static str,
}

const VIOLATIONS: &[Violation] = &[
    Violation {
        dept: MARKET,
        kind: "食品安全",
        desc: "销售超过保质期的食品",
        law: "《中华人民共和国食品安全法》第三十四条第（十）项",
        basis: "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
        facts: "当事人于{d}在其位于{a}的经营场所内销售超过保质期的{g}共计{q}件，货值金额{v}元，违法所得{w}元。",
    },
    Violation {
        dept: MARKET,
        kind: "无证经营",
        desc: "未取得食品经营许可从事食品经营活动",
        law: "《中华人民共和国食品安全法》第三十五条第一款",
        basis: "《中华人民共和国食品安全法》第一百二十二条第一款",
        facts: "当事人自{d}起在{a}未取得食品经营许可证从事{g}等食品经营活动，货值金额{v}元，违法所得{w}元。",
    },
    Violation {
        dept: MARKET,
        kind: "虚假宣传",
        desc: "虚假或者引人误解的商业宣传",
        law: "《中华人民共和国反不正当竞争法》第八条第一款",
        basis: "《中华人民共和国反不正当竞争法》第二十条第一款",
        facts: "当事人自{d}起通过微信公众号及店内宣传海报对所售{g}作“纯天然、零添加、具有保健功效”等宣传，不能提供证明材料。",
    },
    Violation {
        dept: MARKET,
        kind: "价格违法",
        desc: "不按规定明码标价",
        law: "《中华人民共和国价格法》第十三条第一款",
        basis: "《价格违法行为行政处罚规定》第十三条",
        facts: "{d}，执法人员检查发现当事人在{a}经营场所内对所售{g}等{q}种商品未按规定明码标价。",
    },
    Violation {
        dept: MARKET,
        kind: "产品质量",
        desc: "销售不合格产品",
        law: "《中华人民共和国产品质量法》第三十九条",
        basis: "《中华人民共和国产品质量法》第五十条",
        facts: "经监督抽检，当事人于{d}销售的{g}（批号{n}）经检验不符合产品标准要求，检验结论为不合格，货值金额{v}元，违法所得{w}元。",
    },
    Violation {
        dept: MARKET,
        kind: "特种设备安全",
        desc: "特种设备未经定期检验继续使用",
        law: "《中华人民共和国特种设备安全法》第四十条第三款",
        basis: "《中华人民共和国特种设备安全法》第八十四条第（一）项",
        facts: "当事人使用的{e}（设备注册代码{n}）定期检验有效期至{d}，届满后未申报定期检验仍继续使用。",
    },
    Violation {
        dept: ENVIRONMENT,
        kind: "大气污染",
        desc: "超过排放标准排放大气污染物",
        law: "《中华人民共和国大气污染防治法》第十八条",
        basis: "《中华人民共和国大气污染防治法》第九十九条第（二）项",
        facts: "{d}，执法人员对当事人进行现场检查，经监测其锅炉排放口颗粒物浓度为{x}毫克/立方米，超过排放标准规定的限值。",
    },
    Violation {
        dept: ENVIRONMENT,
        kind: "固体废物污染",
        desc: "未按规定贮存危险废物",
        law: "《中华人民共和国固体废物污染环境防治法》第七十九条",
        basis: "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第（六）项",
        facts: "{d}检查发现，当事人将废机油、废油桶等危险废物约{q}千克露天堆放于厂区东侧，未采取防扬散、防流失、防渗漏措施。",
    },
    Violation {
        dept: SAFETY,
        kind: "安全生产",
        desc: "未按规定对从业人员进行安全生产教育和培训",
        law: "《中华人民共和国安全生产法》第二十八条第一款",
        basis: "《中华人民共和国安全生产法》第九十七条第（三）项",
        facts: "{d}，执法人员检查时发现当事人未按规定对{q}名从业人员进行安全生产教育和培训，未如实记录培训情况。",
    },
    Violation {
        dept: SAFETY,
        kind: "安全生产",
        desc: "未建立事故隐患排查治理制度",
        law: "《中华人民共和国安全生产法》第四十一条第二款",
        basis: "《中华人民共和国安全生产法》第一百零一条第（五）项",
        facts: "当事人未建立生产安全事故隐患排查治理制度，{d}检查发现其生产车间存在消防通道堵塞、配电箱未接地等{q}处事故隐患。",
    },
    Violation {
        dept: TRANSPORT,
        kind: "超限运输",
        desc: "车辆超限运输",
        law: "《公路安全保护条例》第三十五条",
        basis: "《公路安全保护条例》第六十四条",
        facts: "{d}，当事人的{p}号货车在{a}段行驶，经检测车货总质量{x}吨，超过限定标准，未办理超限运输许可。",
    },
    Violation {
        dept: TRANSPORT,
        kind: "非法营运",
        desc: "未取得道路运输经营许可擅自从事道路运输经营",
        law: "《中华人民共和国道路运输条例》第二十四条",
        basis: "《中华人民共和国道路运输条例》第六十三条",
        facts: "当事人于{d}使用{p}号车辆从事道路货物运输经营，未取得道路运输经营许可，违法所得{w}元。",
    },
    Violation {
        dept: HEALTH,
        kind: "公共场所卫生",
        desc: "公共场所经营者未按规定进行卫生检测",
        law: "《公共场所卫生管理条例实施细则》第十九条",
        basis: "《公共场所卫生管理条例实施细则》第三十六条第（一）项",
        facts: "{d}，卫生监督员对当事人经营的{s}进行监督检查，发现其未按规定对空气、水质、采光、照明、噪声等进行卫生检测。",
    },
    Violation {
        dept: HEALTH,
        kind: "医疗执业",
        desc: "使用非卫生技术人员从事医疗卫生技术工作",
        law: "《医疗机构管理条例》第二十七条",
        basis: "《医疗机构管理条例》第四十七条",
        facts: "当事人自{d}起使用{q}名未取得医师资格的人员从事诊疗活动，诊疗{n}人次，违法所得{w}元。",
    },
];

const FOOD: &[&str] = &[
    "纯牛奶",
    "饼干",
    "方便面",
    "火腿肠",
    "果汁饮料",
    "面包",
    "酸奶",
    "月饼",
    "调味品",
    "速冻水饺",
    "白酒",
    "食用植物油",
    "大米",
    "挂面",
    "糕点",
];

const EQUIPMENT: &[&str] = &["乘客电梯", "叉车", "压力容器", "燃气锅炉", "桥式起重机"];

const VENUES: &[&str] = &["宾馆", "洗浴中心", "美容美发店", "游泳馆", "网吧", "歌舞厅"];

const EXTRAS: &[&str] = &[
    "上述事实有现场检查笔录、询问笔录、现场照片、营业执照复印件等证据证实。",
    "案发后，当事人积极配合调查，如实陈述违法事实，并已主动改正违法行为。",
    "执法人员依法送达了行政处罚告知书，当事人在法定期限内未提出陈述、申辩和听证要求。",
    "鉴于当事人系初次违法且危害后果轻微，并及时改正，依法从轻处罚。",
];

const NOTES: &[&str] = &[
    "当事人已缴清罚款",
    "已履行完毕",
    "已整改到位",
    "当事人已主动消除违法后果",
];

fn plate(r: &mut Rng, div: &Div, out: &mut String) {
    out.push_str(div.prov);
    out.push(char::from(b'A' + r.below(6) as u8));
    for _ in 0..5 {
        out.push(char::from(*r.pick(b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")));
    }
}

/// Expands a facts template.
fn expand(r: &mut Rng, out: &mut String, template: &str, date: NaiveDate, div: &Div, income: u64) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let key = rest.as_bytes()[open + 1];
        rest = &rest[open + 3..];
        match key {
            b'd' => chinese_date(out, before(r, date, 400)),
            b'a' => {
                out.push_str(div.district);
                out.push_str(r.text(ROADS));
                write!(out, "{}号", r.range(1, 999)).unwrap();
            }
            b'g' => out.push_str(r.text(FOOD)),
            b'e' => out.push_str(r.text(EQUIPMENT)),
            b'q' => write!(out, "{}", r.range(2, 60)).unwrap(),
            b'v' => yuan(out, income * r.range(2, 5)),
            b'w' => yuan(out, income),
            b'n' => write!(out, "{}", r.range(10_000, 99_999_999)).unwrap(),
            b'x' => write!(out, "{}.{}", r.range(20, 120), r.below(10)).unwrap(),
            b'p' => plate(r, div, out),
            b's' => out.push_str(r.text(VENUES)),
            other => panic!("unknown template key {}", char::from(other)),
        }
    }
    out.push_str(rest);
}

// ---------------------------------------------------------------------------
// Output

/// Counts bytes and, for GB18030, re-encodes complete UTF-8 text chunk by chunk.
struct Out {
    inner: BufWriter<Box<dyn Write>>,
    gb18030: bool,
    pending: Vec<u8>,
    encoded: Vec<u8>,
    /// GB18030 bytes of BMP characters seen: length in the low byte, then
    /// the bytes; 0 when not yet seen.
    cache: Vec<u32>,
    bytes: u64,
}

impl Out {
    fn new(inner: Box<dyn Write>, gb18030: bool) -> Out {
        Out {
            inner: BufWriter::with_capacity(1 << 16, inner),
            gb18030,
            pending: Vec::new(),
            encoded: Vec::new(),
            cache: if gb18030 {
                vec![0; 0x1_0000]
            } else {
                Vec::new()
            },
            bytes: 0,
        }
    }

    fn drain(&mut self) -> io::Result<()> {
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).expect("checked above");
        self.encoded.clear();
        for c in text.chars() {
            if c.is_ascii() {
                self.encoded.push(c as u8);
                continue;
            }
            // encoding_rs's GB18030 encoder is slow on ideographs; remember
            // what it makes of each character of the BMP.
            let slot = ((c as u32) < 0x1_0000).then(|| &mut self.cache[c as usize]);
            let packed = match slot {
                Some(&mut packed) if packed != 0 => packed,
                slot => {
                    let mut buf = [0u8; 4];
                    let (bytes, _, unmappable) =
                        encoding_rs::GB18030.encode(c.encode_utf8(&mut buf));
                    assert!(!unmappable, "GB18030 encodes all of Unicode");
                    if bytes.len() > 3 {
                        // Four bytes do not fit beside the length: not cached.
                        self.encoded.extend_from_slice(&bytes);
                        continue;
                    }
                    let mut packed = bytes.len() as u32;
                    for (i, &b) in bytes.iter().enumerate() {
                        packed |= u32::from(b) << (8 * i + 8);
                    }
                    if let Some(slot) = slot {
                        *slot = packed;
                    }
                    packed
                }
            };
            let len = (packed & 0xFF) as usize;
            self.encoded
                .extend_from_slice(&(packed >> 8).to_le_bytes()[..len]);
        }
        self.bytes += self.encoded.len() as u64;
        self.inner.write_all(&self.encoded)?;
        self.pending.drain(..valid);
        Ok(())
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.gb18030 {
            self.pending.extend_from_slice(buf);
            if self.pending.len() >= 1 << 16 {
                self.drain()?;
            }
        } else {
            self.bytes += buf.len() as u64;
            self.inner.write_all(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.gb18030 {
            self.drain()?;
        }
        self.inner.flush()
    }
}

trait Sink {
    fn row(&mut self, cells: &[String]) -> io::Result<()>;
    /// Finishes the file; returns the bytes written when known.
    fn finish(self: Box<Self>) -> io::Result<Option<u64>>;
}

struct CsvSink(csv::Writer<Out>);

impl Sink for CsvSink {
    fn row(&mut self, cells: &[String]) -> io::Result<()> {
        self.0.write_record(cells).map_err(io::Error::other)
    }

    fn finish(self: Box<Self>) -> io::Result<Option<u64>> {
        let mut out = self
            .0
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        out.flush()?;
        Ok(Some(out.bytes))
    }
}

struct JsonlSink {
    out: Out,
    headers: Vec<String>,
}

impl Sink for JsonlSink {
    fn row(&mut self, cells: &[String]) -> io::Result<()> {
        self.out.write_all(b"{")?;
        for (i, (h, v)) in self.headers.iter().zip(cells).enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, h)?;
            self.out.write_all(b":")?;
            serde_json::to_writer(&mut self.out, v)?;
        }
        self.out.write_all(b"}\n")
    }

    fn finish(mut self: Box<Self>) -> io::Result<Option<u64>> {
        self.out.flush()?;
        Ok(Some(self.out.bytes))
    }
}

/// A workbook whose one sheet is written in `rust_xlsxwriter`'s constant
/// memory mode (rows stream to a temporary file).
struct XlsxSink {
    workbook: rust_xlsxwriter::Workbook,
    path: String,
    row: u32,
    date_cols: Vec<usize>,
    date_format: rust_xlsxwriter::Format,
}

impl Sink for XlsxSink {
    fn row(&mut self, cells: &[String]) -> io::Result<()> {
        let sheet = self
            .workbook
            .worksheet_from_index(0)
            .map_err(io::Error::other)?;
        for (col, value) in cells.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let c = col as u16;
            let date = self.date_cols.contains(&col).then(|| {
                NaiveDate::parse_from_str(value, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| {
                        rust_xlsxwriter::ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .ok()
                    })
            });
            let result = match date.flatten() {
                Some(dt) => sheet.write_datetime_with_format(self.row, c, &dt, &self.date_format),
                None => sheet.write_string(self.row, c, value),
            };
            result.map_err(io::Error::other)?;
        }
        self.row += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Option<u64>> {
        self.workbook.save(&self.path).map_err(io::Error::other)?;
        Ok(std::fs::metadata(&self.path).ok().map(|m| m.len()))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
    Jsonl,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Jsonl => "jsonl",
        }
    }
}

struct Options {
    kind: String,
    rows: u64,
    seed: u64,
    format: Format,
    gb18030: bool,
    out: Option<String>,
}

/// Opens `path` (stdout when `None`) and writes the header row.
fn open_sink(
    opts: &Options,
    path: Option<&str>,
    headers: &[&str],
    date_cols: &[usize],
) -> io::Result<Box<dyn Sink>> {
    let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    if opts.format == Format::Xlsx {
        let path = path.ok_or_else(|| io::Error::other("xlsx output needs --out FILE"))?;
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook
            .add_worksheet_with_constant_memory()
            .map_err(io::Error::other)?;
        let mut sink = XlsxSink {
            workbook,
            path: path.to_string(),
            row: 0,
            date_cols: date_cols.to_vec(),
            date_format: rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
        };
        sink.row(&headers)?;
        return Ok(Box::new(sink));
    }
    let inner: Box<dyn Write> = match path {
        Some(p) => Box::new(File::create(p)?),
        None => Box::new(io::stdout().lock()),
    };
    let out = Out::new(inner, opts.gb18030);
    let mut sink: Box<dyn Sink> = match opts.format {
        Format::Csv => Box::new(CsvSink(csv::WriterBuilder::new().from_writer(out))),
        _ => {
            // JSON lines have no header row: the keys are the headers.
            return Ok(Box::new(JsonlSink { out, headers }));
        }
    };
    sink.row(&headers)?;
    Ok(sink)
}

fn report(what: &str, rows: u64, path: Option<&str>, bytes: Option<u64>) {
    let target = path.unwrap_or("stdout");
    match bytes {
        Some(b) if rows > 0 => eprintln!(
            "gen: {rows} {what} rows, {b} bytes ({:.1} bytes/row) -> {target}",
            b as f64 / rows as f64
        ),
        _ => eprintln!("gen: {rows} {what} rows -> {target}"),
    }
}

// ---------------------------------------------------------------------------
// Kinds

/// The national column names, from the layouts `credit import` reads.
fn headers(layout: &Layout) -> Vec<&'static str> {
    layout.fields.iter().map(|f| f.chinese).collect()
}

const SUBJECT_HEADERS: [&str; 8] = [
    "统一社会信用代码",
    "名称",
    "主体类别",
    "法定代表人",
    "行政区划代码",
    "组织机构代码",
    "注册号",
    "曾用名",
];

const NO_USCC: &str = "00000000000000000X";

/// Fills the subject columns 0–12 shared by both record layouts.
fn subject_cells(r: &mut Rng, s: &Subject, cells: &mut [String]) {
    cells[0].push_str(&s.name);
    cells[1].push_str(s.kind.chinese());
    match s.kind {
        Kind::Natural => {
            cells[11].push_str("身份证");
            cells[12].push_str(&s.id_no);
        }
        Kind::Individual if s.placeholder => {
            cells[2].push_str(NO_USCC);
            cells[3].push_str(&s.reg_no);
            cells[8].push_str(&s.rep);
        }
        _ => {
            cells[2].push_str(&s.uscc);
            cells[8].push_str(&s.rep);
            if s.kind == Kind::Legal && r.pct(3) {
                // 税务登记号: division and organization code.
                cells[5].push_str(DIVS[s.div].code);
                cells[5].push_str(&s.org);
            }
            if r.pct(10) {
                cells[9].push_str("身份证");
                cells[10].push_str(&s.rep_id);
            }
        }
    }
}

/// The subject of a record: about `rows / 5` distinct subjects recur.
fn pick_subject(r: &mut Rng, seed: u64, rows: u64) -> Subject {
    let k = r.below((rows / 5).max(1));
    subject(seed, 0, k, true)
}

/// The deciding authority: usually a department of the subject's division.
fn pick_authority(r: &mut Rng, s: &Subject, dept: usize) -> usize {
    let div = if r.pct(85) {
        s.div
    } else {
        r.below(DIVS.len() as u64) as usize
    };
    authority_index(div, dept)
}

/// 数据来源单位: the authority itself, or its division's 发展和改革局.
fn source<'a>(r: &mut Rng, auths: &'a [Authority], a: usize) -> &'a Authority {
    if r.pct(75) {
        &auths[a]
    } else {
        &auths[reform_bureau(auths[a].div)]
    }
}

/// Share of penalties whose 违法事实 is a few words; the rest tell the facts.
/// With [`CONTENT_FORMAL_PCT`], tuned for about 470 bytes per row in UTF-8.
const FACTS_SHORT_PCT: u64 = 88;
/// Share of penalties whose 处罚内容 is the formal sentence citing the basis.
const CONTENT_FORMAL_PCT: u64 = 8;

fn penalties(opts: &Options) -> io::Result<()> {
    let auths = authorities();
    let mut counters = Counters::new();
    let mut r = Rng::new(opts.seed ^ 0x7E4A_171E5);
    let mut sink = open_sink(opts, opts.out.as_deref(), &headers(&PENALTY), &[22])?;
    let mut cells = vec![String::new(); PENALTY.fields.len()];
    let market: Vec<usize> = (0..VIOLATIONS.len())
        .filter(|&i| VIOLATIONS[i].dept == MARKET)
        .collect();
    for _ in 0..opts.rows {
        cells.iter_mut().for_each(String::clear);
        let s = pick_subject(&mut r, opts.seed, opts.rows);
        subject_cells(&mut r, &s, &mut cells);

        let violation = match s.kind {
            Kind::Natural => &VIOLATIONS[10 + r.below(2) as usize],
            Kind::Individual if r.pct(80) => &VIOLATIONS[*r.pick(&market[..4])],
            _ if r.pct(55) => &VIOLATIONS[*r.pick(&market)],
            _ => &VIOLATIONS[r.range(market.len() as u64, VIOLATIONS.len() as u64 - 1) as usize],
        };
        let a = pick_authority(&mut r, &s, violation.dept);
        let auth = &auths[a];
        let div = &DIVS[auth.div];
        let date = decision_date(&mut r);
        let n = counters.next(a, date.year());
        let dept_short = DEPTS[auth.dept].1;
        write!(
            cells[13],
            "{}{dept_short}处罚〔{}〕{n}号",
            div.short,
            date.year()
        )
        .unwrap();
        cells[14].push_str(violation.kind);

        // 违法所得 in fen.
        let income = r.range(100, 2_000) * 100 + if r.pct(30) { r.below(100) } else { 0 };
        // 违法事实: a few words, or the facts as found, sometimes with the
        // rule broken and more circumstances.
        let facts = &mut cells[15];
        if r.pct(FACTS_SHORT_PCT) {
            if r.pct(50) {
                facts.push_str("当事人");
            }
            facts.push_str(violation.desc);
            facts.push('。');
        } else {
            facts.push_str("经查，");
            expand(&mut r, facts, violation.facts, date, div, income);
            if r.pct(10) {
                facts.push_str("当事人的上述行为违反了");
                facts.push_str(violation.law);
                facts.push_str("的规定。");
            }
            for extra in EXTRAS {
                if r.pct(3) {
                    facts.push_str(extra);
                }
            }
        }
        // 处罚依据: the article, often with its paragraph and item.
        let basis = match violation.basis.find('条') {
            Some(end) if r.pct(65) => &violation.basis[..end + '条'.len_utf8()],
            _ => violation.basis,
        };
        cells[16].push_str(basis);

        // 处罚类别: warning, fine, confiscation, suspension, licence.
        const COMBOS: [(bool, bool, bool, bool, bool); 8] = [
            (false, true, false, false, false),
            (true, false, false, false, false),
            (true, true, false, false, false),
            (false, true, true, false, false),
            (false, true, false, true, false),
            (false, false, false, true, false),
            (true, true, true, false, false),
            (false, true, false, false, true),
        ];
        let (warn, fine, confiscate, suspend, revoke) =
            COMBOS[r.weighted(&[50, 12, 14, 16, 3, 2, 2, 1])];
        let fine_amount = fine_fen(&mut r);
        let days = r.range(3, 30);
        let mut labels: Vec<&str> = Vec::with_capacity(4);
        let content = &mut cells[18];
        let formal = r.pct(CONTENT_FORMAL_PCT);
        let rmb = if formal || r.pct(50) { "人民币" } else { "" };
        if formal {
            content.push_str("依据");
            content.push_str(basis);
            content.push_str("的规定，决定给予当事人");
        }
        let mut item = |label: &'static str, content: &mut String, text: &dyn Fn(&mut String)| {
            if !labels.is_empty() {
                content.push('，');
            }
            labels.push(label);
            text(content);
        };
        if warn {
            item("警告", content, &|c| c.push_str("警告"));
        }
        if confiscate {
            item("没收违法所得、没收非法财物", content, &|c| {
                c.push_str("没收违法所得");
                c.push_str(rmb);
                yuan(c, income);
                c.push('元');
            });
        }
        if fine {
            item("罚款", content, &|c| {
                c.push_str("罚款");
                c.push_str(rmb);
                yuan(c, fine_amount);
                c.push('元');
            });
        }
        if suspend {
            item("责令停产停业", content, &|c| {
                write!(c, "责令停产停业{days}日").unwrap()
            });
        }
        if revoke {
            item(
                "暂扣或者吊销许可证、暂扣或者吊销执照",
                content,
                &|c| c.push_str("吊销食品经营许可证"),
            );
        }
        if formal {
            content.push_str("的行政处罚。");
        }
        cells[17].push_str(&labels.join("；"));
        if fine {
            wan(&mut cells[19], fine_amount);
        }
        if confiscate {
            wan(&mut cells[20], income);
        }
        if revoke {
            write!(
                cells[21],
                "食品经营许可证（JY1{}{:07}）",
                div.code,
                r.below(10_000_000)
            )
            .unwrap();
        }

        write!(cells[22], "{date}").unwrap();
        match r.weighted(&[20, 35, 25, 20]) {
            0 => write!(cells[23], "{}", date + Months::new(6)).unwrap(),
            1 => write!(cells[23], "{}", date + Months::new(12)).unwrap(),
            2 => write!(cells[23], "{}", date + Months::new(36)).unwrap(),
            _ => cells[23].push_str("2099-12-31"),
        }
        if r.pct(25) {
            let months = if r.pct(60) { 12 } else { 36 };
            write!(cells[24], "{}", date + Months::new(months)).unwrap();
        }
        cells[25].push_str(&auth.name);
        cells[26].push_str(&auth.uscc);
        let src = source(&mut r, &auths, a);
        cells[27].push_str(&src.name);
        cells[28].push_str(&src.uscc);
        if r.pct(8) {
            cells[29].push_str(r.text(NOTES));
        }
        sink.row(&cells)?;
    }
    let bytes = sink.finish()?;
    report("penalties", opts.rows, opts.out.as_deref(), bytes);
    Ok(())
}

/// A kind of licence: 文书名称, 许可类别, 证书名称, 内容 options, years valid
/// (0: no expiry), decision number infix.
struct LicenseKind {
    dept: usize,
    document: &'static str,
    category: &'static str,
    certificate: &'static str,
    content: &'static [&'static str],
    years: u32,
    infix: &'static str,
}

const LICENSE_KINDS: &[LicenseKind] = &[
    LicenseKind {
        dept: MARKET,
        document: "食品经营许可决定书",
        category: "普通",
        certificate: "食品经营许可证",
        content: &[
            "预包装食品（含冷藏冷冻食品）销售",
            "散装食品（不含冷藏冷冻食品）销售",
            "热食类食品制售",
            "冷食类食品制售",
            "糕点类食品（含裱花蛋糕）制售",
            "自制饮品制售",
            "保健食品销售",
        ],
        years: 5,
        infix: "市监食经许",
    },
    LicenseKind {
        dept: MARKET,
        document: "准予设立登记通知书",
        category: "登记",
        certificate: "营业执照",
        content: &[
            "食品销售（仅销售预包装食品）",
            "日用百货销售",
            "五金产品零售",
            "技术服务、技术开发、技术咨询",
            "货物进出口",
            "餐饮服务",
            "普通货物仓储服务",
        ],
        years: 0,
        infix: "市监登记",
    },
    LicenseKind {
        dept: ENVIRONMENT,
        document: "排污许可证核发决定书",
        category: "普通",
        certificate: "排污许可证",
        content: &[
            "废气：颗粒物、二氧化硫、氮氧化物",
            "废水：化学需氧量、氨氮",
            "噪声：厂界噪声",
        ],
        years: 5,
        infix: "环许",
    },
    LicenseKind {
        dept: SAFETY,
        document: "危险化学品经营许可决定书",
        category: "普通",
        certificate: "危险化学品经营许可证",
        content: &["汽油", "柴油", "液化石油气", "乙醇", "硫酸", "盐酸", "油漆"],
        years: 3,
        infix: "应急许",
    },
    LicenseKind {
        dept: TRANSPORT,
        document: "道路运输经营许可决定书",
        category: "普通",
        certificate: "道路运输经营许可证",
        content: &[
            "道路普通货物运输",
            "货物专用运输（集装箱）",
            "大型物件运输",
            "道路危险货物运输",
        ],
        years: 4,
        infix: "交许",
    },
    LicenseKind {
        dept: HEALTH,
        document: "公共场所卫生许可决定书",
        category: "普通",
        certificate: "公共场所卫生许可证",
        content: &[
            "住宿业（宾馆）",
            "美容美发场所",
            "沐浴场所",
            "游泳场所",
            "文化娱乐场所",
        ],
        years: 4,
        infix: "卫许",
    },
];

/// The licence natural persons get.
const QUALIFICATION: LicenseKind = LicenseKind {
    dept: TRANSPORT,
    document: "道路运输从业人员从业资格审批决定书",
    category: "普通",
    certificate: "道路运输从业人员从业资格证",
    content: &[
        "经营性道路货物运输驾驶员",
        "经营性道路旅客运输驾驶员",
        "道路危险货物运输驾驶员",
    ],
    years: 6,
    infix: "交许",
};

fn licenses(opts: &Options) -> io::Result<()> {
    let auths = authorities();
    let mut counters = Counters::new();
    let mut r = Rng::new(opts.seed ^ 0x11C_E45E);
    let mut sink = open_sink(opts, opts.out.as_deref(), &headers(&LICENSE), &[19])?;
    let mut cells = vec![String::new(); LICENSE.fields.len()];
    let reference = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    for _ in 0..opts.rows {
        cells.iter_mut().for_each(String::clear);
        let s = pick_subject(&mut r, opts.seed, opts.rows);
        subject_cells(&mut r, &s, &mut cells);
        let lk = match s.kind {
            Kind::Natural => &QUALIFICATION,
            _ => &LICENSE_KINDS[r.weighted(&[40, 20, 8, 8, 12, 12])],
        };
        let a = pick_authority(&mut r, &s, lk.dept);
        let auth = &auths[a];
        let div = &DIVS[auth.div];
        let date = decision_date(&mut r);
        let n = counters.next(a, date.year());
        cells[13].push_str(lk.document);
        write!(
            cells[14],
            "{}{}〔{}〕{n}号",
            div.short,
            lk.infix,
            date.year()
        )
        .unwrap();
        cells[15].push_str(lk.category);
        cells[16].push_str(lk.certificate);
        let number = &mut cells[17];
        match lk.certificate {
            "食品经营许可证" => {
                write!(number, "JY1{}{:07}", div.code, r.below(10_000_000)).unwrap()
            }
            "营业执照" if !s.placeholder => number.push_str(&s.uscc),
            "营业执照" => number.push_str(&s.reg_no),
            "排污许可证" => {
                write!(number, "{}001{}", s.uscc, r.pick(&["V", "P", "U", "Q"])).unwrap()
            }
            "危险化学品经营许可证" => write!(
                number,
                "{}{}危化经字〔{}〕{:06}",
                div.prov,
                div.city_abbr,
                date.year(),
                n
            )
            .unwrap(),
            "道路运输经营许可证" => write!(
                number,
                "{}交运管许可{}字{}{:06}号",
                div.prov, div.city_abbr, div.code, n
            )
            .unwrap(),
            "公共场所卫生许可证" => write!(
                number,
                "{}卫公证字〔{}〕第{:06}号",
                div.city_abbr,
                date.year(),
                n
            )
            .unwrap(),
            _ => write!(number, "{}{:08}", div.code, r.below(100_000_000)).unwrap(),
        }
        let content = &mut cells[18];
        content.push_str(match lk.certificate {
            "营业执照" => "准予设立登记。经营范围：一般项目：",
            "排污许可证" => "准予核发排污许可证。许可排放污染物：",
            "危险化学品经营许可证" => "许可经营范围（不带储存设施经营）：",
            _ => "许可范围：",
        });
        let count = r.range(1, lk.content.len().min(3) as u64);
        let start = r.below(lk.content.len() as u64) as usize;
        for i in 0..count as usize {
            if i > 0 {
                content.push('；');
            }
            content.push_str(lk.content[(start + i) % lk.content.len()]);
        }
        content.push('。');
        write!(cells[19], "{date}").unwrap();
        let until = (lk.years > 0).then(|| date + Months::new(lk.years * 12) - Days::new(1));
        if r.pct(80) {
            write!(cells[20], "{date}").unwrap();
        }
        match until {
            Some(u) => write!(cells[21], "{u}").unwrap(),
            None if r.pct(50) => cells[21].push_str("长期"),
            None => cells[21].push_str("2099-12-31"),
        }
        cells[22].push_str(&auth.name);
        cells[23].push_str(&auth.uscc);
        let expired = until.is_some_and(|u| u < reference);
        cells[24].push_str(match (expired, r.pct(80)) {
            (false, true) => "1",
            (false, false) => "有效",
            (true, true) => "2",
            (true, false) => "无效",
        });
        if r.pct(85) {
            let src = source(&mut r, &auths, a);
            cells[25].push_str(&src.name);
            cells[26].push_str(&src.uscc);
        }
        if r.pct(5) {
            cells[27].push_str(if s.kind == Kind::Legal {
                "变更后换发"
            } else {
                "延续"
            });
        }
        sink.row(&cells)?;
    }
    let bytes = sink.finish()?;
    report("licenses", opts.rows, opts.out.as_deref(), bytes);
    Ok(())
}

/// Register rows for `rows` subjects of `stream` (natural persons skipped).
/// `old_codes`: fill 组织机构代码 and 注册号 as registers often do.
fn register(
    opts: &Options,
    stream: u64,
    rows: u64,
    path: Option<&str>,
    old_codes: bool,
) -> io::Result<()> {
    let mut sink = open_sink(opts, path, &SUBJECT_HEADERS, &[])?;
    let mut cells = vec![String::new(); SUBJECT_HEADERS.len()];
    let mut r = Rng::new(opts.seed ^ 0x05B1_EC75 ^ stream);
    let mut written = 0;
    let mut k = 0;
    while written < rows {
        let s = subject(opts.seed, stream, k, stream == 0);
        k += 1;
        if s.kind == Kind::Natural {
            continue;
        }
        cells.iter_mut().for_each(String::clear);
        cells[0].push_str(&s.uscc);
        cells[1].push_str(&s.name);
        if r.pct(90) {
            cells[2].push_str(s.kind.chinese());
        }
        cells[3].push_str(&s.rep);
        if r.pct(80) {
            cells[4].push_str(DIVS[s.div].code);
        }
        if old_codes {
            if r.pct(60) {
                cells[5].push_str(&s.org);
                if r.pct(30) {
                    cells[5].insert(8, '-');
                }
            }
            cells[6].push_str(&s.reg_no);
        }
        cells[7].push_str(&s.former_name);
        sink.row(&cells)?;
        written += 1;
    }
    let bytes = sink.finish()?;
    report("subjects", rows, path, bytes);
    Ok(())
}

fn codes(opts: &Options) -> io::Result<()> {
    let mut sink = open_sink(opts, opts.out.as_deref(), &["code"], &[])?;
    let mut r = Rng::new(opts.seed ^ 0xC0DE5);
    let mut cell = vec![String::new()];
    for _ in 0..opts.rows {
        let c = &mut cell[0];
        c.clear();
        match r.weighted(&[90, 5, 5]) {
            0 => random_uscc(&mut r, c),
            1 => {
                random_uscc(&mut r, c);
                let good = c.pop().expect("18 characters");
                let mut bad = good;
                while bad == good {
                    bad = char::from(*r.pick(ALPHABET));
                }
                c.push(bad);
            }
            _ => {
                let mut body = [0u8; 8];
                for b in &mut body {
                    *b = b'0' + r.below(10) as u8;
                }
                c.push_str(&org_code_of(&body));
                c.insert(8, '-');
            }
        }
        sink.row(&cell)?;
    }
    let bytes = sink.finish()?;
    report("codes", opts.rows, opts.out.as_deref(), bytes);
    Ok(())
}

/// The old code a mapping row `j` maps: the organization code embedded in its
/// USCC, or a registration number.
fn mapping_entry(seed: u64, j: u64) -> (Subject, String) {
    let s = subject(seed, 1, j, false);
    let use_reg =
        !s.reg_no.is_empty() && (s.kind == Kind::Individual || Rng::for_item(seed, 11, j).pct(40));
    let old = if use_reg {
        s.reg_no.clone()
    } else {
        s.org.clone()
    };
    (s, old)
}

fn resolve(opts: &Options) -> io::Result<()> {
    let prefix = opts
        .out
        .as_deref()
        .ok_or_else(|| io::Error::other("resolve needs --out PREFIX"))?;
    let ext = opts.format.extension();
    let n = opts.rows;
    let register_rows = (n * 3 / 10).max(1);
    register(
        opts,
        2,
        register_rows,
        Some(&format!("{prefix}-subjects.{ext}")),
        false,
    )?;

    let path = format!("{prefix}-mappings.{ext}");
    let mut sink = open_sink(
        opts,
        Some(&path),
        &["旧代码", "统一社会信用代码", "名称"],
        &[],
    )?;
    let mut cells = vec![String::new(); 3];
    let mut r = Rng::new(opts.seed ^ 0x3A9_91E5);
    for j in 0..n {
        cells.iter_mut().for_each(String::clear);
        let (s, old) = mapping_entry(opts.seed, j);
        cells[0].push_str(&old);
        if old.len() == 9 && r.pct(30) {
            cells[0].insert(8, '-');
        }
        cells[1].push_str(&s.uscc);
        cells[2].push_str(&s.name);
        sink.row(&cells)?;
    }
    let bytes = sink.finish()?;
    report("mappings", n, Some(&path), bytes);

    let path = format!("{prefix}-old-codes.{ext}");
    let mut sink = open_sink(opts, Some(&path), &["old_code", "name"], &[])?;
    let mut unknown = 0;
    let (mut mapped, mut embedded, mut nowhere) = (0u64, 0u64, 0u64);
    for _ in 0..n {
        cells.iter_mut().for_each(String::clear);
        match r.weighted(&[60, 30, 10]) {
            0 => {
                let (s, old) = mapping_entry(opts.seed, r.below(n));
                cells[0].push_str(&old);
                cells[1].push_str(&s.name);
                mapped += 1;
            }
            1 => {
                let s = subject(opts.seed, 2, r.below(register_rows), false);
                cells[0].push_str(&s.org);
                cells[1].push_str(&s.name);
                embedded += 1;
            }
            _ => {
                cells[0].push_str(&org_code_of(&org_body(3, unknown, r.pct(40))));
                let d = r.below(DIVS.len() as u64) as usize;
                cells[1].push_str(&company_name(&mut r, &DIVS[d]));
                unknown += 1;
                nowhere += 1;
            }
        }
        sink.row(&cells[..2])?;
    }
    let bytes = sink.finish()?;
    report("old codes", n, Some(&path), bytes);
    eprintln!(
        "gen: old codes: {mapped} in the mappings, {embedded} embedded in a register USCC, {nowhere} known nowhere"
    );
    Ok(())
}

// ---------------------------------------------------------------------------

const USAGE: &str =
    "usage: gen KIND N [--seed S] [--format csv|xlsx|jsonl] [--encoding utf-8|gb18030] [--out FILE]
KIND: penalties | licenses | subjects | codes | resolve (resolve: --out PREFIX)";

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut opts = Options {
        kind: String::new(),
        rows: 0,
        seed: 1,
        format: Format::Csv,
        gb18030: false,
        out: None,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--seed" => {
                opts.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--format" => {
                opts.format = match value("--format")?.as_str() {
                    "csv" => Format::Csv,
                    "xlsx" => Format::Xlsx,
                    "jsonl" => Format::Jsonl,
                    other => return Err(format!("unknown format '{other}'")),
                }
            }
            "--encoding" => {
                opts.gb18030 = match value("--encoding")?.to_ascii_lowercase().as_str() {
                    "utf-8" | "utf8" => false,
                    "gb18030" | "gbk" => true,
                    other => return Err(format!("unknown encoding '{other}'")),
                }
            }
            "--out" | "-o" => opts.out = Some(value("--out")?),
            "-h" | "--help" => return Err(String::new()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => positional.push(arg),
        }
    }
    let [kind, rows] =
        <[String; 2]>::try_from(positional).map_err(|_| "expected KIND and N".to_string())?;
    opts.kind = kind;
    opts.rows = rows
        .replace('_', "")
        .parse()
        .map_err(|e| format!("N '{rows}': {e}"))?;
    Ok(opts)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match opts.kind.as_str() {
        "penalties" | "penalty" => penalties(&opts),
        "licenses" | "licences" | "license" => licenses(&opts),
        "subjects" => register(&opts, 0, opts.rows, opts.out.as_deref(), true),
        "codes" => codes(&opts),
        "resolve" => resolve(&opts),
        other => {
            eprintln!("gen: unknown kind '{other}'\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
