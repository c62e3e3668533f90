#!/usr/bin/env bash
# Instructions `budgetlint check --format json` executes per document, counted by valgrind's
# callgrind: unlike bench-cli.sh's wall and CPU times, the count does not move with the load of
# a shared machine, so two builds can be compared while others are building. The five seed
# disclosures are checked twice over (10 files) and four times over (20 files) in one process
# each; the difference is the cost of 10 files without the start-up (plugin loading, the
# automata built on first use). Needs valgrind (Debian package `valgrind`); a release build
# (`cargo build --release --workspace`; the plugins beside the binary).
#
#   scripts/bench-instructions.sh                         # target/release/budgetlint
#   scripts/bench-instructions.sh /tmp/old/budgetlint target/release/budgetlint
#
# Each binary's callgrind profiles are kept in the temporary directory it prints (open them
# with `callgrind_annotate --inclusive=yes FILE` to see where the instructions go).
set -euo pipefail
cd "$(dirname "$0")/.."
bins=("$@")
if [[ ${#bins[@]} -eq 0 ]]; then
    bins=(target/release/budgetlint)
fi

work=$(mktemp -d)
for copies in 2 4; do
    mkdir -p "$work/docs$copies"
    for i in $(seq 1 "$copies"); do
        for seed in tests/fixtures/seeds/*.txt; do
            cp "$seed" "$work/docs$copies/${i}_$(basename "$seed")"
        done
    done
done
# An empty rules.toml above the documents: every plugin found beside the binary runs.
: > "$work/rules.toml"

# Instructions of one run of `$1` on the folder `$2`, its profile written to `$3`.
count() {
    valgrind --tool=callgrind --callgrind-out-file="$3" "$1" check --format json --exit-zero \
        --no-progress "$2" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}

n=0
for bin in "${bins[@]}"; do
    n=$((n + 1))
    ten=$(count "$bin" "$work/docs2" "$work/callgrind.$n.10.out")
    twenty=$(count "$bin" "$work/docs4" "$work/callgrind.$n.20.out")
    awk -v b="$bin" -v t="$ten" -v w="$twenty" 'BEGIN {
        printf "%s: %.0fM instructions per 10 seed files (10 files %.0fM, 20 files %.0fM)\n",
            b, (w - t) / 1e6, t / 1e6, w / 1e6
    }'
done
echo "profiles: $work"
