#!/usr/bin/env bash
# Builds racegate and runs every test: unit tests of the detection core and
# the CLI, and the end-to-end tests over testdata/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
