#!/usr/bin/env python3
"""Checks which functions of a source file the racegate pass instruments.

The source marks each extern "C" function with a comment line
"// hooks: none" or "// hooks: some" above it. The file is compiled at -O2
with the plugin to LLVM IR, and every marked function's body is searched
for calls (or invokes) of the runtime's access hooks (__racegate_read*, __racegate_write*,
range checks, unaligned and vptr hooks). Exits 1 listing every function
whose instrumentation disagrees with its mark.
"""
import argparse
import re
import subprocess
import sys

MARK = re.compile(r"^// hooks: (none|some)\s*$")
FUNCTION = re.compile(r'extern "C" [^(]*?\b(\w+)\s*\(')
DEFINE = re.compile(r"^define [^@]*@(\w+)\(")
ACCESS_HOOK = re.compile(r"(?:call|invoke) [^@]*@__racegate_(?:unaligned_)?(?:read|write|vptr)\w*\(")


def expectations(source):
    """{function: "none"|"some"} from the marks in source."""
    expected, pending = {}, None
    for line in open(source):
        if m := MARK.match(line.strip()):
            pending = m.group(1)
        elif pending and (m := FUNCTION.search(line)):
            expected[m.group(1)] = pending
            pending = None
    return expected


def hooks_per_function(ir):
    """{function: number of access hook calls} for every definition in ir."""
    counts, current = {}, None
    for line in ir.splitlines():
        if m := DEFINE.match(line):
            current = m.group(1)
            counts[current] = 0
        elif line.startswith("}"):
            current = None
        elif current and ACCESS_HOOK.search(line):
            counts[current] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clangxx", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("source")
    args = ap.parse_args()
    expected = expectations(args.source)
    if not expected:
        sys.exit(f"{args.source}: no '// hooks:' marks")
    cmd = [args.clangxx, "-std=c++20", "-O2", "-g", f"-fpass-plugin={args.plugin}",
           "-S", "-emit-llvm", "-o", "-", args.source]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"compile failed: {' '.join(cmd)}\n{res.stderr}")
    counts = hooks_per_function(res.stdout)
    failures = []
    for function, want in expected.items():
        if function not in counts:
            failures.append(f"{function}: not defined in the IR")
        elif (counts[function] == 0) != (want == "none"):
            failures.append(f"{function}: expected hooks {want}, found {counts[function]}")
        else:
            print(f"ok  {function}: {counts[function]} hook call(s), expected {want}")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
