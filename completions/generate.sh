#!/usr/bin/env sh
# Regenerates the checked-in completion scripts from the CLI definition.
set -eu
cd "$(dirname "$0")/.."
cargo build -q
for pair in bash:credit.bash zsh:_credit fish:credit.fish powershell:_credit.ps1 elvish:credit.elv; do
    ./target/debug/credit completions "${pair%%:*}" > "completions/${pair#*:}"
done
