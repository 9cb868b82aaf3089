#!/usr/bin/env python3
"""report.py RESULTS.tsv OUT.json: turns bench.sh's samples (key, value, note) into one table
(median, min-max, MET/MISSED against the target) and a JSON file with every sample.
A figure is FAILED when any of its keys was recorded FAILED (even beside good samples: a step that
failed part-way), holds a value that is no measurement (empty, not a number, zero or negative), or
has no sample at all. FAILED overrides MET. Exits 1 after printing the whole table when any figure
FAILED."""
import json, math, statistics, sys
from collections import defaultdict

# Counts, where 0 is a real measurement; every other figure is a time, size or rate, never 0.
COUNTS = {"sidecar.lost", "deploy_rebuilt"}

# figure, podlab key (or a ratio of two keys), podinfo key, target op and value, unit
FIGURES = [
    ("process start to readiness UP", "start.app", "start.podinfo", "<=", 0.8, "s"),
    ("RSS idle, 2 s after ready", "rss_idle.app", "rss_idle.podinfo", None, None, "MB"),
    ("RSS after load (5 s warm-up + LOAD_RUNS x 10 s)", "rss_load.app", "rss_load.podinfo", "<=", 120, "MB"),
    ("GET /api/info (podinfo: GET /), 32 conn, 10 s", "rps.app", "rps.podinfo", None, None, "req/s"),
    ("  throughput, podlab / podinfo (paired runs)", ("rps.app", "rps.podinfo"), None, ">=", 0.8, "x"),
    ("p99 latency under that load", "p99.app", "p99.podinfo", None, None, "ms"),
    ("  p99 under load, podlab / podinfo (paired runs)", ("p99.app", "p99.podinfo"), None, "<=", 1.5, "x"),
    ("p99 at 50 req/s, a new connection per request", "steady.app", "steady.podinfo", None, None, "ms"),
    ("  p99 at 50 req/s, podlab / podinfo (paired runs)", ("steady.app", "steady.podinfo"), None, "<=", 1.5, "x"),
    ("first 100 requests of a new process, p99 (50 req/s)", "first100.app", "first100.podinfo", None, None, "ms"),
    ("  first 100 / steady p99, same process", ("first100.app", "steady.app"), None, "<=", 3, "x"),
    ("app-service image, uncompressed", "image.app", None, "<=", 150, "MB"),
    ("sidecar-logger image, uncompressed", "image.sidecar", None, "<=", 100, "MB"),
    ("kind load of both images, 3 nodes", "kind_load", None, "<=", 10, "s"),
    ("sidecar shipping, rotation every 10 MB", "sidecar.rate", None, ">=", 100000, "lines/s"),
    ("  sidecar lines lost (of 1M a run)", "sidecar.lost", None, "<=", 0, "lines"),
    ("  sidecar RSS peak while shipping", "sidecar.rss", None, "<=", 64, "MB"),
    ("make deploy warm, to all app pods Ready", "deploy_warm", None, "<=", 30, "s"),
    ("  images rebuilt by a warm make deploy", "deploy_rebuilt", None, "<=", 0, "images"),
    ("make deploy cold", "deploy_cold", None, None, None, "s"),
    ("make workshop-up of 30 attendees, whole command", "workshop_up", None, "<=", 60, "s"),
]


def read(path):
    """samples per key, and per key the reasons it FAILED and the reason it was not measured (NA)."""
    samples, failed, na = defaultdict(list), defaultdict(list), {}
    for line in open(path):
        key, value, note = (line.rstrip("\n").split("\t") + ["", ""])[:3]
        if value == "FAILED":
            failed[key].append(note or "failed")
        elif value == "NA":
            na[key] = note
        else:
            try:
                v = float(value)
            except ValueError:
                v = None
            if key.startswith("meta."):  # load averages: context, not figures
                samples[key].append(v)
            elif v is None or not math.isfinite(v) or v < 0 or (v == 0 and key not in COUNTS):
                failed[key].append(f"no measurement: {value!r}")
            else:
                samples[key].append(v)
    return samples, failed, na


def summary(v):
    return {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": len(v), "samples": v} if v else None


def fmt(s, unit):
    p = (lambda x: f"{x:.0f}") if unit in ("req/s", "lines/s", "lines", "images") else (lambda x: f"{x:.2f}" if unit in ("s", "x", "ms") else f"{x:.1f}")
    return p(s["median"]) if s["runs"] == 1 or s["min"] == s["max"] else f"{p(s['median'])} ({p(s['min'])}-{p(s['max'])})"


def report(results, out_json):
    samples, failed, na = read(results)
    rows, out = [], {"figures": [], "load_average": [samples.get("meta.load"), samples.get("meta.load_end")]}
    for name, key, ref, op, target, unit in FIGURES:
        keys = list(key) if isinstance(key, tuple) else [key]
        if isinstance(key, tuple):  # pairwise ratios, runs alternated a, b, a, b: fair when the machine drifts
            s = summary([x / y for x, y in zip(samples.get(key[0], []), samples.get(key[1], [])) if y])
        else:
            s = summary(samples.get(key))
        r = summary(samples.get(ref)) if ref else None
        reasons = [f"{k}: {why}" for k in keys + ([ref] if ref else []) for why in failed.get(k, [])]
        k = keys[0]
        if reasons:
            verdict, note = "FAILED", "FAILED: " + "; ".join(dict.fromkeys(reasons))
        elif s is None and k in na and op is None:
            verdict, note = "-", f"not measured: {na[k]}"
        elif s is None:
            verdict, note = "FAILED", f"FAILED: not measured{': ' + na[k] if k in na else ''}"
        else:
            note = None
            verdict = "-" if op is None else ("MET" if (s["median"] <= target if op == "<=" else s["median"] >= target) else "MISSED")
        value = note if verdict == "FAILED" or s is None else f"{fmt(s, unit)} {unit}"
        tgt = "-" if op is None else f"{op} {target:g} {unit}"
        rows.append((name, value, f"{fmt(r, unit)} {unit}" if r else "-", tgt, verdict))
        out["figures"].append({"figure": name, "key": k, "unit": unit, "podlab": s, "podinfo": r,
                               "target": None if tgt == "-" else tgt, "verdict": verdict, "note": note})

    head = ("figure", "podlab: median (min-max)", "podinfo, same run", "target", "")
    w = [max(len(str(row[i])) for row in rows + [head]) for i in range(5)]
    print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(head)) + " |")
    print("|" + "|".join("-" * (x + 2) for x in w) + "|")
    for row in rows:
        print("| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(row)) + " |")
    la = out["load_average"]
    print(f"load average at start / end: {la[0] and la[0][0]} / {la[1] and la[1][0]} (2 cores: above 2 the figures are slowed by other work)")
    with open(out_json, "w") as f:
        json.dump(out, f, indent=1)
    print(f"written: {out_json}")
    failed_rows = [row[0].strip() for row in rows if row[4] == "FAILED"]
    if failed_rows:
        print(f"FAILED, not measured: {', '.join(failed_rows)}", file=sys.stderr)
    return 1 if failed_rows else 0


if __name__ == "__main__":
    sys.exit(report(sys.argv[1], sys.argv[2]))
