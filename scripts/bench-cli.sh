#!/usr/bin/env bash
# Benchmark of `budgetlint check` on a batch: the five seed disclosures copied COPIES times
# (default 200, i.e. 1000 files) into a temporary directory, checked with every built-in plugin
# (release build) and `--format json`. Prints wall time (best of RUNS, default 3), the CPU time
# of that run (the wall time is only meaningful on an otherwise idle machine), files/s, MB/s
# and peak RSS (from /usr/bin/time -v, Debian package `time`).
#
#   scripts/bench-cli.sh            # build (release) and run
#   COPIES=50 RUNS=1 scripts/bench-cli.sh
#   NO_BUILD=1 scripts/bench-cli.sh # use the existing target/release build
#   BIN=/tmp/old/budgetlint NO_BUILD=1 scripts/bench-cli.sh   # another build (its plugins beside
#                                   # it), e.g. the previous commit's, to compare back to back
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-200}
RUNS=${RUNS:-3}

if [[ -z "${NO_BUILD:-}" ]]; then
    packages=(-p budgetlint-cli)
    for manifest in plugins/*/Cargo.toml; do
        packages+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n1)")
    done
    cargo build --release --quiet "${packages[@]}"
fi
bin=${BIN:-target/release/budgetlint}
plugins=$(ls "$(dirname "$bin")" | grep -c '^libbudgetlint_plugin_.*\.so$' || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/docs"
for i in $(seq -w 1 "$COPIES"); do
    for seed in tests/fixtures/seeds/*.txt; do
        cp "$seed" "$work/docs/${i}_$(basename "$seed")"
    done
done
files=$(find "$work/docs" -name '*.txt' | wc -l)
bytes=$(cat "$work/docs"/*.txt | wc -c)
# An empty rules.toml next to the documents: every plugin found beside the binary runs.
: > "$work/rules.toml"

best=""
rss=0
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -v -o "$work/time.txt" "$bin" check --format json --exit-zero --no-progress "$work/docs" > "$work/out.json"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time.txt")
    echo "run $run: ${wall} s wall, ${cpu} s CPU (user+system), peak RSS ${peak} KB"
    if [[ -z "$best" ]] || awk "BEGIN { exit !($wall < $best) }"; then best=$wall; best_cpu=$cpu; fi
    if (( peak > rss )); then rss=$peak; fi
done

findings=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"]+s["infos"], "findings,", s["file_errors"], "file errors,", len(s["problems"]), "load problems")' "$work/out.json")
awk -v f="$files" -v b="$bytes" -v t="$best" -v u="$best_cpu" -v r="$rss" -v p="$plugins" -v n="$findings" -v c="$(nproc)" 'BEGIN {
    printf "%d files, %.1f MB, %d plugin libraries, %d cores: best wall %.2f s (%.2f s CPU), %.0f files/s, %.1f MB/s, peak RSS %.1f MB (%s)\n",
        f, b / 1e6, p, c, t, u, f / t, b / 1e6 / t, r / 1024, n
}'
