#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code (code-server) driven by headless
# Chromium through playwright-core:
#
#   bash scripts/vscode-e2e.sh
#
# It installs what it needs (Debian packages with apt-get when missing; code-server and
# playwright-core from the npm registry into a cache reused between runs), builds the .vsix
# (editors/vscode/build.sh), installs it with `code-server --install-extension` into fresh
# user-data and extensions directories, serves a workspace with a rules.toml and copies of seeds
# 001 and 002 on 127.0.0.1, and runs editors/vscode/test/e2e.js: squiggles, the Problems panel,
# a hover on a total, the Chinese rule documentation (hover on a finding, preview page), a quick
# fix, fix all, the status bar, the language
# and severity settings, a disclosure checked on opening without rules.toml, texts that are not
# disclosures left alone until "Check This File", a spreadsheet's findings on the read-only view
# of its text (and a hover on one of them), following the file when it is replaced on disk. Screenshots
# go to target/artifacts/vscode-e2e*.png. Every process it starts is killed on exit.
#
# Exit status: 0 passed, 1 failed, 77 skipped (the package registries are not reachable, or the
# machine cannot run it: no root for apt-get, another Node major without a code-server pin).
#
# Environment:
#   BUDGETLINT_E2E_CACHE    cache directory (default: target/e2e-cache)
#   BUDGETLINT_E2E_PROFILE  cargo profile of the bundled server: release (default) or dev
#   BUDGETLINT_E2E_SKIP_BUILD=1  reuse the .vsix from the last run
#   BUDGETLINT_E2E_VSIX     test this .vsix instead of building one
#   BUDGETLINT_E2E_TRACE=1  log the LSP traffic (under target/e2e-cache/run/ud/logs)
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${BUDGETLINT_E2E_CACHE:-$root/target/e2e-cache}"
artifacts="$root/target/artifacts"
profile="${BUDGETLINT_E2E_PROFILE:-release}"
# code-server 4.100.3 (VS Code 1.100.3) is the last release for Node 20; later ones need 22/24.
code_server_version="4.100.3"
playwright_version="1.65.1"
# The ripgrep release @vscode/ripgrep 1.15.11 (code-server 4.100.3) downloads at install time.
ripgrep_cache_name="vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
apt_packages=(libkrb5-dev libsecret-1-dev libxkbfile-dev ripgrep build-essential python3 pkg-config libx11-dev chromium fonts-wqy-microhei)

log() { printf '[vscode-e2e %5ss] %s\n' "$SECONDS" "$*" >&2; }
skip() { log "SKIP: $*"; exit 77; }
fail() { log "FAIL: $*"; exit 1; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    # Each helper runs in its own session (setsid): end its whole process group, which also
    # takes code-server's file watcher and Chromium's children.
    kill -TERM -- "-$pid" 2>/dev/null
  done
  sleep 0.5
  for pid in "${pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null
  done
}
outside=""
trap 'cleanup; if [ -n "$outside" ]; then rm -rf "$outside"; fi' EXIT
trap 'exit 130' INT TERM

mkdir -p "$cache" "$artifacts"

# ---------------------------------------------------------------- prerequisites
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || skip "node is not installed"
if [ "$node_major" != 20 ] && [ -z "${CODE_SERVER_VERSION:-}" ]; then
  skip "code-server $code_server_version needs Node 20 (found $node_major); set CODE_SERVER_VERSION to a release for this Node"
fi
code_server_version="${CODE_SERVER_VERSION:-$code_server_version}"

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || skip "Debian packages missing (${missing[*]}) and not root to install them"
  log "apt-get install ${missing[*]}"
  if ! apt-get update -qq >"$cache/apt.log" 2>&1; then
    skip "apt-get update failed (no package registry?): $(tail -2 "$cache/apt.log")"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$cache/apt.log" 2>&1 \
    || fail "apt-get install ${missing[*]} failed: $(tail -5 "$cache/apt.log")"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after installing chromium"

