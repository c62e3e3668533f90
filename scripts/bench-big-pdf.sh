#!/usr/bin/env bash
# Large and hostile PDFs through `check`: wall time, peak memory and the outcome (the finding
# count, or the file's error) of each. Issue "Read disclosures as they are published": a 200 MB
# or deliberately hostile file ends with a clear error (or a reading) within bounded time and
# memory. Not a test: a table to read (docs/ARCHITECTURE.md, "Readers").
#
#   cargo build --release -j 1 --workspace   # the binary and the built-in plugins
#   scripts/bench-big-pdf.sh [MB]            # MB: size of the large shapes (default 190; the
#                                            # reader refuses inputs over 200 MB)
#
# Shapes (generated, uncompressed unless said):
#   image       one page of text and an image XObject of MB bytes
#   one-page    one page whose content stream is MB bytes of text operators
#   pages       MB bytes of small pages of text (about 130,000 pages at 190 MB)
#   flate-bomb  1 MB of deflate that inflates to 1 GB of content stream (FLATE_MB to change)
# Peak RSS from /usr/bin/time (Debian package `time`); LIMIT (seconds, default 300) stops a run,
# shown as ">LIMIT". BUDGETLINT=path picks another binary; SHAPES="one-page flate-bomb" runs
# only those shapes.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BUDGETLINT:-target/release/budgetlint}
MB=${1:-190}
FLATE_MB=${FLATE_MB:-1000}
LIMIT=${LIMIT:-300}
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release -j 1 --workspace" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to generate the inputs" >&2; exit 1; }
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

# gen SHAPE MB FILE
gen() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys, zlib
case, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
size = mb << 20

def stream(data, extra=""):
    return f"<< /Length {len(data)} {extra} >>\nstream\n".encode() + data + b"\nendstream"

def page(contents, extra=""):
    return (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {contents} 0 R "
            f"/Resources << /Font << /F1 {{font}} 0 R >> {extra} >> >>")

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Total 1234.56 income 1000.00 spending 234.56) Tj ET"

with open(out, "wb") as f:
    offsets = []
    written = [0]
    def put(data):
        f.write(data); written[0] += len(data)
    def obj(data):
        offsets.append(written[0])
        put(f"{len(offsets)} 0 obj\n".encode() + (data if isinstance(data, bytes) else data.encode()) + b"\nendobj\n")
    put(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    obj("<< /Type /Catalog /Pages 2 0 R >>")
    if case == "pages":
        body = b" ".join(b"BT /F1 10 Tf 72 %d Td (Row %d  100.00  200.00  300.00) Tj ET" % (720 - 14 * k, k) for k in range(20))
        n = size // (len(body) + 200)
        font = 3 + 2 * n
        obj("<< /Type /Pages /Kids [" + " ".join(f"{3 + 2 * i} 0 R" for i in range(n)) + f"] /Count {n} >>")
        for i in range(n):
            obj(page(4 + 2 * i).replace("{font}", str(font)))
            obj(stream(body))
        obj(FONT)
    else:
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        if case == "image":
            obj(page(4, "/XObject << /Im1 6 0 R >>").replace("{font}", "5"))
            obj(stream(TEXT + b" q 100 0 0 100 72 500 cm /Im1 Do Q"))
            obj(FONT)
            obj(stream(b"\x80" * size, f"/Type /XObject /Subtype /Image /Width {size // 1024} /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8"))
        elif case == "one-page":
            line = b"BT /F1 10 Tf 72 700 Td (Row 100.00 200.00) Tj ET\n"
            obj(page(4).replace("{font}", "5"))
            obj(stream(line * (size // len(line))))
            obj(FONT)
        elif case == "flate-bomb":
            c = zlib.compressobj(9)
            data = c.compress(TEXT + b"\n") + b"".join(c.compress(b" " * (1 << 20)) for _ in range(mb)) + c.flush()
            obj(page(4).replace("{font}", "5"))
            obj(stream(data, "/Filter /FlateDecode"))
            obj(FONT)
    xref = written[0]
    put(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    put(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    put(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
PY
}

printf '%-11s %9s %9s %9s  %s\n' shape "file MB" seconds "peak MB" outcome
for shape in ${SHAPES:-image one-page pages flate-bomb}; do
    size=$MB
    [ "$shape" = flate-bomb ] && size=$FLATE_MB
    gen "$shape" "$size" "$DIR/$shape.pdf"
    status=0
    /usr/bin/time -f '%e %M' -o "$DIR/time" timeout "$LIMIT" "$BIN" check --format json --exit-zero \
        "$DIR/$shape.pdf" >"$DIR/out.json" 2>/dev/null || status=$?
    read -r seconds kb < <(tail -n 1 "$DIR/time") || true
    [ "$status" = 124 ] && seconds=">$LIMIT"
    outcome=$(python3 - "$DIR/out.json" <<'PY'
import json, sys
try:
    f = json.load(open(sys.argv[1]))["files"][0]
except Exception as e:
    print(f"no report ({e.__class__.__name__})"); sys.exit()
print(f"error: {f['error']}" if f.get("error") else f"read: {len(f['diagnostics'])} findings")
PY
)
    awk -v sh="$shape" -v b="$(stat -c %s "$DIR/$shape.pdf")" -v s="$seconds" -v k="${kb:-0}" -v o="$outcome" \
        'BEGIN { printf "%-11s %9.1f %9s %9.0f  %s\n", sh, b / 1048576, s, k / 1024, o }'
    rm -f "$DIR/$shape.pdf"
done
