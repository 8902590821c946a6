//! `credit import mappings` and `credit resolve`: every status and every
//! `via`, conflicts, batch output, `--apply` and `--status`.

mod common;

use common::{Env, csv_of, penalty, set};
use serde_json::json;

const JINYU: &str = "91220800MA13U6R46L";
const ZHANGJI: &str = "92220802MA0XJ01K0Y";
const HENGTONG: &str = "91220802MA17QX3N4A";

/// A store with the example penalties, register and mappings.
fn loaded() -> Env {
    let env = Env::with_store();
    for (kind, file) in [
        ("penalties", "data/penalties.csv"),
        ("subjects", "data/subjects.csv"),
        ("mappings", "data/mappings.csv"),
    ] {
        let path = env.example(file);
        env.run(&["import", kind, &path]).code(3);
    }
    env
}

fn resolve_one(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["resolve", "--format", "jsonl"];
    all.extend_from_slice(args);
    env.run(&all).jsonl().remove(0)
}

#[test]
fn mappings_import_keeps_conflicts_aside_and_reports_them() {
    let env = Env::with_store();
    let file = env.example("data/mappings.csv");
    let run = env
        .run(&["import", "mappings", &file, "--format", "json"])
        .code(3);
    assert_eq!(run.json()["inserted"], 3);
    assert_eq!(run.json()["rejected"], 2);
    assert_eq!(run.json()["conflicts"], 1);
    assert!(run.stderr.contains(&format!(
        "{file}: row 5: reg_no 220802600001232 is mapped to {ZHANGJI}; this row maps it to 91220800MA0QT7B59Y: kept as a conflict, not overwritten"
    )), "{}", run.stderr);
    assert_eq!(
        env.query("SELECT uscc FROM code_mapping WHERE old_code = '220802600001232'"),
        ZHANGJI
    );
    assert_eq!(env.query("SELECT count(*) FROM code_mapping_conflict"), "1");
    // A file whose only news is a conflict needs attention: exit 4.
    let conflict = env.file(
        "conflict.csv",
        "旧代码,统一社会信用代码\n24453018X,91220800MA0QT7B59Y\n",
    );
    let run = env
        .run(&["import", "mappings", &conflict, "--format", "json"])
        .code(4);
    assert_eq!(run.json()["conflicts"], 1);
}

#[test]
fn a_valid_uscc_resolves_to_itself() {
    let env = loaded();
    let r = resolve_one(&env, &[HENGTONG]);
    assert_eq!(
        r,
        json!({
            "input": HENGTONG,
            "normalized": HENGTONG,
            "kind": "uscc",
            "status": "resolved",
            "uscc": HENGTONG,
            "via": "identity",
            "candidates": [{"uscc": HENGTONG, "name": "白城市恒通物流有限公司", "via": "identity"}]
        })
    );
}

#[test]
fn an_organization_code_resolves_through_the_mapping() {
    let env = loaded();
    let r = resolve_one(&env, &["24453018-X"]);
    assert_eq!(r["status"], "resolved");
    assert_eq!(r["uscc"], JINYU);
    assert_eq!(r["via"], "mapping");
    assert_eq!(r["normalized"], "24453018X");
}

#[test]
fn an_organization_code_resolves_through_a_uscc_that_embeds_it() {
    let env = loaded();
    let r = resolve_one(&env, &["MA17QX3N-4"]);
    assert_eq!(r["status"], "resolved");
    assert_eq!(r["uscc"], HENGTONG);
    assert_eq!(r["via"], "embedded");
}

#[test]
fn a_conflicting_mapping_is_ambiguous_and_lists_both() {
    let env = loaded();
    let run = env
        .run(&["resolve", "220802600001232", "--format", "jsonl"])
        .code(4);
    let r = &run.jsonl()[0];
    assert_eq!(r["status"], "ambiguous");
    assert_eq!(r["uscc"], serde_json::Value::Null);
    assert_eq!(
        r["candidates"],
        json!([
            {"uscc": ZHANGJI, "name": "洮北区张记小吃部", "via": "mapping"},
            {"uscc": "91220800MA0QT7B59Y", "name": "白城市金禹建筑安装有限公司", "via": "mapping"}
        ])
    );
}

#[test]
fn a_registration_number_resolves_only_through_the_mapping() {
    let env = loaded();
    // Valid, but in no mapping: never resolved by any other route.
    let r = resolve_one(&env, &["110108002734659"]);
    assert_eq!(r["kind"], "reg_no");
    assert_eq!(r["status"], "unresolved");
}

