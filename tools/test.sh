#!/usr/bin/env bash
# Every test, after tools/build.sh: native C++ (ctest), WebAssembly under node,
# then the page in headless Chromium. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

echo "== native C++ tests (ctest)"
ctest --test-dir build/native --output-on-failure -j"$jobs"

echo "== WebAssembly tests (node)"
node --test --test-concurrency=1 tests/wasm/

echo "== browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
