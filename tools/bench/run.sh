#!/usr/bin/env bash
# All benchmarks (after npm run build). Each prints Markdown tables of medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
for bench in tools/bench/*.mjs tools/bench/*/run.mjs; do
  case "$bench" in */stats.mjs|*/program-runs.mjs|*'*'*) continue ;; esac
  echo "## $bench"
  node "$bench"
done
