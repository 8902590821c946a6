//! `credit completions SHELL`: shell completion scripts.

use anyhow::Result;
use clap_complete::Shell;

use crate::Outcome;

/// Print the completion script for a shell.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  credit completions bash > /etc/bash_completion.d/credit\n  credit completions zsh > \"${fpath[1]}/_credit\""
)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn exec(args: Args) -> Result<Outcome> {
    let mut cmd = crate::cli();
    clap_complete::generate(args.shell, &mut cmd, "credit", &mut std::io::stdout());
    Ok(Outcome::Done)
}
