#!/usr/bin/python3
"""End-to-end checks of hostile input and of outputs that would clobber.

usage: hostile_inputs_smoke.py RACEGATE DATA_DIR

Every bad stream, report, baseline or suppressions file, and every -o or
--keep-binary that names an input or a directory, must end in exactly one
`racegate: error:` line on stderr (nothing else there) and exit 2: never a
signal, an `internal error` or a pass. A source path in another encoding
and a stream cut off mid-record are not errors.
"""

import json
import os
import subprocess
import sys
import tempfile

RACEGATE, DATA = map(os.path.abspath, sys.argv[1:3])
SAMPLE = os.path.join(DATA, "sample.jsonl")
START = '{"type":"start","pid":1,"stream_version":2}\n'
DEPTH = 50000

failures = []


def racegate(*args, cwd=None):
    return subprocess.run([RACEGATE, *args], capture_output=True, cwd=cwd,
                          timeout=120)


def check(name, condition, result=None):
    if not condition:
        detail = ""
        if result is not None:
            detail = (f"\n  exit {result.returncode}\n  stderr: "
                      f"{result.stderr[:1000]!r}")
        failures.append(f"{name}{detail}")


def expect_error(name, result, text):
    lines = result.stderr.decode("utf-8", "replace").splitlines()
    check(name, result.returncode == 2 and len(lines) == 1 and
          lines[0].startswith("racegate: error: ") and text in lines[0],
          result)


def write(path, data):
    with open(path, "wb") as out:
        out.write(data if isinstance(data, bytes) else data.encode())
    return path


