#!/usr/bin/env bash
# Runs the Windows build of budgetlint under Wine: cross-compiles the program and its plugins
# (scripts/package.sh --platform win32-x64), then checks in the unpacked layout
#
#   - `budgetlint.exe --version` lists every plugin DLL beside it, loaded;
#   - `check` of a seed finds what the Linux build finds (same rules, lines and messages), with
#     exit code 1, and `--exit-zero` gives 0;
#   - a path with Chinese folder and file names is read, and a warning about the rules.toml there
#     is Chinese and names that folder;
#   - a missing file gives exit code 2, and a missing path with Chinese characters and a space is
#     named in the Chinese error as it was written;
#   - the program copied without its DLLs says so in `--version`, and `check` exits with 2;
#   - `budgetlint.exe lsp` answers initialize and publishes diagnostics for an opened document.
#
# Usage: bash scripts/test-windows.sh
# Exit status: 0 passed, 1 failed, 77 skipped (no Wine or mingw-w64 and no way to install them).
# Environment:
#   BUDGETLINT_WINDOWS_PROFILE  cargo profile: dev (default) or release
#   BUDGETLINT_WINDOWS_DIR      test this unpacked Windows folder instead of building one
#   BUDGETLINT_LINUX_BIN        the Linux budgetlint to compare with (default: target/debug/budgetlint,
#                               built when missing)
#   BUDGETLINT_LINUX_PLUGIN_PATH its plugins, when they are not beside it (BUDGETLINT_PLUGIN_PATH for
#                               the Linux program only: Wine would pass it to the Windows one too)
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
profile="${BUDGETLINT_WINDOWS_PROFILE:-dev}"
seed="$root/tests/fixtures/seeds/002_05b117f19e5843c3.txt"
work="$target_dir/windows-test"

log() { printf '[test-windows %5ss] %s\n' "$SECONDS" "$*" >&2; }
skip() { log "SKIP: $*"; exit 77; }
failures=0
check() {
  if [ "$1" = 0 ]; then log "ok   $2"; else log "FAIL $2"; failures=$((failures + 1)); fi
}

# ---------------------------------------------------------------- prerequisites
need=()
command -v wine >/dev/null || need+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || skip "missing ${need[*]} and not root to install them"
  log "apt-get install ${need[*]}"
  mkdir -p "$work"
  apt-get update -qq >"$work/apt.log" 2>&1 || skip "apt-get update failed (no package registry?)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >>"$work/apt.log" 2>&1 ||
    skip "apt-get install ${need[*]} failed: $(tail -3 "$work/apt.log")"
fi
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  rustup target add x86_64-pc-windows-gnu >&2 || skip "rustup cannot add x86_64-pc-windows-gnu"
fi

# ---------------------------------------------------------------- the programs
if [ -n "${BUDGETLINT_WINDOWS_DIR:-}" ]; then
  win="$BUDGETLINT_WINDOWS_DIR"
else
  log "cross-compiling for win32-x64 (cargo profile $profile)"
  bash "$root/scripts/package.sh" --platform win32-x64 --profile "$profile" --no-vsix --out "$work/dist" \
    >"$work.build.log" 2>&1 || { log "FAIL scripts/package.sh: $(tail -20 "$work.build.log")"; exit 1; }
  win="$(find "$work/dist" -maxdepth 1 -type d -name 'budgetlint-*-win32-x64' | head -1)"
fi
[ -f "$win/budgetlint.exe" ] || { log "FAIL no budgetlint.exe in $win"; exit 1; }
linux="${BUDGETLINT_LINUX_BIN:-$target_dir/debug/budgetlint}"
if [ ! -x "$linux" ]; then
  log "cargo build (the Linux program to compare with)"
  (cd "$root" && cargo build --quiet --workspace) >&2 || { log "FAIL cargo build"; exit 1; }
fi

