//! `credit code check`: validate identifier codes.

use anyhow::Result;
use clap::Subcommand;
use credit::codes::{self, CheckResult, CodeKind};
use credit::ingest::reader::Row;

use crate::Outcome;
use crate::context::Context;
use crate::output::ListWriter;

/// Identifier codes: USCC, organization code, registration number, resident id.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check codes given as arguments or in a CSV column; exit 3 when any is invalid.
    ///
    /// Each code is normalised first (full-width to half-width, upper case,
    /// spaces, hyphens, a leading ' and a trailing .0 removed; each change is
    /// a warning), its kind is detected from its shape unless --kind is
    /// given, and every check of its standard is applied. A USCC must pass
    /// both its final check character and the GB 11714 check of the
    /// organization code it embeds.
    #[command(after_help = "\
Examples:
  credit code check 91440300708461136T 69774633-8
  credit code check --input codes.csv --column 统一社会信用代码 --format jsonl
  cut -d, -f3 export.csv | credit code check --input - --column code")]
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Codes to check.
    #[arg(
        value_name = "CODE",
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    codes: Vec<String>,
    /// Read codes from a CSV file (UTF-8 or GB18030; '-' for stdin).
    #[arg(long, value_name = "FILE", requires = "column")]
    input: Option<String>,
    /// The header of the column holding the codes.
    #[arg(long, value_name = "NAME")]
    column: Option<String>,
    /// Check every code as this kind instead of detecting it.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
}

#[derive(Copy, Clone, Debug, clap::ValueEnum)]
enum KindArg {
    Uscc,
    OrgCode,
    RegNo,
    ResidentId,
}

impl From<KindArg> for CodeKind {
    fn from(k: KindArg) -> CodeKind {
        match k {
            KindArg::Uscc => CodeKind::Uscc,
            KindArg::OrgCode => CodeKind::OrgCode,
            KindArg::RegNo => CodeKind::RegNo,
            KindArg::ResidentId => CodeKind::ResidentId,
        }
    }
}

pub fn exec(ctx: &Context, cmd: Command) -> Result<Outcome> {
    let Command::Check(args) = cmd;
    let forced = args.kind.map(CodeKind::from);
    let mut list = ListWriter::new(
        ctx.format(),
        &[
            "input",
            "normalized",
            "kind",
            "valid",
            "error",
            "warnings",
            "authority",
            "entity_type",
            "division",
            "division_name",
            "org_code",
        ],
    )
    .table_view(&["", "code", "kind", "result"], table_row);
    let mut invalid = 0u64;
    let mut check = |code: &str, list: &mut ListWriter<CheckResult>| -> Result<()> {
        let result = codes::check(code, forced, ctx.today);
        invalid += u64::from(!result.valid);
        list.write(&result)
    };
    match &args.input {
        None => {
            for code in &args.codes {
                check(code, &mut list)?;
            }
        }
        Some(file) => {
            let mut input = crate::input::open(file, Some("csv"), "auto", None)?;
            let col = input.column(args.column.as_deref().unwrap_or_default())?;
            let mut row = Row::new();
            while input.rows.next_row(&mut row)? {
                check(row.get(col), &mut list)?;
            }
        }
    }
    list.finish()?;
    if invalid > 0 {
        ctx.say(format!("{invalid} invalid"));
        return Ok(Outcome::SomeInvalid);
    }
    Ok(Outcome::Done)
}

fn table_row(r: &CheckResult) -> Vec<String> {
    let mark = if r.valid { "✓" } else { "✗" };
    let mut detail = match (&r.error, r.kind) {
        (Some(error), _) => error.clone(),
        (None, CodeKind::Uscc) => format!(
            "{} {} · {} {} · {} · org code {}",
            r.authority.as_deref().unwrap_or(""),
            r.authority_name.as_deref().unwrap_or(""),
            r.entity_type.as_deref().unwrap_or(""),
            r.entity_type_name.as_deref().unwrap_or(""),
            r.division_name
                .as_deref()
                .or(r.division.as_deref())
                .unwrap_or(""),
            r.org_code.as_deref().unwrap_or(""),
        ),
        (None, _) => "valid".into(),
    };
    for warning in &r.warnings {
        detail.push_str(&format!("\n({warning})"));
    }
    vec![
        mark.into(),
        r.normalized.clone(),
        r.kind.as_str().into(),
        detail,
    ]
}
