#!/usr/bin/python3
"""End-to-end checks of the racegate executable.

usage: cli_smoke.py RACEGATE FAKE_PROGRAM SCHEMA DATA_DIR

FAKE_PROGRAM is tests/cli/fake_program.c, built: it looks instrumented and
writes whatever findings stream its first argument names.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import jsonschema

RACEGATE, FAKE, SCHEMA_PATH, DATA = sys.argv[1:5]
with open(SCHEMA_PATH, encoding="utf-8") as schema_file:
    VALIDATOR = jsonschema.Draft202012Validator(json.load(schema_file))

failures = []


def racegate(*args, env=None):
    return subprocess.run([RACEGATE, *args], capture_output=True, text=True,
                          env=env, timeout=30)


def check(name, condition, result=None):
    if not condition:
        detail = ""
        if result is not None:
            detail = (f"\n  exit {result.returncode}\n  stdout: "
                      f"{result.stdout[:2000]}\n  stderr: {result.stderr}")
        failures.append(f"{name}{detail}")


def expect_error(name, result, text):
    lines = [line for line in result.stderr.splitlines()
             if line.startswith("racegate: error: ")]
    check(name, result.returncode == 2 and len(lines) == 1 and text in lines[0]
          and result.stdout == "", result)


def json_report(name, result, exit_code):
    check(f"{name}: exit code {exit_code}", result.returncode == exit_code,
          result)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        check(f"{name}: stdout is a JSON report", False, result)
        return {}
    errors = list(VALIDATOR.iter_errors(report))
    check(f"{name}: schema: {errors[0].message if errors else ''}", not errors)
    return report


# Usage and tool errors: one error line, exit 2.
version = racegate("--version")
check("--version", version.returncode == 0 and
      version.stdout == "racegate 0.1.0\n", version)
check("--help", racegate("--help").returncode == 0)
check("run --help", racegate("run", "--help").returncode == 0)
expect_error("no command", racegate(), "subcommand")
expect_error("unknown command", racegate("frobnicate"), "unknown command")
expect_error("bad format", racegate("report", "--format", "xml", "x"), "xml")
expect_error("run without program", racegate("run"), "no program")
expect_error("uninstrumented", racegate("run", "--", "/bin/true"),
             "/bin/true was not built with racegate (no racegate runtime in "
             "it); build it with racegate check or the racegate compiler flags")
expect_error("not executable",
             racegate("run", "--", os.path.join(DATA, "sample.jsonl")),
             "not an executable")
with tempfile.TemporaryDirectory() as scratch:
    script = os.path.join(scratch, "script.sh")
    with open(script, "w", encoding="utf-8") as script_file:
        script_file.write("#!/bin/sh\nexit 0\n")
    os.chmod(script, 0o755)
    expect_error("not ELF", racegate("run", "--", script),
                 "was not built with racegate (it is not an ELF executable)")
expect_error("program not found", racegate("run", "--", "./no-such-program"),
             "not found")
expect_error("missing source", racegate("check", "no-such-file.c"),
             "no-such-file.c")
with tempfile.NamedTemporaryFile(suffix=".rs") as source:
    expect_error("unknown extension", racegate("check", source.name),
                 "unknown source file extension")
expect_error("corrupt stream",
             racegate("report", os.path.join(DATA, "corrupt.jsonl")),
             "corrupt findings stream")
expect_error("missing stream", racegate("report", "no-such-stream.jsonl"),
             "no-such-stream.jsonl")

# `report`.
sample = racegate("report", os.path.join(DATA, "sample.jsonl"))
report = json_report("report sample", sample, 1)
check("sample merges equal fingerprints",
      report.get("summary", {}).get("total") == 5 and
      report["findings"][0]["count"] == 2, sample)
text = racegate("report", "--format", "text",
                os.path.join(DATA, "sample.jsonl"))
check("text report", text.returncode == 1 and "\x1b" not in text.stdout and
      text.stdout.endswith("racegate: 5 findings (2 data_race, 1 "
                           "lock_order_inversion, 1 stall, 1 "
                           "unlock_not_owned)\n"), text)
truncated = racegate("report", os.path.join(DATA, "truncated.jsonl"))
json_report("truncated stream", truncated, 0)
check("truncated stream warns", "racegate: warning: dropped" in
      truncated.stderr, truncated)
with tempfile.TemporaryDirectory() as scratch:
    output = os.path.join(scratch, "r.json")
    to_file = racegate("report", "-o", output,
                       os.path.join(DATA, "sample.jsonl"))
    check("-o leaves stdout empty", to_file.returncode == 1 and
          to_file.stdout == "" and os.path.getsize(output) > 0, to_file)

# `run`, with the fake program writing the stream.
clean = racegate("run", "--", FAKE, "clean")
report = json_report("run clean", clean, 0)
check("program stdout goes to stderr", "fake program output" in clean.stderr
      and report.get("program", {}).get("exit_code") == 0, clean)
race = racegate("run", "--", FAKE, "race")
report = json_report("run race", race, 1)
check("race message", report.get("findings", [{}])[0].get("message") ==
      "data race on 'counter' (global): write of size 4 by thread 2 vs "
      "previous write of size 4 by thread 1", race)
crash = racegate("run", "--", FAKE, "crash")
report = json_report("run crash", crash, 1)
check("signal recorded", report.get("program", {}).get("signal") ==
      "SIGSEGV" and report["program"]["exit_code"] is None, crash)
exit3 = racegate("run", "--", FAKE, "exit3")
report = json_report("run exit 3", exit3, 3)
check("exit code recorded", report.get("program", {}).get("exit_code") == 3,
      exit3)
truncated = racegate("run", "--", FAKE, "truncated")
json_report("run truncated", truncated, 1)
expect_error("run without start", racegate("run", "--", FAKE, "nostart"),
             "no start record")
corrupt = racegate("run", "--", FAKE, "corrupt")
expect_error("run corrupt", corrupt, "corrupt findings stream")
# The stream named in the message is kept for inspection; clean it up.
for word in corrupt.stderr.split():
    if word.endswith("findings.jsonl") and os.path.exists(word):
        os.remove(word)
        os.rmdir(os.path.dirname(word))

started = time.monotonic()
hang = racegate("run", "--timeout", "1", "--", FAKE, "hang")
elapsed = time.monotonic() - started
report = json_report("run timeout", hang, 1)
check("timeout kills after timeout + 3 s", 3.5 < elapsed < 10, hang)
check("timeout finding added",
      report.get("program", {}).get("timed_out") is True and
      report["program"]["signal"] == "SIGKILL" and
      report["findings"][0]["kind"] == "timeout" and
      "1 s" in report["findings"][0]["message"], hang)

# SIGTERM to racegate alone ends the program, and the report still comes.
with subprocess.Popen([RACEGATE, "run", "--", FAKE, "hang"],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                      text=True) as terminated:
    time.sleep(0.5)
    terminated.terminate()
    out, err = terminated.communicate(timeout=10)
    result = subprocess.CompletedProcess(terminated.args,
                                         terminated.returncode, out, err)
    report = json_report("run terminated", result, 3)
    check("SIGTERM forwarded to the program",
          report.get("program", {}).get("signal") == "SIGTERM", result)

for failure in failures:
    print(f"FAIL: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
