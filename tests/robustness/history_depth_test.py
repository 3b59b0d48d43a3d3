#!/usr/bin/env python3
"""The earlier access of a race is named with its callers while its thread's
history still reaches back to it (--history-size), and by its own frame,
with a note saying why, once it does not.

usage: history_depth_test.py RACEGATE PROGRAM_SOURCE
"""
import json
import os
import subprocess
import sys
import tempfile

FULL = ["write_shared", "first_writer_outer", "first"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def earlier_stack(racegate, binary, work, history, calls):
    report = os.path.join(work, f"report-{history}-{calls}.json")
    command = [racegate, "run", "--fail-on", "none", "-o", report]
    if history:
        command += ["--history-size", str(history)]
    command += [binary, str(calls)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        fail(f"{' '.join(command)}: exit {done.returncode}: {done.stderr}")
    with open(report) as f:
        races = [x for x in json.load(f)["findings"] if x["kind"] == "data_race"]
    if len(races) != 1:
        fail(f"history {history}, {calls} calls: {len(races)} races, not 1")
    stack = races[0]["stacks"][1]
    return stack["description"], [f["function"] for f in stack["frames"]]


def main():
    racegate, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        binary = os.path.join(work, "history_depth")
        built = subprocess.run(
            [racegate, "check", "--keep-binary", binary, "--fail-on", "none",
             source, "--", "0"], capture_output=True, text=True, timeout=300)
        if not os.path.exists(binary):
            fail(f"could not build {source}: {built.stderr}")
        cases = [
            (None, 1000, True),      # the default keeps a thousand calls
            (16, 100000, False),     # 2048 events cannot
            (4096, 100000, True),    # half a million can
        ]
        for history, calls, complete in cases:
            description, frames = earlier_stack(racegate, binary, work,
                                                history, calls)
            noted = "older than the history" in description
            if complete and (frames[:3] != FULL or noted):
                fail(f"history {history}, {calls} calls: {description} "
                     f"{frames}, expected the callers {FULL}")
            if not complete and (frames != FULL[:1] or not noted):
                fail(f"history {history}, {calls} calls: {description} "
                     f"{frames}, expected the access's own frame and a note")
    print("ok")


if __name__ == "__main__":
    main()
