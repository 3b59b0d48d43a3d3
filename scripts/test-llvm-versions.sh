#!/usr/bin/env bash
# Builds racegate against every installed LLVM it supports (or the versions
# given), each in its own build directory (build-llvmNN), runs the end-to-end
# tests over testdata/ with each, and prints a table: one row per program,
# one column per version, each cell the verdict ("ok" when racegate found
# exactly what the program's "// expect:" line says, else "FAIL").
# Usage: scripts/test-llvm-versions.sh [VERSION...]
# Exit status: 0 when every cell is ok. RACEGATE_RESULTS_DIR=DIR keeps each
# version's results (ctest log, tests run, tests failed) in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  for v in 14 15 16 19 22; do
    [ -f "/usr/lib/llvm-$v/lib/cmake/llvm/LLVMConfig.cmake" ] &&
      [ -x "/usr/lib/llvm-$v/bin/clang" ] && versions+=("$v")
  done
fi
[ ${#versions[@]} -gt 0 ] || { echo "racegate: error: no LLVM installed" >&2; exit 2; }

print_table() {
  python3 - "$results" "$@" <<'EOF'
import sys
results, versions = sys.argv[1], sys.argv[2:]
tests, failed = set(), {}
for v in versions:
    tests |= set(open(f"{results}/all-{v}").read().split())
    failed[v] = set(open(f"{results}/failed-{v}").read().split())
width = max(len(t) for t in tests)
print(f"| {'program':{width}} | " + " | ".join(f"LLVM {v}" for v in versions) + " |")
print(f"|{'-' * (width + 2)}|" + "|".join("-" * (len(v) + 7) for v in versions) + "|")
bad = 0
for t in sorted(tests):
    cells = []
    for v in versions:
        present = t in open(f"{results}/all-{v}").read().split()
        cell = "FAIL" if t in failed[v] else ("ok" if present else "-")
        bad += cell != "ok"
        cells.append(f"{cell:{len(v) + 5}}")
    print(f"| {t:{width}} | " + " | ".join(cells) + " |")
print(f"\n{len(tests)} programs x {len(versions)} versions, {bad} not ok")
sys.exit(1 if bad else 0)
EOF
}

# $RACEGATE_RESULTS_DIR keeps each version's ctest log and lists.
if [ -n "${RACEGATE_RESULTS_DIR:-}" ]; then
  results="$RACEGATE_RESULTS_DIR"
  mkdir -p "$results"
else
  results=$(mktemp -d)
  trap 'rm -rf "$results"' EXIT
fi
done_versions=()
for v in "${versions[@]}"; do
  build="build-llvm$v"
  echo "== LLVM $v: building $build" >&2
  # Only what the end-to-end tests need: plugin, runtime and CLI.
  RACEGATE_LLVM_VERSION="$v" RACEGATE_BUILD_DIR="$build" scripts/build.sh \
    RacegatePass racegate_rt racegate >/dev/null
  echo "== LLVM $v: end-to-end tests" >&2
  ctest --test-dir "$build" -R '^e2e/' -j "$(nproc)" >"$results/ctest-$v.log" || true
  # ctest's summary names every failed test; every other e2e test passed.
  ctest --test-dir "$build" -R '^e2e/' -N | sed -n 's/^ *Test *#[0-9]*: //p' \
    | sort >"$results/all-$v"
  sed -n 's/^[[:space:]]*[0-9]* - \(e2e\/[^ ]*\) .*/\1/p' "$results/ctest-$v.log" \
    | sort >"$results/failed-$v"
  done_versions+=("$v")
  # The table so far, so that a long run shows its results as it goes.
  status=0
  print_table "${done_versions[@]}" || status=$?
done
exit "$status"

