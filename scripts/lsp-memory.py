#!/usr/bin/env python3
"""Memory of the language server: RSS while a large document is open and after it is closed,
and a soak of many small edits with RSS at the start, after every tenth of the edits and at the
end.

    scripts/lsp-memory.py target/release/budgetlint --size-mb 6
    scripts/lsp-memory.py target/release/budgetlint --edits 10000

Standard library only. The large document is the seed disclosures repeated up to the size
(ordinary text, so every rule runs); the soak types and deletes one character at a time in a
seed document (incremental didChange) and waits for the diagnostics every --every edits.
Prints one line per measurement: VmRSS (now) and VmHWM (peak) of the server process, in MB.
"""
import argparse
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from lsp_stdio import Server  # noqa: E402
SEEDS = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt"))


class MemoryServer(Server):
    """The server, initialized in `root`, with the diagnostics of a version and its memory."""

    def __init__(self, binary, root):
        super().__init__(binary)
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                    "capabilities": {}, "workspaceFolders": [{"uri": root.as_uri(), "name": "w"}]})
        self.notify("initialized", {})

    def diagnostics(self, uri, version):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)[1]

    def rss(self):
        status = pathlib.Path(f"/proc/{self.proc.pid}/status").read_text()
        values = {l.split(":")[0]: int(l.split()[1]) for l in status.splitlines() if l.startswith(("VmRSS", "VmHWM"))}
        return values["VmRSS"] / 1024, values["VmHWM"] / 1024


def report(server, what):
    now, peak = server.rss()
    print(f"{what}: RSS {now:.0f} MB, peak {peak:.0f} MB", flush=True)


def large(server, root, size_mb):
    seed_text = "".join(p.read_text() for p in SEEDS)
    text = seed_text * max(1, int(size_mb * 1e6 // len(seed_text.encode())))
    path = root / "large.txt"
    path.write_text(text)
    uri = path.as_uri()
    start = time.time()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    diags = server.diagnostics(uri, 1)
    print(f"open {len(text.encode()) / 1e6:.1f} MB: {len(diags['params']['diagnostics'])} diagnostics in {time.time() - start:.1f} s")
    report(server, "large document open")
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    time.sleep(3)
    report(server, "3 s after closing it")
    time.sleep(12)
    report(server, "15 s after closing it")


def soak(server, root, edits, every):
    path = root / "soak.txt"
    text = SEEDS[0].read_text()
    path.write_text(text)
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    server.diagnostics(uri, 1)
    report(server, "soak start (seed open, checked)")
    start = time.time()
    for n in range(1, edits + 1):
        version = n + 1
        # Type 一 at the start of line 3, then delete it again.
        if n % 2:
            change = {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}, "text": "一"}
        else:
            change = {"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 1}}, "text": ""}
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        if n % every == 0:
            server.diagnostics(uri, version)
        if n % (edits // 10 or 1) == 0:
            report(server, f"after {n} edits ({time.time() - start:.0f} s)")
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    time.sleep(2)
    report(server, "soak end, document closed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--size-mb", type=float, default=0)
    ap.add_argument("--edits", type=int, default=0)
    ap.add_argument("--every", type=int, default=50, help="wait for diagnostics every N edits")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        root = pathlib.Path(d)
        (root / "rules.toml").write_text("")
        server = MemoryServer(a.binary, root)
        report(server, "initialized")
        if a.size_mb:
            large(server, root, a.size_mb)
        if a.edits:
            soak(server, root, a.edits, a.every)
        server.stop()
        print(f"server exit code {server.proc.returncode}")


if __name__ == "__main__":
    main()
