#!/usr/bin/env bash
# Installs what `budgetlint check --ocr` runs: tesseract with its simplified-Chinese model and
# poppler's pdftoppm (Debian/Ubuntu packages, with apt-get, as root). Exit 0 when they are
# there (already or now), 77 when they cannot be had here (not root, no apt-get, no network).
set -uo pipefail
have() {
  command -v tesseract >/dev/null && command -v pdftoppm >/dev/null &&
    tesseract --list-langs 2>/dev/null | grep -qx chi_sim
}
have && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-ocr: tesseract with chi_sim is missing and cannot be installed here (needs root and apt-get): apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils" >&2
  exit 77
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q tesseract-ocr tesseract-ocr-chi-sim poppler-utils >/dev/null 2>&1; then
  apt-get update -q >/dev/null 2>&1
  apt-get install -y -q tesseract-ocr tesseract-ocr-chi-sim poppler-utils >/dev/null 2>&1 || {
    echo "install-ocr: apt-get could not install tesseract-ocr tesseract-ocr-chi-sim poppler-utils" >&2
    exit 77
  }
fi
have || { echo "install-ocr: installed, but tesseract does not list chi_sim" >&2; exit 77; }
