#!/usr/bin/python3
"""End-to-end checks of the gate controls, merge, explain and run settings.

usage: gate_smoke.py RACEGATE FAKE_PROGRAM SCHEMA DATA_DIR

Works on the test streams in DATA_DIR (`racegate report`) and the fake
program (`racegate run`); every JSON report is checked against SCHEMA.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

RACEGATE, FAKE, SCHEMA_PATH, DATA = sys.argv[1:5]
SAMPLE = os.path.join(DATA, "sample.jsonl")
RUNTIME = os.path.join(DATA, "runtime_kinds.jsonl")
with open(SCHEMA_PATH, encoding="utf-8") as schema_file:
    VALIDATOR = jsonschema.Draft202012Validator(json.load(schema_file))

failures = []


def racegate(*args):
    return subprocess.run([RACEGATE, *args], capture_output=True, text=True,
                          timeout=60)


def check(name, condition, result=None):
    if not condition:
        detail = ""
        if result is not None:
            detail = (f"\n  exit {result.returncode}\n  stdout: "
                      f"{result.stdout[:2000]}\n  stderr: {result.stderr}")
        failures.append(f"{name}{detail}")


def expect_error(name, result, *texts):
    lines = [line for line in result.stderr.splitlines()
             if line.startswith("racegate: error: ")]
    check(name, result.returncode == 2 and len(lines) == 1 and
          all(text in lines[0] for text in texts) and result.stdout == "",
          result)


def load(name, result, exit_code):
    check(f"{name}: exit code {exit_code}", result.returncode == exit_code,
          result)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        check(f"{name}: stdout is a JSON report", False, result)
        return {"findings": [], "summary": {}}
    errors = list(VALIDATOR.iter_errors(report))
    check(f"{name}: schema: {errors[0].message if errors else ''}", not errors)
    return report


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    return path


with tempfile.TemporaryDirectory() as scratch:
    full = load("sample", racegate("report", SAMPLE), 1)
    total = full["summary"].get("total", 0)
    check("sample has findings", total >= 3)
    check("every finding fails the default gate",
          full["summary"].get("failing") == total and
          all(f["fails_gate"] and not f["baseline"] for f in full["findings"]))

    # --fail-on
    none = load("--fail-on none", racegate("report", "--fail-on", "none",
                                           SAMPLE), 0)
    check("--fail-on none still lists the findings",
          none["summary"].get("total") == total and
          none["summary"].get("failing") == 0 and
          none["gate"]["fail_on"] == [])
    stall = load("--fail-on stall", racegate("report", "--fail-on", "stall",
                                             SAMPLE), 1)
    check("--fail-on stall fails on the stall only",
          [f["kind"] for f in stall["findings"] if f["fails_gate"]] ==
          ["stall"])
    load("--fail-on absent kind", racegate("report", "--fail-on",
                                           "starvation,livelock", SAMPLE), 0)
    expect_error("--fail-on unknown kind",
                 racegate("report", "--fail-on", "data_race,races", SAMPLE),
                 "unknown finding kind 'races'", "lock_order_inversion")

    # --baseline
    baseline_path = write(scratch, "baseline.json", json.dumps(full))
    same = load("baseline holds everything",
                racegate("report", "--baseline", baseline_path, SAMPLE), 0)
    check("baseline findings are listed and marked",
          same["summary"].get("total") == total and
          same["summary"].get("baseline") == total and
          all(f["baseline"] and not f["fails_gate"]
              for f in same["findings"]) and
          same["gate"]["baseline"] == baseline_path)
    partial = dict(full, findings=full["findings"][1:])
    partial_path = write(scratch, "partial.json", json.dumps(partial))
    one_new = load("baseline lacks one finding",
                   racegate("report", "--baseline", partial_path, SAMPLE), 1)
    check("only the finding missing from the baseline fails",
          [f["fingerprint"] for f in one_new["findings"] if f["fails_gate"]]
          == [full["findings"][0]["fingerprint"]])
    load("other program against the baseline",
         racegate("report", "--baseline", baseline_path, RUNTIME), 1)
    expect_error("missing baseline",
                 racegate("report", "--baseline",
                          os.path.join(scratch, "nope.json"), SAMPLE),
                 "cannot read baseline")
    expect_error("baseline is not a report",
                 racegate("report", "--baseline", SAMPLE, SAMPLE),
                 "not valid JSON")
    old = dict(full, schema_version="1.0")
    expect_error("baseline of another schema version",
                 racegate("report", "--baseline",
                          write(scratch, "old.json", json.dumps(old)), SAMPLE),
                 "schema version 1.0")

    # --suppressions
    races = sum(1 for f in full["findings"] if f["kind"] == "data_race")
    supp = write(scratch, "races.supp",
                 "# TSan syntax\nrace:^Pool::\nrace_top:increment\n")
    dropped = load("race suppressions",
                   racegate("report", "--suppressions", supp, SAMPLE), 1)
    check("suppressed findings leave the report and are counted",
          dropped["summary"].get("suppressed") == races and
          dropped["summary"].get("total") == total - races and
          all(f["kind"] != "data_race" for f in dropped["findings"]),
          None)
    everything = write(scratch, "all.supp", "src:/src/demo/*\n")
    load("src suppression of everything",
         racegate("report", "--suppressions", everything, SAMPLE), 0)
    bad = write(scratch, "bad.supp", "race:x\nraces:y\n")
    expect_error("bad suppression type",
                 racegate("report", "--suppressions", bad, SAMPLE),
                 "bad.supp:2: unknown suppression type 'races'")
    expect_error("missing suppressions file",
                 racegate("report", "--suppressions",
                          os.path.join(scratch, "none.supp"), SAMPLE),
                 "cannot read suppressions file")

    # merge
    first = write(scratch, "first.json", json.dumps(full))
    second = write(scratch, "second.json",
                   racegate("report", SAMPLE).stdout)
    merged_path = os.path.join(scratch, "merged.json")
    merged_run = racegate("merge", "-o", merged_path, first, second)
    check("merge exit code", merged_run.returncode == 1 and
          merged_run.stdout == "", merged_run)
    with open(merged_path, encoding="utf-8") as merged_file:
        merged_text = merged_file.read()
    merged = load("merge output",
                  subprocess.CompletedProcess([], 1, merged_text, ""), 1)
    check("merge de-duplicates by fingerprint and sums counts",
          merged["summary"].get("total") == total and
          [f["count"] for f in merged["findings"]] ==
          [2 * f["count"] for f in full["findings"]] and
          [s["report"] for s in merged.get("sources", [])] ==
          [first, second])
    runtime_report = write(scratch, "runtime.json",
                           racegate("report", RUNTIME).stdout)
    union = load("merge of different programs",
                 racegate("merge", first, runtime_report), 1)
    fingerprints = {f["fingerprint"] for f in full["findings"]}
    fingerprints |= {f["fingerprint"] for f in
                     json.loads(racegate("report", RUNTIME).stdout)["findings"]}
    check("merge keeps every distinct finding",
          union["summary"].get("total") == len(fingerprints))
    load("merge with a baseline",
         racegate("merge", "--baseline", baseline_path, first, second), 0)
    suppressed_report = write(scratch, "suppressed.json",
                              racegate("report", "--suppressions", supp,
                                       SAMPLE).stdout)
    summed = load("merge sums suppressed counts",
                  racegate("merge", suppressed_report, suppressed_report), 1)
    check("suppressed counts add up",
          summed["summary"].get("suppressed") == 2 * races)
    expect_error("merge of a non-report", racegate("merge", SAMPLE),
                 "is not valid JSON")
    expect_error("merge without reports", racegate("merge"), "REPORT")

    # run settings, through the fake program
    env_run = racegate("run", "--starvation-threshold", "0.25", "--timeout",
                       "7", "--", FAKE, "env")
    check("thresholds reach the program",
          "RACEGATE_STARVATION_MS=250 RACEGATE_TIMEOUT=7" in env_run.stderr,
          env_run)
    default_run = racegate("run", "--", FAKE, "env")
    check("no threshold, no variable",
          "RACEGATE_STARVATION_MS=(unset)" in default_run.stderr, default_run)
    for value in ["0", "abc", "1e3", "inf", ".", ""]:
        expect_error(f"--starvation-threshold {value!r}",
                     racegate("run", "--starvation-threshold", value, "--",
                              FAKE, "env"),
                     "--starvation-threshold")
    report_dir = os.path.join(scratch, "reports", "nested")
    saved = racegate("run", "--format", "text", "--report-dir", report_dir,
                     "--", FAKE, "race")
    files = os.listdir(report_dir) if os.path.isdir(report_dir) else []
    check("--report-dir saves one JSON report per run",
          saved.returncode == 1 and len(files) == 1 and
          re.fullmatch(r".*fake_program-\d+\.json", files[0]) is not None,
          saved)
    if files:
        with open(os.path.join(report_dir, files[0]), encoding="utf-8") as f:
            saved_text = f.read()
        load("--report-dir report",
             subprocess.CompletedProcess([], 1, saved_text, ""), 1)

# explain
explained = racegate("explain", "lock_order_inversion")
check("explain a kind", explained.returncode == 0 and
      "global lock order" in explained.stdout and
      "Why it is a bug" in explained.stdout, explained)
listing = racegate("explain")
check("explain lists the kinds", listing.returncode == 0 and all(
    kind in listing.stdout for kind in
    ["data_race", "condvar_multiple_mutexes", "timeout"]), listing)
expect_error("explain an unknown kind", racegate("explain", "races"),
             "unknown finding kind 'races'", "data_race", "timeout")

for failure in failures:
    print(f"FAIL: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
