//! `credit import penalties|licenses|subjects`: formats, headers, rejects,
//! all-or-nothing, idempotence and history.

mod common;

use common::{Env, MARKET_BUREAU, XINYUAN, csv_of, penalty, set};
use serde_json::json;

fn count(env: &Env, table: &str) -> String {
    env.query(&format!("SELECT count(*) FROM {table}"))
}

#[test]
fn the_example_penalties_import_with_their_bad_rows_rejected() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    let run = env
        .run(&["import", "penalties", &file, "--format", "json"])
        .code(3);
    assert_eq!(
        run.json(),
        json!({
            "file": file,
            "sha256": run.json()["sha256"],
            "kind": "penalty",
            "rows": 13,
            "inserted": 7,
            "updated": 0,
            "unchanged": 0,
            "rejected": 6,
            "subjects_created": 6,
            "dry_run": false
        })
    );
    assert_eq!(run.json()["sha256"].as_str().unwrap().len(), 64);
    let stderr: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        stderr,
        [
            format!(
                "{file}: row 9, column 行政相对人代码_1(统一社会信用代码), value '91220802MA0Y5L2K90': not a valid unified social credit code: check character is '0', expected '2'"
            ),
            format!(
                "{file}: row 10, column 处罚决定日期, value '2025-13-05': '2025-13-05' is not a date (expected forms like 2019-10-23, 2019/10/23, 2019年10月23日, 20191023)"
            ),
            format!(
                "{file}: row 11, column 处罚类别, value '罚钱': '罚钱' is not a penalty category (allowed: 警告 / 通报批评 / 罚款 / 没收违法所得、没收非法财物 / 暂扣或者吊销许可证、暂扣或者吊销执照 / 降低资质等级 / 限制开展生产经营活动 / 责令停产停业 / 责令关闭 / 限制从业 / 行政拘留 / 其他)"
            ),
            format!("{file}: row 12, column 行政处罚决定书文号, value '': required value is empty"),
            format!(
                "{file}: row 13, column 证件号码, value '220802199013320029': not a valid resident identity number: birth date 19901332 is not a real date"
            ),
            format!(
                "{file}: row 14, column 罚款金额(万元), value '1.2.5': '1.2.5' is not an amount in 万元 (expected a number like 0.2 or 1,200.5)"
            ),
        ]
    );
    assert_eq!(count(&env, "record"), "7");
    // The audit event carries the counts and the file's digest.
    let events = env
        .run(&["audit", "log", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(events[1]["command"], "import penalty");
    assert_eq!(events[1]["counts"]["inserted"], 7);
    assert_eq!(events[1]["inputs"][0]["sha256"], run.json()["sha256"]);
}

#[test]
fn the_same_records_as_gbk_are_unchanged_and_a_second_import_changes_nothing() {
    let env = Env::with_store();
    let utf8 = env.example("data/penalties.csv");
    let gbk = env.example("data/penalties-gbk.csv");
    env.run(&["import", "penalties", &utf8]).code(3);
    let again = env
        .run(&["import", "penalties", &utf8, "--format", "json"])
        .code(3);
    assert_eq!(again.json()["unchanged"], 7);
    assert_eq!(again.json()["inserted"], 0);
    assert_eq!(again.json()["subjects_created"], 0);
    let gbk_run = env
        .run(&["import", "penalties", &gbk, "--format", "json"])
        .code(3);
    assert_eq!(gbk_run.json()["unchanged"], 7);
    assert_eq!(gbk_run.json()["rejected"], 6);
    assert_eq!(count(&env, "record"), "7");
    assert_eq!(count(&env, "record_history"), "0");
}

#[test]
fn utf8_with_a_bom_jsonl_and_stdin_all_read() {
    let env = Env::with_store();
    let body = csv_of(&[penalty("洮北市监处罚〔2025〕1号")]);
    let bom = env.file(
        "bom.csv",
        [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat(),
    );
    let run = env
        .run(&["import", "penalties", &bom, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["inserted"], 1);

    let row = penalty("洮北市监处罚〔2025〕2号");
    let object: serde_json::Map<String, serde_json::Value> =
        row.iter().map(|(h, v)| (h.to_string(), json!(v))).collect();
    let jsonl = env.file(
        "p.jsonl",
        format!("{}\n", serde_json::Value::Object(object)),
    );
    let run = env
        .run(&["import", "penalties", &jsonl, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["inserted"], 1);

    let stdin = csv_of(&[penalty("洮北市监处罚〔2025〕3号")]);
    let run = env
        .run_with_stdin(
            &["import", "penalties", "-", "--format", "json"],
            stdin.as_bytes(),
        )
        .code(0);
    assert_eq!(run.json()["file"], "standard input");
    assert_eq!(run.json()["inserted"], 1);
    assert_eq!(count(&env, "record"), "3");
}

#[test]
fn licences_from_xlsx_with_date_cells() {
    let env = Env::with_store();
    let file = env.example("data/licenses.xlsx");
    let run = env
        .run(&["import", "licenses", &file, "--format", "json"])
        .code(3);
    assert_eq!(run.json()["inserted"], 4);
    assert_eq!(run.json()["rejected"], 2);
    assert_eq!(
        run.stderr,
        format!(
            "{file}: row 6, column 许可类别, value '一般': '一般' is not a licence category (allowed: 普通, 特许, 认可, 核准, 登记, 其他)\n\
             {file}: row 7, column 有效期至, value '2024-08-14': ends on 2024-08-14, before the decision date 2025-08-15\n"
        )
    );
    assert_eq!(
        env.query("SELECT decision_date || ' ' || coalesce(valid_until, 'none') FROM record WHERE decision_no = '白环许〔2025〕18号'"),
        "2025-03-20 none"
    );

    // The same workbook through a pipe: the same rows, nothing new.
    let bytes = std::fs::read(&file).unwrap();
    let piped = env
        .run_with_stdin(
            &[
                "import",
                "licenses",
                "-",
                "--input-format",
                "xlsx",
                "--format",
                "json",
            ],
            &bytes,
        )
        .code(3);
    assert_eq!(piped.json()["file"], "standard input");
    assert_eq!(piped.json()["sha256"], run.json()["sha256"]);
    assert_eq!(
        (
            piped.json()["unchanged"].clone(),
            piped.json()["rejected"].clone()
        ),
        (json!(4), json!(2))
    );
    // Rejects name the input as the summary does.
    assert_eq!(
        piped.stderr,
        run.stderr.replace(file.as_str(), "standard input")
    );
}

#[test]
fn every_header_spelling_maps_to_the_same_columns() {
    let spellings: [fn(&str) -> String; 4] = [
        // Without the parenthesised part.
        |h| h.split('(').next().unwrap().to_string(),
        // Full-width parentheses.
        |h| h.replace('(', "（").replace(')', "）"),
        // Field codes, as the national loaders write them.
        |h| field_code(h).to_string(),
        // Our snake_case names.
        |h| snake(h).to_string(),
    ];
    for (i, spell) in spellings.iter().enumerate() {
        let env = Env::with_store();
        let row = penalty(&format!("洮北市监处罚〔2025〕{i}号"));
        let mut csv = csv_of(&[row]);
        let header_end = csv.find('\n').unwrap();
        let header: Vec<String> = csv[..header_end]
            .split(',')
            .map(|h| spell(h.trim_matches('"')))
            .collect();
        csv.replace_range(..header_end, &header.join(","));
        let file = env.file("spelled.csv", &csv);
        let run = env
            .run(&["import", "penalties", &file, "--format", "json"])
            .code(0);
        assert_eq!(run.json()["inserted"], 1, "spelling {i}: {}", run.stderr);
        assert_eq!(run.stderr, "", "spelling {i}");
    }
}

fn field_code(chinese: &str) -> &'static str {
    let codes = [
        "CF_XDR_MC",
        "CF_XDR_LB",
        "CF_XDR_SHXYM",
        "CF_XDR_GSZC",
        "CF_XDR_ZZJG",
        "CF_XDR_SWDJ",
        "CF_XDR_SYDW",
        "CF_XDR_SHZZ",
        "CF_FRDB",
        "CF_FR_ZJLX",
        "CF_FR_ZJHM",
        "CF_XDR_ZJLX",
        "CF_XDR_ZJHM",
        "CF_WSH",
        "CF_WFXW",
        "CF_SY",
        "CF_YJ",
        "CF_CFLB",
        "CF_NR",
        "CF_NR_FK",
        "CF_NR_WFFF",
        "CF_NR_ZKDX",
        "CF_JDRQ",
        "CF_YXQ",
        "CF_GSJZQ",
        "CF_CFJG",
        "CF_CFJGDM",
        "CF_SJLY",
        "CF_SJLYDM",
        "BZ",
    ];
    codes[common::PENALTY_HEADERS
        .iter()
        .position(|h| *h == chinese)
        .unwrap()]
}

fn snake(chinese: &str) -> &'static str {
    let names = [
        "subject_name",
        "subject_kind",
        "uscc",
        "reg_no",
        "org_code",
        "tax_no",
        "institution_no",
        "social_org_no",
        "legal_rep",
        "legal_rep_id_type",
        "legal_rep_id_no",
        "id_type",
        "id_no",
        "decision_no",
        "violation_type",
        "facts",
        "basis",
        "penalty_categories",
        "content",
        "fine_wan",
        "confiscated_wan",
        "license_revoked",
        "decision_date",
        "valid_until",
        "publicity_until",
        "authority",
        "authority_uscc",
        "source",
        "source_uscc",
        "note",
    ];
    names[common::PENALTY_HEADERS
        .iter()
        .position(|h| *h == chinese)
        .unwrap()]
}

#[test]
fn a_missing_required_column_stops_before_any_row() {
    let env = Env::with_store();
    let csv = "行政相对人名称,行政相对人类别\n白城市鑫源商贸有限公司,法人及非法人组织\n";
    let file = env.file("short.csv", csv);
    let run = env.run(&["import", "penalties", &file]).code(1).stdout("");
    assert!(
        run.stderr.starts_with(&format!(
            "credit: {file}: missing required columns 行政处罚决定书文号 (CF_WSH)"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .trim_end()
            .ends_with("headers found: 行政相对人名称, 行政相对人类别"),
        "{}",
        run.stderr
    );
    assert_eq!(count(&env, "audit_event"), "1");
}

/// A CSV of one valid penalty row with one more column after the layout's.
fn one_penalty_and(header: &str, value: &str) -> String {
    let csv = csv_of(&[penalty("洮北市监处罚〔2025〕7号")]);
    let lines: Vec<&str> = csv.lines().collect();
    format!("{},{header}\n{},{value}\n", lines[0], lines[1])
}

#[test]
fn an_unknown_column_is_a_warning_once() {
    let env = Env::with_store();
    let file = env.file("extra.csv", one_penalty_and("经办人", "张三"));
    env.run(&["import", "penalties", &file])
        .code(0)
        .stderr(&format!(
            "warning: {file}: column '经办人' is not in the layout; ignored\n"
        ));
}

#[test]
fn a_column_given_twice_is_read_once_and_said_so() {
    let env = Env::with_store();
    // The decision date again, under its field code and with another value.
    let file = env.file("twice.csv", one_penalty_and("CF_JDRQ", "2020-01-01"));
    env.run(&["import", "penalties", &file])
        .code(0)
        .stderr(&format!(
            "warning: {file}: column 'CF_JDRQ' is the same column as '处罚决定日期' before it; \
             only '处罚决定日期' is read\n"
        ));
    assert_eq!(env.query("SELECT decision_date FROM record"), "2025-03-14");
}

/// One row, one problem: the reason each check gives.
fn reject_reason(row: Vec<(&'static str, String)>) -> String {
    let env = Env::with_store();
    let file = env.file("p.csv", csv_of(&[row]));
    let run = env
        .run(&["import", "penalties", &file, "--format", "json"])
        .code(3);
    assert_eq!(run.json()["rejected"], 1);
    run.stderr.trim_end().replace(&format!("{file}: "), "")
}

#[test]
fn each_reject_reason_names_row_column_value_and_check() {
    let base = || penalty("洮北市监处罚〔2025〕5号");
    assert_eq!(
        reject_reason(set(
            base(),
            "行政相对人代码_1(统一社会信用代码)",
            "91220802MA0Y5L2K7U"
        )),
        "row 2, column 行政相对人代码_1(统一社会信用代码), value '91220802MA0Y5L2K7U': not a valid unified social credit code: embedded organization code check character (position 17) is '7', expected '9'"
    );
    let no_codes = set(base(), "行政相对人代码_1(统一社会信用代码)", "");
    assert_eq!(
        reject_reason(no_codes),
        "row 2, column 行政相对人代码_1(统一社会信用代码), value '': an organisation needs at least one of its codes (统一社会信用代码, 工商注册号, 组织机构代码, 税务登记号, 事业单位证书号, 社会组织登记证号)"
    );
    let placeholder = set(
        set(base(), "行政相对人类别", "个体工商户"),
        "行政相对人代码_1(统一社会信用代码)",
        "00000000000000000X",
    );
    assert_eq!(
        reject_reason(placeholder),
        "row 2, column 行政相对人代码_2(工商注册号), value '': the unified social credit code is the placeholder 00000000000000000X, so the registration number is required"
    );
    assert_eq!(
        reject_reason(set(
            base(),
            "行政相对人代码_2(工商注册号)",
            "220802600001233"
        )),
        "row 2, column 行政相对人代码_2(工商注册号), value '220802600001233': not a valid registration number: check character is '3', expected '2'"
    );
    assert_eq!(
        reject_reason(set(base(), "行政相对人类别", "企业")),
        "row 2, column 行政相对人类别, value '企业': '企业' is not a subject category (allowed: 法人及非法人组织, 个体工商户, 自然人)"
    );
    let person = set(
        set(base(), "行政相对人类别", "自然人"),
        "行政相对人代码_1(统一社会信用代码)",
        "",
    );
    assert_eq!(
        reject_reason(person),
        "row 2, column 证件类型, value '': required for a natural person (证件类型)\nrow 2, column 证件号码, value '': required for a natural person (证件号码)"
    );
    assert_eq!(
        reject_reason(set(base(), "法定代表人", "")),
        "row 2, column 法定代表人, value '': required for a legal person or organisation (法定代表人)"
    );
    assert_eq!(
        reject_reason(set(base(), "处罚决定日期", "2027-01-01")),
        "row 2, column 处罚决定日期, value '2027-01-01': decision date 2027-01-01 is after today (2026-11-21)"
    );
    assert_eq!(
        reject_reason(set(base(), "罚款金额(万元)", "0.1234567")),
        "row 2, column 罚款金额(万元), value '0.1234567': '0.1234567' has more than 6 decimal places; 万元 amounts are exact to the fen"
    );
    assert_eq!(
        reject_reason(set(base(), "处罚机关统一社会信用代码", "")),
        "row 2, column 处罚机关统一社会信用代码, value '': required value is empty"
    );
}

#[test]
fn dirty_values_are_normalised_before_they_are_stored() {
    let env = Env::with_store();
    let row = set(
        set(
            set(
                penalty("洮北市监处罚〔2025〕 8号"),
                "行政相对人代码_1(统一社会信用代码)",
                " ９１２２０８０２ma０y５l２k９２ ",
            ),
            "罚款金额(万元)",
            "1,200.5",
        ),
        "处罚决定日期",
        "2025年3月14日",
    );
    let file = env.file("dirty.csv", csv_of(&[row]));
    env.run(&["import", "penalties", &file]).code(0);
    assert_eq!(
        env.query("SELECT decision_no FROM record"),
        "洮北市监处罚〔2025〕8号"
    );
    assert_eq!(env.query("SELECT fine_fen FROM record"), "1200500000");
    assert_eq!(env.query("SELECT decision_date FROM record"), "2025-03-14");
    assert_eq!(
        env.query("SELECT value FROM subject_identifier WHERE kind = 'uscc'"),
        XINYUAN
    );
}

#[test]
fn strict_commits_nothing_when_a_row_is_rejected() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    let run = env
        .run(&["import", "penalties", &file, "--strict", "--format", "json"])
        .code(1);
    assert_eq!(run.json()["rejected"], 6);
    assert!(run.stderr.ends_with(&format!(
        "credit: {file}: 6 of 13 rows rejected; --strict: nothing was imported\n"
    )));
    assert_eq!(count(&env, "record"), "0");
    assert_eq!(count(&env, "subject"), "0");
    assert_eq!(count(&env, "audit_event"), "1");
}

#[test]
fn dry_run_reports_and_leaves_the_store_unchanged() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    let run = env
        .run(&[
            "import",
            "penalties",
            &file,
            "--dry-run",
            "--format",
            "json",
        ])
        .code(3);
    assert_eq!(run.json()["inserted"], 7);
    assert_eq!(run.json()["dry_run"], true);
    assert_eq!(count(&env, "record"), "0");
    assert_eq!(count(&env, "subject"), "0");
    assert_eq!(count(&env, "audit_event"), "1");
}

#[test]
fn rejects_file_has_the_original_columns_and_the_reasons() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    let rejects = env.path("rejects.csv");
    env.run(&[
        "import",
        "penalties",
        &file,
        "--rejects",
        rejects.to_str().unwrap(),
    ])
    .code(3);
    let bytes = std::fs::read(&rejects).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 33);
    assert_eq!(&headers[30], "_row");
    assert_eq!(&headers[31], "_column");
    assert_eq!(&headers[32], "_reason");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(&rows[1][22], "2025-13-05");
    assert_eq!(&rows[1][30], "10");
    assert_eq!(&rows[1][31], "处罚决定日期");
    assert!(rows[1][32].contains("is not a date"));
}

#[test]
fn a_corrected_record_is_updated_and_its_previous_version_kept() {
    let env = Env::with_store();
    let first = env.file("a.csv", csv_of(&[penalty("洮北市监处罚〔2025〕9号")]));
    env.run(&["import", "penalties", &first]).code(0);
    let corrected = set(penalty("洮北市监处罚〔2025〕9号"), "罚款金额(万元)", "0.3");
    let second = env.file("b.csv", csv_of(&[corrected]));
    let run = env
        .run(&["import", "penalties", &second, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["updated"], 1);
    assert_eq!(count(&env, "record"), "1");
    assert_eq!(env.query("SELECT fine_fen FROM record"), "300000");
    assert_eq!(env.query("SELECT updated_on FROM record"), common::TODAY);
    assert_eq!(count(&env, "record_history"), "1");
    // History keeps every value by layout position, between U+001F marks;
    // 19 is 罚款金额, in fen.
    let old = env.query("SELECT fields FROM record_history");
    assert_eq!(old.split('\u{1f}').nth(19), Some("200000"), "{old:?}");
    assert_eq!(
        env.query("SELECT replaced_on FROM record_history"),
        common::TODAY
    );
    let listed = env
        .run(&["records", "list", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(listed[0]["versions"], 2);
    // The history row names its record, the record its subject.
    env.run(&["db", "check"]).code(0);
}

#[test]
fn a_new_name_for_a_known_subject_keeps_the_old_one() {
    let env = Env::with_store();
    let first = env.file("a.csv", csv_of(&[penalty("洮北市监处罚〔2025〕10号")]));
    env.run(&["import", "penalties", &first]).code(0);
    let renamed = set(
        penalty("洮北市监处罚〔2025〕11号"),
        "行政相对人名称",
        "吉林鑫源商贸集团有限公司",
    );
    let second = env.file("b.csv", csv_of(&[renamed]));
    let run = env
        .run(&["import", "penalties", &second, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["subjects_created"], 0);
    let shown = env
        .run(&["subject", "show", XINYUAN, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(shown["name"], "吉林鑫源商贸集团有限公司");
    assert_eq!(shown["former_names"], json!(["白城市鑫源商贸有限公司"]));
    assert_eq!(shown["records"].as_array().unwrap().len(), 2);
    env.run(&["db", "check"]).code(0);
}

#[test]
fn a_row_with_an_old_code_links_to_the_subject_already_carrying_it() {
    let env = Env::with_store();
    let register = env.file(
        "register.csv",
        format!("统一社会信用代码,名称,组织机构代码\n{XINYUAN},白城市鑫源商贸有限公司,697746338\n"),
    );
    env.run(&["import", "subjects", &register]).code(0);
    let old = set(
        set(
            penalty("洮北市监处罚〔2025〕12号"),
            "行政相对人代码_1(统一社会信用代码)",
            "",
        ),
        "行政相对人代码_3(组织机构代码)",
        "69774633-8",
    );
    let file = env.file("old.csv", csv_of(&[old]));
    let run = env
        .run(&["import", "penalties", &file, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["subjects_created"], 0);
    assert_eq!(count(&env, "subject"), "1");
    env.run(&["db", "check"]).code(0);
}

#[test]
fn subjects_register_imports_names_codes_and_former_names() {
    let env = Env::with_store();
    let file = env.example("data/subjects.csv");
    let run = env
        .run(&["import", "subjects", &file, "--format", "json"])
        .code(3);
    assert_eq!(run.json()["kind"], "subject");
    assert_eq!(run.json()["inserted"], 6);
    assert_eq!(run.json()["rejected"], 2);
    let again = env
        .run(&["import", "subjects", &file, "--format", "json"])
        .code(3);
    assert_eq!(again.json()["unchanged"], 6);
    let shown = env
        .run(&["subject", "show", "91220800MA13U6R46L", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        shown["former_names"],
        json!(["白城市第二建筑工程公司", "白城市金禹建筑工程有限公司"])
    );
    assert_eq!(shown["division"], "220800");
    assert_eq!(shown["legal_rep"], "孙金禹");
    // The USCC's entity type 92 makes an unlabelled subject an individual business.
    let shown = env
        .run(&["subject", "show", "92220802MA0KDL8P9N", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(shown["kind"], "individual_business");
    // Former names and codes name their subjects.
    env.run(&["db", "check"]).code(0);
}

/// Starts importing rows that stream in until the pipe closes, so that the
/// kill lands mid-file, and kills the import once `until` says so, given
/// the rows written to it.
fn kill_an_import(env: &Env, until: impl Fn(u64) -> bool) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("credit");
    let mut child = Command::new(bin)
        .args([
            "--db",
            env.db().to_str().unwrap(),
            "import",
            "penalties",
            "-",
        ])
        .env("CREDIT_TODAY", common::TODAY)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let written = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = written.clone();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let template = csv_of(&[penalty("DECISION")]);
        let (header, row) = template.split_once('\n').unwrap();
        if writeln!(stdin, "{header}").is_err() {
            return;
        }
        for i in 0.. {
            let line = row.replace("DECISION", &format!("洮北市监处罚〔2025〕{i}号"));
            if stdin.write_all(line.as_bytes()).is_err() {
                return;
            }
            counter.store(i, std::sync::atomic::Ordering::Relaxed);
        }
    });
    let started = std::time::Instant::now();
    loop {
        let rows = written.load(std::sync::atomic::Ordering::Relaxed);
        if until(rows) {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "still not time to kill the import after {rows} rows"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    writer.join().unwrap();
}

#[test]
fn a_killed_first_load_leaves_the_store_as_it_was() {
    let env = Env::with_store();
    // A first load writes its pages into the store itself, past its end,
    // once they no longer fit the page cache: the kill lands after that.
    let empty = std::fs::metadata(env.db()).unwrap().len();
    kill_an_import(&env, |_| std::fs::metadata(env.db()).unwrap().len() > empty);
    let journal = env.path("credit.db-journal");
    assert!(journal.exists(), "a killed first load leaves its journal");
    // Opening the store rolls the journal back.
    assert_eq!(count(&env, "record"), "0");
    assert!(!journal.exists());
    assert_eq!(std::fs::metadata(env.db()).unwrap().len(), empty);
    assert_eq!(count(&env, "subject"), "0");
    env.run(&["db", "check"]).code(0);
    env.run(&["audit", "verify"]).code(0);
    assert_eq!(env.query("PRAGMA journal_mode"), "wal");
}

#[test]
fn a_killed_import_into_a_store_with_records_leaves_it_as_it_was() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    env.run(&["import", "penalties", &file]).code(3);
    let records = count(&env, "record");
    let subjects = count(&env, "subject");
    // Through the WAL: the pipe holds about a hundred rows and the importer
    // buffers a few thousand between its threads; past that, rows have
    // been stored in the open transaction.
    kill_an_import(&env, |rows| rows >= 8000);
    assert!(!env.path("credit.db-journal").exists());
    assert_eq!(count(&env, "record"), records);
    assert_eq!(count(&env, "subject"), subjects);
    env.run(&["db", "check"]).code(0);
    env.run(&["audit", "verify"]).code(0);
}

#[test]
fn an_import_needs_a_store_and_creates_none() {
    let env = Env::new();
    let file = env.example("data/penalties.csv");
    env.run(&["import", "penalties", &file]).code(1);
    assert!(!env.db().exists());
}

#[test]
fn a_directory_or_a_missing_file_fails_as_such_whatever_its_name() {
    let env = Env::with_store();
    let dir = env.path("deliveries");
    std::fs::create_dir(&dir).unwrap();
    let dir = dir.display().to_string();
    let said = format!("credit: {dir} is a directory; name the file in it to read\n");
    env.run(&["import", "penalties", &dir])
        .code(1)
        .stderr(&said);
    for format in ["csv", "xlsx", "jsonl"] {
        env.run(&["import", "penalties", &dir, "--input-format", format])
            .code(1)
            .stderr(&said);
    }
    let missing = env.path("penalties").display().to_string();
    env.run(&["import", "penalties", &missing])
        .code(1)
        .stderr_has(&format!("credit: cannot open {missing}: "));
    assert_eq!(count(&env, "record"), "0");
}

#[test]
fn the_rejects_file_may_not_be_the_file_imported_or_the_store() {
    let env = Env::with_store();
    let file = env.file(
        "delivery.csv",
        std::fs::read(env.example("data/penalties.csv")).unwrap(),
    );
    let delivered = std::fs::read(&file).unwrap();
    // Another name for the same file is the same file.
    let linked = env.path("linked.csv");
    std::fs::hard_link(&file, &linked).unwrap();
    let linked = linked.display().to_string();
    let db = env.db().display().to_string();
    for (rejects, what) in [
        (file.as_str(), "the file being read"),
        (linked.as_str(), "the file being read"),
        (db.as_str(), "the store"),
    ] {
        env.run(&["import", "penalties", &file, "--rejects", rejects])
            .code(2)
            .stderr(&format!(
                "credit: --rejects {rejects} is {what}; writing it would destroy it, so name another file\n"
            ));
    }
    // Standard output carries the summary.
    env.run(&["import", "penalties", &file, "--rejects", "-"])
        .code(2)
        .stderr(
            "credit: --rejects - would mix the rejected rows into the summary on stdout; name a file\n",
        );
    assert!(!env.path("-").exists());
    assert_eq!(std::fs::read(&file).unwrap(), delivered);
    assert_eq!(count(&env, "record"), "0");
    env.run(&["db", "check"]).code(0);
    // A rejects file of its own is written as before.
    let rejects = env.path("rejects.csv").display().to_string();
    env.run(&["import", "penalties", &file, "--rejects", &rejects])
        .code(3);
    assert_eq!(std::fs::read(&file).unwrap(), delivered);
    assert_eq!(
        std::fs::read_to_string(&rejects).unwrap().lines().count(),
        1 + 6
    );
}

#[test]
fn an_import_waits_for_another_writer_to_finish() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    let other = rusqlite::Connection::open(env.db()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let import = env.spawn(&["import", "penalties", &file]);
    // Long enough for the import to reach the store and wait for it.
    std::thread::sleep(std::time::Duration::from_millis(300));
    other.execute_batch("COMMIT").unwrap();
    let done = import.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(3), "{stderr}");
    assert_eq!(count(&env, "record"), "7");
}

#[test]
fn an_unknown_extension_asks_for_the_format() {
    let env = Env::with_store();
    let file = env.file("penalties.dat", "x");
    env.run(&["import", "penalties", &file]).code(2).stderr(&format!(
        "credit: cannot tell the format of {file} from its name; pass --input-format csv, xlsx or jsonl\n"
    ));
    let _ = MARKET_BUREAU;

    // A "spreadsheet" that is text inside: the hint names the option to use.
    let fake = env.file(
        "penalties.xlsx",
        csv_of(&[penalty("洮北市监处罚〔2025〕4号")]),
    );
    env.run(&["import", "penalties", &fake])
        .code(1)
        .stderr_has("try --input-format csv, or save it as .xlsx");
    let run = env
        .run(&[
            "import",
            "penalties",
            &fake,
            "--input-format",
            "csv",
            "--format",
            "json",
        ])
        .code(0);
    assert_eq!(run.json()["inserted"], 1);

    // And a workbook that calls itself CSV: the hint imports it.
    let workbook = std::fs::read(env.example("data/licenses.xlsx")).unwrap();
    let renamed = env.file("licenses.csv", workbook);
    env.run(&["import", "licenses", &renamed])
        .code(1)
        .stderr(&format!(
            "credit: {renamed} is an xlsx workbook, not text; pass --input-format xlsx\n"
        ));
    let run = env
        .run(&[
            "import",
            "licenses",
            &renamed,
            "--input-format",
            "xlsx",
            "--format",
            "json",
        ])
        .code(3);
    assert_eq!(run.json()["inserted"], 4);
}

#[test]
fn a_shared_old_code_does_not_join_two_uscc_holders() {
    let env = Env::with_store();
    let first = set(
        penalty("洮北市监处罚〔2025〕20号"),
        "行政相对人代码_3(组织机构代码)",
        "69774633-8",
    );
    // Another company, its own USCC, delivered with the same old code.
    let second = set(
        set(
            set(
                penalty("洮北市监处罚〔2025〕21号"),
                "行政相对人名称",
                "白城市恒通物流有限公司",
            ),
            "行政相对人代码_1(统一社会信用代码)",
            "91220802MA17QX3N4A",
        ),
        "行政相对人代码_3(组织机构代码)",
        "69774633-8",
    );
    let third = set(
        set(
            penalty("洮北市监处罚〔2025〕22号"),
            "行政相对人代码_1(统一社会信用代码)",
            "",
        ),
        "行政相对人代码_3(组织机构代码)",
        "697746338",
    );
    let file = env.file("shared.csv", csv_of(&[first, second, third]));
    let run = env
        .run(&["import", "penalties", &file, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["subjects_created"], 2);
    assert_eq!(
        env.query("SELECT count(*) FROM subject_identifier WHERE kind = 'uscc'"),
        "2"
    );
    // The old code stays with the subject that had it first, and a row with
    // only that code links there.
    let shown = env
        .run(&["subject", "show", XINYUAN, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(shown["records"].as_array().unwrap().len(), 2);
    let other = env
        .run(&["subject", "show", "91220802MA17QX3N4A", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        other["records"][0]["decision_no"],
        "洮北市监处罚〔2025〕21号"
    );
    assert_eq!(other["identifiers"].as_array().unwrap().len(), 1);
}

#[test]
fn records_list_filters_by_kind_authority_dates_and_limit_newest_first() {
    let env = Env::with_store();
    let penalties = env.example("data/penalties.csv");
    let licences = env.example("data/licenses.xlsx");
    env.run(&["import", "penalties", &penalties]).code(3);
    env.run(&["import", "licenses", &licences]).code(3);
    // What the store holds, in the order a listing must give it.
    let expect = |filter: &str| {
        env.query(&format!(
            "SELECT coalesce(group_concat(decision_no, '|'), '') FROM \
             (SELECT decision_no FROM record WHERE {filter} ORDER BY decision_date DESC, id DESC)"
        ))
    };
    let listed = |args: &[&str]| {
        let mut all = vec!["records", "list", "--format", "jsonl"];
        all.extend_from_slice(args);
        let run = env.run(&all).code(0);
        run.stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["decision_no"].as_str().unwrap().to_string()
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    let all = listed(&[]);
    assert_eq!(all, expect("1 = 1"));
    assert!(all.split('|').count() > 8, "{all}");
    assert_eq!(listed(&["--kind", "license"]), expect("kind = 'license'"));
    assert_eq!(listed(&["--kind", "penalty"]), expect("kind = 'penalty'"));
    let authority = env.query("SELECT authority_uscc FROM record WHERE kind = 'penalty' LIMIT 1");
    assert_eq!(
        listed(&["--authority", &authority.to_lowercase()]),
        expect(&format!("authority_uscc = '{authority}'"))
    );
    let (from, to) = (
        env.query("SELECT min(decision_date) FROM record"),
        env.query("SELECT max(decision_date) FROM record"),
    );
    let middle = env.query(
        "SELECT decision_date FROM record ORDER BY decision_date LIMIT 1 OFFSET (SELECT count(*) / 2 FROM record)",
    );
    assert_eq!(
        listed(&["--from", &middle]),
        expect(&format!("decision_date >= '{middle}'"))
    );
    assert_eq!(
        listed(&["--to", &middle]),
        expect(&format!("decision_date <= '{middle}'"))
    );
    assert_eq!(listed(&["--from", &from, "--to", &to]), all);
    let two: Vec<&str> = all.split('|').take(2).collect();
    assert_eq!(listed(&["--limit", "2"]), two.join("|"));
    assert_eq!(listed(&["--limit", "0"]), "");

    // The same listing as csv and json.
    let csv = env
        .run(&["records", "list", "--format", "csv", "--limit", "2"])
        .code(0);
    assert_eq!(csv.stdout.lines().count(), 1 + 2);
    let json = env
        .run(&["records", "list", "--format", "json", "--limit", "2"])
        .code(0);
    assert_eq!(json.json().as_array().unwrap().len(), 2);

    // A period that ends before it starts is a mistake, not an empty list.
    env.run(&["records", "list", "--from", &to, "--to", &from])
        .code(2)
        .stderr(&format!(
            "credit: --from {to} is after --to {from}: no day is in that period\n"
        ));
}

#[test]
fn a_long_listing_comes_as_tables_of_a_thousand_rows_each_with_its_headers() {
    let env = Env::with_store();
    let rows: Vec<_> = (1..=2001)
        .map(|n| penalty(&format!("洮北市监处罚〔2025〕{n}号")))
        .collect();
    let file = env.file("many.csv", csv_of(&rows));
    env.run(&["import", "penalties", &file]).code(0);
    let tables = |args: &[&str]| {
        let mut all = vec!["records", "list"];
        all.extend_from_slice(args);
        let run = env.run(&all).code(0);
        let headers = run
            .stdout
            .lines()
            .filter(|l| l.starts_with("│ kind"))
            .count();
        // Each record takes two lines: subject name, then its code.
        let records = run.stdout.matches(XINYUAN).count();
        (headers, records)
    };
    assert_eq!(tables(&[]), (3, 2001));
    assert_eq!(tables(&["--limit", "2000"]), (2, 2000));
    assert_eq!(tables(&["--limit", "1001"]), (2, 1001));
    assert_eq!(tables(&["--limit", "1000"]), (1, 1000));
    assert_eq!(tables(&["--limit", "0"]), (1, 0));
}

#[test]
fn identity_numbers_show_masked_unless_revealed_and_a_reveal_is_audited() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    env.run(&["import", "penalties", &file]).code(3);
    let (name, number) = (
        env.query("SELECT name FROM subject WHERE kind = 'natural_person'"),
        env.query(
            "SELECT value FROM subject_identifier i JOIN subject s ON s.id = i.subject_id \
             WHERE s.kind = 'natural_person' AND i.kind = 'resident_id'",
        ),
    );
    let masked = format!("{}****{}", &number[..10], &number[14..]);
    let events = || env.query("SELECT count(*) FROM audit_event WHERE command = 'reveal'");

    let person = |args: &[&str]| {
        let mut all = vec!["records", "list", "--format", "jsonl"];
        all.extend_from_slice(args);
        let run = env.run(&all).code(0);
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains(&format!("\"subject_name\":\"{name}\"")))
            .unwrap()
            .to_string();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        (v["subject_code"].clone(), v["fields"]["id_no"].clone())
    };
    assert_eq!(person(&[]), (json!(masked), json!(masked)));
    let shown = env.run(&["records", "list"]).code(0).stdout;
    assert!(
        shown.contains(&masked) && !shown.contains(&number),
        "{shown}"
    );
    assert_eq!(events(), "0");

    assert_eq!(person(&["--reveal"]), (json!(number), json!(number)));
    assert_eq!(events(), "1");
    let records = env.query("SELECT count(*) FROM record");
    assert_eq!(
        env.query("SELECT counts FROM audit_event WHERE command = 'reveal'"),
        format!("{{\"revealed\":{records}}}")
    );
    env.run(&["records", "list", "--reveal", "--limit", "2"])
        .code(0);
    assert_eq!(
        env.query(
            "SELECT counts FROM audit_event WHERE command = 'reveal' ORDER BY id DESC LIMIT 1"
        ),
        "{\"revealed\":2}"
    );

    let show = env
        .run(&["subject", "show", &name, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(show["records"][0]["fields"]["id_no"], json!(masked));
    assert!(!show.to_string().contains(&number), "{show}");
    assert_eq!(events(), "2");
    let show = env
        .run(&["subject", "show", &name, "--format", "json", "--reveal"])
        .code(0)
        .json();
    assert_eq!(show["records"][0]["fields"]["id_no"], json!(number));
    assert_eq!(events(), "3");
}

#[test]
fn a_quote_never_closed_imports_nothing_and_names_its_row() {
    let env = Env::with_store();
    let mut text = csv_of(&[
        penalty("洮北市监处罚〔2025〕20号"),
        penalty("洮北市监处罚〔2025〕21号"),
        penalty("洮北市监处罚〔2025〕22号"),
    ]);
    // Row 3's decision number opens a quote that nothing closes: the parser
    // would read row 4 into it and stop there.
    text = text.replacen("洮北市监处罚〔2025〕21号", "\"洮北市监处罚〔2025〕21号", 1);
    let file = env.file("q.csv", text);
    env.run(&["import", "penalties", &file])
        .code(1)
        .stderr(&format!(
            "credit: {file}, row 3: a quote opened in this row is never closed, so lines 3 to 4 \
         were read as one row; close the quote (a quote meant as text is written twice, \"\") \
         and import again\n"
        ));
    assert_eq!(count(&env, "record"), "0");
}

/// A workbook whose first sheet is a note and whose second, 数据, holds `rows`.
fn workbook_with_a_note_first(env: &Env, rows: &[Vec<(&'static str, String)>]) -> String {
    let mut book = rust_xlsxwriter::Workbook::new();
    let note = book.add_worksheet().set_name("说明").unwrap();
    note.write_string(0, 0, "本表由白城市洮北区市场监督管理局报送")
        .unwrap();
    let data = book.add_worksheet().set_name("数据").unwrap();
    for (col, (header, _)) in rows[0].iter().enumerate() {
        data.write_string(0, col as u16, *header).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, (_, value)) in row.iter().enumerate() {
            data.write_string(r as u32 + 1, col as u16, value).unwrap();
        }
    }
    let path = env.path("delivery.xlsx");
    book.save(&path).unwrap();
    path.display().to_string()
}

#[test]
fn sheet_names_the_sheet_read() {
    let env = Env::with_store();
    let file = workbook_with_a_note_first(&env, &[penalty("白洮市监罚〔2025〕31号")]);
    // The first sheet is read unless --sheet names another: here it has no
    // layout, and nothing is imported.
    env.run(&["import", "penalties", &file])
        .code(1)
        .stderr_has("行政相对人名称");
    assert_eq!(count(&env, "record"), "0");
    env.run(&[
        "import",
        "penalties",
        &file,
        "--sheet",
        "数据",
        "--format",
        "json",
    ])
    .code(0);
    assert_eq!(
        env.query("SELECT decision_no FROM record"),
        "白洮市监罚〔2025〕31号"
    );
}

#[test]
fn a_sheet_the_workbook_lacks_is_a_usage_error() {
    let env = Env::with_store();
    let file = workbook_with_a_note_first(&env, &[penalty("白洮市监罚〔2025〕32号")]);
    env.run(&["import", "penalties", &file, "--sheet", "Sheet1"])
        .code(2)
        .stderr(&format!(
            "credit: {file} has no sheet named \"Sheet1\"; its sheets are: 说明, 数据\n"
        ));
    let csv = env.file("delivery.csv", csv_of(&[penalty("白洮市监罚〔2025〕33号")]));
    env.run(&["import", "penalties", &csv, "--sheet", "数据"])
        .code(2)
        .stderr("credit: --sheet applies only to spreadsheets, not to csv input\n");
    assert_eq!(count(&env, "record"), "0");
}

#[test]
fn a_table_of_old_codes_imported_as_subjects_is_told_it_fits_mappings_better() {
    let env = Env::with_store();
    let mappings = env.example("data/mappings.csv");
    // It has a register's required columns: the import goes on, with the
    // columns a register lacks ignored (and the example's bad USCC
    // rejected), and says what the file looks like.
    env.run(&["import", "subjects", &mappings])
        .code(3)
        .stderr_has(&format!(
            "warning: {mappings}: column '旧代码' is not in the layout; ignored\n"
        ))
        .stderr_has(&format!(
            "warning: {mappings}: these headers fit 新旧代码映射 better: to import it as such, \
             run `credit import mappings`\n"
        ));
    // The file as what it is: no such warning.
    let run = env.run(&["import", "mappings", &mappings]).code(3);
    assert!(!run.stderr.contains("fit"), "{}", run.stderr);
}

#[test]
fn a_file_imported_as_the_wrong_kind_is_told_which_kind_it_is() {
    let env = Env::with_store();
    let penalties = env.example("data/penalties.csv");
    env.run(&["import", "licenses", &penalties])
        .code(1)
        .stdout("")
        .stderr_has(
            " (these headers fit 行政处罚: to import it as such, run `credit import penalties`)\n",
        );
    assert_eq!(count(&env, "record"), "0");
    assert_eq!(count(&env, "subject"), "0");
}
