#!/usr/bin/env sh
# A tour of credit on the bundled example data: builds the binary, then runs
# each command against a fresh store in a temporary directory.
# Usage: sh examples/tour.sh
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
credit="${CARGO_TARGET_DIR:-$PWD/target}/release/credit"
data="$PWD/examples/data"
work=$(mktemp -d)
export CREDIT_DB="$work/county.db" CREDIT_TODAY=2026-11-21 CREDIT_OPERATOR=tour

step() { printf '\n\033[1m$ credit %s\033[0m\n' "$*"; }
# Runs credit and shows its exit code: 3 and 4 are expected where rows are
# bad or codes unresolved; any other failure stops the tour.
run() {
    step "$@"
    status=0
    "$credit" "$@" || status=$?
    case $status in
    0) ;;
    3 | 4) echo "(exit $status)" ;;
    *)
        echo "(exit $status: the tour stops here)"
        exit "$status"
        ;;
    esac
}

run code check --input "$data/codes.csv" --column code
run init
run import subjects "$data/subjects.csv"
run import penalties "$data/penalties.csv" --rejects "$work/rejects.csv"
run import penalties "$data/penalties-gbk.csv" --format json
run import licenses "$data/licenses.xlsx"
run import mappings "$data/mappings.csv"
run records list --kind penalty --limit 5
run subject show 91220802MA0Y5L2K92
run resolve 24453018-X MA17QX3N-4 220802600001232 697746338
run resolve --status
run resolve --apply --yes
run db status
run db check
run audit log
echo
echo "The store is $CREDIT_DB; the rejected rows are in $work/rejects.csv."
