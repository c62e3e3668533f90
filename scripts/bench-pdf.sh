#!/usr/bin/env bash
# PDF reading + checking speed, side by side with `pdftotext -layout` alone over the same PDFs
# in the same run (issue "Read disclosures as they are published").
#
#   scripts/bench-pdf.sh [DIR_OR_PDFS...]     (default: ../shared/corpus/real/docs/*.pdf)
#
# Builds the release binary and plugins (or uses BIN=path/to/budgetlint, built with its plugins
# beside it), then for each of ROUNDS rounds times, back to back:
#   1. pdftotext -layout on every PDF (what a user converting the PDFs themselves runs);
#   2. budgetlint dump-text on every PDF (reading: pdf_oxide in process + layout rebuild);
#   3. the same with BUDGETLINT_PDF_TEXT=pdftotext (pdftotext -bbox-layout + layout rebuild);
#   4. budgetlint check --format json on all PDFs (reading + parsing + every built-in rule).
# Prints the best round of each as wall seconds and pages per second. Needs poppler-utils.
# The editor's view of a PDF (time to first diagnostics): scripts/lsp-pdf-first-diagnostics.py.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}

if [ "$#" -gt 0 ]; then pdfs=("$@"); else pdfs=(../shared/corpus/real/docs/*.pdf); fi
command -v pdftotext >/dev/null || { echo "bench-pdf: pdftotext (poppler-utils) is not installed" >&2; exit 2; }
command -v pdfinfo >/dev/null || { echo "bench-pdf: pdfinfo (poppler-utils) is not installed" >&2; exit 2; }

if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --workspace -q
  bin=target/release/budgetlint
fi

pages=0
for f in "${pdfs[@]}"; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pages=$((pages + ${n:-0}))
done

best() { # best wall time in seconds of ROUNDS runs of "$@"
  local best=""
  for _ in $(seq "$ROUNDS"); do
    local start end t
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

layout_all() { for f in "${pdfs[@]}"; do pdftotext -layout -q "$f" - ; done; }
read_all() { for f in "${pdfs[@]}"; do BUDGETLINT_PDF_TEXT=oxide "$bin" dump-text "$f"; done; }
read_poppler() { for f in "${pdfs[@]}"; do BUDGETLINT_PDF_TEXT=pdftotext "$bin" dump-text "$f"; done; }
check_all() { "$bin" check --format json --exit-zero "${pdfs[@]}"; }

t_layout=$(best layout_all)
t_read=$(best read_all)
t_read_poppler=$(best read_poppler)
t_check=$(best check_all)

printf '%d PDFs, %d pages, best of %d rounds\n' "${#pdfs[@]}" "$pages" "$ROUNDS"
printf '%-44s %8s %10s\n' "" "seconds" "pages/s"
for row in "pdftotext -layout (alone):$t_layout" "budgetlint dump-text (read, pdf_oxide):$t_read" \
  "budgetlint dump-text (read, via pdftotext):$t_read_poppler" "budgetlint check (read + all rules):$t_check"; do
  name=${row%%:*}; t=${row##*:}
  printf '%-44s %8.3f %10.1f\n' "$name" "$t" "$(echo "$pages / $t" | bc -l)"
done
