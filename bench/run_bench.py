#!/usr/bin/python3
"""Measure racegate against a native build and ThreadSanitizer.

Every workload in bench/workloads/ is built three ways in one batch (native,
TSan, racegate; all at -O2 -g) before anything runs, so all three see the same
compiler; then the binaries run --repeat times, interleaved, so a busy patch
on a shared machine hurts all three alike. Per build we keep the median CPU
time (user + sys of the benchmark process, from wait4), the median wall time
and the highest peak RSS (memory is a limit, so the worst run counts).

The racegate build uses the commands of `racegate check --cflags "-std=c++20
-O2 -g"` (see cli/Toolchain.cpp: instrumentationFlags, runtimeLinkFlags) with
the plugin and runtime archive from --lib-dir.

Usage: bench/run_bench.py [--repeat N] [--lib-dir DIR] [--workload NAME]...
                          [--scale X] [--wall]
Exit status: 0, or 1 if a workload failed to build (the others still run).
"""
import argparse
import concurrent.futures
import ctypes
import json
import math
import os
import platform
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
DEFAULT_LIB_DIR = BENCH_DIR.parent / "build" / "lib" / "racegate"
BUILDS = ("native", "tsan", "racegate")
COMMON_FLAGS = ["-std=c++20", "-O2", "-g"]


def plugin_cxx(lib_dir):
    """The clang++ the plugin in lib_dir was built for (its llvm-version
    file); native and TSan builds use the same one, so all three differ only
    in the instrumentation."""
    try:
        version = (lib_dir / "llvm-version").read_text().strip()
    except FileNotFoundError:
        version = "14"
    return f"clang++-{version}"


def build_commands(kind, src, out_dir, lib_dir):
    """The compile/link commands for one build of src, and the binary."""
    CXX = plugin_cxx(lib_dir)
    binary = out_dir / f"{src.stem}.{kind}"
    if kind == "native":
        return binary, [[CXX, *COMMON_FLAGS, "-pthread", str(src), "-o", str(binary)]]
    if kind == "tsan":
        return binary, [[CXX, *COMMON_FLAGS, "-fsanitize=thread", str(src), "-o", str(binary)]]
    obj = out_dir / f"{src.stem}.racegate.o"
    return binary, [
        [CXX, *COMMON_FLAGS, f"-fpass-plugin={lib_dir}/RacegatePass.so",
         "-fno-omit-frame-pointer", "-pthread", "-c", str(src), "-o", str(obj)],
        [CXX, str(obj), "-o", str(binary), "-Wl,--whole-archive",
         f"{lib_dir}/libracegate_rt.a", "-Wl,--no-whole-archive", "-pthread", "-ldl",
         "-rdynamic"],
    ]


def build(kind, src, out_dir, lib_dir):
    """Build one binary; returns (binary, None) or (None, error text)."""
    binary, cmds = build_commands(kind, src, out_dir, lib_dir)
    for cmd in cmds:
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode < 0:
            # Killed by a signal (on a shared machine, usually the OOM
            # killer): not the compiler's verdict, so try once more.
            res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            return None, f"exit {res.returncode}: {' '.join(cmd)}\n{res.stderr}"
    return binary, None


def build_all(workloads, out_dir, lib_dir, jobs):
    """Build every (workload, kind); returns ({name: {kind: binary}}, failures)."""
    binaries = {w.stem: {} for w in workloads}
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build, kind, w, out_dir, lib_dir): (w.stem, kind)
                   for w in workloads for kind in BUILDS}
        for future in concurrent.futures.as_completed(futures):
            name, kind = futures[future]
            binary, error = future.result()
            if error:
                failures.append((name, kind))
                print(f"build failed ({name}, {kind}): {error}", file=sys.stderr)
            else:
                binaries[name][kind] = binary
    complete = {n: b for n, b in binaries.items() if len(b) == len(BUILDS)}
    return complete, failures


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


