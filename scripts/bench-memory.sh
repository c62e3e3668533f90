#!/usr/bin/env bash
# Peak memory of `check` on inputs of size N and 2N, per shape: peak RSS should at most double
# when the input doubles, and the growth per input MB (the slope) is the memory a document
# costs beyond the program's own. Not a test: a table to read (docs/ARCHITECTURE.md, "Memory").
#
#   cargo build --release -j 1 --workspace   # the binary and the built-in plugins
#   scripts/bench-memory.sh [MB]             # N in MB (default 2; 2N must stay within the
#                                            # limits: 8 MB of text, 500,000 lines)
#
# Shapes: blank lines (of 16 spaces), short lines (one short sentence each, a paragraph per
# line), one long line of prose with findings all along it, many tab tables, a seed disclosure
# repeated, and a real published disclosure (pdftotext -layout text from
# ../shared/corpus/real/txt, skipped when that folder is absent) repeated. A run that is
# refused (over a limit) shows as "refused". Peak RSS comes from
# /usr/bin/time (Debian package `time`). BUDGETLINT=path picks another binary, FORMAT another
# output format (default json, the largest output).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BUDGETLINT:-target/release/budgetlint}
MB=${1:-2}
FORMAT=${FORMAT:-json}
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release -j 1 --workspace" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
SEED=$(ls tests/fixtures/seeds/*.txt | head -n 1)
REAL=$(ls ../shared/corpus/real/txt/*.txt 2>/dev/null | head -n 1 || true)

# gen SHAPE BYTES FILE
gen() {
    python3 - "$1" "$2" "$3" "$SEED" "$REAL" <<'PY'
import sys
shape, size, out, seed, real = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
def repeat(unit):
    return unit * max(1, size // len(unit.encode()))
if shape == "blank":
    data = repeat(" " * 16 + "\n")
elif shape == "short":
    data = repeat("一二三。\n")
elif shape == "long-line":
    data = repeat("本部门2021年一般公共预算支出合计10785.51万元，较上年增加12.5%，XXX单位。")
elif shape == "tables":
    row = "2010101\t行政运行\t1,234.56\t1,000.00\t234.56\n"
    data = repeat("单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n" + row * 20 + "\n")
elif shape == "seed":
    data = repeat(open(seed, encoding="utf-8").read())
else:
    data = repeat(open(real, encoding="utf-8").read())
open(out, "w", encoding="utf-8").write(data)
PY
}

# peak FILE: peak RSS in KB of one check, or "refused" when the file is over a limit
peak() {
    local out
    # --lang en: the refusal is matched by its English words (Chinese is the default); it is
    # the file's error, in the output (stdout), not on stderr.
    out=$(/usr/bin/time -f "%M" "$BIN" check --lang en --format "$FORMAT" "$1" 2>&1 >"$DIR/out" || true)
    case $out$(head -c 4096 "$DIR/out") in
        *"too much text"*|*"too many lines"*) echo refused ;;
        *) echo "$out" | tail -n 1 ;;
    esac
}

printf '%-10s %6s %10s %6s %10s %6s %12s\n' shape N "RSS(N)" 2N "RSS(2N)" ratio "MB per MB"
n=$(awk -v m="$MB" 'BEGIN { printf "%d", m * 1000000 }')
for shape in blank short long-line tables seed real; do
    if [ "$shape" = real ] && [ -z "$REAL" ]; then
        echo "real: skipped (no ../shared/corpus/real/txt)"
        continue
    fi
    gen "$shape" "$n" "$DIR/$shape-1.txt"
    gen "$shape" $(( 2 * n )) "$DIR/$shape-2.txt"
    s1=$(stat -c %s "$DIR/$shape-1.txt"); s2=$(stat -c %s "$DIR/$shape-2.txt")
    r1=$(peak "$DIR/$shape-1.txt"); r2=$(peak "$DIR/$shape-2.txt")
    if [ "$r1" = refused ] || [ "$r2" = refused ]; then
        printf '%-10s %6s %10s %6s %10s\n' "$shape" "$s1" "$r1" "$s2" "$r2"
        continue
    fi
    awk -v sh="$shape" -v s1="$s1" -v s2="$s2" -v r1="$r1" -v r2="$r2" 'BEGIN {
        printf "%-10s %5.1fM %8.0f MB %5.1fM %8.0f MB %6.2f %12.1f\n", sh, s1/1e6, r1/1024, s2/1e6, r2/1024,
            r2/r1, (r2 - r1) / 1024 / ((s2 - s1) / 1e6) }'
done
