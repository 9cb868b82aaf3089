#!/usr/bin/env python3
"""probe.py PID URL [TIMEOUT_S]: polls URL every 10 ms until it answers 200, then prints
seconds from the start of process PID (its start time in /proc, same clock) and its VmRSS in kB."""
import os, sys, time, urllib.request

pid, url = int(sys.argv[1]), sys.argv[2]
timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
ticks = os.sysconf("SC_CLK_TCK")
with open(f"/proc/{pid}/stat") as f:
    # field 22 (starttime) counts clock ticks since boot, like CLOCK_BOOTTIME
    started = int(f.read().rsplit(")", 1)[1].split()[19]) / ticks
deadline = time.monotonic() + timeout
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            if r.status == 200:
                ready = time.clock_gettime(time.CLOCK_BOOTTIME)
                break
    except OSError:
        pass
    time.sleep(0.01)
else:
    sys.exit(f"{url} not ready after {timeout}s")
rss = next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:"))
print(f"{ready - started:.3f} {rss}")
