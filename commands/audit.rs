//! `credit audit log|verify`: the trail of every change.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Subcommand;
use credit::audit::{self, Event};

use crate::Outcome;
use crate::context::Context;
use crate::output::{self, Format, ListWriter};

/// Read and verify the audit chain.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// List audit events, oldest first.
    #[command(
        after_help = "Examples:\n  credit audit log --limit 20\n  credit audit log --format jsonl"
    )]
    Log {
        /// Show only the newest N events.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Recompute the chain; exit 1 naming the first edited, deleted or reordered event.
    #[command(after_help = "Example:\n  credit audit verify && echo intact")]
    Verify,
}

pub fn exec(ctx: &Context, cmd: Command) -> Result<Outcome> {
    let store = ctx.store()?;
    match cmd {
        Command::Log { limit } => {
            let events = audit::log(store.conn(), limit)?;
            let mut list = ListWriter::new(
                ctx.format(),
                &[
                    "id",
                    "at",
                    "operator",
                    "command",
                    "arguments",
                    "counts",
                    "inputs",
                    "prev_hash",
                    "hash",
                ],
            )
            .table_view(
                &["id", "at", "operator", "command", "counts"],
                |e: &Event| {
                    vec![
                        e.id.to_string(),
                        e.at.clone(),
                        e.operator.clone(),
                        e.command.clone(),
                        compact_counts(&e.counts),
                    ]
                },
            );
            for event in &events {
                list.write(event)?;
            }
            list.finish()?;
            Ok(Outcome::Done)
        }
        Command::Verify => {
            let verification = audit::verify(store.conn())?;
            if ctx.format() == Format::Table {
                if verification.intact {
                    writeln!(
                        std::io::stdout(),
                        "audit chain intact: {} events",
                        verification.events
                    )?;
                }
            } else {
                output::object(ctx.format(), &verification)?;
            }
            match verification.problem {
                None => Ok(Outcome::Done),
                Some(problem) => bail!("audit chain broken: {problem}"),
            }
        }
    }
}

fn compact_counts(counts: &serde_json::Value) -> String {
    match counts {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                // Lists (the merges of resolve --apply) are in the json formats.
                serde_json::Value::Array(items) => format!("{k}=[{} items]", items.len()),
                v => format!("{k}={}", output::cell(v)),
            })
            .collect::<Vec<_>>()
            .join(" "),
        other => output::cell(other),
    }
}
