#!/usr/bin/env bash
# Produces the README's performance table.
#
#   bash benches/run.sh [ROWS]        # from the repository root; ROWS defaults to 1000000
#
# Builds credit and the data generator (examples/gen.rs) in release mode,
# generates the input files into $BENCH_DIR (default: a new temporary
# directory, removed at the end unless BENCH_KEEP=1), measures each step with
# /usr/bin/time (wall seconds, peak RSS) against an anchor (python-stdnum,
# sqlite3's .import), prints a Markdown table and writes it, with the machine
# and the exact commands, to benches/results.md.
#
# Installs what is missing: sqlite3 and time (apt-get), python-stdnum (pip).
# Honours CARGO_TARGET_DIR, REPEAT (default 5): how many times the UTF-8
# penalty imports and their sqlite3 anchor run, alternately (medians are
# shown), and LARGE (unset by default): also import LARGE × ROWS rows,
# against sqlite3, in LARGE_ROUNDS rounds (default 5) that each import ROWS
# rows too, to see how time grows past ROWS (LARGE=10 at 1M rows takes
# about 45 minutes more and 18 GB of free disk: the file, the store and
# sqlite3's copy).

set -euo pipefail

ROWS=${1:-1000000}
if ! [[ $ROWS =~ ^[0-9]+$ ]] || ((ROWS < 10)); then
    echo "usage: bash benches/run.sh [ROWS]   (ROWS >= 10, default 1000000)" >&2
    exit 2
fi
LARGE=${LARGE:-}
if [[ -n $LARGE ]] && { ! [[ $LARGE =~ ^[0-9]+$ ]] || ((LARGE < 2)); }; then
    echo "LARGE must be a whole number of at least 2 (how many times ROWS rows)" >&2
    exit 2
fi
ROWS_TENTH=$((ROWS / 10))
CODES_N=$((ROWS < 1000000 ? ROWS : 1000000))

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
CREDIT=$TARGET/release/credit
GEN=$TARGET/release/examples/gen

if [[ -n ${BENCH_DIR:-} ]]; then
    DIR=$BENCH_DIR
    mkdir -p "$DIR"
else
    DIR=$(mktemp -d)
    if [[ ${BENCH_KEEP:-0} != 1 ]]; then
        trap 'rm -rf "$DIR"' EXIT
    fi
fi

log() { printf '%s\n' "$*" >&2; }

# --- what the measurements need -------------------------------------------

SUDO=
if [[ $(id -u) != 0 ]] && command -v sudo >/dev/null; then SUDO=sudo; fi
APT_UPDATED=0
apt_install() {
    if ((APT_UPDATED == 0)); then
        $SUDO apt-get update -qq >&2
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >&2
}
if [[ ! -x /usr/bin/time ]]; then
    log "installing time"
    apt_install time
fi
if ! command -v sqlite3 >/dev/null; then
    log "installing sqlite3"
    apt_install sqlite3
fi
if ! python3 -c 'import stdnum' 2>/dev/null; then
    log "installing python-stdnum"
    python3 -m pip install -q python-stdnum >&2 || pip install -q python-stdnum >&2
fi

log "building (release)"
cargo build --release >&2
cargo build --release --example gen >&2
cargo bench --bench codes --no-run >&2

# --- helpers ----------------------------------------------------------------

COMMANDS=()
# Remembers a command as it will be shown under "Commands".
record() {
    local line
    printf -v line '%q ' "$@"
    COMMANDS+=("${line% }${REDIRECT:+ > $REDIRECT}")
}

# measure NAME CMD... : runs CMD under /usr/bin/time; stdout goes to
# $REDIRECT when set, else to $DIR/NAME.out; stderr to $DIR/NAME.err.
# Sets SECS, KIB and RC.
measure() {
    local name=$1
    shift
    record "$@"
    local out=${REDIRECT:-$DIR/$name.out}
    RC=0
    # Earlier steps' writes are flushed first, so their write-back does not
    # land in this measurement.
    sync
    /usr/bin/time -f '%e %M' -o "$DIR/$name.time" "$@" >"$out" 2>"$DIR/$name.err" || RC=$?
    read -r SECS KIB < <(tail -n 1 "$DIR/$name.time")
    log "  $name: ${SECS}s, ${KIB} KiB, exit $RC"
}

# Reads a file into the page cache. credit drops the pages of a file it has
# read from the cache (src/ingest/reader.rs, DropBehind); each measured
# import starts with its input cached, whoever ran before it.
warm() { cat "$1" >/dev/null; }