# npm: node-gyp builds code-server's native modules against the system headers (no download);
# `npx node-gyp` inside node-pty's install must not prompt.
export npm_config_nodedir=/usr npm_config_yes=true npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false
npm_reachable() { timeout 30 npm ping --fetch-retries=0 --fetch-timeout=20000 >/dev/null 2>&1; }

code_server="$cache/code-server/node_modules/.bin/code-server"
if ! "$code_server" --version 2>/dev/null | grep -q "^$code_server_version"; then
  npm_reachable || skip "the npm registry is not reachable"
  log "npm install code-server@$code_server_version (once; about a minute)"
  rm -rf "$cache/code-server" "$cache/tmp"
  mkdir -p "$cache/code-server" "$cache/tmp/$(dirname "$ripgrep_cache_name")" "$cache/rgpkg"
  # @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless its cache has the tarball:
  # seed the cache with Debian's rg.
  cp "$(command -v rg)" "$cache/rgpkg/rg"
  tar czf "$cache/tmp/$ripgrep_cache_name" -C "$cache/rgpkg" rg
  (
    cd "$cache/code-server" && echo '{"name":"e2e-code-server","private":true}' >package.json &&
      TMPDIR="$cache/tmp" timeout 1200 npm install --unsafe-perm --no-save "code-server@$code_server_version"
  ) >"$cache/code-server-install.log" 2>&1 || fail "npm install code-server failed: $(tail -20 "$cache/code-server-install.log")"
  "$code_server" --version >/dev/null || fail "code-server does not run after installing"
fi

tools="$cache/tools"
if [ ! -f "$tools/node_modules/playwright-core/package.json" ] ||
  ! grep -q "\"version\": \"$playwright_version\"" "$tools/node_modules/playwright-core/package.json"; then
  npm_reachable || skip "the npm registry is not reachable"
  log "npm install playwright-core@$playwright_version"
  mkdir -p "$tools"
  (cd "$tools" && echo '{"name":"e2e-tools","private":true}' >package.json &&
    timeout 600 npm install --no-save "playwright-core@$playwright_version") >"$cache/tools-install.log" 2>&1 ||
    fail "npm install playwright-core failed: $(tail -20 "$cache/tools-install.log")"
fi

# ---------------------------------------------------------------- the .vsix
vsix="${BUDGETLINT_E2E_VSIX:-$cache/budgetlint-e2e.vsix}"
if [ -z "${BUDGETLINT_E2E_VSIX:-}" ] && { [ "${BUDGETLINT_E2E_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$vsix" ]; }; then
  if [ ! -d "$root/editors/vscode/node_modules" ]; then
    npm_reachable || skip "the npm registry is not reachable"
  fi
  log "building the .vsix (cargo profile $profile)"
  bash "$root/editors/vscode/build.sh" --profile "$profile" --out "$vsix" >"$cache/build.log" 2>&1 ||
    fail "editors/vscode/build.sh failed: $(tail -30 "$cache/build.log")"
