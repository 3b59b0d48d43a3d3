#!/usr/bin/python3
"""Compare racegate's, ThreadSanitizer's and Helgrind's verdicts on testdata programs.

Every program starts with a header naming what should be found:
    // expect: data_race, lock_order_inversion    (or: none)
    // hangs: yes                                 (optional)
    // args: --timeout 2                          (optional, racegate options)
racegate runs through its CLI (`racegate check --format json`); TSan builds
the same source with -fsanitize=thread and its stderr warnings are mapped to
racegate's kind names; Helgrind (valgrind --tool=helgrind) runs a plain
-O1 build and its error headlines are mapped the same way (--no-helgrind
leaves it out). Each tool gets one verdict per program:
    ok    found exactly the expected kinds (TP) or nothing on a `none` program (TN)
    FP    reported a kind not expected (on a `none` program, or an extra kind)
    FN    missed an expected kind (a program can be FN+FP)
    hang  did not finish in time (racegate 60 s, TSan 10 s, Helgrind 30 s);
          counted apart
    error did not build or the CLI failed (exit 2 / no report)
The summary also counts per category (races, lock order and deadlocks,
misuse, clean programs) how many programs each tool got right.
Usage: bench/compare_tsan.py [--racegate PATH] [--dirs DIR...] [--jobs N]
                             [--markdown] [--no-helgrind]
"""
import argparse
import concurrent.futures
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
SOURCE_SUFFIXES = {".c", ".cc", ".cpp", ".cxx"}
RACEGATE_TIMEOUT = 60
TSAN_TIMEOUT = 10
TSAN_ENV = {"TSAN_OPTIONS": "halt_on_error=0 report_signal_unsafe=0"}

# TSan warning title (text after "WARNING: ThreadSanitizer: ") -> racegate
# kind. None means "not a correctness finding". First matching prefix wins,
# so the specific titles come before "data race".
TSAN_KINDS = [
    ("lock-order-inversion", "lock_order_inversion"),
    ("unlock of an unlocked mutex", "double_unlock"),
    ("destroy of a locked mutex", "destroy_locked"),
    ("heap-use-after-free", "data_race"),
    ("data race", "data_race"),  # also "data race on vptr"
    ("thread leak", "thread_leak"),
    ("double lock of a mutex", "deadlock"),
    ("signal-unsafe call", None),
    ("signal handler spoils errno", None),
]
TSAN_WARNING = re.compile(r"WARNING: ThreadSanitizer: (.*)")

HELGRIND_TIMEOUT = 30
# Helgrind error headline (the text after "==PID== ") -> racegate kind, by
# regular expression; None: reported by Helgrind but no correctness finding
# racegate makes (dubious signals, thread leaks at exit).
HELGRIND_KINDS = [
    (r"Possible data race", "data_race"),
    (r"Lock order .* violated", "lock_order_inversion"),
    (r"unlocked a not-locked lock", "double_unlock"),
    (r"unlocked lock .* currently held by thread", "unlock_not_owned"),
    (r"pthread_mutex_destroy of a locked mutex", "destroy_locked"),
    (r"pthread_rwlock_destroy of a locked", "destroy_locked"),
    (r"Attempt to re-lock a non-recursive lock", "deadlock"),
    (r"Exiting thread still holds", "lock_leak"),
    (r"pthread_cond_\{?.*wait.* called with un-held mutex", "condvar_wait_unlocked"),
    (r"pthread_cond_\{?.*wait.*: cond is associated with a different mutex",
     "condvar_multiple_mutexes"),
    (r"pthread_cond_.*: dubious", None),
    (r"pthread_cond_destroy: destruction of condition variable being waited",
     "condvar_destroy_busy"),
    (r"pthread_barrier_", "barrier_misuse"),
    (r"sem_post: .*overflow", "semaphore_overflow"),
    (r"call to .* failed", "sync_call_failed"),
    (r"Bug in libpthread: write lock granted on mutex/rwlock which is currently wr-held",
     "deadlock"),
]
HELGRIND_ERROR = re.compile(r"^==\d+== (Thread #\d+.*|Possible data race.*|Lock order.*)$",
                            re.M)


def parse_header(path):
    """Read the leading // comment block: expected kinds, hangs flag, args."""
    expect, hangs, args = None, False, []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.startswith("//"):
                break
            key, _, value = line[2:].strip().partition(":")
            value = value.strip()
            if key == "expect":
                expect = set() if value == "none" else {
                    k.strip() for k in value.split(",") if k.strip()}
            elif key == "hangs":
                hangs = value == "yes"
            elif key == "args":
                args = shlex.split(value)
    return expect, hangs, args


def find_programs(dirs):
    """Source files with an `expect` header. A directory holding a
    CMakeLists.txt is a multi-file project, not a program: skip its tree."""
    programs = []
    for d in dirs:
        for root, subdirs, files in os.walk(d):
            if "CMakeLists.txt" in files:
                subdirs[:] = []
                continue
            subdirs.sort()
            for name in sorted(files):
                path = Path(root) / name
                if path.suffix in SOURCE_SUFFIXES and parse_header(path)[0] is not None:
                    programs.append(path)
    return programs