# Number formatting.
rate() { awk -v n="$1" -v s="$2" 'BEGIN { r = (s > 0) ? n / s : 0; printf "%.0f", r }'; }
human() {
    awk -v r="$1" 'BEGIN {
        if (r >= 1e6) printf "%.2fM", r / 1e6;
        else if (r >= 1e3) printf "%.1fk", r / 1e3;
        else printf "%.0f", r }'
}
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
json_field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read())[sys.argv[1]])' "$1"; }

ROWS_MD=()
row() { ROWS_MD+=("| $1 | $2 | $3 | $4 |"); }

# Checks a `credit import --format json` summary: every row in, none rejected.
import_note() {
    local file=$1 expected=$2 rows rejected
    rows=$(json_field rows <"$file" 2>/dev/null || echo "?")
    rejected=$(json_field rejected <"$file" 2>/dev/null || echo "?")
    if [[ $rows != "$expected" || $rejected != 0 ]]; then
        printf ' (**%s rows read, %s rejected**)' "$rows" "$rejected"
    fi
}

fresh_store() {
    rm -f "$1"
    "$CREDIT" --db "$1" --quiet init >/dev/null
}

# --- inputs -----------------------------------------------------------------

log "generating inputs in $DIR"
gen() {
    record "$GEN" "$@"
    "$GEN" "$@" 2>>"$DIR/gen.log"
}
gen codes "$ROWS" --out "$DIR/codes.csv"
gen penalties "$ROWS" --out "$DIR/penalties.csv"
gen penalties "$ROWS_TENTH" --out "$DIR/penalties-tenth.csv"
gen penalties "$ROWS" --encoding gb18030 --out "$DIR/penalties-gb18030.csv"
gen penalties "$ROWS" --format xlsx --out "$DIR/penalties.xlsx"
# Another seed delivers mostly the same decisions with other content.
gen penalties "$ROWS" --seed 3 --out "$DIR/penalties-corrections.csv"
HAVE_RESOLVE=0
if "$CREDIT" resolve --help >/dev/null 2>&1 && "$CREDIT" import mappings --help >/dev/null 2>&1; then
    HAVE_RESOLVE=1
    gen resolve "$ROWS" --out "$DIR/resolve"
fi
PENALTY_BYTES=$(stat -c %s "$DIR/penalties.csv")
cat "$DIR/gen.log" >&2

# --- a. USCC validation in-process --------------------------------------------

log "a. USCC validation in-process ($CODES_N codes)"
record env CODES_N="$CODES_N" CODES_OUT="$DIR/valid-codes.txt" cargo bench --bench codes
CODES_N=$CODES_N CODES_OUT=$DIR/valid-codes.txt cargo bench --bench codes 2>"$DIR/bench.err" | tee "$DIR/bench.out" >&2
PARSE_RATE=$(awk '$1 == "RESULT" && $2 == "uscc_parse" { print $3 }' "$DIR/bench.out")
CHECK_RATE=$(awk '$1 == "RESULT" && $2 == "codes_check" { print $3 }' "$DIR/bench.out")

cat >"$DIR/stdnum_inprocess.py" <<'EOF'
# python-stdnum in-process: stdnum.cn.uscc.is_valid over the codes, best of 3;
# only the loop is timed.
import sys, time
from stdnum.cn import uscc
codes = open(sys.argv[1]).read().split()
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    valid = sum(1 for c in codes if uscc.is_valid(c))
    best = min(best, time.perf_counter() - start)
print(f"{len(codes) / best:.0f} {valid} {len(codes)}")
EOF
record python3 "$DIR/stdnum_inprocess.py" "$DIR/valid-codes.txt"
read -r STDNUM_RATE STDNUM_VALID STDNUM_N < <(python3 "$DIR/stdnum_inprocess.py" "$DIR/valid-codes.txt")
log "  stdnum: $STDNUM_RATE codes/s ($STDNUM_VALID of $STDNUM_N valid)"
STDNUM_VERSION=$(python3 -c 'import stdnum; print(stdnum.__version__)')
NOTE=
if [[ $STDNUM_VALID != "$STDNUM_N" ]]; then NOTE=" ($STDNUM_VALID of $STDNUM_N valid!)"; fi
row "USCC validation in-process, $CODES_N valid codes: \`Uscc::parse\` vs stdnum \`cn.uscc.is_valid\`" \
    "$(human "$PARSE_RATE") codes/s" \
    "$(human "$STDNUM_RATE") codes/s (python-stdnum $STDNUM_VERSION)$NOTE" \
    "×$(ratio "$PARSE_RATE" "$STDNUM_RATE") throughput"
