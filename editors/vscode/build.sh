#!/usr/bin/env bash
# Builds the budgetlint VS Code extension into a .vsix that carries the server:
#
#   1. npm ci (from the lockfile) and a type check + esbuild bundle of src/ into dist/;
#   2. cargo build of the workspace (the `budgetlint` binary and every plugin cdylib);
#   3. the binary and the plugin libraries side by side under server/<platform>-<arch>/
#      (the binary loads the plugins from its own directory), debug info stripped;
#   4. vsce package --no-dependencies --target <platform>-<arch>.
#
# Usage: bash editors/vscode/build.sh [--profile release|dev] [--skip-cargo] [--out FILE.vsix]
#                                     [--target PLATFORM --bin-dir DIR]
# Prints the path of the .vsix last. Default output: target/vscode/budgetlint-<target>-<version>.vsix
# --target packages for another VS Code platform (win32-x64, linux-x64, …) with the server taken
# from --bin-dir (no cargo build): scripts/package.sh cross-compiles for Windows and uses it.
# Everything it installs comes from the npm registry (and crates.io through cargo).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
profile=release
skip_cargo=0
out=""
target=""
bin_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --skip-cargo) skip_cargo=1; shift ;;
    --out) out="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    --bin-dir) bin_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
# A relative --out is relative to where the script was started.
case "$out" in
  /* | "") ;;
  *) out="$PWD/$out" ;;
esac
case "$bin_dir" in
  /* | "") ;;
  *) bin_dir="$PWD/$bin_dir" ;;
esac
if [ -n "$target" ] && [ -z "$bin_dir" ]; then
  echo "build.sh: --target needs --bin-dir (the folder with that platform's budgetlint and plugins)" >&2
  exit 2
fi
[ -z "$bin_dir" ] || skip_cargo=1
case "$profile" in
  release) profile_dir=release ;;
  dev|debug) profile=dev; profile_dir=debug ;;
  *) echo "build.sh: --profile must be release or dev" >&2; exit 2 ;;
esac

log() { printf '[build.sh %5ss] %s\n' "$SECONDS" "$*" >&2; }

cd "$here"
# node-gyp (for vsce's optional keytar) must not download Node headers: use the system ones.
if [ -z "${npm_config_nodedir:-}" ] && [ -d /usr/include/node ]; then
  export npm_config_nodedir=/usr
fi
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

stamp=node_modules/.budgetlint-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json "$stamp"
fi

log "type check and bundle"
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/esbuild src/extension.ts --bundle --platform=node --target=node18 --format=cjs \
  --external:vscode --outfile=dist/extension.js --minify-syntax --log-level=warning

target_dir="${CARGO_TARGET_DIR:-$root/target}"
if [ "$skip_cargo" = 0 ]; then
  log "cargo build --profile $profile --workspace"
  (cd "$root" && cargo build --profile "$profile" --workspace --quiet)
fi

platform="${target:-$(node -p 'process.platform + "-" + process.arch')}"
case "$platform" in
  win32-*) exe=budgetlint.exe; libs='budgetlint_plugin_*.dll' ;;
  darwin-*) exe=budgetlint; libs='libbudgetlint_plugin_*.dylib' ;;
  *) exe=budgetlint; libs='libbudgetlint_plugin_*.so' ;;
esac
bin_dir="${bin_dir:-$target_dir/$profile_dir}"
[ -x "$bin_dir/$exe" ] || { echo "build.sh: $bin_dir/$exe is missing (build it, or drop --skip-cargo)" >&2; exit 1; }

log "server/$platform from $bin_dir"
rm -rf server
mkdir -p "server/$platform"
cp "$bin_dir/$exe" "server/$platform/"
shopt -s nullglob
plugins=("$bin_dir"/$libs)
shopt -u nullglob
[ ${#plugins[@]} -gt 0 ] || { echo "build.sh: no plugin libraries ($libs) in $bin_dir" >&2; exit 1; }
cp "${plugins[@]}" "server/$platform/"
if command -v strip >/dev/null && [ "$platform" = linux-x64 -o "$platform" = linux-arm64 ]; then
  strip --strip-debug "server/$platform/"*
elif command -v x86_64-w64-mingw32-strip >/dev/null && [ "$platform" = win32-x64 ]; then
  x86_64-w64-mingw32-strip --strip-debug "server/$platform/"*
fi
chmod 755 "server/$platform/$exe"
# A server for another platform cannot run here (a Windows one only under Wine, which
# scripts/test-windows.sh drives); the host's own is checked to start.
if [ -z "$target" ] || [ "$target" = "$(node -p 'process.platform + "-" + process.arch')" ]; then
  "server/$platform/$exe" --version >/dev/null
fi

version="$(node -p 'require("./package.json").version')"
out="${out:-$target_dir/vscode/budgetlint-$platform-$version.vsix}"
mkdir -p "$(dirname "$out")"
log "vsce package → $out"
node_modules/.bin/vsce package --no-dependencies --target "$platform" --skip-license \
  --allow-missing-repository --out "$out" >&2
log "done (${#plugins[@]} plugins, $(du -h "$out" | cut -f1))"
echo "$out"
