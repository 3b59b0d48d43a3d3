#!/usr/bin/env python3
"""Counts the memory-access hooks racegate and ThreadSanitizer put into programs.

Each program is compiled twice to LLVM IR at -O1 -g: once with
-fsanitize=thread, counting calls to __tsan_read*/__tsan_write* (fixed sizes,
unaligned and ranges; vptr hooks and memcpy/memmove/memset calls are
counted apart), and once with racegate's
pass plugin, counting calls to __racegate_read*/__racegate_write* (ranges
included; vptr hooks apart). These are static counts: hooks in the code, not
executions.

Usage:
  scripts/count-instrumentation.py [--lib-dir build/lib/racegate]
      [--clang clang++-14] [PROGRAM...]
Without programs: bench/workloads/*.cpp and every testdata program.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSAN_ACCESS = re.compile(
    r"(?:call|invoke) void @__tsan_(unaligned_)?(read|write)(\d+|_range)\b")
TSAN_MEM = re.compile(r"(?:call|invoke) \S+ @__tsan_mem(?:cpy|move|set)\b")
TSAN_VPTR = re.compile(r"(?:call|invoke) void @__tsan_vptr_(read|update)\b")
RG_ACCESS = re.compile(r"(?:call|invoke) void @__racegate_(read|write)(\d+|_range)\b")
RG_VPTR = re.compile(r"(?:call|invoke) void @__racegate_vptr_(read|update)\b")


def compile_ir(clang, source, extra):
    is_c = source.endswith(".c")
    compiler = clang.replace("clang++", "clang") if is_c else clang
    std = [] if is_c else ["-std=c++20"]
    command = [compiler, *std, "-O1", "-g", "-pthread", "-S", "-emit-llvm",
               *extra, source, "-o", "-"]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{run.stderr}")
    return run.stdout


def count(pattern, text):
    return len(pattern.findall(text))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib-dir", default=os.path.join(ROOT, "build", "lib",
                                                          "racegate"))
    parser.add_argument("--clang", default="clang++-14")
    parser.add_argument("programs", nargs="*")
    options = parser.parse_args()
    programs = options.programs or (
        sorted(glob.glob(os.path.join(ROOT, "bench", "workloads", "*.cpp")))
        + sorted(glob.glob(os.path.join(ROOT, "testdata", "*", "*.c*"))))
    plugin = os.path.join(options.lib_dir, "RacegatePass.so")
    totals = [0, 0, 0, 0, 0]
    print(f"{'program':58} {'tsan':>6} {'racegate':>8} {'tsan-vptr':>9} "
          f"{'rg-vptr':>7} {'tsan-mem':>8}")
    for source in programs:
        tsan = compile_ir(options.clang, source, ["-fsanitize=thread"])
        ours = compile_ir(options.clang, source,
                          ["-fpass-plugin=" + plugin,
                           "-fno-omit-frame-pointer"])
        row = [count(TSAN_ACCESS, tsan), count(RG_ACCESS, ours),
               count(TSAN_VPTR, tsan), count(RG_VPTR, ours),
               count(TSAN_MEM, tsan)]
        totals = [a + b for a, b in zip(totals, row)]
        name = os.path.relpath(source, ROOT)
        print(f"{name:58} {row[0]:6} {row[1]:8} {row[2]:9} {row[3]:7} "
              f"{row[4]:8}")
    print(f"{'total':58} {totals[0]:6} {totals[1]:8} {totals[2]:9} "
          f"{totals[3]:7} {totals[4]:8}")
    if totals[0]:
        print(f"racegate/tsan: {totals[1] / totals[0]:.2f}")


if __name__ == "__main__":
    main()