row "USCC validation in-process: \`codes::check\` (normalise, detect, both checks, division name) vs the same" \
    "$(human "$CHECK_RATE") codes/s" \
    "$(human "$STDNUM_RATE") codes/s" \
    "×$(ratio "$CHECK_RATE" "$STDNUM_RATE") throughput"

# --- b. code check end-to-end -------------------------------------------------

log "b. code check end-to-end ($ROWS codes)"
cat >"$DIR/stdnum_check.py" <<'EOF'
# The anchor for `credit code check`: read the CSV column, validate with
# python-stdnum, write one JSON line per code.
import csv, json, sys
from stdnum import exceptions
from stdnum.cn import uscc
write = sys.stdout.write
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        code = row[sys.argv[2]]
        normalized = uscc.compact(code)
        try:
            uscc.validate(normalized)
            valid, error = True, None
        except exceptions.ValidationError as e:
            valid, error = False, str(e)
        write(json.dumps({"input": code, "normalized": normalized, "kind": "uscc",
                          "valid": valid, "error": error}, ensure_ascii=False) + "\n")
EOF
REDIRECT=/dev/null measure check-credit "$CREDIT" --format jsonl code check --input "$DIR/codes.csv" --column code
CHECK_SECS=$SECS CHECK_KIB=$KIB CHECK_RC=$RC
REDIRECT=/dev/null measure check-stdnum python3 "$DIR/stdnum_check.py" "$DIR/codes.csv" code
NOTE=
if [[ $CHECK_RC != 3 ]]; then NOTE=" (exit $CHECK_RC, expected 3)"; fi
row "\`credit --format jsonl code check --input codes.csv --column code\`, $ROWS codes (~10% invalid), CSV → JSON lines" \
    "$(human "$(rate "$ROWS" "$CHECK_SECS")") codes/s, $(mib "$CHECK_KIB")$NOTE" \
    "$(human "$(rate "$ROWS" "$SECS")") codes/s, $(mib "$KIB") (python csv + stdnum + json)" \
    "×$(ratio "$SECS" "$CHECK_SECS") throughput"

# --- c, d. import penalties, N and N/10 rows ------------------------------------

# The median of an odd list of numbers.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n 1; }

# One import of N rows from FILE into a new store, its file read once
# beforehand; the store is removed after. Sets SECS and KIB.
credit_import() { # rows file
    fresh_store "$DIR/bench.db"
    warm "$2"
    measure "import-$1" "$CREDIT" --db "$DIR/bench.db" --format json import penalties "$2"
    rm -f "$DIR/bench.db"*
}

# sqlite3's .import of the same file into a new table, alike.
sqlite_import() { # rows file
    rm -f "$DIR/fresh.db"
    warm "$2"
    measure "sqlite-$1" sqlite3 -csv "$DIR/fresh.db" ".import $2 t"
    rm -f "$DIR/fresh.db"
}

# Runs credit and sqlite3 alternately $REPEAT times (default 5), or as many
# as given, on the same file, so that both meet the same machine, and
# reports each one's median time and its largest peak RSS.
REPEAT=${REPEAT:-5}
import_vs_sqlite() { # label rows file [runs]
    local label=$1 n=$2 file=$3 runs=${4:-$REPEAT} i note
    local credit_secs=() credit_kib=() sqlite_secs=() sqlite_kib=()
    for ((i = 1; i <= runs; i++)); do
        credit_import "$n" "$file"
        credit_secs+=("$SECS") credit_kib+=("$KIB")
        note=$(import_note "$DIR/import-$n.out" "$n")
        sqlite_import "$n" "$file"
        sqlite_secs+=("$SECS") sqlite_kib+=("$KIB")
        # The command list shows each command once.
        if ((i < runs)); then unset 'COMMANDS[-1]' 'COMMANDS[-2]'; fi
    done
    IMPORT_SECS=$(median "${credit_secs[@]}") SQLITE_SECS=$(median "${sqlite_secs[@]}")
    local kib skib
    kib=$(maximum "${credit_kib[@]}") skib=$(maximum "${sqlite_kib[@]}")
    log "  median of $runs: credit ${IMPORT_SECS}s (${credit_secs[*]}), sqlite3 ${SQLITE_SECS}s (${sqlite_secs[*]})"
    row "$label" \
        "$IMPORT_SECS s, $(mib "$kib"), $(human "$(rate "$n" "$IMPORT_SECS")") rows/s$note" \
        "$SQLITE_SECS s, $(mib "$skib") (sqlite3 .import into a new table)" \
        "$(ratio "$IMPORT_SECS" "$SQLITE_SECS") time"
}

