//! `credit resolve`: old organization codes and registration numbers to USCCs.

use std::path::{Path, PathBuf};

use anyhow::Result;
use credit::ingest::reader::InputFormat;
use credit::ingest::writer;
use credit::resolve::batch::{self, APPENDED, Tally};
use credit::resolve::{Resolution, Resolver, coverage, merge};
use serde_json::json;

use crate::Outcome;
use crate::context::{Context, UsageError};
use crate::output::{self, Format, ListWriter};

/// Resolve old codes to unified social credit codes, explaining each answer.
///
/// The official mapping (credit import mappings) is tried first; else a USCC
/// known to the store whose positions 9-17 are the organization code; a
/// registration number resolves only through the mapping. Two candidates are
/// reported as ambiguous and none is chosen; a name match (--name) is only a
/// suggestion. Status: resolved, suggested, ambiguous, unresolved, invalid;
/// via: identity, mapping, embedded, name.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Exit: 0 every input resolved; 3 some input is not a valid code; 4 some are
unresolved, ambiguous or only suggested.

Examples:
  credit resolve 24453018-X 110108002734659 --format jsonl
  credit resolve 69774633-8 --name 白城市鑫源商贸有限公司
  credit resolve --input old.csv --column 组织机构代码 --name-column 名称 --output resolved.csv
  credit resolve --apply --dry-run
  credit resolve --apply --yes
  credit resolve --status")]
pub struct Args {
    /// Codes to resolve.
    #[arg(value_name = "CODE", conflicts_with_all = ["input", "apply", "status"])]
    codes: Vec<String>,
    /// A name to suggest subjects by when a code does not resolve.
    #[arg(long, value_name = "NAME", requires = "codes")]
    name: Option<String>,
    /// Resolve the codes in a file (CSV, xlsx or JSON lines; '-' for stdin).
    #[arg(long, value_name = "FILE", requires = "column", conflicts_with_all = ["apply", "status"])]
    input: Option<String>,
    /// The column holding the codes.
    #[arg(long, value_name = "COL")]
    column: Option<String>,
    /// The column holding names, for suggestions.
    #[arg(long, value_name = "COL", requires = "input")]
    name_column: Option<String>,
    /// Where to write the resolved rows (`-`: stdout), never over the input or the store
    /// [default: stdout; xlsx needs a file].
    #[arg(long, value_name = "FILE", requires = "input")]
    output: Option<PathBuf>,
    /// The input's format [default: from the extension].
    #[arg(long, value_parser = ["csv", "xlsx", "jsonl"], value_name = "FORMAT", requires = "input")]
    input_format: Option<String>,
    /// Text encoding of the input: auto, utf-8 or gb18030.
    #[arg(long, default_value = "auto", value_parser = ["auto", "utf-8", "gb18030"], requires = "input")]
    encoding: String,
    /// Merge subjects known only by old codes into the subject with their USCC
    /// (asks first on a terminal; --yes to run unattended).
    #[arg(long, conflicts_with = "status")]
    apply: bool,
    /// With --apply: report what would be merged and change nothing.
    #[arg(long, requires = "apply")]
    dry_run: bool,
    /// How many subjects have a USCC, how many only old codes, how many of
    /// those resolve, and the mapping conflicts.
    #[arg(long)]
    status: bool,
}

const COLUMNS: &[&str] = &[
    "input",
    "normalized",
    "kind",
    "status",
    "uscc",
    "via",
    "candidates",
];

pub fn exec(ctx: &Context, args: Args) -> Result<Outcome> {
    if args.status {
        return status(ctx);
    }
    if args.apply {
        return apply(ctx, args.dry_run);
    }
    if args.input.is_some() {
        return batch(ctx, &args);
    }
    if args.codes.is_empty() {
        return Err(UsageError("give codes, --input FILE, --apply or --status".into()).into());
    }
    let store = ctx.store()?;
    let resolver = Resolver::new(store.conn())?;
    let mut tally = Tally::default();
    let mut list = ListWriter::new(ctx.format(), COLUMNS).table_view(
        &["input", "status", "uscc", "via", "candidates"],
        |r: &Resolution| {
            vec![
                r.input.clone(),
                r.status.as_str().into(),
                r.uscc.clone().unwrap_or_default(),
                r.via.map(|v| v.as_str().to_string()).unwrap_or_default(),
                r.candidates
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {} ({})",
                            c.uscc,
                            c.name.as_deref().unwrap_or(""),
                            c.via.as_str()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]
        },
    );
    for code in &args.codes {
        let r = resolver.resolve(code, args.name.as_deref())?;
        tally.add(r.status);
        list.write(&r)?;
    }
    list.finish()?;
    Ok(outcome(&tally))
}

fn outcome(t: &Tally) -> Outcome {
    if t.invalid > 0 {
        Outcome::SomeInvalid
    } else if t.unresolved + t.ambiguous + t.suggested > 0 {
        Outcome::NeedsAttention
    } else {
        Outcome::Done
    }
}

