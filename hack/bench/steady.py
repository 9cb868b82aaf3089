#!/usr/bin/env python3
"""steady.py URL RATE COUNT: sends COUNT GETs to URL at a steady RATE per second, each on a new TCP
connection (HTTP/1.0, as the failover tests send), and prints their p99 latency in ms (connect to
last byte). Exits non-zero when any request fails or answers other than 200: a failed request is
not a fast one."""
import math, socket, sys, threading, time
from urllib.parse import urlsplit

url, rate, count = urlsplit(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
request = f"GET {url.path or '/'} HTTP/1.0\r\nHost: {url.netloc}\r\n\r\n".encode()
latencies, errors = [], []

def one():
    t0 = time.perf_counter()
    try:
        with socket.create_connection((url.hostname, url.port), timeout=5) as s:
            s.sendall(request)
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
    except OSError as e:
        errors.append(repr(e))
        return
    if not answer.startswith((b"HTTP/1.0 200", b"HTTP/1.1 200")):
        errors.append(answer[:60].decode(errors="replace"))
        return
    latencies.append((time.perf_counter() - t0) * 1000)

# Open loop: each request starts on its own schedule, so one slow answer does not delay the next.
threads, start = [], time.perf_counter()
for i in range(count):
    time.sleep(max(0.0, start + i / rate - time.perf_counter()))
    threads.append(threading.Thread(target=one))
    threads[-1].start()
for t in threads:
    t.join()
if errors:
    sys.exit(f"{len(errors)} of {count} requests to {sys.argv[1]} failed, e.g. {errors[0]}")
print(f"{sorted(latencies)[math.ceil(0.99 * count) - 1]:.3f}")
