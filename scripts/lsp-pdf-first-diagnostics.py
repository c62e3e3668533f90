#!/usr/bin/env python3
"""Time to first diagnostics of a PDF opened in the editor, measured at the language server.

    scripts/lsp-pdf-first-diagnostics.py target/release/budgetlint PDF [--rounds 5]
    (default PDF: the one of ../shared/corpus/real/docs whose page count is nearest 30)

Standard library only. Starts `BINARY lsp` over stdio in a temporary workspace (an empty
rules.toml), sends initialize/initialized, then asks `budgetlint/openBinary` for the PDF, as the
VS Code extension does when a PDF is opened (an editor never sends a PDF as text; see
docs/LSP.md), and measures from that request until `textDocument/publishDiagnostics` for the
text view arrives, and until the request's answer arrives. Each round starts a fresh server
(a cold open: nothing cached); the server's start-up (to the initialize answer) is reported
apart. Prints one line per round and the best and median of the rounds.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from lsp_stdio import Server  # noqa: E402
REAL_DOCS = ROOT.parent / "shared/corpus/real/docs"


def one_round(binary, pdf):
    """(start-up s, first diagnostics s, answer s, number of diagnostics) of one cold open."""
    with tempfile.TemporaryDirectory() as d:
        root = pathlib.Path(d)
        (root / "rules.toml").write_text("")
        copy = root / pdf.name
        shutil.copyfile(pdf, copy)
        started = time.perf_counter()
        server = Server(binary)
        rid = server.send_request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {},
            "workspaceFolders": [{"uri": root.as_uri(), "name": "w"}]})
        ready, _ = server.wait(lambda m: m.get("id") == rid)
        server.notify("initialized", {})
        text_uri = "budgetlint-text:" + copy.as_uri()[len("file:"):]
        asked = time.perf_counter()
        rid = server.send_request("budgetlint/openBinary", {"uri": copy.as_uri(), "textUri": text_uri})
        # The answer and the diagnostics may come in either order.
        got = {}
        while len(got) < 2:
            arrived, m = server.wait(lambda m: m.get("id") == rid or (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == text_uri))
            got.setdefault("answer" if m.get("id") == rid else "diagnostics", (arrived, m))
        first, diags = got["diagnostics"]
        answered, answer = got["answer"]
        if answer.get("error") or answer.get("result", {}).get("error"):
            sys.exit(f"openBinary failed: {answer}")
        server.stop()
        return ready - started, first - asked, answered - asked, len(diags["params"]["diagnostics"])


def pages_of(pdf):
    try:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def default_pdf():
    """The real PDF whose page count is nearest 30 (the first of equals, by name)."""
    counted = [(abs(n - 30), pdf) for pdf in sorted(REAL_DOCS.glob("*.pdf")) if (n := pages_of(pdf))]
    if not counted:
        sys.exit(f"no PDF in {REAL_DOCS}; name one")
    return min(counted)[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("pdf", nargs="?", type=pathlib.Path)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    pdf = (a.pdf or default_pdf()).resolve()
    print(f"{pdf.name}: {pages_of(pdf)} pages, {a.rounds} cold opens of `{a.binary} lsp`")
    firsts = []
    for n in range(1, a.rounds + 1):
        startup, first, answer, count = one_round(a.binary, pdf)
        firsts.append(first)
        print(f"round {n}: server ready {startup:.3f} s; first diagnostics {first:.3f} s after "
              f"openBinary ({count} diagnostics); answer {answer:.3f} s", flush=True)
    print(f"first diagnostics: best {min(firsts):.3f} s, median {statistics.median(firsts):.3f} s")


if __name__ == "__main__":
    main()
