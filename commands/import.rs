//! `credit import penalties|licenses|subjects FILE`: load what departments send.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Subcommand;
use credit::audit::InputDigest;
use credit::ingest::import::{self, Counts, Observer};
use credit::ingest::layout::RecordKind;
use credit::ingest::reader::{self, InputFormat, Row, RowSource, Source};
use credit::ingest::scout::Reopen;
use credit::ingest::validate::Problem;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::Outcome;
use crate::context::{Context, UsageError};
use crate::output::{self, Format};

const AFTER: &str = "\
Rows that fail validation are rejected and reported (the first 10 on stderr,
all of them with --rejects FILE); the valid rows are committed and the exit
code is 3. With --strict any reject commits nothing and exits 1. The file is
imported in one transaction: an interrupted import leaves the store as it was.
Importing the same file again changes nothing; a record delivered again with
other content is updated and its previous version kept.";

/// Import 双公示 records and registers (CSV in UTF-8 or GBK, xlsx, JSON lines).
///
/// Each file is one transaction: it commits whole or not at all. The first
/// load, into a store that holds no records yet and that no other command
/// has open, writes the store directly instead of through its WAL: other
/// commands wait for it until it commits. A killed one leaves a -journal
/// file beside the store; keep it there: the next command rolls it back.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import administrative penalties (行政处罚) in the national layout.
    #[command(after_help = format!("{AFTER}\n\nExamples:\n  credit import penalties 市场监管局-2026-11.csv\n  credit import penalties 处罚.xlsx --sheet Sheet1 --rejects rejects.csv\n  iconv -f gbk -t utf-8 old.csv | credit import penalties - --strict"))]
    Penalties(ImportArgs),
    /// Import administrative licences (行政许可) in the national layout.
    #[command(after_help = format!("{AFTER}\n\nExamples:\n  credit import licenses 许可-2026-11.xlsx\n  credit import licenses licences.jsonl --dry-run"))]
    Licenses(ImportArgs),
    /// Import the registration authority's register of subjects (USCC, name, kind,
    /// legal representative, division, old codes, former names).
    #[command(after_help = format!("{AFTER}\n\nExample:\n  credit import subjects 登记主体.csv"))]
    Subjects(ImportArgs),
    /// Import the official old-code to USCC table (新旧代码映射): an old code
    /// (organization code, registration number or tax number) and its USCC,
    /// optionally name, source and date.
    #[command(after_help = format!("{AFTER}\n\nAn old code already mapped to another USCC is not overwritten: the pair is\nrecorded as a conflict, reported, and the old code resolves as ambiguous.\n\nExample:\n  credit import mappings 新旧代码映射.xlsx"))]
    Mappings(ImportArgs),
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The file to import; '-' reads standard input.
    ///
    /// Standard input and pipes are read once. A CSV file named by its
    /// path is read a second time, ahead, for the subjects' codes once the
    /// store holds many subjects: 10M rows of records took a third less
    /// time that way. Decompress such a file rather than piping it.
    #[arg(value_name = "FILE")]
    file: String,
    /// The file's format [default: from the extension; csv for stdin].
    #[arg(long, value_parser = ["csv", "xlsx", "jsonl"], value_name = "FORMAT")]
    input_format: Option<String>,
    /// Text encoding: auto (UTF-8 with or without BOM, else GB18030), utf-8 or gb18030.
    #[arg(long, default_value = "auto", value_parser = ["auto", "utf-8", "gb18030"], value_name = "ENCODING")]
    encoding: String,
    /// The sheet to read from an xlsx workbook [default: the first].
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Validate and count everything, then roll back: the store is not changed.
    #[arg(long)]
    dry_run: bool,
    /// Commit nothing if any row is rejected (exit 1).
    #[arg(long)]
    strict: bool,
    /// Write every rejected row to this CSV: the original columns plus _row, _column, _reason
    /// (never the file being imported or the store).
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
}

enum What {
    Records(RecordKind),
    Subjects,
    Mappings,
}

/// The summary `--format json` prints.
#[derive(Serialize)]
struct Summary {
    file: String,
    sha256: String,
    kind: &'static str,
    rows: u64,
    inserted: u64,
    updated: u64,
    unchanged: u64,
    rejected: u64,
    subjects_created: u64,
    dry_run: bool,
    /// Mappings only.
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicts: Option<u64>,
}

