# The Python twin of search_missing.cpp: linear search (`in` on a list), binary
# search (bisect) and a set, for an item that is not there.
import bisect
import json
import statistics
import sys
import time


def sizes_between(lo, hi):
    sizes, decade = [], 1
    while decade <= hi:
        sizes += [decade * s for s in (1, 2, 5) if lo <= decade * s <= hi]
        decade *= 10
    return sizes


def report(series, x, y, unit):
    point = {"kind": "point", "chart": "search", "series": series, "x": x, "y": y, "unit": unit}
    print("@cdd " + json.dumps(point), flush=True)


def ms_per_search_in_turns(reps, searches):
    """ms per search for each (queries, contains) pair. As in the C++, they take
    turns, each round timing one call of each, so a slow moment lands on all."""
    def work(queries, contains):
        return sum(contains(-1 - q) for q in range(queries))
    for search in searches:
        work(*search)  # warm-up
    times = [[] for _ in searches]
    for _ in range(reps):
        for samples, search in zip(times, searches):
            start = time.perf_counter()
            found = work(*search)
            samples.append((time.perf_counter() - start) * 1000)
            assert found == 0, "found an item that is not in the list"
    return [statistics.median(samples) / queries for samples, (queries, _) in zip(times, searches)]


def binary_contains(items, wanted):
    i = bisect.bisect_left(items, wanted)
    return i < len(items) and items[i] == wanted


# Elements the scan looks at per timed call, as in the C++: at small n one call
# makes many scans, so the call's own cost is shared out rather than charged
# to a single scan (at n = 1 it would dwarf the scan).
ELEMENTS_PER_CALL = 10000

args = dict(a.split("=", 1) for a in sys.argv[1:])
n_min, n_max, reps = int(float(args.get("n_min", 1000))), int(float(args.get("n_max", 10**7))), int(args.get("reps", 5))
print(f"Searching for an item that is not there in Python, median of {reps} run{'' if reps == 1 else 's'}")
print(f"{'n':>12} {'linear (ms)':>16} {'binary (ms)':>16} {'set (ms)':>16}")
for n in sizes_between(n_min, n_max):
    items = list(range(n))
    as_set = set(items)
    linear, binary, hashed = ms_per_search_in_turns(reps, [
        (max(1, ELEMENTS_PER_CALL // n), lambda x: x in items),
        (1000, lambda x: binary_contains(items, x)),
        (1000, lambda x: x in as_set),
    ])
    print(f"{n:>12} {linear:16.6f} {binary:16.6f} {hashed:16.6f}")
    report("Python: linear search", n, linear, "ms")
    report("Python: binary search (bisect)", n, binary, "ms")
    report("Python: set", n, hashed, "ms")
