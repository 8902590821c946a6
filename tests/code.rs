//! `credit code check`: codes as arguments, from a CSV column, from stdin.

mod common;

use common::Env;
use serde_json::json;

#[test]
fn a_valid_uscc_decodes_with_exactly_the_documented_keys() {
    let run = Env::new()
        .run(&["code", "check", "91440300708461136T", "--format", "json"])
        .code(0);
    assert_eq!(
        run.json(),
        json!([{
            "input": "91440300708461136T",
            "normalized": "91440300708461136T",
            "kind": "uscc",
            "valid": true,
            "error": null,
            "warnings": [],
            "authority": "9",
            "entity_type": "91",
            "division": "440300",
            "division_name": "广东省 深圳市",
            "org_code": "708461136"
        }])
    );
}

#[test]
fn other_kinds_carry_no_uscc_keys() {
    let run = Env::new()
        .run(&["code", "check", "'69774633-8", "--format", "jsonl"])
        .code(0);
    assert_eq!(
        run.jsonl(),
        [json!({
            "input": "'69774633-8",
            "normalized": "697746338",
            "kind": "org_code",
            "valid": true,
            "error": null,
            "warnings": ["hyphens removed", "leading apostrophe removed"]
        })]
    );
}

#[test]
fn a_wrong_embedded_organization_code_fails_even_with_a_right_final_character() {
    let run = Env::new()
        .run(&["code", "check", "91440300708461137X", "--format", "jsonl"])
        .code(3);
    let result = &run.jsonl()[0];
    assert_eq!(result["valid"], false);
    assert_eq!(
        result["error"],
        "embedded organization code check character (position 17) is '7', expected '6'"
    );
    assert_eq!(result["authority"], serde_json::Value::Null);
}

#[test]
fn the_example_file_checks_with_one_result_per_code_and_exit_3() {
    let env = Env::new();
    let file = env.example("data/codes.csv");
    let run = env
        .run(&[
            "code", "check", "--input", &file, "--column", "code", "--format", "csv",
        ])
        .code(3);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "input,normalized,kind,valid,error,warnings,authority,entity_type,division,division_name,org_code"
    );
    assert_eq!(lines.len(), 12);
    assert_eq!(
        lines[4],
        "５１３１０１１０５０１１４４３９５Ｕ,51310110501144395U,uscc,true,,full-width characters converted to half-width,5,51,310110,上海市 杨浦区,501144395"
    );
    assert_eq!(
        lines[11],
        "220802199002300022,220802199002300022,resident_id,false,birth date 19900230 is not a real date,,,,,,"
    );
    assert_eq!(run.stderr, "4 invalid\n");
}

#[test]
fn the_table_marks_each_code_and_gives_the_reason() {
    let run = Env::new()
        .run(&["code", "check", "91440300708461136T", "91440300708461136Q"])
        .code(3);
    assert!(run.stdout.contains("│ ✓ ┆ 91440300708461136T ┆ uscc ┆ 9 工商/市场监管 · 91 企业 · 广东省 深圳市 · org code 708461136 │"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("│ ✗ ┆ 91440300708461136Q ┆ uscc ┆ check character is 'Q', expected 'T'"),
        "{}",
        run.stdout
    );
}

#[test]
fn kind_can_be_forced() {
    let run = Env::new()
        .run(&[
            "code",
            "check",
            "--kind",
            "uscc",
            "697746338",
            "--format",
            "jsonl",
        ])
        .code(3);
    assert_eq!(run.jsonl()[0]["kind"], "uscc");
    assert_eq!(run.jsonl()[0]["error"], "length is 9, expected 18");
}

#[test]
fn a_letter_authority_and_an_unknown_division_are_valid() {
    let run = Env::new()
        .run(&["code", "check", "N2330109MA2H7LX1XC", "--format", "jsonl"])
        .code(0);
    assert_eq!(run.jsonl()[0]["authority"], "N");
    let run = Env::new()
        .run(&["code", "check", "Y1110108MA01ABCD55", "--format", "jsonl"])
        .code(0);
    assert_eq!(run.jsonl()[0]["valid"], true);
}

#[test]
fn a_gb18030_file_on_stdin_reads() {
    let (bytes, _, _) = encoding_rs::GB18030.encode("代码,名称\n91440300708461136T,腾讯\n");
    let run = Env::new()
        .run_with_stdin(
            &[
                "code", "check", "--input", "-", "--column", "代码", "--format", "jsonl",
            ],
            &bytes,
        )
        .code(0);
    assert_eq!(run.jsonl()[0]["normalized"], "91440300708461136T");
}

#[test]
fn a_missing_column_names_the_ones_there_are() {
    let env = Env::new();
    let file = env.example("data/codes.csv");
    env.run(&["code", "check", "--input", &file, "--column", "uscc"])
        .code(2)
        .stderr(&format!(
            "credit: {file} has no column 'uscc'; its columns are: code, note\n"
        ));
}

#[test]
fn no_store_is_needed_to_check_codes() {
    let env = Env::new();
    env.run(&["code", "check", "91440300708461136T"]).code(0);
    assert!(!env.db().exists());
}
