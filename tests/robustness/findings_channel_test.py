#!/usr/bin/env python3
"""The findings channel: it survives the program's descriptor games, and a
stream that was cut, forged into, or could not be written (a full disk) is
an error (exit 2), never a clean report.

usage: findings_channel_test.py RACEGATE PROGRAMS_DIR
"""
import json
import os
import subprocess
import sys
import tempfile


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def build(racegate, source, binary):
    subprocess.run([racegate, "check", "--keep-binary", binary,
                    "--allow-program-failure", "--fail-on", "none", source,
                    "--", "x"], capture_output=True, text=True, timeout=120)
    if not os.path.exists(binary):
        fail(f"could not build {source}")


def run(racegate, *args, env=None):
    return subprocess.run([racegate, "run", "--format", "json", *args],
                          capture_output=True, text=True, timeout=120,
                          env=env)


def main():
    racegate, programs = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        games = os.path.join(work, "descriptor_games")
        build(racegate, os.path.join(programs, "descriptor_games.c"), games)
        data = os.path.join(work, "data.txt")
        result = run(racegate, "--", games, data)
        if result.returncode != 1:
            fail(f"descriptor games: exit {result.returncode}: "
                 f"{result.stderr}")
        races = [f for f in json.loads(result.stdout)["findings"]
                 if f["kind"] == "data_race"]
        variables = sorted(f["message"].split("'")[1] for f in races)
        if variables != ["first", "second", "third"]:
            fail(f"descriptor games: races on {variables}, expected first, "
                 "second and third")
        with open(data) as f:
            if f.read() != "program data\n":
                fail("findings were written into the program's data file")
        print("ok: every finding survives close/close_range/dup2 games")

        forger = os.path.join(work, "forges_records")
        build(racegate, os.path.join(programs, "forges_records.c"), forger)
        result = run(racegate, "--", forger, "key")
        if result.returncode != 0:
            fail(f"key: the program found the run's key (exit "
                 f"{result.returncode}): {result.stderr!r}")
        print("ok: the program cannot read the run's key")
        for mode in ("forge", "truncate", "repeat", "numbered", "spliced"):
            result = run(racegate, "--", forger, mode)
            if result.returncode != 2 or \
                    "cut or tampered with" not in result.stderr:
                fail(f"{mode}: exit {result.returncode}, stderr "
                     f"{result.stderr!r}")
            print(f"ok: {mode}: the tampered stream is an error")

        # A full disk: the stream lives on a tiny file system.
        tiny = os.path.join(work, "tiny")
        os.mkdir(tiny)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4k",
                                  "tmpfs", tiny], capture_output=True)
        if mounted.returncode != 0:
            print("skipped the full-disk case: cannot mount a tmpfs")
            return
        try:
            subprocess.run(["dd", "if=/dev/zero", f"of={tiny}/fill",
                            "bs=1k", "count=64"], capture_output=True)
            env = dict(os.environ, TMPDIR=tiny)
            result = run(racegate, "--", games, data, env=env)
            if result.returncode != 2 or "findings were lost" not in \
                    result.stderr:
                fail(f"full disk: exit {result.returncode}, stderr "
                     f"{result.stderr!r}")
            print("ok: a full disk is reported as lost findings")
        finally:
            subprocess.run(["umount", tiny], capture_output=True)


if __name__ == "__main__":
    main()
