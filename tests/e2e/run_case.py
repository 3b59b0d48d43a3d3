#!/usr/bin/env python3
"""Runs one testdata program through racegate and checks its verdict.

The program's first line says what racegate must find:
    // expect: none            or   // expect: data_race, deadlock
Optional lines after it:
    // hangs: yes              the program hangs without racegate
    // args: --timeout 2       extra racegate options
    // signal: SIGSEGV         the program must end with this signal
    // exit: 3                 racegate's exit code, when it is not the one
                               the findings imply (1 with findings, else 0)
    // frames-exclude: fail    no stack of any finding may show this function
    // race-lines: 13          both accesses of every data race are on these
                               lines (the innermost frame in the program)
    // warnings: none          racegate prints no warning (threads unchecked,
                               findings lost, ...)
The check: racegate's exit code matches the verdict, the report validates
against the JSON schema, the set of finding kinds equals the expected set,
and both accesses of every data race have the program's own source in their
stacks (the innermost frames may be library code inlined into it).
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile


def read_header(path):
    header = {"expect": None, "hangs": False, "args": [], "signal": None,
              "exit": None,
              "frames_exclude": [], "race_lines": [], "no_warnings": False}
    with open(path, encoding="utf-8") as source:
        for line in source:
            line = line.strip()
            if not line.startswith("//"):
                break
            text = line[2:].strip()
            if text.startswith("expect:"):
                kinds = text[len("expect:"):].strip()
                header["expect"] = set() if kinds == "none" else {
                    k.strip() for k in kinds.split(",") if k.strip()}
            elif text.startswith("hangs:"):
                header["hangs"] = text.split(":", 1)[1].strip() == "yes"
            elif text.startswith("args:"):
                header["args"] = shlex.split(text.split(":", 1)[1])
            elif text.startswith("exit:"):
                header["exit"] = int(text.split(":", 1)[1])
            elif text.startswith("signal:"):
                header["signal"] = text.split(":", 1)[1].strip()
            elif text.startswith("race-lines:"):
                header["race_lines"] = [
                    int(n) for n in text.split(":", 1)[1].split()]
            elif text.startswith("warnings:"):
                header["no_warnings"] = text.split(":", 1)[1].strip() == "none"
            elif text.startswith("frames-exclude:"):
                header["frames_exclude"] = text.split(":", 1)[1].split()
    if header["expect"] is None:
        sys.exit(f"{path}: no '// expect:' line")
    return header


def fail(message, report=None):
    print(f"FAIL: {message}")
    if report is not None:
        print(json.dumps(report, indent=1)[:6000])
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--racegate", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--validator", required=True)
    parser.add_argument("source")
    options = parser.parse_args()

    header = read_header(options.source)
    with tempfile.TemporaryDirectory() as work:
        report_path = os.path.join(work, "report.json")
        command = [options.racegate, "check", "--format", "json",
                   "-o", report_path, *header["args"], options.source]
        try:
            run = subprocess.run(command, capture_output=True, text=True,
                                 timeout=120)
        except subprocess.TimeoutExpired:
            fail("racegate did not end the program")
        sys.stderr.write(run.stderr[-4000:])
        if (run.returncode == 2 and header["exit"] != 2) or \
                not os.path.exists(report_path):
            fail(f"racegate failed with exit code {run.returncode}")
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        valid = subprocess.run([sys.executable, options.validator,
                                options.schema, report_path],
                               capture_output=True, text=True)
        if valid.returncode != 0:
            fail("report does not match the schema:\n" + valid.stdout +
                 valid.stderr, report)

    if header["no_warnings"] and "warning:" in run.stderr:
        fail("racegate warned: " + run.stderr[-2000:], report)
    kinds = {f["kind"] for f in report["findings"]}
    if kinds != header["expect"]:
        fail(f"expected kinds {sorted(header['expect']) or 'none'}, "
             f"got {sorted(kinds) or 'none'}", report)
    expected_exit = 1 if header["expect"] else 0
    if header["exit"] is not None:
        expected_exit = header["exit"]
    if run.returncode != expected_exit:
        fail(f"exit code {run.returncode}, expected {expected_exit}", report)

    if header["signal"] and report["program"].get("signal") != header["signal"]:
        fail(f"program signal {report['program'].get('signal')}, "
             f"expected {header['signal']}", report)
    for finding in report["findings"]:
        for stack in finding["stacks"]:
            for frame in stack["frames"]:
                for name in header["frames_exclude"]:
                    if name in frame.get("function", ""):
                        fail(f"a stack shows {name}, which had returned",
                             finding)

    source = os.path.realpath(options.source)
    for finding in report["findings"]:
        if finding["kind"] != "data_race":
            continue
        for stack in finding["stacks"][:2]:
            own = [frame for frame in stack["frames"]
                   if os.path.realpath(frame.get("file", "")) == source and
                   frame.get("line", 0) > 0]
            if not own:
                fail("a racing access is not located in the program", finding)
            if header["race_lines"] and own[0]["line"] not in header["race_lines"]:
                fail(f"a racing access is on line {own[0]['line']}, expected "
                     f"{header['race_lines']}", finding)
    print(f"ok: {sorted(kinds) or 'no findings'}")


if __name__ == "__main__":
    main()
