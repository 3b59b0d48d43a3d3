#!/usr/bin/python3
"""The sample CMake project, built with racegate and gated by it.

Configures testdata/cmake-project in a temporary directory with racegate-cc
and racegate-c++ as its compilers (and the CTest recipe of
docs/build-integration.md), builds it, runs its test binaries through
`racegate run` and checks the gate: the race fails it; a baseline holding
the race passes it; so does a suppression; the SARIF report validates against
the official schema; the text report parses as FILE:LINE:COL; merging both
test binaries' reports leaves the race once. Then it builds the project again
with racegate as compiler and linker launcher and checks that the race keeps
its fingerprint across the two builds.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
DIAGNOSTIC = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
                        r"(?P<severity>error|warning|note): \S")
failures = []


def check(name, condition, detail=""):
    print(f"{'ok  ' if condition else 'FAIL'} {name}")
    if not condition:
        failures.append(name)
        if detail:
            print(f"     {str(detail)[:3000]}")


def run(command, **options):
    return subprocess.run(command, capture_output=True, text=True,
                          timeout=300, **options)


def must(command, what, **options):
    result = run(command, **options)
    if result.returncode != 0:
        print(f"FAIL {what}: exit {result.returncode}\n{result.stdout[-4000:]}"
              f"\n{result.stderr[-4000:]}")
        sys.exit(1)
    return result


def race_line(project):
    """The line of the racy statement, marked RACE in the source."""
    with open(os.path.join(project, "src", "tally.cpp"),
              encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if "// RACE" in line:
                return number
    sys.exit("src/tally.cpp has no // RACE marker")


def main():
    parser = argparse.ArgumentParser()
    for name in ("racegate", "cmake", "generator", "project", "schema",
                 "validator", "sarif-schema", "sarif-validator"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--clang", default="clang-14")
    parser.add_argument("--clangxx", default="clang++-14")
    options = parser.parse_args()
    racegate = options.racegate
    bin_dir = os.path.dirname(racegate)

    def valid_report(name, path):
        result = run([sys.executable, options.validator, options.schema, path])
        check(f"{name} matches the report schema", result.returncode == 0,
              result.stderr)
        with open(path, encoding="utf-8") as report:
            return json.load(report)

    with tempfile.TemporaryDirectory(prefix="racegate-integration-") as work:
        build = os.path.join(work, "build")
        reports = os.path.join(work, "ctest-reports")
        # The documented recipe: the wrappers as compilers, every test run
        # through racegate by CTest's emulator hook.
        must([options.cmake, "-S", options.project, "-B", build,
              "-G", options.generator,
              f"-DCMAKE_C_COMPILER={bin_dir}/racegate-cc",
              f"-DCMAKE_CXX_COMPILER={bin_dir}/racegate-c++",
              f"-DCMAKE_CROSSCOMPILING_EMULATOR={racegate};run;--format;text;"
              f"--report-dir;{reports};--"], "configure with the wrappers")
        must([options.cmake, "--build", build], "build with the wrappers")
        tally_test = os.path.join(build, "tally_test")
        summary_test = os.path.join(build, "summary_test")

        # 1. The race fails the gate.
        race_json = os.path.join(work, "race.json")
        gated = run([racegate, "run", "-o", race_json, "--", tally_test, "4"])
        check("racegate run fails on the race (exit 1)",
              gated.returncode == 1, gated.stderr)
        report = valid_report("the report", race_json)
        races = [f for f in report["findings"] if f["kind"] == "data_race"]
        line = race_line(options.project)
        check("the race is reported at the racy statement",
              len(races) == 1 and
              races[0]["location"]["file"].endswith("/src/tally.cpp") and
              races[0]["location"]["line"] == line, races[:1])

        # 2. A baseline holding the race lets the gate pass.
        with_baseline = run([racegate, "run", "--baseline", race_json,
                             "--format", "json", "--", tally_test, "4"])
        check("racegate run --baseline passes (exit 0)",
              with_baseline.returncode == 0, with_baseline.stderr)
        listed = json.loads(with_baseline.stdout or "{}").get("findings", [])
        check("the baseline race is still listed, marked",
              any(f["baseline"] and not f["fails_gate"] for f in listed),
              listed[:1])

        # 3. So does a suppression, in TSan's syntax or by source file.
        for rule in ("race:recordHit", "src:*/src/tally.cpp"):
            supp = os.path.join(work, "tally.supp")
            with open(supp, "w", encoding="utf-8") as supp_file:
                supp_file.write(f"# known race\n{rule}\n")
            suppressed = run([racegate, "run", "--suppressions", supp, "--",
                              tally_test, "4"])
            summary = json.loads(suppressed.stdout or "{}").get("summary", {})
            check(f"racegate run --suppressions ({rule}) passes (exit 0)",
                  suppressed.returncode == 0 and
                  summary.get("suppressed", 0) >= 1 and
                  summary.get("total") == 0, suppressed.stderr)

        # 4. The SARIF report validates against the official schema.
        sarif = os.path.join(work, "race.sarif")
        sarif_run = run([racegate, "run", "--format", "sarif", "-o", sarif,
                         "--", tally_test, "4"])
        check("SARIF run exit 1", sarif_run.returncode == 1, sarif_run.stderr)
        sarif_skipped = not os.path.isfile(options.sarif_schema)
        if sarif_skipped:
            print(f"SKIP SARIF validation: the official schema is not at "
                  f"{options.sarif_schema}")
        else:
            valid = run([sys.executable, options.sarif_validator,
                         options.sarif_schema, sarif])
            check("the SARIF report matches the official SARIF 2.1.0 schema",
                  valid.returncode == 0, valid.stderr)

        # GitHub code scanning's ingestion rules that can be checked here:
        # relative URIs with a declared base, fingerprints, rule metadata,
        # the documented limits.
        log = json.load(open(sarif, encoding="utf-8"))
        uris = []

        def collect(value):
            if isinstance(value, dict):
                if "artifactLocation" in value:
                    uris.append(value["artifactLocation"])
                for child in value.values():
                    collect(child)
            elif isinstance(value, list):
                for child in value:
                    collect(child)

        runs = log["runs"]
        for sarif_run_log in runs:
            collect(sarif_run_log["results"])
        bases = runs[0].get("originalUriBaseIds", {})
        check("SARIF URIs are relative, each with a declared uriBaseId",
              uris and all("://" not in u["uri"] and not
                           u["uri"].startswith("/") and
                           u.get("uriBaseId") in bases for u in uris) and
              all(b["uri"].startswith("file:///") and b["uri"].endswith("/")
                  for b in bases.values()),
              [u for u in uris if "://" in u["uri"]][:5])
        artifacts = [a["location"] for a in runs[0].get("artifacts", [])]
        check("SARIF artifactLocations index run.artifacts, naming the "
              "same uri; every artifact relative",
              artifacts and
              all(isinstance(u.get("index"), int) and
                  0 <= u["index"] < len(artifacts) and
                  artifacts[u["index"]]["uri"] == u["uri"] and
                  artifacts[u["index"]].get("uriBaseId") == u.get("uriBaseId")
                  for u in uris) and
              all("://" not in a["uri"] and a.get("uriBaseId") in bases
                  for a in artifacts),
              artifacts[:5])
        results = runs[0]["results"]
        rules = runs[0]["tool"]["driver"]["rules"]
        check("SARIF results have partialFingerprints and rule metadata",
              results and all(r.get("partialFingerprints") for r in results)
              and all(r.get("shortDescription") and r.get("help") and
                      r.get("fullDescription") for r in rules) and
              all(results[i]["ruleId"] == rules[r["ruleIndex"]]["id"]
                  for i, r in enumerate(results)))
        check("SARIF stays within GitHub's documented limits",
              len(runs) <= 20 and len(results) <= 25000 and
              len(rules) <= 25000 and
              all(len(r.get("relatedLocations", [])) <= 1000 and
                  len(r.get("locations", [])) <= 1000 for r in results))

        # 5. The text report parses as FILE:LINE:COL diagnostics.
        text = run([racegate, "run", "--format", "text", "--source-root",
                    options.project, "--", tally_test, "4"])
        diagnostics = [DIAGNOSTIC.match(l) for l in text.stdout.splitlines()]
        errors = [d for d in diagnostics if d and d["severity"] == "error"]
        unparsed = [l for l, d in zip(text.stdout.splitlines(), diagnostics)
                    if not d and l and not l.startswith(("  #", "racegate: "))]
        check("the text report parses as FILE:LINE:COL",
              text.returncode == 1 and len(errors) == 1 and not unparsed and
              errors[0]["file"] == "src/tally.cpp" and
              int(errors[0]["line"]) == line, text.stdout[:2000])
        # Relative to the source root; system headers by include name.
        missing = [d["file"] for d in diagnostics
                   if d and not d["file"].startswith("<") and
                   not os.path.isfile(os.path.join(options.project, d["file"]))]
        check("every note points at an existing file", not missing, missing)

        # 6. Both test binaries race at the same site: merged, it is one.
        summary_json = os.path.join(work, "summary.json")
        run([racegate, "run", "-o", summary_json, "--", summary_test])
        merged_json = os.path.join(work, "merged.json")
        merged_run = run([racegate, "merge", "-o", merged_json, race_json,
                          summary_json])
        merged = valid_report("the merged report", merged_json)
        inputs = [json.load(open(p, encoding="utf-8"))
                  for p in (race_json, summary_json)]
        fingerprints = [f["fingerprint"] for f in merged["findings"]]
        check("racegate merge de-duplicates the two binaries' race",
              merged_run.returncode == 1 and
              merged["summary"]["total"] == 1 and
              len(set(fingerprints)) == len(fingerprints) and
              merged["findings"][0]["count"] ==
              sum(r["findings"][0]["count"] for r in inputs) and
              sum(r["summary"]["total"] for r in inputs) == 2,
              merged["summary"])

        # 7. The CTest recipe: CTest runs each test through racegate, the
        #    race fails them, and the saved reports merge into one.
        ctest = shutil.which("ctest", path=os.path.dirname(options.cmake))
        suite = run([ctest or "ctest", "--test-dir", build])
        saved = sorted(os.listdir(reports)) if os.path.isdir(reports) else []
        check("ctest through racegate fails on the race",
              suite.returncode != 0 and "tally_test" in suite.stdout and
              len(saved) == 2, suite.stdout[-2000:])
        suite_merge = run([racegate, "merge", *[os.path.join(reports, s)
                                                for s in saved]])
        check("the suite's reports merge into one finding",
              suite_merge.returncode == 1 and
              json.loads(suite_merge.stdout or "{}").get("summary", {})
              .get("total") == 1, suite_merge.stderr)

        # 8. racegate as compiler and linker launcher, around plain clang.
        launched = os.path.join(work, "launched")
        must([options.cmake, "-S", options.project, "-B", launched,
              "-G", options.generator,
              f"-DCMAKE_C_COMPILER={options.clang}",
              f"-DCMAKE_CXX_COMPILER={options.clangxx}",
              f"-DCMAKE_C_COMPILER_LAUNCHER={racegate};cc",
              f"-DCMAKE_CXX_COMPILER_LAUNCHER={racegate};c++",
              f"-DCMAKE_C_LINKER_LAUNCHER={racegate};cc",
              f"-DCMAKE_CXX_LINKER_LAUNCHER={racegate};c++"],
             "configure with racegate as launcher")
        must([options.cmake, "--build", launched], "build with the launcher")
        relaunched = run([racegate, "run", "--", os.path.join(launched,
                                                              "tally_test")])
        again = json.loads(relaunched.stdout or "{}").get("findings", [])
        check("the launcher build finds the race with the same fingerprint",
              relaunched.returncode == 1 and
              [f["fingerprint"] for f in again] ==
              [f["fingerprint"] for f in races], again[:1])

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    if sarif_skipped:
        print("SKIP: all other checks passed, but SARIF was not validated")
        return SKIP
    return 0


if __name__ == "__main__":
    sys.exit(main())
