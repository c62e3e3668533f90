#!/usr/bin/env bash
# Builds the release artefacts of budgetlint for Linux x64 and Windows x64 into dist/:
#
#   budgetlint-<version>-linux-x64.tar.gz   budgetlint, libbudgetlint_plugin_*.so, 安装说明.txt
#   budgetlint-<version>-win32-x64.zip      budgetlint.exe, budgetlint_plugin_*.dll, 安装说明.txt
#   budgetlint-linux-x64-<version>.vsix     the VS Code extension with the Linux server
#   budgetlint-win32-x64-<version>.vsix     the VS Code extension with the Windows server
#
# In each archive the program and its plugin libraries sit in one folder, which is where the
# program looks for its built-in plugins (crates/engine/src/discovery.rs): unpack it anywhere.
# Windows is cross-compiled with the mingw-w64 toolchain (Debian's gcc-mingw-w64-x86-64, installed
# with apt-get when missing) and rustup's x86_64-pc-windows-gnu standard library (added with
# rustup when missing). scripts/test-windows.sh runs the Windows program under Wine.
#
# Usage: bash scripts/package.sh [--profile release|dev] [--platform linux-x64|win32-x64|all]
#                                [--no-vsix] [--out DIR]
# Default: release, all, with the .vsix files, into dist/. The time of each step is printed;
# CARGO_BUILD_JOBS limits cargo's parallelism as usual.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
profile=release
platforms=(linux-x64 win32-x64)
vsix=1
out="$root/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --platform)
      case "$2" in
        all) platforms=(linux-x64 win32-x64) ;;
        linux-x64 | win32-x64) platforms=("$2") ;;
        *) echo "package.sh: --platform must be linux-x64, win32-x64 or all" >&2; exit 2 ;;
      esac
      shift 2 ;;
    --no-vsix) vsix=0; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
case "$profile" in
  release) profile_dir=release ;;
  dev | debug) profile=dev; profile_dir=debug ;;
  *) echo "package.sh: --profile must be release or dev" >&2; exit 2 ;;
esac

log() { printf '[package.sh %5ss] %s\n' "$SECONDS" "$*" >&2; }
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"

# The binary and every plugin cdylib (plugins/* whose crate type includes cdylib).
packages=(-p budgetlint-cli)
for manifest in plugins/*/Cargo.toml; do
  if grep -q '"cdylib"' "$manifest"; then
    packages+=(-p "$(sed -n 's/^name = "\(budgetlint-plugin-.*\)"/\1/p' "$manifest" | head -1)")
  fi
done

windows_toolchain() {
  if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "package.sh: x86_64-w64-mingw32-gcc is missing; install gcc-mingw-w64-x86-64" >&2; exit 1; }
    log "apt-get install gcc-mingw-w64-x86-64"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
  fi
  if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
    log "rustup target add x86_64-pc-windows-gnu"
    rustup target add x86_64-pc-windows-gnu >&2
  fi
  export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
}

# Builds one platform; prints the folder holding its program and plugins.
build() {
  local platform="$1" started=$SECONDS
  case "$platform" in
    linux-x64)
      log "cargo build --profile $profile (linux-x64)"
      cargo build --profile "$profile" "${packages[@]}" --quiet >&2
      echo "$target_dir/$profile_dir" ;;
    win32-x64)
      windows_toolchain
      log "cargo build --profile $profile --target x86_64-pc-windows-gnu (win32-x64)"
      cargo build --profile "$profile" --target x86_64-pc-windows-gnu "${packages[@]}" --quiet >&2
      echo "$target_dir/x86_64-pc-windows-gnu/$profile_dir" ;;
  esac
  log "built $platform in $((SECONDS - started)) s"
}

# Copies the program, the plugins and the install text into a fresh folder under $out.
stage() {
  local platform="$1" bin_dir="$2" exe libs strip_tool
  case "$platform" in
    linux-x64) exe=budgetlint; libs='libbudgetlint_plugin_*.so'; strip_tool=strip ;;
    win32-x64) exe=budgetlint.exe; libs='budgetlint_plugin_*.dll'; strip_tool=x86_64-w64-mingw32-strip ;;
  esac
  local name="budgetlint-$version-$platform"
  local dir="$out/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$bin_dir/$exe" "$dir/"
  shopt -s nullglob
  local plugins=("$bin_dir"/$libs)
  shopt -u nullglob
  [ ${#plugins[@]} -gt 0 ] || { echo "package.sh: no plugin libraries ($libs) in $bin_dir" >&2; exit 1; }
  cp "${plugins[@]}" "$dir/"
  if command -v "$strip_tool" >/dev/null; then
    "$strip_tool" --strip-debug "$dir/$exe" "$dir"/$libs
  fi
  chmod 755 "$dir/$exe"
  install_text "$platform" >"$dir/安装说明.txt"
  echo "$dir"
}

# The Chinese install text; on Windows with CRLF and a BOM, so that every Notepad shows it.
install_text() {
  if [ "$1" = win32-x64 ]; then
    printf '\xef\xbb\xbf'
    sed 's/$/\r/' "$root/scripts/package/安装说明.txt"
  else
    cat "$root/scripts/package/安装说明.txt"
  fi
}

archive() {
  local platform="$1" dir="$2" name
  name="$(basename "$dir")"
  case "$platform" in
    linux-x64)
      tar -C "$out" -czf "$out/$name.tar.gz" "$name"
      echo "$out/$name.tar.gz" ;;
    win32-x64)
      rm -f "$out/$name.zip"
      (cd "$out" && python3 -m zipfile -c "$name.zip" "$name/")
      echo "$out/$name.zip" ;;
  esac
}

mkdir -p "$out"
made=()
for platform in "${platforms[@]}"; do
  bin_dir="$(build "$platform")"
  dir="$(stage "$platform" "$bin_dir")"
  made+=("$(archive "$platform" "$dir")")
  if [ "$vsix" = 1 ]; then
    started=$SECONDS
    log "vsix for $platform"
    made+=("$(bash editors/vscode/build.sh --target "$platform" --bin-dir "$dir" \
      --out "$out/budgetlint-$platform-$version.vsix")")
    log "vsix for $platform in $((SECONDS - started)) s"
  fi
done
log "done in $SECONDS s"
for f in "${made[@]}"; do
  printf '%s\t%s\n' "$(du -h "$f" | cut -f1)" "$f"
done
