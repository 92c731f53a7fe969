# The Python twin of list_creation.cpp: the same sizes, the same report lines,
# so the page can plot both languages on one chart.
import json
import statistics
import sys
import time
from collections import deque


def build_list_append(n):
    items = []
    for i in range(n):
        items.append(i)
    return len(items)


def build_list_preallocated(n):
    items = [0] * n
    for i in range(n):
        items[i] = i
    return len(items)


def build_deque(n):
    items = deque()
    for i in range(n):
        items.append(i)
    return len(items)


def sizes_between(lo, hi):
    sizes, decade = [], 1
    while decade <= hi:
        sizes += [decade * s for s in (1, 2, 5) if lo <= decade * s <= hi]
        decade *= 10
    return sizes


def report(series, x, y, unit):
    point = {"kind": "point", "chart": "build", "series": series, "x": x, "y": y, "unit": unit}
    print("@cdd " + json.dumps(point), flush=True)


def median_ms(reps, work):
    work()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


args = dict(a.split("=", 1) for a in sys.argv[1:])
n_min, n_max, reps = int(float(args.get("n_min", 1000))), int(float(args.get("n_max", 10**7))), int(args.get("reps", 5))
ways = [("Python: list.append", build_list_append),
        ("Python: [0]*n, then assign", build_list_preallocated),
        ("Python: deque.append", build_deque)]
print(f"Building lists of n ints in Python, median of {reps} run{'' if reps == 1 else 's'} after a warm-up")
for n in sizes_between(n_min, n_max):
    for name, build in ways:
        ms = median_ms(reps, lambda: build(n))
        print(f"{n:>12} {name:>28} {ms:12.3f} ms")
        report(name, n, ms, "ms")