# A prefix of our own, kept between runs (its first start takes a while); no Mono/Gecko prompts.
export WINEPREFIX="$target_dir/wine-prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEARCH=win64
mkdir -p "$WINEPREFIX"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  log "wineboot (once)"
  timeout 300 wineboot --init >/dev/null 2>&1 || true
fi
# Debian 12's Wine 8.0 lacks bcryptprimitives.dll (ProcessPrng), which Rust's standard library
# imports and every Windows 10/11 has: put a stand-in into the prefix (never into the archive).
x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bcryptprimitives.dll" \
  "$root/scripts/test-windows/bcryptprimitives.c" -ladvapi32 || { log "FAIL building the bcryptprimitives stand-in"; exit 1; }
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ||
  { log "FAIL no system32 in $WINEPREFIX (wineboot failed?)"; exit 1; }
# Wine runs the program; its own exit code is the program's.
wrun() { timeout 120 wine "$@"; }
out="$work/out"
rm -rf "$out"
mkdir -p "$out"

# ---------------------------------------------------------------- --version
dlls=$(find "$win" -maxdepth 1 -name 'budgetlint_plugin_*.dll' | wc -l)
wrun "$win/budgetlint.exe" --version >"$out/version.txt" 2>"$out/version.err"
code=$?
log "budgetlint.exe --version: $(head -2 "$out/version.txt" | tr '\n' ' ')"
check $((code != 0)) "--version exits with 0 (got $code)"
listed=$(grep -c '条规则' "$out/version.txt")
check $((listed != dlls || dlls == 0)) "--version lists every plugin DLL, loaded ($listed of $dlls)"
grep -q 'windows-x86_64' "$out/version.txt"
check $? "--version names the platform (windows-x86_64)"

# ---------------------------------------------------------------- check, compared with Linux
wrun "$win/budgetlint.exe" check --format json "$(winepath -w "$seed" 2>/dev/null)" >"$out/win.json" 2>"$out/win.err"
code=$?
check $((code != 1)) "check of a seed with errors exits with 1 (got $code; $(head -c 300 "$out/win.err"))"
BUDGETLINT_PLUGIN_PATH="${BUDGETLINT_LINUX_PLUGIN_PATH:-${BUDGETLINT_PLUGIN_PATH:-}}" \
  "$linux" check --format json "$seed" >"$out/linux.json" 2>/dev/null
python3 - "$out/win.json" "$out/linux.json" <<'EOF'
import json, sys
def findings(path):
    report = json.load(open(path, encoding="utf-8"))
    return sorted((d["rule"], d["line"], d["column"], d["message"])
                  for f in report["files"] for d in f["diagnostics"])
win, linux = findings(sys.argv[1]), findings(sys.argv[2])
rules = {r for r, *_ in win}
print(f"windows: {len(win)} findings of {len(rules)} rules; linux: {len(linux)}", file=sys.stderr)
if win != linux:
    print("differ:", sorted(set(win) ^ set(linux))[:5], file=sys.stderr)
# The Linux build loads its plugins (the test runs after it): equal findings mean the DLLs ran.
sys.exit(0 if win == linux and win else 1)
EOF
check $? "check on Windows finds exactly what the Linux build finds (rule, line, column, message)"
wrun "$win/budgetlint.exe" check --exit-zero "$(winepath -w "$seed" 2>/dev/null)" >/dev/null 2>&1
code=$?
check $((code != 0)) "--exit-zero exits with 0 (got $code)"

