//! `credit db status|upgrade|check`: the store itself.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;
use credit::audit;
use credit::records::check as record_check;
use credit::store::Store;
use serde::Serialize;
use serde_json::json;

use crate::Outcome;
use crate::context::Context;
use crate::output::{self, Format, ListWriter};

/// Look after the store file.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Path, schema version and rows per table.
    #[command(after_help = "Examples:\n  credit db status\n  credit db status --format json")]
    Status,
    /// Apply the migrations this binary has and the store lacks (back up first).
    #[command(
        after_help = "Example:\n  cp county.db county.db.bak && credit --db county.db db upgrade"
    )]
    Upgrade,
    /// Check the file's integrity, references between rows, every record
    /// against its content hash, and the audit chain; exit 1 when any fails.
    #[command(after_help = "Example:\n  credit db check\n\n\
        A record fails when its values no longer hash to its content hash or its\n\
        identity key does not match its kind, authority and decision number: the\n\
        store was edited outside credit, or damaged. The first 10 are named.\n\
        A row naming a subject (or other row) that does not exist is an integrity\n\
        problem: the sqlite3 shell, for one, deletes rows without checking.")]
    Check,
}

#[derive(Serialize)]
struct CheckReport {
    path: String,
    integrity: Vec<String>,
    records: i64,
    record_versions: i64,
    records_failed: i64,
    record_problems: Vec<String>,
    audit_events: i64,
    audit_intact: bool,
    audit_problem: Option<String>,
    ok: bool,
}

pub fn exec(ctx: &Context, cmd: Command) -> Result<Outcome> {
    match cmd {
        Command::Status => status(ctx),
        Command::Upgrade => upgrade(ctx),
        Command::Check => check(ctx),
    }
}

fn status(ctx: &Context) -> Result<Outcome> {
    let store = ctx.store()?;
    let status = store.status()?;
    match ctx.format() {
        Format::Json => output::object(Format::Json, &status)?,
        Format::Jsonl => output::object(Format::Jsonl, &status)?,
        Format::Csv | Format::Table => {
            if ctx.format() == Format::Table {
                let mut out = std::io::stdout().lock();
                writeln!(out, "store:          {}", status.path)?;
                writeln!(
                    out,
                    "schema version: {} (latest {})",
                    status.schema_version, status.latest_version
                )?;
            }
            let mut list = ListWriter::new(ctx.format(), &["table", "rows"]);
            for t in &status.tables {
                list.write(t)?;
            }
            list.finish()?;
        }
    }
    Ok(Outcome::Done)
}

fn upgrade(ctx: &Context) -> Result<Outcome> {
    let (mut store, report) = Store::upgrade(&ctx.args.db)?;
    if report.from_version != report.to_version {
        let tx = store.transaction()?;
        ctx.audit(
            &tx,
            "db upgrade",
            json!({ "from_version": report.from_version, "to_version": report.to_version }),
            vec![],
        )?;
        tx.commit()?;
        ctx.say(format!(
            "upgraded {} from schema version {} to {}",
            report.path, report.from_version, report.to_version
        ));
    } else {
        ctx.say(format!(
            "{} is already at schema version {}; nothing changed",
            report.path, report.to_version
        ));
    }
    if ctx.format() != Format::Table {
        output::object(ctx.format(), &report)?;
    }
    Ok(Outcome::Done)
}

fn check(ctx: &Context) -> Result<Outcome> {
    let store = ctx.store()?;
    // Records are verified on a connection of their own, beside the
    // integrity check: WAL lets the two readers run at once. Its one pass
    // over the records needs no page cache to speak of (2 MiB).
    let second = ctx.store()?;
    second.conn().pragma_update(None, "cache_size", -2048)?;
    let (integrity, records) = std::thread::scope(|scope| {
        let records = scope.spawn(move || record_check::verify(second.conn()));
        let integrity = store.integrity_problems();
        (
            integrity,
            records.join().expect("the record check does not panic"),
        )
    });
    let (integrity, records) = (integrity?, records?);
    let chain = audit::verify(store.conn())?;
    let report = CheckReport {
        path: store.path().display().to_string(),
        ok: integrity.is_empty() && records.intact() && chain.intact,
        integrity,
        records: records.records,
        record_versions: records.versions,
        records_failed: records.failed,
        record_problems: records.problems,
        audit_events: chain.events,
        audit_intact: chain.intact,
        audit_problem: chain.problem,
    };
    if ctx.format() == Format::Table {
        let mut out = std::io::stdout().lock();
        if report.integrity.is_empty() {
            writeln!(out, "integrity: ok")?;
        } else {
            for problem in &report.integrity {
                writeln!(out, "integrity: {problem}")?;
            }
        }
        for problem in &report.record_problems {
            writeln!(out, "records: {problem}")?;
        }
        match report.records_failed {
            0 => writeln!(
                out,
                "records: ok ({} records, {} former versions)",
                report.records, report.record_versions
            )?,
            failed => writeln!(
                out,
                "records: {failed} of {} records and former versions fail{}",
                report.records + report.record_versions,
                if failed as usize > report.record_problems.len() {
                    format!(" (the first {} named above)", report.record_problems.len())
                } else {
                    String::new()
                }
            )?,
        }
        match &report.audit_problem {
            None => writeln!(out, "audit chain: ok ({} events)", report.audit_events)?,
            Some(problem) => writeln!(out, "audit chain: {problem}")?,
        }
    } else {
        output::object(ctx.format(), &report)?;
    }
    if report.ok {
        Ok(Outcome::Done)
    } else {
        anyhow::bail!("store {} failed its check", report.path)
    }
}
