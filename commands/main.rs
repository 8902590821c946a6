//! The `credit` binary: parses the command line, calls into the `credit`
//! library, renders the result and maps it to an exit code.

mod audit;
mod code;
mod completions;
mod context;
mod db;
mod import;
mod init;
mod input;
mod man;
mod output;
mod records;
mod resolve;
mod subject;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use context::{Context, GlobalArgs, UsageError};

// An import frees each row on the thread that stores it, not the one that
// allocated it; mimalloc hands such memory back without the contention the
// system allocator shows there. Built without asking for transparent huge
// pages (`no_thp`; see [`small_pages_only`]).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands the memory freed so far back to the system at once. mimalloc keeps
/// freed memory for a second before it does; an import that frees its rows'
/// memory and then sorts its indexes would hold both.
fn release_freed_memory() {
    unsafe extern "C" {
        /// mimalloc's own: collects freed memory, forcing it back to the
        /// system when `force`.
        fn mi_collect(force: bool);
    }
    // SAFETY: takes no pointers; safe to call at any time on any thread.
    unsafe { mi_collect(true) }
}

const EXIT_CODES: &str = "\
Exit codes:
  0  done
  1  failed; nothing was changed
  2  usage error
  3  done, but some input items were invalid and were reported
  4  done, and something needs attention (unresolved codes, overdue objections)

Environment:
  CREDIT_DB        store file when --db is not given (default ./credit.db)
  CREDIT_OPERATOR  operator name for the audit log when --operator is not given
  CREDIT_TODAY     pins \"today\" (YYYY-MM-DD) for every date rule";

/// Administration suite for a local public credit platform (社会信用体系):
/// import 双公示 records, check and resolve codes, keep the audit trail.
#[derive(Parser, Debug)]
#[command(name = "credit", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Init(init::Args),
    #[command(subcommand)]
    Import(import::Command),
    #[command(subcommand)]
    Records(records::Command),
    #[command(subcommand)]
    Subject(subject::Command),
    Resolve(resolve::Args),
    #[command(subcommand)]
    Code(code::Command),
    #[command(subcommand)]
    Db(db::Command),
    #[command(subcommand)]
    Audit(audit::Command),
    Completions(completions::Args),
    Man(man::Args),
}

/// How a command that ran to the end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    SomeInvalid,
    NeedsAttention,
}

impl Outcome {
    fn code(self) -> u8 {
        match self {
            Outcome::Done => 0,
            Outcome::SomeInvalid => 3,
            Outcome::NeedsAttention => 4,
        }
    }
}

pub fn cli() -> clap::Command {
    Cli::command()
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let ctx = Context::new(cli.global)?;
    match cli.command {
        Command::Init(args) => init::exec(&ctx, args),
        Command::Import(cmd) => import::exec(&ctx, cmd),
        Command::Records(cmd) => records::exec(&ctx, cmd),
        Command::Subject(cmd) => subject::exec(&ctx, cmd),
        Command::Resolve(args) => resolve::exec(&ctx, args),
        Command::Code(cmd) => code::exec(&ctx, cmd),
        Command::Db(cmd) => db::exec(&ctx, cmd),
        Command::Audit(cmd) => audit::exec(&ctx, cmd),
        Command::Completions(args) => completions::exec(args),
        Command::Man(args) => man::exec(args),
    }
}

/// Keeps the process on 4 KiB pages. With transparent huge pages, a first
/// touch anywhere in a 2 MiB region of the allocator's arena (or of SQLite's
/// heap, where the kernel uses them for every mapping) takes the whole 2 MiB:
/// an import of 3M rows peaked at 90-94 MiB that way, against 73-75 MiB
/// without, in the same time. Not fatal where the kernel lacks the switch.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() -> ExitCode {
    small_pages_only();
    let cli = Cli::parse();
    match run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("credit: {}", one_line(&err));
            if err.is::<UsageError>() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// The error and its causes on one line, leaving out a cause whose text
/// the message already contains.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// `credit ... | head` closes the pipe early; that is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            match cause.downcast_ref::<csv::Error>().map(csv::Error::kind) {
                Some(csv::ErrorKind::Io(io)) => Some(io),
                _ => None,
            }
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
