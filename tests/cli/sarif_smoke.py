#!/usr/bin/python3
"""End-to-end checks of the sarif format.

usage: sarif_smoke.py RACEGATE SARIF_SCHEMA VALIDATE_SARIF DATA_DIR

SARIF output is validated with VALIDATE_SARIF against the official schema at
SARIF_SCHEMA (outside the repository, never copied into it); when that file
is absent the test is skipped (exit 77) with a message.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

RACEGATE, SARIF_SCHEMA, VALIDATE_SARIF, DATA = sys.argv[1:5]
STREAMS = [os.path.join(DATA, name)
           for name in ("sample.jsonl", "runtime_kinds.jsonl")]
SKIP = 77

failures = []


def racegate(*args):
    return subprocess.run([RACEGATE, *args], capture_output=True, text=True,
                          timeout=60)


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}\n  {detail}" if detail else name)


if not os.path.isfile(SARIF_SCHEMA):
    print(f"SKIP: the official SARIF schema is not at {SARIF_SCHEMA}; "
          "format checks not run", file=sys.stderr)
    sys.exit(SKIP)

with tempfile.TemporaryDirectory() as scratch:
    logs = []
    for stream in STREAMS:
        for extra in ([], ["--fail-on", "deadlock"]):
            path = os.path.join(scratch, f"{len(logs)}.sarif")
            result = racegate("report", "--format", "sarif", "-o", path,
                              *extra, stream)
            check(f"sarif {stream} {extra}: exit code",
                  result.returncode in (0, 1), result.stderr)
            logs.append(path)
    # A baseline adds baselineState.
    baseline = os.path.join(scratch, "baseline.json")
    racegate("report", "-o", baseline, STREAMS[0])
    path = os.path.join(scratch, "with-baseline.sarif")
    racegate("report", "--format", "sarif", "--baseline", baseline, "-o",
             path, STREAMS[1])
    logs.append(path)
    # With --source-root over the streams' own files (runtime_kinds.jsonl's
    # were built under /work/main) every URI is relative.
    rooted = []
    for stream, root in zip(STREAMS, ("/src/demo", "/work/main")):
        rooted.append(os.path.join(scratch, f"rooted-{len(rooted)}.sarif"))
        result = racegate("report", "--format", "sarif", "--source-root",
                          root, "-o", rooted[-1], stream)
        check(f"sarif --source-root {root}: exit code",
              result.returncode in (0, 1), result.stderr)
    logs += rooted
    valid = subprocess.run([sys.executable, VALIDATE_SARIF, SARIF_SCHEMA,
                            *logs], capture_output=True, text=True)
    check("SARIF logs match the official schema", valid.returncode == 0,
          valid.stderr)

    with open(logs[2], encoding="utf-8") as log_file:
        run = json.load(log_file)["runs"][0]
    kinds = {result["ruleId"] for result in run["results"]}
    with open(STREAMS[1], encoding="utf-8") as stream:
        stream_kinds = {record["kind"] for record in map(json.loads, stream)
                        if record.get("type") == "finding"}
    check("one result per finding kind of the stream", kinds == stream_kinds,
          sorted(kinds ^ stream_kinds))
    for result in run["results"]:
        ids = {loc["id"] for loc in result.get("relatedLocations", [])}
        links = {int(n) for n in re.findall(r"\]\((\d+)\)",
                                            result["message"]["text"])}
        check(f"{result['ruleId']}: message links its related locations",
              ids == links, (ids, links))
        check(f"{result['ruleId']}: partial fingerprint",
              len(result["partialFingerprints"]["racegate/v2"]) == 16)

    def artifact_locations(value):
        if isinstance(value, dict):
            if "artifactLocation" in value:
                yield value["artifactLocation"]
            value = list(value.values())
        if isinstance(value, list):
            for child in value:
                yield from artifact_locations(child)

    # Each artifactLocation names its file by uri and by an index into
    # run.artifacts that holds the same uri; each file is there once.
    for log_path in logs:
        with open(log_path, encoding="utf-8") as log_file:
            log_run = json.load(log_file)["runs"][0]
        artifacts = [a["location"] for a in log_run.get("artifacts", [])]
        keyed = [(a["uri"], a.get("uriBaseId")) for a in artifacts]
        check(f"{log_path}: every file once in run.artifacts",
              len(set(keyed)) == len(keyed), keyed)
        bad = [loc for loc in artifact_locations(log_run["results"])
               if not isinstance(loc.get("index"), int)
               or not 0 <= loc["index"] < len(artifacts)
               or artifacts[loc["index"]]["uri"] != loc["uri"]
               or artifacts[loc["index"]].get("uriBaseId") !=
               loc.get("uriBaseId")]
        check(f"{log_path}: artifact indexes in range and naming their uri",
              not bad, bad[:3])
    for log_path in rooted:
        with open(log_path, encoding="utf-8") as log_file:
            log_run = json.load(log_file)["runs"][0]
        bases = log_run.get("originalUriBaseIds", {})
        locations = list(artifact_locations(log_run["results"])) + [
            a["location"] for a in log_run.get("artifacts", [])]
        absolute = [loc for loc in locations
                    if "://" in loc["uri"] or loc["uri"].startswith("/")
                    or loc.get("uriBaseId") not in bases]
        check(f"{log_path}: relative URIs under --source-root",
              locations and not absolute, absolute[:3])

    with open(path, encoding="utf-8") as log_file:
        states = {r["baselineState"]
                  for r in json.load(log_file)["runs"][0]["results"]}
    check("baseline states", states <= {"new", "unchanged"} and "new" in states,
          states)

for failure in failures:
    print(f"FAIL: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
