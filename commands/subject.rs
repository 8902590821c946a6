//! `credit subject show CODE`: one subject, its codes, names and records.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;
use credit::records::{self, RecordFilter};
use credit::subjects::{self, SubjectView};
use serde::Serialize;

use crate::Outcome;
use crate::context::Context;
use crate::output::{self, Format};

/// Subjects (信用主体).
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show a subject found by any code it carries or by name: its codes, names
    /// and records, newest first.
    #[command(after_help = "\
Natural persons' identity numbers are masked unless --reveal is given; a
reveal is written to the audit log.

Examples:
  credit subject show 91440300708461136T
  credit subject show 70846113-6
  credit subject show 深圳市腾讯计算机系统有限公司 --format json")]
    Show(ShowArgs),
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// A USCC, old code, identity number or name.
    #[arg(value_name = "CODE")]
    query: String,
    /// Show natural persons' identity numbers in full (audited).
    #[arg(long)]
    reveal: bool,
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    subject: SubjectView,
    records: Vec<records::RecordView>,
}

pub fn exec(ctx: &Context, cmd: Command) -> Result<Outcome> {
    let Command::Show(args) = cmd;
    let mut store = ctx.store()?;
    let ids = subjects::search(store.conn(), &args.query)?;
    let mut shown = Vec::new();
    for id in &ids {
        let mut subject = subjects::view(store.conn(), *id)?;
        let mut records = records::list(
            store.conn(),
            &RecordFilter {
                subject_ids: Some(vec![*id]),
                ..RecordFilter::default()
            },
        )?;
        if !args.reveal {
            subjects::mask_view(&mut subject);
            records.iter_mut().for_each(records::mask_personal);
        }
        shown.push(Shown { subject, records });
    }
    if shown.is_empty() {
        anyhow::bail!("no subject matches '{}'", args.query);
    }
    if args.reveal {
        ctx.audit_reveal(&mut store, shown.len())?;
    }
    match ctx.format() {
        Format::Table => {
            for s in &shown {
                print_subject(&s.subject)?;
                crate::records::write_records(ctx, &s.records)?;
            }
        }
        Format::Json if shown.len() == 1 => output::object(Format::Json, &shown[0])?,
        format => {
            let mut list = output::ListWriter::new(
                format,
                &[
                    "id",
                    "kind",
                    "name",
                    "identifiers",
                    "former_names",
                    "records",
                ],
            );
            for s in &shown {
                list.write(s)?;
            }
            list.finish()?;
        }
    }
    if shown.len() > 1 {
        ctx.say(format!("{} subjects match '{}'", shown.len(), args.query));
    }
    Ok(Outcome::Done)
}

fn print_subject(s: &SubjectView) -> Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} ({})", s.name, s.kind)?;
    for id in &s.identifiers {
        writeln!(out, "  {:<14} {}", id.kind, id.value)?;
    }
    if let Some(rep) = &s.legal_rep {
        writeln!(out, "  {:<14} {rep}", "legal_rep")?;
    }
    if let Some(division) = &s.division {
        let name = credit::codes::divisions::display_name(division).unwrap_or_default();
        writeln!(out, "  {:<14} {division} {name}", "division")?;
    }
    for name in &s.former_names {
        writeln!(out, "  {:<14} {name}", "former name")?;
    }
    Ok(())
}