log "c. import penalties ($ROWS rows, $((PENALTY_BYTES / 1048576)) MiB)"
import_vs_sqlite "\`credit import penalties\`, $ROWS rows UTF-8 CSV ($((PENALTY_BYTES / 1048576)) MiB), new store" "$ROWS" "$DIR/penalties.csv"
FULL_SECS=$IMPORT_SECS FULL_SQLITE=$SQLITE_SECS
log "d. import penalties ($ROWS_TENTH rows)"
import_vs_sqlite "\`credit import penalties\`, $ROWS_TENTH rows UTF-8 CSV, new store" "$ROWS_TENTH" "$DIR/penalties-tenth.csv"
row "scaling: time for $ROWS rows / time for $ROWS_TENTH rows (10× the rows; ≤ 11 expected)" \
    "$(ratio "$FULL_SECS" "$IMPORT_SECS")" "$(ratio "$FULL_SQLITE" "$SQLITE_SECS") (sqlite3)" "—"

# --- e. GB18030 and xlsx ----------------------------------------------------

log "e. import penalties, GB18030 and xlsx"
# The same rows as the UTF-8 file in another form, against credit's UTF-8 time.
import_vs_utf8() { # name file label
    fresh_store "$DIR/bench.db"
    warm "$2"
    measure "$1" "$CREDIT" --db "$DIR/bench.db" --format json import penalties "$2"
    NOTE=$(import_note "$DIR/$1.out" "$ROWS")
    rm -f "$DIR/bench.db"*
    row "\`credit import penalties\`, $ROWS rows $3, new store" \
        "$SECS s, $(mib "$KIB"), $(human "$(rate "$ROWS" "$SECS")") rows/s$NOTE" \
        "$FULL_SECS s, $(human "$(rate "$ROWS" "$FULL_SECS")") rows/s (credit, same rows in UTF-8 CSV)" \
        "$(ratio "$SECS" "$FULL_SECS") time"
}
import_vs_utf8 import-gb18030 "$DIR/penalties-gb18030.csv" "GB18030 CSV"
import_vs_utf8 import-xlsx "$DIR/penalties.xlsx" "xlsx (decision date as date cells)"

log "e2. import penalties into a store holding the $ROWS rows"
# Imports FILE into a store where penalties.csv was imported first, against
# credit's time for penalties.csv into a new store.
import_into_held() { # name file label
    local name=$1 file=$2 label=$3 updated unchanged
    fresh_store "$DIR/bench.db"
    record "$CREDIT" --db "$DIR/bench.db" --quiet import penalties "$DIR/penalties.csv"
    "$CREDIT" --db "$DIR/bench.db" --quiet import penalties "$DIR/penalties.csv" >/dev/null
    warm "$file"
    measure "$name" "$CREDIT" --db "$DIR/bench.db" --format json import penalties "$file"
    NOTE=$(import_note "$DIR/$name.out" "$ROWS")
    updated=$(json_field updated <"$DIR/$name.out" 2>/dev/null || echo "?")
    unchanged=$(json_field unchanged <"$DIR/$name.out" 2>/dev/null || echo "?")
    rm -f "$DIR/bench.db"*
    row "\`credit import penalties\`, $ROWS rows $label, into the store of the first $ROWS ($updated updated, $unchanged unchanged)" \
        "$SECS s, $(mib "$KIB"), $(human "$(rate "$ROWS" "$SECS")") rows/s$NOTE" \
        "$FULL_SECS s (credit, the first $ROWS rows into a new store)" \
        "$(ratio "$SECS" "$FULL_SECS") time"
}
import_into_held import-again "$DIR/penalties.csv" "UTF-8 CSV, the same file again"
import_into_held import-corrections "$DIR/penalties-corrections.csv" "UTF-8 CSV correcting most records (\`gen --seed 3\`)"

# --- f. resolve -----------------------------------------------------------------

