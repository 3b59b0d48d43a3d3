#!/usr/bin/env python3
"""Report-side benchmark: time and peak RSS of `racegate report` in every
format, and of `racegate merge`, for a findings stream of many distinct
findings.

The stream is made of the real runtime records in
tests/cli/data/runtime_kinds.jsonl (every finding kind, with their stacks,
threads, locks and variables), numbered like stream version 2 (`seq`, `pid`),
each copy made distinct by renaming the functions of its user frames (the
fingerprint is built from them). Usage:

  bench/report_bench.py [--racegate build/bin/racegate] [--findings 100000]
                        [--repeat-every 0] [--keep DIR]

`--repeat-every K` also writes every K-th finding a second time (repeats are
counted, not stored). Prints one row per measurement; wall time, CPU time
(user + system) and peak RSS come from /usr/bin/time (ru_maxrss of the
racegate process). On a shared machine the CPU time is the steadier figure;
the load average at the start is printed with the table.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "tests" / "cli" / "data" / "runtime_kinds.jsonl"
PID = 4242


def is_user_file(path):
    return bool(path) and not path.startswith("/usr/")


def rename_user_frames(value, suffix):
    """Renames, in place, the function of every frame in the user's code."""
    if isinstance(value, dict):
        if "function" in value and "file" in value and is_user_file(value["file"]):
            name = re.sub(r"^_Z\d+", "", value["function"])
            plain = re.sub(r"\W", "_", name) + "_" + suffix
            value["function"] = "_Z%d%sv" % (len(plain), plain)
        for child in value.values():
            rename_user_frames(child, suffix)
    elif isinstance(value, list):
        for child in value:
            rename_user_frames(child, suffix)


def load_templates():
    templates = []
    for line in TEMPLATES.read_text().splitlines():
        record = json.loads(line)
        if record.get("type") != "finding":
            continue
        # Only records with user frames can be made distinct by renaming.
        probe = json.loads(line)
        rename_user_frames(probe, "probe")
        if probe != record:
            templates.append(record)
    return templates


def write_stream(path, count, first=0, repeat_every=0):
    templates = load_templates()
    seq = 0

    def emit(out, record):
        nonlocal seq
        out.write('{"seq":%d,"pid":%d,' % (seq, PID))
        out.write(json.dumps(record, separators=(",", ":"))[1:])
        out.write("\n")
        seq += 1

    with open(path, "w") as out:
        emit(out, {"type": "start", "stream_version": 2})
        for index in range(first, first + count):
            template = templates[index % len(templates)]
            record = json.loads(json.dumps(template))
            rename_user_frames(record, "%07d" % index)
            emit(out, record)
            if repeat_every and index % repeat_every == 0:
                emit(out, record)
        emit(out, {"type": "exit", "status": 0})


def measure(command):
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M"] + command,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    last = result.stderr.strip().splitlines()[-1]
    seconds, user, system, kib = last.split()
    others = result.stderr.strip().splitlines()[:-1]
    return (result.returncode, float(seconds), float(user) + float(system),
            int(kib) / 1024, others)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--racegate", default=str(ROOT / "build/bin/racegate"))
    parser.add_argument("--findings", type=int, default=100000)
    parser.add_argument("--repeat-every", type=int, default=0)
    parser.add_argument("--formats", default="json,sarif,text,github")
    parser.add_argument("--no-merge", action="store_true")
    parser.add_argument("--no-source-root", action="store_true",
                        help="for racegate builds without --source-root")
    parser.add_argument("--keep", help="directory to keep the files in")
    args = parser.parse_args()

    work = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="report-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    stream = work / "stream.jsonl"
    write_stream(stream, args.findings, repeat_every=args.repeat_every)
    print("stream: %d distinct findings, %.1f MB" %
          (args.findings, stream.stat().st_size / 1e6), file=sys.stderr)

    load = os.getloadavg()
    rows = []
    sizes = {}
    for fmt in args.formats.split(","):
        out = work / ("report." + fmt)
        root = [] if args.no_source_root else ["--source-root", str(ROOT)]
        code, seconds, cpu, mib, others = measure(
            [args.racegate, "report", str(stream), "--format", fmt,
             "--fail-on", "none", "-o", str(out)] + root)
        sizes[fmt] = out.stat().st_size if out.exists() else 0
        rows.append(("report --format " + fmt, code, seconds, cpu, mib,
                     sizes[fmt] / 1e6))
        for line in others:
            print("  " + line, file=sys.stderr)

    if not args.no_merge and "json" in sizes:
        # A second report overlapping the first by half: merge holds the
        # union once and counts the common half twice.
        other_stream = work / "stream2.jsonl"
        write_stream(other_stream, args.findings, first=args.findings // 2)
        other = work / "report2.json"
        subprocess.run([args.racegate, "report", str(other_stream),
                        "--fail-on", "none", "-o", str(other)], check=False)
        other_stream.unlink()
        merged = work / "merged.json"
        code, seconds, cpu, mib, others = measure(
            [args.racegate, "merge", "--fail-on", "none", "-o", str(merged),
             str(work / "report.json"), str(other)])
        rows.append(("merge (2 reports, %d distinct)" % (args.findings * 3 // 2),
                     code, seconds, cpu, mib,
                     merged.stat().st_size / 1e6 if merged.exists() else 0))

    print("load average at the start: %.2f %.2f %.2f" % load)
    print("| command | exit | wall s | CPU s | peak RSS MiB | output MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, code, seconds, cpu, mib, size in rows:
        print("| %s | %d | %.2f | %.2f | %.0f | %.1f |" %
              (name, code, seconds, cpu, mib, size))
    if sizes.get("json") and sizes.get("sarif"):
        print("\nSARIF / JSON size: %.2f" % (sizes["sarif"] / sizes["json"]))
    if not args.keep:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()


if __name__ == "__main__":
    main()