def run_bounded(cmd, timeout, env=None, cwd=None):
    """Run cmd in its own process group; returns (exit code or None on
    timeout, stderr text). On timeout the whole group is stopped, so a
    program started by the racegate CLI does not outlive it."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, cwd=cwd, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
        return proc.returncode, err.decode(errors="replace")
    except subprocess.TimeoutExpired:
        # SIGTERM first: the CLI forwards it to the program and exits cleanly.
        for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, None)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                _, err = proc.communicate(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        return None, ""


def racegate_kinds(racegate, src, args, work):
    """Kinds found by `racegate check`, or "hang" / "error"."""
    report = work / "report.json"
    cmd = [racegate, "check", *args, "--format", "json", "-o", str(report), str(src)]
    code, err = run_bounded(cmd, RACEGATE_TIMEOUT, cwd=work)
    if code is None:
        return "hang", ""
    if code not in (0, 1) or not report.is_file():
        return "error", f"racegate exit {code}: {err.strip()[-300:]}"
    try:
        findings = json.loads(report.read_text())["findings"]
    except (ValueError, KeyError) as e:
        return "error", f"bad report: {e}"
    return {f["kind"] for f in findings}, ""


def tsan_kinds(src, work):
    """Kinds TSan warns about, or "hang" / "error"."""
    binary = work / "tsan.bin"
    if src.suffix == ".c":
        cc = ["clang-14", "-std=c11"]
    else:
        cc = ["clang++-14", "-std=c++20"]
    build = subprocess.run([*cc, "-g", "-O1", "-fsanitize=thread", str(src), "-o", str(binary)],
                           capture_output=True, text=True)
    if build.returncode != 0:
        return "error", "tsan build failed: " + build.stderr.strip()[-300:]
    code, err = run_bounded([str(binary)], TSAN_TIMEOUT, env={**os.environ, **TSAN_ENV}, cwd=work)
    if code is None:
        return "hang", ""
    kinds = set()
    for title in TSAN_WARNING.findall(err):
        for prefix, kind in TSAN_KINDS:
            if title.startswith(prefix):
                if kind:
                    kinds.add(kind)
                break
        else:
            # Unmapped warning: keep it visible (it counts as an extra kind).
            kinds.add("tsan:" + re.sub(r"\W+", "_", title.split("(")[0].strip()))
    return kinds, ""


def helgrind_kinds(src, work):
    """Kinds Helgrind reports, or "hang" / "error"."""
    binary = work / "plain.bin"
    if src.suffix == ".c":
        cc = ["clang-14", "-std=c11"]
    else:
        cc = ["clang++-14", "-std=c++20"]
    build = subprocess.run([*cc, "-g", "-O1", "-pthread", str(src), "-o", str(binary)],
                           capture_output=True, text=True)
    if build.returncode != 0:
        return "error", "plain build failed: " + build.stderr.strip()[-300:]
    code, err = run_bounded(["valgrind", "--tool=helgrind", "-q", str(binary)],
                            HELGRIND_TIMEOUT, cwd=work)
    if code is None:
        return "hang", ""
    kinds = set()
    for headline in HELGRIND_ERROR.findall(err):
        # "Thread #3 was created" / "Thread #1 is the program's root thread"
        # announce threads, not errors.
        if re.match(r"Thread #\d+ (was created|is the program's root thread)", headline):
            continue
        for pattern, kind in HELGRIND_KINDS:
            if re.search(pattern, headline):
                if kind:
                    kinds.add(kind)
                break
        else:
            if headline.startswith("Thread #"):
                text = headline.split(":", 1)[-1].strip()
                kinds.add("helgrind:" + re.sub(r"\W+", "_", text)[:40])
    return kinds, ""


def verdict(expected, got):
    """One program, one tool -> verdict string (see module doc)."""
    if isinstance(got, str):
        return got  # "hang" or "error"
    parts = []
    if expected - got:
        parts.append("FN")
    if got - expected:
        parts.append("FP")
    return "+".join(parts) or "ok"


def check_program(src, racegate, helgrind):
    expected, hangs, args = parse_header(src)
    with tempfile.TemporaryDirectory(prefix="racegate-cmp-") as tmp:
        rg_dir, ts_dir, hg_dir = Path(tmp) / "rg", Path(tmp) / "tsan", Path(tmp) / "hg"
        rg_dir.mkdir()
        ts_dir.mkdir()
        hg_dir.mkdir()
        rg, rg_note = racegate_kinds(racegate, src, args, rg_dir)
        ts, ts_note = tsan_kinds(src, ts_dir)
        hg, hg_note = helgrind_kinds(src, hg_dir) if helgrind else ("skipped", "")
    return {"name": f"{src.parent.name}/{src.name}", "expected": expected, "hangs": hangs,
            "racegate": rg, "tsan": ts, "helgrind": hg,
            "v_racegate": verdict(expected, rg), "v_tsan": verdict(expected, ts),
            "v_helgrind": verdict(expected, hg),
            "notes": "; ".join(n for n in (rg_note, ts_note, hg_note) if n)}


def fmt_kinds(kinds):
    if isinstance(kinds, str):
        return kinds
    return ",".join(sorted(kinds)) or "none"


def totals(results, tool):
    """Per-program counts; a hang or error is its own bucket, not TP/FN."""
    t = dict.fromkeys(("TP", "FP", "TN", "FN", "hang", "error"), 0)
    for r in results:
        v = r["v_" + tool]
        if v == "skipped":
            continue
        if v in ("hang", "error"):
            t[v] += 1
        elif v == "ok":
            t["TP" if r["expected"] else "TN"] += 1
        else:
            for part in v.split("+"):
                t[part] += 1
    return t


TOOLS = ("racegate", "tsan", "helgrind")
LIVENESS_KINDS = {"lock_order_inversion", "deadlock", "stall", "starvation", "livelock",
                  "timeout", "lock_order_violation"}


def category(expected):
    """The issue tracker's categories: races, lock order / deadlock, misuse,
    and clean (false-alarm) programs."""
    if not expected:
        return "clean"
    if "data_race" in expected:
        return "races"
    if expected & LIVENESS_KINDS:
        return "lock order / deadlock"
    return "misuse"


def by_category(results):
    """category -> (programs, {tool: programs with the right verdict})."""
    table = {}
    for r in results:
        cat = category(r["expected"])
        count, right = table.setdefault(cat, [0, dict.fromkeys(TOOLS, 0)])
        table[cat][0] = count + 1
        for tool in TOOLS:
            right[tool] += r["v_" + tool] == "ok"
    return table


def print_plain(results):
    rows = [("program", "expected", "racegate", "tsan", "helgrind", "rg", "tsan", "hg")]
    rows += [(r["name"], fmt_kinds(r["expected"]), fmt_kinds(r["racegate"]),
              fmt_kinds(r["tsan"]), fmt_kinds(r["helgrind"]), r["v_racegate"],
              r["v_tsan"], r["v_helgrind"]) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    print()
    for tool in TOOLS:
        t = totals(results, tool)
        print(f"{tool:9s} " + "  ".join(f"{k} {v}" for k, v in t.items()))
    print()
    for cat, (count, right) in sorted(by_category(results).items()):
        print(f"{cat} ({count}): " + "  ".join(f"{tool} {right[tool]}" for tool in TOOLS))


def print_markdown(results):
    print("| program | expected | racegate | TSan | Helgrind | racegate verdict | TSan verdict "
          "| Helgrind verdict |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['name']} | {fmt_kinds(r['expected'])} | {fmt_kinds(r['racegate'])} | "
              f"{fmt_kinds(r['tsan'])} | {fmt_kinds(r['helgrind'])} | {r['v_racegate']} | "
              f"{r['v_tsan']} | {r['v_helgrind']} |")
    print("\n| tool | TP | FP | TN | FN | hang | error |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for tool in TOOLS:
        t = totals(results, tool)
        print(f"| {tool} | " + " | ".join(str(v) for v in t.values()) + " |")
    print("\n| category (programs right) | racegate | TSan | Helgrind |")
    print("| --- | --: | --: | --: |")
    for cat, (count, right) in sorted(by_category(results).items()):
        print(f"| {cat} ({count}) | " + " | ".join(str(right[t]) for t in TOOLS) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--racegate", default=str(TESTDATA.parent / "build" / "bin" / "racegate"))
    ap.add_argument("--dirs", nargs="+",
                    help="testdata folders (names under testdata/ or paths; default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="programs run in parallel (default 2)")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument("--no-helgrind", action="store_true",
                    help="do not run Helgrind (valgrind --tool=helgrind)")
    args = ap.parse_args()
    if not os.access(args.racegate, os.X_OK):
        sys.exit(f"racegate CLI not found: {args.racegate}")
    if args.dirs:
        dirs = [Path(d) if Path(d).is_dir() else TESTDATA / d for d in args.dirs]
    else:
        dirs = sorted(p for p in TESTDATA.iterdir() if p.is_dir())
    for d in dirs:
        if not d.is_dir():
            sys.exit(f"no such directory: {d}")
    programs = find_programs(dirs)
    print(f"{len(programs)} programs, {args.jobs} job(s)", file=sys.stderr)

    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(check_program, p, args.racegate, not args.no_helgrind)
                   for p in programs]
        # Progress on stderr as programs finish, so a long run shows life.
        for fut in concurrent.futures.as_completed(futures):
            r = fut.result()
            results.append(r)
            print(f"[{len(results)}/{len(programs)}] {r['name']}: racegate {r['v_racegate']}, "
                  f"tsan {r['v_tsan']}, helgrind {r['v_helgrind']}"
                  + (f"  ({r['notes']})" if r["notes"] else ""),
                  file=sys.stderr, flush=True)
    results.sort(key=lambda r: r["name"])
    (print_markdown if args.markdown else print_plain)(results)


if __name__ == "__main__":
    main()
