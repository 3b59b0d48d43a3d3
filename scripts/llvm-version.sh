#!/usr/bin/env bash
# Prints the LLVM major version racegate builds for: $1, else
# $RACEGATE_LLVM_VERSION, else the newest supported version whose clang and
# LLVM development files are installed, else the newest whose clang is,
# else 14 (Debian 12's default).
set -euo pipefail
supported=(22 19 16 15 14)
if [ -n "${1:-}" ]; then echo "$1"; exit 0; fi
if [ -n "${RACEGATE_LLVM_VERSION:-}" ]; then echo "$RACEGATE_LLVM_VERSION"; exit 0; fi
for v in "${supported[@]}"; do
  if [ -x "/usr/lib/llvm-$v/bin/clang" ] &&
     [ -f "/usr/lib/llvm-$v/lib/cmake/llvm/LLVMConfig.cmake" ]; then
    echo "$v"; exit 0
  fi
done
for v in "${supported[@]}"; do
  if [ -x "/usr/lib/llvm-$v/bin/clang" ]; then echo "$v"; exit 0; fi
done
echo 14
