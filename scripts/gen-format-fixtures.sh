#!/usr/bin/env bash
# Format fixtures: each text disclosure (default: tests/fixtures/seeds/*.txt) turned into the
# formats disclosures are published in, under target/format-fixtures/ (generated, not committed):
#
#   NAME.html   scripts/format_fixtures.py: paragraphs as <p>, tab rows and cell-per-line
#               tables as <table><tr><td>
#   NAME.xlsx   scripts/format_fixtures.py: one sheet per table (with the prose before it),
#               numbers stored as numbers with a format that shows them as written
#   NAME.docx   LibreOffice headless from NAME.html (Writer's HTML import)
#   NAME.pdf    LibreOffice headless from NAME.html (A4 portrait, CJK font WenQuanYi/Noto)
#   NAME.landscape.pdf   the same on A4 landscape (wide tables wrap less)
#
# crates/readers/tests/formats.rs runs it and compares the model of every file with the model
# of its text.
#
# LibreOffice: when `soffice` is missing and this runs as root with apt-get, Debian's
# libreoffice-writer-nogui and a CJK font are installed (about 40 s on a fast mirror); otherwise
# it says what to install, writes the HTML and XLSX files only, and exits with status 3.
#
#   scripts/gen-format-fixtures.sh                       # all seeds
#   scripts/gen-format-fixtures.sh tests/fixtures/seeds/000_*.txt
#   OUT=/tmp/fx scripts/gen-format-fixtures.sh a.txt     # another output directory
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${OUT:-$repo/target/format-fixtures}"
mkdir -p "$out"
if [[ $# -eq 0 ]]; then
    set -- "$repo"/tests/fixtures/seeds/*.txt
fi

python=$(command -v python3 || true)
if [[ -z "$python" ]]; then
    echo "gen-format-fixtures: python3 is needed (Debian: apt-get install python3)" >&2
    exit 2
fi

have_cjk_font() {
    command -v fc-list >/dev/null && fc-list :lang=zh family | grep -q .
}

ensure_libreoffice() {
    if command -v soffice >/dev/null && have_cjk_font; then
        return 0
    fi
    local packages=()
    command -v soffice >/dev/null || packages+=(libreoffice-writer-nogui)
    have_cjk_font || packages+=(fonts-wqy-microhei)
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        local started=$SECONDS
        echo "gen-format-fixtures: installing ${packages[*]} with apt-get ..." >&2
        if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >&2 \
            || { DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >&2; }; then
            echo "gen-format-fixtures: installed in $((SECONDS - started)) s" >&2
        fi
    fi
    if command -v soffice >/dev/null && have_cjk_font; then
        return 0
    fi
    echo "gen-format-fixtures: DOCX and PDF need LibreOffice and a CJK font; install them (Debian/Ubuntu: apt-get install libreoffice-writer-nogui fonts-wqy-microhei, or fonts-noto-cjk) and run again" >&2
    return 1
}

names=()
for txt in "$@"; do
    name=$(basename "$txt" .txt)
    names+=("$name")
    "$python" "$repo/scripts/format_fixtures.py" html "$txt" "$out/$name.html"
    "$python" "$repo/scripts/format_fixtures.py" html "$txt" "$out/$name.landscape.html" --landscape
    "$python" "$repo/scripts/format_fixtures.py" xlsx "$txt" "$out/$name.xlsx"
done

if ! ensure_libreoffice; then
    exit 3
fi

# A private LibreOffice profile: no clash with a running office or another run of this script.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice_convert() { # FILTER FILE...
    local filter=$1
    shift
    timeout 300 soffice -env:UserInstallation="file://$profile" --headless --norestore \
        --infilter="HTML (StarWriter)" --convert-to "$filter" --outdir "$out" "$@" >&2
}
htmls=()
landscapes=()
for name in "${names[@]}"; do
    htmls+=("$out/$name.html")
    landscapes+=("$out/$name.landscape.html")
done
soffice_convert 'docx:MS Word 2007 XML' "${htmls[@]}"
soffice_convert 'pdf:writer_pdf_Export' "${htmls[@]}" "${landscapes[@]}"
rm -f "${landscapes[@]}"
for name in "${names[@]}"; do
    for ext in docx pdf landscape.pdf; do
        if [[ ! -s "$out/$name.$ext" ]]; then
            echo "gen-format-fixtures: LibreOffice did not write $out/$name.$ext" >&2
            exit 4
        fi
    done
done
echo "gen-format-fixtures: wrote $((${#names[@]} * 5)) files to $out" >&2
