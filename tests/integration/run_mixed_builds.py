#!/usr/bin/env python3
"""Mixed builds end to end (docs/build-integration.md, "Mixed builds").

An instrumented program is linked with an object compiled by gcc and one
compiled by plain clang, neither instrumented. Checked: it links and runs;
a race between instrumented accesses made on threads the gcc object
created is found; a mutex taken inside the gcc object orders instrumented
accesses (no race); races inside the uninstrumented objects are not seen;
`racegate c++ -static` gives one `racegate: error:` line and exit 2. When
the clang's libc++ is installed, a -stdlib=libc++ program (mutex, condition
variable, atomics, shared_ptr) is clean, and its race is found.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(name, ok, detail=""):
    print(f"{'ok' if ok else 'FAIL'}: {name}")
    if not ok:
        failures.append(name)
        if detail:
            print(detail[-3000:])


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def must(command, what):
    result = run(command)
    if result.returncode != 0:
        print(f"FAIL: {what}\n{' '.join(command)}\n{result.stderr[-3000:]}")
        sys.exit(1)
    return result


def marker_line(path, marker):
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if marker in line:
                return number
    sys.exit(f"{path} has no {marker} marker")


def findings_of(racegate, program, *args):
    result = run([racegate, "run", "--", program, *args], timeout=120)
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    return result.returncode, report.get("findings", []), result


def race_on_line(findings, source, line):
    for finding in findings:
        if finding.get("kind") != "data_race":
            continue
        for stack in finding.get("stacks", []):
            for frame in stack.get("frames", []):
                if (os.path.basename(frame.get("file", "")) == source and
                        frame.get("line") == line):
                    return True
    return False


def main():
    parser = argparse.ArgumentParser()
    for name in ("racegate", "gcc", "clang", "clangxx", "sources"):
        parser.add_argument(f"--{name}", required=True)
    options = parser.parse_args()
    racegate, src = options.racegate, options.sources
    main_source = os.path.join(src, "instrumented_main.cpp")
    with tempfile.TemporaryDirectory() as work:
        gcc_object = os.path.join(work, "uninstrumented_gcc.o")
        clang_object = os.path.join(work, "uninstrumented_clang.o")
        main_object = os.path.join(work, "instrumented_main.o")
        program = os.path.join(work, "mixed")
        must([options.gcc, "-O1", "-c", os.path.join(src, "uninstrumented_gcc.c"),
              "-o", gcc_object], "gcc compiles the library")
        must([options.clang, "-O1", "-c",
              os.path.join(src, "uninstrumented_clang.c"), "-o", clang_object],
             "plain clang compiles the helper")
        must([racegate, "c++", "-O1", "-c", main_source, "-o", main_object],
             "racegate compiles the program")
        must([racegate, "c++", main_object, gcc_object, clang_object, "-o",
              program], "racegate links instrumented and plain objects")

        line = marker_line(main_source, "MIXED-RACE")
        status, findings, result = findings_of(racegate, program, "racy")
        check("a race on threads the gcc object created is found",
              status == 1 and race_on_line(findings, "instrumented_main.cpp",
                                           line), result.stdout + result.stderr)
        status, findings, result = findings_of(racegate, program, "locked")
        check("a mutex taken inside the gcc object orders the accesses",
              status == 0 and not findings, result.stdout + result.stderr)
        status, findings, result = findings_of(racegate, program, "hidden")
        check("a race inside the gcc object is not seen",
              status == 0 and not findings, result.stdout + result.stderr)
        status, findings, result = findings_of(racegate, program, "plain")
        check("a race inside the plain clang object is not seen",
              status == 0 and not findings, result.stdout + result.stderr)

        static = run([racegate, "c++", "-static", main_object, gcc_object,
                      clang_object, "-o", os.path.join(work, "static")])
        lines = static.stderr.strip().splitlines()
        check("-static is one clear error",
              static.returncode == 2 and len(lines) == 1 and
              lines[0].startswith("racegate: error: ") and
              "-static" in lines[0], static.stderr)

        libcxx_source = os.path.join(src, "libcxx_sync.cpp")
        probe = run([options.clangxx, "-stdlib=libc++", "-x", "c++", "-",
                     "-o", os.path.join(work, "probe")],
                    input="#include <mutex>\nint main() { std::mutex m; }\n")
        if probe.returncode != 0:
            print("skipped: -stdlib=libc++ (no libc++ for this clang)")
        else:
            libcxx = os.path.join(work, "libcxx")
            must([racegate, "c++", "-std=c++20", "-O1", "-stdlib=libc++",
                  libcxx_source, "-o", libcxx], "racegate builds with libc++")
            status, findings, result = findings_of(racegate, libcxx, "clean")
            check("a libc++ program with mutex, condvar, atomics and "
                  "shared_ptr is clean", status == 0 and not findings,
                  result.stdout + result.stderr)
            status, findings, result = findings_of(racegate, libcxx, "racy")
            check("the libc++ program's race is found",
                  status == 1 and race_on_line(
                      findings, "libcxx_sync.cpp",
                      marker_line(libcxx_source, "LIBCXX-RACE")),
                  result.stdout + result.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