pub fn exec(ctx: &Context, cmd: Command) -> Result<Outcome> {
    let (args, what) = match cmd {
        Command::Penalties(a) => (a, What::Records(RecordKind::Penalty)),
        Command::Licenses(a) => (a, What::Records(RecordKind::License)),
        Command::Subjects(a) => (a, What::Subjects),
        Command::Mappings(a) => (a, What::Mappings),
    };
    let kind_name = match what {
        What::Records(kind) => kind.as_str(),
        What::Subjects => "subject",
        What::Mappings => "mapping",
    };
    let mut store = ctx.store()?;
    let input = crate::input::open(
        &args.file,
        args.input_format.as_deref(),
        &args.encoding,
        args.sheet.as_deref(),
    )?;
    let cheap_to_reopen = input.cheap_to_reopen();
    let crate::input::Input {
        source,
        format,
        encoding,
        mut rows,
    } = input;
    // The file opened again, for what a records import reads ahead.
    let reopen = |columns: &[usize]| reader::open_again(&source, format, encoding, columns);
    let reopen: Option<&Reopen<'_>> = cheap_to_reopen.then_some(&reopen);
    if let Some(rejects) = &args.rejects {
        if rejects == Path::new("-") {
            return Err(UsageError(
                "--rejects - would mix the rejected rows into the summary on stdout; name a file"
                    .into(),
            )
            .into());
        }
        crate::input::check_output("--rejects", rejects, &source, &ctx.args.db)?;
    }
    let mut observer = Reporter::new(ctx, &args, &source, format, rows.headers())?;

    let tx = store.import_transaction()?;
    let counts = match what {
        What::Records(kind) => {
            import::import_records(&tx, rows.as_mut(), reopen, kind, ctx.today, &mut observer)
        }
        What::Subjects => import::import_subjects(&tx, rows.as_mut(), ctx.today, &mut observer),
        What::Mappings => import::import_mappings(&tx, rows.as_mut(), ctx.today, &mut observer),
    }
    .map_err(|e| match e {
        // A read error names the file, and the row, itself.
        import::ImportError::Read(e) => anyhow::Error::new(e),
        e => anyhow::Error::new(e).context(source.to_string()),
    })?;
    observer.finish()?;
    let mut summary = summarise(&source, rows.as_mut(), kind_name, counts, args.dry_run);
    if matches!(what, What::Mappings) {
        summary.conflicts = Some(counts.conflicts);
    }

    if args.strict && counts.rejected > 0 {
        drop(tx);
        print_summary(ctx, &summary)?;
        anyhow::bail!(
            "{}: {} of {} rows rejected; --strict: nothing was imported",
            summary.file,
            counts.rejected,
            counts.rows
        );
    }
    if args.dry_run {
        drop(tx);
    } else {
        ctx.audit(
            &tx,
            &format!("import {kind_name}"),
            serde_json::to_value(counts)?,
            vec![InputDigest {
                file: summary.file.clone(),
                sha256: summary.sha256.clone(),
            }],
        )?;
        tx.commit()?;
    }
    print_summary(ctx, &summary)?;
    Ok(if counts.rejected > 0 {
        Outcome::SomeInvalid
    } else if counts.conflicts > 0 {
        Outcome::NeedsAttention
    } else {
        Outcome::Done
    })
}

fn summarise(
    source: &Source,
    rows: &mut (dyn RowSource + Send),
    kind: &'static str,
    counts: Counts,
    dry_run: bool,
) -> Summary {
    Summary {
        file: source.to_string(),
        sha256: rows.sha256(),
        kind,
        rows: counts.rows,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        subjects_created: counts.subjects_created,
        dry_run,
        conflicts: None,
    }
}

fn print_summary(ctx: &Context, s: &Summary) -> Result<()> {
    if ctx.format() != Format::Table {
        return output::object(ctx.format(), s);
    }
    let verb = if s.dry_run {
        "would import"
    } else {
        "imported"
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {verb} {} {} rows: {} inserted, {} updated, {} unchanged, {} rejected; {} new subjects{}",
        s.file,
        s.rows,
        s.kind,
        s.inserted,
        s.updated,
        s.unchanged,
        s.rejected,
        s.subjects_created,
        if s.dry_run {
            " (dry run: nothing was changed)"
        } else {
            ""
        }
    )?;
    writeln!(out, "sha256 {}", s.sha256)?;
    Ok(())
}

/// Shows the first rejects, writes all of them to --rejects, and keeps a
/// progress line on a terminal.
struct Reporter<'a> {
    ctx: &'a Context,
    file: String,
    format: InputFormat,
    shown: u64,
    rejects: Option<csv::Writer<BufWriter<File>>>,
    rejects_error: Option<csv::Error>,
    progress: Option<ProgressBar>,
}

const SHOWN_REJECTS: u64 = 10;
const PROGRESS_FROM_ROWS: u64 = 5000;