# Imports FILE as KIND into the bench store, which keeps it for what comes
# next, and has sqlite3 .import it into a new table; adds a row for both.
import_once_vs_sqlite() { # kind file rows label
    local kind=$1 file=$2 n=$3 label=$4 secs kib note
    warm "$file"
    measure "import-$kind" "$CREDIT" --db "$DIR/bench.db" --format json import "$kind" "$file"
    secs=$SECS kib=$KIB
    note=$(import_note "$DIR/import-$kind.out" "$n")
    warm "$file"
    measure "sqlite-$kind" sqlite3 -csv "$DIR/fresh.db" ".import $file t"
    rm -f "$DIR/fresh.db"
    row "$label" \
        "$secs s, $(mib "$kib"), $(human "$(rate "$n" "$secs")") rows/s$note" \
        "$SECS s, $(mib "$KIB") (sqlite3 .import into a new table)" \
        "$(ratio "$secs" "$SECS") time"
}

if ((HAVE_RESOLVE)); then
    log "f. subjects, mappings and resolve ($ROWS)"
    fresh_store "$DIR/bench.db"
    SUBJECT_ROWS=$(($(wc -l <"$DIR/resolve-subjects.csv") - 1))
    import_once_vs_sqlite subjects "$DIR/resolve-subjects.csv" "$SUBJECT_ROWS" \
        "\`credit import subjects\`, $SUBJECT_ROWS register rows (USCC, name, kind, legal representative, old codes), new store"
    import_once_vs_sqlite mappings "$DIR/resolve-mappings.csv" "$ROWS" \
        "\`credit import mappings\`, $ROWS old code → USCC rows"
    measure resolve "$CREDIT" --db "$DIR/bench.db" resolve --input "$DIR/resolve-old-codes.csv" --column old_code --output "$DIR/resolved.csv"
    RES_SECS=$SECS RES_KIB=$KIB RES_RC=$RC
    SUMMARY=$(tail -n 1 "$DIR/resolve.err")
    rm -f "$DIR/bench.db"*
    measure sqlite-resolve sqlite3 -csv :memory: \
        ".import $DIR/resolve-mappings.csv m" ".import $DIR/resolve-old-codes.csv o" \
        "CREATE INDEX m_old ON m(旧代码)" ".output $DIR/sqlite-resolved.csv" \
        "SELECT o.old_code, o.name, m.统一社会信用代码 FROM o LEFT JOIN m ON m.旧代码 = o.old_code"
    row "\`credit resolve --input old-codes.csv --column old_code --output out.csv\`, $ROWS codes (60% mapped, 30% embedded, 10% unknown; exit $RES_RC)" \
        "$RES_SECS s, $(mib "$RES_KIB"), $(human "$(rate "$ROWS" "$RES_SECS")") codes/s" \
        "$SECS s, $(mib "$KIB") (sqlite3: .import both + indexed LEFT JOIN on the mapping only)" \
        "$(ratio "$RES_SECS" "$SECS") time"
    log "  credit resolve: $SUMMARY"
else
    row "\`credit import mappings\`, $ROWS rows" "not available" "—" "—"
    row "\`credit resolve --input old-codes.csv --column old_code\`, $ROWS codes" "not available" "—" "—"
fi

# --- g. past N rows (only with LARGE) -------------------------------------------

