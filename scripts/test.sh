#!/usr/bin/env bash
# Builds racegate and runs every test: unit tests of the detection core and
# the CLI, and the end-to-end tests over testdata/. The LLVM and build
# directory are chosen as in scripts/build.sh ($RACEGATE_LLVM_VERSION,
# $RACEGATE_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir "${RACEGATE_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
