//! `credit audit log|verify`.

mod common;

use common::Env;

fn env_with_events() -> Env {
    Env::with_store()
}

#[test]
fn log_lists_events_with_operator_and_counts() {
    let env = env_with_events();
    let run = env.run(&["audit", "log", "--format", "json"]).code(0);
    let events = run.json();
    assert_eq!(events.as_array().unwrap().len(), 1);
    assert_eq!(events[0]["id"], 1);
    assert_eq!(events[0]["operator"], "tester");
    assert_eq!(events[0]["command"], "init");
    assert_eq!(events[0]["arguments"], serde_json::json!(["init"]));
    assert_eq!(
        events[0]["counts"],
        serde_json::json!({"schema_version": credit::store::latest_version()})
    );
    assert_eq!(events[0]["prev_hash"], "0".repeat(64));
    env.run(&["audit", "log", "--format", "csv"])
        .code(0)
        .stdout_has("id,at,operator,command,arguments,counts,inputs,prev_hash,hash\n1,");
}

#[test]
fn operator_option_is_recorded() {
    let env = Env::new();
    env.run(&["init", "--operator", "王科长"]).code(0);
    let run = env.run(&["audit", "log", "--format", "jsonl"]).code(0);
    assert_eq!(run.jsonl()[0]["operator"], "王科长");
}

#[test]
fn verify_passes_on_an_intact_chain() {
    let env = env_with_events();
    env.run(&["audit", "verify"])
        .code(0)
        .stdout("audit chain intact: 1 events\n");
}

#[test]
fn an_edited_event_makes_verify_fail_naming_it() {
    let env = env_with_events();
    env.execute("UPDATE audit_event SET counts = '{\"schema_version\":0}' WHERE id = 1");
    env.run(&["audit", "verify"])
        .code(1)
        .stdout("")
        .stderr("credit: audit chain broken: event 1 was edited after it was written\n");
}

#[test]
fn a_deleted_event_makes_verify_fail_naming_it() {
    let env = env_with_events();
    env.execute("DELETE FROM audit_event WHERE id = 1");
    let run = env.run(&["audit", "verify", "--format", "json"]).code(1);
    assert_eq!(run.json()["first_bad_event"], 1);
}