# LARGE=K also imports K times N rows, LARGE_ROUNDS times (default 5): how
# time grows past the N-row file (the target is 10× the rows in at most 11×
# the time, peak memory under 100 MiB). A round imports the N-row file and
# the K×N-row one back to back, credit's then sqlite3's, so that both sizes
# meet the machine in the same state; the scaling is the median of the
# rounds' ratios, for credit and for sqlite3 alike. Last, so that the
# measurements above do not meet a machine just through tens of GB written.
if [[ -n $LARGE ]]; then
    LARGE_ROWS=$((ROWS * LARGE))
    # Five: one round's ratio has moved between 8.7 and 14.6 on this
    # machine, sqlite3's between 8.8 and 13.4.
    LARGE_ROUNDS=${LARGE_ROUNDS:-5}
    log "g. import penalties ($LARGE_ROWS rows and $ROWS rows, $LARGE_ROUNDS rounds)"
    gen penalties "$LARGE_ROWS" --out "$DIR/penalties-large.csv"
    large_secs=() large_kib=() large_sqlite=() large_sqlite_kib=() scaling=() scaling_sqlite=()
    for ((i = 1; i <= LARGE_ROUNDS; i++)); do
        credit_import "$ROWS" "$DIR/penalties.csv"
        small=$SECS
        credit_import "$LARGE_ROWS" "$DIR/penalties-large.csv"
        large_secs+=("$SECS") large_kib+=("$KIB") scaling+=("$(ratio "$SECS" "$small")")
        note=$(import_note "$DIR/import-$LARGE_ROWS.out" "$LARGE_ROWS")
        SUBJECTS=$(json_field subjects_created <"$DIR/import-$LARGE_ROWS.out" 2>/dev/null || echo "?")
        sqlite_import "$ROWS" "$DIR/penalties.csv"
        small=$SECS
        sqlite_import "$LARGE_ROWS" "$DIR/penalties-large.csv"
        large_sqlite+=("$SECS") large_sqlite_kib+=("$KIB") scaling_sqlite+=("$(ratio "$SECS" "$small")")
        # The command list shows each command once; the N-row ones are there.
        unset 'COMMANDS[-1]' 'COMMANDS[-2]' 'COMMANDS[-3]' 'COMMANDS[-4]'
        if ((i == LARGE_ROUNDS)); then
            record "$CREDIT" --db "$DIR/bench.db" --format json import penalties "$DIR/penalties-large.csv"
            record sqlite3 -csv "$DIR/fresh.db" ".import $DIR/penalties-large.csv t"
        fi
    done
    rm -f "$DIR/penalties-large.csv"
    log "  $LARGE_ROUNDS rounds: credit ${large_secs[*]} s (×${scaling[*]}), sqlite3 ${large_sqlite[*]} s (×${scaling_sqlite[*]})"
    LARGE_SECS=$(median "${large_secs[@]}") LARGE_SQLITE=$(median "${large_sqlite[@]}")
    row "\`credit import penalties\`, $LARGE_ROWS rows UTF-8 CSV, new store, median of $LARGE_ROUNDS rounds" \
        "$LARGE_SECS s, $(mib "$(maximum "${large_kib[@]}")"), $(human "$(rate "$LARGE_ROWS" "$LARGE_SECS")") rows/s$note" \
        "$LARGE_SQLITE s, $(mib "$(maximum "${large_sqlite_kib[@]}")") (sqlite3 .import into a new table)" \
        "$(ratio "$LARGE_SECS" "$LARGE_SQLITE") time"
    row "scaling: time for $LARGE_ROWS rows ($SUBJECTS subjects) / time for $ROWS rows in the same round, median of $LARGE_ROUNDS rounds (${scaling[*]}; $LARGE× the rows; ≤ $(awk -v k="$LARGE" 'BEGIN { printf "%.1f", k * 1.1 }') expected)" \
        "$(median "${scaling[@]}")" "$(median "${scaling_sqlite[@]}") (sqlite3: ${scaling_sqlite[*]})" "—"
fi

# --- report -----------------------------------------------------------------------

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
    echo "# Performance"
    echo
    echo "Produced by \`${LARGE:+LARGE=$LARGE }${LARGE:+${LARGE_ROUNDS:+LARGE_ROUNDS=$LARGE_ROUNDS }}bash benches/run.sh $ROWS\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':!benches/results.md' 2>/dev/null || echo ' (with local changes)')."
    echo
    echo "Machine: $(nproc) CPUs ($CPU), $MEM RAM, $(uname -sr); $(rustc --version); sqlite3 $(sqlite3 --version | cut -d' ' -f1); $(python3 --version), python-stdnum $STDNUM_VERSION."
    echo "Times are wall-clock seconds and peak resident memory from \`/usr/bin/time -f '%e %M'\`; in-process rates are the best of several runs over data in memory. The UTF-8 penalty imports and their sqlite3 anchor run alternately $REPEAT times: the median time and the largest peak are shown."
    echo "Penalty rows are generated by \`examples/gen.rs\`, all valid, about $((PENALTY_BYTES / ROWS)) bytes per row in UTF-8, about $((ROWS / 5)) distinct subjects."
    echo
    echo "| measurement | credit | anchor | ratio |"
    echo "|---|---|---|---|"
    printf '%s\n' "${ROWS_MD[@]}"
    echo
    echo "Ratios: \"throughput\" is credit's rate over the anchor's (higher is better for credit); \"time\" is credit's time over the anchor's (lower is better)."
    echo
    echo "Commands:"
    echo
    echo '```'
    printf '%s\n' "${COMMANDS[@]}"
    echo '```'
} >"$ROOT/benches/results.md"
cat "$ROOT/benches/results.md"
log "wrote benches/results.md; inputs in $DIR$([[ -n ${BENCH_DIR:-} || ${BENCH_KEEP:-0} == 1 ]] || echo ' (removed on exit)')"
