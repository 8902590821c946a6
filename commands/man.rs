//! `credit man DIR`: man pages for every command.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::Outcome;

/// Write man pages (credit.1, credit-import.1, ...) into a directory.
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  credit man /usr/local/share/man/man1")]
pub struct Args {
    /// Directory to write the pages into (created if absent).
    dir: PathBuf,
}

pub fn exec(args: Args) -> Result<Outcome> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    clap_mangen::generate_to(crate::cli(), &args.dir)
        .with_context(|| format!("cannot write man pages into {}", args.dir.display()))?;
    Ok(Outcome::Done)
}