fn batch(ctx: &Context, args: &Args) -> Result<Outcome> {
    // Two connections, two look-up threads: WAL lets readers run side by side.
    let stores = vec![ctx.store()?, ctx.store()?];
    for store in &stores {
        store.map_pages()?;
    }
    let mut input = crate::input::open(
        args.input.as_deref().unwrap_or_default(),
        args.input_format.as_deref(),
        &args.encoding,
        None,
    )?;
    let code_col = input.column(args.column.as_deref().unwrap_or_default())?;
    let name_col = args
        .name_column
        .as_deref()
        .map(|c| input.column(c))
        .transpose()?;
    let (source, format, rows) = (&input.source, input.format, &mut input.rows);
    let mut headers = rows.headers().to_vec();
    headers.extend(APPENDED.iter().map(|h| h.to_string()));
    // `-` is standard output, as when no file is named.
    let output = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
    if let Some(output) = output {
        crate::input::check_output("--output", output, source, &ctx.args.db)?;
    }
    let mut out = writer::create(format, headers, output)?;
    let tally = batch::run(
        stores,
        rows.as_mut(),
        code_col,
        name_col,
        out.as_mut(),
        format == InputFormat::Jsonl,
    )
    .map_err(|e| match e {
        // A read error names the file, and the row, itself.
        batch::BatchError::Read(e) => anyhow::Error::new(e),
        e => anyhow::Error::new(e).context(source.to_string()),
    })?;
    out.finish()?;
    ctx.say(format!(
        "{source}: {} resolved, {} suggested, {} ambiguous, {} unresolved, {} invalid",
        tally.resolved, tally.suggested, tally.ambiguous, tally.unresolved, tally.invalid
    ));
    Ok(outcome(&tally))
}

fn apply(ctx: &Context, dry_run: bool) -> Result<Outcome> {
    let mut store = ctx.store()?;
    if !dry_run {
        let planned = {
            let resolver = Resolver::new(store.conn())?;
            merge::plan(store.conn(), &resolver)?
                .iter()
                .filter(|d| d.status == credit::resolve::Status::Resolved)
                .count()
        };
        if planned > 0
            && !ctx.confirm(&format!(
                "merge {planned} subject(s) known only by old codes into the subjects with their USCCs?"
            ))?
        {
            anyhow::bail!("nothing merged");
        }
    }
    let tx = store.transaction()?;
    let applied = {
        let resolver = Resolver::new(&tx)?;
        merge::apply(&tx, &resolver, &ctx.today.to_string())?
    };
    let records_moved: u64 = applied.merged.iter().map(|m| m.records_moved).sum();
    if dry_run {
        drop(tx);
    } else if !applied.merged.is_empty() {
        ctx.audit(
            &tx,
            "resolve apply",
            json!({
                "merged": applied.merged.len(),
                "records_moved": records_moved,
                "ambiguous": applied.ambiguous.len(),
                "unresolved": applied.unresolved,
                "merges": applied.merged,
            }),
            vec![],
        )?;
        tx.commit()?;
    }
    let verb = if dry_run { "would merge" } else { "merged" };
    ctx.say(format!(
        "{verb}: {} subject(s), {records_moved} record(s) moved; {} ambiguous left alone; {} unresolved",
        applied.merged.len(),
        applied.ambiguous.len(),
        applied.unresolved
    ));
    for left in &applied.ambiguous {
        ctx.say(format!(
            "ambiguous: subject {} {} ({}) -> {}",
            left.subject_id,
            left.name,
            left.old_codes.join(", "),
            left.candidates.join(" or ")
        ));
    }
    if ctx.format() == Format::Table {
        let mut table = output::table(&[
            "subject",
            "old codes",
            "uscc",
            "into subject",
            "records moved",
        ]);
        for m in &applied.merged {
            table.add_row([
                format!("{} {}", m.subject_id, m.name),
                m.old_codes.join(", "),
                m.uscc.clone(),
                m.into_subject_id
                    .map_or("(USCC added)".into(), |id| id.to_string()),
                m.records_moved.to_string(),
            ]);
        }
        println!("{table}");
    } else {
        output::object(
            ctx.format(),
            &json!({
                "dry_run": dry_run,
                "merged": applied.merged,
                "ambiguous": applied.ambiguous,
                "unresolved": applied.unresolved,
            }),
        )?;
    }
    Ok(if applied.ambiguous.is_empty() {
        Outcome::Done
    } else {
        Outcome::NeedsAttention
    })
}

fn status(ctx: &Context) -> Result<Outcome> {
    let store = ctx.store()?;
    let c = coverage::coverage(store.conn())?;
    if ctx.format() == Format::Table {
        println!(
            "subjects (organisations, individual businesses): {}",
            c.subjects
        );
        println!("  with a USCC:                {}", c.with_uscc);
        println!("  known only by old codes:    {}", c.old_codes_only);
        println!("    of which resolve:         {}", c.resolvable);
        println!("    of which are ambiguous:   {}", c.ambiguous);
        println!("    of which do not resolve:  {}", c.unresolved);
        println!("mappings:                     {}", c.mappings);
        println!("mapping conflicts:            {}", c.conflicts.len());
        for conflict in &c.conflicts {
            println!("  {} -> {}", conflict.old_code, conflict.usccs.join(" or "));
        }
    } else {
        output::object(ctx.format(), &c)?;
    }
    Ok(Outcome::Done)
}