fi
[ -f "$vsix" ] || fail "no .vsix at $vsix"
# The extension's unit tests (node:test: which texts it takes for a disclosure; complete Chinese
# translations), with the node_modules that building the .vsix installed.
if [ -x "$root/editors/vscode/node_modules/.bin/esbuild" ]; then
  log "node --test editors/vscode/test/*.test.js"
  node --test "$root"/editors/vscode/test/*.test.js >"$cache/unit.log" 2>&1 ||
    fail "the extension's unit tests failed: $(grep -A12 '^not ok' "$cache/unit.log" | head -40)"
fi

# ---------------------------------------------------------------- a fresh VS Code
run="$cache/run"
rm -rf "$run"
mkdir -p "$run/ws" "$run/ud/User" "$run/ext" "$run/xdg"
export XDG_CONFIG_HOME="$run/xdg/config" XDG_DATA_HOME="$run/xdg/data" XDG_CACHE_HOME="$run/xdg/cache"
cp "$root/tests/fixtures/seeds/001_c5c4ecd7bc6cfe7d.txt" "$root/tests/fixtures/seeds/002_05b117f19e5843c3.txt" "$run/ws/"
cat >"$run/ws/rules.toml" <<'EOF'
# budgetlint configuration of the e2e workspace: the built-in defaults.
EOF
# A text that is not a disclosure (no 预算/决算 title): checked only on "Check This File".
cat >"$run/ws/notes.txt" <<'EOF'
会议纪要
根据冀财社【2020】185号文件精神，下周整理材料。
EOF
# A spreadsheet (seed 004 as XLSX) for the read-only view of a binary file's text, and the
# spreadsheet that replaces it on disk, to see the findings follow the file.
printf '一、部门职责\n配合地税部门完成征缴任务。\n' >"$run/changed.txt"
python3 "$root/scripts/format_fixtures.py" xlsx "$root/tests/fixtures/seeds/004_08156c0f8873661b.txt" "$run/ws/tables.xlsx" &&
  python3 "$root/scripts/format_fixtures.py" xlsx "$run/changed.txt" "$run/changed.xlsx" ||
  fail "scripts/format_fixtures.py could not write the spreadsheets"
# A folder with no rules.toml above it (the repository has one at its root, so not under it):
# its disclosure is checked on opening; another project in it, with a rules.toml of its own
# tool, keeps its README.txt unchecked.
outside="$(mktemp -d "${TMPDIR:-/tmp}/budgetlint-e2e-outside.XXXXXX")"
cp "$root/tests/fixtures/seeds/003_bd2267095a380eb6.txt" "$outside/"
mkdir -p "$outside/other"
cat >"$outside/other/rules.toml" <<'EOF'
# The rules of some other tool.
[rules]
max-line-length = 100
EOF
cat >"$outside/other/README.txt" <<'EOF'
Other project
=============
Build with make; the 2020 release notes are in docs/.
EOF
cat >"$run/ud/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "editor.minimap.enabled": false,
  "editor.wordWrap": "on",
  "editor.hover.delay": 200,
  "chat.commandCenter.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "window.commandCenter": false,
  "git.openRepositoryInParentFolders": "never",
  "git.autoRepositoryDetection": false
}
EOF

if [ "${BUDGETLINT_E2E_TRACE:-0}" = 1 ]; then
  # LSP trace in the budgetlint output channel (ud/logs/*/exthost1/output_logging_*/*budgetlint.log).
  sed -i 's/^{$/{\n  "budgetlint.trace.server": "verbose",/' "$run/ud/User/settings.json"
fi

log "code-server --install-extension $(basename "$vsix")"
"$code_server" --install-extension "$vsix" --extensions-dir "$run/ext" --user-data-dir "$run/ud" \
  >"$run/install-extension.log" 2>&1 || fail "installing the .vsix failed: $(cat "$run/install-extension.log")"
grep -q "successfully installed" "$run/install-extension.log" || fail "installing the .vsix: $(cat "$run/install-extension.log")"

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
log "code-server on 127.0.0.1:$port"
setsid "$code_server" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$run/ud" --extensions-dir "$run/ext" "$run/ws" >"$run/code-server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || fail "code-server did not come up: $(tail -20 "$run/code-server.log")"

# ---------------------------------------------------------------- drive it
log "driving VS Code with headless Chromium"
rm -f "$artifacts"/vscode-e2e*.png
setsid env NODE_PATH="$tools/node_modules" E2E_URL="http://127.0.0.1:$port" E2E_WORKSPACE="$run/ws" \
  E2E_ARTIFACTS="$artifacts" E2E_PROFILE_DIR="$run/chromium" E2E_OUTSIDE="$outside" \
  E2E_XLSX_CHANGED="$run/changed.xlsx" \
  timeout 600 node "$root/editors/vscode/test/e2e.js" &
driver=$!
pids+=("$driver")
wait "$driver"
status=$?
if [ "$status" != 0 ]; then
  log "code-server log: $run/code-server.log; extension host logs under $run/ud/logs"
  fail "the VS Code session did not behave (exit $status); screenshots in $artifacts"
fi
log "PASS (screenshots: $(cd "$artifacts" && ls vscode-e2e*.png | tr '\n' ' '))"