impl<'a> Reporter<'a> {
    fn new(
        ctx: &'a Context,
        args: &ImportArgs,
        source: &Source,
        format: InputFormat,
        headers: &[String],
    ) -> Result<Self> {
        let rejects = match &args.rejects {
            None => None,
            Some(path) => {
                let mut file = BufWriter::new(
                    File::create(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                );
                // A BOM, so that Excel opens the UTF-8 file with its Chinese intact.
                file.write_all(b"\xEF\xBB\xBF")?;
                let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(file);
                let mut header: Vec<&str> = headers.iter().map(String::as_str).collect();
                header.extend(["_row", "_column", "_reason"]);
                writer.write_record(&header)?;
                Some(writer)
            }
        };
        Ok(Reporter {
            ctx,
            file: source.to_string(),
            format,
            shown: 0,
            rejects,
            rejects_error: None,
            progress: None,
        })
    }

    /// Says `line` on stderr, above the progress bar if there is one.
    fn say(&self, line: &str) {
        match &self.progress {
            Some(bar) => bar.suspend(|| self.ctx.say(line)),
            None => self.ctx.say(line),
        }
    }

    fn finish(&mut self) -> Result<()> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        if self.shown > SHOWN_REJECTS {
            self.ctx.say(format!(
                "... and {} more rejected rows{}",
                self.shown - SHOWN_REJECTS,
                if self.rejects.is_some() {
                    ""
                } else {
                    " (--rejects FILE writes them all)"
                }
            ));
        }
        if let Some(e) = self.rejects_error.take() {
            return Err(e).context("cannot write the rejects file");
        }
        if let Some(writer) = &mut self.rejects {
            writer.flush().context("cannot write the rejects file")?;
        }
        Ok(())
    }
}

impl Observer for Reporter<'_> {
    fn unknown_column(&mut self, header: &str) {
        self.ctx.say(format!(
            "warning: {}: column '{header}' is not in the layout; ignored",
            self.file
        ));
    }

    fn fits_better(&mut self, chinese: &str, command: &str) {
        self.ctx.say(format!(
            "warning: {}: these headers fit {chinese} better: to import it as such, \
             run `credit import {command}`",
            self.file
        ));
    }

    fn repeated_column(&mut self, header: &str, first: &str) {
        self.ctx.say(format!(
            "warning: {}: column '{header}' is the same column as '{first}' before it; \
             only '{first}' is read",
            self.file
        ));
    }

    fn reject(&mut self, row: &Row, problems: &[Problem]) {
        self.shown += 1;
        if self.shown <= SHOWN_REJECTS {
            for p in problems {
                let line = if p.column.is_empty() {
                    format!("{}: row {}: {}", self.file, row.number, p.reason)
                } else {
                    format!(
                        "{}: row {}, column {}, value '{}': {}",
                        self.file, row.number, p.column, p.value, p.reason
                    )
                };
                self.say(&line);
            }
        }
        if let Some(writer) = &mut self.rejects {
            let mut record: Vec<String> = row.cells().map(str::to_string).collect();
            record.push(row.number.to_string());
            record.push(
                problems
                    .iter()
                    .map(|p| p.column.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            record.push(
                problems
                    .iter()
                    .map(|p| p.reason.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            // The trait cannot fail; the first write error is reported by finish.
            if let Err(e) = writer.write_record(&record) {
                self.rejects_error.get_or_insert(e);
            }
        }
    }

    fn conflict(&mut self, row: u64, message: &str) {
        self.say(&format!("{}: row {row}: {message}", self.file));
    }

    fn progress(&mut self, rows: u64) {
        if rows < PROGRESS_FROM_ROWS || self.ctx.args.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = self.progress.get_or_insert_with(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {human_pos} rows read  {elapsed_precise}  {msg}",
                )
                .expect("valid template"),
            );
            bar
        });
        bar.set_position(rows);
    }

    fn not_read_ahead(&mut self) {
        let read_once = match self.format {
            InputFormat::Csv => "standard input and pipes are read once",
            InputFormat::Xlsx | InputFormat::Jsonl => "workbooks and JSON lines are read once",
        };
        self.say(&format!(
            "warning: {}: the store's subjects are too many for every code to stay in memory, \
             and {read_once}: each row's codes were looked up as it came instead of ahead. \
             A file this large imports faster as CSV named by its path",
            self.file
        ));
    }

    fn rows_stored(&mut self) {
        if let Some(bar) = &self.progress {
            bar.set_message("building indexes, checking, committing");
            // No rows move the bar from here on: it ticks by itself, so
            // that it shows the import at work.
            bar.enable_steady_tick(std::time::Duration::from_millis(250));
        }
        // The rows' memory goes back to the system before the indexes'
        // sorting takes its own.
        crate::release_freed_memory();
    }
}
