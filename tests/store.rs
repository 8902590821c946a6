//! `credit init` and `credit db status|upgrade|check`.

mod common;

use common::{Env, csv_of, penalty, set};
use credit::store::latest_version;
use serde_json::json;

#[test]
fn init_creates_a_private_store_and_a_second_init_changes_nothing() {
    let env = Env::new();
    let db = env.db().display().to_string();
    env.run(&["init"]).code(0).stdout("").stderr(&format!(
        "created store {db} (schema version {})\n",
        latest_version()
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.db()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    env.run(&["init", "--format", "json"])
        .code(0)
        .stderr(&format!(
            "store {db} already exists (schema version {}); nothing changed\n",
            latest_version()
        ));
    assert_eq!(env.query("SELECT count(*) FROM audit_event"), "1");
}

#[test]
fn a_command_without_a_store_fails_in_one_line_and_creates_nothing() {
    let env = Env::new();
    let db = env.db().display().to_string();
    env.run(&["db", "status"])
        .code(1)
        .stdout("")
        .stderr(&format!("credit: no store at {db}; run 'credit init'\n"));
    assert!(!env.db().exists());
}

#[test]
fn a_file_that_is_not_a_database_is_named_as_such_and_left_alone() {
    let env = Env::new();
    let csv = env.file(
        "penalties.csv",
        "行政相对人名称,处罚决定日期\n某某公司,2025-03-14\n",
    );
    let said = format!(
        "credit: {csv} is not a credit store, nor any SQLite database; check --db or $CREDIT_DB\n"
    );
    for args in [
        vec!["init"],
        vec!["db", "status"],
        vec!["db", "upgrade"],
        vec!["records", "list"],
        vec!["import", "penalties", &csv],
    ] {
        let mut all = vec!["--db", csv.as_str()];
        all.extend(args);
        env.run(&all).code(1).stdout("").stderr(&said);
    }
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "行政相对人名称,处罚决定日期\n某某公司,2025-03-14\n"
    );
}

#[test]
fn db_option_wins_over_the_environment() {
    let env = Env::new();
    let other = env.path("other.db").display().to_string();
    env.run(&["--db", &other, "init", "-q"]).code(0).stderr("");
    assert!(env.path("other.db").exists());
    assert!(!env.db().exists());
}

#[test]
fn status_in_every_format() {
    let env = Env::with_store();
    let db = env.db().display().to_string();
    let run = env.run(&["db", "status", "--format", "json"]).code(0);
    assert_eq!(
        run.json(),
        json!({
            "path": db,
            "schema_version": latest_version(),
            "latest_version": latest_version(),
            "tables": [
                {"table": "audit_event", "rows": 1},
                {"table": "code_mapping", "rows": 0},
                {"table": "code_mapping_conflict", "rows": 0},
                {"table": "record", "rows": 0},
                {"table": "record_history", "rows": 0},
                {"table": "subject", "rows": 0},
                {"table": "subject_identifier", "rows": 0},
                {"table": "subject_name", "rows": 0},
            ]
        })
    );
    let run = env.run(&["db", "status", "--format", "jsonl"]).code(0);
    assert_eq!(run.jsonl().len(), 1);
    env.run(&["db", "status", "--format", "csv"])
        .code(0)
        .stdout("table,rows\naudit_event,1\ncode_mapping,0\ncode_mapping_conflict,0\nrecord,0\nrecord_history,0\nsubject,0\nsubject_identifier,0\nsubject_name,0\n");
    let v = latest_version();
    env.run(&["db", "status"])
        .code(0)
        .stdout_has(&format!(
            "store:          {db}\nschema version: {v} (latest {v})\n"
        ))
        .stdout_has("│ subject_identifier    ┆ 0    │");
}

#[test]
fn a_store_newer_than_the_binary_refuses_to_open() {
    let env = Env::with_store();
    env.execute("PRAGMA user_version = 7");
    let db = env.db().display().to_string();
    env.run(&["db", "status"]).code(1).stderr(&format!(
        "credit: store {db} has schema version 7, newer than this binary knows ({}); use a newer credit\n",
        latest_version()
    ));
    env.run(&["db", "upgrade"]).code(1);
}

#[test]
fn upgrade_on_a_current_store_changes_nothing() {
    let env = Env::with_store();
    let run = env.run(&["db", "upgrade", "--format", "json"]).code(0);
    assert_eq!(run.json()["from_version"], latest_version());
    assert_eq!(run.json()["to_version"], latest_version());
    assert_eq!(env.query("SELECT count(*) FROM audit_event"), "1");
}

#[test]
fn check_passes_on_a_sound_store_and_fails_on_a_broken_chain() {
    let env = Env::with_store();
    env.run(&["db", "check"]).code(0).stdout(
        "integrity: ok\nrecords: ok (0 records, 0 former versions)\naudit chain: ok (1 events)\n",
    );
    env.execute("UPDATE audit_event SET operator = 'mallory'");
    env.run(&["db", "check"])
        .code(1)
        .stdout("integrity: ok\nrecords: ok (0 records, 0 former versions)\naudit chain: event 1 was edited after it was written\n")
        .stderr_has("failed its check");
}

#[test]
fn check_finds_a_record_edited_by_hand() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    env.run(&["import", "penalties", &file]).code(3);
    let records = env.query("SELECT count(*) FROM record");
    env.run(&["db", "check"]).code(0).stdout(&format!(
        "integrity: ok\nrecords: ok ({records} records, 0 former versions)\naudit chain: ok (2 events)\n"
    ));

    // A fine lowered in place, outside credit.
    let id = env.query("SELECT min(id) FROM record WHERE fine_fen > 100");
    env.execute(&format!(
        "UPDATE record SET fine_fen = fine_fen - 100 WHERE id = {id}"
    ));
    let edited = env.query(&format!(
        "SELECT 'record ' || id || ' (penalty ' || decision_no || ')' FROM record WHERE id = {id}"
    ));
    let run = env.run(&["db", "check", "--format", "json"]).code(1);
    assert_eq!(run.json()["records_failed"], 1);
    assert_eq!(
        run.json()["record_problems"][0],
        format!("{edited}: its values do not match its content hash")
    );
    assert_eq!(run.json()["ok"], false);
    env.run(&["db", "check"])
        .code(1)
        .stdout_has(&format!(
            "records: {edited}: its values do not match its content hash\n\
             records: 1 of {records} records and former versions fail\n"
        ))
        .stderr_has("failed its check");
}

