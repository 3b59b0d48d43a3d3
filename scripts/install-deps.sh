#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever racegate needs to build, test
# and compare itself with ThreadSanitizer and Valgrind, and is missing.
# Usage: scripts/install-deps.sh [LLVM-VERSION...]
# The LLVM versions (14, 15, 16, 19, 22) default to $RACEGATE_LLVM_VERSION,
# else to the newest installed, else to 14. RACEGATE_WITH_LIBCXX=1 also
# installs the first version's libc++ (Debian allows one libc++ at a time).
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=($(scripts/llvm-version.sh))

packages=(
  cmake ninja-build
  nlohmann-json3-dev libcli11-dev libfmt-dev googletest libgtest-dev
  python3 python3-jsonschema
  valgrind
)
for v in "${versions[@]}"; do
  packages+=("clang-$v" "llvm-$v-dev")
  # ThreadSanitizer's runtime, for the comparisons (Debian 12 has none for 15).
  [ "$v" = 15 ] || packages+=("libclang-rt-$v-dev")
done
if [ "${RACEGATE_WITH_LIBCXX:-0}" = 1 ]; then
  packages+=("libc++-${versions[0]}-dev" "libc++abi-${versions[0]}-dev")
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "racegate: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
