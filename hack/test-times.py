"""The phase table of `make test` (hack/test.sh): usage: test-times.py PHASES_TSV WALL_SECONDS JSON_OUT.

PHASES_TSV has one line per phase: name, seconds, result, the phases that ran beside it, and the
folder of its reports under the TSV's folder (phases that ran together share one, named
a+b: its reports are counted once, on phase a's row). The tests are counted from those JUnit
reports; the suites of cluster tests (failsafe) and labs get a row of their own, since that is
where the time goes.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

COUNTS = ("tests", "failures", "errors", "skipped")


def suites(folder):
    """(path, testsuite element) of each JUnit report under folder."""
    for root, _, files in sorted(os.walk(folder)):
        for f in sorted(files):
            if f.startswith("TEST-") and f.endswith(".xml"):
                path = os.path.join(root, f)
                yield path, ET.parse(path).getroot()


def phase(name, seconds, result, beside, folder, reports_dir):
    p = {"phase": name, "seconds": int(seconds), "result": result, "beside": beside.split(",") if beside else [],
         "reports": None, "report_files": 0, "suites": []}
    p.update({c: 0 for c in COUNTS})
    if folder.split("+")[0] != name:
        return p
    for path, s in suites(os.path.join(reports_dir, folder)):
        p["reports"] = os.path.relpath(os.path.join(reports_dir, folder))
        p["report_files"] += 1
        counts = {c: int(s.get(c, 0)) for c in COUNTS}
        for c in COUNTS:
            p[c] += counts[c]
        if "failsafe-reports" in path or "labs-reports" in path:
            # A lab's cases are its runs under each shell ("... under zsh"): their times, by shell.
            shells = ", ".join(f"{c.get('name').rsplit(' ', 1)[-1]} {round(float(c.get('time', 0)))}s"
                               for c in s.iter("testcase") if " under " in c.get("name", ""))
            p["suites"].append({"suite": s.get("name", "").rsplit(".", 1)[-1], "seconds": round(float(s.get("time", 0))),
                                "shells": shells, **counts})
    return p


def main(tsv, wall, out):
    tsv, out = os.path.abspath(tsv), os.path.abspath(out)
    reports_dir = os.path.dirname(tsv)
    os.chdir(os.path.dirname(os.path.dirname(reports_dir)))  # paths are shown from the repository's root
    with open(tsv) as f:
        phases = [phase(*line.rstrip("\n").split("\t"), reports_dir) for line in f if line.strip()]
    total = {c: sum(p[c] for p in phases) for c in COUNTS}
    files = sum(p["report_files"] for p in phases)
    failed = [p["phase"] for p in phases if p["result"].startswith("FAILED")]
    row = "{:<24} {:>6}  {:<20} {:>5} {:>5} {:>5}  {}"
    print()
    print(row.format("phase", "time", "result", "tests", "fail", "skip", "reports / ran beside"))
    for p in phases:
        where = p["reports"] or ""
        if p["beside"]:
            where += (", " if where else "") + "beside " + ", ".join(p["beside"])
        counted = p["report_files"] > 0
        print(row.format(p["phase"], f"{p['seconds']}s", p["result"], *(
            (p["tests"], p["failures"] + p["errors"], p["skipped"]) if counted else ("-", "-", "-")), where))
        for s in p["suites"]:
            print(row.format("  " + s["suite"], f"{s['seconds']}s", "", s["tests"], s["failures"] + s["errors"], s["skipped"], s["shells"]))
    verdict = "FAILED: " + ", ".join(failed) if failed else "ok"
    print(row.format("total (wall clock)", f"{wall}s", verdict, total["tests"], total["failures"] + total["errors"],
                     total["skipped"], f"{files} JUnit reports in {os.path.relpath(reports_dir)}/<phase>/"))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"seconds": int(wall), "result": verdict, "reports": os.path.relpath(reports_dir), "report_files": files,
                   **total, "phases": phases}, f, indent=2)
    print(f"written to {os.path.relpath(out)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
