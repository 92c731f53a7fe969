#!/usr/bin/env bash
# Seeded fuzzing under AddressSanitizer + UndefinedBehaviorSanitizer (see tests/fuzz/README.md):
# every entry point that reads outside bytes -- the Maelstrom codec, kvnode's stdin, kvcheck's
# history reader -- runs over its corpus (tests/fuzz/corpus/<target>/), then over mutated
# entries, a fixed number of inputs chosen by the seed. Same seed and count, same inputs.
#   tools/fuzz.sh [--seed S] [--runs N] [target...]    (default: seed 1, each target's own count)
# Builds the drivers in build/asan. A finding stops the run with the sanitizer's report; the
# input is saved in build/asan/fuzz/crashes/ and the command to replay it is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${CDD_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Inputs per target by default: each takes one to two minutes on a busy 2-core machine.
declare -A default_runs=([codec]=300000 [history]=100000 [kvnode]=3000)
targets=()
seed=1
runs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    codec | history | kvnode) targets+=("$1"); shift ;;
    *) echo "usage: tools/fuzz.sh [--seed S] [--runs N] [codec|history|kvnode ...]" >&2; exit 64 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(codec history kvnode)

dir=build/asan
echo "build: fuzz drivers ($dir, -fsanitize=address,undefined)"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DCDD_SANITIZE=address,undefined -DCDD_FUZZ=ON >/dev/null
cmake --build "$dir" -j"$jobs" --target "${targets[@]/#/fuzz_}"

crashes=$dir/fuzz/crashes
mkdir -p "$crashes"
# abort_on_error: a report ends in SIGABRT, which the driver catches to save the input first.
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:halt_on_error=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1"
for target in "${targets[@]}"; do
  "$dir/fuzz/fuzz_$target" --corpus "tests/fuzz/corpus/$target" --seed "$seed" \
    --runs "${runs:-${default_runs[$target]}}" --crash-dir "$crashes"
done
