#!/usr/bin/env python3
"""sidecar.py DIR STATS_URL CONTAINER: writes 1M numbered lines to DIR/app.log the way the app's
log handler does (rotation every 10 MB: app.log -> app.log.1 -> ...; 20 generations kept, so none
is deleted before it is read), waits until the sidecar's /stats counts them all shipped, then
counts the distinct numbers in `docker logs CONTAINER`. Prints: lines/s (first write to last
shipped) and lines lost."""
import json, os, subprocess, sys, time, urllib.request

LINES, MAX_BYTES, BACKUPS, BATCH = 1_000_000, 10 * 1024 * 1024, 20, 1000
dir_, stats_url, container = sys.argv[1:4]
path = os.path.join(dir_, "app.log")
pad = "x" * 60

def shipped():
    with urllib.request.urlopen(stats_url, timeout=2) as r:
        return json.load(r)["linesShipped"]

def rotate():
    for i in range(BACKUPS - 1, 0, -1):
        if os.path.exists(f"{path}.{i}"):
            os.replace(f"{path}.{i}", f"{path}.{i + 1}")
    os.replace(path, f"{path}.1")

t0 = time.monotonic()
out, size = open(path, "ab"), 0
for start in range(0, LINES, BATCH):
    chunk = "".join(f'{{"level":"INFO","seq":{n},"message":"bench line {pad}"}}\n'
                    for n in range(start, start + BATCH)).encode()
    if size >= MAX_BYTES:
        out.close(); rotate(); out, size = open(path, "ab"), 0
    out.write(chunk); out.flush(); size += len(chunk)
out.close()
deadline = time.monotonic() + 120
while shipped() < LINES:
    if time.monotonic() > deadline:
        sys.exit(f"sidecar shipped {shipped()} of {LINES} lines in 120 s")
    time.sleep(0.005)
elapsed = time.monotonic() - t0

def numbers():
    out = subprocess.run(["docker", "logs", container], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
    return {int(l[i + 6:l.index(b",", i)]) for l in out.splitlines() if (i := l.find(b'"seq":')) >= 0}

# docker's log copier may still be behind the flushed stdout: read until the count stops growing
seen, last = numbers(), -1
while len(seen) < LINES and len(seen) != last:
    time.sleep(1)
    last, seen = len(seen), numbers()
print(f"{LINES / elapsed:.0f} {LINES - len(seen & set(range(LINES)))}")
