#!/usr/bin/python3
"""Checks the live status line of `racegate run`.

usage: progress_smoke.py RACEGATE FAKE_PROGRAM

Runs the fake program's slow mode (about 2.3 s, output before and after a
finding) once with racegate's stderr on a pseudo-terminal, where the status
line must appear, keep the program's output intact and be erased at the end,
and once with stderr in a pipe, where none of it may appear.
"""

import os
import pty
import re
import select
import subprocess
import sys

RACEGATE, FAKE = sys.argv[1:3]
ERASE = "\r\x1b[K"
STATUS = re.compile(r"racegate: (\d+\.\d) s, (\d+) threads?, (\d+) findings? "
                    r"so far")

failures = []


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}\n  {detail!r}" if detail else name)


def run_on_terminal():
    controller, terminal = pty.openpty()
    process = subprocess.Popen([RACEGATE, "run", "--", FAKE, "slow"],
                               stdout=subprocess.PIPE, stderr=terminal,
                               env=dict(os.environ, TERM="xterm"))
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: racegate closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    report = process.stdout.read()
    process.wait(timeout=30)
    os.close(controller)
    return process.returncode, report, seen.decode(errors="replace")


code, report, screen = run_on_terminal()
check("exit code with a terminal", code == 1, screen)
check("stdout stays a clean JSON report", report.lstrip().startswith(b"{"),
      report[:200])
statuses = STATUS.findall(screen)
check("a status line is drawn after about a second", statuses, screen)
if statuses:
    elapsed = [float(s[0]) for s in statuses]
    check("it starts no earlier than 1 s", min(elapsed) >= 1.0, elapsed)
    check("it counts threads", all(int(s[1]) >= 1 for s in statuses),
          statuses)
    check("it counts the finding once written",
          statuses[-1][2] == "1", statuses)
check("the program's output is relayed whole",
      "halfway there\r\n" in screen and "done\r\n" in screen, screen)
check("every status line is drawn over an erased line",
      screen.count(ERASE + "racegate: ") == len(statuses), screen)
# Erased before the program's output, so the two never share a line, and
# erased at the end, so nothing of it stays on the screen.
check("whatever follows a status line starts by erasing it",
      not re.search(r"so far(?!\r\x1b\[K)", screen), screen)
check("the last status line is erased at the very end",
      screen.endswith("so far" + ERASE), screen[-200:])

piped = subprocess.run([RACEGATE, "run", "--", FAKE, "slow"],
                       capture_output=True, text=True, timeout=30)
check("no status line in a pipe",
      "so far" not in piped.stderr and "\x1b" not in piped.stderr and
      "halfway there\n" in piped.stderr, piped.stderr)

for failure in failures:
    print(f"FAIL: {failure}", file=sys.stderr)
sys.exit(1 if failures else 0)
