#!/usr/bin/env python3
"""Every process of a run ends with it: after --timeout, after racegate is
terminated or killed, and when the program leaves children behind; a helper
that inherited racegate's output pipes delays nothing.

usage: process_tree_test.py RACEGATE PROGRAM_SOURCE
"""
import os
import signal
import subprocess
import sys
import tempfile
import time


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in "ZX"
    except (FileNotFoundError, ProcessLookupError):
        return False


def wait_for_pids(path, racegate):
    for _ in range(600):
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path) as f:
                text = f.read()
            if text.endswith("\n"):
                return [int(p) for p in text.split()]
        if racegate.poll() is not None:
            fail(f"racegate ended early: {racegate.returncode}")
        time.sleep(0.05)
    fail("the program never wrote its pids")


def expect_all_gone(pids, what, patience=10.0):
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        left = [p for p in pids if alive(p)]
        if not left:
            return
        time.sleep(0.05)
    for p in left:
        os.kill(p, signal.SIGKILL)
    fail(f"{what}: processes {left} of the run were still running")


def main():
    racegate, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        program = os.path.join(work, "process_tree")
        build = subprocess.run([racegate, "check", "--keep-binary", program,
                                "--allow-program-failure", source, "--",
                                os.path.join(work, "build-pids")],
                               capture_output=True, text=True, timeout=120)
        if not os.path.exists(program):
            fail("could not build the program: " + build.stderr)
        pids_of_build = open(os.path.join(work, "build-pids")).read().split()
        expect_all_gone([int(p) for p in pids_of_build],
                        "the program exited, leaving children")
        print("ok: children left behind are ended with the run")

        # A helper holding racegate's stdout and stderr must not delay it.
        try:
            subprocess.run([racegate, "run", "--", program,
                            os.path.join(work, "pipe-pids")],
                           capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            fail("a helper holding the output pipes delayed racegate")
        print("ok: an inherited output pipe does not delay the report")

        # --timeout ends the whole tree.
        pids_file = os.path.join(work, "timeout-pids")
        run = subprocess.run([racegate, "run", "--timeout", "1", "--",
                              program, pids_file, "wait"],
                             capture_output=True, text=True, timeout=60)
        if run.returncode != 1 or "timeout" not in run.stdout:
            fail(f"--timeout: exit {run.returncode}, {run.stderr}")
        expect_all_gone([int(p) for p in open(pids_file).read().split()],
                        "--timeout")
        print("ok: --timeout ends every process of the run")

        # racegate terminated or killed: the run ends with it.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids_file = os.path.join(work, f"signal-{sig}-pids")
            racegate_run = subprocess.Popen(
                [racegate, "run", "--", program, pids_file, "wait"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            pids = wait_for_pids(pids_file, racegate_run)
            racegate_run.send_signal(sig)
            racegate_run.wait(timeout=30)
            expect_all_gone(pids, f"racegate ended by {sig.name}")
            print(f"ok: {sig.name} to racegate ends every process of the run")


if __name__ == "__main__":
    main()
