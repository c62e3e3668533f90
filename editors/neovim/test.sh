#!/usr/bin/env bash
# Neovim end-to-end test: headless Neovim with its built-in LSP client and
# editors/neovim/budgetlint.lua opens a copy of seed 000 and must receive budgetlint's
# diagnostics at the right places (byte columns after Neovim's own UTF-16 conversion).
#
# Usage: editors/neovim/test.sh            (builds nothing; uses $BUDGETLINT_BIN or target/debug/budgetlint)
# Installs Debian's neovim with apt-get when nvim is missing and we are root. Exit codes:
# 0 pass, 1 wrong findings, 2 no diagnostics, 77 skipped (no nvim and no way to install it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${BUDGETLINT_BIN:-$root/target/debug/budgetlint}"

if ! command -v nvim >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing neovim from Debian's packages" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim; } >&2; then
      echo "SKIP: nvim is not installed and apt-get could not install it" >&2
      exit 77
    fi
  else
    echo "SKIP: nvim is not installed (and cannot install it: not root or no apt-get)" >&2
    exit 77
  fi
fi
if [ ! -x "$bin" ]; then
  echo "test.sh: no budgetlint binary at $bin (cargo build -p budgetlint-cli, or set BUDGETLINT_BIN)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seed="$(ls "$root"/tests/fixtures/seeds/000_*.txt | head -n1)"
cp "$seed" "$work/report.txt"
: > "$work/rules.toml"
# Neovim writes logs, shada and swap under XDG directories: keep them in the scratch dir.
export XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" XDG_CACHE_HOME="$work/xdg/cache" XDG_STATE_HOME="$work/xdg/state"
export BUDGETLINT_BIN="$bin" BUDGETLINT_NVIM_DIR="$here"
# code@line@text the finding starts at: 地税部门 (line 4, after CJK text: checks the column
# conversion), an error on an indicator value, a wording fix on a doubled character.
export BUDGETLINT_NVIM_EXPECT="wording/abolished-tax-office@4@地税部门;indicator/value-empty@88@%;text/doubled-phrase@179@休休"
cd "$work"
start=$(date +%s%N)
set +e
timeout 60 nvim --headless --clean -n -u "$here/test_init.lua" report.txt
status=$?
set -e
echo "nvim: exit $status in $(( ($(date +%s%N) - start) / 1000000 )) ms ($(nvim --version | head -n1))" >&2
exit $status
