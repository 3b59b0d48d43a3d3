#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever racegate needs to build, test
# and compare itself with ThreadSanitizer and Valgrind, and is missing.
set -euo pipefail

packages=(
  clang-14 llvm-14-dev libclang-14-dev libclang-rt-14-dev
  cmake ninja-build
  nlohmann-json3-dev libcli11-dev libfmt-dev googletest libgtest-dev
  python3 python3-jsonschema
  valgrind
)

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
