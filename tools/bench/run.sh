#!/usr/bin/env bash
# All benchmarks (after npm run build). Each prints Markdown tables of medians.
#   npm run bench                      every benchmark
#   npm run bench -- claims --runs 1   one benchmark (tools/bench/claims.mjs), with its options
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -gt 0 ]; then
  bench="tools/bench/$1.mjs"
  [ -f "$bench" ] || bench="tools/bench/$1/run.mjs"
  [ -f "$bench" ] || { echo "no benchmark named $1 in tools/bench/" >&2; exit 2; }
  shift
  exec node "$bench" "$@"
fi
for bench in tools/bench/*.mjs tools/bench/*/run.mjs; do
  case "$bench" in */stats.mjs|*/program-runs.mjs|*/compile-reference.mjs|*'*'*) continue ;; esac
  echo "## $bench"
  node "$bench"
done