def run_once(argv, env, timeout, log_path):
    """Run argv; returns (wall s, cpu s, peak RSS KiB, exit code)."""
    start = time.perf_counter()
    shell = subprocess.run(["/bin/sh", "-c", _SPAWN, "sh", str(log_path), *argv],
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
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def finding_kinds(path):
    """Kinds of the findings in a racegate findings stream ([] if none)."""
    kinds = []
    try:
        lines = open(path).read().splitlines()
    except FileNotFoundError:
        return kinds
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if record.get("type") == "finding":
            kinds.append(record.get("kind", "?"))
    return kinds


class Result:
    def __init__(self):
        self.wall = {k: [] for k in BUILDS}
        self.cpu = {k: [] for k in BUILDS}
        self.rss = {k: 0 for k in BUILDS}
        self.failed_runs = {k: 0 for k in BUILDS}
        self.findings = []  # racegate finding kinds over all runs

    def time(self, kind, use_wall):
        return statistics.median((self.wall if use_wall else self.cpu)[kind])


def run_all(binaries, args, tmp):
    """Interleave every workload's builds, --repeat rounds; returns {name: Result}."""
    results = {name: Result() for name in binaries}
    extra = [f"{args.scale:g}"] if args.scale != 1.0 else []
    for rep in range(args.repeat):
        for name, kinds in binaries.items():
            res = results[name]
            for kind in BUILDS:
                env = dict(os.environ)
                findings = tmp / f"{name}.{rep}.findings.jsonl"
                env["RACEGATE_FINDINGS"] = str(findings)
                log = tmp / f"{name}.{kind}.{rep}.log"
                wall, cpu, peak, code = run_once([str(kinds[kind]), *extra], env,
                                                 args.timeout, log)
                print(f"   {name:18s} {kind:9s} run {rep + 1}/{args.repeat}: "
                      f"cpu {cpu:7.2f} s  wall {wall:7.2f} s  {peak / 1024:7.1f} MiB"
                      f"  exit {code}", file=sys.stderr, flush=True)
                # The workloads are race-free and check their own results: a
                # failure or a report means the figures measure something else.
                if code != 0:
                    res.failed_runs[kind] += 1
                    print(f"   warning: {name} ({kind}) exited {code}; output:\n"
                          + log.read_text(errors="replace")[-2000:], file=sys.stderr)
                if kind == "racegate":
                    kinds_found = finding_kinds(findings)
                    if kinds_found:
                        res.findings += kinds_found
                        print(f"   warning: racegate reported {len(kinds_found)} finding(s) "
                              f"({', '.join(sorted(set(kinds_found)))}) on race-free "
                              f"{name}", file=sys.stderr)
                res.wall[kind].append(wall)
                res.cpu[kind].append(cpu)
                res.rss[kind] = max(res.rss[kind], peak)
    return results


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def print_report(results, args):
    measure = "wall" if args.wall else "CPU (user+sys)"
    print(f"\n{measure} time: median of {args.repeat} run(s); peak RSS: highest run; "
          f"x = ratio to native; rg/TSan = racegate / TSan")
    print(f"{os.cpu_count()} CPU(s), {platform.platform()}, "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| workload | native s | native MiB | TSan time x | racegate time x | "
          "TSan RSS x | racegate RSS x | rg/TSan time | rg/TSan RSS | notes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    time_ratios, rss_ratios, over = [], [], []
    for name, res in results.items():
        t = {k: res.time(k, args.wall) for k in BUILDS}
        m = {k: res.rss[k] for k in BUILDS}
        rt, rm = t["racegate"] / t["tsan"], m["racegate"] / m["tsan"]
        time_ratios.append(rt)
        rss_ratios.append(rm)
        notes = []
        if rt > 1.0:
            notes.append("time > TSan")
        if rm > 1.0:
            notes.append("RSS > TSan")
        if rt > 1.0 or rm > 1.0:
            over.append(f"{name} (time {rt:.2f}, RSS {rm:.2f})")
        if res.findings:
            notes.append(f"FINDINGS: {', '.join(sorted(set(res.findings)))}")
        for kind in BUILDS:
            if res.failed_runs[kind]:
                notes.append(f"{kind} failed {res.failed_runs[kind]}x")
        print(f"| {name} | {t['native']:.2f} | {m['native'] / 1024:.1f} "
              f"| {t['tsan'] / t['native']:.1f} | {t['racegate'] / t['native']:.1f} "
              f"| {m['tsan'] / m['native']:.1f} | {m['racegate'] / m['native']:.1f} "
              f"| {rt:.2f} | {rm:.2f} | {'; '.join(notes)} |")
    print(f"\ngeomean racegate/TSan: time {geomean(time_ratios):.2f}, "
          f"RSS {geomean(rss_ratios):.2f}")
    print("above 1.0 (worse than TSan): " + (", ".join(over) if over else "none"))
    flagged = [n for n, r in results.items() if r.findings]
    print("racegate findings on race-free workloads: "
          + (", ".join(flagged) if flagged else "none"))


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
    ap.add_argument("--lib-dir", default=str(DEFAULT_LIB_DIR),
                    help="directory with RacegatePass.so and libracegate_rt.a "
                         "(default: this checkout's build/lib/racegate)")
    ap.add_argument("--workload", action="append",
                    help="workload name or .cpp path; repeatable (default: all in bench/workloads)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="passed to every workload as argv[1]: multiplies its iterations")
    ap.add_argument("--wall", action="store_true",
                    help="compare wall time instead of CPU time")
    ap.add_argument("--jobs", type=int, default=2, help="parallel builds (default 2)")
    ap.add_argument("--timeout", type=float, default=600,
                    help="kill a single run after this many seconds (default 600)")
    ap.add_argument("--keep", action="store_true", help="keep the build/log temp dir")
    args = ap.parse_args()
    if args.repeat < 1 or not args.scale > 0:
        sys.exit("--repeat must be at least 1 and --scale positive")
    lib_dir = Path(args.lib_dir).resolve()
    for f in ("RacegatePass.so", "libracegate_rt.a"):
        if not (lib_dir / f).is_file():
            sys.exit(f"missing {lib_dir}/{f}: build the project first (scripts/build.sh)")
    workloads = resolve_workloads(args.workload)
    become_subreaper()

    tmp = Path(tempfile.mkdtemp(prefix="racegate-bench-"))
    try:
        print(f"== building {len(workloads)} workload(s) x {len(BUILDS)} with {lib_dir}"
              f" ({plugin_cxx(lib_dir)})",
              file=sys.stderr, flush=True)
        binaries, failures = build_all(workloads, tmp, lib_dir, args.jobs)
        # Keep the workloads' order stable (sorted), whatever finished first.
        binaries = {w.stem: binaries[w.stem] for w in workloads if w.stem in binaries}
        results = run_all(binaries, args, tmp) if binaries else {}
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if results:
        print_report(results, args)
    if failures:
        print("build failures: " + ", ".join(f"{n} ({k})" for n, k in failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