#[test]
fn a_name_match_is_only_ever_a_suggestion() {
    let env = loaded();
    let run = env
        .run(&[
            "resolve",
            "697746338",
            "--name",
            "白城市鑫源商贸有限公司",
            "--format",
            "jsonl",
        ])
        .code(4);
    let r = &run.jsonl()[0];
    assert_eq!(r["status"], "suggested");
    assert_eq!(r["uscc"], serde_json::Value::Null);
    assert_eq!(r["candidates"][0]["via"], "name");
    // Full-width brackets and spaces do not matter to the name match.
    let r = resolve_one(&env, &["697746338", "--name", " 白城市 鑫源商贸有限公司 "]);
    assert_eq!(r["status"], "suggested");
}

#[test]
fn invalid_and_unresolved_inputs_set_the_exit_code() {
    let env = loaded();
    env.run(&["resolve", "312088650"]).code(3);
    env.run(&["resolve", "697746338"]).code(4);
    env.run(&["resolve", "24453018X", HENGTONG]).code(0);
    let r = resolve_one(&env, &["312088650"]);
    assert_eq!(r["status"], "invalid");
}

#[test]
fn the_output_may_not_be_the_input_or_the_store() {
    let env = loaded();
    let input = env.file("old.csv", "组织机构代码\n24453018-X\n");
    let db = env.db().display().to_string();
    let store_before = std::fs::read(env.db()).unwrap();
    for (output, what) in [
        (input.as_str(), "the file being read"),
        (db.as_str(), "the store"),
    ] {
        env.run(&["resolve", "--input", &input, "--column", "组织机构代码", "--output", output])
            .code(2)
            .stderr(&format!(
                "credit: --output {output} is {what}; writing it would destroy it, so name another file\n"
            ));
    }
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "组织机构代码\n24453018-X\n"
    );
    assert_eq!(std::fs::read(env.db()).unwrap(), store_before);
    env.run(&["db", "check"]).code(0);
    // `-` is standard output.
    let run = env
        .run(&[
            "resolve",
            "--input",
            &input,
            "--column",
            "组织机构代码",
            "--output",
            "-",
        ])
        .code(0);
    assert!(
        run.stdout.starts_with("组织机构代码,uscc,resolve_status"),
        "{}",
        run.stdout
    );
    assert!(!env.path("-").exists());
}

#[test]
fn batch_appends_the_resolution_columns_in_the_input_format() {
    let env = loaded();
    let input = env.file(
        "old.csv",
        "序号,组织机构代码,名称\n1,24453018-X,吉林省金禹建筑工程有限公司\n2,697746338,白城市鑫源商贸有限公司\n3,bad,x\n",
    );
    let out = env.path("out.csv");
    let run = env
        .run(&[
            "resolve",
            "--input",
            &input,
            "--column",
            "组织机构代码",
            "--name-column",
            "名称",
            "--output",
            out.to_str().unwrap(),
        ])
        .code(3);
    assert_eq!(
        run.stderr,
        format!("{input}: 1 resolved, 1 suggested, 0 ambiguous, 0 unresolved, 1 invalid\n")
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!(
            "序号,组织机构代码,名称,uscc,resolve_status,resolve_via,candidates\n\
             1,24453018-X,吉林省金禹建筑工程有限公司,{JINYU},resolved,mapping,{JINYU} 吉林省金禹建筑工程有限公司 (mapping)\n\
             2,697746338,白城市鑫源商贸有限公司,,suggested,,91220802MA0Y5L2K92 白城市鑫源商贸有限公司 (name)\n\
             3,bad,x,,invalid,,\n"
        )
    );
    let jsonl = env.file("old.jsonl", "{\"code\":\"24453018X\"}\n");
    let run = env
        .run(&["resolve", "--input", &jsonl, "--column", "code"])
        .code(0);
    assert_eq!(
        run.jsonl()[0],
        json!({"code": "24453018X", "uscc": JINYU, "resolve_status": "resolved", "resolve_via": "mapping",
               "candidates": [{"uscc": JINYU, "name": "吉林省金禹建筑工程有限公司", "via": "mapping"}]})
    );
}

