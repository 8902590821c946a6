//! What every command receives: the global options, resolved once.

use std::path::PathBuf;

use anyhow::Result;
use chrono::{NaiveDate, Utc};
use clap::Args;
use credit::audit::{self, InputDigest, NewEvent};
use credit::store::Store;
use serde_json::{Map, Value};

use crate::output::Format;

/// Options every command takes.
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// The store file. Example: --db /srv/credit/county.db
    #[arg(
        long,
        global = true,
        env = "CREDIT_DB",
        default_value = "credit.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,
    /// Output format: table for people, csv, json (one array) or jsonl (one object per line).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, value_name = "FORMAT")]
    pub format: Format,
    /// Print no messages on stderr, only data and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Answer yes to confirmations (needed for destructive steps without a terminal).
    #[arg(long, short, global = true)]
    pub yes: bool,
    /// Who is acting, for the audit log [default: $CREDIT_OPERATOR, else $USER].
    #[arg(long, global = true, value_name = "NAME")]
    pub operator: Option<String>,
}

/// A usage mistake the user can fix by changing the command line (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The resolved global options.
pub struct Context {
    pub args: GlobalArgs,
    pub today: NaiveDate,
    pub argv: Vec<String>,
}

impl Context {
    pub fn new(args: GlobalArgs) -> Result<Context> {
        let today = match std::env::var("CREDIT_TODAY") {
            Ok(text) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(date) => date,
                Err(_) => {
                    return Err(UsageError(format!(
                        "CREDIT_TODAY is '{text}'; it must be a date like 2026-11-21"
                    ))
                    .into());
                }
            },
            Err(_) => chrono::Local::now().date_naive(),
        };
        Ok(Context {
            args,
            today,
            argv: std::env::args().skip(1).collect(),
        })
    }

    pub fn format(&self) -> Format {
        self.args.format
    }

    /// The store, which must already exist.
    pub fn store(&self) -> Result<Store> {
        Ok(Store::open(&self.args.db)?)
    }

    pub fn operator(&self) -> String {
        self.args
            .operator
            .clone()
            .or_else(|| std::env::var("CREDIT_OPERATOR").ok())
            .or_else(|| std::env::var("USER").ok())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "unknown".into())
    }

    /// The audit event of this invocation.
    pub fn event(&self, command: &str, counts: Value, inputs: Vec<InputDigest>) -> NewEvent {
        let counts = match counts {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        NewEvent {
            at: Utc::now(),
            operator: self.operator(),
            command: command.into(),
            arguments: self.argv.clone(),
            counts,
            inputs,
        }
    }

    /// Writes this invocation's audit event in the given transaction.
    pub fn audit(
        &self,
        conn: &rusqlite::Connection,
        command: &str,
        counts: Value,
        inputs: Vec<InputDigest>,
    ) -> Result<()> {
        audit::append(conn, &self.event(command, counts, inputs))?;
        Ok(())
    }

    /// Records in the audit log that personal identity numbers were shown in full.
    pub fn audit_reveal(&self, store: &mut Store, shown: usize) -> Result<()> {
        let tx = store.transaction()?;
        self.audit(
            &tx,
            "reveal",
            serde_json::json!({ "revealed": shown }),
            vec![],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A message for people on stderr, unless `--quiet`.
    pub fn say(&self, message: impl std::fmt::Display) {
        if !self.args.quiet {
            eprintln!("{message}");
        }
    }

    /// Asks before a destructive step; refuses without a terminal unless `--yes`.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        use std::io::IsTerminal;
        if self.args.yes {
            return Ok(true);
        }
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Err(UsageError(format!(
                "'{question}' needs confirmation and there is no terminal to ask on; run again with --yes"
            ))
            .into());
        }
        Ok(dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()?)
    }
}

/// A `YYYY-MM-DD` option value.
pub fn parse_date(text: &str) -> Result<String, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.to_string())
        .map_err(|_| format!("'{text}' is not a date like 2026-11-21"))
}
