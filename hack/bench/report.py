#!/usr/bin/env python3
"""report.py RESULTS.tsv OUT.json: turns bench.sh's samples (key, value, note) into one table
(median, min-max, MET/MISSED against the target) and a JSON file with every sample."""
import json, statistics, sys
from collections import defaultdict

samples, notes = defaultdict(list), {}
for line in open(sys.argv[1]):
    key, value, note = (line.rstrip("\n").split("\t") + [""])[:3]
    try:
        samples[key].append(float(value))
    except ValueError:
        notes[key] = f"not measured: {note}" if value == "NA" else f"FAILED: {note}"

def stats(key):
    v = samples.get(key)
    return {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": len(v), "samples": v} if v else None

def pairs(a, b):  # pairwise ratios, runs alternated a, b, a, b: fair when the machine drifts
    r = [x / y for x, y in zip(samples.get(a, []), samples.get(b, [])) if y]
    return {"median": statistics.median(r), "min": min(r), "max": max(r), "runs": len(r), "samples": r} if r else None

# figure, podlab key (or ratio), podinfo key, target op and value, unit
FIGURES = [
    ("app-service process start to readiness UP", "start.app", "start.podinfo", "<=", 1.0, "s"),
    ("RSS idle, 2 s after ready", "rss_idle.app", "rss_idle.podinfo", None, None, "MB"),
    ("RSS after 35 s of load (5 s warm-up + runs)", "rss_load.app", "rss_load.podinfo", "<=", 120, "MB"),
    ("GET /api/info (podinfo: GET /), 32 conn, 10 s", "rps.app", "rps.podinfo", None, None, "req/s"),
    ("  throughput, podlab / podinfo (paired runs)", ("rps.app", "rps.podinfo"), None, ">=", 0.8, "x"),
    ("p99 latency under that load", "p99.app", "p99.podinfo", None, None, "ms"),
    ("  p99, podlab / podinfo (paired runs)", ("p99.app", "p99.podinfo"), None, "<=", 2.0, "x"),
    ("app-service image, uncompressed", "image.app", None, "<=", 150, "MB"),
    ("sidecar-logger image, uncompressed", "image.sidecar", None, "<=", 100, "MB"),
    ("kind load of both images, 3 nodes", "kind_load", None, "<=", 10, "s"),
    ("sidecar shipping, rotation every 10 MB", "sidecar.rate", None, ">=", 100000, "lines/s"),
    ("  sidecar lines lost (of 1M a run)", "sidecar.lost", None, "<=", 0, "lines"),
    ("  sidecar RSS peak while shipping", "sidecar.rss", None, "<=", 64, "MB"),
    ("make deploy warm, to all app pods Ready", "deploy_warm", None, "<=", 60, "s"),
    ("make deploy cold", "deploy_cold", None, "<=", None, "s"),
]

def fmt(s, unit):
    if s is None:
        return None
    p = (lambda x: f"{x:.0f}") if unit in ("req/s", "lines/s", "lines") else (lambda x: f"{x:.2f}" if unit in ("s", "x", "ms") else f"{x:.1f}")
    return p(s["median"]) if s["runs"] == 1 or s["min"] == s["max"] else f"{p(s['median'])} ({p(s['min'])}-{p(s['max'])})"

rows, out = [], {"figures": [], "load_average": [samples.get("meta.load"), samples.get("meta.load_end")]}
for name, key, ref, op, target, unit in FIGURES:
    s = pairs(*key) if isinstance(key, tuple) else stats(key)
    r = stats(ref) if ref else None
    k = key[0] if isinstance(key, tuple) else key
    if s is None:
        verdict, value = ("FAILED" if notes.get(k, "").startswith("FAILED") else "-"), notes.get(k, "not measured")
    else:
        value = fmt(s, unit)
        verdict = "-" if op is None else ("MET" if (s["median"] <= target if op == "<=" else s["median"] >= target) else "MISSED")
    tgt = "-" if op is None or target is None else f"{op} {target:g} {unit}"
    rows.append((name, f"{value} {unit}" if s else value, f"{fmt(r, unit)} {unit}" if r else "-", tgt, verdict))
    out["figures"].append({"figure": name, "key": k, "unit": unit, "podlab": s, "podinfo": r,
                           "target": None if tgt == "-" else tgt, "verdict": verdict, "note": notes.get(k)})

head = ("figure", "podlab: median (min-max)", "podinfo, same run", "target", "")
w = [max(len(str(row[i])) for row in rows + [head]) for i in range(5)]
print("| " + " | ".join(h.ljust(w[i]) for i, h in enumerate(head)) + " |")
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for row in rows:
    print("| " + " | ".join(str(c).ljust(w[i]) for i, c in enumerate(row)) + " |")
la = out["load_average"]
print(f"load average at start / end: {la[0] and la[0][0]} / {la[1] and la[1][0]} (2 cores: above 2 the figures are slowed by other work)")
json.dump(out, open(sys.argv[2], "w"), indent=1)
print(f"written: {sys.argv[2]}")
