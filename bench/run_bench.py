#!/usr/bin/python3
"""Time racegate against a native build and ThreadSanitizer.

Each workload in bench/workloads/ is built three ways in the same run
(native, TSan, racegate) so all three see the same compiler, machine and
load; each binary runs --repeat times. We report the median wall time
(robust to one noisy run on a small shared machine) and the maximum peak
RSS (memory is a limit, so the worst run matters).

Usage: bench/run_bench.py [--repeat N] [--lib-dir DIR] [--workload NAME|PATH]...
"""
import argparse
import ctypes
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
WORKLOAD_DIR = BENCH_DIR / "workloads"
CXX = "clang++-14"
BUILDS = ("native", "tsan", "racegate")


def build(kind, src, out_dir, lib_dir):
    """Compile src one way; returns the binary path. Flags mirror what a user
    gets: native/TSan as documented, racegate exactly as `racegate check`."""
    binary = out_dir / f"{src.stem}.{kind}"
    if kind == "native":
        cmds = [[CXX, "-std=c++20", "-O1", "-g", "-pthread", str(src), "-o", str(binary)]]
    elif kind == "tsan":
        cmds = [[CXX, "-std=c++20", "-O1", "-g", "-fsanitize=thread", str(src), "-o", str(binary)]]
    else:
        obj = out_dir / f"{src.stem}.racegate.o"
        cmds = [
            [CXX, "-std=c++20", "-g", "-O1", f"-fpass-plugin={lib_dir}/RacegatePass.so",
             "-fno-omit-frame-pointer", "-pthread", "-c", str(src), "-o", str(obj)],
            [CXX, str(obj), "-o", str(binary), "-Wl,--whole-archive",
             f"{lib_dir}/libracegate_rt.a", "-Wl,--no-whole-archive", "-pthread", "-ldl",
             "-rdynamic"],
        ]
    for cmd in cmds:
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(f"build failed ({kind}): {' '.join(cmd)}\n{res.stderr}")
    return binary


# Why not simply Popen + wait4: Linux carries the pre-exec memory high-water
# mark across execve, so a child forked (or vforked) from this Python process
# reports at least Python's own ~11 MiB as ru_maxrss. Instead a small /bin/sh
# starts the benchmark in the background (its fork copies only the shell's
# ~1 MiB) and exits; we are a child subreaper, so the orphan is re-parented
# to us and os.wait4 still returns that child's own rusage.
PR_SET_CHILD_SUBREAPER = 36
_SPAWN = 'log=$1; shift; "$@" </dev/null >"$log" 2>&1 & echo $!'


def become_subreaper():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit(f"prctl(PR_SET_CHILD_SUBREAPER) failed: errno {ctypes.get_errno()}")


def run_once(binary, env, timeout, log_path):
    """Run binary, return (wall seconds, peak RSS KiB, exit code)."""
    start = time.perf_counter()
    shell = subprocess.run(["/bin/sh", "-c", _SPAWN, "sh", str(log_path), str(binary)],
                           env=env, stdout=subprocess.PIPE, text=True, check=True)
    pid = int(shell.stdout)
    # A timer kills a runaway run; wait4 itself cannot time out.
    killer = threading.Timer(timeout, lambda: os.kill(pid, signal.SIGKILL))
    killer.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    finally:
        killer.cancel()
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def count_findings(path):
    """Lines of type "finding" in a racegate findings stream (0 if absent)."""
    try:
        return sum('"type":"finding"' in line.replace(" ", "") for line in open(path))
    except FileNotFoundError:
        return 0


def bench_workload(src, args, tmp):
    """Build and time one workload; returns {kind: (median_s, max_rss_kib)}."""
    print(f"== {src.name}: building native, tsan, racegate", file=sys.stderr, flush=True)
    binaries = {k: build(k, src, tmp, args.lib_dir) for k in BUILDS}
    times = {k: [] for k in BUILDS}
    rss = {k: 0 for k in BUILDS}
    # Interleave the builds within each repetition so a slow patch on the
    # machine hurts all three alike instead of one of them.
    for rep in range(args.repeat):
        for kind in BUILDS:
            env = dict(os.environ)
            findings = tmp / f"{src.stem}.{rep}.findings.jsonl"
            env["RACEGATE_FINDINGS"] = str(findings)
            log = tmp / f"{src.stem}.{kind}.{rep}.log"
            wall, peak, code = run_once(binaries[kind], env, args.timeout, log)
            print(f"   {kind:9s} run {rep + 1}/{args.repeat}: {wall:7.2f} s "
                  f"{peak / 1024:7.1f} MiB exit {code}", file=sys.stderr, flush=True)
            # The workloads are race-free: a report or failure means the
            # numbers measure something else (e.g. report printing), so say so.
            if code != 0:
                print(f"   warning: {kind} exited {code}; see output below\n"
                      + log.read_text(errors="replace")[-2000:], file=sys.stderr)
            if kind == "racegate" and count_findings(findings):
                print(f"   warning: racegate reported {count_findings(findings)} "
                      f"finding(s) on a race-free workload", file=sys.stderr)
            times[kind].append(wall)
            rss[kind] = max(rss[kind], peak)
    return {k: (statistics.median(times[k]), rss[k]) for k in BUILDS}


def print_table(name, res):
    nat_t, nat_m = res["native"]
    print(f"\n{name}")
    print(f"  {'build':9s} {'wall s':>8s} {'RSS MiB':>8s} {'time x':>7s} {'RSS x':>7s}")
    for kind in BUILDS:
        t, m = res[kind]
        print(f"  {kind:9s} {t:8.2f} {m / 1024:8.1f} {t / nat_t:7.1f} {m / nat_m:7.1f}")
    print(f"  racegate/TSan time ratio: {res['racegate'][0] / res['tsan'][0]:.2f}"
          f"   RSS ratio: {res['racegate'][1] / res['tsan'][1]:.2f}")


def resolve_workloads(names):
    """Accept workload names (striped_array), file names or paths; none = all."""
    if not names:
        return sorted(WORKLOAD_DIR.glob("*.cpp"))
    out = []
    for name in names:
        for cand in (Path(name), WORKLOAD_DIR / name, WORKLOAD_DIR / f"{name}.cpp"):
            if cand.is_file():
                out.append(cand.resolve())
                break
        else:
            sys.exit(f"no such workload: {name}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per build (default 3)")
    ap.add_argument("--lib-dir", default="/work/main/build/lib/racegate",
                    help="directory with RacegatePass.so and libracegate_rt.a")
    ap.add_argument("--workload", action="append",
                    help="workload name or .cpp path; repeatable (default: all in bench/workloads)")
    ap.add_argument("--timeout", type=float, default=600,
                    help="kill a single run after this many seconds (default 600)")
    ap.add_argument("--keep", action="store_true", help="keep the build/log temp dir")
    args = ap.parse_args()
    for f in ("RacegatePass.so", "libracegate_rt.a"):
        if not (Path(args.lib_dir) / f).is_file():
            sys.exit(f"missing {args.lib_dir}/{f}: build the project first")
    workloads = resolve_workloads(args.workload)
    become_subreaper()

    tmp = Path(tempfile.mkdtemp(prefix="racegate-bench-"))
    try:
        results = [(w.stem, bench_workload(w, args, tmp)) for w in workloads]
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nmedian wall time and max peak RSS over {args.repeat} run(s); "
          f"x = ratio to native; {os.cpu_count()} CPU(s)")
    for name, res in results:
        print_table(name, res)


if __name__ == "__main__":
    main()
