#!/usr/bin/env bash
# Every test, repeated, with every core kept busy (not part of `npm test`; long: an hour or more).
# Tests must give the same verdict on a loaded machine; this is where that is checked.
#   tools/stress-test.sh [--no-build] [--no-load] [--stages a,b,...] [--fuzz-runs N]
# Stages, in order (--stages picks some):
#   build     tools/build.sh (incremental; before the load starts; --no-build skips it)
#   ctest     the native tests three times (ctest --repeat until-fail:3)
#   wasm      the WebAssembly tests under node, twice
#   e2e       the browser tests in headless Chromium, once
#   sanitize  tools/test-sanitize.sh: ASan + UBSan and TSan builds and tests
#   fuzz      tools/fuzz.sh: seeded fuzzing under ASan + UBSan (--fuzz-runs N inputs per target)
# Before the first loaded stage it starts one busy loop per core (--no-load: none) and ends
# them when the script exits, whether it succeeds, fails or is interrupted. Every stage runs
# even if an earlier one failed; the exit status is non-zero if any failed, and a table of
# stage, result and seconds ends the output. Logs: build/stress/<stage>.log.
set -uo pipefail
cd "$(dirname "$0")/.."

all_stages=(build ctest wasm e2e sanitize fuzz)
stages=("${all_stages[@]}")
load=1
fuzz_args=()
usage() {
  local IFS=,
  echo "usage: tools/stress-test.sh [--no-build] [--no-load] [--stages ${all_stages[*]}] [--fuzz-runs N]" >&2
  exit 64
}
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) stages=("${stages[@]/build/}"); shift ;;
    --no-load) load=0; shift ;;
    --stages) [ $# -ge 2 ] || usage; IFS=, read -r -a stages <<<"$2"; shift 2 ;;
    --fuzz-runs) [ $# -ge 2 ] || usage; fuzz_args=(--runs "$2"); shift 2 ;;
    *) usage ;;
  esac
done
for s in "${stages[@]}"; do
  [ -z "$s" ] || [[ " ${all_stages[*]} " == *" $s "* ]] || { echo "unknown stage '$s'" >&2; usage; }
done

# ---- the load: one busy loop per core, ended on any exit ----
busy_pids=()
start_load() {
  local cores i
  cores=$(nproc 2>/dev/null || echo 2)
  for ((i = 0; i < cores; i++)); do
    ( while :; do :; done ) &
    busy_pids+=($!)
  done
  echo "stress: ${#busy_pids[@]} busy loop(s) started (pids ${busy_pids[*]})"
}
stop_load() {
  [ ${#busy_pids[@]} -gt 0 ] || return 0
  kill "${busy_pids[@]}" 2>/dev/null
  wait "${busy_pids[@]}" 2>/dev/null
  echo "stress: busy loop(s) ${busy_pids[*]} ended"
  busy_pids=()
}
# Each stage runs in its own process group (set -m), so an interrupt or a kill of this
# script can end the whole stage (ctest, node, Chromium, ...) and not just wait for it.
stage_group=""
on_signal() {
  echo "stress: $1"
  [ -z "$stage_group" ] || kill -TERM -- "-$stage_group" 2>/dev/null
  exit "$2"
}
trap stop_load EXIT
trap 'on_signal interrupted 130' INT
trap 'on_signal terminated 143' TERM

# ---- stages ----
stage_build() { bash tools/build.sh; }
stage_ctest() { ctest --test-dir build/native --output-on-failure --repeat until-fail:3 -j"$(nproc 2>/dev/null || echo 2)"; }
stage_wasm() {
  local run
  for run in 1 2; do
    echo "== WebAssembly tests, run $run of 2"
    node --test --test-concurrency=1 tests/wasm/ || return 1
  done
}
stage_e2e() { node --test --test-concurrency=2 tests/e2e/; }  # two files at a time, as tools/test.sh runs them
stage_sanitize() { bash tools/test-sanitize.sh all; }
stage_fuzz() { bash tools/fuzz.sh "${fuzz_args[@]}"; }

names=()
results=()
seconds=()
failed=0
mkdir -p build/stress
run_stage() {
  local name=$1 start status
  echo
  echo "======== stage $name"
  start=$SECONDS
  set -m
  ( "stage_$name" 2>&1 | tee "build/stress/$name.log"; exit "${PIPESTATUS[0]}" ) &
  stage_group=$!
  set +m
  wait "$stage_group"
  status=$?
  stage_group=""
  names+=("$name")
  seconds+=($((SECONDS - start)))
  if [ "$status" = 0 ]; then results+=(ok); else results+=("FAILED ($status)"); failed=1; fi
}

for s in "${stages[@]}"; do
  [ -n "$s" ] || continue
  if [ "$s" != build ] && [ "$load" = 1 ] && [ ${#busy_pids[@]} = 0 ]; then start_load; fi
  run_stage "$s"
done
stop_load

echo
printf '%-10s %-12s %8s\n' stage result seconds
for i in "${!names[@]}"; do printf '%-10s %-12s %8s\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}"; done
[ "$failed" = 0 ] && echo "stress: every stage passed" || echo "stress: some stage FAILED (logs in build/stress/)"
exit $failed