with tempfile.TemporaryDirectory() as scratch:
    def at(name):
        return os.path.join(scratch, name)

    deep = "[" * DEPTH + "]" * DEPTH
    finding = '{"type":"finding","kind":"data_race","stacks":[],"threads":[]'
    streams = {
        "50,000-deep nesting": (START + finding + ',"x":' + deep + "}\n",
                                "nested deeper than"),
        "1e999": (START + '{"type":"finding","kind":"data_race","stacks":'
                  '[{"thread":1e999,"frames":[]}]}\n', "out of range"),
        "binary garbage without a newline": (
            bytes((i * 7919 + 13) % 256 for i in range(100000))
            .replace(b"\n", b"x"), "not valid JSON"),
        "NULs beyond the record limit": (b"\0" * (65 << 20), "longer than"),
        "a huge single line": (START + finding + ',"x":"' + "a" * (65 << 20)
                               + '"}\n', "longer than"),
        # Small records that would expand to gigabytes in memory.
        "200,000 empty stacks": (
            START + '{"type":"finding","kind":"data_race","stacks":[' +
            ",".join(["{}"] * 200000) + "]}\n", "more than 131072 stacks"),
        "3,000,000 values": (START + finding + ',"x":[' +
                             ",".join(["1"] * 3000000) + "]}\n",
                             "more than 2000000 JSON values"),
        "unknown stream_version": (
            '{"type":"start","pid":1,"stream_version":99}\n',
            "unknown stream version 99"),
        "unknown finding kind": (
            START + '{"type":"finding","kind":"gremlins"}\n',
            "unknown finding kind 'gremlins'"),
    }
    for name, (data, text) in streams.items():
        path = write(at("stream.jsonl"), data)
        expect_error(f"report: {name}", racegate("report", path), text)
    expect_error("report: a directory", racegate("report", scratch),
                 "it is a directory")
    # Devices have no size to check first, and no end.
    expect_error("report: /dev/zero", racegate("report", "/dev/zero"),
                 "longer than")
    expect_error("--suppressions /dev/zero",
                 racegate("report", "--suppressions", "/dev/zero", SAMPLE),
                 "larger than 16 MiB")

    # A source path in another encoding is the runtime's own output.
    with open(SAMPLE, "rb") as sample:
        lines = sample.read().split(b"\n")
    latin1 = write(at("latin1.jsonl"), lines[0] + b"\n" + lines[1].replace(
        b"/src/demo/", b"/src/d\xe9mo/") + b"\n")
    accepted = racegate("report", "--format", "text", "--source-root",
                        b"/src/d\xe9mo", latin1)
    check("report: a non-UTF-8 byte in a source path is accepted",
          accepted.returncode == 1 and not accepted.stderr and
          accepted.stdout.startswith(b"counter.cpp:"), accepted)
    # The runtime may be killed mid-write: the complete records stay.
    complete = b"\n".join(lines[:4]) + b"\n"
    cut = write(at("cut.jsonl"), complete + lines[4][:len(lines[4]) // 2])
    whole = write(at("whole.jsonl"), complete)
    summaries = [json.loads(racegate("report", path).stdout)["summary"]
                 for path in (cut, whole)]
    check("report: a stream cut mid-record keeps its complete records",
          summaries[0] == summaries[1] and summaries[0]["total"] > 0,
          summaries)

    # Reports read back (merge, --baseline) and suppressions files.
    good = at("good.json")
    racegate("report", "--fail-on", "none", "-o", good, SAMPLE)
    with open(good, encoding="utf-8") as report_file:
        report = report_file.read()
    reports = {
        "50,000-deep nesting": (report.replace(
            '"findings": [', '"findings": [' + deep + ",", 1),
            "nested deeper than"),
        "1e999": (report.replace('"count":', '"count":1e999,"was":', 1),
                  "not valid JSON"),
        "cut short": (report[:len(report) // 2], "not valid JSON"),
        "200,000 empty stacks": (report.replace(
            '"stacks":[', '"stacks":[' + "{}," * 200000, 1),
            "more than 131072 stacks"),
        "another schema version": (report.replace(
            '"schema_version": "2.0"', '"schema_version": "9.0"', 1),
            "schema version 9.0"),
    }
    for name, (data, text) in reports.items():
        path = write(at("bad.json"), data)
        expect_error(f"merge: {name}", racegate("merge", "-o", at("m.json"),
                                                path), text)
        expect_error(f"--baseline: {name}",
                     racegate("report", "--baseline", path, SAMPLE), text)
    expect_error("merge: a directory", racegate("merge", scratch),
                 "it is a directory")
    suppressions = {
        "binary": bytes(range(256)) * 64,
        "deep brackets": b"{" * DEPTH + b"\n",
    }
    for name, data in suppressions.items():
        path = write(at("bad.supp"), data)
        expect_error(f"--suppressions: {name}",
                     racegate("report", "--suppressions", path, SAMPLE),
                     "bad.supp")

    # Outputs that would clobber an input, or land in a directory; all are
    # refused before any work, so the inputs are unchanged.
    source = write(at("v.c"), "int main(void) { return 0; }\n")
    stream = write(at("s.jsonl"), open(SAMPLE, "rb").read())
    os.symlink("v.c", at("alias.c"))
    clobbers = {
        "check v.c -o v.c": (("check", "v.c", "-o", "v.c"), "input file v.c"),
        "check v.c -o a link to v.c": (("check", "v.c", "-o", "alias.c"),
                                       "input file v.c"),
        "check v.c --keep-binary v.c": (
            ("check", "v.c", "--keep-binary", "v.c"), "input file v.c"),
        "check -o and --keep-binary the same file": (
            ("check", "v.c", "--keep-binary", "out", "-o", "out"),
            "--keep-binary file out"),
        "check -o a directory": (("check", "v.c", "-o", "."),
                                 "is a directory"),
        "check --keep-binary a directory": (
            ("check", "v.c", "--keep-binary", "."), "is a directory"),
        "report s.jsonl -o s.jsonl": (("report", "s.jsonl", "-o", "s.jsonl"),
                                      "input file s.jsonl"),
        "report -o its suppressions file": (
            ("report", "s.jsonl", "--suppressions", "v.c", "-o", "v.c"),
            "input file v.c"),
        "merge -o one of its reports": (
            ("merge", "-o", good, good), "input file"),
    }
    for name, (args, text) in clobbers.items():
        expect_error(name, racegate(*args, cwd=scratch), text)
    check("the inputs are unchanged",
          open(source).read() == "int main(void) { return 0; }\n" and
          open(stream, "rb").read() == open(SAMPLE, "rb").read() and
          json.loads(open(good).read())["findings"])
    # -o through a symbolic link is not followed.
    target = write(at("target.txt"), "keep\n")
    os.symlink("target.txt", at("link.json"))
    linked = racegate("report", "-o", "link.json", "s.jsonl", cwd=scratch)
    lines = linked.stderr.decode().splitlines()
    check("-o through a symbolic link is refused",
          linked.returncode == 2 and len(lines) == 1 and
          "it is a symbolic link" in lines[0] and
          open(target).read() == "keep\n", linked)

for failure in failures:
    print(f"FAIL: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