chinese="$work/预算 文件"
mkdir -p "$chinese"
cp "$seed" "$chinese/单位预算.txt"
wrun "$win/budgetlint.exe" check --format json "$(winepath -w "$chinese/单位预算.txt" 2>/dev/null)" >"$out/chinese.json" 2>"$out/chinese.err"
code=$?
grep -q '单位预算.txt' "$out/chinese.json"
check $((code != 1 || $? != 0)) "a file in a folder with a Chinese name is checked (exit $code)"
# A warning about that folder's rules.toml is Chinese and names the folder as Windows writes it.
printf '[rules."wording/nosuch"]\nseverity = "off"\n' >"$chinese/rules.toml"
wrun "$win/budgetlint.exe" check "$(winepath -w "$chinese/单位预算.txt" 2>/dev/null)" >/dev/null 2>"$out/config-zh.err"
rm -f "$chinese/rules.toml"
grep -q '预算 文件\\rules.toml:1：已加载的插件和规则包中没有规则 `wording/nosuch`' "$out/config-zh.err"
check $? "a rules.toml warning is Chinese and names the Chinese folder ($(head -c 200 "$out/config-zh.err"))"

wrun "$win/budgetlint.exe" check 'C:\no\such\file.txt' >/dev/null 2>"$out/missing.err"
code=$?
check $((code != 2)) "a missing file exits with 2 (got $code)"

# A path with Chinese characters and a space is named in the (Chinese) error as it was written.
missing='C:\预算 文件\没有 这个.txt'
wrun "$win/budgetlint.exe" check "$missing" >"$out/missing-zh.out" 2>&1
code=$?
grep -qF "$missing: 文件或目录不存在" "$out/missing-zh.out"
check $((code != 2 || $? != 0)) "a missing Chinese path is named as written, in Chinese (exit $code; $(head -c 200 "$out/missing-zh.out"))"

# ---------------------------------------------------------------- without its plugins
alone="$work/alone"
rm -rf "$alone"
mkdir -p "$alone"
cp "$win/budgetlint.exe" "$alone/"
wrun "$alone/budgetlint.exe" --version >"$out/alone.txt" 2>&1
grep -q '未找到规则插件' "$out/alone.txt"
check $? "--version without the DLLs says that no plugin was found"
BUDGETLINT_PLUGIN_PATH= wrun "$alone/budgetlint.exe" check "$(winepath -w "$seed" 2>/dev/null)" >/dev/null 2>"$out/alone.err"
code=$?
check $((code != 2)) "check without the DLLs exits with 2 (got $code)"

# ---------------------------------------------------------------- the language server
python3 - "$win/budgetlint.exe" "$seed" <<'EOF'
import json, pathlib, subprocess, sys
exe, seed = sys.argv[1], pathlib.Path(sys.argv[2])
def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body
uri = "file:///" + subprocess.run(["winepath", "-w", str(seed)], capture_output=True, text=True).stdout.strip().replace("\\", "/")
stdin = b"".join(frame(m) for m in [
    {"jsonrpc": "2.0", "id": 1, "method": "initialize",
     "params": {"processId": None, "rootUri": None, "capabilities": {},
                "initializationOptions": {"lintWithoutConfig": True}}},
    {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    {"jsonrpc": "2.0", "method": "textDocument/didOpen",
     "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                 "text": seed.read_text(encoding="utf-8")}}},
])
proc = subprocess.Popen(["wine", exe, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
proc.stdin.write(stdin)
proc.stdin.flush()
found, buf = None, b""
import select, time
deadline = time.time() + 60
while found is None and time.time() < deadline:
    ready, _, _ = select.select([proc.stdout], [], [], 1)
    if not ready:
        continue
    chunk = proc.stdout.read1(65536)
    if not chunk:
        break
    buf += chunk
    while b"\r\n\r\n" in buf:
        head, rest = buf.split(b"\r\n\r\n", 1)
        length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
        if len(rest) < length:
            break
        msg, buf = json.loads(rest[:length]), rest[length:]
        if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["diagnostics"]:
            found = msg["params"]["diagnostics"]
proc.kill()
print(f"lsp: {len(found or [])} diagnostics published", file=sys.stderr)
sys.exit(0 if found else 1)
EOF
check $? "budgetlint.exe lsp publishes diagnostics for an opened document"

if [ "$failures" -gt 0 ]; then
  log "$failures check(s) failed; outputs in $out"
  exit 1
fi
log "all checks passed (outputs in $out)"
