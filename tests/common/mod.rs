//! The harness every integration test uses: a temporary directory with its
//! own store path, a pinned "today", and the real `credit` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// "Today" for every test run, so date rules are deterministic.
pub const TODAY: &str = "2026-11-21";

/// A temporary workspace: `credit.db` lives in it, input files are written into it.
pub struct Env {
    dir: TempDir,
    init: bool,
}

/// What one run of the binary printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Env {
    /// An empty workspace with no store.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            init: false,
        }
    }

    /// A workspace whose store has been created with `credit init`.
    pub fn with_store() -> Env {
        let env = Env::new();
        env.run(&["init"]).code(0);
        Env { init: true, ..env }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("credit.db")
    }

    /// Writes an input file into the workspace and returns its path as text.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        std::fs::write(&path, contents).expect("write input");
        path.display().to_string()
    }

    /// Copies a file from the project's `examples/` into the workspace.
    pub fn example(&self, relative: &str) -> String {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(relative);
        let name = source.file_name().unwrap().to_owned();
        let target = self.dir.path().join(name);
        std::fs::copy(&source, &target).expect("copy example");
        target.display().to_string()
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::cargo_bin("credit").expect("credit binary");
        cmd.current_dir(self.dir.path())
            .env("CREDIT_DB", self.db())
            .env("CREDIT_TODAY", TODAY)
            .env("CREDIT_OPERATOR", "tester")
            .env("NO_COLOR", "1")
            .env_remove("USER");
        cmd
    }

    /// Runs `credit ARGS...`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, b"")
    }

    /// Runs `credit ARGS...` with bytes on stdin.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        let output = self
            .command()
            .args(args)
            .write_stdin(stdin.to_vec())
            .output()
            .expect("run credit");
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// One SQL value from the store, for checking what a command wrote.
    pub fn query(&self, sql: &str) -> String {
        let conn = rusqlite::Connection::open(self.db()).expect("open store");
        conn.query_row(sql, [], |r| {
            let v: rusqlite::types::Value = r.get(0)?;
            Ok(match v {
                rusqlite::types::Value::Null => "NULL".to_string(),
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Real(f) => f.to_string(),
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Blob(b) => format!("{b:?}"),
            })
        })
        .expect("query")
    }

    pub fn execute(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.db()).expect("open store");
        conn.execute_batch(sql).expect("execute");
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout(self, expected: &str) -> Run {
        assert_eq!(
            self.stdout, expected,
            "stdout; stderr was:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr(self, expected: &str) -> Run {
        assert_eq!(
            self.stderr, expected,
            "stderr; stdout was:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    /// stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// stdout parsed as JSON lines.
    #[track_caller]
    pub fn jsonl(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}")))
            .collect()
    }
}
