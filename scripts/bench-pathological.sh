#!/usr/bin/env bash
# Pathological inputs at size N and 2N through the release binary: each case's time should at
# most (about) double when its input doubles. Not a test: a table to read.
#
#   cargo build --release -j 1 --workspace   # the binary and the built-in plugins
#   scripts/bench-pathological.sh [SCALE]
#
# SCALE (default 1) multiplies every size. BUDGETLINT=path/to/budgetlint picks another binary;
# LIMIT (seconds, default 600) stops a run, shown as ">LIMIT".
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BUDGETLINT:-target/release/budgetlint}
SCALE=${1:-1}
LIMIT=${LIMIT:-600}
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release -j 1 --workspace" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to generate the inputs" >&2; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
SEED=$(ls tests/fixtures/seeds/*.txt | head -n 1)

# gen CASE SIZE FILE: writes the input of CASE at about SIZE (a count or bytes, per case).
gen() {
    python3 - "$1" "$2" "$3" "$SEED" <<'PY'
import sys
case, size, out, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if case == "tabs":            # one line of SIZE tabs
    data = "\t" * size
elif case == "empty-cells":   # a 绩效目标表 key and SIZE empty cells on one line
    data = "项目名称" + "\t" * size + "合计\n"
elif case == "long-line":     # SIZE bytes of prose on one line, findings all along it
    unit = "本部门2021年一般公共预算支出合计10785.51万元，较上年增加12.5%，XXX单位。"
    data = unit * (size // len(unit.encode()))
elif case == "paragraphs":    # SIZE bytes of short, similar paragraphs (differing in digits)
    parts, n, i = [], 0, 0
    while n < size:
        p = f"（{i}）按照预算管理有关规定，我县部门预算编制实行综合预算管理第{i}项。\n\n"
        parts.append(p); n += len(p.encode()); i += 1
    data = "".join(parts)
elif case == "layout-rows":   # SIZE rows of a two-sided table as pdftotext -layout sets
    rows = []                 # them (amounts run into the next cell), over two pages
    for i in range(size):
        left = f"第{i}项收入{'甲' * (i % 9 + 1)}".ljust(20)
        rows.append(left + f"{i % 99991}.{i % 89 + 10} 二、第{i}项支出".ljust(30) + f"{i % 997}.00")
        if i == size // 2:
            rows.append("\f")
    data = "\n".join(rows) + "\n\f"
elif case == "big-file":      # a seed disclosure repeated to SIZE bytes
    text = open(seed, encoding="utf-8").read()
    data = text * max(1, size // len(text.encode()))
open(out, "w", encoding="utf-8").write(data)
PY
}

run() {
    local start end status=0
    start=$(date +%s.%N)
    timeout "$LIMIT" "$BIN" check --format json "$1" >/dev/null 2>&1 || status=$?
    end=$(date +%s.%N)
    if [ "$status" = 124 ]; then echo ">$LIMIT"; return; fi
    echo "$start $end" | awk '{printf "%.2f", $2 - $1}'
}

printf '%-12s %12s %9s %12s %9s %7s\n' case N "time(N)" 2N "time(2N)" ratio
for spec in "tabs 200000" "empty-cells 200000" "long-line 2000000" "paragraphs 1000000" "big-file 3000000" "layout-rows 20000"; do
    set -- $spec
    n=$(awk -v a="$2" -v s="$SCALE" 'BEGIN { printf "%d", a * s }')
    gen "$1" "$n" "$DIR/$1-1.txt"
    gen "$1" $(( 2 * n )) "$DIR/$1-2.txt"
    t1=$(run "$DIR/$1-1.txt")
    t2=$(run "$DIR/$1-2.txt")
    ratio=$(echo "$t1 $t2" | awk '{ if ($1 > 0 && $2 !~ />/) printf "%.2f", $2 / $1; else print "-" }')
    printf '%-12s %12s %9s %12s %9s %7s\n' "$1" "$n" "$t1" $(( 2 * n )) "$t2" "$ratio"
done
