#!/usr/bin/env bash
# Sets racegate up on a Debian 12 machine and shows it at work: it finds the
# data race in the seeds' shared-counter program (5 threads x 100000
# increments of one counter, no lock).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
echo "== racegate check testdata/basic/shared_counter_racy.cpp" >&2
status=0
./build/bin/racegate check --format text testdata/basic/shared_counter_racy.cpp || status=$?
# Exit code 1 means "findings", which is what the demo is about.
[ "$status" -eq 1 ] && exit 0
exit "$status"
