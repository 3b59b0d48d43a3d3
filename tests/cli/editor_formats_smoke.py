#!/usr/bin/python3
"""End-to-end checks of the text and github formats.

usage: editor_formats_smoke.py RACEGATE DATA_DIR
"""

import json
import os
import re
import subprocess
import sys

RACEGATE, DATA = sys.argv[1:3]
STREAMS = [os.path.join(DATA, name)
           for name in ("sample.jsonl", "runtime_kinds.jsonl")]
# "FILE:LINE:COL: SEVERITY: TEXT", what editors' error parsers read.
DIAGNOSTIC = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
                        r"(?P<severity>error|warning|note): \S")

failures = []


def racegate(*args):
    return subprocess.run([RACEGATE, *args], capture_output=True, text=True,
                          timeout=60)


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}\n  {detail}" if detail else name)


for stream in STREAMS:
    text = racegate("report", "--format", "text", stream)
    check(f"text {stream}: exit code", text.returncode == 1, text.stderr)
    check("text is not coloured in a pipe", "\x1b" not in text.stdout)
    errors = 0
    for line in text.stdout.splitlines():
        match = DIAGNOSTIC.match(line)
        if match:
            errors += match["severity"] == "error"
            continue
        check(f"text line parses: {line!r}",
              line == "" or line.startswith("  #") or
              line.startswith("racegate: "))
    findings = json.loads(racegate("report", stream).stdout)["findings"]
    failing = [f for f in findings if f["fails_gate"]]
    check(f"text {stream}: one error per failing finding", errors == len(failing),
          (errors, len(failing)))

    github = racegate("report", "--format", "github", stream)
    lines = github.stdout.splitlines()
    check(f"github {stream}: one annotation per finding and a summary",
          len(lines) == len(findings) + 1 and
          all(re.match(r"^::(error|warning|notice) (file=[^,]+,(line=[1-9]\d*,)?(col=[1-9]\d*,)?)?"
                       r"title=[^:,]+::[^\r\n]+$", line) for line in lines[:-1])
          and lines[-1].startswith("racegate: "), github.stdout[:3000])

workspace = subprocess.run([RACEGATE, "report", "--format", "github",
                            STREAMS[0]], capture_output=True, text=True,
                           env=dict(os.environ, GITHUB_WORKSPACE="/src/demo"))
check("github paths relative to GITHUB_WORKSPACE",
      "::error file=counter.cpp,line=12," in workspace.stdout,
      workspace.stdout[:500])

for failure in failures:
    print(f"FAIL: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
