#!/usr/bin/env python3
"""Memory per live sync object stays bounded: a program that keeps a million
mutexes (rwlocks, condition variables, semaphores) alive, each used by two
threads, grows by at most a few hundred bytes per object under racegate,
everything included: the object's own bytes, their shadow and the
runtime's record of the object.

usage: sync_object_memory_test.py RACEGATE PROGRAM_SOURCE
"""
import os
import subprocess
import sys
import tempfile

COUNT = 1_000_000
# Bytes of peak RSS per live object, all included (the program's own 40 to
# 56 bytes per object among them).
LIMIT = 480


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def peak_rss_kib(binary, env, *args):
    """Runs the program and returns its peak RSS (KiB) from wait4()."""
    process = subprocess.Popen([binary, *args], env=env,
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        fail(f"{' '.join(args)}: exit {process.returncode}")
    return usage.ru_maxrss


def main():
    racegate, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        binary = os.path.join(work, "many_sync_objects")
        built = subprocess.run(
            [racegate, "check", "--keep-binary", binary, "--fail-on", "none",
             source, "--", "mutex", "1"],
            capture_output=True, text=True, timeout=300)
        if not os.path.exists(binary):
            fail(f"could not build {source}: {built.stderr}")
        env = dict(os.environ,
                   RACEGATE_FINDINGS=os.path.join(work, "findings.jsonl"))
        failed = False
        for kind in ("mutex", "rwlock", "condvar", "semaphore"):
            base = peak_rss_kib(binary, env, kind, "0")
            full = peak_rss_kib(binary, env, kind, str(COUNT))
            per_object = (full - base) * 1024 / COUNT
            print(f"{kind}: {per_object:.0f} bytes per live object "
                  f"(limit {LIMIT})")
            if per_object > LIMIT:
                failed = True
        if failed:
            fail("a live sync object costs more than the limit")
        print("ok: memory per live sync object is bounded")


if __name__ == "__main__":
    main()
