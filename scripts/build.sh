#!/usr/bin/env bash
# Configures (once) and builds racegate with Ninja, with the clang of the
# LLVM the plugin is for: $RACEGATE_LLVM_VERSION, else the newest installed
# (scripts/llvm-version.sh). The build directory is $RACEGATE_BUILD_DIR,
# default ./build; an existing one keeps its LLVM unless a version is asked
# for explicitly. Arguments are ninja targets (default: everything).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${RACEGATE_BUILD_DIR:-build}"
cached=""
if [ -f "$build/CMakeCache.txt" ]; then
  cached=$(sed -n 's/^RACEGATE_LLVM_VERSION:STRING=//p' "$build/CMakeCache.txt")
fi
if [ -n "${RACEGATE_LLVM_VERSION:-}" ]; then
  version="$RACEGATE_LLVM_VERSION"
elif [ -n "$cached" ]; then
  version="$cached"
else
  version=$(scripts/llvm-version.sh)
fi
if [ -n "$cached" ] && [ "$cached" != "$version" ]; then
  # Another compiler: CMake needs a fresh cache.
  rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
fi
if [ ! -f "$build/build.ninja" ] || [ "$cached" != "$version" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DRACEGATE_LLVM_VERSION="$version" \
    -DCMAKE_C_COMPILER="clang-$version" -DCMAKE_CXX_COMPILER="clang++-$version" \
    >/dev/null
fi
ninja -C "$build" "$@"
