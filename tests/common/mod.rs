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
        Command::from_std(self.std_command())
    }

    /// `credit ARGS...` started and left running, for tests of two at once.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        self.std_command()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start credit")
    }

    fn std_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("credit"));
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

/// The 30 Chinese headers of a 行政处罚 file, in national order.
pub const PENALTY_HEADERS: [&str; 30] = [
    "行政相对人名称",
    "行政相对人类别",
    "行政相对人代码_1(统一社会信用代码)",
    "行政相对人代码_2(工商注册号)",
    "行政相对人代码_3(组织机构代码)",
    "行政相对人代码_4(税务登记号)",
    "行政相对人代码_5(事业单位证书号)",
    "行政相对人代码_6(社会组织登记证号)",
    "法定代表人",
    "法定代表人证件类型",
    "法定代表人证件号码",
    "证件类型",
    "证件号码",
    "行政处罚决定书文号",
    "违法行为类型",
    "违法事实",
    "处罚依据",
    "处罚类别",
    "处罚内容",
    "罚款金额(万元)",
    "没收违法所得、没收非法财物的金额(万元)",
    "暂扣或吊销证照名称及编号",
    "处罚决定日期",
    "处罚有效期",
    "公示截止期",
    "处罚机关",
    "处罚机关统一社会信用代码",
    "数据来源单位",
    "数据来源单位统一社会信用代码",
    "备注",
];

/// 白城市鑫源商贸有限公司, a valid USCC used across the examples.
pub const XINYUAN: &str = "91220802MA0Y5L2K92";
/// 白城市洮北区市场监督管理局, the deciding authority of most examples.
pub const MARKET_BUREAU: &str = "11220802MB1A0001XP";

/// A valid penalty row (as header → value), to be varied by each test.
pub fn penalty(decision_no: &str) -> Vec<(&'static str, String)> {
    let values = [
        "白城市鑫源商贸有限公司",
        "法人及非法人组织",
        XINYUAN,
        "",
        "",
        "",
        "",
        "",
        "王建国",
        "",
        "",
        "",
        "",
        decision_no,
        "销售不合格商品",
        "销售的电热水壶经抽检不合格。",
        "《中华人民共和国产品质量法》第四十九条",
        "警告；罚款",
        "警告，并处罚款2000元",
        "0.2",
        "",
        "",
        "2025-03-14",
        "2026-03-13",
        "",
        "白城市洮北区市场监督管理局",
        MARKET_BUREAU,
        "白城市洮北区市场监督管理局",
        MARKET_BUREAU,
        "",
    ];
    PENALTY_HEADERS
        .iter()
        .zip(values)
        .map(|(h, v)| (*h, v.to_string()))
        .collect()
}

/// Sets one column of a row built by [`penalty`].
pub fn set(
    mut row: Vec<(&'static str, String)>,
    header: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    let cell = row
        .iter_mut()
        .find(|(h, _)| *h == header)
        .unwrap_or_else(|| panic!("no column {header}"));
    cell.1 = value.to_string();
    row
}

/// A CSV file (UTF-8, no BOM) of rows built by [`penalty`].
pub fn csv_of(rows: &[Vec<(&'static str, String)>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(rows[0].iter().map(|(h, _)| *h)).unwrap();
    for row in rows {
        w.write_record(row.iter().map(|(_, v)| v.as_str())).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}