#[test]
fn apply_merges_old_code_subjects_keeps_every_record_and_runs_once() {
    let env = loaded();
    let records = env.query("SELECT count(*) FROM record");
    let dry = env
        .run(&["resolve", "--apply", "--dry-run", "--format", "json"])
        .code(4);
    assert_eq!(dry.json()["merged"][0]["uscc"], JINYU);
    assert_eq!(dry.json()["merged"][0]["records_moved"], 1);
    assert_eq!(
        env.query("SELECT count(*) FROM subject WHERE merged_into IS NOT NULL"),
        "0"
    );
    assert_eq!(
        env.query("SELECT count(*) FROM audit_event WHERE command = 'resolve apply'"),
        "0"
    );

    // Merging asks first; with no terminal to ask on it needs --yes.
    let refused = env.run(&["resolve", "--apply"]).code(2);
    assert!(
        refused.stderr.contains("run again with --yes"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        env.query("SELECT count(*) FROM subject WHERE merged_into IS NOT NULL"),
        "0"
    );
    let run = env
        .run(&["resolve", "--apply", "--yes", "--format", "json"])
        .code(4);
    let merged = &run.json()["merged"];
    assert_eq!(merged.as_array().unwrap().len(), 1);
    assert_eq!(
        run.json()["ambiguous"][0]["old_codes"],
        json!(["220802600001232"])
    );
    assert_eq!(env.query("SELECT count(*) FROM record"), records);
    // The penalty delivered under the old code is now under the USCC subject.
    let shown = env
        .run(&["subject", "show", JINYU, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(shown["records"][0]["decision_no"], "白应急罚〔2025〕3号");
    assert!(
        shown["identifiers"]
            .as_array()
            .unwrap()
            .contains(&json!({"kind": "org_code", "value": "24453018X"}))
    );
    // The merged subject stays, pointing at the one it joined.
    assert_eq!(
        env.query("SELECT count(*) FROM subject WHERE merged_into IS NOT NULL"),
        "1"
    );
    let event = env
        .run(&["audit", "log", "--format", "json"])
        .code(0)
        .json();
    let last = event.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["command"], "resolve apply");
    assert_eq!(
        last["counts"]["merges"][0]["old_codes"],
        json!(["24453018X"])
    );

    let again = env
        .run(&["resolve", "--apply", "--yes", "--format", "json"])
        .code(4);
    assert_eq!(again.json()["merged"], json!([]));
    assert_eq!(
        env.query("SELECT count(*) FROM audit_event WHERE command = 'resolve apply'"),
        "1"
    );
}

#[test]
fn status_reports_coverage_and_conflicts() {
    let env = loaded();
    let c = env
        .run(&["resolve", "--status", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        c,
        json!({
            "subjects": 8,
            "with_uscc": 6,
            "old_codes_only": 2,
            "resolvable": 1,
            "ambiguous": 1,
            "unresolved": 0,
            "mappings": 3,
            "conflicts": [{"old_code": "220802600001232", "usccs": [ZHANGJI, "91220800MA0QT7B59Y"]}]
        })
    );
}

#[test]
fn an_import_links_an_old_code_row_to_the_subject_its_code_resolves_to() {
    let env = Env::with_store();
    let register = env.example("data/subjects.csv");
    let mappings = env.example("data/mappings.csv");
    env.run(&["import", "subjects", &register]).code(3);
    env.run(&["import", "mappings", &mappings]).code(3);
    let row = set(
        set(
            penalty("白应急罚〔2025〕30号"),
            "行政相对人代码_1(统一社会信用代码)",
            "",
        ),
        "行政相对人代码_3(组织机构代码)",
        "24453018X",
    );
    let file = env.file("old.csv", csv_of(&[row]));
    let run = env
        .run(&["import", "penalties", &file, "--format", "json"])
        .code(0);
    assert_eq!(run.json()["subjects_created"], 0);
    let shown = env
        .run(&["subject", "show", JINYU, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(shown["records"][0]["decision_no"], "白应急罚〔2025〕30号");
}

#[test]
fn a_batch_of_many_rows_comes_back_in_input_order() {
    let env = loaded();
    // Several hand-overs between the reading, look-up and writing threads,
    // including a file that is an exact multiple of a hand-over.
    for rows in [1300, 1024] {
        let mut input = String::from("n,code\n");
        for i in 0..rows {
            let code = ["24453018X", "MA17QX3N4", "697746338", "bad"][i % 4];
            input.push_str(&format!("{i},{code}\n"));
        }
        let file = env.file("many.csv", &input);
        let run = env
            .run(&["resolve", "--input", &file, "--column", "code"])
            .code(3);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), rows + 1);
        for (i, line) in lines[1..].iter().enumerate() {
            assert!(line.starts_with(&format!("{i},")), "row {i}: {line}");
            let expected = ["resolved", "resolved", "unresolved", "invalid"][i % 4];
            assert_eq!(line.split(',').nth(3), Some(expected), "row {i}: {line}");
        }
    }
}
