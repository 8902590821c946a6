//! `credit records list`: what has been imported.

use anyhow::Result;
use clap::Subcommand;
use credit::records::{self, RecordFilter, RecordView};
use credit::subjects;

use crate::Outcome;
use crate::context::{Context, UsageError};
use crate::output::ListWriter;

/// Look at imported 双公示 records.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// List records, newest decision first.
    #[command(after_help = "\
Natural persons' identity numbers are masked unless --reveal is given; a
reveal is written to the audit log.

Examples:
  credit records list --kind penalty --from 2026-01-01 --to 2026-06-30
  credit records list --subject 91440300708461136T --format json
  credit records list --authority 11110000000029209E --limit 50 --format csv")]
    List(ListArgs),
}

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only penalties or only licences.
    #[arg(long, value_parser = ["penalty", "license"])]
    kind: Option<String>,
    /// Only records about this subject (any code it carries, or its name).
    #[arg(long, value_name = "CODE")]
    subject: Option<String>,
    /// Only records decided by this authority (its USCC).
    #[arg(long, value_name = "CODE")]
    authority: Option<String>,
    /// Decided on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::context::parse_date)]
    from: Option<String>,
    /// Decided on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::context::parse_date)]
    to: Option<String>,
    /// At most N records.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Show natural persons' identity numbers in full (audited).
    #[arg(long)]
    reveal: bool,
}

pub const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "decision_no",
    "decision_date",
    "authority",
    "authority_uscc",
    "subject_id",
    "subject_name",
    "subject_code",
    "valid_until",
    "fine_fen",
    "confiscated_fen",
    "received_on",
    "updated_on",
    "versions",
    "fields",
];

pub fn exec(ctx: &Context, cmd: Command) -> Result<Outcome> {
    let Command::List(args) = cmd;
    let mut store = ctx.store()?;
    let subject_ids = match &args.subject {
        None => None,
        Some(query) => {
            let ids = subjects::search(store.conn(), query)?;
            if ids.is_empty() {
                anyhow::bail!("no subject matches '{query}'");
            }
            Some(ids)
        }
    };
    if let (Some(from), Some(to)) = (&args.from, &args.to)
        && from > to
    {
        return Err(UsageError(format!(
            "--from {from} is after --to {to}: no day is in that period"
        ))
        .into());
    }
    let filter = RecordFilter {
        kind: args.kind.clone(),
        subject_ids,
        authority_uscc: args
            .authority
            .as_deref()
            .map(|a| credit::codes::normalize(a).value),
        from: args.from.clone(),
        to: args.to.clone(),
        limit: args.limit,
    };
    if args.reveal {
        // Audited before anything is shown.
        let shown = records::count(store.conn(), &filter)?;
        ctx.audit_reveal(&mut store, shown)?;
    }
    // Records are read by id in date order, all over the file.
    store.map_pages()?;
    let mut out = records_writer(ctx);
    records::each(store.conn(), &filter, |mut record| {
        if !args.reveal {
            records::mask_personal(&mut record);
        }
        out.write(&record)
    })?;
    out.finish()?;
    Ok(Outcome::Done)
}

/// Renders records in the chosen format.
pub fn write_records(ctx: &Context, list: &[RecordView]) -> Result<()> {
    let mut out = records_writer(ctx);
    for r in list {
        out.write(r)?;
    }
    out.finish()
}

/// A list of records in the chosen format, written as they come.
fn records_writer(ctx: &Context) -> ListWriter<'static, RecordView> {
    ListWriter::new(ctx.format(), COLUMNS).table_view(
        &[
            "kind",
            "decision date",
            "decision no",
            "subject",
            "authority",
            "fine (yuan)",
        ],
        |r: &RecordView| {
            vec![
                r.kind.clone(),
                r.decision_date.clone(),
                r.decision_no.clone(),
                format!(
                    "{}\n{}",
                    r.subject_name,
                    r.subject_code.as_deref().unwrap_or("")
                ),
                r.authority.clone(),
                r.fine_fen.map(yuan).unwrap_or_default(),
            ]
        },
    )
}

/// Fen as yuan with two decimals, for people.
fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}