#[test]
fn check_finds_records_whose_subject_was_deleted_by_hand() {
    let env = Env::with_store();
    let file = env.example("data/penalties.csv");
    env.run(&["import", "penalties", &file]).code(3);
    // As the sqlite3 shell does it: foreign keys are not enforced there.
    let subject = env.query("SELECT min(subject_id) FROM record");
    let orphans = env.query(&format!(
        "SELECT group_concat(id, ' ') FROM (SELECT id FROM record WHERE subject_id = {subject} ORDER BY id)"
    ));
    env.execute(&format!(
        "PRAGMA foreign_keys = OFF; DELETE FROM subject WHERE id = {subject}"
    ));
    let expected: Vec<String> = orphans
        .split(' ')
        .map(|id| format!("record row {id}: its subject_id names a subject that does not exist"))
        .chain([
            "subject_identifier: a row's subject_id names a subject that does not exist".into(),
            "subject_name: a row's subject_id names a subject that does not exist".into(),
        ])
        .collect();
    let run = env.run(&["db", "check", "--format", "json"]).code(1);
    let found: Vec<String> = run.json()["integrity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    assert_eq!(found, expected);
    let lines: String = expected
        .iter()
        .map(|p| format!("integrity: {p}\n"))
        .collect();
    env.run(&["db", "check"])
        .code(1)
        .stdout_has(&lines)
        .stderr_has("failed its check");
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let env = Env::with_store();
    let run = env
        .command()
        .env("CREDIT_TODAY", "21/11/2026")
        .args(["db", "status"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "credit: CREDIT_TODAY is '21/11/2026'; it must be a date like 2026-11-21\n"
    );
}

#[test]
fn upgrade_brings_an_older_store_forward_and_other_commands_ask_for_it() {
    let env = Env::with_store();
    // A store written by a binary that knew only the first migration.
    env.execute(
        "DROP TABLE code_mapping_conflict; DROP TABLE code_mapping;
         DROP INDEX subject_identifier_embedded_org_code;
         DROP TABLE record_history; DROP TABLE record; PRAGMA user_version = 1;",
    );
    let db = env.db().display().to_string();
    env.run(&["records", "list"]).code(1).stderr(&format!(
        "credit: store {db} has schema version 1, older than this binary's {}; run 'credit db upgrade' (back up the file first)\n",
        latest_version()
    ));
    let run = env.run(&["db", "upgrade", "--format", "json"]).code(0);
    assert_eq!(run.json()["from_version"], 1);
    assert_eq!(run.json()["to_version"], latest_version());
    env.run(&["records", "list", "--format", "json"])
        .code(0)
        .stdout("[]\n");
    let events = env
        .run(&["audit", "log", "--format", "json"])
        .code(0)
        .json();
    assert_eq!(events[1]["command"], "db upgrade");
}

#[test]
fn upgrade_to_fields_by_position_keeps_every_record_as_it_was() {
    let env = Env::with_store();
    let first = penalty("洮北市监处罚〔2025〕 7号");
    let other = set(penalty("洮北市监处罚〔2025〕8号"), "处罚有效期", "长期");
    let a = env.file("a.csv", csv_of(&[first.clone(), other]));
    env.run(&["import", "penalties", &a]).code(0);
    let list = |env: &Env| {
        env.run(&["records", "list", "--format", "json"])
            .code(0)
            .json()
    };
    let replaced = list(&env)[1]["fields"].clone();
    let b = env.file("b.csv", csv_of(&[set(first, "罚款金额(万元)", "0.3")]));
    env.run(&["import", "penalties", &b]).code(0);
    let before = list(&env);
    let stored = |env: &Env| {
        env.query(
            "SELECT group_concat(fields || ' ' || content_hash, char(10)) FROM \
             (SELECT fields, content_hash FROM record UNION ALL SELECT fields, content_hash FROM record_history)",
        )
    };
    let new_form = stored(&env);

    // The same records as a version-3 store held them: objects by name.
    for record in before.as_array().unwrap() {
        env.execute(&format!(
            "UPDATE record SET fields = '{}', content_hash = 'from version 3' WHERE id = {}",
            record["fields"], record["id"]
        ));
    }
    env.execute(&format!(
        "UPDATE record_history SET fields = '{replaced}', content_hash = 'from version 3'; \
         PRAGMA user_version = 3;"
    ));
    assert_eq!(
        env.query("SELECT count(*) FROM record WHERE fields LIKE '{%'"),
        "2"
    );

    let run = env.run(&["db", "upgrade", "--format", "json"]).code(0);
    assert_eq!(run.json()["from_version"], 3);
    assert_eq!(stored(&env), new_form);
    assert_eq!(list(&env), before);
    env.run(&["db", "check"]).code(0);
    // The hashes match what an import computes now: nothing is new.
    let again = env
        .run(&["import", "penalties", &b, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(again["unchanged"], 1);
    let again = env
        .run(&["import", "penalties", &a, "--format", "json"])
        .code(0)
        .json();
    assert_eq!(
        (again["updated"].clone(), again["unchanged"].clone()),
        (json!(1), json!(1))
    );
}

#[test]
fn upgrade_from_version_4_keeps_every_record_as_that_version_listed_it() {
    // A store written by the binary of schema version 4: the example
    // subjects, penalties and licences imported on 2026-11-20, one penalty
    // corrected on 2026-11-21; and what `records list --reveal` showed then.
    let env = Env::new();
    env.execute(include_str!("fixtures/store-v4.sql"));
    let listed_by_version_4: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/store-v4-records.json")).unwrap();
    let json_rows = "SELECT (SELECT count(*) FROM record WHERE fields LIKE '[%') \
                     + (SELECT count(*) FROM record_history WHERE fields LIKE '[%')";
    assert_eq!(env.query(json_rows), "12");

    let run = env.run(&["db", "upgrade", "--format", "json"]).code(0);
    assert_eq!(run.json()["from_version"], 4);
    assert_eq!(env.query(json_rows), "0");
    let listed = env
        .run(&[
            "records", "list", "--limit", "100", "--reveal", "--format", "json",
        ])
        .code(0)
        .json();
    assert_eq!(listed, listed_by_version_4);
    env.run(&["db", "check"]).code(0);

    // The hashes are the ones an import computes now: the licences are
    // unchanged, and the corrected penalty is corrected back, its former
    // version read from history as it was.
    let licenses = env.example("data/licenses.xlsx");
    let run = env
        .run(&["import", "licenses", &licenses, "--format", "json"])
        .code(3);
    assert_eq!(run.json()["unchanged"], 4);
    let penalties = env.example("data/penalties.csv");
    let run = env
        .run(&["import", "penalties", &penalties, "--format", "json"])
        .code(3);
    assert_eq!(
        (
            run.json()["updated"].clone(),
            run.json()["unchanged"].clone()
        ),
        (json!(1), json!(6))
    );
    assert_eq!(env.query("SELECT count(*) FROM record_history"), "2");
    env.run(&["db", "check"]).code(0);
}
