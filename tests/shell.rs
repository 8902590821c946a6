//! `credit completions` and `credit man`: generated from the one CLI definition.

mod common;

use common::Env;

const SHELLS: &[(&str, &str)] = &[
    ("bash", "credit.bash"),
    ("zsh", "_credit"),
    ("fish", "credit.fish"),
    ("powershell", "_credit.ps1"),
    ("elvish", "credit.elv"),
];

#[test]
fn checked_in_completions_match_what_the_binary_prints() {
    let env = Env::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in SHELLS {
        let run = env.run(&["completions", shell]).code(0);
        let checked_in = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(
            run.stdout == checked_in,
            "completions/{file} is stale; regenerate with: cargo run -q -- completions {shell} > completions/{file}"
        );
    }
}

#[test]
fn man_writes_a_page_per_command() {
    let env = Env::new();
    let dir = env.path("man");
    env.run(&["man", dir.to_str().unwrap()]).code(0).stdout("");
    for page in [
        "credit.1",
        "credit-init.1",
        "credit-db-status.1",
        "credit-audit-verify.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".TH"), "{page} is not a man page");
    }
}

#[test]
fn help_lists_exit_codes_and_examples() {
    let env = Env::new();
    env.run(&["--help"])
        .code(0)
        .stdout_has("3  done, but some input items were invalid and were reported");
    env.run(&["db", "upgrade", "--help"])
        .code(0)
        .stdout_has("Example:\n  cp county.db county.db.bak && credit --db county.db db upgrade");
}

#[test]
fn a_usage_error_exits_2() {
    Env::new().run(&["db", "frobnicate"]).code(2);
}
